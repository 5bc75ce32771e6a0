//! `GET /api/places?q=…` and `GET /api/places/{id}`: the gazetteer (`groups-places`) searched
//! as the visitor types, and a place read back from the id in the directory's address.
//!
//! The index is read once at the start (`--places`, by default `<dist>/_places/places.idx`,
//! which the release build makes). Without one the server still serves everything else and
//! answers these calls 503, saying why. What a visitor types reaches only this server and is
//! never logged: nothing here writes a query anywhere. Answers depend only on the query and
//! the index, so they may be kept a day by the browser and shared caches; the calls share a
//! per-client rate limit of their own, higher than the inbox's, since one comes per keystroke.

use std::{path::Path, sync::Arc};

use axum::{
    extract::{Path as UrlPath, RawQuery, State},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    routing::get,
    Json, Router,
};
use groups_core::{answer::ErrorBody, places::Place};
use groups_places::{search::MAX_LIMIT, Index, PlaceId};
use ipnet::IpNet;
use serde::Deserialize;

use crate::api::{error::ApiError, RateLimit};

/// The longest query answered, in characters: the longest name in the index is 57, and a
/// country or state after a comma adds as many again.
pub const MAX_QUERY_CHARS: usize = 200;
/// Places in an answer when the call does not say.
pub const DEFAULT_LIMIT: usize = 10;
/// How long an answer may be kept: it changes only when a new index is deployed, and a place's
/// id never changes.
const CACHE_CONTROL: &str = "public, max-age=86400";

/// The index, if the server has one.
#[derive(Clone)]
pub struct Places {
    index: Option<Arc<Index>>,
}

impl Places {
    /// Reads the index at `path`; a missing or unusable one is logged once, with the reason,
    /// and the calls answer 503.
    pub fn open(path: &Path) -> Places {
        match Index::load(path) {
            Ok(index) => {
                let stats = index.stats();
                tracing::info!(
                    names = stats.names,
                    places = stats.cities + stats.states + stats.countries,
                    "places index read from {}",
                    path.display()
                );
                Places { index: Some(Arc::new(index)) }
            }
            Err(error) => {
                tracing::warn!("no place search: {}: {error} (`cargo xtask places` makes the index)", path.display());
                Places { index: None }
            }
        }
    }

    /// The index, when there is one (for the directory's form without JavaScript).
    pub fn index(&self) -> Option<&Index> {
        self.index.as_deref()
    }

    /// The index, or the 503 that says there is none (the reason is in the server's log).
    fn ready(&self) -> Result<&Index, ApiError> {
        self.index().ok_or_else(|| {
            ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "place search is not available on this server: it has no places index",
            )
        })
    }
}

/// The routes under `/api/places`, with their rate limit: six times the inbox's burst, coming
/// back 24 times as fast (60 at once, then four a second by default).
pub fn router(places: Places, limit: &RateLimit, trusted_proxies: &[IpNet]) -> Router {
    let limit = RateLimit { burst: limit.burst.saturating_mul(6), period: limit.period / 24 };
    let only_get = || async {
        let mut response = ApiError::new(StatusCode::METHOD_NOT_ALLOWED, "ask for places with GET").into_response();
        response.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET"));
        response
    };
    Router::new()
        .route("/", get(search).fallback(only_get))
        .route("/{id}", get(one).fallback(only_get))
        .layer(limit.layer(trusted_proxies))
        .with_state(places)
}

/// The query string's parameters (read by hand, so every mistake gets the API's JSON error).
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // Only its description of the parameters is used.
pub struct SearchParams {
    /// What the visitor typed: a town, country, US state or Canadian province, by any of its
    /// names, begun or with typos, optionally followed by a comma and a country or state
    /// ("Boston, MA"). Fewer than two letters find nothing; at most 200 characters, no control
    /// characters.
    #[param(max_length = 200, pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]*$")]
    q: Option<String>,
    /// How many places at most (1 to 50; 10 when not given).
    #[param(minimum = 1, maximum = 50)]
    limit: Option<u32>,
}

/// Places a visitor may mean, best first.
///
/// Case and accents do not matter ("munchen" finds München); a name may be begun (from two
/// letters) or mistyped (one typo from four letters, two from eight); "City, Country" and
/// "City, State" narrow it ("Portland, Maine"). Namesakes come most populous first, each with
/// its country and, in the US and Canada, its state or province. The query is not logged.
#[utoipa::path(
    get,
    path = "/api/places",
    tag = "places",
    params(SearchParams),
    responses(
        (status = 200, description = "The places, best first (none for fewer than two letters)", body = Vec<Place>,
            headers(("Cache-Control" = String, description = "public, max-age=86400"))),
        (status = 400, description = "The query is too long or has control characters, or the limit is not 1 to 50 (fields name which)", body = ErrorBody),
        (status = 429, description = "Too many calls from this client", body = ErrorBody,
            headers(("Retry-After" = u32, description = "Seconds to wait"))),
        (status = 503, description = "This server has no places index", body = ErrorBody),
    )
)]
pub async fn search(State(places): State<Places>, RawQuery(query): RawQuery) -> Result<Response, ApiError> {
    let (text, limit) = read_query(query.as_deref().unwrap_or_default())?;
    let index = places.ready()?;
    Ok(cacheable(index.search(&text, limit)))
}

