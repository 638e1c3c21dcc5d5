//! Comments as anyone may read them outside an article page: an article's comment feed and a
//! member's public page and feed. Only visible comments on published articles and embedded
//! pages' threads: never held, rejected or deleted ones, whoever asks.

use chrono::{DateTime, Utc};

use super::{Result, Store, query};

/// A visible comment with what a listing of it needs (its article and its author's name).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PublicComment {
    pub id: i64,
    pub article_slug: String,
    pub article_title: String,
    /// The host page's address, when the article is an embedded page's thread.
    pub page_url: Option<String>,
    pub author_id: Option<i64>,
    pub author_name: String,
    pub body_html: String,
    pub created_at: DateTime<Utc>,
    pub edited_at: Option<DateTime<Utc>>,
}

const COLUMNS: &str = "c.id, a.slug AS article_slug, a.title AS article_title, e.url AS page_url, c.author_id, \
     COALESCE(u.display_name, g.name, '[deleted]') AS author_name, c.body_html, c.created_at, c.edited_at";

/// A member as their public page shows them (nothing private: no e-mail, no role).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PublicMember {
    pub id: i64,
    pub display_name: String,
    pub created_at: DateTime<Utc>,
}

impl Store {
    /// The newest `limit` visible comments of an article, newest first.
    pub async fn article_comment_feed(
        &self,
        article_id: i64,
        limit: u32,
    ) -> Result<Vec<PublicComment>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM comments c JOIN articles a ON a.id = c.article_id \
             LEFT JOIN embedded_pages e ON e.article_id = a.id \
             LEFT JOIN users u ON u.id = c.author_id \
             LEFT JOIN guest_identities g ON g.id = c.guest_id \
             WHERE c.article_id = $1 AND c.status = 'visible' \
             ORDER BY c.created_at DESC, c.id DESC LIMIT $2"
        );
        query(&sql)
            .bind(article_id)
            .bind(i64::from(limit))
            .fetch_all(self.read())
            .await
    }

    pub async fn public_member(&self, id: i64) -> Result<Option<PublicMember>> {
        query("SELECT id, display_name, created_at FROM users WHERE id = $1")
            .bind(id)
            .fetch_optional(self.read())
            .await
    }

    /// A member's visible comments on published articles and embedded pages, newest first, `limit` of them older
    /// than the comment `before` (keyset: the cursor is a comment id, whatever its state).
    pub async fn member_comments(
        &self,
        user_id: i64,
        before: Option<i64>,
        limit: u32,
        now: DateTime<Utc>,
    ) -> Result<Vec<PublicComment>> {
        let cursor = if before.is_some() {
            "AND (c.created_at, c.id) < (SELECT b.created_at, b.id FROM comments b WHERE b.id = $4)"
        } else {
            ""
        };
        let sql = format!(
            "SELECT {COLUMNS} FROM comments c JOIN articles a ON a.id = c.article_id \
             LEFT JOIN embedded_pages e ON e.article_id = a.id \
             LEFT JOIN users u ON u.id = c.author_id \
             LEFT JOIN guest_identities g ON g.id = c.guest_id \
             WHERE c.author_id = $1 AND c.status = 'visible' AND (a.published_at <= $2 OR e.article_id IS NOT NULL) {cursor} \
             ORDER BY c.created_at DESC, c.id DESC LIMIT $3"
        );
        Ok({
            let c = self.read();
            let q = query(&sql).bind(user_id).bind(now).bind(i64::from(limit));
            match before {
                Some(b) => q.bind(b).fetch_all(c).await?,
                None => q.fetch_all(c).await?,
            }
        })
    }
}
