//! The interactive world map: land shapes from `/world.svg` (loaded as an image, so it never
//! delays the page), and a button for each group or cluster of groups on top.
//!
//! Pan by dragging, zoom with the buttons, `+`/`-` keys, a pinch, or the wheel while the map
//! has focus or Ctrl/⌘ is held (so scrolling the page is never hijacked). Arrow keys pan and
//! `0` shows the whole world. The list beside the map is the complete alternative to it.
//!
//! With a [`PointPick`], the map also picks a place: a click (not a drag) puts the pin there,
//! and from the keyboard Enter or Space puts it under the cross in the middle of the map.

use std::{collections::HashMap, sync::Arc};

use leptos::{ev, html, prelude::*};
use wasm_bindgen::JsCast;

use groups_core::geo::{bounds, from_map, to_map, Point, HEIGHT, WIDTH};

use super::{
    cluster::{cluster, Cluster, MIN_SPACING_PX},
    viewport::{View, MAX_ZOOM},
};
use crate::{
    components::dom::{index_at, mark_index},
    directory::model::Directory,
};

/// The world's shapes, projected at build time (see `world.rs`).
const WORLD_SVG: &str = "/world.svg";
const ZOOM_STEP: f64 = 1.6;
const PAN_STEP: f64 = 60.0;
/// Frame units kept around the groups when the map fits itself to them.
const FIT_PADDING: f64 = 40.0;

