//! The directory and the meetings near a place, for readers without JavaScript. Their form
//! sends what the visitor typed (`find=Leipzig`); the server takes the place it means with the
//! places index (`Index::best`, under the rule the app applies to Enter: a place named whole,
//! or any place when the words find no group) and answers with the page's own address for it,
//! `near=<id>` (303), so the result can be reloaded and shared like the app's. Distances are
//! `groups_core::near`'s, the app's. Where no group is near, the answer carries the sign-up
//! for news of one starting there (`interest::form`), as the app's does.

use std::fmt::Write as _;

use groups_core::{
    directory::GroupRecord,
    filter::{finds_any, search_key, Filter},
    html::escape,
    interest::offered_radius,
    near::{self, Origin, Radius},
    places::{Place, PlaceKind},
    regions::country,
};
use groups_i18n::{catalogue::fill, t, tf, Msg};
use groups_places::{Index, PlaceId};

/// The name of the no-JavaScript forms' search field: never part of a page's own address.
pub const FIND: &str = "find";

/// What the no-JavaScript form's search field sent, when the query has it.
pub fn find_text(query: &str) -> Option<String> {
    url::form_urlencoded::parse(query.as_bytes()).find(|(key, _)| key == FIND).map(|(_, value)| value.into_owned())
}

/// Where a search for `text` leads from the page with `filter`: near the place it means (a
/// country's: that country chosen), or, when it means none, the words searched in groups'
/// names (`groups` searched: the directory; `None`: the meetings, which have no such search,
/// and `Err` says no place was found).
pub fn searched(
    mut filter: Filter,
    text: &str,
    index: Option<&Index>,
    groups: Option<&[GroupRecord]>,
) -> Result<Filter, String> {
    let text = text.trim();
    filter.near = None;
    filter.query = String::new();
    if text.is_empty() {
        return Ok(filter);
    }
    let finds_groups = groups.is_some_and(|groups| {
        let keys: Vec<String> = groups.iter().map(search_key).collect();
        finds_any(text, groups, &keys)
    });
    let place = index.and_then(|index| index.best(text)).filter(|p| p.is_meant_by(text, finds_groups));
    match place {
        Some(place) if place.kind == PlaceKind::Country => {
            let chosen = country(&place.country);
            filter.country = chosen.map(|c| c.code);
            filter.region = chosen.map(|c| c.region).or(filter.region);
        }
        Some(place) => filter.near = Some(place.id),
        None if groups.is_some() => filter.query = text.to_owned(),
        None => return Err(text.to_owned()),
    }
    Ok(filter)
}

/// The place of the address's `near`, when the index has it.
pub fn place_of(filter: &Filter, index: Option<&Index>) -> Option<Place> {
    let id: PlaceId = filter.near.as_deref()?.parse().ok()?;
    index?.get(id)
}

/// The search field (`label`, `hint`), its value the place chosen or the words searched, and
/// the radius.
pub fn fields(html: &mut String, label: &str, value: &str, hint: &str, radius: Radius) {
    let _ = write!(
        html,
        "<div class=\"field\"><label for=\"nojs-find\">{}</label><p class=\"hint\" id=\"nojs-find-hint\">{}</p>\
         <input id=\"nojs-find\" name=\"{FIND}\" type=\"search\" dir=\"auto\" value=\"{}\" aria-describedby=\"nojs-find-hint\"></div>",
        escape(label),
        escape(hint),
        escape(value)
    );
    let _ = write!(
        html,
        "<div class=\"field\"><label for=\"nojs-radius\">{}</label><select id=\"nojs-radius\" name=\"radius\">",
        escape(t(Msg::PlaceDistance))
    );
    for option in Radius::ALL {
        let value = if option == Radius::Any { "" } else { option.slug() };
        let selected = if option == radius { " selected" } else { "" };
        let _ = write!(html, "<option value=\"{value}\"{selected}>{}</option>", escape(&option.name()));
    }
    html.push_str("</select></div>");
}

