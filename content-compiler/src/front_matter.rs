//! Front matter: the `---` block of `key: value` lines that opens every page.
//!
//! It is YAML (parsed by serde-saphyr), with one rule that suits people editing pages: the
//! value of a text key (`title`, `path`, `menu`, `version`) is the rest of its line, so
//! `title: Groups: how they work` is one title and `#` or `:` need no quoting. Quoted values
//! work as in YAML.

use std::collections::HashMap;

use serde::Deserialize;

use crate::Diagnostic;

const KNOWN_KEYS: &[&str] = &["title", "path", "menu", "weight", "aliases", "version", "description"];
const TEXT_KEYS: &[&str] = &["title", "path", "menu", "version", "description"];

/// A page's front matter, checked and normalised, with the lines of its keys for messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: String,
    /// The route without slashes around it: `what-are-user-groups`, `help/privacy`.
    pub path: String,
    pub menu: Option<String>,
    pub weight: i64,
    pub aliases: Vec<String>,
    pub version: Option<String>,
    /// What search engines and link previews show; the first paragraph when absent.
    pub description: Option<String>,
    /// File line of each key present, for messages about its value.
    pub lines: HashMap<&'static str, usize>,
}

/// A parsed page: front matter, the markdown body, and the file line the body starts on.
#[derive(Clone, Debug)]
pub struct Parsed {
    pub front: FrontMatter,
    pub body: String,
    pub body_line: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    title: Option<String>,
    path: Option<String>,
    menu: Option<String>,
    weight: Option<i64>,
    aliases: Option<Vec<String>>,
    version: Option<String>,
    description: Option<String>,
}

/// Splits and checks a page. `file` names it in messages.
pub fn parse(file: &str, text: &str) -> Result<Parsed, Diagnostic> {
    let text = normalise(text);
    let lines: Vec<&str> = text.split('\n').collect();
    if lines.first().map(|l| l.trim_end()) != Some("---") {
        return Err(Diagnostic::new(
            file,
            1,
            "a page must start with front matter: a `---` line, `key: value` lines, and a closing `---` line",
        ));
    }
    let close = lines
        .iter()
        .skip(1)
        .position(|l| l.trim_end() == "---")
        .map(|i| i + 1)
        .ok_or_else(|| Diagnostic::new(file, 1, "the front matter opened here is never closed by a `---` line"))?;

    let (yaml, key_lines) = prepare(file, &lines[1..close])?;
    let raw: Raw = if yaml.trim().is_empty() {
        Raw { title: None, path: None, menu: None, weight: None, aliases: None, version: None, description: None }
    } else {
        serde_saphyr::from_str(&yaml).map_err(|err| {
            // The block starts on the file's second line.
            let line = err.location().map(|l| l.line() as usize + 1).unwrap_or(1);
            Diagnostic::new(file, line, format!("malformed front matter: {}", first_line(&err.to_string())))
        })?
    };

    let line_of = |key: &str| key_lines.get(key).copied();
    let title = required(file, raw.title, "title", line_of("title"))?;
    let path = normalise_route(&required(file, raw.path, "path", line_of("path"))?)
        .map_err(|why| Diagnostic::new(file, line_of("path").unwrap_or(1), format!("`path` {why}")))?;
    let mut aliases = Vec::new();
    for alias in raw.aliases.unwrap_or_default() {
        let alias = normalise_route(&alias)
            .map_err(|why| Diagnostic::new(file, line_of("aliases").unwrap_or(1), format!("alias `{alias}` {why}")))?;
        let alias = alias.strip_prefix("content/").map(str::to_string).unwrap_or(alias);
        aliases.push(alias);
    }
    let menu = optional(raw.menu);
    let version = optional(raw.version);
    let description = optional(raw.description);
    let body = lines[close + 1..].join("\n");
    Ok(Parsed {
        front: FrontMatter {
            title,
            path,
            menu,
            weight: raw.weight.unwrap_or(0),
            aliases,
            version,
            description,
            lines: key_lines,
        },
        body,
        body_line: close + 2,
    })
}

