//! The static site: files from `dist/` (precompressed when the client accepts it), and
//! `index.html` for every app route so that deep links and reloads work.

use std::{convert::Infallible, path::Path};

use axum::{
    body::Body,
    http::{header, Request, StatusCode},
    response::{IntoResponse, Response},
};
use tower::{service_fn, util::ServiceExt as _, Service};
use tower_http::services::{ServeDir, ServeFile};

/// Files from `dist`, falling back to the app shell for app routes and to 404 for missing
/// files.
pub fn service(
    dist: &Path,
) -> impl Service<Request<Body>, Response = Response, Error = Infallible, Future: Send> + Clone + Send {
    let index = ServeFile::new(dist.join("index.html")).precompressed_br().precompressed_gzip();
    let shell = index.clone();
    let fallback = service_fn(move |request: Request<Body>| {
        let index = shell.clone();
        async move {
            if is_app_route(request.uri().path()) {
                Ok::<_, Infallible>(index.oneshot(request).await.into_response())
            } else {
                Ok(not_found())
            }
        }
    });
    let files = ServeDir::new(dist).precompressed_br().precompressed_gzip().fallback(fallback);
    service_fn(move |request: Request<Body>| {
        let (files, index) = (files.clone(), index.clone());
        async move {
            if has_impossible_name(request.uri().path()) {
                // No file can have such a name (the file system would refuse it, and the
                // lookup fail with an error rather than "not found"): answer as for a page
                // or file that does not exist.
                return Ok(if is_app_route(request.uri().path()) {
                    let mut page = index.oneshot(request).await.into_response();
                    *page.status_mut() = StatusCode::NOT_FOUND;
                    page
                } else {
                    not_found()
                });
            }
            Ok(files.oneshot(request).await.into_response())
        }
    })
}

/// Longer than a file name may be (255 bytes on Linux file systems): such a segment names no
/// file and no page of the app.
const NAME_MAX: usize = 255;

/// Whether a segment of `path` is longer than any file name can be.
pub fn has_impossible_name(path: &str) -> bool {
    path.split('/').any(|segment| segment.len() > NAME_MAX)
}

/// Whether `path` names a page of the app rather than a file: its last segment has no
/// extension. `/groups/berlin` is a page; `/missing.js` is a file that does not exist.
pub fn is_app_route(path: &str) -> bool {
    if path == "/api" || path.starts_with("/api/") {
        return false;
    }
    let last = path.rsplit('/').next().unwrap_or_default();
    !last.contains('.')
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], "Not found\n").into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_app_routes() {
        for path in ["/", "/groups", "/groups/berlin", "/new-group", "/content/organizer-tips", "/x/"] {
            assert!(is_app_route(path), "{path}");
        }
    }

    #[test]
    fn names_longer_than_a_file_name_are_impossible() {
        assert!(has_impossible_name(&format!("/{}", "a".repeat(300))));
        assert!(has_impossible_name(&format!("/groups/{}/x", "b".repeat(256))));
        assert!(!has_impossible_name(&format!("/{}", "a".repeat(255))));
        assert!(!has_impossible_name("/groups/berlin"));
    }

    #[test]
    fn files_and_api_are_not_app_routes() {
        for path in ["/missing.js", "/a/b/style.css", "/favicon.ico", "/api", "/api/nothing"] {
            assert!(!is_app_route(path), "{path}");
        }
    }
}
