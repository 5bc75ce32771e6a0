//! What pressing send does: the checks first, then attempts under one idempotency key (each
//! through `inbox_client`), retried as `retry_policy` decides, each step shown in the form's
//! phase; once stored, the draft is cleared and the answer kept (`session_store`).

use groups_core::{
    request::GroupRequest,
    validate::{validate, Field, FieldErrors},
};
use groups_i18n::{t, tf, Msg};
use leptos::{prelude::*, task::spawn_local};

use super::state::{Form, Phase};
use crate::{
    request::{
        error_summary::SUMMARY_ID,
        inbox_client,
        late::late_changes,
        received::Received,
        retry_policy::{self, Next, MAX_ATTEMPTS},
        session_store, TERMS,
    },
    shell::focus::focus_by_id,
};

impl Form {
    /// Checks, then sends with retries; a second press while sending does nothing.
    pub fn submit(self) {
        if self.phase.with_untracked(Phase::is_busy) {
            return;
        }
        self.attempted.set(true);
        self.server_errors.set(FieldErrors::default());
        if validate(&self.request_untracked(), TERMS).is_err() {
            self.phase.set(Phase::Editing);
            focus_summary();
            return;
        }
        self.phase.set(Phase::Sending { attempt: 1 });
        spawn_local(self.send());
    }

    /// Each attempt sends the form as it is then, so edits made while waiting to retry go
    /// with the next attempt; except after one that may have been stored, when the same
    /// details go again (see `retry_policy::may_be_stored`), and the edits are listed beside the
    /// reference.
    async fn send(self) {
        let mut attempt = 0;
        let mut renewed_key = false;
        let mut sent: Option<GroupRequest> = None;
        let mut same_details = false;
        loop {
            attempt += 1;
            let request = match sent.take().filter(|_| same_details) {
                Some(previous) => previous,
                None => {
                    let request = self.request_untracked();
                    if validate(&request, TERMS).is_err() {
                        // Edited while waiting into something the inbox would refuse.
                        self.phase.set(Phase::Editing);
                        focus_summary();
                        return;
                    }
                    request
                }
            };
            self.phase.set(Phase::Sending { attempt });
            let key = self.draft.with_untracked(|d| d.key.clone());
            let body = serde_json::to_string(&request).expect("a request is plain data");
            let outcome = inbox_client::post(body, &key).await;
            // Once an attempt may have been stored, every later one under this key sends the
            // same details: a refusal that follows (a 503 from a proxy, say) does not tell
            // whether that earlier one arrived.
            same_details |= retry_policy::may_be_stored(&outcome);
            let late = late_changes(&request, &self.request_untracked());
            sent = Some(request);
            match retry_policy::next(attempt, &outcome) {
                Next::Done { id, key } => {
                    let received = Received { id, key, late };
                    session_store::clear_draft();
                    session_store::save_received(&received);
                    self.phase.set(Phase::Done(received));
                    return;
                }
                Next::FixFields(fields) => {
                    let (known, unknown): (Vec<_>, Vec<_>) = fields
                        .into_iter()
                        .map(|(path, message)| (Field::from_path(&path), path, message))
                        .partition(|(f, ..)| f.is_some());
                    self.server_errors
                        .set(FieldErrors(known.into_iter().filter_map(|(f, _, p)| Some((f?, p))).collect()));
                    if unknown.is_empty() {
                        self.phase.set(Phase::Editing);
                        focus_summary();
                    } else {
                        let said: Vec<String> = unknown
                            .into_iter()
                            .map(|(_, path, problem)| format!("{path}: {}", problem.text()))
                            .collect();
                        // One sentence after another, as the language joins them.
                        let fields = said
                            .into_iter()
                            .reduce(|first, second| tf(Msg::RequestThen, &[("first", &first), ("second", &second)]));
                        let fields = fields.unwrap_or_default();
                        self.phase.set(Phase::Failed(tf(Msg::RequestRefusedFields, &[("fields", &fields)])));
                    }
                    return;
                }
                Next::NewKey if !renewed_key && attempt < MAX_ATTEMPTS => {
                    // An earlier send was stored before the details changed: these details
                    // are a request of their own.
                    renewed_key = true;
                    same_details = false;
                    self.draft.update(|d| d.key = inbox_client::new_key());
                }
                Next::NewKey => {
                    self.phase.set(Phase::Failed(t(Msg::RequestRefused).to_owned()));
                    return;
                }
                Next::Retry { reason, wait_ms } => {
                    self.phase.set(Phase::Waiting { reason, wait_ms, attempt, same_details });
                    inbox_client::sleep(wait_ms).await;
                }
                Next::Stop(message) => {
                    self.phase.set(Phase::Failed(message));
                    return;
                }
            }
        }
    }
}

/// Moves focus to the error summary once it is drawn (the next frame), so it is announced.
fn focus_summary() {
    request_animation_frame(|| {
        focus_by_id(SUMMARY_ID, false);
    });
}
