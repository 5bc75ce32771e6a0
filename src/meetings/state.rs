//! Shows what needs both the directory and the meetings once both are there. The two files
//! load side by side; a page waits for both so that nothing moves when the second comes. The
//! meetings are not worth a page: when they fail, the page is drawn without them and says so
//! (see [`super::failed`]).

use std::sync::Arc;

use groups_core::meetings::MeetingsFile;
use leptos::prelude::*;

use super::load::Meetings;
use crate::directory::{
    load::{Groups, LoadError},
    model::Directory,
    state::WithDirectory,
};

/// The meetings as a page draws them.
#[derive(Clone, Debug)]
pub struct Known {
    /// Empty when they could not be loaded.
    pub file: Arc<MeetingsFile>,
    /// Why they could not be loaded.
    pub error: Option<LoadError>,
}

impl Known {
    fn of(loaded: Result<Arc<MeetingsFile>, LoadError>) -> Known {
        match loaded {
            Ok(file) => Known { file, error: None },
            Err(error) => Known { file: Arc::default(), error: Some(error) },
        }
    }
}

/// Renders `render(directory, known)` once both are loaded (`known`: the meetings, or why they
/// could not be loaded); `loading` meanwhile, as [`WithDirectory`] does (and its error when
/// the directory fails).
#[component]
pub fn WithMeetings<F, V>(render: F, #[prop(optional, into)] loading: Option<ViewFn>) -> impl IntoView
where
    F: Fn(Arc<Directory>, Known) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    // Both fetches start now, side by side.
    let _ = Groups::use_context();
    let meetings = Meetings::use_context();
    // The calendars' "Copy address" buttons, in the meetings' markup.
    crate::components::copy::handle_copy_buttons();
    let render = Arc::new(render);
    let loading = loading.unwrap_or_else(|| ViewFn::from(loading_line));
    let waiting = loading.clone();
    let with_directory = move |directory: Arc<Directory>| {
        let render = render.clone();
        let waiting = waiting.clone();
        move || match meetings.0.get() {
            Some(loaded) => render(directory.clone(), Known::of(loaded)).into_any(),
            None => waiting.run(),
        }
    };
    view! { <WithDirectory render=with_directory loading /> }
}

/// The line shown while the directory or the meetings load (one line, so that nothing moves
/// when the first of the two comes).
fn loading_line() -> impl IntoView {
    view! { <p class="status js-only" role="status">{crate::directory::state::loading_text()}</p> }
}
