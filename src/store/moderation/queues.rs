//! What moderators read: the audit log, the queues, reports and authors' records.

use super::*;

impl Store {
    pub async fn log_entry(&self, id: i64) -> Result<Option<LogRow>> {
        query(&format!("{LOG_SELECT} WHERE l.id = $1"))
            .bind(id)
            .fetch_optional(self.read())
            .await
    }

    /// Audit rows, newest first, filtered.
    pub async fn moderation_log(&self, f: &LogFilter, limit: i64) -> Result<Vec<LogRow>> {
        let sql = format!(
            "{LOG_SELECT} WHERE ($1 IS NULL OR l.actor_id = $1) AND ($2 IS NULL OR l.action = $2) \
                   AND ($3 IS NULL OR l.comment_id = $3) AND ($4 IS NULL OR l.user_id = $4) \
                   AND ($5 IS NULL OR l.id < $5) ORDER BY l.id DESC LIMIT $6"
        );
        query(&sql)
            .bind(f.actor_id)
            .bind(f.action.as_deref())
            .bind(f.comment_id)
            .bind(f.user_id)
            .bind(f.before_id)
            .bind(limit)
            .fetch_all(self.read())
            .await
    }

    /// The log rows about these comments, oldest first (prior decisions on the desk).
    pub async fn log_for_comments(&self, ids: &[i64]) -> Result<Vec<LogRow>> {
        self.log_rows_where("l.comment_id", ids).await
    }

    /// These log rows, oldest first (the decision just taken, offered for undo).
    pub async fn log_entries(&self, ids: &[i64]) -> Result<Vec<LogRow>> {
        self.log_rows_where("l.id", ids).await
    }

