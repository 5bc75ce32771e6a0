//! Map geometry: the Equal Earth projection (shared by the world shapes and the markers),
//! its inverse, the map's coordinate frame, and distances on the globe.
//!
//! Equal Earth (Šavrič, Patterson & Jenny, 2018) keeps areas true and looks natural for a
//! world map; its formulas are short enough to carry here rather than a projection crate.

use crate::math::{asin, cos, sin};

const A1: f64 = 1.340264;
const A2: f64 = -0.081106;
const A3: f64 = 0.000893;
const A4: f64 = 0.003796;
const M: f64 = 0.866_025_403_784_438_6; // √3 / 2

/// Projects longitude and latitude (degrees) to Equal Earth plane coordinates (unit sphere,
/// y up): x in about ±2.7064, y in about ±1.3174.
pub fn equal_earth(lon: f64, lat: f64) -> (f64, f64) {
    let lambda = lon.to_radians();
    let theta = asin(M * sin(lat.to_radians()));
    let t2 = theta * theta;
    let t6 = t2 * t2 * t2;
    let x = lambda * cos(theta) / (M * (A1 + 3.0 * A2 * t2 + t6 * (7.0 * A3 + 9.0 * A4 * t2)));
    let y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2));
    (x, y)
}

/// The inverse of [`equal_earth`]: plane coordinates back to longitude and latitude.
pub fn equal_earth_inverse(x: f64, y: f64) -> (f64, f64) {
    // Newton's method on y(θ); converges in a few steps over the whole map.
    let mut theta = y;
    for _ in 0..12 {
        let t2 = theta * theta;
        let t6 = t2 * t2 * t2;
        let fy = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2)) - y;
        let fpy = A1 + 3.0 * A2 * t2 + t6 * (7.0 * A3 + 9.0 * A4 * t2);
        let delta = fy / fpy;
        theta -= delta;
        if delta.abs() < 1e-12 {
            break;
        }
    }
    let t2 = theta * theta;
    let t6 = t2 * t2 * t2;
    let lambda = M * x * (A1 + 3.0 * A2 * t2 + t6 * (7.0 * A3 + 9.0 * A4 * t2)) / cos(theta);
    let phi = asin(sin(theta) / M);
    (lambda.to_degrees(), phi.to_degrees())
}

/// The map's own frame: SVG user units with y down, the whole world `WIDTH` × `HEIGHT`.
pub const WIDTH: f64 = 1000.0;
/// Height of the world in map units (the projection's aspect ratio, rounded up).
pub const HEIGHT: f64 = 487.0;
const X_MAX: f64 = 2.706_629_983_696_075; // equal_earth(180, 0).0
const SCALE: f64 = WIDTH / (2.0 * X_MAX);

/// A point of the map in map units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// Whether (`lat`, `lon`) is a place on Earth: finite, latitude within ±90°, longitude
/// within ±180°. The one check for requests and directory records.
pub fn is_on_earth(lat: f64, lon: f64) -> bool {
    lat.is_finite() && lon.is_finite() && (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)
}

/// Longitude and latitude (degrees) to map units.
pub fn to_map(lon: f64, lat: f64) -> Point {
    let (x, y) = equal_earth(lon, lat);
    Point { x: WIDTH / 2.0 + x * SCALE, y: HEIGHT / 2.0 - y * SCALE }
}

/// Map units back to longitude and latitude (degrees); `None` outside the world's outline.
pub fn from_map(p: Point) -> Option<(f64, f64)> {
    let x = (p.x - WIDTH / 2.0) / SCALE;
    let y = (HEIGHT / 2.0 - p.y) / SCALE;
    let (lon, lat) = equal_earth_inverse(x, y);
    (lon.is_finite() && lat.is_finite() && lon.abs() <= 180.0 + 1e-9 && lat.abs() <= 90.0 + 1e-9).then_some((lon, lat))
}

/// Great-circle distance in kilometres between two points given in degrees.
pub fn distance_km(lon1: f64, lat1: f64, lon2: f64, lat2: f64) -> f64 {
    const EARTH_RADIUS_KM: f64 = 6371.0088;
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = sin(dp / 2.0).powi(2) + cos(p1) * cos(p2) * sin(dl / 2.0).powi(2);
    2.0 * EARTH_RADIUS_KM * asin(a.sqrt().min(1.0))
}

