//! `GET /api/openapi.json`: the inbox API described in OpenAPI 3.1, generated (utoipa) from
//! the handlers' own annotations and the wire types in groups-core, so it cannot drift from
//! what the server does.

use std::sync::OnceLock;

use axum::{response::IntoResponse, Json};
use groups_core::{
    consent,
    interest::{DEFAULT_RADIUS_KM, RADII_KM},
    links::LinkKind,
    regions::COUNTRIES,
    validate::{
        CITY_MAX, DESCRIPTION_MAX, DESCRIPTION_MIN, EMAIL_MAX, NAME_MAX, NAME_MIN, ORGANIZERS_MAX, PERSON_NAME_MAX,
        URL_MAX,
    },
};
use serde_json::{json, Value};
use utoipa::OpenApi;

use super::{group_requests, interest, organiser, HealthStatus};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "groups-portal inbox",
        description = "Receives requests to start a user group. Every error answer is \
                       `{\"error\": \"...\", \"fields\": {\"path\": \"message\"}}`.",
        license(name = "Apache-2.0", identifier = "Apache-2.0")
    ),
    paths(
        group_requests::create,
        super::health,
        document,
        organiser::view,
        organiser::withdraw,
        organiser::erase,
        organiser::edit_request,
        organiser::edit,
        organiser::confirm,
        organiser::close,
        interest::sign_up,
        interest::count
    ),
    components(schemas(HealthStatus, organiser::Done)),
    tags(
        (name = "inbox", description = "New-group requests"),
        (name = "organisers", description = "An organiser's private link: their request, and the group it became"),
        (name = "interest", description = "News of groups near a place: asking to hear when one starts (confirmed by a mailed link), and how many asked")
    )
)]
pub struct ApiDoc;

/// This document.
#[utoipa::path(get, path = "/api/openapi.json", tag = "inbox", responses((status = 200, description = "The OpenAPI document", content_type = "application/json")))]
pub async fn document() -> impl IntoResponse {
    static DOCUMENT: OnceLock<Value> = OnceLock::new();
    Json(DOCUMENT.get_or_init(described).clone())
}

/// The generated document with the request's rules that a JSON Schema can state exactly, from
/// the constants the rules use: what it admits may still break a rule it cannot state (an
/// invisible name, two organisers with one address, a country that does not exist), which is
/// answered 422 with the fields at fault; what it refuses, the server refuses too.
pub fn described() -> Value {
    let api = ApiDoc::openapi().merge_from(<crate::places::PlacesDoc as OpenApi>::openapi());
    let mut doc = serde_json::to_value(api).expect("the document is JSON");
    let schemas = &mut doc["components"]["schemas"];
    let set = |schema: &mut Value, property: &str, rule: Value| {
        if let (Some(target), Some(rule)) = (schema["properties"][property].as_object_mut(), rule.as_object()) {
            target.extend(rule.clone());
        }
    };
    let details = &mut schemas["GroupDetails"];
    // A text holds a letter, digit or mark of punctuation, not only spaces; the counts are
    // characters once trimmed, which a schema can only bound from outside.
    let visible = "[\\p{L}\\p{N}\\p{P}]";
    set(
        details,
        "name",
        json!({ "minLength": NAME_MIN, "maxLength": NAME_MAX, "pattern": visible,
                "description": "The group's name, 3 to 100 characters once trimmed" }),
    );
    set(
        details,
        "city",
        json!({ "minLength": 1, "maxLength": CITY_MAX, "pattern": visible, "description": "Where it will meet, at most 100 characters" }),
    );
    let codes: Vec<&str> = COUNTRIES.iter().map(|c| c.code).collect();
    set(details, "country", json!({ "enum": codes, "description": "ISO 3166-1 alpha-2 code, such as DE" }));
    set(
        details,
        "description",
        json!({ "minLength": DESCRIPTION_MIN, "maxLength": DESCRIPTION_MAX, "pattern": visible, "description": "20 to 500 characters" }),
    );
    set(details, "lat", json!({ "minimum": -90, "maximum": 90, "description": "With lon, or neither" }));
    set(details, "lon", json!({ "minimum": -180, "maximum": 180, "description": "With lat, or neither" }));
    set(
        details,
        "links",
        json!({ "maxItems": LinkKind::ALL.len(), "description": "At most one of each kind; http or https" }),
    );
    let request = &mut schemas["GroupRequest"];
    set(
        request,
        "organizers",
        json!({ "minItems": 1, "maxItems": ORGANIZERS_MAX, "description": "One to five, each address once" }),
    );
    set(request, "website", json!({ "description": "A honeypot: always empty when a person sends the form" }));
    if let Some(required) = request["required"].as_array_mut() {
        required.push(json!("consent"));
    }
    set(
        request,
        "consent",
        json!({ "description": "Consent to the privacy policy in force: without it nothing is stored" }),
    );
    let organizer = &mut schemas["Organizer"];
    set(organizer, "name", json!({ "minLength": 1, "maxLength": PERSON_NAME_MAX, "pattern": visible }));
    let organizer_email = json!({ "minLength": 6, "maxLength": EMAIL_MAX, "pattern": "^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}$",
                "description": "An address like name@example.org" });
    set(organizer, "email", organizer_email.clone());
    let link = &mut schemas["Link"];
    set(
        link,
        "url",
        json!({ "maxLength": URL_MAX, "pattern": "^https?://[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}(/[!-~]*)?$",
                "description": "http or https, on a site's name (a calendar feed: https)" }),
    );
    let agreements = &mut schemas["Agreements"];
    set(agreements, "code_of_conduct", json!({ "const": true }));
    set(agreements, "non_commercial", json!({ "const": true }));
    let consent = &mut schemas["Consent"];
    set(consent, "privacy_policy_version", json!({ "enum": [crate::terms::PRIVACY_POLICY_VERSION] }));
    set(
        consent,
        "text_sha256",
        json!({
            "enum": consent::every_sha256().collect::<Vec<_>>(),
            "description": "SHA-256 of the consent text shown, in hex: one per language the form is shown in"
        }),
    );
    interest_rules(schemas, &organizer_email);
    if let Some(parameters) = doc["paths"]["/api/interest/count"]["get"]["parameters"].as_array_mut() {
        for parameter in parameters.iter_mut().filter(|p| p["name"] == "radius") {
            parameter["schema"] = json!({ "type": "integer", "enum": RADII_KM, "default": DEFAULT_RADIUS_KM });
        }
    }
    doc
}

