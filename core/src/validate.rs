//! The one set of rules for a new-group request, run by the form as the visitor types and by
//! the inbox before it stores anything: the two can never disagree.
//!
//! Errors are keyed by [`Field`], whose `path()` names the member in the JSON body
//! (`group.name`, `organizers.1.email`): the inbox's 422 answers use those names and the form
//! maps them back onto its inputs.

use crate::{
    consent::Terms,
    links::{check_link, is_domain, Link, LinkKind},
    problem::{Problem, Subject},
    regions::country,
    request::{GroupDetails, GroupRequest},
    text,
};

pub use crate::limits::{
    CITY_MAX, DESCRIPTION_MAX, DESCRIPTION_MIN, EMAIL_MAX, NAME_MAX, NAME_MIN, ORGANIZERS_MAX, PERSON_NAME_MAX, URL_MAX,
};

/// A place in the request an error belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Country,
    City,
    Point,
    Name,
    Description,
    /// The list of links as a whole (too many).
    Links,
    LinkKind(usize),
    LinkUrl(usize),
    Organizers,
    OrganizerName(usize),
    OrganizerEmail(usize),
    CodeOfConduct,
    NonCommercial,
    Consent,
}

impl Field {
    /// The member's path in the request body, as used in error answers.
    pub fn path(self) -> String {
        match self {
            Field::Country => "group.country".into(),
            Field::City => "group.city".into(),
            Field::Point => "group.lat".into(),
            Field::Name => "group.name".into(),
            Field::Description => "group.description".into(),
            Field::Links => "group.links".into(),
            Field::LinkKind(i) => format!("group.links.{i}.kind"),
            Field::LinkUrl(i) => format!("group.links.{i}.url"),
            Field::Organizers => "organizers".into(),
            Field::OrganizerName(i) => format!("organizers.{i}.name"),
            Field::OrganizerEmail(i) => format!("organizers.{i}.email"),
            Field::CodeOfConduct => "agreements.code_of_conduct".into(),
            Field::NonCommercial => "agreements.non_commercial".into(),
            Field::Consent => "consent".into(),
        }
    }

    /// The group's part this field edits, in words ("the name"), for sentences that name what
    /// changed; a field of the organisers or the agreements is "the request".
    pub fn part(self) -> &'static str {
        match self {
            Field::Name => "the name",
            Field::City => "the city",
            Field::Country => "the country",
            Field::Point => "the place on the map",
            Field::Description => "the description",
            Field::Links | Field::LinkKind(_) | Field::LinkUrl(_) => "the links",
            _ => "the request",
        }
    }

    /// The field a path names; `None` for a path this version does not know.
    pub fn from_path(path: &str) -> Option<Field> {
        let fixed = [
            Field::Country,
            Field::City,
            Field::Name,
            Field::Description,
            Field::Links,
            Field::Organizers,
            Field::CodeOfConduct,
            Field::NonCommercial,
            Field::Consent,
        ];
        if let Some(field) = fixed.into_iter().find(|f| f.path() == path) {
            return Some(field);
        }
        if path == "group.lat" || path == "group.lon" {
            return Some(Field::Point);
        }
        let indexed = |prefix: &str, suffix: &str| -> Option<usize> {
            path.strip_prefix(prefix)?.strip_suffix(suffix)?.parse().ok()
        };
        indexed("group.links.", ".kind")
            .map(Field::LinkKind)
            .or_else(|| indexed("group.links.", ".url").map(Field::LinkUrl))
            .or_else(|| indexed("organizers.", ".name").map(Field::OrganizerName))
            .or_else(|| indexed("organizers.", ".email").map(Field::OrganizerEmail))
    }
}

/// Every problem found, in the order of the form (one per field: its first).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldErrors(pub Vec<(Field, Problem)>);

