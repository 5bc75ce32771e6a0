//! A sentence of the catalogue with an element (a link, strong words) where its placeholder
//! stands: "Before you ask, check the {link}: …" drawn with the link inside, in whatever place
//! each language puts it.

use groups_i18n::{around, t, Msg};
use leptos::prelude::*;

/// `msg` in the page's language with `children` in place of its `{placeholder}` (`link` unless
/// said otherwise).
#[component]
pub fn Sentence(msg: Msg, #[prop(default = "link")] placeholder: &'static str, children: Children) -> impl IntoView {
    let (before, after) = around(t(msg), placeholder);
    view! { {before} {children()} {after} }
}
