//! A small gazetteer shaped like the real one, for tests here and in the server: namesakes
//! (Portland, Boston, Hyderabad, London, Paris), local and old names (München, Bangalore),
//! letters decomposition leaves whole (Łódź), a country known by its own script (日本), and
//! codes (USA, MA). Real figures, rounded.

use crate::{
    build::{build, City, Country, Gazetteer, State},
    index::Index,
};

/// The fixture's towns: id, name, country, admin1, people, lat, lon, alternate names.
type Town = (u32, &'static str, &'static str, &'static str, u64, f64, f64, &'static [&'static str]);

const TOWNS: &[Town] = &[
    (2950159, "Berlin", "DE", "16", 3_426_354, 52.52437, 13.41053, &["Berlín", "BER", "Берлин", "bai lin"]),
    (2661552, "Bern", "CH", "BE", 121_631, 46.94809, 7.44744, &["Berne", "Berna"]),
    (
        2867714,
        "Munich",
        "DE",
        "02",
        1_505_005,
        48.13743,
        11.57549,
        &["München", "Muenchen", "MUC", "Monaco di Baviera"],
    ),
    (2879139, "Leipzig", "DE", "13", 587_857, 51.33962, 12.37129, &["Lipsk"]),
    (2657896, "Zürich", "CH", "ZH", 341_730, 47.36667, 8.55, &["Zurich", "Zurigo"]),
    (5746545, "Portland", "US", "OR", 652_503, 45.52345, -122.67621, &["PDX", "Rip City"]),
    (4975802, "Portland", "US", "ME", 66_215, 43.66147, -70.25533, &[]),
    (4930956, "Boston", "US", "MA", 653_833, 42.35843, -71.05977, &["BOS", "Bostonia"]),
    (2655138, "Boston", "GB", "ENG", 41_340, 52.97633, -0.02664, &[]),
    (3054643, "Budapest", "HU", "05", 1_741_041, 47.49835, 19.04045, &["Budapeste", "Budapesta"]),
    (1269843, "Hyderabad", "IN", "40", 6_809_970, 17.38405, 78.45636, &["Haidarabad"]),
    (1176734, "Hyderabad", "PK", "05", 1_386_330, 25.39242, 68.37366, &[]),
    (1277333, "Bengaluru", "IN", "19", 8_495_492, 12.97194, 77.59369, &["Bangalore", "BLR"]),
    (3093133, "Łódź", "PL", "74", 768_755, 51.75, 19.46667, &["Lodz", "Lodsch"]),
    (3094802, "Kraków", "PL", "77", 755_050, 50.06143, 19.93658, &["Cracow", "Krakau"]),
    (2643743, "London", "GB", "ENG", 8_961_989, 51.50853, -0.12574, &["Londres", "LON"]),
    (6058560, "London", "CA", "08", 383_822, 42.98339, -81.23304, &[]),
    (6167865, "Toronto", "CA", "08", 2_600_000, 43.70643, -79.39864, &[]),
    (2988507, "Paris", "FR", "11", 2_138_551, 48.85341, 2.3488, &["Parigi"]),
    (4717560, "Paris", "US", "TX", 24_171, 33.66094, -95.55551, &[]),
    (2453348, "San", "ML", "04", 66_967, 13.30335, -4.89562, &[]),
    (3871336, "Santiago", "CL", "12", 4_837_295, -33.45694, -70.64827, &["Santiago de Chile"]),
    (3181554, "Bra", "IT", "12", 29_341, 44.69816, 7.85149, &[]),
    (1850147, "Tokyo", "JP", "40", 8_336_599, 35.6895, 139.69171, &["Tokio", "東京"]),
];

/// The fixture's countries: code, alpha-3, people, names (English first), abbreviations.
type Land = (&'static str, &'static str, u64, &'static [&'static str], &'static [&'static str]);

const COUNTRIES: &[Land] = &[
    ("CA", "CAN", 37_058_856, &["Canada"], &[]),
    ("CH", "CHE", 8_516_543, &["Switzerland", "Schweiz"], &[]),
    ("CL", "CHL", 18_729_160, &["Chile"], &[]),
    ("DE", "DEU", 82_927_922, &["Germany", "Deutschland"], &[]),
    ("FR", "FRA", 66_987_244, &["France"], &[]),
    ("GB", "GBR", 66_488_991, &["United Kingdom", "Britain", "Great Britain"], &["UK"]),
    ("HU", "HUN", 9_768_785, &["Hungary", "Magyarország"], &[]),
    ("IN", "IND", 1_352_617_328, &["India", "भारत"], &[]),
    ("IT", "ITA", 60_431_283, &["Italy", "Italia"], &[]),
    ("JP", "JPN", 126_529_100, &["Japan", "日本"], &[]),
    ("ML", "MLI", 19_077_690, &["Mali"], &[]),
    ("PK", "PAK", 212_215_030, &["Pakistan"], &[]),
    ("PL", "POL", 37_978_548, &["Poland", "Polska"], &[]),
    ("US", "USA", 327_167_434, &["United States", "America", "United States of America"], &["US", "USA"]),
];

const STATES: &[(&str, &str, &str)] = &[
    ("US", "MA", "Massachusetts"),
    ("US", "ME", "Maine"),
    ("US", "OR", "Oregon"),
    ("US", "TX", "Texas"),
    ("CA", "08", "Ontario"),
];

/// The fixture's sources.
pub fn gazetteer() -> Gazetteer {
    let cities = TOWNS
        .iter()
        .map(|&(id, name, country, admin1, population, lat, lon, alternates)| City {
            id,
            name: name.into(),
            lat,
            lon,
            country: country.into(),
            admin1: admin1.into(),
            population,
            alternates: alternates.iter().map(|a| a.to_string()).collect(),
        })
        .collect();
    let countries = COUNTRIES
        .iter()
        .map(|&(code, iso3, population, names, abbreviations)| Country {
            code: code.into(),
            names: names.iter().map(|n| n.to_string()).collect(),
            codes: vec![iso3.into()],
            abbreviations: abbreviations.iter().map(|a| a.to_string()).collect(),
            population,
        })
        .collect();
    let states = STATES
        .iter()
        .map(|&(country, admin1, name)| State {
            country: country.into(),
            code: if admin1 == "08" { "ON".into() } else { admin1.into() },
            admin1: admin1.into(),
            names: vec![name.into()],
        })
        .collect();
    Gazetteer { cities, countries, states, provenance: "the fixture".into() }
}

/// The fixture's index.
pub fn index() -> Index {
    build(&gazetteer()).expect("the fixture builds")
}
