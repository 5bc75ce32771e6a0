//! Loading `groups.json` once for the whole app (with gloo-net), shared through context.
//!
//! Only the parts that show groups (the pages whose route `shows_groups` in the route table:
//! the home page's map and next meetings, the directory, a group's page, `/meetings` and the
//! form, all loaded lazily) ask for it: the first one starts the fetch, and the resource is
//! kept in the app's scope for the others, so a content page never fetches it.

use std::sync::Arc;

use gloo_net::http::Request;
use leptos::prelude::*;

use super::model::Directory;
use crate::shell::lazy::AppScope;

/// Where the groups are served from (same origin: no visitor's address goes elsewhere).
pub const GROUPS_URL: &str = "/groups.json";

/// Why the directory could not be loaded, in words for the visitor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError(pub String);

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
    let unreachable =
        |_| LoadError("the list of groups could not be reached. Check your connection and try again.".into());
    let response = Request::get(GROUPS_URL).send().await.map_err(unreachable)?;
    if !response.ok() {
        return Err(LoadError(format!(
            "the list of groups could not be loaded (the server answered {}).",
            response.status()
        )));
    }
    let text = response.text().await.map_err(unreachable)?;
    let (directory, skipped) =
        Directory::read(&text).map_err(|e| LoadError(format!("the list of groups is damaged ({e}).")))?;
    for skip in &skipped {
        leptos::logging::warn!("groups.json: {skip}");
    }
    Ok(Arc::new(directory))
}
