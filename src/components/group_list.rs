//! The list of groups: the complete keyboard and screen-reader alternative to the map.

use std::sync::Arc;

use leptos::prelude::*;

use crate::groups::{Directory, Status};

/// One item per shown group, each a link to the group's page.
#[component]
pub fn GroupList(directory: Arc<Directory>, #[prop(into)] shown: Signal<Vec<usize>>) -> impl IntoView {
    view! {
        <ul class="group-list">
            {move || {
                let directory = directory.clone();
                shown
                    .get()
                    .into_iter()
                    .map(|i| {
                        let g = &directory.groups[i];
                        view! {
                            <li>
                                <a href=g.href()>{g.name.clone()}</a>
                                <span class="where">{format!("{}, {}", g.city, g.country.name)}</span>
                                {(g.status == Status::Official).then(|| view! { <span class="badge">"Official"</span> })}
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
    }
}
