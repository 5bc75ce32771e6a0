//! Site-wide settings and the pure helpers built on them (document titles).

/// The portal's name: shown in the header and at the end of every document title.
pub const SITE_NAME: &str = "OpenStack User Groups";

/// The id of the `<main>` landmark: target of the skip link, and of focus after a
/// navigation to a page without a heading.
pub const MAIN_ID: &str = "main";

/// One-line description of the portal, used by the home page and the footer: the home page's
/// description in the route table.
pub const TAGLINE: &str = groups_core::routes::route(groups_core::routes::Page::Home).description;

/// Separator between a page's own title and the site name: a middle dot reads well in tabs
/// and is announced as a short pause by screen readers.
const TITLE_SEPARATOR: &str = " · ";

/// The document title for a page: `"<page> · <site name>"`, or the site name alone when the
/// page has no title of its own (the home page), so that tabs never show a dangling separator.
pub fn document_title(page: &str) -> String {
    let page = page.trim();
    if page.is_empty() || page == SITE_NAME {
        SITE_NAME.to_string()
    } else {
        format!("{page}{TITLE_SEPARATOR}{SITE_NAME}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_title_is_followed_by_the_site_name() {
        assert_eq!(document_title("Groups"), "Groups · OpenStack User Groups");
    }

    #[test]
    fn empty_or_site_name_title_is_the_site_name_alone() {
        assert_eq!(document_title(""), SITE_NAME);
        assert_eq!(document_title("   "), SITE_NAME);
        assert_eq!(document_title(SITE_NAME), SITE_NAME);
    }

    #[test]
    fn surrounding_whitespace_is_trimmed() {
        assert_eq!(document_title("  Start a group \n"), "Start a group · OpenStack User Groups");
    }
}
