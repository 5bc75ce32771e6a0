//! Marker clustering: points close together on screen at the current zoom merge into one
//! marker with a count, so the map stays readable (and fast) with thousands of groups.

use std::collections::HashMap;

use crate::geo::Point;

/// Markers closer than this (in the map's unzoomed units, divided by the zoom) share a cell.
pub const CELL: f64 = 28.0;

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

/// Groups `points` (map units) by a grid of `CELL / zoom` map units: every point is in
/// exactly one cluster; the clusters come in the order of their first member.
pub fn cluster(points: &[Point], zoom: f64) -> Vec<Cluster> {
    let size = CELL / zoom.max(f64::MIN_POSITIVE);
    let mut cells: HashMap<(i64, i64), usize> = HashMap::new();
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut sums: Vec<(f64, f64)> = Vec::new();
    for (i, p) in points.iter().enumerate() {
        let key = ((p.x / size).floor() as i64, (p.y / size).floor() as i64);
        let slot = *cells.entry(key).or_insert_with(|| {
            clusters.push(Cluster { members: Vec::new(), center: *p });
            sums.push((0.0, 0.0));
            clusters.len() - 1
        });
        clusters[slot].members.push(i);
        sums[slot].0 += p.x;
        sums[slot].1 += p.y;
    }
    for (c, (sx, sy)) in clusters.iter_mut().zip(sums) {
        let n = c.members.len() as f64;
        c.center = Point { x: sx / n, y: sy / n };
    }
    clusters
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
            let clusters = cluster(&points, zoom);
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
    fn zooming_in_never_merges_more() {
        let points = pseudo_random_points(2000);
        let counts: Vec<usize> = [1.0, 2.0, 4.0, 16.0, 256.0].iter().map(|&z| cluster(&points, z).len()).collect();
        assert!(counts.windows(2).all(|w| w[0] <= w[1]), "{counts:?}");
    }

    #[test]
    fn at_deep_zoom_only_points_at_the_same_place_merge() {
        let mut points = pseudo_random_points(300);
        points.push(points[7]);
        let clusters = cluster(&points, 1e9);
        assert_eq!(clusters.len(), 300);
        let merged: Vec<_> = clusters.iter().filter(|c| c.len() > 1).collect();
        assert_eq!(merged.len(), 1);
        assert_eq!(merged[0].members, [7, 300]);
    }

    #[test]
    fn close_points_merge_at_world_zoom_and_the_centre_is_their_mean() {
        let points = [Point { x: 500.1, y: 100.1 }, Point { x: 500.3, y: 100.3 }, Point { x: 900.0, y: 400.0 }];
        let clusters = cluster(&points, 1.0);
        assert_eq!(clusters.len(), 2);
        assert_eq!(clusters[0].members, [0, 1]);
        assert!((clusters[0].center.x - 500.2).abs() < 1e-9 && (clusters[0].center.y - 100.2).abs() < 1e-9);
        assert!(cluster(&[], 1.0).is_empty());
    }
}
