//! The interactive world map: land shapes from `/world.svg` (loaded as an image, so it never
//! delays the page), and a button for each group or cluster of groups on top.
//!
//! Pan by dragging, zoom with the buttons, `+`/`-` keys, a pinch, or the wheel while the map
//! has focus or Ctrl/⌘ is held (so scrolling the page is never hijacked). Arrow keys pan and
//! `0` shows the whole world. The list beside the map is the complete alternative to it.
//!
//! With a [`PointPick`], the map also picks a place: a click (not a drag) puts the pin there,
//! and from the keyboard Enter or Space puts it under the cross in the middle of the map.
//!
//! This component puts together the pan/zoom controller (`pan_zoom.rs`), the land's names
//! (`labels.rs`), the marker layer (`markers.rs`) and the card a marker opens (`card.rs`).

use std::sync::Arc;

use groups_core::geo::{from_map, to_map, Point, HEIGHT, WIDTH};
use groups_i18n::{t, Msg};
use leptos::{ev, prelude::*};

use super::{
    card::MapCard,
    labels::PlaceLabels,
    markers::{cluster_at, mark_highlight, visible_clusters, MarkerLayer},
    pan_zoom::{PanZoom, ZOOM_STEP},
};
use crate::directory::model::Directory;
use groups_core::{
    markup::WORLD_SVG,
    viewport::{View, MAX_ZOOM},
};

/// The place the groups are ordered by (a place chosen, the visitor's position), marked on the
/// map apart from the groups.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub lat: f64,
    pub lon: f64,
    /// Its name, for screen readers.
    pub label: String,
}

/// Picking a place on the map: the pin shown, and what to do with a new one.
#[derive(Clone, Copy)]
pub struct PointPick {
    /// The pin: (latitude, longitude).
    pub picked: Signal<Option<(f64, f64)>>,
    pub on_pick: Callback<(f64, f64)>,
}

