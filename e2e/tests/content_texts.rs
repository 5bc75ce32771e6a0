//! The content pages' translations as the content compiler reads them from `src/content/`
//! (the sources, not the build's own account of them), for what a page should be in a
//! language.

use std::{path::Path, sync::OnceLock};

use groups_content::{
    compile, compile_translations, read_sources, read_translations, CompiledPage, Config, Translation,
};
use groups_i18n::Lang;
use groups_portal::pages::lookup;

struct Texts {
    originals: Vec<CompiledPage>,
    translations: Vec<Translation>,
}

fn texts() -> &'static Texts {
    static TEXTS: OnceLock<Texts> = OnceLock::new();
    TEXTS.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src/content");
        let config = Config::from_env();
        let originals = compile(&read_sources(&dir).unwrap(), &config).unwrap();
        let translations = compile_translations(&read_translations(&dir).unwrap(), &originals, &config).unwrap();
        Texts { originals, translations }
    })
}

/// The page at `path` (its canonical path) in `lang`, where `lang` has translated it.
pub fn translation(lang: Lang, path: &str) -> Option<&'static CompiledPage> {
    let own = texts().translations.iter().find(|t| t.lang == lang)?;
    own.pages.iter().find(|p| p.front.path == path)
}

/// English's page at `path`.
pub fn original(path: &str) -> &'static CompiledPage {
    texts().originals.iter().find(|p| p.front.path == path).expect("a content page")
}

/// Whether `route` shows a content page that `lang` has not translated.
pub fn in_english(route: &str, lang: Lang) -> bool {
    lookup::find(route).is_some_and(|page| lang != Lang::En && translation(lang, page.path).is_none())
}
