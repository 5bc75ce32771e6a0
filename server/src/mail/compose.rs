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

use groups_core::{answer::RequestStatus, regions::country, request::GroupRequest, text::is_format};

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

/// The end of every message: who writes, and how to reach a person.
pub(crate) fn signature() -> String {
    format!(
        "The OpenStack user groups portal\n(This message was sent automatically. To reach the staff, write to {}.)\n",
        groups_core::site::STAFF_ADDRESS
    )
}

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

    /// To the contact, when their request is stored: nothing in it is text the sender typed
    /// (the private link shows what was sent), so it is no use to anyone but its addressee.
    pub fn receipt(&self, id: &str, request: &GroupRequest) -> NewMail {
        let signature = signature();
        let body = format!(
            "Hello,\n\n\
             Thank you for asking to start a user group. We have your request; its reference is {id}.\n\n\
             What happens next: the staff read every request, usually within a week, and write to you with \
             their decision. You can see what you sent, follow it, withdraw it, and once the group is listed \
             keep its details up to date with your private link:\n\n{LINK_SLOT}\n\n\
             Keep the link private: anyone who has it can act for your group.\n\n\
             If you did not send it, someone else typed your address: reply to the staff's address \
             below and we delete it with your address.\n\n{signature}"
        );
        self.to_organisers(MailKind::Receipt, id, request, format!("Your request {id} to start a user group"), body)
    }

    /// To staff, for each new request (no organiser's address in the subject).
    pub fn staff_notice(&self, id: &str, request: &GroupRequest) -> Option<NewMail> {
        let signature = signature();
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

    /// To the organisers, at a decision.
    pub fn decision(
        &self,
        id: &str,
        request: &GroupRequest,
        status: RequestStatus,
        message: Option<&str>,
        slug: Option<&str>,
    ) -> NewMail {
        let signature = signature();
        let name = line(&request.group.name);
        let said = message.map(|m| format!("The staff wrote:\n\n{}\n\n", quote(m))).unwrap_or_default();
        let (subject, news) = match status {
            RequestStatus::Approved => (
                format!("Your request {id} is approved"),
                format!(
                    "Good news: your request {id} is approved, and {name} is in the directory:\n\n{}{}\n\n{said}\
                     With your private link you can change the group's description, links, city and place, \
                     add its calendar, and tell us when its details are still right:\n\n{LINK_SLOT}\n\n",
                    self.origin,
                    groups_core::routes::group_href(slug.unwrap_or_default())
                ),
            ),
            _ => (
                format!("Your request {id}: {}", status.label().to_lowercase()),
                format!(
                    "Your request {id} to start {name} was {}.\n\n{said}\
                     Your private link shows it, and lets you delete your details now if you wish \
                     (otherwise we delete them 12 months from now):\n\n{LINK_SLOT}\n\n",
                    status.label().to_lowercase()
                ),
            ),
        };
        self.to_organisers(MailKind::Decision, id, request, subject, format!("Hello,\n\n{news}{signature}"))
    }

    /// To the organisers, when staff issue a new private link (the one before stops working).
    pub fn new_link(&self, id: &str, request: &GroupRequest) -> NewMail {
        let signature = signature();
        let body = format!(
            "Hello,\n\nHere is a new private link for your request {id}. Links sent or shown before no longer work.\n\n\
             {LINK_SLOT}\n\nKeep it private: anyone who has it can act for your group.\n\n{signature}"
        );
        self.to_organisers(MailKind::NewLink, id, request, format!("A new private link for {id}"), body)
    }

    /// To the organisers of a listed group whose details were last confirmed a year ago.
    pub fn reminder(&self, id: &str, request: &GroupRequest, slug: &str, group_name: &str) -> NewMail {
        let signature = signature();
        let name = line(group_name);
        let body = format!(
            "Hello,\n\nIt is a year since the details of {name} ({}{}) were last confirmed. \
             Are they still right? With your private link you can change them, or press \
             \"Our details are current\"; and if the group has stopped meeting, say so there too:\n\n\
             {LINK_SLOT}\n\nWe ask once a year.\n\n{signature}",
            self.origin,
            groups_core::routes::group_href(slug)
        );
        self.to_organisers(MailKind::Reminder, id, request, format!("Are the details of {name} still right?"), body)
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
            letters().receipt("GR-1", &evil),
            letters().staff_notice("GR-1", &evil).unwrap(),
            letters().decision("GR-1", &evil, RequestStatus::Approved, Some("Hi\r\nthere"), Some("evil")),
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
        let receipt = letters().receipt("GR-7K3Q-X9M2", &spam);
        assert_eq!(receipt.recipients, [("Buy now".to_owned(), "ada@example.org".to_owned())]);
        for typed in ["Cheap pills", "pills.example", "Best prices"] {
            assert!(!receipt.subject.contains(typed) && !receipt.body.contains(typed), "{typed}");
        }
        let notice = letters().staff_notice("GR-7K3Q-X9M2", &spam).unwrap();
        assert_eq!(notice.subject, "New group request GR-7K3Q-X9M2");
        let decision = letters().decision("GR-7K3Q-X9M2", &spam, RequestStatus::Declined, None, None);
        assert_eq!(decision.recipients.len(), 1);
    }

    #[test]
    fn each_message_says_what_it_should() {
        let r = request("OpenStack Leipzig", "Ada");
        let receipt = letters().receipt("GR-7K3Q-X9M2", &r);
        assert!(receipt.body.contains("GR-7K3Q-X9M2") && receipt.body.contains(LINK_SLOT));
        assert!(receipt.message_id.ends_with("@groups.example.org>"));
        let notice = letters().staff_notice("GR-7K3Q-X9M2", &r).unwrap();
        assert!(notice.body.contains("groups-server requests show GR-7K3Q-X9M2"));
        assert!(!notice.subject.contains("ada@example.org") && !notice.body.contains("ada@example.org"));
        let approved =
            letters().decision("GR-7K3Q-X9M2", &r, RequestStatus::Approved, Some("Welcome!"), Some("leipzig"));
        assert!(
            approved.body.contains("https://groups.example.org/groups/leipzig") && approved.body.contains("> Welcome!")
        );
        assert!(Letters { staff: vec![], ..letters() }.staff_notice("GR-1", &r).is_none());
    }
}
