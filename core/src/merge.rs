//! Three-way merge of a save made from a page that may be out of date: what the person wants
//! (`mine`), what their page showed before they edited (`base`) and what is saved now
//! (`current`: another tab, a co-organiser or staff may have saved since). Each part they
//! changed is taken from them, every other from `current`, so a save never undoes one made
//! meanwhile; a part changed both ways differently is a conflict, named by its field, and
//! nothing is saved. Used by the organiser's edit of a listed group and of a pending request.

use crate::validate::Field;

/// Collects the parts of one merge and the conflicts found among them.
#[derive(Debug, Default)]
pub struct ThreeWay {
    conflicts: Vec<Field>,
}

impl ThreeWay {
    pub fn new() -> ThreeWay {
        ThreeWay::default()
    }

    /// The merged value of one part, named `field` if it conflicts.
    pub fn part<T: PartialEq + Clone>(&mut self, field: Field, mine: &T, base: &T, current: &T) -> T {
        let changed_here = mine != base;
        let changed_there = current != base;
        if changed_here && changed_there && mine != current {
            self.conflicts.push(field);
        }
        if changed_here {
            mine.clone()
        } else {
            current.clone()
        }
    }

    /// `merged`, unless a part conflicted: then the fields that did.
    pub fn finish<T>(self, merged: T) -> Result<T, Vec<Field>> {
        if self.conflicts.is_empty() {
            Ok(merged)
        } else {
            Err(self.conflicts)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_changed_on_one_side_only_is_taken_from_that_side() {
        let mut merge = ThreeWay::new();
        assert_eq!(merge.part(Field::Name, &"mine", &"base", &"base"), "mine");
        assert_eq!(merge.part(Field::City, &"base", &"base", &"theirs"), "theirs");
        assert_eq!(merge.part(Field::Description, &"same", &"base", &"same"), "same");
        assert_eq!(merge.finish(1), Ok(1));
    }

    #[test]
    fn a_part_changed_on_both_sides_differently_is_named_and_nothing_is_merged() {
        let mut merge = ThreeWay::new();
        merge.part(Field::Name, &"mine", &"base", &"theirs");
        merge.part(Field::City, &"mine", &"base", &"base");
        merge.part(Field::Links, &1, &0, &2);
        assert_eq!(merge.finish(()), Err(vec![Field::Name, Field::Links]));
    }
}
