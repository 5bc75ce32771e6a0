//! The world map: its view (which part of the world, how large), marker clustering, and the
//! interactive component with its pan/zoom controller, marker layer and card. The projection
//! is `groups_core::geo`'s, which also draws the land.

pub mod card;
pub mod cluster;
pub mod markers;
pub mod pan_zoom;
pub mod view;
pub mod viewport;
