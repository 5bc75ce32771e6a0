//! HTML built as a string, escaped: the group list renders its page of items in one
//! `innerHTML` assignment (many times faster than creating them one by one); the build writes
//! each page's document and the server fills group pages and the directory for readers
//! without JavaScript, with the same head tags and the same slots.

use serde::{Deserialize, Serialize};

/// Where the build writes the pre-rendered documents, under `dist/`; not served as files.
pub const PAGES_DIR: &str = "_pages";

/// In a pre-rendered document: replaced by the page's own `<title>`, description, canonical
/// link and Open Graph tags (a group's page, filled by the server).
pub const HEAD_SLOT: &str = "<!--slot:head-->";
/// In a pre-rendered document, inside a `<noscript>`: replaced by what a reader without
/// JavaScript sees of the groups (the directory's list, a group's summary).
pub const BODY_SLOT: &str = "<!--slot:body-->";
/// In the home page's pre-rendered document, inside the next meetings' `<noscript>`: replaced
/// by the next meetings for a reader without JavaScript.
pub const MEETINGS_SLOT: &str = "<!--slot:meetings-->";
/// The address a page was asked for, in the 404 page's text and its links to the same
/// address in other languages (`/ja/__requested_path__`); replaced by the real one, without
/// its language's segment.
pub const PATH_SLOT: &str = "/__requested_path__";
/// A group's slug in its page's template (the language switcher's links lead to the same
/// group); replaced by the group's.
pub const SLUG_SLOT: &str = "__group_slug__";

/// What the build says about its pre-rendered pages (`dist/_pages/pages.json`), for the
/// server's routes and sitemap.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// The site's canonical origin (`https://groups.openstack.org`), without a final `/`.
    pub origin: String,
    pub site_name: String,
    pub pages: Vec<ManifestPage>,
}

impl Manifest {
    /// The content page shown at `wanted` (its path or an alias, under `/content/` or not).
    pub fn page(&self, wanted: &str) -> Option<&ManifestPage> {
        self.pages.iter().find(|p| crate::routes::shows_content(wanted, &p.path, &p.aliases))
    }

    /// Whether `wanted` shows a content page that `lang` has not translated (for
    /// `routes::shown_in_english`).
    pub fn in_english(&self, wanted: &str, lang: groups_i18n::Lang) -> bool {
        self.page(wanted).is_some_and(|p| lang != groups_i18n::Lang::En && !p.languages.iter().any(|l| l == lang.tag()))
    }
}

/// A content page: its canonical path, the other paths that show it, and when it changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestPage {
    pub path: String,
    pub aliases: Vec<String>,
    /// `YYYY-MM-DD`: when its file last changed (its last commit), when known.
    pub lastmod: Option<String>,
    /// The tags of the languages it is translated into besides English (`ja`, `pt-BR`).
    #[serde(default)]
    pub languages: Vec<String>,
}

/// The picture link previews show for every page: the world with the groups on it, drawn at
/// build time (`prerender::og_image`) into the site's root, at this size.
pub const OG_IMAGE: &str = "/og-image.png";
pub const OG_IMAGE_WIDTH: u32 = 1200;
pub const OG_IMAGE_HEIGHT: u32 = 630;
/// What the picture shows, for those who cannot see it.
pub const OG_IMAGE_ALT: &str = "A map of the world with the OpenStack user groups marked on it.";

/// The head tags every page has: its title, description, canonical link and Open Graph
/// tags (for link previews, with the site's picture at an absolute address on the origin of
/// `url`, as previews require), all escaped.
pub fn head_tags(title: &str, description: &str, url: &str, site_name: &str) -> String {
    let origin = url.find("://").map_or("", |scheme| {
        let host = scheme + 3;
        &url[..url[host..].find('/').map_or(url.len(), |path| host + path)]
    });
    let image = escape(&format!("{origin}{OG_IMAGE}"));
    let (title, description, url, site) = (escape(title), escape(description), escape(url), escape(site_name));
    format!(
        "<title>{title}</title><meta name=\"description\" content=\"{description}\"><link rel=\"canonical\" href=\"{url}\">\
         <meta property=\"og:type\" content=\"website\"><meta property=\"og:site_name\" content=\"{site}\">\
         <meta property=\"og:title\" content=\"{title}\"><meta property=\"og:description\" content=\"{description}\">\
         <meta property=\"og:url\" content=\"{url}\"><meta property=\"og:image\" content=\"{image}\">\
         <meta property=\"og:image:type\" content=\"image/png\"><meta property=\"og:image:width\" content=\"{OG_IMAGE_WIDTH}\">\
         <meta property=\"og:image:height\" content=\"{OG_IMAGE_HEIGHT}\"><meta property=\"og:image:alt\" content=\"{OG_IMAGE_ALT}\">\
         <meta name=\"twitter:card\" content=\"summary_large_image\">"
    )
}