/// One place, by the id a search gave.
#[utoipa::path(
    get,
    path = "/api/places/{id}",
    tag = "places",
    params(("id" = String, Path, description = "A town's GeoNames id (`2950159`), `country:HU`, or `state:US-MA`")),
    responses(
        (status = 200, description = "The place", body = Place,
            headers(("Cache-Control" = String, description = "public, max-age=86400"))),
        (status = 404, description = "No place has this id", body = ErrorBody),
        (status = 429, description = "Too many calls from this client", body = ErrorBody,
            headers(("Retry-After" = u32, description = "Seconds to wait"))),
        (status = 503, description = "This server has no places index", body = ErrorBody),
    )
)]
pub async fn one(State(places): State<Places>, UrlPath(id): UrlPath<String>) -> Result<Response, ApiError> {
    let index = places.ready()?;
    let place = id.parse::<PlaceId>().ok().and_then(|id| index.get(id));
    match place {
        Some(place) => Ok(cacheable(place)),
        None => Err(ApiError::new(StatusCode::NOT_FOUND, "no place has this id")),
    }
}

/// `q` and `limit` from a query string, checked.
fn read_query(query: &str) -> Result<(String, usize), ApiError> {
    let (mut text, mut limit) = (None, None);
    for (name, value) in url::form_urlencoded::parse(query.as_bytes()) {
        match &*name {
            "q" if text.is_none() => text = Some(value.into_owned()),
            "limit" if limit.is_none() => limit = Some(value.into_owned()),
            _ => {}
        }
    }
    let text = text.unwrap_or_default();
    let refuse = |field: &str, error: &str, message: &str| {
        let mut refused = ApiError::new(StatusCode::BAD_REQUEST, error);
        refused.body.fields.insert(field.to_owned(), message.to_owned());
        refused
    };
    if text.chars().count() > MAX_QUERY_CHARS {
        return Err(refuse("q", "the query is too long", "at most 200 characters"));
    }
    if text.chars().any(char::is_control) {
        return Err(refuse("q", "the query has control characters", "letters, digits, spaces and punctuation only"));
    }
    let limit = match limit {
        None => DEFAULT_LIMIT,
        Some(limit) => match limit.trim().parse::<usize>() {
            Ok(limit @ 1..=MAX_LIMIT) => limit,
            _ => return Err(refuse("limit", "the limit is not a number from 1 to 50", "a number from 1 to 50")),
        },
    };
    Ok((text, limit))
}

/// JSON that any cache may keep for a day (the middleware that sets `Cache-Control` leaves a
/// handler's own).
fn cacheable(body: impl serde::Serialize) -> Response {
    let mut response = Json(body).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(CACHE_CONTROL));
    response
}

/// The part of `/api/openapi.json` these calls add.
#[derive(utoipa::OpenApi)]
#[openapi(
    paths(search, one),
    components(schemas(Place, groups_core::places::PlaceKind)),
    tags((name = "places", description = "Towns, countries, US states and Canadian provinces by name (GeoNames' data, CC BY 4.0)"))
)]
pub struct PlacesDoc;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_string_is_read_and_checked() {
        assert_eq!(read_query("q=Boston%2C+MA&limit=3").unwrap(), ("Boston, MA".to_owned(), 3));
        assert_eq!(read_query("").unwrap(), (String::new(), DEFAULT_LIMIT));
        assert_eq!(read_query("q=a&q=b&other=1").unwrap().0, "a", "the first q counts");
        assert_eq!(read_query("q=%F0%9F").unwrap().0, "\u{fffd}", "bad UTF-8 is replaced, not refused");
        let error = read_query("q=a%00b").unwrap_err();
        assert_eq!((error.status, error.body.fields.contains_key("q")), (StatusCode::BAD_REQUEST, true));
        assert!(read_query(&format!("q={}", "a".repeat(201))).is_err());
        assert!(read_query(&format!("q={}", "ü".repeat(200))).is_ok(), "characters are counted, not bytes");
        for limit in ["0", "51", "-1", "x", "1e3", ""] {
            let error = read_query(&format!("q=a&limit={limit}")).unwrap_err();
            assert!(error.body.fields.contains_key("limit"), "{limit}");
        }
    }
}
