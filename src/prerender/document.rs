//! A page's document: Trunk's `index.html` (its scripts, styles and preloads) with the page's
//! own head tags in place of the generic title, and the page's markup in its body, in the
//! element the app takes over (see `shell::takeover`).

/// The element holding the pre-rendered markup; the app mounts beside it and removes it.
pub const PRERENDERED_ID: &str = "prerendered";

/// `index` with `head` in place of its `<title>` and `body` as its body's content.
pub fn assemble(index: &str, head: &str, body: &str) -> Result<String, String> {
    let start = index.find("<title>").ok_or("index.html has no <title>")?;
    let end = index[start..]
        .find("</title>")
        .map(|i| start + i + "</title>".len())
        .ok_or("index.html's <title> is not closed")?;
    let mut document = format!("{}{head}{}", &index[..start], &index[end..]);
    let body_start = document.find("<body>").ok_or("index.html has no <body>")? + "<body>".len();
    let body_end = document.rfind("</body>").ok_or("index.html has no </body>")?;
    if !document[body_start..body_end].trim().is_empty() {
        return Err("index.html's body should be empty: the pre-rendered page fills it".into());
    }
    document
        .replace_range(body_start..body_end, &format!("<div id=\"{PRERENDERED_ID}\" class=\"app-root\">{body}</div>"));
    Ok(document)
}

#[cfg(test)]
mod tests {
    use super::*;

    const INDEX: &str = "<!doctype html><html lang=en><meta charset=utf-8><title>OpenStack User Groups</title>\
                         <script type=module>start()</script></head><body></body></html>";

    #[test]
    fn the_head_and_the_body_take_their_places() {
        let doc = assemble(
            INDEX,
            "<title>Privacy</title><meta name=\"description\" content=\"d\">",
            "<main><h1>Privacy</h1></main>",
        )
        .unwrap();
        assert_eq!(
            doc,
            "<!doctype html><html lang=en><meta charset=utf-8><title>Privacy</title><meta name=\"description\" content=\"d\">\
             <script type=module>start()</script></head><body><div id=\"prerendered\" class=\"app-root\"><main><h1>Privacy</h1></main></div></body></html>"
        );
    }

    #[test]
    fn an_unexpected_index_is_refused() {
        assert!(assemble("<html><body></body></html>", "", "").is_err());
        assert!(assemble("<title>x</title><body><p>old</p></body>", "", "").is_err());
    }
}
