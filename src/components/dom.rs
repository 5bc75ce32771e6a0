//! Small DOM helpers for views that handle many items through one listener and mark the
//! highlighted one directly, rather than giving every item listeners and reactive classes.

use wasm_bindgen::JsCast;

/// The `data-index` of the nearest element matching `selector` at or around an event target.
pub fn index_at(target: Option<web_sys::EventTarget>, selector: &str) -> Option<usize> {
    target?.dyn_into::<web_sys::Element>().ok()?.closest(selector).ok()??.get_attribute("data-index")?.parse().ok()
}

/// Adds or removes `class` on the element under `root` whose `data-index` is `index`.
pub fn mark_index(root: &web_sys::Element, index: usize, class: &str, on: bool) {
    if let Ok(Some(el)) = root.query_selector(&format!("[data-index='{index}']")) {
        let _ = if on { el.class_list().add_1(class) } else { el.class_list().remove_1(class) };
    }
}
