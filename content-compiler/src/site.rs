//! The whole site's content: every page parsed, routed, rendered and cross-checked.

use std::collections::HashMap;

use groups_core::routes::{is_reserved, match_path, Matched};

use crate::{
    front_matter::{self, FrontMatter, Parsed},
    render::{render, Heading, RenderContext},
    Diagnostic,
};

/// One markdown file.
#[derive(Clone, Debug)]
pub struct Source {
    /// The name shown in messages (`src/content/privacy.md`).
    pub file: String,
    pub text: String,
}

#[derive(Clone, Debug)]
pub struct Config {
    /// Links to this origin are internal (`https://groups.openstack.org`).
    pub canonical_origin: String,
}

/// The old portal's address, the site's canonical origin unless the build is told another.
pub const DEFAULT_CANONICAL_ORIGIN: &str = groups_core::site::DEFAULT_ORIGIN;

impl Config {
    /// The build's settings: the canonical origin from `GROUPS_CANONICAL_ORIGIN`, or the
    /// default. The app's `build.rs` and the pre-renderer both read it here.
    pub fn from_env() -> Config {
        let origin = std::env::var("GROUPS_CANONICAL_ORIGIN").unwrap_or_else(|_| DEFAULT_CANONICAL_ORIGIN.into());
        Config { canonical_origin: origin.trim_end_matches('/').to_owned() }
    }
}

/// A page ready to embed.
#[derive(Clone, Debug)]
pub struct CompiledPage {
    pub file: String,
    pub front: FrontMatter,
    pub html: String,
    /// The front matter's `description`, or else the first paragraph (shortened to about a
    /// search result's length).
    pub description: String,
    pub headings: Vec<Heading>,
}

/// Every `.md` file in `dir`, by name (the app's `build.rs` and the pre-renderer read the
/// pages so).
pub fn read_sources(dir: &std::path::Path) -> Result<Vec<Source>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: cannot read the pages: {e}", dir.display()))?;
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| match std::fs::read_to_string(&path) {
            Ok(text) => Ok(Source { file: path.display().to_string(), text }),
            Err(e) => Err(format!("{}: cannot read: {e}", path.display())),
        })
        .collect()
}

/// Compiles every page, or returns every problem found (not just the first).
pub fn compile(sources: &[Source], config: &Config) -> Result<Vec<CompiledPage>, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut parsed = Vec::new();
    for source in sources {
        match front_matter::parse(&source.file, &source.text) {
            Ok(page) => parsed.push((source, page)),
            Err(d) => errors.push(d),
        }
    }

    // route → (canonical route, file, line) for every path and alias.
    let mut routes: HashMap<String, (String, String, usize)> = HashMap::new();
    for (source, page) in &parsed {
        let front = &page.front;
        let claims = std::iter::once((&front.path, "path")).chain(front.aliases.iter().map(|a| (a, "aliases")));
        for (route, key) in claims {
            let line = front.lines.get(key).copied().unwrap_or(1);
            if is_reserved(route) {
                errors.push(Diagnostic::new(
                    &source.file,
                    line,
                    format!(
                        "`/{route}` belongs to the app itself; choose another {}",
                        if key == "path" { "path" } else { "alias" }
                    ),
                ));
            } else if let Some((_, file, other_line)) = routes.get(route.as_str()) {
                errors.push(Diagnostic::new(
                    &source.file,
                    line,
                    format!("`/{route}` is already used by {file}:{other_line}"),
                ));
            } else {
                routes.insert(route.clone(), (front.path.clone(), source.file.clone(), line));
            }
        }
    }

    let resolve = |path: &str| resolve_with(path, |page| routes.get(page).map(|(canonical, _, _)| canonical.clone()));

    let titles: HashMap<&str, &str> =
        parsed.iter().map(|(_, p)| (p.front.path.as_str(), p.front.title.as_str())).collect();
    let title_of = |route: &str| titles.get(route).map(|t| (*t).to_owned());
    let site = Site { config, resolve: &resolve, title_of: &title_of, originals: &[] };
    let mut compiled = site.render(&parsed, &mut errors);

    if errors.is_empty() {
        compiled.sort_by(|a, b| a.front.path.cmp(&b.front.path));
        Ok(compiled)
    } else {
        errors.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        Err(errors)
    }
}

/// What rendering a set of pages needs: the site's addresses and titles, and for a
/// translation the original pages (their headings' ids, and the targets of links to a page not
/// translated).
pub(crate) struct Site<'a> {
    pub config: &'a Config,
    pub resolve: &'a dyn Fn(&str) -> Option<String>,
    pub title_of: &'a dyn Fn(&str) -> Option<String>,
    pub originals: &'a [CompiledPage],
}

