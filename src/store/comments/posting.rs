//! Storing a new comment: the comment, its counts, its posting-rate hits, its webhook, its
//! notifications and its announcement, committed together.
//!
//! On SQLite every write goes through one writer connection, so concurrent posts queue for it
//! whatever happens. They queue here instead, for one writer task that takes every post
//! waiting (up to [`MAX_BATCH`]) and stores them in one transaction: one `BEGIN` and one
//! `COMMIT` for the batch, the webhook subscribers read once for it, and no post waits for
//! the pool between another post's statements (group commit). Each post is still answered
//! only once its commit is done. PostgreSQL runs concurrent transactions itself, and a batch
//! there would hold row locks of unrelated posts against other processes' batches (and risk
//! deadlocks between them), so each post has its own transaction on PostgreSQL.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{LazyLock, Mutex};

use chrono::{DateTime, Utc};
use tokio::sync::{mpsc, oneshot};

use crate::domain::comment::CommentStatus;
use crate::domain::moderation::HoldReason;
use crate::store::notifications::{ShownComment, queue_notifications_for};
use crate::store::purges::{Announcement, announce_in};
use crate::store::sessions::{hit_rate_windows, take_back_rate_hits};
use crate::store::webhooks::{enqueue_to, subscribers};
use crate::store::{Backend, Error, Result, Store, Tx, query};

/// A comment to store, owned: on SQLite it waits in the writer's queue, which must not
/// borrow from a request that may end (a reader closing the tab) before the writer gets to it.
pub struct NewComment {
    pub article_id: i64,
    pub parent_id: Option<i64>,
    pub author_id: i64,
    pub body_source: String,
    pub body_html: String,
    /// Why the comment waits for a moderator; `None` shows it at once.
    pub hold: Option<HoldReason>,
    /// What held it, for moderators (e.g. the suspect word).
    pub hold_note: String,
    /// Why it was held, as stored ([`crate::domain::moderation::HoldDetail`]); '' when shown.
    pub hold_detail: String,
    pub spam_score: Option<f64>,
    /// The `comment.created` webhook payload, given the new comment's id; queued in the same
    /// transaction as the comment (and only made when a webhook takes the event).
    pub webhook_payload: Option<Box<dyn Fn(i64) -> String + Send + Sync>>,
    /// The posting-rate counters the comment counts toward, hit in its transaction.
    pub rate: Option<RateCount>,
    /// What other processes and shared caches are told when the comment is shown, at its
    /// commit.
    pub announce: Option<Announcement>,
}

/// The two posting-rate counters (the writer's and their address's) in the minute starting at
/// `window_start`, and the rule that says whether their new hits refuse the comment.
pub struct RateCount {
    pub member_key: String,
    pub address_key: String,
    pub window_start: DateTime<Utc>,
    /// Given the member's and the address's hits this minute (this one included): whether the
    /// comment is refused for it.
    pub refuses: Box<dyn Fn(i64, i64) -> bool + Send + Sync>,
}

/// Why a comment was not stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotPosted {
    /// Its writer or their address posts too fast: the hits that said so (they stay counted).
    TooFast {
        member_posts: i64,
        address_posts: i64,
    },
    /// The reply cannot be attached where it was aimed.
    Reply(ReplyProblem),
}

/// A comment just written, and the article's visible-comment count it made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posted {
    pub id: i64,
    pub comment_count: i64,
    /// Held for review rather than shown.
    pub held: bool,
}

/// Why a reply cannot be attached where it was aimed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplyProblem {
    ParentMissing,
    ParentElsewhere,
    ParentDeleted,
}

/// What became of one post.
pub type Outcome = std::result::Result<Posted, NotPosted>;

/// The most posts one SQLite transaction stores.
const MAX_BATCH: usize = 64;

/// The most posts waiting for SQLite's writer; a post beyond them waits to join the queue.
const QUEUE_DEPTH: usize = 1024;

/// A post waiting for SQLite's writer task, and where its outcome goes.
struct Waiting {
    new: NewComment,
    now: DateTime<Utc>,
    answer: oneshot::Sender<Result<Outcome>>,
}

/// This process's way to SQLite's writer task, started by the first post that finds another
/// being stored (and again should the runtime that ran it have ended, as between tests).
#[derive(Default)]
pub(crate) struct PostQueue {
    sender: Mutex<Option<mpsc::Sender<Waiting>>>,
    /// Posts between asking to be stored and their answer. A post that finds none goes
    /// straight to the writer connection: a lone poster would only pay for the hand-over.
    storing: AtomicUsize,
}

/// One post counted in [`PostQueue::storing`] until it is dropped (answered, or abandoned).
struct Storing<'a>(&'a AtomicUsize);

