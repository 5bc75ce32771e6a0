//! Translated pages: `src/content/<address>/<file>.md` (`src/content/ja/privacy.md`) is a
//! page in that language. It says the same page as English's of the same `path`: the same
//! headings (which take the original's ids, so a `#fragment` leads to the same section in
//! every language), the same links (which lead to the pages in its language), and the same
//! `weight`, `aliases` and `version`; its own are `title`, `menu`, `description` and words.

use std::{collections::HashMap, path::Path};

use groups_i18n::Lang;

use crate::{
    front_matter, read_sources,
    site::{resolve_with, Site},
    CompiledPage, Config, Diagnostic, Source,
};

/// One language's translated pages.
#[derive(Clone, Debug)]
pub struct Translation {
    pub lang: Lang,
    /// Sorted by path, like the original pages; a page not translated is missing.
    pub pages: Vec<CompiledPage>,
}

/// Every language folder's `.md` files. A folder that names no language is an error (a
/// mistyped `jp/` would otherwise be left out without a word).
pub fn read_translations(dir: &Path) -> Result<Vec<(Lang, Vec<Source>)>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: cannot read the pages: {e}", dir.display()))?;
    let mut found = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if !path.is_dir() {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        let lang = Lang::by_address(&name).ok_or_else(|| {
            let known: Vec<_> = Lang::ALL.iter().map(|l| l.address()).filter(|a| !a.is_empty()).collect();
            format!(
                "{}: a folder of translations is named by a language's address ({})",
                path.display(),
                known.join(", ")
            )
        })?;
        found.push((lang, read_sources(&path)?));
    }
    found.sort_by_key(|(lang, _)| Lang::ALL.iter().position(|l| l == lang));
    Ok(found)
}

/// Compiles each language's pages against the original ones (`originals`, from
/// [`crate::compile`]), or returns every problem found.
pub fn compile_translations(
    languages: &[(Lang, Vec<Source>)],
    originals: &[CompiledPage],
    config: &Config,
) -> Result<Vec<Translation>, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut out = Vec::new();
    // Links lead where the original's do: to a page of the app or to an original page's path.
    let routes: HashMap<&str, &str> = originals
        .iter()
        .flat_map(|p| {
            std::iter::once(&p.front.path).chain(&p.front.aliases).map(move |r| (r.as_str(), p.front.path.as_str()))
        })
        .collect();
    let resolve = |path: &str| resolve_with(path, |page| routes.get(page).map(|p| (*p).to_owned()));
    for (lang, sources) in languages {
        let mut parsed = Vec::new();
        for source in sources {
            match front_matter::parse(&source.file, &source.text) {
                Ok(page) => match same_page(&page.front, originals, &parsed) {
                    Ok(()) => parsed.push((source, page)),
                    Err((key, why)) => {
                        errors.push(Diagnostic::new(
                            &source.file,
                            page.front.lines.get(key).copied().unwrap_or(1),
                            why,
                        ));
                    }
                },
                Err(d) => errors.push(d),
            }
        }
        let titles: HashMap<String, String> = originals
            .iter()
            .map(|o| {
                let own = parsed.iter().find(|(_, p)| p.front.path == o.front.path);
                (o.front.path.clone(), own.map_or(&o.front.title, |(_, p)| &p.front.title).clone())
            })
            .collect();
        let title_of = |route: &str| titles.get(route).cloned();
        let site = Site { config, resolve: &resolve, title_of: &title_of, originals };
        let mut pages = site.render(&parsed, &mut errors);
        for page in &mut pages {
            // Its links lead to the pages in its language.
            page.html = groups_core::routes::localize_links_in(&page.html, *lang).into_owned();
        }
        pages.sort_by(|a, b| a.front.path.cmp(&b.front.path));
        out.push(Translation { lang: *lang, pages });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        errors.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        Err(errors)
    }
}

