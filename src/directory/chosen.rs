//! The directory's filter as shown: a choice (a region, a keystroke in the search) shows at
//! once, and is written into the address in the frame after the one that shows it. The address
//! stays the source of truth: a shared link or Back sets the filter shown.
//!
//! A click (a group's link, say) made before a choice is written writes it first, so the
//! click is followed and Back from where it led returns to the choice.
//!
//! Why a frame later: writing the address (`history.pushState`, with the router's work
//! around it) took about 4.7 of a region change's main-thread milliseconds with 10,000 groups
//! (`cargo xtask bench`), more than the list and the map together, and the visitor sees none
//! of it.

use std::collections::VecDeque;

use groups_core::{
    filter::{from_query, Filter},
    routes::{self, Page},
};
use leptos::prelude::*;
use leptos_router::{
    hooks::{use_location, use_navigate},
    NavigateOptions,
};

/// The filter shown, and the choices not yet in the address.
#[derive(Clone, Copy)]
pub struct Chosen {
    filter: RwSignal<Filter>,
    /// The choices written or about to be, oldest first: when the address comes to one of
    /// them, it is a choice made here, already shown (and maybe followed by newer ones).
    /// Another address (Back, a link) drops them all, and those not written yet are not
    /// written.
    writing: StoredValue<VecDeque<Write>>,
    /// The number of the next choice.
    count: StoredValue<u64>,
    /// Whether the last choice was a keystroke in the search: a search is one step in the
    /// history however many keys it took.
    typing: StoredValue<bool>,
    /// The page whose address the choices are written into (one without a parameter).
    page: Page,
    /// The router's navigation (only found while the page is built, not in an event handler).
    navigate: StoredValue<Navigate, LocalStorage>,
}

type Navigate = Box<dyn Fn(&str, NavigateOptions)>;

/// A choice on its way into the address.
struct Write {
    number: u64,
    filter: Filter,
    href: String,
    /// Whether it replaces the history's entry (a search's later keystrokes).
    replace: bool,
    sent: bool,
}

impl Chosen {
    /// The filter of `page`'s address, followed from now on.
    pub fn new(page: Page) -> Chosen {
        let location = use_location();
        let chosen = Chosen {
            filter: RwSignal::new(from_query(&location.search.get_untracked())),
            writing: StoredValue::new(VecDeque::new()),
            count: StoredValue::new(0),
            typing: StoredValue::new(false),
            page,
            navigate: StoredValue::new_local(Box::new(use_navigate())),
        };
        Effect::new(move |_| {
            let from_address = from_query(&location.search.get());
            // The newest equal one: older equal ones were overtaken by it.
            let ours = chosen.writing.try_update_value(|writing| {
                match writing.iter().rposition(|w| w.filter == from_address) {
                    Some(at) => {
                        writing.drain(..=at);
                        true
                    }
                    None => {
                        writing.clear();
                        false
                    }
                }
            });
            // Someone else's (a link, Back): show it; typing after it is a new step.
            if ours == Some(false) {
                chosen.typing.set_value(false);
                if chosen.filter.with_untracked(|f| *f != from_address) {
                    chosen.filter.set(from_address);
                }
            }
        });
        chosen.write_before_clicks();
        chosen
    }

    /// Writes the choices not yet written before any click is handled (in the capture phase,
    /// ahead of the router's own listener): a link followed while a write waited for its frame
    /// would otherwise be overtaken by that write.
    fn write_before_clicks(self) {
        use wasm_bindgen::{closure::Closure, JsCast};
        let listener = Closure::<dyn Fn()>::new(move || self.send_through(u64::MAX));
        let window = window();
        let added =
            window.add_event_listener_with_callback_and_bool("click", listener.as_ref().unchecked_ref(), true).is_ok();
        if added {
            // Cleanups may be run from any thread in Leptos' types; the browser has one.
            let held = send_wrapper::SendWrapper::new(listener);
            on_cleanup(move || {
                let _ =
                    window.remove_event_listener_with_callback_and_bool("click", held.as_ref().unchecked_ref(), true);
            });
        }
    }

    /// Writes every choice not written yet up to number `last`, oldest first. Those dropped
    /// meanwhile (Back, a link) are not there to write: that would undo what the visitor did.
    fn send_through(self, last: u64) {
        let due: Vec<(String, bool)> = self
            .writing
            .try_update_value(|writing| {
                writing
                    .iter_mut()
                    .filter(|w| !w.sent && w.number <= last)
                    .map(|w| {
                        w.sent = true;
                        (w.href.clone(), w.replace)
                    })
                    .collect()
            })
            .unwrap_or_default();
        // Navigating outside the queue's lock: the router may tell the address to this
        // page's effect, which reads the queue, before it returns.
        for (href, replace) in due {
            if current_path().trim_end_matches('/') != routes::href(self.page) {
                return;
            }
            self.navigate.try_with_value(|navigate| {
                // Whole, in the visitor's language: not resolved against the router's base.
                navigate(&href, NavigateOptions { replace, scroll: false, resolve: false, ..Default::default() })
            });
        }
    }

    /// The filter shown.
    pub fn get(self) -> Signal<Filter> {
        self.filter.into()
    }

    /// Shows `next` now and writes it into the address a frame later. Every choice is a step
    /// Back returns to, but a search (`typed`) is one step: its first keystroke adds an entry
    /// and the next ones replace it.
    pub fn choose(self, next: Filter, typed: bool) {
        let href = next.href_at(&routes::href(self.page));
        // As the address will read it back (a choice the codec normalises is shown as read).
        let next = from_query(href.split_once('?').map_or("", |(_, query)| query));
        // Nothing new (a space typed after a word): no step, and the field keeps what is typed.
        if self.filter.with_untracked(|f| *f == next) {
            return;
        }
        let replace = typed && self.typing.get_value();
        self.typing.set_value(typed);
        let number = self.count.get_value();
        self.count.set_value(number + 1);
        self.writing.update_value(|writing| {
            writing.push_back(Write { number, filter: next.clone(), href, replace, sent: false })
        });
        self.filter.set(next);
        // The next frame shows the choice; the one after has nothing else to do.
        request_animation_frame(move || request_animation_frame(move || self.send_through(number)));
    }

    /// Writes every choice made so far into the address now (before leaving for a group's page
    /// chosen from the search, so that Back returns to the search).
    pub fn write_now(self) {
        self.send_through(u64::MAX);
    }

    /// The search field was left: typing there again later is a new step.
    pub fn end_typing(self) {
        self.typing.set_value(false);
    }
}

/// The path the browser shows now.
fn current_path() -> String {
    window().location().pathname().unwrap_or_default()
}
