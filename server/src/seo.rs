//! `/robots.txt` and `/sitemap.xml`, with the right types, from the build's page list and the
//! directory the server publishes now (see [`crate::pages`]).

use axum::{
    extract::State,
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};

use crate::{groups_file::GroupsFile, pages::Pages};

pub async fn robots(State(pages): State<Option<Pages>>) -> Response {
    match pages.and_then(|p| p.manifest()) {
        Some(manifest) => {
            ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], crate::pages::robots(&manifest)).into_response()
        }
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

pub async fn sitemap(State((pages, groups)): State<(Option<Pages>, GroupsFile)>) -> Response {
    let Some(manifest) = pages.and_then(|p| p.manifest()) else { return StatusCode::NOT_FOUND.into_response() };
    // Written where the directory is read, so its groups are not copied out first; without
    // the directory, the content pages alone.
    let shared = manifest.clone();
    let sitemap = tokio::task::spawn_blocking(move || {
        groups.snapshot().map(|snapshot| crate::pages::sitemap(&shared, &snapshot.read.groups))
    })
    .await
    .ok()
    .and_then(Result::ok)
    .unwrap_or_else(|| crate::pages::sitemap(&manifest, &[]));
    ([(header::CONTENT_TYPE, "application/xml; charset=utf-8")], sitemap).into_response()
}
