//! Marker clustering: points close together on screen at the current zoom merge into one
//! marker with a count, so the map stays readable (and fast) with thousands of groups.

use std::{
    collections::HashMap,
    hash::{BuildHasherDefault, Hasher},
};

use groups_i18n::{t, tn, Msg};

use crate::geo::Point;

/// Grid cells are keyed by two small integers that no visitor chooses, so a keyed hash
/// (SipHash, the default) buys nothing here: a multiply-and-rotate hash is several times
/// faster for the thousands of points a region change clusters.
#[derive(Default)]
struct CellHasher(u64);

impl Hasher for CellHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_i64(&mut self, n: i64) {
        self.write_u64(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type Cells<V> = HashMap<(i64, i64), V, BuildHasherDefault<CellHasher>>;

/// The least distance between two markers on screen, in CSS pixels: markers are 24 to 30 px
/// wide, and WCAG 2.2's target size wants 24 px clear around each.
pub const MIN_SPACING_PX: f64 = 32.0;

/// One marker: the indices of the points it stands for, and where it stands.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    /// Indices into the `points` given to [`cluster`], ascending.
    pub members: Vec<usize>,
    /// The members' mean position, in map units.
    pub center: Point,
}

impl Cluster {
    pub fn len(&self) -> usize {
        self.members.len()
    }

    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }
}

/// Merges `points` (map units) so that no two markers are closer than `spacing` frame units
/// at zoom `zoom`: every point ends in exactly one cluster, and the clusters come in the
/// order of their first member.
///
/// A grid puts points into cells of that size; then clusters whose centres are still closer
/// than the spacing (neighbours across a cell border) are merged until none are.
pub fn cluster(points: &[Point], zoom: f64, spacing: f64) -> Vec<Cluster> {
    let size = spacing / zoom.max(f64::MIN_POSITIVE);
    let cell_of = |p: &Point| ((p.x / size).floor() as i64, (p.y / size).floor() as i64);

    let mut cells: Cells<usize> = Cells::default();
    let mut clusters: Vec<Cluster> = Vec::new();
    for (i, p) in points.iter().enumerate() {
        let slot = *cells.entry(cell_of(p)).or_insert_with(|| {
            clusters.push(Cluster { members: Vec::new(), center: *p });
            clusters.len() - 1
        });
        clusters[slot].members.push(i);
    }
    for c in &mut clusters {
        c.center = mean(points, &c.members);
    }

    loop {
        let mut by_cell: Cells<Vec<usize>> = Cells::default();
        for (i, c) in clusters.iter().enumerate() {
            by_cell.entry(cell_of(&c.center)).or_default().push(i);
        }
        let mut merged_into: Vec<Option<usize>> = vec![None; clusters.len()];
        let mut any = false;
        for i in 0..clusters.len() {
            if merged_into[i].is_some() {
                continue;
            }
            let (cx, cy) = cell_of(&clusters[i].center);
            for dx in -1..=1 {
                for dy in -1..=1 {
                    for &j in by_cell.get(&(cx + dx, cy + dy)).map(Vec::as_slice).unwrap_or_default() {
                        if j > i && merged_into[j].is_none() && distance(clusters[i].center, clusters[j].center) < size
                        {
                            merged_into[j] = Some(i);
                            any = true;
                        }
                    }
                }
            }
        }
        if !any {
            break;
        }
        let mut next: Vec<Cluster> = Vec::new();
        let mut index_of: Vec<usize> = vec![0; clusters.len()];
        for i in 0..clusters.len() {
            match merged_into[i] {
                None => {
                    index_of[i] = next.len();
                    next.push(clusters[i].clone());
                }
                Some(target) => {
                    let members = std::mem::take(&mut clusters[i].members);
                    next[index_of[target]].members.extend(members);
                }
            }
        }
        for c in &mut next {
            c.members.sort_unstable();
            c.center = mean(points, &c.members);
        }
        clusters = next;
    }
    clusters.sort_by_key(|c| c.members[0]);
    clusters
}

/// A cluster's accessible name from its groups' countries (one entry a group, named in the
/// page's language): "3 groups in Germany, Austria: zoom in to see them". The countries with the most groups come first (the
/// first met, on a tie); past three, how many more, so the name stays short.
pub fn cluster_label<'a>(countries: impl IntoIterator<Item = &'a str>) -> String {
    const NAMED: usize = 3;
    let mut counts: Vec<(&str, usize)> = Vec::new();
    let mut total = 0;
    for country in countries {
        total += 1;
        match counts.iter_mut().find(|(c, _)| *c == country) {
            Some((_, n)) => *n += 1,
            None => counts.push((country, 1)),
        }
    }
    // A stable sort keeps the first met first among equals.
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    let names: Vec<&str> = counts.iter().take(NAMED).map(|(c, _)| *c).collect();
    let named = names.join(t(Msg::PlaceSeparator));
    let countries = match counts.len().saturating_sub(NAMED) {
        0 => named,
        more => tn(Msg::MapMoreCountries, more as u64, &[("countries", &named)]),
    };
    tn(Msg::MapCluster, total, &[("countries", &countries)])
}

