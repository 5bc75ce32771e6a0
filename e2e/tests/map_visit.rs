//! The map as visitors of issue #31 met it on a phone: a cluster opened onto its groups apart
//! at a scale where the land says where they are, its countries named on the map and in its
//! name; a group's card beside the map, not over it; a pin far from the chosen country.

use fantoccini::Locator;

use crate::{
    new_group::{fill_details, open_form},
    support::{start_site, Browser},
};

const ENTER: &str = "\u{E007}";

/// The zoom of the directory's map, read from its world's transform (`scale(K) translate…`).
async fn zoom(b: &Browser) -> f64 {
    let t = b.eval("return document.querySelector('main .map-world').style.transform;").await;
    let t = t.as_str().unwrap().to_owned();
    t.trim_start_matches("scale(").split(')').next().unwrap().parse().unwrap()
}

/// The rectangle (left, top, right, bottom) of the first element matching `css`.
async fn rect(b: &Browser, css: &str) -> [f64; 4] {
    let r = b
        .eval(&format!(
            "const r = document.querySelector({css:?}).getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom];"
        ))
        .await;
    let r: Vec<f64> = r.as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
    [r[0], r[1], r[2], r[3]]
}

fn overlap(a: [f64; 4], b: [f64; 4]) -> bool {
    a[0] < b[2] - 0.5 && b[0] < a[2] - 0.5 && a[1] < b[3] - 0.5 && b[1] < a[3] - 0.5
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cluster_opens_onto_its_groups_apart_with_their_countries_named() {
    let site = start_site().await;
    let b = Browser::open_sized(&site, 390, 844).await;
    b.goto("/groups?region=europe").await;
    b.wait_for_h1("User groups").await;
    b.wait_until("a cluster", "document.querySelector('main .map button.marker.cluster')").await;
    let mut opened = 0;
    // The smallest cluster each time, as a visitor picks out a few dots, until none is left.
    for _ in 0..4 {
        let smallest = b
            .eval(
                "const cs = [...document.querySelectorAll('main .map button.marker.cluster')]
                     .map(b => [parseInt(b.getAttribute('aria-label'), 10), b.getAttribute('aria-label'), b.dataset.index]);
                 cs.sort((a, c) => a[0] - c[0]);
                 return cs[0] || null;",
            )
            .await;
        let Some(smallest) = smallest.as_array() else { break };
        let (count, label, index) =
            (smallest[0].as_u64().unwrap(), smallest[1].as_str().unwrap(), smallest[2].as_str().unwrap());
        let before = zoom(&b).await;
        let cluster =
            b.client.find(Locator::Css(&format!("main .map button.marker[data-index='{index}']"))).await.unwrap();
        b.click(cluster).await;
        b.wait_until(
            "the map zoomed",
            &format!("!document.querySelector('main .map-world').style.transform.startsWith('scale({before})')"),
        )
        .await;
        let k = zoom(&b).await;
        // Apart at a few countries' scale: ×16, or as deep as parts the groups on this 358 px
        // map (Brussels and Amsterdam: ×25); not the ×37–×64 of a few dots on blank land.
        assert!(k < 30.0, "opening {label:?} zoomed to ×{k}");
        // Its name said where its groups are.
        let (places, rest) = label
            .strip_prefix(&format!("{count} groups in "))
            .and_then(|l| l.split_once(": "))
            .unwrap_or_else(|| panic!("the cluster's name names no place: {label:?}"));
        assert_eq!(rest, "zoom in to see them");
        let first_country = places.split(", ").next().unwrap().split(" and ").next().unwrap().to_owned();
        // Its groups now stand apart: the cluster is gone, and its first group is a marker of
        // its own or in a smaller cluster.
        b.wait_until(
            "the cluster parted",
            &format!(
                "(() => {{ const m = document.querySelector(\"main .map button.marker[data-index='{index}']\");
                   return m && (!m.classList.contains('cluster') || parseInt(m.getAttribute('aria-label'), 10) < {count}); }})()"
            ),
        )
        .await;
        // The land's names: the cluster's first country among them, and none covering another.
        let labels = b.texts("main .map .map-label").await;
        assert!(labels.contains(&first_country), "{first_country:?} is not named on the map: {labels:?}");
        let rects = b
            .eval(
                "const c = document.querySelector('main .map-canvas').getBoundingClientRect();
                 return [...document.querySelectorAll('main .map .map-label')].map(l => l.getBoundingClientRect())
                     .filter(r => r.right > c.left && r.left < c.right && r.bottom > c.top && r.top < c.bottom)
                     .map(r => [r.left, r.top, r.right, r.bottom]);",
            )
            .await;
        let rects: Vec<[f64; 4]> = rects
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let r: Vec<f64> = r.as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
                [r[0], r[1], r[2], r[3]]
            })
            .collect();
        for (i, a) in rects.iter().enumerate() {
            for c in &rects[i + 1..] {
                assert!(!overlap(*a, *c), "names overlap: {a:?} {c:?} ({labels:?})");
            }
        }
        opened += 1;
        b.click(b.client.find(Locator::Css("main .map-tools button.wide")).await.unwrap()).await;
        b.eval("document.querySelector('main .map').focus(); return null;").await;
        // Back to Europe for the next one.
        b.goto("/groups?region=europe").await;
        b.wait_until("a cluster", "document.querySelector('main .map button.marker.cluster')").await;
        if opened >= 2 {
            break;
        }
    }
    assert!(opened > 0, "no cluster to open");
    b.assert_accessible().await;
    b.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_phone_a_groups_card_goes_below_the_map_and_leaves_it_free() {
    let site = start_site().await;
    let b = Browser::open_sized(&site, 360, 740).await;
    // A phone's own width (a window is never narrower than Chromium's least).
    b.cdp(
        "Emulation.setDeviceMetricsOverride",
        serde_json::json!({ "width": 320, "height": 700, "deviceScaleFactor": 2, "mobile": true }),
    )
    .await;
    b.goto("/groups?q=berlin").await;
    b.wait_for_h1("User groups").await;
    b.wait_until("the group's marker", "document.querySelector('main .map button.marker')").await;
    let marker = b.client.find(Locator::Css("main .map button.marker")).await.unwrap();
    b.click(marker).await;
    b.wait_for_text("main .map-card a", "Open the group’s page").await;
    // A long name, as some groups have.
    b.eval(
        "document.querySelector('main .map-card-title').textContent =
             'OpenStack Berlin-Brandenburg and the Lausitz Cloud Infrastructure User Group'; return null;",
    )
    .await;
    let (card, canvas, tools) =
        (rect(&b, "main .map-card").await, rect(&b, "main .map-canvas").await, rect(&b, "main .map-tools").await);
    assert!(!overlap(card, canvas), "the card {card:?} covers the map {canvas:?}");
    assert!(!overlap(card, tools), "the card {card:?} covers the zoom buttons {tools:?}");
    assert!(card[2] <= 320.0 && card[0] >= 0.0, "the card runs off the screen: {card:?}");
    assert!(!b.overflows_horizontally().await);
    b.assert_accessible().await;
    // Escape closes it and gives the marker its focus back.
    b.press("\u{E00C}").await;
    b.wait_until("the card closed", "!document.querySelector('main .map-card')").await;
    b.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pin_far_outside_the_chosen_country_is_questioned_not_refused() {
    let site = start_site().await;
    let b = open_form(&site.base).await;
    fill_details(&b).await;
    let map = b.client.find(Locator::Css(".map.picking")).await.unwrap();
    // Fitted to Germany's groups: a pin in the middle is in Germany, and nothing is said.
    map.send_keys(ENTER).await.unwrap();
    b.wait_until("a pin", "document.getElementById('point').textContent.startsWith('Pin: ')").await;
    b.round_trip().await;
    assert_eq!(b.texts("#point-warning").await, [""]);
    // The whole world, and the pin in its middle: the Gulf of Guinea.
    map.send_keys("0").await.unwrap();
    map.send_keys(ENTER).await.unwrap();
    b.wait_until("the warning", "document.getElementById('point-warning').textContent.includes('outside Germany')")
        .await;
    let warning = b.texts("#point-warning").await.remove(0);
    assert!(warning.starts_with("The pin is about ") && warning.contains(" km outside Germany"), "{warning}");
    // A warning, not an error: the field is not marked invalid.
    assert_eq!(b.eval("return document.querySelector('.point-field.invalid') === null;").await, true);
    b.assert_accessible().await;
    b.assert_clean().await;
}
