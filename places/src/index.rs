//! The index: an fst that maps every folded name to the places that bear it, and the tables it
//! points into; one file, written by [`crate::build`] and read whole by the server at its
//! start.
//!
//! The file is `GPLACES\0`, the format's version (u32, little-endian), the fst's length (u64)
//! and bytes as `fst` writes them, then the tables in postcard. Everything is checked once when
//! it is read (the fst's own checksum, then that every number points inside its table), so a
//! search never meets a bad offset: a damaged or older file is refused with a reason, never
//! half used.

use std::{fmt, io, path::Path};

use fst::{IntoStreamer, Streamer};
use groups_core::places::{Place, PlaceKind};
use serde::{Deserialize, Serialize};

use crate::id::PlaceId;

const MAGIC: &[u8; 8] = b"GPLACES\0";
/// Raised whenever the tables' shape changes: a server refuses a file it cannot read.
pub const FORMAT_VERSION: u32 = 1;

/// A place as the index keeps it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct Record {
    pub id: PlaceId,
    pub kind: PlaceKind,
    pub name: String,
    pub country: [u8; 2],
    /// Into [`Tables::states`]; [`NO_STATE`] for none.
    pub state: u16,
    pub lat: f32,
    pub lon: f32,
    pub population: u32,
}

pub(crate) const NO_STATE: u16 = u16::MAX;

/// A place bearing a name, and whether the name is one of a town's other names ("Muskav" for
/// Moscow) rather than its own: a begun or mistyped other name counts for less, since
/// GeoNames lists many that hardly anyone writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Posting(u32);

impl Posting {
    pub fn new(place: u32, other_name: bool) -> Posting {
        Posting(place << 1 | u32::from(other_name))
    }

    pub fn place(self) -> u32 {
        self.0 >> 1
    }

    pub fn is_other_name(self) -> bool {
        self.0 & 1 == 1
    }
}

/// The places that bear one folded name, and that name as one of them writes it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct Key {
    /// As written by the most populous place that bears it ("München").
    pub spelling: String,
    /// Into [`Tables::postings`]: the places, most populous first.
    pub start: u32,
    pub len: u32,
}

/// An abbreviation or code ("usa", "uk", "ma", "deu"): matched only whole, never by prefix or
/// with typos, since two or three letters are a third of the alphabet's pairs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct Code {
    /// Folded, without spaces ("dc" for "D.C.").
    pub code: String,
    /// Places, each with whether the code names it as a whole query too (USA, UK) or only after
    /// a comma ("Boston, MA": state and country codes, which would crowd what people type).
    pub places: Vec<(u32, bool)>,
}

/// A US state's or Canadian province's name and code.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct StateName {
    pub country: [u8; 2],
    pub code: [u8; 2],
    pub name: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Tables {
    /// Where the data came from, for `/api/places` credits and the bench.
    pub provenance: String,
    /// Sorted by id.
    pub places: Vec<Record>,
    /// The fst's value is an index into this.
    pub keys: Vec<Key>,
    pub postings: Vec<Posting>,
    /// Sorted by code.
    pub codes: Vec<Code>,
    pub states: Vec<StateName>,
    /// Every country a place is in, with its English name; sorted by code.
    pub countries: Vec<([u8; 2], String)>,
}

/// The gazetteer, ready to search.
pub struct Index {
    pub(crate) names: fst::Map<Vec<u8>>,
    pub(crate) tables: Tables,
}

/// Why a file is not an index this build can use.
#[derive(Debug)]
pub enum IndexError {
    Io(io::Error),
    /// Not an index, an index of another format version, or a damaged one.
    Invalid(String),
}

impl fmt::Display for IndexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IndexError::Io(error) => write!(f, "{error}"),
            IndexError::Invalid(why) => write!(f, "not a usable places index: {why}"),
        }
    }
}

impl std::error::Error for IndexError {}

fn invalid(why: impl Into<String>) -> IndexError {
    IndexError::Invalid(why.into())
}

impl Index {
    pub(crate) fn new(names: fst::Map<Vec<u8>>, tables: Tables) -> Result<Index, IndexError> {
        let index = Index { names, tables };
        index.check()?;
        Ok(index)
    }

    /// Reads the index at `path`.
    pub fn load(path: &Path) -> Result<Index, IndexError> {
        Index::from_bytes(&std::fs::read(path).map_err(IndexError::Io)?)
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Index, IndexError> {
        let rest = bytes.strip_prefix(MAGIC.as_slice()).ok_or_else(|| invalid("it does not start with GPLACES"))?;
        let (version, rest) = take::<4>(rest)?;
        let version = u32::from_le_bytes(version);
        if version != FORMAT_VERSION {
            return Err(invalid(format!(
                "format {version}, this server reads format {FORMAT_VERSION} (rebuild it: cargo xtask places)"
            )));
        }
        let (length, rest) = take::<8>(rest)?;
        let length = usize::try_from(u64::from_le_bytes(length)).map_err(|_| invalid("its fst is too long"))?;
        if length > rest.len() {
            return Err(invalid("it is cut short"));
        }
        let (fst_bytes, rest) = rest.split_at(length);
        let names = fst::Map::new(fst_bytes.to_vec()).map_err(|e| invalid(format!("its fst: {e}")))?;
        names.as_fst().verify().map_err(|e| invalid(format!("its fst: {e}")))?;
        let tables = postcard::from_bytes(rest).map_err(|e| invalid(format!("its tables: {e}")))?;
        Index::new(names, tables)
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let fst_bytes = self.names.as_fst().as_bytes();
        let mut out = Vec::with_capacity(fst_bytes.len() + 4_000_000);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&(fst_bytes.len() as u64).to_le_bytes());
        out.extend_from_slice(fst_bytes);
        postcard::to_io(&self.tables, &mut out).expect("writing to memory cannot fail");
        out
    }

