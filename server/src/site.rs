//! The static site: files from `dist/` (precompressed when the client accepts it), and for
//! every app route its pre-rendered document (see [`crate::pages`]), or the app shell
//! `index.html` when the build has none, so that deep links and reloads work.

use std::{convert::Infallible, path::Path};

use axum::{
    body::Body,
    http::{header, HeaderValue, Request, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use groups_core::routes::is_page_address;
use groups_i18n::{address, negotiate, Lang};
use tower::{service_fn, util::ServiceExt as _, Layer as _, Service};
use tower_http::{
    compression::CompressionLayer,
    services::{ServeDir, ServeFile},
};

use crate::{
    live_directory::LiveDirectory,
    meetings::live::LiveMeetings,
    pages::{Answer, Pages, PAGES_DIR},
    places::Places,
};

/// Files from `dist`, falling back for pages to their pre-rendered document (see
/// [`crate::pages`]; the bare app shell for a build without them) and to 404 for missing
/// files. The build's own `_pages/` and `_places/` folders (the server's) are not served as files.
pub fn service(
    dist: &Path,
    pages: Option<Pages>,
    directory: LiveDirectory,
    meetings: LiveMeetings,
    places: Places,
) -> impl Service<Request<Body>, Response = Response, Error = Infallible, Future: Send> + Clone + Send {
    let index = ServeFile::new(dist.join("index.html")).precompressed_br().precompressed_gzip();
    let documents = CompressionLayer::new().layer(service_fn(move |request: Request<Body>| {
        let (pages, directory, meetings, index) = (pages.clone(), directory.clone(), meetings.clone(), index.clone());
        let places = places.clone();
        async move { Ok::<_, Infallible>(page(pages, &directory, &meetings, &places, index, request).await) }
    }));
    let fallback = {
        let documents = documents.clone();
        service_fn(move |request: Request<Body>| {
            let documents = documents.clone();
            async move {
                if is_page_address(request.uri().path()) {
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
            if is_build_folder(path) {
                return Ok(not_found());
            }
            if let Some(link) = escaped_private_link(path) {
                // A link rewriter wrote the private link's `#` as `%23`: the page opens it
                // from its fragment, as it was meant to.
                return Ok(Redirect::to(&link).into_response());
            }
            if let Some((lang, rest)) = is_page_address(path)
                .then(|| negotiate::chosen_by_link(request.uri().query().unwrap_or_default()))
                .flatten()
            {
                // A link of the language switcher: the choice kept for `/`, and the page at its
                // address without it (the browser keeps the fragment: an organiser's key).
                let there = if rest.is_empty() { path.to_owned() } else { format!("{path}?{rest}") };
                return Ok((
                    StatusCode::SEE_OTHER,
                    [(header::LOCATION, there), (header::SET_COOKIE, negotiate::cookie(lang))],
                )
                    .into_response());
            }
            if path == "/" {
                // The only address that chooses a language: the visitor's stored choice, else
                // their browser's. The answer varies with both.
                let lang = chosen_language(&request);
                let mut response = if lang == Lang::En {
                    // The home page is a page, not the folder's index file.
                    documents.oneshot(request).await.into_response()
                } else {
                    let query = request.uri().query().map(|q| format!("?{q}")).unwrap_or_default();
                    let there = format!("{}{query}", address::localize(lang, "/"));
                    (StatusCode::FOUND, [(header::LOCATION, there)]).into_response()
                };
                response.headers_mut().append(header::VARY, HeaderValue::from_static("Accept-Language, Cookie"));
                return Ok(response);
            }
            if has_impossible_name(path) {
                // No file can have such a name (the file system would refuse it, and the
                // lookup fail with an error rather than "not found"): answer as for a page
                // or file that does not exist.
                return Ok(if is_page_address(path) {
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

/// The language `/` sends this visitor to (`groups_i18n::negotiate`): their stored choice (the
/// `lang` cookie), else the best their browser asks for, else English.
fn chosen_language(request: &Request<Body>) -> Lang {
    let headers = request.headers();
    // HTTP/2 may send the cookies in several fields.
    let cookies: Vec<&str> = headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).collect();
    let cookie = (!cookies.is_empty()).then(|| cookies.join("; "));
    let accept = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    negotiate::choose(cookie.as_deref(), accept)
}

/// The document for a page: pre-rendered, filled with the published directory where it shows
/// groups (everything in memory: no file is read on a request's way), near the place its
/// address names (the places index); the app shell when the build has no documents.
async fn page(
    pages: Option<Pages>,
    directory: &LiveDirectory,
    meetings: &LiveMeetings,
    places: &Places,
    index: ServeFile,
    request: Request<Body>,
) -> Response {
    let answer = pages.and_then(|pages| {
        let uri = request.uri();
        let query = uri.query().unwrap_or_default();
        let meetings = meetings.snapshot();
        let published = directory.published();
        pages.documents().answer(uri.path(), query, &published, &meetings.file, meetings.built_at, places.index())
    });
    match answer {
        Some(Answer::Page { status, html }) => {
            (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response()
        }
        Some(Answer::MovedTo(path)) => Redirect::permanent(&path).into_response(),
        Some(Answer::SeeOther(path)) => Redirect::to(&path).into_response(),
        None => index.oneshot(request).await.into_response(),
    }
}

/// Whether `path` names one of the build's own folders (`_pages/`, `_places/`) or a file in
/// one, in any of the forms
/// the file server would read it as (percent-encoded, `%2f` for a slash, with empty, `.` or
/// `..` segments): the path is decoded and resolved first, as the file server does.
pub fn is_build_folder(path: &str) -> bool {
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let mut segments: Vec<&str> = Vec::new();
    for segment in decoded.split(['/', '\\']) {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            other => segments.push(other),
        }
    }
    segments.first().is_some_and(|first| [PAGES_DIR, groups_places::SITE_FOLDER].contains(first))
}

/// The organiser's private link, in its language, whose `#` came escaped as `%23`
/// (`/my-request%23GR-….KEY`, `/ja/my-request%23GR-….KEY`) with its `#` in place; `None` for
/// any other path.
pub fn escaped_private_link(path: &str) -> Option<String> {
    let (lang, path) = address::split(path);
    let page = groups_core::organiser::PAGE_PATH;
    let rest = path.get(..page.len()).filter(|p| p.eq_ignore_ascii_case(page)).map(|_| &path[page.len()..])?;
    let fragment = rest.get(..3).filter(|p| p.eq_ignore_ascii_case("%23")).map(|_| &rest[3..])?;
    // Only what a link's fragment holds, so the redirect can carry nothing else.
    let access = groups_core::organiser::Access::parse(fragment)?;
    Some(format!("{}#{}", address::localize(lang, page), access.text()))
}

/// Longer than a file name may be (255 bytes on Linux file systems): such a segment names no
/// file and no page of the app.
const NAME_MAX: usize = 255;

/// Whether a segment of `path` is longer than any file name can be.
pub fn has_impossible_name(path: &str) -> bool {
    path.split('/').any(|segment| segment.len() > NAME_MAX)
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], "Not found\n").into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_build_folder_is_hidden_in_every_spelling() {
        for path in [
            "/_pages",
            "/_pages/",
            "/_pages/pages.json",
            "/%5Fpages/pages.json",
            "/%5fpages/pages.json",
            "//_pages/pages.json",
            "/./_pages/pages.json",
            "/_pages%2fpages.json",
            "/_pages%2Fhome.html",
            "/groups/../_pages/home.html",
            "/.%2f_pages/pages.json",
            "/_pages\\pages.json",
            "/_places/places.idx",
            "/%5Fplaces/places.idx",
        ] {
            assert!(is_build_folder(path), "{path}");
        }
        for path in ["/", "/groups", "/pages", "/_pagesx/a", "/content/_pages", "/groups/_pages"] {
            assert!(!is_build_folder(path), "{path}");
        }
    }

    #[test]
    fn a_private_link_with_its_hash_escaped_is_recognised() {
        let key = "q7Zr0kP3m9Xv2LbW8nYt4Hc6Jd1Fs5Ge0Ua3Ri7Ok2M";
        assert_eq!(
            escaped_private_link(&format!("/my-request%23GR-7K3Q-X9M2.{key}")),
            Some(format!("/my-request#GR-7K3Q-X9M2.{key}"))
        );
        assert_eq!(
            escaped_private_link(&format!("/My-Request%23gr-7k3q-x9m2.{key}.")),
            Some(format!("/my-request#GR-7K3Q-X9M2.{key}"))
        );
        assert_eq!(
            escaped_private_link(&format!("/ja/my-request%23GR-7K3Q-X9M2.{key}")),
            Some(format!("/ja/my-request#GR-7K3Q-X9M2.{key}")),
            "in the language it was sent in"
        );
        assert_eq!(escaped_private_link("/my-request"), None);
        assert_eq!(escaped_private_link("/my-request%23nothing"), None);
        assert_eq!(escaped_private_link("/groups%23x"), None);
    }

    #[test]
    fn names_longer_than_a_file_name_are_impossible() {
        assert!(has_impossible_name(&format!("/{}", "a".repeat(300))));
        assert!(has_impossible_name(&format!("/groups/{}/x", "b".repeat(256))));
        assert!(!has_impossible_name(&format!("/{}", "a".repeat(255))));
        assert!(!has_impossible_name("/groups/berlin"));
    }
}