/// Pointer travel, in CSS pixels, beyond which a press is a drag and not a click.
const DRAG_PX: f64 = 5.0;

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
    #[prop(into, default = "Map of user groups".into())]
    label: String,
    /// Makes the map a place picker as well.
    #[prop(optional)]
    pick: Option<PointPick>,
    /// Keeps markers out of the tab order, where the map only gives context (the picker:
    /// nearby groups are listed beside it) and thirty extra stops would be in the way.
    #[prop(optional)]
    quiet_markers: bool,
) -> impl IntoView {
    let highlight = highlight.unwrap_or_else(|| RwSignal::new(None));
    let points: Arc<Vec<Point>> = Arc::new(directory.groups.iter().map(|g| to_map(g.lon, g.lat)).collect());
    let view = RwSignal::new(View::WORLD);
    let open = RwSignal::new(None::<usize>);
    let container = NodeRef::<html::Div>::new();
    let canvas = NodeRef::<html::Div>::new();

    // Fit to the shown groups at first and whenever `fit_on` changes.
    {
        let points = points.clone();
        Effect::new(move |_| {
            fit_on.track();
            let fitted = shown.with_untracked(|shown| fit_to(&points, shown, max_fit_zoom));
            view.set(fitted.unwrap_or(View::WORLD));
            open.set(None);
        });
    }

    // The map's width in CSS pixels, so that markers keep their spacing on any screen.
    let width = RwSignal::new(WIDTH);
    let canvas_rect = move || canvas.get_untracked().map(|c| c.get_bounding_client_rect());
    let measure = move || {
        if let Some(w) = canvas_rect().map(|r| r.width()) {
            if w > 0.0 && (w - width.get_untracked()).abs() > 0.5 {
                width.set(w);
            }
        }
    };
    Effect::new(move |_| {
        canvas.track();
        measure();
    });
    let resize = window_event_listener(ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    // Clusters depend on the zoom and the width only, not on panning.
    let zoom = Memo::new(move |_| view.with(|v| v.k));
    let clusters = {
        let points = points.clone();
        Memo::new(move |_| {
            shown.with(|shown| {
                let projected: Vec<Point> = shown.iter().map(|&i| points[i]).collect();
                let spacing = MIN_SPACING_PX * WIDTH / width.get();
                cluster(&projected, zoom.get(), spacing)
                    .into_iter()
                    .map(|c| Cluster { members: c.members.into_iter().map(|m| shown[m]).collect(), center: c.center })
                    .collect::<Vec<_>>()
            })
        })
    };
    // Only markers in the frame are in the page (and in the tab order).
    let visible = Memo::new(move |_| {
        let v = view.get();
        clusters.with(|cs| cs.iter().filter(|c| v.shows(c.center, 12.0)).cloned().collect::<Vec<_>>())
    });

    let frame_per_pixel = move || canvas_rect().map(|r| WIDTH / r.width().max(1.0)).unwrap_or(1.0);
    let frame_point = move |client_x: f64, client_y: f64| {
        canvas_rect()
            .map(|r| {
                let s = WIDTH / r.width().max(1.0);
                Point { x: (client_x - r.left()) * s, y: (client_y - r.top()) * s }
            })
            .unwrap_or(Point { x: WIDTH / 2.0, y: HEIGHT / 2.0 })
    };

    let pick_at = move |frame: Point| {
        if let Some(pick) = pick {
            if let Some((lon, lat)) = from_map(view.get_untracked().to_map(frame)) {
                pick.on_pick.run((lat, lon));
            }
        }
    };
    let on_key = move |ev: ev::KeyboardEvent| {
        let on_map_itself = ev.target().zip(container.get_untracked()).is_some_and(|(t, c)| {
            let c: &web_sys::EventTarget = c.as_ref();
            &t == c
        });
        if pick.is_some() && on_map_itself && matches!(ev.key().as_str(), "Enter" | " ") {
            ev.prevent_default();
            pick_at(Point { x: WIDTH / 2.0, y: HEIGHT / 2.0 });
            return;
        }
        let next = match ev.key().as_str() {
            "+" | "=" => view.get_untracked().zoom(ZOOM_STEP),
            "-" | "_" => view.get_untracked().zoom(1.0 / ZOOM_STEP),
            "ArrowLeft" => view.get_untracked().pan(PAN_STEP, 0.0),
            "ArrowRight" => view.get_untracked().pan(-PAN_STEP, 0.0),
            "ArrowUp" => view.get_untracked().pan(0.0, PAN_STEP),
            "ArrowDown" => view.get_untracked().pan(0.0, -PAN_STEP),
            "0" => View::WORLD,
            _ => return,
        };
        ev.prevent_default();
        view.set(next);
    };

    let on_wheel = move |ev: ev::WheelEvent| {
        let focused_inside = container.get_untracked().is_some_and(|c| {
            document().active_element().is_some_and(|active| c.contains(Some(active.unchecked_ref())))
        });
        if !(ev.ctrl_key() || ev.meta_key() || focused_inside) {
            return; // The page scrolls as usual.
        }
        ev.prevent_default();
        let anchor = frame_point(f64::from(ev.client_x()), f64::from(ev.client_y()));
        view.update(|v| *v = v.zoom_at((-ev.delta_y() * 0.002).exp(), anchor));
    };

    // Dragging with one pointer pans; two pointers pinch-zoom.
    let pointers = StoredValue::new_local(HashMap::<i32, (f64, f64)>::new());
    // Where the press started, and whether it has since moved far enough to be a drag.
    let press = StoredValue::new_local(((0.0, 0.0), false));
    let on_pointer_down = move |ev: ev::PointerEvent| {
        press.set_value(((f64::from(ev.client_x()), f64::from(ev.client_y())), false));
        let on_control = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| el.closest("button, a").ok().flatten().is_some());
        if on_control {
            return;
        }
        if let Some(c) = canvas.get_untracked() {
            let _ = c.set_pointer_capture(ev.pointer_id());
        }
        pointers.update_value(|p| {
            p.insert(ev.pointer_id(), (f64::from(ev.client_x()), f64::from(ev.client_y())));
        });
    };
    let on_pointer_move = move |ev: ev::PointerEvent| {
        let id = ev.pointer_id();
        let now = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        let Some((before, other)) = pointers
            .with_value(|p| p.get(&id).map(|&before| (before, p.iter().find(|(k, _)| **k != id).map(|(_, v)| *v))))
        else {
            return;
        };
        pointers.update_value(|p| {
            p.insert(id, now);
        });
        press.update_value(|(start, dragged)| {
            *dragged |= (now.0 - start.0).hypot(now.1 - start.1) > DRAG_PX;
        });
        let s = frame_per_pixel();
        match other {
            None => view.update(|v| *v = v.pan((now.0 - before.0) * s, (now.1 - before.1) * s)),
            Some(o) => {
                let d0 = ((before.0 - o.0).powi(2) + (before.1 - o.1).powi(2)).sqrt();
                let d1 = ((now.0 - o.0).powi(2) + (now.1 - o.1).powi(2)).sqrt();
                if d0 > 0.0 {
                    let anchor = frame_point((now.0 + o.0) / 2.0, (now.1 + o.1) / 2.0);
                    view.update(|v| *v = v.zoom_at(d1 / d0, anchor));
                }
            }
        }
    };
    let on_pointer_up = move |ev: ev::PointerEvent| {
        pointers.update_value(|p| {
            p.remove(&ev.pointer_id());
        });
    };

    let focus_map = move || {
        if let Some(c) = container.get_untracked() {
            let _ = c.focus();
        }
    };
    let directory_for_markers = directory.clone();

    // The cluster a marker element stands for, by its first member.
    let cluster_of = move |target: Option<web_sys::EventTarget>| -> Option<Cluster> {
        let first = index_at(target, "button.marker")?;
        visible.with_untracked(|cs| cs.iter().find(|c| c.members[0] == first).cloned())
    };
    let hover = move |target: Option<web_sys::EventTarget>| {
        if let Some(c) = cluster_of(target).filter(|c| c.members.len() == 1) {
            highlight.set(Some(c.members[0]));
        }
    };
    let points_for_click = points.clone();
    let on_marker_click = move |ev: ev::MouseEvent| {
        let Some(c) = cluster_of(ev.target()) else {
            let on_card = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|el| el.closest(".map-card, button, a").ok().flatten().is_some());
            if !on_card && !press.with_value(|(_, dragged)| *dragged) {
                pick_at(frame_point(f64::from(ev.client_x()), f64::from(ev.client_y())));
            }
            return;
        };
        if c.members.len() == 1 {
            open.set(Some(c.members[0]));
            return;
        }
        let fitted = fit_to(&points_for_click, &c.members, MAX_ZOOM).unwrap_or_default();
        let current = view.get_untracked();
        // Members at one place cannot be spread by fitting: zoom in anyway.
        let next = if fitted.k > current.k * 1.01 { fitted } else { current.zoom_at(4.0, current.to_frame(c.center)) };
        view.set(next);
        open.set(None);
        focus_map();
    };

    // The highlighted group's marker is marked directly in the DOM: one update per change
    // instead of a reactive class on every marker.
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

    // The world and the marker layer move together.
    let transform = move || {
        let v = view.get();
        format!("scale({}) translate({}%, {}%)", v.k, -v.x / WIDTH * 100.0, -v.y / HEIGHT * 100.0)
    };

    view! {
        <div
            class="map"
            class:picking=pick.is_some()
            node_ref=container
            tabindex="0"
            role="region"
            aria-label=label
            on:keydown=on_key
            on:wheel=on_wheel
        >
            <div class="map-tools">
                <button type="button" class="map-button" aria-label="Zoom in" on:click=move |_| view.update(|v| *v = v.zoom(ZOOM_STEP))>"+"</button>
                <button type="button" class="map-button" aria-label="Zoom out" on:click=move |_| view.update(|v| *v = v.zoom(1.0 / ZOOM_STEP))>"−"</button>
                <button type="button" class="map-button wide" on:click=move |_| view.set(View::WORLD)>"Whole world"</button>
            </div>
            <div
                class="map-canvas"
                node_ref=canvas
                on:pointerdown=on_pointer_down
                on:pointermove=on_pointer_move
                on:pointerup=on_pointer_up
                on:pointercancel=on_pointer_up
                on:click=on_marker_click
                on:mouseover=move |ev: ev::MouseEvent| hover(ev.target())
                on:mouseout=move |_| highlight.set(None)
                on:focusin=move |ev: ev::FocusEvent| hover(ev.target())
                on:focusout=move |_| highlight.set(None)
            >
                <img class="map-world" src=WORLD_SVG alt="" draggable="false" style:transform=transform />
                // Markers sit in a layer moved with the land by the same transform, each at a
                // fixed place and scaled back to its own size by `--unscale`: a pan or a zoom
                // writes three styles, not two per marker. Markers carry no listeners of their
                // own either: the canvas handles clicks, hover and focus for all of them.
                <div class="map-layer" style:transform=transform style:--unscale=move || (1.0 / view.get().k).to_string()>
                <For
                    each=move || visible.get()
                    key=|c| (c.members[0], c.members.len())
                    children=move |c: Cluster| {
                        let center = c.center;
                        let count = c.members.len();
                        let is_cluster = count > 1;
                        let label = if is_cluster {
                            format!("{count} groups: zoom in to see them")
                        } else {
                            let g = &directory_for_markers.groups[c.members[0]];
                            g.label()
                        };
                        view! {
                            <button
                                type="button"
                                class=if is_cluster { "marker cluster" } else { "marker" }
                                data-index=c.members[0].to_string()
                                tabindex=quiet_markers.then_some("-1")
                                aria-label=label
                                style:left=percent(center.x, WIDTH)
                                style:top=percent(center.y, HEIGHT)
                            >
                                {is_cluster.then(|| count.to_string())}
                            </button>
                        }
                    }
                />
                {pick.map(|pick| move || pick.picked.get().map(|(lat, lon)| {
                    let at = to_map(lon, lat);
                    view! { <span class="pin" aria-hidden="true" style:left=percent(at.x, WIDTH) style:top=percent(at.y, HEIGHT)></span> }
                }))}
                </div>
                {pick.map(|_| view! { <span class="crosshair" aria-hidden="true"></span> })}
            </div>
            {move || open.get().map(|i| view! { <MapCard directory=directory.clone() index=i open container /> })}
        </div>
    }
}

