//! The content pages, compiled from `src/content/*.md` by `build.rs` into checked, safe HTML.

/// A heading inside a page, with the id that `#fragment` links use.
#[derive(Debug, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: &'static str,
    pub text: &'static str,
}

/// One content page.
#[derive(Debug, PartialEq, Eq)]
pub struct Page {
    pub title: &'static str,
    /// The route, without slashes around it.
    pub path: &'static str,
    /// The page's canonical address: `/` and its path.
    pub href: &'static str,
    /// Label in the main navigation, if the page is in it.
    pub menu: Option<&'static str>,
    pub weight: i64,
    /// Other routes that show this page.
    pub aliases: &'static [&'static str],
    /// The privacy policy's version, carried in every consent record.
    pub version: Option<&'static str>,
    pub headings: &'static [Heading],
    /// The body as HTML, rendered and sanitised at build time.
    pub html: &'static str,
}

impl Page {
    /// The address of the heading with `id` in the page: `/organizer-tips#sponsors-and-money`.
    pub fn section_href(&self, id: &str) -> String {
        debug_assert!(self.headings.iter().any(|h| h.id == id), "{} has no heading #{id}", self.path);
        format!("{}#{id}", groups_core::routes::at(self.href))
    }
}

// `PRIVACY_POLICY_VERSION`, `PAGES`, `MENU` and `named` (each page as a constant: a link to a
// page that does not exist does not compile).
include!(concat!(env!("OUT_DIR"), "/content.rs"));

/// The page at `route`: its path or an alias, each also under `/content/`, with or without
/// slashes around it.
pub fn find(route: &str) -> Option<&'static Page> {
    PAGES.iter().find(|page| groups_core::routes::shows_content(route, page.path, page.aliases))
}

/// Whether a content page is shown at `route` (see [`find`]).
pub fn is_content(route: &str) -> bool {
    find(route).is_some()
}

/// The pages in the main navigation, by weight and then title.
pub fn menu() -> impl Iterator<Item = &'static Page> {
    MENU.iter().map(|&i| &PAGES[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_is_found_by_path_content_path_and_alias() {
        assert!(!PAGES.is_empty());
        for page in PAGES {
            for route in std::iter::once(&page.path).chain(page.aliases) {
                assert_eq!(find(route), Some(page), "{route}");
                assert_eq!(find(&format!("/content/{route}/")), Some(page), "/content/{route}/");
            }
        }
        assert_eq!(find("no-such-page"), None);
        assert_eq!(find(""), None);
    }

    #[test]
    fn the_seed_page_has_its_seven_questions() {
        let page = find("what-are-user-groups").unwrap();
        assert_eq!(page.title, "What are User Groups?");
        let questions: Vec<_> = page.headings.iter().filter(|h| h.level == 2).map(|h| h.text).collect();
        assert_eq!(questions.len(), 7, "{questions:?}");
        assert_eq!(questions[0], "What are user groups?");
        assert!(!page.html.contains("<h1"));
    }

    #[test]
    fn the_old_portals_addresses_open_real_pages() {
        assert_eq!(find("content/organizer-tips").unwrap().path, "organizer-tips");
        assert_eq!(find("content/openstack-community-code-conduct").unwrap().path, "code-of-conduct");
        assert_eq!(find("official-group-process").unwrap().path, "official-group-process");
    }

    #[test]
    fn the_privacy_policy_has_a_version() {
        let version = find("privacy").unwrap().version.expect("a version");
        assert!(!version.is_empty());
    }

    #[test]
    fn the_menu_is_ordered_by_weight_then_title() {
        let pages: Vec<_> = menu().collect();
        assert!(!pages.is_empty());
        assert!(pages.iter().all(|p| p.menu.is_some()));
        assert!(pages.windows(2).all(|w| (w[0].weight, w[0].title) <= (w[1].weight, w[1].title)));
    }

    #[test]
    fn each_page_has_its_constant() {
        assert_eq!(named::ORGANIZER_TIPS.path, "organizer-tips");
        assert_eq!(named::CODE_OF_CONDUCT.href, "/code-of-conduct");
        assert_eq!(find("privacy"), Some(named::PRIVACY));
        assert_eq!(named::ORGANIZER_TIPS.section_href("sponsors-and-money"), "/organizer-tips#sponsors-and-money");
    }

    #[test]
    fn the_pages_write_to_the_staff_at_the_sites_address() {
        // The markdown spells the address out; it must be the one the app and the server use.
        let mut mailed = 0;
        for page in PAGES {
            for (at, _) in page.html.match_indices("mailto:") {
                assert!(
                    page.html[at..].starts_with(&format!("{}\"", groups_core::site::STAFF_MAILTO)),
                    "/{}",
                    page.path
                );
                mailed += 1;
            }
        }
        assert!(mailed >= 3, "{mailed}");
    }

    #[test]
    fn internal_links_point_inside_the_app() {
        let seed = find("what-are-user-groups").unwrap();
        assert!(seed.html.contains("href=\"/organizer-tips\""), "{}", seed.html);
        assert!(seed.html.contains("href=\"/code-of-conduct\""), "{}", seed.html);
        assert!(!seed.html.contains("groups.openstack.org"), "{}", seed.html);
        assert!(seed.html.contains("rel=\"noopener noreferrer\""));
    }
}
