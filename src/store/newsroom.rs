//! The newsroom's writes: drafts, revisions (each save compare-and-set on `articles.revision`),
//! the workflow, publication and scheduling, corrections and the old slugs of published articles.
//!
//! The `articles` row is what readers see. While an article is not live its row follows the
//! working copy on every save (so slugs stay unique and the search index is current); once it
//! is live, saves only add revisions, and publishing copies the newest revision to the row. So a
//! rewrite of a published article never shows half-done.

use chrono::{DateTime, Utc};

use super::articles::attach;
use super::{Backend, Error, Result, Store, Tx, query, taxonomy};
use crate::domain::newsroom::{Correction, Draft, Workflow, parse_corrections};
use crate::domain::{Slug, markdown};

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
    pub workflow: String,
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
    workflow: String,
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
    Error::Conflict(format!(
        "The slug “{slug}” is used by another article: choose another."
    ))
}

fn decode(content: &str) -> Result<Draft> {
    serde_json::from_str(content)
        .map_err(|e| Error::Conflict(format!("a stored revision could not be read: {e}")))
}

/// Writes `draft` to the article row `id` as readers will see it (text, section, image,
/// authors, tags, search row, related picks), with the given dates and live revision. Inside
/// the caller's transaction.
async fn apply(
    tx: &mut Tx,
    id: i64,
    draft: &Draft,
    published_at: Option<DateTime<Utc>>,
    updated_at: Option<DateTime<Utc>>,
    live_revision: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    let Some(a) = draft.to_article(published_at, updated_at) else {
        return Err(Error::Conflict(format!(
            "the slug `{}` is not valid",
            draft.slug
        )));
    };
    let section_id = taxonomy::existing_section(&mut *tx, &a.section).await?;
    let body_html = markdown::render_article(&a.body_source);
    let updated = query(
        "UPDATE articles SET slug = $2, title = $3, summary = $4, body_source = $5, \
         body_html = $6, section_id = $7, published_at = $8, updated_at = $9, \
         modified_at = $10, image_url = $11, image_alt = $12, image_caption = $13, \
         live_revision = $14 WHERE id = $1",
    )
    .bind(id)
    .bind(a.slug.as_str())
    .bind(&a.title)
    .bind(&a.summary)
    .bind(&a.body_source)
    .bind(&body_html)
    .bind(section_id)
    .bind(a.published_at)
    .bind(a.updated_at)
    .bind(now)
    .bind(a.image.as_ref().map(|i| i.src.as_str()))
    .bind(a.image.as_ref().map(|i| i.alt.as_str()))
    .bind(a.image.as_ref().and_then(|i| i.caption.as_deref()))
    .bind(live_revision)
    .execute(&mut *tx)
    .await;
    if let Err(e) = updated {
        return Err(match e {
            Error::Conflict(_) => slug_taken(a.slug.as_str()),
            other => other,
        });
    }
    for sql in [
        "DELETE FROM article_authors WHERE article_id = $1",
        "DELETE FROM article_tags WHERE article_id = $1",
        "DELETE FROM article_related WHERE article_id = $1",
        match tx.backend() {
            Backend::Sqlite => "DELETE FROM article_search WHERE rowid = $1",
            Backend::Postgres => "DELETE FROM article_search WHERE article_id = $1",
        },
    ] {
        query(sql).bind(id).execute(&mut *tx).await?;
    }
    attach(&mut *tx, id, section_id, &a, now).await?;
    // An article now holding a slug another one used to have takes the address back.
    query("DELETE FROM article_redirects WHERE old_slug = $1")
        .bind(a.slug.as_str())
        .execute(tx)
        .await?;
    Ok(())
}

