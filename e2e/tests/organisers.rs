//! An organiser's life through their private link, end to end: a person sends a request with
//! the form and opens the link the confirmation shows in a fresh browser; staff approve it with
//! a message; the organiser reads it, changes the description, adds a calendar feed and
//! confirms the details, and a visitor sees it all on the group's page, with and without
//! JavaScript; then the group stops meeting and leaves the directory. A second organiser
//! withdraws their request and deletes their details, which leave no byte in the database.

use std::time::Duration;

use crate::{
    new_group::{button, control, fill, fill_details, open_form, tick_all, wait_for_reference},
    support::{start_site, Browser, Site},
};

const TAB: &str = "\u{E004}";
const ENTER: &str = "\u{E007}";
const PENDING: &str =
    "Pending: Waiting for the staff's decision. Until then you can correct what you sent, or withdraw it.";

/// Sends the form's request and returns its reference and the private link's path.
async fn send_request(site: &Site, email: Option<&str>) -> (String, String) {
    let b = open_form(&site.base).await;
    fill_details(&b).await;
    if let Some(email) = email {
        control(&b, "Organiser 1: Email", false).await.clear().await.unwrap();
        fill(&b, "Organiser 1: Email", email).await;
    }
    tick_all(&b).await;
    b.click(button(&b, "Send the request").await).await;
    let reference = wait_for_reference(&b, Duration::from_secs(20)).await;
    b.wait_for_text(".private-link h3", "Your private link").await;
    let link = b.eval("return document.querySelector('.private-link a').getAttribute('href');").await;
    let link = link.as_str().unwrap().to_owned();
    assert!(link.starts_with(&format!("/my-request#{reference}.")), "{link}");
    // The page says the link is private, and shows it whole.
    let shown = b.texts(".private-link a").await;
    assert_eq!(shown, [format!("{}{link}", site.base)]);
    b.assert_accessible().await;
    (reference, link)
}

