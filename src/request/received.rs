//! What the visitor sees once the inbox has stored their request: its reference number, what
//! happens next, their private link (with a button that copies it), any edits that arrived too
//! late to be part of it, and a way to start another. It takes focus so the news is announced,
//! and a reload shows it again.

use leptos::{html, prelude::*, task::spawn_local};
use serde::{Deserialize, Serialize};

use groups_core::{
    organiser::Access,
    routes::at,
    site::{STAFF_ADDRESS, STAFF_MAILTO},
};

use super::late::LateChange;
use crate::{components::copy::copy, pages::lookup::named::ORGANIZER_TIPS, shell::focus::focus_by_id};

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
                <h3>"Your private link"</h3>
                <p>
                    "This request had already arrived. Its private link was shown when it first did (and "
                    "mailed to the first organiser where this portal sends mail); if you have neither, write to "
                    <a href=STAFF_MAILTO>{STAFF_ADDRESS}</a>
                    " with the reference number for a new one."
                </p>
            </div>
        }
        .into_any()
    } else {
        let access = Access { subject: id.clone(), key };
        let href = access.link("");
        let shown = access.link(&window().location().origin().unwrap_or_default());
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
                <h3>"Your private link"</h3>
                <p>
                    "Follow your request with this link: see when it is decided and what the staff say, "
                    "withdraw it, and once your group is listed, keep its details up to date."
                </p>
                <p class="link-text"><a href=href node_ref=link>{shown}</a></p>
                <p class="copy-line">
                    <button type="button" class="button secondary" on:click=copy_link>"Copy link"</button>
                    " "
                    <span class="copy-status" role="status">{move || said.get()}</span>
                </p>
                <p>
                    <strong>"Keep it private and keep it safe"</strong>
                    ": anyone who has it can act for your group. Bookmark it or save it in a note; "
                    "we cannot show it again (staff can send you a new one)."
                </p>
            </div>
        }
        .into_any()
    };
    let late = (!late.is_empty()).then(|| {
        view! {
            <div class="late">
                <h3>"Changes that are not in the request"</h3>
                <p>
                    "You changed these while the request was on its way, after it had arrived. Write to "
                    <a href=STAFF_MAILTO>{STAFF_ADDRESS}</a>
                    " with your reference number to have them added:"
                </p>
                <dl>
                    {late
                        .into_iter()
                        .map(|c| {
                            let now = if c.now.is_empty() { "(cleared)".to_owned() } else { c.now };
                            view! { <dt>{c.field}</dt> <dd dir="auto">{now}</dd> }
                        })
                        .collect_view()}
                </dl>
            </div>
        }
    });
    view! {
        <section class="received" id=ID tabindex="-1" aria-labelledby="received-title">
            <h2 id="received-title">"Request received"</h2>
            <p>"Your reference number is " <strong class="reference">{id.clone()}</strong> "."</p>
            <p>
                "Keep it: quote it if you write to us about this request. The staff will review it and "
                "write to the organisers at the email addresses you gave."
            </p>
            {private}
            {late}
            <p>
                "Meanwhile, the " <a href=at(ORGANIZER_TIPS.href)>"tips for organisers"</a> " help you plan a first meeting."
            </p>
            <button type="button" class="button secondary" on:click=move |_| start_over.run(())>
                "Start another request"
            </button>
        </section>
    }
}
