//! What the visitor typed into the sign-up form (address and name), kept in this tab's
//! sessionStorage for each place, so that a reload, or the directory redrawn with another
//! filter, loses nothing typed. The boxes are not kept (consent is given anew), and the copy is
//! deleted once the server has the sign-up. Storage may be missing or full: then nothing is
//! kept and the form works the same.

use gloo_storage::{SessionStorage, Storage};

use super::rules::Typed;

/// The storage key for the place `id`.
pub fn key(id: &str) -> String {
    format!("groups-portal.interest.v1.{id}")
}

pub fn load(id: &str) -> Typed {
    SessionStorage::get::<Typed>(key(id)).unwrap_or_default()
}

/// Saves what was typed; nothing typed is not saved, and a failure is ignored on purpose.
pub fn save(id: &str, typed: &Typed) {
    if *typed == Typed::default() {
        clear(id);
    } else {
        let _ = SessionStorage::set(key(id), typed);
    }
}

pub fn clear(id: &str) {
    SessionStorage::delete(key(id));
}

#[cfg(test)]
mod tests {
    #[test]
    fn each_place_has_its_own_copy() {
        assert_eq!(super::key("state:US-MA"), "groups-portal.interest.v1.state:US-MA");
    }
}
