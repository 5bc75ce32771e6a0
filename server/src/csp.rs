//! The Content-Security-Policy, derived from the built `index.html`.
//!
//! Trunk starts the app with a small inline module script. Rather than allow inline scripts
//! in general (`unsafe-inline`), the policy allows exactly that script by its SHA-256 hash,
//! read from the `index.html` being served, so a rebuild never needs a hand-edited hash.

use std::{
    path::{Path, PathBuf},
    time::{Duration, SystemTime},
};

use axum::http::HeaderValue;
use base64::{engine::general_purpose::STANDARD as BASE64, Engine as _};
use sha2::{Digest, Sha256};

use crate::{reloading::Reloading, ServerError};

/// How often the server looks whether the site was rebuilt under it.
const CHECK_EVERY: Duration = Duration::from_secs(2);

/// The policy for one `dist/`, recomputed when its `index.html` changes.
#[derive(Clone, Debug)]
pub struct ContentSecurityPolicy(Reloading<Computed>);

#[derive(Debug)]
struct Computed {
    modified: Option<SystemTime>,
    header: HeaderValue,
}

impl ContentSecurityPolicy {
    /// Reads `dist/index.html`; fails with a message saying how to build it when it is absent.
    /// Call within the server's runtime: it keeps watching the file.
    pub fn for_dist(dist: &Path) -> Result<Self, ServerError> {
        let index = dist.join("index.html");
        if !index.is_file() {
            return Err(ServerError::MissingDist { dist: dist.to_path_buf(), index });
        }
        let policy = ContentSecurityPolicy(Reloading::new(compute(&index)?));
        // The site was rebuilt under a running server: hash the new loader. If the file is
        // mid-write and unreadable, keep serving the last good policy.
        policy.0.watch(CHECK_EVERY, move |held| {
            (modified(&index) != held.modified).then(|| compute(&index).ok()).flatten()
        });
        Ok(policy)
    }

    /// The header value for the `index.html` being served.
    pub fn header(&self) -> HeaderValue {
        self.0.get().header.clone()
    }
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

fn compute(index: &PathBuf) -> Result<Computed, ServerError> {
    let modified = modified(index);
    let html =
        std::fs::read_to_string(index).map_err(|source| ServerError::Read { path: index.to_path_buf(), source })?;
    let policy = policy(&inline_hashes(&html, "script"), &inline_hashes(&html, "style"));
    let header = HeaderValue::from_str(&policy).expect("a policy is ASCII without control characters");
    Ok(Computed { modified, header })
}

/// The policy text: same origin for everything, scripts and styles also by the given hashes
/// (the start script and the style sheet the build writes into every page), WebAssembly
/// compilation allowed (`wasm-unsafe-eval`, which is not `unsafe-eval`), no plugins, no framing.
pub fn policy(script_hashes: &[String], style_hashes: &[String]) -> String {
    let sources = |first: &str, hashes: &[String]| {
        let mut list = String::from(first);
        for hash in hashes {
            list.push_str(" 'sha256-");
            list.push_str(hash);
            list.push('\'');
        }
        list
    };
    [
        "default-src 'self'".to_string(),
        format!("script-src {}", sources("'self' 'wasm-unsafe-eval'", script_hashes)),
        format!("style-src {}", sources("'self'", style_hashes)),
        "img-src 'self'".to_string(),
        "font-src 'self'".to_string(),
        "connect-src 'self'".to_string(),
        "object-src 'none'".to_string(),
        "base-uri 'none'".to_string(),
        "form-action 'self'".to_string(),
        "frame-ancestors 'none'".to_string(),
    ]
    .join("; ")
}

/// Base64 SHA-256 of the text of every inline `<script>` (one without `src`), as CSP hashes it:
/// the exact characters between the opening and the closing tag.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    inline_hashes(html, "script")
}

