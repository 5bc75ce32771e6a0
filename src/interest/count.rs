//! How many people asked to hear when a group starts near a place (`GET /api/interest/count`),
//! for whoever thinks of starting one: shown on the directory's answer where no group is near
//! and on the new-group form once its place is chosen. Nothing is shown while asking or when
//! the count cannot be had: it is a hint, never in the way.

use groups_core::interest::{count_href, InterestCount};
use leptos::prelude::*;

/// The count's sentence for the place `(id, label)` within `radius_km`, or `None`.
async fn sentence(id: String, label: String, radius_km: u16) -> Option<String> {
    let response = gloo_net::http::Request::get(&count_href(&id, radius_km)).send().await.ok()?;
    let count: InterestCount = response.ok().then_some(response)?.json().await.ok()?;
    Some(count.sentence(radius_km, &label))
}

/// "12 people within 100 km of Leipzig, Germany asked to hear when a group starts." for
/// `place`, an id and its label (none: nothing shown).
#[component]
pub fn InterestCountLine(
    #[prop(into)] place: Signal<Option<(String, String)>>,
    #[prop(into)] radius_km: Signal<u16>,
) -> impl IntoView {
    let counted = LocalResource::new(move || {
        let (place, radius_km) = (place.get(), radius_km.get());
        async move {
            let (id, label) = place?;
            sentence(id, label, radius_km).await
        }
    });
    move || counted.get().flatten().map(|said| view! { <p class="interest-count">{said}</p> })
}
