//! The map's view: which part of the world is shown and how large. Pure arithmetic, shared
//! by drag, pinch, wheel, keys, buttons and "fit to these groups".

use crate::geo::{Point, HEIGHT, WIDTH};

/// The most the map zooms in: enough to tell apart groups a few kilometres apart.
pub const MAX_ZOOM: f64 = 64.0;

/// Frame units kept around the groups when the map fits itself to them.
pub const FIT_PADDING: f64 = 40.0;

/// Zoom `k` (1 shows the whole world) and the map point (`x`, `y`, map units) at the
/// top-left corner of the frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    pub k: f64,
    pub x: f64,
    pub y: f64,
}

impl Default for View {
    fn default() -> Self {
        View::WORLD
    }
}

impl View {
    pub const WORLD: View = View { k: 1.0, x: 0.0, y: 0.0 };

    /// Where map point `p` appears in the frame (0..WIDTH × 0..HEIGHT when visible).
    pub fn to_frame(&self, p: Point) -> Point {
        Point { x: (p.x - self.x) * self.k, y: (p.y - self.y) * self.k }
    }

    /// The map point under frame point `f`.
    pub fn to_map(&self, f: Point) -> Point {
        Point { x: self.x + f.x / self.k, y: self.y + f.y / self.k }
    }

    /// Whether `p` is inside the frame, with `margin` frame units to spare.
    pub fn shows(&self, p: Point, margin: f64) -> bool {
        let f = self.to_frame(p);
        (-margin..=WIDTH + margin).contains(&f.x) && (-margin..=HEIGHT + margin).contains(&f.y)
    }

    /// Zooms by `factor` keeping the map point under frame point `anchor` where it is.
    pub fn zoom_at(&self, factor: f64, anchor: Point) -> View {
        let k = (self.k * factor).clamp(1.0, MAX_ZOOM);
        let fixed = self.to_map(anchor);
        View { k, x: fixed.x - anchor.x / k, y: fixed.y - anchor.y / k }.clamped()
    }

    /// Zooms by `factor` around the frame's centre.
    pub fn zoom(&self, factor: f64) -> View {
        self.zoom_at(factor, Point { x: WIDTH / 2.0, y: HEIGHT / 2.0 })
    }

    /// Moves the view by (`dx`, `dy`) frame units: content follows the pointer.
    pub fn pan(&self, dx: f64, dy: f64) -> View {
        View { k: self.k, x: self.x - dx / self.k, y: self.y - dy / self.k }.clamped()
    }

    /// The view that shows `lo`..`hi` (map units) with `padding` frame units around them,
    /// zoomed in no further than `max_zoom`.
    pub fn fit(lo: Point, hi: Point, padding: f64, max_zoom: f64) -> View {
        let w = (hi.x - lo.x).max(1e-9);
        let h = (hi.y - lo.y).max(1e-9);
        let k = ((WIDTH - 2.0 * padding) / w).min((HEIGHT - 2.0 * padding) / h).clamp(1.0, max_zoom.min(MAX_ZOOM));
        let cx = (lo.x + hi.x) / 2.0;
        let cy = (lo.y + hi.y) / 2.0;
        View { k, x: cx - WIDTH / 2.0 / k, y: cy - HEIGHT / 2.0 / k }.clamped()
    }

    /// The view that shows `points` (map units), zoomed in no further than `max_zoom`; `None`
    /// without points.
    pub fn fit_points(points: impl IntoIterator<Item = Point>, max_zoom: f64) -> Option<View> {
        crate::geo::bounds(points).map(|(lo, hi)| View::fit(lo, hi, FIT_PADDING, max_zoom))
    }

    /// The view centred on `centre` (map units) that also shows `others` (the nearest groups
    /// of a place chosen), zoomed in no further than `max_zoom`: the place in the middle, its
    /// neighbours around it.
    pub fn around(centre: Point, others: impl IntoIterator<Item = Point>, max_zoom: f64) -> View {
        let (dx, dy) = others
            .into_iter()
            .fold((0.0_f64, 0.0_f64), |(dx, dy), p| (dx.max((p.x - centre.x).abs()), dy.max((p.y - centre.y).abs())));
        let lo = Point { x: centre.x - dx, y: centre.y - dy };
        let hi = Point { x: centre.x + dx, y: centre.y + dy };
        View::fit(lo, hi, FIT_PADDING, max_zoom)
    }

