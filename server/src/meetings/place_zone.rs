//! The time zone of a group's place (its country, latitude and longitude), in which a feed
//! that names none is read and shown: a Tokyo group's feed of UTC times shows 19:00 JST, not
//! 10:00 UTC. Server-side only. The table (`place_zones.txt`, 11 KB, written by
//! `tools/place_zones.py` from GeoNames' towns and the tz database) gives a country's zone, and
//! for each of the 19 countries with several, towns in each: a place takes the zone of the
//! nearest. Chosen over the zones' polygons (tzf-rs: 4.4 MB more in a binary, 32 MB of memory
//! once loaded, its data under ODbL) at a small cost: of 7,884 airports, 95.9 % get a zone that
//! keeps their time (polygons: 99.4 %), and a town of 15,000 people or more always does. A miss
//! is a neighbouring zone near its border, and the label names the zone, so no time shown is
//! false.

use std::{collections::HashMap, sync::LazyLock};

use chrono_tz::Tz;
use groups_core::geo::distance_km;

/// A country's zones, each with the towns that place a point in it (none when it has one zone).
type Zones = Vec<(Tz, Vec<(f64, f64)>)>;

static TABLE: LazyLock<HashMap<&'static str, Zones>> =
    LazyLock::new(|| read(include_str!("place_zones.txt")).expect("place_zones.txt is read whole by its tests"));

/// The zone of a place in `country` (its ISO 3166 code) at `lat`, `lon`; `None` for a country
/// the table does not know.
pub fn zone_at(country: &str, lat: f64, lon: f64) -> Option<Tz> {
    let zones = TABLE.get(country)?;
    if let [(zone, _)] = zones.as_slice() {
        return Some(*zone);
    }
    zones
        .iter()
        .flat_map(|(zone, towns)| towns.iter().map(move |&(t_lat, t_lon)| (*zone, distance_km(lon, lat, t_lon, t_lat))))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(zone, _)| zone)
}

/// The table's lines (`CC<TAB>Zone`, or `CC<TAB>Zone<TAB>lat,lon lat,lon …`; `#` comments), by
/// country, or the first line that is not one of these.
fn read(text: &'static str) -> Result<HashMap<&'static str, Zones>, String> {
    let mut table: HashMap<&str, Zones> = HashMap::new();
    for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let bad = || format!("place_zones.txt: {line}");
        let mut fields = line.split('\t');
        let (Some(country), Some(zone)) = (fields.next(), fields.next()) else { return Err(bad()) };
        let zone: Tz = zone.parse().map_err(|_| bad())?;
        let towns = fields
            .next()
            .unwrap_or_default()
            .split_whitespace()
            .map(|town| {
                let (lat, lon) = town.split_once(',')?;
                Some((lat.parse().ok()?, lon.parse().ok()?))
            })
            .collect::<Option<Vec<(f64, f64)>>>()
            .ok_or_else(bad)?;
        if fields.next().is_some() {
            return Err(bad());
        }
        table.entry(country).or_default().push((zone, towns));
    }
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Offset, TimeDelta, TimeZone, Utc};

    /// Whether two zones keep the same time (offset and abbreviation) every 12 hours through
    /// 2025-2028: the table names each such set of zones by one of them.
    fn same_time(a: Tz, b: Tz) -> bool {
        let (mut at, until) =
            (Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap(), Utc.with_ymd_and_hms(2029, 1, 1, 0, 0, 0).unwrap());
        while at < until {
            let (x, y) = (at.with_timezone(&a), at.with_timezone(&b));
            if x.offset().fix() != y.offset().fix() || x.format("%Z").to_string() != y.format("%Z").to_string() {
                return false;
            }
            at += TimeDelta::hours(12);
        }
        true
    }

    #[test]
    fn towns_are_in_their_own_zones_in_countries_of_one_zone_or_many() {
        use chrono_tz::{America, Asia, Australia, Europe};
        // The end-to-end fixture's towns where a country has several zones, and a few of one.
        let expected = [
            ("JP", 35.69, 139.692, Asia::Tokyo),
            ("IN", 22.573, 88.364, Asia::Kolkata),
            ("NP", 27.717, 85.324, Asia::Kathmandu),
            ("DE", 52.52, 13.405, Europe::Berlin),
            ("GB", 55.953, -3.188, Europe::London),
            ("US", 47.606, -122.332, America::Los_Angeles),
            ("US", 45.515, -122.678, America::Los_Angeles),
            ("US", 37.775, -122.419, America::Los_Angeles),
            ("US", 30.267, -97.743, America::Chicago),
            ("US", 41.878, -87.63, America::Chicago),
            ("US", 39.739, -104.99, America::Denver),
            ("US", 33.749, -84.388, America::New_York),
            ("US", 35.78, -78.639, America::New_York),
            ("US", 42.36, -71.059, America::New_York),
            ("CA", 49.283, -123.121, America::Vancouver),
            ("CA", 45.502, -73.567, America::Toronto),
            ("MX", 20.659, -103.35, America::Mexico_City),
            ("BR", -23.551, -46.633, America::Sao_Paulo),
            ("BR", -30.035, -51.218, America::Sao_Paulo),
            ("CL", -33.449, -70.669, America::Santiago),
            ("EC", -0.181, -78.468, America::Guayaquil),
            ("ES", 40.417, -3.704, Europe::Madrid),
            ("PT", 38.722, -9.139, Europe::Lisbon),
            ("UA", 50.45, 30.523, Europe::Kyiv),
            ("RU", 55.756, 37.617, Europe::Moscow),
            ("KZ", 43.222, 76.851, Asia::Almaty),
            ("MN", 47.886, 106.906, Asia::Ulaanbaatar),
            ("ID", -6.208, 106.846, Asia::Jakarta),
            ("AU", -33.869, 151.209, Australia::Sydney),
            ("AU", -35.281, 149.13, Australia::Sydney),
            ("AU", -27.47, 153.026, Australia::Brisbane),
            ("AU", -31.95, 115.86, Australia::Perth),
        ];
        for (country, lat, lon, zone) in expected {
            let found = zone_at(country, lat, lon);
            assert!(found.is_some_and(|f| same_time(f, zone)), "{country} {lat},{lon}: {found:?}, not {zone}");
        }
    }

    #[test]
    fn the_table_reads_whole_and_a_country_of_several_zones_lists_towns_for_each() {
        let table = read(include_str!("place_zones.txt")).unwrap();
        for (country, zones) in &table {
            if zones.len() > 1 {
                assert!(zones.iter().all(|(_, towns)| !towns.is_empty()), "{country}");
            }
        }
        assert_eq!(table.values().filter(|z| z.len() > 1).count(), 19);
        assert!(read("DE\tEurope/Nowhere").is_err() && read("US\tAmerica/Chicago\t41.85;-87.65").is_err());
    }

    #[test]
    fn every_country_of_the_directory_has_a_zone_and_unknown_ones_none() {
        // Bouvet Island and Heard Island have no one living there, and no zone.
        for country in groups_core::regions::COUNTRIES.iter().filter(|c| !["BV", "HM"].contains(&c.code)) {
            assert!(zone_at(country.code, 0.0, 0.0).is_some(), "{}", country.code);
        }
        assert_eq!((zone_at("BV", -54.4, 3.4), zone_at("XX", 0.0, 0.0)), (None, None));
    }
}
