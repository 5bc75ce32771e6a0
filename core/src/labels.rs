//! Names on the map: which names fit at the map's zoom and where, so that none covers another
//! or a marker. Placement is by zoom and the map's width only, not by panning (as clustering
//! is), so a drag moves the names with the land and never reshuffles them.

use crate::{
    country_boxes::{codes as codes_with_shapes, label_point},
    geo::Point,
    regions::country,
};

/// The names' font size and the width of an average character in it, in CSS pixels (the
/// style sheet's `.map-label`): a name's box is estimated, not measured, so that placing
/// names needs no layout.
pub const FONT_PX: f64 = 12.0;
const CHAR_PX: f64 = 6.8;
/// The room a marker takes (the widest, a cluster, with its ring), in CSS pixels.
const MARKER_PX: f64 = 34.0;

/// A box on the map at the current zoom, in CSS pixels from the world's top-left corner.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Rect {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Rect {
    fn around(c: Point, w: f64, h: f64) -> Rect {
        Rect { x0: c.x - w / 2.0, y0: c.y - h / 2.0, x1: c.x + w / 2.0, y1: c.y + h / 2.0 }
    }

    fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
}

/// How wide `text` is drawn, about, in CSS pixels (with a little air either side).
pub fn text_px(text: &str) -> f64 {
    // A wide character (Chinese, Japanese, Korean) takes about twice a Latin letter's width.
    let widths: f64 = text.chars().map(|c| if is_wide(c) { 2.0 } else { 1.0 }).sum();
    widths * CHAR_PX + 6.0
}

/// Whether `c` is drawn full-width: the CJK scripts' characters and punctuation.
fn is_wide(c: char) -> bool {
    matches!(c, '\u{1100}'..='\u{11FF}' | '\u{2E80}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FF60}')
}

/// Places names, each given as its text and the point it names (map units), most wanted
/// first; `markers` are the markers' places (map units), which no name may cover; `px` is how
/// many CSS pixels a map unit takes at this zoom (zoom × the map's width ÷ its frame width).
///
/// Each name goes on its point, else just below or above it, else beside it, wherever it
/// covers nothing placed before; a name that fits nowhere is left out. Returns the names
/// placed: their index in `names` and the middle of their box (map units).
pub fn place(names: &[(&str, Point)], markers: &[Point], px: f64) -> Vec<(usize, Point)> {
    let px = px.max(f64::MIN_POSITIVE);
    let screen = |p: Point| Point { x: p.x * px, y: p.y * px };
    let mut taken: Vec<Rect> = markers.iter().map(|&m| Rect::around(screen(m), MARKER_PX, MARKER_PX)).collect();
    let h = FONT_PX * 1.4;
    let mut placed = Vec::new();
    for (i, &(text, at)) in names.iter().enumerate() {
        let w = text_px(text);
        let a = screen(at);
        let (down, side) = (MARKER_PX / 2.0 + h / 2.0, MARKER_PX / 2.0 + w / 2.0);
        let spots = [(0.0, 0.0), (0.0, down), (0.0, -down), (side, 0.0), (-side, 0.0)];
        let free = spots
            .iter()
            .map(|&(dx, dy)| Rect::around(Point { x: a.x + dx, y: a.y + dy }, w, h))
            .find(|r| !taken.iter().any(|t| t.overlaps(r)));
        if let Some(r) = free {
            taken.push(r);
            placed.push((i, Point { x: (r.x0 + r.x1) / 2.0 / px, y: (r.y0 + r.y1) / 2.0 / px }));
        }
    }
    placed
}

