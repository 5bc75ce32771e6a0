//! Reads the catalogues (`messages/<tag>.toml`) and writes the code that names them: the
//! `Lang` enum (one variant per file, English first), the `Msg` enum (one variant per
//! English message), English's texts, and every other language's for native builds. A
//! translation that names a message English does not have, uses a placeholder English's does
//! not, or lacks a plural category of its language fails the build here, with the file and the
//! key; a message a language has not translated yet is only missing (`cargo xtask i18n`).

use std::{collections::BTreeMap, fmt::Write as _, fs, path::Path};

#[path = "src/plural.rs"]
#[allow(dead_code)]
mod plural;

use plural::Family;
use sha2::{Digest, Sha256};

/// The sections only the server says (`mail`: what it writes to organisers).
const SERVER_ONLY: &[&str] = &["mail"];

/// The message whose words a person agrees to: a consent record names them by their hash.
const CONSENT_KEY: &str = "request.consent";

struct Language {
    file: String,
    tag: String,
    address: String,
    name: String,
    family: Family,
    grouping: String,
    min_grouping: u8,
    /// Each message's forms, by key.
    messages: BTreeMap<String, Vec<String>>,
    /// Each country's name by its code (CLDR's; none for English, whose are the directory's).
    countries: BTreeMap<String, String>,
}

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("messages");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut languages: Vec<Language> = fs::read_dir(&dir)
        .expect("i18n/messages")
        .map(|entry| entry.expect("a catalogue").path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .map(|path| {
            println!("cargo:rerun-if-changed={}", path.display());
            read(&path)
        })
        .collect();
    // English first (the default and the reference), then by tag.
    languages.sort_by(|a, b| (a.tag != "en", &a.tag).cmp(&(b.tag != "en", &b.tag)));
    let english = languages.first().filter(|l| l.tag == "en").expect("messages/en.toml");
    let mut addresses: Vec<&str> = languages.iter().map(|l| l.address.as_str()).collect();
    addresses.sort();
    let count = addresses.len();
    addresses.dedup();
    assert_eq!(addresses.len(), count, "two languages have the same address");
    for language in &languages[1..] {
        check(language, english);
    }
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("messages.rs");
    fs::write(out, generate(&languages)).unwrap();
}

fn read(path: &Path) -> Language {
    let file = path.file_name().unwrap().to_string_lossy().into_owned();
    let text = fs::read_to_string(path).unwrap();
    let table: toml::Table = text.parse().unwrap_or_else(|e| panic!("{file}: {e}"));
    let header = table.get("language").and_then(|v| v.as_table()).unwrap_or_else(|| panic!("{file}: no [language]"));
    let field = |name: &str| {
        header
            .get(name)
            .and_then(|v| v.as_str())
            .unwrap_or_else(|| panic!("{file}: [language] has no {name}"))
            .to_owned()
    };
    let family_name = field("plural");
    let family = Family::named(&family_name).unwrap_or_else(|| panic!("{file}: unknown plural family {family_name}"));
    let min_grouping = header.get("min_grouping").and_then(|v| v.as_integer()).unwrap_or(1) as u8;
    let mut messages = BTreeMap::new();
    for (key, value) in
        table.get("messages").and_then(|v| v.as_table()).unwrap_or_else(|| panic!("{file}: no [messages]"))
    {
        assert!(
            !key.is_empty()
                && key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '_'),
            "{file}: `{key}`: keys are lowercase words joined by . and _"
        );
        let forms = match value {
            toml::Value::String(text) => vec![text.clone()],
            toml::Value::Table(forms) => {
                let categories = family.categories();
                for category in forms.keys() {
                    assert!(
                        categories.contains(&category.as_str()),
                        "{file}: `{key}`: {family_name} has no `{category}`"
                    );
                }
                categories
                    .iter()
                    .map(|c| {
                        forms
                            .get(*c)
                            .and_then(|v| v.as_str())
                            .unwrap_or_else(|| panic!("{file}: `{key}` has no `{c}` form"))
                            .to_owned()
                    })
                    .collect()
            }
            _ => panic!("{file}: `{key}` is neither a text nor a table of plural forms"),
        };
        for form in &forms {
            assert!(!form.trim().is_empty(), "{file}: `{key}` is empty");
            // Pages carry a language's messages a line each, forms parted by tabs, inside an
            // HTML element: no line break, tab or control character, and no `<` (markup is the
            // views', never a message's).
            assert!(
                !form.chars().any(|c| c.is_control() || c == '<' || c == '>'),
                "{file}: `{key}` has a line break, a tab, a control character or markup"
            );
            placeholders(form).unwrap_or_else(|e| panic!("{file}: `{key}`: {e}"));
        }
        messages.insert(key.clone(), forms);
    }
    let (tag, address, name) = (field("tag"), field("address"), field("name"));
    // They are written into addresses and HTML as they are.
    let subtags_ok = tag.split('-').all(|s| (1..=8).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric()));
    assert!(subtags_ok && tag.len() >= 2, "{file}: `{tag}` is not a BCP 47 tag");
    assert!(
        address.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !["api", "content"].contains(&address.as_str()),
        "{file}: the address `{address}` must be lowercase letters, digits and hyphens, and no prefix of the site's"
    );
    assert!(
        !name.is_empty() && !name.chars().any(|c| c.is_control() || "<>&\"'".contains(c)),
        "{file}: the name `{name}`"
    );
    let grouping = field("grouping");
    assert!(
        grouping.chars().count() == 1 && !"<>&\"'0123456789".contains(grouping.as_str()),
        "{file}: grouping `{grouping}`"
    );
    let countries = match header.get("cldr").and_then(|v| v.as_str()) {
        Some(locale) => territories(locale),
        None => BTreeMap::new(),
    };
    Language { file: file.clone(), tag, address, name, family, grouping, min_grouping, messages, countries }
}

