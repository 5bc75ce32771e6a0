//! The browser's side of `POST /api/group-requests`: one attempt with a timeout, a pause
//! between attempts, and fresh idempotency keys. What to make of an attempt is `sending.rs`.

use std::{cell::Cell, rc::Rc};

use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::{
    data::to_json,
    sending::{Attempt, TIMEOUT_MS},
};

pub const URL: &str = "/api/group-requests";

/// Sends `body` once under `key`, giving up after [`TIMEOUT_MS`].
pub async fn post(body: &str, key: &str) -> Attempt {
    let Some(window) = web_sys::window() else { return Attempt::Network };
    let controller = web_sys::AbortController::new().ok();
    let timed_out = Rc::new(Cell::new(false));

    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&JsValue::from_str(body));
    init.set_cache(web_sys::RequestCache::NoStore);
    if let Ok(headers) = web_sys::Headers::new() {
        let _ = headers.set("Content-Type", "application/json");
        let _ = headers.set("Idempotency-Key", key);
        init.set_headers(&headers);
    }
    if let Some(controller) = &controller {
        init.set_signal(Some(&controller.signal()));
    }
    // The timer covers the whole exchange, body included: a server that sends its headers and
    // then stalls is as stuck as one that never answers.
    let on_timeout = {
        let timed_out = timed_out.clone();
        let controller = controller.clone();
        Closure::once(move || {
            timed_out.set(true);
            if let Some(controller) = controller {
                controller.abort();
            }
        })
    };
    let timer = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(on_timeout.as_ref().unchecked_ref(), TIMEOUT_MS as i32)
        .ok();
    let no_answer = || if timed_out.get() { Attempt::Timeout } else { Attempt::Network };

    let outcome = async {
        let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(URL, &init)).await.ok()?.dyn_into().ok()?;
        let retry_after = response.headers().get("Retry-After").ok().flatten();
        let text = JsFuture::from(response.text().ok()?).await.ok()?.as_string().unwrap_or_default();
        let body = js_sys::JSON::parse(&text).ok().map(|v| to_json(&v));
        Some(Attempt::Answered { status: response.status(), retry_after, body })
    }
    .await;
    if let Some(timer) = timer {
        window.clear_timeout_with_handle(timer);
    }
    drop(on_timeout);
    outcome.unwrap_or_else(no_answer)
}

/// Waits `ms` milliseconds without blocking the page.
pub async fn sleep(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// A new idempotency key from the browser's cryptographic random numbers.
pub fn new_key() -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|crypto| crypto.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        // Only a very old browser has no crypto: a key still needs to be unlikely to repeat.
        for b in &mut bytes {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    groups_core::key::uuid_v4(bytes)
}
