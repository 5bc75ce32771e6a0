//! The per-client rate limit on new-group requests (tower_governor, keyed by the client as
//! [`super::client`] tells it), answering 429 in the API's JSON error shape with
//! `Retry-After`.

use std::{sync::Arc, time::Duration};

use axum::{body::Body, http::StatusCode, response::IntoResponse};
use governor::middleware::NoOpMiddleware;
use ipnet::IpNet;
use tower_governor::{governor::GovernorConfigBuilder, GovernorError, GovernorLayer};

use super::{client::ClientKey, error::ApiError};

/// How many requests one client may send at once, and how fast that allowance comes back.
#[derive(Clone, Debug)]
pub struct RateLimit {
    pub burst: u32,
    pub period: Duration,
}

impl Default for RateLimit {
    /// Ten at once, then one every six seconds: far above a person's retries, far below a
    /// flood. Behind a reverse proxy, name it with `--trusted-proxy` so that clients are told
    /// apart by `X-Forwarded-For` rather than all sharing the proxy's address.
    fn default() -> Self {
        RateLimit { burst: 10, period: Duration::from_secs(6) }
    }
}

/// A rate limit's layer: one bucket per client, shared by every route it is put on.
pub type Limiter = GovernorLayer<ClientKey, NoOpMiddleware, Body>;

impl RateLimit {
    pub fn layer(&self, trusted_proxies: &[IpNet]) -> Limiter {
        let config = Arc::new(
            GovernorConfigBuilder::default()
                .key_extractor(ClientKey::new(trusted_proxies))
                .period(self.period)
                .burst_size(self.burst.max(1))
                .finish()
                .expect("a positive period and burst"),
        );
        // Forget clients that have been quiet, so the table does not grow for ever; the thread
        // ends with the server's last reference to the limiter.
        let weak = Arc::downgrade(&config);
        std::thread::spawn(move || loop {
            std::thread::sleep(Duration::from_secs(60));
            match weak.upgrade() {
                Some(config) => config.limiter().retain_recent(),
                None => break,
            }
        });
        GovernorLayer::new(config).error_handler(too_many)
    }
}

fn too_many(error: GovernorError) -> axum::response::Response {
    match error {
        GovernorError::TooManyRequests { wait_time, headers } => {
            let mut response = ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                format!("too many requests from this address: try again in {} s", wait_time.max(1)),
            )
            .into_response();
            if let Some(headers) = headers {
                response.headers_mut().extend(headers);
            }
            response.extensions_mut().insert(crate::ops::metrics::RateLimiterRefused);
            response
        }
        GovernorError::UnableToExtractKey => {
            ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "cannot tell who is asking").into_response()
        }
        GovernorError::Other { code, msg, .. } => {
            ApiError::new(code, msg.unwrap_or_else(|| "request refused".into())).into_response()
        }
    }
}
