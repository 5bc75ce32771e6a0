//! Where each country's land is on the map, roughly: the box around each ring of its shape in
//! `public/countries/` (Natural Earth 1:110m, the shapes a group's page draws), largest first.
//! Enough to tell a pin far outside the chosen country and to put a country's name on the map,
//! in under 3 KB where the shapes are 60; countries too small for that scale have none.

use crate::geo::{distance_km, from_map, to_map, Point};

/// The boxes: (ISO code, [left, top, right, bottom] in tenths of map units), sorted by code,
/// each country's largest ring first. Checked against the shapes by a test, which prints the
/// table anew when they change (`cargo xtask geometry`).
#[rustfmt::skip]
mod table;
use table::BOXES;

/// The boxes of `code`'s land (map units), its largest first; none for a country too small
/// for the shapes.
pub fn boxes(code: &str) -> impl Iterator<Item = (Point, Point)> + '_ {
    BOXES.iter().filter(move |(c, _)| c == code.as_bytes()).map(|(_, b)| unpack(b))
}

/// Where to write a country's name: the middle of its largest land, with that land's width in
/// map units. `None` for a country too small for the shapes.
pub fn label_point(code: &str) -> Option<(Point, f64)> {
    boxes(code).next().map(|(lo, hi)| (Point { x: (lo.x + hi.x) / 2.0, y: (lo.y + hi.y) / 2.0 }, hi.x - lo.x))
}

/// Every country with a shape, once: its code.
pub fn codes() -> impl Iterator<Item = &'static str> {
    BOXES
        .iter()
        .enumerate()
        .filter(|(i, (c, _))| *i == 0 || BOXES[i - 1].0 != *c)
        .filter_map(|(_, (c, _))| std::str::from_utf8(c).ok())
}

/// How far (km) the place at `lat`, `lon` is outside the boxes of `code`'s land: 0 inside one.
/// `None` when the country has no shape here (nothing can be said).
pub fn km_outside(code: &str, lat: f64, lon: f64) -> Option<f64> {
    let p = to_map(lon, lat);
    boxes(code)
        .filter_map(|(lo, hi)| {
            let nearest = Point { x: p.x.clamp(lo.x, hi.x), y: p.y.clamp(lo.y, hi.y) };
            if nearest == p {
                return Some(0.0);
            }
            let (nlon, nlat) = from_map(nearest)?;
            Some(distance_km(lon, lat, nlon, nlat))
        })
        .reduce(f64::min)
}

/// How far outside its country's boxes a pin may be before the form asks about it: the
/// 1:110m shapes are rough, and a group may well meet just across a border.
pub const FAR_KM: f64 = 50.0;

/// What the form says of a pin at `lat`, `lon` for a group in `country` (its code and name)
/// when the pin is more than [`FAR_KM`] outside it: a question, never a refusal (a group may
/// meet across a border, or the country may be the one chosen wrongly).
pub fn pin_note(code: &str, name: &str, lat: f64, lon: f64) -> Option<String> {
    let km = km_outside(code, lat, lon).filter(|km| *km > FAR_KM)?;
    // Rounded to what such a distance means: tens of kilometres, hundreds past a thousand.
    let step = if km < 1000.0 { 10.0 } else { 100.0 };
    let km = ((km / step).round() * step) as u64;
    let km = if km >= 1000 { format!("{},{:03}", km / 1000, km % 1000) } else { km.to_string() };
    Some(format!(
        "The pin is about {km} km outside {name}: is that where the group will meet? Move the pin, or check the country; the request can be sent as it is."
    ))
}

