//! `/api/places` over real HTTP on 127.0.0.1, on the fixture gazetteer (groups-places'
//! `fixtures`): a normal query, the empty, very long, control-character and non-Latin ones (a
//! clear answer each, never a 500), ids read back, the caching and the rate limit, the index
//! never served as a file, and a server without an index.

use groups_testkit as common;

use std::time::Duration;

use groups_server::{Config, RateLimit};
use reqwest::{header, StatusCode};
use serde_json::Value;

/// A server whose places index is the fixture's, written where the build puts it (the default
/// `--places`).
async fn start() -> common::Site {
    start_with(|config| config).await
}

async fn start_with(configure: impl FnOnce(Config) -> Config) -> common::Site {
    common::start_with(true, |config| {
        groups_places::fixtures::index().write(&config.places).unwrap();
        configure(config)
    })
    .await
}

/// GET `path` (with its query): status, headers, JSON body (null if none).
async fn get(site: &common::Site, path: &str) -> (StatusCode, header::HeaderMap, Value) {
    let response = reqwest::Client::new()
        .get(format!("{}{path}", site.base))
        .timeout(Duration::from_secs(30))
        .send()
        .await
        .unwrap();
    let (status, headers) = (response.status(), response.headers().clone());
    (status, headers, response.json().await.unwrap_or(Value::Null))
}

fn labels(places: &Value) -> Vec<String> {
    let places: Vec<groups_core::places::Place> = serde_json::from_value(places.clone()).unwrap();
    places.iter().map(|p| p.label()).collect()
}

/// `q` as a query string value.
fn encoded(q: &str) -> String {
    url::form_urlencoded::byte_serialize(q.as_bytes()).collect()
}

#[tokio::test]
async fn a_query_finds_its_places_best_first_and_may_be_kept_a_day() {
    let site = start().await;
    let (status, headers, body) = get(&site, "/api/places?q=Boston%2C%20MA").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(labels(&body), ["Boston, Massachusetts, United States"]);
    assert_eq!(headers[header::CACHE_CONTROL], "public, max-age=86400");
    assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("application/json"));
    let boston = &body[0];
    assert_eq!(boston["id"], "4930956");
    assert_eq!(
        (boston["kind"].as_str(), boston["state_code"].as_str(), boston["country"].as_str()),
        (Some("city"), Some("MA"), Some("US"))
    );
    assert!(boston["lat"].is_f64() && boston["lon"].is_f64() && boston["population"].is_u64());

    let (_, _, body) = get(&site, "/api/places?q=portland").await;
    assert_eq!(labels(&body)[..2], ["Portland, Oregon, United States", "Portland, Maine, United States"]);
    let (_, _, body) = get(&site, "/api/places?q=m%C3%BCnchen").await;
    assert_eq!((body[0]["name"].as_str(), body[0]["matched"].as_str()), (Some("Munich"), Some("München")));
    let (_, _, body) = get(&site, "/api/places?q=budapset&limit=1").await;
    assert_eq!(labels(&body), ["Budapest, Hungary"]);
}

#[tokio::test]
async fn an_empty_or_one_letter_query_finds_nothing() {
    let site = start().await;
    for path in [
        "/api/places",
        "/api/places?",
        "/api/places?q=",
        "/api/places?q=%20%20",
        "/api/places?q=b",
        "/api/places?limit=5",
    ] {
        let (status, _, body) = get(&site, path).await;
        assert_eq!((status, body), (StatusCode::OK, Value::Array(vec![])), "{path}");
    }
}

#[tokio::test]
async fn a_very_long_query_is_refused_with_the_field_named() {
    let site = start().await;
    for q in ["a".repeat(10_240), "ü".repeat(201), format!("{}, Germany", "Leipzig ".repeat(30))] {
        let (status, headers, body) = get(&site, &format!("/api/places?q={}", encoded(&q))).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{} characters", q.chars().count());
        assert_eq!(body["error"], "the query is too long");
        assert_eq!(body["fields"]["q"], "at most 200 characters");
        assert_eq!(headers[header::CACHE_CONTROL], "no-store", "errors are not kept");
    }
    let (status, _, body) = get(&site, &format!("/api/places?q={}", encoded(&"ü".repeat(200)))).await;
    assert_eq!((status, body), (StatusCode::OK, Value::Array(vec![])), "200 characters are read");
}

#[tokio::test]
async fn control_characters_are_refused_with_the_field_named() {
    let site = start().await;
    for q in ["Ber\u{0}lin", "\u{1b}[31mBerlin", "Berlin\n", "\t", "\u{7f}", "\u{85}"] {
        let (status, _, body) = get(&site, &format!("/api/places?q={}", encoded(q))).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{q:?}");
        assert_eq!(body["error"], "the query has control characters");
        assert!(body["fields"]["q"].is_string());
    }
}

