//! Every page's HTML passes the Nu Html Checker (vnu.jar, from npm; Java runs it): as the server
//! sends it, and as the document stands once the app has taken it over.

use std::{path::PathBuf, process::Command};

use groups_portal::pages::lookup::PAGES;

use crate::support::{fetch, start_site, Browser};

fn vnu() -> PathBuf {
    crate::support::project_root().join("tools/node_modules/vnu-jar/build/dist/vnu.jar")
}

/// The checker's errors for every file, one line each (empty when all pass).
fn errors(files: &[PathBuf]) -> Vec<String> {
    let output = Command::new("java")
        .arg("-jar")
        .arg(vnu())
        .args(["--errors-only", "--format", "gnu"])
        .args(files)
        .output()
        .expect("java runs the Nu Html Checker (run `cargo xtask setup`)");
    let said = String::from_utf8_lossy(&output.stderr).into_owned() + &String::from_utf8_lossy(&output.stdout);
    said.lines().filter(|l| !l.trim().is_empty()).map(str::to_owned).collect()
}

fn paths() -> Vec<String> {
    let mut paths: Vec<String> =
        ["/", "/groups", "/groups/berlin", "/new-group", "/no/such/page"].map(String::from).into();
    // Near a place (Leipzig): the list with its distances, and none near with the way to start one.
    paths
        .extend(["/groups?near=2879139", "/groups?near=2879139&radius=50", "/meetings?near=2879139"].map(String::from));
    paths.extend(PAGES.iter().map(|p| p.href.to_owned()));
    // Other languages' documents, with the words they carry.
    paths.extend(
        ["/ja/", "/zh-hans/groups", "/ko/groups/berlin", "/ru/no/such/page", "/pt-br/privacy"].map(String::from),
    );
    paths
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_html_sent_and_the_html_drawn_pass_the_nu_html_checker() {
    let site = start_site().await;
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    let b = Browser::open(&site).await;
    for (i, path) in paths().into_iter().enumerate() {
        let (_, sent) = fetch(&site.base, &path).await;
        let file = dir.path().join(format!("sent-{i}.html"));
        std::fs::write(&file, sent).unwrap();
        files.push(file);

        // `goto` waits for the app to take the page over.
        b.goto(&path).await;
        let drawn = b.eval("return '<!DOCTYPE html>' + document.documentElement.outerHTML;").await;
        let file = dir.path().join(format!("drawn-{i}.html"));
        std::fs::write(&file, drawn.as_str().unwrap()).unwrap();
        files.push(file);
    }
    let found = errors(&files);
    assert!(found.is_empty(), "the Nu Html Checker found errors:\n{}", found.join("\n"));

    // And the check can fail: an icon link with an integrity attribute is an error.
    let bad = dir.path().join("bad.html");
    std::fs::write(&bad, "<!DOCTYPE html><html lang=en><title>x</title><link href=/a.svg integrity=sha384-x rel=icon>")
        .unwrap();
    assert!(!errors(&[bad]).is_empty(), "the checker reports nothing at all");
}
