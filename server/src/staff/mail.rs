//! `mail status` and `mail retry`: what the portal sends, and a failed message sent again.

use crate::{
    cli::{MailAction, StaffFiles},
    clock::Timestamp,
    store::{MailState, Store},
    ServerError,
};

pub fn run(action: MailAction, files: &StaffFiles) -> Result<String, ServerError> {
    let store = Store::open_existing(&files.db)?;
    match action {
        MailAction::Status => {
            let mails = store.mails()?;
            let mut out = match store.mail_staff()? {
                Some(staff) => format!(
                    "Mail is on (staff: {}).\n",
                    if staff.is_empty() { "none".into() } else { staff.join(", ") }
                ),
                None => "Mail is off: the server runs without --smtp, and nothing is queued.\n".into(),
            };
            for mail in &mails {
                let when = match mail.state {
                    MailState::Sent => format!("sent {}", mail.sent_at.map_or_else(String::new, |t| t.to_string())),
                    MailState::Queued => format!("next try {}", mail.next_at),
                    _ => String::new(),
                };
                out.push_str(&format!(
                    "{:>5}  {:<8} {:<13} {:<18} to {} recipient(s), {} attempt(s) {when}\n",
                    mail.id,
                    mail.state.slug(),
                    mail.mail.kind.slug(),
                    mail.mail.request_id.as_deref().unwrap_or("-"),
                    mail.mail.recipients.len(),
                    mail.attempts,
                ));
                if let Some(error) = &mail.last_error {
                    out.push_str(&format!("       last error: {}\n", groups_core::text::escape_invisible(error)));
                }
            }
            if mails.is_empty() {
                out.push_str("No mail yet.\n");
            }
            Ok(out)
        }
        MailAction::Retry { id } => {
            if store.retry_mail(id, Timestamp::now())? {
                Ok(format!("Mail {id} is queued again: the server sends it within seconds.\n"))
            } else {
                Err(ServerError::Refused(format!("mail {id} is not a failed message (`mail status` lists them)")))
            }
        }
    }
}