impl<'a> Storing<'a> {
    /// Counts a post in; also whether it is the only one.
    fn enter(count: &'a AtomicUsize) -> (Self, bool) {
        let before = count.fetch_add(1, Ordering::AcqRel);
        (Storing(count), before == 0)
    }
}

impl Drop for Storing<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Store {
    /// Adds a comment (or a reply) and its counts in one transaction: its posting-rate hits,
    /// its webhook, its notifications and, on PostgreSQL, the `broadsheet_comments`
    /// notification and its announcement go out when it commits. Refused for posting too
    /// fast, nothing of it is kept, its rate hits included.
    pub async fn insert_comment(&self, new: NewComment, now: DateTime<Utc>) -> Result<Outcome> {
        if self.backend() == Backend::Postgres {
            return self.post_alone(&new, now).await;
        }
        let (_storing, alone) = Storing::enter(&self.posts.storing);
        if alone {
            return self.post_alone(&new, now).await;
        }
        let (answer, answered) = oneshot::channel();
        let waiting = Waiting { new, now, answer };
        if let Err(mpsc::error::SendError(waiting)) = self.post_queue().send(waiting).await {
            return self.post_alone(&waiting.new, waiting.now).await;
        }
        answered
            .await
            .map_err(|_| Error::Database(sqlx::Error::WorkerCrashed))?
    }

    fn post_queue(&self) -> mpsc::Sender<Waiting> {
        let mut slot = self.posts.sender.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(queue) = slot.as_ref().filter(|q| !q.is_closed()) {
            return queue.clone();
        }
        let (queue, waiting) = mpsc::channel(QUEUE_DEPTH);
        tokio::spawn(self.without_post_queue().write_posts(waiting));
        *slot = Some(queue.clone());
        queue
    }

    /// SQLite's writer task: stores whatever waits, a batch at a time, until every sender is
    /// gone (the last handle on the store dropped).
    async fn write_posts(self, mut waiting: mpsc::Receiver<Waiting>) {
        let mut batch = Vec::with_capacity(MAX_BATCH);
        while waiting.recv_many(&mut batch, MAX_BATCH).await > 0 {
            match self.post_together(&batch).await {
                Ok(outcomes) => {
                    for (post, outcome) in batch.drain(..).zip(outcomes) {
                        let _ = post.answer.send(Ok(outcome));
                    }
                }
                // One post's failure (its article deleted meanwhile, say) must not fail the
                // others: each is tried again on its own and answered with its own result.
                Err(e) => {
                    tracing::warn!(posts = batch.len(), error = %e, "a batch of comments failed; storing each alone");
                    for post in batch.drain(..) {
                        let outcome = self.post_alone(&post.new, post.now).await;
                        let _ = post.answer.send(outcome);
                    }
                }
            }
        }
    }

    /// Stores `batch` in one SQLite transaction, each post's rate checked before it is written.
    async fn post_together(&self, batch: &[Waiting]) -> Result<Vec<Outcome>> {
        let mut tx = self.begin().await?;
        for _ in 1..batch.len() {
            self.count_query();
        }
        let mut hooks = None;
        let mut outcomes = Vec::with_capacity(batch.len());
        for post in batch {
            let (new, now) = (&post.new, post.now);
            let place = match place(&mut tx, new).await? {
                Ok(place) => place,
                Err(refused) => {
                    outcomes.push(Err(refused));
                    continue;
                }
            };
            // Its hits are taken back when they refuse it: the others in the transaction stay.
            if let Some(refused) = hit_rate(&mut tx, new, true).await? {
                outcomes.push(Err(refused));
                continue;
            }
            let posted = insert_and_count_sqlite(&mut tx, new, place, now).await?;
            follow_up(&mut tx, Backend::Sqlite, new, posted.id, now, &mut hooks).await?;
            outcomes.push(Ok(posted));
        }
        tx.commit().await?;
        Ok(outcomes)
    }

    /// Stores one post in a transaction of its own. The rows many posts share (the address's
    /// rate counter, the article's count) are written last, so concurrent posts to one story
    /// wait for each other's commit only, not for each other's whole transaction.
    async fn post_alone(&self, new: &NewComment, now: DateTime<Utc>) -> Result<Outcome> {
        let mut tx = self.begin().await?;
        let place = match place(&mut tx, new).await? {
            Ok(place) => place,
            Err(refused) => return Ok(Err(refused)),
        };
        let id = insert(&mut tx, new, place, now).await?;
        follow_up(&mut tx, self.backend(), new, id, now, &mut None).await?;
        if let Some(refused) = hit_rate(&mut tx, new, false).await? {
            // Nothing is kept, this hit included: the counters stay over the limit, so the
            // next attempt this minute is refused too, and the writer's minute is not
            // lengthened by retrying.
            tx.rollback().await?;
            return Ok(Err(refused));
        }
        let posted = count(&mut tx, new, id).await?;
        tx.commit().await?;
        Ok(Ok(posted))
    }
}

