//! "There may already be a group for you": the list of the groups near the place the visitor
//! gave, or meeting for its whole country (found by `nearby`), shown before they send (it
//! never blocks the request).

use std::sync::Arc;

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
                        format!("for all of {}", g.country.name)
                    } else if n.km < 1.0 {
                        "less than 1 km away".to_owned()
                    } else {
                        format!("about {:.0} km away", n.km)
                    };
                    view! {
                        <li>
                            <a href=g.path()>{g.name.clone()}</a>
                            {format!(": {}, {distance}", g.place())}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="nearby" aria-labelledby="nearby-title">
                    <h2 id="nearby-title">"There may already be a group for you"</h2>
                    <p>
                        "These groups meet within 100 km of the place you gave, or for its whole country. You could "
                        "join one of them, or still ask for a new group below."
                    </p>
                    <ul>{items}</ul>
                </section>
            }
        })
    }
}
