//! The messages to people who asked to hear when a group starts near a place (#28): the link
//! to confirm a sign-up, the news of a group that started within its radius, and the yearly
//! question whether it is still wanted. Each carries the link to stop ([`STOP_SLOT`], which
//! the sender fills and repeats in `List-Unsubscribe`).
//!
//! Anyone can sign up any address, so the confirmation is mail a stranger can cause: it holds
//! nothing the visitor typed (not even the name, which is used only once the address's owner
//! has confirmed), only the place's name from the gazetteer and the distance chosen from a
//! fixed few, and the store limits how many an address and the site get a day.

use groups_core::{directory::GroupRecord, meetings::Meeting, routes::group_href};

use groups_i18n::{catalogue::Speaking, t, tf, Lang, Msg};

use super::compose::{letter_to, line, Letters};
use crate::store::{MailKind, NewMail, SignUpRecord, CONFIRM_SLOT, STOP_SLOT};

impl Letters {
    fn to_signed_up(&self, kind: MailKind, address: &str, subject: String, body: String) -> NewMail {
        NewMail {
            kind,
            request_id: None,
            recipients: vec![(String::new(), line(address))],
            subject: line(&subject),
            body,
            message_id: self.message_id(),
            interest_id: None,
        }
    }

    /// To the address a visitor gave, in the language they signed up in: the link to confirm
    /// the sign-up (no name: the visitor typed it, and the address is not yet known to be
    /// theirs).
    pub fn interest_confirmation(&self, address: &str, place: &str, radius_km: u16, lang: Lang) -> NewMail {
        let _speaking = Speaking::page(lang, false);
        let place = line(place);
        let values = [("km", radius_km.to_string()), ("place", place.clone())];
        let text = said(Msg::MailInterestConfirmText, &values, Some(Msg::InterestConfirmButton));
        let body = letter_to("", &[&text, CONFIRM_SLOT, t(Msg::MailInterestConfirmUntil), STOP_SLOT]);
        let subject = tf(Msg::MailInterestConfirmSubject, &[("place", &place)]);
        self.to_signed_up(MailKind::InterestConfirm, address, subject, body)
    }

    /// To a person with a confirmed sign-up, in its language: `group` started `distance_km`
    /// from its place, and meets next at `next`, if its calendar says.
    pub fn interest_news(
        &self,
        record: &SignUpRecord,
        group: &GroupRecord,
        distance_km: f64,
        next: Option<&Meeting>,
    ) -> NewMail {
        let s = &record.sign_up;
        let _speaking = Speaking::page(s.lang, false);
        let (name, place) = (line(&group.name), line(&s.place_name));
        let values = [
            ("km", s.radius_km.to_string()),
            ("place", place.clone()),
            ("name", name.clone()),
            ("where", line(&group.place())),
            ("distance", groups_core::near::format_km(distance_km.round().max(1.0))),
        ];
        let meeting = match next {
            Some(m) => tf(Msg::MailInterestNewsNext, &[("date", &line(&m.when.text())), ("title", &line(&m.title))]),
            None => t(Msg::MailInterestNewsNoMeeting).to_owned(),
        };
        let page = format!("{}{}", self.origin, group_href(&group.slug));
        let text = said(Msg::MailInterestNewsText, &values, None);
        let body = letter_to(&s.name, &[&text, &page, &meeting, t(Msg::MailInterestNewsEnd), STOP_SLOT]);
        let subject = tf(Msg::MailInterestNewsSubject, &[("place", &place), ("name", &name)]);
        let mut mail = self.to_signed_up(MailKind::InterestNews, &s.address, subject, body);
        mail.recipients = vec![(line(&s.name), line(&s.address))];
        mail.interest_id = Some(record.id);
        mail
    }

    /// The yearly question, in the sign-up's language: does the person still want to hear of
    /// groups near their place?
    pub fn interest_ask(&self, record: &SignUpRecord) -> NewMail {
        let s = &record.sign_up;
        let _speaking = Speaking::page(s.lang, false);
        let place = line(&s.place_name);
        let values = [("km", s.radius_km.to_string()), ("place", place.clone())];
        let text = said(Msg::MailInterestAskText, &values, Some(Msg::InterestKeepButton));
        let body = letter_to(
            &s.name,
            &[&text, CONFIRM_SLOT, t(Msg::MailInterestAskStop), STOP_SLOT, t(Msg::MailInterestAskEnd)],
        );
        let subject = tf(Msg::MailInterestAskSubject, &[("place", &place)]);
        let mut mail = self.to_signed_up(MailKind::InterestAsk, &s.address, subject, body);
        mail.recipients = vec![(line(&s.name), line(&s.address))];
        mail.interest_id = Some(record.id);
        mail
    }
}

/// `msg` with `values`, and `{button}` the word of the button the link's page shows.
fn said(msg: Msg, values: &[(&str, String)], button: Option<Msg>) -> String {
    let mut all: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    if let Some(button) = button {
        all.push(("button", t(button)));
    }
    tf(msg, &all)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::NewSignUp;

    fn letters() -> Letters {
        Letters { origin: "https://groups.example.org".into(), staff: vec![] }
    }

    fn record(name: &str) -> SignUpRecord {
        SignUpRecord {
            id: 7,
            sign_up: NewSignUp {
                address: "ada@example.org".into(),
                address_key: "ada@example.org".into(),
                name: name.into(),
                place_id: "2879139".into(),
                place_name: "Leipzig, Germany".into(),
                lat: 51.34,
                lon: 12.37,
                radius_km: 100,
                consent_version: "2026-11-01".into(),
                consent_text_sha256: "ab".into(),
                lang: Lang::En,
            },
            created_at: "2026-12-01T00:00:00Z".parse().unwrap(),
            confirmed_at: Some("2026-12-01T00:00:00Z".parse().unwrap()),
            answered_at: None,
            asked_at: None,
        }
    }

    #[test]
    fn the_confirmation_holds_nothing_typed_and_both_links() {
        let mail = letters().interest_confirmation("ada@example.org", "Leipzig, Germany", 100, Lang::En);
        assert_eq!(mail.recipients, [(String::new(), "ada@example.org".to_owned())]);
        assert_eq!(mail.subject, "Confirm: news of user groups near Leipzig, Germany");
        assert!(mail.body.contains("within 100 km of Leipzig, Germany") && mail.body.contains("7 days"));
        assert!(mail.body.contains(CONFIRM_SLOT) && mail.body.contains(STOP_SLOT));
        assert_eq!(mail.kind, MailKind::InterestConfirm);
    }

    #[test]
    fn the_news_names_the_group_its_page_and_its_next_meeting() {
        let group = groups_core::fixtures::checked(groups_core::directory::RawRecord {
            name: "OpenStack Jena".into(),
            city: Some("Jena".into()),
            ..groups_core::fixtures::raw_group("jena")
        });
        let mail = letters().interest_news(&record("Ada\r\nBcc: y@example.org"), &group, 59.6, None);
        assert!(!mail.subject.contains(['\r', '\n']) && !mail.recipients[0].0.contains(['\r', '\n']));
        assert!(mail.body.starts_with("Hello Ada Bcc: y@example.org,"), "{}", mail.body);
        assert!(mail.body.contains("https://groups.example.org/groups/jena"), "{}", mail.body);
        assert!(mail.body.contains("about 60 km away") && mail.body.contains(STOP_SLOT));
        assert_eq!(mail.interest_id, Some(7));
        let ask = letters().interest_ask(&record(""));
        assert!(ask.body.starts_with("Hello,") && ask.body.contains(CONFIRM_SLOT) && ask.body.contains(STOP_SLOT));
    }
}
