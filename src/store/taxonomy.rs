//! Sections, authors (bylines) and tags: the ways a reader browses.

use chrono::{DateTime, Utc};

use super::tx::Conn;
use super::{Error, Result, Store, query};
use crate::domain::Slug;
use crate::domain::newsroom::Clash;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Section {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub description: String,
}

/// An author or a tag: a named page that lists articles.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Label {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub bio: String,
    /// An author's photo (always none for a tag).
    pub photo_url: Option<String>,
}

/// Inserts a section by name unless its slug exists; its id. Usable inside any transaction of
/// either backend. Appended sections go after the existing ones on the front page.
pub(crate) async fn upsert_section<'c>(
    on: impl Into<Conn<'c>>,
    name: &str,
    now: DateTime<Utc>,
) -> Result<i64> {
    let slug = Slug::from_title(name)
        .ok_or_else(|| Error::Conflict(format!("no slug for section `{name}`")))?;
    query(
        "INSERT INTO sections (slug, name, position, created_at) \
         VALUES ($1, $2, (SELECT COALESCE(MAX(position), 0) + 1 FROM sections), $3) \
         ON CONFLICT (slug) DO UPDATE SET slug = excluded.slug RETURNING id",
    )
    .bind(slug.as_str())
    .bind(name)
    .bind(now)
    .scalar(on)
    .await
}

pub(crate) async fn upsert_author<'c>(
    on: impl Into<Conn<'c>>,
    name: &str,
    now: DateTime<Utc>,
) -> Result<i64> {
    let slug = Slug::from_title(name)
        .ok_or_else(|| Error::Conflict(format!("no slug for author `{name}`")))?;
    query(
        "INSERT INTO authors (slug, name, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (slug) DO UPDATE SET slug = excluded.slug RETURNING id",
    )
    .bind(slug.as_str())
    .bind(name)
    .bind(now)
    .scalar(on)
    .await
}

pub(crate) async fn upsert_tag<'c>(on: impl Into<Conn<'c>>, name: &str) -> Result<i64> {
    let slug = Slug::from_title(name)
        .ok_or_else(|| Error::Conflict(format!("no slug for tag `{name}`")))?;
    query(
        "INSERT INTO tags (slug, name) VALUES ($1, $2) \
         ON CONFLICT (slug) DO UPDATE SET slug = excluded.slug RETURNING id",
    )
    .bind(slug.as_str())
    .bind(name)
    .scalar(on)
    .await
}

/// The id of the existing section a newsroom draft names (by its name, or the slug the name
/// makes). Drafts never create sections: only the section admin does, so a draft naming none
/// is refused, inside the caller's transaction.
pub(crate) async fn existing_section<'c>(on: impl Into<Conn<'c>>, name: &str) -> Result<i64> {
    let slug = Slug::from_title(name)
        .map(|s| s.as_str().to_owned())
        .unwrap_or_default();
    let found: Option<i64> = query(
        "SELECT id FROM sections WHERE name = $1 OR slug = $2 \
         ORDER BY CASE WHEN name = $1 THEN 0 ELSE 1 END LIMIT 1",
    )
    .bind(name)
    .bind(slug)
    .scalar_optional(on)
    .await?;
    found.ok_or_else(|| Error::Clash(Clash::unknown_section(name)))
}

impl Store {
    /// All sections in front-page order.
    pub async fn sections(&self) -> Result<Vec<Section>> {
        query("SELECT id, slug, name, description FROM sections ORDER BY position, name")
            .fetch_all(self.read())
            .await
    }

    pub async fn section_by_slug(&self, slug: &Slug) -> Result<Option<Section>> {
        query("SELECT id, slug, name, description FROM sections WHERE slug = $1")
            .bind(slug.as_str())
            .fetch_optional(self.read())
            .await
    }

    pub async fn tag_by_slug(&self, slug: &Slug) -> Result<Option<Label>> {
        query("SELECT id, slug, name, '' AS bio, NULL AS photo_url FROM tags WHERE slug = $1")
            .bind(slug.as_str())
            .fetch_optional(self.read())
            .await
    }

    pub async fn author_by_slug(&self, slug: &Slug) -> Result<Option<Label>> {
        query("SELECT id, slug, name, bio, photo_url FROM authors WHERE slug = $1")
            .bind(slug.as_str())
            .fetch_optional(self.read())
            .await
    }

    /// Creates a section (or finds the one with the same slug) outside an import.
    pub async fn ensure_section(&self, name: &str, now: DateTime<Utc>) -> Result<i64> {
        upsert_section(self.write(), name, now).await
    }
}
