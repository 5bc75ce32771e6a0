//! Labelled form controls with their hint and error: the label is always visible, the error
//! sits next to the field and is tied to it with `aria-describedby` and `aria-invalid`.

use groups_i18n::{t, tf, tn, Msg};
use leptos::prelude::*;

/// The ids a control is described by: its hint and, when shown, its error.
pub fn described_by(
    id: &str,
    has_hint: bool,
    error: Signal<Option<String>>,
) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    let (hint, err) = (format!("{id}-hint"), format!("{id}-error"));
    move || {
        let ids: Vec<&str> = [has_hint.then_some(hint.as_str()), error.with(Option::is_some).then_some(err.as_str())]
            .into_iter()
            .flatten()
            .collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// The error line above a control (above, so it is read before the control and never hidden
/// by an on-screen keyboard).
pub fn error_line(id: &str, error: Signal<Option<String>>) -> impl IntoView {
    let id = format!("{id}-error");
    move || error.get().map(|message| view! { <p class="field-error" id=id.clone()>{message}</p> })
}

/// The country, chosen from every country by its English name (`id="country"`).
#[component]
pub fn CountrySelect(
    /// The code chosen (ISO 3166-1 alpha-2), empty for none.
    #[prop(into)]
    value: Signal<String>,
    on_change: Callback<String>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let select = NodeRef::<leptos::html::Select>::new();
    // Options exist only once the select is in the page: set its value from the draft then.
    Effect::new(move |_| {
        let code = value.get();
        if let Some(select) = select.get() {
            select.set_value(&code);
        }
    });
    view! {
        <div class="field" class:invalid=move || error.with(Option::is_some)>
            <label for="country">{t(Msg::PlaceCountry)}</label>
            {error_line("country", error)}
            <select
                id="country"
                name="country"
                autocomplete="country"
                required=true
                node_ref=select
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described_by("country", false, error)
                on:change=move |ev| on_change.run(event_target_value(&ev))
                inner_html=groups_core::markup::country_options()
            ></select>
        </div>
    }
}

/// A text input or text area.
#[component]
pub fn TextField(
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    /// Read by screen readers before the label, for context the layout shows ("Organiser 2:").
    #[prop(optional, into)]
    context: MaybeProp<String>,
    /// A line under the label (none when `None`).
    #[prop(optional, into)]
    hint: MaybeProp<String>,
    /// Not required: says "(optional)" in the label.
    #[prop(optional)]
    optional: bool,
    #[prop(into)] value: Signal<String>,
    on_input: Callback<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(default = "text")] input_type: &'static str,
    /// The `autocomplete` token (`name`, `email`, `address-level2`, `url`, or `off`).
    autocomplete: &'static str,
    /// A text area of this many rows instead of a one-line input.
    #[prop(optional)]
    rows: Option<u32>,
    /// Shows "n of max characters" under the field.
    #[prop(optional)]
    max_chars: Option<usize>,
) -> impl IntoView {
    let hint = hint.get_untracked();
    let has_hint = hint.is_some() || max_chars.is_some();
    let described = described_by(&id, has_hint, error);
    let invalid = move || error.with(Option::is_some).then_some("true");
    let input = move |ev: leptos::ev::Event| on_input.run(event_target_value(&ev));
    let control = match rows {
        Some(rows) => view! {
            <textarea
                id=id.clone()
                name=id.clone()
                rows=rows
                // Right-to-left names and places read from the right edge.
                dir="auto"
                autocomplete=autocomplete
                required=!optional
                aria-invalid=invalid
                aria-describedby=described
                prop:value=move || value.get()
                on:input=input
            ></textarea>
        }
        .into_any(),
        None => view! {
            <input
                id=id.clone()
                name=id.clone()
                type=input_type
                dir="auto"
                autocomplete=autocomplete
                required=!optional
                aria-invalid=invalid
                aria-describedby=described
                prop:value=move || value.get()
                on:input=input
            />
        }
        .into_any(),
    };
    let hint_id = format!("{id}-hint");
    let counter = max_chars.map(|max| move || characters_used(value.with(|v| v.trim().chars().count()), max));
    view! {
        <div class="field" class:invalid=move || error.with(Option::is_some)>
            <label for=id.clone()>
                {move || context.get().map(|c| view! { <span class="visually-hidden">{c}</span> })}
                {label}
                {optional.then_some(view! { <span class="optional">{t(Msg::RequestOptional)}</span> })}
            </label>
            {has_hint.then(|| view! { <p class="hint" id=hint_id>{hint}{counter}</p> })}
            {error_line(&id, error)}
            {control}
        </div>
    }
}

/// "12 of 1,000 characters used.", after the hint (the space that parts them is the
/// language's: none in Japanese and Chinese).
fn characters_used(used: usize, max: usize) -> String {
    let sentence = tn(
        Msg::RequestCharactersUsed,
        max as u64,
        &[(
            "used",
            &groups_i18n::number::format(
                groups_i18n::catalogue::speaking(Msg::RequestCharactersUsed).lang(),
                used as u64,
            ),
        )],
    );
    tf(Msg::RequestThen, &[("first", ""), ("second", &sentence)])
}

/// A checkbox with its label (the children, which may hold links) beside it.
#[component]
pub fn CheckField(
    #[prop(into)] id: String,
    checked: RwSignal<bool>,
    #[prop(into)] error: Signal<Option<String>>,
    children: Children,
) -> impl IntoView {
    let described = described_by(&id, false, error);
    view! {
        <div class="check" class:invalid=move || error.with(Option::is_some)>
            {error_line(&id, error)}
            <input
                type="checkbox"
                id=id.clone()
                name=id.clone()
                required=true
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described
                prop:checked=move || checked.get()
                on:change=move |ev| checked.set(event_target_checked(&ev))
            />
            <label for=id>{children()}</label>
        </div>
    }
}

/// The honeypot (see `GroupRequest::website`, `SignUp::website`): hidden from people and from
/// assistive technology alike, so only a robot fills it in. `trap` keeps what it holds.
#[component]
pub fn Honeypot(#[prop(default = "website")] id: &'static str, trap: RwSignal<String>) -> impl IntoView {
    view! {
        <div class="trap" hidden=true>
            <label for=id>{t(Msg::RequestHoneypot)}</label>
            <input id=id name="website" tabindex="-1" autocomplete="off" on:input=move |ev| trap.set(event_target_value(&ev)) />
        </div>
    }
}
