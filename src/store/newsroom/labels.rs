//! Sections, authors and tags as the newsroom's admin pages manage them.

use chrono::{DateTime, Utc};

use crate::store::{Error, Result, Store, query};

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
    fn table(self) -> &'static str {
        match self {
            LabelKind::Sections => "sections",
            LabelKind::Authors => "authors",
            LabelKind::Tags => "tags",
        }
    }

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

fn label_slug_taken(e: Error, kind: LabelKind, slug: &str) -> Error {
    match e {
        e if e.is_duplicate(kind.table(), &["slug"]) => Error::Clash(
            crate::domain::newsroom::Clash::LabelSlugTaken(slug.to_owned()),
        ),
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
            .map_err(|e| label_slug_taken(e, kind, &l.slug))
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
            .map_err(|e| label_slug_taken(e, kind, &l.slug))
    }
}
