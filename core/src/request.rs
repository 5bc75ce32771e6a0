//! A new-group request as it travels: the body the form sends to `POST /api/group-requests`,
//! one serde definition for the form that writes it and the inbox that reads it.

use serde::{Deserialize, Serialize};

use crate::{consent::Consent, links::Link};

/// The whole request body (see the README, "The inbox API"). Members are written in this
/// order, so the same request always gives the same bytes (the inbox hashes them).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct GroupRequest {
    pub group: GroupDetails,
    pub organizers: Vec<Organizer>,
    pub agreements: Agreements,
    /// `None` until the visitor ticks the consent box: a request without it is never sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent: Option<Consent>,
    /// The honeypot: hidden from people, so anything in it was typed by a bot.
    #[serde(default)]
    pub website: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct GroupDetails {
    pub name: String,
    pub city: String,
    /// ISO 3166-1 alpha-2 code; checked by the rules, so a wrong one is a field error.
    pub country: String,
    /// The optional point picked on the map; both or neither.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    pub description: String,
    #[serde(default)]
    pub links: Vec<Link>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Organizer {
    pub name: String,
    pub email: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Agreements {
    pub code_of_conduct: bool,
    pub non_commercial: bool,
}

/// Why a body is not a request at all (not JSON, wrong shape or type): the inbox answers 400.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError(pub String);

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Reads a request body, naming the member at fault (`group.links[0].kind: unknown variant
/// `fax``). Only the shape is checked here; the rules are [`crate::validate`]'s.
#[cfg(not(target_arch = "wasm32"))]
pub fn decode(body: &[u8]) -> Result<GroupRequest, DecodeError> {
    decode_as(body, "a new-group request")
}

/// Reads a JSON body of type `T` (`what` it is, for the message), naming the member at fault.
#[cfg(not(target_arch = "wasm32"))]
pub fn decode_as<T: serde::de::DeserializeOwned>(body: &[u8], what: &str) -> Result<T, DecodeError> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let value: T = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let problem = if inner.is_syntax() || inner.is_eof() {
            "the body is not valid JSON".to_owned()
        } else {
            format!("the body is not {what}")
        };
        if path == "." || path.is_empty() {
            DecodeError(format!("{problem}: {inner}"))
        } else {
            DecodeError(format!("{problem}: `{path}`: {inner}"))
        }
    })?;
    deserializer.end().map_err(|e| DecodeError(format!("the body is not valid JSON: {e}")))?;
    Ok(value)
}

impl GroupRequest {
    /// The same request with surrounding whitespace removed from every text, as it is checked
    /// and stored.
    pub fn normalized(&self) -> GroupRequest {
        let t = |s: &str| s.trim().to_owned();
        GroupRequest {
            group: self.group.normalized(),
            organizers: self.organizers.iter().map(|o| Organizer { name: t(&o.name), email: t(&o.email) }).collect(),
            agreements: self.agreements,
            consent: self.consent.clone(),
            website: self.website.clone(),
        }
    }
}

impl GroupDetails {
    /// The same details with surrounding whitespace removed from every text, the country
    /// code in capitals and every link as people paste it read as an address.
    pub fn normalized(&self) -> GroupDetails {
        let t = |s: &str| s.trim().to_owned();
        GroupDetails {
            name: t(&self.name),
            city: t(&self.city),
            country: t(&self.country).to_ascii_uppercase(),
            lat: self.lat,
            lon: self.lon,
            description: t(&self.description),
            links: self.links.iter().map(|l| Link { kind: l.kind, url: crate::links::as_pasted(&l.url) }).collect(),
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::links::LinkKind;

    fn example() -> GroupRequest {
        crate::fixtures::valid_request()
    }

    fn text(request: &GroupRequest) -> String {
        serde_json::to_string(request).unwrap()
    }

    #[test]
    fn the_body_has_the_documented_shape() {
        let value: serde_json::Value = serde_json::from_str(&text(&example())).unwrap();
        assert_eq!(value["group"]["country"], "DE");
        assert_eq!(value["group"]["lat"], 51.34);
        assert_eq!(value["group"]["links"][0]["kind"], "website");
        assert_eq!(value["organizers"][0]["email"], "ada@example.org");
        assert_eq!(value["agreements"]["non_commercial"], true);
        assert_eq!(value["consent"]["text_sha256"].as_str().unwrap().len(), 64);
        assert_eq!(value["website"], "");
        let keys: Vec<_> = value.as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys.len(), 5, "nothing else is sent: {keys:?}");
    }

    #[test]
    fn writing_then_reading_gives_the_same_request() {
        let request = example();
        assert_eq!(decode(text(&request).as_bytes()).unwrap(), request);
        let bare = GroupRequest {
            consent: None,
            group: GroupDetails { lat: None, lon: None, links: vec![], ..example().group },
            ..example()
        };
        let written = text(&bare);
        assert!(!written.contains("\"lat\"") && !written.contains("\"consent\""), "{written}");
        assert_eq!(decode(written.as_bytes()).unwrap(), bare);
        assert!(
            text(&request)
                .starts_with(r#"{"group":{"name":"OpenStack Leipzig","city":"Leipzig","country":"DE","lat":51.34"#),
            "member order is fixed"
        );
    }

    #[test]
    fn a_wrong_shape_is_named_by_its_path() {
        let read = |text: &str| decode(text.as_bytes()).unwrap_err().0;
        assert!(
            read("\"text\"").starts_with("the body is not a new-group request: invalid type: string"),
            "{}",
            read("\"text\"")
        );
        assert!(read("{").starts_with("the body is not valid JSON"), "{}", read("{"));
        assert!(read(r#"{"organizers": [], "agreements": {"code_of_conduct": true, "non_commercial": true}}"#)
            .contains("missing field `group`"));
        let body = text(&example());
        assert!(read(&body.replacen('{', r#"{"extra":null,"#, 1)).contains("unknown field `extra`"));
        assert!(read(&body.replace("\"name\":\"OpenStack Leipzig\"", "\"name\":5"))
            .contains("`group.name`: invalid type: integer"));
        assert!(read(&body.replace("\"lat\":51.34", "\"lat\":\"north\"")).contains("`group.lat`"));
        assert!(read(&body.replace("\"non_commercial\":true", "\"non_commercial\":\"yes\""))
            .contains("`agreements.non_commercial`"));
        assert!(read(&body.replace("\"ada@example.org\"", "\"ada@example.org\",\"phone\":\"1\""))
            .contains("`organizers[0].phone`: unknown field `phone`"));
        assert!(read(&body.replace("\"kind\":\"website\"", "\"kind\":\"fax\""))
            .contains("`group.links[0].kind`: unknown variant `fax`"));
        assert!(read(&format!("{body} trailing")).starts_with("the body is not valid JSON"));
    }

    #[test]
    fn normalizing_trims_every_text() {
        let mut request = example();
        request.group.name = "  OpenStack Leipzig \n".into();
        request.group.country = " de".into();
        request.group.links[0].url = " https://example.org/leipzig ".into();
        request.organizers[0].email = " ada@example.org ".into();
        let n = request.normalized();
        assert_eq!(n.group.name, "OpenStack Leipzig");
        assert_eq!(n.group.country, "DE");
        assert_eq!(n.group.links[0].url, "https://example.org/leipzig");
        assert_eq!(n.group.links[0].kind, LinkKind::Website);
        assert_eq!(n.organizers[0].email, "ada@example.org");
    }
}
