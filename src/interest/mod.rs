//! "Tell me when a group starts near me" (issue #28), the app's side: the sign-up form shown
//! where the directory finds no group near a place (`form`: its view; `state`: its signals and
//! sending; `rules`: the body and its checks, pure; `sending`: what each answer means, pure;
//! `kept`: what was typed, kept in the tab), and the count of people who asked near a place
//! (`count`), which the new-group form shows too. The rules, the sentence and the wire types
//! are `groups_core::interest`, the server's.
//!
//! Few visitors of the directory need the form, so it comes in a wasm chunk of its own in a
//! split build ([`interest_view`]), fetched when the directory first says no group is near.

pub mod count;
pub mod form;
pub mod kept;
pub mod rules;
pub mod sending;
pub mod state;

use groups_core::places::Place;
use leptos::prelude::*;
use send_wrapper::SendWrapper;

use crate::shell::lazy::split_call;

/// The split point: the count of people who asked near `place` and the form to join them,
/// offering `radius_km` first.
#[cfg_attr(feature = "split", leptos::lazy)]
pub fn interest_view(place: Place, radius_km: u16) -> AnyView {
    view! { <form::SignUpForm place radius_km /> }.into_any()
}

/// The form where the directory says no group is near `place`, arriving with its chunk
/// (nothing is shown meanwhile: the page's answer and the way to start a group come first).
#[component]
pub fn NearbyInterest(place: Place, radius_km: u16) -> impl IntoView {
    view! {
        <Suspense fallback=|| ()>
            // `Suspend` wants a `Send` future; the browser runs the app on one thread.
            {Suspend::new(SendWrapper::new(async move { split_call!(interest_view, place, radius_km) }))}
        </Suspense>
    }
}
