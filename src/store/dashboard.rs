//! What the staff's dashboard (`/admin`) reads: counts and lists for the newsroom, the
//! moderation desk and the site. Counting by hour or day is done in Rust (`domain::dashboard`)
//! from the rows' times, so the SQL is one text for both backends: SQLite keeps times as text
//! and PostgreSQL as `TIMESTAMPTZ`, and their functions for truncating a time differ.

use chrono::{DateTime, Duration, Utc};

use super::{Result, Store, query};
use crate::domain::comment::CommentStatus;
use crate::domain::dashboard::ArticleStatus;
use crate::domain::jobs::{JobKind, JobStatus};
use crate::domain::newsroom::Workflow;

/// An article with a number: its views, or its comments, in a window.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct ArticleTally {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub count: i64,
}

/// An article due to be published.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Scheduled {
    pub id: i64,
    pub title: String,
    pub published_at: DateTime<Utc>,
}

/// A comment thread (a root comment and its replies) with the comments posted in it lately.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct ThreadTally {
    pub thread_id: i64,
    pub slug: String,
    pub title: String,
    pub count: i64,
}

impl Store {
    /// How many articles stand at each [`ArticleStatus`] at `now`, every status listed (zero
    /// included); with `started_by`, only the articles that member started.
    pub async fn article_status_counts(
        &self,
        now: DateTime<Utc>,
        started_by: Option<i64>,
    ) -> Result<Vec<(ArticleStatus, i64)>> {
        // 0: not published, 1: scheduled, 2: published; the workflow decides among the first.
        let rows: Vec<(Workflow, i64, i64)> = query(
            "SELECT workflow, \
                    CAST(CASE WHEN published_at IS NULL THEN 0 WHEN published_at > $1 THEN 1 \
                              ELSE 2 END AS BIGINT) AS publication, \
                    COUNT(*) \
             FROM articles WHERE ($2 IS NULL OR created_by = $2) \
             GROUP BY workflow, publication",
        )
        .bind(now)
        .bind(started_by)
        .fetch_all(self.read())
        .await?;
        let mut counts: Vec<(ArticleStatus, i64)> =
            ArticleStatus::ALL.iter().map(|s| (*s, 0)).collect();
        for (workflow, publication, n) in rows {
            let published_at = match publication {
                0 => None,
                1 => Some(now + Duration::seconds(1)),
                _ => Some(now),
            };
            let status = ArticleStatus::of(workflow, published_at, now);
            if let Some(c) = counts.iter_mut().find(|(s, _)| *s == status) {
                c.1 += n;
            }
        }
        Ok(counts)
    }

    /// The next articles to be published after `now`, soonest first (with `started_by`, only
    /// that member's).
    pub async fn scheduled_next(
        &self,
        now: DateTime<Utc>,
        started_by: Option<i64>,
        limit: i64,
    ) -> Result<Vec<Scheduled>> {
        query(
            "SELECT id, title, published_at FROM articles \
             WHERE published_at > $1 AND ($2 IS NULL OR created_by = $2) \
             ORDER BY published_at, id LIMIT $3",
        )
        .bind(now)
        .bind(started_by)
        .bind(limit)
        .fetch_all(self.read())
        .await
    }

    /// The published articles read most from the hour `since` falls in on, most first.
    pub async fn most_read(
        &self,
        since: DateTime<Utc>,
        now: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<ArticleTally>> {
        query(
            "SELECT a.id, a.slug, a.title, CAST(SUM(v.views) AS BIGINT) AS count \
             FROM article_views v JOIN articles a ON a.id = v.article_id \
             WHERE v.hour >= $1 AND a.published_at <= $2 \
             GROUP BY a.id, a.slug, a.title \
             ORDER BY count DESC, a.id LIMIT $3",
        )
        .bind(crate::domain::dashboard::hour_of(since))
        .bind(now)
        .bind(limit)
        .fetch_all(self.read())
        .await
    }

    /// The published articles with the most comments readers see posted since `since`.
    pub async fn most_discussed_since(
        &self,
        since: DateTime<Utc>,
        now: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<ArticleTally>> {
        query(
            "SELECT a.id, a.slug, a.title, COUNT(*) AS count \
             FROM comments c JOIN articles a ON a.id = c.article_id \
             WHERE c.created_at >= $1 AND c.status = 'visible' AND a.published_at <= $2 \
             GROUP BY a.id, a.slug, a.title \
             ORDER BY count DESC, a.id LIMIT $3",
        )
        .bind(since)
        .bind(now)
        .bind(limit)
        .fetch_all(self.read())
        .await
    }

    /// When each comment posted since `since` was posted, and where it stands now.
    pub async fn comments_posted_since(
        &self,
        since: DateTime<Utc>,
    ) -> Result<Vec<(DateTime<Utc>, CommentStatus)>> {
        query("SELECT created_at, status FROM comments WHERE created_at >= $1")
            .bind(since)
            .fetch_all(self.read())
            .await
    }

    /// When each account made since `since` was made.
    pub async fn signups_since(&self, since: DateTime<Utc>) -> Result<Vec<DateTime<Utc>>> {
        query("SELECT created_at FROM users WHERE created_at >= $1")
            .bind(since)
            .scalar_all(self.read())
            .await
    }

    /// How long each decision on a comment (approve, reject) taken since `since` came after
    /// the comment was posted, from the moderation log; undone decisions count too (they were
    /// made).
    pub async fn decision_delays(&self, since: DateTime<Utc>) -> Result<Vec<Duration>> {
        let rows: Vec<(DateTime<Utc>, DateTime<Utc>)> = query(
            "SELECT c.created_at, l.at FROM moderation_log l \
             JOIN comments c ON c.id = l.comment_id \
             WHERE l.action IN ('approve', 'reject') AND l.at >= $1",
        )
        .bind(since)
        .fetch_all(self.read())
        .await?;
        Ok(rows
            .into_iter()
            .map(|(posted, decided)| (decided - posted).max(Duration::zero()))
            .collect())
    }

    /// The threads with the most comments posted since `since` (any status: held ones are
    /// the desk's work too), most first.
    pub async fn busiest_threads(
        &self,
        since: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<ThreadTally>> {
        query(
            "SELECT c.thread_id, a.slug, a.title, COUNT(*) AS count \
             FROM comments c JOIN articles a ON a.id = c.article_id \
             WHERE c.created_at >= $1 AND c.thread_id IS NOT NULL \
             GROUP BY c.thread_id, a.slug, a.title \
             ORDER BY count DESC, c.thread_id LIMIT $2",
        )
        .bind(since)
        .bind(limit)
        .fetch_all(self.read())
        .await
    }

    /// How many jobs of each kind are in each status now.
    pub async fn job_counts(&self) -> Result<Vec<(JobKind, JobStatus, i64)>> {
        let rows: Vec<(String, String, i64)> =
            query("SELECT kind, status, COUNT(*) FROM jobs GROUP BY kind, status")
                .fetch_all(self.read())
                .await?;
        Ok(rows
            .into_iter()
            .filter_map(|(kind, status, n)| {
                Some((JobKind::parse(&kind)?, JobStatus::parse(&status)?, n))
            })
            .collect())
    }
}