/// Drops a byte-order mark and turns CRLF and lone CR line endings into LF.
fn normalise(text: &str) -> String {
    text.strip_prefix('\u{feff}').unwrap_or(text).replace("\r\n", "\n").replace('\r', "\n")
}

/// Checks the keys line by line (unknown or repeated keys, lines that are not `key: value`),
/// quotes the values of text keys, and records the file line of each key.
fn prepare(file: &str, block: &[&str]) -> Result<(String, HashMap<&'static str, usize>), Diagnostic> {
    let mut yaml = String::new();
    let mut key_lines = HashMap::new();
    for (i, line) in block.iter().enumerate() {
        let file_line = i + 2;
        let trimmed = line.trim();
        let is_continuation = line.starts_with([' ', '\t', '-']);
        if trimmed.is_empty() || trimmed.starts_with('#') || is_continuation {
            yaml.push_str(line);
            yaml.push('\n');
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            return Err(Diagnostic::new(file, file_line, format!("expected `key: value`, found `{trimmed}`")));
        };
        let key = key.trim();
        let Some(&known) = KNOWN_KEYS.iter().find(|k| **k == key) else {
            return Err(Diagnostic::new(
                file,
                file_line,
                format!("unknown key `{key}` (the keys are: {})", KNOWN_KEYS.join(", ")),
            ));
        };
        if key_lines.insert(known, file_line).is_some() {
            return Err(Diagnostic::new(file, file_line, format!("`{key}` is given twice")));
        }
        let value = value.trim();
        let quoted = value.starts_with(['"', '\'']);
        if TEXT_KEYS.contains(&known) && !value.is_empty() && !quoted {
            yaml.push_str(&format!("{known}: \"{}\"\n", value.replace('\\', "\\\\").replace('"', "\\\"")));
        } else {
            yaml.push_str(line);
            yaml.push('\n');
        }
    }
    Ok((yaml, key_lines))
}

/// A required text value; `line` is where its key is, `None` when the key is absent.
fn required(file: &str, value: Option<String>, key: &str, line: Option<usize>) -> Result<String, Diagnostic> {
    match (value.map(|v| v.trim().to_string()), line) {
        (Some(v), _) if !v.is_empty() => Ok(v),
        (_, Some(line)) => Err(Diagnostic::new(file, line, format!("`{key}` is empty"))),
        (_, None) => Err(Diagnostic::new(file, 1, format!("missing `{key}` in the front matter"))),
    }
}

