//! A place's stable id, as it stands in the directory's address: a town's GeoNames id
//! (`2950159`), `country:HU`, or `state:US-MA` (a US state's or Canadian province's ISO
//! 3166-2 code). GeoNames keeps a town's id for good, and ISO codes change only with the
//! world, so an address written today finds the same place after the index is rebuilt.

use std::{fmt, str::FromStr};

use serde::{Deserialize, Serialize};

/// The id of a place; its order (countries, states, towns) is the index's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum PlaceId {
    /// ISO 3166-1 alpha-2, upper case.
    Country([u8; 2]),
    /// The country and the state's or province's two-letter code.
    State([u8; 2], [u8; 2]),
    /// GeoNames' id.
    City(u32),
}

impl fmt::Display for PlaceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = |code: &[u8; 2]| String::from_utf8_lossy(code).into_owned();
        match self {
            PlaceId::Country(code) => write!(f, "country:{}", text(code)),
            PlaceId::State(country, code) => write!(f, "state:{}-{}", text(country), text(code)),
            PlaceId::City(id) => write!(f, "{id}"),
        }
    }
}

/// Not the id of any place that can exist (it may still be one the index lacks).
#[derive(Debug, PartialEq, Eq)]
pub struct NotAnId;

impl FromStr for PlaceId {
    type Err = NotAnId;

    fn from_str(text: &str) -> Result<PlaceId, NotAnId> {
        if let Some(code) = text.strip_prefix("country:") {
            return Ok(PlaceId::Country(code_of(code)?));
        }
        if let Some(codes) = text.strip_prefix("state:") {
            let (country, code) = codes.split_once('-').ok_or(NotAnId)?;
            return Ok(PlaceId::State(code_of(country)?, code_of(code)?));
        }
        // Digits only: `u32::from_str` alone would take "+5".
        if !text.is_empty() && text.len() <= 10 && text.bytes().all(|b| b.is_ascii_digit()) {
            return text.parse().map(PlaceId::City).map_err(|_| NotAnId);
        }
        Err(NotAnId)
    }
}

/// Two upper-case ASCII letters.
pub fn code_of(text: &str) -> Result<[u8; 2], NotAnId> {
    match text.as_bytes() {
        &[a, b] if a.is_ascii_uppercase() && b.is_ascii_uppercase() => Ok([a, b]),
        _ => Err(NotAnId),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_back_as_written() {
        for id in [PlaceId::City(2950159), PlaceId::Country(*b"HU"), PlaceId::State(*b"US", *b"MA")] {
            assert_eq!(id.to_string().parse::<PlaceId>(), Ok(id));
        }
        assert_eq!(PlaceId::State(*b"CA", *b"ON").to_string(), "state:CA-ON");
        assert_eq!("2950159".parse::<PlaceId>(), Ok(PlaceId::City(2950159)));
    }

    #[test]
    fn anything_else_is_not_an_id() {
        for text in [
            "",
            "+5",
            "-5",
            "12345678901",
            "99999999999",
            "country:hu",
            "country:HUN",
            "state:US",
            "state:US-",
            "x",
            "5 ",
        ] {
            assert_eq!(text.parse::<PlaceId>(), Err(NotAnId), "{text:?}");
        }
    }

    #[test]
    fn countries_then_states_then_towns() {
        assert!(PlaceId::Country(*b"ZW") < PlaceId::State(*b"AA", *b"AA"));
        assert!(PlaceId::State(*b"US", *b"WY") < PlaceId::City(0));
    }
}
