//! The home page's next meetings: the few coming soonest anywhere. They arrive in the home
//! page's chunk with its map (`home::home_part_view`).

use std::sync::Arc;

use groups_core::{filter::Filter, markup::meeting_item};
use leptos::prelude::*;

use super::{
    clock::now_utc,
    failed::MeetingsFailed,
    state::{Known, WithMeetings},
};
use crate::directory::model::Directory;

/// How many meetings the home page shows.
pub const HOME_MEETINGS: usize = 4;

/// The next meetings, once the directory and the meetings are there.
pub fn next_meetings() -> AnyView {
    view! { <WithMeetings render=|directory, known| view! { <NextMeetings directory known /> } /> }.into_any()
}

/// The next meetings that will take place (cancelled ones are left out here).
#[component]
pub(crate) fn NextMeetings(directory: Arc<Directory>, known: Known) -> impl IntoView {
    let file = known.file.clone();
    let next: String = file
        .in_places(&directory.groups, &Filter::default(), &now_utc())
        .into_iter()
        .filter(|&(m, _)| !file.upcoming[m].cancelled)
        .take(HOME_MEETINGS)
        .map(|(m, g)| meeting_item(&file.upcoming[m], Some(&directory.groups[g])))
        .collect();
    let none = next.is_empty() && known.error.is_none();
    view! {
        <MeetingsFailed known />
        {none.then(|| view! { <p>"No meeting is planned yet."</p> })}
        <ol class="meeting-list" inner_html=next></ol>
    }
}
