//! The map's pan and zoom controller: which part of the world is shown, and how drags,
//! pinches, the wheel, keys and buttons move it. Plain methods over the map's signals and
//! elements; the component only wires them to events.

use std::{collections::HashMap, sync::Arc};

use groups_core::geo::{Point, HEIGHT, WIDTH};
use leptos::{ev, html, prelude::*};
use send_wrapper::SendWrapper;
use wasm_bindgen::{closure::Closure, JsCast};

use groups_core::{cluster::MIN_SPACING_PX, viewport::View};

pub const ZOOM_STEP: f64 = 1.6;
/// How many of the nearest groups a map centred on a place shows around it.
const AROUND: usize = 3;
const PAN_STEP: f64 = 60.0;
/// Pointer travel, in CSS pixels, beyond which a press is a drag and not a click.
const DRAG_PX: f64 = 5.0;

/// The map's view and what moving it needs: its two elements and the pointers down.
#[derive(Clone, Copy)]
pub struct PanZoom {
    pub view: RwSignal<View>,
    /// The map's width in CSS pixels, so that markers keep their spacing on any screen.
    pub width: RwSignal<f64>,
    /// The focusable map (keys, wheel).
    pub container: NodeRef<html::Div>,
    /// The land and the markers (pointers, clicks).
    pub canvas: NodeRef<html::Div>,
    /// Dragging with one pointer pans; two pointers pinch-zoom.
    pointers: StoredValue<HashMap<i32, (f64, f64)>, LocalStorage>,
    /// The press under way.
    press: StoredValue<Press, LocalStorage>,
}

/// A press on the map: where it started, whether it has since moved far enough to be a drag,
/// and the view it started from.
#[derive(Clone, Copy)]
struct Press {
    start: (f64, f64),
    dragged: bool,
    view: View,
}

impl Default for PanZoom {
    /// The whole world, before the map is laid out.
    fn default() -> PanZoom {
        PanZoom::with_view(RwSignal::new(View::WORLD))
    }
}

impl PanZoom {
    /// A controller of `view`, which its owner may read and set too (the directory keeps it
    /// for Back).
    pub fn with_view(view: RwSignal<View>) -> PanZoom {
        PanZoom {
            view,
            width: RwSignal::new(WIDTH),
            container: NodeRef::new(),
            canvas: NodeRef::new(),
            pointers: StoredValue::new_local(HashMap::new()),
            press: StoredValue::new_local(Press { start: (0.0, 0.0), dragged: false, view: View::WORLD }),
        }
    }

    /// Fits the view to the `shown` groups whenever `fit_on` changes, and at first unless the
    /// view was restored (`fit_first` false), then runs `fitted` (the map closes its card).
    /// With a point to centre on (`around`, map units), the view is centred there, showing the
    /// first of the `shown` groups (the nearest: they are listed by distance then).
    #[allow(clippy::too_many_arguments)]
    pub fn fit_on(
        self,
        fit_on: Signal<String>,
        fit_first: bool,
        points: Arc<Vec<Point>>,
        shown: Signal<Vec<usize>>,
        around: Option<Signal<Option<Point>>>,
        max_zoom: f64,
        fitted: impl Fn() + 'static,
    ) {
        Effect::new(move |ran: Option<()>| {
            fit_on.track();
            if ran.is_none() && !fit_first {
                return;
            }
            let view = match around.and_then(|a| a.get_untracked()) {
                Some(centre) => Some(shown.with_untracked(|shown| {
                    View::around(centre, shown.iter().take(AROUND).map(|&i| points[i]), max_zoom)
                })),
                None => shown.with_untracked(|shown| fit_to(&points, shown, max_zoom)),
            };
            self.view.set(view.unwrap_or(View::WORLD));
            fitted();
        });
    }

