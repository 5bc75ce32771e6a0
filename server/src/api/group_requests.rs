//! `POST /api/group-requests`: receives a new-group request, checks it with the same rules as
//! the form (`groups_core::validate`), and stores it once per idempotency key before answering.

use std::sync::Arc;

use axum::{
    body::Body,
    extract::State,
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use groups_core::{
    answer::{Created, ErrorBody, RequestStatus},
    key::is_uuid,
    request::{decode, GroupRequest},
    validate::validate,
};
use sha2::{Digest, Sha256};

use super::error::ApiError;
use crate::{
    clock,
    store::{NewRequest, Outcome, Store, StoreError},
};

/// The largest body accepted: a full request is a few kilobytes.
pub const MAX_BODY: usize = 64 * 1024;

/// Receives a request to start a user group.
///
/// The body is checked with the same rules as the form; a stored request's retry (the same
/// `Idempotency-Key` and body) is answered with its reference before anything else.
#[utoipa::path(
    post,
    path = "/api/group-requests",
    tag = "inbox",
    params(("Idempotency-Key" = String, Header, format = Uuid,
        description = "A UUID made when the request is first written and sent with every retry of it")),
    request_body(content = GroupRequest, content_type = "application/json"),
    responses(
        (status = 201, description = "Stored (or stored before under this key with this body)", body = Created),
        (status = 400, description = "Not JSON, not a request, or no valid Idempotency-Key", body = ErrorBody),
        (status = 408, description = "The body took too long to arrive", body = ErrorBody),
        (status = 413, description = "The body is over 64 KiB", body = ErrorBody),
        (status = 415, description = "The body is not sent as application/json", body = ErrorBody),
        (status = 422, description = "A rule is broken (fields name the members at fault), or the key was used for another body", body = ErrorBody),
        (status = 429, description = "Too many requests from this client", body = ErrorBody,
            headers(("Retry-After" = u32, description = "Seconds to wait"))),
        (status = 503, description = "The database is busy, full or read-only; nothing was stored", body = ErrorBody,
            headers(("Retry-After" = u32, description = "Seconds to wait"))),
    )
)]
pub async fn create(State(store): State<Arc<Store>>, headers: HeaderMap, body: Body) -> Response {
    match receive(store, &headers, body).await {
        Ok(id) => (StatusCode::CREATED, Json(Created { id, status: RequestStatus::Pending })).into_response(),
        Err(error) => error.into_response(),
    }
}

async fn receive(store: Arc<Store>, headers: &HeaderMap, body: Body) -> Result<String, ApiError> {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"));
    if !is_json {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send the request as JSON, with `Content-Type: application/json`",
        ));
    }
    let declared =
        headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_BODY) {
        return Err(too_large());
    }
    let bytes = axum::body::to_bytes(body, MAX_BODY).await.map_err(|error| unreadable(&error))?;

    let request = decode(&bytes).map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, e.0))?;
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .filter(|k| is_uuid(k))
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "send an `Idempotency-Key` header holding a UUID, the same on every retry",
            )
        })?
        .to_ascii_lowercase();

    let request = request.normalized();
    let body_sha256 =
        hex(&Sha256::digest(serde_json::to_string(&request).expect("a request is plain data").as_bytes()));

    // A retry of a stored request is answered with its id before anything else is checked:
    // the rules or the privacy policy may have changed since it was stored.
    let lookup = {
        let (store, key) = (store.clone(), key.clone());
        tokio::task::spawn_blocking(move || store.find_key(&key)).await.map_err(|_| internal())?.map_err(store_error)?
    };
    match lookup {
        Some((id, hash)) if hash == body_sha256 => return Ok(id),
        Some(_) => return Err(key_reused()),
        None => {}
    }

    if let Err(errors) = validate(&request, crate::terms::TERMS) {
        let mut error = ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "some fields need attention");
        error.body.fields = errors.0.into_iter().map(|(field, message)| (field.path(), message)).collect();
        return Err(error);
    }
    if !request.website.is_empty() {
        // The honeypot was filled: answer as if stored, so the bot learns nothing.
        return Ok(reference_number());
    }
    let consent = request.consent.clone().expect("validation requires consent");
    let record = NewRequest {
        id: reference_number(),
        received_at: clock::now(),
        idempotency_key: key,
        body_sha256,
        request_json: serde_json::to_string(&GroupRequest { consent: None, ..request })
            .expect("a request is plain data"),
        consent_version: consent.privacy_policy_version,
        consent_text_sha256: consent.text_sha256,
    };
    let stored = tokio::task::spawn_blocking(move || store.insert(&record, reference_number))
        .await
        .map_err(|_| internal())?
        .map_err(store_error)?;
    match stored {
        Outcome::Created(id) | Outcome::Replayed(id) => Ok(id),
        Outcome::KeyReused => Err(key_reused()),
    }
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

fn key_reused() -> ApiError {
    ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "this Idempotency-Key was already used for a different request: make a new key for a new request",
    )
}

/// A database that is busy, full or read-only is a passing condition: 503 with the wait the
/// form honours; anything else is the server's fault.
fn store_error(error: StoreError) -> ApiError {
    eprintln!("groups-server: {error}");
    if error.is_unavailable() {
        ApiError::unavailable(
            "the inbox cannot store requests at the moment; nothing was saved, please try again shortly",
        )
    } else {
        internal()
    }
}

fn internal() -> ApiError {
    ApiError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "the request could not be stored; nothing was saved, please try again later",
    )
}

/// A reference number people can read out: `GR-` and eight characters of Crockford's base 32
/// (no I, L, O or U), 40 random bits.
pub fn reference_number() -> String {
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let random = uuid::Uuid::new_v4().as_u128();
    let chars: String = (0..8).map(|i| ALPHABET[((random >> (i * 5)) & 31) as usize] as char).collect();
    format!("GR-{}-{}", &chars[..4], &chars[4..])
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_numbers_are_readable_and_distinct() {
        let a = reference_number();
        assert_eq!(a.len(), 12, "{a}");
        assert!(a.starts_with("GR-") && a.as_bytes()[7] == b'-');
        assert!(!a.contains(['I', 'L', 'O', 'U']));
        assert_ne!(a, reference_number());
    }
}
