//! "Now", as the visitor's browser has it: what is still to come and what meets soon are
//! measured from here (the pure rules take it as a parameter, `groups_core::meetings`).

/// Seconds since 1970.
pub fn now() -> i64 {
    #[cfg(target_arch = "wasm32")]
    let seconds = (js_sys::Date::now() / 1000.0).floor() as i64;
    // Pre-rendering draws no meeting; this keeps the native build honest all the same.
    #[cfg(not(target_arch = "wasm32"))]
    let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    seconds
}

/// [`now`] as the meetings file writes times (`2026-12-03T01:02:03Z`), to compare with them.
pub fn now_utc() -> String {
    groups_core::meetings::utc_from_unix(now())
}
