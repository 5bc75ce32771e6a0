//! The world map: the interactive component with its pan/zoom controller, marker layer and
//! card. The arithmetic is groups-core's, shared with the server's static maps: the projection
//! (`geo`), which part of the world is shown (`viewport`) and marker clustering (`cluster`).

pub mod card;
pub mod labels;
pub mod markers;
pub mod pan_zoom;
pub mod view;
