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

use super::compose::{english_signature, line, Letters};
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

    /// To the address a visitor gave: the link to confirm the sign-up (no name: the visitor
    /// typed it, and the address is not yet known to be theirs).
    pub fn interest_confirmation(&self, address: &str, place: &str, radius_km: u16) -> NewMail {
        let place = line(place);
        let body = format!(
            "Hello,\n\n\
             Someone, probably you, asked the OpenStack user groups portal to write to this address when a user \
             group starts within {radius_km} km of {place}, and at most once a year to ask whether you still want \
             this. To confirm, open this link and press \"Confirm\":\n\n{CONFIRM_SLOT}\n\n\
             Until you do, nothing is kept as a sign-up, and if you do nothing this request is deleted in 7 days. \
             If it was not you, you need not do anything; to delete it now:\n\n{STOP_SLOT}\n\n{}",
            english_signature()
        );
        self.to_signed_up(
            MailKind::InterestConfirm,
            address,
            format!("Confirm: news of user groups near {place}"),
            body,
        )
    }

    /// To a person with a confirmed sign-up: `group` started `distance_km` from its place,
    /// and meets next at `next`, if its calendar says.
    pub fn interest_news(
        &self,
        record: &SignUpRecord,
        group: &GroupRecord,
        distance_km: f64,
        next: Option<&Meeting>,
    ) -> NewMail {
        let s = &record.sign_up;
        let (name, place, where_) = (line(&group.name), line(&s.place_name), line(&group.place()));
        let meeting = match next {
            Some(m) => format!("It meets next on {}: {}.\n\n", line(&m.when.text()), line(&m.title)),
            None => "Its page will show its meetings once it announces them.\n\n".to_owned(),
        };
        let body = format!(
            "{}\n\nYou asked us to write when a user group starts within {radius} km of {place}. One has: {name}, in \
             {where_}, about {distance} km away.\n\n{}{}\n\n{meeting}\
             This is the news you asked for; we write again only when another group starts near you, and once a \
             year to ask whether you still want this. To stop, open:\n\n{STOP_SLOT}\n\n{}",
            greeting(&s.name),
            self.origin,
            group_href(&group.slug),
            english_signature(),
            radius = s.radius_km,
            distance = distance_km.round().max(1.0),
        );
        let mut mail = self.to_signed_up(
            MailKind::InterestNews,
            &s.address,
            format!("A user group has started near {place}: {name}"),
            body,
        );
        mail.recipients = vec![(line(&s.name), line(&s.address))];
        mail.interest_id = Some(record.id);
        mail
    }

    /// The yearly question: does the person still want to hear of groups near their place?
    pub fn interest_ask(&self, record: &SignUpRecord) -> NewMail {
        let s = &record.sign_up;
        let place = line(&s.place_name);
        let body = format!(
            "{}\n\nA year ago you asked us to write when a user group starts within {radius} km of {place}. Do you \
             still want this? To keep it another year, open this link and press \"Keep\":\n\n{CONFIRM_SLOT}\n\n\
             To stop now:\n\n{STOP_SLOT}\n\n\
             If we hear nothing from you, we delete your address and this request a year from now.\n\n{}",
            greeting(&s.name),
            english_signature(),
            radius = s.radius_km,
        );
        let mut mail = self.to_signed_up(
            MailKind::InterestAsk,
            &s.address,
            format!("Do you still want news of user groups near {place}?"),
            body,
        );
        mail.recipients = vec![(line(&s.name), line(&s.address))];
        mail.interest_id = Some(record.id);
        mail
    }
}

fn greeting(name: &str) -> String {
    let name = line(name);
    if name.is_empty() {
        "Hello,".to_owned()
    } else {
        format!("Hello {name},")
    }
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
            },
            created_at: "2026-12-01T00:00:00Z".parse().unwrap(),
            confirmed_at: Some("2026-12-01T00:00:00Z".parse().unwrap()),
            answered_at: None,
            asked_at: None,
        }
    }

    #[test]
    fn the_confirmation_holds_nothing_typed_and_both_links() {
        let mail = letters().interest_confirmation("ada@example.org", "Leipzig, Germany", 100);
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
