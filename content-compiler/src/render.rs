//! Markdown (CommonMark with tables) to safe HTML.
//!
//! The parser's events are rewritten before they reach the HTML writer: raw HTML becomes
//! text, every link and image goes through [`classify`], headings get stable ids, and tables
//! are wrapped so they scroll on narrow screens instead of widening the page. The only raw
//! HTML in the output is what this module writes itself.

use std::collections::HashSet;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use pulldown_cmark_escape::{escape_href, escape_html};

use crate::links::{classify, LinkTarget};

/// What rendering needs to know about the site.
pub struct RenderContext<'a> {
    pub canonical_origin: &'a str,
    /// The route of the page being rendered (relative links start from it).
    pub page_path: &'a str,
    /// The canonical route of an internal path, or `None` when no page has it.
    pub resolve: &'a dyn Fn(&str) -> Option<String>,
    /// The title of the page at a canonical route, to name a link whose own words say nothing
    /// of where it leads ("here").
    pub title_of: &'a dyn Fn(&str) -> Option<String>,
    /// For a translation, the original page's headings: the translation's take their ids in
    /// order (so `#fragment` links and the app's links to a section work in every language),
    /// and must match them in number and level.
    pub heading_ids: Option<&'a [Heading]>,
}

/// Link texts that say nothing of where a link leads: such a link to a page of the site gets
/// that page's title after its words, visually hidden, so that a screen reader's list of links
/// and a search engine know where it goes (the words on the page stay as written).
const VAGUE_LINK_TEXTS: &[&str] =
    &["here", "click here", "this", "this page", "link", "more", "read more", "learn more"];

/// A heading of the page, with the id its `#fragment` links use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// An internal link, to be checked once every page's headings are known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InternalLink {
    /// Byte offset of the link in the markdown, for the line of a message.
    pub offset: usize,
    /// The canonical route it leads to.
    pub route: String,
    pub fragment: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct Rendered {
    pub html: String,
    /// The words of the first paragraph, as the page's description when it gives none.
    pub first_paragraph: String,
    /// The headings below the page's own `h1`, in order.
    pub headings: Vec<Heading>,
    pub links: Vec<InternalLink>,
}

/// Problems found in a page: `(byte offset, message)`.
type Problems = Vec<(usize, String)>;

/// Ids the app's shell uses itself: a heading must not take them.
const RESERVED_IDS: &[&str] = &["main"];
const EXTERNAL_REL: &str = "noopener noreferrer";

