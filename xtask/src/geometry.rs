//! `cargo xtask geometry`: the world map's land shapes, Natural Earth countries (TopoJSON from
//! the npm package `world-atlas`, committed in `data/world-atlas/`) projected with
//! `groups_core::geo` (the projection the markers use) into one compact SVG, `public/world.svg`,
//! and each country's shape alone in the same frame, `public/countries/<code>.svg`, which a
//! group's small map lays over the world to show the group's country.
//!
//! A test checks that the committed files are what the committed source gives, so the two
//! never drift apart. The browser just loads the SVGs as images behind the markers: no
//! geometry code ships in the wasm.

use std::collections::HashMap;

use anyhow::{Context, Result};
use groups_core::{
    geo::{to_map, HEIGHT, WIDTH},
    regions::COUNTRIES,
};
use serde_json::Value as Json;

use crate::paths;

/// The committed source and the file made from it, relative to the project root.
const SOURCE: &str = "data/world-atlas/countries-110m.json";
const TARGET: &str = "public/world.svg";
/// How the source's numbered shapes are named after the directory's countries.
const CODES: &str = "data/world-atlas/iso-3166-numeric.txt";
/// Each country's own file, `<code>.svg` in lower case.
const COUNTRIES_DIR: &str = "public/countries";

/// Writes `public/world.svg` and `public/countries/` from the committed source.
pub fn write() -> Result<()> {
    let source = std::fs::read_to_string(paths::root().join(SOURCE)).with_context(|| format!("reading {SOURCE}"))?;
    let svg = to_svg(&source).map_err(anyhow::Error::msg).with_context(|| format!("converting {SOURCE}"))?;
    std::fs::write(paths::root().join(TARGET), svg).with_context(|| format!("writing {TARGET}"))?;
    eprintln!("xtask: wrote {TARGET}");
    let codes = std::fs::read_to_string(paths::root().join(CODES)).with_context(|| format!("reading {CODES}"))?;
    let files = country_svgs(&source, &codes).map_err(anyhow::Error::msg).context("the countries' shapes")?;
    let dir = paths::root().join(COUNTRIES_DIR);
    // A country gone from the list must not leave its file behind.
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {COUNTRIES_DIR}"))?;
    for (name, svg) in &files {
        std::fs::write(dir.join(name), svg).with_context(|| format!("writing {COUNTRIES_DIR}/{name}"))?;
    }
    eprintln!("xtask: wrote {} files into {COUNTRIES_DIR}", files.len());
    Ok(())
}

/// Converts a `world-atlas` TopoJSON topology into the map's SVG.
pub fn to_svg(topojson: &str) -> Result<String, String> {
    let d: String =
        shapes(topojson)?.into_iter().filter(|s| s.id.as_deref() != Some(ANTARCTICA)).map(|s| s.d).collect();
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" width=\"{WIDTH}\" height=\"{HEIGHT}\">\
         <path fill=\"#c3c9d2\" stroke=\"#ffffff\" stroke-width=\".5\" stroke-linejoin=\"round\" d=\"{d}\"/></svg>\n"
    ))
}

/// The shapes the source does not number, and the country ISO 3166 counts them in: Natural
/// Earth draws them apart for what is seen on the ground, the directory (and ISO) does not.
const UNNUMBERED: &[(&str, &str)] = &[("Kosovo", "XK"), ("N. Cyprus", "CY"), ("Somaliland", "SO")];

