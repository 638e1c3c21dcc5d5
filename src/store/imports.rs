//! Imports from WordPress and Disqus, each in one transaction, remembered in `import_sources` so
//! a second run changes nothing; imported commenters as guest identities members can claim.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::articles::{attach_in, import_in, related_picks_sql};
use super::{Error, Result, Store, read, taxonomy};
use crate::domain::imports::{ArticleKey, DisqusExport, ImportedComment, WpSite, html_text};
use crate::domain::{Slug, markdown};

/// What a WordPress import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WordpressReport {
    pub articles_new: usize,
    pub articles_existing: usize,
    pub sections_created: usize,
    pub authors_created: usize,
    pub tags_created: usize,
    pub comments: CommentTally,
}

/// What happened to the comments of an import.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CommentTally {
    pub new: usize,
    pub existing: usize,
    pub guests_new: usize,
}

/// What a Disqus import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DisqusReport {
    pub threads_matched: usize,
    /// Threads no article answers to: their link and how many comments were left out.
    pub unmatched: Vec<(String, usize)>,
    pub comments: CommentTally,
}

/// Comments of an earlier account a member may claim.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClaimOffer {
    /// Whether the member's address is verified: only then may they claim.
    pub verified: bool,
    pub comments: i64,
    pub names: Vec<String>,
}

/// Makes the transaction a writing one from its first statement: SQLite's deferred transaction
/// would start as a reader, and a reader that has seen an older snapshot cannot become the
/// writer once another connection (a serving process) has written ("database is locked").
macro_rules! begin_writing_in {
    ($tx:ident) => {{
        sqlx::query("DELETE FROM import_sources WHERE source = ''")
            .execute(&mut *$tx)
            .await?;
    }};
}

/// The local id an import remembered for `(source, kind, external_id)`.
macro_rules! remembered_in {
    ($tx:ident, $source:expr, $kind:expr, $external:expr) => {{
        let row: Option<(i64,)> = sqlx::query_as(
            "SELECT local_id FROM import_sources \
             WHERE source = $1 AND kind = $2 AND external_id = $3",
        )
        .bind($source)
        .bind($kind)
        .bind($external)
        .fetch_optional(&mut *$tx)
        .await?;
        row.map(|r| r.0)
    }};
}

macro_rules! remember_in {
    ($tx:ident, $source:expr, $kind:expr, $external:expr, $local:expr) => {{
        sqlx::query(
            "INSERT INTO import_sources (source, kind, external_id, local_id) \
             VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        )
        .bind($source)
        .bind($kind)
        .bind($external)
        .bind($local)
        .execute(&mut *$tx)
        .await?;
    }};
}

/// Whether a row with this slug exists in `$table` (a constant name).
macro_rules! slug_exists_in {
    ($tx:ident, $table:literal, $name:expr) => {{
        match Slug::from_title($name) {
            None => false,
            Some(slug) => {
                let row: Option<(i64,)> =
                    sqlx::query_as(concat!("SELECT id FROM ", $table, " WHERE slug = $1"))
                        .bind(slug.as_str())
                        .fetch_optional(&mut *$tx)
                        .await?;
                row.is_some()
            }
        }
    }};
}

/// Writes one article's new comments (parents come before their replies) with their guests,
/// and the counts they change; skips those imported before.
macro_rules! comments_in {
    ($tx:ident, $source:expr, $article_id:expr, $comments:expr, $now:expr, $tally:expr) => {{
        let mut local: HashMap<&str, i64> = HashMap::new();
        let mut visible = 0i64;
        for c in $comments {
            let c: &ImportedComment = c;
            if let Some(id) = remembered_in!($tx, $source, "comment", &c.external_id) {
                local.insert(&c.external_id, id);
                $tally.existing += 1;
                continue;
            }
            let parent_id = match &c.parent {
                None => None,
                Some(p) => match local.get(p.as_str()) {
                    Some(id) => Some(*id),
                    None => remembered_in!($tx, $source, "comment", p),
                },
            };
            let (thread_id, depth) = match parent_id {
                None => (None, 0),
                Some(pid) => {
                    let (thread, depth): (Option<i64>, i32) =
                        sqlx::query_as("SELECT thread_id, depth FROM comments WHERE id = $1")
                            .bind(pid)
                            .fetch_one(&mut *$tx)
                            .await?;
                    (thread.or(Some(pid)), depth + 1)
                }
            };
            // One guest per address (or per name when there is none), shared by both sources.
            let guest_key = match &c.author_email {
                Some(e) => format!("email:{}", e.as_str()),
                None => format!("name:{}", c.author_name),
            };
            let guest_id = match remembered_in!($tx, "guest", "guest", &guest_key) {
                Some(id) => id,
                None => {
                    let (id,): (i64,) = sqlx::query_as(
                        "INSERT INTO guest_identities (name, email, created_at) \
                         VALUES ($1, $2, $3) RETURNING id",
                    )
                    .bind(&c.author_name)
                    .bind(c.author_email.as_ref().map(|e| e.as_str()))
                    .bind($now)
                    .fetch_one(&mut *$tx)
                    .await?;
                    remember_in!($tx, "guest", "guest", &guest_key, id);
                    $tally.guests_new += 1;
                    id
                }
            };
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO comments (article_id, parent_id, thread_id, depth, guest_id, \
                 body_source, body_html, status, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, 'visible', $8) RETURNING id",
            )
            .bind($article_id)
            .bind(parent_id)
            .bind(thread_id)
            .bind(depth)
            .bind(guest_id)
            .bind(&c.body_text)
            .bind(&c.body_html)
            .bind(c.created_at)
            .fetch_one(&mut *$tx)
            .await?;
            if let Some(pid) = parent_id {
                sqlx::query("UPDATE comments SET reply_count = reply_count + 1 WHERE id = $1")
                    .bind(pid)
                    .execute(&mut *$tx)
                    .await?;
            } else {
                sqlx::query("UPDATE comments SET thread_id = id WHERE id = $1")
                    .bind(id)
                    .execute(&mut *$tx)
                    .await?;
            }
            remember_in!($tx, $source, "comment", &c.external_id, id);
            local.insert(&c.external_id, id);
            visible += 1;
            $tally.new += 1;
        }
        if visible > 0 {
            sqlx::query("UPDATE articles SET comment_count = comment_count + $2 WHERE id = $1")
                .bind($article_id)
                .bind(visible)
                .execute(&mut *$tx)
                .await?;
        }
    }};
}

