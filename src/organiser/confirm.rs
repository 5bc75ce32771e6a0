//! An action that cannot be undone, asked twice: the first button opens a question with the
//! consequence spelt out, which takes focus; "Yes" does it, "No" closes the question and gives
//! focus back to the first button.

use groups_i18n::{t, Msg};
use leptos::{html, prelude::*};

#[component]
pub fn ConfirmAction(
    /// The first button's text ("Withdraw this request").
    label: &'static str,
    /// What will happen, as a question.
    question: &'static str,
    /// The confirming button's text ("Yes, withdraw it").
    yes: &'static str,
    on_confirm: Callback<()>,
    /// While the action runs: both buttons wait.
    #[prop(into)]
    busy: Signal<bool>,
    /// A button with the danger style (closing, deleting).
    #[prop(optional)]
    danger: bool,
) -> impl IntoView {
    let asking = RwSignal::new(false);
    let question_ref = NodeRef::<html::Div>::new();
    let first_ref = NodeRef::<html::Button>::new();
    let class = if danger { "button danger" } else { "button secondary" };
    Effect::new(move |_| {
        if asking.get() {
            if let Some(el) = question_ref.get() {
                let _ = el.focus();
            }
        }
    });
    let close = move |_| {
        asking.set(false);
        request_animation_frame(move || {
            if let Some(button) = first_ref.get_untracked() {
                let _ = button.focus();
            }
        });
    };
    view! {
        <div class="confirm-action">
            <Show
                when=move || asking.get()
                fallback=move || {
                    view! {
                        <button type="button" class=class node_ref=first_ref on:click=move |_| asking.set(true)>
                            {label}
                        </button>
                    }
                }
            >
                <div class="confirm-question" role="group" aria-label=label tabindex="-1" node_ref=question_ref>
                    <p>{question}</p>
                    <button
                        type="button"
                        class=class
                        disabled=move || busy.get()
                        on:click=move |_| on_confirm.run(())
                    >
                        {move || if busy.get() { t(Msg::OrganiserWorking) } else { yes }}
                    </button>
                    " "
                    <button type="button" class="button secondary" disabled=move || busy.get() on:click=close>
                        {t(Msg::OrganiserGoBack)}
                    </button>
                </div>
            </Show>
        </div>
    }
}
