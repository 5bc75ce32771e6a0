//! The search on the fixture gazetteer: folding, typos, prefixes, "City, Country", ranking.

use crate::fixtures;

fn first(query: &str) -> Option<String> {
    let index = fixtures::index();
    index.search(query, 10).first().map(|p| p.label())
}

fn labels(query: &str) -> Vec<String> {
    fixtures::index().search(query, 10).iter().map(|p| p.label()).collect()
}

#[test]
fn case_and_accents_are_folded_on_both_sides() {
    for query in ["München", "munchen", "MUNCHEN", "Muenchen", "Munich"] {
        assert_eq!(first(query).as_deref(), Some("Munich, Germany"), "{query}");
    }
    for query in ["Łódź", "lodz", "LODZ", "Lódz"] {
        assert_eq!(first(query).as_deref(), Some("Łódź, Poland"), "{query}");
    }
    assert_eq!(first("zurich").as_deref(), Some("Zürich, Switzerland"));
}

#[test]
fn the_name_matched_is_shown_when_it_is_another_name() {
    let index = fixtures::index();
    let munich = &index.search("münchen", 1)[0];
    assert_eq!((munich.name.as_str(), munich.matched.as_deref()), ("Munich", Some("München")));
    let munich = &index.search("Munich", 1)[0];
    assert_eq!(munich.matched, None);
    let krakow = &index.search("krakow", 1)[0];
    assert_eq!((krakow.name.as_str(), krakow.matched.as_deref()), ("Kraków", None), "the same name without accents");
}

#[test]
fn one_typo_in_short_names_and_two_in_long_ones() {
    assert_eq!(first("budapset").as_deref(), Some("Budapest, Hungary"), "a transposition is one typo");
    assert_eq!(first("budpaset").as_deref(), Some("Budapest, Hungary"));
    assert_eq!(first("bduapset").as_deref(), Some("Budapest, Hungary"), "two typos in eight letters");
    assert!(labels("bdapset").is_empty(), "but not in seven");
    assert_eq!(first("Zuerich").as_deref(), Some("Zürich, Switzerland"), "ü written ue");
    assert_eq!(first("Liepzig").as_deref(), Some("Leipzig, Germany"));
    assert_eq!(first("Tokoy").as_deref(), Some("Tokyo, Japan"));
    assert!(labels("Brlni").is_empty(), "two typos in five letters are too many");
    assert!(!labels("Brln").iter().any(|l| l.starts_with("Berlin")), "two typos in four letters are too many");
}

#[test]
fn prefixes_find_places_as_the_visitor_types_from_two_letters() {
    assert!(labels("b").is_empty());
    assert!(labels("").is_empty());
    assert!(labels(" , ").is_empty());
    assert_eq!(first("bu").as_deref(), Some("Budapest, Hungary"));
    assert_eq!(first("Leip").as_deref(), Some("Leipzig, Germany"));
    assert_eq!(first("Hyder").as_deref(), Some("Hyderabad, India"));
    assert_eq!(first("Budaps").as_deref(), Some("Budapest, Hungary"));
    assert_eq!(first("Budspe").as_deref(), Some("Budapest, Hungary"), "begun, with a typo");
}

#[test]
fn namesakes_are_ranked_by_people_and_told_apart() {
    assert_eq!(labels("Portland")[..2], ["Portland, Oregon, United States", "Portland, Maine, United States"]);
    assert_eq!(labels("Hyderabad")[..2], ["Hyderabad, India", "Hyderabad, Pakistan"]);
    assert_eq!(labels("London")[..2], ["London, United Kingdom", "London, Ontario, Canada"]);
    assert_eq!(labels("Boston")[..2], ["Boston, Massachusetts, United States", "Boston, United Kingdom"]);
}

#[test]
fn a_place_named_whole_beats_a_bigger_one_begun_unless_far_bigger() {
    assert_eq!(labels("Bern"), ["Bern, Switzerland"], "Berlin is two typos from it");
    assert_eq!(first("Bernl").as_deref(), Some("Berlin, Germany"), "Berl-in mistyped, rather than Bern");
    assert_eq!(first("ber").as_deref(), Some("Berlin, Germany"));
    assert_eq!(first("San").as_deref(), Some("Santiago, Chile"));
}

#[test]
fn city_and_country_or_state() {
    assert_eq!(labels("Portland, Maine"), ["Portland, Maine, United States"]);
    assert_eq!(labels("Portland, ME"), ["Portland, Maine, United States"]);
    assert_eq!(labels("Portland, OR"), ["Portland, Oregon, United States"]);
    assert_eq!(labels("Boston, MA"), ["Boston, Massachusetts, United States"]);
    assert_eq!(labels("Boston, United States"), ["Boston, Massachusetts, United States"]);
    assert_eq!(labels("Boston, USA"), ["Boston, Massachusetts, United States"]);
    assert_eq!(labels("Boston, UK"), ["Boston, United Kingdom"]);
    assert_eq!(labels("Boston, GBR"), ["Boston, United Kingdom"]);
    assert_eq!(labels("Hyderabad, Pakistan"), ["Hyderabad, Pakistan"]);
    assert_eq!(labels("Hyderabad, India"), ["Hyderabad, India"]);
    assert_eq!(labels("London, Ontario"), ["London, Ontario, Canada"]);
    assert_eq!(labels("London, Canada"), ["London, Ontario, Canada"]);
    assert_eq!(labels("Paris, Texas"), ["Paris, Texas, United States"]);
    assert_eq!(labels("Munich, Deutschland"), ["Munich, Germany"], "a country by its own name");
}

