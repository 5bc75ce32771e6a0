//! HTTP caching rules: hashed assets for a year, the app's HTML never, the rest revalidated.

use axum::{
    extract::Request,
    http::{header, HeaderValue, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};

/// How long a response may be reused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CachePolicy {
    /// Content-addressed file (Trunk puts a hash in its name): it never changes.
    Immutable,
    /// The HTML shell and API answers: always fetched anew, so a deploy shows at once.
    NoStore,
    /// Anything else (data, icons): may be kept but must be revalidated.
    Revalidate,
}

impl CachePolicy {
    pub fn header_value(self) -> &'static str {
        match self {
            CachePolicy::Immutable => "public, max-age=31536000, immutable",
            CachePolicy::NoStore => "no-store",
            CachePolicy::Revalidate => "no-cache",
        }
    }
}

/// The policy for a response to `path` with the given status and content type. A `304 Not
/// Modified` keeps the policy of the `200` it stands for: it renews that response.
pub fn policy_for(path: &str, status: StatusCode, content_type: Option<&str>) -> CachePolicy {
    // A 304 carries no content type: a page's address says it stood for HTML. A translated
    // page's body the app fetches (`/texts/…`) is a file like any other: kept, and asked
    // again by its ETag, so a tab never shows a body older than the build that serves it.
    let is_html = (content_type.is_some_and(|t| t.starts_with("text/html")) && !is_text_file(path))
        || (status == StatusCode::NOT_MODIFIED && groups_core::routes::is_page_address(path));
    let fresh = status.is_success() || status == StatusCode::NOT_MODIFIED;
    // Liveness and readiness say how the server is now, never how it was.
    let probe = path == "/healthz" || path == "/readyz";
    if path.starts_with("/api/") || path == "/api" || probe || is_html || !fresh {
        CachePolicy::NoStore
    } else if is_hashed_asset(path) {
        CachePolicy::Immutable
    } else {
        CachePolicy::Revalidate
    }
}

/// Whether `path` is a translated page's body (`/texts/ja/privacy.html`).
pub fn is_text_file(path: &str) -> bool {
    path.strip_prefix('/')
        .and_then(|p| p.strip_prefix(groups_core::routes::TEXTS_PREFIX))
        .is_some_and(|p| p.starts_with('/'))
}

/// Whether the file name carries Trunk's content hash: `-` and a 64-bit hash in hex before the
/// extension (`groups-portal-0a1b2c3d4e5f6789_bg.wasm`, `main-2230abf81b21c55e.css`). Trunk
/// prints the hash without leading zeros, so it may be shorter than 16 digits.
pub fn is_hashed_asset(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.split('.').next().unwrap_or(name);
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    match stem.rsplit_once('-') {
        Some((_, hash)) => (12..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit()),
        None => false,
    }
}

/// The `ETag` of a body the server makes (the directory, the meetings): a strong validator
/// from the first 96 bits of its SHA-256, quoted.
pub fn etag_of(body: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    format!("\"{}\"", groups_core::hex::hex(&Sha256::digest(body)[..12]))
}

/// The largest answer given an `ETag` here: the server's own answers are far smaller.
const TAGGED_AT_MOST: usize = 16 * 1024 * 1024;

/// Middleware that sets `Cache-Control` on every response by [`policy_for`], and gives a
/// revalidated answer that has no validator (a calendar the server writes) an `ETag` of its
/// body, answering 304 when the client already holds it: `no-cache` without a validator
/// would make every browser and CDN fetch the whole answer each time. A success whose handler
/// set its own `Cache-Control` (an answer that is the same for everyone: `/api/places`) keeps it.
pub async fn set_cache_control(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let if_none_match = request.headers().get(header::IF_NONE_MATCH).cloned();
    // A HEAD answer has no body to tag.
    let readable = request.method() == axum::http::Method::GET;
    let mut response = next.run(request).await;
    if is_text_file(&path) {
        // A page's bare body: its page is the document, which search engines read instead.
        response.headers_mut().insert("x-robots-tag", HeaderValue::from_static("noindex"));
    }
    if response.status().is_success() && response.headers().contains_key(header::CACHE_CONTROL) {
        return response;
    }
    let content_type = response.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok());
    let policy = policy_for(&path, response.status(), content_type);
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(policy.header_value()));
    let untagged = !response.headers().contains_key(header::ETAG);
    if policy == CachePolicy::Revalidate && readable && untagged && response.status() == StatusCode::OK {
        response = tagged(response, if_none_match.as_ref()).await;
    }
    response
}

