//! Focus management after in-app navigation, so that screen readers announce the new page.
//!
//! A full page load lets the browser start at the top as usual; after a client-side
//! navigation nothing would tell assistive technology that the page changed, so focus moves
//! to the new page's `h1` (or to the fragment's target when the link had one).

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

use super::lazy::Arriving;

/// Invisible component: watches the location and moves focus after each navigation.
#[component]
pub fn FocusOnNavigation() -> impl IntoView {
    let location = use_location();
    // Only the path and fragment count: a filter change in the query string is not a new page.
    let target = Memo::new(move |_| (location.pathname.get(), location.hash.get()));
    let first = StoredValue::new(true);
    // A page whose view comes in a chunk of its own is swapped in only once the chunk has
    // arrived (the router keeps the old page until then): focus waits for it.
    let arriving = use_context::<Arriving>().map_or_else(|| Signal::stored(false), Arriving::pending);
    let waiting = StoredValue::new(None::<String>);

    Effect::new(move |_| {
        let (_, hash) = target.get();
        if first.get_value() {
            first.set_value(false);
            // A full load leaves focus to the browser, but the browser looked for the
            // fragment's target before the app drew it: bring it into view now.
            if !hash.is_empty() {
                request_animation_frame(move || {
                    focus_by_id(hash.trim_start_matches('#'), false);
                });
            }
            return;
        }
        // Wait for the next frame: the new route's view is in the DOM by then, unless it is
        // still arriving (the router has started loading it by then).
        request_animation_frame(move || {
            if arriving.get_untracked() {
                waiting.set_value(Some(hash));
            } else {
                focus_page_target(&hash);
            }
        });
    });
    Effect::new(move |_| {
        if !arriving.get() {
            if let Some(hash) = waiting.try_update_value(Option::take).flatten() {
                request_animation_frame(move || focus_page_target(&hash));
            }
        }
    });
}

/// Focuses the fragment's element when there is one, else the page's `h1`, else `<main>`.
fn focus_page_target(hash: &str) {
    let fragment = hash.trim_start_matches('#');
    if !fragment.is_empty() && focus_by_id(fragment, true) {
        return;
    }
    let document = document();
    let heading =
        document.query_selector("main h1").ok().flatten().and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    match heading {
        Some(h1) => focus_element(&h1, false),
        None => {
            focus_by_id(super::site::MAIN_ID, false);
        }
    }
}

/// Focuses the element with `id`, making it programmatically focusable if needed.
/// Returns whether such an element exists.
pub fn focus_by_id(id: &str, prevent_scroll: bool) -> bool {
    match document().get_element_by_id(id).and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) {
        Some(el) => {
            focus_element(&el, prevent_scroll);
            true
        }
        None => false,
    }
}

fn focus_element(el: &web_sys::HtmlElement, prevent_scroll: bool) {
    if !el.has_attribute("tabindex") {
        // -1: focusable by script, not added to the tab order.
        let _ = el.set_attribute("tabindex", "-1");
    }
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(prevent_scroll);
    let _ = el.focus_with_options(&options);
}
