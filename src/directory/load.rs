//! Loading `groups.json` once for the whole app (with gloo-net), shared through context.
//!
//! Only the parts that show groups (the pages whose route `shows_groups` in the route table:
//! the home page's map and next meetings, the directory, a group's page, `/meetings` and the
//! form, all loaded lazily) ask for it: the first one starts the fetch, and the resource is
//! kept in the app's scope for the others, so a content page never fetches it. Opened
//! directly, such a page's document has it preloaded once painted (`prerender::AFTER_PAINT`),
//! and the fetch takes that answer.

use std::sync::Arc;

use gloo_net::http::Request;
use groups_i18n::{tf, Msg};
use leptos::prelude::*;

use super::model::Directory;
use crate::shell::lazy::AppScope;

/// Where the groups are served from (same origin: no visitor's address goes elsewhere).
pub const GROUPS_URL: &str = "/groups.json";

/// Why a file could not be loaded: a message and its values, said in the language of the page
/// that shows it ([`LoadError::text`]; the file may have been asked for by another page).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    pub why: Msg,
    pub values: Vec<(&'static str, String)>,
}

impl LoadError {
    pub fn new(why: Msg) -> LoadError {
        LoadError { why, values: Vec::new() }
    }

    pub fn with(why: Msg, name: &'static str, value: String) -> LoadError {
        LoadError { why, values: vec![(name, value)] }
    }

    /// Why, in words for the visitor in the page's language.
    pub fn text(&self) -> String {
        let values: Vec<(&str, &str)> = self.values.iter().map(|(n, v)| (*n, v.as_str())).collect();
        tf(self.why, &values)
    }
}

pub type Loaded = Result<Arc<Directory>, LoadError>;

/// The app-wide groups resource: `None` while loading.
#[derive(Clone, Copy)]
pub struct Groups(pub LocalResource<Loaded>);

impl Groups {
    /// The app's groups, loading from the first call on.
    pub fn use_context() -> Groups {
        AppScope::use_or_provide(|| Groups(LocalResource::new(load)))
    }
}

async fn load() -> Loaded {
    let unreachable = |_| LoadError::new(Msg::LoadGroupsUnreachable);
    let response = Request::get(GROUPS_URL).send().await.map_err(unreachable)?;
    if !response.ok() {
        return Err(LoadError::with(Msg::LoadGroupsServerSaid, "status", response.status().to_string()));
    }
    let text = response.text().await.map_err(unreachable)?;
    let (directory, skipped) =
        Directory::read(&text).map_err(|e| LoadError::with(Msg::LoadGroupsDamaged, "detail", e.to_string()))?;
    for skip in &skipped {
        leptos::logging::warn!("groups.json: {skip}");
    }
    Ok(Arc::new(directory))
}
