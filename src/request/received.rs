//! What the visitor sees once the inbox has stored their request: its reference number, what
//! happens next, any edits that arrived too late to be part of it, and a way to start another.
//! It takes focus so the news is announced, and a reload shows it again.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::late::LateChange;
use crate::shell::focus::focus_by_id;

const ID: &str = "request-received";

/// The inbox's answer to a sent request, as this tab keeps it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Received {
    /// The reference number.
    pub id: String,
    /// Edits made while it was on its way that it does not hold.
    #[serde(default)]
    pub late: Vec<LateChange>,
}

#[component]
pub fn RequestReceived(received: Received, start_over: Callback<()>) -> impl IntoView {
    request_animation_frame(|| {
        focus_by_id(ID, false);
    });
    let Received { id, late } = received;
    let late = (!late.is_empty()).then(|| {
        view! {
            <div class="late">
                <h3>"Changes that are not in the request"</h3>
                <p>
                    "You changed these while the request was on its way, after it had arrived. Write to "
                    <a href="mailto:community@openinfra.dev">"community@openinfra.dev"</a>
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
            <p>"Your reference number is " <strong class="reference">{id}</strong> "."</p>
            <p>
                "Keep it: quote it if you write to us about this request. The staff will review it and "
                "write to the organisers at the email addresses you gave."
            </p>
            {late}
            <p>
                "Meanwhile, the " <a href="/organizer-tips">"tips for organisers"</a> " help you plan a first meeting."
            </p>
            <button type="button" class="button secondary" on:click=move |_| start_over.run(())>
                "Start another request"
            </button>
        </section>
    }
}
