//! The sign-up as a plain HTML form, for pages read without JavaScript: the directory's answer
//! where no group is near a place carries it ([`form_html`], from `near_noscript`), and it
//! POSTs `application/x-www-form-urlencoded` to `/interest/sign-up`, answered with a page: the
//! same sentence as the API's 202, or the form again with each broken rule beside its field.
//!
//! The sign-up is the API's (`api::interest::accept`): the same rules, consent record, mail and
//! answer for every address, and the same rate limit, in the same bucket. The checkbox's value
//! is the sentence its label shows, so the words agreed to travel as they do from the app; the
//! distance is the page's (a hidden field), since the sentence names it and cannot follow a
//! choice without a script.

use std::fmt::Write as _;

use axum::{
    body::Bytes,
    extract::{DefaultBodyLimit, State},
    http::{header, HeaderMap, StatusCode},
    middleware::map_response_with_state,
    response::Response,
    routing::post,
    Router,
};
use groups_core::{
    html::escape,
    interest::{accepted_message, consent_sentence, SignUp, SignUpConsent, SignUpField},
    places::Place,
};
use groups_i18n::{
    catalogue::{fill, Speaking},
    t, tf, Lang, Msg,
};
use groups_places::PlaceId;

use super::pages::{home_links, page};
use crate::{
    api::{extract::MAX_BODY, interest::InterestState, Limiter},
    pages::Pages,
    terms::TERMS,
};

/// The privacy page's path (its front matter's `path`; a test holds them together).
const PRIVACY_PAGE: &str = "privacy";

/// What the form's POST needs: the API's sign-up state and the site's documents.
#[derive(Clone)]
pub struct FormPages {
    pub interest: InterestState,
    pub pages: Option<Pages>,
}

/// `POST /interest/sign-up` (under `/interest`), limited by `limit`, the API's sign-ups' own.
pub fn router(state: FormPages, limit: Limiter) -> Router {
    let pages = state.pages.clone();
    Router::new()
        .route("/sign-up", post(sign_up))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(limit)
        .layer(map_response_with_state(pages, too_many))
        .with_state(state)
}

/// What the visitor typed, to show again.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Typed {
    pub email: String,
    pub name: String,
}

/// The form for `place` within `radius_km`, with `typed` and `errors` (none: a fresh one).
pub fn form_html(place: &Place, radius_km: u16, typed: &Typed, errors: &[(SignUpField, String)]) -> String {
    let error = |field: SignUpField| errors.iter().find(|(f, _)| *f == field).map(|(_, m)| m.as_str());
    let mut html = String::from("<section class=\"interest\" aria-labelledby=\"nojs-interest-title\">");
    let _ = write!(
        html,
        "<h2 id=\"nojs-interest-title\">{}</h2>\
         <form class=\"interest-form\" method=\"post\" action=\"{}\"><p>{}</p>",
        escape(t(Msg::InterestHeading)),
        escape(groups_core::interest::FORM_PATH),
        escape(t(Msg::InterestLead))
    );
    if let Some(message) = error(SignUpField::Place).or(error(SignUpField::Radius)) {
        let _ = write!(html, "<p class=\"field-error\">{}</p>", escape(message));
    }
    let label = place.label();
    let sentence = consent_sentence(radius_km, &label);
    let chosen = fill(
        &escape(t(Msg::InterestPlaceWithin)),
        &[("place", &format!("<strong>{}</strong>", escape(&label))), ("km", &radius_km.to_string())],
    );
    let _ = write!(
        html,
        "<p>{chosen}</p>\
         <input type=\"hidden\" name=\"place\" value=\"{}\"><input type=\"hidden\" name=\"radius_km\" value=\"{radius_km}\">\
         <input type=\"hidden\" name=\"privacy_policy_version\" value=\"{}\">\
         <input type=\"hidden\" name=\"lang\" value=\"{}\">",
        escape(&place.id),
        escape(TERMS.policy_version),
        // The language of the page the form is on, which the answer is said in.
        groups_i18n::catalogue::current().lang().tag()
    );
    text_field(
        &mut html,
        "email",
        t(Msg::RequestEmail),
        "email",
        t(Msg::InterestEmailHint),
        &typed.email,
        error(SignUpField::Email),
        true,
    );
    text_field(
        &mut html,
        "name",
        t(Msg::InterestName),
        "name",
        t(Msg::InterestNameHint),
        &typed.name,
        error(SignUpField::Name),
        false,
    );
    let consent_error = error(SignUpField::Consent);
    let link = format!(
        "<a href=\"{}\">{}</a>",
        escape(&groups_core::routes::content_href(PRIVACY_PAGE)),
        escape(t(Msg::RequestPolicyLink))
    );
    let policy = fill(&escape(t(Msg::RequestPolicy)), &[("link", &link), ("version", &escape(TERMS.policy_version))]);
    let _ = write!(
        html,
        "<div class=\"check{}\">{}<input type=\"checkbox\" id=\"nojs-interest-consent\" name=\"consent\" value=\"{}\" required{}>\
         <label for=\"nojs-interest-consent\">{}</label></div>\
         <p class=\"hint\">{}</p>\
         <div class=\"trap\" hidden><label for=\"nojs-interest-website\">{}</label>\
         <input id=\"nojs-interest-website\" name=\"website\" tabindex=\"-1\" autocomplete=\"off\"></div>\
         <div class=\"send\"><button type=\"submit\" class=\"button\">{}</button></div></form></section>",
        if consent_error.is_some() { " invalid" } else { "" },
        error_line("nojs-interest-consent", consent_error),
        escape(&sentence),
        invalid_attributes("nojs-interest-consent", None, consent_error),
        escape(&sentence),
        policy,
        escape(t(Msg::RequestHoneypot)),
        escape(t(Msg::InterestTellMe)),
    );
    html
}

