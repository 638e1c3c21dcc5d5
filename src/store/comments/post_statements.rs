//! The statements that store one post, per backend.
//!
//! On SQLite each statement is a trip from the async task to the connection's own thread and
//! back, and every post waits for the one writer connection, so a post is stored with as few
//! trips as can be: its rate hits, the comment, its thread and the article's count are one
//! string of statements run in turn (SQLite numbers `$n` across all of them). On PostgreSQL
//! the rows many posts share are held as briefly as can be, as concurrent posts to one story
//! queue on them: the address's rate counter in a statement committed on its own (the table
//! is unlogged, so that commit waits for no disk), the story's count in the statement that
//! goes with the comment's `COMMIT`.

use std::sync::LazyLock;

use chrono::{DateTime, Utc};

use super::posting::{NewComment, NotPosted, Outcome, Posted, ReplyProblem};
use crate::domain::comment::CommentStatus;
use crate::store::notifications::{ShownComment, queue_notifications_for};
use crate::store::purges::{announce_in, notify_in, queue_purge_in};
use crate::store::webhooks::{enqueue_to, subscribers, subscribers_of};
use crate::store::{Conn, Error, Query, Result, Store, Tx, query};

/// Stores `new` on SQLite inside `tx`, under a savepoint of its own: refused for its rate, the
/// transaction is rolled back to that savepoint and goes on (the other posts of a batch stay).
/// `hooks` keeps the webhook subscribers once read.
pub(super) async fn post_sqlite(
    tx: &mut Tx,
    new: &NewComment,
    now: DateTime<Utc>,
    hooks: &mut Option<Vec<i64>>,
) -> Result<Outcome> {
    let place = match place(&mut *tx, new).await? {
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
    follow_up(tx, new, id, now, hooks, Notices::ToSend).await?;
    Ok(Ok(Posted {
        id,
        comment_count,
        held: new.hold.is_some(),
    }))
}

/// Stores `new` on PostgreSQL. Its rate hits come first, committed on their own: a post they
/// refuse takes no transaction, and the counter an address's posts share is held only for
/// that statement, not through another post's transaction. (So on PostgreSQL an attempt
/// counts, refused or not; see [`NotPosted::TooFast`].) Then the comment and what goes with it
/// in one transaction whose last statement, raising the story's count, goes with its `COMMIT`:
/// the story's row is held only while the commit is flushed.
pub(super) async fn post_postgres(
    store: &Store,
    new: &NewComment,
    now: DateTime<Utc>,
) -> Result<Outcome> {
    let place = match place(store.read(), new).await? {
        Ok(place) => place,
        Err(refused) => return Ok(Err(refused)),
    };
    if let Some(rate) = &new.rate {
        let (member_posts, address_posts) = store
            .hit_rate_windows(&rate.member_key, &rate.address_key, rate.window_start)
            .await?;
        if let Some(refused) = rate.refusal(member_posts, address_posts, now) {
            return Ok(Err(refused));
        }
    }
    let mut tx = store.begin_ending_with().await?;
    let id = match insert_postgres(&mut tx, new, place, now).await {
        Ok(id) => id,
        Err(e) => {
            let _ = tx.rollback().await;
            return Err(e);
        }
    };
    // Held, the count is only read: no lock on the article's row for a comment readers
    // do not see.
    let held = new.hold.is_some();
    let count = if held { READ_COUNT } else { RAISE_COUNT };
    let comment_count = tx.commit_after(count).await?.ok_or(Error::NotFound)?;
    Ok(Ok(Posted {
        id,
        comment_count,
        held,
    }))
}

/// The comment and what goes with it but the story's count, inside `tx`; its id.
async fn insert_postgres(
    tx: &mut Tx,
    new: &NewComment,
    place: Place,
    now: DateTime<Utc>,
) -> Result<i64> {
    // Shown at once, the comment is announced by the statement that inserts it.
    let shown = new.hold.is_none();
    let changes = new.announce.as_ref().filter(|_| shown);
    let (id, hooks, _sent): (i64, Option<String>, i64) =
        bind_comment(query(&INSERT_POSTGRES), new, place, now)
            .bind(crate::domain::webhook::Event::CommentCreated.as_str())
            .bind(changes.map(|_| crate::store::CHANGES_CHANNEL))
            .bind(changes.map(|a| a.payload.as_str()))
            .bind(shown.then_some(crate::store::COMMENTS_CHANNEL))
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
    follow_up(tx, new, id, now, &mut Some(hooks), Notices::Sent).await?;
    Ok(id)
}

/// PostgreSQL: the story of the comment just inserted on this connection, found without a
/// value to bind (the statement goes with the `COMMIT`, sent as it is). `currval` is
/// volatile: compared directly, it would be called for every row, in a scan of every
/// comment; as a subquery it is called once, and the comment is found by its key.
macro_rules! story_of_new_comment {
    () => {
        "(SELECT article_id FROM comments \
         WHERE id = (SELECT currval(pg_get_serial_sequence('comments', 'id'))))"
    };
}

/// PostgreSQL: the story's count, raised by the comment just inserted.
const RAISE_COUNT: &str = concat!(
    "UPDATE articles SET comment_count = comment_count + 1 WHERE id = ",
    story_of_new_comment!(),
    " RETURNING comment_count"
);

/// PostgreSQL: the story's count, read (the comment just inserted is held).
const READ_COUNT: &str = concat!(
    "SELECT comment_count FROM articles WHERE id = ",
    story_of_new_comment!()
);

/// PostgreSQL: [`INSERT_COMMENT`]'s values with the comment's id drawn first, so a new
/// thread's id is its own in the same statement, returning with the id the webhooks that take
/// the event `$14`. It also sends the comment's notifications (one trip fewer while the
/// transaction is open): `$16` on the channel `$15` (the page change, when not NULL), then on
/// the channel `$17` (when not NULL) the payload [`super::shown_notice`] makes, written here
/// in SQL as the id is drawn here.
static INSERT_POSTGRES: LazyLock<String> = LazyLock::new(|| {
    format!(
        "INSERT INTO comments (id, article_id, parent_id, thread_id, depth, author_id, \
         body_source, body_html, status, created_at, held_reason, moderation_note, spam_score, \
         held_detail) OVERRIDING SYSTEM VALUE \
         SELECT n, $1, $2, COALESCE($3, n), $4, $5, $6, $7, $8, $9, $10, $11, $12, $13 \
         FROM (SELECT nextval(pg_get_serial_sequence('comments', 'id')) AS n) AS next \
         RETURNING id, (SELECT string_agg(id::TEXT, ' ' ORDER BY id) FROM ({}) AS w), \
         (SELECT count(*) FROM (SELECT pg_notify($15, $16) WHERE $15 IS NOT NULL \
         UNION ALL SELECT pg_notify($17, $1::TEXT || ':' || id) WHERE $17 IS NOT NULL) AS sent)",
        subscribers_of("$14")
    )
});

/// Where the comment goes: its thread (none for a new thread) and depth.
#[derive(Clone, Copy)]
struct Place {
    thread_id: Option<i64>,
    depth: i32,
}

/// Where the comment goes, or why a reply cannot go where it was aimed.
async fn place<'c>(
    on: impl Into<Conn<'c>>,
    new: &NewComment,
) -> Result<std::result::Result<Place, NotPosted>> {
    let Some(parent_id) = new.parent_id else {
        return Ok(Ok(Place {
            thread_id: None,
            depth: 0,
        }));
    };
    let parent: Option<(i64, Option<i64>, i32, CommentStatus)> =
        query("SELECT article_id, thread_id, depth, status FROM comments WHERE id = $1")
            .bind(parent_id)
            .fetch_optional(on)
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
        rate.refusal(hits(&rate.member_key), hits(&rate.address_key), now)
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
    notices: Notices,
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
    match (&new.announce, notices) {
        (Some(announcement), Notices::ToSend) => announce_in(tx, announcement, &shown, now).await,
        (None, Notices::ToSend) => notify_in(tx, &shown).await,
        (Some(announcement), Notices::Sent) => queue_purge_in(tx, announcement, now).await,
        (None, Notices::Sent) => Ok(()),
    }
}

/// Whether a shown comment's notifications are still to be sent by [`follow_up`], or went
/// with the statement that inserted it ([`INSERT_POSTGRES`]).
#[derive(Clone, Copy)]
enum Notices {
    ToSend,
    Sent,
}
