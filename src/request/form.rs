//! The new-group request form (DESIGN.md, "Requesting a new group"): where, the group, its
//! organisers, the agreements and the privacy consent. The draft is saved as the visitor types;
//! the rules are `groups_core::validate`, the same the inbox applies; sending retries passing
//! failures under one idempotency key (`sending.rs`, `inbox.rs`).

use std::sync::Arc;

use groups_core::{
    consent::{CONSENT_TEXT, PRIVACY_POLICY_VERSION},
    links::LinkKind,
    regions::COUNTRIES,
    request::{Agreements, GroupRequest},
    validate::{validate, Field, FieldErrors, DESCRIPTION_MAX},
};
use leptos::{ev, html, prelude::*, task::spawn_local};

use groups_core::search::fold;

use super::{
    draft::{link_input_id, organizer_input_id, summary_line, Draft, Person},
    error_summary::{ErrorSummary, SUMMARY_ID},
    fields::{described_by, error_line, CheckField, TextField},
    inbox, nearby,
    nearby_groups::NearbyGroups,
    received::RequestReceived,
    sending::{self, Next, MAX_ATTEMPTS},
    storage,
};
use crate::{
    directory::{load::Groups, model::Directory},
    map::view::{GroupMap, PointPick},
    shell::focus::focus_by_id,
};

/// Where the form is in sending.
#[derive(Clone, Debug, PartialEq)]
enum Phase {
    Editing,
    Sending { attempt: u32 },
    Waiting { reason: String, wait_ms: u32, attempt: u32 },
    Failed(String),
    Done(String),
}

impl Phase {
    fn is_busy(&self) -> bool {
        matches!(self, Phase::Sending { .. } | Phase::Waiting { .. })
    }
}

/// The form's state, shared by its parts.
#[derive(Clone, Copy)]
struct Form {
    draft: RwSignal<Draft>,
    code_of_conduct: RwSignal<bool>,
    non_commercial: RwSignal<bool>,
    consent: RwSignal<bool>,
    /// The honeypot's content (see `GroupRequest::website`).
    trap: RwSignal<String>,
    /// Errors show once the visitor has tried to send, and then follow every edit.
    attempted: RwSignal<bool>,
    /// The inbox's own 422 answers, each until its field is edited.
    server_errors: RwSignal<FieldErrors>,
    errors: Memo<FieldErrors>,
    phase: RwSignal<Phase>,
}