/// The map of `shown` groups (indices into `directory.groups`).
#[component]
pub fn GroupMap(
    directory: Arc<Directory>,
    #[prop(into)] shown: Signal<Vec<usize>>,
    /// The group highlighted in the list and on the map, set by either.
    #[prop(optional)]
    highlight: Option<RwSignal<Option<usize>>>,
    /// Each change fits the map to the shown groups (for example, the chosen region).
    #[prop(into, optional)]
    fit_on: Signal<String>,
    /// How far fitting may zoom in (a single group's map should still show its country).
    #[prop(default = MAX_ZOOM)]
    max_fit_zoom: f64,
    /// The map's accessible name.
    #[prop(into, default = t(Msg::MapName).into())]
    label: String,
    /// Makes the map a place picker as well.
    #[prop(optional)]
    pick: Option<PointPick>,
    /// Keeps markers out of the tab order, where the map only gives context (the picker:
    /// nearby groups are listed beside it) and thirty extra stops would be in the way.
    #[prop(optional)]
    quiet_markers: bool,
    /// The part of the world shown, when its owner keeps it (the directory, for Back).
    #[prop(optional)]
    view: Option<RwSignal<View>>,
    /// Fits the map to the shown groups when it appears (not when its view was restored).
    #[prop(default = true)]
    fit_first: bool,
    /// Where the groups are ordered from (latitude, longitude): fitting centres the map on it,
    /// with the nearest shown groups around.
    #[prop(optional, into)]
    around: Option<Signal<Option<(f64, f64)>>>,
    /// The place marked (see [`Mark`]).
    #[prop(optional, into)]
    mark: Option<Signal<Option<Mark>>>,
) -> impl IntoView {
    let highlight = highlight.unwrap_or_else(|| RwSignal::new(None));
    let points: Arc<Vec<Point>> = Arc::new(directory.groups.iter().map(|g| to_map(g.lon, g.lat)).collect());
    let open = RwSignal::new(None::<usize>);
    let map = view.map_or_else(PanZoom::default, PanZoom::with_view);
    let around = around.map(|a| Signal::derive(move || a.get().map(|(lat, lon)| to_map(lon, lat))));
    map.fit_on(fit_on, fit_first, points.clone(), shown, around, max_fit_zoom, move || open.set(None));
    map.track_width();
    let (clusters, visible) = visible_clusters(points.clone(), shown, map);
    let label_points = points.clone();
    mark_highlight(highlight, visible, map.canvas);

    let pick_at = move |frame: Point| {
        if let Some(pick) = pick {
            if let Some((lon, lat)) = from_map(map.view.get_untracked().to_map(frame)) {
                pick.on_pick.run((lat, lon));
            }
        }
    };
    let on_key = move |ev: ev::KeyboardEvent| {
        let on_map_itself = ev.target().zip(map.container.get_untracked()).is_some_and(|(t, c)| {
            let c: &web_sys::EventTarget = c.as_ref();
            &t == c
        });
        if pick.is_some() && on_map_itself && matches!(ev.key().as_str(), "Enter" | " ") {
            ev.prevent_default();
            pick_at(Point { x: WIDTH / 2.0, y: HEIGHT / 2.0 });
        } else if map.key(&ev.key()) {
            ev.prevent_default();
        }
    };
    // A click on a marker opens its card or zooms into its cluster; elsewhere on the land
    // (not after a drag, not on the card) it picks the place. On the form's map every click
    // picks, on a group's marker too: the groups near the pin are listed beside the map, and
    // a card would only lead away from the form.
    let on_click = move |ev: ev::MouseEvent| {
        let marker = if pick.is_some() { None } else { cluster_at(visible, ev.target()) };
        let Some(c) = marker else {
            let on_card = ev
                .target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                .is_some_and(|el| el.closest(".map-card, .map-tools, a").ok().flatten().is_some());
            if !on_card && !map.dragged() {
                pick_at(map.frame_point(f64::from(ev.client_x()), f64::from(ev.client_y())));
            }
            return;
        };
        if c.members.len() == 1 {
            open.set(Some(c.members[0]));
            return;
        }
        map.zoom_into(&points, &c.members, c.center);
        open.set(None);
        map.focus();
    };
    let hover = move |target: Option<web_sys::EventTarget>| {
        if let Some(c) = cluster_at(visible, target).filter(|c| c.members.len() == 1) {
            highlight.set(Some(c.members[0]));
        }
    };

    // The markers come a frame after the map: drawn with the rest of a page they made one long
    // task (a few hundred milliseconds on a slow phone) in which the page could not answer.
    let markers_due = RwSignal::new(false);
    request_animation_frame(move || markers_due.set(true));
    let layer_directory = directory.clone();
    let label_directory = directory.clone();

    view! {
        <div
            class="map"
            class:picking=pick.is_some()
            node_ref=map.container
            tabindex="0"
            role="region"
            aria-label=label
            on:keydown=on_key
            on:wheel=move |ev: ev::WheelEvent| map.wheel(&ev)
        >
            <div class="map-tools">
                // At a limit a button says so (`aria-disabled`) but keeps its focus: a disabled
                // button would drop the focus of the keyboard user pressing it.
                <button
                    type="button"
                    class="map-button"
                    aria-label=t(Msg::MapZoomIn)
                    aria-disabled=move || (map.view.get().k >= MAX_ZOOM).then_some("true")
                    on:click=move |_| map.zoom_by(ZOOM_STEP)
                >
                    "+"
                </button>
                <button
                    type="button"
                    class="map-button"
                    aria-label=t(Msg::MapZoomOut)
                    aria-disabled=move || (map.view.get().k <= 1.0).then_some("true")
                    on:click=move |_| map.zoom_by(1.0 / ZOOM_STEP)
                >
                    "−"
                </button>
                <button type="button" class="map-button wide" on:click=move |_| map.show_world()>{t(Msg::MapWholeWorld)}</button>
            </div>
            <div
                class="map-canvas"
                node_ref=map.canvas
                on:pointerdown=move |ev: ev::PointerEvent| map.pointer_down(&ev)
                on:pointermove=move |ev: ev::PointerEvent| map.pointer_move(&ev)
                on:pointerup=move |ev: ev::PointerEvent| map.pointer_up(&ev)
                on:pointercancel=move |ev: ev::PointerEvent| map.pointer_cancel(&ev)
                on:click=on_click
                on:mouseover=move |ev: ev::MouseEvent| hover(ev.target())
                on:mouseout=move |_| highlight.set(None)
                on:focusin=move |ev: ev::FocusEvent| hover(ev.target())
                on:focusout=move |_| highlight.set(None)
            >
                <img class="map-world" src=WORLD_SVG alt="" draggable="false" style:transform=move || map.transform() />
                <Show when=move || markers_due.get()>
                    <PlaceLabels directory=label_directory.clone() points=label_points.clone() shown clusters map />
                    <MarkerLayer
                        directory=layer_directory.clone()
                        visible
                        map
                        quiet=quiet_markers
                        picked=pick.map(|p| p.picked)
                        mark
                    />
                </Show>
                {pick.map(|_| view! { <span class="crosshair" aria-hidden="true"></span> })}
            </div>
            {move || open.get().map(|i| view! { <MapCard directory=directory.clone() index=i open container=map.container /> })}
        </div>
    }
}
