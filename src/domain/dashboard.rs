//! The dashboard's arithmetic: time buckets (hours, days), the median, and an article's status
//! as the newsroom counts it. Plain functions, so the numbers the pages show are tested here.

use chrono::{DateTime, Days, Duration, DurationRound, NaiveDate, NaiveTime, Timelike, Utc};

use crate::domain::locale::Zone;
use crate::domain::newsroom::{Publication, Workflow, local_to_utc};

/// The start of the hour `t` falls in (UTC): the key page views are counted under.
pub fn hour_of(t: DateTime<Utc>) -> DateTime<Utc> {
    t.duration_trunc(Duration::hours(1)).unwrap_or(t)
}

/// The start of the hour `t` falls in on `zone`'s clocks (in a zone half an hour off UTC, its
/// hours start at half past on UTC's).
pub fn hour_in(zone: Zone, t: DateTime<Utc>) -> DateTime<Utc> {
    let local = zone.local(t);
    t - Duration::minutes(local.minute().into())
        - Duration::seconds(local.second().into())
        - Duration::nanoseconds(local.nanosecond().into())
}

/// The start of the day `t` falls in on `zone`'s clocks: its midnight there (days are 23 or 25
/// hours long when the clocks change).
pub fn day_in(zone: Zone, t: DateTime<Utc>) -> DateTime<Utc> {
    start_of_day(zone, zone.local(t).date_naive())
}

/// The first moment of `date` on `zone`'s clocks: midnight, or where the clocks skip midnight,
/// the first minute that exists.
fn start_of_day(zone: Zone, date: NaiveDate) -> DateTime<Utc> {
    let midnight = date.and_time(NaiveTime::MIN);
    (0..=24 * 60)
        .find_map(|m| local_to_utc(zone, midnight + Duration::minutes(m)))
        .unwrap_or_else(|| midnight.and_utc())
}

/// The starts of the last `n` hours on `zone`'s clocks, oldest first, the last the one `now`
/// is in.
pub fn hour_starts(zone: Zone, now: DateTime<Utc>, n: usize) -> Vec<DateTime<Utc>> {
    let last = hour_in(zone, now);
    (0..n as i64)
        .rev()
        .map(|i| last - Duration::hours(i))
        .collect()
}

/// The starts of the last `n` days on `zone`'s clocks, oldest first, the last today.
pub fn day_starts(zone: Zone, now: DateTime<Utc>, n: usize) -> Vec<DateTime<Utc>> {
    let today = zone.local(now).date_naive();
    (0..n as u64)
        .rev()
        .map(|i| start_of_day(zone, today - Days::new(i)))
        .collect()
}

/// Counts `times` into the buckets that begin at `starts` (oldest first; `bucket` gives a
/// time's bucket start): each start with its count. Times outside the buckets are ignored.
pub fn bucket_counts(
    starts: Vec<DateTime<Utc>>,
    times: impl IntoIterator<Item = DateTime<Utc>>,
    bucket: impl Fn(DateTime<Utc>) -> DateTime<Utc>,
) -> Vec<(DateTime<Utc>, i64)> {
    let mut buckets: Vec<(DateTime<Utc>, i64)> = starts.into_iter().map(|s| (s, 0)).collect();
    for t in times {
        let start = bucket(t);
        if let Ok(i) = buckets.binary_search_by(|b| b.0.cmp(&start)) {
            buckets[i].1 += 1;
        }
    }
    buckets
}

/// The median of `values` (the mean of the two middle ones for an even count); `None` for none.
pub fn median(mut values: Vec<Duration>) -> Option<Duration> {
    if values.is_empty() {
        return None;
    }
    values.sort();
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]) / 2
    })
}

/// A duration in the units a person reads it in: seconds under a minute, minutes under an
/// hour, hours and minutes under a day, then days and hours ("3 min", "2 h 5 min", "1 d 4 h"
/// in English; the web layer words it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HumanDuration {
    Seconds(i64),
    Minutes(i64),
    /// Hours and minutes (0 when on the hour).
    Hours(i64, i64),
    /// Days and hours (0 when on the day).
    Days(i64, i64),
}

