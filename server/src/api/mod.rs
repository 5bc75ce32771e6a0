//! The JSON API under `/api`.

pub mod error;
pub mod group_requests;
pub mod rate_limit;

use std::sync::Arc;

use axum::{
    http::StatusCode,
    routing::{get, post},
    Json, Router,
};
use serde::Serialize;

use crate::store::Store;
use error::ApiError;
pub use rate_limit::RateLimit;

/// Routes under `/api`; anything else there is a JSON 404, never the app's HTML.
pub fn router(store: Arc<Store>, limit: &RateLimit) -> Router {
    Router::new()
        .route("/health", get(health))
        .route(
            "/group-requests",
            post(group_requests::create).layer(limit.layer()).fallback(|| async {
                ApiError::new(StatusCode::METHOD_NOT_ALLOWED, "send new-group requests with POST")
            }),
        )
        .with_state(store)
        .fallback(|| async { ApiError::new(StatusCode::NOT_FOUND, "no such API route") })
}

#[derive(Serialize)]
struct Health {
    status: &'static str,
}

async fn health() -> Json<Health> {
    Json(Health { status: "ok" })
}
