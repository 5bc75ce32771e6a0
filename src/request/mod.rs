//! Asking to start a group: the form at `/new-group`, its draft kept across reloads, the
//! nearby-groups check, and sending to the inbox with retries. The request and its rules are
//! `groups_core`'s, shared with the server.

pub mod draft;
pub mod error_summary;
pub mod fields;
pub mod form;
pub mod inbox;
pub mod late;
pub mod nearby;
pub mod nearby_groups;
pub mod page;
pub mod received;
pub mod sending;
pub mod storage;

/// The terms this build's form shows and the inbox checks: the privacy page's version with
/// the consent text.
pub const TERMS: groups_core::consent::Terms =
    groups_core::consent::Terms { policy_version: crate::pages::lookup::PRIVACY_POLICY_VERSION };
