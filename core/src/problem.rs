//! What is wrong with a field a person filled in, as a code and its values ([`Problem`]), not
//! as a sentence: the rules (`validate`, `interest`, `organiser`) find problems, and whoever
//! shows one says it in the language of the page ([`Problem::text`]) or in English for the
//! API's readers and staff ([`Problem::english`]). The inbox's 422 answers carry them
//! (`ErrorBody::problems`), so the form says the server's refusals in the visitor's words too.

use groups_i18n::{catalogue, Catalogue, Msg};
use serde::{Deserialize, Serialize};

use crate::links::{AddressError, LinkKind};

/// What a text is, for the sentences that name it ("The group's name needs at least …").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Subject {
    GroupName,
    Description,
    City,
    OrganiserName,
    OrganiserEmail,
    YourName,
    YourEmail,
}

impl Subject {
    /// Each subject with its name in JSON (the same as serde's).
    const SLUGS: [(Subject, &'static str); 7] = [
        (Subject::GroupName, "group-name"),
        (Subject::Description, "description"),
        (Subject::City, "city"),
        (Subject::OrganiserName, "organiser-name"),
        (Subject::OrganiserEmail, "organiser-email"),
        (Subject::YourName, "your-name"),
        (Subject::YourEmail, "your-email"),
    ];

    fn slug(self) -> &'static str {
        Self::SLUGS.iter().find(|(s, _)| *s == self).map_or("", |(_, slug)| slug)
    }

    fn from_slug(slug: &str) -> Option<Subject> {
        Self::SLUGS.iter().find(|(_, s)| *s == slug).map(|(subject, _)| *subject)
    }
}

/// One problem with one field: its code (`"code": "too-long"` in JSON) and what the sentence
/// needs to say it (`"subject": "group-name", "max": 80`). It travels as a flat object
/// ([`Wire`]): serde's code for an internally tagged enum of this size weighed about 15 KB in
/// the wasm of each page with a form; the schema describes it variant by variant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "code", rename_all = "kebab-case", from = "Wire", into = "Wire")]
pub enum Problem {
    /// Required and empty, or holding only invisible characters.
    Empty {
        subject: Subject,
    },
    TooShort {
        subject: Subject,
        min: u32,
    },
    TooLong {
        subject: Subject,
        max: u32,
    },
    /// A control character (a line break in a one-line text, a bell).
    Control {
        subject: Subject,
    },
    /// An invisible formatting character (a zero-width space, a direction mark).
    Invisible {
        subject: Subject,
    },
    NoCountry,
    UnknownCountry,
    NotOnEarth,
    TooManyLinks {
        max: u32,
    },
    /// A second link of the same kind.
    LinkTwice {
        link: LinkKind,
    },
    AddressTooLong {
        link: LinkKind,
        max: u32,
    },
    AddressInvisible {
        link: LinkKind,
    },
    AddressSpace {
        link: LinkKind,
    },
    /// Not starting with `https://` or `http://` (a feed: not with `https://`).
    NotWeb {
        link: LinkKind,
    },
    AddressCredentials {
        link: LinkKind,
    },
    NoHost {
        link: LinkKind,
    },
    NotHost {
        link: LinkKind,
        host: String,
    },
    NotPort {
        link: LinkKind,
        port: String,
    },
    /// A calendar feed on plain `http://`.
    NotSecure {
        link: LinkKind,
    },
    NoOrganiser,
    TooManyOrganisers {
        max: u32,
    },
    NotEmail,
    EmailTwice,
    CodeOfConduct,
    NonCommercial,
    NoConsent,
    ConsentChanged,
    UnknownPlace,
    /// A distance other than those the form offers.
    NotADistance,
    NoSignUpConsent,
    SignUpConsentChanged,
    /// A refusal said in words only: the sentence a server gave for a code this reader does
    /// not know. Never sent.
    #[serde(skip)]
    Said(String),
    /// A code this reader does not know (a newer server's).
    #[serde(other)]
    Other,
}

/// A problem as JSON carries it: its code and whichever values it has.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct Wire {
    code: String,
    /// Read as text: a subject or link kind this reader does not know (a newer server's)
    /// makes the problem `Other`, never the whole answer unreadable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    subject: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    min: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    max: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    link: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    host: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    port: Option<String>,
}