/// `response` with the `ETag` of its body; 304 without the body when `if_none_match` names it.
async fn tagged(response: Response, if_none_match: Option<&HeaderValue>) -> Response {
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, TAGGED_AT_MOST).await else {
        // Too large to tag, or broken off: nothing left to send but the error.
        return (StatusCode::INTERNAL_SERVER_ERROR, "the answer could not be read").into_response();
    };
    let etag = etag_of(&bytes);
    parts.headers.insert(header::ETAG, HeaderValue::from_str(&etag).expect("a quoted hex tag"));
    let held = if_none_match
        .and_then(|v| v.to_str().ok())
        .is_some_and(|tags| tags.split(',').map(str::trim).any(|t| t == "*" || t.trim_start_matches("W/") == etag));
    if held {
        parts.status = StatusCode::NOT_MODIFIED;
        parts.headers.remove(header::CONTENT_LENGTH);
        return Response::from_parts(parts, axum::body::Body::empty());
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trunk_file_names_are_hashed_assets() {
        assert!(is_hashed_asset("/groups-portal-0a1b2c3d4e5f6789_bg.wasm"));
        assert!(is_hashed_asset("/groups-portal-0a1b2c3d4e5f6789.js"));
        assert!(is_hashed_asset("/main-ffffffffffffffff.css"));
        assert!(is_hashed_asset("/main-35b84ea62ee889f.css"));
    }

    #[test]
    fn plain_names_are_not_hashed_assets() {
        assert!(!is_hashed_asset("/groups.json"));
        assert!(!is_hashed_asset("/favicon.svg"));
        assert!(!is_hashed_asset("/app-0a1b2c3d.js"));
        assert!(!is_hashed_asset("/app-0a1b2c3d4e5f678g.js"));
        assert!(!is_hashed_asset("/"));
    }

    #[test]
    fn a_translated_pages_body_is_revalidated_not_stored_like_a_page() {
        let ok = StatusCode::OK;
        assert_eq!(policy_for("/texts/ja/privacy.html", ok, Some("text/html")), CachePolicy::Revalidate);
        assert_eq!(policy_for("/textsx/a.html", ok, Some("text/html")), CachePolicy::NoStore);
        assert!(is_text_file("/texts/ja/privacy.html") && !is_text_file("/texts") && !is_text_file("/ja/texts/x"));
    }

    #[test]
    fn html_and_api_are_never_stored() {
        let ok = StatusCode::OK;
        assert_eq!(policy_for("/", ok, Some("text/html; charset=utf-8")), CachePolicy::NoStore);
        assert_eq!(policy_for("/groups/berlin", ok, Some("text/html")), CachePolicy::NoStore);
        assert_eq!(policy_for("/api/health", ok, Some("application/json")), CachePolicy::NoStore);
    }

    #[test]
    fn errors_are_never_stored_even_for_hashed_names() {
        let path = "/app-0a1b2c3d4e5f6789.js";
        assert_eq!(policy_for(path, StatusCode::NOT_FOUND, None), CachePolicy::NoStore);
        assert_eq!(policy_for(path, StatusCode::OK, Some("text/javascript")), CachePolicy::Immutable);
    }

    #[test]
    fn other_files_are_revalidated() {
        let ok = StatusCode::OK;
        assert_eq!(policy_for("/groups.json", ok, Some("application/json")), CachePolicy::Revalidate);
    }

    #[test]
    fn not_modified_keeps_the_policy_of_its_200() {
        let not_modified = StatusCode::NOT_MODIFIED;
        assert_eq!(policy_for("/groups.json", not_modified, None), CachePolicy::Revalidate);
        assert_eq!(policy_for("/main-ffffffffffffffff.css", not_modified, None), CachePolicy::Immutable);
        assert_eq!(policy_for("/groups/berlin", not_modified, None), CachePolicy::NoStore);
    }
}
