//! "Use my location": the browser's position, asked for only when the visitor presses the
//! button (the site's Permissions-Policy allows its own pages to ask, no one else's), with low
//! accuracy, for at most 10 s, a position up to 10 minutes old being good enough. The position
//! stays in this page's memory: no request, address or storage ever carries it; distances
//! are measured here. Each outcome is a sentence for the status region (`Locating::message`).

use groups_core::regions::Country;
use groups_i18n::{t, Msg};
use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

use crate::shell::lazy::AppScope;

/// How long the browser may take to find the position.
pub const TIMEOUT_MS: u32 = 10_000;
/// How old a position the browser already has may be.
pub const MAX_AGE_MS: u32 = 10 * 60 * 1000;

/// Where asking for the position is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Locating {
    Asking,
    Found,
    /// The visitor (or their browser's settings) said no.
    Denied,
    /// The browser could not tell where it is.
    Unavailable,
    /// It took longer than [`TIMEOUT_MS`].
    TimedOut,
}

impl Locating {
    /// What the status region says, in the page's language.
    pub fn message(self) -> &'static str {
        t(match self {
            Locating::Asking => Msg::PlaceFindingLocation,
            Locating::Found => Msg::PlaceFoundLocation,
            Locating::Denied => Msg::PlaceLocationDenied,
            Locating::Unavailable => Msg::PlaceLocationUnavailable,
            Locating::TimedOut => Msg::PlaceLocationTimeout,
        })
    }

    /// The outcome of the Geolocation API's error `code` (1 denied, 2 unavailable, 3 timeout).
    pub fn of_error(code: u16) -> Locating {
        match code {
            1 => Locating::Denied,
            3 => Locating::TimedOut,
            _ => Locating::Unavailable,
        }
    }
}

/// The visitor's position, and the country it is in once that is found (`country_of`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Position {
    pub lat: f64,
    pub lon: f64,
    pub country: Option<&'static Country>,
}

/// The visitor's position for this visit, once found: memory only.
#[derive(Clone, Copy)]
pub struct Here(pub RwSignal<Option<Position>>);

impl Here {
    /// The app's, so that Back to the directory still has it (a reload forgets it).
    pub fn use_context() -> Here {
        AppScope::use_or_provide(|| Here(RwSignal::new(None)))
    }
}

/// Whether the browser can be asked at all.
pub fn supported() -> bool {
    window().navigator().geolocation().is_ok()
}

/// Asks the browser for the position; `done` gets (latitude, longitude) or why not.
pub fn locate(done: impl FnOnce(Result<(f64, f64), Locating>) + 'static) {
    let Ok(geolocation) = window().navigator().geolocation() else {
        done(Err(Locating::Unavailable));
        return;
    };
    // Whichever callback the browser calls, `done` runs once.
    let done = std::rc::Rc::new(std::cell::Cell::new(Some(done)));
    let found = {
        let done = done.clone();
        Closure::once_into_js(move |position: JsValue| {
            let coords = field(&position, "coords");
            let (lat, lon) = (field(&coords, "latitude").as_f64(), field(&coords, "longitude").as_f64());
            if let Some(done) = done.take() {
                done(lat.zip(lon).ok_or(Locating::Unavailable));
            }
        })
    };
    let failed = {
        let done = done.clone();
        Closure::once_into_js(move |error: JsValue| {
            let code = field(&error, "code").as_f64().unwrap_or_default() as u16;
            if let Some(done) = done.take() {
                done(Err(Locating::of_error(code)));
            }
        })
    };
    let options = web_sys::PositionOptions::new();
    options.set_enable_high_accuracy(false);
    options.set_timeout(TIMEOUT_MS);
    options.set_maximum_age(MAX_AGE_MS);
    let asked = geolocation.get_current_position_with_error_callback_and_options(
        found.unchecked_ref(),
        Some(failed.unchecked_ref()),
        &options,
    );
    if asked.is_err() {
        if let Some(done) = done.take() {
            done(Err(Locating::Unavailable));
        }
    }
}

/// `object[name]` (web-sys binds the position's types only as unstable APIs).
fn field(object: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(object, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_outcome_says_what_happened_and_the_way_on() {
        assert_eq!(Locating::of_error(1), Locating::Denied);
        assert_eq!(Locating::of_error(2), Locating::Unavailable);
        assert_eq!(Locating::of_error(3), Locating::TimedOut);
        assert!(
            Locating::Denied.message().contains("allow it again") && Locating::Denied.message().contains("type a town")
        );
        for failed in [Locating::Denied, Locating::Unavailable, Locating::TimedOut] {
            assert!(failed.message().contains("a town in the search"), "{failed:?}");
        }
        assert!(t(Msg::PlaceLocationPrivacy).contains("not sent"));
    }
}
