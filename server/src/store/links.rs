//! Issuing an organisers' link: a new key for a request or for a listed group that came
//! without one, every key before revoked, recorded in its history and told of by mail. The top
//! of the store's layers: it reads requests and the directory.

use super::{
    groups::group_in,
    history::{record_change, GroupAction},
    keys::{issue_in, put_in, revoke_in, Channel},
    outbox::queue_in,
    requests::request_in,
    Decision, Store, StoreError,
};

/// Whose key a new one is: a request (by its reference) or a listed group (by its slug).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyHolder {
    Request(String),
    Group(String),
}

impl Store {
    /// Issues a new key for a request or a listed group (storing `hash`), revoking every one
    /// before, and records it in the history. `false` when there is no such request or group.
    pub fn issue_key(&self, holder: &KeyHolder, hash: &str, decision: &Decision) -> Result<bool, StoreError> {
        self.write(|tx| match holder {
            KeyHolder::Request(id) => {
                if request_in(tx, id)?.is_none() {
                    return Ok(false);
                }
                revoke_in(tx, id)?;
                issue_in(tx, id, hash, decision)?;
                for mail in &decision.mail {
                    queue_in(tx, mail, decision.at)?;
                }
                Ok(true)
            }
            KeyHolder::Group(slug) => {
                let Some(record) = group_in(tx, slug)? else { return Ok(false) };
                revoke_in(tx, slug)?;
                put_in(tx, slug, Channel::Page, hash, decision)?;
                record_change(tx, slug, GroupAction::KeyIssued, decision, Some(&record), Some(&record))?;
                Ok(true)
            }
        })
    }
}
