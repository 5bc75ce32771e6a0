//! The loaded directory: the groups of `groups.json` (records checked by
//! `groups_core::directory`, the rules the server applies too) in directory order, each with
//! its search text folded once at load.

pub use groups_core::{
    directory::{FileError, GroupRecord as Group, Read, Skipped, Status},
    links::LinkKind,
};

use groups_core::filter::search_key;

/// The groups in display order with their search keys, ready to filter.
#[derive(Debug, Default)]
pub struct Directory {
    pub groups: Vec<Group>,
    /// `keys[i]` is the folded search text of `groups[i]`.
    pub keys: Vec<String>,
}

impl Directory {
    pub fn new(groups: Vec<Group>) -> Self {
        let keys = groups.iter().map(search_key).collect();
        Directory { groups, keys }
    }

    /// Reads `groups.json`: the directory of its good records, and those skipped with why.
    pub fn read(text: &str) -> Result<(Directory, Vec<Skipped>), FileError> {
        let Read { groups, skipped } = groups_core::directory::read(text)?;
        Ok((Directory::new(groups), skipped))
    }

    /// The position of the group with `slug` in `groups`.
    pub fn index_of(&self, slug: &str) -> Option<usize> {
        self.groups.iter().position(|g| g.slug == slug)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use groups_core::regions::Region;

    use super::*;

    const SHIPPED: &str = include_str!("../../public/groups.json");

    #[test]
    fn the_shipped_directory_is_clean_and_covers_every_region() {
        let (directory, skipped) = Directory::read(SHIPPED).unwrap();
        assert!(skipped.is_empty(), "{skipped:?}");
        assert!(directory.groups.len() >= 80, "{} groups", directory.groups.len());
        for region in Region::ALL {
            assert!(directory.groups.iter().any(|g| g.region() == region), "no group in {region}");
        }
        assert_eq!(directory.index_of(&directory.groups[3].slug), Some(3));
    }

    #[test]
    fn every_link_of_the_shipped_directory_is_one_the_form_and_inbox_accept() {
        let (directory, _) = Directory::read(SHIPPED).unwrap();
        let mut checked = 0;
        for group in &directory.groups {
            for link in &group.links {
                let mut request = groups_core::fixtures::valid_request_for(crate::request::TERMS);
                request.group.links = vec![link.clone()];
                assert_eq!(
                    groups_core::validate::validate(&request, crate::request::TERMS),
                    Ok(()),
                    "{}: {}",
                    group.slug,
                    link.url
                );
                checked += 1;
            }
        }
        assert!(checked > 100, "{checked} links");
    }

    #[test]
    fn the_shipped_directory_holds_no_personal_data() {
        assert!(!SHIPPED.contains('@'), "an email address in groups.json");
    }
}
