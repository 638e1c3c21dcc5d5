//! The dashboard's three parts, each gathered from the store into figures: a chart and the
//! same numbers in a table.

use chrono::{DateTime, Duration, Utc};

use super::chart::{self, Caption, Series};
use super::{Figure, Panel, Row, Table};
use crate::domain::comment::CommentStatus;
use crate::domain::dashboard::{bucket_counts, day_of, hour_of, human_duration, median};
use crate::domain::jobs::{JobKind, JobStatus};
use crate::domain::user::Role;
use crate::store::dashboard::ArticleTally;
use crate::store::sessions::SessionUser;
use crate::web::layout::TimeView;
use crate::web::{AppState, Result};

/// Rows in each "most" list.
const TOP: i64 = 5;

fn figure(id: &'static str, heading: impl Into<String>, table: Table) -> Figure {
    Figure {
        id,
        heading: heading.into(),
        svg: None,
        legend: Vec::new(),
        table,
        empty: "Nothing yet.",
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
    column: &'static str,
    tallies: Vec<ArticleTally>,
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
            head: vec!["Story", column],
            rows,
        },
    );
    f.empty = "None in this time.";
    with_bars(f, &desc)
}

/// The newsroom: articles by status, what is scheduled next, the stories most read and most
/// discussed over the last day and week. Contributors see their own articles' statuses and
/// schedule (the newsroom shows them no one else's); the stories readers see are everyone's.
pub(super) async fn newsroom(
    state: &AppState,
    user: &SessionUser,
    now: DateTime<Utc>,
    dates: &crate::domain::locale::Dates,
) -> Result<Panel> {
    let store = &state.store;
    let own = (user.role() < Role::Editor).then_some(user.id);
    let statuses = store.article_status_counts(now, own).await?;
    let desc = statuses
        .iter()
        .map(|(s, n)| format!("{}: {n}", s.label()))
        .collect::<Vec<_>>()
        .join("; ");
    let status_rows = statuses
        .iter()
        .map(|(s, n)| Row {
            label: s.label().to_owned(),
            href: Some(format!("/admin/articles?status={}", s.filter())),
            cells: vec![n.to_string()],
        })
        .collect();
    let heading = if own.is_some() {
        "Your articles by status"
    } else {
        "Articles by status"
    };
    let by_status = with_bars(
        figure(
            "dash-status",
            heading,
            Table {
                head: vec!["Status", "Articles"],
                rows: status_rows,
            },
        ),
        &desc,
    );
    let scheduled = store.scheduled_next(now, own, TOP).await?;
    let mut next = figure(
        "dash-scheduled",
        "Scheduled next",
        Table {
            head: vec!["Story", "Publication"],
            rows: scheduled
                .into_iter()
                .map(|s| Row {
                    label: s.title,
                    href: Some(format!("/admin/articles/{}", s.id)),
                    cells: vec![TimeView::long(s.published_at, dates).human],
                })
                .collect(),
        },
    );
    next.empty = "Nothing is scheduled.";
    let day = now - Duration::hours(23);
    let week = now - Duration::days(7);
    let figures = vec![
        by_status,
        next,
        tally_figure(
            "dash-read-day",
            "Most read, last 24 hours",
            "Views",
            store.most_read(day, now, TOP).await?,
        ),
        tally_figure(
            "dash-read-week",
            "Most read, last 7 days",
            "Views",
            store.most_read(week, now, TOP).await?,
        ),
        tally_figure(
            "dash-discussed-day",
            "Most discussed, last 24 hours",
            "Comments",
            store
                .most_discussed_since(now - Duration::hours(24), now, TOP)
                .await?,
        ),
        tally_figure(
            "dash-discussed-week",
            "Most discussed, last 7 days",
            "Comments",
            store.most_discussed_since(week, now, TOP).await?,
        ),
    ];
    Ok(Panel {
        id: "newsroom",
        heading: "Newsroom",
        links: vec![
            ("/admin/articles", "Articles"),
            ("/admin/articles/new", "New article"),
        ],
        figures,
    })
}

