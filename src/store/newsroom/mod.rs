//! The newsroom's writes: drafts, revisions (each save compare-and-set on `articles.revision`),
//! the workflow, publication and scheduling, corrections and the old slugs of published articles.
//!
//! The `articles` row is what readers see. While an article is not live its row follows the
//! working copy on every save (so slugs stay unique and the search index is current); once it
//! is live, saves only add revisions, and publishing copies the newest revision to the row. So a
//! rewrite of a published article never shows half-done.

use chrono::{DateTime, Utc};

mod autosaves;
mod labels;
mod revisions;

pub use autosaves::{Autosave, Autosaved};
pub use labels::{LabelKind, LabelRow};

use super::{Error, Result, Store, query};
use crate::domain::Slug;
use crate::domain::newsroom::{Correction, Draft, Workflow, parse_corrections};

/// How long the newsroom list is at most.
pub const LIST_LIMIT: i64 = 200;

/// Which articles the newsroom list shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Workflow(Workflow),
    Scheduled,
    Published,
    Unpublished,
}

impl Status {
    pub fn parse(s: &str) -> Option<Status> {
        Some(match s {
            "scheduled" => Status::Scheduled,
            "published" => Status::Published,
            "unpublished" => Status::Unpublished,
            other => Status::Workflow(Workflow::parse(other)?),
        })
    }
}

#[derive(Clone, Debug, Default)]
pub struct ListFilter {
    pub status: Option<Status>,
    pub section: Option<String>,
    pub author: Option<String>,
    pub text: String,
    /// Only the articles this user started (a contributor's view).
    pub started_by: Option<i64>,
}

#[derive(Debug, sqlx::FromRow)]
pub struct ListRow {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub workflow: Workflow,
    pub published_at: Option<DateTime<Utc>>,
    pub modified_at: DateTime<Utc>,
    pub section_name: String,
    pub revision: i64,
    pub live_revision: i64,
}

/// An article as the editor opens it: its state and its working copy.
#[derive(Clone, Debug)]
pub struct Editing {
    pub id: i64,
    /// The slug readers use now (the working copy may hold a new one).
    pub live_slug: String,
    pub workflow: Workflow,
    pub published_at: Option<DateTime<Utc>>,
    pub updated_at: Option<DateTime<Utc>>,
    pub created_by: Option<i64>,
    /// The newest revision's number (0 for an imported article never saved here).
    pub revision: i64,
    /// The revision readers see.
    pub live_revision: i64,
    pub corrections: Vec<Correction>,
    pub draft: Draft,
}

#[derive(sqlx::FromRow)]
struct EditingRow {
    id: i64,
    slug: String,
    title: String,
    summary: String,
    body_source: String,
    workflow: Workflow,
    published_at: Option<DateTime<Utc>>,
    updated_at: Option<DateTime<Utc>>,
    created_by: Option<i64>,
    revision: i64,
    live_revision: i64,
    corrections: String,
    image_url: Option<String>,
    image_alt: Option<String>,
    image_caption: Option<String>,
    section_name: String,
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RevisionRow {
    pub number: i64,
    pub saved_by: Option<String>,
    pub note: String,
    pub created_at: DateTime<Utc>,
}

/// What a save came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Saved {
    /// Stored as this revision.
    Revision(i64),
    /// Someone saved revision `newest` after the one the editor started from: nothing stored.
    Conflict { newest: i64 },
}

/// When publishing makes an article public.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// Now, or, for an article already live, at its original time.
    Now,
    At(DateTime<Utc>),
}

fn slug_taken(slug: &str) -> Error {
    Error::Clash(crate::domain::newsroom::Clash::ArticleSlugTaken(
        slug.to_owned(),
    ))
}

fn decode(content: &str) -> Result<Draft> {
    serde_json::from_str(content)
        .map_err(|e| Error::Conflict(format!("a stored revision could not be read: {e}")))
}

