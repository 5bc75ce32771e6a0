//! The groups directory: `groups.json` loaded once, the filter controls, the list, the
//! `/groups` page and each group's page. The filters with their URL codec and search are
//! `groups_core::filter`'s, which the server's page for readers without JavaScript applies too.
//!
//! The records and their rules are `groups_core::directory`'s, shared with the server.

pub mod chosen;
pub mod filters;
pub mod group_page;
pub mod list;
pub mod load;
pub mod model;
pub mod page;
pub mod place;
pub mod state;
