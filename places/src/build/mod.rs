//! From a gazetteer (towns, countries and states with all their names, as
//! [`crate::sources`] reads them from the registry packages) to an [`Index`].
//!
//! Each place gets a record; each name it is known by, folded, becomes a key of the fst whose
//! value lists the places bearing it, most populous first, so the search can rank a name's
//! places without looking further. Codes and abbreviations go into a table of their own,
//! matched only whole. A country's or state's point is where its people are
//! ([`centre`]); a state's population is that of its towns of 15,000 or more, the only count
//! the data has.

pub mod canada;
mod centre;
pub mod names;

use std::collections::{BTreeMap, HashMap};

use groups_core::places::PlaceKind;

use crate::{
    fold::fold,
    id::{code_of, PlaceId},
    index::{Code, Index, IndexError, Key, Posting, Record, StateName, Tables, NO_STATE},
};
use centre::Centre;

/// Everything the index is built from.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    pub cities: Vec<City>,
    pub countries: Vec<Country>,
    pub states: Vec<State>,
    /// Where it came from, kept in the index.
    pub provenance: String,
}

/// A town, as GeoNames gives it.
#[derive(Clone, Debug, Default)]
pub struct City {
    pub id: u32,
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// GeoNames' first-level code ("MA" in the US, "08" in Canada, "16" in Germany).
    pub admin1: String,
    pub population: u64,
    /// Every alternate name; [`names::keep_alternate`] chooses.
    pub alternates: Vec<String>,
}

/// A country, by every name it goes by.
#[derive(Clone, Debug, Default)]
pub struct Country {
    pub code: String,
    /// Its English name first, then the others: its own, in any script (Magyarország, 日本),
    /// and older or longer ones (Czech Republic, Burma).
    pub names: Vec<String>,
    /// Found whole, after a comma: ISO alpha-3 ("DEU").
    pub codes: Vec<String>,
    /// Found whole, as a query too: common abbreviations ("USA", "UK").
    pub abbreviations: Vec<String>,
    pub population: u64,
}

/// A US state or Canadian province.
#[derive(Clone, Debug, Default)]
pub struct State {
    pub country: String,
    /// Its postal code ("MA", "ON").
    pub code: String,
    /// GeoNames' first-level code of the towns in it.
    pub admin1: String,
    /// Its English name first.
    pub names: Vec<String>,
}

/// A place on its way into the index, with the names and codes it is found by.
struct Entry {
    record: Record,
    names: Vec<String>,
    codes: Vec<(String, bool)>,
}