impl Site<'_> {
    /// Renders every parsed page, adding each problem to `errors`; then checks that each
    /// `#fragment` names a heading of the page it points to.
    pub(crate) fn render(&self, parsed: &[(&Source, Parsed)], errors: &mut Vec<Diagnostic>) -> Vec<CompiledPage> {
        let mut compiled = Vec::new();
        let mut links = Vec::new();
        for (source, page) in parsed {
            let line_of = |offset: usize| page.body_line + page.body[..offset].matches('\n').count();
            let original = self.originals.iter().find(|o| o.front.path == page.front.path);
            let ctx = RenderContext {
                canonical_origin: &self.config.canonical_origin,
                page_path: &page.front.path,
                resolve: self.resolve,
                title_of: self.title_of,
                heading_ids: original.map(|o| o.headings.as_slice()),
            };
            match render(&page.body, &ctx) {
                Ok(rendered) => {
                    for link in rendered.links {
                        links.push((source.file.clone(), line_of(link.offset), link));
                    }
                    let description = page
                        .front
                        .description
                        .clone()
                        .unwrap_or_else(|| shorten(&rendered.first_paragraph, DESCRIPTION_MAX));
                    compiled.push(CompiledPage {
                        file: source.file.clone(),
                        front: page.front.clone(),
                        html: rendered.html,
                        description,
                        headings: rendered.headings,
                    });
                }
                Err(problems) => {
                    errors.extend(
                        problems.into_iter().map(|(offset, m)| Diagnostic::new(&source.file, line_of(offset), m)),
                    );
                }
            }
        }
        for (file, line, link) in links {
            let Some(fragment) = link.fragment else {
                continue;
            };
            let Some(target) = compiled.iter().chain(self.originals).find(|p| p.front.path == link.route) else {
                continue;
            };
            if !target.headings.iter().any(|h| h.id == fragment) {
                errors.push(Diagnostic::new(
                    &file,
                    line,
                    format!("link to `/{}#{fragment}`: that page has no heading with the id `{fragment}`", link.route),
                ));
            }
        }
        compiled
    }
}

/// About what a search result shows of a description.
const DESCRIPTION_MAX: usize = 160;

/// Where a description may be cut: after a space, or after the punctuation that parts a
/// sentence in the scripts written without spaces (Chinese, Japanese).
const CUTS: &[char] = &['。', '、', '，', '！', '？', '；', '：'];

/// `text` (its spaces collapsed) cut at a word or a phrase before `max` characters, with an
/// ellipsis when cut; within a word only when its first is longer.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out = String::new();
    for piece in text.split_inclusive(|c: char| c == ' ' || CUTS.contains(&c)) {
        if out.chars().count() + piece.trim_end().chars().count() + 1 > max {
            break;
        }
        out.push_str(piece);
    }
    if out.is_empty() {
        out = text.chars().take(max - 1).collect();
    }
    out.trim_end().trim_end_matches([',', ';', ':', '.']).trim_end_matches(CUTS).to_owned() + "…"
}

/// The canonical route an internal link's `path` leads to (with `content/` before it or not): a
/// page of the app, else the content page `page_of` finds for it.
pub(crate) fn resolve_with(path: &str, page_of: impl Fn(&str) -> Option<String>) -> Option<String> {
    let path = path.strip_prefix("content/").unwrap_or(path);
    if is_app_route(path) {
        return Some(path.to_owned());
    }
    page_of(path)
}

/// Whether a page may link to `path` as a page of the app (home, the directory, a group, the
/// form: the route table's pages).
fn is_app_route(path: &str) -> bool {
    matches!(match_path(path), Matched::Page(..))
}

