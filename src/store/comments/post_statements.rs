//! The statements that store one post inside a transaction, per backend.
//!
//! On SQLite each statement is a trip from the async task to the connection's own thread and
//! back, and every post waits for the one writer connection, so a post is stored with as few
//! trips as can be: its rate hits, the comment, its thread and the article's count are one
//! string of statements run in turn (SQLite numbers `$n` across all of them). On PostgreSQL
//! the rows many posts share (the address's rate counter, the article's count) are written
//! last, so concurrent posts to one story wait for each other's commit only, not for each
//! other's whole transaction.

use std::sync::LazyLock;

use chrono::{DateTime, Utc};

use super::posting::{NewComment, NotPosted, Outcome, Posted, ReplyProblem};
use crate::domain::comment::CommentStatus;
use crate::domain::comment::admission::Pace;
use crate::store::notifications::{ShownComment, queue_notifications_for};
use crate::store::purges::{announce_in, notify_in};
use crate::store::webhooks::{enqueue_to, subscribers, subscribers_of};
use crate::store::{Error, Query, Result, Tx, query};

/// Stores `new` on SQLite inside `tx`, under a savepoint of its own: refused for its rate, the
/// transaction is rolled back to that savepoint and goes on (the other posts of a batch stay).
/// `hooks` keeps the webhook subscribers once read.
pub(super) async fn post_sqlite(
    tx: &mut Tx,
    new: &NewComment,
    now: DateTime<Utc>,
    hooks: &mut Option<Vec<i64>>,
) -> Result<Outcome> {
    let place = match place(tx, new).await? {
        Ok(place) => place,
        Err(refused) => return Ok(Err(refused)),
    };
    let stored = store_sqlite(tx, new, place, now).await?;
    let (Some(id), Some(comment_count)) = (stored.value("#id"), stored.value("#count")) else {
        // The article is gone: the foreign key refuses the comment before this can happen.
        return Err(Error::NotFound);
    };
    if let Some(refused) = stored.refused(new, now) {
        // Nothing is kept, these hits included: the counters stay over the limit, so the next
        // attempt this minute is refused too, and the writer's minute is not lengthened by
        // retrying.
        query("ROLLBACK TO post").execute(&mut *tx).await?;
        return Ok(Err(refused));
    }
    follow_up(tx, new, id, now, hooks).await?;
    Ok(Ok(Posted {
        id,
        comment_count,
        held: new.hold.is_some(),
    }))
}

/// Stores `new` on PostgreSQL inside `tx`; refused for its rate, the caller rolls `tx` back.
pub(super) async fn post_postgres(
    tx: &mut Tx,
    new: &NewComment,
    now: DateTime<Utc>,
) -> Result<Outcome> {
    let place = match place(tx, new).await? {
        Ok(place) => place,
        Err(refused) => return Ok(Err(refused)),
    };
    let (id, hooks): (i64, Option<String>) = bind_comment(query(&INSERT_POSTGRES), new, place, now)
        .bind(crate::domain::webhook::Event::CommentCreated.as_str())
        .fetch_one(&mut *tx)
        .await?;
    let hooks = hooks
        .iter()
        .flat_map(|ids| ids.split(' '))
        .map(|id| {
            id.parse()
                .map_err(|e| Error::Database(sqlx::Error::Decode(Box::new(e))))
        })
        .collect::<Result<Vec<i64>>>()?;
    follow_up(tx, new, id, now, &mut Some(hooks)).await?;
    // Held, the count is only read: no lock on the article's row for a comment readers
    // do not see.
    let held = new.hold.is_some();
    let sql = if held { &COUNT_HELD } else { &COUNT_SHOWN };
    let rate = new.rate.as_ref();
    let q = query(sql)
        .bind(rate.map(|r| r.member_key.as_str()))
        .bind(rate.map(|r| r.address_key.as_str()))
        .bind(rate.map(|r| r.window_start))
        .bind(new.article_id);
    let rows: Vec<(String, i64)> = if held {
        q
    } else {
        q.bind(rate.map_or(i64::MAX, |r| r.limit_per_minute))
    }
    .fetch_all(&mut *tx)
    .await?;
    let counted = Counted { rows };
    if let Some(refused) = counted.refused(new, now) {
        return Ok(Err(refused));
    }
    let comment_count = counted.value("#count").ok_or(Error::NotFound)?;
    Ok(Ok(Posted {
        id,
        comment_count,
        held,
    }))
}