/// Builds the index. Towns in a country the gazetteer lacks are an error (the sources
/// disagree); countries and states without a town of 15,000 are left out (nothing to be near).
pub fn build(gazetteer: &Gazetteer) -> Result<Index, IndexError> {
    let bad = |why: String| IndexError::Invalid(why);
    let country_names: BTreeMap<[u8; 2], String> = gazetteer
        .countries
        .iter()
        .filter_map(|c| {
            let code = code_of(&c.code).ok()?;
            // The portal's own English name where it has the country, so the finder and the
            // directory agree ("Czechia", "Türkiye" as the directory writes them).
            let english = groups_core::regions::country(&c.code).map(|known| known.name.to_owned());
            Some((code, english.or_else(|| c.names.first().cloned())?))
        })
        .collect();
    let states: Vec<StateName> = gazetteer
        .states
        .iter()
        .map(|s| {
            Ok(StateName {
                country: code_of(&s.country).map_err(|_| bad(format!("state {}: bad country", s.code)))?,
                code: code_of(&s.code).map_err(|_| bad(format!("state {}: bad code", s.code)))?,
                name: s.names.first().cloned().ok_or_else(|| bad(format!("state {}: no name", s.code)))?,
            })
        })
        .collect::<Result<_, IndexError>>()?;
    let state_of: HashMap<(&str, &str), u16> =
        gazetteer.states.iter().enumerate().map(|(i, s)| ((s.country.as_str(), s.admin1.as_str()), i as u16)).collect();

    let mut entries = Vec::new();
    let mut country_centres: HashMap<[u8; 2], Centre> = HashMap::new();
    let mut state_centres = vec![(Centre::default(), 0u64); states.len()];
    for city in &gazetteer.cities {
        let country = code_of(&city.country).map_err(|_| bad(format!("town {}: bad country", city.id)))?;
        if !country_names.contains_key(&country) {
            return Err(bad(format!("town {} is in {}, which no source names", city.id, city.country)));
        }
        let state = state_of.get(&(city.country.as_str(), city.admin1.as_str())).copied();
        country_centres.entry(country).or_default().add(city.lat, city.lon, city.population);
        if let Some(state) = state {
            let (centre, people) = &mut state_centres[usize::from(state)];
            centre.add(city.lat, city.lon, city.population);
            *people += city.population;
        }
        let mut names = vec![city.name.clone()];
        names.extend(city.alternates.iter().filter(|a| names::keep_alternate(a)).map(|a| a.trim().to_owned()));
        entries.push(Entry {
            record: Record {
                id: PlaceId::City(city.id),
                kind: PlaceKind::City,
                name: city.name.clone(),
                country,
                state: state.unwrap_or(NO_STATE),
                lat: city.lat as f32,
                lon: city.lon as f32,
                population: clamp(city.population),
            },
            names,
            codes: Vec::new(),
        });
    }
    for (i, (state, source)) in states.iter().zip(&gazetteer.states).enumerate() {
        let (centre, people) = &state_centres[i];
        let Some((lat, lon)) = centre.point() else { continue };
        entries.push(Entry {
            record: Record {
                id: PlaceId::State(state.country, state.code),
                kind: PlaceKind::State,
                name: state.name.clone(),
                country: state.country,
                state: i as u16,
                lat: lat as f32,
                lon: lon as f32,
                population: clamp(*people),
            },
            names: source.names.clone(),
            codes: vec![(source.code.clone(), false)],
        });
    }
    for country in &gazetteer.countries {
        let Ok(code) = code_of(&country.code) else { continue };
        let Some((lat, lon)) = country_centres.get(&code).and_then(Centre::point) else { continue };
        let mut codes: Vec<(String, bool)> = std::iter::once(&country.code)
            .chain(&country.codes)
            .map(|c| (c.clone(), false))
            .chain(country.abbreviations.iter().map(|a| (a.clone(), true)))
            .collect();
        codes.dedup();
        entries.push(Entry {
            record: Record {
                id: PlaceId::Country(code),
                kind: PlaceKind::Country,
                name: country_names[&code].clone(),
                country: code,
                state: NO_STATE,
                lat: lat as f32,
                lon: lon as f32,
                population: clamp(country.population),
            },
            names: std::iter::once(country_names[&code].clone()).chain(country.names.iter().cloned()).collect(),
            codes,
        });
    }
    entries.sort_by_key(|e| e.record.id);
    if let Some(w) = entries.windows(2).find(|w| w[0].record.id == w[1].record.id) {
        return Err(bad(format!("two places are {}", w[0].record.id)));
    }

    let mut tables = Tables { provenance: gazetteer.provenance.clone(), states, ..Tables::default() };
    tables.countries = country_names.into_iter().collect();
    let mut keys: BTreeMap<String, Vec<(u32, &str)>> = BTreeMap::new();
    let mut codes: BTreeMap<String, Vec<(u32, bool)>> = BTreeMap::new();
    for (at, entry) in entries.iter().enumerate() {
        let at = at as u32;
        for name in &entry.names {
            let key = fold(name);
            if !key.is_empty() {
                keys.entry(key).or_default().push((at, name));
            }
        }
        for (code, whole) in &entry.codes {
            let code: String = fold(code).split(' ').collect();
            if !code.is_empty() {
                codes.entry(code).or_default().push((at, *whole));
            }
        }
    }
    let population = |at: u32| entries[at as usize].record.population;
    let mut builder = fst::MapBuilder::memory();
    for (key, mut bearers) in keys {
        // Most populous first; of one place's spellings, its own name, else one with accents
        // (which says more than the same letters without).
        bearers.sort_by_key(|&(at, name)| {
            (std::cmp::Reverse(population(at)), at, name != entries[at as usize].record.name, name.is_ascii())
        });
        bearers.dedup_by_key(|b| b.0);
        builder.insert(&key, tables.keys.len() as u64).expect("keys come sorted");
        tables.keys.push(Key {
            spelling: bearers[0].1.to_owned(),
            start: tables.postings.len() as u32,
            len: bearers.len() as u32,
        });
        tables.postings.extend(bearers.iter().map(|&(at, _)| {
            let record = &entries[at as usize].record;
            // A country's or state's names are a short list of its own; a town's others are
            // GeoNames' long one.
            Posting::new(at, record.kind == PlaceKind::City && fold(&record.name) != key)
        }));
    }
    for (code, mut places) in codes {
        places.sort_by_key(|&(at, whole)| (std::cmp::Reverse(population(at)), at, !whole));
        places.dedup_by_key(|p| p.0);
        tables.codes.push(Code { code, places });
    }
    tables.places = entries.into_iter().map(|e| e.record).collect();
    let names = fst::Map::new(builder.into_inner().expect("writing to memory cannot fail"))
        .map_err(|e| bad(format!("the fst: {e}")))?;
    Index::new(names, tables)
}

/// Populations in the index are u32: more than any country has.
fn clamp(people: u64) -> u32 {
    u32::try_from(people).unwrap_or(u32::MAX)
}
