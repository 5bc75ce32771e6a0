//! The place on the map in the organiser's forms, picked as on the new-group form: a press
//! anywhere, or Enter under the cross, puts the pin there. A listed group shows as its own
//! marker; a request's pin is optional and can be removed.

use std::sync::Arc;

use groups_core::directory::GroupRecord;
use leptos::prelude::*;

use crate::{
    directory::model::Directory,
    map::view::{GroupMap, PointPick},
    request::fields::error_line,
};

#[component]
pub fn PointField(
    /// The listed group's own marker (a request has none).
    marker: Option<GroupRecord>,
    /// The pin: (latitude, longitude), if one is set.
    #[prop(into)]
    point: Signal<Option<(f64, f64)>>,
    /// Moves the pin (rounded to about a kilometre, as the form does).
    on_pick: Callback<(f64, f64)>,
    /// Offered beside a pin that may be removed.
    #[prop(optional)]
    on_remove: Option<Callback<()>>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let directory = Arc::new(Directory::new(marker.into_iter().collect()));
    let shown = Signal::derive({
        let count = directory.groups.len();
        move || (0..count).collect::<Vec<_>>()
    });
    let on_pick = Callback::new(move |(lat, lon): (f64, f64)| {
        let round = |v: f64| (v * 100.0).round() / 100.0;
        on_pick.run((round(lat), round(lon)));
    });
    let remove = on_remove.map(|remove| {
        view! {
            <button type="button" class="button secondary" on:click=move |_| remove.run(())
                hidden=move || point.with(Option::is_none)>"Remove the pin"</button>
        }
    });
    view! {
        <div class="field point-field">
            <p class="label" id="point-label">"Place on the map" {on_remove.map(|_| view! { <span class="optional">" (optional)"</span> })}</p>
            <p class="hint" id="point-hint">
                "Click the map where the group meets. With a keyboard: focus the map, move it with the "
                "arrow keys, zoom with + and −, and press Enter to put the pin under the cross."
            </p>
            {error_line("point", error)}
            <GroupMap directory shown max_fit_zoom=8.0 label="Map: pick the place where the group meets"
                pick=PointPick { picked: point, on_pick } quiet_markers=true />
            <p class="point" aria-live="polite">
                {move || match point.get() {
                    Some((lat, lon)) => format!("The pin is at {lat:.2}, {lon:.2}."),
                    None => "No pin: the staff will place the group by its city when they list it.".to_owned(),
                }}
            </p>
            {remove}
        </div>
    }
}