impl Form {
    fn new() -> Form {
        let draft = RwSignal::new(storage::load_draft().unwrap_or_else(|| Draft::new(inbox::new_key())));
        let (code_of_conduct, non_commercial, consent) =
            (RwSignal::new(false), RwSignal::new(false), RwSignal::new(false));
        let attempted = RwSignal::new(false);
        let server_errors = RwSignal::new(FieldErrors::default());
        let agreements =
            move || Agreements { code_of_conduct: code_of_conduct.get(), non_commercial: non_commercial.get() };
        let errors = Memo::new(move |_| {
            let mut shown = if attempted.get() {
                let request = draft.with(|d| d.to_request(agreements(), consent.get()));
                validate(&request).err().unwrap_or_default()
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
        Effect::new(move |_| draft.with(storage::save_draft));
        Form {
            draft,
            code_of_conduct,
            non_commercial,
            consent,
            trap: RwSignal::new(String::new()),
            attempted,
            server_errors,
            errors,
            phase: RwSignal::new(Phase::Editing),
        }
    }

    fn request_untracked(self) -> GroupRequest {
        let agreements = Agreements {
            code_of_conduct: self.code_of_conduct.get_untracked(),
            non_commercial: self.non_commercial.get_untracked(),
        };
        let mut request = self.draft.with_untracked(|d| d.to_request(agreements, self.consent.get_untracked()));
        request.website = self.trap.get_untracked();
        request
    }

    fn error(self, field: Field) -> Signal<Option<String>> {
        Signal::derive(move || self.errors.with(|e| e.get(field).map(str::to_owned)))
    }

    /// A text of the draft: its value, and what an edit does (also forgetting the inbox's
    /// complaint about it).
    fn text(
        self,
        field: Field,
        get: impl Fn(&Draft) -> String + Send + Sync + 'static,
        set: impl Fn(&mut Draft, String) + Send + Sync + 'static,
    ) -> (Signal<String>, Callback<String>) {
        let value = Signal::derive(move || self.draft.with(&get));
        let on_input = Callback::new(move |text: String| {
            self.draft.update(|d| set(d, text));
            self.forget_server_error(field);
        });
        (value, on_input)
    }

    fn forget_server_error(self, field: Field) {
        if self.server_errors.with_untracked(|e| e.get(field).is_some()) {
            self.server_errors.update(|e| e.0.retain(|(f, _)| *f != field));
        }
    }

    /// Checks, then sends with retries; a second press while sending does nothing.
    fn submit(self) {
        if self.phase.with_untracked(Phase::is_busy) {
            return;
        }
        self.attempted.set(true);
        self.server_errors.set(FieldErrors::default());
        let request = self.request_untracked();
        if validate(&request).is_err() {
            self.phase.set(Phase::Editing);
            focus_summary();
            return;
        }
        self.phase.set(Phase::Sending { attempt: 1 });
        spawn_local(self.send(serde_json::to_string(&request).expect("a request is plain data")));
    }

    async fn send(self, body: String) {
        let mut attempt = 0;
        let mut renewed_key = false;
        loop {
            attempt += 1;
            self.phase.set(Phase::Sending { attempt });
            let key = self.draft.with_untracked(|d| d.key.clone());
            let outcome = inbox::post(body.clone(), &key).await;
            match sending::next(attempt, &outcome) {
                Next::Done(id) => {
                    storage::clear_draft();
                    self.phase.set(Phase::Done(id));
                    return;
                }
                Next::FixFields(fields) => {
                    let (known, unknown): (Vec<_>, Vec<_>) = fields
                        .into_iter()
                        .map(|(path, message)| (Field::from_path(&path), path, message))
                        .partition(|(f, ..)| f.is_some());
                    self.server_errors
                        .set(FieldErrors(known.into_iter().filter_map(|(f, _, m)| Some((f?, m))).collect()));
                    if unknown.is_empty() {
                        self.phase.set(Phase::Editing);
                        focus_summary();
                    } else {
                        let said: Vec<String> =
                            unknown.into_iter().map(|(_, path, message)| format!("{path}: {message}")).collect();
                        self.phase.set(Phase::Failed(format!("The inbox refused the request: {}", said.join(" "))));
                    }
                    return;
                }
                Next::NewKey if !renewed_key && attempt < MAX_ATTEMPTS => {
                    // An earlier attempt was stored before the details changed: these details
                    // are a request of their own.
                    renewed_key = true;
                    self.draft.update(|d| d.key = inbox::new_key());
                }
                Next::NewKey => {
                    self.phase.set(Phase::Failed("The inbox refused the request. Please write to us.".into()));
                    return;
                }
                Next::Retry { reason, wait_ms } => {
                    self.phase.set(Phase::Waiting { reason, wait_ms, attempt });
                    inbox::sleep(wait_ms).await;
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

/// The whole form, or the reference number once the inbox has the request.
#[component]
pub fn RequestForm() -> impl IntoView {
    let form = Form::new();
    let done = Memo::new(move |_| match form.phase.get() {
        Phase::Done(id) => Some(id),
        _ => None,
    });
    move || match done.get() {
        Some(id) => view! { <RequestReceived id /> }.into_any(),
        None => view! { <FormBody form /> }.into_any(),
    }
}

#[component]
fn FormBody(form: Form) -> impl IntoView {
    let draft = form.draft;
    let summary = Signal::derive(move || {
        form.errors.with(|e| {
            draft.with(|d| {
                e.0.iter()
                    .map(|(field, message)| (d.input_id(*field), summary_line(*field, message)))
                    .collect::<Vec<_>>()
            })
        })
    });
    let on_submit = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        form.submit();
    };
    view! {
        <form class="request-form" novalidate=true on:submit=on_submit>
            <ErrorSummary errors=summary />
            <WhereFieldset form />
            <GroupFieldset form />
            <OrganizersFieldset form />
            <fieldset>
                <legend>"Agreements"</legend>
                <CheckField id="agree-code-of-conduct" checked=form.code_of_conduct error=form.error(Field::CodeOfConduct)>
                    "The group and its organisers will follow the " <a href="/code-of-conduct">"code of conduct"</a> "."
                </CheckField>
                <CheckField id="agree-non-commercial" checked=form.non_commercial error=form.error(Field::NonCommercial)>
                    "The group will be non-commercial: sponsors are welcome, sales events are not (see "
                    <a href="/organizer-tips#sponsors-and-money">"sponsors and money"</a> ")."
                </CheckField>
            </fieldset>
            <fieldset class="consent">
                <legend>"Privacy consent"</legend>
                <CheckField id="consent" checked=form.consent error=form.error(Field::Consent)>
                    {CONSENT_TEXT}
                </CheckField>
                <p class="hint">
                    "The " <a href="/privacy">"privacy policy"</a> {format!(" (version {PRIVACY_POLICY_VERSION}) explains this in full.")}
                </p>
            </fieldset>
            // The honeypot: hidden from people and from assistive technology alike.
            <div class="trap" hidden=true>
                <label for="website">"Leave this empty"</label>
                <input id="website" name="website" tabindex="-1" autocomplete="off" on:input=move |ev| form.trap.set(event_target_value(&ev)) />
            </div>
            <SendControls form />
        </form>
    }
}

#[component]
fn WhereFieldset(form: Form) -> impl IntoView {
    let draft = form.draft;
    let groups = Groups::use_context();
    let loaded = move || groups.0.get().and_then(Result::ok);
    let country = Memo::new(move |_| draft.with(|d| d.country.clone()));
    let point = Memo::new(move |_| draft.with(|d| d.point));
    let place = Memo::new(move |_| draft.with(|d| (d.country.clone(), d.city.clone(), d.point)));

    let mut countries: Vec<_> = COUNTRIES.iter().collect();
    countries.sort_by_cached_key(|c| fold(c.name));
    let select = NodeRef::<html::Select>::new();
    // Options exist only once the select is in the page: set its value from the draft then.
    Effect::new(move |_| {
        let code = country.get();
        if let Some(select) = select.get() {
            select.set_value(&code);
        }
    });
    let country_error = form.error(Field::Country);
    let (city, on_city) = form.text(Field::City, |d| d.city.clone(), |d, v| d.city = v);

    let on_pick = Callback::new(move |(lat, lon): (f64, f64)| {
        // To about a kilometre: enough to find neighbours, no more precise than needed.
        let round = |v: f64| (v * 100.0).round() / 100.0;
        draft.update(|d| d.point = Some((round(lat), round(lon))));
        form.forget_server_error(Field::Point);
    });
    let pick = PointPick { picked: point.into(), on_pick };
    let point_error = form.error(Field::Point);

    view! {
        <fieldset>
            <legend>"Where the group will meet"</legend>
            <div class="field" class:invalid=move || country_error.with(Option::is_some)>
                <label for="country">"Country"</label>
                {error_line("country", country_error)}
                <select
                    id="country"
                    name="country"
                    autocomplete="country"
                    required=true
                    node_ref=select
                    aria-invalid=move || country_error.with(Option::is_some).then_some("true")
                    aria-describedby=described_by("country", false, country_error)
                    on:change=move |ev| {
                        let code = event_target_value(&ev);
                        draft.update(|d| d.country = code);
                        form.forget_server_error(Field::Country);
                    }
                >
                    <option value="">"Choose a country"</option>
                    {countries.into_iter().map(|c| view! { <option value=c.code>{c.name}</option> }).collect_view()}
                </select>
            </div>
            <TextField id="city" label="City" value=city on_input=on_city error=form.error(Field::City) autocomplete="address-level2" />
            <div class="field point-field" class:invalid=move || point_error.with(Option::is_some)>
                <p class="label" id="point-label">"Place on the map" <span class="optional">" (optional)"</span></p>
                <p class="hint" id="point-hint">
                    "Click the map where the group will meet. With a keyboard: focus the map, move it with the "
                    "arrow keys, zoom with + and −, and press Enter to put the pin under the cross."
                </p>
                {error_line("point", point_error)}
                {move || {
                    let directory = loaded().unwrap_or_else(|| Arc::new(Directory::new(Vec::new())));
                    let in_country = {
                        let directory = directory.clone();
                        Signal::derive(move || {
                            let code = country.get();
                            directory.groups.iter().enumerate().filter(|(_, g)| code.is_empty() || g.country.code == code).map(|(i, _)| i).collect::<Vec<_>>()
                        })
                    };
                    view! {
                        <GroupMap
                            directory
                            shown=in_country
                            fit_on=Signal::derive(move || country.get())
                            max_fit_zoom=8.0
                            label="Map: pick the place where the group will meet"
                            pick
                            quiet_markers=true
                        />
                    }
                }}
                <p class="point" id="point" aria-live="polite">
                    {move || match point.get() {
                        Some((lat, lon)) => format!("Pin: {}.", groups_core::geo::format_lat_lon(lat, lon)),
                        None => "No pin on the map.".to_owned(),
                    }}
                    {move || point.get().is_some().then(|| view! {
                        " "
                        <button type="button" class="link-button" on:click=move |_| draft.update(|d| d.point = None)>"Remove the pin"</button>
                    })}
                </p>
            </div>
        </fieldset>
        {move || loaded().map(|directory| {
            let groups = directory.clone();
            let near = Signal::derive(move || place.with(|(country, city, point)| nearby::near(&groups.groups, country, city, *point)));
            view! { <NearbyGroups directory near /> }
        })}
    }
}

#[component]
fn GroupFieldset(form: Form) -> impl IntoView {
    let draft = form.draft;
    let (name, on_name) = form.text(Field::Name, |d| d.name.clone(), |d, v| d.name = v);
    let (description, on_description) =
        form.text(Field::Description, |d| d.description.clone(), |d, v| d.description = v);
    let links = LinkKind::ALL
        .into_iter()
        .enumerate()
        .map(|(slot, kind)| {
            let index = Memo::new(move |_| draft.with(|d| d.sent_link_index(kind)));
            let field = move || index.get().map(Field::LinkUrl);
            let value = Signal::derive(move || draft.with(|d| d.links[slot].clone()));
            let on_input = Callback::new(move |text: String| {
                if let Some(f) = field() {
                    form.forget_server_error(f);
                }
                draft.update(|d| d.links[slot] = text);
            });
            let error = Signal::derive(move || {
                let i = index.get()?;
                form.errors.with(|e| e.get(Field::LinkUrl(i)).or(e.get(Field::LinkKind(i))).map(str::to_owned))
            });
            view! {
                <TextField
                    id=link_input_id(kind)
                    label=kind.label()
                    optional=true
                    value
                    on_input
                    error
                    input_type="url"
                    autocomplete="url"
                />
            }
        })
        .collect_view();
    view! {
        <fieldset>
            <legend>"The group"</legend>
            <TextField
                id="group-name"
                label="Group name"
                hint="For example “OpenStack Leipzig”."
                value=name
                on_input=on_name
                error=form.error(Field::Name)
                autocomplete="off"
            />
            <TextField
                id="description"
                label="Short description"
                hint="Who the group is for and what it will do, in a sentence or two."
                value=description
                on_input=on_description
                error=form.error(Field::Description)
                autocomplete="off"
                rows=4
                max_chars=DESCRIPTION_MAX
            />
            <fieldset class="links">
                <legend>"Links"</legend>
                <p class="hint">"Where people can find the group already, if anywhere. Full addresses, starting with https://."</p>
                {links}
            </fieldset>
        </fieldset>
    }
}

#[component]
fn OrganizersFieldset(form: Form) -> impl IntoView {
    let draft = form.draft;
    let count = Memo::new(move |_| draft.with(|d| d.organizers.len()));
    let can_add = Memo::new(move |_| draft.with(Draft::can_add_organizer));
    let add = move |_| {
        draft.update(|d| d.organizers.push(Person::default()));
        let id = organizer_input_id(count.get_untracked() - 1, "name");
        request_animation_frame(move || {
            focus_by_id(&id, false);
        });
    };
    let remove = move |i: usize| {
        draft.update(|d| {
            d.organizers.remove(i);
        });
        // Messages about organisers would now point at the wrong person.
        form.server_errors
            .update(|e| e.0.retain(|(f, _)| !matches!(f, Field::OrganizerName(_) | Field::OrganizerEmail(_))));
        let id = organizer_input_id(i.saturating_sub(1), "name");
        request_animation_frame(move || {
            focus_by_id(&id, false);
        });
    };
    let person = move |i: usize| {
        let context = format!("Organiser {}: ", i + 1);
        let (name, on_name) = form.text(
            Field::OrganizerName(i),
            move |d| d.organizers.get(i).map(|p| p.name.clone()).unwrap_or_default(),
            move |d, v| {
                if let Some(p) = d.organizers.get_mut(i) {
                    p.name = v;
                }
            },
        );
        let (email, on_email) = form.text(
            Field::OrganizerEmail(i),
            move |d| d.organizers.get(i).map(|p| p.email.clone()).unwrap_or_default(),
            move |d, v| {
                if let Some(p) = d.organizers.get_mut(i) {
                    p.email = v;
                }
            },
        );
        // Only the first organiser is likely to be the person filling in the form.
        let (name_token, email_token) = if i == 0 { ("name", "email") } else { ("off", "off") };
        view! {
            <fieldset class="organizer">
                <legend>{format!("Organiser {}", i + 1)}</legend>
                <TextField
                    id=organizer_input_id(i, "name")
                    label="Name"
                    context=context.clone()
                    value=name
                    on_input=on_name
                    error=form.error(Field::OrganizerName(i))
                    autocomplete=name_token
                />
                <TextField
                    id=organizer_input_id(i, "email")
                    label="Email"
                    context=context.clone()
                    hint="We write to this address about the request. It is never published."
                    value=email
                    on_input=on_email
                    error=form.error(Field::OrganizerEmail(i))
                    input_type="email"
                    autocomplete=email_token
                />
                {(i > 0).then(|| view! {
                    <button type="button" class="button secondary" on:click=move |_| remove(i)>
                        {format!("Remove organiser {}", i + 1)}
                    </button>
                })}
            </fieldset>
        }
    };
    view! {
        <fieldset>
            <legend>"Organisers"</legend>
            <p class="hint">"At least one and at most five people who will run the group."</p>
            {move || (0..count.get()).map(person).collect_view()}
            {move || if can_add.get() {
                view! { <button type="button" class="button secondary" on:click=add>"Add another organiser"</button> }.into_any()
            } else {
                view! { <p class="hint">"Five organisers is the most a request can name."</p> }.into_any()
            }}
        </fieldset>
    }
}

#[component]
fn SendControls(form: Form) -> impl IntoView {
    let busy = Memo::new(move |_| form.phase.with(Phase::is_busy));
    let status = move || match form.phase.get() {
        Phase::Editing | Phase::Done(_) => String::new(),
        Phase::Sending { attempt: 1 } => "Sending your request…".to_owned(),
        Phase::Sending { attempt } => {
            format!("Sending your request again (attempt {attempt} of {MAX_ATTEMPTS})…")
        }
        Phase::Waiting { reason, wait_ms, attempt } => {
            let seconds = wait_ms.div_ceil(1000);
            format!(
                "{reason} Trying again in {seconds} second{} (attempt {} of {MAX_ATTEMPTS})…",
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
