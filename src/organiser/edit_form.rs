//! What the organiser's two forms share (the listed group's details, a pending request's
//! group): the draft as typed, its errors (shown once a save is tried, then following each
//! keystroke, with the server's per field beside them), one field per kind of link, and the
//! save itself: checked first, sent with what the page showed (so only what changed is saved),
//! the server's field errors placed back on their fields and focus taken to the first; and
//! the edit kept in this tab until it is saved or cancelled (`kept_edit`), so a reload loses
//! nothing.

use groups_core::{
    links::LinkKind,
    problem::Problem,
    validate::{Field, FieldErrors},
};
use groups_i18n::{t, Msg};
use leptos::prelude::*;
use serde::{de::DeserializeOwned, Serialize};

use super::{
    api::Failure,
    edit::field_errors,
    kept_edit::{self, Kept, Mergeable},
    page::{call, Organiser, Shown},
};
use crate::request::{draft::link_input_id, fields::TextField};

/// A draft an organiser's form edits.
pub trait Draft: Clone + PartialEq + Send + Sync + Serialize + DeserializeOwned + 'static {
    /// The details the server holds, which the draft is made from and sent as.
    type Details: Mergeable + Send + Sync + Serialize + DeserializeOwned + 'static;
    /// The form's name: its CSS class, and its part of the storage key.
    const FORM: &'static str;
    fn from_details(details: &Self::Details) -> Self;
    fn to_details(&self) -> Self::Details;
    /// The rules' verdict, before anything is sent.
    fn check(&self) -> Result<(), FieldErrors>;
    /// One address per [`LinkKind::ALL`].
    fn links(&self) -> &[String];
    fn links_mut(&mut self) -> &mut Vec<String>;
    /// The field of the link of `kind`, as the errors name it (its place among those sent).
    fn link_field(&self, kind: LinkKind) -> Option<Field> {
        crate::request::link_slots::field(self.links(), kind)
    }
}

/// One form's draft and errors.
pub struct EditForm<D: Draft> {
    pub draft: RwSignal<D>,
    /// The details the edit began from: a save merges against them, and a draft equal to
    /// them has nothing to save.
    base: StoredValue<D::Details>,
    /// Where the edit is kept until it is saved or cancelled.
    key: StoredValue<String>,
    /// What the form says of an edit kept from before a reload.
    restored: StoredValue<Option<String>>,
    tried: RwSignal<bool>,
    server_errors: RwSignal<FieldErrors>,
    errors: Memo<FieldErrors>,
}

impl<D: Draft> Clone for EditForm<D> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<D: Draft> Copy for EditForm<D> {}

impl<D: Draft> EditForm<D> {
    /// The form for `subject` (a request's reference, a group's slug) whose details are
    /// `shown` now: with the edit kept in this tab, if there is one, restored over them.
    pub fn new(subject: &str, shown: &D::Details) -> EditForm<D> {
        let key = kept_edit::key(D::FORM, subject);
        let (start, base, restored) = match kept_edit::load::<D, D::Details>(&key) {
            Some(kept) => {
                let restored = kept_edit::restore(kept.draft.to_details(), kept.base, shown);
                (D::from_details(&restored.details), restored.base, Some(restored.said))
            }
            None => (D::from_details(shown), shown.clone(), None),
        };
        let draft = RwSignal::new(start);
        let tried = RwSignal::new(false);
        let server_errors = RwSignal::new(FieldErrors::default());
        let errors = Memo::new(move |_| {
            let mut errors =
                if tried.get() { draft.with(|d| d.check().err().unwrap_or_default()) } else { FieldErrors::default() };
            server_errors.with(|s| errors.0.extend(s.0.iter().cloned()));
            errors
        });
        let form = EditForm {
            draft,
            base: StoredValue::new(base),
            key: StoredValue::new(key),
            restored: StoredValue::new(restored),
            tried,
            server_errors,
            errors,
        };
        // Kept while it differs from what it began from.
        Effect::new(move |_| {
            let kept = draft.with(|d| {
                form.base.with_value(|base| (d != &D::from_details(base)).then(|| (d.clone(), base.clone())))
            });
            form.key.with_value(|key| match kept {
                Some((draft, base)) => kept_edit::save(key, &Kept { draft, base }),
                None => kept_edit::forget(key),
            });
        });
        form
    }

    /// Drops the edit: the draft is what it began from, and nothing is kept.
    pub fn discard(self) {
        self.key.with_value(|key| kept_edit::forget(key));
        self.draft.set(self.base.with_value(D::from_details));
    }

