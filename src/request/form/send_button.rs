//! The send button and, under it, the sending status: what is happening, each retry and its
//! wait, and a failure in words (a live region, so it is announced).

use leptos::prelude::*;

use super::state::{Form, Phase};
use crate::request::retry_policy::MAX_ATTEMPTS;

#[component]
pub fn SendButton(form: Form) -> impl IntoView {
    let busy = Memo::new(move |_| form.phase.with(Phase::is_busy));
    let status = move || match form.phase.get() {
        Phase::Editing | Phase::Done(_) => String::new(),
        Phase::Sending { attempt: 1 } => "Sending your request…".to_owned(),
        Phase::Sending { attempt } => {
            format!("Sending your request again (attempt {attempt} of {MAX_ATTEMPTS})…")
        }
        Phase::Waiting { reason, wait_ms, attempt, same_details } => {
            let seconds = wait_ms.div_ceil(1000);
            let edits = if same_details {
                "The last attempt may have arrived, so the next one sends the same details; changes you make now will be listed with the reference."
            } else {
                "Changes you make now go with the next attempt."
            };
            format!(
                "{reason} Trying again in {seconds} second{} (attempt {} of {MAX_ATTEMPTS})… {edits}",
                if seconds == 1 { "" } else { "s" },
                attempt + 1
            )
        }
        Phase::Failed(message) => message,
    };
    let failed = move || form.phase.with(|p| matches!(p, Phase::Failed(_)));
    view! {
        <div class="send">
            <button type="submit" class="button" aria-disabled=move || busy.get().then_some("true")>
                {move || if busy.get() { "Sending…" } else { "Send the request" }}
            </button>
            <p class="send-status" class:failed=failed role="status">{status}</p>
        </div>
    }
}
