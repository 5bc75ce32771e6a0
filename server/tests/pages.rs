//! Pages arrive with their content, over real HTTP: the build's pre-rendered documents by
//! route (a content page by path, `/content/<path>` or alias), a group's page and the
//! directory filled from the directory the server publishes now, 404 for what does not exist,
//! and `/robots.txt` and `/sitemap.xml`.

use groups_testkit as common;

use common::{ok, refused, request, send, staff, start, Site};
use reqwest::{header, StatusCode};

async fn get(site: &Site, path: &str) -> (StatusCode, String, reqwest::header::HeaderMap) {
    let response = reqwest::get(format!("{}{path}", site.base)).await.unwrap();
    let (status, headers) = (response.status(), response.headers().clone());
    (status, response.text().await.unwrap(), headers)
}

#[tokio::test]
async fn every_address_answers_its_own_document() {
    let site = start().await;
    for (path, heading) in [
        ("/", "Find a group"),
        ("/new-group", "Start a user group"),
        ("/privacy", "Privacy policy"),
        ("/content/privacy", "Privacy policy"),
        ("/privacy-policy", "Privacy policy"),
        // The old portal linked its aliases under /content/ too.
        ("/content/privacy-policy", "Privacy policy"),
        ("/groups", "User groups"),
    ] {
        let (status, html, headers) = get(&site, path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(html.contains(&format!("<h1>{heading}</h1>")), "{path}: {html}");
        assert_eq!(headers[header::CONTENT_TYPE], "text/html; charset=utf-8");
        assert_eq!(headers[header::CACHE_CONTROL], "no-store");
        assert!(headers.contains_key(header::CONTENT_SECURITY_POLICY));
    }
    let (status, html, _) = get(&site, "/no/such/page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("<h1>Page not found</h1>"));
    let (status, _, _) = get(&site, "/_pages/home.html").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "the build's documents are not files of the site");
}

#[tokio::test]
async fn each_language_has_its_own_addresses_and_only_the_home_page_chooses_one() {
    let site = start().await;
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let home = |accept: Option<&'static str>, cookie: Option<&'static str>| {
        let mut request = client.get(format!("{}/", site.base));
        if let Some(accept) = accept {
            request = request.header(header::ACCEPT_LANGUAGE, accept);
        }
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        request.send()
    };
    // `/` sends a browser that asks for Japanese to Japanese's home page, and says what it
    // chose by.
    let answer = home(Some("ja,en-US;q=0.8"), None).await.unwrap();
    assert_eq!(answer.status(), StatusCode::FOUND);
    assert_eq!(answer.headers()[header::LOCATION], "/ja/");
    let vary: Vec<_> = answer.headers().get_all(header::VARY).iter().map(|v| v.to_str().unwrap().to_owned()).collect();
    assert!(vary.iter().any(|v| v.contains("Accept-Language") && v.contains("Cookie")), "{vary:?}");
    // The choice made with the switcher comes first; English is a choice too.
    let answer = home(Some("ja"), Some("theme=dark; lang=pt-BR")).await.unwrap();
    assert_eq!(answer.headers()[header::LOCATION], "/pt-br/");
    let answer = home(Some("ja"), Some("lang=en")).await.unwrap();
    assert_eq!(answer.status(), StatusCode::OK);
    assert!(answer.text().await.unwrap().contains("<h1>Find a group</h1>"));
    // Nothing the site speaks: English, varying all the same.
    let answer = home(Some("fr-CH, fr;q=0.9"), None).await.unwrap();
    assert_eq!(answer.status(), StatusCode::OK);
    assert!(answer.headers().get_all(header::VARY).iter().any(|v| v.to_str().unwrap().contains("Accept-Language")));

    // A link of the switcher keeps the choice (without JavaScript too) and leads on to the page.
    let answer = client.get(format!("{}/ja/groups?region=asia&lang=ja", site.base)).send().await.unwrap();
    assert_eq!(answer.status(), StatusCode::SEE_OTHER);
    assert_eq!(answer.headers()[header::LOCATION], "/ja/groups?region=asia");
    assert_eq!(answer.headers()[header::SET_COOKIE], "lang=ja; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly");
    let answer =
        client.get(format!("{}/?lang=en", site.base)).header(header::ACCEPT_LANGUAGE, "ja").send().await.unwrap();
    assert_eq!((answer.status(), &answer.headers()[header::LOCATION]), (StatusCode::SEE_OTHER, &"/".parse().unwrap()));
    assert!(answer.headers()[header::SET_COOKIE].to_str().unwrap().starts_with("lang=en;"));
    let answer = client.get(format!("{}/groups?lang=xx", site.base)).send().await.unwrap();
    assert_eq!(answer.status(), StatusCode::OK, "no language of the site's: an address like any other");

    // A deep link is never sent elsewhere, whatever the browser asks for.
    let answer =
        client.get(format!("{}/ja/groups", site.base)).header(header::ACCEPT_LANGUAGE, "de").send().await.unwrap();
    assert_eq!(answer.status(), StatusCode::OK);
    let html = answer.text().await.unwrap();
    assert!(html.contains("<html lang=\"ja\">") && html.contains("<h1>ユーザーグループ</h1>"), "{html}");
    assert!(html.contains("<a href=\"/ja/groups/berlin\" dir=\"auto\">"), "the list's links stay in Japanese: {html}");
    let answer =
        client.get(format!("{}/groups", site.base)).header(header::ACCEPT_LANGUAGE, "ja").send().await.unwrap();
    assert_eq!(answer.status(), StatusCode::OK);
    assert!(answer.text().await.unwrap().contains("<h1>User groups</h1>"));
    for path in ["/ja/", "/ja"] {
        let (status, html, _) = get(&site, path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(html.contains("<h1>近くのグループを探す</h1>"), "{path}: {html}");
        // What the server fills in is in Japanese too: the regions' names and counts, the
        // map's name and the way to the list.
        assert!(html.contains(">ヨーロッパ</a><span class=\"count\">1 グループ</span>"), "{path}: {html}");
        assert!(html.contains("aria-label=\"ユーザーグループの地図\"") && !html.contains(">Europe<"), "{path}: {html}");
    }

    // A group's page in Japanese, translated: its own address is canonical, and it names its
    // version in every language; the switcher leads to English's.
    let (status, html, _) = get(&site, "/ja/groups/berlin").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<link rel=\"canonical\" href=\"https://groups.example.org/ja/groups/berlin\">"), "{html}");
    assert!(
        html.contains("<title>OpenStack &lt;Berlin&gt; · OpenStack ユーザーグループ</title>"),
        "the app's frame's name: {html}"
    );
    assert!(
        html.contains("<link rel=\"alternate\" hreflang=\"ja\" href=\"https://groups.example.org/ja/groups/berlin\">")
    );
    assert_eq!(html.matches("rel=\"alternate\"").count(), 9, "every language and the default: {html}");
    let japanese = groups_i18n::Catalogue::of(groups_i18n::Lang::Ja);
    let city = japanese.text(groups_i18n::Msg::GroupCity);
    assert!(html.contains(&format!("<dt>{city}</dt><dd dir=\"auto\">Berlin</dd>")), "{html}");
    assert!(html.contains("<a href=\"/groups/berlin\" hreflang=\"en\">English</a>"), "{html}");
    // A slug typed with capitals moves to the group's address in the same language.
    let answer = client.get(format!("{}/ja/groups/Berlin", site.base)).send().await.unwrap();
    assert_eq!(answer.status(), StatusCode::PERMANENT_REDIRECT);
    assert_eq!(answer.headers()[header::LOCATION], "/ja/groups/berlin");

    // Not found in Japanese: the address asked for, and the same address in English.
    let (status, html, _) = get(&site, "/ja/no/such/page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("<code>/ja/no/such/page</code>"), "{html}");
    assert!(html.contains("<a href=\"/no/such/page\" hreflang=\"en\">English</a>"), "{html}");
    // A segment that is no language's is English's (and here, no page).
    let (status, html, _) = get(&site, "/jp/groups").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("<h1>Page not found</h1>"));
}