impl Store {
    /// The newsroom list: newest change first, at most [`LIST_LIMIT`].
    pub async fn newsroom_list(
        &self,
        filter: &ListFilter,
        now: DateTime<Utc>,
    ) -> Result<Vec<ListRow>> {
        enum Value {
            Text(String),
            Time(DateTime<Utc>),
            Id(i64),
        }
        let mut values: Vec<Value> = Vec::new();
        let mut clauses: Vec<String> = Vec::new();
        // Each clause's `?` becomes the number of the value bound for it.
        let mut push = |clause: &str, value: Option<Value>| {
            if let Some(value) = value {
                values.push(value);
            }
            clauses.push(clause.replace('?', &format!("${}", values.len())));
        };
        match filter.status {
            Some(Status::Workflow(w)) => {
                push("a.workflow = ?", Some(Value::Text(w.as_str().into())))
            }
            Some(Status::Scheduled) => push("a.published_at > ?", Some(Value::Time(now))),
            Some(Status::Published) => push("a.published_at <= ?", Some(Value::Time(now))),
            Some(Status::Unpublished) => push("a.published_at IS NULL", None),
            None => {}
        }
        if let Some(section) = &filter.section {
            push("s.slug = ?", Some(Value::Text(section.clone())));
        }
        if let Some(author) = &filter.author {
            push(
                "EXISTS (SELECT 1 FROM article_authors x JOIN authors au ON au.id = x.author_id \
                 WHERE x.article_id = a.id AND au.slug = ?)",
                Some(Value::Text(author.clone())),
            );
        }
        let text = filter.text.trim().to_lowercase();
        if !text.is_empty() {
            // The typed text is matched literally: LIKE's wildcards in it are escaped.
            let escaped = text
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            push(
                "LOWER(a.title) LIKE ? ESCAPE '\\'",
                Some(Value::Text(format!("%{escaped}%"))),
            );
        }
        if let Some(user) = filter.started_by {
            push("a.created_by = ?", Some(Value::Id(user)));
        }
        // An embedded page's thread is an article only to the conversation: not the newsroom's.
        push(
            "NOT EXISTS (SELECT 1 FROM embedded_pages e WHERE e.article_id = a.id)",
            None,
        );
        let condition = format!("WHERE {}", clauses.join(" AND "));
        let sql = format!(
            "SELECT a.id, a.slug, a.title, a.workflow, a.published_at, a.modified_at, \
             s.name AS section_name, a.revision, a.live_revision \
             FROM articles a JOIN sections s ON s.id = a.section_id {condition} \
             ORDER BY a.modified_at DESC, a.id DESC LIMIT {LIST_LIMIT}"
        );
        Ok({
            let mut q = query(&sql);
            for v in &values {
                q = match v {
                    Value::Text(s) => q.bind(s.clone()),
                    Value::Time(t) => q.bind(*t),
                    Value::Id(i) => q.bind(*i),
                };
            }
            q.fetch_all(self.read()).await?
        })
    }

    /// One article as the editor opens it, with its newest revision as the working copy (or,
    /// for an article never saved here, the row itself).
    pub async fn editing(&self, id: i64) -> Result<Option<Editing>> {
        let row: Option<EditingRow> = query(
            "SELECT a.id, a.slug, a.title, a.summary, a.body_source, a.workflow, \
                 a.published_at, a.updated_at, a.created_by, a.revision, a.live_revision, \
                 a.corrections, a.image_url, a.image_alt, a.image_caption, \
                 s.name AS section_name \
                 FROM articles a JOIN sections s ON s.id = a.section_id WHERE a.id = $1",
        )
        .bind(id)
        .fetch_optional(self.read())
        .await?;
        let Some(row) = row else { return Ok(None) };
        let draft = match self.revision_content(id, row.revision).await? {
            Some(d) => d,
            None => {
                let mut labels = self.labels(&[id], true).await?;
                let (authors, tags) = labels.remove(&id).unwrap_or_default();
                Draft {
                    title: row.title,
                    slug: row.slug.clone(),
                    summary: row.summary,
                    section: row.section_name,
                    tags: tags.into_iter().map(|t| t.name).collect(),
                    authors: authors.into_iter().map(|a| a.name).collect(),
                    body: row.body_source,
                    image_url: row.image_url.unwrap_or_default(),
                    image_alt: row.image_alt.unwrap_or_default(),
                    image_caption: row.image_caption.unwrap_or_default(),
                }
            }
        };
        Ok(Some(Editing {
            id: row.id,
            live_slug: row.slug,
            workflow: row.workflow,
            published_at: row.published_at,
            updated_at: row.updated_at,
            created_by: row.created_by,
            revision: row.revision,
            live_revision: row.live_revision,
            corrections: parse_corrections(&row.corrections),
            draft,
        }))
    }

