//! The send button and, under it, the sending status: what is happening, each retry and its
//! wait, and a failure in words (a live region, so it is announced).

use groups_i18n::{t, tf, tn, Msg};
use leptos::prelude::*;

use super::state::{Form, Phase};
use crate::request::retry_policy::MAX_ATTEMPTS;

#[component]
pub fn SendButton(form: Form) -> impl IntoView {
    let busy = Memo::new(move |_| form.phase.with(Phase::is_busy));
    let status = move || match form.phase.get() {
        Phase::Editing | Phase::Done(_) => String::new(),
        Phase::Sending { attempt: 1 } => t(Msg::RequestSending).to_owned(),
        Phase::Sending { attempt } => {
            tf(Msg::RequestSendingAgain, &[("attempt", &attempt.to_string()), ("max", &MAX_ATTEMPTS.to_string())])
        }
        Phase::Waiting { reason, wait_ms, attempt, same_details } => {
            let seconds = wait_ms.div_ceil(1000);
            let edits = t(if same_details { Msg::RequestSameDetails } else { Msg::RequestChangesGo });
            tn(
                Msg::RequestWaiting,
                seconds.into(),
                &[
                    ("reason", &reason),
                    ("attempt", &(attempt + 1).to_string()),
                    ("max", &MAX_ATTEMPTS.to_string()),
                    ("edits", edits),
                ],
            )
        }
        Phase::Failed(message) => message,
    };
    let failed = move || form.phase.with(|p| matches!(p, Phase::Failed(_)));
    view! {
        <div class="send">
            <button type="submit" class="button" aria-disabled=move || busy.get().then_some("true")>
                {move || t(if busy.get() { Msg::RequestSendingShort } else { Msg::RequestSend })}
            </button>
            <p class="send-status" class:failed=failed role="status">{status}</p>
        </div>
    }
}
