//! The map's marker layer: a button for each group or cluster of groups in the frame, and
//! the picked place's pin, in one layer moved with the land.

use std::sync::Arc;

use groups_core::geo::{to_map, Point, HEIGHT, WIDTH};
use leptos::{html, prelude::*};

use groups_core::cluster::{cluster, cluster_label, Cluster, MIN_SPACING_PX};

use super::{pan_zoom::PanZoom, view::Mark};
use crate::{
    components::dom::{index_at, mark_index},
    directory::model::Directory,
};

/// The clusters of the `shown` groups (indices into `points`): all of them, and those in the
/// map's frame. Clustering depends on the zoom and the map's width only, not on panning; only
/// markers in the frame are in the page (and in the tab order).
pub fn visible_clusters(
    points: Arc<Vec<Point>>,
    shown: Signal<Vec<usize>>,
    map: PanZoom,
) -> (Memo<Vec<Cluster>>, Memo<Vec<Cluster>>) {
    let zoom = Memo::new(move |_| map.view.with(|v| v.k));
    let clusters = Memo::new(move |_| {
        shown.with(|shown| {
            let projected: Vec<Point> = shown.iter().map(|&i| points[i]).collect();
            let spacing = MIN_SPACING_PX * WIDTH / map.width.get();
            cluster(&projected, zoom.get(), spacing)
                .into_iter()
                .map(|c| Cluster { members: c.members.into_iter().map(|m| shown[m]).collect(), center: c.center })
                .collect::<Vec<_>>()
        })
    });
    let visible = Memo::new(move |_| {
        let v = map.view.get();
        clusters.with(|cs| cs.iter().filter(|c| v.shows(c.center, 12.0)).cloned().collect::<Vec<_>>())
    });
    (clusters, visible)
}

/// The visible cluster a marker element (or an element inside it) stands for, by its first
/// member.
pub fn cluster_at(visible: Memo<Vec<Cluster>>, target: Option<web_sys::EventTarget>) -> Option<Cluster> {
    let first = index_at(target, "button.marker")?;
    visible.with_untracked(|cs| cs.iter().find(|c| c.members[0] == first).cloned())
}

/// Marks the highlighted group's marker directly in the DOM: one update per change instead of
/// a reactive class on every marker.
pub fn mark_highlight(highlight: RwSignal<Option<usize>>, visible: Memo<Vec<Cluster>>, canvas: NodeRef<html::Div>) {
    Effect::new(move |previous: Option<Option<usize>>| {
        let current = highlight.get();
        let first_of =
            |i: usize| visible.with_untracked(|cs| cs.iter().find(|c| c.members.contains(&i)).map(|c| c.members[0]));
        if let Some(root) = canvas.get_untracked() {
            for (i, on) in [(previous.flatten(), false), (current, true)] {
                if let Some(first) = i.and_then(first_of) {
                    mark_index(&root, first, "highlight", on);
                }
            }
        }
        current
    });
}

/// The layer: moved with the land by the same transform, each marker at a fixed place and
/// scaled back to its own size by `--unscale`, so a pan or a zoom writes three styles, not
/// two per marker. Markers carry no listeners of their own either: the canvas handles clicks,
/// hover and focus for all of them.
#[component]
pub fn MarkerLayer(
    directory: Arc<Directory>,
    visible: Memo<Vec<Cluster>>,
    map: PanZoom,
    /// Markers out of the tab order (see `GroupMap`'s `quiet_markers`).
    quiet: bool,
    /// The picked place: (latitude, longitude), when the map is a picker.
    picked: Option<Signal<Option<(f64, f64)>>>,
    /// The place the groups are ordered from.
    mark: Option<Signal<Option<Mark>>>,
) -> impl IntoView {
    view! {
        <div class="map-layer" style:transform=move || map.transform() style:--unscale=move || (1.0 / map.view.get().k).to_string()>
            <For
                each=move || visible.get()
                // A marker is made once per key, at its place: the key holds the place, or a
                // cluster regrouped at another zoom with the same first member and count would
                // keep the old place and sit on its neighbours.
                key=|c| (c.members[0], c.members.len(), c.center.x.to_bits(), c.center.y.to_bits())
                children=move |c: Cluster| {
                    let count = c.members.len();
                    let is_cluster = count > 1;
                    let label = if is_cluster {
                        cluster_label(c.members.iter().map(|&m| directory.groups[m].country.local_name()))
                    } else {
                        directory.groups[c.members[0]].label()
                    };
                    view! {
                        <button
                            type="button"
                            class=if is_cluster { "marker cluster" } else { "marker" }
                            data-index=c.members[0].to_string()
                            tabindex=quiet.then_some("-1")
                            aria-label=label
                            style:left=percent(c.center.x, WIDTH)
                            style:top=percent(c.center.y, HEIGHT)
                        >
                            {is_cluster.then(|| count.to_string())}
                        </button>
                    }
                }
            />
            {picked.map(|picked| move || picked.get().map(|(lat, lon)| {
                let at = to_map(lon, lat);
                view! { <span class="pin" aria-hidden="true" style:left=percent(at.x, WIDTH) style:top=percent(at.y, HEIGHT)></span> }
            }))}
            {mark.map(|mark| move || mark.get().map(|m| {
                let at = to_map(m.lon, m.lat);
                view! {
                    <span class="place-mark" role="img" aria-label=m.label style:left=percent(at.x, WIDTH) style:top=percent(at.y, HEIGHT)></span>
                }
            }))}
        </div>
    }
}

/// `value` as a percentage of `whole`, for a position in the map's frame.
fn percent(value: f64, whole: f64) -> String {
    format!("{}%", value / whole * 100.0)
}
