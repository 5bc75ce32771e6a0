//! The map's view: which part of the world is shown and how large. Pure arithmetic, shared
//! by drag, pinch, wheel, keys, buttons and "fit to these groups".

use crate::geo::{Point, HEIGHT, WIDTH};

/// The most the map zooms in: enough to tell apart groups a few kilometres apart.
pub const MAX_ZOOM: f64 = 64.0;

/// Frame units kept around the groups when the map fits itself to them.
pub const FIT_PADDING: f64 = 40.0;

/// How deep opening a cluster zooms, unless its groups come apart only deeper: a few
/// countries across, where the land and its labels still say where one is. Fitting two groups
/// alone went to ×37–×64: a few dots on blank land (#31).
pub const CLUSTER_ZOOM: f64 = 16.0;

/// The share of the frame kept clear on each side of a cluster's groups when it opens, so
/// that none lands under the map's buttons or at its edge.
pub const CLUSTER_MARGIN: f64 = 0.2;

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

    /// The view that opens a cluster of `points` (map units) whose markers keep `spacing` frame
    /// units apart (as [`crate::cluster::cluster`] is given): fitted to them with
    /// [`CLUSTER_MARGIN`] around, no deeper than [`CLUSTER_ZOOM`] unless they come apart only
    /// deeper, and then just deep enough.
    pub fn open_cluster(points: &[Point], spacing: f64, current: View) -> View {
        let Some((lo, hi)) = crate::geo::bounds(points.iter().copied()) else { return current };
        let clear = 1.0 - 2.0 * CLUSTER_MARGIN;
        let fit = (WIDTH * clear / (hi.x - lo.x).max(1e-9)).min(HEIGHT * clear / (hi.y - lo.y).max(1e-9));
        let apart = apart_zoom(points, spacing);
        // A quarter more than the least that parts them, so their markers stand clear.
        let k = fit.min(CLUSTER_ZOOM.max(apart * 1.25)).max(apart).clamp(1.0, MAX_ZOOM);
        let (cx, cy) = ((lo.x + hi.x) / 2.0, (lo.y + hi.y) / 2.0);
        View { k, x: cx - WIDTH / 2.0 / k, y: cy - HEIGHT / 2.0 / k }.clamped()
    }

    /// Keeps the frame within the world.
    fn clamped(self) -> View {
        let k = self.k.clamp(1.0, MAX_ZOOM);
        View { k, x: self.x.clamp(0.0, WIDTH - WIDTH / k), y: self.y.clamp(0.0, HEIGHT - HEIGHT / k) }
    }
}

/// The least zoom at which `points` are no longer one marker ([`MAX_ZOOM`] when they never
/// part: groups at one place). Zooming in never merges more (a property `cluster` is tested
/// for), so halving the interval finds it.
fn apart_zoom(points: &[Point], spacing: f64) -> f64 {
    let parted = |k: f64| crate::cluster::cluster(points, k, spacing).len() > 1;
    if parted(1.0) {
        return 1.0;
    }
    if !parted(MAX_ZOOM) {
        return MAX_ZOOM;
    }
    let (mut lo, mut hi) = (1.0_f64, MAX_ZOOM);
    // 20 halvings of the zoom's logarithm (the geometric mean): within a thousandth of it.
    for _ in 0..20 {
        let mid = (lo * hi).sqrt();
        if parted(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    hi
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

    /// Where `points` fall in `v`'s frame, as shares of its width and height.
    fn shares(v: &View, points: &[Point]) -> Vec<(f64, f64)> {
        points.iter().map(|&p| v.to_frame(p)).map(|f| (f.x / WIDTH, f.y / HEIGHT)).collect()
    }

    #[test]
    fn opening_a_cluster_fits_its_groups_with_margin_and_no_deeper_than_needed() {
        use crate::{cluster::cluster, geo::to_map};
        // A phone's map, 358 px wide: 32 px between markers is about 89 frame units.
        let spacing = 32.0 * WIDTH / 358.0;
        let europe = View::fit_points([to_map(-9.1, 38.7), to_map(37.6, 55.8), to_map(24.9, 60.2)], MAX_ZOOM).unwrap();

        // Brussels and Amsterdam on a desktop's map (700 px): ×16, a few countries across,
        // not the ×64 that fitting them alone gave.
        let benelux = [to_map(4.352, 50.85), to_map(4.904, 52.368)];
        let desktop = 32.0 * WIDTH / 700.0;
        let v = View::open_cluster(&benelux, desktop, europe);
        assert_eq!(v.k, CLUSTER_ZOOM, "{v:?}");
        assert_eq!(cluster(&benelux, v.k, desktop).len(), 2, "the two did not come apart: {v:?}");
        // On the phone they part only deeper: as deep as that, with a quarter to spare.
        let v = View::open_cluster(&benelux, spacing, europe);
        assert_eq!(cluster(&benelux, v.k, spacing).len(), 2, "the two did not come apart: {v:?}");
        assert!(v.k < 30.0 && cluster(&benelux, v.k / 1.3, spacing).len() == 1, "deeper than needed: {v:?}");
        for (x, y) in shares(&v, &benelux) {
            assert!((0.15..=0.85).contains(&x) && (0.15..=0.85).contains(&y), "too near the edge: {x}, {y}");
        }

        // Groups spread wide: fitted, each clear of the edges.
        let wide = [to_map(-3.7, 40.4), to_map(2.35, 48.86), to_map(-9.14, 38.72)];
        let v = View::open_cluster(&wide, spacing, europe);
        assert!(v.k < CLUSTER_ZOOM && v.k > europe.k, "{v:?}");
        for (x, y) in shares(&v, &wide) {
            assert!((0.15..=0.85).contains(&x) && (0.15..=0.85).contains(&y), "too near the edge: {x}, {y}");
        }

        // Zürich and Basel, 75 km apart, come apart on the phone only deeper: as deep as that
        // needs, and no more.
        let close = [to_map(8.541, 47.377), to_map(7.589, 47.56)];
        let v = View::open_cluster(&close, spacing, europe);
        assert_eq!(cluster(&close, v.k, spacing).len(), 2, "{v:?}");
        assert!(v.k > CLUSTER_ZOOM && cluster(&close, v.k / 1.6, spacing).len() == 1, "deeper than needed: {v:?}");

        // Groups at one place never come apart: the deepest zoom, and no panic.
        let same = [to_map(8.5, 47.4), to_map(8.5, 47.4)];
        assert!(View::open_cluster(&same, spacing, europe).k <= MAX_ZOOM);
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
