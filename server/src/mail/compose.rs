//! The messages, in the portal's voice: plain text, short and friendly. Everything a visitor
//! typed reaches a header only through [`line`], which turns line breaks, control and invisible
//! format characters into spaces, so no name can add a header or a recipient (lettre encodes
//! what is left as RFC 2047 requires); bodies carry it as text, never markup.
//!
//! Anyone can send a request naming any address, so the inbox is kept from mailing strangers:
//! organisers' mail goes to the first organiser only (the contact, who filled in the form),
//! the receipt's subject and body hold no text the sender chose (a request named "Cheap pills
//! at …" reaches nobody's inbox with those words), and the store limits how many receipts an
//! address and the site get a day (`store::outbox`). Co-organisers hear from the staff once a
//! request is approved, through the contact.
//!
//! Organisers' mail is written in the language their request was sent in (the catalogues'
//! `mail.*` messages, one paragraph each); the staff's notice stays English, as staff
//! commands do.

use groups_core::{
    answer::RequestStatus,
    regions::country,
    request::GroupRequest,
    routes::{page_language, Page},
    text::is_format,
};
use groups_i18n::{
    catalogue::{Catalogue, Speaking},
    t, tf, Lang, Msg,
};

use crate::store::{MailKind, NewMail, LINK_SLOT};

/// What every message needs: the site's canonical origin (links, Message-IDs) and the
/// staff's addresses.
#[derive(Clone, Debug)]
pub struct Letters {
    pub origin: String,
    pub staff: Vec<String>,
}

