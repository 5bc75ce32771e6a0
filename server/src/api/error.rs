//! The API's one error shape, `{"error": "...", "fields": {"name": "message"}}`
//! ([`ErrorBody`], shared with the form), with the status it is sent with.

use axum::{
    http::StatusCode,
    response::{IntoResponse, Response},
    Json,
};
use groups_core::answer::ErrorBody;

/// An error answer: a status, a sentence for people, and messages per field (maybe none).
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub body: ErrorBody,
}

impl ApiError {
    pub fn new(status: StatusCode, error: impl Into<String>) -> Self {
        Self { status, body: ErrorBody { error: error.into(), fields: Default::default() } }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(self.body)).into_response()
    }
}
