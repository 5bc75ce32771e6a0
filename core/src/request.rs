//! A new-group request as it travels: the body the form sends to `POST /api/group-requests`,
//! read from and written to [`Json`] by the same code on both sides.

use crate::{consent::Consent, json::Json};

/// The whole request body (see DESIGN.md, "Requesting a new group").
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GroupRequest {
    pub group: GroupDetails,
    pub organizers: Vec<Organizer>,
    pub agreements: Agreements,
    /// `None` until the visitor ticks the consent box: a request without it is never sent.
    pub consent: Option<Consent>,
    /// The honeypot: hidden from people, so anything in it was typed by a bot.
    pub website: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct GroupDetails {
    pub name: String,
    pub city: String,
    /// ISO 3166-1 alpha-2 code.
    pub country: String,
    /// The optional point picked on the map; both or neither.
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub description: String,
    pub links: Vec<Link>,
}

/// A link as sent; `kind` is checked by validation so a wrong one is a field error.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Link {
    pub kind: String,
    pub url: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Organizer {
    pub name: String,
    pub email: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Agreements {
    pub code_of_conduct: bool,
    pub non_commercial: bool,
}

/// Why a body is not a request at all (wrong shape or type): the server answers 400.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError(pub String);

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl GroupRequest {
    /// The same request with surrounding whitespace removed from every text, as it is checked
    /// and stored.
    pub fn normalized(&self) -> GroupRequest {
        let t = |s: &str| s.trim().to_owned();
        GroupRequest {
            group: GroupDetails {
                name: t(&self.group.name),
                city: t(&self.group.city),
                country: t(&self.group.country).to_ascii_uppercase(),
                lat: self.group.lat,
                lon: self.group.lon,
                description: t(&self.group.description),
                links: self.group.links.iter().map(|l| Link { kind: t(&l.kind), url: t(&l.url) }).collect(),
            },
            organizers: self.organizers.iter().map(|o| Organizer { name: t(&o.name), email: t(&o.email) }).collect(),
            agreements: self.agreements,
            consent: self.consent.clone(),
            website: self.website.clone(),
        }
    }

    /// The body exactly as DESIGN.md shows it; `lat`/`lon` and `consent` only when present.
    pub fn to_json(&self) -> Json {
        let g = &self.group;
        let mut group = vec![
            ("name".to_owned(), Json::string(&g.name)),
            ("city".to_owned(), Json::string(&g.city)),
            ("country".to_owned(), Json::string(&g.country)),
        ];
        if let (Some(lat), Some(lon)) = (g.lat, g.lon) {
            group.push(("lat".to_owned(), Json::Number(lat)));
            group.push(("lon".to_owned(), Json::Number(lon)));
        }
        group.push(("description".to_owned(), Json::string(&g.description)));
        group.push((
            "links".to_owned(),
            Json::Array(g.links.iter().map(|l| Json::object([("kind", Json::string(&l.kind)), ("url", Json::string(&l.url))])).collect()),
        ));
        let mut body = vec![
            ("group".to_owned(), Json::Object(group)),
            (
                "organizers".to_owned(),
                Json::Array(
                    self.organizers.iter().map(|o| Json::object([("name", Json::string(&o.name)), ("email", Json::string(&o.email))])).collect(),
                ),
            ),
            (
                "agreements".to_owned(),
                Json::object([
                    ("code_of_conduct", Json::Bool(self.agreements.code_of_conduct)),
                    ("non_commercial", Json::Bool(self.agreements.non_commercial)),
                ]),
            ),
        ];
        if let Some(c) = &self.consent {
            body.push((
                "consent".to_owned(),
                Json::object([
                    ("privacy_policy_version", Json::string(&c.privacy_policy_version)),
                    ("text_sha256", Json::string(&c.text_sha256)),
                ]),
            ));
        }
        body.push(("website".to_owned(), Json::string(&self.website)));
        Json::Object(body)
    }

    /// Reads a body. Only its shape is checked here (every member known, of the right type);
    /// the rules are [`crate::validate`]'s.
    pub fn from_json(json: &Json) -> Result<GroupRequest, DecodeError> {
        let body = Obj::new(json, "the body", &["group", "organizers", "agreements", "consent", "website"])?;
        let group = Obj::new(body.required("group")?, "group", &["name", "city", "country", "lat", "lon", "description", "links"])?;
        let links = match group.optional("links") {
            None => Vec::new(),
            Some(list) => array(list, "group.links")?
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let path = format!("group.links.{i}");
                    let link = Obj::new(item, &path, &["kind", "url"])?;
                    Ok(Link { kind: link.string("kind")?, url: link.string("url")? })
                })
                .collect::<Result<_, _>>()?,
        };
        let organizers = array(body.required("organizers")?, "organizers")?
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let path = format!("organizers.{i}");
                let o = Obj::new(item, &path, &["name", "email"])?;
                Ok(Organizer { name: o.string("name")?, email: o.string("email")? })
            })
            .collect::<Result<_, _>>()?;
        let agreements = Obj::new(body.required("agreements")?, "agreements", &["code_of_conduct", "non_commercial"])?;
        let consent = match body.optional("consent") {
            None => None,
            Some(value) => {
                let c = Obj::new(value, "consent", &["privacy_policy_version", "text_sha256"])?;
                Some(Consent { privacy_policy_version: c.string("privacy_policy_version")?, text_sha256: c.string("text_sha256")? })
            }
        };
        Ok(GroupRequest {
            group: GroupDetails {
                name: group.string("name")?,
                city: group.string("city")?,
                country: group.string("country")?,
                lat: group.number("lat")?,
                lon: group.number("lon")?,
                description: group.string("description")?,
                links,
            },
            organizers,
            agreements: Agreements { code_of_conduct: agreements.boolean("code_of_conduct")?, non_commercial: agreements.boolean("non_commercial")? },
            consent,
            website: match body.optional("website") {
                None => String::new(),
                Some(_) => body.string("website")?,
            },
        })
    }
}