/// Whether `front` translates an original page, once, keeping what is the original's: the
/// key to point at and why not.
fn same_page(
    front: &front_matter::FrontMatter,
    originals: &[CompiledPage],
    done: &[(&Source, front_matter::Parsed)],
) -> Result<(), (&'static str, String)> {
    let Some(original) = originals.iter().find(|o| o.front.path == front.path) else {
        return Err((
            "path",
            format!("no page has the path `{}`: a translation keeps its original's path", front.path),
        ));
    };
    if let Some((other, _)) = done.iter().find(|(_, p)| p.front.path == front.path) {
        return Err(("path", format!("`{}` is already translated by {}", front.path, other.file)));
    }
    let o = &original.front;
    if front.weight != o.weight {
        return Err((
            "weight",
            format!("the weight is {}, the original's {}: a translation keeps it", front.weight, o.weight),
        ));
    }
    if front.aliases != o.aliases {
        return Err(("aliases", format!("the aliases differ from {}'s: a translation keeps them", original.file)));
    }
    if front.version != o.version {
        return Err(("version", format!("the version differs from {}'s: a translation keeps it", original.file)));
    }
    if front.menu.is_some() != o.menu.is_some() {
        return Err((
            "menu",
            format!(
                "{} {} a menu label: a translation {} too",
                original.file,
                if o.menu.is_some() { "has" } else { "has no" },
                if o.menu.is_some() { "has one" } else { "has none" }
            ),
        ));
    }
    // Its words travel in a document's `<script type="text/plain">` (which `<` could close)
    // as a line of fields apart by tabs.
    for (key, text) in [("title", Some(&front.title)), ("menu", front.menu.as_ref())] {
        if text.is_some_and(|t| t.contains(['<', '\t', '\n'])) {
            return Err((key, format!("a page's {key} cannot hold `<`, a tab or a line break")));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::tests::{config, source};

    fn originals() -> Vec<CompiledPage> {
        crate::compile(
            &[
                source("tips.md", "---\ntitle: Tips\npath: tips\nmenu: Tips\nweight: 2\n---\n[Money](#sponsors-and-money)\n\n## Sponsors and money\n\nSee [the form](/new-group) and [rules](/rules#who-may-come).\n"),
                source("rules.md", "---\ntitle: Rules\npath: rules\n---\n## Who may come\n"),
            ],
            &config(),
        )
        .unwrap()
    }

    fn translate(file: &str, text: &str) -> Result<Vec<Translation>, Vec<String>> {
        compile_translations(&[(Lang::by_address("ja").unwrap(), vec![source(file, text)])], &originals(), &config())
            .map_err(|e| e.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn a_translation_takes_its_originals_ids_and_links_to_pages_in_its_language() {
        let done = translate("ja/tips.md", "---\ntitle: ヒント\npath: tips\nmenu: ヒント\nweight: 2\n---\n[お金](#sponsors-and-money)\n\n## スポンサーと資金\n\n[申請](/new-group)と[ルール](/rules#who-may-come)。\n").unwrap();
        let page = &done[0].pages[0];
        assert_eq!(page.front.title, "ヒント");
        assert_eq!(page.headings[0].id, "sponsors-and-money");
        assert!(page.html.contains("<h2 id=\"sponsors-and-money\">スポンサーと資金</h2>"), "{}", page.html);
        assert!(page.html.contains("href=\"#sponsors-and-money\""), "{}", page.html);
        assert!(page.html.contains("href=\"/ja/new-group\""), "{}", page.html);
        assert!(
            page.html.contains("href=\"/ja/rules#who-may-come\""),
            "a page not translated is still a page: {}",
            page.html
        );
    }

    #[test]
    fn a_translation_keeps_its_originals_headings_path_and_settings() {
        let missing = translate("ja/tips.md", "---\ntitle: ヒント\npath: tips\nmenu: ヒント\nweight: 2\n---\n本文\n")
            .unwrap_err();
        assert!(missing[0].contains("heading 1 (h2, \"Sponsors and money\") is missing"), "{missing:?}");
        let level = translate("ja/tips.md", "---\ntitle: ヒント\npath: tips\nmenu: ヒント\nweight: 2\n---\n### 資金\n")
            .unwrap_err();
        assert!(level[0].contains("is an h3 where the original's"), "{level:?}");
        let more = translate(
            "ja/tips.md",
            "---\ntitle: ヒント\npath: tips\nmenu: ヒント\nweight: 2\n---\n## 資金\n\n## もう一つ\n",
        )
        .unwrap_err();
        assert!(more[0].contains("one more than the original page has"), "{more:?}");
        let path = translate("ja/x.md", "---\ntitle: X\npath: nowhere\n---\n").unwrap_err();
        assert_eq!(path, ["ja/x.md:3: no page has the path `nowhere`: a translation keeps its original's path"]);
        let weight =
            translate("ja/tips.md", "---\ntitle: ヒント\npath: tips\nmenu: ヒント\n---\n## 資金\n").unwrap_err();
        assert!(weight[0].contains("the weight is 0, the original's 2"), "{weight:?}");
        let menu = translate("ja/tips.md", "---\ntitle: ヒント\npath: tips\nweight: 2\n---\n## 資金\n").unwrap_err();
        assert!(menu[0].contains("has a menu label"), "{menu:?}");
        let fragment =
            translate("ja/rules.md", "---\ntitle: ルール\npath: rules\n---\n## 誰が\n\n[x](/tips#nothing)\n")
                .unwrap_err();
        assert!(fragment[0].contains("no heading with the id `nothing`"), "{fragment:?}");
    }

    #[test]
    fn the_shipped_translations_compile() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src/content");
        let originals = crate::compile(&read_sources(&dir).unwrap(), &config()).unwrap();
        let languages = read_translations(&dir).unwrap();
        let done = compile_translations(&languages, &originals, &config())
            .unwrap_or_else(|e| panic!("{}", e.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")));
        for translation in &done {
            for page in &translation.pages {
                assert!(!page.html.contains("href=\"/new-group\""), "{}: {}", page.file, "a link to English's form");
            }
        }
    }
}
