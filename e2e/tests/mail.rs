//! Mail, end to end: a person sends a request in the browser, the receipt arrives at a real
//! SMTP relay on 127.0.0.1, and its private link opens the organiser's page in Chromium.

use std::time::Duration;

use groups_server::mail::MailConfig;

use crate::{
    new_group::{button, fill_details, open_form, tick_all, wait_for_reference},
    relay::{body, header, Relay},
    support::{start_site_configured, Browser, FIXTURE_GROUPS},
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_receipt_arrives_and_its_link_opens_the_organisers_page() {
    let Some(relay) = Relay::start(None) else { return };
    let mut mail = MailConfig::new(&relay.url(), None, "portal@groups.example".into(), vec![]).unwrap();
    mail.poll = Duration::from_millis(100);
    let site =
        start_site_configured(Some(FIXTURE_GROUPS), move |config| groups_server::Config { mail: Some(mail), ..config })
            .await;

    let b = open_form(&site.base).await;
    fill_details(&b).await;
    tick_all(&b).await;
    b.click(button(&b, "Send the request").await).await;
    let reference = wait_for_reference(&b, Duration::from_secs(20)).await;

    let receipt = relay.wait_for(1).await.remove(0);
    assert!(header(&receipt, "Subject").unwrap().contains(&reference));
    assert!(header(&receipt, "To").unwrap().contains("ada@example.org"));
    let text = body(&receipt);
    let at = text.find("/my-request#").expect("the private link");
    let link = text[at..].split_whitespace().next().unwrap().to_owned();

    let organiser = Browser::open(&site.base).await;
    organiser.goto(&link).await;
    organiser.wait_for_h1("Your request and group").await;
    organiser.wait_for_text("#state-title", &format!("Request {reference}")).await;
    organiser.assert_clean().await;
}