/// Refuses a slug another article holds (inside the caller's transaction).
async fn check_slug(tx: &mut Tx, id: i64, slug: &str) -> Result<()> {
    let other: Option<i64> = query("SELECT id FROM articles WHERE slug = $1 AND id <> $2")
        .bind(slug)
        .bind(id)
        .scalar_optional(tx)
        .await?;
    match other {
        Some(_) => Err(slug_taken(slug)),
        None => Ok(()),
    }
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
        let condition = if clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", clauses.join(" AND "))
        };
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
            workflow: Workflow::parse(&row.workflow).unwrap_or(Workflow::Draft),
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

    /// A new article from the newsroom: a draft nobody reads yet, started by `user`, and its
    /// first revision. [`Error::Conflict`] when its slug is taken.
    pub async fn create_draft(&self, draft: &Draft, user: i64, now: DateTime<Utc>) -> Result<i64> {
        let content = serde_json::to_string(draft).expect("a draft serialises");
        let mut tx = self.begin().await?;
        let out = {
            check_slug(&mut tx, 0, &draft.slug).await?;
            let section_id = taxonomy::existing_section(&mut tx, &draft.section).await?;
            let (id,): (i64,) = query(
                "INSERT INTO articles (slug, title, summary, body_source, body_html, section_id, \
                 workflow, created_at, modified_at, created_by, revision, live_revision) \
                 VALUES ($1, '', '', '', '', $2, 'draft', $3, $3, $4, 1, 1) RETURNING id",
            )
            .bind(&draft.slug)
            .bind(section_id)
            .bind(now)
            .bind(user)
            .fetch_one(&mut tx)
            .await?;
            apply(&mut tx, id, draft, None, None, 1, now).await?;
            query(
                "INSERT INTO article_revisions (article_id, number, saved_by, note, content, \
                 created_at) VALUES ($1, 1, $2, 'Created', $3, $4)",
            )
            .bind(id)
            .bind(user)
            .bind(&content)
            .bind(now)
            .execute(&mut tx)
            .await?;
            id
        };
        tx.commit().await?;
        Ok(out)
    }

    /// Saves `draft` as the next revision if the newest is still `base` (what the editor
    /// opened); otherwise stores nothing and answers [`Saved::Conflict`]. An article that is
    /// not live takes the text at once; a live one keeps its published version until the
    /// change is published. [`Error::NotFound`] when there is no such article.
    pub async fn save_draft(
        &self,
        id: i64,
        draft: &Draft,
        base: i64,
        user: i64,
        note: &str,
        now: DateTime<Utc>,
    ) -> Result<Saved> {
        let content = serde_json::to_string(draft).expect("a draft serialises");
        let mut tx = self.begin().await?;
        let out = {
            // The compare-and-set: of two saves from the same revision, one wins.
            type Moved = (i64, Option<DateTime<Utc>>, Option<DateTime<Utc>>);
            let moved: Option<Moved> = query(
                "UPDATE articles SET revision = revision + 1, modified_at = $3 \
                     WHERE id = $1 AND revision = $2 RETURNING revision, published_at, updated_at",
            )
            .bind(id)
            .bind(base)
            .bind(now)
            .fetch_optional(&mut tx)
            .await?;
            let Some((number, published_at, updated_at)) = moved else {
                let newest: Option<(i64,)> = query("SELECT revision FROM articles WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&mut tx)
                    .await?;
                return match newest {
                    Some((newest,)) => Ok(Saved::Conflict { newest }),
                    None => Err(Error::NotFound),
                };
            };
            check_slug(&mut tx, id, &draft.slug).await?;
            query(
                "INSERT INTO article_revisions (article_id, number, saved_by, note, content, \
                 created_at) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(id)
            .bind(number)
            .bind(user)
            .bind(note)
            .bind(&content)
            .bind(now)
            .execute(&mut tx)
            .await?;
            let live = published_at.is_some_and(|p| p <= now);
            if !live {
                apply(&mut tx, id, draft, published_at, updated_at, number, now).await?;
            }
            Saved::Revision(number)
        };
        tx.commit().await?;
        Ok(out)
    }

    /// Publishes (or schedules) the newest revision: it becomes the version readers see, the
    /// workflow becomes approved, `updated_at` moves to now when `mark_updated`, and a live
    /// article whose slug changes keeps its old address as a redirect. Returns the slug.
    pub async fn publish(
        &self,
        id: i64,
        when: When,
        mark_updated: bool,
        now: DateTime<Utc>,
    ) -> Result<String> {
        let mut tx = self.begin().await?;
        let out = {
            // Takes the row's lock on PostgreSQL first, so a save cannot slip in between
            // reading the newest revision and copying it.
            type Row = (String, Option<DateTime<Utc>>, Option<DateTime<Utc>>, i64);
            let row: Option<Row> = query(
                "UPDATE articles SET modified_at = $2, workflow = 'approved' WHERE id = $1 \
                 RETURNING slug, published_at, updated_at, revision",
            )
            .bind(id)
            .bind(now)
            .fetch_optional(&mut tx)
            .await?;
            let Some((old_slug, old_published, old_updated, revision)) = row else {
                return Err(Error::NotFound);
            };
            let was_live = old_published.is_some_and(|p| p <= now);
            let published_at = match when {
                When::At(t) => t,
                When::Now if was_live => old_published.unwrap_or(now),
                When::Now => now,
            };
            let updated_at = if mark_updated { Some(now) } else { old_updated };
            let content: Option<(String,)> = query(
                "SELECT content FROM article_revisions WHERE article_id = $1 AND number = $2",
            )
            .bind(id)
            .bind(revision)
            .fetch_optional(&mut tx)
            .await?;
            let slug = match content {
                Some((content,)) => {
                    let draft = decode(&content)?;
                    apply(
                        &mut tx,
                        id,
                        &draft,
                        Some(published_at),
                        updated_at,
                        revision,
                        now,
                    )
                    .await?;
                    draft.slug
                }
                // Imported and never edited here: only the dates change.
                None => {
                    query("UPDATE articles SET published_at = $2, updated_at = $3 WHERE id = $1")
                        .bind(id)
                        .bind(published_at)
                        .bind(updated_at)
                        .execute(&mut tx)
                        .await?;
                    old_slug.clone()
                }
            };
            if was_live && slug != old_slug {
                query(
                    "INSERT INTO article_redirects (old_slug, article_id) VALUES ($1, $2) \
                     ON CONFLICT (old_slug) DO UPDATE SET article_id = excluded.article_id",
                )
                .bind(&old_slug)
                .bind(id)
                .execute(&mut tx)
                .await?;
            }
            slug
        };
        tx.commit().await?;
        Ok(out)
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

/// Which list the taxonomy pages manage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelKind {
    Sections,
    Authors,
    Tags,
}

/// A section, author or tag as the admin pages list it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct LabelRow {
    pub id: i64,
    pub name: String,
    pub slug: String,
    pub text: String,
    pub position: i64,
    pub photo_url: Option<String>,
}

impl LabelKind {
    /// The kind's SQL: its listing, insert and update, from constants only.
    fn sql(self) -> (&'static str, &'static str, &'static str) {
        match self {
            LabelKind::Sections => (
                "SELECT id, name, slug, description AS text, CAST(position AS BIGINT) AS position, \
                 NULL AS photo_url FROM sections ORDER BY position, name",
                "INSERT INTO sections (name, slug, description, position, created_at) \
                 VALUES ($1, $2, $3, $4, $5) RETURNING id",
                "UPDATE sections SET name = $2, slug = $3, description = $4, position = $5 \
                 WHERE id = $1",
            ),
            LabelKind::Authors => (
                "SELECT id, name, slug, bio AS text, CAST(0 AS BIGINT) AS position, photo_url \
                 FROM authors ORDER BY name",
                "INSERT INTO authors (name, slug, bio, photo_url, created_at) \
                 VALUES ($1, $2, $3, $4, $5) RETURNING id",
                "UPDATE authors SET name = $2, slug = $3, bio = $4, photo_url = $5 WHERE id = $1",
            ),
            LabelKind::Tags => (
                "SELECT id, name, slug, '' AS text, CAST(0 AS BIGINT) AS position, \
                 NULL AS photo_url FROM tags ORDER BY name",
                "INSERT INTO tags (name, slug) VALUES ($1, $2) RETURNING id",
                "UPDATE tags SET name = $2, slug = $3 WHERE id = $1",
            ),
        }
    }
}

fn label_slug_taken(e: Error, slug: &str) -> Error {
    match e {
        Error::Conflict(_) => {
            Error::Conflict(format!("The slug “{slug}” is taken: choose another."))
        }
        other => other,
    }
}

impl Store {
    /// Every section (front-page order), author or tag (by name).
    pub async fn labels_of(&self, kind: LabelKind) -> Result<Vec<LabelRow>> {
        let (list, _, _) = kind.sql();
        query(list).fetch_all(self.read()).await
    }

    /// Adds a section, author or tag. [`Error::Conflict`] when its slug is taken.
    pub async fn create_label(
        &self,
        kind: LabelKind,
        l: &crate::domain::newsroom::Label,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let (_, insert, _) = kind.sql();
        let q = query(insert).bind(&l.name).bind(&l.slug);
        let q = match kind {
            LabelKind::Sections => q.bind(&l.text).bind(l.position).bind(now),
            LabelKind::Authors => q.bind(&l.text).bind(&l.photo_url).bind(now),
            LabelKind::Tags => q,
        };
        q.scalar(self.write())
            .await
            .map_err(|e| label_slug_taken(e, &l.slug))
    }

    /// Changes a section, author or tag; false when there is no such one.
    pub async fn update_label(
        &self,
        kind: LabelKind,
        id: i64,
        l: &crate::domain::newsroom::Label,
    ) -> Result<bool> {
        let (_, _, update) = kind.sql();
        let q = query(update).bind(id).bind(&l.name).bind(&l.slug);
        let q = match kind {
            LabelKind::Sections => q.bind(&l.text).bind(l.position),
            LabelKind::Authors => q.bind(&l.text).bind(&l.photo_url),
            LabelKind::Tags => q,
        };
        q.execute(self.write())
            .await
            .map(|n| n == 1)
            .map_err(|e| label_slug_taken(e, &l.slug))
    }
}