/// The groups `shown` (by the other filters) near `place`: those within the radius nearest
/// first, or the nearest few when none is near; and, when none is near or only the whole
/// country's group is (`near::wanting_line`), that line, the way to start a group there and
/// the sign-up for news of one.
pub fn listed(filter: &Filter, place: &Place, groups: &[GroupRecord], shown: &[usize]) -> (near::Listed, String) {
    let origin = Origin::of(place);
    let listed = near::listed(near::order(groups, shown, &origin), filter.radius);
    let mut said = String::new();
    if let Some(line) = near::wanting_line(&listed, groups, filter.radius, filter.scope(), &place.name) {
        let link = format!(
            "<a href=\"{}\">{}</a>",
            escape(&near::start_href(&place.id)),
            escape(&tf(Msg::DirectoryStartIn, &[("place", &place.name)]))
        );
        let _ = write!(
            said,
            "<div class=\"none-near\"><p>{}</p><p>{}</p>{}</div>",
            escape(&line),
            fill(&escape(t(Msg::DirectoryStartInForm)), &[("link", &link)]),
            // The sign-up for news of a group starting there, as a plain form.
            crate::interest::form::form_html(place, offered_radius(filter.radius), &Default::default(), &[]),
        );
    }
    (listed, said)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn groups() -> Vec<GroupRecord> {
        let text = r#"{"version": 1, "groups": [
            {"slug": "berlin", "name": "OpenStack Berlin", "city": "Berlin", "country": "DE", "lat": 52.52, "lon": 13.405, "status": "official"},
            {"slug": "hungary", "name": "Hungary", "country": "HU", "lat": 47.16, "lon": 19.5, "status": "official"}
        ]}"#;
        groups_core::directory::read(text).unwrap().groups
    }

    #[test]
    fn the_forms_text_is_read_from_the_query() {
        assert_eq!(find_text("region=europe&find=Leipzig%2C+Germany").as_deref(), Some("Leipzig, Germany"));
        assert_eq!(find_text("find=").as_deref(), Some(""));
        assert_eq!(find_text("q=Leipzig"), None, "the app's own search is not the form's");
    }

    #[test]
    fn a_text_is_a_place_a_country_or_words_searched() {
        let index = groups_places::fixtures::index();
        let groups = groups();
        let europe = Filter { region: Some(groups_core::regions::Region::Europe), ..Filter::default() };
        let search = |text: &str| searched(europe.clone(), text, Some(&index), Some(&groups)).unwrap();
        let leipzig = search("leipzig");
        assert!(leipzig.near.is_some() && leipzig.query.is_empty(), "{leipzig:?}");
        assert_eq!(leipzig.region, europe.region, "the other filters stay");
        assert!(search("Berlin").near.is_some(), "a place named whole, though a group is found by it");
        assert_eq!(search("OpenStack").query, "OpenStack", "words that find groups");
        let hungary = search("Hungary");
        assert_eq!((hungary.country, hungary.near), (Some("HU"), None), "a country is the country filter");
        assert_eq!(search("  "), europe);
        // Without an index, words are searched; the meetings say no place was found.
        assert_eq!(searched(europe.clone(), "Leipzig", None, Some(&groups)).unwrap().query, "Leipzig");
        assert_eq!(searched(europe.clone(), "Atlantis", Some(&index), None), Err("Atlantis".to_owned()));
        assert!(searched(europe, "budapset", Some(&index), None).unwrap().near.is_some(), "a typo is forgiven");
    }

    #[test]
    fn the_list_near_a_place_says_when_none_is_near() {
        let index = groups_places::fixtures::index();
        let groups = groups();
        let budapest = index.best("Budapest").unwrap();
        let filter = Filter { near: Some(budapest.id.clone()), radius: Radius::Km50, ..Filter::default() };
        let (listed, said) = listed(&filter, &budapest, &groups, &[0, 1]);
        assert_eq!(listed.groups.first().map(|(i, _)| groups[*i].slug.as_str()), Some("hungary"));
        // Only the whole country's group is near: a group in Budapest may still start, and
        // its news be asked for.
        assert!(!listed.none_near);
        assert!(
            said.contains("Only the group for all of Hungary meets near Budapest: none within 50 km of it yet."),
            "{said}"
        );
        assert!(said.contains("Start a group in Budapest") && said.contains("<form"), "{said}");
        let berlin = index.best("Berlin").unwrap();
        let (listed, said) = self::listed(&filter, &berlin, &groups, &[0, 1]);
        assert!(!listed.none_near && listed.country_wide_only.is_none() && said.is_empty(), "a group is near: {said}");
        let boston = index.best("Boston, MA").unwrap();
        let (listed, said) = self::listed(&filter, &boston, &groups, &[0, 1]);
        assert!(listed.none_near);
        assert!(said.contains("No group within 50 km of Boston yet."), "{said}");
        assert!(
            said.contains(&format!("<a href=\"/new-group?near={}\">Start a group in Boston</a>", boston.id)),
            "{said}"
        );
    }
}
