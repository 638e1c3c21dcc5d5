//! Dates, times and numbers as a person reads them, in one language and one time zone: the
//! one place the product turns a moment or a count into words.
//!
//! English keeps the product's own forms ("7 December 2026, 09:45 UTC", "7 Dec 2026", "1234"),
//! which the contract and its tests read; in another zone only the zone's abbreviation changes
//! ("CET"). Every other language takes CLDR's forms through ICU4X (`icu_datetime`,
//! `icu_decimal`, compiled data): its date-time glue, month names, digits and grouping. ICU4X
//! rather than chrono's `unstable-locales`: that feature has month names and date patterns but
//! no number formatting, no localised zone names and no CLDR glue between a date and a time,
//! and it is marked unstable. Formatters are made once per language and kept.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use chrono::{DateTime, Datelike, Offset, Timelike, Utc};
use icu_datetime::DateTimeFormatter;
use icu_datetime::fieldsets::{Combo, YMD, YMDT, zone::SpecificShort};
use icu_datetime::input::{Date, Time, TimeZone, UtcOffset, ZonedDateTime};
use icu_decimal::DecimalFormatter;
use icu_decimal::input::Decimal;
use icu_time::zone::ZoneNameTimestamp;

use super::{LanguageTag, Zone};

/// How a page puts moments and counts into words: its reader's language and time zone.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dates {
    pub lang: LanguageTag,
    pub zone: Zone,
}

impl Dates {
    pub fn new(lang: LanguageTag, zone: Zone) -> Dates {
        Dates { lang, zone }
    }

    /// The same language in another zone (a member's own).
    pub fn in_zone(&self, zone: Zone) -> Dates {
        Dates {
            lang: self.lang.clone(),
            zone,
        }
    }

    /// A moment to the minute, with its zone: "7 December 2026, 09:45 CET".
    pub fn long(&self, t: DateTime<Utc>) -> String {
        let local = self.zone.local(t);
        match formatters(&self.lang) {
            None => local.format("%-d %B %Y, %H:%M %Z").to_string(),
            Some(f) => {
                let Some(at) = zoned(self.zone, t) else {
                    return local.format("%Y-%m-%d %H:%M %Z").to_string();
                };
                f.long.format(&at).to_string()
            }
        }
    }

    /// A moment within the year, for mails about the last day: "7 December, 09:45 CET" in
    /// English; other languages write the year too.
    pub fn day_and_time(&self, t: DateTime<Utc>) -> String {
        if formatters(&self.lang).is_none() {
            return self.zone.local(t).format("%-d %B, %H:%M %Z").to_string();
        }
        self.long(t)
    }

    /// A day, short: "7 Dec 2026".
    pub fn short(&self, t: DateTime<Utc>) -> String {
        self.date(t, "%-d %b %Y", |f| &f.short)
    }

    /// A day in full: "7 December 2026".
    pub fn day(&self, t: DateTime<Utc>) -> String {
        self.date(t, "%-d %B %Y", |f| &f.day)
    }

    fn date(
        &self,
        t: DateTime<Utc>,
        english: &str,
        which: impl Fn(&Formatters) -> &DateTimeFormatter<YMD>,
    ) -> String {
        let local = self.zone.local(t);
        match formatters(&self.lang) {
            None => local.format(english).to_string(),
            Some(f) => match iso_date(&local) {
                Some(d) => which(&f).format(&d).to_string(),
                None => local.format("%Y-%m-%d").to_string(),
            },
        }
    }

    /// A count: "1234" in English as the pages always wrote it, "1.234" in German, "١٬٢٣٤" in
    /// Arabic.
    pub fn number(&self, n: i64) -> String {
        match formatters(&self.lang) {
            None => n.to_string(),
            Some(f) => f.number.format(&Decimal::from(n)).to_string(),
        }
    }

    /// A quantity given in tenths, with its one decimal when it has one: "1.5" and "15" in
    /// English, "1,5" in German.
    pub fn tenths(&self, tenths: u64) -> String {
        if tenths.is_multiple_of(10) {
            return self.number(i64::try_from(tenths / 10).unwrap_or(i64::MAX));
        }
        match formatters(&self.lang) {
            None => format!("{}.{}", tenths / 10, tenths % 10),
            Some(f) => {
                let mut d = Decimal::from(tenths);
                d.multiply_pow10(-1);
                f.number.format(&d).to_string()
            }
        }
    }
}

/// One language's formatters.
struct Formatters {
    long: DateTimeFormatter<Combo<YMDT, SpecificShort>>,
    short: DateTimeFormatter<YMD>,
    day: DateTimeFormatter<YMD>,
    number: DecimalFormatter,
}

/// At most this many languages' formatters are kept per thread (a site uses a handful).
const MAX_KEPT: usize = 64;

thread_local! {
    /// Each thread's formatters by language: ICU4X's compiled-data formatters are not `Sync`
    /// (their data handles are reference-counted without atomics), and a handful of languages
    /// on a handful of runtime threads is little to keep.
    static KEPT: RefCell<HashMap<String, Option<Rc<Formatters>>>> = RefCell::default();
}

