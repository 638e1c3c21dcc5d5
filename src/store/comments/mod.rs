//! The conversation: threads, replies, likes and reports. Counts (`articles.comment_count`,
//! `comments.reply_count`, `comments.like_count`) change in the transaction that changes what
//! they count, so pages never count rows.

use chrono::{DateTime, Utc};

mod post_statements;
mod posting;

pub(crate) use posting::PostQueue;
pub use posting::{NewComment, NotPosted, Outcome, Posted, RateCount, ReplyProblem};

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

impl Store {
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
                shift_counts(&mut tx, article_id, parent_id, -1).await?;
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
        shift_counts(&mut tx, article_id, parent_id, -1).await?;
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

/// A comment of `article_id` (replying to `parent_id`) became visible (`by` 1) or stopped
/// being visible (`by` -1): the article's comment count and its parent's reply count follow,
/// in the transaction that changed it.
pub(crate) async fn shift_counts(
    tx: &mut super::Tx,
    article_id: i64,
    parent_id: Option<i64>,
    by: i64,
) -> Result<()> {
    query("UPDATE articles SET comment_count = comment_count + $1 WHERE id = $2")
        .bind(by)
        .bind(article_id)
        .execute(&mut *tx)
        .await?;
    if let Some(pid) = parent_id {
        query("UPDATE comments SET reply_count = reply_count + $1 WHERE id = $2")
            .bind(by)
            .bind(pid)
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

/// A comment of `article_id` became visible: on PostgreSQL, every process's live readers hear
/// of it ([`super::COMMENTS_CHANNEL`]) at the commit of `tx`. Nothing on SQLite (one process).
pub(crate) async fn notify_shown(tx: &mut super::Tx, article_id: i64, id: i64) -> Result<()> {
    let (channel, payload) = shown_notice(article_id, id);
    super::purges::notify_in(tx, &[(channel, &payload)]).await
}

/// [`notify_shown`]'s notification: its channel and payload (a post on PostgreSQL writes the
/// same payload in SQL: `post_statements::INSERT_POSTGRES`).
pub(crate) fn shown_notice(article_id: i64, id: i64) -> (&'static str, String) {
    (super::COMMENTS_CHANNEL, format!("{article_id}:{id}"))
}