impl FieldErrors {
    pub fn get(&self, field: Field) -> Option<&Problem> {
        self.0.iter().find(|(f, _)| *f == field).map(|(_, p)| p)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub(crate) fn add(&mut self, field: Field, problem: Problem) {
        if self.get(field).is_none() {
            self.0.push((field, problem));
        }
    }
}

/// The one rule for a group's city, in a request, an organiser's edit and the directory alike:
/// optional (empty for a group of a whole country, as several listed groups are), and when
/// given, a visible text of at most [`CITY_MAX`] characters.
pub fn check_city(city: &str) -> Result<(), Problem> {
    if city.is_empty() {
        return Ok(());
    }
    text::check(city, 1, CITY_MAX, false).map_err(|e| e.problem(Subject::City))
}

/// The one rule for a group's links, in a request and an organiser's edit: at most one of
/// each kind, each a web address its kind accepts. More links than kinds are refused as a
/// whole, so a body of 1,500 links gets one problem, not 1,500.
pub(crate) fn check_links(links: &[Link], errors: &mut FieldErrors) {
    if links.len() > LinkKind::ALL.len() {
        errors.add(Field::Links, Problem::TooManyLinks { max: LinkKind::ALL.len() as u32 });
        return;
    }
    for (i, link) in links.iter().enumerate() {
        if links[..i].iter().any(|l| l.kind == link.kind) {
            errors.add(Field::LinkKind(i), Problem::LinkTwice { link: link.kind });
        }
        if let Err(problem) = check_link(link.kind, &link.url) {
            errors.add(Field::LinkUrl(i), Problem::of_address(link.kind, &problem));
        }
    }
}

/// Checks a request (normalise it first: see [`GroupRequest::normalized`]) against the rules
/// and the `terms` in force. The honeypot is not a rule: the inbox handles it so a bot cannot
/// learn it was caught.
pub fn validate(request: &GroupRequest, terms: Terms) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::default();
    check_group(&request.group, &mut errors);

    if request.organizers.is_empty() {
        errors.add(Field::Organizers, Problem::NoOrganiser);
    } else if request.organizers.len() > ORGANIZERS_MAX {
        errors.add(Field::Organizers, Problem::TooManyOrganisers { max: ORGANIZERS_MAX as u32 });
    }
    for (i, organizer) in request.organizers.iter().enumerate().take(ORGANIZERS_MAX) {
        if let Err(error) = text::check(&organizer.name, 1, PERSON_NAME_MAX, false) {
            errors.add(Field::OrganizerName(i), error.problem(Subject::OrganiserName));
        }
        if organizer.email.is_empty() {
            errors.add(Field::OrganizerEmail(i), Problem::Empty { subject: Subject::OrganiserEmail });
        } else if !is_email(&organizer.email) {
            errors.add(Field::OrganizerEmail(i), Problem::NotEmail);
        } else if request.organizers[..i].iter().any(|o| o.email.eq_ignore_ascii_case(&organizer.email)) {
            errors.add(Field::OrganizerEmail(i), Problem::EmailTwice);
        }
    }

    if !request.agreements.code_of_conduct {
        errors.add(Field::CodeOfConduct, Problem::CodeOfConduct);
    }
    if !request.agreements.non_commercial {
        errors.add(Field::NonCommercial, Problem::NonCommercial);
    }
    match &request.consent {
        None => errors.add(Field::Consent, Problem::NoConsent),
        Some(consent) if !terms.accepts(consent) => errors.add(Field::Consent, Problem::ConsentChanged),
        Some(_) => {}
    }

    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Checks the group's part of a request (normalised) alone: what its organiser may change
/// while the request waits (`request_edit`).
pub fn validate_group(group: &GroupDetails) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::default();
    check_group(group, &mut errors);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

fn check_group(g: &GroupDetails, errors: &mut FieldErrors) {
    if g.country.is_empty() {
        errors.add(Field::Country, Problem::NoCountry);
    } else if country(&g.country).is_none() {
        errors.add(Field::Country, Problem::UnknownCountry);
    }
    if let Err(problem) = check_city(&g.city) {
        errors.add(Field::City, problem);
    }
    match (g.lat, g.lon) {
        (None, None) => {}
        (Some(lat), Some(lon)) if crate::geo::is_on_earth(lat, lon) => {}
        _ => errors.add(Field::Point, Problem::NotOnEarth),
    }
    if let Err(error) = text::check(&g.name, NAME_MIN, NAME_MAX, false) {
        errors.add(Field::Name, error.problem(Subject::GroupName));
    }
    if let Err(error) = text::check(&g.description, DESCRIPTION_MIN, DESCRIPTION_MAX, true) {
        errors.add(Field::Description, error.problem(Subject::Description));
    }
    check_links(&g.links, errors);
}

/// A plausible address: `local@domain.tld`, no spaces, within the lengths mail allows.
/// Whether it exists is for the staff's first email to find out.
pub fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.rsplit_once('@') else {
        return false;
    };
    value.len() <= EMAIL_MAX
        && !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && !text::has_invisible(value)
        && !local.chars().any(|c| {
            c.is_whitespace()
                || c.is_control()
                || matches!(c, '@' | '<' | '>' | '(' | ')' | ',' | ';' | ':' | '"' | '[' | ']' | '\\')
        })
        && is_domain(domain)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::fixtures::TERMS;
    use crate::{links::Link, request::Organizer};

