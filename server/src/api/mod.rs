//! The JSON API under `/api`.

pub mod client;
pub mod error;
pub mod extract;
pub mod group_requests;
pub mod interest;
pub mod openapi;
pub mod organiser;
pub mod rate_limit;

use std::sync::Arc;

use axum::{
    extract::State,
    http::StatusCode,
    response::IntoResponse,
    routing::{get, post},
    Json, Router,
};
use serde::Serialize;

use crate::{clock::Clock, store::Store};
use error::ApiError;
pub use rate_limit::{Limiter, RateLimit};

/// Routes under `/api`; anything else there is a JSON 404, never the app's HTML.
pub fn router(
    store: Arc<Store>,
    limit: &RateLimit,
    trusted_proxies: &[ipnet::IpNet],
    clock: Clock,
    letters: Option<crate::mail::compose::Letters>,
    min_free_disk: u64,
    sign_ups: interest::SignUps,
) -> Router {
    let inbox = group_requests::Inbox { store: store.clone(), letters: letters.clone(), clock };
    let interest = sign_ups.state;
    let organisers = organiser::OrganiserState {
        store: store.clone(),
        attempts: Default::default(),
        clock,
        clients: client::ClientKey::new(trusted_proxies),
        letters,
    };
    // Counts come one per place a visitor chooses: the places' own allowance (six times the
    // inbox's burst, 24 times as fast); sign-ups have the inbox's, in a bucket of their own
    // (`sign_ups.limit`), which the form of the pages without JavaScript shares.
    let count_limit = RateLimit { burst: limit.burst.saturating_mul(6), period: limit.period / 24 };
    // Organisers' calls: a page load makes one and each action one more, so a client gets three
    // times the inbox's allowance, coming back three times as fast; wrong keys are limited per
    // client and request besides (`organiser::attempts`).
    let organiser_limit = RateLimit { burst: limit.burst.saturating_mul(3), period: limit.period / 3 };
    let organiser_routes = Router::new()
        .route("/", post(organiser::view))
        .route("/withdraw", post(organiser::withdraw))
        .route("/erase", post(organiser::erase))
        .route("/request", post(organiser::edit_request))
        .route("/group", post(organiser::edit))
        .route("/confirm", post(organiser::confirm))
        .route("/close", post(organiser::close))
        .layer(organiser_limit.layer(trusted_proxies))
        .with_state(organisers);
    Router::new()
        .nest("/organiser", organiser_routes)
        .route("/health", get(health).with_state(Health { store: store.clone(), min_free_disk }))
        .route("/openapi.json", get(openapi::document))
        .route(
            "/group-requests",
            post(group_requests::create).with_state(inbox).layer(limit.layer(trusted_proxies)).fallback(|| async {
                let mut response =
                    ApiError::new(StatusCode::METHOD_NOT_ALLOWED, "send new-group requests with POST").into_response();
                response.headers_mut().insert(axum::http::header::ALLOW, axum::http::HeaderValue::from_static("POST"));
                response
            }),
        )
        .route(
            "/interest",
            post(interest::sign_up).with_state(interest.clone()).layer(sign_ups.limit).fallback(|| async {
                let mut response = ApiError::new(StatusCode::METHOD_NOT_ALLOWED, "sign up with POST").into_response();
                response.headers_mut().insert(axum::http::header::ALLOW, axum::http::HeaderValue::from_static("POST"));
                response
            }),
        )
        .route(
            "/interest/count",
            get(interest::count).with_state(interest).layer(count_limit.layer(trusted_proxies)).fallback(|| async {
                let mut response =
                    ApiError::new(StatusCode::METHOD_NOT_ALLOWED, "ask for the count with GET").into_response();
                response.headers_mut().insert(axum::http::header::ALLOW, axum::http::HeaderValue::from_static("GET"));
                response
            }),
        )
        .with_state(store)
        .fallback(|| async { ApiError::new(StatusCode::NOT_FOUND, "no such API route") })
}

/// What the health check needs: the store, and how much free disk is enough.
#[derive(Clone)]
pub struct Health {
    store: Arc<Store>,
    min_free_disk: u64,
}

/// The inbox's state.
#[derive(Serialize, utoipa::ToSchema)]
pub struct HealthStatus {
    /// Always `ok`.
    status: &'static str,
}

/// Whether requests can be stored now.
///
/// `{"status": "ok"}` while requests can be stored; 503 (with `Retry-After`) when the
/// database cannot be written at the moment or its disk is nearly full, so a monitor sees
/// what a visitor would meet, and a little before.
#[utoipa::path(
    get,
    path = "/api/health",
    tag = "inbox",
    responses(
        (status = 200, description = "Requests can be stored", body = HealthStatus),
        (status = 503, description = "The database cannot be written at the moment, or its disk is nearly full", body = groups_core::answer::ErrorBody,
            headers(("Retry-After" = u32, description = "Seconds to wait"))),
    )
)]
pub async fn health(State(health): State<Health>) -> Result<Json<HealthStatus>, ApiError> {
    let min_free = health.min_free_disk;
    health.store.run(move |store| store.check_writable(min_free)).await.map_err(|error| {
        tracing::error!("health: {error}");
        ApiError::unavailable("the request database cannot be written at the moment")
    })?;
    Ok(Json(HealthStatus { status: "ok" }))
}
