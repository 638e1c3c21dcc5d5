//! The conversation: threads, replies, likes and reports. Counts (`articles.comment_count`,
//! `comments.reply_count`, `comments.like_count`) change in the transaction that changes what
//! they count, so pages never count rows.

use chrono::{DateTime, Utc};

use super::purges::Announcement;
use super::{Result, Store, query};
use crate::domain::comment::{CommentSort, CommentStatus, ThreadCursor};

/// A comment as pages show it, with its author's current display name.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct CommentRow {
    pub id: i64,
    pub article_id: i64,
    pub parent_id: Option<i64>,
    pub thread_id: Option<i64>,
    pub depth: i32,
    pub author_id: Option<i64>,
    pub author_name: String,
    pub body_source: String,
    pub body_html: String,
    pub status: CommentStatus,
    pub created_at: DateTime<Utc>,
    pub edited_at: Option<DateTime<Utc>>,
    pub like_count: i64,
    pub reply_count: i64,
    pub moderation_note: String,
    pub pinned_at: Option<DateTime<Utc>>,
}

impl CommentRow {
    pub fn is_visible(&self) -> bool {
        self.status == CommentStatus::Visible
    }
}

const COMMENT_COLUMNS: &str = "c.id, c.article_id, c.parent_id, c.thread_id, c.depth, c.author_id, \
     COALESCE(u.display_name, g.name, '[deleted]') AS author_name, c.body_source, c.body_html, c.status, \
     c.created_at, c.edited_at, c.like_count, c.reply_count, c.moderation_note, c.pinned_at";

/// Which comments readers see: visible ones; deleted, rejected or held ones that still hold
/// visible replies (as tombstones, so the replies keep their place); and to their author, their
/// own held and rejected comments (`$viewer` is the viewer's id, 0 when signed out).
const SHOWN: &str = "(c.status = 'visible' OR c.reply_count > 0 \
     OR (c.author_id = $viewer AND c.status IN ('pending', 'rejected')))";

/// At most this many replies are loaded for one page of threads.
pub const MAX_REPLIES_PER_PAGE: i64 = 2000;

pub struct NewComment<'a> {
    pub article_id: i64,
    pub parent_id: Option<i64>,
    pub author_id: i64,
    pub body_source: &'a str,
    pub body_html: &'a str,
    /// Why the comment waits for a moderator; `None` shows it at once.
    pub hold: Option<crate::domain::moderation::HoldReason>,
    /// What held it, for moderators (e.g. the suspect word).
    pub hold_note: &'a str,
    /// Why it was held, as stored ([`crate::domain::moderation::HoldDetail`]); '' when shown.
    pub hold_detail: &'a str,
    pub spam_score: Option<f64>,
    /// The `comment.created` webhook payload, given the new comment's id; queued in the same
    /// transaction as the comment.
    pub webhook_payload: Option<&'a (dyn Fn(i64) -> String + Send + Sync)>,
    /// The posting-rate counters the comment counts toward, hit in its transaction.
    pub rate: Option<RateCount<'a>>,
    /// What other processes and shared caches are told when the comment is shown, at its
    /// commit.
    pub announce: Option<&'a Announcement>,
}

/// The two posting-rate counters (the writer's and their address's) in the minute starting at
/// `window_start`, and the rule that says whether their new hits refuse the comment.
pub struct RateCount<'a> {
    pub member_key: &'a str,
    pub address_key: &'a str,
    pub window_start: DateTime<Utc>,
    /// Given the member's and the address's hits this minute (this one included): whether the
    /// comment is refused for it.
    pub refuses: &'a (dyn Fn(i64, i64) -> bool + Send + Sync),
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

