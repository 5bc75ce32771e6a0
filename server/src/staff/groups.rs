//! The directory's own staff commands: `groups import FILE [--dry-run]` (a whole
//! `groups.json`, checked by the same rules as everywhere, refused with every problem named),
//! `groups export`, `groups history SLUG` and `groups revert SLUG CHANGE`. Every change is in
//! the group's history with who made it.

use std::{fmt::Write as _, path::Path};

use groups_core::{
    directory::{self, GroupRecord},
    routes::group_href,
    text::escape_invisible,
};

use crate::{
    store::{Decision, DirectoryDiff, GroupChange, Store},
    ServerError,
};

/// Makes the directory the file at `file`; with `dry_run` only says what would change.
pub fn import(store: &Store, file: &Path, decision: &Decision, dry_run: bool) -> Result<String, ServerError> {
    let text =
        std::fs::read_to_string(file).map_err(|source| ServerError::Read { path: file.to_path_buf(), source })?;
    let read = directory::read(&text)
        .map_err(|e| ServerError::Refused(format!("{}: {e}. Nothing changed.", file.display())))?;
    if !read.skipped.is_empty() {
        let mut said = format!("{} breaks the directory's rules; nothing changed:\n", file.display());
        for skipped in &read.skipped {
            let _ = writeln!(said, "  {}", escape_invisible(&skipped.to_string()));
        }
        return Err(ServerError::Refused(said.trim_end().to_owned()));
    }
    let diff = store.import_directory(&read.groups, decision, dry_run)?;
    Ok(describe(&diff, dry_run))
}

fn describe(diff: &DirectoryDiff, dry_run: bool) -> String {
    if diff.is_empty() {
        return "The file is the directory as it is: nothing to change.\n".to_owned();
    }
    let name = |g: &GroupRecord| format!("{} ({})", escape_invisible(&g.name), g.slug);
    let mut said = String::new();
    for group in &diff.added {
        let _ = writeln!(said, "add     {}", name(group));
    }
    for (before, after) in &diff.changed {
        let _ = writeln!(said, "change  {}: {}", name(after), changed_fields(before, after).join(", "));
    }
    for group in &diff.removed {
        let _ = writeln!(said, "remove  {}", name(group));
    }
    let (a, c, r) = (diff.added.len(), diff.changed.len(), diff.removed.len());
    let _ = writeln!(said, "{} {a} added, {c} changed, {r} removed.", if dry_run { "Would make:" } else { "Done:" });
    said
}

/// The members of a record that differ.
fn changed_fields(before: &GroupRecord, after: &GroupRecord) -> Vec<&'static str> {
    let mut fields = Vec::new();
    let mut differs = |name: &'static str, same: bool| {
        if !same {
            fields.push(name);
        }
    };
    differs("name", before.name == after.name);
    differs("city", before.city == after.city);
    differs("country", before.country.code == after.country.code);
    differs("place", before.lat == after.lat && before.lon == after.lon);
    differs("status", before.status == after.status);
    differs("links", before.links == after.links);
    differs("description", before.description == after.description);
    differs("checked", before.checked == after.checked);
    fields
}

/// The directory as `groups.json`, as the server publishes it.
pub fn export(store: &Store) -> Result<String, ServerError> {
    Ok(directory::write(&store.groups()?))
}

/// Every change of the group `slug`, oldest first, each with its number.
pub fn history(store: &Store, slug: &str) -> Result<String, ServerError> {
    let changes = store.group_history(slug)?;
    if changes.is_empty() {
        return Err(ServerError::Refused(format!("no group has ever had the slug `{slug}`")));
    }
    Ok(changes.iter().map(line).collect())
}

fn line(change: &GroupChange) -> String {
    let what = match (&change.before, &change.after) {
        (None, Some(_)) => "listed".to_owned(),
        (Some(_), None) => "taken off".to_owned(),
        (Some(before), Some(after)) => changed_fields(before, after).join(", "),
        (None, None) => String::new(),
    };
    let note = change.note.as_deref().map(|n| format!(" ({})", escape_invisible(n))).unwrap_or_default();
    format!(
        "{:>5}  {}  {:<9} {:<24} by {}{note}\n",
        change.seq,
        change.at,
        change.action.slug(),
        what,
        escape_invisible(&change.by)
    )
}

/// Undoes the change `seq` of the group `slug`.
pub fn revert(store: &Store, slug: &str, seq: i64, decision: &Decision) -> Result<String, ServerError> {
    let undone = store.revert_change(slug, seq, decision)?.map_err(ServerError::Refused)?;
    let now = match &undone.after {
        Some(_) => format!("{} is as it was before change {seq}", group_href(slug)),
        None => format!("{} is off the directory again, as before change {seq}", group_href(slug)),
    };
    Ok(format!("{now} (change {} by {}).\n", undone.seq, decision.by))
}
