//! The browser's side of `POST /api/group-requests` (gloo-net): one attempt with a timeout,
//! a pause between attempts (gloo-timers) and fresh idempotency keys. What to make of an
//! attempt is `retry_policy`'s business. The sign-up for news of groups near a place
//! (`crate::interest`) sends through [`post_json`] too.

use std::{cell::Cell, rc::Rc};

use gloo_net::http::Request;
use gloo_timers::{callback::Timeout, future::TimeoutFuture};
use web_sys::{AbortController, RequestCache};

use super::retry_policy::{Attempt, TIMEOUT_MS};

pub const URL: &str = "/api/group-requests";

/// Sends `body` once under `key`, giving up after [`TIMEOUT_MS`].
pub async fn post(body: String, key: &str) -> Attempt {
    post_json(URL, body, Some(key)).await
}

/// Sends the JSON `body` to `url` once (under the idempotency `key`, if any), giving up after
/// [`TIMEOUT_MS`].
pub async fn post_json(url: &str, body: String, key: Option<&str>) -> Attempt {
    let controller = AbortController::new().ok();
    let timed_out = Rc::new(Cell::new(false));
    // The timer covers the whole exchange, body included: a server that sends its headers and
    // then stalls is as stuck as one that never answers. Dropping it (at the end of this
    // function) cancels it.
    let _timer = {
        let (timed_out, controller) = (timed_out.clone(), controller.clone());
        Timeout::new(TIMEOUT_MS, move || {
            timed_out.set(true);
            if let Some(controller) = controller {
                controller.abort();
            }
        })
    };
    let mut request = Request::post(url).header("Content-Type", "application/json");
    if let Some(key) = key {
        request = request.header("Idempotency-Key", key);
    }
    let request =
        request.cache(RequestCache::NoStore).abort_signal(controller.as_ref().map(|c| c.signal()).as_ref()).body(body);
    let outcome = async {
        let response = request.ok()?.send().await.ok()?;
        let retry_after = response.headers().get("Retry-After");
        let body = response.text().await.ok()?;
        Some(Attempt::Answered { status: response.status(), retry_after, body })
    }
    .await;
    outcome.unwrap_or_else(|| if timed_out.get() { Attempt::Timeout } else { Attempt::Network })
}

/// Waits `ms` milliseconds without blocking the page.
pub async fn sleep(ms: u32) {
    TimeoutFuture::new(ms).await;
}

/// A new idempotency key: the browser's `crypto.randomUUID()`, random from its
/// cryptographic generator.
pub fn new_key() -> String {
    web_sys::window().and_then(|w| w.crypto().ok()).map(|crypto| crypto.random_uuid()).unwrap_or_default()
}
