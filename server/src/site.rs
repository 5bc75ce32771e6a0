//! The static site: files from `dist/` (precompressed when the client accepts it), and for
//! every app route its pre-rendered document (see [`crate::pages`]), or the app shell
//! `index.html` when the build has none, so that deep links and reloads work.

use std::{convert::Infallible, path::Path};

use axum::{
    body::Body,
    http::{header, Request, StatusCode},
    response::{IntoResponse, Response},
};
use tower::{service_fn, util::ServiceExt as _, Layer as _, Service};
use tower_http::{
    compression::CompressionLayer,
    services::{ServeDir, ServeFile},
};

use crate::{
    groups_file::GroupsFile,
    pages::{route, Pages, Route, PAGES_DIR},
};

/// Files from `dist`, falling back for app routes to the page's pre-rendered document (see
/// [`crate::pages`]; the bare app shell for a build without them) and to 404 for missing
/// files. The build's own `_pages/` folder is not served as files.
pub fn service(
    dist: &Path,
    pages: Option<Pages>,
    groups: GroupsFile,
) -> impl Service<Request<Body>, Response = Response, Error = Infallible, Future: Send> + Clone + Send {
    let index = ServeFile::new(dist.join("index.html")).precompressed_br().precompressed_gzip();
    let documents = CompressionLayer::new().layer(service_fn(move |request: Request<Body>| {
        let (pages, groups, index) = (pages.clone(), groups.clone(), index.clone());
        async move { Ok::<_, Infallible>(page(pages, groups, index, request).await) }
    }));
    let fallback = {
        let documents = documents.clone();
        service_fn(move |request: Request<Body>| {
            let documents = documents.clone();
            async move {
                if is_app_route(request.uri().path()) {
                    Ok::<_, Infallible>(documents.oneshot(request).await.into_response())
                } else {
                    Ok(not_found())
                }
            }
        })
    };
    let files = ServeDir::new(dist).precompressed_br().precompressed_gzip().fallback(fallback);
    service_fn(move |request: Request<Body>| {
        let (files, documents) = (files.clone(), documents.clone());
        async move {
            let path = request.uri().path();
            if path == format!("/{PAGES_DIR}") || path.starts_with(&format!("/{PAGES_DIR}/")) {
                return Ok(not_found());
            }
            if path == "/" {
                // The home page is a page, not the folder's index file.
                return Ok(documents.oneshot(request).await.into_response());
            }
            if has_impossible_name(path) {
                // No file can have such a name (the file system would refuse it, and the
                // lookup fail with an error rather than "not found"): answer as for a page
                // or file that does not exist.
                return Ok(if is_app_route(path) {
                    let mut page = documents.oneshot(request).await.into_response();
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

/// The document for an app route: pre-rendered, with the live directory where it shows
/// groups; the app shell when the build has no documents.
async fn page(pages: Option<Pages>, groups: GroupsFile, index: ServeFile, request: Request<Body>) -> Response {
    let Some(pages) = pages else { return index.oneshot(request).await.into_response() };
    let path = request.uri().path().to_owned();
    let answer = tokio::task::spawn_blocking(move || {
        let manifest = pages.manifest()?;
        let route = route(&path, &manifest.pages);
        match groups.snapshot() {
            Ok(snapshot) => pages.document(&manifest, &route, &path, &snapshot.read.groups),
            // The directory cannot be read now: the page still arrives, without its groups.
            Err(_) => pages.document(&manifest, &route, &path, &[]).map(|(status, html)| {
                let status = if matches!(route, Route::Group(_)) { StatusCode::SERVICE_UNAVAILABLE } else { status };
                (status, html)
            }),
        }
    })
    .await
    .ok()
    .flatten();
    match answer {
        Some((status, html)) => (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response(),
        None => index.oneshot(request).await.into_response(),
    }
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
