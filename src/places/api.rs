//! The browser's side of `GET /api/places` (what the visitor typed, for suggestions) and
//! `GET /api/places/{id}` (a place read back from the id in an address), with gloo-net. Only
//! names and ids reach the server, never the visitor's own position.

use gloo_net::http::Request;
use groups_core::places::Place;
use web_sys::AbortSignal;

use super::suggest::QUERY_MAX_CHARS;

const URL: &str = "/api/places";

/// The search's address for `text` (trimmed, and cut to what the server reads).
pub fn search_url(text: &str, limit: usize) -> String {
    let text: String = text.trim().chars().take(QUERY_MAX_CHARS).collect();
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("q", &text)
        .append_pair("limit", &limit.to_string())
        .finish();
    format!("{URL}?{query}")
}

/// A place's address by its id (checked by `groups_core::places::is_place_id` first: digits,
/// `country:HU`, `state:US-MA`, nothing to escape).
pub fn place_url(id: &str) -> String {
    format!("{URL}/{id}")
}

/// The places could not be had: no answer, or one that is not a list of places.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unavailable;

/// The places `text` may mean, best first; `signal` aborts the call.
pub async fn search(text: &str, limit: usize, signal: Option<&AbortSignal>) -> Result<Vec<Place>, Unavailable> {
    let response = Request::get(&search_url(text, limit)).abort_signal(signal).send().await.map_err(|_| Unavailable)?;
    if !response.ok() {
        return Err(Unavailable);
    }
    response.json().await.map_err(|_| Unavailable)
}

/// The place with `id`; `None` when the server has no such place.
pub async fn by_id(id: &str) -> Result<Option<Place>, Unavailable> {
    let response = Request::get(&place_url(id)).send().await.map_err(|_| Unavailable)?;
    match response.status() {
        404 => Ok(None),
        _ if response.ok() => response.json().await.map(Some).map_err(|_| Unavailable),
        _ => Err(Unavailable),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_escaped_and_cut_to_what_the_server_reads() {
        assert_eq!(search_url(" Boston, MA ", 5), "/api/places?q=Boston%2C+MA&limit=5");
        assert_eq!(search_url("São & <Paulo>", 8), "/api/places?q=S%C3%A3o+%26+%3CPaulo%3E&limit=8");
        let long = search_url(&"ü".repeat(500), 5);
        let sent: String = form_urlencoded::parse(long.split_once('?').unwrap().1.as_bytes())
            .find(|(k, _)| k == "q")
            .unwrap()
            .1
            .into_owned();
        assert_eq!(sent.chars().count(), QUERY_MAX_CHARS);
        assert_eq!(place_url("state:US-MA"), "/api/places/state:US-MA");
    }
}