async fn open_link(site: &Site, link: &str, width: u32) -> Browser {
    let b = Browser::open_sized(&site.base, width, 900).await;
    b.goto(link).await;
    b.wait_for_h1("Your request and group").await;
    b
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organiser_follows_their_request_and_keeps_their_group_current() {
    let site = start_site().await;
    let (reference, link) = send_request(&site, None).await;

    // In a fresh browser (another device), at a phone's width: the request waits.
    let b = open_link(&site, &link, 320).await;
    b.wait_for_text(".request-state .state", PENDING).await;
    b.wait_for_text("button", "Withdraw this request").await;
    b.wait_for_text(".sent dd", "OpenStack Spree").await;
    assert!(!b.overflows_horizontally().await, "readable at 320 px");
    b.assert_accessible().await;
    b.assert_clean().await;

    // The organiser starts to withdraw while staff approve: "Yes" then shows the request as it
    // is now, and why it cannot be withdrawn.
    b.click(button(&b, "Withdraw this request").await).await;
    let welcome = "Welcome! Tell us how the first meeting went.";
    site.staff(&["requests", "approve", &reference, "--lat", "52.41", "--lon", "12.55", "--message", welcome]).await;
    b.click(button(&b, "Yes, withdraw it").await).await;
    b.wait_for_text(".request-state .state", "Approved: Your group is in the directory.").await;
    let said = b.texts(".organiser-page [role=status]").await.join(" ");
    assert!(said.starts_with("This request was approved on"), "{said}");
    b.reload().await;
    b.wait_for_text(".request-state .state", "Approved: Your group is in the directory.").await;
    b.wait_for_text(".staff-message p", "Welcome! Tell us how the first meeting went.").await;
    b.wait_for_text("#manage-title", "Your group: OpenStack Spree").await;

    // The organiser edits: a rule broken first is said by its field, and nothing is saved.
    let description = control(&b, "Description", true).await;
    description.clear().await.unwrap();
    description.send_keys("Too short").await.unwrap();
    b.click(button(&b, "Save changes").await).await;
    b.wait_for_text("#description-error", "The description needs at least 20 characters.").await;
    b.wait_until("the field at fault has focus", "document.activeElement.id === 'description'").await;
    let description = control(&b, "Description", true).await;
    description.clear().await.unwrap();
    description.send_keys("Talks and hands-on labs about OpenStack, every second Tuesday.").await.unwrap();
    fill(&b, "Calendar feed (optional)", "https://calendar.example.org/spree.ics").await;
    // Confirming with changes not saved keeps them and says so.
    b.click(button(&b, "Our details are current").await).await;
    b.wait_for_text(
        ".organiser-page [role=status]",
        "You have changes that are not saved: save them first (they count as checked too), or reload the page to drop them.",
    )
    .await;
    assert_eq!(
        control(&b, "Description", true).await.prop("value").await.unwrap().as_deref(),
        Some("Talks and hands-on labs about OpenStack, every second Tuesday.")
    );
    b.click(button(&b, "Save changes").await).await;
    b.wait_for_text(".organiser-page [role=status]", "Saved: visitors see the new details now.").await;
    b.click(button(&b, "Our details are current").await).await;
    b.wait_for_text(".organiser-page [role=status]", "Thank you: the details are marked as checked this month.").await;
    b.assert_accessible().await;
    b.assert_clean().await;

    // A visitor, after a reload, sees it on the group's page.
    let month =
        b.eval("return new Date().toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });").await;
    let checked = format!("Details last checked {}.", month.as_str().unwrap());
    let visitor = Browser::open(&site.base).await;
    visitor.goto("/groups/openstack-spree").await;
    visitor.wait_for_h1("OpenStack Spree").await;
    visitor.wait_for_text("main p", "Talks and hands-on labs about OpenStack, every second Tuesday.").await;
    visitor.wait_for_text("main .checked", &checked).await;
    visitor.link("main", "Calendar feed (calendar.example.org)").await;
    let plain = Browser::open_without_javascript(&site.base).await;
    plain.goto("/groups/openstack-spree").await;
    plain.wait_for_text("main p", "Talks and hands-on labs about OpenStack, every second Tuesday.").await;
    plain.wait_for_text("main .checked", &checked).await;

    // The group stops meeting: asked twice, then off the map and the list; the link is spent.
    b.click(button(&b, "Our group has stopped meeting").await).await;
    b.click(button(&b, "Yes, take it off").await).await;
    b.wait_until("the outcome has focus", "document.activeElement.id === 'organiser-finished'").await;
    b.wait_for_text(
        ".finished",
        "The group is off the directory. Thank you for organising it. Your details are deleted 12 months from now, as the privacy policy says.",
    )
    .await;
    visitor.wait_until(
        "the group taken off",
        "fetch('/groups.json', { cache: 'no-store' }).then(r => r.text()).then(t => !t.includes('\"openstack-spree\"'))",
    )
    .await;
    visitor.goto("/groups?q=spree").await;
    visitor.wait_for_text("main p", "No group matches these filters.").await;
    b.reload().await;
    b.wait_for_text(
        ".load-error p",
        "This private link opens nothing any more, or was not copied whole. A link stops working when a newer one is issued, when its request is deleted or when its group is closed: write to community@openinfra.dev for a new one.",
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organiser_corrects_their_request_while_it_waits_and_staff_list_it_as_corrected() {
    let site = start_site().await;
    let (reference, link) = send_request(&site, None).await;
    let b = open_link(&site, &link, 320).await;
    b.wait_for_text(".request-state .state", PENDING).await;
    // A second tab, open on the request as it was sent.
    let other = open_link(&site, &link, 1280).await;
    other.wait_for_text(".sent dd", "OpenStack Spree").await;

    // By keyboard: the form opens with focus on its first field; Cancel brings focus back.
    let change = button(&b, "Change what you sent").await;
    change.send_keys(ENTER).await.unwrap();
    b.wait_until("the name has focus", "document.activeElement.id === 'group-name'").await;
    b.wait_for_text(
        ".change-request-form .hint",
        "The organisers’ names and addresses stay as sent: to change them, withdraw this request and send a new one.",
    )
    .await;
    b.click(button(&b, "Cancel").await).await;
    b.wait_until("the button has focus again", "document.activeElement.id === 'change-request'").await;

    // The name and the city corrected, a link's address pasted without https: saved and shown.
    b.click(button(&b, "Change what you sent").await).await;
    let name = control(&b, "Group name", false).await;
    name.clear().await.unwrap();
    name.send_keys("OpenStack Spreewald").await.unwrap();
    let city = control(&b, "City (optional)", false).await;
    city.clear().await.unwrap();
    city.send_keys("Cottbus").await.unwrap();
    let website = control(&b, "Website (optional)", false).await;
    website.clear().await.unwrap();
    website.send_keys("spreewald.example.org").await.unwrap();
    assert!(!b.overflows_horizontally().await, "readable at 320 px");
    b.assert_accessible().await;
    // A reload in the middle loses nothing: the form opens again with the changes.
    b.reload().await;
    b.wait_for_text(
        ".change-request-form [role=status]",
        "Your changes not saved yet were kept: save them, or cancel to drop them.",
    )
    .await;
    assert_eq!(
        control(&b, "Group name", false).await.prop("value").await.unwrap().as_deref(),
        Some("OpenStack Spreewald")
    );
    assert_eq!(control(&b, "City (optional)", false).await.prop("value").await.unwrap().as_deref(), Some("Cottbus"));
    b.click(button(&b, "Save changes").await).await;
    b.wait_for_text(".organiser-page [role=status]", "Saved: the staff will review your request as it is now.").await;
    b.wait_for_text(".sent dd", "OpenStack Spreewald").await;
    b.wait_for_text(".sent dd", "Cottbus, Germany").await;
    b.wait_for_text(".sent .url", "https://spreewald.example.org").await;
    b.reload().await;
    b.wait_for_text(".sent dd", "OpenStack Spreewald").await;
    b.assert_clean().await;

    // The other tab, still showing what was sent, changes the name differently: refused by the
    // field, nothing saved; its change of the description alone would have been kept.
    other.click(button(&other, "Change what you sent").await).await;
    let name = control(&other, "Group name", false).await;
    name.clear().await.unwrap();
    name.send_keys("OpenStack Lausitz").await.unwrap();
    other.click(button(&other, "Save changes").await).await;
    other.wait_for_text("#group-name-error", "Changed meanwhile by someone else: reload the page to see it.").await;
    other.wait_until("the field at fault has focus", "document.activeElement.id === 'group-name'").await;
    other.assert_accessible().await;
    // It also changed the description, unsaved; reloading (as the message says) shows the saved
    // name and keeps that other change.
    let description = control(&other, "Description", false).await;
    description.clear().await.unwrap();
    description.send_keys("Evening talks in Cottbus and Lübbenau, every second month.").await.unwrap();
    other.reload().await;
    other.wait_for_text(
        ".change-request-form [role=status]",
        "Someone saved other details meanwhile (Group name): these now show what they saved; your other changes were kept. Save them, or cancel to drop them.",
    )
    .await;
    assert_eq!(
        control(&other, "Group name", false).await.prop("value").await.unwrap().as_deref(),
        Some("OpenStack Spreewald")
    );
    other.click(button(&other, "Save changes").await).await;
    other
        .wait_for_text(".organiser-page [role=status]", "Saved: the staff will review your request as it is now.")
        .await;
    other.wait_for_text(".sent dd", "Evening talks in Cottbus and Lübbenau, every second month.").await;
    other.wait_for_text(".sent dd", "OpenStack Spreewald").await;

    // Staff list what is stored now.
    site.staff(&["requests", "approve", &reference, "--lat", "51.76", "--lon", "14.33"]).await;
    // The running server publishes a change made by another process within a second or so:
    // a visitor in that second would still find no group at the address.
    b.wait_until(
        "the approved group published",
        "fetch('/groups.json', { cache: 'no-store' }).then(r => r.text()).then(t => t.includes('\"openstack-spreewald\"'))",
    )
    .await;
    b.reload().await;
    b.wait_for_text("#manage-title", "Your group: OpenStack Spreewald").await;
    let visitor = Browser::open(&site.base).await;
    visitor.goto("/groups/openstack-spreewald").await;
    visitor.wait_for_h1("OpenStack Spreewald").await;
    visitor.wait_for_text("main .facts dd", "Cottbus").await;
    visitor.link("main", "Website (spreewald.example.org)").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organiser_withdraws_and_deletes_their_details_which_leave_no_byte_behind() {
    const ADDRESS: &str = "withdrawing.organiser@example.org";
    let site = start_site().await;
    let (_, link) = send_request(&site, Some(ADDRESS)).await;
    assert!(database_holds(&site, ADDRESS), "the address is there first: the check can fail");

    let b = open_link(&site, &link, 1280).await;
    b.click(button(&b, "Withdraw this request").await).await;
    // The question takes focus; "No" goes back without doing anything.
    b.wait_for_text(
        ".confirm-question p",
        "Withdraw this request? The staff will not review it, and it cannot be sent again: a new request would be needed.",
    )
    .await;
    b.click(button(&b, "No, go back").await).await;
    b.wait_for_text(".request-state .state", PENDING).await;
    // By keyboard alone: Enter on the button, the question takes focus, Tab to "Yes", Enter;
    // focus then rests on the line that says what happened.
    b.eval(
        "[...document.querySelectorAll('button')].find(e => e.textContent.trim() === 'Withdraw this request').focus();",
    )
    .await;
    b.press(ENTER).await;
    b.wait_until("the question has focus", "document.activeElement.classList.contains('confirm-question')").await;
    b.press(TAB).await;
    b.wait_until("Yes has focus", "document.activeElement.textContent.trim() === 'Yes, withdraw it'").await;
    b.press(ENTER).await;
    b.wait_for_text(".request-state .state", "Withdrawn: At your request; the staff will not review it.").await;
    b.wait_until("the outcome has focus", "document.activeElement.id === 'organiser-status'").await;
    b.click(button(&b, "Delete my details now").await).await;
    b.click(button(&b, "Yes, delete them").await).await;
    b.wait_for_text(
        ".finished",
        "Your request and your details are deleted: nothing of them is kept, and this link no longer opens anything.",
    )
    .await;
    assert!(!database_holds(&site, ADDRESS), "the address survived in the database files");
    b.assert_accessible().await;
    b.assert_clean().await;
}

/// Whether any of the database's files (with its WAL) holds `text`.
fn database_holds(site: &Site, text: &str) -> bool {
    let mut bytes = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        let path = format!("{}{suffix}", site.db.display());
        bytes.extend(std::fs::read(path).unwrap_or_default());
    }
    bytes.windows(text.len()).any(|w| w == text.as_bytes())
}
