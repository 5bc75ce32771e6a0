//! `GET /groups.json`: the directory the server publishes (see [`crate::live_directory`]), in the
//! encoding the client accepts (kept ready in memory), with a validator so that a reload costs
//! a 304 when nothing changed, and `no-cache` so that an approved group shows at the next
//! reload.

use axum::{
    body::Body,
    extract::State,
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};

use crate::live_directory::LiveDirectory;

/// The encodings `/groups.json` is kept in, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

pub async fn groups_json(State(directory): State<LiveDirectory>, headers: HeaderMap) -> Response {
    let snapshot = directory.published();
    let encoding = negotiate(headers.get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()).unwrap_or(""));
    // Each encoding is its own representation, with its own validator.
    let etag = match encoding {
        Encoding::Brotli => snapshot.etag.replacen('"', "", 2) + "-br",
        Encoding::Gzip => snapshot.etag.replacen('"', "", 2) + "-gz",
        Encoding::Identity => snapshot.etag.replacen('"', "", 2),
    };
    let etag = format!("\"{etag}\"");
    let mut response = if matches(headers.get(header::IF_NONE_MATCH), &etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let (body, coding) = match encoding {
            Encoding::Brotli => (snapshot.brotli.clone(), Some("br")),
            Encoding::Gzip => (snapshot.gzip.clone(), Some("gzip")),
            Encoding::Identity => (snapshot.json.clone(), None),
        };
        let mut response = Response::new(Body::from(body));
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
        if let Some(coding) = coding {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
        }
        response
    };
    let headers = response.headers_mut();
    headers.insert(header::ETAG, HeaderValue::from_str(&etag).expect("a hex tag"));
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    response
}

/// The best encoding the client accepts (`q=0` refuses one).
fn negotiate(accept: &str) -> Encoding {
    let accepts = |name: &str| {
        accept.split(',').any(|part| {
            let mut pieces = part.split(';');
            let coding = pieces.next().unwrap_or("").trim();
            let refused =
                pieces.any(|p| p.trim().strip_prefix("q=").and_then(|q| q.trim().parse::<f32>().ok()) == Some(0.0));
            coding.eq_ignore_ascii_case(name) && !refused
        })
    };
    if accepts("br") {
        Encoding::Brotli
    } else if accepts("gzip") {
        Encoding::Gzip
    } else {
        Encoding::Identity
    }
}

/// Whether `If-None-Match` names `etag` (weak comparison, as the header asks) or is `*`.
fn matches(if_none_match: Option<&HeaderValue>, etag: &str) -> bool {
    let Some(value) = if_none_match.and_then(|v| v.to_str().ok()) else { return false };
    value.split(',').map(str::trim).any(|tag| tag == "*" || tag.trim_start_matches("W/") == etag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_best_accepted_encoding_is_chosen() {
        assert_eq!(negotiate("gzip, deflate, br, zstd"), Encoding::Brotli);
        assert_eq!(negotiate("gzip"), Encoding::Gzip);
        assert_eq!(negotiate("br;q=0, gzip;q=0.5"), Encoding::Gzip);
        assert_eq!(negotiate(""), Encoding::Identity);
        assert_eq!(negotiate("identity"), Encoding::Identity);
    }

    #[test]
    fn validators_compare_weakly() {
        let tag = |s: &'static str| HeaderValue::from_static(s);
        assert!(matches(Some(&tag("\"abc-br\"")), "\"abc-br\""));
        assert!(matches(Some(&tag("W/\"abc-br\", \"x\"")), "\"abc-br\""));
        assert!(matches(Some(&tag("*")), "\"abc\""));
        assert!(!matches(Some(&tag("\"abc\"")), "\"abc-br\""));
        assert!(!matches(None, "\"abc\""));
    }
}
