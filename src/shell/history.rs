//! The browser's Back and Forward buttons in a single-page app: which page was reached by
//! them (a history traversal), and where each address was scrolled to when it was left, so
//! that Back returns the visitor to their place.
//!
//! The browser restores scroll positions by itself only for documents it loads; after a
//! traversal inside the app it would scroll before the page is drawn (a lazy page arrives in a
//! chunk, a list is drawn to its former length only then) and land at the top. So restoration
//! is manual: every address's last scroll offset is kept as the visitor scrolls, and put back
//! once the page reached by Back or Forward is drawn (see `focus.rs`).

use std::collections::HashMap;

use leptos::{ev, prelude::*};

/// How the page shown was reached, and where the addresses visited were scrolled to.
#[derive(Clone, Copy)]
pub struct History {
    /// A `popstate` arrived that no location change has taken up yet.
    popped: StoredValue<bool>,
    /// Whether the page shown now was reached by Back or Forward.
    traversed: StoredValue<bool>,
    /// Between a traversal and its restored scroll, offsets are not recorded: the old page's
    /// offset, clamped to the new page's height, would overwrite the one to restore.
    restoring: StoredValue<bool>,
    /// The last scroll offset of each address.
    offsets: StoredValue<HashMap<String, f64>>,
}

impl History {
    /// Starts watching traversals and scrolling, for the app's whole life; call once, before
    /// the router: its own `popstate` listener redraws the page (every effect and view runs in
    /// the microtasks right after it), so this one must have run by then.
    pub fn provide() -> History {
        let history = History {
            popped: StoredValue::new(false),
            traversed: StoredValue::new(false),
            restoring: StoredValue::new(false),
            offsets: StoredValue::new(HashMap::new()),
        };
        provide_context(history);
        // Pre-rendering (native) draws pages once, with no browser to listen to.
        if !cfg!(target_arch = "wasm32") {
            return history;
        }
        set_restoration(web_sys::ScrollRestoration::Manual);
        // A reload or a return from another site loads the document anew: there the
        // browser's own restoration is right, and the page is whole when it applies it.
        let leaving = window_event_listener(ev::pagehide, |_| set_restoration(web_sys::ScrollRestoration::Auto));
        // Before the router's (added earlier): the location change is taken up after this,
        // in `arrived`, and a page drawn for it already knows it came by Back.
        let popstate = window_event_listener(ev::popstate, move |_| {
            history.popped.set_value(true);
            history.restoring.set_value(true);
        });
        let scroll = window_event_listener(ev::scroll, move |_| {
            if !history.restoring.get_value() {
                let y = window().scroll_y().unwrap_or_default();
                history.offsets.update_value(|o| {
                    o.insert(address(), y);
                });
            }
        });
        on_cleanup(move || {
            popstate.remove();
            scroll.remove();
            leaving.remove();
        });
        history
    }

    /// The app's history, when the shell provides it (not in a component test).
    pub fn use_context() -> Option<History> {
        use_context::<History>()
    }

    /// Takes up a location change: from now on [`History::traversed`] tells how it came.
    /// Whether it came by Back or Forward.
    pub fn arrived(self) -> bool {
        let traversed = self.popped.try_update_value(std::mem::take).unwrap_or_default();
        self.traversed.set_value(traversed);
        if !traversed {
            self.restoring.set_value(false);
        }
        traversed
    }

    /// Whether the page shown was reached by Back or Forward (then a page may restore what it
    /// showed before, such as the length of a list). A page may ask before the shell has
    /// taken up the location change: a `popstate` not yet taken up counts.
    pub fn traversed(self) -> bool {
        self.popped.get_value() || self.traversed.get_value()
    }

    /// Scrolls back to where the current address was left, once its page is drawn; false
    /// when it was never left (a fragment typed into the address bar also comes as a
    /// `popstate`: its section is the place to show).
    pub fn restore_scroll(self) -> bool {
        self.restoring.set_value(false);
        match self.offsets.with_value(|o| o.get(&address()).copied()) {
            Some(y) => {
                window().scroll_to_with_x_and_y(0.0, y);
                true
            }
            None => false,
        }
    }
}

fn set_restoration(mode: web_sys::ScrollRestoration) {
    if let Ok(history) = window().history() {
        let _ = history.set_scroll_restoration(mode);
    }
}

/// The address shown in the address bar, fragment included.
fn address() -> String {
    window().location().href().unwrap_or_default()
}
