//! The media library: one row per uploaded image (the files themselves are in a
//! [`crate::services::media::MediaStore`]).

use chrono::{DateTime, Utc};

use std::collections::HashMap;

use super::{Result, Store, Tx, query};
use crate::domain::imports::WpImage;
use crate::domain::media::{ImageKind, VariantName, parse_widths};

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

/// A picture of an import whose files are in the media store: the row it needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedImage {
    pub hash: String,
    pub kind: ImageKind,
    pub width: u32,
    pub height: u32,
    /// Narrowest first.
    pub widths: Vec<u32>,
    pub byte_size: u64,
}

impl ImportedImage {
    /// The address of its largest variant (what a featured image names).
    pub fn url(&self) -> Option<String> {
        let width = *self.widths.last()?;
        Some(
            VariantName {
                hash: self.hash.clone(),
                width,
                kind: self.kind,
            }
            .url(),
        )
    }

    /// The picture a library row already holds.
    pub fn of_row(row: &MediaRow) -> Option<ImportedImage> {
        Some(ImportedImage {
            hash: row.hash.clone(),
            kind: row.kind()?,
            width: u32::try_from(row.width).ok()?,
            height: u32::try_from(row.height).ok()?,
            widths: row.widths(),
            byte_size: u64::try_from(row.byte_size).unwrap_or(0),
        })
    }
}

/// An import's pictures by their old address.
pub type ImportedMedia = HashMap<String, ImportedImage>;

/// The library id of an imported picture, adding its row (by nobody, with the alt text and
/// caption it had where it was first found) unless its bytes are there already: the unique
/// hash decides, so importing again adds nothing. `true` when the row is new.
pub(super) async fn imported_media_id(
    tx: &mut Tx,
    m: &ImportedImage,
    found: &WpImage,
    now: DateTime<Utc>,
) -> Result<(i64, bool)> {
    let widths = m
        .widths
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(" ");
    let added = query(
        "INSERT INTO media (hash, kind, width, height, widths, byte_size, alt, caption, \
             created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
             ON CONFLICT (hash) DO NOTHING",
    )
    .bind(m.hash.as_str())
    .bind(m.kind.as_str())
    .bind(i64::from(m.width))
    .bind(i64::from(m.height))
    .bind(&widths)
    .bind(i64::try_from(m.byte_size).unwrap_or(i64::MAX))
    .bind(found.alt.as_str())
    .bind(found.caption.as_deref())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let id: i64 = query("SELECT id FROM media WHERE hash = $1")
        .bind(m.hash.as_str())
        .scalar(&mut *tx)
        .await?;
    Ok((id, added == 1))
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
