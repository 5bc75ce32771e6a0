//! Regions of the world and the complete ISO 3166-1 alpha-2 country table that places every
//! assigned code in exactly one region. A group's region is derived from its country here,
//! never stored.

use std::fmt;

crate::slug_enum! {
    /// A region of the directory, with its URL slug, in the order the directory lists them.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum Region {
        Africa = ("africa", "Africa"),
        Asia = ("asia", "Asia"),
        Europe = ("europe", "Europe"),
        LatinAmerica = ("latin-america", "Latin America & Caribbean"),
        MiddleEast = ("middle-east", "Middle East"),
        NorthAmerica = ("north-america", "North America"),
        Oceania = ("oceania", "Oceania"),
    }
}

impl Region {
    /// The region's name in the current language (`groups_i18n::t`): English's is its label.
    pub fn name(self) -> &'static str {
        use groups_i18n::{t, Msg};
        t(match self {
            Region::Africa => Msg::PlaceRegionAfrica,
            Region::Asia => Msg::PlaceRegionAsia,
            Region::Europe => Msg::PlaceRegionEurope,
            Region::LatinAmerica => Msg::PlaceRegionLatinAmerica,
            Region::MiddleEast => Msg::PlaceRegionMiddleEast,
            Region::NorthAmerica => Msg::PlaceRegionNorthAmerica,
            Region::Oceania => Msg::PlaceRegionOceania,
        })
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A country (or territory) by its ISO 3166-1 alpha-2 code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Country {
    pub code: &'static str,
    pub name: &'static str,
    pub region: Region,
}

impl Country {
    /// Its name in the language of the page being drawn: CLDR's (`ドイツ`), the directory's own
    /// in English (`Germany`), and English's inside a page not translated yet.
    pub fn local_name(&self) -> &'static str {
        groups_i18n::catalogue::country(self.code).unwrap_or(self.name)
    }
}

/// The country with `code` (upper case, as stored in `groups.json`).
pub fn country(code: &str) -> Option<&'static Country> {
    COUNTRIES.binary_search_by(|c| c.code.cmp(code)).ok().map(|i| &COUNTRIES[i])
}

use Region::{
    Africa as AF, Asia as AS, Europe as EU, LatinAmerica as LA, MiddleEast as ME, NorthAmerica as NA, Oceania as OC,
};

const fn c(code: &'static str, name: &'static str, region: Region) -> Country {
    Country { code, name, region }
}

