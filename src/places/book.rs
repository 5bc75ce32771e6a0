//! The places known by id for this visit: those the visitor was offered (choosing one puts its
//! id in the address) and those read back from the server for an address opened directly, a
//! shared link, Back or Forward. Kept in memory for the visit, so going back and forth never
//! asks twice.

use std::collections::{HashMap, HashSet};

use groups_core::places::Place;
use leptos::prelude::*;

use crate::shell::lazy::AppScope;

/// What is known of a place's id.
#[derive(Clone, Debug, PartialEq)]
pub enum Known {
    /// Asked for, no answer yet.
    Asking,
    Found(Place),
    /// The server has no place with this id (an old or mistyped address).
    Missing,
    /// The server could not be asked.
    Failed,
}

/// The app's places by id.
#[derive(Clone, Copy)]
pub struct Book {
    known: RwSignal<HashMap<String, Known>>,
    /// The ids asked for (not tracked: asking is not something to redraw for).
    asked: StoredValue<HashSet<String>>,
}

impl Book {
    /// The app's book, shared by every page that shows places.
    pub fn use_context() -> Book {
        AppScope::use_or_provide(|| Book {
            known: RwSignal::new(HashMap::new()),
            asked: StoredValue::new(HashSet::new()),
        })
    }

    /// Keeps `place` (one the visitor was offered), so its id needs no call.
    pub fn keep(self, place: &Place) {
        if self.known.with_untracked(|k| k.get(&place.id) != Some(&Known::Found(place.clone()))) {
            self.known.update(|k| {
                k.insert(place.id.clone(), Known::Found(place.clone()));
            });
        }
    }

    /// What is known of `id`, followed as it changes; the server is asked the first time.
    pub fn get(self, id: &str) -> Known {
        if let Some(known) = self.known.with(|k| k.get(id).cloned()) {
            return known;
        }
        let first = self.asked.try_update_value(|asked| asked.insert(id.to_owned())).unwrap_or(false);
        if first {
            let id = id.to_owned();
            leptos::task::spawn_local(async move {
                let known = match super::api::by_id(&id).await {
                    Ok(Some(place)) => Known::Found(place),
                    Ok(None) => Known::Missing,
                    Err(_) => Known::Failed,
                };
                self.known.try_update(|k| {
                    k.insert(id.clone(), known);
                });
                // A failed call may be tried again by the next page that needs it.
                self.asked.try_update_value(|asked| asked.remove(&id));
            });
        }
        Known::Asking
    }
}
