//! Page views of articles, per article and hour (`article_views`): added to by every server
//! process's counter (`services::views`), read by the dashboard (`store::dashboard`).

use chrono::{DateTime, Utc};

use super::{Result, Store, query};

/// Views of one article in one hour (the hour's start).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HourViews {
    pub article_id: i64,
    pub hour: DateTime<Utc>,
    pub views: i64,
}

impl Store {
    /// Adds `counts` to the stored views in one transaction: an upsert that adds to the row,
    /// so processes counting side by side add up rather than overwrite each other. Views of an
    /// article deleted meanwhile are dropped.
    pub async fn add_article_views(&self, counts: &[HourViews]) -> Result<()> {
        if counts.is_empty() {
            return Ok(());
        }
        let mut tx = self.begin().await?;
        for c in counts {
            query(
                "INSERT INTO article_views (article_id, hour, views) \
                 SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM articles WHERE id = $1) \
                 ON CONFLICT (article_id, hour) \
                 DO UPDATE SET views = article_views.views + excluded.views",
            )
            .bind(c.article_id)
            .bind(c.hour)
            .bind(c.views)
            .execute(&mut tx)
            .await?;
        }
        tx.commit().await
    }

    /// An article's views from `since` on (for tests and the dashboard's totals).
    pub async fn article_views_since(&self, article_id: i64, since: DateTime<Utc>) -> Result<i64> {
        query(
            "SELECT CAST(COALESCE(SUM(views), 0) AS BIGINT) FROM article_views \
             WHERE article_id = $1 AND hour >= $2",
        )
        .bind(article_id)
        .bind(since)
        .scalar(self.read())
        .await
    }
}