/// Every officially assigned ISO 3166-1 alpha-2 code, sorted by code. Territories go with the
/// region they lie in; the Antarctic ones with the nearest (Antarctica itself with Oceania).
pub static COUNTRIES: [Country; 249] = [
    c("AD", "Andorra", EU),
    c("AE", "United Arab Emirates", ME),
    c("AF", "Afghanistan", AS),
    c("AG", "Antigua and Barbuda", LA),
    c("AI", "Anguilla", LA),
    c("AL", "Albania", EU),
    c("AM", "Armenia", AS),
    c("AO", "Angola", AF),
    c("AQ", "Antarctica", OC),
    c("AR", "Argentina", LA),
    c("AS", "American Samoa", OC),
    c("AT", "Austria", EU),
    c("AU", "Australia", OC),
    c("AW", "Aruba", LA),
    c("AX", "Åland Islands", EU),
    c("AZ", "Azerbaijan", AS),
    c("BA", "Bosnia and Herzegovina", EU),
    c("BB", "Barbados", LA),
    c("BD", "Bangladesh", AS),
    c("BE", "Belgium", EU),
    c("BF", "Burkina Faso", AF),
    c("BG", "Bulgaria", EU),
    c("BH", "Bahrain", ME),
    c("BI", "Burundi", AF),
    c("BJ", "Benin", AF),
    c("BL", "Saint Barthélemy", LA),
    c("BM", "Bermuda", NA),
    c("BN", "Brunei", AS),
    c("BO", "Bolivia", LA),
    c("BQ", "Caribbean Netherlands", LA),
    c("BR", "Brazil", LA),
    c("BS", "Bahamas", LA),
    c("BT", "Bhutan", AS),
    c("BV", "Bouvet Island", LA),
    c("BW", "Botswana", AF),
    c("BY", "Belarus", EU),
    c("BZ", "Belize", LA),
    c("CA", "Canada", NA),
    c("CC", "Cocos (Keeling) Islands", OC),
    c("CD", "Democratic Republic of the Congo", AF),
    c("CF", "Central African Republic", AF),
    c("CG", "Republic of the Congo", AF),
    c("CH", "Switzerland", EU),
    c("CI", "Côte d’Ivoire", AF),
    c("CK", "Cook Islands", OC),
    c("CL", "Chile", LA),
    c("CM", "Cameroon", AF),
    c("CN", "China", AS),
    c("CO", "Colombia", LA),
    c("CR", "Costa Rica", LA),
    c("CU", "Cuba", LA),
    c("CV", "Cabo Verde", AF),
    c("CW", "Curaçao", LA),
    c("CX", "Christmas Island", OC),
    c("CY", "Cyprus", EU),
    c("CZ", "Czechia", EU),
    c("DE", "Germany", EU),
    c("DJ", "Djibouti", AF),
    c("DK", "Denmark", EU),
    c("DM", "Dominica", LA),
    c("DO", "Dominican Republic", LA),
    c("DZ", "Algeria", AF),
    c("EC", "Ecuador", LA),
    c("EE", "Estonia", EU),
    c("EG", "Egypt", AF),
    c("EH", "Western Sahara", AF),
    c("ER", "Eritrea", AF),
    c("ES", "Spain", EU),
    c("ET", "Ethiopia", AF),
    c("FI", "Finland", EU),
    c("FJ", "Fiji", OC),
    c("FK", "Falkland Islands", LA),
    c("FM", "Micronesia", OC),
    c("FO", "Faroe Islands", EU),
    c("FR", "France", EU),
    c("GA", "Gabon", AF),
    c("GB", "United Kingdom", EU),
    c("GD", "Grenada", LA),
    c("GE", "Georgia", AS),
    c("GF", "French Guiana", LA),
    c("GG", "Guernsey", EU),
    c("GH", "Ghana", AF),
    c("GI", "Gibraltar", EU),
    c("GL", "Greenland", NA),
    c("GM", "Gambia", AF),
    c("GN", "Guinea", AF),
    c("GP", "Guadeloupe", LA),
    c("GQ", "Equatorial Guinea", AF),
    c("GR", "Greece", EU),
    c("GS", "South Georgia and the South Sandwich Islands", LA),
    c("GT", "Guatemala", LA),
    c("GU", "Guam", OC),
    c("GW", "Guinea-Bissau", AF),
    c("GY", "Guyana", LA),
    c("HK", "Hong Kong", AS),
    c("HM", "Heard Island and McDonald Islands", OC),
    c("HN", "Honduras", LA),
    c("HR", "Croatia", EU),
    c("HT", "Haiti", LA),
    c("HU", "Hungary", EU),
    c("ID", "Indonesia", AS),
    c("IE", "Ireland", EU),
    c("IL", "Israel", ME),
    c("IM", "Isle of Man", EU),
    c("IN", "India", AS),
    c("IO", "British Indian Ocean Territory", AS),
    c("IQ", "Iraq", ME),
    c("IR", "Iran", ME),
    c("IS", "Iceland", EU),
    c("IT", "Italy", EU),
    c("JE", "Jersey", EU),
    c("JM", "Jamaica", LA),
    c("JO", "Jordan", ME),
    c("JP", "Japan", AS),
    c("KE", "Kenya", AF),
    c("KG", "Kyrgyzstan", AS),
    c("KH", "Cambodia", AS),
    c("KI", "Kiribati", OC),
    c("KM", "Comoros", AF),
    c("KN", "Saint Kitts and Nevis", LA),
    c("KP", "North Korea", AS),
    c("KR", "South Korea", AS),
    c("KW", "Kuwait", ME),
    c("KY", "Cayman Islands", LA),
    c("KZ", "Kazakhstan", AS),
    c("LA", "Laos", AS),
    c("LB", "Lebanon", ME),
    c("LC", "Saint Lucia", LA),
    c("LI", "Liechtenstein", EU),
    c("LK", "Sri Lanka", AS),
    c("LR", "Liberia", AF),
    c("LS", "Lesotho", AF),
    c("LT", "Lithuania", EU),
    c("LU", "Luxembourg", EU),
    c("LV", "Latvia", EU),
    c("LY", "Libya", AF),
    c("MA", "Morocco", AF),
    c("MC", "Monaco", EU),
    c("MD", "Moldova", EU),
    c("ME", "Montenegro", EU),
    c("MF", "Saint Martin", LA),
    c("MG", "Madagascar", AF),
    c("MH", "Marshall Islands", OC),
    c("MK", "North Macedonia", EU),
    c("ML", "Mali", AF),
    c("MM", "Myanmar", AS),
    c("MN", "Mongolia", AS),
    c("MO", "Macao", AS),
    c("MP", "Northern Mariana Islands", OC),
    c("MQ", "Martinique", LA),
    c("MR", "Mauritania", AF),
    c("MS", "Montserrat", LA),
    c("MT", "Malta", EU),
    c("MU", "Mauritius", AF),
    c("MV", "Maldives", AS),
    c("MW", "Malawi", AF),
    c("MX", "Mexico", LA),
    c("MY", "Malaysia", AS),
    c("MZ", "Mozambique", AF),
    c("NA", "Namibia", AF),
    c("NC", "New Caledonia", OC),
    c("NE", "Niger", AF),
    c("NF", "Norfolk Island", OC),
    c("NG", "Nigeria", AF),
    c("NI", "Nicaragua", LA),
    c("NL", "Netherlands", EU),
    c("NO", "Norway", EU),
    c("NP", "Nepal", AS),
    c("NR", "Nauru", OC),
    c("NU", "Niue", OC),
    c("NZ", "New Zealand", OC),
    c("OM", "Oman", ME),
    c("PA", "Panama", LA),
    c("PE", "Peru", LA),
    c("PF", "French Polynesia", OC),
    c("PG", "Papua New Guinea", OC),
    c("PH", "Philippines", AS),
    c("PK", "Pakistan", AS),
    c("PL", "Poland", EU),
    c("PM", "Saint Pierre and Miquelon", NA),
    c("PN", "Pitcairn Islands", OC),
    c("PR", "Puerto Rico", LA),
    c("PS", "Palestine", ME),
    c("PT", "Portugal", EU),
    c("PW", "Palau", OC),
    c("PY", "Paraguay", LA),
    c("QA", "Qatar", ME),
    c("RE", "Réunion", AF),
    c("RO", "Romania", EU),
    c("RS", "Serbia", EU),
    c("RU", "Russia", EU),
    c("RW", "Rwanda", AF),
    c("SA", "Saudi Arabia", ME),
    c("SB", "Solomon Islands", OC),
    c("SC", "Seychelles", AF),
    c("SD", "Sudan", AF),
    c("SE", "Sweden", EU),
    c("SG", "Singapore", AS),
    c("SH", "Saint Helena, Ascension and Tristan da Cunha", AF),
    c("SI", "Slovenia", EU),
    c("SJ", "Svalbard and Jan Mayen", EU),
    c("SK", "Slovakia", EU),
    c("SL", "Sierra Leone", AF),
    c("SM", "San Marino", EU),
    c("SN", "Senegal", AF),
    c("SO", "Somalia", AF),
    c("SR", "Suriname", LA),
    c("SS", "South Sudan", AF),
    c("ST", "São Tomé and Príncipe", AF),
    c("SV", "El Salvador", LA),
    c("SX", "Sint Maarten", LA),
    c("SY", "Syria", ME),
    c("SZ", "Eswatini", AF),
    c("TC", "Turks and Caicos Islands", LA),
    c("TD", "Chad", AF),
    c("TF", "French Southern Territories", AF),
    c("TG", "Togo", AF),
    c("TH", "Thailand", AS),
    c("TJ", "Tajikistan", AS),
    c("TK", "Tokelau", OC),
    c("TL", "Timor-Leste", AS),
    c("TM", "Turkmenistan", AS),
    c("TN", "Tunisia", AF),
    c("TO", "Tonga", OC),
    c("TR", "Türkiye", ME),
    c("TT", "Trinidad and Tobago", LA),
    c("TV", "Tuvalu", OC),
    c("TW", "Taiwan", AS),
    c("TZ", "Tanzania", AF),
    c("UA", "Ukraine", EU),
    c("UG", "Uganda", AF),
    c("UM", "United States Minor Outlying Islands", OC),
    c("US", "United States", NA),
    c("UY", "Uruguay", LA),
    c("UZ", "Uzbekistan", AS),
    c("VA", "Vatican City", EU),
    c("VC", "Saint Vincent and the Grenadines", LA),
    c("VE", "Venezuela", LA),
    c("VG", "British Virgin Islands", LA),
    c("VI", "U.S. Virgin Islands", LA),
    c("VN", "Vietnam", AS),
    c("VU", "Vanuatu", OC),
    c("WF", "Wallis and Futuna", OC),
    c("WS", "Samoa", OC),
    c("YE", "Yemen", ME),
    c("YT", "Mayotte", AF),
    c("ZA", "South Africa", AF),
    c("ZM", "Zambia", AF),
    c("ZW", "Zimbabwe", AF),
];