impl Store {
    /// Adds a comment (or a reply) and its counts in one transaction, one commit in all: its
    /// posting-rate hits, its webhook, its notifications and, on PostgreSQL, the
    /// `broadsheet_comments` notification and its announcement go out when it commits.
    ///
    /// The rows many posts share (the writer's address's rate counter, the article's count)
    /// are written last, so concurrent posts to one story wait for each other's commit only,
    /// not for each other's whole transaction.
    pub async fn insert_comment(
        &self,
        new: &NewComment<'_>,
        now: DateTime<Utc>,
    ) -> Result<std::result::Result<Posted, NotPosted>> {
        let mut tx = self.begin().await?;
        let (thread_id, depth) = match new.parent_id {
            None => (None, 0),
            Some(pid) => match reply_place(&mut tx, pid, new.article_id).await? {
                Ok(place) => place,
                Err(problem) => return Ok(Err(NotPosted::Reply(problem))),
            },
        };
        let (status, held_reason) = match new.hold {
            Some(reason) => (CommentStatus::Pending, Some(reason)),
            None => (CommentStatus::Visible, None),
        };
        let (id,): (i64,) = query(
            "INSERT INTO comments (article_id, parent_id, thread_id, depth, author_id, \
                 body_source, body_html, status, created_at, held_reason, moderation_note, spam_score, \
                 held_detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
        )
        .bind(new.article_id)
        .bind(new.parent_id)
        .bind(thread_id)
        .bind(depth)
        .bind(new.author_id)
        .bind(new.body_source)
        .bind(new.body_html)
        .bind(status)
        .bind(now)
        .bind(held_reason)
        .bind(new.hold_note)
        .bind(new.spam_score)
        .bind(new.hold_detail)
        .fetch_one(&mut tx)
        .await?;
        if thread_id.is_none() {
            query("UPDATE comments SET thread_id = id WHERE id = $1")
                .bind(id)
                .execute(&mut tx)
                .await?;
        }
        let shown = new.hold.is_none();
        // Held: nothing readers see changes, so no counts, webhook or live update.
        if shown {
            if let Some(pid) = new.parent_id {
                query("UPDATE comments SET reply_count = reply_count + 1 WHERE id = $1")
                    .bind(pid)
                    .execute(&mut tx)
                    .await?;
            }
            if let Some(payload) = new.webhook_payload {
                let event = crate::domain::webhook::Event::CommentCreated.as_str();
                super::webhooks::enqueue(&mut tx, event, &payload(id), now).await?;
            }
            // Shown at once: whoever it replies to or mentions is told (held: on approval).
            super::notifications::queue_notifications(&mut tx, id, now).await?;
            if self.backend() == super::Backend::Postgres {
                query("SELECT pg_notify('broadsheet_comments', $1)")
                    .bind(format!("{}:{}", new.article_id, id))
                    .execute(&mut tx)
                    .await?;
            }
            if let Some(announcement) = new.announce {
                super::purges::announce_in(&mut tx, self.backend(), announcement, now).await?;
            }
        }
        if let Some(rate) = &new.rate {
            let (member_posts, address_posts) = super::sessions::hit_rate_windows(
                &mut tx,
                rate.member_key,
                rate.address_key,
                rate.window_start,
            )
            .await?;
            if (rate.refuses)(member_posts, address_posts) {
                // Nothing is kept, this hit included: the counters stay over the limit, so the
                // next attempt this minute is refused too, and the writer's minute is not
                // lengthened by retrying.
                tx.rollback().await?;
                return Ok(Err(NotPosted::TooFast {
                    member_posts,
                    address_posts,
                }));
            }
        }
        let (comment_count,): (i64,) = if shown {
            query(
                "UPDATE articles SET comment_count = comment_count + 1 WHERE id = $1 \
                 RETURNING comment_count",
            )
        } else {
            query("SELECT comment_count FROM articles WHERE id = $1")
        }
        .bind(new.article_id)
        .fetch_one(&mut tx)
        .await?;
        tx.commit().await?;
        Ok(Ok(Posted {
            id,
            comment_count,
            held: !shown,
        }))
    }

    pub async fn comment(&self, id: i64) -> Result<Option<CommentRow>> {
        let sql = format!(
            "SELECT {COMMENT_COLUMNS} FROM comments c LEFT JOIN users u ON u.id = c.author_id LEFT JOIN guest_identities g ON g.id = c.guest_id WHERE c.id = $1"
        );
        query(&sql).bind(id).fetch_optional(self.read()).await
    }

