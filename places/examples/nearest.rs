//! What a visitor finds near a place, as the directory answers it: for each text typed, the
//! place the search suggests first (the one a visitor picks), its nearest groups of the shipped
//! directory (`public/groups.json`) and how far they are; for each `@lat,lon`, a visitor's own
//! position, measured as the browser measures it (its country looked for in the countries'
//! pictures, `public/countries/`; the position never reaches the server).
//! The table in the closing note of the place search was printed by it:
//! `cargo run --release -p groups-places --example nearest -- Budapest budapset @52.52,13.40`.
//! Needs the built index (`cargo xtask places`).

use std::path::Path;

use groups_core::{
    country_shape::{country_of, Shape},
    directory::{self, GroupRecord},
    near::{self, countries_to_look_in, Origin, Radius},
};

/// How many of the nearest groups each line names.
const SHOWN: usize = 2;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("inside the workspace");
    let path = groups_places::in_site(&root.join("dist"));
    let index = groups_places::Index::load(&path).unwrap_or_else(|error| {
        eprintln!("{}: {error} (make it with `cargo xtask places`)", path.display());
        std::process::exit(1);
    });
    let text = std::fs::read_to_string(root.join("public/groups.json")).expect("public/groups.json");
    let groups = directory::read(&text).expect("the shipped directory reads").groups;
    println!("| typed | place chosen | nearest groups (distance) |\n|---|---|---|");
    for query in std::env::args().skip(1) {
        let (chosen, origin) = match position(&query) {
            Some((lat, lon)) => (format!("your location ({lat}, {lon})"), own_position(root, &groups, lat, lon)),
            None => match index.search(&query, 1).into_iter().next() {
                Some(place) => (place.label(), Origin::of(&place)),
                None => {
                    println!("| {query} | (no place) | |");
                    continue;
                }
            },
        };
        println!("| {query} | {chosen} | {} |", nearest(&groups, &origin));
    }
}

/// `@lat,lon`: a visitor's own position.
fn position(query: &str) -> Option<(f64, f64)> {
    let (lat, lon) = query.strip_prefix('@')?.split_once(',')?;
    Some((lat.trim().parse().ok()?, lon.trim().parse().ok()?))
}

/// The origin the app makes of the browser's position (`places::country_of`): its country
/// found in the pictures of the countries a group meets for as a whole.
fn own_position(root: &Path, groups: &[GroupRecord], lat: f64, lon: f64) -> Origin {
    let shapes: Vec<_> = countries_to_look_in(groups, lat, lon)
        .into_iter()
        .filter_map(|c| {
            let file = root.join(format!("public/countries/{}.svg", c.code.to_ascii_lowercase()));
            Some((c, Shape::parse(&std::fs::read_to_string(file).ok()?)?))
        })
        .collect();
    Origin { lat, lon, country: country_of(lat, lon, &shapes), name: "your location".into() }
}

/// The nearest groups as the directory lists them with the default radius, and whether it
/// says that none is near.
fn nearest(groups: &[GroupRecord], origin: &Origin) -> String {
    let all: Vec<usize> = (0..groups.len()).collect();
    let listed = near::listed(near::order(groups, &all, origin), Radius::default());
    let named: Vec<String> = listed
        .groups
        .iter()
        .take(SHOWN)
        .map(|&(i, distance)| format!("{} ({})", groups[i].name, distance.text(&groups[i])))
        .collect();
    let none = if listed.none_near {
        format!("{} ", near::none_near_line(Radius::default(), None, &origin.name))
    } else {
        String::new()
    };
    format!("{none}{}", named.join("; "))
}