    async fn log_rows_where(&self, column: &str, ids: &[i64]) -> Result<Vec<LogRow>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let list = crate::store::articles::placeholders(1, ids.len());
        let sql = format!("{LOG_SELECT} WHERE {column} IN ({list}) ORDER BY l.id");
        Ok({
            let mut q = query(&sql);
            for id in ids {
                q = q.bind(*id);
            }
            q.fetch_all(self.read()).await?
        })
    }

    /// How many comments wait in each queue.
    pub async fn queue_sizes(&self) -> Result<[(Queue, i64); 3]> {
        let held: Vec<(Option<HoldReason>, i64)> = query(
                "SELECT held_reason, COUNT(*) FROM comments WHERE status = 'pending' GROUP BY held_reason",
            )
            .fetch_all(self.read())
            .await?;
        let (reported,): (i64,) = query(
                "SELECT COUNT(*) FROM comments WHERE open_reports > 0 AND status IN ('visible', 'pending')",
            )
            .fetch_one(self.read())
            .await?;
        let count = |q: Queue| {
            held.iter()
                .filter(|(r, _)| r.is_some_and(|r| r.queue() == q))
                .map(|(_, n)| *n)
                .sum::<i64>()
        };
        Ok([
            (Queue::Pending, count(Queue::Pending)),
            (Queue::Reported, reported),
            (Queue::Flagged, count(Queue::Flagged)),
        ])
    }

    /// One page of a queue with each comment's context.
    pub async fn queue(&self, queue: Queue, order: QueueOrder) -> Result<Vec<QueueRow>> {
        let filter = match queue {
            Queue::Reported => {
                "c.open_reports > 0 AND c.status IN ('visible', 'pending')".to_owned()
            }
            q => format!(
                "c.status = 'pending' AND c.held_reason IN ({})",
                q.held_reasons()
                    .iter()
                    .map(|r| format!("'{r}'"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        let order = match order {
            QueueOrder::Time => "c.created_at, c.id",
            QueueOrder::Priority => {
                "(c.open_reports * 2 + COALESCE(c.spam_score, 0) * 3 + \
                 CASE WHEN EXISTS (SELECT 1 FROM comments r WHERE r.author_id = c.author_id AND r.status = 'rejected') \
                 THEN 1 ELSE 0 END) DESC, c.created_at, c.id"
            }
        };
        let sql = format!(
            "SELECT c.id, c.article_id, a.slug AS article_slug, a.title AS article_title, e.url AS page_url, c.parent_id, \
             SUBSTR(p.body_source, 1, 200) AS parent_excerpt, pu.display_name AS parent_author, \
             c.author_id, COALESCE(u.display_name, g.name, '[deleted]') AS author_name, u.created_at AS author_since, \
             u.banned_until AS author_banned_until, c.body_html, c.status, c.held_reason, c.held_detail, c.moderation_note, \
             c.spam_score, c.pinned_at, c.open_reports, c.created_at \
             FROM comments c JOIN articles a ON a.id = c.article_id \
             LEFT JOIN embedded_pages e ON e.article_id = a.id \
             LEFT JOIN users u ON u.id = c.author_id LEFT JOIN guest_identities g ON g.id = c.guest_id \
             LEFT JOIN comments p ON p.id = c.parent_id LEFT JOIN users pu ON pu.id = p.author_id \
             WHERE {filter} ORDER BY {order} LIMIT {QUEUE_PAGE}"
        );
        query(&sql).fetch_all(self.read()).await
    }

    /// The open reports of these comments: (comment, reason, note, what it weighs toward hiding
    /// the comment: 0 from a new member, 2 from a trusted one).
    pub async fn open_reports_of(&self, ids: &[i64]) -> Result<Vec<(i64, String, String, i64)>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let list = crate::store::articles::placeholders(1, ids.len());
        let sql = format!(
            "SELECT comment_id, reason, note, \
             CASE WHEN counts_toward_hiding THEN weight ELSE 0 END AS weight FROM comment_reports \
             WHERE comment_id IN ({list}) AND resolved_at IS NULL ORDER BY id"
        );
        Ok({
            let mut q = query(&sql);
            for id in ids {
                q = q.bind(*id);
            }
            q.fetch_all(self.read()).await?
        })
    }

    /// The records of these authors, in one grouped query.
    pub async fn author_records(&self, ids: &[i64]) -> Result<Vec<(i64, AuthorRecord)>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let list = crate::store::articles::placeholders(1, ids.len());
        let sql = format!(
            "SELECT author_id, status, COUNT(*) FROM comments WHERE author_id IN ({list}) \
             GROUP BY author_id, status"
        );
        let rows: Vec<(i64, String, i64)> = {
            let mut q = query(&sql);
            for id in ids {
                q = q.bind(*id);
            }
            q.fetch_all(self.read()).await?
        };
        let mut out: Vec<(i64, AuthorRecord)> = Vec::new();
        for (author, status, n) in rows {
            let i = match out.iter().position(|(a, _)| *a == author) {
                Some(i) => i,
                None => {
                    out.push((author, AuthorRecord::default()));
                    out.len() - 1
                }
            };
            let r = &mut out[i].1;
            match status.as_str() {
                "visible" => r.visible = n,
                "pending" => r.pending = n,
                "rejected" => r.rejected = n,
                _ => r.deleted += n,
            }
        }
        Ok(out)
    }

    /// An article's id and headline by its slug, published or not.
    pub async fn article_id_by_slug(&self, slug: &str) -> Result<Option<(i64, String)>> {
        query("SELECT id, title FROM articles WHERE slug = $1")
            .bind(slug)
            .fetch_optional(self.read())
            .await
    }

    /// Members for the users page: those whose address or name contains `q`, by id.
    pub async fn find_users(
        &self,
        q: &str,
        after_id: i64,
        limit: i64,
    ) -> Result<Vec<crate::store::users::MemberRow>> {
        let pattern = format!(
            "%{}%",
            q.to_lowercase()
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        query(
                "SELECT id, email, display_name, role, created_at, banned_until, ban_reason FROM users \
                 WHERE (LOWER(email) LIKE $1 ESCAPE '\\' OR LOWER(display_name) LIKE $1 ESCAPE '\\') \
                 AND id > $2 ORDER BY id LIMIT $3",
            )
            .bind(pattern)
            .bind(after_id)
            .bind(limit)
            .fetch_all(self.read())
            .await
    }
}