    /// Writes the index to `path` through a file beside it, so a reader never sees half of it.
    pub fn write(&self, path: &Path) -> io::Result<()> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)?;
        }
        let partial = path.with_extension("partial");
        std::fs::write(&partial, self.to_bytes())?;
        std::fs::rename(&partial, path)
    }

    /// Every number points inside its table, and the places are sorted by id.
    fn check(&self) -> Result<(), IndexError> {
        let t = &self.tables;
        let places = t.places.len();
        if t.places.windows(2).any(|w| w[0].id >= w[1].id) {
            return Err(invalid("its places are not sorted by id"));
        }
        if t.places.iter().any(|p| p.state != NO_STATE && usize::from(p.state) >= t.states.len()) {
            return Err(invalid("a place's state is out of range"));
        }
        if t.places.iter().any(|p| self.country_name(p.country).is_none()) {
            return Err(invalid("a place's country has no name"));
        }
        for key in &t.keys {
            let end = key.start as usize + key.len as usize;
            if key.len == 0 || end > t.postings.len() {
                return Err(invalid("a name's places are out of range"));
            }
        }
        if t.postings.iter().any(|p| p.place() as usize >= places) {
            return Err(invalid("a name points past the places"));
        }
        if t.codes.iter().flat_map(|c| &c.places).any(|&(p, _)| p as usize >= places) {
            return Err(invalid("a code points past the places"));
        }
        if t.codes.windows(2).any(|w| w[0].code >= w[1].code) || t.countries.windows(2).any(|w| w[0].0 >= w[1].0) {
            return Err(invalid("its codes or countries are not sorted"));
        }
        let mut stream = self.names.stream();
        while let Some((_, value)) = stream.next() {
            if value >= t.keys.len() as u64 {
                return Err(invalid("a name points past its table"));
            }
        }
        Ok(())
    }

    /// The place with this id, if the index has it.
    pub fn get(&self, id: PlaceId) -> Option<Place> {
        let at = self.tables.places.binary_search_by(|p| p.id.cmp(&id)).ok()?;
        Some(self.place(at as u32, None))
    }

    /// The record at `at` as the wire shows it, with the spelling matched if it differs from
    /// the name.
    pub(crate) fn place(&self, at: u32, matched: Option<&str>) -> Place {
        let record = &self.tables.places[at as usize];
        let state = self.tables.states.get(usize::from(record.state));
        Place {
            id: record.id.to_string(),
            kind: record.kind,
            name: record.name.clone(),
            // "Krakow" for Kraków says nothing; "München" for Munich does.
            matched: matched.filter(|m| crate::fold::fold(m) != crate::fold::fold(&record.name)).map(str::to_owned),
            state: state.map(|s| s.name.clone()),
            state_code: state.map(|s| String::from_utf8_lossy(&s.code).into_owned()),
            country: String::from_utf8_lossy(&record.country).into_owned(),
            country_name: self.country_name(record.country).unwrap_or_default().to_owned(),
            lat: round(record.lat),
            lon: round(record.lon),
            population: u64::from(record.population),
        }
    }

    pub(crate) fn country_name(&self, code: [u8; 2]) -> Option<&str> {
        let countries = &self.tables.countries;
        countries.binary_search_by(|c| c.0.cmp(&code)).ok().map(|i| countries[i].1.as_str())
    }

    pub(crate) fn postings(&self, value: u64) -> (&Key, &[Posting]) {
        let key = &self.tables.keys[value as usize];
        (key, &self.tables.postings[key.start as usize..][..key.len as usize])
    }

    pub(crate) fn record(&self, at: u32) -> &Record {
        &self.tables.places[at as usize]
    }

    /// The places an abbreviation or code names (folded, without spaces).
    pub(crate) fn code(&self, code: &str) -> &[(u32, bool)] {
        let codes = &self.tables.codes;
        match codes.binary_search_by(|c| c.code.as_str().cmp(code)) {
            Ok(i) => &codes[i].places,
            Err(_) => &[],
        }
    }

    /// Every folded name, in order (for tests and the bench's query mix).
    pub fn names(&self) -> Vec<String> {
        let mut out = Vec::with_capacity(self.names.len());
        let mut stream = self.names.keys().into_stream();
        while let Some(key) = stream.next() {
            out.push(String::from_utf8_lossy(key).into_owned());
        }
        out
    }

    /// What the index holds and how large it is.
    pub fn stats(&self) -> Stats {
        let t = &self.tables;
        let strings: usize = t.places.iter().map(|p| p.name.capacity()).sum::<usize>()
            + t.keys.iter().map(|k| k.spelling.capacity()).sum::<usize>()
            + t.codes.iter().map(|c| c.code.capacity() + c.places.capacity() * 8).sum::<usize>()
            + t.states.iter().map(|s| s.name.capacity()).sum::<usize>()
            + t.countries.iter().map(|c| c.1.capacity()).sum::<usize>();
        let tables = t.places.capacity() * std::mem::size_of::<Record>()
            + t.keys.capacity() * std::mem::size_of::<Key>()
            + t.postings.capacity() * std::mem::size_of::<Posting>()
            + t.codes.capacity() * std::mem::size_of::<Code>()
            + t.states.capacity() * std::mem::size_of::<StateName>()
            + t.countries.capacity() * std::mem::size_of::<([u8; 2], String)>();
        let count = |kind| t.places.iter().filter(|p| p.kind == kind).count();
        Stats {
            names: self.names.len(),
            cities: count(PlaceKind::City),
            states: count(PlaceKind::State),
            countries: count(PlaceKind::Country),
            codes: t.codes.len(),
            fst_bytes: self.names.as_fst().as_bytes().len(),
            memory_bytes: self.names.as_fst().as_bytes().len() + tables + strings,
        }
    }

    /// Where the data came from (sources, versions, licences).
    pub fn provenance(&self) -> &str {
        &self.tables.provenance
    }
}

