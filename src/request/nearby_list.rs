//! "There may already be a group for you": the list of the groups near the place the visitor
//! gave, or meeting for its whole country (found by `nearby`), shown before they send (it
//! never blocks the request).

use std::sync::Arc;

use groups_core::near;
use groups_i18n::{t, tf, Msg};
use leptos::prelude::*;

use super::nearby::Near;
use crate::directory::model::Directory;

#[component]
pub fn NearbyGroups(directory: Arc<Directory>, #[prop(into)] near: Signal<Vec<Near>>) -> impl IntoView {
    move || {
        let near = near.get();
        (!near.is_empty()).then(|| {
            let items = near
                .iter()
                .map(|n| {
                    let g = &directory.groups[n.index];
                    let distance = if n.covers {
                        tf(Msg::PlaceWholeCountry, &[("country", g.country.local_name())])
                    } else if n.km < 1.0 {
                        tf(Msg::PlaceAway, &[("distance", t(Msg::PlaceLessThanOneKm))])
                    } else {
                        tf(Msg::RequestNearbyAbout, &[("distance", &near::format_km(n.km))])
                    };
                    view! {
                        <li>
                            <a href=g.path()>{g.name.clone()}</a>
                            {tf(Msg::RequestNearbyItem, &[("place", &g.place()), ("distance", &distance)])}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="nearby" aria-labelledby="nearby-title">
                    <h2 id="nearby-title">{t(Msg::RequestNearbyTitle)}</h2>
                    <p>{t(Msg::RequestNearbyText)}</p>
                    <ul>{items}</ul>
                </section>
            }
        })
    }
}
