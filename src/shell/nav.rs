//! The main navigation's entries and the rule that says which one is current.

use groups_core::routes;

use crate::pages::{lookup as content, translated};

/// One entry of the main navigation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NavItem {
    pub label: &'static str,
    pub href: String,
    /// Whether the label is English in another language (a content page's title where the
    /// page is not translated into it).
    pub english: bool,
}

/// Everything in the main navigation: the app's sections (the route table's menu, in its
/// order), then the content pages that have a menu label, in their menu order.
pub fn items() -> Vec<NavItem> {
    let sections = routes::menu().map(|(label, page)| NavItem { label, href: routes::href(page), english: false });
    let pages = content::menu().map(|page| NavItem {
        label: translated::menu_label(page),
        href: routes::at(page.href),
        english: !translated::says(page),
    });
    sections.chain(pages).collect()
}

/// Whether `href` is the current section for the location `path`: an exact match, or a
/// sub-path (`/groups/berlin` is within "Groups"). The home link is current only on `/`.
pub fn is_current(href: &str, path: &str) -> bool {
    let path = path.trim_end_matches('/');
    let href = href.trim_end_matches('/');
    if href.is_empty() {
        return path.is_empty();
    }
    path == href || path.strip_prefix(href).is_some_and(|rest| rest.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_and_nested_paths_are_current() {
        assert!(is_current("/groups", "/groups"));
        assert!(is_current("/groups", "/groups/"));
        assert!(is_current("/groups", "/groups/berlin"));
    }

    #[test]
    fn a_shared_prefix_is_not_a_sub_path() {
        assert!(!is_current("/groups", "/groupsx"));
        assert!(!is_current("/new-group", "/new"));
    }

    #[test]
    fn home_is_current_only_at_the_root() {
        assert!(is_current("/", "/"));
        assert!(!is_current("/", "/groups"));
    }

    #[test]
    fn the_menu_has_the_sections_then_the_content_pages() {
        let items = items();
        let sections: Vec<_> = items.iter().map(|i| (i.label, i.href.as_str())).take(3).collect();
        assert_eq!(sections, [("Groups", "/groups"), ("Meetings", "/meetings"), ("Start a group", "/new-group")]);
        let content: Vec<_> = items[routes::menu().count()..].iter().map(|i| i.href.clone()).collect();
        let expected: Vec<_> = content::menu().map(|p| format!("/{}", p.path)).collect();
        assert_eq!(content, expected);
    }

    #[test]
    fn every_entry_is_an_absolute_app_path() {
        for item in &items() {
            assert!(item.href.starts_with('/'), "{item:?}");
            assert!(!item.label.is_empty());
        }
    }
}