/// Renders `markdown`. Errors are `(byte offset, message)` for links to pages that do not
/// exist.
pub fn render(markdown: &str, ctx: &RenderContext<'_>) -> Result<Rendered, Problems> {
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut errors = Vec::new();
    let mut links = Vec::new();
    // For each open link: whether an `<a>` was written (unsafe links are written as text), and
    // for a link to a page of the site, that page's title and the link's words so far.
    let mut open_links: Vec<(bool, Option<(String, String)>)> = Vec::new();
    let mut image: Option<PendingImage> = None;

    for (event, range) in Parser::new_ext(markdown, Options::ENABLE_TABLES).into_offset_iter() {
        if let Some(pending) = image.as_mut() {
            match event {
                Event::End(TagEnd::Image) => {
                    let done = image.take().expect("an image is pending");
                    events.push(Event::Html(done.html(ctx).into()));
                }
                Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => pending.alt.push_str(&t),
                _ => {}
            }
            continue;
        }
        match event {
            Event::Html(raw) | Event::InlineHtml(raw) => events.push(Event::Text(raw)),
            Event::Start(Tag::HtmlBlock) => events.push(Event::Html("<p class=\"raw\">".into())),
            Event::End(TagEnd::HtmlBlock) => events.push(Event::Html("</p>\n".into())),
            Event::Start(Tag::Link { link_type, dest_url, title, .. }) => {
                let mut target_title = None;
                let url = match link_type {
                    LinkType::Email => format!("mailto:{dest_url}"),
                    _ => dest_url.to_string(),
                };
                let href = match classify(&url, ctx.canonical_origin, ctx.page_path) {
                    LinkTarget::External(url) => Some((url, true)),
                    LinkTarget::Fragment(fragment) => {
                        links.push(InternalLink {
                            offset: range.start,
                            route: ctx.page_path.to_string(),
                            fragment: Some(fragment.clone()),
                        });
                        Some((format!("#{fragment}"), false))
                    }
                    LinkTarget::Internal { path, query, fragment } => match (ctx.resolve)(&path) {
                        Some(route) => {
                            let href = internal_href(&route, query.as_deref(), fragment.as_deref());
                            target_title = (ctx.title_of)(&route);
                            links.push(InternalLink { offset: range.start, route, fragment });
                            Some((href, false))
                        }
                        None => {
                            errors.push((range.start, format!("link to `{url}`: no page has the path `/{path}`")));
                            None
                        }
                    },
                    LinkTarget::Unsafe => None,
                };
                open_links.push((href.is_some(), target_title.map(|t| (t, String::new()))));
                if let Some((href, external)) = href {
                    events.push(Event::Html(anchor(&href, &title, external).into()));
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some((true, target)) = open_links.pop() {
                    if let Some((title, _)) = target.filter(|(_, words)| is_vague(words)) {
                        let mut hidden = String::from("<span class=\"visually-hidden\"> (");
                        escape_html(&mut hidden, &title).expect("writing to a String cannot fail");
                        hidden.push_str(")</span>");
                        events.push(Event::Html(hidden.into()));
                    }
                    events.push(Event::Html("</a>".into()));
                }
            }
            Event::Text(text) if open_links.last().is_some_and(|(_, t)| t.is_some()) => {
                if let Some((_, Some((_, words)))) = open_links.last_mut() {
                    words.push_str(&text);
                }
                events.push(Event::Text(text));
            }
            Event::Start(Tag::Image { dest_url, title, .. }) => {
                image = Some(PendingImage { url: dest_url.to_string(), title: title.to_string(), alt: String::new() });
            }
            Event::Start(Tag::Table(alignments)) => {
                events.push(Event::Html(
                    "<div class=\"table-scroll\" role=\"region\" aria-label=\"Table\" tabindex=\"0\">\n".into(),
                ));
                events.push(Event::Start(Tag::Table(alignments)));
            }
            Event::End(TagEnd::Table) => {
                events.push(Event::End(TagEnd::Table));
                events.push(Event::Html("</div>\n".into()));
            }
            other => events.push(other),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    let first_paragraph = first_paragraph(&events);
    let (events, headings) = number_headings(events, ctx.heading_ids)?;
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    Ok(Rendered { html, first_paragraph, headings, links })
}

/// The text of the first paragraph, spaces collapsed.
fn first_paragraph(events: &[Event<'_>]) -> String {
    let mut text = String::new();
    let mut inside = false;
    for event in events {
        match event {
            Event::Start(Tag::Paragraph) => inside = true,
            Event::End(TagEnd::Paragraph) if inside => break,
            Event::Text(t) | Event::Code(t) if inside => text.push_str(t),
            Event::SoftBreak | Event::HardBreak if inside => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_vague(words: &str) -> bool {
    let words = words.trim().trim_end_matches(['.', ':', '!']).to_lowercase();
    VAGUE_LINK_TEXTS.contains(&words.as_str())
}

/// `/route?query#fragment`.
fn internal_href(route: &str, query: Option<&str>, fragment: Option<&str>) -> String {
    let mut href = format!("/{route}");
    if let Some(q) = query {
        href.push('?');
        href.push_str(q);
    }
    if let Some(f) = fragment {
        href.push('#');
        href.push_str(f);
    }
    href
}

fn anchor(href: &str, title: &str, external: bool) -> String {
    let mut tag = String::from("<a href=\"");
    escape_href(&mut tag, href).expect("writing to a String cannot fail");
    tag.push('"');
    if !title.is_empty() {
        tag.push_str(" title=\"");
        escape_html(&mut tag, title).expect("writing to a String cannot fail");
        tag.push('"');
    }
    if external {
        tag.push_str(" rel=\"");
        tag.push_str(EXTERNAL_REL);
        tag.push('"');
    }
    tag.push('>');
    tag
}

/// An image whose alt text is still being read.
struct PendingImage {
    url: String,
    title: String,
    alt: String,
}

impl PendingImage {
    /// Same-site images are shown; an image on another site would be a third-party request,
    /// so it becomes a link to it; an unsafe one is only its alt text.
    fn html(&self, ctx: &RenderContext<'_>) -> String {
        let mut out = String::new();
        match classify(&self.url, ctx.canonical_origin, ctx.page_path) {
            LinkTarget::Internal { path, query, .. } => {
                out.push_str("<img src=\"");
                escape_href(&mut out, &internal_href(&path, query.as_deref(), None)).expect("String");
                out.push_str("\" alt=\"");
                escape_html(&mut out, &self.alt).expect("String");
                out.push('"');
                if !self.title.is_empty() {
                    out.push_str(" title=\"");
                    escape_html(&mut out, &self.title).expect("String");
                    out.push('"');
                }
                out.push('>');
            }
            LinkTarget::External(url) => {
                out.push_str(&anchor(&url, &self.title, true));
                let label = if self.alt.trim().is_empty() { &url } else { &self.alt };
                escape_html(&mut out, label).expect("String");
                out.push_str("</a>");
            }
            LinkTarget::Fragment(_) | LinkTarget::Unsafe => {
                escape_html(&mut out, &self.alt).expect("String");
            }
        }
        out
    }
}

/// Gives every heading an id from its text (or, in a translation, the original's heading's in
/// the same place), drops a leading `h1` (the page's title is its heading) and turns any later
/// `h1` into an `h2`, so each page has exactly one `h1`.
fn number_headings<'e>(
    events: Vec<Event<'e>>,
    given: Option<&[Heading]>,
) -> Result<(Vec<Event<'e>>, Vec<Heading>), Problems> {
    let mut used: HashSet<String> = RESERVED_IDS.iter().map(|s| s.to_string()).collect();
    let mut headings = Vec::new();
    let mut out = Vec::with_capacity(events.len());
    let mut seen_block = false;
    let mut i = 0;
    while i < events.len() {
        let Event::Start(Tag::Heading { level, .. }) = &events[i] else {
            if matches!(events[i], Event::Start(_)) {
                seen_block = true;
            }
            out.push(events[i].clone());
            i += 1;
            continue;
        };
        let level = *level;
        let end = (i + 1..events.len())
            .find(|&j| matches!(events[j], Event::End(TagEnd::Heading(_))))
            .unwrap_or(events.len());
        let inner = &events[i + 1..end];
        let text: String = inner
            .iter()
            .filter_map(|e| match e {
                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect();
        let leading_title = level == HeadingLevel::H1 && !seen_block;
        seen_block = true;
        if !leading_title {
            let n = (level as u8).max(2);
            let id = match given.map(|given| given.get(headings.len())) {
                None => unique_id(&slug(&text), &mut used),
                Some(Some(original)) if original.level == n => original.id.clone(),
                Some(original) => {
                    return Err(vec![(0, heading_mismatch(headings.len(), n, &text, original))]);
                }
            };
            out.push(Event::Html(CowStr::from(format!("<h{n} id=\"{id}\">"))));
            out.extend(inner.iter().cloned());
            out.push(Event::Html(CowStr::from(format!("</h{n}>\n"))));
            headings.push(Heading { level: n, id, text: text.trim().to_string() });
        }
        i = end + 1;
    }
    match given {
        Some(given) if given.len() > headings.len() => {
            Err(vec![(0, heading_mismatch(headings.len(), 0, "", given.get(headings.len())))])
        }
        _ => Ok((out, headings)),
    }
}

/// Why a translation's heading number `index` (from 0; `level` 0 and no text for one it lacks)
/// does not match the original's.
fn heading_mismatch(index: usize, level: u8, text: &str, original: Option<&Heading>) -> String {
    let place = index + 1;
    match original {
        None => format!("heading {place} (\"{}\") is one more than the original page has", text.trim()),
        Some(o) if level == 0 => {
            format!("the original's heading {place} (h{}, \"{}\") is missing: a translation keeps every heading", o.level, o.text)
        }
        Some(o) => format!(
            "heading {place} (\"{}\") is an h{level} where the original's (\"{}\") is an h{}: a translation keeps each heading's level",
            text.trim(),
            o.text,
            o.level
        ),
    }
}

/// `Will vendors try to sell me things?` → `will-vendors-try-to-sell-me-things`.
pub fn slug(text: &str) -> String {
    let mut slug = String::new();
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if (c.is_whitespace() || c == '-' || c == '_') && !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-').to_string();
    if slug.is_empty() {
        "section".to_string()
    } else {
        slug
    }
}

fn unique_id(base: &str, used: &mut HashSet<String>) -> String {
    let mut id = base.to_string();
    let mut n = 2;
    while used.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    used.insert(id.clone());
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx_with<'a>(resolve: &'a dyn Fn(&str) -> Option<String>) -> RenderContext<'a> {
        RenderContext {
            canonical_origin: "https://groups.openstack.org",
            page_path: "faq",
            resolve,
            title_of: &|route| Some(format!("Title of {route}")),
            heading_ids: None,
        }
    }

    fn html(markdown: &str) -> String {
        let any = |p: &str| Some(p.strip_prefix("content/").unwrap_or(p).to_string());
        render(markdown, &ctx_with(&any)).unwrap().html
    }

    #[test]
    fn commonmark_and_tables_render() {
        let out = html("Some *emphasis* and `code`.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(out.contains("<em>emphasis</em>"), "{out}");
        assert!(out.contains("<code>code</code>"), "{out}");
        assert!(out.contains("<div class=\"table-scroll\""), "{out}");
        assert!(out.contains("<td>1</td>"), "{out}");
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let out = html("<script>alert(1)</script>\n\nInline <img src=x onerror=alert(1)> here.\n");
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("<img"), "{out}");
        assert!(out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{out}");
        assert!(out.contains("&lt;img src=x onerror=alert(1)&gt;"), "{out}");
    }

    #[test]
    fn executable_urls_are_dropped_in_every_link_form() {
        for scheme in
            ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "vbscript:msgbox(1)"]
        {
            let forms = [
                format!("[inline]({scheme})"),
                format!("[reference][r]\n\n[r]: {scheme}"),
                format!("<{scheme}>"),
                format!("![image]({scheme})"),
                format!("![ref image][i]\n\n[i]: {scheme}"),
            ];
            for markdown in forms {
                let out = html(&markdown);
                assert!(!out.contains("href"), "{markdown} → {out}");
                assert!(!out.contains("src="), "{markdown} → {out}");
                assert!(!out.to_ascii_lowercase().contains("<a "), "{markdown} → {out}");
            }
        }
    }

    #[test]
    fn external_links_get_noopener_noreferrer() {
        let out =
            html("[Event Policy](https://www.openstack.org/brand/event-policy/ \"policy\") and <mail@example.org>");
        assert!(out.contains("<a href=\"https://www.openstack.org/brand/event-policy/\" title=\"policy\" rel=\"noopener noreferrer\">Event Policy</a>"), "{out}");
        assert!(out.contains("<a href=\"mailto:mail@example.org\" rel=\"noopener noreferrer\">"), "{out}");
    }

    #[test]
    fn internal_links_are_rewritten_to_their_route() {
        let out =
            html("[tips](https://groups.openstack.org/content/organizer-tips) [p](/privacy#data) [r](organizer-tips)");
        assert!(out.contains("<a href=\"/organizer-tips\">tips</a>"), "{out}");
        assert!(out.contains("<a href=\"/privacy#data\">p</a>"), "{out}");
        assert!(out.contains("<a href=\"/organizer-tips\">r</a>"), "{out}");
        assert!(!out.contains("rel="), "{out}");
    }

    #[test]
    fn a_link_to_no_page_is_an_error_with_its_offset() {
        let none = |_: &str| None;
        let markdown = "Fine.\n\nSee [gone](/gone).";
        let errors = render(markdown, &ctx_with(&none)).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].0, markdown.find("[gone]").unwrap());
        assert!(errors[0].1.contains("/gone"), "{}", errors[0].1);
    }

    #[test]
    fn images_on_the_site_show_and_others_become_links_or_text() {
        let out = html("![Map](/map.svg) ![Logo](https://cdn.example.org/logo.png) ![bad](javascript:x)");
        assert!(out.contains("<img src=\"/map.svg\" alt=\"Map\">"), "{out}");
        assert!(
            out.contains("<a href=\"https://cdn.example.org/logo.png\" rel=\"noopener noreferrer\">Logo</a>"),
            "{out}"
        );
        assert!(out.contains("bad"), "{out}");
        assert_eq!(out.matches("<img").count(), 1, "{out}");
    }

    #[test]
    fn headings_get_unique_ids_and_the_leading_h1_is_the_title() {
        let any = |p: &str| Some(p.to_string());
        let out = render(
            "Title\n=====\n\nWhat are user groups?\n---\n\n## What are user groups?\n\n# Later h1\n\n## Main\n",
            &ctx_with(&any),
        )
        .unwrap();
        assert!(!out.html.contains("<h1"), "{}", out.html);
        let ids: Vec<_> = out.headings.iter().map(|h| (h.level, h.id.as_str())).collect();
        assert_eq!(ids, [(2, "what-are-user-groups"), (2, "what-are-user-groups-2"), (2, "later-h1"), (2, "main-2")]);
        assert!(out.html.contains("<h2 id=\"what-are-user-groups\">What are user groups?</h2>"), "{}", out.html);
    }

    #[test]
    fn a_heading_after_text_is_not_the_title() {
        let any = |p: &str| Some(p.to_string());
        let out = render("Intro.\n\n# Heading\n", &ctx_with(&any)).unwrap();
        assert_eq!(out.headings[0].level, 2);
    }

    #[test]
    fn slugs_keep_letters_and_digits() {
        assert_eq!(
            slug("Will vendors try to sell me things at a user group?"),
            "will-vendors-try-to-sell-me-things-at-a-user-group"
        );
        assert_eq!(slug("  Grupos de usuários — São Paulo "), "grupos-de-usuários-são-paulo");
        assert_eq!(slug("???"), "section");
    }

    #[test]
    fn an_empty_page_renders_nothing() {
        assert_eq!(html(""), "");
    }
}
