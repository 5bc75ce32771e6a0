//! The pages the mailed links open: `/interest/confirm/<token>` and `/interest/stop/<token>`.
//!
//! A GET only shows what the link is for and a button: mail scanners and link previews open
//! every link in a message, and must neither confirm a sign-up nor stop one. The button POSTs
//! to the same address, which acts; so does a mail program's one-click POST (RFC 8058,
//! `List-Unsubscribe-Post`), which carries no cookie and no form token: the token in the
//! address, 256 random bits of which only the SHA-256 is stored, is the whole authority, and
//! a forged POST could only do what its owner's link does. A token that opens nothing gets
//! the same page whatever the reason (used, expired, stopped, never issued).
//!
//! The pages are server-rendered documents in the site's frame (the pre-rendered not-found
//! document with its text replaced and its scripts taken out, so the app does not take the
//! page over with its own 404), under the site's CSP, never stored by caches
//! (`Cache-Control: no-store` as every page), never indexed, and sent with no referrer.

use std::sync::Arc;

use axum::{
    extract::{Path, State},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use groups_core::{
    html::escape,
    interest::{confirm_href, consent_sentence, stop_href},
    near::format_km,
    routes::{group_href, href, Page},
    site::document_title,
};
use groups_i18n::{
    catalogue::{fill, Speaking},
    t, tf, Lang, Msg,
};
use ipnet::IpNet;

use crate::{
    api::RateLimit,
    clock::Clock,
    organiser::key,
    pages::Pages,
    store::{Confirmed, Decision, SignUpRecord, Store, StoreError, TokenPurpose},
};

/// What the pages need.
#[derive(Clone)]
pub struct LinkPages {
    pub store: Arc<Store>,
    pub pages: Option<Pages>,
    pub clock: Clock,
}

/// `/interest/confirm/{token}` and `/interest/stop/{token}`, GET and POST, with the
/// organisers' allowance of calls per client (a link opened, then its button pressed).
pub fn router(state: LinkPages, limit: &RateLimit, trusted_proxies: &[IpNet]) -> Router {
    let limit = RateLimit { burst: limit.burst.saturating_mul(3), period: limit.period / 3 };
    Router::new()
        .route("/confirm/{token}", get(confirm_page).post(confirm))
        .route("/stop/{token}", get(stop_page).post(stop))
        .layer(limit.layer(trusted_proxies))
        .with_state(state)
}

/// A token as issued: 43 characters of base64url. Anything else opens nothing, unhashed.
fn hashed(token: &str) -> Option<String> {
    (token.len() == 43 && token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
        .then(|| key::hash(token))
}

async fn confirm_page(State(state): State<LinkPages>, Path(token): Path<String>) -> Response {
    let Some(hash) = hashed(&token) else { return gone(&state) };
    let found = state.store.run(move |s| s.sign_up_by_token(&hash, TokenPurpose::Confirm)).await;
    match found {
        Ok(Some(record)) => {
            let lang = record.sign_up.lang;
            let _speaking = Speaking::page(lang, false);
            let (title, button, note) = if record.is_confirmed() {
                (Msg::InterestKeepTitle, Msg::InterestKeepButton, Msg::InterestKeepNote)
            } else {
                (Msg::InterestConfirmTitle, Msg::InterestConfirmButton, Msg::InterestConfirmNote)
            };
            let body = format!(
                "<h1>{}</h1><p>{}</p><p>{}</p>{}",
                escape(t(title)),
                escape(&consent_sentence(record.sign_up.radius_km, &record.sign_up.place_name)),
                escape(t(note)),
                button_form(&confirm_href(&token), t(button))
            );
            page(state.pages.as_ref(), StatusCode::OK, t(title), &body)
        }
        Ok(None) => gone(&state),
        Err(error) => failed(&state, error),
    }
}

async fn confirm(State(state): State<LinkPages>, Path(token): Path<String>) -> Response {
    let Some(hash) = hashed(&token) else { return gone(&state) };
    let now = state.clock.now();
    let done = state
        .store
        .run(move |s| {
            let confirmed = s.confirm_interest(&hash, now)?;
            let groups = s.groups()?;
            Ok(confirmed.map(|c| {
                let near: Vec<_> = groups
                    .into_iter()
                    .filter(|g| c.record().covers(g.lat, g.lon))
                    .map(|g| (c.record().distance_km(g.lat, g.lon), g))
                    .collect();
                (c, near)
            }))
        })
        .await;
    let (confirmed, mut near) = match done {
        Ok(Some(done)) => done,
        Ok(None) => return gone(&state),
        Err(error) => return failed(&state, error),
    };
    let record = confirmed.record();
    let lang = record.sign_up.lang;
    let _speaking = Speaking::page(lang, false);
    let km = record.sign_up.radius_km.to_string();
    let values = [("km", km.as_str()), ("place", record.sign_up.place_name.as_str())];
    let (title, said) = match &confirmed {
        Confirmed::New(_) => (Msg::InterestConfirmedTitle, tf(Msg::InterestConfirmedNew, &values)),
        Confirmed::Changed(_) => (Msg::InterestConfirmedTitle, tf(Msg::InterestConfirmedChanged, &values)),
        Confirmed::Kept(_) => (Msg::InterestKeptTitle, tf(Msg::InterestKeptText, &values)),
    };
    near.sort_by(|a, b| a.0.total_cmp(&b.0));
    let already = match near.as_slice() {
        [] => String::new(),
        groups => {
            let items: String = groups
                .iter()
                .take(5)
                .map(|(km, g)| {
                    let link = format!("<a href=\"{}\">{}</a>", escape(&group_href(&g.slug)), escape(&g.name));
                    let distance = escape(&format_km(km.round().max(1.0)));
                    format!(
                        "<li>{}</li>",
                        fill(&escape(t(Msg::InterestGroupAway)), &[("name", &link), ("distance", &distance)])
                    )
                })
                .collect();
            format!("<p>{}</p><ul>{items}</ul>", escape(t(Msg::InterestAlready)))
        }
    };
    let body = format!(
        "<h1>{}</h1><p>{}</p>{already}<p>{}</p>{}",
        escape(t(title)),
        escape(&said),
        escape(t(Msg::InterestStopAnyTime)),
        home_links()
    );
    page(state.pages.as_ref(), StatusCode::OK, t(title), &body)
}

async fn stop_page(State(state): State<LinkPages>, Path(token): Path<String>) -> Response {
    let Some(hash) = hashed(&token) else { return gone(&state) };
    match state.store.run(move |s| s.sign_up_by_token(&hash, TokenPurpose::Stop)).await {
        Ok(Some(record)) => {
            let lang = record.sign_up.lang;
            let _speaking = Speaking::page(lang, false);
            let title = t(Msg::InterestStopTitle);
            let body = format!(
                "<h1>{}</h1><p>{}</p><p>{}</p>{}",
                escape(title),
                escape(&what_stops(&record)),
                escape(t(Msg::InterestStopNote)),
                button_form(&stop_href(&token), t(Msg::InterestStopButton))
            );
            page(state.pages.as_ref(), StatusCode::OK, title, &body)
        }
        Ok(None) => gone(&state),
        Err(error) => failed(&state, error),
    }
}

/// The button's POST, and the mail program's one-click POST (its body,
/// `List-Unsubscribe=One-Click`, is not read: the address says everything). A second POST
/// (a mail program may send one) is answered as the first was, with nothing left to delete.
async fn stop(State(state): State<LinkPages>, Path(token): Path<String>) -> Response {
    let Some(hash) = hashed(&token) else { return gone(&state) };
    let decision = Decision::new("its owner", state.clock.now(), Some("stopped by its owner's link".into()));
    let stopped = state
        .store
        .run(move |s| {
            let stopped = s.stop_interest(&hash, &decision)?;
            if stopped.is_some() {
                s.compact()?;
            }
            Ok(stopped)
        })
        .await;
    match stopped {
        Ok(stopped) => {
            // Said in the language of the sign-up it stopped (English's for a second POST).
            let lang = stopped.as_ref().map_or(Lang::En, |record| record.sign_up.lang);
            let _speaking = Speaking::page(lang, false);
            let title = t(Msg::InterestStoppedTitle);
            let body =
                format!("<h1>{}</h1><p>{}</p>{}", escape(title), escape(t(Msg::InterestStoppedText)), home_links());
            page(state.pages.as_ref(), StatusCode::OK, title, &body)
        }
        Err(error) => failed(&state, error),
    }
}

fn what_stops(record: &SignUpRecord) -> String {
    let km = record.sign_up.radius_km.to_string();
    tf(Msg::InterestStopWhat, &[("km", &km), ("place", &record.sign_up.place_name)])
}

/// A form whose only field is its button, POSTing to `action` (the page's own address).
fn button_form(action: &str, label: &str) -> String {
    format!(
        "<form method=\"post\" action=\"{}\"><button type=\"submit\" class=\"button\">{}</button></form>",
        escape(action),
        escape(label)
    )
}

/// The way on from these pages: the directory, in the language spoken.
pub(crate) fn home_links() -> String {
    format!(
        "<ul class=\"cta-list\"><li><a class=\"cta\" href=\"{}\">{}</a></li></ul>",
        escape(&href(Page::Groups)),
        escape(t(Msg::InterestBrowse))
    )
}

/// The page for a token that opens nothing, for any reason (in English: nothing says whose
/// language it would be).
fn gone(state: &LinkPages) -> Response {
    let title = t(Msg::InterestGoneTitle);
    let body = format!("<h1>{}</h1><p>{}</p>{}", escape(title), escape(t(Msg::InterestGoneText)), home_links());
    page(state.pages.as_ref(), StatusCode::NOT_FOUND, title, &body)
}

fn failed(state: &LinkPages, error: StoreError) -> Response {
    tracing::error!("{error}");
    let (status, sentence) = if error.is_unavailable() {
        (StatusCode::SERVICE_UNAVAILABLE, t(Msg::InterestBusy))
    } else {
        (StatusCode::INTERNAL_SERVER_ERROR, t(Msg::InterestBroken))
    };
    let title = t(Msg::InterestTryAgain);
    let body = format!("<h1>{}</h1><p>{}</p>", escape(title), escape(sentence));
    let mut response = page(state.pages.as_ref(), status, title, &body);
    if status == StatusCode::SERVICE_UNAVAILABLE {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(crate::api::error::UNAVAILABLE_RETRY_AFTER));
    }
    response
}

/// A document of the site with `title` and `body` (markup, already escaped): the
/// pre-rendered frame when the build has one, else a plain document.
pub(crate) fn page(pages: Option<&Pages>, status: StatusCode, title: &str, body: &str) -> Response {
    // The frame of the language spoken (`Speaking`), as its words are.
    let lang = groups_i18n::catalogue::current().lang();
    let title = document_title(title, t(Msg::ShellSiteName));
    let documents = pages.map(Pages::documents);
    let frame = documents.as_ref().and_then(|d| d.not_found_document(lang));
    let html = frame.and_then(|frame| framed(frame, &title, body)).unwrap_or_else(|| plain(lang, &title, body));
    let mut response = (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response();
    response.headers_mut().insert("x-robots-tag", HeaderValue::from_static("noindex"));
    response
}

/// `frame` (a pre-rendered document) with `title` for its title, `body` in its `<main>`, and
/// no script: the app would otherwise start and draw its own page for this address.
pub fn framed(frame: &str, title: &str, body: &str) -> Option<String> {
    let mut html = frame.to_owned();
    let (start, end) = (html.find("<title>")?, html.find("</title>")? + "</title>".len());
    html.replace_range(start..end, &format!("<title>{}</title>", escape(title)));
    let open = html.find("<main")?;
    let inner = open + html[open..].find('>')? + 1;
    let close = inner + html[inner..].find("</main>")?;
    html.replace_range(inner..close, &format!("<div class=\"page\">{body}</div>"));
    while let Some(start) = html.find("<script") {
        let end = start + html[start..].find("</script>")? + "</script>".len();
        html.replace_range(start..end, "");
    }
    Some(html)
}

/// A plain document in `lang`, for a build without pre-rendered pages.
fn plain(lang: Lang, title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title>\
         <meta name=\"robots\" content=\"noindex\"></head><body><main><div class=\"page\">{body}</div></main></body></html>",
        lang.tag(),
        escape(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_frame_keeps_the_site_and_loses_its_scripts() {
        // A document as the pre-renderer writes one (its first script as `JS_CLASS_SCRIPT`).
        let frame = "<!DOCTYPE html><html><head><script>{ const c = document.documentElement.classList; \
                     c.add('js'); if (/\\.[\\w-]{16}/.test(location.hash)) c.add('has-key'); }</script>\
                     <title>Page not found · S</title><style>body{}</style><script type=\"module\">start()</script>\
                     </head><body><div id=\"prerendered\"><header>Menu</header><main id=\"main\" tabindex=\"-1\">\
                     <div class=\"page not-found\"><h1>Page not found</h1></div></main><footer>F</footer></div></body></html>";
        let html = framed(frame, "Stop · S", "<h1>Stop</h1>").unwrap();
        assert!(!html.contains("<script") && !html.contains("Page not found"), "{html}");
        assert!(html.contains("<title>Stop · S</title><style>body{}</style>"), "{html}");
        assert!(
            html.contains("<main id=\"main\" tabindex=\"-1\"><div class=\"page\"><h1>Stop</h1></div></main><footer>")
        );
        assert_eq!(framed("<h1>no frame</h1>", "t", "b"), None);
    }

    #[test]
    fn only_a_token_as_issued_is_looked_up() {
        let issued = key::new_key();
        assert_eq!(hashed(&issued.key), Some(issued.hash));
        for wrong in ["", "short", &"a".repeat(44), &format!("{}!", &"a".repeat(42))] {
            assert_eq!(hashed(wrong), None, "{wrong}");
        }
    }
}
