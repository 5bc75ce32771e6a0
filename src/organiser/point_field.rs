//! The place on the map in the organiser's forms, picked as on the new-group form: a press
//! anywhere, or Enter under the cross, puts the pin there. A listed group shows as its own
//! marker; a request's pin is optional and can be removed.

use std::sync::Arc;

use groups_core::directory::GroupRecord;
use groups_i18n::{t, tf, Msg};
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
                hidden=move || point.with(Option::is_none)>{t(Msg::RequestRemovePin)}</button>
        }
    });
    view! {
        <div class="field point-field">
            <p class="label" id="point-label">{t(Msg::RequestPoint)} {on_remove.map(|_| view! { <span class="optional">{t(Msg::RequestOptional)}</span> })}</p>
            <p class="hint" id="point-hint">
                {t(Msg::OrganiserPointHint)}
            </p>
            {error_line("point", error)}
            <GroupMap directory shown max_fit_zoom=8.0 label=t(Msg::OrganiserPointMap)
                pick=PointPick { picked: point, on_pick } quiet_markers=true />
            <p class="point" aria-live="polite">
                {move || match point.get() {
                    Some((lat, lon)) => tf(Msg::OrganiserPinAt, &[("point", &format!("{lat:.2}, {lon:.2}"))]),
                    None => t(Msg::OrganiserNoPin).to_owned(),
                }}
            </p>
            {remove}
        </div>
    }
}