/// CLDR's names of the countries (two-letter codes) in `locale`, from `data/cldr/` (see its
/// README). Hong Kong, Macao and Palestine by their short names (香港, not
/// 中華人民共和国香港特別行政区), as the directory's English does.
fn territories(locale: &str) -> BTreeMap<String, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/cldr").join(locale).join("territories.json");
    println!("cargo:rerun-if-changed={}", path.display());
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let json: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let names = json["main"][locale]["localeDisplayNames"]["territories"]
        .as_object()
        .unwrap_or_else(|| panic!("{}: no territories", path.display()));
    let mut countries = BTreeMap::new();
    for (code, name) in names {
        if code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()) {
            let short =
                ["HK", "MO", "PS"].contains(&code.as_str()).then(|| names.get(&format!("{code}-alt-short"))).flatten();
            let name = short.unwrap_or(name).as_str().expect("a name").to_owned();
            assert!(!name.chars().any(|c| c.is_control() || c == '<' || c == '>'), "{locale} {code}: {name:?}");
            countries.insert(code.clone(), name);
        }
    }
    countries
}

/// The `{name}`s of a text; an unclosed or empty brace is an error.
fn placeholders(text: &str) -> Result<Vec<String>, String> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err(format!("a `}}` without its `{{` in {text:?}"));
        }
        let close = rest[open..].find('}').ok_or_else(|| format!("an unclosed `{{` in {text:?}"))? + open;
        let name = &rest[open + 1..close];
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            return Err(format!("`{{{name}}}` is not a placeholder in {text:?}"));
        }
        names.push(name.to_owned());
        rest = &rest[close + 1..];
    }
    names.sort();
    names.dedup();
    Ok(names)
}

/// What a language's clock (`date.clock`) may show of a time of day.
const CLOCK_FIELDS: &[&str] = &["hours", "hour", "hour_of_twelve", "period", "minutes"];

/// A translation says what English says: no message English lacks, no placeholder English's
/// text lacks, plural forms where English has them (and a plain text where it has one).
fn check(language: &Language, english: &Language) {
    let file = &language.file;
    for (key, forms) in &language.messages {
        let original = english.messages.get(key).unwrap_or_else(|| panic!("{file}: `{key}` is not in en.toml"));
        assert_eq!(
            forms.len() > 1 || language.family == Family::Other && original.len() > 1,
            original.len() > 1,
            "{file}: `{key}` is a plural in one language and a plain text in the other"
        );
        let mut allowed: Vec<String> = original.iter().flat_map(|f| placeholders(f).unwrap()).collect();
        if key == "date.clock" {
            // A language writes its clock its own way: English's is a 24-hour one, Korean's
            // a 12-hour one with its period first (`core::when::Clock`).
            allowed.extend(CLOCK_FIELDS.iter().map(|f| f.to_string()));
        }
        for form in forms {
            for name in placeholders(form).unwrap() {
                assert!(allowed.contains(&name), "{file}: `{key}` uses {{{name}}}, which en.toml's text does not");
            }
        }
    }
    assert!(!language.address.is_empty(), "{file}: only English has the unprefixed addresses");
}

