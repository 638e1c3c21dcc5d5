//! Mutes: whom a member muted. Private to the muter: nothing here is read for anyone else.

use chrono::{DateTime, Utc};

use super::{Result, Store, query};

/// One muted member as the muter's settings list them.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MutedMember {
    pub id: i64,
    pub display_name: String,
    pub muted_at: DateTime<Utc>,
}

/// At most this many mutes are listed per page of the settings.
pub const MUTES_PAGE: i64 = 100;

impl Store {
    /// `muter_id` mutes `muted_id`; false when they already had. Muting oneself is refused by
    /// the table's check (callers refuse it first, with words).
    pub async fn mute(&self, muter_id: i64, muted_id: i64, now: DateTime<Utc>) -> Result<bool> {
        let n = query(
            "INSERT INTO member_mutes (muter_id, muted_id, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (muter_id, muted_id) DO NOTHING",
        )
        .bind(muter_id)
        .bind(muted_id)
        .bind(now)
        .execute(self.write())
        .await?;
        Ok(n > 0)
    }

    /// Takes a mute back; false when there was none.
    pub async fn unmute(&self, muter_id: i64, muted_id: i64) -> Result<bool> {
        let n = query("DELETE FROM member_mutes WHERE muter_id = $1 AND muted_id = $2")
            .bind(muter_id)
            .bind(muted_id)
            .execute(self.write())
            .await?;
        Ok(n > 0)
    }

    /// The ids of everyone `muter_id` muted (a conversation page collapses their comments).
    pub async fn muted_ids(&self, muter_id: i64) -> Result<Vec<i64>> {
        let rows: Vec<(i64,)> = query("SELECT muted_id FROM member_mutes WHERE muter_id = $1")
            .bind(muter_id)
            .fetch_all(self.read())
            .await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    /// A page of the members `muter_id` muted, by id after `after_id`.
    pub async fn mutes_of(&self, muter_id: i64, after_id: i64) -> Result<Vec<MutedMember>> {
        query(
            "SELECT u.id, u.display_name, m.created_at AS muted_at FROM member_mutes m \
             JOIN users u ON u.id = m.muted_id WHERE m.muter_id = $1 AND m.muted_id > $2 \
             ORDER BY m.muted_id LIMIT $3",
        )
        .bind(muter_id)
        .bind(after_id)
        .bind(MUTES_PAGE + 1)
        .fetch_all(self.read())
        .await
    }
}
