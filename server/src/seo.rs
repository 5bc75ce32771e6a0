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
    let listed =
        tokio::task::spawn_blocking(move || groups.snapshot().map(|s| s.read.groups.clone()).unwrap_or_default())
            .await
            .unwrap_or_default();
    ([(header::CONTENT_TYPE, "application/xml; charset=utf-8")], crate::pages::sitemap(&manifest, &listed))
        .into_response()
}
