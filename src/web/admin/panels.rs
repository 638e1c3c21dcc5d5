//! The dashboard's three parts, each gathered from the store into figures: a chart and the
//! same numbers in a table.

use chrono::{DateTime, Duration, Utc};

use super::chart::{self, Caption, Series};
use super::{Figure, Panel, Row, Table};
use crate::domain::comment::CommentStatus;
use crate::domain::dashboard::{
    HumanDuration, bucket_counts, day_in, day_starts, hour_in, hour_starts, human_duration, median,
};
use crate::domain::jobs::{JobKind, JobStatus};
use crate::domain::l10n::Tr;
use crate::domain::locale::Dates;
use crate::domain::moderation::Queue;
use crate::domain::user::Role;
use crate::store::dashboard::ArticleTally;
use crate::store::sessions::SessionUser;
use crate::web::layout::TimeView;
use crate::web::newsroom::words::status_label;
use crate::web::{AppState, Result};

/// Rows in each "most" list.
const TOP: i64 = 5;

/// The viewer's language and clocks: the dashboard's words, and the hours and days it counts
/// by.
pub(super) struct Words<'a> {
    pub tr: Tr,
    pub dates: &'a Dates,
}

impl Words<'_> {
    fn t(&self, id: &str) -> String {
        self.tr.t(id)
    }

    fn head(&self, ids: &[&str]) -> Vec<String> {
        ids.iter().map(|id| self.tr.t(id)).collect()
    }

    fn duration(&self, d: HumanDuration) -> String {
        let tr = self.tr;
        match d {
            HumanDuration::Seconds(s) => tr.t1("newsroom-dash-seconds", "s", s),
            HumanDuration::Minutes(min) => tr.t1("newsroom-dash-minutes", "min", min),
            HumanDuration::Hours(h, 0) => tr.t1("newsroom-dash-hours", "h", h),
            HumanDuration::Hours(h, min) => {
                tr.t2("newsroom-dash-hours-minutes", "h", h, "min", min)
            }
            HumanDuration::Days(d, 0) => tr.t1("newsroom-dash-days", "d", d),
            HumanDuration::Days(d, h) => tr.t2("newsroom-dash-days-hours", "d", d, "h", h),
        }
    }

    /// An hour's start on the viewer's clocks: "7 Dec 14:00" in English.
    fn hour(&self, t: DateTime<Utc>) -> String {
        let local = self.dates.zone.local(t);
        if self.dates.lang.is_english() {
            return local.format("%-d %b %H:%M").to_string();
        }
        format!("{} {}", self.dates.short(t), local.format("%H:%M"))
    }

    /// A day on the viewer's clocks: "7 Dec" in English.
    fn day(&self, t: DateTime<Utc>) -> String {
        if self.dates.lang.is_english() {
            return self.dates.zone.local(t).format("%-d %b").to_string();
        }
        self.dates.short(t)
    }

    fn queue(&self, q: Queue) -> String {
        self.t(match q {
            Queue::Pending => "newsroom-dash-queue-pending",
            Queue::Reported => "newsroom-dash-queue-reported",
            Queue::Flagged => "newsroom-dash-queue-flagged",
        })
    }
}

fn figure(id: &'static str, heading: impl Into<String>, table: Table, words: &Words) -> Figure {
    Figure {
        id,
        heading: heading.into(),
        svg: None,
        legend: Vec::new(),
        table,
        empty: words.t("newsroom-dash-nothing-yet"),
        folded: false,
    }
}

/// Bars for a table whose first cell is a count.
fn with_bars(mut f: Figure, desc: &str) -> Figure {
    if f.table.rows.is_empty() {
        return f;
    }
    let bars: Vec<(&str, i64)> = f
        .table
        .rows
        .iter()
        .map(|r| (r.label.as_str(), r.cells[0].parse().unwrap_or(0)))
        .collect();
    let id = format!("{}-chart", f.id);
    f.svg = Some(chart::bars(
        &Caption {
            id: &id,
            title: &f.heading,
            desc,
        },
        &bars,
    ));
    f
}

fn tally_figure(
    id: &'static str,
    heading: &str,
    column: &str,
    tallies: Vec<ArticleTally>,
    words: &Words,
) -> Figure {
    let desc = tallies
        .iter()
        .map(|t| format!("{}: {}", t.title, t.count))
        .collect::<Vec<_>>()
        .join("; ");
    let rows = tallies
        .into_iter()
        .map(|t| Row {
            label: t.title,
            href: Some(format!("/articles/{}", t.slug)),
            cells: vec![t.count.to_string()],
        })
        .collect();
    let mut f = figure(
        id,
        heading,
        Table {
            head: vec![words.t("newsroom-dash-story"), words.t(column)],
            rows,
        },
        words,
    );
    f.empty = words.t("newsroom-dash-none-in-time");
    with_bars(f, &desc)
}

