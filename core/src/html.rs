//! Escaping text for HTML built as a string: the group list renders its page of items in one
//! `innerHTML` assignment (many times faster than creating them one by one), and the server
//! writes group pages, the directory and the sitemap for readers without JavaScript.

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
    fn markup_characters_are_escaped() {
        assert_eq!(escape("<script>alert('x')</script>"), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        assert_eq!(escape("a \" onmouseover=\"x"), "a &quot; onmouseover=&quot;x");
        assert_eq!(escape("Tom & Jerry"), "Tom &amp; Jerry");
        assert_eq!(escape("São Paulo · 東京"), "São Paulo · 東京");
    }
}