    /// The message of `field`, while it has one.
    pub fn error(self, field: Field) -> Signal<Option<String>> {
        Signal::derive(move || self.errors.with(|e| e.get(field).map(Problem::text)))
    }

    /// A text of the draft: its value and what typing in it does.
    pub fn text(
        self,
        get: fn(&D) -> &String,
        set: fn(&mut D, String),
        field: Field,
    ) -> (Signal<String>, Callback<String>) {
        let draft = self.draft;
        let value = Signal::derive(move || draft.with(|d| get(d).clone()));
        (value, self.on_change(set, field))
    }

    /// What changing a part of the draft does: sets it, and drops the server's message of it.
    pub fn on_change<T: 'static>(self, set: fn(&mut D, T), field: Field) -> Callback<T> {
        let (draft, server_errors) = (self.draft, self.server_errors);
        Callback::new(move |v: T| {
            draft.update(|d| set(d, v));
            server_errors.update(|s| s.0.retain(|(f, _)| *f != field));
        })
    }

    /// What the form says of an edit kept from before a reload, if it restored one.
    pub fn restored_note(self) -> impl IntoView {
        self.restored.get_value().map(|said| view! { <p class="note" role="status">{said}</p> })
    }

    /// The links, one field per kind, as the new-group form has them.
    pub fn links_fieldset(self) -> impl IntoView {
        let (draft, server_errors, errors) = (self.draft, self.server_errors, self.errors);
        let fields = LinkKind::ALL
            .into_iter()
            .enumerate()
            .map(|(slot, kind)| {
                let value = Signal::derive(move || draft.with(|d| d.links()[slot].clone()));
                let on_input = Callback::new(move |v: String| {
                    draft.update(|d| d.links_mut()[slot] = v);
                    server_errors.set(FieldErrors::default());
                });
                let error = Signal::derive(move || {
                    let field = draft.with(|d| d.link_field(kind))?;
                    errors.with(|e| e.get(field).map(Problem::text))
                });
                let hint = (kind == LinkKind::Calendar).then(|| t(Msg::RequestCalendarHint).to_owned());
                view! {
                    <TextField id=link_input_id(kind) label=kind.name() optional=true hint value on_input error input_type="url" autocomplete="url" />
                }
            })
            .collect_view();
        view! {
            <fieldset>
                <legend>{t(Msg::GroupLinks)}</legend>
                {fields}
            </fieldset>
        }
    }

    /// Whether the draft differs from what the edit began from.
    pub fn dirty(self) -> bool {
        self.draft.with_untracked(|d| self.base.with_value(|base| d != &D::from_details(base)))
    }

    /// Saves the draft: checked first (the errors shown and the first field focused), then
    /// posted to `path` as `body` makes it from the details wanted and those the edit began
    /// from (for the server's merge), with the answer's view shown and `done` said; the
    /// server's field errors land on their fields. Once saved, nothing is kept.
    pub fn save<B: Serialize + 'static>(
        self,
        page: Organiser,
        path: &'static str,
        body: impl FnOnce(D::Details, D::Details) -> B,
        done: &'static str,
    ) {
        let form = D::FORM;
        self.tried.set(true);
        if self.draft.with_untracked(|d| d.check()).is_err() {
            page.said.set(Some(t(Msg::OrganiserFixFields).to_owned()));
            focus_first_invalid(form);
            return;
        }
        if !self.dirty() {
            page.said.set(Some(t(Msg::OrganiserNothingToSave).to_owned()));
            return;
        }
        let body = body(self.draft.with_untracked(D::to_details), self.base.get_value());
        let (server_errors, key) = (self.server_errors, self.key.get_value());
        page.run(
            async move {
                match call::<groups_core::organiser::OrganiserView>(path, &body).await {
                    Err(Failure::Refused { message, fields }) if !fields.is_empty() => {
                        server_errors.set(field_errors(&fields));
                        focus_first_invalid(form);
                        Err(Failure::Refused { message, fields })
                    }
                    Ok(view) => {
                        kept_edit::forget(&key);
                        Ok(Shown::View(Box::new(view)))
                    }
                    other => other.map(|v| Shown::View(Box::new(v))),
                }
            },
            done,
        );
    }
}

/// Moves focus to the first field the rules refused in the form of class `form`, once it is
/// drawn, so its message (above it) is in sight on a small screen and read out.
fn focus_first_invalid(form: &'static str) {
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        let first = document().query_selector(&format!(".{form} [aria-invalid=true]")).ok().flatten();
        if let Some(field) = first.and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = field.focus();
        }
    });
}