/// What an index holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stats {
    /// Folded names in the fst.
    pub names: usize,
    pub cities: usize,
    pub states: usize,
    pub countries: usize,
    /// Abbreviations and codes (matched whole only).
    pub codes: usize,
    pub fst_bytes: usize,
    /// The fst and the tables as held in memory (the allocations' sizes, counted).
    pub memory_bytes: usize,
}

/// Coordinates to five decimals (about a metre): what GeoNames gives, without f32's noise.
fn round(value: f32) -> f64 {
    (f64::from(value) * 1e5).round() / 1e5
}

fn take<const N: usize>(bytes: &[u8]) -> Result<([u8; N], &[u8]), IndexError> {
    if bytes.len() < N {
        return Err(invalid("it is cut short"));
    }
    let (head, rest) = bytes.split_at(N);
    Ok((head.try_into().expect("N bytes"), rest))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;

    #[test]
    fn an_index_reads_back_as_written() {
        let index = fixtures::index();
        let again = Index::from_bytes(&index.to_bytes()).unwrap();
        assert_eq!(again.tables, index.tables);
        assert_eq!(again.names(), index.names());
        let dir = std::env::temp_dir().join(format!("groups-places-{}", std::process::id()));
        let path = dir.join("sub").join("places.idx");
        index.write(&path).unwrap();
        assert_eq!(Index::load(&path).unwrap().tables, index.tables);
        assert!(!path.with_extension("partial").exists(), "no partial file left");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_place_is_found_by_its_id() {
        let index = fixtures::index();
        let leipzig = index.get(PlaceId::City(2879139)).unwrap();
        assert_eq!((leipzig.name.as_str(), leipzig.country.as_str(), leipzig.lat), ("Leipzig", "DE", 51.33962));
        assert_eq!(index.get(PlaceId::Country(*b"HU")).unwrap().name, "Hungary");
        assert_eq!(index.get(PlaceId::State(*b"US", *b"MA")).unwrap().state_code.as_deref(), Some("MA"));
        assert_eq!(index.get(PlaceId::City(1)), None);
        assert_eq!(index.get(PlaceId::Country(*b"ZZ")), None);
    }

    #[test]
    fn a_damaged_or_other_file_is_refused_with_a_reason() {
        let bytes = fixtures::index().to_bytes();
        let refused = |bytes: &[u8]| match Index::from_bytes(bytes) {
            Err(IndexError::Invalid(why)) => why,
            Err(other) => panic!("{other}"),
            Ok(_) => panic!("a bad index was read"),
        };
        assert!(refused(b"").contains("GPLACES"));
        assert!(refused(b"<!DOCTYPE html>").contains("GPLACES"));
        let mut other_version = bytes.clone();
        other_version[8] = 99;
        assert!(refused(&other_version).contains("format 99"));
        for cut in [12, 20, 200, bytes.len() - 1] {
            refused(&bytes[..cut]);
        }
        // Every single damaged byte is either refused or harmless: never a panic later.
        for at in (20..bytes.len()).step_by(7) {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x55;
            if let Ok(index) = Index::from_bytes(&damaged) {
                for query in ["Berlin", "bo", "Portland, ME", "usa", "budapset"] {
                    let _ = index.search(query, 10);
                }
            }
        }
    }

    #[test]
    fn the_stats_count_what_is_there() {
        let stats = fixtures::index().stats();
        assert_eq!((stats.cities, stats.states, stats.countries), (24, 5, 14));
        assert!(stats.memory_bytes > stats.fst_bytes);
    }
}