#[test]
fn where_to_look_may_be_begun_or_mistyped() {
    assert_eq!(labels("Boston, Unite"), ["Boston, Massachusetts, United States", "Boston, United Kingdom"]);
    assert_eq!(labels("Hyderabad, Pakistna"), ["Hyderabad, Pakistan"]);
}

#[test]
fn without_a_comma_the_last_words_may_say_where() {
    assert_eq!(first("Portland Maine").as_deref(), Some("Portland, Maine, United States"));
    assert_eq!(first("Boston MA").as_deref(), Some("Boston, Massachusetts, United States"));
    assert_eq!(first("Hyderabad Pakistan").as_deref(), Some("Hyderabad, Pakistan"));
    assert_eq!(first("London United Kingdom").as_deref(), Some("London, United Kingdom"));
}

#[test]
fn somewhere_unknown_or_empty_after_the_comma_falls_back_to_the_name() {
    assert_eq!(first("Munich, Bavaria").as_deref(), Some("Munich, Germany"));
    assert_eq!(first("Leipzig, France").as_deref(), Some("Leipzig, Germany"));
    assert_eq!(first("Leipzig,").as_deref(), Some("Leipzig, Germany"));
}

#[test]
fn countries_by_english_and_own_names_and_abbreviations() {
    for (query, country) in [
        ("Hungary", "Hungary"),
        ("Magyarország", "Hungary"),
        ("magyarorszag", "Hungary"),
        ("Deutschland", "Germany"),
        ("日本", "Japan"),
        ("USA", "United States"),
        ("usa", "United States"),
        ("UK", "United Kingdom"),
        ("America", "United States"),
    ] {
        assert_eq!(first(query).as_deref(), Some(country), "{query}");
    }
    let japan = &fixtures::index().search("日本", 1)[0];
    assert_eq!((japan.id.as_str(), japan.matched.as_deref()), ("country:JP", Some("日本")));
}

#[test]
fn codes_are_matched_whole_only() {
    assert!(!labels("Germ").is_empty());
    assert!(labels("CHL").is_empty(), "alpha-3 codes only say where to look");
    assert!(labels("TX").is_empty(), "state codes only say where to look");
    assert!(labels("MUC").is_empty(), "airport codes are not kept");
}

#[test]
fn states_and_countries_are_places_too() {
    let index = fixtures::index();
    let maine = index.search("Maine", 1).remove(0);
    assert_eq!((maine.id.as_str(), maine.label().as_str()), ("state:US-ME", "Maine, United States"));
    assert_eq!(maine.population, 66_215, "counted over its towns");
    let ontario = index.search("Ontario", 1).remove(0);
    assert_eq!((ontario.id.as_str(), ontario.state_code.as_deref()), ("state:CA-ON", Some("ON")));
    let germany = index.search("Germany", 1).remove(0);
    assert_eq!((germany.id.as_str(), germany.population), ("country:DE", 82_927_922));
    // Where its people are: between Berlin, Leipzig and Munich, nearer Berlin.
    assert!((49.0..52.5).contains(&germany.lat) && (11.5..13.5).contains(&germany.lon), "{germany:?}");
}

#[test]
fn other_scripts_and_junk_find_nothing_and_never_panic() {
    for query in ["東京都", "Берлин", "\u{0}\u{7}\u{1b}[31m", "🙂🙂", "'''", &"a".repeat(10_000), &"ü".repeat(5_000)]
    {
        let _ = labels(query);
    }
    assert!(labels("Берлин").is_empty(), "names in other scripts are not kept for towns");
    assert!(labels("\u{0}\u{7}").is_empty());
}

#[test]
fn the_limit_is_kept() {
    let index = fixtures::index();
    assert_eq!(index.search("bo", 1).len(), 1);
    assert_eq!(index.search("bo", 0).len(), 0);
    assert!(index.search("b", 1000).is_empty());
}

#[test]
fn best_prefers_a_place_named_whole() {
    let index = fixtures::index();
    let best = |text: &str| index.best(text).map(|p| p.label());
    assert_eq!(best("Bra").as_deref(), Some("Bra, Italy"), "not Brazil begun");
    assert_eq!(best("San").as_deref(), Some("San, Mali"));
    assert_eq!(best("Portland").as_deref(), Some("Portland, Oregon, United States"));
    assert_eq!(best("Portland, Maine").as_deref(), Some("Portland, Maine, United States"));
    assert_eq!(best("budapset").as_deref(), Some("Budapest, Hungary"));
    assert_eq!(best("Leipz").as_deref(), Some("Leipzig, Germany"));
    assert_eq!(best("USA").as_deref(), Some("United States"));
    assert_eq!(best("xqzzy"), None);
    assert_eq!(best(""), None);
}