/// The countries' names (in the page's language) worth writing when a map unit takes `px` CSS
/// pixels, with the point each names (map units), most wanted first: the countries of the groups shown (`groups`, a
/// country code and a place each; most groups first), each at the middle of its groups (where
/// the visitor looks: Russia's name by Moscow, not in Siberia), then any other country whose
/// largest land is wider than its name, there, widest first. Countries too small for the
/// map's shapes are named only where they have groups.
pub fn country_names<'a>(groups: impl IntoIterator<Item = (&'a str, Point)>, px: f64) -> Vec<(&'static str, Point)> {
    // (code, groups, sum of their places)
    let mut with_groups: Vec<(&str, usize, Point)> = Vec::new();
    for (code, p) in groups {
        match with_groups.iter_mut().find(|(c, _, _)| *c == code) {
            Some((_, n, sum)) => {
                *n += 1;
                *sum = Point { x: sum.x + p.x, y: sum.y + p.y };
            }
            None => with_groups.push((code, 1, p)),
        }
    }
    with_groups.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut names: Vec<(&'static str, Point)> = with_groups
        .iter()
        .filter_map(|&(code, n, sum)| {
            let n = n as f64;
            Some((country(code)?.local_name(), Point { x: sum.x / n, y: sum.y / n }))
        })
        .collect();
    let mut others: Vec<(&'static str, Point, f64)> = codes_with_shapes()
        .filter(|code| !with_groups.iter().any(|(c, _, _)| c == code))
        .filter_map(|code| Some((country(code)?.local_name(), label_point(code)?)))
        .filter(|(name, (_, width))| width * px >= text_px(name))
        .map(|(name, (at, width))| (name, at, width))
        .collect();
    others.sort_by(|a, b| b.2.total_cmp(&a.2));
    names.extend(others.into_iter().map(|(name, at, _)| (name, at)));
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_countries_of_the_groups_come_first_then_those_wide_enough_for_their_name() {
        use crate::geo::to_map;
        let (berlin, munich, vienna) = (to_map(13.4, 52.5), to_map(11.6, 48.1), to_map(16.4, 48.2));
        let moscow = to_map(37.6, 55.8);
        let names = country_names([("AT", vienna), ("DE", berlin), ("DE", munich), ("RU", moscow)], 3.0);
        let just: Vec<&str> = names.iter().map(|(n, _)| *n).collect();
        // Germany has the most groups, named between them; Russia's name is by its group.
        assert_eq!(just[..3], ["Germany", "Austria", "Russia"]);
        assert_eq!(names[0].1, Point { x: (berlin.x + munich.x) / 2.0, y: (berlin.y + munich.y) / 2.0 });
        assert_eq!(names[2].1, moscow);
        assert_eq!(just.iter().filter(|n| **n == "Russia").count(), 1);
        // A country too small for the shapes, with a group: named by it.
        assert!(country_names([("SG", to_map(103.8, 1.35))], 3.0).iter().any(|(n, _)| *n == "Singapore"));
        // Canada and Brazil are wide enough at this zoom; Luxembourg is not, with no group.
        assert!(just.contains(&"Canada") && just.contains(&"Brazil"), "{just:?}");
        assert!(!just.contains(&"Luxembourg"));
        // Zoomed out to the world, only the widest lands have room for their names.
        assert!(country_names([], 0.4).len() < country_names([], 3.0).len());
    }

    fn rect_of(names: &[(&str, Point)], (i, c): (usize, Point), px: f64) -> Rect {
        Rect::around(Point { x: c.x * px, y: c.y * px }, text_px(names[i].0), FONT_PX * 1.4)
    }

    #[test]
    fn names_never_cover_each_other_or_a_marker() {
        // Twenty names crowded around one spot, with markers among them.
        let names: Vec<(String, Point)> = (0..20)
            .map(|i| (format!("Country {i}"), Point { x: 500.0 + f64::from(i % 5), y: 100.0 + f64::from(i / 5) }))
            .collect();
        let names: Vec<(&str, Point)> = names.iter().map(|(t, p)| (t.as_str(), *p)).collect();
        let markers = [Point { x: 501.0, y: 101.0 }, Point { x: 520.0, y: 100.0 }];
        for px in [2.0, 8.0, 40.0] {
            let placed = place(&names, &markers, px);
            assert!(!placed.is_empty() && placed.len() < names.len(), "px {px}: {} placed", placed.len());
            let rects: Vec<Rect> = placed.iter().map(|&p| rect_of(&names, p, px)).collect();
            for (a, ra) in rects.iter().enumerate() {
                for rb in &rects[a + 1..] {
                    assert!(!ra.overlaps(rb), "px {px}: {ra:?} covers {rb:?}");
                }
                for m in markers {
                    let marker = Rect::around(Point { x: m.x * px, y: m.y * px }, MARKER_PX, MARKER_PX);
                    assert!(!ra.overlaps(&marker), "px {px}: {ra:?} covers the marker at {m:?}");
                }
            }
        }
    }

    #[test]
    fn the_most_wanted_come_first_on_their_point_else_beside_it() {
        let germany = ("Germany", Point { x: 530.0, y: 80.0 });
        let austria = ("Austria", Point { x: 540.0, y: 92.0 });
        // Far apart at this zoom: each on its point.
        let placed = place(&[germany, austria], &[], 20.0);
        assert_eq!(placed, [(0, germany.1), (1, austria.1)]);
        // Zoomed out, the second moves off the first, or goes.
        let placed = place(&[germany, austria], &[], 1.0);
        assert_eq!(placed[0], (0, germany.1));
        assert!(placed.len() == 1 || placed[1].1 != austria.1, "{placed:?}");
        // A marker on the point: the name goes below it.
        let placed = place(&[germany], &[germany.1], 20.0);
        assert_eq!(placed.len(), 1);
        assert!(placed[0].1.y > germany.1.y && placed[0].1.x == germany.1.x, "{placed:?}");
    }
}
