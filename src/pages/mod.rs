//! One module per routed page.

pub mod content;
pub mod group;
pub mod groups;
pub mod home;
pub mod new_group;
pub mod not_found;
