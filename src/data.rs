//! Loading `groups.json` once for the whole app, shared through context.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::groups::{parse, Directory};

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
    /// Starts loading and provides the resource to the whole app.
    pub fn provide() {
        provide_context(Groups(LocalResource::new(load)));
    }

    pub fn use_context() -> Groups {
        expect_context::<Groups>()
    }
}

async fn load() -> Loaded {
    let text = fetch_text(GROUPS_URL).await?;
    let (groups, skipped) = parse(&text).map_err(|e| LoadError(e.0))?;
    for skip in &skipped {
        leptos::logging::warn!("groups.json: record {} skipped: {}", skip.index, skip.reason);
    }
    Ok(Arc::new(Directory::new(groups)))
}

async fn fetch_text(url: &str) -> Result<String, LoadError> {
    let failed = |_| LoadError("the list of groups could not be reached. Check your connection and try again.".into());
    let response = JsFuture::from(window().fetch_with_str(url)).await.map_err(failed)?;
    let response: web_sys::Response = response.dyn_into().map_err(failed)?;
    if !response.ok() {
        return Err(LoadError(format!("the list of groups could not be loaded (the server answered {}).", response.status())));
    }
    let text = JsFuture::from(response.text().map_err(failed)?).await.map_err(failed)?;
    text.as_string().ok_or_else(|| LoadError("the list of groups is not text.".into()))
}