    /// Keeps the frame within the world.
    fn clamped(self) -> View {
        let k = self.k.clamp(1.0, MAX_ZOOM);
        View { k, x: self.x.clamp(0.0, WIDTH - WIDTH / k), y: self.y.clamp(0.0, HEIGHT - HEIGHT / k) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn near(a: Point, b: Point) -> bool {
        (a.x - b.x).abs() < 1e-9 && (a.y - b.y).abs() < 1e-9
    }

    #[test]
    fn the_world_view_shows_everything() {
        let v = View::WORLD;
        assert!(v.shows(Point { x: 0.0, y: 0.0 }, 0.0));
        assert!(v.shows(Point { x: WIDTH, y: HEIGHT }, 0.0));
        assert!(near(v.to_frame(Point { x: 10.0, y: 20.0 }), Point { x: 10.0, y: 20.0 }));
    }

    #[test]
    fn zooming_keeps_the_anchor_still_and_stays_in_bounds() {
        let anchor = Point { x: 300.0, y: 200.0 };
        let v = View::WORLD.zoom_at(4.0, anchor);
        assert_eq!(v.k, 4.0);
        assert!(near(v.to_map(anchor), View::WORLD.to_map(anchor)));
        assert_eq!(View::WORLD.zoom(0.5), View::WORLD, "cannot zoom out past the world");
        assert_eq!(View::WORLD.zoom(1e6).k, MAX_ZOOM);
        let back = v.zoom_at(0.25, anchor);
        assert!(near(Point { x: back.x, y: back.y }, Point { x: 0.0, y: 0.0 }));
    }

    #[test]
    fn panning_follows_the_pointer_and_stops_at_the_edges() {
        let v = View::WORLD.zoom(2.0);
        let moved = v.pan(-100.0, 0.0);
        assert!((moved.x - (v.x + 50.0)).abs() < 1e-9);
        assert_eq!(View::WORLD.pan(500.0, 500.0), View::WORLD);
        let far = v.pan(-1e6, -1e6);
        assert!((far.x - (WIDTH - WIDTH / 2.0)).abs() < 1e-9 && (far.y - (HEIGHT - HEIGHT / 2.0)).abs() < 1e-9);
    }

    #[test]
    fn fitting_shows_the_box_centred() {
        let (lo, hi) = (Point { x: 450.0, y: 100.0 }, Point { x: 550.0, y: 150.0 });
        let v = View::fit(lo, hi, 20.0, MAX_ZOOM);
        assert!(v.shows(lo, 0.0) && v.shows(hi, 0.0));
        assert!(v.k > 4.0, "{v:?}");
        let centre = v.to_frame(Point { x: 500.0, y: 125.0 });
        assert!(near(centre, Point { x: WIDTH / 2.0, y: HEIGHT / 2.0 }), "{centre:?}");
        // A single point zooms only as far as allowed.
        let one = Point { x: 500.0, y: 200.0 };
        assert_eq!(View::fit(one, one, 20.0, 8.0).k, 8.0);
    }

    #[test]
    fn a_place_is_shown_in_the_middle_with_its_neighbours_around() {
        let leipzig = Point { x: 520.0, y: 110.0 };
        let neighbours = [Point { x: 530.0, y: 105.0 }, Point { x: 505.0, y: 112.0 }];
        let v = View::around(leipzig, neighbours, MAX_ZOOM);
        assert!(near(v.to_frame(leipzig), Point { x: WIDTH / 2.0, y: HEIGHT / 2.0 }), "{v:?}");
        assert!(neighbours.iter().all(|&p| v.shows(p, 0.0)));
        assert_eq!(View::around(leipzig, [], 8.0).k, 8.0, "alone, as near as allowed");
    }
}