/// Every country's file (`de.svg`): its shape in the world map's frame, to lay over it, in the
/// site's accent; a country the source has no shape for (too small at this scale) gets an
/// empty picture, so a small map never asks for a file that is not there.
pub fn country_svgs(topojson: &str, codes: &str) -> Result<Vec<(String, String)>, String> {
    let by_number: HashMap<&str, &str> = codes
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split_once(' ').ok_or(format!("{CODES}: {l:?} is not `number code`")))
        .collect::<Result<_, _>>()?;
    let mut d: HashMap<&str, String> = HashMap::new();
    // Antarctica is not on the world map either.
    for shape in shapes(topojson)?.into_iter().filter(|s| s.id.as_deref() != Some(ANTARCTICA)) {
        let code = match &shape.id {
            Some(id) => {
                by_number.get(id.as_str()).copied().ok_or(format!("no country numbered {id} ({})", shape.name))?
            }
            None => UNNUMBERED
                .iter()
                .find(|(name, _)| *name == shape.name)
                .map(|(_, code)| *code)
                .ok_or(format!("{} has no number and no country", shape.name))?,
        };
        d.entry(code).or_default().push_str(&shape.d);
    }
    Ok(COUNTRIES
        .iter()
        .map(|c| {
            let path = d.get(c.code).filter(|d| !d.is_empty()).map_or_else(String::new, |d| {
                format!("<path fill=\"#f2c4cb\" stroke=\"#b00d27\" stroke-width=\".6\" stroke-linejoin=\"round\" d=\"{d}\"/>")
            });
            let svg = format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" width=\"{WIDTH}\" height=\"{HEIGHT}\">{path}</svg>\n"
            );
            (format!("{}.svg", c.code.to_ascii_lowercase()), svg)
        })
        .collect())
}

/// One country's shape as the source has it: its ISO number (absent for a few), its name and
/// its rings as a path.
struct Shape {
    id: Option<String>,
    name: String,
    d: String,
}

/// Every country's rings, projected, in the source's order.
fn shapes(topojson: &str) -> Result<Vec<Shape>, String> {
    let topology: Json = serde_json::from_str(topojson).map_err(|e| e.to_string())?;
    let arcs = decode_arcs(&topology)?;
    let geometries = topology
        .get("objects")
        .and_then(|o| o.get("countries"))
        .and_then(|c| c.get("geometries"))
        .and_then(Json::as_array)
        .ok_or("no objects.countries.geometries")?;
    let mut shapes = Vec::new();
    for geometry in geometries {
        let polygons: Vec<&Json> = match geometry.get("type").and_then(Json::as_str) {
            Some("Polygon") => vec![geometry.get("arcs").ok_or("a polygon without arcs")?],
            Some("MultiPolygon") => {
                geometry.get("arcs").and_then(Json::as_array).ok_or("a multipolygon without arcs")?.iter().collect()
            }
            _ => continue,
        };
        let mut d = String::new();
        for polygon in polygons {
            for ring in polygon.as_array().ok_or("a polygon is not a list of rings")? {
                for points in split_at_antimeridian(ring_points(ring, &arcs)?) {
                    write_ring(&mut d, &points);
                }
            }
        }
        let id = geometry.get("id").and_then(Json::as_str).map(str::to_owned);
        let name = geometry.pointer("/properties/name").and_then(Json::as_str).unwrap_or_default().to_owned();
        shapes.push(Shape { id, name, d });
    }
    Ok(shapes)
}

/// ISO 3166-1 numeric code of Antarctica, as `world-atlas` ids its geometry.
const ANTARCTICA: &str = "010";

/// A ring that crosses the antimeridian (Fiji, the east of Russia) jumps from +180° to -180°
/// and would be drawn as a band across the whole map. Unwrap its longitudes to be
/// continuous and draw it twice, once on each side: the map's edge clips what lies beyond.
fn split_at_antimeridian(points: Vec<(f64, f64)>) -> Vec<Vec<(f64, f64)>> {
    let mut unwrapped = Vec::with_capacity(points.len());
    let mut offset = 0.0;
    let mut previous: Option<f64> = None;
    for (lon, lat) in points {
        if let Some(prev) = previous {
            if lon - prev > 180.0 {
                offset -= 360.0;
            } else if prev - lon > 180.0 {
                offset += 360.0;
            }
        }
        previous = Some(lon);
        unwrapped.push((lon + offset, lat));
    }
    let east = unwrapped.iter().any(|&(lon, _)| lon > 180.0);
    let west = unwrapped.iter().any(|&(lon, _)| lon < -180.0);
    let shifted = |by: f64| unwrapped.iter().map(|&(lon, lat)| (lon + by, lat)).collect::<Vec<_>>();
    match (east, west) {
        (true, _) => vec![shifted(-360.0), unwrapped],
        (_, true) => vec![shifted(360.0), unwrapped],
        _ => vec![unwrapped],
    }
}