/// The newsroom: articles by status, what is scheduled next, the stories most read and most
/// discussed over the last day and week. Contributors see their own articles' statuses and
/// schedule (the newsroom shows them no one else's); the stories readers see are everyone's.
pub(super) async fn newsroom(
    state: &AppState,
    user: &SessionUser,
    now: DateTime<Utc>,
    words: &Words<'_>,
) -> Result<Panel> {
    let store = &state.store;
    let own = (user.role() < Role::Editor).then_some(user.id);
    let statuses = store.article_status_counts(now, own).await?;
    let desc = statuses
        .iter()
        .map(|(s, n)| format!("{}: {n}", status_label(words.tr, *s)))
        .collect::<Vec<_>>()
        .join("; ");
    let status_rows = statuses
        .iter()
        .map(|(s, n)| Row {
            label: status_label(words.tr, *s),
            href: Some(format!("/admin/articles?status={}", s.filter())),
            cells: vec![n.to_string()],
        })
        .collect();
    let heading = words.t(if own.is_some() {
        "newsroom-dash-your-status"
    } else {
        "newsroom-dash-status"
    });
    let by_status = with_bars(
        figure(
            "dash-status",
            heading,
            Table {
                head: words.head(&["newsroom-status", "newsroom-articles"]),
                rows: status_rows,
            },
            words,
        ),
        &desc,
    );
    let scheduled = store.scheduled_next(now, own, TOP).await?;
    let mut next = figure(
        "dash-scheduled",
        words.t("newsroom-dash-scheduled-next"),
        Table {
            head: words.head(&["newsroom-dash-story", "newsroom-publication"]),
            rows: scheduled
                .into_iter()
                .map(|s| Row {
                    label: s.title,
                    href: Some(format!("/admin/articles/{}", s.id)),
                    cells: vec![TimeView::long(s.published_at, words.dates).human],
                })
                .collect(),
        },
        words,
    );
    next.empty = words.t("newsroom-dash-nothing-scheduled");
    let day = now - Duration::hours(23);
    let week = now - Duration::days(7);
    let figures = vec![
        by_status,
        next,
        tally_figure(
            "dash-read-day",
            &words.t("newsroom-dash-read-day"),
            "newsroom-dash-views",
            store.most_read(day, now, TOP).await?,
            words,
        ),
        tally_figure(
            "dash-read-week",
            &words.t("newsroom-dash-read-week"),
            "newsroom-dash-views",
            store.most_read(week, now, TOP).await?,
            words,
        ),
        tally_figure(
            "dash-discussed-day",
            &words.t("newsroom-dash-discussed-day"),
            "newsroom-comments",
            store
                .most_discussed_since(now - Duration::hours(24), now, TOP)
                .await?,
            words,
        ),
        tally_figure(
            "dash-discussed-week",
            &words.t("newsroom-dash-discussed-week"),
            "newsroom-comments",
            store.most_discussed_since(week, now, TOP).await?,
            words,
        ),
    ];
    Ok(Panel {
        id: "newsroom",
        heading: words.t("newsroom-dash-newsroom"),
        links: vec![
            ("/admin/articles", words.t("newsroom-articles")),
            ("/admin/articles/new", words.t("newsroom-new-article")),
        ],
        figures,
    })
}