    fn valid() -> GroupRequest {
        crate::fixtures::valid_request()
    }

    fn errors_of(request: &GroupRequest) -> Vec<Field> {
        validate(request, TERMS).err().map(|e| e.0.into_iter().map(|(f, _)| f).collect()).unwrap_or_default()
    }

    fn only_error(mutate: impl FnOnce(&mut GroupRequest)) -> Option<Field> {
        let mut request = valid();
        mutate(&mut request);
        let fields = errors_of(&request);
        assert!(fields.len() <= 1, "{fields:?}");
        fields.first().copied()
    }

    #[test]
    fn a_complete_request_passes() {
        assert_eq!(validate(&valid(), TERMS), Ok(()));
        let mut bare = valid();
        bare.group.lat = None;
        bare.group.lon = None;
        bare.group.links.clear();
        assert_eq!(validate(&bare, TERMS), Ok(()));
    }

    #[test]
    fn texts_at_and_beyond_their_bounds() {
        let n = |k: usize| "é".repeat(k);
        assert_eq!(only_error(|r| r.group.name = n(NAME_MIN)), None);
        assert_eq!(only_error(|r| r.group.name = n(NAME_MAX)), None, "characters, not bytes");
        assert_eq!(only_error(|r| r.group.name = n(NAME_MIN - 1)), Some(Field::Name));
        assert_eq!(only_error(|r| r.group.name = n(NAME_MAX + 1)), Some(Field::Name));
        assert_eq!(only_error(|r| r.group.name = String::new()), Some(Field::Name));
        assert_eq!(only_error(|r| r.group.name = "   \t ".into()), Some(Field::Name));
        assert_eq!(only_error(|r| r.group.name = "Open\u{7}Stack".into()), Some(Field::Name));
        assert_eq!(only_error(|r| r.group.city = String::new()), None, "a group of a whole country");
        assert_eq!(only_error(|r| r.group.city = "\u{200b}".into()), Some(Field::City));
        assert_eq!(only_error(|r| r.group.city = "x".into()), None);
        assert_eq!(only_error(|r| r.group.city = "x".repeat(CITY_MAX + 1)), Some(Field::City));
        assert_eq!(only_error(|r| r.group.city = "北京".into()), None);
        assert_eq!(only_error(|r| r.group.description = "x".repeat(DESCRIPTION_MIN - 1)), Some(Field::Description));
        assert_eq!(only_error(|r| r.group.description = "x".repeat(DESCRIPTION_MIN)), None);
        assert_eq!(only_error(|r| r.group.description = "x".repeat(DESCRIPTION_MAX)), None);
        assert_eq!(only_error(|r| r.group.description = "x".repeat(DESCRIPTION_MAX + 1)), Some(Field::Description));
        assert_eq!(only_error(|r| r.group.description = "Line one of the group.\nLine two of it.".into()), None);
        assert_eq!(
            only_error(|r| r.organizers[0].name = "x".repeat(PERSON_NAME_MAX + 1)),
            Some(Field::OrganizerName(0))
        );
        assert_eq!(only_error(|r| r.organizers[0].name = " ".into()), Some(Field::OrganizerName(0)));
    }

    #[test]
    fn messages_say_what_to_do() {
        let mut request = valid();
        request.group.name = String::new();
        request.group.description = "short".into();
        let errors = validate(&request, TERMS).unwrap_err();
        assert_eq!(errors.get(Field::Name), Some(&Problem::Empty { subject: Subject::GroupName }));
        assert_eq!(errors.get(Field::Name).unwrap().english(), "Enter the group's name.");
        assert_eq!(errors.get(Field::Description).unwrap().english(), "The description needs at least 20 characters.");
    }