    /// The saved working copy of revision `number`; `None` when there is no such revision.
    pub async fn revision_content(&self, id: i64, number: i64) -> Result<Option<Draft>> {
        if number <= 0 {
            return Ok(None);
        }
        let row: Option<(String,)> =
            query("SELECT content FROM article_revisions WHERE article_id = $1 AND number = $2")
                .bind(id)
                .bind(number)
                .fetch_optional(self.read())
                .await?;
        row.map(|(content,)| decode(&content)).transpose()
    }

    /// Every revision of an article, newest first, with who saved it.
    pub async fn revisions(&self, id: i64) -> Result<Vec<RevisionRow>> {
        query(
            "SELECT r.number, u.display_name AS saved_by, r.note, r.created_at \
                 FROM article_revisions r LEFT JOIN users u ON u.id = r.saved_by \
                 WHERE r.article_id = $1 ORDER BY r.number DESC",
        )
        .bind(id)
        .fetch_all(self.read())
        .await
    }

    /// Takes an article off the site (its workflow is left as it was). False when there is no
    /// such article.
    pub async fn unpublish(&self, id: i64, now: DateTime<Utc>) -> Result<bool> {
        let n = query("UPDATE articles SET published_at = NULL, modified_at = $2 WHERE id = $1")
            .bind(id)
            .bind(now)
            .execute(self.write())
            .await?;
        Ok(n == 1)
    }

    /// Moves the workflow from `from` to `to`; false when it was no longer `from` (someone
    /// moved it meanwhile) or there is no such article.
    pub async fn set_workflow(
        &self,
        id: i64,
        from: Workflow,
        to: Workflow,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let n = query(
            "UPDATE articles SET workflow = $3, modified_at = $4 \
                 WHERE id = $1 AND workflow = $2",
        )
        .bind(id)
        .bind(from.as_str())
        .bind(to.as_str())
        .bind(now)
        .execute(self.write())
        .await?;
        Ok(n == 1)
    }

    /// Sends an article back to draft for a rewrite; false when its workflow was no longer
    /// `from` (someone moved it meanwhile) or there is no such article. A scheduled time is
    /// cleared in the same statement: the rewrite is saved to the article row (it is not live),
    /// so keeping the time would publish text no editor has reviewed. A live article stays live.
    pub async fn send_back(&self, id: i64, from: Workflow, now: DateTime<Utc>) -> Result<bool> {
        let n = query(
            "UPDATE articles SET workflow = $3, modified_at = $4, \
                 published_at = CASE WHEN published_at > $4 THEN NULL ELSE published_at END \
                 WHERE id = $1 AND workflow = $2",
        )
        .bind(id)
        .bind(from.as_str())
        .bind(Workflow::Draft.as_str())
        .bind(now)
        .execute(self.write())
        .await?;
        Ok(n == 1)
    }

    /// Adds a correction note at the foot of the article. False when there is no such article.
    pub async fn add_correction(&self, id: i64, text: &str, now: DateTime<Utc>) -> Result<bool> {
        let mut tx = self.begin().await?;
        let out = {
            // The UPDATE first locks the row, so two corrections at once both stay.
            let locked = query("UPDATE articles SET modified_at = $2 WHERE id = $1")
                .bind(id)
                .bind(now)
                .execute(&mut tx)
                .await?;
            if locked != 1 {
                return Ok(false);
            }
            let (json,): (String,) = query("SELECT corrections FROM articles WHERE id = $1")
                .bind(id)
                .fetch_one(&mut tx)
                .await?;
            let mut all = parse_corrections(&json);
            all.push(Correction {
                at: now,
                text: text.to_owned(),
            });
            query("UPDATE articles SET corrections = $2 WHERE id = $1")
                .bind(id)
                .bind(serde_json::to_string(&all).expect("corrections serialise"))
                .execute(&mut tx)
                .await?;
            true
        };
        tx.commit().await?;
        Ok(out)
    }

    /// The current slug of the published article that used to live at `old`, if any.
    pub async fn redirect_for(&self, old: &Slug, now: DateTime<Utc>) -> Result<Option<String>> {
        let row: Option<(String,)> = query(
            "SELECT a.slug FROM article_redirects r JOIN articles a ON a.id = r.article_id \
                 WHERE r.old_slug = $1 AND a.published_at <= $2",
        )
        .bind(old.as_str())
        .bind(now)
        .fetch_optional(self.read())
        .await?;
        Ok(row.map(|r| r.0))
    }
}