/// The moderation desk: its queues now, comments per hour over two days by where they stand,
/// the median time to a decision over the last week, and the busiest threads of the day.
pub(super) async fn moderation(
    state: &AppState,
    now: DateTime<Utc>,
    words: &Words<'_>,
) -> Result<Panel> {
    let store = &state.store;
    let queues = store.queue_sizes().await?;
    let desc = queues
        .iter()
        .map(|(q, n)| format!("{}: {n}", words.queue(*q)))
        .collect::<Vec<_>>()
        .join("; ");
    let queue_figure = with_bars(
        figure(
            "dash-queues",
            words.t("newsroom-dash-queues-now"),
            Table {
                head: words.head(&["newsroom-dash-queue", "newsroom-comments"]),
                rows: queues
                    .iter()
                    .map(|(q, n)| Row {
                        label: words.queue(*q),
                        href: Some(format!("/admin/moderation?queue={}", q.as_str())),
                        cells: vec![n.to_string()],
                    })
                    .collect(),
            },
            words,
        ),
        &desc,
    );
    const HOURS: usize = 48;
    // Hours on the viewer's clocks (the member's own zone, else the site's).
    let zone = words.dates.zone;
    let starts = hour_starts(zone, now, HOURS);
    let posted = store.comments_posted_since(starts[0]).await?;
    let count = |keep: fn(CommentStatus) -> bool| {
        bucket_counts(
            starts.clone(),
            posted.iter().filter(|(_, s)| keep(*s)).map(|(t, _)| *t),
            |t| hour_in(zone, t),
        )
    };
    let all = count(|_| true);
    let held = count(|s| s == CommentStatus::Pending);
    let rejected = count(|s| s == CommentStatus::Rejected);
    let hourly = series_figure(
        "dash-hourly",
        &words.t("newsroom-dash-hourly"),
        words
            .tr
            .t1("newsroom-dash-hour-column", "zone", zone.name()),
        &[
            ("series-1", words.t("newsroom-dash-posted"), &all[..]),
            ("series-2", words.t("newsroom-dash-held-now"), &held[..]),
            ("series-3", words.t("newsroom-dash-rejected"), &rejected[..]),
        ],
        |t| words.hour(t),
        words,
    );
    let delays = store.decision_delays(now - Duration::days(7)).await?;
    let decisions = delays.len();
    let mut decision = figure(
        "dash-decision",
        words.t("newsroom-dash-decision"),
        Table {
            head: words.head(&["newsroom-dash-measure", "newsroom-dash-value"]),
            rows: match median(delays) {
                Some(m) => vec![
                    Row {
                        label: words.t("newsroom-dash-median"),
                        href: None,
                        cells: vec![words.duration(human_duration(m))],
                    },
                    Row {
                        label: words.t("newsroom-dash-decisions"),
                        href: None,
                        cells: vec![decisions.to_string()],
                    },
                ],
                None => Vec::new(),
            },
        },
        words,
    );
    decision.empty = words.t("newsroom-dash-no-decisions");
    let threads = store
        .busiest_threads(now - Duration::hours(24), TOP)
        .await?;
    let desc = threads
        .iter()
        .map(|t| format!("{}: {}", t.title, t.count))
        .collect::<Vec<_>>()
        .join("; ");
    let mut busiest = figure(
        "dash-threads",
        words.t("newsroom-dash-threads"),
        Table {
            head: words.head(&["newsroom-dash-thread", "newsroom-comments"]),
            rows: threads
                .into_iter()
                .map(|t| Row {
                    label: words.tr.t2(
                        "newsroom-dash-thread-label",
                        "title",
                        &t.title,
                        "thread",
                        t.thread_id,
                    ),
                    href: Some(format!("/articles/{}#comment-{}", t.slug, t.thread_id)),
                    cells: vec![t.count.to_string()],
                })
                .collect(),
        },
        words,
    );
    busiest.empty = words.t("newsroom-dash-no-comments-day");
    Ok(Panel {
        id: "moderation",
        heading: words.t("newsroom-dash-moderation"),
        links: vec![
            ("/admin/moderation", words.t("newsroom-dash-the-desk")),
            ("/admin/users", words.t("newsroom-dash-members")),
        ],
        figures: vec![queue_figure, hourly, decision, with_bars(busiest, &desc)],
    })
}

/// Counts per time bucket: each bucket's start and its count.
type Buckets = [(DateTime<Utc>, i64)];

