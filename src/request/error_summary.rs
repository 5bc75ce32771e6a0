//! "There is a problem": every error of the form in one list at its top, each linking to its
//! field. It takes focus when a send is refused, so screen readers announce it at once.

use groups_i18n::{tn, Msg};
use leptos::{ev, prelude::*};

use crate::shell::focus::focus_by_id;

/// The id the form focuses after a refused send.
pub const SUMMARY_ID: &str = "error-summary";

/// `errors` are `(input id, message)` pairs in the form's order.
#[component]
pub fn ErrorSummary(#[prop(into)] errors: Signal<Vec<(String, String)>>) -> impl IntoView {
    // Links move focus to the field itself (not only scroll to it), without a navigation.
    let go = |id: String| {
        move |ev: ev::MouseEvent| {
            ev.prevent_default();
            focus_by_id(&id, false);
        }
    };
    move || {
        let errors = errors.get();
        (!errors.is_empty()).then(|| {
            let count = errors.len();
            view! {
                <div class="error-summary" id=SUMMARY_ID tabindex="-1" aria-labelledby="error-summary-title">
                    <h2 id="error-summary-title">
                        {tn(Msg::RequestProblems, count as u64, &[])}
                    </h2>
                    <ul>
                        {errors
                            .into_iter()
                            .map(|(id, message)| {
                                let href = format!("#{id}");
                                view! { <li><a href=href on:click=go(id)>{message}</a></li> }
                            })
                            .collect_view()}
                    </ul>
                </div>
            }
        })
    }
}