impl From<Problem> for Wire {
    fn from(problem: Problem) -> Wire {
        let code = |code: &str| Wire { code: code.to_owned(), ..Wire::default() };
        let about = |name: &str, subject: Subject| Wire { subject: Some(subject.slug().to_owned()), ..code(name) };
        let link = |name: &str, link: LinkKind| Wire { link: Some(link.slug().to_owned()), ..code(name) };
        match problem {
            Problem::Empty { subject } => about("empty", subject),
            Problem::TooShort { subject, min } => Wire { min: Some(min), ..about("too-short", subject) },
            Problem::TooLong { subject, max } => Wire { max: Some(max), ..about("too-long", subject) },
            Problem::Control { subject } => about("control", subject),
            Problem::Invisible { subject } => about("invisible", subject),
            Problem::NoCountry => code("no-country"),
            Problem::UnknownCountry => code("unknown-country"),
            Problem::NotOnEarth => code("not-on-earth"),
            Problem::TooManyLinks { max } => Wire { max: Some(max), ..code("too-many-links") },
            Problem::LinkTwice { link: l } => link("link-twice", l),
            Problem::AddressTooLong { link: l, max } => Wire { max: Some(max), ..link("address-too-long", l) },
            Problem::AddressInvisible { link: l } => link("address-invisible", l),
            Problem::AddressSpace { link: l } => link("address-space", l),
            Problem::NotWeb { link: l } => link("not-web", l),
            Problem::AddressCredentials { link: l } => link("address-credentials", l),
            Problem::NoHost { link: l } => link("no-host", l),
            Problem::NotHost { link: l, host } => Wire { host: Some(host), ..link("not-host", l) },
            Problem::NotPort { link: l, port } => Wire { port: Some(port), ..link("not-port", l) },
            Problem::NotSecure { link: l } => link("not-secure", l),
            Problem::NoOrganiser => code("no-organiser"),
            Problem::TooManyOrganisers { max } => Wire { max: Some(max), ..code("too-many-organisers") },
            Problem::NotEmail => code("not-email"),
            Problem::EmailTwice => code("email-twice"),
            Problem::CodeOfConduct => code("code-of-conduct"),
            Problem::NonCommercial => code("non-commercial"),
            Problem::NoConsent => code("no-consent"),
            Problem::ConsentChanged => code("consent-changed"),
            Problem::UnknownPlace => code("unknown-place"),
            Problem::NotADistance => code("not-a-distance"),
            Problem::NoSignUpConsent => code("no-sign-up-consent"),
            Problem::SignUpConsentChanged => code("sign-up-consent-changed"),
            // A sentence only has no code of its own: its readers show the answer's sentence.
            Problem::Said(_) | Problem::Other => code("other"),
        }
    }
}

impl From<Wire> for Problem {
    /// A code this reader does not know, or one without the values it needs, is `Other`.
    fn from(wire: Wire) -> Problem {
        let Wire { code, subject, min, max, link, host, port } = wire;
        let subject = subject.as_deref().and_then(Subject::from_slug);
        let link = link.as_deref().and_then(LinkKind::from_slug);
        let known = match (code.as_str(), subject, link) {
            ("empty", Some(subject), _) => Some(Problem::Empty { subject }),
            ("too-short", Some(subject), _) => min.map(|min| Problem::TooShort { subject, min }),
            ("too-long", Some(subject), _) => max.map(|max| Problem::TooLong { subject, max }),
            ("control", Some(subject), _) => Some(Problem::Control { subject }),
            ("invisible", Some(subject), _) => Some(Problem::Invisible { subject }),
            ("no-country", ..) => Some(Problem::NoCountry),
            ("unknown-country", ..) => Some(Problem::UnknownCountry),
            ("not-on-earth", ..) => Some(Problem::NotOnEarth),
            ("too-many-links", ..) => max.map(|max| Problem::TooManyLinks { max }),
            ("link-twice", _, Some(link)) => Some(Problem::LinkTwice { link }),
            ("address-too-long", _, Some(link)) => max.map(|max| Problem::AddressTooLong { link, max }),
            ("address-invisible", _, Some(link)) => Some(Problem::AddressInvisible { link }),
            ("address-space", _, Some(link)) => Some(Problem::AddressSpace { link }),
            ("not-web", _, Some(link)) => Some(Problem::NotWeb { link }),
            ("address-credentials", _, Some(link)) => Some(Problem::AddressCredentials { link }),
            ("no-host", _, Some(link)) => Some(Problem::NoHost { link }),
            ("not-host", _, Some(link)) => host.map(|host| Problem::NotHost { link, host }),
            ("not-port", _, Some(link)) => port.map(|port| Problem::NotPort { link, port }),
            ("not-secure", _, Some(link)) => Some(Problem::NotSecure { link }),
            ("no-organiser", ..) => Some(Problem::NoOrganiser),
            ("too-many-organisers", ..) => max.map(|max| Problem::TooManyOrganisers { max }),
            ("not-email", ..) => Some(Problem::NotEmail),
            ("email-twice", ..) => Some(Problem::EmailTwice),
            ("code-of-conduct", ..) => Some(Problem::CodeOfConduct),
            ("non-commercial", ..) => Some(Problem::NonCommercial),
            ("no-consent", ..) => Some(Problem::NoConsent),
            ("consent-changed", ..) => Some(Problem::ConsentChanged),
            ("unknown-place", ..) => Some(Problem::UnknownPlace),
            ("not-a-distance", ..) => Some(Problem::NotADistance),
            ("no-sign-up-consent", ..) => Some(Problem::NoSignUpConsent),
            ("sign-up-consent-changed", ..) => Some(Problem::SignUpConsentChanged),
            _ => None,
        };
        known.unwrap_or(Problem::Other)
    }
}

