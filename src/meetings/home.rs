//! The home page's next meetings: the few coming soonest anywhere. They arrive in the home
//! page's chunk with its map (`home::home_part_view`).

use std::sync::Arc;

use groups_core::markup::next_meetings as next_meetings_markup;
use leptos::prelude::*;

use super::{
    clock::now_utc,
    failed::MeetingsFailed,
    state::{Known, WithMeetings},
};
use crate::directory::model::Directory;

/// The next meetings, once the directory and the meetings are there.
pub fn next_meetings() -> AnyView {
    view! { <WithMeetings render=|directory, known| view! { <NextMeetings directory known /> } /> }.into_any()
}

/// The next meetings that will take place (cancelled ones are left out here), as the server
/// lists them for readers without JavaScript; when the meetings could not be loaded, why.
#[component]
pub(crate) fn NextMeetings(directory: Arc<Directory>, known: Known) -> impl IntoView {
    let next = known.error.is_none().then(|| next_meetings_markup(&known.file, &directory.groups, &now_utc()));
    view! {
        <MeetingsFailed known />
        {next.map(|next| view! { <div inner_html=next></div> })}
    }
}