/// PostgreSQL: [`INSERT_COMMENT`]'s values with the comment's id drawn first, so a new
/// thread's id is its own in the same statement, returning with the id the webhooks that take
/// the event `$14` (one trip to the server fewer while the transaction is open).
static INSERT_POSTGRES: LazyLock<String> = LazyLock::new(|| {
    format!(
        "INSERT INTO comments (id, article_id, parent_id, thread_id, depth, author_id, \
         body_source, body_html, status, created_at, held_reason, moderation_note, spam_score, \
         held_detail) OVERRIDING SYSTEM VALUE \
         SELECT n, $1, $2, COALESCE($3, n), $4, $5, $6, $7, $8, $9, $10, $11, $12, $13 \
         FROM (SELECT nextval(pg_get_serial_sequence('comments', 'id')) AS n) AS next \
         RETURNING id, (SELECT string_agg(id::TEXT, ' ' ORDER BY id) FROM ({}) AS w)",
        subscribers_of("$14")
    )
});

/// PostgreSQL: the post's rate hits (`$1`, `$2` in the minute `$3`; none when both are NULL)
/// and the article `$4`'s count, raised by one, in one statement. These rows are what
/// concurrent posts share, so they are written last, in this order for every post: another
/// post waits for them from here to the commit only. A post its hits refuse (over `$5` a
/// minute, as `Pace::too_fast` decides) does not touch the article's row, so a flood of
/// refused posts does not queue on it; the caller reads the refusal from the hits.
static COUNT_SHOWN: LazyLock<String> = LazyLock::new(|| {
    format!(
        "WITH {RATE_HITS}, counted AS (UPDATE articles SET comment_count = comment_count + 1 \
         WHERE id = $4 AND NOT EXISTS (SELECT 1 FROM hits WHERE hits.hits > $5) \
         RETURNING comment_count) \
         SELECT key, hits FROM hits UNION ALL SELECT '#count', comment_count FROM counted"
    )
});

/// [`COUNT_SHOWN`] for a held comment: the count is only read.
static COUNT_HELD: LazyLock<String> = LazyLock::new(|| {
    format!(
        "WITH {RATE_HITS} SELECT key, hits FROM hits \
         UNION ALL SELECT '#count', comment_count FROM articles WHERE id = $4"
    )
});

const RATE_HITS: &str = "hits AS (INSERT INTO rate_windows (key, window_start, hits) \
     SELECT k, $3, 1 FROM (VALUES ($1::TEXT), ($2::TEXT)) AS keys (k) WHERE k IS NOT NULL \
     ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_windows.hits + 1 \
     RETURNING key, hits)";

/// Where the comment goes: its thread (none for a new thread) and depth.
#[derive(Clone, Copy)]
struct Place {
    thread_id: Option<i64>,
    depth: i32,
}

/// Where the comment goes, or why a reply cannot go where it was aimed.
async fn place(tx: &mut Tx, new: &NewComment) -> Result<std::result::Result<Place, NotPosted>> {
    let Some(parent_id) = new.parent_id else {
        return Ok(Ok(Place {
            thread_id: None,
            depth: 0,
        }));
    };
    let parent: Option<(i64, Option<i64>, i32, CommentStatus)> =
        query("SELECT article_id, thread_id, depth, status FROM comments WHERE id = $1")
            .bind(parent_id)
            .fetch_optional(tx)
            .await?;
    let problem = match parent {
        None => ReplyProblem::ParentMissing,
        Some((aid, ..)) if aid != new.article_id => ReplyProblem::ParentElsewhere,
        Some((_, _, _, status)) if status != CommentStatus::Visible => ReplyProblem::ParentDeleted,
        Some((_, thread, depth, _)) => {
            return Ok(Ok(Place {
                thread_id: thread.or(Some(parent_id)),
                depth: depth + 1,
            }));
        }
    };
    Ok(Err(NotPosted::Reply(problem)))
}

/// The statement that stores the comment (SQLite): `$1`–`$13`, as [`INSERT_POSTGRES`].
const INSERT_COMMENT: &str = "INSERT INTO comments (article_id, parent_id, thread_id, depth, \
     author_id, body_source, body_html, status, created_at, held_reason, moderation_note, \
     spam_score, held_detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)";

/// The comment's values for [`INSERT_COMMENT`]'s `$1`–`$13`.
fn bind_comment<'q>(
    q: Query<'q>,
    new: &'q NewComment,
    place: Place,
    now: DateTime<Utc>,
) -> Query<'q> {
    let status = match new.hold {
        Some(_) => CommentStatus::Pending,
        None => CommentStatus::Visible,
    };
    q.bind(new.article_id)
        .bind(new.parent_id)
        .bind(place.thread_id)
        .bind(place.depth)
        .bind(new.author_id)
        .bind(new.body_source.as_str())
        .bind(new.body_html.as_str())
        .bind(status)
        .bind(now)
        .bind(new.hold)
        .bind(new.hold_note.as_str())
        .bind(new.spam_score)
        .bind(new.hold_detail.as_str())
}