impl Problem {
    /// The problem of a web address given as a link of `kind`.
    pub fn of_address(link: LinkKind, error: &AddressError) -> Problem {
        match error.clone() {
            AddressError::TooLong => Problem::AddressTooLong { link, max: crate::limits::URL_MAX as u32 },
            AddressError::Invisible => Problem::AddressInvisible { link },
            AddressError::Space => Problem::AddressSpace { link },
            AddressError::NotWeb => Problem::NotWeb { link },
            AddressError::Credentials => Problem::AddressCredentials { link },
            AddressError::Host(host) if host.is_empty() => Problem::NoHost { link },
            AddressError::Host(host) => Problem::NotHost { link, host },
            AddressError::Port(port) => Problem::NotPort { link, port },
            AddressError::NotSecure => Problem::NotSecure { link },
        }
    }

    /// The sentence in the language of the page being drawn.
    pub fn text(&self) -> String {
        self.say(catalogue::speaking)
    }

    /// The sentence in English: the API's `fields`, the staff's tools and the data's checks.
    pub fn english(&self) -> String {
        self.say(|_| Catalogue::english())
    }

    /// The sentence, each message taken from the catalogue `speaking` gives for it.
    fn say(&self, speaking: fn(Msg) -> Catalogue) -> String {
        let said = |msg: Msg| speaking(msg).text(msg);
        let counted = |msg: Msg, n: u32, args: &[(&str, &str)]| speaking(msg).counted(msg, n.into(), args);
        let filled = |msg: Msg, args: &[(&str, &str)]| catalogue::fill(said(msg), args);
        let link_name = |link: &LinkKind| said(link.msg());
        let about = |msg: Msg, link: &LinkKind| filled(msg, &[("link", link_name(link))]);
        match self {
            Problem::Empty { subject } => said(empty_msg(*subject)).to_owned(),
            Problem::TooShort { subject, min } => {
                counted(Msg::ProblemTooShort, *min, &[("subject", said(subject_msg(*subject)))])
            }
            Problem::TooLong { subject, max } => {
                counted(Msg::ProblemTooLong, *max, &[("subject", said(subject_msg(*subject)))])
            }
            Problem::Control { subject } => filled(Msg::ProblemControl, &[("subject", said(subject_msg(*subject)))]),
            Problem::Invisible { subject } => {
                filled(Msg::ProblemInvisible, &[("subject", said(subject_msg(*subject)))])
            }
            Problem::NoCountry => said(Msg::ProblemNoCountry).to_owned(),
            Problem::UnknownCountry => said(Msg::ProblemUnknownCountry).to_owned(),
            Problem::NotOnEarth => said(Msg::ProblemNotOnEarth).to_owned(),
            Problem::TooManyLinks { max } => counted(Msg::ProblemTooManyLinks, *max, &[]),
            Problem::LinkTwice { link } => about(Msg::ProblemLinkTwice, link),
            Problem::AddressTooLong { link, max } => {
                counted(Msg::ProblemAddressTooLong, *max, &[("link", link_name(link))])
            }
            Problem::AddressInvisible { link } => about(Msg::ProblemAddressInvisible, link),
            Problem::AddressSpace { link } => about(Msg::ProblemAddressSpace, link),
            // A feed is never offered `http://`, which it may not use.
            Problem::NotWeb { link: link @ LinkKind::Calendar } => about(Msg::ProblemAddressNotWebFeed, link),
            Problem::NotWeb { link } => about(Msg::ProblemAddressNotWeb, link),
            Problem::AddressCredentials { link } => about(Msg::ProblemAddressCredentials, link),
            Problem::NoHost { link } => about(Msg::ProblemAddressNoHost, link),
            Problem::NotHost { link, host } => {
                filled(Msg::ProblemAddressHost, &[("link", link_name(link)), ("host", host)])
            }
            Problem::NotPort { link, port } => {
                filled(Msg::ProblemAddressPort, &[("link", link_name(link)), ("port", port)])
            }
            Problem::NotSecure { link } => about(Msg::ProblemAddressNotSecure, link),
            Problem::NoOrganiser => said(Msg::ProblemNoOrganiser).to_owned(),
            Problem::TooManyOrganisers { max } => counted(Msg::ProblemTooManyOrganisers, *max, &[]),
            Problem::NotEmail => said(Msg::ProblemNotEmail).to_owned(),
            Problem::EmailTwice => said(Msg::ProblemEmailTwice).to_owned(),
            Problem::CodeOfConduct => said(Msg::ProblemCodeOfConduct).to_owned(),
            Problem::NonCommercial => said(Msg::ProblemNonCommercial).to_owned(),
            Problem::NoConsent => said(Msg::ProblemNoConsent).to_owned(),
            Problem::ConsentChanged => said(Msg::ProblemConsentChanged).to_owned(),
            Problem::UnknownPlace => said(Msg::ProblemUnknownPlace).to_owned(),
            Problem::NotADistance => said(Msg::ProblemNotADistance).to_owned(),
            Problem::NoSignUpConsent => said(Msg::ProblemNoSignUpConsent).to_owned(),
            Problem::SignUpConsentChanged => said(Msg::ProblemSignUpConsentChanged).to_owned(),
            Problem::Other => said(Msg::ProblemOther).to_owned(),
            Problem::Said(text) => text.clone(),
        }
    }
}

