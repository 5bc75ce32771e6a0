//! Loading `/meetings.json` once for the whole app (with gloo-net), shared through context
//! like the directory: the first part that shows meetings starts the fetch, next to the
//! directory's, and the others reuse it (preloaded, as the directory, by the documents of the
//! pages that show meetings).

use std::sync::Arc;

use gloo_net::http::Request;
use groups_core::meetings::{MeetingsFile, VERSION};
use leptos::prelude::*;

use groups_i18n::Msg;

use crate::{directory::load::LoadError, shell::lazy::AppScope};

/// Where the meetings are served from (same origin).
pub const MEETINGS_URL: &str = "/meetings.json";

pub type Loaded = Result<Arc<MeetingsFile>, LoadError>;

/// The app-wide meetings resource: `None` while loading.
#[derive(Clone, Copy)]
pub struct Meetings(pub LocalResource<Loaded>);

impl Meetings {
    /// The app's meetings, loading from the first call on.
    pub fn use_context() -> Meetings {
        AppScope::use_or_provide(|| Meetings(LocalResource::new(load)))
    }
}

async fn load() -> Loaded {
    let unreachable = |_| LoadError::new(Msg::MeetingsUnreachable);
    let response = Request::get(MEETINGS_URL).send().await.map_err(unreachable)?;
    if !response.ok() {
        return Err(LoadError::with(Msg::MeetingsServerSaid, "status", response.status().to_string()));
    }
    let text = response.text().await.map_err(unreachable)?;
    read(&text).map(Arc::new)
}

/// Reads the file, or says in words why it cannot be read.
pub fn read(text: &str) -> Result<MeetingsFile, LoadError> {
    let file: MeetingsFile =
        serde_json::from_str(text).map_err(|e| LoadError::with(Msg::MeetingsDamaged, "detail", e.to_string()))?;
    if file.version != VERSION {
        return Err(LoadError::with(Msg::MeetingsNewer, "version", file.version.to_string()));
    }
    Ok(file)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn a_damaged_or_newer_file_is_said_in_words() {
        assert_eq!(
            read(r#"{"version":2,"upcoming":[],"groups":{}}"#).unwrap(),
            MeetingsFile { version: 2, ..Default::default() }
        );
        assert!(read("<html>").unwrap_err().text().starts_with("the list of meetings is damaged"));
        assert!(read(r#"{"version":3,"upcoming":[],"groups":{}}"#)
            .unwrap_err()
            .text()
            .contains("newer format (version 3)"));
    }
}