fn optional(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

/// `/Help/Privacy/` → error; `/help/privacy/` → `help/privacy`.
pub fn normalise_route(route: &str) -> Result<String, &'static str> {
    let route = route.trim().trim_matches('/');
    if route.is_empty() {
        return Err("is empty");
    }
    let valid = route.split('/').all(|segment| {
        !segment.is_empty()
            && segment.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
    });
    if valid {
        Ok(route.to_string())
    } else {
        Err("may only hold lowercase letters, digits, `-` and `_`, in segments separated by `/`")
    }
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Parsed {
        parse("page.md", text).unwrap_or_else(|d| panic!("{d}"))
    }

    fn err(text: &str) -> String {
        parse("page.md", text).unwrap_err().to_string()
    }

    #[test]
    fn reads_every_key() {
        let page = ok("---\ntitle: Privacy\npath: /privacy/\nmenu: Privacy\nweight: 40\n\
                       aliases:\n  - /content/privacy-policy\n  - old-privacy\nversion: 2026-11-01\n---\nBody\n");
        let f = &page.front;
        assert_eq!(f.title, "Privacy");
        assert_eq!(f.path, "privacy");
        assert_eq!(f.menu.as_deref(), Some("Privacy"));
        assert_eq!(f.weight, 40);
        assert_eq!(f.aliases, ["privacy-policy", "old-privacy"]);
        assert_eq!(f.version.as_deref(), Some("2026-11-01"));
        assert_eq!(page.body, "Body\n");
        assert_eq!(page.body_line, 11);
    }

    #[test]
    fn values_may_contain_colons_and_hashes() {
        let page = ok("---\ntitle: Groups: how they work #1\npath: groups-how\n---\n");
        assert_eq!(page.front.title, "Groups: how they work #1");
    }

    #[test]
    fn quoted_values_and_flow_lists_work_as_in_yaml() {
        let page = ok("---\ntitle: \"Quoted: yes\"\npath: 'q'\naliases: [a, b/c]\n---\n");
        assert_eq!(page.front.title, "Quoted: yes");
        assert_eq!(page.front.path, "q");
        assert_eq!(page.front.aliases, ["a", "b/c"]);
    }

    #[test]
    fn crlf_endings_and_a_byte_order_mark_work() {
        let page = ok("\u{feff}---\r\ntitle: Windows\r\npath: win\r\n---\r\nLine one\r\nLine two\r\n");
        assert_eq!(page.front.title, "Windows");
        assert_eq!(page.body, "Line one\nLine two\n");
    }

    #[test]
    fn unicode_titles_are_kept() {
        assert_eq!(
            ok("---\ntitle: Grupos de usuários · 東京\npath: t\n---\n").front.title,
            "Grupos de usuários · 東京"
        );
    }

    #[test]
    fn an_empty_body_is_fine() {
        assert_eq!(ok("---\ntitle: Empty\npath: empty\n---").body, "");
    }

    #[test]
    fn missing_or_empty_title_and_path_are_errors_with_their_line() {
        assert_eq!(err("---\npath: x\n---\n"), "page.md:1: missing `title` in the front matter");
        assert_eq!(err("---\ntitle:   \npath: x\n---\n"), "page.md:2: `title` is empty");
        assert_eq!(err("---\ntitle: T\n---\n"), "page.md:1: missing `path` in the front matter");
        assert_eq!(err("---\ntitle: T\n\npath:\n---\n"), "page.md:4: `path` is empty");
    }

    #[test]
    fn an_unknown_key_is_an_error_at_its_line() {
        let message = err("---\ntitle: T\npath: p\nauthor: me\n---\n");
        assert!(message.starts_with("page.md:4: unknown key `author`"), "{message}");
    }

    #[test]
    fn a_repeated_key_is_an_error() {
        assert_eq!(err("---\ntitle: A\ntitle: B\npath: p\n---\n"), "page.md:3: `title` is given twice");
    }

    #[test]
    fn malformed_front_matter_is_an_error_with_a_line() {
        assert_eq!(err("# Just markdown\n").split(':').nth(1), Some("1"));
        assert!(
            err("---\ntitle: never closed\n").starts_with("page.md:1: the front matter opened here is never closed")
        );
        assert!(err("---\ntitle: T\nnot a key value line\n---\n").starts_with("page.md:3: expected `key: value`"));
        let bad_weight = err("---\ntitle: T\npath: p\nweight: heavy\n---\n");
        assert!(bad_weight.starts_with("page.md:4: malformed front matter"), "{bad_weight}");
        let bad_list = err("---\ntitle: T\npath: p\naliases: [a, b\n---\n");
        assert!(bad_list.starts_with("page.md:"), "{bad_list}");
        assert!(bad_list.contains("malformed front matter"), "{bad_list}");
    }

    #[test]
    fn routes_are_lowercase_segments() {
        assert_eq!(normalise_route("/a/b-c_d/").as_deref(), Ok("a/b-c_d"));
        assert!(normalise_route("Privacy").is_err());
        assert!(normalise_route("a//b").is_err());
        assert!(normalise_route("a b").is_err());
        assert!(normalise_route("../etc").is_err());
        assert!(normalise_route("/").is_err());
        assert!(err("---\ntitle: T\npath: Not Valid\n---\n").starts_with("page.md:3: `path` may only hold"));
    }
}