/// Every arc as absolute longitude/latitude pairs (TopoJSON stores them quantised and
/// delta-encoded).
fn decode_arcs(topology: &Json) -> Result<Vec<Vec<(f64, f64)>>, String> {
    let transform = topology.get("transform").ok_or("no transform")?;
    let pair = |key: &str| -> Result<(f64, f64), String> {
        let items = transform.get(key).and_then(Json::as_array).ok_or(format!("no transform.{key}"))?;
        match items.as_slice() {
            [a, b] => Ok((a.as_f64().ok_or("not a number")?, b.as_f64().ok_or("not a number")?)),
            _ => Err(format!("transform.{key} is not a pair")),
        }
    };
    let (sx, sy) = pair("scale")?;
    let (tx, ty) = pair("translate")?;
    let arcs = topology.get("arcs").and_then(Json::as_array).ok_or("no arcs")?;
    arcs.iter()
        .map(|arc| {
            let (mut x, mut y) = (0.0, 0.0);
            arc.as_array()
                .ok_or_else(|| "an arc is not a list".to_string())?
                .iter()
                .map(|position| {
                    let p = position.as_array().ok_or("a position is not a list")?;
                    let (dx, dy) = (p.first().and_then(Json::as_f64), p.get(1).and_then(Json::as_f64));
                    let (Some(dx), Some(dy)) = (dx, dy) else {
                        return Err("a position is not two numbers".to_string());
                    };
                    x += dx;
                    y += dy;
                    Ok((x * sx + tx, y * sy + ty))
                })
                .collect()
        })
        .collect()
}

/// A ring's points: its arcs joined, each reversed when its index is negative (`!i`), the
/// shared end point of consecutive arcs kept once.
fn ring_points(ring: &Json, arcs: &[Vec<(f64, f64)>]) -> Result<Vec<(f64, f64)>, String> {
    let mut points = Vec::new();
    for index in ring.as_array().ok_or("a ring is not a list of arcs")? {
        let i = index.as_f64().ok_or("an arc index is not a number")? as i64;
        let (arc, reversed) = if i >= 0 { (i as usize, false) } else { ((!i) as usize, true) };
        let arc = arcs.get(arc).ok_or("an arc index is out of range")?;
        let mut part: Vec<(f64, f64)> = arc.clone();
        if reversed {
            part.reverse();
        }
        let skip = usize::from(!points.is_empty());
        points.extend(part.into_iter().skip(skip));
    }
    Ok(points)
}

/// Appends a closed subpath in tenths of a map unit, relative after the first point, with
/// repeated points dropped: about a third of the size of absolute coordinates.
fn write_ring(d: &mut String, points: &[(f64, f64)]) {
    let mut last: Option<(i64, i64)> = None;
    let mut count = 0;
    for &(lon, lat) in points {
        let p = to_map(lon, lat);
        let q = ((p.x * 10.0).round() as i64, (p.y * 10.0).round() as i64);
        match last {
            None => {
                d.push('M');
                push_tenths(d, q.0, false);
                push_tenths(d, q.1, true);
                d.push('l');
            }
            Some(prev) if prev == q => continue,
            Some(prev) => {
                push_tenths(d, q.0 - prev.0, count > 0);
                push_tenths(d, q.1 - prev.1, true);
                count += 1;
            }
        }
        last = Some(q);
    }
    if count == 0 {
        // A ring that rounds to a single point draws nothing: drop the `M… l`.
        if let Some(start) = d.rfind('M') {
            d.truncate(start);
        }
        return;
    }
    d.push('z');
}

