//! Loading `groups.json` once for the whole app, shared through context.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::{
    groups::{parse, Directory},
    json::Json,
};

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
    let value = js_sys::JSON::parse(&text).map_err(|_| LoadError("the list of groups is damaged (it is not valid JSON).".into()))?;
    let (groups, skipped) = parse(&to_json(&value)).map_err(|e| LoadError(format!("the list of groups is damaged ({}).", e.0)))?;
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

/// Converts what `JSON.parse` returned into [`Json`].
pub(crate) fn to_json(value: &JsValue) -> Json {
    if let Some(b) = value.as_bool() {
        Json::Bool(b)
    } else if let Some(n) = value.as_f64() {
        Json::Number(n)
    } else if let Some(s) = value.as_string() {
        Json::String(s)
    } else if js_sys::Array::is_array(value) {
        Json::Array(js_sys::Array::from(value).iter().map(|item| to_json(&item)).collect())
    } else if value.is_object() {
        let entries = js_sys::Object::entries(value.unchecked_ref());
        Json::Object(
            entries
                .iter()
                .map(|entry| {
                    let pair: js_sys::Array = entry.unchecked_into();
                    (pair.get(0).as_string().unwrap_or_default(), to_json(&pair.get(1)))
                })
                .collect(),
        )
    } else {
        Json::Null
    }
}