#[cfg(test)]
mod tests {

    #[test]
    fn every_country_has_a_name_in_every_language() {
        use groups_i18n::{catalogue::set_current, Catalogue, Lang};
        for lang in Lang::ALL {
            set_current(Catalogue::of(*lang));
            for country in COUNTRIES {
                let name = country.local_name();
                assert!(!name.is_empty(), "{lang:?} {}", country.code);
                if *lang != Lang::En {
                    assert!(
                        Catalogue::of(*lang).country(country.code).is_some(),
                        "CLDR {lang:?} lacks {}",
                        country.code
                    );
                }
            }
        }
        set_current(Catalogue::of(Lang::Ru));
        assert_eq!(country("DE").unwrap().local_name(), "Германия");
        set_current(Catalogue::english());
        assert_eq!(country("DE").unwrap().local_name(), "Germany");
    }

    #[test]
    fn each_regions_english_name_is_its_label_and_other_languages_have_theirs() {
        for region in Region::ALL {
            assert_eq!(region.name(), region.label());
        }
        groups_i18n::catalogue::set_current(groups_i18n::Catalogue::of(groups_i18n::Lang::De));
        assert_eq!(Region::LatinAmerica.name(), "Lateinamerika und Karibik");
        groups_i18n::catalogue::set_current(groups_i18n::Catalogue::english());
    }

    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_code_appears_once_sorted_and_well_formed() {
        assert!(COUNTRIES.windows(2).all(|w| w[0].code < w[1].code), "not sorted or repeated");
        for c in &COUNTRIES {
            assert_eq!(c.code.len(), 2, "{c:?}");
            assert!(c.code.bytes().all(|b| b.is_ascii_uppercase()), "{c:?}");
            assert!(!c.name.is_empty());
        }
        let codes: HashSet<_> = COUNTRIES.iter().map(|c| c.code).collect();
        assert_eq!(codes.len(), 249);
    }

    #[test]
    fn every_region_is_reachable() {
        for region in Region::ALL {
            assert!(COUNTRIES.iter().any(|c| c.region == region), "{region:?}");
        }
    }

    #[test]
    fn lookups_by_code() {
        assert_eq!(country("DE").unwrap().region, Region::Europe);
        assert_eq!(country("BR").unwrap().region, Region::LatinAmerica);
        assert_eq!(country("AE").unwrap().region, Region::MiddleEast);
        assert_eq!(country("US").unwrap().name, "United States");
        assert_eq!(country("ZW").unwrap().region, Region::Africa);
        assert!(country("XX").is_none());
        assert!(country("de").is_none());
        assert!(country("").is_none());
    }

    #[test]
    fn slugs_round_trip_and_are_distinct() {
        let slugs: HashSet<_> = Region::ALL.iter().map(|r| r.slug()).collect();
        assert_eq!(slugs.len(), Region::ALL.len());
        for region in Region::ALL {
            assert_eq!(Region::from_slug(region.slug()), Some(region));
        }
        assert_eq!(Region::from_slug("atlantis"), None);
        assert_eq!(Region::LatinAmerica.to_string(), "Latin America & Caribbean");
    }
}
