//! Metrics in Prometheus' text format (OpenMetrics), served on an address of their own
//! (`--metrics-addr`, loopback by default) so that the public site never shows them. Counters
//! move as the server answers (HTTP answers by route template and status, with their
//! latency; the inbox's requests received and refused; organisers' wrong keys and lock-outs;
//! the rate limiter's refusals); everything else is read from the database at each scrape (the
//! directory, the feeds, the meetings, the outbox, the disk). No label holds anything a person
//! typed or anything personal: routes are templates (`/groups/{slug}/meetings.ics`, or `page`,
//! `asset` and `file` for the site's files), never the path asked for; a feed is named by its
//! group's slug, which the directory publishes.

use std::{
    sync::{Arc, LazyLock},
    time::Instant,
};

use axum::{
    extract::{MatchedPath, Request, State},
    http::{header, HeaderValue, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use groups_core::answer::ErrorCode;
use prometheus_client::{
    encoding::{
        text::{encode_eof, encode_registry},
        EncodeLabelSet,
    },
    metrics::{
        counter::Counter,
        family::Family,
        gauge::Gauge,
        histogram::{exponential_buckets, Histogram},
    },
    registry::{Registry, Unit},
};

use crate::{clock::Clock, live_directory::LiveDirectory, store::Store};

/// The media type of what `/metrics` sends.
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Answer {
    route: String,
    method: String,
    status: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Route {
    route: String,
    method: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Reason {
    reason: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Feed {
    slug: String,
}

/// The process's counters, which only ever go up while it runs.
struct Counters {
    registry: Registry,
    answers: Family<Answer, Counter>,
    latency: Family<Route, Histogram>,
    received: Counter,
    refused: Family<Reason, Counter>,
    rate_limited: Family<Route, Counter>,
    key_failures: Counter,
    lockouts: Counter,
}

fn latency_histogram() -> Histogram {
    // 0.5 ms to about 8 s: a file from memory to a request that waited for the database.
    Histogram::new(exponential_buckets(0.0005, 2.0, 15))
}

static COUNTERS: LazyLock<Counters> = LazyLock::new(|| {
    let mut registry = Registry::with_prefix("groups");
    let answers = Family::<Answer, Counter>::default();
    registry.register("http_answers", "HTTP answers by route template, method and status", answers.clone());
    let latency = Family::<Route, Histogram>::new_with_constructor(latency_histogram as fn() -> Histogram);
    registry.register_with_unit(
        "http_answer_duration",
        "Time from a request's headers to its answer, by route template",
        Unit::Seconds,
        latency.clone(),
    );
    let received = Counter::default();
    registry.register("inbox_received", "New-group requests answered 201", received.clone());
    let refused = Family::<Reason, Counter>::default();
    registry.register("inbox_refused", "New-group requests refused, by the answer's error code", refused.clone());
    let rate_limited = Family::<Route, Counter>::default();
    registry.register("rate_limited", "Requests the per-client rate limit refused (429)", rate_limited.clone());
    let key_failures = Counter::default();
    registry.register(
        "organiser_key_failures",
        "Organisers' private links tried with a wrong key",
        key_failures.clone(),
    );
    let lockouts = Counter::default();
    registry.register(
        "organiser_lockouts",
        "Organisers' links refused because the client sent too many wrong keys",
        lockouts.clone(),
    );
    Counters { registry, answers, latency, received, refused, rate_limited, key_failures, lockouts }
});

/// Marks an answer as the rate limiter's refusal (set by `api::rate_limit`).
#[derive(Clone, Copy, Debug)]
pub struct RateLimiterRefused;

/// A wrong key was sent for an organiser's link.
pub fn organiser_key_failed() {
    COUNTERS.key_failures.inc();
}

/// An organiser's link was refused because its client is locked out.
pub fn organiser_locked_out() {
    COUNTERS.lockouts.inc();
}

/// The route's template, never the path asked for: the router's matched route, else what the
/// site's fallback serves (a page, a hashed asset, another file).
fn route_of(request: &Request) -> String {
    if let Some(matched) = request.extensions().get::<MatchedPath>() {
        return matched.as_str().to_owned();
    }
    let path = request.uri().path();
    let kind = if path.starts_with("/api/") {
        "/api/*"
    } else if groups_core::routes::is_page_address(path) {
        "page"
    } else if crate::cache::is_hashed_asset(path) {
        "asset"
    } else {
        "file"
    };
    kind.to_owned()
}

/// Middleware that counts every answer by route and status and times it.
pub async fn track(request: Request, next: Next) -> Response {
    let route = Route { route: route_of(&request), method: request.method().as_str().to_owned() };
    let started = Instant::now();
    let response = next.run(request).await;
    let counters = &*COUNTERS;
    counters.latency.get_or_create(&route).observe(started.elapsed().as_secs_f64());
    let status = response.status();
    if route.route == "/api/group-requests" && route.method == "POST" {
        if status == StatusCode::CREATED {
            counters.received.inc();
        } else if let Some(code) = response.extensions().get::<ErrorCode>() {
            counters.refused.get_or_create(&Reason { reason: code.slug().to_owned() }).inc();
        } else if status.is_client_error() || status.is_server_error() {
            counters.refused.get_or_create(&Reason { reason: format!("status-{}", status.as_u16()) }).inc();
        }
    }
    if response.extensions().get::<RateLimiterRefused>().is_some() {
        counters.rate_limited.get_or_create(&route).inc();
    }
    let answer = Answer { route: route.route, method: route.method, status: status.as_u16().to_string() };
    counters.answers.get_or_create(&answer).inc();
    response
}

/// What a scrape reads besides the counters.
#[derive(Clone)]
pub struct Scrape {
    pub store: Arc<Store>,
    pub directory: LiveDirectory,
    pub clock: Clock,
}

/// The metrics service: `GET /metrics`, nothing else.
pub fn router(scrape: Scrape) -> Router {
    Router::new().route("/metrics", get(metrics)).with_state(scrape)
}

async fn metrics(State(scrape): State<Scrape>) -> Response {
    match render(&scrape).await {
        Ok(text) => ([(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE))], text).into_response(),
        Err(error) => {
            tracing::error!("metrics: {error}");
            (StatusCode::INTERNAL_SERVER_ERROR, "the metrics could not be read\n").into_response()
        }
    }
}

/// The whole exposition: the counters, then what is read now.
pub async fn render(scrape: &Scrape) -> Result<String, crate::store::StoreError> {
    let now = scrape.clock.now();
    let (feeds, outbox, held) = scrape
        .store
        .run(move |store| Ok((store.feed_states()?, store.outbox_stats()?, store.meetings_held(now)?)))
        .await?;
    let mut registry = Registry::with_prefix("groups");
    let gauge = |registry: &mut Registry, name: &str, help: &str, unit: Option<Unit>, value: i64| {
        let gauge = Gauge::<i64>::default();
        gauge.set(value);
        match unit {
            Some(unit) => registry.register_with_unit(name, help, unit, gauge),
            None => registry.register(name, help, gauge),
        }
    };
    let published = scrape.directory.published();
    gauge(&mut registry, "directory_revision", "The published directory's revision", None, published.revision);
    gauge(
        &mut registry,
        "directory_groups",
        "Groups listed in the published directory",
        None,
        published.groups.len() as i64,
    );
    gauge(&mut registry, "meetings_held", "Meetings the feeds hold that have started (not cancelled)", None, held);
    gauge(&mut registry, "outbox_queued", "Mail waiting to be sent", None, outbox.queued);
    gauge(
        &mut registry,
        "outbox_failed",
        "Mail that failed for good, waiting for staff (`mail retry`)",
        None,
        outbox.failed,
    );
    let oldest = outbox.oldest_queued.map_or(0, |at| (now.unix() - at.unix()).max(0));
    gauge(
        &mut registry,
        "outbox_oldest_queued_age",
        "Age of the oldest mail still waiting (0: none waits)",
        Some(Unit::Seconds),
        oldest,
    );
    if let Some(free) = crate::store::free_space(scrape.store.path()) {
        let free = i64::try_from(free).unwrap_or(i64::MAX);
        gauge(
            &mut registry,
            "database_disk_free",
            "Free space on the disk holding the database",
            Some(Unit::Bytes),
            free,
        );
    }
    if let Ok(meta) = std::fs::metadata(scrape.store.path()) {
        let size = i64::try_from(meta.len()).unwrap_or(i64::MAX);
        gauge(&mut registry, "database_size", "The database file's size (without its WAL)", Some(Unit::Bytes), size);
    }
    let age = Family::<Feed, Gauge>::default();
    let errors = Family::<Feed, Gauge>::default();
    for feed in &feeds {
        let label = Feed { slug: feed.slug.clone() };
        errors.get_or_create(&label).set(i64::from(feed.failures));
        if let Some(at) = feed.succeeded_at {
            age.get_or_create(&label).set((now.unix() - at.unix()).max(0));
        }
    }
    registry.register_with_unit(
        "feed_last_success_age",
        "Time since each group's feed was last fetched and read (absent: never)",
        Unit::Seconds,
        age,
    );
    registry.register("feed_errors", "Failed fetches of each group's feed since its last success", errors);
    let mut text = String::new();
    let encoded = encode_registry(&mut text, &COUNTERS.registry)
        .and_then(|()| encode_registry(&mut text, &registry))
        .and_then(|()| encode_eof(&mut text));
    encoded.expect("writing to a String does not fail");
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(path: &str) -> Request {
        Request::builder().uri(path).body(axum::body::Body::empty()).unwrap()
    }

    #[test]
    fn routes_are_templates_or_kinds_never_the_path() {
        assert_eq!(route_of(&request("/groups/berlin")), "page");
        assert_eq!(route_of(&request("/groups-portal-0123456789abcdef.js")), "asset");
        assert_eq!(route_of(&request("/favicon.svg")), "file");
        assert_eq!(route_of(&request("/api/ada@example.org")), "/api/*");
        assert_eq!(route_of(&request("/ada@example.org")), "file");
    }
}
