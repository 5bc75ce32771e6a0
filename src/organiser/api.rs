//! The browser's side of `POST /api/organiser…` (gloo-net), and what an answer means
//! ([`read`], plain logic, tested natively).

use groups_core::answer::ErrorBody;
use groups_core::problem::Problem;
use groups_i18n::{catalogue, t, tf, Lang, Msg};
use serde::de::DeserializeOwned;

/// Why a call did not give what was asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The link opens nothing (wrong, replaced, erased, closed): the server's sentence.
    NotOpened(String),
    /// Refused as it is: a sentence, and messages per field path.
    Refused { message: String, fields: Vec<(String, Problem)> },
    /// Nothing was done: the connection failed, or the server could not; try again.
    Passing(String),
}

impl Failure {
    pub fn message(&self) -> &str {
        match self {
            Failure::NotOpened(m) | Failure::Passing(m) => m,
            Failure::Refused { message, .. } => message,
        }
    }
}

/// What the answer `status` with `body` means.
pub fn read<T: DeserializeOwned>(status: u16, body: &str) -> Result<T, Failure> {
    let error: ErrorBody = serde_json::from_str(body).unwrap_or_default();
    // The server's sentence is English and may say more (why, how long to wait): an English
    // page says it; another says its own words.
    let english = (!error.error.is_empty() && catalogue::speaking(Msg::OrganiserNotNow).lang() == Lang::En)
        .then(|| sentence(&error.error));
    let said = |msg: Msg| english.clone().unwrap_or_else(|| t(msg).to_owned());
    match status {
        200 => serde_json::from_str(body).map_err(|_| Failure::Passing(t(Msg::OrganiserUnreadable).to_owned())),
        404 => Err(Failure::NotOpened(said(Msg::OrganiserOpensNothing))),
        409 | 422 => Err(Failure::Refused {
            message: if status == 422 { t(Msg::OrganiserFixFields).to_owned() } else { said(Msg::OrganiserNotNow) },
            fields: error.field_problems(),
        }),
        429 => Err(Failure::Passing(match &english {
            Some(sentence) => format!("{sentence} Nothing was changed."),
            None => t(Msg::OrganiserTooMany).to_owned(),
        })),
        _ => Err(Failure::Passing(tf(Msg::OrganiserFailed, &[("status", &status.to_string())]))),
    }
}

/// The server's sentences start lowercase where they are a part of a longer message.
fn sentence(text: &str) -> String {
    let mut out = groups_core::case::capitalised(text);
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}

/// `POST /api/organiser{path}` with the JSON `body`.
#[cfg(target_arch = "wasm32")]
pub async fn post<T: DeserializeOwned>(path: &str, body: &impl serde::Serialize) -> Result<T, Failure> {
    use gloo_net::http::Request;
    use web_sys::RequestCache;

    let offline = || Failure::Passing(t(Msg::OrganiserOffline).to_owned());
    let request = Request::post(&format!("/api/organiser{path}"))
        .cache(RequestCache::NoStore)
        .json(body)
        .map_err(|_| offline())?;
    let response = request.send().await.map_err(|_| offline())?;
    let text = response.text().await.map_err(|_| offline())?;
    read(response.status(), &text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use groups_core::organiser::OrganiserView;

    #[test]
    fn each_answer_says_what_it_means() {
        let view: Result<OrganiserView, _> = read(200, r#"{"subject":"GR-1","status":"pending"}"#);
        assert_eq!(view.unwrap().subject, "GR-1");
        let not: Result<OrganiserView, _> =
            read(404, r#"{"error":"This private link does not open anything: check it."}"#);
        assert_eq!(not, Err(Failure::NotOpened("This private link does not open anything: check it.".into())));
        let refused: Result<OrganiserView, _> =
            read(422, r#"{"error":"some fields need attention","fields":{"group.description":"Too short."}}"#);
        let Err(Failure::Refused { fields, .. }) = refused else { panic!() };
        assert_eq!(fields, [("group.description".to_owned(), Problem::Said("Too short.".into()))]);
        let busy: Result<OrganiserView, _> =
            read(429, r#"{"error":"too many wrong keys for this link: try again in 15 minutes"}"#);
        assert_eq!(
            busy.unwrap_err().message(),
            "Too many wrong keys for this link: try again in 15 minutes. Nothing was changed."
        );
        assert!(matches!(read::<OrganiserView>(500, ""), Err(Failure::Passing(_))));
        assert!(matches!(read::<OrganiserView>(200, "{"), Err(Failure::Passing(_))));
    }
}
