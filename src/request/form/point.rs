//! "Place on the map" (optional): the map as a place picker, showing the groups of the chosen
//! country, and the pin in words with a way to remove it, and a question when it lies far
//! outside the chosen country.

use std::sync::Arc;

use groups_core::{markup::WORLD_SVG, validate::Field};
use groups_i18n::{t, tf, Msg};
use leptos::prelude::*;

use super::state::Form;
use crate::{
    directory::model::Directory,
    map::view::{GroupMap, PointPick},
    request::fields::error_line,
};

/// `loaded` is the directory once it has arrived (the map shows no groups until then).
#[component]
pub fn PointField(form: Form, loaded: Signal<Option<Arc<Directory>>>) -> impl IntoView {
    let draft = form.draft;
    let country = Memo::new(move |_| draft.with(|d| d.country.clone()));
    let point = Memo::new(move |_| draft.with(|d| d.point));
    let on_pick = Callback::new(move |(lat, lon): (f64, f64)| {
        draft.update(|d| d.point = Some(crate::request::draft::round_point(lat, lon)));
        form.forget_server_error(Field::Point);
    });
    let pick = PointPick { picked: point.into(), on_pick };
    let point_error = form.error(Field::Point);
    let far = move || {
        let (lat, lon) = point.get()?;
        let code = country.get();
        let name = groups_core::regions::country(&code)?.name;
        groups_core::country_boxes::pin_note(&code, name, lat, lon)
    };
    let map_due = RwSignal::new(false);
    request_animation_frame(move || map_due.set(true));

    view! {
        <div class="field point-field" class:invalid=move || point_error.with(Option::is_some)>
            <p class="label" id="point-label">{t(Msg::RequestPoint)} <span class="optional">{t(Msg::RequestOptional)}</span></p>
            <p class="hint" id="point-hint">{t(Msg::RequestPointHint)}</p>
            {error_line("point", point_error)}
            {move || {
                // The form comes in one task, the map in the next: built together they made
                // one long task in which a slow phone could not answer (Lighthouse's total
                // blocking time).
                if !map_due.get() {
                    // Its boxes as they will be (as the home page's map while it loads), so
                    // that nothing below moves when it comes.
                    return view! {
                        <div class="map">
                            <div class="map-tools"><span class="map-tools-status"></span></div>
                            <div class="map-canvas"><img class="map-world" src=WORLD_SVG alt="" draggable="false" /></div>
                        </div>
                    }
                    .into_any();
                }
                let directory = loaded.get().unwrap_or_else(|| Arc::new(Directory::new(Vec::new())));
                let in_country = {
                    let directory = directory.clone();
                    Signal::derive(move || {
                        let code = country.get();
                        directory.groups.iter().enumerate().filter(|(_, g)| code.is_empty() || g.country.code == code).map(|(i, _)| i).collect::<Vec<_>>()
                    })
                };
                view! {
                    <GroupMap
                        directory
                        shown=in_country
                        fit_on=Signal::derive(move || country.get())
                        max_fit_zoom=8.0
                        label=t(Msg::RequestPointMap)
                        pick
                        quiet_markers=true
                    />
                }
                .into_any()
            }}
            <p class="point" id="point" aria-live="polite">
                {move || match point.get() {
                    Some((lat, lon)) => tf(Msg::RequestPin, &[("point", &groups_core::geo::format_lat_lon(lat, lon))]),
                    None => t(Msg::RequestNoPin).to_owned(),
                }}
                {move || point.get().is_some().then(|| view! {
                    " "
                    <button type="button" class="link-button" on:click=move |_| remove_pin(form)>{t(Msg::RequestRemovePin)}</button>
                })}
            </p>
            // Said, not refused: a group may meet across a border, or the country be wrong.
            <p class="point-warning" id="point-warning" aria-live="polite">{far}</p>
        </div>
    }
}

/// Takes the pin off; the button goes with it, so focus goes to the map, where a new pin is
/// put.
fn remove_pin(form: Form) {
    form.draft.update(|d| d.point = None);
    request_animation_frame(|| {
        if let Some(map) = document().query_selector(".point-field .map").ok().flatten() {
            if let Ok(map) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(map) {
                let _ = map.focus();
            }
        }
    });
}
