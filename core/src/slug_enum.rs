//! Enums whose every variant has a slug (its name in JSON, URLs and the database) and a label
//! for people, declared as one table each: `ALL`, `slug()`, `label()`, `from_slug()` and the
//! serde names all come from it, so they cannot disagree.

/// Declares such an enum: `Variant = ("slug", "Label")` per variant. The enum derives serde's
/// traits with each variant renamed to its slug. (The strings are taken as token trees, not
/// `literal` fragments: other derives, utoipa's among them, do not see through the invisible
/// group a `literal` fragment is wrapped in, and would ignore the renames.)
#[macro_export]
macro_rules! slug_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = ($slug:tt, $label:tt) ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(::serde::Serialize, ::serde::Deserialize)]
        $vis enum $name {
            $( $(#[$vmeta])* #[serde(rename = $slug)] $variant ),+
        }

        impl $name {
            /// Every variant, in the order declared.
            pub const ALL: [$name; [$($slug),+].len()] = [$($name::$variant),+];

            /// The name in JSON, URLs and the database.
            pub fn slug(self) -> &'static str {
                match self {
                    $( $name::$variant => $slug ),+
                }
            }

            /// The name for people.
            pub fn label(self) -> &'static str {
                match self {
                    $( $name::$variant => $label ),+
                }
            }

            pub fn from_slug(slug: &str) -> Option<$name> {
                $name::ALL.into_iter().find(|v| v.slug() == slug)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    slug_enum! {
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        enum Fruit {
            Apple = ("apple", "An apple"),
            BloodOrange = ("blood-orange", "A blood orange"),
        }
    }

    #[test]
    fn one_table_gives_every_name() {
        assert_eq!(Fruit::ALL, [Fruit::Apple, Fruit::BloodOrange]);
        assert_eq!(Fruit::BloodOrange.slug(), "blood-orange");
        assert_eq!(Fruit::Apple.label(), "An apple");
        assert_eq!(Fruit::from_slug("blood-orange"), Some(Fruit::BloodOrange));
        assert_eq!(Fruit::from_slug("pear"), None);
        assert_eq!(serde_json::to_string(&Fruit::BloodOrange).unwrap(), "\"blood-orange\"");
        assert_eq!(serde_json::from_str::<Fruit>("\"apple\"").unwrap(), Fruit::Apple);
    }
}