#[tokio::test]
async fn group_pages_and_the_directory_come_from_the_live_directory() {
    let site = start().await;
    let (status, html, _) = get(&site, "/groups/berlin").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<title>OpenStack &lt;Berlin&gt; · OpenStack User Groups</title>"), "{html}");
    assert!(html.contains("<meta property=\"og:title\" content=\"OpenStack &lt;Berlin&gt; · OpenStack User Groups\">"));
    assert!(html.contains("<link rel=\"canonical\" href=\"https://groups.example.org/groups/berlin\">"));
    assert!(
        html.contains("<h1 dir=\"auto\">OpenStack &lt;Berlin&gt;</h1>")
            && html.contains("Details last checked March 2015.")
    );
    assert!(html
        .contains("<a href=\"https://example.org/berlin\" rel=\"noopener noreferrer\">Meetup page (example.org)</a>"));
    let (_, list, _) = get(&site, "/groups").await;
    assert!(list.contains("<a href=\"/groups/berlin\" dir=\"auto\">OpenStack &lt;Berlin&gt;</a>"), "{list}");

    let (status, html, _) = get(&site, "/groups/atlantis").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("<h1>Group not found</h1>"));

    // A group approved while the server runs has its page as soon as it is published.
    let id = send(&site, &request("OpenStack Atlantis", "atlantis@example.org")).await;
    ok(staff(&site, &["requests", "approve", &id, "--slug", "atlantis"]));
    common::wait_for_slugs(&site, &["berlin", "atlantis"]).await;
    let (status, html, _) = get(&site, "/groups/atlantis").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("<meta property=\"og:title\" content=\"OpenStack Atlantis · OpenStack User Groups\">"),
        "{html}"
    );
    // A slug typed with capitals is the group's page; the not-found page of a group is titled
    // as the app titles it.
    let response = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(format!("{}/groups/Atlantis", site.base))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PERMANENT_REDIRECT);
    assert_eq!(response.headers()[header::LOCATION], "/groups/atlantis");
    let (_, html, _) = get(&site, "/groups/no-such-group").await;
    assert!(html.contains("<title>Group not found · OpenStack User Groups</title>"), "{html}");
    assert!(refused(staff(&site, &["groups", "close", "no-such-group"])).contains("no group with the slug"));
}

