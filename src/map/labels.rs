//! The land's names on the map: the countries of the groups shown, and others where their
//! names fit, placed by `groups_core::labels` so that none covers another or a marker. Drawn
//! once the map is zoomed in (the whole world needs none, and stays as light as before), in a
//! layer moved with the land, under the markers. Hidden from screen readers: the markers'
//! names say where each group is.

use std::sync::Arc;

use groups_core::{
    cluster::Cluster,
    geo::{Point, HEIGHT, WIDTH},
    labels::{country_names, place},
};
use leptos::prelude::*;

use super::pan_zoom::PanZoom;
use crate::directory::model::Directory;

/// Names from this zoom on: at the whole world's, the continents say enough.
pub const LABEL_ZOOM: f64 = 2.0;

/// The layer of names for the `shown` groups, beside the markers of `clusters` (all of them,
/// in the frame or not: placing names by zoom alone keeps them still while the map is dragged).
#[component]
pub fn PlaceLabels(
    directory: Arc<Directory>,
    /// Each group's place (map units), by its index in `directory.groups`.
    points: Arc<Vec<Point>>,
    shown: Signal<Vec<usize>>,
    clusters: Memo<Vec<Cluster>>,
    map: PanZoom,
) -> impl IntoView {
    let zoom = Memo::new(move |_| map.view.with(|v| v.k));
    let placed = Memo::new(move |_| {
        let k = zoom.get();
        if k < LABEL_ZOOM {
            return Vec::new();
        }
        let px = k * map.width.get() / WIDTH;
        let names =
            shown.with(|shown| country_names(shown.iter().map(|&i| (directory.groups[i].country.code, points[i])), px));
        let markers: Vec<_> = clusters.with(|cs| cs.iter().map(|c| c.center).collect());
        place(&names, &markers, px).into_iter().map(|(i, at)| (names[i].0, at)).collect::<Vec<_>>()
    });
    let visible = Memo::new(move |_| {
        let v = map.view.get();
        placed.with(|p| p.iter().filter(|(_, at)| v.shows(*at, 60.0)).cloned().collect::<Vec<_>>())
    });
    view! {
        <div class="map-labels" aria-hidden="true" style:transform=move || map.transform() style:--unscale=move || (1.0 / zoom.get()).to_string()>
            <For
                each=move || visible.get()
                key=|(name, at)| (*name, at.x.to_bits(), at.y.to_bits())
                children=|(name, at)| view! {
                    <span class="map-label" style:left=format!("{}%", at.x / WIDTH * 100.0) style:top=format!("{}%", at.y / HEIGHT * 100.0)>
                        {name}
                    </span>
                }
            />
        </div>
    }
}
