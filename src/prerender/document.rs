//! A page's document: Trunk's `index.html` with the page's own head tags in place of the
//! generic title, and the page's markup in its body, in the element the app takes over (see
//! `shell::takeover`).
//!
//! Before that, [`for_prerendered_pages`] makes `index.html` suit pages that arrive drawn: the
//! style sheet inline (no second request before the first paint; the server's CSP allows it by
//! its hash), the app started after the first paint instead of preloaded before it, so that
//! nothing it loads stands between the visitor and the text (what the page will fetch first,
//! listed in its document as [`AFTER_PAINT`], is preloaded then too), and the document marked
//! `js` at once where scripts run (and `has-key` where the address carries an organisers' key).

/// The element holding the pre-rendered markup; the app mounts beside it and removes it.
pub const PRERENDERED_ID: &str = "prerendered";

/// Trunk's `index.html` (in `dist`) made for pre-rendered pages: its style sheet inline (the
/// sheet's file then removed: nothing links it any more), its start script deferred to after
/// the first paint (and preloading the page's [`AFTER_PAINT`] list then), its preloads gone.
pub fn for_prerendered_pages(index: &str, dist: &std::path::Path) -> Result<String, String> {
    let mut html = index.to_owned();
    // The style sheet: `<link … href=/main-<hash>.css … rel=stylesheet …>`.
    let (start, end, href) =
        link_with(&html, |tag| tag.contains("stylesheet")).ok_or("index.html links no style sheet")?;
    let sheet = dist.join(href.trim_start_matches('/'));
    let css = std::fs::read_to_string(&sheet).map_err(|e| format!("{href}: {e}"))?;
    html.replace_range(start..end, &format!("<style>{}</style>", css.trim_end()));
    std::fs::remove_file(&sheet).map_err(|e| format!("{href}: {e}"))?;
    // Preloads of the app's code: it starts after the first paint now, and loads then.
    while let Some((start, end, _)) = link_with(&html, |tag| tag.contains("preload")) {
        html.replace_range(start..end, "");
    }
    // The start script: Trunk's imports the app and runs it at once.
    let open =
        html.find("<script type=module>").ok_or("index.html has no start script")? + "<script type=module>".len();
    let close = html[open..].find("</script>").map(|i| open + i).ok_or("the start script is not closed")?;
    let quoted = |after: &str| -> Result<String, String> {
        let at =
            html[open..close].find(after).ok_or(format!("the start script has no `{after}`"))? + open + after.len();
        let quote = html[at..].chars().next().ok_or("a quote")?;
        let value = &html[at + 1..];
        Ok(value[..value.find(quote).ok_or("a closing quote")?].to_owned())
    };
    let (js, wasm) = (quoted("from ")?, quoted("module_or_path: ")?);
    let script = format!(
        "await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted)));\
         for (const href of document.getElementById('{AFTER_PAINT}')?.textContent.split(' ') ?? []) \
         document.head.append(Object.assign(document.createElement('link'), \
         {{ rel: 'preload', as: 'fetch', crossOrigin: 'anonymous', href }}));\
         const app = await import('{js}');\
         await app.default({{ module_or_path: '{wasm}' }});"
    );
    html.replace_range(open..close, &script);
    // Before anything is drawn, the page learns that scripts run: what only makes sense with
    // them (a line saying the groups are loading) is shown only then (`.js-only`); and whether
    // its address carries an organisers' key (`.has-key`, see `JS_CLASS_SCRIPT`).
    let title = html.find("<title>").ok_or("index.html has no <title>")?;
    html.insert_str(title, &format!("<script>{JS_CLASS_SCRIPT}</script>"));
    Ok(html)
}

/// The id of a document's list of addresses (a `<script type="text/plain">`, space-separated)
/// that the start script preloads once the page is painted, as `fetch` does: what the page's
/// code will fetch first is then on its way beside the code. As preloads in the document they
/// would be fetched before the first paint, and Lighthouse's slow phone painted `/groups` and
/// `/meetings` 150–350 ms later (two runs each, against the same build without them).
pub const AFTER_PAINT: &str = "preload-after-paint";

