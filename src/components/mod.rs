//! Reusable views shared by several pages: the page shell and its parts.

pub mod focus;
pub mod footer;
pub mod header;
pub mod shell;
pub mod title;
