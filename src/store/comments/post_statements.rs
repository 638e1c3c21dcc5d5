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
use crate::store::notifications::{ShownComment, queue_notifications_for};
use crate::store::purges::announce_in;
use crate::store::sessions::hit_rate_windows;
use crate::store::webhooks::{enqueue_to, subscribers};
use crate::store::{Backend, Error, Query, Result, Tx, query};

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
    if let Some(refused) = stored.refused(new) {
        // Nothing is kept, these hits included: the counters stay over the limit, so the next
        // attempt this minute is refused too, and the writer's minute is not lengthened by
        // retrying.
        query("ROLLBACK TO post").execute(&mut *tx).await?;
        return Ok(Err(refused));
    }
    follow_up(tx, Backend::Sqlite, new, stored.id, now, hooks).await?;
    Ok(Ok(Posted {
        id: stored.id,
        comment_count: stored.comment_count,
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
    static SQL: LazyLock<String> = LazyLock::new(|| format!("{INSERT_COMMENT} RETURNING id"));
    let (id,): (i64,) = bind_comment(query(&SQL), new, place, now)
        .fetch_one(&mut *tx)
        .await?;
    if place.thread_id.is_none() {
        query("UPDATE comments SET thread_id = id WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    follow_up(tx, Backend::Postgres, new, id, now, &mut None).await?;
    if let Some(rate) = &new.rate {
        let (member, address, start) = (&rate.member_key, &rate.address_key, rate.window_start);
        let (member_posts, address_posts) = hit_rate_windows(tx, member, address, start).await?;
        if (rate.refuses)(member_posts, address_posts) {
            return Ok(Err(NotPosted::TooFast {
                member_posts,
                address_posts,
            }));
        }
    }
    // Held, the count is only read: no lock on the article's row for a comment readers
    // do not see.
    let held = new.hold.is_some();
    let (comment_count,): (i64,) = if held {
        query("SELECT comment_count FROM articles WHERE id = $1")
    } else {
        query(
            "UPDATE articles SET comment_count = comment_count + 1 WHERE id = $1 \
             RETURNING comment_count",
        )
    }
    .bind(new.article_id)
    .fetch_one(&mut *tx)
    .await?;
    Ok(Ok(Posted {
        id,
        comment_count,
        held,
    }))
}

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

/// The statement that stores the comment, on both backends: `$1`–`$13`.
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

/// What [`STORE_SQLITE`] returned.
struct StoredSqlite {
    id: i64,
    comment_count: i64,
    /// Labelled rows: the rate keys' hits.
    rows: Vec<(String, i64)>,
}

impl StoredSqlite {
    /// Whether the post's rate hits refuse it.
    fn refused(&self, new: &NewComment) -> Option<NotPosted> {
        let rate = new.rate.as_ref()?;
        let hits = |key: &str| self.rows.iter().find(|(k, _)| k == key).map_or(0, |r| r.1);
        let (member_posts, address_posts) = (hits(&rate.member_key), hits(&rate.address_key));
        (rate.refuses)(member_posts, address_posts).then_some(NotPosted::TooFast {
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
) -> Result<StoredSqlite> {
    let rate = new.rate.as_ref();
    let rows: Vec<(String, i64)> = bind_comment(query(&STORE_SQLITE), new, place, now)
        .bind(rate.map(|r| r.member_key.as_str()))
        .bind(rate.map(|r| r.address_key.as_str()))
        .bind(rate.map(|r| r.window_start))
        .bind(i64::from(new.hold.is_none()))
        .fetch_all(&mut *tx)
        .await?;
    let value = |label: &str| rows.iter().find(|(l, _)| l == label).map(|r| r.1);
    let (Some(id), Some(comment_count)) = (value("#id"), value("#count")) else {
        // The article is gone: the foreign key refuses the comment before this can happen.
        return Err(Error::NotFound);
    };
    Ok(StoredSqlite {
        id,
        comment_count,
        rows,
    })
}

/// What goes with a comment shown at once: the reply count, webhook, notifications and
/// announcement. `hooks` keeps the webhook subscribers once read (one read per transaction).
async fn follow_up(
    tx: &mut Tx,
    backend: Backend,
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
    super::notify_shown(tx, new.article_id, id).await?;
    if let Some(announcement) = &new.announce {
        announce_in(tx, backend, announcement, now).await?;
    }
    Ok(())
}