/// SQLite: a savepoint for the post, its rate hits (`$14`, `$15` in the minute `$16`; none when
/// both are NULL), the comment, its thread, and the article's count (raised by `$17`). Each row
/// returned is labelled: a rate key with its hits, `#id`, `#count`.
static STORE_SQLITE: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SAVEPOINT post; \
         INSERT INTO rate_windows (key, window_start, hits) \
             SELECT k, $16, 1 FROM (SELECT $14 AS k UNION ALL SELECT $15) WHERE k IS NOT NULL \
             ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_windows.hits + 1 \
             RETURNING key, hits; \
         {INSERT_COMMENT} RETURNING '#id', id; \
         UPDATE comments SET thread_id = id WHERE id = last_insert_rowid() AND thread_id IS NULL; \
         UPDATE articles SET comment_count = comment_count + $17 WHERE id = $1 \
             RETURNING '#count', comment_count"
    )
});

/// What the statements storing a post returned, as labelled rows: each rate key with its
/// hits, `#count` (unless a rate refused the post on PostgreSQL) and, on SQLite, `#id`.
struct Counted {
    rows: Vec<(String, i64)>,
}

impl Counted {
    fn value(&self, label: &str) -> Option<i64> {
        self.rows.iter().find(|(l, _)| l == label).map(|r| r.1)
    }

    /// Whether the post's rate hits refuse it.
    fn refused(&self, new: &NewComment, now: DateTime<Utc>) -> Option<NotPosted> {
        let rate = new.rate.as_ref()?;
        let hits = |key: &str| self.value(key).unwrap_or(0);
        let (member_posts, address_posts) = (hits(&rate.member_key), hits(&rate.address_key));
        let pace = Pace {
            member_posts,
            address_posts,
            limit_per_minute: rate.limit_per_minute,
            now,
        };
        pace.too_fast().map(|_| NotPosted::TooFast {
            member_posts,
            address_posts,
        })
    }
}

async fn store_sqlite(
    tx: &mut Tx,
    new: &NewComment,
    place: Place,
    now: DateTime<Utc>,
) -> Result<Counted> {
    let rate = new.rate.as_ref();
    let rows: Vec<(String, i64)> = bind_comment(query(&STORE_SQLITE), new, place, now)
        .bind(rate.map(|r| r.member_key.as_str()))
        .bind(rate.map(|r| r.address_key.as_str()))
        .bind(rate.map(|r| r.window_start))
        .bind(i64::from(new.hold.is_none()))
        .fetch_all(&mut *tx)
        .await?;
    Ok(Counted { rows })
}

/// What goes with a comment shown at once: the reply count, webhook, notifications and
/// announcement. `hooks` keeps the webhook subscribers once read (one read per transaction).
async fn follow_up(
    tx: &mut Tx,
    new: &NewComment,
    id: i64,
    now: DateTime<Utc>,
    hooks: &mut Option<Vec<i64>>,
) -> Result<()> {
    // Held: nothing readers see changes, so no counts, webhook or live update.
    if new.hold.is_some() {
        return Ok(());
    }
    if let Some(pid) = new.parent_id {
        query("UPDATE comments SET reply_count = reply_count + 1 WHERE id = $1")
            .bind(pid)
            .execute(&mut *tx)
            .await?;
    }
    if let Some(payload) = &new.webhook_payload {
        let event = crate::domain::webhook::Event::CommentCreated.as_str();
        if hooks.is_none() {
            *hooks = Some(subscribers(tx, event).await?);
        }
        let endpoints = hooks.as_deref().unwrap_or_default();
        if !endpoints.is_empty() {
            enqueue_to(tx, endpoints, event, &payload(id), now).await?;
        }
    }
    // Shown at once: whoever it replies to or mentions is told (held: on approval).
    let shown = ShownComment {
        id,
        article_id: new.article_id,
        parent_id: new.parent_id,
        author_id: new.author_id,
        body: &new.body_source,
    };
    queue_notifications_for(tx, &shown, now).await?;
    let (channel, payload) = super::shown_notice(new.article_id, id);
    let shown = [(channel, payload.as_str())];
    match &new.announce {
        Some(announcement) => announce_in(tx, announcement, &shown, now).await,
        None => notify_in(tx, &shown).await,
    }
}
