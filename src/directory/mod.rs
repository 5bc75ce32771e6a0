//! The groups directory: `groups.json` loaded once, the filters with their URL codec and
//! search, the filter controls, the list, the `/groups` page and each group's page.
//!
//! The records and their rules are `groups_core::directory`'s, shared with the server.

pub mod filter;
pub mod filters;
pub mod group_page;
pub mod list;
pub mod load;
pub mod model;
pub mod page;
pub mod place;
pub mod state;
