//! Bulk writes for `broadsheet generate` (synthetic sites for benchmarks): members and comments
//! inserted many rows per statement, with the counts the rest of the store keeps
//! (`comments.thread_id`, `depth`, `reply_count`, `articles.comment_count`) written directly
//! rather than maintained row by row. Not used by the web server.

use chrono::{DateTime, Utc};

use super::{Backend, Result, Store, query};

/// A comment whose id, thread, depth and reply count the caller has worked out already (the
/// generator numbers comments itself, from [`Store::max_comment_id`] up).
#[derive(Clone, Debug)]
pub struct BulkComment {
    pub id: i64,
    pub article_id: i64,
    pub parent_id: Option<i64>,
    /// The root comment's id; its own id for a root.
    pub thread_id: i64,
    pub depth: i32,
    pub author_id: i64,
    pub body_source: String,
    pub body_html: String,
    pub created_at: DateTime<Utc>,
    /// How many of the comments being inserted answer this one directly.
    pub reply_count: i64,
}

/// Rows per INSERT statement: at most 10 parameters each, well under SQLite's 32,766.
const ROWS_PER_STATEMENT: usize = 500;

impl Store {
    /// Published articles (id, published_at), newest first.
    pub async fn published_article_ids(
        &self,
        now: DateTime<Utc>,
    ) -> Result<Vec<(i64, DateTime<Utc>)>> {
        query(
            "SELECT id, published_at FROM articles \
                 WHERE published_at IS NOT NULL AND published_at <= $1 \
                 ORDER BY published_at DESC, id DESC",
        )
        .bind(now)
        .fetch_all(self.read())
        .await
    }

    /// The id and publication time of the published article with this slug.
    pub async fn published_article_id(
        &self,
        slug: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<(i64, DateTime<Utc>)>> {
        query(
            "SELECT id, published_at FROM articles \
                 WHERE slug = $1 AND published_at IS NOT NULL AND published_at <= $2",
        )
        .bind(slug)
        .bind(now)
        .fetch_optional(self.read())
        .await
    }

    /// The largest comment id so far (0 when there are none).
    pub async fn max_comment_id(&self) -> Result<i64> {
        let (max,): (Option<i64>,) = query("SELECT MAX(id) FROM comments")
            .fetch_one(self.read())
            .await?;
        Ok(max.unwrap_or(0))
    }

    /// Creates the members `(email, display_name)` that do not exist yet, all with the same
    /// password hash and the role `member`, and returns the ids of all of them, in order.
    pub async fn ensure_members(
        &self,
        members: &[(String, String)],
        password_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Vec<i64>> {
        for chunk in members.chunks(ROWS_PER_STATEMENT) {
            let values = (0..chunk.len())
                .map(|i| {
                    let p = 3 + 2 * i;
                    format!("(${p}, ${}, $1, 'member', $2)", p + 1)
                })
                .collect::<Vec<_>>()
                .join(", ");
            let sql = format!(
                "INSERT INTO users (email, display_name, password_hash, role, created_at) \
                 VALUES {values} ON CONFLICT (email) DO NOTHING"
            );
            {
                let mut q = query(&sql).bind(password_hash).bind(now);
                for (email, name) in chunk {
                    q = q.bind(email).bind(name);
                }
                q.execute(self.write()).await?;
            };
        }
        let mut ids = Vec::with_capacity(members.len());
        for chunk in members.chunks(ROWS_PER_STATEMENT) {
            let list = super::articles::placeholders(1, chunk.len());
            let sql = format!("SELECT id, email FROM users WHERE email IN ({list})");
            let rows: Vec<(i64, String)> = {
                let mut q = query(&sql);
                for (email, _) in chunk {
                    q = q.bind(email);
                }
                q.fetch_all(self.read()).await?
            };
            let by_email: std::collections::HashMap<String, i64> =
                rows.into_iter().map(|(id, e)| (e, id)).collect();
            for (email, _) in chunk {
                if let Some(id) = by_email.get(email) {
                    ids.push(*id);
                }
            }
        }
        Ok(ids)
    }

    /// Inserts comments with their ids, threads, depths and reply counts as given, and adds
    /// `added` to each article's `comment_count`, in one transaction. Every reply's parent must
    /// be in `comments` before it, or already stored (its `reply_count` is then not changed:
    /// the generator only answers comments of the same batch). On PostgreSQL the identity
    /// sequence is moved past the largest id afterwards.
    pub async fn insert_comments_bulk(
        &self,
        comments: &[BulkComment],
        added: &[(i64, i64)],
    ) -> Result<()> {
        let backend = self.backend();
        let overriding = if backend == Backend::Postgres {
            "OVERRIDING SYSTEM VALUE "
        } else {
            ""
        };
        let mut tx = self.begin().await?;
        for chunk in comments.chunks(ROWS_PER_STATEMENT) {
            let values = (0..chunk.len())
                .map(|i| {
                    let p = 10 * i;
                    let ps: Vec<String> = (1..=10).map(|k| format!("${}", p + k)).collect();
                    format!(
                        "({}, 'visible', {}, 0, {})",
                        ps[..8].join(", "),
                        ps[8],
                        ps[9]
                    )
                })
                .collect::<Vec<_>>()
                .join(", ");
            let sql = format!(
                "INSERT INTO comments (id, article_id, parent_id, thread_id, depth, author_id, \
                     body_source, body_html, status, created_at, like_count, reply_count) \
                     {overriding}VALUES {values}"
            );
            let mut q = query(&sql);
            for c in chunk {
                q = q
                    .bind(c.id)
                    .bind(c.article_id)
                    .bind(c.parent_id)
                    .bind(c.thread_id)
                    .bind(c.depth)
                    .bind(c.author_id)
                    .bind(&c.body_source)
                    .bind(&c.body_html)
                    .bind(c.created_at)
                    .bind(c.reply_count);
            }
            q.execute(&mut tx).await?;
        }
        for (article_id, n) in added {
            query("UPDATE articles SET comment_count = comment_count + $1 WHERE id = $2")
                .bind(*n)
                .bind(*article_id)
                .execute(&mut tx)
                .await?;
        }
        if backend == Backend::Postgres {
            query(
                "SELECT setval(pg_get_serial_sequence('comments', 'id'), \
                     (SELECT MAX(id) FROM comments))",
            )
            .execute(&mut tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
