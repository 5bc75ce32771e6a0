//! Copying an address to the clipboard: a calendar's (the "Copy address" buttons that
//! `groups_core::markup::calendar_links` writes, in markup the server sends too) and the
//! organiser's private link. The Clipboard API where the browser allows it; otherwise the
//! address is selected, so that the visitor copies it with a key. Either way a status region
//! beside the button says what happened: a click that seems to do nothing is a broken button.

use groups_i18n::{t, Msg};
use leptos::{ev, prelude::*, task::spawn_local};
use wasm_bindgen::JsCast;

use crate::shell::lazy::AppScope;

/// Copies `text`, or, when the browser will not, selects the text of `shown` (the element that
/// shows it); returns what to say.
pub async fn copy(text: String, shown: web_sys::Element) -> &'static str {
    if write_to_clipboard(&text).await {
        t(Msg::MeetingsCopied)
    } else {
        select(&shown);
        // The browser would not copy: the address is selected instead.
        t(Msg::MeetingsSelected)
    }
}

/// Whether the browser took `text` onto its clipboard (none in an insecure context, or when
/// the visitor's settings refuse).
async fn write_to_clipboard(text: &str) -> bool {
    let navigator = window().navigator();
    // `navigator.clipboard` is missing outside secure contexts: ask before calling it.
    let present = js_sys::Reflect::get(&navigator, &"clipboard".into()).is_ok_and(|c| c.is_object());
    if !present {
        return false;
    }
    wasm_bindgen_futures::JsFuture::from(navigator.clipboard().write_text(text)).await.is_ok()
}

/// Selects the whole text of `element`.
fn select(element: &web_sys::Element) {
    let (Ok(range), Ok(Some(selection))) = (document().create_range(), window().get_selection()) else { return };
    if range.select_node_contents(element).is_ok() {
        let _ = selection.remove_all_ranges();
        let _ = selection.add_range(&range);
    }
}

/// Handles every "Copy address" button of the app's pages (`button[data-copy=ID]`, copying the
/// text of the element `ID` and saying so in the `[role=status]` after it) with one listener,
/// set up once for the app's life: the buttons come in markup that the app draws as HTML.
pub fn handle_copy_buttons() {
    #[derive(Clone, Copy)]
    struct Handled;
    // Pre-rendering (native) draws pages once, with nothing to click.
    if !cfg!(target_arch = "wasm32") {
        return;
    }
    AppScope::use_or_provide(|| {
        // Kept for the app's life: never removed.
        let _ = window_event_listener(ev::click, |event| {
            let button = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|t| t.closest("button[data-copy]").ok().flatten());
            let Some(button) = button else { return };
            let Some(shown) = button.get_attribute("data-copy").and_then(|id| document().get_element_by_id(&id)) else {
                return;
            };
            let status = button.parent_element().and_then(|p| p.query_selector("[role=status]").ok().flatten());
            if let Some(status) = &status {
                // Emptied first, so that copying twice is said twice.
                status.set_text_content(Some(""));
            }
            let text = shown.text_content().unwrap_or_default();
            spawn_local(async move {
                let said = copy(text, shown).await;
                if let Some(status) = status {
                    status.set_text_content(Some(said));
                }
            });
        });
        Handled
    });
}