/// The sign-up's rules a schema can state (the sentence agreed to depends on the place's
/// name, which only the gazetteer knows: a wrong one is answered 422 on `consent`).
fn interest_rules(schemas: &mut Value, email: &Value) {
    let set = |schema: &mut Value, property: &str, rule: Value| {
        if let (Some(target), Some(rule)) = (schema["properties"][property].as_object_mut(), rule.as_object()) {
            target.extend(rule.clone());
        }
    };
    let sign_up = &mut schemas["SignUp"];
    set(
        sign_up,
        "place",
        json!({ "pattern": "^([0-9]{1,10}|country:[A-Z]{2}|state:[A-Z]{2}-[A-Z]{2})$",
                "description": "The gazetteer's id of the place (`/api/places`)" }),
    );
    set(sign_up, "radius_km", json!({ "enum": RADII_KM, "description": "The distance in km" }));
    set(sign_up, "email", email.clone());
    set(sign_up, "name", json!({ "maxLength": PERSON_NAME_MAX, "description": "Optional: how news greets them" }));
    set(sign_up, "website", json!({ "description": "A honeypot: always empty when a person sends the form" }));
    if let Some(required) = sign_up["required"].as_array_mut() {
        required.push(json!("consent"));
    }
    let consent = &mut schemas["SignUpConsent"];
    set(consent, "privacy_policy_version", json!({ "enum": [crate::terms::PRIVACY_POLICY_VERSION] }));
    set(
        consent,
        "text",
        json!({ "description": "The sentence shown, word for word, in any of the site's languages: groups_core::interest::consent_sentence(radius_km, the place's label); the sign-up's mail is written in that language" }),
    );
    set(&mut schemas["InterestCount"], "count", json!({ "minimum": groups_core::interest::FEW_BELOW }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_document_describes_the_inbox() {
        let doc = described();
        assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
        let post = &doc["paths"]["/api/group-requests"]["post"];
        for status in ["201", "400", "408", "413", "415", "422", "429", "503"] {
            assert!(post["responses"][status].is_object(), "{status} is not described");
        }
        assert_eq!(post["parameters"][0]["name"], "Idempotency-Key");
        let request = &doc["components"]["schemas"]["GroupRequest"];
        assert_eq!(request["additionalProperties"], false);
        let kinds = &doc["components"]["schemas"]["LinkKind"]["enum"];
        assert_eq!(kinds, &serde_json::json!(["website", "meetup", "mailing-list", "chat", "social", "calendar"]));
        let schemas = &doc["components"]["schemas"];
        assert_eq!(schemas["GroupDetails"]["properties"]["name"]["minLength"], 3);
        assert_eq!(schemas["Agreements"]["properties"]["code_of_conduct"]["const"], true);
        let hashes = &schemas["Consent"]["properties"]["text_sha256"]["enum"];
        assert_eq!(hashes[0].as_str(), groups_i18n::Lang::En.consent_sha256());
        assert_eq!(hashes.as_array().unwrap().len(), groups_i18n::Lang::ALL.len(), "every language's words");
        assert!(schemas["GroupRequest"]["required"].as_array().unwrap().contains(&json!("consent")));
        let sign_up = &doc["paths"]["/api/interest"]["post"];
        for status in ["202", "400", "413", "415", "422", "429", "503"] {
            assert!(sign_up["responses"][status].is_object(), "{status} is not described");
        }
        let count = &doc["paths"]["/api/interest/count"]["get"];
        for status in ["200", "400", "404", "429", "503"] {
            assert!(count["responses"][status].is_object(), "{status} is not described");
        }
        assert_eq!(schemas["SignUp"]["properties"]["radius_km"]["enum"], json!([50, 100, 250, 500]));
        let radius = count["parameters"].as_array().unwrap().iter().find(|p| p["name"] == "radius").unwrap();
        assert_eq!(radius["schema"]["enum"], json!([50, 100, 250, 500]));
        assert!(schemas["SignUp"]["required"].as_array().unwrap().contains(&json!("consent")));
        assert_eq!(schemas["SignUp"]["additionalProperties"], false);
        // A refusal's problems are described code by code, with their values.
        let codes: Vec<&str> = schemas["Problem"]["oneOf"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|variant| variant["properties"]["code"]["enum"][0].as_str())
            .collect();
        for code in ["empty", "too-long", "not-web", "not-host", "consent-changed", "other"] {
            assert!(codes.contains(&code), "{code} is not described: {codes:?}");
        }
        assert!(!codes.contains(&"said"), "never sent");
    }
}