/// Where the comment goes: its thread and depth (none for a new thread), or why a reply cannot
/// go where it was aimed.
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

#[derive(Clone, Copy)]
struct Place {
    thread_id: Option<i64>,
    depth: i32,
}

/// Counts the post toward its rate; `Some` when that refuses it. With `take_back`, a refusing
/// hit is undone here (for a transaction that goes on with other posts); without, the caller
/// rolls back.
async fn hit_rate(tx: &mut Tx, new: &NewComment, take_back: bool) -> Result<Option<NotPosted>> {
    let Some(rate) = &new.rate else {
        return Ok(None);
    };
    let (member, address, start) = (&rate.member_key, &rate.address_key, rate.window_start);
    let (member_posts, address_posts) = hit_rate_windows(tx, member, address, start).await?;
    if !(rate.refuses)(member_posts, address_posts) {
        return Ok(None);
    }
    if take_back {
        take_back_rate_hits(tx, member, address, start).await?;
    }
    Ok(Some(NotPosted::TooFast {
        member_posts,
        address_posts,
    }))
}

/// The statement that stores the comment, on both backends: `$1`–`$13`, returning its id.
const INSERT_COMMENT: &str = "INSERT INTO comments (article_id, parent_id, thread_id, depth, \
     author_id, body_source, body_html, status, created_at, held_reason, moderation_note, \
     spam_score, held_detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)";

fn status_of(new: &NewComment) -> CommentStatus {
    match new.hold {
        Some(_) => CommentStatus::Pending,
        None => CommentStatus::Visible,
    }
}

/// The comment's values for [`INSERT_COMMENT`]'s `$1`–`$13`.
fn bind_comment<'q>(
    q: crate::store::Query<'q>,
    new: &'q NewComment,
    place: Place,
    now: DateTime<Utc>,
) -> crate::store::Query<'q> {
    q.bind(new.article_id)
        .bind(new.parent_id)
        .bind(place.thread_id)
        .bind(place.depth)
        .bind(new.author_id)
        .bind(new.body_source.as_str())
        .bind(new.body_html.as_str())
        .bind(status_of(new))
        .bind(now)
        .bind(new.hold)
        .bind(new.hold_note.as_str())
        .bind(new.spam_score)
        .bind(new.hold_detail.as_str())
}

/// Stores the comment (and makes a new thread its own thread): its id.
async fn insert(tx: &mut Tx, new: &NewComment, place: Place, now: DateTime<Utc>) -> Result<i64> {
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
    Ok(id)
}

/// SQLite: [`insert`] and [`count`] in one statement string, so one trip to the writer
/// connection's thread rather than three (SQLite runs each statement of the string in turn,
/// `$n` numbered across all of them). Each statement that returns a row labels its value.
const INSERT_AND_COUNT_SQLITE: &str = "; \
     UPDATE comments SET thread_id = id WHERE id = last_insert_rowid() AND thread_id IS NULL; \
     UPDATE articles SET comment_count = comment_count + $14 WHERE id = $1 \
     RETURNING 'count', comment_count";

async fn insert_and_count_sqlite(
    tx: &mut Tx,
    new: &NewComment,
    place: Place,
    now: DateTime<Utc>,
) -> Result<Posted> {
    static SQL: LazyLock<String> =
        LazyLock::new(|| format!("{INSERT_COMMENT} RETURNING 'id', id{INSERT_AND_COUNT_SQLITE}"));
    let held = new.hold.is_some();
    let rows: Vec<(String, i64)> = bind_comment(query(&SQL), new, place, now)
        .bind(i64::from(!held))
        .fetch_all(&mut *tx)
        .await?;
    let value = |label: &str| rows.iter().find(|(l, _)| l == label).map(|(_, v)| *v);
    match (value("id"), value("count")) {
        (Some(id), Some(comment_count)) => Ok(Posted {
            id,
            comment_count,
            held,
        }),
        _ => Err(Error::NotFound),
    }
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
    if backend == Backend::Postgres {
        query("SELECT pg_notify('broadsheet_comments', $1)")
            .bind(format!("{}:{}", new.article_id, id))
            .execute(&mut *tx)
            .await?;
    }
    if let Some(announcement) = &new.announce {
        announce_in(tx, backend, announcement, now).await?;
    }
    Ok(())
}

/// The article's visible-comment count with the comment `id` in it (raised when it is shown).
async fn count(tx: &mut Tx, new: &NewComment, id: i64) -> Result<Posted> {
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
    .fetch_one(tx)
    .await?;
    Ok(Posted {
        id,
        comment_count,
        held,
    })
}
