//! The site's own facts, each written once: its name, its staff's address, its canonical
//! origin by default, and how a document's title is made. The app, the pre-renderer, the server's
//! pages and mail and the content all take them from here.

/// The portal's name: shown in the header and at the end of every document title.
pub const SITE_NAME: &str = "OpenStack User Groups";

/// Where people write to the staff who run the portal (pages, mail, the organiser's page).
pub const STAFF_ADDRESS: &str = "community@openinfra.dev";

/// `mailto:` the staff.
pub const STAFF_MAILTO: &str = "mailto:community@openinfra.dev";

/// The canonical origin of a build that does not set one (`GROUPS_CANONICAL_ORIGIN`): the old
/// portal's address, which the seed page links to.
pub const DEFAULT_ORIGIN: &str = "https://groups.openstack.org";

/// Separator between a page's own title and the site's name: a middle dot reads well in tabs
/// and is announced as a short pause by screen readers.
const TITLE_SEPARATOR: &str = " · ";

/// The document title for a page: `"<page> · <site name>"`, or the site's name alone when the
/// page has no title of its own (the home page), so that tabs never show a dangling separator.
pub fn document_title(page: &str, site_name: &str) -> String {
    let page = page.trim();
    if page.is_empty() || page == site_name {
        site_name.to_owned()
    } else {
        format!("{page}{TITLE_SEPARATOR}{site_name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_title_is_followed_by_the_site_name() {
        assert_eq!(document_title("Groups", SITE_NAME), "Groups · OpenStack User Groups");
        assert_eq!(document_title("  ", SITE_NAME), SITE_NAME);
        assert_eq!(document_title(SITE_NAME, SITE_NAME), SITE_NAME);
    }

    #[test]
    fn the_mailto_is_the_address() {
        assert_eq!(STAFF_MAILTO.strip_prefix("mailto:"), Some(STAFF_ADDRESS));
    }
}
