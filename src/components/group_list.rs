//! The list of groups: the complete keyboard and screen-reader alternative to the map.

use std::sync::Arc;

use leptos::prelude::*;

use crate::groups::{Directory, Status};

/// How many groups the list shows before "Show more": enough for any region of the sample,
/// few enough that a change with thousands of groups still paints within a frame.
pub const PAGE: usize = 100;

/// One item per shown group (up to the current page), each a link to the group's page.
#[component]
pub fn GroupList(
    directory: Arc<Directory>,
    #[prop(into)] shown: Signal<Vec<usize>>,
    /// The group highlighted here and on the map.
    highlight: RwSignal<Option<usize>>,
) -> impl IntoView {
    let limit = RwSignal::new(PAGE);
    let items = move || shown.with(|s| s.iter().take(limit.get()).copied().collect::<Vec<_>>());
    let hidden = move || shown.with(Vec::len).saturating_sub(limit.get());
    view! {
        <ul class="group-list">
            <For
                each=items
                key=|i| *i
                children=move |i| {
                    let g = &directory.groups[i];
                    view! {
                        <li
                            class:highlight=move || highlight.get() == Some(i)
                            on:mouseenter=move |_| highlight.set(Some(i))
                            on:mouseleave=move |_| highlight.set(None)
                            on:focusin=move |_| highlight.set(Some(i))
                            on:focusout=move |_| highlight.set(None)
                        >
                            <a href=g.href()>{g.name.clone()}</a>
                            <span class="where">{format!("{}, {}", g.city, g.country.name)}</span>
                            {(g.status == Status::Official).then(|| view! { <span class="badge">"Official"</span> })}
                        </li>
                    }
                }
            />
        </ul>
        <Show when=move || { hidden() > 0 }>
            <button type="button" class="button secondary" on:click=move |_| limit.update(|l| *l += PAGE)>
                {move || format!("Show {} more", hidden().min(PAGE))}
            </button>
        </Show>
    }
}
