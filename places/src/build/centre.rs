//! Where a country's or state's people are: the mean of its towns' points weighted by their
//! people, taken on the sphere (the mean of unit vectors) so that Fiji's towns on both sides of
//! the 180th meridian do not average to the far side of the world.

/// A running weighted mean of points on the sphere.
#[derive(Clone, Copy, Debug, Default)]
pub struct Centre {
    x: f64,
    y: f64,
    z: f64,
    weight: f64,
}

impl Centre {
    pub fn add(&mut self, lat: f64, lon: f64, people: u64) {
        // A town of 0 people (GeoNames has a few) still counts a little.
        let weight = people.max(1) as f64;
        let (lat, lon) = (lat.to_radians(), lon.to_radians());
        self.x += weight * lat.cos() * lon.cos();
        self.y += weight * lat.cos() * lon.sin();
        self.z += weight * lat.sin();
        self.weight += weight;
    }

    /// Latitude and longitude in degrees; none before any point was added.
    pub fn point(&self) -> Option<(f64, f64)> {
        if self.weight == 0.0 {
            return None;
        }
        let (x, y, z) = (self.x / self.weight, self.y / self.weight, self.z / self.weight);
        if x.abs() < 1e-12 && y.abs() < 1e-12 && z.abs() < 1e-12 {
            // Points that cancel out (antipodes) have no centre; the first one is as good.
            return None;
        }
        Some((z.atan2(x.hypot(y)).to_degrees(), y.atan2(x).to_degrees()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_centre_leans_towards_the_people() {
        let mut centre = Centre::default();
        centre.add(0.0, 0.0, 3);
        centre.add(0.0, 10.0, 1);
        let (lat, lon) = centre.point().unwrap();
        assert!(lat.abs() < 1e-9 && (2.0..3.0).contains(&lon), "{lon}");
    }

    #[test]
    fn towns_across_the_antimeridian_meet_on_it() {
        let mut centre = Centre::default();
        centre.add(-17.0, 179.0, 1);
        centre.add(-17.0, -179.0, 1);
        let (_, lon) = centre.point().unwrap();
        assert!(lon.abs() > 179.9, "{lon}");
    }

    #[test]
    fn no_town_no_centre() {
        assert_eq!(Centre::default().point(), None);
    }
}