/// The article a Disqus thread's key names, if any.
macro_rules! article_for_key_in {
    ($tx:ident, $key:expr) => {{
        match $key {
            ArticleKey::Slug(slug) => {
                let row: Option<(i64,)> = sqlx::query_as(
                    "SELECT id FROM articles WHERE slug = $1 \
                     UNION ALL SELECT article_id FROM article_redirects WHERE old_slug = $1",
                )
                .bind(slug)
                .fetch_optional(&mut *$tx)
                .await?;
                row.map(|r| r.0)
            }
            ArticleKey::WordpressPath(path) => remembered_in!($tx, "wordpress", "path", path),
            ArticleKey::WordpressPost(id) => remembered_in!($tx, "wordpress", "post", id),
        }
    }};
}

impl Store {
    /// Writes a WordPress site read by [`crate::domain::imports::parse_wordpress`] in one
    /// transaction: new posts as published articles (with their old dated address remembered),
    /// new comments under them. Posts and comments imported before are counted, not written.
    pub async fn import_wordpress(
        &self,
        site: &WpSite,
        now: DateTime<Utc>,
    ) -> Result<WordpressReport> {
        let backend = self.backend();
        let mut report = WordpressReport::default();
        super::transaction!(self, |tx| {
            begin_writing_in!(tx);
            for post in &site.posts {
                let existing: Option<(i64,)> = sqlx::query_as(
                    "SELECT a.id FROM import_sources s JOIN articles a ON a.id = s.local_id \
                     WHERE s.source = 'wordpress' AND s.kind = 'post' AND s.external_id = $1",
                )
                .bind(&post.wp_id)
                .fetch_optional(&mut *tx)
                .await?;
                let article_id = match existing {
                    Some((id,)) => {
                        report.articles_existing += 1;
                        id
                    }
                    None => {
                        if remembered_in!(tx, "wordpress", "post", &post.wp_id).is_some() {
                            // Imported once and deleted here since: not brought back.
                            report.articles_existing += 1;
                            continue;
                        }
                        let a = &post.article;
                        let taken: Option<(i64,)> =
                            sqlx::query_as("SELECT id FROM articles WHERE slug = $1")
                                .bind(a.slug.as_str())
                                .fetch_optional(&mut *tx)
                                .await?;
                        if taken.is_some() {
                            return Err(Error::Conflict(format!(
                                "WordPress post {} has the slug `{}`, which an article of this \
                                 site already has; change one of them and import again",
                                post.wp_id, a.slug
                            )));
                        }
                        if !slug_exists_in!(tx, "sections", &a.section) {
                            report.sections_created += 1;
                        }
                        for name in &a.authors {
                            if !slug_exists_in!(tx, "authors", name) {
                                report.authors_created += 1;
                            }
                        }
                        for name in &a.tags {
                            if !slug_exists_in!(tx, "tags", name) {
                                report.tags_created += 1;
                            }
                        }
                        let ids = import_in!(tx, std::slice::from_ref(a), now, backend);
                        let id = ids[0];
                        // The search row from the HTML's text (the Markdown reader sees none).
                        sqlx::query(match backend {
                            super::Backend::Sqlite => "DELETE FROM article_search WHERE rowid = $1",
                            super::Backend::Postgres => {
                                "DELETE FROM article_search WHERE article_id = $1"
                            }
                        })
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                        let body_text = html_text(&a.body_source);
                        super::search::index_article!(
                            tx,
                            backend,
                            id,
                            &a.title,
                            &a.summary,
                            &body_text,
                            &a.tags.join(" "),
                            &a.authors.join(" ")
                        );
                        remember_in!(tx, "wordpress", "post", &post.wp_id, id);
                        remember_in!(tx, "wordpress", "path", &post.path, id);
                        report.articles_new += 1;
                        id
                    }
                };
                comments_in!(
                    tx,
                    "wordpress",
                    article_id,
                    &post.comments,
                    now,
                    report.comments
                );
            }
        });
        Ok(report)
    }

