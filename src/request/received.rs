//! What the visitor sees once the inbox has stored their request: its reference number, what
//! happens next, their private link (with a button that copies it), any edits that arrived too
//! late to be part of it, and a way to start another. It takes focus so the news is announced,
//! and a reload shows it again.

use groups_i18n::{t, Msg};
use leptos::{html, prelude::*, task::spawn_local};
use serde::{Deserialize, Serialize};

use groups_core::{
    organiser::Access,
    routes::at,
    site::{STAFF_ADDRESS, STAFF_MAILTO},
};

use super::late::LateChange;
use crate::{
    components::{copy::copy, sentence::Sentence},
    pages::lookup::named::ORGANIZER_TIPS,
    shell::focus::focus_by_id,
};

const ID: &str = "request-received";

/// The inbox's answer to a sent request, as this tab keeps it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Received {
    /// The reference number.
    pub id: String,
    /// The organiser's private key: the link `/my-request#<id>.<key>` follows the request.
    #[serde(default)]
    pub key: String,
    /// Edits made while it was on its way that it does not hold.
    #[serde(default)]
    pub late: Vec<LateChange>,
}

#[component]
pub fn RequestReceived(received: Received, start_over: Callback<()>) -> impl IntoView {
    request_animation_frame(|| {
        focus_by_id(ID, false);
    });
    let Received { id, key, late } = received;
    let private = if key.is_empty() {
        // The inbox gives a key only in the first answers (a request sent again much later,
        // from a kept draft, gets its reference without one).
        view! {
            <div class="private-link">
                <h3>{t(Msg::RequestPrivateLink)}</h3>
                <p>
                    <Sentence msg=Msg::RequestAlreadyArrived placeholder="address">
                        <a href=STAFF_MAILTO>{STAFF_ADDRESS}</a>
                    </Sentence>
                </p>
            </div>
        }
        .into_any()
    } else {
        let access = Access { subject: id.clone(), key };
        // The organiser's page in the language this page is in.
        let lang = groups_i18n::catalogue::speaking(Msg::RequestReceived).lang();
        let href = access.link_in("", lang);
        let shown = access.link_in(&window().location().origin().unwrap_or_default(), lang);
        let link = NodeRef::<html::A>::new();
        let said = RwSignal::new("");
        let copy_link = {
            let shown = shown.clone();
            move |_| {
                let Some(link) = link.get_untracked() else { return };
                // Emptied first, so that copying twice is said twice.
                said.set("");
                let shown = shown.clone();
                spawn_local(async move { said.set(copy(shown, link.into()).await) });
            }
        };
        view! {
            <div class="private-link">
                <h3>{t(Msg::RequestPrivateLink)}</h3>
                <p>{t(Msg::RequestFollow)}</p>
                <p class="link-text" translate="no"><a href=href node_ref=link>{shown}</a></p>
                <p class="copy-line">
                    <button type="button" class="button secondary" on:click=copy_link>{t(Msg::RequestCopyLink)}</button>
                    " "
                    <span class="copy-status" role="status">{move || said.get()}</span>
                </p>
                <p>
                    <Sentence msg=Msg::RequestKeepSafe placeholder="strong">
                        <strong>{t(Msg::RequestKeepSafeStrong)}</strong>
                    </Sentence>
                </p>
            </div>
        }
        .into_any()
    };
    let late = (!late.is_empty()).then(|| {
        view! {
            <div class="late">
                <h3>{t(Msg::RequestLateTitle)}</h3>
                <p>
                    <Sentence msg=Msg::RequestLate placeholder="address">
                        <a href=STAFF_MAILTO>{STAFF_ADDRESS}</a>
                    </Sentence>
                </p>
                <dl>
                    {late
                        .into_iter()
                        .map(|c| {
                            let now = if c.now.is_empty() { t(Msg::RequestCleared).to_owned() } else { c.now };
                            view! { <dt>{c.field}</dt> <dd dir="auto">{now}</dd> }
                        })
                        .collect_view()}
                </dl>
            </div>
        }
    });
    view! {
        <section class="received" id=ID tabindex="-1" aria-labelledby="received-title">
            <h2 id="received-title">{t(Msg::RequestReceived)}</h2>
            <p>
                <Sentence msg=Msg::RequestReference placeholder="reference">
                    <strong class="reference">{id.clone()}</strong>
                </Sentence>
            </p>
            <p>{t(Msg::RequestKeepReference)}</p>
            {private}
            {late}
            <p>
                <Sentence msg=Msg::RequestTips>
                    <a href=at(ORGANIZER_TIPS.href)>{t(Msg::RequestTipsLink)}</a>
                </Sentence>
            </p>
            <button type="button" class="button secondary" on:click=move |_| start_over.run(())>
                {t(Msg::RequestAgain)}
            </button>
        </section>
    }
}
