//! A request's way into the directory, end to end: a person sends it with the form, staff run
//! `groups-server requests approve`, and after a reload the group is on the map, in its
//! region's list and on its own page, while `/groups.json` carries no organiser's details.

use crate::{
    new_group::{button, fill_details, open_form, tick_all, wait_for_reference},
    support::start_site,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_approved_request_shows_on_the_map_in_the_list_and_on_its_page_after_a_reload() {
    let site = start_site().await;
    let b = open_form(&site.base).await;
    fill_details(&b).await;
    tick_all(&b).await;
    b.click(button(&b, "Send the request").await).await;
    let reference = wait_for_reference(&b, std::time::Duration::from_secs(20)).await;

    // What staff type, run in this process against the running server's files.
    site.staff(&["requests", "approve", &reference, "--lat", "52.41", "--lon", "12.55"]).await;
    // The running server publishes a change made by another process within a second or so.
    b.wait_until(
        "the approved group published",
        "fetch('/groups.json', { cache: 'no-store' }).then(r => r.text()).then(t => t.includes('\"openstack-spree\"'))",
    )
    .await;

    b.goto("/groups?region=europe").await;
    b.wait_for_h1("User groups").await;
    b.link("main ul.group-list", "OpenStack Spree").await;
    b.goto("/groups?q=spree").await;
    b.wait_for_text("main [role=status]", &format!("Showing 1 of {} groups", group_count(&b).await)).await;
    let marker = b
        .eval(
            "return [...document.querySelectorAll('main .map button.marker')].map(m => m.getAttribute('aria-label'));",
        )
        .await;
    assert_eq!(marker, serde_json::json!(["OpenStack Spree, Berlin, Germany"]), "the map shows the group");

    b.goto("/groups/openstack-spree").await;
    b.wait_for_h1("OpenStack Spree").await;
    let checked = b.texts("main .checked").await;
    assert_eq!(checked.len(), 1);
    assert!(checked[0].starts_with("Details last checked "), "{checked:?}");
    b.assert_accessible().await;

    let published = b
        .client
        .execute_async("const done = arguments[0]; fetch('/groups.json').then(r => r.text()).then(done);", vec![])
        .await
        .unwrap();
    let published = published.as_str().unwrap();
    assert!(published.contains("\"openstack-spree\""), "{published}");
    assert!(!published.contains('@') && !published.contains("Ada Lovelace"), "organisers' details are never published");
    b.assert_clean().await;
}

/// How many groups the directory lists in all (the status line's total).
async fn group_count(b: &crate::support::Browser) -> usize {
    let script = "return fetch('/groups.json').then(r => r.json()).then(d => d.groups.length);";
    b.eval(script).await.as_u64().unwrap() as usize
}
