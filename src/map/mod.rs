//! The world map: its view (which part of the world, how large), marker clustering and the
//! interactive component. The projection is `groups_core::geo`'s, which also draws the land.

pub mod cluster;
pub mod view;
pub mod viewport;
