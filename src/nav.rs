//! The main navigation's entries and the rule that says which one is current.

/// One entry of the main navigation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NavItem {
    pub label: &'static str,
    pub href: &'static str,
}

/// The app's own sections, in the order the header shows them.
pub const MAIN_NAV: &[NavItem] = &[
    NavItem { label: "Groups", href: "/groups" },
    NavItem { label: "Start a group", href: "/new-group" },
];

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
    fn every_entry_is_an_absolute_app_path() {
        for item in MAIN_NAV {
            assert!(item.href.starts_with('/'), "{item:?}");
            assert!(!item.label.is_empty());
        }
    }
}
