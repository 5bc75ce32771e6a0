//! `requests link` and `groups link`: a new private link for a request's or a listed group's
//! organisers, built from the site's canonical origin (the build's, never a request's `Host`).
//! The key is printed once and only its hash is kept; the link before stops working.

use std::path::Path;

use groups_core::organiser::Access;

use crate::{
    mail::compose::Letters,
    organiser::key::new_key,
    site_origin,
    store::{Decision, KeyHolder, Store},
    ServerError,
};

/// Issues the key and says the link.
/// With `letters` (mail is on), a request's organisers also get a link by mail (a key of its
/// own, issued as it is sent).
pub fn issue(
    store: &Store,
    holder: &KeyHolder,
    dist: &Path,
    decision: Decision,
    letters: Option<&Letters>,
) -> Result<String, ServerError> {
    let issued = new_key();
    let mail = match (letters, holder) {
        (Some(letters), KeyHolder::Request(id)) => match store.get(id)? {
            Some(request) => request
                .sent()
                .ok()
                .filter(|r| !r.organizers.is_empty())
                .map(|r| vec![letters.new_link(id, &r, request.lang)])
                .unwrap_or_default(),
            None => Vec::new(),
        },
        _ => Vec::new(),
    };
    let decision = decision.with_mail(mail);
    if !store.issue_key(holder, &issued.hash, &decision)? {
        return Err(match holder {
            KeyHolder::Request(id) => ServerError::NoSuchRequest(id.clone()),
            KeyHolder::Group(slug) => ServerError::Refused(format!(
                "no group with the slug `{slug}` is listed: `groups export` shows the directory"
            )),
        });
    }
    let subject = match holder {
        KeyHolder::Request(id) | KeyHolder::Group(id) => id.clone(),
    };
    let link = Access { subject, key: issued.key }.link(&site_origin(dist));
    Ok(format!(
        "{link}\nThe organisers' private link: send it to them and to no one else. Any link issued before for {} no longer works.\n",
        match holder {
            KeyHolder::Request(id) => id.clone(),
            KeyHolder::Group(slug) => groups_core::routes::group_href(slug),
        }
    ))
}