fn mean(points: &[Point], members: &[usize]) -> Point {
    let n = members.len() as f64;
    let (sx, sy) = members.iter().fold((0.0, 0.0), |(x, y), &m| (x + points[m].x, y + points[m].y));
    Point { x: sx / n, y: sy / n }
}

fn distance(a: Point, b: Point) -> f64 {
    ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pseudo_random_points(n: usize) -> Vec<Point> {
        // A fixed linear congruential sequence: reproducible without a dependency.
        let mut state: u64 = 42;
        let mut next = || {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        (0..n).map(|_| Point { x: next() * 1000.0, y: next() * 487.0 }).collect()
    }

    #[test]
    fn every_point_is_in_exactly_one_cluster_and_counts_add_up() {
        let points = pseudo_random_points(5000);
        for zoom in [1.0, 2.0, 8.0, 64.0] {
            let clusters = cluster(&points, zoom, 30.0);
            let mut seen = vec![0; points.len()];
            for c in &clusters {
                assert!(!c.is_empty());
                for &m in &c.members {
                    seen[m] += 1;
                }
            }
            assert!(seen.iter().all(|&n| n == 1), "zoom {zoom}");
            assert_eq!(clusters.iter().map(Cluster::len).sum::<usize>(), points.len());
        }
    }

    #[test]
    fn no_two_markers_are_closer_than_the_spacing() {
        let points = pseudo_random_points(3000);
        for zoom in [1.0, 3.0, 10.0] {
            let clusters = cluster(&points, zoom, 30.0);
            for (i, a) in clusters.iter().enumerate() {
                for b in &clusters[i + 1..] {
                    assert!(distance(a.center, b.center) * zoom >= 30.0 - 1e-9, "zoom {zoom}: {a:?} {b:?}");
                }
            }
        }
    }

    #[test]
    fn zooming_in_never_merges_more() {
        let points = pseudo_random_points(2000);
        let counts: Vec<usize> =
            [1.0, 2.0, 4.0, 16.0, 256.0].iter().map(|&z| cluster(&points, z, 30.0).len()).collect();
        assert!(counts.windows(2).all(|w| w[0] <= w[1]), "{counts:?}");
    }

    #[test]
    fn at_deep_zoom_only_points_at_the_same_place_merge() {
        let mut points = pseudo_random_points(300);
        points.push(points[7]);
        let clusters = cluster(&points, 1e9, 30.0);
        assert_eq!(clusters.len(), 300);
        let merged: Vec<_> = clusters.iter().filter(|c| c.len() > 1).collect();
        assert_eq!(merged.len(), 1);
        assert_eq!(merged[0].members, [7, 300]);
    }

    #[test]
    fn a_clusters_name_says_where_its_groups_are() {
        assert_eq!(
            cluster_label(["Germany", "Austria", "Germany"]),
            "3 groups in Germany, Austria: zoom in to see them"
        );
        assert_eq!(cluster_label(["Brazil", "Brazil"]), "2 groups in Brazil: zoom in to see them");
        // The most groups first; past three countries, how many more.
        let many = ["France", "Italy", "Spain", "Italy", "Portugal", "Greece", "Italy", "Spain"];
        assert_eq!(cluster_label(many), "8 groups in Italy, Spain, France and 2 more countries: zoom in to see them");
        let four = ["France", "Italy", "Spain", "Portugal"];
        assert_eq!(cluster_label(four), "4 groups in France, Italy, Spain and 1 more country: zoom in to see them");
    }

    #[test]
    fn close_points_merge_at_world_zoom_and_the_centre_is_their_mean() {
        let points = [Point { x: 500.1, y: 100.1 }, Point { x: 500.3, y: 100.3 }, Point { x: 900.0, y: 400.0 }];
        let clusters = cluster(&points, 1.0, 30.0);
        assert_eq!(clusters.len(), 2);
        assert_eq!(clusters[0].members, [0, 1]);
        assert!((clusters[0].center.x - 500.2).abs() < 1e-9 && (clusters[0].center.y - 100.2).abs() < 1e-9);
        assert!(cluster(&[], 1.0, 30.0).is_empty());
    }
}
