//! The form's draft, and the answer to the request sent, kept in this tab's sessionStorage
//! (gloo-storage), so that a reload loses neither. Storage may be missing (disabled, private
//! modes) or full: then the draft is simply not kept, and the form works as before.

use gloo_storage::{SessionStorage, Storage};

use super::{
    draft::{Draft, STORAGE_KEY},
    received::Received,
};

/// Where the answer to a sent request is kept, so that a reload still shows its reference.
const RECEIVED_KEY: &str = "groups-portal.new-group-received.v1";

/// The draft saved in this tab, if there is a readable one.
pub fn load_draft() -> Option<Draft> {
    SessionStorage::get::<Draft>(STORAGE_KEY).ok()?.restored()
}

/// Saves the draft; a failure (no storage, quota exceeded) is ignored on purpose.
pub fn save_draft(draft: &Draft) {
    let _ = SessionStorage::set(STORAGE_KEY, draft);
}

pub fn clear_draft() {
    SessionStorage::delete(STORAGE_KEY);
}

/// The request this tab sent last, until the visitor starts another.
pub fn load_received() -> Option<Received> {
    SessionStorage::get::<Received>(RECEIVED_KEY).ok().filter(|r| !r.id.is_empty())
}

pub fn save_received(received: &Received) {
    let _ = SessionStorage::set(RECEIVED_KEY, received);
}

pub fn clear_received() {
    SessionStorage::delete(RECEIVED_KEY);
}