#[allow(clippy::too_many_arguments)]
fn text_field(
    html: &mut String,
    name: &str,
    label: &str,
    autocomplete: &str,
    hint: &str,
    value: &str,
    error: Option<&str>,
    required: bool,
) {
    let id = format!("nojs-interest-{name}");
    let optional = if required {
        String::new()
    } else {
        format!("<span class=\"optional\">{}</span>", escape(t(Msg::RequestOptional)))
    };
    let _ = write!(
        html,
        "<div class=\"field{}\"><label for=\"{id}\">{}{optional}</label><p class=\"hint\" id=\"{id}-hint\">{}</p>{}\
         <input id=\"{id}\" name=\"{name}\" type=\"{}\" dir=\"auto\" autocomplete=\"{autocomplete}\" value=\"{}\"{}{}></div>",
        if error.is_some() { " invalid" } else { "" },
        escape(label),
        escape(hint),
        error_line(&id, error),
        if name == "email" { "email" } else { "text" },
        escape(value),
        if required { " required" } else { "" },
        invalid_attributes(&id, Some(&format!("{id}-hint")), error),
    );
}

fn error_line(id: &str, error: Option<&str>) -> String {
    error.map(|m| format!("<p class=\"field-error\" id=\"{id}-error\">{}</p>", escape(m))).unwrap_or_default()
}

/// `aria-describedby` (the hint, and the error when there is one) and `aria-invalid`.
fn invalid_attributes(id: &str, hint: Option<&str>, error: Option<&str>) -> String {
    let error_id = error.map(|_| format!("{id}-error"));
    let ids: Vec<&str> = hint.into_iter().chain(error_id.as_deref()).collect();
    let mut attributes = String::new();
    if !ids.is_empty() {
        let _ = write!(attributes, " aria-describedby=\"{}\"", ids.join(" "));
    }
    if error.is_some() {
        attributes.push_str(" aria-invalid=\"true\"");
    }
    attributes
}

/// The form's fields as the API's body: the consent only when the box was ticked, with the
/// words it carried. A field sent twice counts once (the first); unknown ones are ignored.
pub fn read(body: &[u8]) -> SignUp {
    let mut sign_up = SignUp::default();
    let (mut version, mut consent) = (None, None);
    for (name, value) in url::form_urlencoded::parse(body) {
        let value = value.into_owned();
        match &*name {
            "place" if sign_up.place.is_empty() => sign_up.place = value,
            // Not a number: a distance no rule accepts, refused as such.
            "radius_km" if sign_up.radius_km == 0 => sign_up.radius_km = value.trim().parse().unwrap_or(0),
            "email" if sign_up.email.is_empty() => sign_up.email = value,
            "name" if sign_up.name.is_empty() => sign_up.name = value,
            "website" if sign_up.website.is_empty() => sign_up.website = value,
            "privacy_policy_version" if version.is_none() => version = Some(value),
            "consent" if consent.is_none() => consent = Some(value),
            _ => {}
        }
    }
    sign_up.consent = consent.map(|text| SignUpConsent { privacy_policy_version: version.unwrap_or_default(), text });
    sign_up
}

/// The language the form's page was in (its hidden `lang`), English's when it names none.
pub fn form_lang(body: &[u8]) -> Lang {
    url::form_urlencoded::parse(body)
        .find(|(name, _)| name == "lang")
        .and_then(|(_, tag)| Lang::by_tag(&tag))
        .unwrap_or(Lang::En)
}

