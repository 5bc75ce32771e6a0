//! A labelled select whose options and choice follow signals, redrawn only when they change.

use leptos::prelude::*;

/// A labelled select: `options` are (value, text) pairs, the first meaning "any".
#[component]
pub fn Choice(
    id: &'static str,
    label: &'static str,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(into)] value: Signal<String>,
    on_change: impl Fn(String) + 'static,
) -> impl IntoView {
    // Rebuild the options only when they change, and set the choice on the select itself once
    // per change (not a reactive `selected` on every option): any other filter change leaves
    // this select untouched.
    let options = Memo::new(move |_| options.get());
    let value = Memo::new(move |_| value.get());
    let select = NodeRef::<leptos::html::Select>::new();
    Effect::new(move |_| {
        options.track();
        let chosen = value.get();
        if let Some(select) = select.get() {
            select.set_value(&chosen);
        }
    });
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id node_ref=select on:change=move |ev| on_change(event_target_value(&ev))>
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(v, text)| view! { <option value=v>{text}</option> })
                        .collect_view()
                }}
            </select>
        </div>
    }
}
