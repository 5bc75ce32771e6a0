//! The form's state, shared by its parts: the draft, the boxes, the errors shown and where
//! sending is. The errors are `groups_core::validate`'s, the rules the inbox applies too.

use groups_core::{
    problem::Problem,
    request::{Agreements, GroupRequest},
    validate::{validate, Field, FieldErrors},
};
use groups_i18n::{tf, Msg};
use leptos::prelude::*;

use crate::request::{draft::Draft, inbox_client, received::Received, session_store, TERMS};

/// Where the form is in sending.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    Editing,
    Sending {
        attempt: u32,
    },
    /// Waiting to try again; `same_details` when the next attempt must resend what the last
    /// one sent (it may have been stored), so that later edits are not part of it.
    Waiting {
        reason: String,
        wait_ms: u32,
        attempt: u32,
        same_details: bool,
    },
    Failed(String),
    Done(Received),
}

impl Phase {
    pub fn is_busy(&self) -> bool {
        matches!(self, Phase::Sending { .. } | Phase::Waiting { .. })
    }
}

/// The form's state, shared by its parts.
#[derive(Clone, Copy)]
pub struct Form {
    pub draft: RwSignal<Draft>,
    pub code_of_conduct: RwSignal<bool>,
    pub non_commercial: RwSignal<bool>,
    pub consent: RwSignal<bool>,
    /// The honeypot's content (see `GroupRequest::website`).
    pub trap: RwSignal<String>,
    /// Errors show once the visitor has tried to send, and then follow every edit.
    pub attempted: RwSignal<bool>,
    /// The inbox's own 422 answers, each until its field is edited.
    pub server_errors: RwSignal<FieldErrors>,
    pub errors: Memo<FieldErrors>,
    pub phase: RwSignal<Phase>,
    /// What became of the place the form was opened for (`offered_place`), in words.
    pub arrived: RwSignal<Option<String>>,
    /// The place last chosen (a town suggested, or the place the form was opened for), for
    /// the count of people who asked near it while the draft still names it.
    pub chosen: RwSignal<Option<groups_core::places::Place>>,
}

impl Form {
    pub fn new() -> Form {
        let draft = RwSignal::new(session_store::load_draft().unwrap_or_else(|| Draft::new(inbox_client::new_key())));
        // A reload after the request was sent shows its reference again.
        let phase = RwSignal::new(session_store::load_received().map_or(Phase::Editing, Phase::Done));
        let (code_of_conduct, non_commercial, consent) =
            (RwSignal::new(false), RwSignal::new(false), RwSignal::new(false));
        let attempted = RwSignal::new(false);
        let server_errors = RwSignal::new(FieldErrors::default());
        let agreements =
            move || Agreements { code_of_conduct: code_of_conduct.get(), non_commercial: non_commercial.get() };
        let errors = Memo::new(move |_| {
            let mut shown = if attempted.get() {
                let request = draft.with(|d| d.to_request(agreements(), consent.get()));
                validate(&request, TERMS).err().unwrap_or_default()
            } else {
                FieldErrors::default()
            };
            server_errors.with(|server| {
                for (field, message) in &server.0 {
                    if shown.get(*field).is_none() {
                        shown.0.push((*field, message.clone()));
                    }
                }
            });
            shown.0.sort_by_key(|(field, _)| *field);
            shown
        });
        // Keep the draft in this tab's storage as the visitor types.
        Effect::new(move |_| draft.with(session_store::save_draft));
        Form {
            draft,
            code_of_conduct,
            non_commercial,
            consent,
            trap: RwSignal::new(String::new()),
            attempted,
            server_errors,
            errors,
            phase,
            arrived: RwSignal::new(None),
            chosen: RwSignal::new(None),
        }
    }

