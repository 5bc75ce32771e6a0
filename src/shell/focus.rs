//! Focus and scroll after in-app navigation, so that screen readers announce the new page
//! and everyone sees the part of it they asked for.
//!
//! A full page load lets the browser start at the top as usual; after a client-side
//! navigation nothing would tell assistive technology that the page changed, so focus moves
//! to the new page's `h1`, or to the fragment's target (scrolled to the top of the window)
//! when the link had one. After Back or Forward the page returns to where it was scrolled
//! (see `history.rs`) and the heading takes focus without moving it.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

use super::{history::History, lazy::Arriving};

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
    let history = History::use_context();
    let waiting = StoredValue::new(None::<(String, bool)>);

    Effect::new(move |_| {
        let (_, hash) = target.get();
        let traversed = history.is_some_and(History::arrived);
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
                waiting.set_value(Some((hash, traversed)));
            } else {
                when_built(move || settle(&hash, traversed, history));
            }
        });
    });
    Effect::new(move |_| {
        if !arriving.get() {
            if let Some((hash, traversed)) = waiting.try_update_value(Option::take).flatten() {
                request_animation_frame(move || when_built(move || settle(&hash, traversed, history)));
            }
        }
    });
}

/// How many frames [`when_built`] waits at most: a part that never comes must not keep focus
/// from moving.
const BUILDING_FRAMES: u32 = 60;

/// Runs `then` once nothing in the page is still being built (`aria-busy`, see
/// `components::in_turn`): a scroll position to restore or a field to focus may be in a part
/// still to come.
pub fn when_built(then: impl FnOnce() + 'static) {
    fn check(then: Box<dyn FnOnce()>, frames: u32) {
        let busy = document().query_selector("main [aria-busy=true]").ok().flatten().is_some();
        if busy && frames < BUILDING_FRAMES {
            request_animation_frame(move || check(then, frames + 1));
        } else {
            then();
        }
    }
    check(Box::new(then), 0);
}

/// Once the new page is drawn: after Back or Forward, its old scroll position and focus on
/// its heading; else the fragment's element at the top of the window, or the page's `h1`.
fn settle(hash: &str, traversed: bool, history: Option<History>) {
    // The visitor is already in a field of the new page (a form built in turn lets them in
    // before its last part): leave them there.
    if visitor_is_in_main() {
        return;
    }
    if history.is_some_and(|h| traversed && h.restore_scroll()) {
        focus_heading(true);
        return;
    }
    let fragment = hash.trim_start_matches('#');
    if !fragment.is_empty() {
        if let Some(target) = document().get_element_by_id(fragment) {
            // The router scrolled to the top before this page was drawn: the section the link
            // named is far below on a long page.
            target.scroll_into_view();
            if let Ok(target) = target.dyn_into::<web_sys::HtmlElement>() {
                focus_element(&target, true);
            }
            return;
        }
    }
    focus_heading(false);
}

/// Whether focus is in a field of the page (an input, a select, a text area in `<main>`): a
/// link followed keeps no focus there, so only the visitor has put it there since.
fn visitor_is_in_main() -> bool {
    document().active_element().is_some_and(|active| {
        matches!(active.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA")
            && active.closest(&format!("#{}", super::site::MAIN_ID)).ok().flatten().is_some()
    })
}

/// Focuses the page's `h1`, else `<main>`.
fn focus_heading(prevent_scroll: bool) {
    let heading =
        document().query_selector("main h1").ok().flatten().and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    match heading {
        Some(h1) => focus_element(&h1, prevent_scroll),
        None => {
            focus_by_id(super::site::MAIN_ID, prevent_scroll);
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

/// Focuses `el`; one that is not focusable by itself (a heading, a list's item) is made
/// focusable by script only.
pub fn focus_element(el: &web_sys::HtmlElement, prevent_scroll: bool) {
    // A heading or a section is not focusable by itself: -1 makes it focusable by script
    // without adding it to the tab order. A field, a link or a button is focusable already
    // (its `tabIndex` is 0), and must keep its place in the tab order.
    if el.tab_index() < 0 && !el.has_attribute("tabindex") {
        let _ = el.set_attribute("tabindex", "-1");
    }
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(prevent_scroll);
    let _ = el.focus_with_options(&options);
}
