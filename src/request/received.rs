//! What the visitor sees once the inbox has stored their request: its reference number and
//! what happens next. It takes focus so the news is announced.

use leptos::prelude::*;

use crate::shell::focus::focus_by_id;

const ID: &str = "request-received";

#[component]
pub fn RequestReceived(id: String) -> impl IntoView {
    request_animation_frame(|| {
        focus_by_id(ID, false);
    });
    view! {
        <section class="received" id=ID tabindex="-1" aria-labelledby="received-title">
            <h2 id="received-title">"Request received"</h2>
            <p>"Your reference number is " <strong class="reference">{id}</strong> "."</p>
            <p>
                "Keep it: quote it if you write to us about this request. The staff will review it and "
                "write to the organisers at the email addresses you gave."
            </p>
            <p>
                "Meanwhile, the " <a href="/organizer-tips">"tips for organisers"</a> " help you plan a first meeting."
            </p>
        </section>
    }
}