/// Writes `tenths / 10` as briefly as SVG allows (`-.5`, `12`, `3.4`), with a space before
/// it when it follows another number and is not negative.
fn push_tenths(d: &mut String, tenths: i64, separate: bool) {
    if separate && tenths >= 0 {
        d.push(' ');
    }
    if tenths < 0 {
        d.push('-');
    }
    let (whole, tenth) = (tenths.abs() / 10, tenths.abs() % 10);
    if tenth == 0 {
        d.push_str(&whole.to_string());
    } else {
        if whole != 0 {
            d.push_str(&whole.to_string());
        }
        d.push('.');
        d.push_str(&tenth.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_map_is_what_the_source_gives() {
        let source = std::fs::read_to_string(paths::root().join(SOURCE)).unwrap();
        let committed = std::fs::read_to_string(paths::root().join(TARGET)).unwrap_or_default();
        assert!(to_svg(&source).unwrap() == committed, "{TARGET} is stale: run `cargo xtask geometry`");
    }

    #[test]
    fn the_committed_countries_are_what_the_source_gives() {
        let source = std::fs::read_to_string(paths::root().join(SOURCE)).unwrap();
        let codes = std::fs::read_to_string(paths::root().join(CODES)).unwrap();
        let made = country_svgs(&source, &codes).unwrap();
        assert_eq!(made.len(), COUNTRIES.len(), "a file for every country");
        let dir = paths::root().join(COUNTRIES_DIR);
        let committed = std::fs::read_dir(&dir).map_or(0, |d| d.count());
        assert_eq!(committed, made.len(), "{COUNTRIES_DIR} is stale: run `cargo xtask geometry`");
        for (name, svg) in &made {
            let on_disk = std::fs::read_to_string(dir.join(name)).unwrap_or_default();
            assert!(&on_disk == svg, "{COUNTRIES_DIR}/{name} is stale: run `cargo xtask geometry`");
        }
        let shaped = |name: &str| made.iter().find(|(n, _)| n == name).unwrap().1.contains("<path");
        assert!(shaped("hu.svg") && shaped("us.svg") && shaped("br.svg"), "countries have their shapes");
        assert!(!shaped("sg.svg"), "Singapore is too small for the source: an empty picture");
    }

    #[test]
    fn numbers_are_written_briefly() {
        let mut d = String::new();
        for (n, sep) in [(123, false), (-5, true), (40, true), (7, true), (0, true), (-120, true)] {
            push_tenths(&mut d, n, sep);
        }
        assert_eq!(d, "12.3-.5 4 .7 0-12");
    }

    #[test]
    fn a_square_becomes_a_closed_relative_path() {
        let topology = r#"{"type":"Topology","transform":{"scale":[1,1],"translate":[0,0]},
            "arcs":[[[0,0],[10,0],[0,10],[-10,0],[0,-10]]],
            "objects":{"countries":{"type":"GeometryCollection","geometries":[{"type":"Polygon","arcs":[[0]]}]}}}"#;
        let svg = to_svg(topology).unwrap();
        let d = svg.split("d=\"").nth(1).unwrap().split('"').next().unwrap();
        assert!(d.starts_with('M') && d.ends_with('z'), "{d}");
        assert_eq!(d.matches('l').count(), 1, "{d}");
    }

    #[test]
    fn reversed_arcs_join_rings() {
        let arcs = vec![vec![(0.0, 0.0), (1.0, 0.0)], vec![(0.0, 0.0), (1.0, 0.0)]];
        let ring = serde_json::json!([0, -2]);
        assert_eq!(ring_points(&ring, &arcs).unwrap(), [(0.0, 0.0), (1.0, 0.0), (0.0, 0.0)]);
    }

    #[test]
    fn a_ring_across_the_antimeridian_is_drawn_on_both_sides() {
        let ring = vec![(179.0, 10.0), (-179.0, 10.0), (-179.0, 11.0), (179.0, 11.0)];
        let parts = split_at_antimeridian(ring);
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[1], [(179.0, 10.0), (181.0, 10.0), (181.0, 11.0), (179.0, 11.0)]);
        assert_eq!(parts[0], [(-181.0, 10.0), (-179.0, 10.0), (-179.0, 11.0), (-181.0, 11.0)]);
        let plain = vec![(10.0, 10.0), (11.0, 10.0), (11.0, 11.0)];
        assert_eq!(split_at_antimeridian(plain.clone()), vec![plain]);
    }

    #[test]
    fn broken_topology_is_an_error() {
        assert!(to_svg("{}").is_err());
        assert!(to_svg("not json").is_err());
    }
}
