//! Pre-rendering (feature `prerender`, native only; never in the wasm): every page's document,
//! written at build time into `dist/_pages/` with the app's own components rendered to HTML,
//! so that a page arrives with its text for readers without JavaScript, search engines and
//! link previews, and paints before the wasm has arrived. The app then takes the page over
//! (`shell::takeover`).
//!
//! The pages that show groups are templates: the server fills their slots (`groups_core::html`)
//! at each request from the directory and meetings it publishes then: a group's page whole,
//! and the `<noscript>` of the home page, the directory and `/meetings`.

mod document;
#[cfg(test)]
mod every_link;
pub mod og_image;
mod render;

use std::{
    fs,
    path::{Path, PathBuf},
    process::Command,
};

use groups_content::{compile, compile_translations, read_sources, read_translations, Config, Translation};
pub use groups_core::html::PAGES_DIR;
use groups_core::{
    html::{alternates, escape, head_tags, Manifest, ManifestPage, HEAD_SLOT, PATH_SLOT, SLUG_SLOT},
    routes::{at, content_document, param, route, Page, NOT_FOUND_DOCUMENT, ROUTES},
    site::{document_title, SITE_NAME},
};
use groups_i18n::{address, catalogue, Catalogue, Lang};
use leptos::prelude::*;
use leptos_router::{
    components::{FlatRoutes, Route},
    ParamSegment, StaticSegment,
};

pub use document::{assemble, for_prerendered_pages, with_lang, AFTER_PAINT, PRERENDERED_ID};
pub use render::markup;

use crate::{
    directory::{group_page::GroupPage, load::GROUPS_URL, page::GroupsPage},
    home::HomePage,
    meetings::{load::MEETINGS_URL, page::MeetingsPage},
    organiser::page::MyRequestPage,
    pages::{lookup, translated, view::ContentPage},
    request::page::NewGroupPage,
    shell::{
        languages::MESSAGES_ID,
        not_found::{not_found_title, NotFoundPage},
        site::site_name,
    },
};

/// What a page fetches as it starts, asked for as soon as the page is painted, beside the
/// app's code (see `document::AFTER_PAINT`), rather than once the code and the page's chunks
/// have come and started: the fetches in `directory::load` and `meetings::load` then take the
/// answers already there (same address, same mode). The pages that show groups (the route
/// table's `shows_groups`) fetch the groups, and all but the form their meetings too (the
/// form's map card asks for them only when a group on it is chosen); the others nothing.
fn data_preloads(route: &groups_core::routes::Route) -> String {
    let urls = match route.page {
        _ if !route.shows_groups => return String::new(),
        Page::NewGroup => GROUPS_URL.to_owned(),
        _ => format!("{GROUPS_URL} {MEETINGS_URL}"),
    };
    format!("<script type=\"text/plain\" id=\"{AFTER_PAINT}\">{urls}</script>")
}

/// Writes every document, in every language, and the manifest; returns how many documents.
pub fn write_all(dist: &Path) -> Result<usize, String> {
    let trunk =
        fs::read_to_string(dist.join("index.html")).map_err(|e| format!("{}/index.html: {e}", dist.display()))?;
    // The shell itself changes too: the server hashes its start script and style sheet for the
    // CSP from it. (A second run finds it changed already.)
    let index = if trunk.contains("<style>") { trunk } else { for_prerendered_pages(&trunk, dist)? };
    fs::write(dist.join("index.html"), &index).map_err(|e| format!("{}/index.html: {e}", dist.display()))?;
    let config = Config::from_env();
    let origin = config.canonical_origin.clone();
    let out = dist.join(PAGES_DIR);
    // A page removed since the last build must not stay behind.
    let _ = fs::remove_dir_all(&out);

    // Each page's description and file come from the compiler that made its HTML.
    let content_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/content");
    let sources = read_sources(&content_dir)?;
    let compiled = compile(&sources, &config).map_err(|problems| said(&problems, "pages"))?;
    // build.rs compiles English's pages; their translations are checked here, each problem
    // said where it is.
    let translations = compile_translations(&read_translations(&content_dir)?, &compiled, &config)
        .map_err(|problems| said(&problems, "translated pages"))?;
    write_texts(dist, &translations)?;
    let mut pages = Vec::new();
    for page in lookup::PAGES {
        let source =
            compiled.iter().find(|c| c.front.path == page.path).ok_or(format!("no source for /{}", page.path))?;
        pages.push(ManifestPage {
            path: page.path.to_owned(),
            aliases: page.aliases.iter().map(|a| (*a).to_owned()).collect(),
            lastmod: last_changed(&PathBuf::from(&source.file)),
            languages: translations
                .iter()
                .filter(|t| t.pages.iter().any(|p| p.front.path == page.path))
                .map(|t| t.lang.tag().to_owned())
                .collect(),
        });
    }

    let manifest = Manifest { origin: origin.clone(), site_name: SITE_NAME.to_owned(), pages };
    let mut written = 0;
    for lang in Lang::ALL {
        catalogue::set_current(Catalogue::of(*lang));
        let own = translations.iter().find(|t| t.lang == *lang);
        let text = own.map(pages_text);
        set_translated(*lang, text.as_deref().unwrap_or_default(), own);
        let documents = Documents {
            index: &index,
            origin: &origin,
            lang: *lang,
            out: out.join(lang.address()),
            translations: &translations,
            manifest: &manifest,
            pages_text: text,
        };
        written += documents.write_all(&compiled)?;
    }
    catalogue::set_current(Catalogue::english());
    catalogue::set_page_in_english(false);
    set_translated(Lang::En, "", None);

    // The link previews' picture, from the world and the groups this build ships.
    og_image::write(dist)?;

    let json = serde_json::to_string_pretty(&manifest).expect("the manifest is plain data");
    fs::write(out.join("pages.json"), json).map_err(|e| format!("{}: {e}", out.display()))?;
    Ok(written)
}