/// A line per series over the same buckets, with a row per bucket in a folded table.
fn series_figure(
    id: &'static str,
    heading: &str,
    first_column: String,
    series: &[(&'static str, String, &Buckets)],
    label: impl Fn(DateTime<Utc>) -> String,
    words: &Words,
) -> Figure {
    let buckets = series.first().map(|s| s.2).unwrap_or(&[]);
    let values: Vec<Vec<i64>> = series
        .iter()
        .map(|s| s.2.iter().map(|b| b.1).collect())
        .collect();
    let totals = series
        .iter()
        .zip(&values)
        .map(|(s, v)| {
            words.tr.t2(
                "newsroom-dash-in-all",
                "series",
                &s.1,
                "count",
                v.iter().sum::<i64>(),
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let (first, last) = match (buckets.first(), buckets.last()) {
        (Some(f), Some(l)) => (label(f.0), label(l.0)),
        _ => (String::new(), String::new()),
    };
    let chart_id = format!("{id}-chart");
    let lines: Vec<Series> = series
        .iter()
        .zip(&values)
        .map(|(s, v)| Series {
            class: s.0,
            values: v,
        })
        .collect();
    let desc = words
        .tr
        .t2("newsroom-dash-from-to", "first", &first, "last", &last);
    let desc = format!("{desc} {totals}.");
    let svg = chart::lines(
        &Caption {
            id: &chart_id,
            title: heading,
            desc: &desc,
        },
        &lines,
        &first,
        &last,
    );
    let mut head = vec![first_column];
    head.extend(series.iter().map(|s| s.1.clone()));
    let rows = buckets
        .iter()
        .enumerate()
        .map(|(i, b)| Row {
            label: label(b.0),
            href: None,
            cells: values.iter().map(|v| v[i].to_string()).collect(),
        })
        .collect();
    Figure {
        id,
        heading: heading.to_owned(),
        svg: Some(svg),
        legend: series.iter().map(|s| (s.0, s.1.clone())).collect(),
        table: Table { head, rows },
        empty: words.t("newsroom-dash-nothing-yet"),
        folded: true,
    }
}

/// The site: comments and sign-ups per day over 30 days, the mail and webhook queues, and the
/// page cache's hit rate in this process.
pub(super) async fn site(state: &AppState, now: DateTime<Utc>, words: &Words<'_>) -> Result<Panel> {
    let store = &state.store;
    const DAYS: usize = 30;
    // Days on the viewer's clocks: midnight to midnight where they are.
    let zone = words.dates.zone;
    let starts = day_starts(zone, now, DAYS);
    let since = starts[0];
    let comments = bucket_counts(
        starts.clone(),
        store
            .comments_posted_since(since)
            .await?
            .into_iter()
            .map(|(t, _)| t),
        |t| day_in(zone, t),
    );
    let signups = bucket_counts(starts, store.signups_since(since).await?, |t| {
        day_in(zone, t)
    });
    let daily = series_figure(
        "dash-daily",
        &words.t("newsroom-dash-daily"),
        words.tr.t1("newsroom-dash-day-column", "zone", zone.name()),
        &[
            ("series-1", words.t("newsroom-comments"), &comments[..]),
            ("series-2", words.t("newsroom-dash-signups"), &signups[..]),
        ],
        |t| words.day(t),
        words,
    );
    let jobs = store.job_counts().await?;
    let n = |kind: JobKind, status: JobStatus| {
        jobs.iter()
            .filter(|(k, s, _)| *k == kind && *s == status)
            .map(|(_, _, n)| *n)
            .sum::<i64>()
    };
    let job_rows: Vec<Row> = [
        (JobKind::Mail, "newsroom-dash-mail"),
        (JobKind::Webhook, "newsroom-dash-webhooks"),
    ]
    .into_iter()
    .map(|(kind, label)| Row {
        label: words.t(label),
        href: (kind == JobKind::Webhook).then(|| "/admin/webhooks".to_owned()),
        cells: vec![
            (n(kind, JobStatus::Pending) + n(kind, JobStatus::Running)).to_string(),
            n(kind, JobStatus::Failed).to_string(),
            n(kind, JobStatus::Done).to_string(),
        ],
    })
    .collect();
    let desc = job_rows
        .iter()
        .map(|r| {
            let waiting = words.tr.t2(
                "newsroom-dash-waiting-given-up",
                "waiting",
                &r.cells[0],
                "failed",
                &r.cells[1],
            );
            format!("{}: {waiting}", r.label)
        })
        .collect::<Vec<_>>()
        .join("; ");
    let queues = with_bars(
        figure(
            "dash-jobs",
            words.t("newsroom-dash-jobs"),
            Table {
                head: words.head(&[
                    "newsroom-dash-queue",
                    "newsroom-dash-waiting",
                    "newsroom-dash-given-up",
                    "newsroom-sent",
                ]),
                rows: job_rows,
            },
            words,
        ),
        &desc,
    );
    let (hits, stores) = state.pages.hits_and_stores();
    let rate = match hits + stores {
        0 => words.t("newsroom-dash-no-pages"),
        total => format!("{:.1}%", hits as f64 * 100.0 / total as f64),
    };
    let cache = figure(
        "dash-cache",
        words.t("newsroom-dash-cache"),
        Table {
            head: words.head(&["newsroom-dash-measure", "newsroom-dash-value"]),
            rows: vec![
                Row {
                    label: words.t("newsroom-dash-hit-rate"),
                    href: None,
                    cells: vec![rate],
                },
                Row {
                    label: words.t("newsroom-dash-from-cache"),
                    href: None,
                    cells: vec![hits.to_string()],
                },
                Row {
                    label: words.t("newsroom-dash-rendered"),
                    href: None,
                    cells: vec![stores.to_string()],
                },
            ],
        },
        words,
    );
    Ok(Panel {
        id: "site",
        heading: words.t("newsroom-dash-site"),
        links: vec![
            (
                "/admin/moderation/settings",
                words.t("newsroom-dash-policies"),
            ),
            ("/admin/moderation/log", words.t("newsroom-dash-audit-log")),
            ("/admin/webhooks", words.t("newsroom-dash-webhooks")),
        ],
        figures: vec![daily, queues, cache],
    })
}
