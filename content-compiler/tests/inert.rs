//! Property: whatever a page says, its HTML has no script element, no event-handler
//! attribute and no URL that executes.

use groups_content::{compile, Config, Source};
use proptest::prelude::*;

/// Pieces attackers (and careless editors) use, to be mixed with arbitrary text.
const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//x.org/a.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<iframe src=javascript:alert(1)>",
    "[a](javascript:alert(1))",
    "[a](JaVaScRiPt:alert(1))",
    "[a]( javascript:alert(1) )",
    "[a](java\tscript:x)",
    "[a](&#106;avascript:alert(1))",
    "[a](data:text/html,<script>alert(1)</script>)",
    "[a](vbscript:msgbox(1))",
    "<javascript:alert(1)>",
    "<data:text/html,x>",
    "![i](javascript:alert(1))",
    "![i](data:image/svg+xml,<svg onload=alert(1)>)",
    "[r]\n\n[r]: javascript:alert(1)\n",
    "![r][r]\n\n[r]: vbscript:x\n",
    "[x](https://example.org \"t\" onmouseover=\"alert(1)\")",
    "\n\n",
    " ",
    "`",
    "*",
    "_",
    "[",
    "]",
    "(",
    ")",
    "<",
    ">",
    "\"",
    "'",
    "&",
    "#",
    "| a |\n|---|\n| b |\n",
    "# h\n",
    "> q\n",
    "```\n<script>\n```\n",
    "    <script>\n",
];

fn payloads() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => proptest::sample::select(PAYLOADS).prop_map(str::to_string),
        1 => ".{0,12}",
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

fn compile_body(body: &str) -> Option<String> {
    let source = Source { file: "fuzz.md".into(), text: format!("---\ntitle: Fuzz\npath: fuzz\n---\n{body}") };
    // Links to pages that do not exist are build errors, not output: nothing to inspect then.
    compile(&[source], &Config { canonical_origin: "https://groups.openstack.org".into() })
        .ok()
        .map(|pages| pages[0].html.clone())
}

/// Every `<tag ...>` in the output, as (lowercase name, [(attribute, value)]).
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let after = &rest[start + 1..];
        let end = after.find('>').expect("every tag is closed");
        let tag = &after[..end];
        rest = &after[end + 1..];
        if tag.starts_with('/') {
            continue;
        }
        let name: String = tag.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        let mut attrs = Vec::new();
        let mut text = &tag[name.len()..];
        while let Some(eq) = text.find("=\"") {
            let attr = text[..eq].trim().to_ascii_lowercase();
            let value_end = text[eq + 2..].find('"').expect("attribute values are quoted");
            attrs.push((attr, text[eq + 2..eq + 2 + value_end].to_string()));
            text = &text[eq + 2 + value_end + 1..];
        }
        assert!(text.trim().is_empty() || text.trim() == "/", "unquoted attribute text in <{tag}>");
        found.push((name.to_ascii_lowercase(), attrs));
    }
    found
}

fn assert_inert(html: &str) {
    for (name, attrs) in tags(html) {
        assert!(
            !matches!(name.as_str(), "script" | "iframe" | "object" | "embed" | "style" | "svg" | "form"),
            "<{name}> in {html}"
        );
        for (attr, value) in attrs {
            assert!(!attr.starts_with("on"), "event handler {attr} in {html}");
            if attr == "href" || attr == "src" {
                let v = value.to_ascii_lowercase();
                let safe = v.starts_with('/')
                    || v.starts_with('#')
                    || v.starts_with("https://")
                    || v.starts_with("http://")
                    || v.starts_with("mailto:");
                assert!(safe, "unsafe URL {value:?} in {html}");
            }
        }
    }
}

/// Runs the property over `cases` generated bodies and counts how many compiled: a body that
/// does not compile (a link to a page that does not exist) checks nothing, and a generator
/// that made mostly such bodies would let the property pass without testing anything.
fn check_inert(strategy: impl Strategy<Value = String>, cases: u32, least_compiled: f64) {
    use proptest::test_runner::{Config as RunnerConfig, TestRunner};
    use std::cell::Cell;
    // No failure files: a failure prints its minimal input, which becomes a unit test.
    let mut runner = TestRunner::new(RunnerConfig { cases, failure_persistence: None, ..RunnerConfig::default() });
    let (tried, compiled) = (Cell::new(0u32), Cell::new(0u32));
    let result = runner.run(&strategy, |body| {
        tried.set(tried.get() + 1);
        if let Some(html) = compile_body(&body) {
            compiled.set(compiled.get() + 1);
            assert_inert(&html);
        }
        Ok(())
    });
    if let Err(failure) = result {
        panic!("{failure}");
    }
    let share = f64::from(compiled.get()) / f64::from(tried.get());
    assert!(
        share >= least_compiled,
        "only {} of {} generated pages compiled ({:.0}%): the property checked too little",
        compiled.get(),
        tried.get(),
        share * 100.0
    );
}

#[test]
fn rendered_html_is_inert() {
    check_inert(payloads(), 2000, 0.95);
}

#[test]
fn any_text_renders_inert() {
    check_inert("\\PC{0,200}", 2000, 0.95);
}

#[test]
fn a_page_full_of_payloads_renders_them_as_text() {
    let html = compile_body(&PAYLOADS[..20].join("\n\n")).expect("compiles");
    assert_inert(&html);
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{html}");
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"), "{html}");
}

#[test]
fn the_check_itself_catches_unsafe_html() {
    for bad in [
        "<script>x</script>",
        "<a href=\"javascript:x\">",
        "<img src=\"data:x\">",
        "<p onclick=\"x\">",
        "<a href=\"JaVaScRiPt:x\">",
    ] {
        assert!(std::panic::catch_unwind(|| assert_inert(bad)).is_err(), "{bad} passed the check");
    }
    assert_inert("<p><a href=\"/privacy\">ok</a> <a href=\"https://x.org\" rel=\"noopener noreferrer\">x</a></p>");
}