    #[test]
    fn emails_with_and_without_a_dot() {
        for good in ["a@b.co", "first.last+tag@example.org", "名前@例え.jp", "x@sub.domain.example"] {
            assert!(is_email(good), "{good}");
        }
        for bad in [
            "",
            "a@b",
            "a@localhost",
            "ab.example.org",
            "a b@example.org",
            "a@exa mple.org",
            "@example.org",
            "a@",
            "a@.org",
            "a@example.",
            "a..b@example.org",
            ".a@example.org",
            "a@-x.org",
            "a@1.2",
            "a@@example.org",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
        assert!(!is_email(&format!("{}@example.org", "a".repeat(65))));
        assert!(!is_email(&format!("a@{}.org", "b".repeat(250))));
        assert_eq!(only_error(|r| r.organizers[0].email = "grace@example".into()), Some(Field::OrganizerEmail(0)));
        assert_eq!(only_error(|r| r.organizers[0].email = String::new()), Some(Field::OrganizerEmail(0)));
    }

    #[test]
    fn one_to_five_organisers_with_distinct_emails() {
        let person = |i: usize| Organizer { name: format!("Person {i}"), email: format!("p{i}@example.org") };
        assert_eq!(only_error(|r| r.organizers.clear()), Some(Field::Organizers));
        assert_eq!(only_error(|r| r.organizers = (0..ORGANIZERS_MAX).map(person).collect()), None);
        assert_eq!(
            only_error(|r| r.organizers = (0..ORGANIZERS_MAX + 1).map(person).collect()),
            Some(Field::Organizers)
        );
        assert_eq!(
            only_error(
                |r| r.organizers = vec![person(1), Organizer { name: "Other".into(), email: "P1@example.org".into() }]
            ),
            Some(Field::OrganizerEmail(1))
        );
    }

    #[test]
    fn links_must_be_web_addresses_one_of_each_kind() {
        let link = |kind: LinkKind, url: &str| Link { kind, url: url.into() };
        for good in [
            "https://example.org",
            "http://example.org/a?b=c#d",
            "HTTPS://Example.org:8443/path",
            "https://münchen.de/gruppe",
        ] {
            assert_eq!(only_error(|r| r.group.links = vec![link(LinkKind::Meetup, good)]), None, "{good}");
        }
        for bad in [
            "",
            "example.org",
            "ftp://example.org",
            "javascript:alert(1)",
            "https://",
            "https://localhost/",
            "https://a b.org",
            "https://user@example.org",
            "https://example.org:0",
            "https://example.org:99999",
            "https://exa mple.org",
            "https://example.org/\u{200b}",
        ] {
            assert_eq!(
                only_error(|r| r.group.links = vec![link(LinkKind::Website, bad)]),
                Some(Field::LinkUrl(0)),
                "{bad:?}"
            );
        }
        let long = format!("https://example.org/{}", "a".repeat(URL_MAX));
        assert_eq!(only_error(|r| r.group.links = vec![link(LinkKind::Website, &long)]), Some(Field::LinkUrl(0)));
        assert_eq!(
            only_error(|r| r.group.links =
                vec![link(LinkKind::Chat, "https://a.example.org"), link(LinkKind::Chat, "https://b.example.org")]),
            Some(Field::LinkKind(1))
        );
        let every_kind: Vec<Link> = LinkKind::ALL.into_iter().map(|k| link(k, "https://example.org")).collect();
        assert_eq!(only_error(|r| r.group.links = every_kind), None);
    }

    #[test]
    fn a_flood_of_links_is_one_error() {
        let mut request = valid();
        request.group.links = (0..1500).map(|_| Link { kind: LinkKind::Website, url: "x".into() }).collect();
        let errors = validate(&request, TERMS).unwrap_err();
        assert_eq!(errors.0.len(), 1, "{errors:?}");
        assert_eq!(errors.get(Field::Links).unwrap().english(), "Give at most 6 links, one of each kind.");
    }

    #[test]
    fn invisible_characters_are_refused_on_every_text() {
        assert_eq!(only_error(|r| r.group.name = "\u{200b}\u{200b}\u{200b}".into()), Some(Field::Name));
        assert_eq!(only_error(|r| r.group.name = "OpenStack \u{202e}Leipzig".into()), Some(Field::Name));
        assert_eq!(only_error(|r| r.group.city = "Leip\u{200b}zig".into()), Some(Field::City));
        assert_eq!(
            only_error(|r| r.group.description = "Monthly meetups\u{2029}about OpenStack.".into()),
            Some(Field::Description)
        );
        assert_eq!(only_error(|r| r.organizers[0].name = "Ada\u{2066}".into()), Some(Field::OrganizerName(0)));
        assert_eq!(
            only_error(|r| r.organizers[0].email = "ada\u{200b}@example.org".into()),
            Some(Field::OrganizerEmail(0))
        );
        assert_eq!(only_error(|r| r.group.name = "OpenStack 👩‍💻 Leipzig".into()), None);
        let mut request = valid();
        request.group.name = "Open\u{202e}Stack".into();
        assert!(validate(&request, TERMS)
            .unwrap_err()
            .get(Field::Name)
            .unwrap()
            .english()
            .contains("invisible formatting character"));
    }

    #[test]
    fn coordinates_and_countries() {
        for (lat, lon) in [(Some(90.0), Some(180.0)), (Some(-90.0), Some(-180.0))] {
            assert_eq!(only_error(|r| (r.group.lat, r.group.lon) = (lat, lon)), None);
        }
        for (lat, lon) in [
            (Some(90.1), Some(0.0)),
            (Some(0.0), Some(-180.5)),
            (Some(f64::NAN), Some(0.0)),
            (Some(1.0), None),
            (None, Some(1.0)),
        ] {
            assert_eq!(only_error(|r| (r.group.lat, r.group.lon) = (lat, lon)), Some(Field::Point), "{lat:?} {lon:?}");
        }
        assert_eq!(only_error(|r| r.group.country = "XX".into()), Some(Field::Country));
        assert_eq!(only_error(|r| r.group.country = String::new()), Some(Field::Country));
        assert_eq!(only_error(|r| r.group.country = "DE".into()), None);
    }

    #[test]
    fn agreements_and_consent_are_required() {
        assert_eq!(only_error(|r| r.agreements.code_of_conduct = false), Some(Field::CodeOfConduct));
        assert_eq!(only_error(|r| r.agreements.non_commercial = false), Some(Field::NonCommercial));
        assert_eq!(only_error(|r| r.consent = None), Some(Field::Consent));
        assert_eq!(only_error(|r| r.consent.as_mut().unwrap().text_sha256 = "0".repeat(64)), Some(Field::Consent));
        assert_eq!(
            only_error(|r| r.consent.as_mut().unwrap().privacy_policy_version = "2020-01-01".into()),
            Some(Field::Consent)
        );
    }

    #[test]
    fn errors_follow_the_form_order() {
        let empty = GroupRequest {
            group: crate::request::GroupDetails { city: "\u{200b}".into(), ..Default::default() },
            ..Default::default()
        };
        let fields = errors_of(&empty);
        assert_eq!(
            fields,
            [
                Field::Country,
                Field::City,
                Field::Name,
                Field::Description,
                Field::Organizers,
                Field::CodeOfConduct,
                Field::NonCommercial,
                Field::Consent
            ]
        );
    }

    #[test]
    fn paths_round_trip() {
        let all = [
            Field::Country,
            Field::City,
            Field::Point,
            Field::Name,
            Field::Description,
            Field::Links,
            Field::LinkKind(2),
            Field::LinkUrl(0),
            Field::Organizers,
            Field::OrganizerName(4),
            Field::OrganizerEmail(1),
            Field::CodeOfConduct,
            Field::NonCommercial,
            Field::Consent,
        ];
        for field in all {
            assert_eq!(Field::from_path(&field.path()), Some(field));
        }
        assert_eq!(Field::from_path("group.lon"), Some(Field::Point));
        assert_eq!(Field::from_path("organizers.x.name"), None);
        assert_eq!(Field::from_path("nonsense"), None);
    }

    proptest::proptest! {
        /// Whatever is typed, validation answers (never panics), and trimming never turns a
        /// passing request into a failing one.
        #[test]
        fn any_text_gets_an_answer(name in "\\PC{0,120}", email in "\\PC{0,40}", url in "\\PC{0,40}") {
            let mut request = valid();
            request.group.name = name;
            request.organizers[0].email = email;
            request.group.links[0].url = url;
            let _ = validate(&request, TERMS);
            if validate(&request, TERMS).is_ok() {
                proptest::prop_assert!(validate(&request.normalized(), TERMS).is_ok());
            }
        }
    }
}
