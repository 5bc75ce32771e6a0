//! Which country a point is in, read from the countries' own pictures (`/countries/<code>.svg`,
//! drawn by `cargo xtask geometry` in the world map's frame): for the visitor's own position,
//! which the browser gives without a country and which must not leave the browser to be looked
//! up. A group that meets for its whole country is near every place of it (`near`), so a
//! visitor in Sydney is told of the Australia group, not that it is 1,934 km away.
//!
//! The shapes are simplified to tenths of a map unit (about 4 km) and lose small bays and
//! peninsulas, so a point just outside every shape (a harbour town) takes the nearest one
//! within [`COAST_MARGIN`].

use crate::geo::{to_map, Point};

/// How far outside a country's simplified outline a point may be and still be in it, in map
/// units (one is about 40 km at the equator).
pub const COAST_MARGIN: f64 = 1.0;

/// A country's outline: its rings, each closed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Shape {
    rings: Vec<Vec<Point>>,
}

impl Shape {
    /// The outline in a country's picture: the `d` of its path (`M x y l dx dy … z`, as
    /// `cargo xtask geometry` writes it); an empty shape for a country too small for the
    /// source (its picture has no path). `None` for a text that is no such picture.
    pub fn parse(svg: &str) -> Option<Shape> {
        if !svg.starts_with("<svg") {
            return None;
        }
        let Some(start) = svg.find(" d=\"").map(|at| at + 4) else {
            return Some(Shape::default());
        };
        let end = start + svg[start..].find('"')?;
        path(&svg[start..end])
    }

    /// Whether `p` lies inside (even-odd, as the picture is filled).
    pub fn contains(&self, p: Point) -> bool {
        let mut inside = false;
        for ring in &self.rings {
            for (a, b) in ring.iter().zip(ring.iter().cycle().skip(1)) {
                if (a.y > p.y) != (b.y > p.y) && p.x < a.x + (p.y - a.y) / (b.y - a.y) * (b.x - a.x) {
                    inside = !inside;
                }
            }
        }
        inside
    }

    /// Whether the place at (`lat`, `lon`) lies inside.
    pub fn holds(&self, lat: f64, lon: f64) -> bool {
        self.contains(to_map(lon, lat))
    }

    /// How far `p` is from the outline, in map units (infinite for an empty shape).
    pub fn distance(&self, p: Point) -> f64 {
        let mut nearest = f64::INFINITY;
        for ring in &self.rings {
            for (a, b) in ring.iter().zip(ring.iter().cycle().skip(1)) {
                nearest = nearest.min(segment_distance(p, *a, *b));
            }
        }
        nearest
    }
}

/// Of `shapes` (a key, such as a country code, with its outline), the one that holds the
/// point at (`lat`, `lon`), else the nearest within [`COAST_MARGIN`].
pub fn country_of<K: Copy>(lat: f64, lon: f64, shapes: &[(K, Shape)]) -> Option<K> {
    if let Some((key, _)) = shapes.iter().find(|(_, shape)| shape.holds(lat, lon)) {
        return Some(*key);
    }
    let p = to_map(lon, lat);
    shapes
        .iter()
        .map(|(key, shape)| (*key, shape.distance(p)))
        .filter(|(_, d)| *d <= COAST_MARGIN)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(key, _)| key)
}

/// The rings of a path of `M` (absolute), `l` (relative) and `z`; `None` for anything else.
fn path(d: &str) -> Option<Shape> {
    let mut rings = Vec::new();
    let mut ring: Vec<Point> = Vec::new();
    let mut relative = false;
    let mut numbers = Vec::new();
    let flush = |ring: &mut Vec<Point>, numbers: &mut Vec<f64>, relative: bool| -> Option<()> {
        if !numbers.len().is_multiple_of(2) {
            return None;
        }
        for pair in numbers.chunks(2) {
            let next = match (relative, ring.last()) {
                (true, Some(last)) => Point { x: last.x + pair[0], y: last.y + pair[1] },
                (true, None) => return None,
                (false, _) => Point { x: pair[0], y: pair[1] },
            };
            ring.push(next);
        }
        numbers.clear();
        Some(())
    };
    let mut rest = d;
    while let Some(c) = rest.chars().next() {
        match c {
            'M' | 'l' | 'z' => {
                flush(&mut ring, &mut numbers, relative)?;
                if c == 'z' || (c == 'M' && !ring.is_empty()) {
                    if ring.len() >= 3 {
                        rings.push(std::mem::take(&mut ring));
                    }
                    ring.clear();
                }
                relative = c == 'l';
                rest = &rest[1..];
            }
            ' ' | ',' => rest = &rest[1..],
            _ => {
                let (number, after) = number(rest)?;
                numbers.push(number);
                rest = after;
            }
        }
    }
    flush(&mut ring, &mut numbers, relative)?;
    if ring.len() >= 3 {
        rings.push(ring);
    }
    Some(Shape { rings })
}