fn unpack(b: &[u16; 4]) -> (Point, Point) {
    let u = |v: u16| f64::from(v) / 10.0;
    (Point { x: u(b[0]), y: u(b[1]) }, Point { x: u(b[2]), y: u(b[3]) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pin_in_its_country_is_inside_and_one_far_away_is_not() {
        // Berlin and Munich are in Germany; Rio de Janeiro is about 9,500 km from it.
        assert_eq!(km_outside("DE", 52.52, 13.405), Some(0.0));
        assert_eq!(km_outside("DE", 48.137, 11.575), Some(0.0));
        let rio = km_outside("DE", -22.907, -43.173).unwrap();
        assert!((8_500.0..10_500.0).contains(&rio), "{rio}");
        // Strasbourg is just outside Germany's boxes at most, not far.
        assert!(km_outside("DE", 48.573, 7.752).unwrap() < 30.0);
        // France's land includes French Guiana: Cayenne is in France.
        assert_eq!(km_outside("FR", 4.922, -52.313), Some(0.0));
        // A country too small for the shapes: nothing to say.
        assert_eq!(km_outside("SG", 1.352, 103.82), None);
        assert_eq!(km_outside("ZZ", 0.0, 0.0), None);
    }

    #[test]
    fn a_pin_far_outside_is_questioned_in_words() {
        assert_eq!(pin_note("DE", "Germany", 52.52, 13.405), None);
        assert_eq!(pin_note("DE", "Germany", 48.573, 7.752), None, "just across the border");
        let note = pin_note("DE", "Germany", 0.0, 0.0).unwrap();
        assert!(note.starts_with("The pin is about 5,") && note.contains(" km outside Germany: "), "{note}");
        let near = pin_note("DE", "Germany", 46.0, 13.0).unwrap();
        assert!(near.starts_with("The pin is about ") && near.contains("0 km outside"), "{near}");
        assert_eq!(pin_note("SG", "Singapore", 52.52, 13.405), None, "no shape: nothing said");
    }

    #[test]
    fn a_countrys_name_goes_in_the_middle_of_its_largest_land() {
        let (france, width) = label_point("FR").unwrap();
        let paris = to_map(2.35, 48.86);
        assert!((france.x - paris.x).abs() < 15.0 && (france.y - paris.y).abs() < 15.0, "{france:?}");
        assert!(width > 10.0 && width < 40.0, "{width}");
        assert!(codes().count() > 150 && codes().any(|c| c == "BR"));
        assert_eq!(codes().filter(|c| *c == "FR").count(), 1);
    }

    /// The table is what the shapes give: each ring's box, in the frame, largest first.
    #[test]
    fn the_table_is_the_shapes_boxes() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/countries");
        let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        let mut expected: Vec<([u8; 2], [u16; 4])> = Vec::new();
        for file in files {
            let svg = std::fs::read_to_string(&file).unwrap();
            let code = file.file_stem().unwrap().to_string_lossy().to_ascii_uppercase();
            let Some(d) = svg.split(" d=\"").nth(1).and_then(|rest| rest.split('"').next()) else { continue };
            let mut rings: Vec<(i64, [u16; 4])> =
                d.split('z').filter(|ring| !ring.trim().is_empty()).map(ring_box).collect();
            rings.sort_by_key(|r| std::cmp::Reverse(r.0));
            let code: [u8; 2] = code.as_bytes().try_into().unwrap();
            expected.extend(rings.into_iter().map(|(_, b)| (code, b)));
        }
        if expected[..] != BOXES[..] {
            let rows: Vec<String> = expected
                .iter()
                .map(|(c, b)| {
                    format!("(*b\"{}\", [{}, {}, {}, {}]),", std::str::from_utf8(c).unwrap(), b[0], b[1], b[2], b[3])
                })
                .collect();
            panic!(
                "the table no longer matches public/countries; write this into core/src/country_boxes/table.rs:\n{}",
                rows.join("\n")
            );
        }
    }

    /// A ring `M x y l dx dy …` (tenths of map units, as written): twice its area and its box.
    fn ring_box(ring: &str) -> (i64, [u16; 4]) {
        let numbers: Vec<i64> = ring
            .replace(['M', 'l'], " ")
            .replace('-', " -")
            .split_whitespace()
            .map(|n| (n.parse::<f64>().unwrap() * 10.0).round() as i64)
            .collect();
        let mut points = vec![(numbers[0], numbers[1])];
        for step in numbers[2..].chunks(2) {
            let (x, y) = *points.last().unwrap();
            points.push((x + step[0], y + step[1]));
        }
        let area = (0..points.len())
            .map(|i| {
                let (a, b) = (points[(i + points.len() - 1) % points.len()], points[i]);
                b.0 * a.1 - a.0 * b.1
            })
            .sum::<i64>()
            .abs();
        let (xs, ys): (Vec<i64>, Vec<i64>) = points.into_iter().unzip();
        // A ring that crosses the antimeridian runs off the frame: its box stops at the edge.
        let b =
            [xs.iter().min(), ys.iter().min(), xs.iter().max(), ys.iter().max()].map(|v| v.unwrap().clamp(&0, &10_000));
        let b = b.map(|v| *v as u16);
        (area, b)
    }
}