    /// One page of an article's threads (root comments), in the chosen order, after `cursor`.
    pub async fn threads(
        &self,
        article_id: i64,
        sort: CommentSort,
        cursor: Option<ThreadCursor>,
        limit: i64,
        viewer_id: Option<i64>,
    ) -> Result<Vec<CommentRow>> {
        let (keyset, order) = match sort {
            CommentSort::Oldest => ("(c.created_at, c.id) > ($2, $3)", "c.created_at, c.id"),
            CommentSort::Newest => (
                "(c.created_at, c.id) < ($2, $3)",
                "c.created_at DESC, c.id DESC",
            ),
            CommentSort::MostLiked => (
                "(c.like_count, c.id) < ($4, $3)",
                "c.like_count DESC, c.id DESC",
            ),
        };
        let keyset = if cursor.is_some() {
            keyset
        } else {
            "$3 = $3 AND $2 = $2 AND $4 = $4"
        };
        let shown = SHOWN.replace("$viewer", "$6");
        let sql = format!(
            "SELECT {COMMENT_COLUMNS} FROM comments c LEFT JOIN users u ON u.id = c.author_id LEFT JOIN guest_identities g ON g.id = c.guest_id \
             WHERE c.article_id = $1 AND c.parent_id IS NULL AND {shown} AND {keyset} \
             ORDER BY {order} LIMIT $5"
        );
        let (time_key, id_key, likes_key) = match cursor {
            Some(c) => (
                DateTime::from_timestamp_micros(c.key).unwrap_or_default(),
                c.id,
                c.key,
            ),
            None => (DateTime::<Utc>::default(), 0, 0),
        };
        query(&sql)
            .bind(article_id)
            .bind(time_key)
            .bind(id_key)
            .bind(likes_key)
            .bind(limit)
            .bind(viewer_id.unwrap_or(0))
            .fetch_all(self.read())
            .await
    }

    /// Every shown reply of the given threads, oldest first, in one query.
    pub async fn replies(
        &self,
        thread_ids: &[i64],
        viewer_id: Option<i64>,
    ) -> Result<Vec<CommentRow>> {
        if thread_ids.is_empty() {
            return Ok(Vec::new());
        }
        let list = super::articles::placeholders(1, thread_ids.len());
        let shown = SHOWN.replace("$viewer", &format!("${}", thread_ids.len() + 1));
        let sql = format!(
            "SELECT {COMMENT_COLUMNS} FROM comments c LEFT JOIN users u ON u.id = c.author_id LEFT JOIN guest_identities g ON g.id = c.guest_id \
             WHERE c.thread_id IN ({list}) AND c.parent_id IS NOT NULL AND {shown} \
             ORDER BY c.created_at, c.id LIMIT {MAX_REPLIES_PER_PAGE}"
        );
        Ok({
            let mut q = query(&sql);
            for id in thread_ids {
                q = q.bind(*id);
            }
            q.bind(viewer_id.unwrap_or(0))
                .fetch_all(self.read())
                .await?
        })
    }

