//! The form's draft in this tab's sessionStorage (gloo-storage). Storage may be missing
//! (disabled, private modes) or full: then the draft is simply not kept, and the form works
//! as before.

use gloo_storage::{SessionStorage, Storage};

use super::draft::{Draft, STORAGE_KEY};

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