/// An object being read, with its path for messages.
struct Obj<'a> {
    members: &'a [(String, Json)],
    path: &'a str,
}

impl<'a> Obj<'a> {
    fn new(json: &'a Json, path: &'a str, known: &[&str]) -> Result<Obj<'a>, DecodeError> {
        let Json::Object(members) = json else {
            return Err(DecodeError(format!("{path} must be a JSON object")));
        };
        if let Some((key, _)) = members.iter().find(|(k, _)| !known.contains(&k.as_str())) {
            return Err(DecodeError(format!("{} has an unexpected member `{key}`", self_path(path))));
        }
        Ok(Obj { members, path })
    }

    /// A member that is present and not null.
    fn optional(&self, key: &str) -> Option<&'a Json> {
        self.members.iter().find(|(k, _)| k == key).map(|(_, v)| v).filter(|v| **v != Json::Null)
    }

    fn required(&self, key: &str) -> Result<&'a Json, DecodeError> {
        self.optional(key).ok_or_else(|| DecodeError(format!("`{}` is missing", self.member(key))))
    }

    fn string(&self, key: &str) -> Result<String, DecodeError> {
        self.required(key)?.as_str().map(str::to_owned).ok_or_else(|| DecodeError(format!("`{}` must be a string", self.member(key))))
    }

    fn boolean(&self, key: &str) -> Result<bool, DecodeError> {
        self.required(key)?.as_bool().ok_or_else(|| DecodeError(format!("`{}` must be true or false", self.member(key))))
    }

    fn number(&self, key: &str) -> Result<Option<f64>, DecodeError> {
        self.optional(key)
            .map(|v| v.as_f64().ok_or_else(|| DecodeError(format!("`{}` must be a number", self.member(key)))))
            .transpose()
    }

    fn member(&self, key: &str) -> String {
        if self.path == "the body" {
            key.to_owned()
        } else {
            format!("{}.{key}", self.path)
        }
    }
}

fn self_path(path: &str) -> String {
    if path == "the body" {
        path.to_owned()
    } else {
        format!("`{path}`")
    }
}

fn array<'a>(json: &'a Json, path: &str) -> Result<&'a [Json], DecodeError> {
    json.as_array().ok_or_else(|| DecodeError(format!("`{path}` must be a list")))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::json::from_str;

    fn example() -> GroupRequest {
        crate::fixtures::valid_request()
    }

    #[test]
    fn the_body_has_the_documented_shape() {
        let text = example().to_json().to_string();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
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
        assert_eq!(GroupRequest::from_json(&from_str(&request.to_json().to_string()).unwrap()).unwrap(), request);
        let bare = GroupRequest { consent: None, group: GroupDetails { lat: None, lon: None, links: vec![], ..example().group }, ..example() };
        let text = bare.to_json().to_string();
        assert!(!text.contains("\"lat\"") && !text.contains("\"consent\""), "{text}");
        assert_eq!(GroupRequest::from_json(&from_str(&text).unwrap()).unwrap(), bare);
    }

    #[test]
    fn a_wrong_shape_is_named_by_its_path() {
        let read = |text: &str| GroupRequest::from_json(&from_str(text).unwrap()).unwrap_err().0;
        assert_eq!(read("[]"), "the body must be a JSON object");
        assert_eq!(read(r#"{"organizers": [], "agreements": {}}"#), "`group` is missing");
        let mut body = from_str(&example().to_json().to_string()).unwrap();
        if let Json::Object(members) = &mut body {
            members.push(("extra".into(), Json::Null));
        }
        assert_eq!(GroupRequest::from_json(&body).unwrap_err().0, "the body has an unexpected member `extra`");
        let text = example().to_json().to_string();
        assert_eq!(read(&text.replace("\"name\":\"OpenStack Leipzig\"", "\"name\":5")), "`group.name` must be a string");
        assert_eq!(read(&text.replace("\"lat\":51.34", "\"lat\":\"north\"")), "`group.lat` must be a number");
        assert_eq!(read(&text.replace("\"non_commercial\":true", "\"non_commercial\":\"yes\"")), "`agreements.non_commercial` must be true or false");
        assert_eq!(read(&text.replace("\"ada@example.org\"", "\"ada@example.org\",\"phone\":\"1\"")), "`organizers.0` has an unexpected member `phone`");
    }

    #[test]
    fn normalizing_trims_every_text() {
        let mut request = example();
        request.group.name = "  OpenStack Leipzig \n".into();
        request.group.country = " de".into();
        request.organizers[0].email = " ada@example.org ".into();
        let n = request.normalized();
        assert_eq!(n.group.name, "OpenStack Leipzig");
        assert_eq!(n.group.country, "DE");
        assert_eq!(n.organizers[0].email, "ada@example.org");
    }
}
