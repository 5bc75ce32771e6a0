//! The country of the visitor's own position, found in the browser: the pictures of the few
//! countries that matter (`groups_core::near::countries_to_look_in`: those a group meets for
//! as a whole) are fetched from this site and the position is looked for in their shapes
//! (`groups_core::country_shape`). The position itself is never sent: only the countries'
//! pictures are asked for, the same files a group's page shows.

use gloo_net::http::Request;
use groups_core::{
    country_shape::{country_of, Shape},
    directory::GroupRecord,
    markup::COUNTRY_SVG_DIR,
    near::countries_to_look_in,
    regions::Country,
};

/// The country the position (`lat`, `lon`) is in, of those a group meets for as a whole; none
/// when it is in none of them (or their pictures could not be had: then distances alone
/// order the groups, as before the country was known).
pub async fn find(groups: &[GroupRecord], lat: f64, lon: f64) -> Option<&'static Country> {
    // One after another, nearest first, until one holds the position: usually the first, and
    // waiting on several at once would bring futures' machinery into the directory's chunk.
    let mut shapes: Vec<(&'static Country, Shape)> = Vec::new();
    for country in countries_to_look_in(groups, lat, lon) {
        let Some(shape) = picture(country).await else { continue };
        if shape.holds(lat, lon) {
            return Some(country);
        }
        shapes.push((country, shape));
    }
    // Inside none: a harbour town just off a simplified coast takes the nearest.
    country_of(lat, lon, &shapes)
}

/// A country's picture, read as its shape.
async fn picture(country: &Country) -> Option<Shape> {
    let url = format!("{COUNTRY_SVG_DIR}/{}.svg", country.code.to_ascii_lowercase());
    let response = Request::get(&url).send().await.ok().filter(|r| r.ok())?;
    Shape::parse(&response.text().await.ok()?)
}
