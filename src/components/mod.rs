//! Reusable views shared by several pages: the page shell and its parts.

pub mod directory_state;
pub mod dom;
pub mod error_summary;
pub mod filters;
pub mod focus;
pub mod footer;
pub mod form_field;
pub mod group_list;
pub mod map;
pub mod nearby_groups;
pub mod request_form;
pub mod request_received;
pub mod header;
pub mod shell;
pub mod title;
