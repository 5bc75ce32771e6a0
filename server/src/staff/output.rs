//! What staff see of the inbox: `requests list | show <id> | export | find`. Everything a
//! visitor typed is printed with control and format characters escaped (`\u{202e}` in text,
//! `\u202e` in JSON), so a name cannot reorder or hide the rest of a line on a terminal.

use groups_core::text::{escape_invisible, is_format};
use serde_json::{json, Map, Value};

use crate::store::{HistoryEntry, StoredRequest};

/// A stored request as one JSON object: reference, state and decision, what was asked, the
/// consent record (which policy, which text, when) and, when given, its history.
pub fn record(request: &StoredRequest, history: Option<&[HistoryEntry]>) -> Value {
    let body: Value = serde_json::from_str(&request.request_json).unwrap_or(Value::Null);
    let mut out = Map::new();
    out.insert("id".into(), json!(request.id));
    out.insert("status".into(), json!(request.status));
    out.insert("received_at".into(), json!(request.received_at));
    // The language it was sent in: its organisers' mail is written in it.
    out.insert("lang".into(), json!(request.lang.tag()));
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
    if let Some(at) = &request.decided_at {
        out.insert(
            "decision".into(),
            json!({ "status": request.status, "at": at, "by": request.decided_by, "note": request.decision_note, "message": request.decision_message }),
        );
    }
    if let Some(slug) = &request.group_slug {
        out.insert("group_slug".into(), json!(slug));
    }
    if let Some(at) = &request.group_closed_at {
        out.insert("group_closed_at".into(), json!(at));
    }
    if let Some(at) = &request.organizers_deleted_at {
        out.insert("organizers_deleted_at".into(), json!(at));
    }
    if let Some(history) = history {
        let lines: Vec<Value> = history
            .iter()
            .map(|h| json!({ "at": h.at, "action": h.action.slug(), "by": h.by, "note": h.note }))
            .collect();
        out.insert("history".into(), Value::Array(lines));
    }
    Value::Object(out)
}

/// JSON lines: one record per line, oldest first.
pub fn export(requests: &[(StoredRequest, Vec<HistoryEntry>)]) -> String {
    requests.iter().map(|(r, h)| format!("{}\n", safe_json(&record(r, Some(h)).to_string()))).collect()
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
            let text = |path: &str| escape_invisible(body.pointer(path).and_then(Value::as_str).unwrap_or("?"));
            let organisers = body["organizers"].as_array().map_or(0, Vec::len);
            format!(
                "{}  {}  {:<9}  {} ({}, {}), {} organiser{}\n",
                r.id,
                r.received_at,
                r.status.slug(),
                text("/group/name"),
                text("/group/city"),
                text("/group/country"),
                organisers,
                if organisers == 1 { "" } else { "s" }
            )
        })
        .collect()
}

/// One request in full with its history, indented for reading.
pub fn show(request: &StoredRequest, history: &[HistoryEntry]) -> String {
    format!("{}\n", safe_json(&format!("{:#}", record(request, Some(history)))))
}

/// Everything held about the person with `email`, for a right-of-access answer.
pub fn find(email: &str, requests: &[(StoredRequest, Vec<HistoryEntry>)]) -> String {
    let records: Vec<Value> = requests.iter().map(|(r, h)| record(r, Some(h))).collect();
    let answer = json!({
        "email": email,
        "requests": records,
        "note": "Every request that names this address as an organiser's, with its consent record and history. \
                 Sign-ups for news of groups near a place are `interest find`'s; nothing else about a person is \
                 kept: the site sets no cookies and keeps no visit logs.",
    });
    format!("{}\n", safe_json(&format!("{answer:#}")))
}

/// JSON text with every format character and line or paragraph separator written as a
/// `\uXXXX` escape (controls are escaped by the JSON writer already). Still valid JSON with
/// the same value, and safe to print.
pub fn safe_json(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_format(c) || matches!(c, '\u{2028}' | '\u{2029}') {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use groups_core::answer::RequestStatus;

    use super::*;

    fn stored(name: &str) -> StoredRequest {
        StoredRequest {
            id: "GR-7K3Q-X9M2".into(),
            status: RequestStatus::Pending,
            received_at: "2026-11-28T10:00:00Z".parse().unwrap(),
            request_json: format!(
                r#"{{"group":{{"name":{},"city":"Leipzig","country":"DE","description":"d","links":[]}},"organizers":[{{"name":"Ada","email":"ada@example.org"}}],"agreements":{{"code_of_conduct":true,"non_commercial":true}},"website":""}}"#,
                serde_json::to_string(name).unwrap()
            ),
            consent_version: "2026-11-01".into(),
            consent_text_sha256: "ab".repeat(32),
            lang: groups_i18n::Lang::En,
            decided_at: None,
            decided_by: None,
            decision_note: None,
            decision_message: None,
            group_slug: None,
            group_closed_at: None,
            organizers_deleted_at: None,
        }
    }

    fn received() -> Vec<HistoryEntry> {
        vec![HistoryEntry {
            at: "2026-11-28T10:00:00Z".parse().unwrap(),
            action: crate::store::RequestAction::Received,
            by: "inbox".into(),
            note: None,
        }]
    }

    #[test]
    fn export_is_one_json_object_per_line_with_the_consent_record_and_history() {
        let text = export(&[(stored("OpenStack Leipzig"), received()), (stored("OpenStack Leipzig"), received())]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        let value: Value = serde_json::from_str(lines[0]).unwrap();
        assert_eq!(value["id"], "GR-7K3Q-X9M2");
        assert_eq!(value["group"]["city"], "Leipzig");
        assert_eq!(value["organizers"][0]["email"], "ada@example.org");
        assert_eq!(value["consent"]["privacy_policy_version"], "2026-11-01");
        assert_eq!(value["lang"], "en");
        assert_eq!(value["consent"]["given_at"], "2026-11-28T10:00:00Z");
        assert_eq!(value["history"][0]["action"], "received");
        assert!(value.get("website").is_none(), "the honeypot is not staff's business");
        assert!(value.get("decision").is_none());
    }

    #[test]
    fn list_has_a_line_per_request() {
        assert_eq!(list(&[]), "No requests yet.\n");
        assert_eq!(
            list(&[stored("OpenStack Leipzig")]),
            "GR-7K3Q-X9M2  2026-11-28T10:00:00Z  pending    OpenStack Leipzig (Leipzig, DE), 1 organiser\n"
        );
        assert!(show(&stored("x"), &received()).contains("\n  \"group\": {"));
    }

    #[test]
    fn hidden_characters_are_shown_escaped_never_raw() {
        let sneaky = stored("Open\u{202e}Stack\u{200b}");
        let line = list(std::slice::from_ref(&sneaky));
        assert!(line.contains("Open\\u{202e}Stack\\u{200b}"), "{line}");
        assert!(!line.contains('\u{202e}'));
        for text in [
            show(&sneaky, &received()),
            export(&[(sneaky.clone(), received())]),
            find("a@b.c", &[(sneaky, received())]),
        ] {
            assert!(!text.contains('\u{202e}') && !text.contains('\u{200b}'), "{text}");
            assert!(text.contains("Open\\u202eStack\\u200b"), "{text}");
            let value: Value = serde_json::from_str(
                text.lines().next().filter(|l| l.starts_with('{') && l.ends_with('}')).unwrap_or(&text),
            )
            .unwrap();
            assert!(value.to_string().contains('\u{202e}'), "the escaped JSON still holds the same value");
        }
        assert_eq!(safe_json("\"\u{E0001}\""), "\"\\udb40\\udc01\"");
    }
}