/// A page's versions (`hreflang` alternates): its address in each of `languages` (those that
/// say it whole, `routes::languages_of`; itself among them), and `x-default`, English's (where
/// `/` chooses for a visitor): `path` is English's.
pub fn alternates(origin: &str, path: &str, languages: &[groups_i18n::Lang]) -> String {
    let link = |hreflang: &str, href: String| {
        format!("<link rel=\"alternate\" hreflang=\"{hreflang}\" href=\"{}\">", escape(&format!("{origin}{href}")))
    };
    let mut out: String =
        languages.iter().map(|lang| link(lang.tag(), groups_i18n::address::localize(*lang, path))).collect();
    out.push_str(&link("x-default", path.to_owned()));
    out
}

/// Escapes `text` for use as element content or a double-quoted attribute value.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_names_its_address_in_every_language_and_the_default() {
        let links = alternates("https://e.org", "/groups?x=1&y=2", groups_i18n::Lang::ALL);
        assert!(
            links.starts_with("<link rel=\"alternate\" hreflang=\"en\" href=\"https://e.org/groups?x=1&amp;y=2\">"),
            "{links}"
        );
        assert!(links.contains("<link rel=\"alternate\" hreflang=\"ja\" href=\"https://e.org/ja/groups?x=1&amp;y=2\">"));
        assert!(links.contains("hreflang=\"zh-Hans\" href=\"https://e.org/zh-hans/groups"));
        assert!(links
            .ends_with("<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://e.org/groups?x=1&amp;y=2\">"));
        assert_eq!(links.matches("<link").count(), groups_i18n::Lang::ALL.len() + 1);
        // A page in English alone names itself, and itself as the default.
        assert_eq!(
            alternates("https://e.org", "/groups", &[groups_i18n::Lang::En]),
            "<link rel=\"alternate\" hreflang=\"en\" href=\"https://e.org/groups\">\
             <link rel=\"alternate\" hreflang=\"x-default\" href=\"https://e.org/groups\">"
        );
    }

    #[test]
    fn head_tags_are_escaped() {
        let tags = head_tags("A \"B\" <C>", "x & y", "https://e.org/?a=1&b=2", "S");
        assert!(tags.starts_with("<title>A &quot;B&quot; &lt;C&gt;</title>"), "{tags}");
        assert!(tags.contains("<meta name=\"description\" content=\"x &amp; y\">"));
        assert!(tags.contains("<link rel=\"canonical\" href=\"https://e.org/?a=1&amp;b=2\">"));
        assert!(tags.contains("<meta property=\"og:title\" content=\"A &quot;B&quot; &lt;C&gt;\">"));
        assert!(tags.contains("<meta property=\"og:image\" content=\"https://e.org/og-image.png\">"), "{tags}");
        assert!(tags.contains("<meta property=\"og:image:alt\" content=\"A map of the world"));
        let root = head_tags("T", "D", "https://groups.example.org", "S");
        assert!(root.contains("content=\"https://groups.example.org/og-image.png\""), "{root}");
    }

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(escape("<script>alert('x')</script>"), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        assert_eq!(escape("a \" onmouseover=\"x"), "a &quot; onmouseover=&quot;x");
        assert_eq!(escape("Tom & Jerry"), "Tom &amp; Jerry");
        assert_eq!(escape("São Paulo · 東京"), "São Paulo · 東京");
    }
}