#[tokio::test]
async fn non_latin_queries_find_a_country_by_its_own_name_or_nothing() {
    let site = start().await;
    let (status, _, body) = get(&site, &format!("/api/places?q={}", encoded("日本"))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!((body[0]["id"].as_str(), body[0]["matched"].as_str()), (Some("country:JP"), Some("日本")));
    for q in ["東京都", "Берлин", "🙂🙂", "ελλάδα", "\u{fffd}\u{fffd}"] {
        let (status, _, body) = get(&site, &format!("/api/places?q={}", encoded(q))).await;
        assert_eq!((status, body), (StatusCode::OK, Value::Array(vec![])), "{q}");
    }
    // Bytes that are not UTF-8 read as replacement characters: no place, no error.
    let (status, _, body) = get(&site, "/api/places?q=%FF%FE%C3").await;
    assert_eq!((status, body), (StatusCode::OK, Value::Array(vec![])));
}

#[tokio::test]
async fn the_limit_must_be_1_to_50() {
    let site = start().await;
    let (status, _, body) = get(&site, "/api/places?q=bo&limit=1").await;
    assert_eq!((status, body.as_array().unwrap().len()), (StatusCode::OK, 1));
    for limit in ["0", "51", "-3", "ten", "1.5", "99999999999999999999"] {
        let (status, _, body) = get(&site, &format!("/api/places?q=bo&limit={limit}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{limit}");
        assert_eq!(body["fields"]["limit"], "a number from 1 to 50");
    }
}

#[tokio::test]
async fn no_query_gets_a_server_error() {
    // Past the rate limit: this is about the answers, not the limit.
    let site = start_with(|config| Config {
        rate_limit: RateLimit { burst: 10_000, period: Duration::from_millis(1) },
        ..config
    })
    .await;
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    for _ in 0..300 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let bytes: Vec<u8> = (0..(seed % 40) as usize).map(|i| (seed >> (i % 8 * 8)) as u8 ^ i as u8).collect();
        let q: String = url::form_urlencoded::byte_serialize(&bytes).collect();
        let (status, _, body) = get(&site, &format!("/api/places?q={q}&limit={}", seed % 60)).await;
        assert!(status == StatusCode::OK || status == StatusCode::BAD_REQUEST, "{status} for {bytes:?}");
        assert!(body.is_array() || body["error"].is_string());
    }
}

#[tokio::test]
async fn a_place_reads_back_from_its_id() {
    let site = start().await;
    let (status, headers, body) = get(&site, "/api/places/2879139").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!((body["name"].as_str(), body["country_name"].as_str()), (Some("Leipzig"), Some("Germany")));
    assert_eq!((body["lat"].as_f64(), body["lon"].as_f64()), (Some(51.33962), Some(12.37129)));
    assert_eq!(headers[header::CACHE_CONTROL], "public, max-age=86400");
    let (_, _, body) = get(&site, "/api/places/country:HU").await;
    assert_eq!((body["kind"].as_str(), body["name"].as_str()), (Some("country"), Some("Hungary")));
    let (_, _, body) = get(&site, "/api/places/state:US-ME").await;
    assert_eq!((body["kind"].as_str(), body["name"].as_str()), (Some("state"), Some("Maine")));
    for id in ["1", "999999999999", "country:ZZ", "nowhere", "%00", "country%3Ahu"] {
        let (status, headers, body) = get(&site, &format!("/api/places/{id}")).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{id}");
        assert_eq!(body["error"], "no place has this id");
        assert_eq!(headers[header::CACHE_CONTROL], "no-store");
    }
}

#[tokio::test]
async fn only_get_is_answered() {
    let site = start().await;
    let response = reqwest::Client::new().post(format!("{}/api/places?q=bo", site.base)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(response.headers()[header::ALLOW], "GET");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"], "ask for places with GET");
}

#[tokio::test]
async fn the_index_is_the_servers_not_a_file_of_the_site() {
    let site = start().await;
    assert!(site.dist.join("_places/places.idx").is_file(), "the default --places is in the built site");
    for path in ["/_places/places.idx", "/_places/", "/_places"] {
        let response = reqwest::get(format!("{}{path}", site.base)).await.unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
    }
}

#[tokio::test]
async fn the_calls_have_a_rate_limit_of_their_own() {
    // The inbox's limit of one at once makes six here.
    let site =
        start_with(|config| Config { rate_limit: RateLimit { burst: 1, period: Duration::from_secs(60) }, ..config })
            .await;
    for _ in 0..6 {
        assert_eq!(get(&site, "/api/places?q=bo").await.0, StatusCode::OK);
    }
    let (status, headers, body) = get(&site, "/api/places?q=bo").await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(headers.contains_key(header::RETRY_AFTER));
    assert!(body["error"].as_str().unwrap().starts_with("too many requests"));
}

#[tokio::test]
async fn without_an_index_the_server_serves_the_rest_and_says_so() {
    let site = common::start_with(true, |config| config).await;
    for path in ["/api/places?q=Leipzig", "/api/places/2879139"] {
        let (status, headers, body) = get(&site, path).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{path}");
        assert_eq!(body["error"], "place search is not available on this server: it has no places index");
        assert_eq!(headers[header::CACHE_CONTROL], "no-store");
    }
    assert_eq!(reqwest::get(format!("{}/api/health", site.base)).await.unwrap().status(), StatusCode::OK);
    assert_eq!(reqwest::get(format!("{}/", site.base)).await.unwrap().status(), StatusCode::OK);
}

#[tokio::test]
async fn a_damaged_index_is_refused_at_the_start_and_the_calls_answer_503() {
    let site = common::start_with(true, |config| {
        std::fs::create_dir_all(config.places.parent().unwrap()).unwrap();
        std::fs::write(&config.places, b"GPLACES\0not really").unwrap();
        config
    })
    .await;
    assert_eq!(get(&site, "/api/places?q=Leipzig").await.0, StatusCode::SERVICE_UNAVAILABLE);
}

#[tokio::test]
async fn the_openapi_document_describes_the_calls() {
    let site = start().await;
    let (_, _, doc) = get(&site, "/api/openapi.json").await;
    let search = &doc["paths"]["/api/places"]["get"];
    for status in ["200", "400", "429", "503"] {
        assert!(search["responses"][status].is_object(), "{status}");
    }
    let names: Vec<&str> =
        search["parameters"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["q", "limit"]);
    assert!(doc["paths"]["/api/places/{id}"]["get"]["responses"]["404"].is_object());
    assert_eq!(doc["components"]["schemas"]["PlaceKind"]["enum"], serde_json::json!(["city", "state", "country"]));
    assert!(doc["paths"]["/api/group-requests"]["post"].is_object(), "the inbox is still described");
}
