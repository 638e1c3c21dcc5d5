//! The media library: one row per uploaded image (the files themselves are in a
//! [`crate::services::media::MediaStore`]).

use chrono::{DateTime, Utc};

use super::{Result, Store, query};
use crate::domain::media::{ImageKind, parse_widths};

/// An image as the library and the pages that show it know it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MediaRow {
    pub id: i64,
    pub hash: String,
    pub kind: String,
    pub width: i64,
    pub height: i64,
    pub widths: String,
    pub byte_size: i64,
    pub alt: String,
    pub caption: Option<String>,
    pub uploaded_by: Option<i64>,
    /// The uploader's display name (`None` once their account is deleted).
    pub uploader: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl MediaRow {
    pub fn kind(&self) -> Option<ImageKind> {
        ImageKind::parse(&self.kind)
    }

    /// The stored widths, narrowest first.
    pub fn widths(&self) -> Vec<u32> {
        parse_widths(&self.widths)
    }
}

/// What an upload records.
pub struct NewMedia<'a> {
    pub hash: &'a str,
    pub kind: ImageKind,
    pub width: u32,
    pub height: u32,
    pub widths: &'a [u32],
    /// The size of the uploaded file.
    pub byte_size: u64,
    pub alt: &'a str,
    pub caption: Option<&'a str>,
    pub uploaded_by: i64,
}

const COLUMNS: &str = "m.id, m.hash, m.kind, m.width, m.height, m.widths, m.byte_size, m.alt, \
     m.caption, m.uploaded_by, u.display_name AS uploader, m.created_at";

impl Store {
    /// Records an image; `None` when one with the same hash is already there (the same bytes
    /// uploaded twice, perhaps at the same moment), which is then left as it was.
    pub async fn insert_media(&self, m: &NewMedia<'_>, now: DateTime<Utc>) -> Result<Option<i64>> {
        let widths = m
            .widths
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(" ");
        let id: Option<(i64,)> = query(
            "INSERT INTO media (hash, kind, width, height, widths, byte_size, alt, caption, \
                 uploaded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
                 ON CONFLICT (hash) DO NOTHING RETURNING id",
        )
        .bind(m.hash)
        .bind(m.kind.as_str())
        .bind(i64::from(m.width))
        .bind(i64::from(m.height))
        .bind(&widths)
        .bind(i64::try_from(m.byte_size).unwrap_or(i64::MAX))
        .bind(m.alt)
        .bind(m.caption)
        .bind(m.uploaded_by)
        .bind(now)
        .fetch_optional(self.write())
        .await?;
        Ok(id.map(|r| r.0))
    }

    /// The image with this content hash.
    pub async fn media_by_hash(&self, hash: &str) -> Result<Option<MediaRow>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM media m LEFT JOIN users u ON u.id = m.uploaded_by \
             WHERE m.hash = $1"
        );
        query(&sql).bind(hash).fetch_optional(self.read()).await
    }

    /// The images of the library these hashes name, in one query (for a page of live updates).
    pub async fn media_by_hashes(&self, hashes: &[&str]) -> Result<Vec<MediaRow>> {
        if hashes.is_empty() {
            return Ok(Vec::new());
        }
        let list = super::articles::placeholders(1, hashes.len());
        let sql = format!(
            "SELECT {COLUMNS} FROM media m LEFT JOIN users u ON u.id = m.uploaded_by \
             WHERE m.hash IN ({list})"
        );
        let mut q = query(&sql);
        for hash in hashes {
            q = q.bind(*hash);
        }
        q.fetch_all(self.read()).await
    }

    /// The newest images first, at most `limit`.
    pub async fn recent_media(&self, limit: i64) -> Result<Vec<MediaRow>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM media m LEFT JOIN users u ON u.id = m.uploaded_by \
             ORDER BY m.created_at DESC, m.id DESC LIMIT $1"
        );
        query(&sql).bind(limit).fetch_all(self.read()).await
    }

    /// How many images the library holds.
    pub async fn media_count(&self) -> Result<i64> {
        let n: (i64,) = query("SELECT COUNT(*) FROM media")
            .fetch_one(self.read())
            .await?;
        Ok(n.0)
    }
}
