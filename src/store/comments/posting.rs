//! Storing a new comment: the comment, its counts, its webhook, its notifications and its
//! announcement, committed together, with its posting-rate hits (on PostgreSQL committed just
//! before).
//!
//! On SQLite every write goes through one writer connection, so concurrent posts queue for it
//! whatever happens. They queue here instead, for one writer task that takes every post
//! waiting (up to [`MAX_BATCH`]) and stores them in one transaction: one `BEGIN` and one
//! `COMMIT` for the batch, the webhook subscribers read once for it, and no post waits for
//! the pool between another post's statements (group commit). Each post is still answered
//! only once its commit is done; a post that finds no other being stored goes straight to
//! the writer connection. PostgreSQL runs concurrent transactions itself, and a batch
//! there would hold row locks of unrelated posts against other processes' batches (and risk
//! deadlocks between them), so each post has its own transaction on PostgreSQL.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{DateTime, Utc};
use tokio::sync::{mpsc, oneshot};

use super::post_statements::{post_postgres, post_sqlite};
use crate::domain::moderation::HoldReason;
use crate::store::purges::Announcement;
use crate::store::{Backend, Error, Result, Store};

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
    /// The comments a member, and an address, may post a minute ([`Pace::too_fast`] refuses
    /// beyond it).
    ///
    /// [`Pace::too_fast`]: crate::domain::comment::admission::Pace::too_fast
    pub limit_per_minute: i64,
}

impl RateCount {
    /// Why a post that made these hits is refused, if it is ([`Pace::too_fast`] decides).
    ///
    /// [`Pace::too_fast`]: crate::domain::comment::admission::Pace::too_fast
    pub(super) fn refusal(
        &self,
        member_posts: i64,
        address_posts: i64,
        now: DateTime<Utc>,
    ) -> Option<NotPosted> {
        let pace = crate::domain::comment::admission::Pace {
            member_posts,
            address_posts,
            limit_per_minute: self.limit_per_minute,
            now,
        };
        pace.too_fast().map(|_| NotPosted::TooFast {
            member_posts,
            address_posts,
        })
    }
}

/// Why a comment was not stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotPosted {
    /// Its writer or their address posts too fast: the hits that said so. On SQLite they are
    /// not kept, like the rest of the post (the counters were already at the limit, so they
    /// still refuse); on PostgreSQL they are, as every attempt counts there (the hits are
    /// committed before the comment's transaction begins, so a post that then fails, or whose
    /// poster gave up, has counted too).
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

/// Why a batch was not stored.
enum Failed {
    /// No transaction could begin.
    Begin(Error),
    /// A post's statements, or the commit, failed.
    Post(Error),
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
    /// Adds a comment (or a reply) and its counts in one transaction: its webhook, its
    /// notifications and, on PostgreSQL, the `broadsheet_comments` notification and its
    /// announcement go out when it commits. Its posting-rate hits are in that transaction on
    /// SQLite, and committed just before it on PostgreSQL. Refused for posting too fast,
    /// nothing of the comment is kept.
    pub async fn insert_comment(&self, new: NewComment, now: DateTime<Utc>) -> Result<Outcome> {
        if self.backend() == Backend::Postgres {
            return post_postgres(self, &new, now).await;
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
            // A post whose poster is gone (the request timed out, the reader left) is not
            // stored: they were not told it was, and may post it again.
            batch.retain(|post| !post.answer.is_closed());
            if batch.is_empty() {
                continue;
            }
            match self.post_together(&batch).await {
                Ok(outcomes) => {
                    for (post, outcome) in batch.drain(..).zip(outcomes) {
                        let _ = post.answer.send(Ok(outcome));
                    }
                }
                // No transaction could begin (the writer held elsewhere past the time-out):
                // trying each post alone would wait as long again for each.
                Err(Failed::Begin(e)) => {
                    tracing::warn!(posts = batch.len(), error = %e, "no transaction for a batch of comments");
                    for post in batch.drain(..) {
                        let _ = post
                            .answer
                            .send(Err(Error::Database(sqlx::Error::PoolTimedOut)));
                    }
                }
                // One post's failure (its article deleted meanwhile, say) must not fail the
                // others: each is tried again on its own and answered with its own result.
                Err(Failed::Post(e)) => {
                    tracing::warn!(posts = batch.len(), error = %e, "a batch of comments failed; storing each alone");
                    for post in batch.drain(..) {
                        let outcome = self.post_alone(&post.new, post.now).await;
                        let _ = post.answer.send(outcome);
                    }
                }
            }
        }
    }

    /// Stores `batch` in one SQLite transaction. A post refused for its rate is rolled back to
    /// its own savepoint: the others in the transaction stay.
    async fn post_together(&self, batch: &[Waiting]) -> std::result::Result<Vec<Outcome>, Failed> {
        let mut tx = self.begin().await.map_err(Failed::Begin)?;
        for _ in 1..batch.len() {
            self.count_query();
        }
        let mut hooks = None;
        let mut outcomes = Vec::with_capacity(batch.len());
        for post in batch {
            let outcome = post_sqlite(&mut tx, &post.new, post.now, &mut hooks).await;
            outcomes.push(outcome.map_err(Failed::Post)?);
        }
        tx.commit().await.map_err(Failed::Post)?;
        Ok(outcomes)
    }

    /// Stores one post in a SQLite transaction of its own; refused, nothing of it is kept.
    async fn post_alone(&self, new: &NewComment, now: DateTime<Utc>) -> Result<Outcome> {
        let mut tx = self.begin().await?;
        let outcome = post_sqlite(&mut tx, new, now, &mut None).await?;
        match outcome {
            Ok(_) => tx.commit().await?,
            Err(_) => tx.rollback().await?,
        }
        Ok(outcome)
    }
}
