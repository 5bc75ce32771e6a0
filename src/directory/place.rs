//! Where the visitor was in the directory at each of its addresses: how much of the list was
//! shown and which part of the world the map showed. Back from a group's page puts both back
//! (and the shell the scroll position), so the visitor is where they left.

use std::{
    collections::HashMap,
    sync::{Arc, RwLock},
};

use groups_core::viewport::View;

use crate::shell::lazy::AppScope;

/// The directory as a visitor left it at one address.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Place {
    /// How many groups the list showed.
    pub limit: usize,
    pub view: View,
}

/// Every address's [`Place`], for the app's whole life.
#[derive(Clone, Default)]
pub struct Places(Arc<RwLock<HashMap<String, Place>>>);

impl Places {
    /// The app's places, shared by every directory page shown.
    pub fn use_context() -> Places {
        AppScope::use_or_provide(Places::default)
    }

    pub fn get(&self, address: &str) -> Option<Place> {
        self.0.read().unwrap_or_else(|e| e.into_inner()).get(address).copied()
    }

    pub fn set(&self, address: String, place: Place) {
        self.0.write().unwrap_or_else(|e| e.into_inner()).insert(address, place);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_address_keeps_its_own_place() {
        let places = Places::default();
        let europe = Place { limit: 72, view: View { k: 4.0, x: 450.0, y: 60.0 } };
        places.set("/groups?region=europe".into(), europe);
        places.set("/groups".into(), Place { limit: 36, view: View::WORLD });
        assert_eq!(places.get("/groups?region=europe"), Some(europe));
        assert_eq!(places.get("/groups").map(|p| p.limit), Some(36));
        assert_eq!(places.get("/groups?region=asia"), None);
    }
}
