//! The site footer.

use groups_core::routes::at;
use groups_i18n::{t, Msg};
use leptos::prelude::*;

use super::site::{site_name, tagline};
use crate::pages::{
    lookup::{
        named::{CODE_OF_CONDUCT, PRIVACY},
        Page,
    },
    translated::{title, title_lang},
};

/// Pages every visitor should be able to reach from anywhere.
pub const FOOTER_PAGES: &[&Page] = &[CODE_OF_CONDUCT, PRIVACY];

/// Footer shown on every page.
#[component]
pub fn SiteFooter() -> impl IntoView {
    let links = FOOTER_PAGES.iter();
    view! {
        <footer class="site-footer">
            <p>{site_name()} ": " {tagline()}</p>
            <nav aria-label=t(Msg::ShellPoliciesNav)>
                <ul>
                    {links.map(|page| view! { <li><a href=at(page.href) lang=title_lang(page)>{title(page)}</a></li> }).collect_view()}
                </ul>
            </nav>
            <p>{t(Msg::ShellVolunteers)}</p>
        </footer>
    }
}