/// The content compiler's `problems`, each on a line of its own, and how many in `what`.
fn said(problems: &[groups_content::Diagnostic], what: &str) -> String {
    let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
    format!("{}\n{} problem(s) in the {what}", lines.join("\n"), problems.len())
}

/// Whether the page at `address` is drawn in English inside its language's frame: the rule the
/// app and the server follow too.
fn in_english(address: &str) -> bool {
    groups_core::routes::shown_in_english(address, &catalogue::current(), translated::in_english)
}

/// Makes `translation` the app's translated pages (their words and bodies), as a document of
/// its language brings them to the app.
fn set_translated(lang: Lang, text: &str, translation: Option<&Translation>) {
    translated::set(lang, text);
    for page in translation.map(|t| t.pages.as_slice()).unwrap_or_default() {
        if let Some(original) = lookup::find(&page.front.path) {
            translated::keep_body(original, page.html.clone());
        }
    }
}

/// The text naming a language's translated pages, for its documents (`translated::to_text`).
fn pages_text(translation: &Translation) -> String {
    translated::to_text(
        translation.pages.iter().map(|p| (p.front.path.as_str(), p.front.title.as_str(), p.front.menu.as_deref())),
    )
}

/// Each translated page's body, where the app fetches it when a visitor goes to the page
/// (`translated::text_file`): `dist/texts/<address>/<path>.html`.
fn write_texts(dist: &Path, translations: &[Translation]) -> Result<(), String> {
    let _ = fs::remove_dir_all(dist.join("texts"));
    for translation in translations {
        for page in &translation.pages {
            let path = dist.join(translated::text_file(translation.lang, &page.front.path));
            fs::create_dir_all(path.parent().expect("under texts")).map_err(|e| format!("{}: {e}", path.display()))?;
            fs::write(&path, &page.html).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(())
}

/// One language's documents (the current one's, `catalogue::current`).
struct Documents<'a> {
    index: &'a str,
    origin: &'a str,
    lang: Lang,
    /// `_pages/` for English, `_pages/<address>/` for another language.
    out: PathBuf,
    /// Every language's translated pages (a page's description in its language).
    translations: &'a [Translation],
    /// What the server will read of the pages: which languages say each (its versions).
    manifest: &'a Manifest,
    /// The text naming this language's translated pages (`translated::to_text`), for its
    /// documents; none for English.
    pages_text: Option<String>,
}

impl Documents<'_> {
    fn write_all(&self, compiled: &[groups_content::CompiledPage]) -> Result<usize, String> {
        let mut written = 0;
        for page in lookup::PAGES {
            let source =
                compiled.iter().find(|c| c.front.path == page.path).ok_or(format!("no source for /{}", page.path))?;
            let address = at(page.href);
            catalogue::set_page_in_english(in_english(&address));
            let body = markup(&address, move || view! { <ContentPage page /> });
            let own = self.translated(page.path).filter(|_| !catalogue::page_in_english());
            let description = own.map_or(&source.description, |p| &p.description);
            self.write(&content_document(page.path), self.head(translated::title(page), description, page.href), body)?;
            written += 1;
        }
        // The app's pages, from the route table; a group's page is a template the server fills.
        for route in ROUTES {
            let (head, path) = match route.page {
                Page::Group => (HEAD_SLOT.to_owned(), format!("/{}/{SLUG_SLOT}", route.segment)),
                // Private to whoever holds its link: never in a search engine.
                Page::MyRequest => (
                    format!(
                        "{}<meta name=\"robots\" content=\"noindex\">",
                        self.head(route.title(), route.description(), &route.pattern())
                    ),
                    route.pattern(),
                ),
                _ => (self.head(route.title(), route.description(), &route.pattern()), route.pattern()),
            };
            let head = head + &data_preloads(route);
            let address = at(&path);
            catalogue::set_page_in_english(in_english(&address));
            self.write(route.document, head, markup(&address, move || page_view(route.page)))?;
            written += 1;
        }
        let not_found_head = format!(
            "<title>{}</title><meta name=\"robots\" content=\"noindex\">",
            escape(&document_title(not_found_title(), site_name()))
        );
        let asked = address::localize(self.lang, PATH_SLOT);
        catalogue::set_page_in_english(in_english(&asked));
        self.write(NOT_FOUND_DOCUMENT, not_found_head, markup(&asked, || view! { <NotFoundPage /> }))?;
        Ok(written + 1)
    }

    /// A page's head: title, description, canonical address, and its versions (`path` is
    /// English's). A page this language does not say whole yet shows English's, whose address
    /// is then canonical.
    fn head(&self, title: &str, description: &str, path: &str) -> String {
        let languages = groups_core::routes::languages_of(path, |wanted, lang| self.manifest.in_english(wanted, lang));
        let canonical = groups_core::routes::canonical(path, self.lang, &languages);
        format!(
            "{}{}",
            head_tags(
                &document_title(title, site_name()),
                description,
                &format!("{}{canonical}", self.origin),
                site_name()
            ),
            alternates(self.origin, path, &languages)
        )
    }

    /// This language's translation of the page at `path`, if it has one.
    fn translated(&self, path: &str) -> Option<&groups_content::CompiledPage> {
        let own = self.translations.iter().find(|t| t.lang == self.lang)?;
        own.pages.iter().find(|p| p.front.path == path)
    }

    fn write(&self, name: &str, head: String, body: String) -> Result<(), String> {
        let path = self.out.join(name);
        fs::create_dir_all(path.parent().expect("under _pages")).map_err(|e| format!("{}: {e}", self.out.display()))?;
        // Another language's words come with each of its documents (`shell::languages`).
        let head = match self.lang {
            Lang::En => head,
            lang => format!(
                "{head}<script type=\"text/plain\" id=\"{MESSAGES_ID}\">{}</script>\
                 <script type=\"text/plain\" id=\"{}\">{}</script>",
                Catalogue::of(lang).to_text(),
                translated::PAGES_ID,
                self.pages_text.as_deref().unwrap_or_default()
            ),
        };
        let document = with_lang(&assemble(self.index, &head, &body)?, self.lang)?;
        fs::write(&path, document).map_err(|e| format!("{}: {e}", path.display()))
    }
}

