//! The API's one error shape, `{"code": "...", "error": "...", "fields": {"name": "message"},
//! "problems": {"name": {"code": "..."}}}` ([`ErrorBody`], shared with the form), with the
//! status it is sent with.

use axum::{
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use groups_core::{
    answer::{ErrorBody, ErrorCode},
    problem::Problem,
};

use crate::store::StoreError;

/// An error answer: a status, a sentence for people, and messages per field (maybe none).
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub body: ErrorBody,
    /// Seconds to wait before trying again (`Retry-After`), for a passing condition.
    pub retry_after: Option<u32>,
}

/// How long a client should wait when the database is busy or cannot be written.
pub const UNAVAILABLE_RETRY_AFTER: u32 = 5;

impl ApiError {
    /// An error of the kind its status says ([`ErrorCode::for_status`]).
    pub fn new(status: StatusCode, error: impl Into<String>) -> Self {
        let body = ErrorBody {
            code: ErrorCode::for_status(status.as_u16()),
            error: error.into(),
            fields: Default::default(),
            problems: Default::default(),
        };
        Self { status, body, retry_after: None }
    }

    /// The same error, of another kind than its status says.
    pub fn with_code(mut self, code: ErrorCode) -> Self {
        self.body.code = code;
        self
    }

    /// 422 with a message per field at fault, keyed by the body's paths (`group.name`): the
    /// rules of `groups_core` broken.
    pub fn fields(errors: groups_core::validate::FieldErrors) -> Self {
        Self::problems(errors.0.into_iter().map(|(field, problem)| (field.path(), problem)))
    }

    /// 422 with each field's problem keyed by its path: said in English in `fields`, and as
    /// its code and values in `problems` for clients that say it in their visitor's language.
    pub fn problems(problems: impl IntoIterator<Item = (String, Problem)>) -> Self {
        let mut error = Self::new(StatusCode::UNPROCESSABLE_ENTITY, "some fields need attention");
        for (path, problem) in problems {
            error.body.fields.insert(path.clone(), problem.english());
            error.body.problems.insert(path, problem);
        }
        error
    }

    /// 503 with `Retry-After`: the service cannot answer now and will soon.
    pub fn unavailable(error: impl Into<String>) -> Self {
        Self { retry_after: Some(UNAVAILABLE_RETRY_AFTER), ..Self::new(StatusCode::SERVICE_UNAVAILABLE, error) }
    }
}

/// The one mapping of the store's failures: a database that is busy, full or read-only is a
/// passing condition (503 with the wait the form honours); anything else is the server's fault
/// (500). Either way nothing was saved, and the log says why.
impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> ApiError {
        tracing::error!("{error}");
        if error.is_unavailable() {
            ApiError::unavailable(
                "the database cannot be written at the moment; nothing was saved, please try again shortly",
            )
        } else {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the server could not do this; nothing was saved, please try again later",
            )
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let code = self.body.code;
        let mut response = (self.status, Json(self.body)).into_response();
        // For the metrics: why a request was refused (`ops::metrics`).
        response.extensions_mut().insert(code);
        if let Some(seconds) = self.retry_after {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

/// The answers every JSON call may get before its handler runs: what [`super::extract::ApiJson`]
/// refuses, and a database that cannot be written. Each call's own answers are listed beside.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)] // Only its description of the answers is used.
pub enum BodyErrors {
    /// Not JSON, not of this shape (the member at fault is named), or a required header missing
    #[response(status = 400)]
    BadRequest(ErrorBody),
    /// The body took too long to arrive
    #[response(status = 408)]
    Timeout(ErrorBody),
    /// The body is over 64 KiB
    #[response(status = 413)]
    TooLarge(ErrorBody),
    /// The body is not sent as application/json
    #[response(status = 415)]
    NotJson(ErrorBody),
    /// Too many calls from this client (or, for an organiser's link, too many wrong keys)
    #[response(status = 429, headers(("Retry-After" = u32, description = "Seconds to wait")))]
    TooMany(ErrorBody),
    /// The database is busy, full or read-only; nothing was changed
    #[response(status = 503, headers(("Retry-After" = u32, description = "Seconds to wait")))]
    Unavailable(ErrorBody),
}
