//! The sign-up form's state (what is typed, the boxes, the errors shown, where sending is) and
//! what pressing send does: the checks first (`rules`), then attempts through the new-group
//! form's client (`request::inbox_client`), each outcome read by `sending`.

use groups_core::{
    interest::{SignUpField, API_PATH},
    places::Place,
    problem::Problem,
};
use leptos::{prelude::*, task::spawn_local};

use super::{
    kept,
    rules::{self, Typed},
    sending::{self, Next},
};
use crate::{request::inbox_client, shell::focus::focus_by_id};

/// Where sending is.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    Editing,
    Sending {
        attempt: u32,
    },
    Waiting {
        reason: String,
        wait_ms: u32,
        attempt: u32,
    },
    Failed(String),
    /// What the page says of the sign-up taken (`accepted_message`).
    Done(String),
}

impl Phase {
    pub fn is_busy(&self) -> bool {
        matches!(self, Phase::Sending { .. } | Phase::Waiting { .. })
    }
}

/// The id of the line that says the sign-up was taken: focus moves there.
pub const DONE_ID: &str = "interest-done";

#[derive(Clone, Copy)]
pub struct SignUpState {
    pub place: StoredValue<Place>,
    pub radius_km: RwSignal<u16>,
    pub typed: RwSignal<Typed>,
    pub consent: RwSignal<bool>,
    pub trap: RwSignal<String>,
    /// Errors show once the visitor has tried to send, and then follow every edit.
    pub attempted: RwSignal<bool>,
    /// The server's own refusals, until the next edit.
    pub server_errors: RwSignal<Vec<(SignUpField, Problem)>>,
    pub errors: Memo<Vec<(SignUpField, Problem)>>,
    pub phase: RwSignal<Phase>,
}

impl SignUpState {
    pub fn new(place: Place, radius_km: u16) -> SignUpState {
        let typed = RwSignal::new(kept::load(&place.id));
        let id = place.id.clone();
        Effect::new(move |_| typed.with(|t| kept::save(&id, t)));
        let place = StoredValue::new(place);
        let (radius_km, consent, trap) = (RwSignal::new(radius_km), RwSignal::new(false), RwSignal::new(String::new()));
        let attempted = RwSignal::new(false);
        let server_errors = RwSignal::new(Vec::<(SignUpField, Problem)>::new());
        let errors = Memo::new(move |_| {
            let mut shown = if attempted.get() {
                let body = place
                    .with_value(|p| typed.with(|t| rules::body(p, radius_km.get(), t, consent.get(), &trap.get())));
                place.with_value(|p| rules::errors(&body, p))
            } else {
                Vec::new()
            };
            server_errors.with(|server| {
                for (field, message) in server {
                    if !shown.iter().any(|(f, _)| f == field) {
                        shown.push((*field, message.clone()));
                    }
                }
            });
            shown.sort_by_key(|(field, _)| *field);
            shown
        });
        SignUpState {
            place,
            radius_km,
            typed,
            consent,
            trap,
            attempted,
            server_errors,
            errors,
            phase: RwSignal::new(Phase::Editing),
        }
    }

    /// The error shown for `field`, if any.
    pub fn error(self, field: SignUpField) -> Signal<Option<String>> {
        Signal::derive(move || self.errors.with(|e| e.iter().find(|(f, _)| *f == field).map(|(_, p)| p.text())))
    }

    /// Changes what was typed (the server's refusals go: they were about the old text).
    pub fn edit(self, change: impl FnOnce(&mut Typed)) {
        self.typed.update(change);
        self.server_errors.set(Vec::new());
    }

    /// Another distance: the sentence agreed to names the distance, so the box is cleared.
    pub fn set_radius(self, km: u16) {
        if self.radius_km.get_untracked() != km {
            self.radius_km.set(km);
            self.consent.set(false);
            self.server_errors.set(Vec::new());
        }
    }

    /// Checks, then sends with retries; a second press while sending does nothing.
    pub fn submit(self) {
        if self.phase.with_untracked(Phase::is_busy) {
            return;
        }
        self.attempted.set(true);
        self.server_errors.set(Vec::new());
        if !self.errors.with_untracked(Vec::is_empty) {
            self.phase.set(Phase::Editing);
            self.focus_first_error();
            return;
        }
        spawn_local(self.send());
    }

    async fn send(self) {
        let mut attempt = 0;
        loop {
            attempt += 1;
            self.phase.set(Phase::Sending { attempt });
            let body = self.place.with_value(|p| {
                self.typed.with_untracked(|t| {
                    rules::body(
                        p,
                        self.radius_km.get_untracked(),
                        t,
                        self.consent.get_untracked(),
                        &self.trap.get_untracked(),
                    )
                })
            });
            let json = serde_json::to_string(&body).expect("a sign-up is plain data");
            let outcome = inbox_client::post_json(API_PATH, json, None).await;
            match sending::next(attempt, &outcome) {
                Next::Done(message) => {
                    self.place.with_value(|p| kept::clear(&p.id));
                    self.phase.set(Phase::Done(message));
                    request_animation_frame(|| {
                        focus_by_id(DONE_ID, false);
                    });
                    return;
                }
                Next::FixFields(fields) => {
                    self.server_errors.set(fields);
                    self.phase.set(Phase::Editing);
                    self.focus_first_error();
                    return;
                }
                Next::Retry { reason, wait_ms } => {
                    self.phase.set(Phase::Waiting { reason, wait_ms, attempt });
                    inbox_client::sleep(wait_ms).await;
                }
                Next::Stop(message) => {
                    self.phase.set(Phase::Failed(message));
                    return;
                }
            }
        }
    }

    /// Moves focus to the first field in error once its message is drawn (the next frame), so
    /// that the message is read with the field.
    fn focus_first_error(self) {
        if let Some(field) = self.errors.with_untracked(|e| e.first().map(|(f, _)| *f)) {
            request_animation_frame(move || {
                focus_by_id(rules::input_id(field), false);
            });
        }
    }
}
