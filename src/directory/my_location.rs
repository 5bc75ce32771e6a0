//! "Use my location": the button that asks the browser where the visitor is (only when
//! pressed), what came of it said in a status region without moving focus, and the sentence
//! that says the position stays in the browser. Found, the groups are listed by distance from
//! it; the position is held in memory only (`places::location::Here`). Its country is then
//! looked for in the browser (`places::country_of`), so that a group meeting for a whole
//! country is near every place of it, as it is for a town searched by name.

use std::sync::Arc;

use groups_core::filter::Filter;
use groups_i18n::{t, Msg};
use leptos::{prelude::*, task::spawn_local};

use super::{chosen::Chosen, model::Directory};
use crate::places::{
    country_of,
    location::{locate, supported, Here, Locating, Position},
};

#[component]
pub fn MyLocation(directory: Arc<Directory>, chosen: Chosen) -> impl IntoView {
    let here = Here::use_context();
    let status = RwSignal::new(None::<Locating>);
    let on_click = move |_| {
        if here.0.with_untracked(Option::is_some) {
            here.0.set(None);
            status.set(None);
            return;
        }
        status.set(Some(Locating::Asking));
        let directory = directory.clone();
        locate(move |result| match result {
            Ok((lat, lon)) => {
                // The page may have gone meanwhile: then there is nothing to show it on.
                if here.0.try_set(Some(Position { lat, lon, country: None })).is_some() {
                    return;
                }
                spawn_local(async move {
                    let Some(country) = country_of::find(&directory.groups, lat, lon).await else { return };
                    // Only for the same position: the visitor may have stopped or asked again.
                    here.0.try_update(|h| {
                        if let Some(h) = h.as_mut().filter(|h| (h.lat, h.lon) == (lat, lon)) {
                            h.country = Some(country);
                        }
                    });
                });
                status.try_set(Some(Locating::Found));
                // The position replaces the place or the words of the search.
                let filter = chosen.get().get_untracked();
                if filter.near.is_some() || !filter.query.is_empty() {
                    chosen.choose(Filter { near: None, query: String::new(), ..filter }, false);
                }
            }
            Err(why) => {
                status.try_set(Some(why));
            }
        });
    };
    // Nothing to offer a browser that cannot tell (and nothing to say before it is asked).
    supported().then(|| {
        view! {
            <div class="my-location">
                <button type="button" class="button secondary" on:click=on_click aria-describedby="my-location-privacy">
                    {move || t(if here.0.with(Option::is_some) { Msg::DirectoryStopUsingMyLocation } else { Msg::DirectoryUseMyLocation })}
                </button>
                <p class="hint" id="my-location-privacy">{t(Msg::PlaceLocationPrivacy)}</p>
                <p class="status" role="status">{move || status.get().map(Locating::message)}</p>
            </div>
        }
    })
}
