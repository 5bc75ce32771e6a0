//! Mail to organisers and staff through an SMTP relay (lettre): the messages (`compose`; those
//! to people who asked to hear of groups near a place, `interest`), and
//! the sender that delivers the outbox in the background with retries (`sender`). Messages are
//! queued in the store's transactions; this module only delivers them. Without `--smtp`
//! nothing is queued and nothing is sent.

pub mod compose;
pub mod interest;
pub mod sender;

use std::time::Duration;

use url::Url;

use crate::ServerError;

/// How `serve` reaches its relay and whom it writes as and to.
#[derive(Clone, Debug)]
pub struct MailConfig {
    /// lettre's connection URL (`smtps://host`, `smtp://host?tls=required`, or a plain
    /// `smtp://` relay on a loopback address), with the password filled in.
    pub smtp_url: String,
    pub from: String,
    pub staff: Vec<String>,
    /// The wait after a first temporary failure; each next one doubles, up to six hours.
    pub retry_first: Duration,
    /// How long a message is retried before it is given up.
    pub give_up_after: Duration,
    /// How often the sender looks for due mail when it has none.
    pub poll: Duration,
    /// How often it looks for groups whose organisers are due a yearly reminder.
    pub reminders_every: Duration,
}

impl MailConfig {
    /// Checks `--smtp` and puts the password (from the environment or a file, never the command
    /// line) into it.
    pub fn new(
        smtp: &str,
        password: Option<String>,
        from: String,
        staff: Vec<String>,
    ) -> Result<MailConfig, ServerError> {
        let refuse = |why: String| ServerError::Refused(format!("--smtp {}: {why}", redact(smtp)));
        let mut url = Url::parse(smtp).map_err(|e| refuse(e.to_string()))?;
        let encrypted = url.scheme() == "smtps" || url.query_pairs().any(|(k, v)| k == "tls" && v == "required");
        match url.scheme() {
            "smtps" | "smtp" => {}
            other => return Err(refuse(format!("`{other}` is not smtp or smtps"))),
        }
        if !encrypted && !is_loopback(&url) {
            return Err(refuse(
                "a relay without TLS is accepted only on a loopback address; use smtps:// or smtp://…?tls=required"
                    .into(),
            ));
        }
        if let Some(password) = password {
            url.set_password(Some(&password)).map_err(|()| refuse("a password needs a user name in the URL".into()))?;
        }
        for address in std::iter::once(&from).chain(&staff) {
            address
                .parse::<lettre::Address>()
                .map_err(|e| ServerError::Refused(format!("`{address}` is not a mail address: {e}")))?;
        }
        Ok(MailConfig {
            smtp_url: url.to_string(),
            from,
            staff,
            retry_first: Duration::from_secs(60),
            give_up_after: Duration::from_secs(3 * 24 * 3600),
            poll: Duration::from_secs(2),
            reminders_every: Duration::from_secs(3600),
        })
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        // For a scheme the URL standard does not know, an address is kept as text.
        Some(url::Host::Domain(name)) => {
            name.eq_ignore_ascii_case("localhost")
                || name.trim_matches(['[', ']']).parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
        }
        None => false,
    }
}

/// The URL without its password, for messages.
fn redact(smtp: &str) -> String {
    match Url::parse(smtp) {
        Ok(mut url) => {
            let _ = url.set_password(None);
            url.to_string()
        }
        Err(_) => "(unreadable)".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_encrypted_or_a_loopback_relay_is_accepted() {
        let config = |url: &str| MailConfig::new(url, None, "portal@example.org".into(), vec![]);
        assert!(config("smtps://mail.example.org").is_ok());
        assert!(config("smtp://mail.example.org?tls=required").is_ok());
        assert!(config("smtp://127.0.0.1:2525").is_ok());
        assert!(config("smtp://localhost:2525").is_ok());
        let err = config("smtp://mail.example.org").unwrap_err().to_string();
        assert!(err.contains("loopback"), "{err}");
        assert!(config("http://mail.example.org").is_err());
        let with = MailConfig::new(
            "smtps://portal@mail.example.org",
            Some("s3cret".into()),
            "portal@example.org".into(),
            vec![],
        )
        .unwrap();
        assert!(with.smtp_url.contains("portal:s3cret@"));
        assert!(MailConfig::new("smtps://mail.example.org", None, "not an address".into(), vec![]).is_err());
    }
}