/// The smallest box holding `points`, or `None` when there are none.
pub fn bounds(points: impl IntoIterator<Item = Point>) -> Option<(Point, Point)> {
    points.into_iter().fold(None, |acc, p| match acc {
        None => Some((p, p)),
        Some((lo, hi)) => {
            Some((Point { x: lo.x.min(p.x), y: lo.y.min(p.y) }, Point { x: hi.x.max(p.x), y: hi.y.max(p.y) }))
        }
    })
}

/// A place for people: `51.34° N, 12.37° E`.
pub fn format_lat_lon(lat: f64, lon: f64) -> String {
    let ns = if lat < 0.0 { 'S' } else { 'N' };
    let ew = if lon < 0.0 { 'W' } else { 'E' };
    format!("{:.2}° {ns}, {:.2}° {ew}", lat.abs(), lon.abs())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tolerance: f64) -> bool {
        (a - b).abs() <= tolerance
    }

    #[test]
    fn known_points() {
        assert_eq!(equal_earth(0.0, 0.0), (0.0, 0.0));
        let (x, y) = equal_earth(180.0, 0.0);
        assert!(close(x, X_MAX, 1e-6), "{x}");
        assert_eq!(y, 0.0);
        let (x, y) = equal_earth(0.0, 90.0);
        assert_eq!(x, 0.0);
        assert!(close(y, 1.317_362_759, 1e-6), "{y}");
        // Symmetric about both axes.
        let (x1, y1) = equal_earth(13.4, 52.5);
        let (x2, y2) = equal_earth(-13.4, -52.5);
        assert!(close(x1, -x2, 1e-12) && close(y1, -y2, 1e-12));
    }

    #[test]
    fn the_map_frame_holds_the_whole_world() {
        let corners = [(-180.0, 0.0), (180.0, 0.0), (0.0, 90.0), (0.0, -90.0)];
        for (lon, lat) in corners {
            let p = to_map(lon, lat);
            assert!((-1e-6..=WIDTH + 1e-6).contains(&p.x) && (0.0..=HEIGHT).contains(&p.y), "{lon},{lat} → {p:?}");
        }
        let centre = to_map(0.0, 0.0);
        assert!(close(centre.x, WIDTH / 2.0, 1e-9) && close(centre.y, HEIGHT / 2.0, 1e-9));
        // North is up.
        assert!(to_map(10.0, 60.0).y < to_map(10.0, 40.0).y);
    }

    #[test]
    fn the_inverse_round_trips() {
        for lon in (-180..=180).step_by(15) {
            for lat in (-85..=85).step_by(5) {
                let (lon, lat) = (f64::from(lon), f64::from(lat));
                let (x, y) = equal_earth(lon, lat);
                let (lon2, lat2) = equal_earth_inverse(x, y);
                assert!(close(lon, lon2, 1e-7) && close(lat, lat2, 1e-7), "{lon},{lat} → {lon2},{lat2}");
                let (lon3, lat3) = from_map(to_map(lon, lat)).unwrap();
                assert!(close(lon, lon3, 1e-6) && close(lat, lat3, 1e-6));
            }
        }
        assert_eq!(from_map(Point { x: 0.0, y: 0.0 }), None, "a corner outside the outline");
    }

    #[test]
    fn distances_on_the_globe() {
        assert!(close(distance_km(13.405, 52.52, 13.405, 52.52), 0.0, 1e-9));
        // Berlin to Paris is about 878 km; London to New York about 5570 km.
        assert!(close(distance_km(13.405, 52.52, 2.352, 48.857), 878.0, 10.0));
        assert!(close(distance_km(-0.128, 51.507, -74.006, 40.713), 5570.0, 20.0));
        // A quarter of the equator.
        assert!(close(distance_km(0.0, 0.0, 90.0, 0.0), 10_007.5, 1.0));
    }

    #[test]
    fn bounds_of_points() {
        assert_eq!(bounds(std::iter::empty()), None);
        let b = bounds([Point { x: 1.0, y: 5.0 }, Point { x: 3.0, y: 2.0 }]).unwrap();
        assert_eq!(b, (Point { x: 1.0, y: 2.0 }, Point { x: 3.0, y: 5.0 }));
    }

    #[test]
    fn places_are_written_with_hemispheres() {
        assert_eq!(format_lat_lon(51.339, 12.371), "51.34° N, 12.37° E");
        assert_eq!(format_lat_lon(-33.87, -70.65), "33.87° S, 70.65° W");
    }
}