/// The same for the elements named `element` (`script` or `style`).
pub fn inline_hashes(html: &str, element: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let (open, closing) = (format!("<{element}"), format!("</{element}"));
    let mut hashes = Vec::new();
    let mut from = 0;
    while let Some(start) = lower[from..].find(&open).map(|i| i + from) {
        let Some(tag_end) = lower[start..].find('>').map(|i| i + start) else {
            break;
        };
        let Some(close) = lower[tag_end..].find(&closing).map(|i| i + tag_end) else {
            break;
        };
        let tag = &lower[start..tag_end];
        if !has_src_attribute(tag) {
            let body = &html[tag_end + 1..close];
            hashes.push(BASE64.encode(Sha256::digest(body.as_bytes())));
        }
        from = close;
    }
    hashes
}

fn has_src_attribute(tag: &str) -> bool {
    tag.split(|c: char| c.is_ascii_whitespace()).any(|attr| attr == "src" || attr.starts_with("src="))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sha(text: &str) -> String {
        BASE64.encode(Sha256::digest(text.as_bytes()))
    }

    #[test]
    fn hashes_the_exact_inline_script_text() {
        let body = "\nimport init from '/app-0123456789abcdef.js';\nawait init();\n";
        let html = format!("<html><body><script type=\"module\">{body}</script></body></html>");
        assert_eq!(inline_script_hashes(&html), vec![sha(body)]);
    }

    #[test]
    fn external_scripts_are_not_hashed() {
        let html = r#"<script src="/a.js"></script><script defer src='/b.js'></script>"#;
        assert!(inline_script_hashes(html).is_empty());
    }

    #[test]
    fn several_inline_scripts_and_upper_case_tags() {
        let html = "<SCRIPT>one()</SCRIPT><p>x</p><script type=module>two()</script>";
        assert_eq!(inline_script_hashes(html), vec![sha("one()"), sha("two()")]);
    }

    #[test]
    fn an_unterminated_script_is_ignored() {
        assert!(inline_script_hashes("<script>never closed").is_empty());
    }

    #[test]
    fn inline_styles_are_hashed_too() {
        let html = "<style>body{margin:0}</style><script>x()</script>";
        assert_eq!(inline_hashes(html, "style"), vec![sha("body{margin:0}")]);
        assert!(policy(&[], &[sha("a")]).contains(&format!("style-src 'self' 'sha256-{}'", sha("a"))));
    }

    #[test]
    fn policy_allows_no_unsafe_inline_or_eval() {
        let text = policy(&["abc=".to_string()], &[]);
        assert!(text.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-abc='"));
        assert!(text.contains("frame-ancestors 'none'"));
        assert!(text.contains("style-src 'self'"));
        assert!(!text.contains("unsafe-inline"));
        assert!(!text.contains("'unsafe-eval'"));
    }

    #[test]
    fn a_missing_index_says_how_to_build_it() {
        let dir = tempfile::tempdir().unwrap();
        let err = ContentSecurityPolicy::for_dist(dir.path()).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(err.to_string().contains("cargo xtask run"), "{err}");
    }

    #[tokio::test]
    async fn a_rebuilt_index_gets_a_new_policy() {
        let dir = tempfile::tempdir().unwrap();
        let index = dir.path().join("index.html");
        std::fs::write(&index, "<script>first()</script>").unwrap();
        let csp = ContentSecurityPolicy::for_dist(dir.path()).unwrap();
        assert!(csp.header().to_str().unwrap().contains(&sha("first()")));

        std::fs::write(&index, "<script>second()</script>").unwrap();
        // Make sure the modification time differs even on coarse-grained file systems.
        let later = SystemTime::now() + std::time::Duration::from_secs(5);
        std::fs::File::options().write(true).open(&index).unwrap().set_modified(later).unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while !csp.header().to_str().unwrap().contains(&sha("second()")) {
            assert!(std::time::Instant::now() < deadline, "the new policy never came");
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert!(!csp.header().to_str().unwrap().contains(&sha("first()")));
    }
}