    /// Writes a Disqus export's comments under the articles their threads name (by address,
    /// then by identifier), in one transaction; threads that name none are reported.
    pub async fn import_disqus(
        &self,
        export: &DisqusExport,
        now: DateTime<Utc>,
    ) -> Result<DisqusReport> {
        let mut report = DisqusReport::default();
        super::transaction!(self, |tx| {
            begin_writing_in!(tx);
            for thread in &export.threads {
                let keys =
                    crate::domain::imports::thread_keys(&thread.link, thread.identifier.as_deref());
                let mut article = None;
                for key in &keys {
                    if let Some(id) = article_for_key_in!(tx, key) {
                        article = Some(id);
                        break;
                    }
                }
                match article {
                    None => {
                        if !thread.comments.is_empty() {
                            report
                                .unmatched
                                .push((thread.link.clone(), thread.comments.len()));
                        }
                    }
                    Some(article_id) => {
                        report.threads_matched += 1;
                        comments_in!(
                            tx,
                            "disqus",
                            article_id,
                            &thread.comments,
                            now,
                            report.comments
                        );
                    }
                }
            }
        });
        Ok(report)
    }

    /// The article an old WordPress address `YYYY/MM/DD/name` was imported as: its slug now.
    pub async fn wordpress_redirect(&self, path: &str) -> Result<Option<String>> {
        Ok(read!(self, |c| {
            sqlx::query_as::<_, (String,)>(
                "SELECT a.slug FROM import_sources s JOIN articles a ON a.id = s.local_id \
                 WHERE s.source = 'wordpress' AND s.kind = 'path' AND s.external_id = $1",
            )
            .bind(path)
            .fetch_optional(c)
            .await?
        })
        .map(|r| r.0))
    }

    /// Unclaimed imported comments written with the member's address, and whether that address
    /// is verified.
    pub async fn claim_offer(&self, user_id: i64) -> Result<ClaimOffer> {
        let user: Option<(String, Option<DateTime<Utc>>)> = read!(self, |c| {
            sqlx::query_as("SELECT email, email_verified_at FROM users WHERE id = $1")
                .bind(user_id)
                .fetch_optional(c)
                .await?
        });
        let Some((email, verified_at)) = user else {
            return Ok(ClaimOffer::default());
        };
        let rows: Vec<(String, i64)> = read!(self, |c| {
            sqlx::query_as(
                "SELECT g.name, (SELECT COUNT(*) FROM comments c WHERE c.guest_id = g.id) \
                 FROM guest_identities g WHERE g.email = $1 AND g.claimed_by IS NULL ORDER BY g.id",
            )
            .bind(&email)
            .fetch_all(c)
            .await?
        });
        Ok(ClaimOffer {
            verified: verified_at.is_some(),
            comments: rows.iter().map(|r| r.1).sum(),
            names: rows.into_iter().map(|r| r.0).collect(),
        })
    }

    /// Makes the unclaimed guest comments written with the member's address theirs, if the
    /// member's address is verified (checked here, in the same transaction). Returns how many
    /// comments became theirs; `None` when the address is not verified.
    pub async fn claim_guest_comments(
        &self,
        user_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<u64>> {
        Ok(super::transaction!(self, |tx| {
            let user: Option<(String, Option<DateTime<Utc>>)> =
                sqlx::query_as("SELECT email, email_verified_at FROM users WHERE id = $1")
                    .bind(user_id)
                    .fetch_optional(&mut *tx)
                    .await?;
            match user {
                Some((email, Some(_))) => {
                    let moved = sqlx::query(
                        // The link to the guest goes: from now on they are the member's, as
                        // if written by them (deleting the account treats them alike).
                        "UPDATE comments SET author_id = $1, guest_id = NULL WHERE guest_id IN \
                         (SELECT id FROM guest_identities WHERE email = $2 AND claimed_by IS NULL)",
                    )
                    .bind(user_id)
                    .bind(&email)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                    sqlx::query(
                        "UPDATE guest_identities SET claimed_by = $1, claimed_at = $3 \
                         WHERE email = $2 AND claimed_by IS NULL",
                    )
                    .bind(user_id)
                    .bind(&email)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                    Some(moved)
                }
                _ => None,
            }
        }))
    }
}