/// A page of the app as its route shows it (a group's page reads its slug from the route,
/// as in the app's route table).
fn page_view(page: Page) -> AnyView {
    match page {
        Page::Home => view! { <HomePage /> }.into_any(),
        Page::Groups => view! { <GroupsPage /> }.into_any(),
        Page::Group => view! {
            <FlatRoutes fallback=|| ()>
                <Route
                    path=(StaticSegment(route(Page::Group).segment), ParamSegment(param(Page::Group)))
                    view=GroupPage
                />
            </FlatRoutes>
        }
        .into_any(),
        Page::Meetings => view! { <MeetingsPage /> }.into_any(),
        Page::NewGroup => view! { <NewGroupPage /> }.into_any(),
        Page::MyRequest => view! { <MyRequestPage /> }.into_any(),
    }
}

/// The day of the file's last commit (`YYYY-MM-DD`), for the sitemap; `None` outside a git
/// checkout. The file's own time is not used: a fresh clone gives every file the same one.
fn last_changed(file: &Path) -> Option<String> {
    let output = Command::new("git")
        .args(["log", "-1", "--format=%cs", "--"])
        .arg(file)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()?;
    let day = String::from_utf8(output.stdout).ok()?.trim().to_owned();
    (output.status.success() && day.len() == 10).then_some(day)
}
