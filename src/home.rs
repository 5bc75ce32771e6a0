//! `/`: what the portal is and where to go next.
//!
//! The text and links are in the main module and paint at once; the map with the counts by
//! region and the next meetings need the directory (and the meetings), so they come in a
//! chunk of their own (`home_part_view`, split builds) and show when it arrives.

use groups_i18n::{t, Msg};
use leptos::prelude::*;
use send_wrapper::SendWrapper;

use std::sync::Arc;

use groups_core::{
    html::MEETINGS_SLOT,
    markup::{region_list, region_list_loading, WORLD_SVG},
    routes::{at, href, route, Page},
};

use crate::{
    components::noscript::ServerNoScript,
    directory::{
        model::Directory,
        state::{loading_text, WithDirectory},
    },
    map::view::GroupMap,
    meetings::home::next_meetings,
    pages::{
        lookup::{
            self as content,
            named::{CODE_OF_CONDUCT, OFFICIAL_GROUP_PROCESS, ORGANIZER_TIPS, WHAT_ARE_USER_GROUPS},
        },
        translated::{title, title_lang},
    },
    shell::{lazy::split_call, site::page_tagline, title::PageTitle},
};

/// The pages newcomers need first, in the order they need them.
pub const FIRST_READS: &[&content::Page] =
    &[WHAT_ARE_USER_GROUPS, ORGANIZER_TIPS, OFFICIAL_GROUP_PROCESS, CODE_OF_CONDUCT];

/// The home page.
#[component]
pub fn HomePage() -> impl IntoView {
    let reads = FIRST_READS.iter();
    view! {
        // The home page's title is the site name alone (its title in the table is empty).
        <PageTitle text=route(Page::Home).title() />
        <div class="page home">
            <h1>{t(Msg::HomeHeading)}</h1>
            // The site's tagline in the page's language (English's while the page is shown in
            // English: never a mix).
            <p class="lead">{page_tagline()}</p>
            <ul class="cta-list">
                <li>
                    <a class="cta" href=href(Page::Groups)>{t(Msg::HomeBrowse)}</a>
                </li>
                <li>
                    <a class="cta secondary" href=href(Page::NewGroup)>{t(Msg::HomeStart)}</a>
                </li>
            </ul>
            <section aria-labelledby="by-region">
                <h2 id="by-region">{t(Msg::HomeByRegion)}</h2>
                // Without JavaScript, the counts and a map drawn by the server.
                <ServerNoScript />
                <Suspense fallback=RegionsLoading>
                    // `Suspend` wants a `Send` future; the browser runs the app on one thread.
                    {Suspend::new(SendWrapper::new(async { split_call!(home_part_view, HomePart::Regions) }))}
                </Suspense>
            </section>
            <section aria-labelledby="next-meetings" class="next-meetings">
                <h2 id="next-meetings">{t(Msg::HomeNextMeetings)}</h2>
                // Without JavaScript, the next meetings as the server has them.
                <ServerNoScript marker=MEETINGS_SLOT />
                <Suspense fallback=MeetingsLoading>
                    {Suspend::new(SendWrapper::new(async { split_call!(home_part_view, HomePart::Meetings) }))}
                </Suspense>
                <p><a href=href(Page::Meetings)>{t(Msg::HomeEveryMeeting)}</a></p>
            </section>
            <section aria-labelledby="first-reads">
                <h2 id="first-reads">{t(Msg::HomeNewToGroups)}</h2>
                <ul class="link-list">
                    // A page's title is English's where its language has not translated it: said as English.
                    {reads
                        .map(|page| view! { <li><a href=at(page.href) lang=title_lang(page)>{title(page)}</a></li> })
                        .collect_view()}
                </ul>
            </section>
        </div>
    }
}

/// The parts of the home page that need the directory (and the meetings).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HomePart {
    /// The map and the counts by region.
    Regions,
    /// The next meetings.
    Meetings,
}

/// The split point for the home page's parts that show groups: one chunk for both (the
/// second part's call finds it loaded), sharing the directory's code.
#[cfg_attr(feature = "split", leptos::lazy)]
pub fn home_part_view(part: HomePart) -> AnyView {
    match part {
        HomePart::Regions => {
            let render = |directory: Arc<Directory>| view! { <RegionShortcuts directory /> };
            view! { <WithDirectory render loading=RegionsLoading /> }.into_any()
        }
        HomePart::Meetings => next_meetings(),
    }
}

/// Loads the chunks of [`home_part_view`] without showing it (see `crate::preload_page`).
pub async fn preload_part() {
    #[cfg(feature = "split")]
    __preload_home_part_view().await;
}

/// The next meetings' place while they load (only with JavaScript: without it, the link to
/// every meeting says where they are).
#[component]
fn MeetingsLoading() -> impl IntoView {
    view! { <p class="status js-only" role="status">{groups_i18n::t(groups_i18n::Msg::MeetingsLoading)}</p> }
}

/// The map and the region list as they will be, while their code and the groups load (and
/// without JavaScript): the same boxes, the regions already links, so that nothing moves
/// when the map and the counts arrive.
#[component]
pub fn RegionsLoading() -> impl IntoView {
    view! {
        // Only with JavaScript: without it, the server's counts and map show instead.
        <div class="map js-only" role="status">
            <div class="map-tools"><span class="map-tools-status">{loading_text()}</span></div>
            // The world comes at once, as part of the page: the map draws over it when it is
            // ready (and a reader without JavaScript sees where the world is at least).
            <div class="map-canvas"><img class="map-world" src=WORLD_SVG alt="" draggable="false" /></div>
        </div>
        <div class="js-only" inner_html=region_list_loading()></div>
    }
}

/// A link per region to the directory filtered to it, with its number of groups, and the
/// map of every group.
#[component]
fn RegionShortcuts(directory: Arc<Directory>) -> impl IntoView {
    let all: Vec<usize> = (0..directory.groups.len()).collect();
    view! {
        // The whole world, as the page showed it while the map loaded: the map draws its
        // groups over the same picture, with no jump.
        <GroupMap directory=directory.clone() shown=Signal::stored(all) max_fit_zoom=1.0 />
        <div inner_html=region_list(&directory.groups)></div>
    }
}
