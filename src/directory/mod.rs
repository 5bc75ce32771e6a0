//! The directory feature of the app: `groups.json` loaded once (`load`, `model`, `state`, which
//! the other features that show groups use too), the filter controls and the address they are
//! written into (`filters`, `chosen`), the list, the `/groups` page (`page`, `place`) and each
//! group's page (`group_page`). The filters with their URL codec and search are
//! `groups_core::filter`'s, which the server's page for readers without JavaScript applies too.
//!
//! Not to be confused with `groups_core::directory` (the records and their rules, shared with
//! the server) nor with the server's `directory` (the database that keeps them).

pub mod chosen;
pub mod filters;
pub mod group_page;
pub mod list;
pub mod load;
pub mod model;
pub mod my_location;
pub mod near;
pub mod page;
pub mod place;
pub mod search_box;
pub mod state;