/// The formatters of `lang`, made on first use; `None` for English (the product's own forms)
/// and for a language ICU4X cannot load (then English forms too, never a failed page).
fn formatters(lang: &LanguageTag) -> Option<Rc<Formatters>> {
    if lang.is_english() {
        return None;
    }
    KEPT.with(|kept| {
        if let Some(f) = kept.borrow().get(lang.as_str()) {
            return f.clone();
        }
        let made = make(lang).map(Rc::new);
        let mut kept = kept.borrow_mut();
        if kept.len() >= MAX_KEPT {
            kept.clear();
        }
        kept.insert(lang.as_str().to_owned(), made.clone());
        made
    })
}

fn make(lang: &LanguageTag) -> Option<Formatters> {
    let id = lang.identifier();
    let prefs = || (&id).into();
    Some(Formatters {
        long: DateTimeFormatter::try_new(
            prefs(),
            YMD::long().with_time_hm().with_zone(SpecificShort),
        )
        .ok()?,
        short: DateTimeFormatter::try_new(prefs(), YMD::medium()).ok()?,
        day: DateTimeFormatter::try_new(prefs(), YMD::long()).ok()?,
        number: DecimalFormatter::try_new((&id).into(), Default::default()).ok()?,
    })
}

fn iso_date(local: &DateTime<chrono_tz::Tz>) -> Option<Date<icu_calendar::Iso>> {
    Date::try_new_iso(local.year(), local.month() as u8, local.day() as u8).ok()
}

/// `t` in `zone` as ICU4X takes it: the local date and time, the zone and its offset then.
fn zoned(
    zone: Zone,
    t: DateTime<Utc>,
) -> Option<ZonedDateTime<icu_calendar::Iso, icu_time::TimeZoneInfo<icu_time::zone::models::AtTime>>>
{
    let local = zone.local(t);
    let offset = UtcOffset::try_from_seconds(local.offset().fix().local_minus_utc()).ok();
    Some(ZonedDateTime {
        date: iso_date(&local)?,
        time: Time::try_new(local.hour() as u8, local.minute() as u8, 0, 0).ok()?,
        zone: TimeZone::from_iana_id(zone.name())
            .with_offset(offset)
            .with_zone_name_timestamp(ZoneNameTimestamp::from_epoch_seconds(t.timestamp())),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn dates(lang: &str, zone: &str) -> Dates {
        Dates::new(
            LanguageTag::parse(lang).unwrap(),
            Zone::parse(zone).unwrap(),
        )
    }

    #[test]
    fn english_in_utc_reads_as_the_pages_always_did() {
        let d = dates("en", "UTC");
        let t = at("2026-12-07T08:05:00Z");
        assert_eq!(d.long(t), "7 December 2026, 08:05 UTC");
        assert_eq!(d.short(t), "7 Dec 2026");
        assert_eq!(d.day(t), "7 December 2026");
        assert_eq!(d.day_and_time(t), "7 December, 08:05 UTC");
        assert_eq!(d.number(1234), "1234");
        assert_eq!((d.tenths(15), d.tenths(150)), ("1.5".into(), "15".into()));
        assert_eq!(dates("de", "UTC").tenths(15), "1,5");
    }

    #[test]
    fn english_in_a_zone_shows_its_clock_and_abbreviation_across_a_clock_change() {
        let d = dates("en", "Europe/Berlin");
        assert_eq!(
            d.long(at("2026-12-07T23:30:00Z")),
            "8 December 2026, 00:30 CET"
        );
        assert_eq!(
            d.long(at("2026-07-01T12:00:00Z")),
            "1 July 2026, 14:00 CEST"
        );
        // The day changes with the zone.
        assert_eq!(d.short(at("2026-12-31T23:30:00Z")), "1 Jan 2027");
    }

    #[test]
    fn each_shipped_language_has_its_own_forms() {
        let t = at("2026-03-07T14:05:00Z");
        let cases = [
            ("de", "7. März 2026", "1.234.567"),
            ("fr", "7 mars 2026", "1\u{202f}234\u{202f}567"),
            ("es", "7 de marzo de 2026", "1.234.567"),
            ("pt-BR", "7 de março de 2026", "1.234.567"),
        ];
        for (lang, day, number) in cases {
            let d = dates(lang, "UTC");
            assert_eq!(d.day(t), day, "{lang}");
            assert_eq!(d.number(1_234_567), number, "{lang}");
            let long = d.long(t);
            assert!(long.contains("14:05"), "{lang}: {long}");
            assert!(
                long.contains(day.split(' ').next().unwrap()),
                "{lang}: {long}"
            );
        }
        let ar = dates("ar", "UTC");
        assert!(ar.day(t).contains("مارس"), "{}", ar.day(t));
        assert_ne!(ar.number(1_234_567), "1234567");
    }

    #[test]
    fn other_languages_follow_the_zone_too() {
        let t = at("2026-07-01T12:00:00Z");
        let long = dates("de", "Europe/Berlin").long(t);
        assert!(long.contains("14:00"), "{long}");
        assert!(long.contains("MESZ"), "{long}");
    }
}