fn variant(text: &str) -> String {
    text.split(['.', '_', '-'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            let first = chars.next().unwrap().to_ascii_uppercase();
            format!("{first}{}", chars.as_str().to_ascii_lowercase())
        })
        .collect()
}

fn generate(languages: &[Language]) -> String {
    let english = &languages[0];
    let mut out = String::from("// Written by build.rs from messages/*.toml.\n\n");
    // The languages.
    out += "/// A language the site speaks (one per catalogue in `i18n/messages/`).\n";
    out += "#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]\npub enum Lang {\n";
    for l in languages {
        writeln!(out, "    /// {} (`{}`)\n    {},", l.name, l.tag, variant(&l.tag)).unwrap();
    }
    out += "}\n\nimpl Lang {\n    /// Every language, English first.\n    pub const ALL: &'static [Lang] = &[";
    for l in languages {
        write!(out, "Lang::{}, ", variant(&l.tag)).unwrap();
    }
    out += "];\n";
    let accessor = |out: &mut String, doc: &str, name: &str, ty: &str, value: &dyn Fn(&Language) -> String| {
        writeln!(out, "    /// {doc}\n    pub const fn {name}(self) -> {ty} {{\n        match self {{").unwrap();
        for l in languages {
            writeln!(out, "            Lang::{} => {},", variant(&l.tag), value(l)).unwrap();
        }
        out.push_str("        }\n    }\n");
    };
    accessor(&mut out, "Its BCP 47 tag, as `<html lang>` and `hreflang` write it.", "tag", "&'static str", &|l| {
        format!("{:?}", l.tag)
    });
    accessor(
        &mut out,
        "The first segment of its addresses (`ja` in `/ja/groups`); English's are unprefixed.",
        "address",
        "&'static str",
        &|l| format!("{:?}", l.address),
    );
    accessor(
        &mut out,
        "Its name in itself (`日本語`), as the language switcher shows it.",
        "name",
        "&'static str",
        &|l| format!("{:?}", l.name),
    );
    accessor(
        &mut out,
        "SHA-256 (lowercase hex) of its words of the new-group form's privacy consent (`request.consent`), \
         which a consent record names; `None` while it has not translated them.",
        "consent_sha256",
        "Option<&'static str>",
        &|l| match l.messages.get(CONSENT_KEY).and_then(|forms| forms.last()) {
            Some(text) => format!(
                "Some({:?})",
                Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect::<String>()
            ),
            None => "None".into(),
        },
    );
    accessor(&mut out, "Its plural rules.", "family", "crate::plural::Family", &|l| {
        format!("crate::plural::Family::{:?}", l.family)
    });
    accessor(
        &mut out,
        "Its thousands separator and the fewest digits before it (Spanish: 2, so 1234 but 12 345).",
        "grouping",
        "(&'static str, u8)",
        &|l| format!("({:?}, {})", l.grouping, l.min_grouping),
    );
    out += "}\n\n";

    // The messages.
    out += "/// A message of the interface, named by its key in `i18n/messages/en.toml`.\n";
    out += "#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]\n#[repr(u16)]\npub enum Msg {\n";
    for (key, forms) in &english.messages {
        writeln!(out, "    /// {:?}\n    {},", forms.last().unwrap(), variant(key)).unwrap();
    }
    writeln!(
        out,
        "}}\n\nimpl Msg {{\n    /// How many messages there are.\n    pub const COUNT: usize = {};",
        english.messages.len()
    )
    .unwrap();
    out += "    /// Every message, in the catalogues' order.\n    pub const ALL: &'static [Msg] = &[";
    for key in english.messages.keys() {
        write!(out, "Msg::{}, ", variant(key)).unwrap();
    }
    out += "];\n";
    // Which build's catalogue a page's text is: a key renamed keeps the count, not this.
    let fingerprint = english.messages.keys().fold(0xcbf2_9ce4_8422_2325_u64, |hash, key| {
        key.bytes().chain([b'\n']).fold(hash, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
    });
    writeln!(out, "    /// The messages' keys, hashed (FNV-1a): the first line of a page's text.\n    pub const FINGERPRINT: &'static str = \"{fingerprint:016x}\";").unwrap();
    out += "    /// Its key in the catalogues (native only: the app never needs it).\n";
    out += "    #[cfg(not(target_arch = \"wasm32\"))]\n    pub const fn key(self) -> &'static str {\n        match self {\n";
    for key in english.messages.keys() {
        writeln!(out, "            Msg::{} => {key:?},", variant(key)).unwrap();
    }
    out += "        }\n    }\n\n";
    out += "    /// The part of the site it belongs to (its key's first word): a language says a part\n";
    out += "    /// whole or not at all.\n    pub const fn section(self) -> Section {\n        SECTION_OF[self as usize]\n    }\n}\n\n";

    // The sections: each key's first word.
    let section = |key: &str| variant(key.split('.').next().unwrap());
    let mut sections: Vec<String> = english.messages.keys().map(|k| section(k)).collect();
    sections.dedup();
    sections.sort();
    sections.dedup();
    out += "/// A part of the site whose messages a language translates together (a key's first word).\n";
    out += "#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]\npub enum Section {\n";
    for s in &sections {
        writeln!(out, "    {s},").unwrap();
    }
    writeln!(
        out,
        "}}\n\nimpl Section {{\n    /// How many sections there are.\n    pub const COUNT: usize = {};",
        sections.len()
    )
    .unwrap();
    out += "    /// Every section.\n    pub const ALL: &'static [Section] = &[";
    for s in &sections {
        write!(out, "Section::{s}, ").unwrap();
    }
    out += "];\n}\n\n";
    writeln!(out, "static SECTION_OF: [Section; {}] = [", english.messages.len()).unwrap();
    for key in english.messages.keys() {
        writeln!(out, "    Section::{},", section(key)).unwrap();
    }
    out += "];\n\n";

    // The wasm never says the server's own words (the mail): its English table leaves them
    // empty rather than carry them to every visitor.
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32");
    let table = |out: &mut String, name: &str, language: &Language| {
        writeln!(out, "pub(crate) static {name}: [Option<&[&str]>; {}] = [", english.messages.len()).unwrap();
        for key in english.messages.keys() {
            match language.messages.get(key) {
                Some(_) if wasm && SERVER_ONLY.iter().any(|s| key.split('.').next() == Some(*s)) => {
                    out.push_str("    Some(&[\"\"]),\n")
                }
                Some(forms) => writeln!(out, "    Some(&{forms:?}),").unwrap(),
                None => out.push_str("    None,\n"),
            }
        }
        out.push_str("];\n");
    };
    out += "/// English's texts, which every build has.\n";
    table(&mut out, "ENGLISH", english);
    out += "\n/// Every other language's, for the server and pre-rendering.\n#[cfg(not(target_arch = \"wasm32\"))]\n";
    writeln!(out, "pub(crate) static OTHERS: [&[Option<&[&str]>]; {}] = [", languages.len() - 1).unwrap();
    for l in &languages[1..] {
        writeln!(out, "    &{},", variant(&l.tag).to_uppercase()).unwrap();
    }
    out += "];\n";
    for l in &languages[1..] {
        out += "#[cfg(not(target_arch = \"wasm32\"))]\n";
        table(&mut out, &variant(&l.tag).to_uppercase(), l);
    }
    out += "\n/// Every other language's names of the countries, by code, for the server and pre-rendering.\n";
    out += "#[cfg(not(target_arch = \"wasm32\"))]\n";
    writeln!(out, "pub(crate) static OTHER_COUNTRIES: [&[(&str, &str)]; {}] = [", languages.len() - 1).unwrap();
    for l in &languages[1..] {
        assert!(!l.countries.is_empty(), "{}: no `cldr` locale for its countries' names", l.file);
        out += "    &[";
        for (code, name) in &l.countries {
            write!(out, "({code:?}, {name:?}), ").unwrap();
        }
        out += "],\n";
    }
    out += "];\n";
    out
}