/// The moderation desk: its queues now, comments per hour over two days by where they stand,
/// the median time to a decision over the last week, and the busiest threads of the day.
pub(super) async fn moderation(state: &AppState, now: DateTime<Utc>) -> Result<Panel> {
    let store = &state.store;
    let queues = store.queue_sizes().await?;
    let desc = queues
        .iter()
        .map(|(q, n)| format!("{}: {n}", q.label()))
        .collect::<Vec<_>>()
        .join("; ");
    let queue_figure = with_bars(
        figure(
            "dash-queues",
            "Queues now",
            Table {
                head: vec!["Queue", "Comments"],
                rows: queues
                    .iter()
                    .map(|(q, n)| Row {
                        label: q.label().to_owned(),
                        href: Some(format!("/admin/moderation?queue={}", q.as_str())),
                        cells: vec![n.to_string()],
                    })
                    .collect(),
            },
        ),
        &desc,
    );
    const HOURS: usize = 48;
    let since = hour_of(now) - Duration::hours(HOURS as i64 - 1);
    let posted = store.comments_posted_since(since).await?;
    let count = |keep: fn(CommentStatus) -> bool| {
        bucket_counts(
            posted.iter().filter(|(_, s)| keep(*s)).map(|(t, _)| *t),
            now,
            HOURS,
            Duration::hours(1),
            hour_of,
        )
    };
    let all = count(|_| true);
    let held = count(|s| s == CommentStatus::Pending);
    let rejected = count(|s| s == CommentStatus::Rejected);
    let hourly = series_figure(
        "dash-hourly",
        "Comments per hour, last 48 hours",
        "Hour (UTC)",
        &[
            ("series-1", "Posted", &all[..]),
            ("series-2", "Held now", &held[..]),
            ("series-3", "Rejected", &rejected[..]),
        ],
        |t| t.format("%-d %b %H:00").to_string(),
    );
    let delays = store.decision_delays(now - Duration::days(7)).await?;
    let decisions = delays.len();
    let mut decision = figure(
        "dash-decision",
        "Time to a decision, last 7 days",
        Table {
            head: vec!["Measure", "Value"],
            rows: match median(delays) {
                Some(m) => vec![
                    Row {
                        label: "Median time from posting to a decision".into(),
                        href: None,
                        cells: vec![human_duration(m)],
                    },
                    Row {
                        label: "Decisions".into(),
                        href: None,
                        cells: vec![decisions.to_string()],
                    },
                ],
                None => Vec::new(),
            },
        },
    );
    decision.empty = "No decisions in the last 7 days.";
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
        "Busiest threads, last 24 hours",
        Table {
            head: vec!["Thread", "Comments"],
            rows: threads
                .into_iter()
                .map(|t| Row {
                    label: format!("{} (thread {})", t.title, t.thread_id),
                    href: Some(format!("/articles/{}#comment-{}", t.slug, t.thread_id)),
                    cells: vec![t.count.to_string()],
                })
                .collect(),
        },
    );
    busiest.empty = "No comments in the last 24 hours.";
    Ok(Panel {
        id: "moderation",
        heading: "Moderation",
        links: vec![
            ("/admin/moderation", "The desk"),
            ("/admin/users", "Members"),
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
    first_column: &'static str,
    series: &[(&'static str, &'static str, &Buckets)],
    label: fn(DateTime<Utc>) -> String,
) -> Figure {
    let buckets = series.first().map(|s| s.2).unwrap_or(&[]);
    let values: Vec<Vec<i64>> = series
        .iter()
        .map(|s| s.2.iter().map(|b| b.1).collect())
        .collect();
    let totals = series
        .iter()
        .zip(&values)
        .map(|(s, v)| format!("{} in all: {}", s.1, v.iter().sum::<i64>()))
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
    let desc = format!("From {first} to {last}. {totals}.");
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
    head.extend(series.iter().map(|s| s.1));
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
        legend: series.iter().map(|s| (s.0, s.1)).collect(),
        table: Table { head, rows },
        empty: "Nothing yet.",
        folded: true,
    }
}

/// The site: comments and sign-ups per day over 30 days, the mail and webhook queues, and the
/// page cache's hit rate in this process.
pub(super) async fn site(state: &AppState, now: DateTime<Utc>) -> Result<Panel> {
    let store = &state.store;
    const DAYS: usize = 30;
    let since = day_of(now) - Duration::days(DAYS as i64 - 1);
    let comments = bucket_counts(
        store
            .comments_posted_since(since)
            .await?
            .into_iter()
            .map(|(t, _)| t),
        now,
        DAYS,
        Duration::days(1),
        day_of,
    );
    let signups = bucket_counts(
        store.signups_since(since).await?,
        now,
        DAYS,
        Duration::days(1),
        day_of,
    );
    let daily = series_figure(
        "dash-daily",
        "Comments and sign-ups per day, last 30 days",
        "Day (UTC)",
        &[
            ("series-1", "Comments", &comments[..]),
            ("series-2", "Sign-ups", &signups[..]),
        ],
        |t| t.format("%-d %b").to_string(),
    );
    let jobs = store.job_counts().await?;
    let n = |kind: JobKind, status: JobStatus| {
        jobs.iter()
            .filter(|(k, s, _)| *k == kind && *s == status)
            .map(|(_, _, n)| *n)
            .sum::<i64>()
    };
    let job_rows: Vec<Row> = [(JobKind::Mail, "Mail"), (JobKind::Webhook, "Webhooks")]
        .into_iter()
        .map(|(kind, label)| Row {
            label: label.to_owned(),
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
            format!(
                "{}: {} waiting, {} given up",
                r.label, r.cells[0], r.cells[1]
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let queues = with_bars(
        figure(
            "dash-jobs",
            "Mail and webhook queues",
            Table {
                head: vec!["Queue", "Waiting", "Given up", "Sent"],
                rows: job_rows,
            },
        ),
        &desc,
    );
    let (hits, stores) = state.pages.hits_and_stores();
    let rate = match hits + stores {
        0 => "No pages served yet".to_owned(),
        total => format!("{:.1}%", hits as f64 * 100.0 / total as f64),
    };
    let cache = figure(
        "dash-cache",
        "Page cache since this process started",
        Table {
            head: vec!["Measure", "Value"],
            rows: vec![
                Row {
                    label: "Hit rate (signed-out pages answered from the cache)".into(),
                    href: None,
                    cells: vec![rate],
                },
                Row {
                    label: "Answered from the cache".into(),
                    href: None,
                    cells: vec![hits.to_string()],
                },
                Row {
                    label: "Rendered and stored".into(),
                    href: None,
                    cells: vec![stores.to_string()],
                },
            ],
        },
    );
    Ok(Panel {
        id: "site",
        heading: "Site",
        links: vec![
            ("/admin/moderation/settings", "Policies and word lists"),
            ("/admin/moderation/log", "Audit log"),
            ("/admin/webhooks", "Webhooks"),
        ],
        figures: vec![daily, queues, cache],
    })
}
