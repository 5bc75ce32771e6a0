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