#[tokio::test]
async fn robots_and_the_sitemap_are_served_with_their_types() {
    let site = start().await;
    let (status, robots, headers) = get(&site, "/robots.txt").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "text/plain; charset=utf-8");
    assert!(robots.contains("Sitemap: https://groups.example.org/sitemap.xml"));
    let (status, xml, headers) = get(&site, "/sitemap.xml").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "application/xml; charset=utf-8");
    assert!(xml.contains("<loc>https://groups.example.org/privacy</loc><lastmod>2026-11-28</lastmod>"));
    assert!(xml.contains("<loc>https://groups.example.org/groups/berlin</loc><lastmod>2015-03</lastmod>"));
    // The versions a language says whole: every page of the app, and the content pages the
    // manifest names as translated (none in this one, as in a build from before translations).
    assert!(xml.contains("<loc>https://groups.example.org/ja/meetings</loc>"), "{xml}");
    assert!(xml.contains("<loc>https://groups.example.org/ja/groups/berlin</loc>"), "{xml}");
    assert!(xml.contains("<loc>https://groups.example.org/ja/groups</loc>"), "{xml}");
    assert!(!xml.contains("hreflang=\"ja\" href=\"https://groups.example.org/ja/privacy\""), "{xml}");
    assert_eq!(xml.matches("<url>").count(), xml.matches("hreflang=\"x-default\"").count());
}

/// GET `path` without following a redirect: the status and where it leads.
async fn redirect_of(site: &Site, path: &str) -> (StatusCode, Option<String>) {
    let response = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(format!("{}{path}", site.base))
        .send()
        .await
        .unwrap();
    let location = response.headers().get(header::LOCATION).map(|l| l.to_str().unwrap().to_owned());
    (response.status(), location)
}

/// Without JavaScript the directory's form sends the text typed; the server answers with the
/// address of the place it means (its stable id), and that page lists the groups by distance.
#[tokio::test]
async fn without_javascript_a_place_typed_lists_the_groups_nearest_first() {
    let site = common::start_with(true, |config| {
        groups_places::fixtures::index().write(&config.places).unwrap();
        config
    })
    .await;
    for (asked, leads_to) in [
        ("/groups?find=leipzig&region=&country=&status=&radius=", "/groups?near=2879139"),
        ("/groups?find=Leipzig%2C+Germany&radius=50", "/groups?near=2879139&radius=50"),
        ("/groups?find=OpenStack&region=europe", "/groups?region=europe&q=OpenStack"),
        ("/groups?find=Hungary", "/groups?region=europe&country=hu"),
        ("/groups?find=", "/groups"),
        ("/meetings?find=budapset&radius=100", "/meetings?near=3054643&radius=100"),
    ] {
        assert_eq!(redirect_of(&site, asked).await, (StatusCode::SEE_OTHER, Some(leads_to.to_owned())), "{asked}");
    }

    let (status, html, _) = get(&site, "/groups?near=2879139").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("value=\"Leipzig, Germany\""), "the field shows the place: {html}");
    assert!(html.contains("Showing the one group, with its distance from Leipzig."), "{html}");
    assert!(html.contains("<span class=\"distance\">149 km away</span>"), "{html}");
    let (_, html, _) = get(&site, "/groups?near=2879139&radius=50").await;
    assert!(html.contains("No group within 50 km of Leipzig yet."), "{html}");
    assert!(html.contains("<a href=\"/new-group?near=2879139\">Start a group in Leipzig</a>"), "{html}");
    assert!(html.contains("<option value=\"50\" selected>Within 50 km</option>"), "{html}");
    assert!(html.contains("149 km away"), "the nearest are still listed: {html}");
    let (_, html, _) = get(&site, "/groups?near=99999999").await;
    assert!(html.contains("The place in this address could not be found, so every group is listed."), "{html}");
    let (status, html, _) = get(&site, "/meetings?find=Atlantis").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("No place called “Atlantis” was found."), "{html}");
}
