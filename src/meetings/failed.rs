//! What a page says when the meetings could not be loaded: why, and a way to try again, in
//! place of the dates it cannot show. The rest of the page stays.

use groups_i18n::{t, tf, Msg};
use leptos::prelude::*;

use super::{load::Meetings, state::Known};

/// The notice, when `known` failed; nothing otherwise.
#[component]
pub fn MeetingsFailed(known: Known) -> impl IntoView {
    known.error.map(|error| {
        let meetings = Meetings::use_context();
        view! {
            <div class="load-error meetings-failed" role="status">
                <p>{tf(Msg::MeetingsMissing, &[("why", &error.text())])}</p>
                <button type="button" class="button secondary" on:click=move |_| meetings.0.refetch()>
                    {t(Msg::MeetingsLoadAgain)}
                </button>
            </div>
        }
    })
}
