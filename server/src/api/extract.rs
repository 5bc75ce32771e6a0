//! What the API's handlers take from a request, each refusing with the API's own error body
//! (`{"error": …, "fields": {}}`): a JSON body of the right type, size and shape, and the
//! idempotency key.

use axum::{
    body::Body,
    extract::{FromRequest, FromRequestParts, Request},
    http::{header, request::Parts, HeaderMap, StatusCode},
};
use groups_core::{key::is_uuid, request::decode_as};
use serde::de::DeserializeOwned;

use super::error::ApiError;

/// The largest body accepted: a full request is a few kilobytes.
pub const MAX_BODY: usize = 64 * 1024;

/// A body type, with what to call it when a body is not one.
pub trait Described: DeserializeOwned {
    /// "a new-group request".
    const WHAT: &'static str;
}

impl Described for groups_core::request::GroupRequest {
    const WHAT: &'static str = "a new-group request";
}

impl Described for groups_core::organiser::AccessBody {
    const WHAT: &'static str = "an organiser's access";
}

impl Described for groups_core::organiser::EditBody {
    const WHAT: &'static str = "an organiser's edit of their group";
}

impl Described for groups_core::request_edit::RequestEditBody {
    const WHAT: &'static str = "an organiser's change to their request";
}

impl Described for groups_core::interest::SignUp {
    const WHAT: &'static str = "a sign-up for news of groups near a place";
}

/// A JSON body: `Content-Type: application/json` (415 otherwise), at most [`MAX_BODY`] (413,
/// by its declared length or while reading), arriving in time (408), and of type `T` (400
/// naming the member at fault).
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: Described> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, _: &S) -> Result<Self, ApiError> {
        let (parts, body) = request.into_parts();
        if !is_json(&parts.headers) {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "send the request as JSON, with `Content-Type: application/json`",
            ));
        }
        let declared = parts
            .headers
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        if declared.is_some_and(|n| n > MAX_BODY) {
            return Err(too_large());
        }
        let bytes = axum::body::to_bytes(Body::new(body), MAX_BODY).await.map_err(|error| unreadable(&error))?;
        decode_as::<T>(&bytes, T::WHAT).map(ApiJson).map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, e.0))
    }
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"))
}

/// Why a body could not be read: too long, too slow (the body deadline, see `serve.rs`), or
/// the connection broke.
fn unreadable(error: &axum::Error) -> ApiError {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(current) = cause {
        if current.is::<http_body_util::LengthLimitError>() {
            return too_large();
        }
        if current.is::<tower_http::timeout::TimeoutError>() {
            return ApiError::new(
                StatusCode::REQUEST_TIMEOUT,
                "the request's body took too long to arrive; send it again",
            );
        }
        cause = current.source();
    }
    ApiError::new(StatusCode::BAD_REQUEST, "the request's body could not be read")
}

fn too_large() -> ApiError {
    ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, format!("the request is larger than {} KiB", MAX_BODY / 1024))
}

/// The `Idempotency-Key` header: a UUID (lowercased), the same on every retry of one request.
pub struct IdempotencyKey(pub String);

impl<S: Send + Sync> FromRequestParts<S> for IdempotencyKey {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        parts
            .headers
            .get("idempotency-key")
            .and_then(|v| v.to_str().ok())
            .filter(|k| is_uuid(k))
            .map(|k| IdempotencyKey(k.to_ascii_lowercase()))
            .ok_or_else(|| {
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "send an `Idempotency-Key` header holding a UUID, the same on every retry",
                )
            })
    }
}