/// `value` as a percentage of `whole`, for a position in the map's frame.
fn percent(value: f64, whole: f64) -> String {
    format!("{}%", value / whole * 100.0)
}

/// The view that shows the groups `members` (indices into `points`), if there are any.
fn fit_to(points: &[Point], members: &[usize], max_zoom: f64) -> Option<View> {
    bounds(members.iter().map(|&i| points[i])).map(|(lo, hi)| View::fit(lo, hi, FIT_PADDING, max_zoom))
}

/// The card a single marker opens: the group's name and place, and a link to its page.
#[component]
fn MapCard(
    directory: Arc<Directory>,
    index: usize,
    open: RwSignal<Option<usize>>,
    container: NodeRef<html::Div>,
) -> impl IntoView {
    let group = directory.groups[index].clone();
    let link = NodeRef::<html::A>::new();
    // Move focus into the card so keyboard users can follow the link at once.
    Effect::new(move |_| {
        if let Some(a) = link.get() {
            let _ = a.focus();
        }
    });
    let close = move || {
        open.set(None);
        // Return focus to the marker that opened the card.
        let marker = container
            .get_untracked()
            .and_then(|c| c.query_selector(&format!("button.marker[data-index='{index}']")).ok().flatten())
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(marker) = marker {
            let _ = marker.focus();
        }
    };
    view! {
        <div
            class="map-card"
            role="group"
            aria-label=group.name.clone()
            on:keydown=move |ev: ev::KeyboardEvent| {
                ev.stop_propagation();
                if ev.key() == "Escape" {
                    close();
                }
            }
        >
            <p class="map-card-title">{group.name.clone()}</p>
            <p>{group.place()}</p>
            <a href=group.path() node_ref=link>"Open the group’s page"</a>
            <button type="button" class="map-card-close" aria-label="Close" on:click=move |_| close()>"×"</button>
        </div>
    }
}
