//! The form's draft in sessionStorage. Storage may be missing (disabled, private modes) or
//! full: then the draft is simply not kept, and the form works as before.

use crate::{
    data::to_json,
    draft::{Draft, STORAGE_KEY},
};

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// The draft saved in this tab, if there is a readable one.
pub fn load_draft() -> Option<Draft> {
    let text = session()?.get_item(STORAGE_KEY).ok()??;
    let value = js_sys::JSON::parse(&text).ok()?;
    Draft::from_json(&to_json(&value))
}

/// Saves the draft; a failure (no storage, quota exceeded) is ignored on purpose.
pub fn save_draft(draft: &Draft) {
    if let Some(storage) = session() {
        let _ = storage.set_item(STORAGE_KEY, &draft.to_json().to_string());
    }
}

pub fn clear_draft() {
    if let Some(storage) = session() {
        let _ = storage.remove_item(STORAGE_KEY);
    }
}