pub fn human_duration(d: Duration) -> HumanDuration {
    let minutes = d.num_minutes();
    if minutes < 1 {
        return HumanDuration::Seconds(d.num_seconds().max(0));
    }
    if minutes < 60 {
        return HumanDuration::Minutes(minutes);
    }
    let (hours, minutes) = (minutes / 60, minutes % 60);
    if hours < 24 {
        return HumanDuration::Hours(hours, minutes);
    }
    HumanDuration::Days(hours / 24, hours % 24)
}

/// Where an article stands, as the newsroom's dashboard counts it: readers see it, it is
/// scheduled, or it is unpublished at a step of the workflow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ArticleStatus {
    Draft,
    InReview,
    Approved,
    Scheduled,
    Published,
}

impl ArticleStatus {
    pub const ALL: [ArticleStatus; 5] = [
        ArticleStatus::Draft,
        ArticleStatus::InReview,
        ArticleStatus::Approved,
        ArticleStatus::Scheduled,
        ArticleStatus::Published,
    ];

    /// Publication first: a published article being rewritten is still published.
    pub fn of(workflow: Workflow, published_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Self {
        match Publication::of(published_at, now) {
            Publication::Published(_) => ArticleStatus::Published,
            Publication::Scheduled(_) => ArticleStatus::Scheduled,
            Publication::Unpublished => match workflow {
                Workflow::Draft => ArticleStatus::Draft,
                Workflow::InReview => ArticleStatus::InReview,
                Workflow::Approved => ArticleStatus::Approved,
            },
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ArticleStatus::Draft => "Draft",
            ArticleStatus::InReview => "In review",
            ArticleStatus::Approved => "Approved, not published",
            ArticleStatus::Scheduled => "Scheduled",
            ArticleStatus::Published => "Published",
        }
    }

    /// The newsroom list's filter value for this status.
    pub fn filter(self) -> &'static str {
        match self {
            ArticleStatus::Draft => "draft",
            ArticleStatus::InReview => "in_review",
            ArticleStatus::Approved => "approved",
            ArticleStatus::Scheduled => "scheduled",
            ArticleStatus::Published => "published",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn zone(name: &str) -> Zone {
        Zone::parse(name).unwrap()
    }

    #[test]
    fn hours_and_days_start_on_the_hour_and_at_midnight_of_the_viewers_clocks() {
        assert_eq!(
            hour_of(t("2026-06-01T12:59:59.9Z")),
            t("2026-06-01T12:00:00Z")
        );
        assert_eq!(
            hour_in(Zone::UTC, t("2026-06-01T13:00:00Z")),
            t("2026-06-01T13:00:00Z")
        );
        // Kolkata is UTC+5:30: its hours start at half past on UTC's clocks.
        assert_eq!(
            hour_in(zone("Asia/Kolkata"), t("2026-06-01T13:10:00Z")),
            t("2026-06-01T12:30:00Z")
        );
        assert_eq!(
            day_in(Zone::UTC, t("2026-06-01T23:59:00Z")),
            t("2026-06-01T00:00:00Z")
        );
        // 23:30 UTC is already the next day in Berlin (UTC+2 in summer).
        assert_eq!(
            day_in(zone("Europe/Berlin"), t("2026-06-01T23:30:00Z")),
            t("2026-06-01T22:00:00Z")
        );
        // 4 November 2018: São Paulo's clocks went from midnight to 01:00, so that day began
        // at 01:00 local (03:00 UTC).
        assert_eq!(
            day_in(zone("America/Sao_Paulo"), t("2018-11-04T12:00:00Z")),
            t("2018-11-04T03:00:00Z")
        );
    }

    #[test]
    fn days_across_a_clock_change_are_23_and_25_hours_long() {
        let berlin = zone("Europe/Berlin");
        let spring = day_starts(berlin, t("2026-03-30T12:00:00Z"), 3);
        assert_eq!(
            spring,
            [
                t("2026-03-27T23:00:00Z"),
                t("2026-03-28T23:00:00Z"),
                t("2026-03-29T22:00:00Z"),
            ]
        );
        let autumn = day_starts(berlin, t("2026-10-26T12:00:00Z"), 2);
        assert_eq!(
            autumn,
            [t("2026-10-24T22:00:00Z"), t("2026-10-25T23:00:00Z")]
        );
        // A comment at 23:30 UTC on the 25th is on the 26th in Berlin; one at 22:30 on the 25th.
        let b = bucket_counts(
            autumn,
            [t("2026-10-25T23:30:00Z"), t("2026-10-25T22:30:00Z")],
            |x| day_in(berlin, x),
        );
        assert_eq!(
            b,
            [
                (t("2026-10-24T22:00:00Z"), 1),
                (t("2026-10-25T23:00:00Z"), 1)
            ]
        );
    }

    #[test]
    fn times_fall_into_their_buckets_and_outside_ones_are_left_out() {
        let now = t("2026-06-01T12:30:00Z");
        let times = [
            t("2026-06-01T12:01:00Z"),
            t("2026-06-01T12:29:00Z"),
            t("2026-06-01T10:00:00Z"),
            t("2026-06-01T09:59:59Z"), // before the first of three hours
            t("2026-06-01T13:00:00Z"), // after now's hour
        ];
        let b = bucket_counts(hour_starts(Zone::UTC, now, 3), times, |x| {
            hour_in(Zone::UTC, x)
        });
        assert_eq!(
            b,
            vec![
                (t("2026-06-01T10:00:00Z"), 1),
                (t("2026-06-01T11:00:00Z"), 0),
                (t("2026-06-01T12:00:00Z"), 2),
            ]
        );
        let days = bucket_counts(
            day_starts(Zone::UTC, now, 2),
            [t("2026-05-31T08:00:00Z")],
            |x| day_in(Zone::UTC, x),
        );
        assert_eq!(
            days,
            vec![
                (t("2026-05-31T00:00:00Z"), 1),
                (t("2026-06-01T00:00:00Z"), 0)
            ]
        );
    }

    #[test]
    fn the_median_is_the_middle_or_the_mean_of_the_two_middles() {
        let m = |v: &[i64]| median(v.iter().map(|s| Duration::seconds(*s)).collect());
        assert_eq!(m(&[]), None);
        assert_eq!(m(&[30, 10, 20]), Some(Duration::seconds(20)));
        assert_eq!(m(&[40, 10, 20, 30]), Some(Duration::seconds(25)));
    }

    #[test]
    fn durations_read_as_a_person_says_them() {
        use HumanDuration as H;
        assert_eq!(human_duration(Duration::seconds(42)), H::Seconds(42));
        assert_eq!(human_duration(Duration::minutes(5)), H::Minutes(5));
        assert_eq!(human_duration(Duration::minutes(125)), H::Hours(2, 5));
        assert_eq!(human_duration(Duration::hours(3)), H::Hours(3, 0));
        assert_eq!(human_duration(Duration::hours(28)), H::Days(1, 4));
    }

    #[test]
    fn publication_comes_before_the_workflow() {
        let now = t("2026-06-01T12:00:00Z");
        let hour = Duration::hours(1);
        assert_eq!(
            ArticleStatus::of(Workflow::Draft, Some(now - hour), now),
            ArticleStatus::Published
        );
        assert_eq!(
            ArticleStatus::of(Workflow::Approved, Some(now + hour), now),
            ArticleStatus::Scheduled
        );
        assert_eq!(
            ArticleStatus::of(Workflow::InReview, None, now),
            ArticleStatus::InReview
        );
        assert_eq!(
            ArticleStatus::of(Workflow::Draft, None, now),
            ArticleStatus::Draft
        );
    }
}