/// The privacy policy's version: the `version` of the one page that has one. The app and the
/// server both read it here, at build time, for the consent records they make and check.
pub fn policy_version(sources: &[Source]) -> Result<String, String> {
    let mut found = Vec::new();
    for source in sources {
        let page = front_matter::parse(&source.file, &source.text).map_err(|d| d.to_string())?;
        if let Some(version) = page.front.version {
            found.push((source.file.clone(), version));
        }
    }
    match found.as_slice() {
        [(_, version)] => Ok(version.clone()),
        [] => {
            Err("no page has a `version:`: the privacy policy's page needs one (every consent record carries it)"
                .into())
        }
        _ => Err(format!(
            "only the privacy policy's page has a `version:`, but {} do",
            found.iter().map(|(file, _)| file.as_str()).collect::<Vec<_>>().join(", ")
        )),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn source(file: &str, text: &str) -> Source {
        Source { file: file.into(), text: text.into() }
    }

    pub(crate) fn config() -> Config {
        Config { canonical_origin: "https://groups.openstack.org".into() }
    }

    fn errors(sources: &[Source]) -> Vec<String> {
        compile(sources, &config()).unwrap_err().iter().map(ToString::to_string).collect()
    }

    #[test]
    fn pages_link_to_each_other_by_path_alias_and_canonical_origin() {
        let pages = compile(
            &[
                source("a.md", "---\ntitle: A\npath: a\n---\n[b](https://groups.openstack.org/content/old-b#part) [home](/) [dir](/groups?region=europe)\n"),
                source("b.md", "---\ntitle: B\npath: b\naliases: [old-b]\n---\n## Part\n"),
            ],
            &config(),
        )
        .unwrap();
        let a = pages.iter().find(|p| p.front.path == "a").unwrap();
        assert!(a.html.contains("href=\"/b#part\""), "{}", a.html);
        assert!(a.html.contains("href=\"/\""), "{}", a.html);
        assert!(a.html.contains("href=\"/groups?region=europe\""), "{}", a.html);
    }

    #[test]
    fn a_description_is_given_or_the_first_paragraph() {
        let long = "word ".repeat(60);
        let pages = compile(
            &[
                source("a.md", "---\ntitle: A\npath: a\ndescription: Given: with a colon\n---\nFirst.\n"),
                source(
                    "b.md",
                    "---\ntitle: B\npath: b\n---\n# B\n\nThe *first*\nparagraph, [linked](/a).\n\nSecond.\n",
                ),
                source("c.md", &format!("---\ntitle: C\npath: c\n---\n{long}\n")),
            ],
            &config(),
        )
        .unwrap();
        assert_eq!(pages[0].description, "Given: with a colon");
        let japanese = "グループは、".repeat(40);
        let cut = shorten(&japanese, DESCRIPTION_MAX);
        assert!(cut.ends_with("グループは…") && cut.chars().count() <= DESCRIPTION_MAX, "{cut}");
        assert_eq!(shorten(&"あ".repeat(200), 10), format!("{}…", "あ".repeat(9)));
        assert_eq!(pages[1].description, "The first paragraph, linked.");
        assert!(
            pages[2].description.ends_with("word…") && pages[2].description.chars().count() <= 160,
            "{}",
            pages[2].description
        );
    }

    #[test]
    fn a_link_that_only_says_here_is_named_by_its_page() {
        let pages = compile(
            &[
                source("a.md", "---\ntitle: A\npath: a\n---\nSee [here](/b). Or [the B page](/b). Or [Here.](https://example.org).\n"),
                source("b.md", "---\ntitle: Tips & tricks\npath: b\n---\nB\n"),
            ],
            &config(),
        )
        .unwrap();
        let a = pages.iter().find(|p| p.front.path == "a").unwrap();
        assert!(
            a.html.contains("<a href=\"/b\">here<span class=\"visually-hidden\"> (Tips &amp; tricks)</span></a>"),
            "{}",
            a.html
        );
        assert!(a.html.contains("<a href=\"/b\">the B page</a>"), "{}", a.html);
        assert!(a.html.contains(">Here.</a>"), "an external link has no page title to add: {}", a.html);
    }

    #[test]
    fn a_duplicate_path_or_alias_names_both_places() {
        let found = errors(&[
            source("a.md", "---\ntitle: A\npath: same\n---\n"),
            source("b.md", "---\ntitle: B\npath: same\n---\n"),
            source("c.md", "---\ntitle: C\npath: c\naliases:\n  - same\n---\n"),
        ]);
        assert_eq!(found, ["b.md:3: `/same` is already used by a.md:3", "c.md:4: `/same` is already used by a.md:3"]);
    }

    #[test]
    fn the_apps_own_routes_are_taken() {
        for route in ["groups", "new-group", "groups/berlin", "content", "api/x"] {
            let found = errors(&[source("a.md", &format!("---\ntitle: A\npath: {route}\n---\n"))]);
            assert_eq!(found.len(), 1, "{route}");
            assert!(found[0].starts_with("a.md:3: `/"), "{found:?}");
            assert!(found[0].contains("belongs to the app"), "{found:?}");
        }
    }

    #[test]
    fn a_link_to_no_page_is_an_error_at_its_line() {
        let found = errors(&[source("a.md", "---\ntitle: A\npath: a\n---\nFirst line.\n\nSee [x](/nowhere) and [y](https://groups.openstack.org/content/gone).\n")]);
        assert_eq!(found.len(), 2);
        assert!(found[0].starts_with("a.md:7: link to `/nowhere`"), "{found:?}");
        assert!(found[1].starts_with("a.md:7: link to `https://groups.openstack.org/content/gone`"), "{found:?}");
    }

    #[test]
    fn a_link_to_a_missing_heading_is_an_error() {
        let found = errors(&[source("a.md", "---\ntitle: A\npath: a\n---\n## Here\n\n[ok](#here) [bad](#there)\n")]);
        assert_eq!(found, ["a.md:7: link to `/a#there`: that page has no heading with the id `there`"]);
    }

    #[test]
    fn every_problem_is_reported_not_just_the_first() {
        let found = errors(&[source("a.md", "no front matter"), source("b.md", "---\ntitle: B\n---\n")]);
        assert_eq!(found.len(), 2);
    }
}
