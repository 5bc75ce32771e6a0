//! What staff see of the inbox: `groups-server requests list | show <id> | export`.

use serde_json::{json, Map, Value};

use crate::store::StoredRequest;

/// A stored request as one JSON object: reference, status, arrival, what was asked, and the
/// consent record (which policy, which text, when).
pub fn record(request: &StoredRequest) -> Value {
    let body: Value = serde_json::from_str(&request.request_json).unwrap_or(Value::Null);
    let mut out = Map::new();
    out.insert("id".into(), json!(request.id));
    out.insert("status".into(), json!(request.status));
    out.insert("received_at".into(), json!(request.received_at));
    for key in ["group", "organizers", "agreements"] {
        out.insert(key.into(), body.get(key).cloned().unwrap_or(Value::Null));
    }
    out.insert(
        "consent".into(),
        json!({
            "privacy_policy_version": request.consent_version,
            "text_sha256": request.consent_text_sha256,
            "given_at": request.received_at,
        }),
    );
    out.insert("idempotency_key".into(), json!(request.idempotency_key));
    Value::Object(out)
}

/// JSON lines: one record per line, oldest first.
pub fn export(requests: &[StoredRequest]) -> String {
    requests.iter().map(|r| format!("{}\n", record(r))).collect()
}

/// One line per request for a quick look.
pub fn list(requests: &[StoredRequest]) -> String {
    if requests.is_empty() {
        return "No requests yet.\n".into();
    }
    requests
        .iter()
        .map(|r| {
            let body: Value = serde_json::from_str(&r.request_json).unwrap_or(Value::Null);
            let text = |path: &str| body.pointer(path).and_then(Value::as_str).unwrap_or("?").to_owned();
            let organisers = body["organizers"].as_array().map_or(0, Vec::len);
            format!(
                "{}  {}  {:<8}  {} ({}, {}), {} organiser{}\n",
                r.id,
                r.received_at,
                r.status,
                text("/group/name"),
                text("/group/city"),
                text("/group/country"),
                organisers,
                if organisers == 1 { "" } else { "s" }
            )
        })
        .collect()
}

/// One request in full, indented for reading.
pub fn show(request: &StoredRequest) -> String {
    format!("{:#}\n", record(request))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored() -> StoredRequest {
        StoredRequest {
            id: "GR-7K3Q-X9M2".into(),
            status: "pending".into(),
            received_at: "2026-11-28T10:00:00Z".into(),
            idempotency_key: "0f8fad5b-d9cb-469f-a165-70867728950e".into(),
            request_json: r#"{"group":{"name":"OpenStack Leipzig","city":"Leipzig","country":"DE","description":"d","links":[]},"organizers":[{"name":"Ada","email":"ada@example.org"}],"agreements":{"code_of_conduct":true,"non_commercial":true},"website":""}"#.into(),
            consent_version: "2026-11-01".into(),
            consent_text_sha256: "ab".repeat(32),
        }
    }

    #[test]
    fn export_is_one_json_object_per_line_with_the_consent_record() {
        let text = export(&[stored(), stored()]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        let value: Value = serde_json::from_str(lines[0]).unwrap();
        assert_eq!(value["id"], "GR-7K3Q-X9M2");
        assert_eq!(value["group"]["city"], "Leipzig");
        assert_eq!(value["organizers"][0]["email"], "ada@example.org");
        assert_eq!(value["consent"]["privacy_policy_version"], "2026-11-01");
        assert_eq!(value["consent"]["given_at"], "2026-11-28T10:00:00Z");
        assert!(value.get("website").is_none(), "the honeypot is not staff's business");
    }

    #[test]
    fn list_has_a_line_per_request() {
        assert_eq!(list(&[]), "No requests yet.\n");
        assert_eq!(
            list(&[stored()]),
            "GR-7K3Q-X9M2  2026-11-28T10:00:00Z  pending   OpenStack Leipzig (Leipzig, DE), 1 organiser\n"
        );
        assert!(show(&stored()).contains("\n  \"group\": {"));
    }
}
