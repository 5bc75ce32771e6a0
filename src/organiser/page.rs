//! The page: reads the access from the address's fragment, asks the server what it opens,
//! and shows the request (`request_view`) and the group it manages (`manage`). Every action
//! answers with the state as it is now, which replaces what the page shows.

use groups_core::{
    organiser::{Access, AccessBody, OrganiserView},
    routes::{route, Page},
    site::{STAFF_ADDRESS, STAFF_MAILTO},
};
use groups_i18n::{t, Msg};
use leptos::{prelude::*, task::spawn_local};
use leptos_router::hooks::use_location;

use super::{
    api::Failure,
    manage::ManageGroup,
    request_view::{RequestState, WhatWasSent},
};
use crate::{
    components::sentence::Sentence,
    shell::{focus::focus_by_id, lazy::lazy_route, title::PageTitle},
};

/// The line that says what the last action did.
const STATUS_ID: &str = "organiser-status";
/// What an action that leaves nothing to show said.
const FINISHED_ID: &str = "organiser-finished";

lazy_route!(
    /// The `/my-request` route: its view comes in a chunk of its own in a split build.
    MyRequestRoute,
    my_request_view,
    __preload_my_request_view,
    MyRequestPage
);

/// What the page shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Shown {
    Loading,
    /// The address has no access in its fragment.
    NoLink,
    View(Box<OrganiserView>),
    /// The last action left nothing to show (erased, closed): what it did.
    Finished(String),
    Failed(Failure),
}

/// What the page's parts share: the access, what is shown, the line that announces each
/// outcome, and whether an action is on its way.
#[derive(Clone, Copy)]
pub struct Organiser {
    pub access: StoredValue<String>,
    pub shown: RwSignal<Shown>,
    pub said: RwSignal<Option<String>>,
    pub busy: RwSignal<bool>,
}

impl Organiser {
    /// The reference or slug the link opens (empty without a link).
    pub fn subject(self) -> String {
        Access::parse(&self.access.get_value()).map(|a| a.subject).unwrap_or_default()
    }

    /// Posts an action; a view in the answer replaces the one shown, a failure is said.
    pub fn act(self, path: &'static str, done: &'static str) {
        let body = AccessBody { access: self.access.get_value() };
        self.run(async move { call::<OrganiserView>(path, &body).await.map(|v| Shown::View(Box::new(v))) }, done);
    }

    /// Posts an action that leaves nothing to show (erase, close).
    pub fn finish(self, path: &'static str, done: &'static str) {
        let body = AccessBody { access: self.access.get_value() };
        // The server's sentence is English, for the API's readers: the page says its own.
        self.run(async move { call::<Done>(path, &body).await.map(|_| Shown::Finished(done.to_owned())) }, "");
    }

    /// Runs a call, one at a time, and shows its outcome.
    pub fn run(self, work: impl std::future::Future<Output = Result<Shown, Failure>> + 'static, done: &'static str) {
        if self.busy.get_untracked() {
            return;
        }
        self.busy.set(true);
        self.said.set(None);
        spawn_local(async move {
            let outcome = work.await;
            // The part of the page the action was in is drawn anew: focus goes to what says
            // what happened, so a keyboard user keeps their place.
            let focus = match outcome {
                Ok(shown) => {
                    let finished = matches!(shown, Shown::Finished(_));
                    self.shown.set(shown);
                    self.said.set((!done.is_empty()).then(|| done.to_owned()));
                    if finished {
                        Some(FINISHED_ID)
                    } else {
                        (!done.is_empty()).then_some(STATUS_ID)
                    }
                }
                Err(Failure::NotOpened(message)) => {
                    self.shown.set(Shown::Failed(Failure::NotOpened(message)));
                    None
                }
                // Not possible in this state: the state changed since the page was drawn (staff
                // decided meanwhile), so show it as it is now, with why.
                Err(Failure::Refused { message, fields }) if fields.is_empty() => {
                    // The page may be gone by now (the visitor left while the call was out).
                    let Some(access) = self.access.try_get_value() else { return };
                    let body = AccessBody { access };
                    if let Ok(view) = call::<OrganiserView>("", &body).await {
                        self.shown.set(Shown::View(Box::new(view)));
                    }
                    self.said.set(Some(message));
                    Some(STATUS_ID)
                }
                Err(failure) => {
                    self.said.set(Some(failure.message().to_owned()));
                    None
                }
            };
            if let Some(id) = focus {
                request_animation_frame(move || {
                    focus_by_id(id, false);
                });
            }
            self.busy.set(false);
        });
    }
}