async fn sign_up(State(state): State<FormPages>, headers: HeaderMap, body: Bytes) -> Response {
    let pages = state.pages.as_ref();
    let form_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("application/x-www-form-urlencoded"));
    if !form_type {
        let _english = Speaking::page(Lang::En, false);
        return said(pages, StatusCode::UNSUPPORTED_MEDIA_TYPE, t(Msg::InterestTryAgain), t(Msg::InterestFormOnly));
    }
    let (sign_up, lang) = (read(&body), form_lang(&body));
    let accepted = crate::api::interest::accept(&state.interest, sign_up.clone()).await;
    // Every answer in the form's page's language (after the last wait: the language is the
    // thread's while it is spoken).
    let _speaking = Speaking::page(lang, false);
    match accepted {
        Ok(_) => said(pages, StatusCode::OK, t(Msg::InterestThanks), accepted_message()),
        Err(error) if error.status == StatusCode::UNPROCESSABLE_ENTITY => {
            let place =
                state.interest.places.index().and_then(|index| index.get(sign_up.place.parse::<PlaceId>().ok()?));
            let Some(place) = place else {
                return said(pages, error.status, t(Msg::InterestPlaceAgainTitle), t(Msg::InterestPlaceAgainText));
            };
            let errors: Vec<(SignUpField, String)> = error
                .body
                .field_problems()
                .into_iter()
                .filter_map(|(p, problem)| Some((SignUpField::from_path(&p)?, problem.text())))
                .collect();
            let typed = Typed { email: sign_up.email.trim().to_owned(), name: sign_up.name.trim().to_owned() };
            let radius = if groups_core::interest::RADII_KM.contains(&sign_up.radius_km) {
                sign_up.radius_km
            } else {
                groups_core::interest::DEFAULT_RADIUS_KM
            };
            let title = t(Msg::InterestCheckTitle);
            let body = format!(
                "<h1>{}</h1><p>{}</p>{}",
                escape(title),
                escape(t(Msg::InterestCheckText)),
                form_html(&place, radius, &typed, &errors)
            );
            page(pages, error.status, title, &body)
        }
        Err(error) => {
            let sentence = tf(Msg::InterestNotTaken, &[("status", error.status.as_str())]);
            let mut response = said(pages, error.status, t(Msg::InterestTryAgain), &sentence);
            if let Some(seconds) = error.retry_after {
                response.headers_mut().insert(header::RETRY_AFTER, seconds.into());
            }
            response
        }
    }
}

/// A page with `title` as its heading, `sentence` under it and a way back to the groups, in
/// the language spoken.
fn said(pages: Option<&Pages>, status: StatusCode, title: &str, sentence: &str) -> Response {
    let body = format!("<h1>{}</h1><p role=\"status\">{}</p>{}", escape(title), escape(sentence), home_links());
    page(pages, status, title, &body)
}

/// The rate limit's 429 (the API's JSON) as a page, its `Retry-After` kept.
async fn too_many(State(pages): State<Option<Pages>>, response: Response) -> Response {
    if response.status() != StatusCode::TOO_MANY_REQUESTS {
        return response;
    }
    // The limit answers before the form is read: in English.
    let _english = Speaking::page(Lang::En, false);
    let mut answer =
        said(pages.as_ref(), StatusCode::TOO_MANY_REQUESTS, t(Msg::InterestWaitTitle), t(Msg::InterestWaitText));
    if let Some(wait) = response.headers().get(header::RETRY_AFTER) {
        answer.headers_mut().insert(header::RETRY_AFTER, wait.clone());
    }
    answer
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leipzig() -> Place {
        groups_places::fixtures::index().get("2879139".parse().unwrap()).unwrap()
    }

    #[test]
    fn the_privacy_link_is_the_privacy_pages_path() {
        let page = include_str!("../../../src/content/privacy.md");
        assert!(page.lines().any(|l| l == format!("path: {PRIVACY_PAGE}")), "the privacy page moved");
        assert!(page.lines().any(|l| l.starts_with("version:")), "and it is the page with the policy's version");
    }

    #[test]
    fn the_forms_fields_are_the_apis_body() {
        let sentence = consent_sentence(250, "Leipzig, Germany");
        let body = format!(
            "place=2879139&radius_km=250&email=ada%40example.org&name=Ada&privacy_policy_version=v1&consent={}&website=",
            url::form_urlencoded::byte_serialize(sentence.as_bytes()).collect::<String>()
        );
        let sent = read(body.as_bytes());
        assert_eq!(
            (sent.place.as_str(), sent.radius_km, sent.email.as_str(), sent.name.as_str()),
            ("2879139", 250, "ada@example.org", "Ada")
        );
        assert_eq!(sent.consent, Some(SignUpConsent { privacy_policy_version: "v1".into(), text: sentence }));
        let unticked = read("place=2879139&radius_km=x&email=a&privacy_policy_version=v1".as_bytes());
        assert_eq!((unticked.consent, unticked.radius_km), (None, 0));
    }

    #[test]
    fn the_form_says_the_sentence_it_sends_and_each_error_beside_its_field() {
        let place = leipzig();
        let fresh = form_html(&place, 100, &Typed::default(), &[]);
        let sentence = escape(&consent_sentence(100, &place.label()));
        assert!(fresh.contains(&format!("value=\"{sentence}\" required>")), "{fresh}");
        assert!(fresh.contains(&format!("<label for=\"nojs-interest-consent\">{sentence}</label>")), "{fresh}");
        assert!(!fresh.contains("aria-invalid"), "{fresh}");
        let typed = Typed { email: "<ada>".into(), name: String::new() };
        let refused = form_html(
            &place,
            100,
            &typed,
            &[(SignUpField::Email, "Enter an email address like name@example.org.".into())],
        );
        assert!(
            refused.contains("<p class=\"field-error\" id=\"nojs-interest-email-error\">Enter an email"),
            "{refused}"
        );
        assert!(refused.contains("value=\"&lt;ada&gt;\" required aria-describedby=\"nojs-interest-email-hint nojs-interest-email-error\" aria-invalid=\"true\""), "{refused}");
    }
}
