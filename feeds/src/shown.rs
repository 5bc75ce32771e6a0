//! What a meeting shows of its event (title, place, link, online, cancelled), made safe
//! once per VEVENT and shared by each of its dates: a series has hundreds of dates, and a
//! feed of 2 MiB may have a title of megabytes, which cleaned for every date took seconds.

use crate::event::Details;
use crate::online;
use crate::text::{clean_opt, https_only};
use crate::{DEFAULT_TITLE, TEXT_MAX};
use chrono::{DateTime, Utc};

/// The texts and flags of a meeting, ready to show.
#[derive(Clone, Debug)]
pub(crate) struct Shown {
    pub(crate) title: String,
    pub(crate) place: Option<String>,
    pub(crate) url: Option<String>,
    pub(crate) online: bool,
    pub(crate) cancelled: bool,
    pub(crate) last_modified: Option<DateTime<Utc>>,
    pub(crate) sequence: u32,
}

impl Shown {
    /// An event's own.
    pub(crate) fn of(d: &Details) -> Shown {
        let place = clean_opt(d.location.as_deref(), TEXT_MAX);
        Shown {
            title: clean_opt(d.summary.as_deref(), TEXT_MAX).unwrap_or_else(|| DEFAULT_TITLE.to_owned()),
            online: online::is_online(place.as_deref(), d.url.as_deref(), d.description.as_deref()),
            place,
            url: https_only_of(d.url.as_deref()),
            cancelled: d.cancelled.unwrap_or(false),
            last_modified: d.last_modified,
            sequence: d.sequence.unwrap_or(0),
        }
    }

    /// A moved date's: what it says itself, the rest as its series (`series`, shown as
    /// `self`) has it, without cleaning the series' texts again.
    pub(crate) fn moved(&self, own: &Details, series: &Details) -> Shown {
        let place = match &own.location {
            Some(location) => clean_opt(Some(location), TEXT_MAX),
            None => self.place.clone(),
        };
        let online = if own.location.is_none() && own.url.is_none() && own.description.is_none() {
            self.online
        } else {
            let url = own.url.as_deref().or(series.url.as_deref());
            online::is_online(place.as_deref(), url, own.description.as_deref().or(series.description.as_deref()))
        };
        Shown {
            title: match &own.summary {
                Some(summary) => clean_opt(Some(summary), TEXT_MAX).unwrap_or_else(|| DEFAULT_TITLE.to_owned()),
                None => self.title.clone(),
            },
            place,
            url: if own.url.is_some() { https_only_of(own.url.as_deref()) } else { self.url.clone() },
            online,
            cancelled: own.cancelled.or(series.cancelled).unwrap_or(false),
            last_modified: own.last_modified.or(series.last_modified),
            sequence: own.sequence.or(series.sequence).unwrap_or(0),
        }
    }
}

fn https_only_of(url: Option<&str>) -> Option<String> {
    url.and_then(|u| https_only(u.trim()))
}