    /// Keeps [`Self::width`] up to date: whenever the map's box changes size, window resizes
    /// included. A window's size is not enough: the map is first drawn out of sight, 0 px wide,
    /// while the server's copy of the page is still shown (`shell::takeover`), and a map
    /// measured then kept the clustering of a map as wide as the world's frame (23 markers on
    /// a desktop, 37 on a phone, some overlapping, where 12 fit).
    pub fn track_width(self) {
        let measure = move || {
            if let Some(w) = self.canvas_rect().map(|r| r.width()) {
                if w > 0.0 && (w - self.width.get_untracked()).abs() > 0.5 {
                    self.width.set(w);
                }
            }
        };
        Effect::new(move |_| {
            let Some(canvas) = self.canvas.get() else { return };
            measure();
            let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |_: js_sys::Array| measure());
            let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) else { return };
            observer.observe(&canvas);
            // Cleanups may be run from any thread in Leptos' types; the browser has one.
            let held = SendWrapper::new((observer, callback));
            on_cleanup(move || held.0.disconnect());
        });
    }

    fn canvas_rect(self) -> Option<web_sys::DomRect> {
        self.canvas.get_untracked().map(|c| c.get_bounding_client_rect())
    }

    fn frame_per_pixel(self) -> f64 {
        self.canvas_rect().map(|r| WIDTH / r.width().max(1.0)).unwrap_or(1.0)
    }

    /// The point of the map's frame under a pointer at (`client_x`, `client_y`).
    pub fn frame_point(self, client_x: f64, client_y: f64) -> Point {
        self.canvas_rect()
            .map(|r| {
                let s = WIDTH / r.width().max(1.0);
                Point { x: (client_x - r.left()) * s, y: (client_y - r.top()) * s }
            })
            .unwrap_or(Point { x: WIDTH / 2.0, y: HEIGHT / 2.0 })
    }

    pub fn zoom_by(self, factor: f64) {
        self.view.update(|v| *v = v.zoom(factor));
    }

    pub fn show_world(self) {
        self.view.set(View::WORLD);
    }

    /// Moves the view for a key; whether the key was one of the map's.
    pub fn key(self, key: &str) -> bool {
        let v = self.view.get_untracked();
        let next = match key {
            "+" | "=" => v.zoom(ZOOM_STEP),
            "-" | "_" => v.zoom(1.0 / ZOOM_STEP),
            "ArrowLeft" => v.pan(PAN_STEP, 0.0),
            "ArrowRight" => v.pan(-PAN_STEP, 0.0),
            "ArrowUp" => v.pan(0.0, PAN_STEP),
            "ArrowDown" => v.pan(0.0, -PAN_STEP),
            "0" => View::WORLD,
            _ => return false,
        };
        self.view.set(next);
        true
    }

    /// The wheel zooms while the map has focus or Ctrl/⌘ is held; otherwise the page scrolls
    /// as usual, so scrolling past the map is never hijacked.
    pub fn wheel(self, ev: &ev::WheelEvent) {
        let focused_inside = self.container.get_untracked().is_some_and(|c| {
            document().active_element().is_some_and(|active| c.contains(Some(active.unchecked_ref())))
        });
        if !(ev.ctrl_key() || ev.meta_key() || focused_inside) {
            return;
        }
        ev.prevent_default();
        let anchor = self.frame_point(f64::from(ev.client_x()), f64::from(ev.client_y()));
        self.view.update(|v| *v = v.zoom_at(groups_core::math::exp(-ev.delta_y() * 0.002), anchor));
    }

    pub fn pointer_down(self, ev: &ev::PointerEvent) {
        let start = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        self.press.set_value(Press { start, dragged: false, view: self.view.get_untracked() });
        let on_control = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| el.closest("button, a").ok().flatten().is_some());
        if on_control {
            return;
        }
        if let Some(c) = self.canvas.get_untracked() {
            let _ = c.set_pointer_capture(ev.pointer_id());
        }
        self.pointers.update_value(|p| {
            p.insert(ev.pointer_id(), (f64::from(ev.client_x()), f64::from(ev.client_y())));
        });
    }

    pub fn pointer_move(self, ev: &ev::PointerEvent) {
        let id = ev.pointer_id();
        let now = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        let Some((before, other)) = self
            .pointers
            .with_value(|p| p.get(&id).map(|&before| (before, p.iter().find(|(k, _)| **k != id).map(|(_, v)| *v))))
        else {
            return;
        };
        self.pointers.update_value(|p| {
            p.insert(id, now);
        });
        self.press.update_value(|press| {
            press.dragged |= distance(now, press.start) > DRAG_PX;
        });
        let s = self.frame_per_pixel();
        match other {
            None => self.view.update(|v| *v = v.pan((now.0 - before.0) * s, (now.1 - before.1) * s)),
            // Two fingers: the map follows their midpoint (the way to move it up or down on a
            // touch screen, where one finger scrolls the page) and their spread zooms it.
            Some(o) => {
                let d0 = distance(before, o);
                let d1 = distance(now, o);
                if d0 > 0.0 {
                    let (dx, dy) = ((now.0 - before.0) / 2.0, (now.1 - before.1) / 2.0);
                    let anchor = self.frame_point((now.0 + o.0) / 2.0, (now.1 + o.1) / 2.0);
                    self.view.update(|v| *v = v.pan(dx * s, dy * s).zoom_at(d1 / d0, anchor));
                }
            }
        }
    }

    pub fn pointer_up(self, ev: &ev::PointerEvent) {
        self.pointers.update_value(|p| {
            p.remove(&ev.pointer_id());
        });
    }

    /// The browser took the gesture over (a vertical swipe on a touch screen scrolls the
    /// page): what the first moves did to the map before it decided is undone.
    pub fn pointer_cancel(self, ev: &ev::PointerEvent) {
        self.pointer_up(ev);
        if self.pointers.with_value(HashMap::is_empty) {
            self.view.set(self.press.with_value(|press| press.view));
        }
    }

    /// Whether the last press moved far enough to be a drag (then its click picks nothing).
    pub fn dragged(self) -> bool {
        self.press.with_value(|press| press.dragged)
    }

    /// Opens the cluster of the groups `members` (indices into `points`), around `center`:
    /// fitted to them with a margin, as deep as parts them and no deeper than a few countries
    /// across (`View::open_cluster`), or zoomed in on the spot when they meet at one place
    /// and no zoom parts them.
    pub fn zoom_into(self, points: &[Point], members: &[usize], center: Point) {
        let current = self.view.get_untracked();
        let spacing = MIN_SPACING_PX * WIDTH / self.width.get_untracked();
        let members: Vec<Point> = members.iter().map(|&i| points[i]).collect();
        let opened = View::open_cluster(&members, spacing, current);
        let next = if opened.k > current.k * 1.01 { opened } else { current.zoom_at(4.0, current.to_frame(center)) };
        self.view.set(next);
    }

    pub fn focus(self) {
        if let Some(c) = self.container.get_untracked() {
            let _ = c.focus();
        }
    }

    /// The CSS transform that moves the land and the marker layer together.
    pub fn transform(self) -> String {
        let v = self.view.get();
        format!("scale({}) translate({}%, {}%)", v.k, -v.x / WIDTH * 100.0, -v.y / HEIGHT * 100.0)
    }
}

/// The view that shows the groups `members` (indices into `points`), if there are any.
fn fit_to(points: &[Point], members: &[usize], max_zoom: f64) -> Option<View> {
    View::fit_points(members.iter().map(|&i| points[i]), max_zoom)
}

/// The distance between two points on screen: pixels, where `hypot`'s care for huge and tiny
/// values is not needed (and would bring its own code into the map's chunk).
fn distance(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (a.0 - b.0, a.1 - b.1);
    (dx * dx + dy * dy).sqrt()
}
