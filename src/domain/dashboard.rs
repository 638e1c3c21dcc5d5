//! The dashboard's arithmetic: time buckets (hours, days), the median, and an article's status
//! as the newsroom counts it. Plain functions, so the numbers the pages show are tested here.

use chrono::{DateTime, Duration, DurationRound, Utc};

use crate::domain::newsroom::{Publication, Workflow};

/// The start of the hour `t` falls in (UTC): the key page views are counted under.
pub fn hour_of(t: DateTime<Utc>) -> DateTime<Utc> {
    t.duration_trunc(Duration::hours(1)).unwrap_or(t)
}

/// The start of the day `t` falls in (UTC).
pub fn day_of(t: DateTime<Utc>) -> DateTime<Utc> {
    t.duration_trunc(Duration::days(1)).unwrap_or(t)
}

/// Counts `times` into `n` buckets of `width`, the last ending with the bucket `now` is in
/// (`truncate` gives a time's bucket start): the buckets' starts, oldest first, with their
/// counts. Times outside the buckets are ignored.
pub fn bucket_counts(
    times: impl IntoIterator<Item = DateTime<Utc>>,
    now: DateTime<Utc>,
    n: usize,
    width: Duration,
    truncate: fn(DateTime<Utc>) -> DateTime<Utc>,
) -> Vec<(DateTime<Utc>, i64)> {
    let last = truncate(now);
    let first = last - width * (n as i32 - 1);
    let mut buckets: Vec<(DateTime<Utc>, i64)> =
        (0..n).map(|i| (first + width * i as i32, 0)).collect();
    for t in times {
        let start = truncate(t);
        if start < first || start > last {
            continue;
        }
        let i = ((start - first).num_seconds() / width.num_seconds()) as usize;
        if let Some(b) = buckets.get_mut(i) {
            b.1 += 1;
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

/// "3 min", "2 h 5 min", "1 d 4 h": a duration as a person reads it.
pub fn human_duration(d: Duration) -> String {
    let minutes = d.num_minutes();
    if minutes < 1 {
        return format!("{} s", d.num_seconds().max(0));
    }
    if minutes < 60 {
        return format!("{minutes} min");
    }
    let (hours, minutes) = (minutes / 60, minutes % 60);
    if hours < 24 {
        return if minutes == 0 {
            format!("{hours} h")
        } else {
            format!("{hours} h {minutes} min")
        };
    }
    let (days, hours) = (hours / 24, hours % 24);
    if hours == 0 {
        format!("{days} d")
    } else {
        format!("{days} d {hours} h")
    }
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

    #[test]
    fn hours_and_days_start_on_the_hour_and_at_midnight() {
        assert_eq!(
            hour_of(t("2026-06-01T12:59:59.9Z")),
            t("2026-06-01T12:00:00Z")
        );
        assert_eq!(
            hour_of(t("2026-06-01T13:00:00Z")),
            t("2026-06-01T13:00:00Z")
        );
        assert_eq!(day_of(t("2026-06-01T23:59:00Z")), t("2026-06-01T00:00:00Z"));
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
        let b = bucket_counts(times, now, 3, Duration::hours(1), hour_of);
        assert_eq!(
            b,
            vec![
                (t("2026-06-01T10:00:00Z"), 1),
                (t("2026-06-01T11:00:00Z"), 0),
                (t("2026-06-01T12:00:00Z"), 2),
            ]
        );
        let days = bucket_counts(
            [t("2026-05-31T08:00:00Z")],
            now,
            2,
            Duration::days(1),
            day_of,
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
        assert_eq!(human_duration(Duration::seconds(42)), "42 s");
        assert_eq!(human_duration(Duration::minutes(5)), "5 min");
        assert_eq!(human_duration(Duration::minutes(125)), "2 h 5 min");
        assert_eq!(human_duration(Duration::hours(3)), "3 h");
        assert_eq!(human_duration(Duration::hours(28)), "1 d 4 h");
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
