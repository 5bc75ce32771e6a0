//! Following one request through the log: every HTTP request runs in a span `http` with a
//! number of its own, its method and the route it matched (the route's template, never the
//! address as sent, which may carry what a visitor typed), so the store's calls, the mail it
//! queues and any error it logs name the request they belong to. The spans carry nothing
//! personal: no address, no body, no key.

use std::sync::atomic::{AtomicU64, Ordering};

use axum::{
    extract::{MatchedPath, Request},
    middleware::Next,
    response::Response,
};
use tracing::Instrument;

/// Numbers requests from 1 in the order they arrive, for this run of the server.
static NEXT: AtomicU64 = AtomicU64::new(1);

/// Middleware: runs the rest of the request inside its span.
pub async fn span_per_request(request: Request, next: Next) -> Response {
    let route = request.extensions().get::<MatchedPath>().map_or("(files)", |p| p.as_str()).to_owned();
    let span = tracing::info_span!(
        "http",
        id = NEXT.fetch_add(1, Ordering::Relaxed),
        method = %request.method(),
        route = %route,
    );
    next.run(request).instrument(span).await
}
