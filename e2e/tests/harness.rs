//! The harness's own checks must be able to fail: a page that breaks the rules is caught.

use fantoccini::Locator;

use crate::support::{start_site, Browser};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_checks_catch_csp_violations_foreign_requests_and_accessibility_faults() {
    let site = start_site().await;
    let browser = Browser::open(&site).await;
    browser.goto("/").await;
    browser.wait_for_h1("Find an OpenStack user group near you").await;

    // An inline script, an image from another host and an image without a text alternative.
    browser
        .eval(
            "const s = document.createElement('script'); s.textContent = 'window.__ran = 1';
             document.body.appendChild(s);
             const img = document.createElement('img'); img.src = 'http://example.org/pixel.png';
             document.querySelector('main').appendChild(img);
             return null;",
        )
        .await;
    browser.client.find(Locator::Css("main img")).await.unwrap();
    browser
        .wait_until(
            "both violations reported",
            "(JSON.parse(sessionStorage.getItem('__e2e_monitor') || '{}').csp || []).length >= 2",
        )
        .await;

    let csp = browser.csp_violations().await;
    assert!(csp.iter().any(|v| v.starts_with("script-src")), "inline script not reported: {csp:?}");
    assert!(csp.iter().any(|v| v.starts_with("img-src")), "foreign image not reported: {csp:?}");
    assert_eq!(browser.eval("return window.__ran === undefined;").await, serde_json::json!(true));
    let axe = browser.axe_violations().await;
    assert!(axe.iter().any(|v| v.starts_with("image-alt")), "missing alt not reported: {axe:?}");
}
