//! Security headers sent with every response.

use axum::{
    extract::{Request, State},
    http::{header, HeaderName, HeaderValue},
    middleware::Next,
    response::Response,
};

use crate::csp::ContentSecurityPolicy;

/// Fixed headers: no MIME sniffing, no referrer to other sites, an isolated browsing context,
/// no framing (also for browsers that predate `frame-ancestors`), and no access to powerful
/// features the portal never uses. The visitor's location is the one it may ask for, from its
/// own pages only (the directory's "Use my location", which asks after a click and keeps the
/// position in the browser).
const FIXED: &[(HeaderName, &str)] = &[
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
    (header::X_FRAME_OPTIONS, "DENY"),
];

const COOP: &str = "cross-origin-opener-policy";
const CORP: &str = "cross-origin-resource-policy";
const PERMISSIONS_POLICY: &str = "permissions-policy";
/// Only the site itself may ask for the location (never a frame of another origin); no camera,
/// microphone, payment or USB at all.
pub const PERMISSIONS: &str = "camera=(), microphone=(), geolocation=(self), payment=(), usb=()";

/// What the headers depend on: the policy for the served site, and whether to ask browsers
/// to use HTTPS only.
#[derive(Clone, Debug)]
pub struct SecurityHeaders {
    pub csp: ContentSecurityPolicy,
    /// `Strict-Transport-Security`, for deployments behind a proxy that terminates TLS (the
    /// server itself speaks plain HTTP, so it cannot know).
    pub hsts: bool,
}

/// A year, subdomains included: what the HSTS preload list asks for.
const HSTS: &str = "max-age=31536000; includeSubDomains";

/// Adds the Content-Security-Policy and the fixed headers to the response.
pub async fn security_headers(State(config): State<SecurityHeaders>, request: Request, next: Next) -> Response {
    let private = is_private(request.uri().path());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, config.csp.header());
    if config.hsts {
        headers.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static(HSTS));
    }
    for (name, value) in FIXED {
        headers.insert(name.clone(), HeaderValue::from_static(value));
    }
    headers.insert(HeaderName::from_static(COOP), HeaderValue::from_static("same-origin"));
    headers.insert(HeaderName::from_static(CORP), HeaderValue::from_static("same-origin"));
    headers.insert(HeaderName::from_static(PERMISSIONS_POLICY), HeaderValue::from_static(PERMISSIONS));
    if private {
        headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    }
    response
}

/// The organiser's page and API: their key is in the page's fragment and the calls' bodies,
/// and no link followed from there says where it came from. Likewise the pages of the links
/// mailed to people who asked for news of groups near a place, whose token is in the address.
/// Every spelling of them counts (a trailing slash, percent-encoding, another case), so that
/// no form of the page's address loses the policy, in every language (`/ja/my-request`).
fn is_private(path: &str) -> bool {
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy().to_ascii_lowercase();
    // Empty segments count for nothing (`/ja//my-request` is the page too).
    let collapsed: String = decoded.split('/').filter(|s| !s.is_empty()).flat_map(|s| ["/", s]).collect();
    let path = groups_i18n::address::split(&collapsed).1;
    [groups_core::organiser::PAGE_PATH, "/api/organiser", groups_core::interest::PAGES_PREFIX].iter().any(|private| {
        path == *private || path.starts_with(&format!("{private}/")) || path.starts_with(&format!("{private}#"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_of_the_organisers_page_is_private() {
        for path in [
            "/my-request",
            "/my-request/",
            "/my-request//",
            "/My-Request",
            "/my%2Drequest",
            "/my-request/x",
            "/my-request%23GR-7K3Q-X9M2.KEY",
            "/api/organiser",
            "/api/organiser/",
            "/api/organiser/erase",
            "/interest/stop/KEY",
            "/Interest/confirm/KEY",
            "/ja/my-request",
            "/pt-br/my-request%23GR-7K3Q-X9M2.KEY",
            "/ZH-HANS/my-request",
            "/ja//my-request",
            "//my-request",
        ] {
            assert!(is_private(path), "{path}");
        }
        for path in
            ["/", "/groups", "/my-requests", "/api/group-requests", "/api/organisers", "/ja/groups", "/jp/my-request"]
        {
            assert!(!is_private(path), "{path}");
        }
    }
}