/// The head's first script: marks the document as one where scripts run, and one whose address
/// carries an organisers' key (`…#<reference or slug>.<key>`, roughly as `Access::parse` reads
/// it: their page shows "Opening your request…" rather than why it is empty, `organiser::page`);
/// the server's CSP allows it by its hash, like the start script. A block, so that its name
/// stays its own.
pub const JS_CLASS_SCRIPT: &str = "{ const c = document.documentElement.classList; c.add('js'); \
     if (/\\.[\\w-]{16}/.test(location.hash)) c.add('has-key'); }";

/// The first `<link …>` whose tag satisfies `pick`: its start, end and `href`.
fn link_with(html: &str, pick: impl Fn(&str) -> bool) -> Option<(usize, usize, String)> {
    let mut from = 0;
    while let Some(start) = html[from..].find("<link").map(|i| i + from) {
        let end = html[start..].find('>').map(|i| start + i + 1)?;
        let tag = &html[start..end];
        if pick(tag) {
            let href = tag.split_once("href=").map(|(_, rest)| {
                let rest = rest.trim_start_matches(['"', '\'']);
                rest[..rest.find(['"', '\'', ' ', '>']).unwrap_or(rest.len())].to_owned()
            })?;
            return Some((start, end, href));
        }
        from = end;
    }
    None
}

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

/// `document` with `<html lang>` saying `lang` (Trunk's `index.html` says `en`).
pub fn with_lang(document: &str, lang: groups_i18n::Lang) -> Result<String, String> {
    let start = document.find("<html").ok_or("the document has no <html>")?;
    let end = document[start..].find('>').map(|i| start + i).ok_or("<html> is not closed")?;
    let tag = &document[start..end];
    let attribute = ["lang=en", "lang=\"en\""].iter().find_map(|a| tag.find(a).map(|at| (start + at, a.len())));
    let (at, len) = attribute.ok_or("<html> does not say lang=en")?;
    Ok(format!("{}lang=\"{}\"{}", &document[..at], lang.tag(), &document[at + len..]))
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
    fn the_shell_is_made_for_pages_that_arrive_drawn() {
        let dist = tempfile::tempdir().unwrap();
        std::fs::write(dist.path().join("main-1a2b.css"), "body{margin:0}\n").unwrap();
        let trunk = "<title>t</title><script type=module>import init, * as bindings from '/app-9f.js';\n\
                     const wasm = await init({ module_or_path: '/app-9f_bg.wasm' });</script>\
                     <link data-integrity=none href=/main-1a2b.css rel=stylesheet><link href=/favicon.svg rel=icon>\
                     <link crossorigin href=/app-9f.js rel=modulepreload><link rel=\"modulepreload\" href=\"/__wasm_split-9f.js\" crossorigin>\
                     <link as=fetch crossorigin href=/app-9f_bg.wasm rel=preload type=application/wasm></head><body></body>";
        let html = for_prerendered_pages(trunk, dist.path()).unwrap();
        assert_eq!(
            html,
            "<script>{ const c = document.documentElement.classList; c.add('js'); \
             if (/\\.[\\w-]{16}/.test(location.hash)) c.add('has-key'); }</script>\
             <title>t</title><script type=module>await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted)));\
             for (const href of document.getElementById('preload-after-paint')?.textContent.split(' ') ?? []) \
             document.head.append(Object.assign(document.createElement('link'), \
             { rel: 'preload', as: 'fetch', crossOrigin: 'anonymous', href }));\
             const app = await import('/app-9f.js');await app.default({ module_or_path: '/app-9f_bg.wasm' });</script>\
             <style>body{margin:0}</style><link href=/favicon.svg rel=icon></head><body></body>"
        );
        assert!(!dist.path().join("main-1a2b.css").exists(), "the sheet is inline now; its file is gone");
    }

    #[test]
    fn the_document_says_its_language() {
        let ja = with_lang(INDEX, groups_i18n::Lang::Ja).unwrap();
        assert!(ja.starts_with("<!doctype html><html lang=\"ja\"><meta charset=utf-8>"), "{ja}");
        let zh = with_lang("<html dir=ltr lang=\"en\"><body>", groups_i18n::Lang::ZhHans).unwrap();
        assert_eq!(zh, "<html dir=ltr lang=\"zh-Hans\"><body>");
        assert!(with_lang("<html><body>", groups_i18n::Lang::Ja).is_err());
    }

    #[test]
    fn an_unexpected_index_is_refused() {
        assert!(assemble("<html><body></body></html>", "", "").is_err());
        assert!(assemble("<title>x</title><body><p>old</p></body>", "", "").is_err());
    }
}
