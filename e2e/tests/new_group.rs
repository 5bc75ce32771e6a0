//! Asking to start a group, end to end: a person fills the form by its labels, against the
//! real inbox (and through a fault-injecting proxy), and the request is stored exactly once
//! with its consent record.

use std::time::{Duration, Instant};

use fantoccini::{actions::InputSource, elements::Element, Locator};
use groups_portal::request::draft::STORAGE_KEY;
use groups_server::terms::PRIVACY_POLICY_VERSION;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::{
    fault_proxy::{self, Fault},
    support::{start_site, stored, Browser},
};

const TAB: &str = "\u{E004}";
const ENTER: &str = "\u{E007}";
const SPACE: &str = " ";
const CONSENT: &str = "I agree that the staff who run this portal";

/// The control whose `<label>` reads `label` (exactly, or at its start when `prefix`).
pub(crate) async fn control(b: &Browser, label: &str, prefix: bool) -> Element {
    let script = format!(
        "const want = {label:?};
         const label = [...document.querySelectorAll('label')].find(l => {{
             const text = l.textContent.replace(/\\s+/g, ' ').trim();
             return {prefix} ? text.startsWith(want) : text === want;
         }});
         return label ? label.htmlFor : null;"
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(id) = b.eval(&script).await.as_str() {
            return b.client.find(Locator::Id(id)).await.unwrap();
        }
        assert!(Instant::now() < deadline, "no control labelled {label:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

pub(crate) async fn field(b: &Browser, label: &str) -> Element {
    control(b, label, false).await
}

pub(crate) async fn fill(b: &Browser, label: &str, text: &str) {
    field(b, label).await.send_keys(text).await.unwrap();
}

pub(crate) async fn value(b: &Browser, label: &str) -> String {
    field(b, label).await.prop("value").await.unwrap().unwrap_or_default()
}

pub(crate) async fn tick(b: &Browser, label_start: &str) {
    b.click(control(b, label_start, true).await).await;
}

pub(crate) async fn ticked(b: &Browser, label_start: &str) -> bool {
    control(b, label_start, true).await.is_selected().await.unwrap()
}

pub(crate) async fn button(b: &Browser, name: &str) -> Element {
    b.wait_for_text("button", name).await
}

/// Fills every required field and the website link, leaving the boxes.
pub(crate) async fn fill_details(b: &Browser) {
    field(b, "Country").await.select_by_label("Germany").await.unwrap();
    fill(b, "City (optional)", "Berlin").await;
    fill(b, "Group name", "OpenStack Spree").await;
    fill(b, "Short description", "Evening talks about running OpenStack, every second month.").await;
    fill(b, "Website (optional)", "https://spree.example.org").await;
    fill(b, "Organiser 1: Name", "Ada Lovelace").await;
    fill(b, "Organiser 1: Email", "ada@example.org").await;
}

pub(crate) async fn tick_all(b: &Browser) {
    tick(b, "The group and its organisers will follow").await;
    tick(b, "The group will be non-commercial").await;
    tick(b, CONSENT).await;
}

pub(crate) async fn open_form(base: &str) -> Browser {
    let b = Browser::open(base).await;
    b.goto("/new-group").await;
    b.wait_for_h1("Start a user group").await;
    b
}

/// Waits for the success panel and returns the reference it shows.
pub(crate) async fn wait_for_reference(b: &Browser, patience: Duration) -> String {
    let deadline = Instant::now() + patience;
    loop {
        if let Some(reference) = b.texts(".received .reference").await.into_iter().next() {
            return reference;
        }
        assert!(
            Instant::now() < deadline,
            "no reference number after {patience:?}; status reads {:?}",
            b.texts(".send-status").await
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_fills_the_form_and_gets_a_reference_stored_once_with_consent() {
    let inbox = start_site().await;
    let b = open_form(&inbox.base).await;
    b.assert_accessible().await;

    fill_details(&b).await;
    // A group already meets in Berlin: the form says so, and lets the person go on.
    b.wait_for_text(".nearby h2", "There may already be a group for you").await;
    b.link(".nearby", "OpenStack Berlin").await;
    tick_all(&b).await;
    let shown = b.eval("return document.querySelector('label[for=consent]').textContent;").await;
    let shown_sha256: String =
        Sha256::digest(shown.as_str().unwrap().as_bytes()).iter().map(|x| format!("{x:02x}")).collect();

    b.click(button(&b, "Send the request").await).await;
    let reference = wait_for_reference(&b, Duration::from_secs(20)).await;
    b.wait_for_text(".received h2", "Request received").await;
    assert!(b.focused().await.starts_with("section:Request received"), "focus: {}", b.focused().await);

    let rows = stored(&inbox.db);
    assert_eq!(rows.len(), 1, "{rows:#?}");
    let row = &rows[0];
    assert_eq!(row["id"], reference.as_str());
    assert_eq!(row["group"]["name"], "OpenStack Spree");
    assert_eq!(row["group"]["country"], "DE");
    assert_eq!(row["group"]["links"][0]["url"], "https://spree.example.org");
    assert_eq!(row["organizers"][0]["email"], "ada@example.org");
    assert_eq!(row["agreements"]["code_of_conduct"], true);
    assert_eq!(row["consent"]["privacy_policy_version"], PRIVACY_POLICY_VERSION);
    assert_eq!(row["consent"]["text_sha256"], shown_sha256.as_str(), "the hash is of the exact text shown");

    let draft = b.eval(&format!("return sessionStorage.getItem({STORAGE_KEY:?});")).await;
    assert_eq!(draft, Value::Null, "the draft is cleared once the inbox has the request");
    b.assert_accessible().await;
    b.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_consent_nothing_is_sent_and_the_problem_is_announced() {
    let inbox = start_site().await;
    let proxy = fault_proxy::start(&inbox.base, vec![]).await;
    let b = open_form(&proxy.base).await;
    fill_details(&b).await;
    tick(&b, "The group and its organisers will follow").await;
    tick(&b, "The group will be non-commercial").await;

    b.click(button(&b, "Send the request").await).await;
    b.wait_for_text(".error-summary h2", "There is a problem").await;
    let focused = b.focused().await;
    assert!(focused.starts_with("div:There is a problem"), "the summary takes focus: {focused}");
    assert!(focused.contains("Tick the box to agree to how your information is used"), "{focused}");
    b.wait_for_text(
        "#consent-error",
        "Tick the box to agree to how your information is used: without it we cannot receive your request.",
    )
    .await;
    assert_eq!(field(&b, "Group name").await.attr("aria-invalid").await.unwrap(), None);
    assert_eq!(control(&b, CONSENT, true).await.attr("aria-invalid").await.unwrap().as_deref(), Some("true"));
    b.assert_accessible().await;

    // The summary's link takes the person to the box.
    let to_the_box = b
        .link(
            ".error-summary",
            "Tick the box to agree to how your information is used: without it we cannot receive your request.",
        )
        .await;
    b.click(to_the_box).await;
    assert_eq!(b.eval("return document.activeElement.id;").await, "consent");
    b.round_trip().await;
    assert_eq!(proxy.posts(), 0, "nothing was sent");
    assert!(stored(&inbox.db).is_empty());
    b.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reload_keeps_every_field_but_the_boxes() {
    let inbox = start_site().await;
    let b = open_form(&inbox.base).await;
    fill_details(&b).await;
    b.click(button(&b, "Add another organiser").await).await;
    // Focus moves on the frame after the new organiser is drawn.
    b.wait_until("focus on the new organiser", "document.activeElement.id === 'organizer-2-name'").await;
    fill(&b, "Organiser 2: Name", "Grace Hopper").await;
    fill(&b, "Organiser 2: Email", "grace@example.org").await;
    // A pin from the keyboard: focus the map, press Enter.
    b.client.find(Locator::Css(".map.picking")).await.unwrap().send_keys(ENTER).await.unwrap();
    let pin = pin_text(&b).await;
    tick_all(&b).await;

    b.reload().await;
    b.wait_for_h1("Start a user group").await;
    b.wait_for_text("#point", &pin).await;
    assert_eq!(value(&b, "Country").await, "DE");
    assert_eq!(value(&b, "City (optional)").await, "Berlin");
    assert_eq!(value(&b, "Group name").await, "OpenStack Spree");
    assert_eq!(value(&b, "Short description").await, "Evening talks about running OpenStack, every second month.");
    assert_eq!(value(&b, "Website (optional)").await, "https://spree.example.org");
    assert_eq!(value(&b, "Organiser 1: Email").await, "ada@example.org");
    assert_eq!(value(&b, "Organiser 2: Name").await, "Grace Hopper");
    assert_eq!(value(&b, "Organiser 2: Email").await, "grace@example.org");
    for box_label in ["The group and its organisers will follow", "The group will be non-commercial", CONSENT] {
        assert!(!ticked(&b, box_label).await, "{box_label:?} must be ticked again after a reload");
    }
    b.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn faults_on_the_way_end_in_one_stored_request() {
    let inbox = start_site().await;
    let proxy = fault_proxy::start(
        &inbox.base,
        vec![
            Fault::Answer { status: 503, headers: "", body: r#"{"error": "maintenance", "fields": {}}"# },
            Fault::Answer {
                status: 429,
                headers: "Retry-After: 1\r\n",
                body: r#"{"error": "slow down", "fields": {}}"#,
            },
            Fault::Drop,
            // Stored by the server, but the answer comes after the form's 15 s timeout.
            Fault::Hold(Duration::from_secs(17)),
        ],
    )
    .await;
    let b = open_form(&proxy.base).await;
    fill_details(&b).await;
    tick_all(&b).await;
    b.click(button(&b, "Send the request").await).await;

    // The person sees what is happening while it happens.
    let mut seen = Vec::new();
    let mut checked_waiting = false;
    let deadline = Instant::now() + Duration::from_secs(90);
    while b.texts(".received .reference").await.is_empty() {
        for status in b.texts(".send-status").await {
            if !status.is_empty() && !seen.contains(&status) {
                seen.push(status);
            }
        }
        if !checked_waiting && seen.iter().any(|s| s.contains("Trying again in")) {
            // The waiting state is accessible too.
            b.assert_accessible().await;
            checked_waiting = true;
        }
        assert!(Instant::now() < deadline, "no success; states seen: {seen:#?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let said = seen.join("\n");
    assert!(said.contains("unavailable for a moment (error 503)"), "{said}");
    assert!(said.contains("too many requests"), "{said}");
    assert!(said.contains("could not reach the inbox"), "{said}");
    assert!(said.contains("did not answer within 15 seconds"), "{said}");
    assert!(said.contains("Trying again in"), "{said}");

    let reference = b.texts(".received .reference").await.remove(0);
    assert_eq!(proxy.posts(), 5, "four faults, then the retry that got through");
    let rows = stored(&inbox.db);
    assert_eq!(rows.len(), 1, "stored exactly once: {rows:#?}");
    assert_eq!(rows[0]["id"], reference.as_str(), "the held-back attempt and the last one are the same request");
    // Nothing typed was lost on the way.
    assert_eq!(rows[0]["group"]["name"], "OpenStack Spree");
    assert_eq!(rows[0]["group"]["description"], "Evening talks about running OpenStack, every second month.");
    assert_eq!(rows[0]["organizers"][0]["email"], "ada@example.org");
    b.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_double_click_sends_once() {
    let inbox = start_site().await;
    // A slow first answer leaves time for the second click to land while sending.
    let proxy = fault_proxy::start(&inbox.base, vec![Fault::Hold(Duration::from_secs(2))]).await;
    let b = open_form(&proxy.base).await;
    fill_details(&b).await;
    tick_all(&b).await;
    let send = button(&b, "Send the request").await;
    b.bring_to_rest(&send).await;
    let actions = fantoccini::actions::MouseActions::new("mouse".into())
        .then(fantoccini::actions::PointerAction::MoveToElement {
            element: send.clone(),
            duration: None,
            x: 0.0,
            y: 0.0,
        })
        .then(fantoccini::actions::PointerAction::Down { button: fantoccini::actions::MOUSE_BUTTON_LEFT })
        .then(fantoccini::actions::PointerAction::Up { button: fantoccini::actions::MOUSE_BUTTON_LEFT })
        .then(fantoccini::actions::PointerAction::Down { button: fantoccini::actions::MOUSE_BUTTON_LEFT })
        .then(fantoccini::actions::PointerAction::Up { button: fantoccini::actions::MOUSE_BUTTON_LEFT });
    b.client.perform_actions(actions).await.unwrap();
    wait_for_reference(&b, Duration::from_secs(20)).await;
    b.round_trip().await;
    assert_eq!(proxy.posts(), 1, "a double click sends once");
    assert_eq!(stored(&inbox.db).len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_inboxs_field_errors_land_on_their_fields() {
    let inbox = start_site().await;
    let proxy = fault_proxy::start(
        &inbox.base,
        vec![Fault::Answer {
            status: 422,
            headers: "",
            body: r#"{"error": "some fields need attention", "fields": {"group.name": "A group with this name is already listed."}}"#,
        }],
    )
    .await;
    let b = open_form(&proxy.base).await;
    fill_details(&b).await;
    tick_all(&b).await;
    b.click(button(&b, "Send the request").await).await;

    b.wait_for_text("#group-name-error", "A group with this name is already listed.").await;
    assert_eq!(field(&b, "Group name").await.attr("aria-invalid").await.unwrap().as_deref(), Some("true"));
    assert!(b.focused().await.starts_with("div:There is a problem"), "{}", b.focused().await);
    b.assert_accessible().await;

    // Editing the name clears the inbox's complaint; sending again goes through.
    fill(&b, "Group name", " Havel").await;
    assert!(b.texts("#group-name-error").await.is_empty());
    b.click(button(&b, "Send the request").await).await;
    wait_for_reference(&b, Duration::from_secs(20)).await;
    let rows = stored(&inbox.db);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["group"]["name"], "OpenStack Spree Havel");
    assert_eq!(proxy.posts(), 2);
}

/// Waits for a pin and returns what the form says about it ("Pin: 52.52° N, … Remove the pin").
async fn pin_text(b: &Browser) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let text = b.texts("#point").await.into_iter().next().unwrap_or_default();
        if text.starts_with("Pin: ") && text.ends_with("Remove the pin") {
            return text;
        }
        assert!(Instant::now() < deadline, "no pin; #point reads {text:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Presses Tab until the element with `id` has focus, failing if it never gets it.
async fn tab_to(b: &Browser, id: &str) {
    for _ in 0..60 {
        if b.eval("return document.activeElement.id;").await == id {
            return;
        }
        b.press(TAB).await;
    }
    panic!("Tab never reached #{id}");
}

async fn type_keys(b: &Browser, text: &str) {
    b.press(text).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_step_works_from_the_keyboard_alone() {
    let inbox = start_site().await;
    let b = open_form(&inbox.base).await;

    tab_to(&b, "country").await;
    type_keys(&b, "Germany").await;
    tab_to(&b, "city").await;
    type_keys(&b, "Hamburg").await;
    // The map: zoom in, put the pin under the cross.
    b.press(TAB).await;
    assert_eq!(
        b.eval("return document.activeElement.getAttribute('aria-label');").await,
        "Map: pick the place where the group will meet"
    );
    b.press("+").await;
    b.press(ENTER).await;
    pin_text(&b).await;
    tab_to(&b, "group-name").await;
    type_keys(&b, "OpenStack Elbe").await;
    tab_to(&b, "description").await;
    type_keys(&b, "Talks and hands-on evenings about OpenStack in the north.").await;
    tab_to(&b, "organizer-1-name").await;
    type_keys(&b, "Ada Lovelace").await;
    tab_to(&b, "organizer-1-email").await;
    type_keys(&b, "ada@example.org").await;
    for id in ["agree-code-of-conduct", "agree-non-commercial", "consent"] {
        tab_to(&b, id).await;
        b.press(SPACE).await;
    }
    for _ in 0..5 {
        if b.focused().await == "button:Send the request" {
            break;
        }
        b.press(TAB).await;
    }
    assert_eq!(b.focused().await, "button:Send the request");
    b.press(ENTER).await;

    let reference = wait_for_reference(&b, Duration::from_secs(20)).await;
    let rows = stored(&inbox.db);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["id"], reference.as_str());
    assert_eq!(rows[0]["group"]["city"], "Hamburg");
    assert!(rows[0]["group"]["lat"].is_number(), "the pin placed by keyboard is sent");
    b.assert_clean().await;
}
