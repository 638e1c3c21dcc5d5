//! What changes on embedded pages' threads after they are made: a title a later load brings,
//! and the list of a site's threads for its admins.

use chrono::{DateTime, Utc};

use super::{Result, Store, query};
use crate::domain::embed::SiteId;

/// One of a site's threads, as its list at `/admin/sites/{id}/threads` shows it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ThreadRow {
    pub article_id: i64,
    pub title: String,
    pub url: String,
    pub comment_count: i64,
    pub created_at: DateTime<Utc>,
}

impl Store {
    /// Takes `title` as the thread's title when it differs and the title was last taken
    /// before `not_since` (or never): true when it changed. The check and the change are one
    /// transaction, so loads at once change it once.
    pub async fn refresh_embedded_title(
        &self,
        article_id: i64,
        title: &str,
        not_since: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let mut tx = self.begin().await?;
        let n = query(
            "UPDATE embedded_pages SET title_checked_at = $3 WHERE article_id = $1 \
             AND (title_checked_at IS NULL OR title_checked_at <= $4) \
             AND EXISTS (SELECT 1 FROM articles a WHERE a.id = $1 AND a.title <> $2)",
        )
        .bind(article_id)
        .bind(title)
        .bind(now)
        .bind(not_since)
        .execute(&mut tx)
        .await?;
        if n == 1 {
            query("UPDATE articles SET title = $2, modified_at = $3 WHERE id = $1")
                .bind(article_id)
                .bind(title)
                .bind(now)
                .execute(&mut tx)
                .await?;
        }
        tx.commit().await?;
        Ok(n == 1)
    }

    /// A site's threads, the most recently made first (at most `limit`).
    pub async fn site_threads(&self, site: SiteId, limit: i64) -> Result<Vec<ThreadRow>> {
        query(
            "SELECT e.article_id, a.title, e.url, a.comment_count, e.created_at \
             FROM embedded_pages e JOIN articles a ON a.id = e.article_id \
             WHERE e.site_id = $1 ORDER BY e.created_at DESC, e.article_id DESC LIMIT $2",
        )
        .bind(site.0)
        .bind(limit)
        .fetch_all(self.read())
        .await
    }
}
