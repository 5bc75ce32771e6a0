//! Asking to start a group: the page at `/new-group` and its form (`form/`, a file per part),
//! the draft (`draft`) kept in the tab across reloads (`session_store`), the groups already
//! near (`nearby`, shown by `nearby_list`), what to do with each answer of the inbox
//! (`retry_policy`), the inbox's HTTP calls (`inbox_client`) and the answer shown
//! (`received`). The request and its rules are `groups_core`'s, shared with the server.

pub mod draft;
pub mod error_summary;
pub mod fields;
pub mod form;
pub mod inbox_client;
pub mod late;
pub mod link_slots;
pub mod nearby;
pub mod nearby_list;
pub mod page;
pub mod received;
pub mod retry_policy;
pub mod session_store;

/// The terms this build's form shows and the inbox checks: the privacy page's version with
/// the consent text.
pub const TERMS: groups_core::consent::Terms =
    groups_core::consent::Terms { policy_version: crate::pages::lookup::PRIVACY_POLICY_VERSION };
