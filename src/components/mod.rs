//! Reusable views shared by several pages: the page shell and its parts.

pub mod directory_state;
pub mod dom;
pub mod filters;
pub mod focus;
pub mod footer;
pub mod group_list;
pub mod map;
pub mod header;
pub mod shell;
pub mod title;
