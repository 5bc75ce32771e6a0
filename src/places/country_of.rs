//! The country of the visitor's own position, found in the browser: the pictures of the few
//! countries that matter (`groups_core::near::countries_to_look_in`: those a group meets for
//! as a whole) are fetched from this site and the position is looked for in their shapes
//! (`groups_core::country_shape`). The position itself is never sent: only the countries'
//! pictures are asked for, the same files a group's page shows.

use futures::future::join_all;
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
    let countries = countries_to_look_in(groups, lat, lon);
    let pictures = join_all(countries.iter().map(|c| picture(c))).await;
    let shapes: Vec<(&'static Country, Shape)> =
        countries.into_iter().zip(pictures).filter_map(|(c, shape)| Some((c, shape?))).collect();
    country_of(lat, lon, &shapes)
}

/// A country's picture, read as its shape.
async fn picture(country: &Country) -> Option<Shape> {
    let url = format!("{COUNTRY_SVG_DIR}/{}.svg", country.code.to_ascii_lowercase());
    let response = Request::get(&url).send().await.ok().filter(|r| r.ok())?;
    Shape::parse(&response.text().await.ok()?)
}
