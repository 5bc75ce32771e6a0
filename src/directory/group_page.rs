//! `/groups/:slug`: one group.

use std::sync::Arc;

use groups_core::{
    markup::{group_map, group_meetings, group_summary},
    routes::{group_href, href, Page},
};
use groups_i18n::{t, Msg};
use leptos::prelude::*;
use leptos_router::{
    hooks::{use_navigate, use_params_map},
    NavigateOptions,
};

use super::model::Directory;
#[cfg(not(feature = "prerender"))]
use crate::meetings::state::WithMeetings;
use crate::{
    meetings::{failed::MeetingsFailed, state::Known},
    shell::{lazy::lazy_route, title::PageTitle},
};

lazy_route!(
    /// The `/groups/:slug` route: its view comes in a chunk of its own in a split build.
    GroupRoute,
    group_view,
    __preload_group_view,
    GroupPage
);

/// The page of the group named by the route's slug.
#[component]
pub fn GroupPage() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.with(|p| p.get("slug").unwrap_or_default()));
    let render = move |directory: Arc<Directory>, known: Known| view! { <GroupDetails directory known slug /> };
    view! { <div class="page group">{body(render)}</div> }
}

/// The page's body: the group once the directory and the meetings are there. A pre-rendered
/// page is a template whose body the server fills from the directory and meetings it
/// publishes then (`ServerFilled`): the group's summary, its next meetings and a map drawn
/// without script, the same markup the app draws, so the page reads and paints before the
/// app arrives, and nothing moves when it does.
fn body<V: IntoView + 'static>(render: impl Fn(Arc<Directory>, Known) -> V + Send + Sync + 'static) -> AnyView {
    #[cfg(feature = "prerender")]
    {
        let _ = render;
        view! { <crate::components::noscript::ServerFilled /> }.into_any()
    }
    #[cfg(not(feature = "prerender"))]
    view! { <WithMeetings render /> }.into_any()
}

/// The group's details, or "not found" for a slug no group has.
#[component]
pub(crate) fn GroupDetails(directory: Arc<Directory>, known: Known, slug: Memo<String>) -> impl IntoView {
    // Addresses typed by hand ("/groups/Hungary") reach the group's own address.
    let navigate = use_navigate();
    let lowercase = {
        let directory = directory.clone();
        move || {
            let slug = slug.get();
            let lower = slug.to_ascii_lowercase();
            (lower != slug && directory.index_of(&lower).is_some()).then_some(lower)
        }
    };
    Effect::new(move |_| {
        if let Some(lower) = lowercase() {
            // Whole, in the visitor's language: not resolved against the router's base.
            navigate(&group_href(&lower), NavigateOptions { replace: true, resolve: false, ..Default::default() });
        }
    });
    move || match directory.index_of(&slug.get()) {
        Some(index) => {
            let group = &directory.groups[index];
            view! {
                <PageTitle text=group.name.clone() />
                // The same markup the server sends for the group (groups-core's).
                <div class="group-summary" inner_html=group_summary(group)></div>
                <MeetingsFailed known=known.clone() />
                <div inner_html=group_meetings(group, &known.file)></div>
                <h2>{t(Msg::GroupWhere)}</h2>
                <div class="small-map" inner_html=group_map(group)></div>
                <p><a href=href(Page::Groups)>{t(Msg::GroupAll)}</a></p>
            }
            .into_any()
        }
        None => view! {
            <PageTitle text=t(Msg::GroupNotFoundTitle) />
            <h1>{t(Msg::GroupNotFoundTitle)}</h1>
            <p>{t(Msg::GroupNotFoundText)}</p>
            <p><a href=href(Page::Groups)>{t(Msg::GroupNotFoundBrowse)}</a></p>
        }
        .into_any(),
    }
}