/// One line of header-safe text.
pub fn line(text: &str) -> String {
    let cleaned: String = text.chars().map(|c| if c.is_control() || is_format(c) { ' ' } else { c }).collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The end of every message, in the language spoken: who writes, and how to reach a person.
pub(crate) fn signature() -> String {
    format!("{}\n{}\n", t(Msg::MailSignature), tf(Msg::MailAutomatic, &[("address", groups_core::site::STAFF_ADDRESS)]))
}

/// The signature in English, for the mail that is English whatever the thread spoke last
/// (the staff's notice).
pub(crate) fn english_signature() -> String {
    let _english = Speaking::page(Lang::En, false);
    signature()
}

/// A message's paragraphs, between the greeting and the signature.
fn letter(paragraphs: &[&str]) -> String {
    letter_to("", paragraphs)
}

/// [`letter`] greeting `name` ("Hello Ada,"; none: "Hello,"), in the language spoken.
pub(crate) fn letter_to(name: &str, paragraphs: &[&str]) -> String {
    let name = line(name);
    let mut body =
        if name.is_empty() { t(Msg::MailHello).to_owned() } else { tf(Msg::MailHelloName, &[("name", &name)]) };
    body.push_str("\n\n");
    for paragraph in paragraphs {
        body.push_str(paragraph);
        body.push_str("\n\n");
    }
    body + &signature()
}

/// The private link's paragraph: the slot the outbox fills with the link when it sends.
const LINK: &str = LINK_SLOT;

impl Letters {
    pub(crate) fn message_id(&self) -> String {
        let host = self.origin.split("://").nth(1).unwrap_or("groups.invalid").split(['/', ':']).next().unwrap_or("");
        format!("<{}@{host}>", uuid::Uuid::new_v4())
    }

    fn to_organisers(
        &self,
        kind: MailKind,
        id: &str,
        request: &GroupRequest,
        subject: String,
        body: String,
    ) -> NewMail {
        NewMail {
            kind,
            request_id: Some(id.to_owned()),
            recipients: request.organizers.iter().take(1).map(|o| (line(&o.name), line(&o.email))).collect(),
            subject: line(&subject),
            body,
            message_id: self.message_id(),
            interest_id: None,
        }
    }

    fn place(request: &GroupRequest) -> String {
        let g = &request.group;
        match country(&g.country) {
            Some(c) if g.city.is_empty() => c.name.to_owned(),
            Some(c) => format!("{}, {}", line(&g.city), c.name),
            None => line(&g.city),
        }
    }

    /// To the contact, when their request is stored, in `lang` (the request's): nothing in it
    /// is text the sender typed (the private link shows what was sent), so it is no use to
    /// anyone but its addressee.
    pub fn receipt(&self, id: &str, request: &GroupRequest, lang: Lang) -> NewMail {
        let _speaking = Speaking::page(lang, false);
        let body = letter(&[
            &tf(Msg::MailReceiptThanks, &[("id", id)]),
            t(Msg::MailReceiptNext),
            LINK,
            t(Msg::MailKeepPrivate),
            t(Msg::MailReceiptNotYou),
        ]);
        let subject = tf(Msg::MailReceiptSubject, &[("id", id)]);
        self.to_organisers(MailKind::Receipt, id, request, subject, body)
    }

    /// To staff, for each new request (no organiser's address in the subject), in English.
    pub fn staff_notice(&self, id: &str, request: &GroupRequest) -> Option<NewMail> {
        let signature = english_signature();
        if self.staff.is_empty() {
            return None;
        }
        let name = line(&request.group.name);
        let body = format!(
            "A new request to start a user group has arrived.\n\n\
             Reference: {id}\nGroup: {name}\nWhere: {place}\nOrganisers: {count}\n\n\
             To review it:\n\n    groups-server requests show {id}\n\n\
             then `requests approve {id}` or `requests decline {id}` (with --message for the organisers).\n\n{signature}",
            place = Self::place(request),
            count = request.organizers.len(),
        );
        Some(NewMail {
            kind: MailKind::StaffNotice,
            request_id: Some(id.to_owned()),
            recipients: self.staff.iter().map(|a| (String::new(), line(a))).collect(),
            // The subject holds nothing the sender chose: the body is for reading.
            subject: format!("New group request {id}"),
            body,
            message_id: self.message_id(),
            interest_id: None,
        })
    }

    /// To the organisers, at a decision, in `lang` (the request's).
    pub fn decision(
        &self,
        id: &str,
        request: &GroupRequest,
        lang: Lang,
        status: RequestStatus,
        message: Option<&str>,
        slug: Option<&str>,
    ) -> NewMail {
        let _speaking = Speaking::page(lang, false);
        let values = [("id", id), ("name", &line(&request.group.name))];
        let said = message.map(|m| format!("{}\n\n{}", t(Msg::MailStaffWrote), quote(m)));
        let said = said.as_deref();
        let (subject, body) = match status {
            RequestStatus::Approved => {
                let page = format!("{}{}", self.origin, groups_core::routes::group_href(slug.unwrap_or_default()));
                let news = format!("{}\n\n{page}", tf(Msg::MailApprovedNews, &values));
                let paragraphs: Vec<&str> = [Some(news.as_str()), said, Some(t(Msg::MailApprovedLink)), Some(LINK)]
                    .into_iter()
                    .flatten()
                    .collect();
                (tf(Msg::MailApprovedSubject, &values), letter(&paragraphs))
            }
            _ => {
                let (subject, news) = match status {
                    RequestStatus::Withdrawn => (Msg::MailWithdrawnSubject, Msg::MailWithdrawnNews),
                    _ => (Msg::MailDeclinedSubject, Msg::MailDeclinedNews),
                };
                let news = tf(news, &values);
                let paragraphs: Vec<&str> = [Some(news.as_str()), said, Some(t(Msg::MailClosedLink)), Some(LINK)]
                    .into_iter()
                    .flatten()
                    .collect();
                (tf(subject, &values), letter(&paragraphs))
            }
        };
        self.to_organisers(MailKind::Decision, id, request, subject, body)
    }

    /// To the organisers, when staff issue a new private link (the one before stops working),
    /// in `lang` (the request's).
    pub fn new_link(&self, id: &str, request: &GroupRequest, lang: Lang) -> NewMail {
        let _speaking = Speaking::page(lang, false);
        let body = letter(&[&tf(Msg::MailNewLinkText, &[("id", id)]), LINK, t(Msg::MailKeepPrivate)]);
        self.to_organisers(MailKind::NewLink, id, request, tf(Msg::MailNewLinkSubject, &[("id", id)]), body)
    }

    /// To the organisers of a listed group whose details were last confirmed a year ago, in
    /// `lang` (their request's). The button it names is the organiser's page's, in the words
    /// that page shows (English's while the language does not say the page whole).
    pub fn reminder(&self, id: &str, request: &GroupRequest, lang: Lang, slug: &str, group_name: &str) -> NewMail {
        let _speaking = Speaking::page(lang, false);
        let page = Catalogue::of(page_language(Page::MyRequest, lang));
        let name = line(group_name);
        let address = format!("{}{}", self.origin, groups_core::routes::group_href(slug));
        let text = tf(
            Msg::MailReminderText,
            &[("name", &name), ("address", &address), ("button", page.text(Msg::OrganiserDetailsCurrent))],
        );
        let body = letter(&[&text, LINK, t(Msg::MailReminderOnce)]);
        self.to_organisers(MailKind::Reminder, id, request, tf(Msg::MailReminderSubject, &[("name", &name)]), body)
    }
}

/// A staff message, each line quoted.
fn quote(text: &str) -> String {
    text.lines()
        .map(|l| format!("> {}", l.chars().filter(|c| !is_format(*c)).collect::<String>()))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use groups_core::request::Organizer;

    fn letters() -> Letters {
        Letters { origin: "https://groups.example.org".into(), staff: vec!["staff@example.org".into()] }
    }

    fn request(name: &str, person: &str) -> GroupRequest {
        let mut request = groups_core::fixtures::valid_request_for(crate::terms::TERMS);
        request.group.name = name.into();
        request.organizers = vec![Organizer { name: person.into(), email: "ada@example.org".into() }];
        request
    }

    #[test]
    fn no_typed_text_reaches_a_header_with_a_line_break() {
        let evil = request("Evil\r\nBcc: victim@example.org", "Ada\r\nBcc: x@example.org\u{202e}");
        for mail in [
            letters().receipt("GR-1", &evil, Lang::En),
            letters().staff_notice("GR-1", &evil).unwrap(),
            letters().decision("GR-1", &evil, Lang::Ru, RequestStatus::Approved, Some("Hi\r\nthere"), Some("evil")),
        ] {
            assert!(!mail.subject.contains(['\r', '\n']), "{:?}", mail.subject);
            for (name, address) in &mail.recipients {
                assert!(!name.contains(['\r', '\n', '\u{202e}']) && !address.contains(['\r', '\n']));
            }
        }
        assert_eq!(line("A\r\nB\u{200b}C\tD"), "A B C D");
    }

    #[test]
    fn a_receipt_goes_to_the_contact_alone_and_carries_nothing_the_sender_typed() {
        let mut spam = request("Cheap pills at pills.example", "Buy now");
        spam.group.description = "Best prices".into();
        spam.organizers.push(Organizer { name: "Victim".into(), email: "victim@example.org".into() });
        let receipt = letters().receipt("GR-7K3Q-X9M2", &spam, Lang::Ja);
        assert_eq!(receipt.recipients, [("Buy now".to_owned(), "ada@example.org".to_owned())]);
        for typed in ["Cheap pills", "pills.example", "Best prices"] {
            assert!(!receipt.subject.contains(typed) && !receipt.body.contains(typed), "{typed}");
        }
        let notice = letters().staff_notice("GR-7K3Q-X9M2", &spam).unwrap();
        assert_eq!(notice.subject, "New group request GR-7K3Q-X9M2");
        let decision = letters().decision("GR-7K3Q-X9M2", &spam, Lang::En, RequestStatus::Declined, None, None);
        assert_eq!(decision.recipients.len(), 1);
    }

    #[test]
    fn each_message_says_what_it_should() {
        let r = request("OpenStack Leipzig", "Ada");
        let receipt = letters().receipt("GR-7K3Q-X9M2", &r, Lang::En);
        assert!(receipt.body.contains("GR-7K3Q-X9M2") && receipt.body.contains(LINK_SLOT));
        assert!(receipt.message_id.ends_with("@groups.example.org>"));
        let notice = letters().staff_notice("GR-7K3Q-X9M2", &r).unwrap();
        assert!(notice.body.contains("groups-server requests show GR-7K3Q-X9M2"));
        assert!(!notice.subject.contains("ada@example.org") && !notice.body.contains("ada@example.org"));
        let approved = letters().decision(
            "GR-7K3Q-X9M2",
            &r,
            Lang::En,
            RequestStatus::Approved,
            Some("Welcome!"),
            Some("leipzig"),
        );
        assert!(
            approved.body.contains("https://groups.example.org/groups/leipzig") && approved.body.contains("> Welcome!")
        );
        assert!(Letters { staff: vec![], ..letters() }.staff_notice("GR-1", &r).is_none());
    }

    #[test]
    fn organisers_hear_in_their_requests_language_and_staff_in_english() {
        let r = request("OpenStack 東京", "Aiko");
        let said = |lang: Lang| {
            let letters = letters();
            [
                letters.receipt("GR-7K3Q-X9M2", &r, lang),
                letters.decision("GR-7K3Q-X9M2", &r, lang, RequestStatus::Approved, Some("Welcome!"), Some("tokyo")),
                letters.decision("GR-7K3Q-X9M2", &r, lang, RequestStatus::Declined, None, None),
                letters.decision("GR-7K3Q-X9M2", &r, lang, RequestStatus::Withdrawn, None, None),
                letters.new_link("GR-7K3Q-X9M2", &r, lang),
                letters.reminder("GR-7K3Q-X9M2", &r, lang, "tokyo", "OpenStack 東京"),
            ]
        };
        for &lang in Lang::ALL {
            let words = Catalogue::of(lang);
            for mail in said(lang) {
                assert!(mail.body.starts_with(words.text(Msg::MailHello)), "{lang:?}: {}", mail.body);
                assert!(
                    mail.body.contains(words.text(Msg::MailSignature)) && mail.body.contains(LINK_SLOT),
                    "{lang:?}"
                );
                assert!(mail.subject.contains("GR-7K3Q-X9M2") || mail.subject.contains("東京"), "{lang:?}");
                let unfilled = mail.body.replace(LINK_SLOT, "").contains('{') || mail.subject.contains('{');
                assert!(!unfilled, "{lang:?}: {}", mail.body);
            }
        }
        let japanese = said(Lang::Ja);
        assert_eq!(
            japanese[0].subject,
            Catalogue::of(Lang::Ja).text(Msg::MailReceiptSubject).replace("{id}", "GR-7K3Q-X9M2")
        );
        assert_ne!(japanese[0].body, said(Lang::En)[0].body);
        // The group's page in the language too.
        assert!(
            japanese[1].body.contains("https://groups.example.org/ja/groups/tokyo")
                && japanese[1].body.contains("> Welcome!"),
            "{}",
            japanese[1].body
        );
        // The staff's notice is English whatever the request's language.
        let notice = letters().staff_notice("GR-7K3Q-X9M2", &r).unwrap();
        assert!(
            notice.body.contains("A new request to start a user group")
                && notice.body.contains("The OpenStack user groups portal")
        );
    }
}