fn empty_msg(subject: Subject) -> Msg {
    match subject {
        Subject::GroupName => Msg::ProblemEmptyGroupName,
        Subject::Description => Msg::ProblemEmptyDescription,
        Subject::City => Msg::ProblemEmptyCity,
        Subject::OrganiserName => Msg::ProblemEmptyOrganiserName,
        Subject::OrganiserEmail => Msg::ProblemEmptyOrganiserEmail,
        Subject::YourName => Msg::ProblemEmptyYourName,
        Subject::YourEmail => Msg::ProblemEmptyYourEmail,
    }
}

fn subject_msg(subject: Subject) -> Msg {
    match subject {
        Subject::GroupName => Msg::ProblemSubjectGroupName,
        Subject::Description => Msg::ProblemSubjectDescription,
        Subject::City => Msg::ProblemSubjectCity,
        Subject::OrganiserName => Msg::ProblemSubjectOrganiserName,
        Subject::OrganiserEmail => Msg::ProblemSubjectOrganiserEmail,
        Subject::YourName => Msg::ProblemSubjectYourName,
        Subject::YourEmail => Msg::ProblemSubjectYourEmail,
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use groups_i18n::{catalogue::Speaking, Lang};

    use super::*;
    use crate::links::check_link;

    fn every_problem() -> Vec<Problem> {
        let subjects = [
            Subject::GroupName,
            Subject::Description,
            Subject::City,
            Subject::OrganiserName,
            Subject::OrganiserEmail,
            Subject::YourName,
            Subject::YourEmail,
        ];
        let mut all = Vec::new();
        for subject in subjects {
            all.extend([
                Problem::Empty { subject },
                Problem::TooShort { subject, min: 3 },
                Problem::TooLong { subject, max: 1000 },
                Problem::Control { subject },
                Problem::Invisible { subject },
            ]);
        }
        for link in LinkKind::ALL {
            all.extend([
                Problem::LinkTwice { link },
                Problem::AddressTooLong { link, max: 2000 },
                Problem::AddressInvisible { link },
                Problem::AddressSpace { link },
                Problem::NotWeb { link },
                Problem::AddressCredentials { link },
                Problem::NoHost { link },
                Problem::NotHost { link, host: "exa_mple".into() },
                Problem::NotPort { link, port: "99999".into() },
                Problem::NotSecure { link },
            ]);
        }
        all.extend([
            Problem::NoCountry,
            Problem::UnknownCountry,
            Problem::NotOnEarth,
            Problem::TooManyLinks { max: 6 },
            Problem::NoOrganiser,
            Problem::TooManyOrganisers { max: 5 },
            Problem::NotEmail,
            Problem::EmailTwice,
            Problem::CodeOfConduct,
            Problem::NonCommercial,
            Problem::NoConsent,
            Problem::ConsentChanged,
            Problem::UnknownPlace,
            Problem::NotADistance,
            Problem::NoSignUpConsent,
            Problem::SignUpConsentChanged,
        ]);
        all
    }

    #[test]
    fn problems_travel_as_codes_with_their_values() {
        let problem = Problem::TooLong { subject: Subject::GroupName, max: 80 };
        let json = serde_json::to_string(&problem).unwrap();
        assert_eq!(json, r#"{"code":"too-long","subject":"group-name","max":80}"#);
        for problem in every_problem() {
            let json = serde_json::to_string(&problem).unwrap();
            assert_eq!(serde_json::from_str::<Problem>(&json).unwrap(), problem, "{json}");
        }
        let newer: Problem = serde_json::from_str(r#"{"code": "from-the-future", "n": 1}"#).unwrap();
        assert_eq!(newer, Problem::Other);
        assert_eq!(serde_json::to_string(&Problem::Said("x".into())).unwrap(), r#"{"code":"other"}"#);
        let without_its_value: Problem = serde_json::from_str(r#"{"code": "too-long", "subject": "city"}"#).unwrap();
        assert_eq!(without_its_value, Problem::Other);
        // A subject or link kind of a newer server's makes the problem unknown, not the answer.
        let newer: crate::answer::ErrorBody = serde_json::from_str(
            r#"{"error": "x", "fields": {"group.slug": "Taken."},
                "problems": {"group.slug": {"code": "empty", "subject": "from-the-future"}}}"#,
        )
        .unwrap();
        assert_eq!(newer.field_problems(), [("group.slug".to_owned(), Problem::Said("Taken.".into()))]);
        let link: Problem = serde_json::from_str(r#"{"code": "not-web", "link": "fediverse"}"#).unwrap();
        assert_eq!(link, Problem::Other);
        for (subject, slug) in Subject::SLUGS {
            assert_eq!(serde_json::to_string(&subject).unwrap(), format!("\"{slug}\""), "serde's name too");
        }
    }

    #[test]
    fn english_says_what_to_do() {
        let name = Problem::TooShort { subject: Subject::GroupName, min: 3 };
        assert_eq!(name.english(), "The group's name needs at least 3 characters.");
        let long = Problem::TooLong { subject: Subject::Description, max: 1000 };
        assert_eq!(long.english(), "The description can have at most 1,000 characters.");
        assert_eq!(Problem::Said("Taken.".into()).english(), "Taken.");
    }

    #[test]
    fn each_links_problem_names_it_and_offers_what_it_accepts() {
        let said = |kind: LinkKind, url: &str| Problem::of_address(kind, &check_link(kind, url).unwrap_err()).english();
        let calendar = said(LinkKind::Calendar, "ftp://example.org/cal.ics");
        assert!(calendar.starts_with("Calendar feed: ") && !calendar.contains("http://"), "{calendar}");
        let insecure = said(LinkKind::Calendar, "http://example.org/cal.ics");
        assert!(insecure.starts_with("Calendar feed: a calendar feed must start with https://"), "{insecure}");
        let website = said(LinkKind::Website, "example.org");
        let meetup = said(LinkKind::Meetup, "example.org");
        assert!(website.starts_with("Website: ") && meetup.starts_with("Meetup page: ") && website != meetup);
        assert_eq!(
            said(LinkKind::Chat, "https://exa_mple/"),
            "Chat: “exa_mple” is not a site's name such as example.org: check the address."
        );
    }

    #[test]
    fn every_problem_is_said_whole_in_every_language() {
        for &lang in Lang::ALL {
            let _speaking = Speaking::page(lang, false);
            for problem in every_problem() {
                let text = problem.text();
                assert!(!text.contains('{') && !text.trim().is_empty(), "{lang:?} {problem:?}: {text}");
                if lang != Lang::En && groups_i18n::catalogue::current().says(groups_i18n::Section::Problem) {
                    assert_ne!(text, problem.english(), "{lang:?} {problem:?}");
                }
            }
        }
    }

    #[test]
    fn counts_follow_each_languages_plural_rules() {
        let _russian = Speaking::page(Lang::Ru, false);
        if !groups_i18n::catalogue::current().says(groups_i18n::Section::Problem) {
            return;
        }
        let said = |max| Problem::TooLong { subject: Subject::GroupName, max }.text();
        let (one, few, many) = (said(21), said(3), said(80));
        assert!(one != few && few != many && one != many, "{one} / {few} / {many}");
        assert!(said(1000).contains("1\u{a0}000"), "{}", said(1000));
    }
}