    /// The form was opened for the place `id` (the directory's "Start a group in Leipzig"):
    /// once the place is read, it fills in where the group will meet, unless the draft says so
    /// already (a draft's own place is never overwritten), and the form says which.
    pub fn offered_place(self, id: String) {
        let book = crate::places::book::Book::use_context();
        Effect::new(move |done: Option<bool>| {
            if done == Some(true) {
                return true;
            }
            match book.get(&id) {
                crate::places::book::Known::Found(place) => {
                    let mut taken = false;
                    self.draft.update(|d| taken = d.take_place(&place));
                    if taken {
                        self.chosen.set(Some(place.clone()));
                    }
                    let message = if taken { Msg::RequestFilledIn } else { Msg::RequestNotFilledIn };
                    let said = tf(message, &[("place", &place.label())]);
                    self.arrived.set(Some(said));
                    true
                }
                crate::places::book::Known::Asking => false,
                _ => true,
            }
        });
    }

    /// A fresh, empty form for another request (the last one's reference is forgotten).
    pub fn start_over(self) {
        session_store::clear_received();
        self.draft.set(Draft::new(inbox_client::new_key()));
        for b in [self.code_of_conduct, self.non_commercial, self.consent] {
            b.set(false);
        }
        self.attempted.set(false);
        self.server_errors.set(FieldErrors::default());
        self.phase.set(Phase::Editing);
        self.arrived.set(None);
        self.chosen.set(None);
    }

    /// Chooses `code` as the country of a draft that has none yet (a link from the
    /// directory's "ask to start a group" for a country).
    pub fn suggest_country(self, code: &str) {
        if let Some(country) = groups_core::regions::country(&code.to_ascii_uppercase()) {
            if self.draft.with_untracked(|d| d.country.is_empty()) {
                self.draft.update(|d| d.country = country.code.to_owned());
            }
        }
    }

    pub fn request_untracked(self) -> GroupRequest {
        let agreements = Agreements {
            code_of_conduct: self.code_of_conduct.get_untracked(),
            non_commercial: self.non_commercial.get_untracked(),
        };
        let mut request = self.draft.with_untracked(|d| d.to_request(agreements, self.consent.get_untracked()));
        request.website = self.trap.get_untracked();
        request
    }

    /// The error shown for `field`: a memo of its own, so an edit elsewhere in the form
    /// redraws nothing here when this field's message stays the same.
    pub fn error(self, field: Field) -> Signal<Option<String>> {
        self.error_of(move || field)
    }

    /// The same for a field that moves (an organiser's, whose number changes when one before
    /// is removed).
    pub fn error_of(self, field: impl Fn() -> Field + Send + Sync + 'static) -> Signal<Option<String>> {
        Memo::new(move |_| self.errors.with(|e| e.get(field()).map(Problem::text))).into()
    }

    /// A text of the draft: its value (a memo of its own: a keystroke in one field leaves the
    /// others alone), and what an edit does (also forgetting the inbox's complaint about it).
    pub fn text(
        self,
        field: Field,
        get: impl Fn(&Draft) -> String + Send + Sync + 'static,
        set: impl Fn(&mut Draft, String) + Send + Sync + 'static,
    ) -> (Signal<String>, Callback<String>) {
        self.text_of(move || field, get, set)
    }

    /// [`Form::text`] for a field that moves.
    pub fn text_of(
        self,
        field: impl Fn() -> Field + Send + Sync + 'static,
        get: impl Fn(&Draft) -> String + Send + Sync + 'static,
        set: impl Fn(&mut Draft, String) + Send + Sync + 'static,
    ) -> (Signal<String>, Callback<String>) {
        let value = Memo::new(move |_| self.draft.with(&get)).into();
        let on_input = Callback::new(move |text: String| {
            self.draft.update(|d| set(d, text));
            self.forget_server_error(field());
        });
        (value, on_input)
    }

    pub fn forget_server_error(self, field: Field) {
        if self.server_errors.with_untracked(|e| e.get(field).is_some()) {
            self.server_errors.update(|e| e.0.retain(|(f, _)| *f != field));
        }
    }
}
