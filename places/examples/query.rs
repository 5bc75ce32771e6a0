//! Asks the built index (`cargo xtask places` makes it) what each argument finds:
//! `cargo run --release -p groups-places --example query -- "Boston, MA" budapset`.

use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("inside the workspace");
    let path = groups_places::in_site(&root.join("dist"));
    let index = match groups_places::Index::load(&path) {
        Ok(index) => index,
        Err(error) => {
            eprintln!("{}: {error} (make it with `cargo xtask places`)", path.display());
            std::process::exit(1);
        }
    };
    for query in std::env::args().skip(1) {
        println!("{query:?}");
        for place in index.search(&query, 8) {
            let matched = place.matched.as_deref().map(|m| format!(" [{m}]")).unwrap_or_default();
            println!("  {:<12} {}{matched}  ({} people)", place.id, place.label(), place.population);
        }
        if let Some(best) = index.best(&query) {
            println!("  best: {}", best.label());
        }
    }
}
