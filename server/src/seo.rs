//! `/robots.txt` and `/sitemap.xml`, with the right types, from the build's page list and the
//! directory the server publishes now (see [`crate::pages`]).

use axum::{
    extract::State,
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};

use crate::{live_directory::LiveDirectory, pages::Pages};

pub async fn robots(State(pages): State<Option<Pages>>) -> Response {
    match pages {
        Some(pages) => {
            let text = crate::pages::robots(&pages.documents().manifest);
            ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response()
        }
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

pub async fn sitemap(State((pages, directory)): State<(Option<Pages>, LiveDirectory)>) -> Response {
    let Some(pages) = pages else { return StatusCode::NOT_FOUND.into_response() };
    let xml = crate::pages::sitemap(&pages.documents().manifest, &directory.published().groups);
    ([(header::CONTENT_TYPE, "application/xml; charset=utf-8")], xml).into_response()
}