/// One SVG number at the start of `text` (a sign, digits, at most one point: "-.5", "12",
/// "3.4"; a second point or a sign begins the next number) and the text after it.
fn number(text: &str) -> Option<(f64, &str)> {
    let bytes = text.as_bytes();
    let mut end = usize::from(bytes.first() == Some(&b'-'));
    let mut point = false;
    while let Some(&b) = bytes.get(end) {
        match b {
            b'0'..=b'9' => {}
            b'.' if !point => point = true,
            _ => break,
        }
        end += 1;
    }
    let value = text[..end].parse().ok()?;
    Some((value, &text[end..]))
}

/// The distance from `p` to the segment from `a` to `b`.
fn segment_distance(p: Point, a: Point, b: Point) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let length = dx * dx + dy * dy;
    let t = if length == 0.0 { 0.0 } else { (((p.x - a.x) * dx + (p.y - a.y) * dy) / length).clamp(0.0, 1.0) };
    let (x, y) = (a.x + t * dx - p.x, a.y + t * dy - p.y);
    (x * x + y * y).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A country's picture as the site serves it.
    fn shape(code: &str) -> Shape {
        let path = format!("{}/../public/countries/{code}.svg", env!("CARGO_MANIFEST_DIR"));
        Shape::parse(&std::fs::read_to_string(&path).unwrap()).unwrap()
    }

    #[test]
    fn numbers_are_read_as_svg_writes_them() {
        assert_eq!(number("-.5 3"), Some((-0.5, " 3")));
        assert_eq!(number("1.2.5"), Some((1.2, ".5")));
        assert_eq!(number("12-3"), Some((12.0, "-3")));
        assert_eq!(number("x"), None);
        let square = path("M0 0l10 0 0 10-10 0z").unwrap();
        assert!(square.contains(Point { x: 5.0, y: 5.0 }));
        assert!(!square.contains(Point { x: 15.0, y: 5.0 }));
        assert_eq!(square.distance(Point { x: 15.0, y: 5.0 }), 5.0);
        assert_eq!(path("M0 0h10z"), None, "a command the pictures never hold");
        assert_eq!(path("M0 0l10"), None, "half a point");
        assert_eq!(Shape::parse("<!doctype html><p>Not found</p>"), None, "not a picture");
    }

    #[test]
    fn towns_are_found_in_their_countries_coast_and_border_towns_too() {
        let countries: Vec<(&str, Shape)> =
            ["au", "de", "fr", "ch", "br", "us", "ca", "in", "jp", "hu", "at", "cz", "pl"]
                .into_iter()
                .map(|c| (c, shape(c)))
                .collect();
        let towns = [
            ("Sydney", -33.87, 151.21, "au"),
            ("Perth", -31.95, 115.86, "au"),
            ("Hobart", -42.88, 147.33, "au"),
            ("Leipzig", 51.34, 12.37, "de"),
            ("Kiel", 54.32, 10.14, "de"),
            ("Freiburg", 47.99, 7.85, "de"),
            ("Strasbourg", 48.57, 7.75, "fr"),
            ("Basel", 47.56, 7.59, "ch"),
            ("São Paulo", -23.55, -46.63, "br"),
            ("Boston", 42.36, -71.06, "us"),
            ("Seattle", 47.61, -122.33, "us"),
            ("Miami", 25.76, -80.19, "us"),
            ("Vancouver", 49.28, -123.12, "ca"),
            ("Mumbai", 19.08, 72.88, "in"),
            ("Osaka", 34.69, 135.50, "jp"),
            ("Budapest", 47.50, 19.04, "hu"),
            ("Vienna", 48.21, 16.37, "at"),
            ("Prague", 50.08, 14.44, "cz"),
            ("Szczecin", 53.43, 14.55, "pl"),
        ];
        for (town, lat, lon, code) in towns {
            assert_eq!(country_of(lat, lon, &countries), Some(code), "{town}");
        }
        // At sea, and in a country none of these is.
        assert_eq!(country_of(-40.0, 170.0, &countries), None, "the Tasman Sea");
        assert_eq!(country_of(59.33, 18.07, &countries), None, "Stockholm");
    }

    #[test]
    fn a_country_too_small_for_the_source_holds_nothing() {
        let singapore = shape("sg");
        assert!(!singapore.holds(1.35, 103.82));
        assert_eq!(country_of(1.35, 103.82, &[("sg", singapore)]), None);
    }
}