/// The answer to an action that leaves nothing to show (its sentence is not shown).
#[derive(serde::Deserialize)]
struct Done {}

/// Posts to the API in the browser; natively (pre-rendering) there is nothing to call.
pub async fn call<T: serde::de::DeserializeOwned>(path: &str, body: &impl serde::Serialize) -> Result<T, Failure> {
    #[cfg(target_arch = "wasm32")]
    return super::api::post(path, body).await;
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (path, body);
        Err(Failure::Passing("not in a browser".into()))
    }
}

/// The organiser's private page.
#[component]
pub fn MyRequestPage() -> impl IntoView {
    let location = use_location();
    let page = Organiser {
        access: StoredValue::new(String::new()),
        shown: RwSignal::new(Shown::Loading),
        said: RwSignal::new(None),
        busy: RwSignal::new(false),
    };
    Effect::new(move |_| match Access::parse(&location.hash.get()) {
        Some(access) => {
            page.access.set_value(access.text());
            let body = AccessBody { access: access.text() };
            page.busy.set(false);
            page.run(async move { call::<OrganiserView>("", &body).await.map(|v| Shown::View(Box::new(v))) }, "");
        }
        None => page.shown.set(Shown::NoLink),
    });
    view! {
        <PageTitle text=route(Page::MyRequest).title() />
        <div class="page organiser-page">
            <h1>{t(Msg::OrganiserHeading)}</h1>
            <p class="lead">{t(Msg::OrganiserLead)}</p>
            <noscript>
                <p class="noscript">
                    <Sentence msg=Msg::OrganiserNoscript placeholder="address">
                        <a href=STAFF_MAILTO>{STAFF_ADDRESS}</a>
                    </Sentence>
                </p>
            </noscript>
            <p class="status" id=STATUS_ID role="status" aria-live="polite">{move || page.said.get()}</p>
            {move || shown_view(page)}
        </div>
    }
}

/// Why the page shows nothing: it was opened without its link.
fn no_link() -> impl IntoView {
    view! {
        <Sentence msg=Msg::OrganiserNoLink placeholder="address">
            <a href=STAFF_MAILTO>{STAFF_ADDRESS}</a>
        </Sentence>
    }
}

/// While the page learns what its link opens: "Opening your request".
#[cfg(not(feature = "prerender"))]
fn loading_view() -> AnyView {
    view! { <p class="status js-only">{t(Msg::OrganiserOpening)}</p> }.into_any()
}

/// The server's copy cannot know the address's hash, where the link's key is: it carries both
/// the page without a link and the line for a link being opened, and the document's first
/// script marks an address with a key (`has-key`, see `prerender::JS_CLASS_SCRIPT`) before
/// the first paint, which shows one of them. A visitor without a link so reads why at once,
/// not once the page's code has come (Lighthouse: its largest paint at 3.8 s on slow 4G). The
/// page without a link comes first, where the app draws it: focus on its link is kept at the
/// takeover (`shell::takeover` follows the same child positions).
#[cfg(feature = "prerender")]
fn loading_view() -> AnyView {
    view! {
        <p class="js-only without-key">{no_link}</p>
        <p class="status js-only with-key">{t(Msg::OrganiserOpening)}</p>
    }
    .into_any()
}

fn shown_view(page: Organiser) -> AnyView {
    match page.shown.get() {
        Shown::Loading => loading_view(),
        Shown::NoLink => view! { <p>{no_link}</p> }.into_any(),
        Shown::Finished(said) => view! { <p class="finished" id=FINISHED_ID>{said}</p> }.into_any(),
        Shown::Failed(failure) => view! {
            <div class="load-error" role="alert">
                <p>{failure.message().to_owned()}</p>
                <p>
                    <Sentence msg=Msg::OrganiserLost placeholder="address">
                        <a href=STAFF_MAILTO>{STAFF_ADDRESS}</a>
                    </Sentence>
                </p>
            </div>
        }
        .into_any(),
        Shown::View(view) => {
            let group = view.group.clone().map(|group| view! { <ManageGroup group page /> });
            let view = *view;
            view! {
                {view.status.is_some().then(|| view! { <RequestState view=view.clone() page /> })}
                {group}
                {view.request.clone().map(|request| view! { <WhatWasSent request page pending=view.can_withdraw() /> })}
            }
            .into_any()
        }
    }
}
