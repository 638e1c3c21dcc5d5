//! Autosaved working copies: one per article and editor, kept only while it is based on the
//! article's newest revision when written (the same compare as a save, but storing no revision),
//! and one per writer of the new article they have not saved yet.

use chrono::{DateTime, Utc};

use super::RevisionRow;
use crate::domain::newsroom::DraftFields;
use crate::store::{Error, Result, Store, query};

/// An editor's autosaved working copy of an article.
#[derive(Clone, Debug)]
pub struct Autosave {
    /// The revision the editor had opened.
    pub base_revision: i64,
    pub fields: DraftFields,
    pub saved_at: DateTime<Utc>,
}

/// What an autosave came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Autosaved {
    Kept,
    /// Revision `newest` was saved after the one the editor opened: nothing kept.
    Stale {
        newest: i64,
    },
}

impl Store {
    /// Keeps `fields` as `user`'s working copy of article `id`, if `base` is still its newest
    /// revision (checked in the same statement, so a save cannot slip in between).
    pub async fn autosave(
        &self,
        id: i64,
        user: i64,
        base: i64,
        fields: &DraftFields,
        now: DateTime<Utc>,
    ) -> Result<Autosaved> {
        let content = serde_json::to_string(fields).expect("form fields serialise");
        let kept = query(
            "INSERT INTO article_autosaves (article_id, user_id, base_revision, content, saved_at) \
             SELECT id, $2, revision, $4, $5 FROM articles WHERE id = $1 AND revision = $3 \
             ON CONFLICT (article_id, user_id) DO UPDATE SET base_revision = excluded.base_revision, \
             content = excluded.content, saved_at = excluded.saved_at",
        )
        .bind(id)
        .bind(user)
        .bind(base)
        .bind(content)
        .bind(now)
        .execute(self.write())
        .await?;
        if kept > 0 {
            return Ok(Autosaved::Kept);
        }
        let newest: Option<i64> = query("SELECT revision FROM articles WHERE id = $1")
            .bind(id)
            .scalar_optional(self.read())
            .await?;
        match newest {
            Some(newest) => Ok(Autosaved::Stale { newest }),
            None => Err(Error::NotFound),
        }
    }

    /// `user`'s autosaved working copy of article `id`, if any.
    pub async fn autosaved(&self, id: i64, user: i64) -> Result<Option<Autosave>> {
        let row: Option<(i64, String, DateTime<Utc>)> = query(
            "SELECT base_revision, content, saved_at FROM article_autosaves \
             WHERE article_id = $1 AND user_id = $2",
        )
        .bind(id)
        .bind(user)
        .fetch_optional(self.read())
        .await?;
        let Some((base_revision, content, saved_at)) = row else {
            return Ok(None);
        };
        let fields = serde_json::from_str(&content)
            .map_err(|e| Error::Conflict(format!("an autosave could not be read: {e}")))?;
        Ok(Some(Autosave {
            base_revision,
            fields,
            saved_at,
        }))
    }

    /// Forgets `user`'s autosave of article `id` (saved as a revision, or discarded).
    pub async fn discard_autosave(&self, id: i64, user: i64) -> Result<()> {
        query("DELETE FROM article_autosaves WHERE article_id = $1 AND user_id = $2")
            .bind(id)
            .bind(user)
            .execute(self.write())
            .await?;
        Ok(())
    }

    /// Keeps `fields` as `user`'s working copy of the new article they are writing (one per
    /// writer: the newest replaces the last).
    pub async fn autosave_new(
        &self,
        user: i64,
        fields: &DraftFields,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let content = serde_json::to_string(fields).expect("form fields serialise");
        query(
            "INSERT INTO new_article_autosaves (user_id, content, saved_at) VALUES ($1, $2, $3) \
             ON CONFLICT (user_id) DO UPDATE SET content = excluded.content, \
             saved_at = excluded.saved_at",
        )
        .bind(user)
        .bind(content)
        .bind(now)
        .execute(self.write())
        .await?;
        Ok(())
    }

    /// `user`'s autosaved new article, if any (its `base_revision` is 0: none yet).
    pub async fn autosaved_new(&self, user: i64) -> Result<Option<Autosave>> {
        let row: Option<(String, DateTime<Utc>)> =
            query("SELECT content, saved_at FROM new_article_autosaves WHERE user_id = $1")
                .bind(user)
                .fetch_optional(self.read())
                .await?;
        let Some((content, saved_at)) = row else {
            return Ok(None);
        };
        let fields = serde_json::from_str(&content)
            .map_err(|e| Error::Conflict(format!("an autosave could not be read: {e}")))?;
        Ok(Some(Autosave {
            base_revision: 0,
            fields,
            saved_at,
        }))
    }

    /// Forgets `user`'s autosaved new article (saved as an article, or discarded).
    pub async fn discard_new_autosave(&self, user: i64) -> Result<()> {
        query("DELETE FROM new_article_autosaves WHERE user_id = $1")
            .bind(user)
            .execute(self.write())
            .await?;
        Ok(())
    }

    /// Revision `number` of article `id`, with who saved it (none for an article never saved
    /// here).
    pub async fn revision_row(&self, id: i64, number: i64) -> Result<Option<RevisionRow>> {
        query(
            "SELECT r.number, u.display_name AS saved_by, r.note, r.created_at \
             FROM article_revisions r LEFT JOIN users u ON u.id = r.saved_by \
             WHERE r.article_id = $1 AND r.number = $2",
        )
        .bind(id)
        .bind(number)
        .fetch_optional(self.read())
        .await
    }
}