    /// Which of `comment_ids` the member likes.
    pub async fn liked_by(&self, user_id: i64, comment_ids: &[i64]) -> Result<Vec<i64>> {
        if comment_ids.is_empty() {
            return Ok(Vec::new());
        }
        let list = super::articles::placeholders(2, comment_ids.len());
        let sql = format!(
            "SELECT comment_id FROM comment_likes WHERE user_id = $1 AND comment_id IN ({list})"
        );
        let rows: Vec<(i64,)> = {
            let mut q = query(&sql).bind(user_id);
            for id in comment_ids {
                q = q.bind(*id);
            }
            q.fetch_all(self.read()).await?
        };
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    /// What a member's copy of an article page needs beyond what every member shares, in one
    /// query: which of `comment_ids` they like, and whether their page cannot be the shared one:
    /// they have held or rejected comments on the article (which only they see), or they muted
    /// one of `author_ids` (the authors of the page's comments, whose comments they see folded).
    pub async fn member_marks(
        &self,
        user_id: i64,
        article_id: i64,
        comment_ids: &[i64],
        author_ids: &[i64],
    ) -> Result<(Vec<i64>, bool)> {
        // Comment ids are positive, so a row of 0 can only be the "own page" answer.
        // `+author_id` keeps SQLite off the author index: a prolific member has 100,000
        // comments, an article a handful held or rejected (found by `comments_threads`).
        let mut sql =
            "SELECT CAST(0 AS BIGINT) WHERE EXISTS (SELECT 1 FROM comments WHERE article_id = $2 \
                      AND +author_id = $1 AND status IN ('pending', 'rejected'))"
                .to_owned();
        if !comment_ids.is_empty() {
            let list = super::articles::placeholders(3, comment_ids.len());
            sql = format!(
                "SELECT comment_id FROM comment_likes WHERE user_id = $1 AND comment_id IN ({list}) \
                 UNION ALL {sql}"
            );
        }
        if !author_ids.is_empty() {
            // One primary-key probe per author on the page.
            let list = super::articles::placeholders(3 + comment_ids.len(), author_ids.len());
            sql = format!(
                "{sql} UNION ALL SELECT CAST(0 AS BIGINT) FROM member_mutes \
                 WHERE muter_id = $1 AND muted_id IN ({list})"
            );
        }
        let rows: Vec<(i64,)> = {
            let mut q = query(&sql).bind(user_id).bind(article_id);
            for id in comment_ids.iter().chain(author_ids) {
                q = q.bind(*id);
            }
            q.fetch_all(self.read()).await?
        };
        let hidden = rows.iter().any(|r| r.0 == 0);
        Ok((
            rows.into_iter()
                .map(|r| r.0)
                .filter(|id| *id != 0)
                .collect(),
            hidden,
        ))
    }

    /// Replaces the body of a visible comment of `author_id` posted at or after `not_before`,
    /// with its new spam score. False when nothing matched (not theirs, deleted, or too late).
    /// If the spam filter learnt from the comment, it learns the new text instead of the old,
    /// so undo stays exact. With `hold`, the comment goes back to the moderators (why, and a
    /// note for them) and out of readers' sight and counts, in the same transaction; an
    /// editor's pick stops being one (the pick was of the old text).
    #[allow(clippy::too_many_arguments)]
    pub async fn edit_comment(
        &self,
        id: i64,
        author_id: i64,
        body_source: &str,
        body_html: &str,
        spam_score: Option<f64>,
        hold: Option<(crate::domain::moderation::HoldReason, &str, &str)>,
        now: DateTime<Utc>,
        not_before: DateTime<Utc>,
    ) -> Result<bool> {
        let mut tx = self.begin().await?;
        let out = {
            let old: Option<(String, Option<String>, i64, Option<i64>)> = query(
                "SELECT body_source, trained_as, article_id, parent_id FROM comments \
                 WHERE id = $1 AND author_id = $2 AND status = 'visible' AND created_at >= $3",
            )
            .bind(id)
            .bind(author_id)
            .bind(not_before)
            .fetch_optional(&mut tx)
            .await?;
            let Some((old_source, trained_as, article_id, parent_id)) = old else {
                return Ok(false);
            };
            query(
                "UPDATE comments SET body_source = $1, body_html = $2, edited_at = $3, spam_score = $4 \
                 WHERE id = $5",
            )
            .bind(body_source)
            .bind(body_html)
            .bind(now)
            .bind(spam_score)
            .bind(id)
            .execute(&mut tx)
            .await?;
            if let Some((reason, note, detail)) = hold {
                query(
                    "UPDATE comments SET status = 'pending', held_reason = $1, moderation_note = $2, \
                     pinned_at = NULL, held_detail = $3 WHERE id = $4",
                )
                .bind(reason.as_str())
                .bind(note)
                .bind(detail)
                .bind(id)
                .execute(&mut tx)
                .await?;
                query("UPDATE articles SET comment_count = comment_count - 1 WHERE id = $1")
                    .bind(article_id)
                    .execute(&mut tx)
                    .await?;
                if let Some(pid) = parent_id {
                    query("UPDATE comments SET reply_count = reply_count - 1 WHERE id = $1")
                        .bind(pid)
                        .execute(&mut tx)
                        .await?;
                }
            }
            if let Some(class) = trained_as {
                super::moderation::train(&mut tx, &old_source, class.as_str(), -1).await?;
                super::moderation::train(&mut tx, body_source, class.as_str(), 1).await?;
            }
            true
        };
        tx.commit().await?;
        Ok(out)
    }

    /// The author deletes their comment: it becomes a tombstone (nothing is destroyed) and
    /// stops counting. False when it was not theirs or not visible.
    pub async fn delete_own_comment(&self, id: i64, author_id: i64) -> Result<bool> {
        let mut tx = self.begin().await?;
        let row: Option<(i64, Option<i64>)> = query(
                    "UPDATE comments SET status = 'deleted' \
                     WHERE id = $1 AND author_id = $2 AND status = 'visible' RETURNING article_id, parent_id",
                )
                .bind(id)
                .bind(author_id)
                .fetch_optional(&mut tx)
                .await?;
        let Some((article_id, parent_id)) = row else {
            return Ok(false);
        };
        query("UPDATE articles SET comment_count = comment_count - 1 WHERE id = $1")
            .bind(article_id)
            .execute(&mut tx)
            .await?;
        if let Some(pid) = parent_id {
            query("UPDATE comments SET reply_count = reply_count - 1 WHERE id = $1")
                .bind(pid)
                .execute(&mut tx)
                .await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// Sets whether `user_id` likes a comment. Returns `Ok(Some(count))` with the new count, or
    /// `Ok(None)` when the like was already in the wanted state.
    pub async fn set_like(
        &self,
        comment_id: i64,
        user_id: i64,
        like: bool,
        now: DateTime<Utc>,
    ) -> Result<Option<i64>> {
        let mut tx = self.begin().await?;
        let count = {
            let changed = if like {
                query(
                        "INSERT INTO comment_likes (comment_id, user_id, created_at) VALUES ($1, $2, $3) \
                         ON CONFLICT DO NOTHING",
                    )
                    .bind(comment_id)
                    .bind(user_id)
                    .bind(now)
                    .execute(&mut tx)
                    .await?
            } else {
                query("DELETE FROM comment_likes WHERE comment_id = $1 AND user_id = $2")
                    .bind(comment_id)
                    .bind(user_id)
                    .execute(&mut tx)
                    .await?
            };
            if changed == 0 {
                return Ok(None);
            }
            let (count,): (i64,) = query(
                    "UPDATE comments SET like_count = like_count + $2 WHERE id = $1 RETURNING like_count",
                )
                .bind(comment_id)
                .bind(if like { 1i64 } else { -1i64 })
                .fetch_one(&mut tx)
                .await?;
            count
        };
        tx.commit().await?;
        Ok(Some(count))
    }

    /// Every comment a member wrote, for their data download.
    pub async fn comments_by_author(&self, author_id: i64) -> Result<Vec<(CommentRow, String)>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            #[sqlx(flatten)]
            comment: CommentRow,
            article_slug: String,
        }
        let sql = format!(
            "SELECT {COMMENT_COLUMNS}, a.slug AS article_slug FROM comments c \
             LEFT JOIN users u ON u.id = c.author_id LEFT JOIN guest_identities g ON g.id = c.guest_id JOIN articles a ON a.id = c.article_id \
             WHERE c.author_id = $1 ORDER BY c.created_at, c.id"
        );
        let rows: Vec<Row> = query(&sql).bind(author_id).fetch_all(self.read()).await?;
        Ok(rows
            .into_iter()
            .map(|r| (r.comment, r.article_slug))
            .collect())
    }
}

/// Where a reply to `parent_id` goes under the article `article_id`: its thread and depth, or
/// why it cannot go there.
async fn reply_place(
    tx: &mut super::Tx,
    parent_id: i64,
    article_id: i64,
) -> Result<std::result::Result<(Option<i64>, i32), ReplyProblem>> {
    let parent: Option<(i64, Option<i64>, i32, CommentStatus)> =
        query("SELECT article_id, thread_id, depth, status FROM comments WHERE id = $1")
            .bind(parent_id)
            .fetch_optional(tx)
            .await?;
    Ok(match parent {
        None => Err(ReplyProblem::ParentMissing),
        Some((aid, _, _, _)) if aid != article_id => Err(ReplyProblem::ParentElsewhere),
        Some((_, _, _, status)) if status != CommentStatus::Visible => {
            Err(ReplyProblem::ParentDeleted)
        }
        Some((_, thread, depth, _)) => Ok((thread.or(Some(parent_id)), depth + 1)),
    })
}
