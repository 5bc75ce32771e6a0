//! What a URL in a page is: internal (a route of this site), external (http, https,
//! mailto), a fragment of the same page, or unsafe (any other scheme, such as `javascript:`).

/// The kind of a link's destination.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkTarget {
    /// http, https or mailto on another site; kept as written.
    External(String),
    /// A route of this site: `path` without slashes around it (`""` is home), and the query
    /// and fragment if any (without `?` / `#`).
    Internal { path: String, query: Option<String>, fragment: Option<String> },
    /// `#id` on the same page.
    Fragment(String),
    /// Any other scheme, or something that is not a usable URL: rendered as plain text.
    Unsafe,
}

/// Classifies `url` as written in a page whose route is `page_path`. Links to
/// `canonical_origin` (like `https://groups.openstack.org`) are internal.
pub fn classify(url: &str, canonical_origin: &str, page_path: &str) -> LinkTarget {
    // Browsers drop tabs and newlines inside URLs and trim spaces and control characters
    // around them (`java\tscript:` is `javascript:`): judge the URL as a browser would read it.
    let cleaned: String =
        url.trim_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    if cleaned.chars().any(|c| c.is_control()) {
        return LinkTarget::Unsafe;
    }
    if let Some(rest) = strip_origin(&cleaned, canonical_origin) {
        return internal(rest, "");
    }
    match scheme(&cleaned) {
        Some(s) if s == "http" || s == "https" || s == "mailto" => LinkTarget::External(cleaned),
        Some(_) => LinkTarget::Unsafe,
        None if cleaned.starts_with("//") => LinkTarget::External(format!("https:{cleaned}")),
        None if cleaned.is_empty() => LinkTarget::Unsafe,
        None => match cleaned.strip_prefix('#') {
            Some(fragment) => LinkTarget::Fragment(fragment.to_string()),
            None => internal(&cleaned, page_path),
        },
    }
}

/// The scheme of an absolute URL, lowercased; `None` for a relative reference.
fn scheme(url: &str) -> Option<String> {
    let end = url.find([':', '/', '?', '#'])?;
    if url.as_bytes()[end] != b':' {
        return None;
    }
    let scheme = &url[..end];
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    // `a:b` where `a` is not a valid scheme is still no relative path a browser would follow
    // safely: treat anything with a colon before the first slash as a scheme.
    Some(if valid { scheme.to_ascii_lowercase() } else { String::from("invalid") })
}

/// `https://groups.openstack.org/content/x` → `/content/x` (also over http, any letter case).
fn strip_origin<'a>(url: &'a str, origin: &str) -> Option<&'a str> {
    let origin = origin.trim_end_matches('/');
    let host = origin.split_once("://").map(|(_, h)| h)?;
    for scheme in ["https://", "http://"] {
        let prefix_len = scheme.len() + host.len();
        // `get` rather than indexing: the cut may fall inside a multi-byte character.
        let (Some(prefix), Some(rest)) = (url.get(..prefix_len), url.get(prefix_len..)) else {
            continue;
        };
        if prefix.eq_ignore_ascii_case(&format!("{scheme}{host}")) {
            if rest.is_empty() {
                return Some("/");
            }
            if rest.starts_with(['/', '?', '#']) {
                return Some(rest);
            }
        }
    }
    None
}

/// Resolves a relative reference against the page's route, dropping `.` and `..`.
fn internal(reference: &str, page_path: &str) -> LinkTarget {
    let (rest, fragment) = match reference.split_once('#') {
        Some((r, f)) => (r, Some(f.to_string()).filter(|f| !f.is_empty())),
        None => (reference, None),
    };
    let (path, query) = match rest.split_once('?') {
        Some((p, q)) => (p, Some(q.to_string()).filter(|q| !q.is_empty())),
        None => (rest, None),
    };
    let mut segments: Vec<&str> = if path.starts_with('/') {
        Vec::new()
    } else {
        // A page at `a/b` is a document in `a/`: relative links start from there.
        let mut dir: Vec<&str> = page_path.split('/').filter(|s| !s.is_empty()).collect();
        dir.pop();
        dir
    };
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    LinkTarget::Internal { path: segments.join("/"), query, fragment }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORIGIN: &str = "https://groups.openstack.org";

    fn c(url: &str) -> LinkTarget {
        classify(url, ORIGIN, "what-are-user-groups")
    }

    fn internal(path: &str, fragment: Option<&str>) -> LinkTarget {
        LinkTarget::Internal { path: path.into(), query: None, fragment: fragment.map(Into::into) }
    }

    #[test]
    fn web_and_mail_links_are_external() {
        for url in
            ["https://www.openstack.org/brand/event-policy/", "http://example.org", "mailto:a@b.org", "HTTPS://X.ORG"]
        {
            assert_eq!(c(url), LinkTarget::External(url.into()), "{url}");
        }
        assert_eq!(c("//cdn.example.org/x"), LinkTarget::External("https://cdn.example.org/x".into()));
    }

    #[test]
    fn executable_and_unknown_schemes_are_unsafe() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "DATA:image/png;base64,AAAA",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
            "ftp://x.org",
            "a b:c",
            "",
        ] {
            assert_eq!(c(url), LinkTarget::Unsafe, "{url:?}");
        }
    }

    #[test]
    fn the_canonical_origin_is_internal() {
        assert_eq!(c("https://groups.openstack.org/content/organizer-tips"), internal("content/organizer-tips", None));
        assert_eq!(c("http://GROUPS.openstack.org/privacy#data"), internal("privacy", Some("data")));
        assert_eq!(c("https://groups.openstack.org"), internal("", None));
        assert_eq!(
            c("https://groups.openstack.org.evil.example/x"),
            LinkTarget::External("https://groups.openstack.org.evil.example/x".into())
        );
    }

    #[test]
    fn non_ascii_text_where_the_origin_would_end_is_fine() {
        // Found by the property test: the origin's length fell inside a 3-byte character.
        assert_eq!(c("Fu:^\u{17f0}4\u{aa56}`?\u{10e6}'^A96\u{c07}?\u{1f60}x"), LinkTarget::Unsafe);
        assert_eq!(
            c("https://groups.openstack.or\u{1f60}"),
            LinkTarget::External("https://groups.openstack.or\u{1f60}".into())
        );
    }

    #[test]
    fn relative_references_resolve_against_the_page() {
        assert_eq!(c("/privacy"), internal("privacy", None));
        assert_eq!(c("organizer-tips"), internal("organizer-tips", None));
        assert_eq!(classify("other", ORIGIN, "help/page"), internal("help/other", None));
        assert_eq!(classify("../top", ORIGIN, "help/page"), internal("top", None));
        assert_eq!(
            c("/groups?region=europe"),
            LinkTarget::Internal { path: "groups".into(), query: Some("region=europe".into()), fragment: None }
        );
        assert_eq!(c("#why"), LinkTarget::Fragment("why".into()));
        assert_eq!(c("/"), internal("", None));
    }
}
