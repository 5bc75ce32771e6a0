//! Groups' calendar feeds: iCalendar as Meetup, Google, Outlook and hand-made tools write it,
//! read leniently into meetings, and calendars written for subscribers. Pure: no I/O.
