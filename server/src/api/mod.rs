//! The JSON API under `/api`.

pub mod error;

use axum::{http::StatusCode, routing::get, Json, Router};
use serde::Serialize;

use error::ApiError;

/// Routes under `/api`; anything else there is a JSON 404, never the app's HTML.
pub fn router() -> Router {
    Router::new()
        .route("/health", get(health))
        .fallback(|| async { ApiError::new(StatusCode::NOT_FOUND, "no such API route") })
}

#[derive(Serialize)]
struct Health {
    status: &'static str,
}

async fn health() -> Json<Health> {
    Json(Health { status: "ok" })
}
