//! API tokens, known by the SHA-256 of their secret.

use chrono::{DateTime, Duration, Utc};

use super::sessions::SessionUser;
use super::{Result, Store, query};

/// A token as its holder's settings page lists it (never the secret).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct TokenRow {
    pub id: i64,
    pub name: String,
    pub prefix: String,
    pub scopes: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// The holder of a live token, and what the token was given.
#[derive(Clone, Debug)]
pub struct TokenHolder {
    pub token_id: i64,
    pub scopes: String,
    pub user: SessionUser,
}

#[derive(sqlx::FromRow)]
struct HolderRow {
    token_id: i64,
    scopes: String,
    last_used_at: Option<DateTime<Utc>>,
    #[sqlx(flatten)]
    user: SessionUser,
}

/// How stale `last_used_at` may get before a use writes it again: a busy token costs one write
/// a minute, not one per request.
const LAST_USED_GRANULARITY_SECS: i64 = 60;

impl Store {
    /// Records a new token, unless its holder already has `max_live` live tokens (then `None`).
    #[allow(clippy::too_many_arguments)]
    pub async fn create_token(
        &self,
        user_id: i64,
        name: &str,
        token_hash: &str,
        prefix: &str,
        scopes: &str,
        max_live: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<i64>> {
        let id: Option<(i64,)> = query(
                "INSERT INTO api_tokens (user_id, name, token_hash, prefix, scopes, created_at) \
                 SELECT $1, $2, $3, $4, $5, $6 \
                 WHERE (SELECT COUNT(*) FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL) < $7 \
                 RETURNING id",
            )
            .bind(user_id)
            .bind(name)
            .bind(token_hash)
            .bind(prefix)
            .bind(scopes)
            .bind(now)
            .bind(max_live)
            .fetch_optional(self.write())
            .await?;
        Ok(id.map(|r| r.0))
    }

    /// A member's tokens, newest first, revoked ones included (so they can see what ended).
    pub async fn tokens_of(&self, user_id: i64) -> Result<Vec<TokenRow>> {
        query(
            "SELECT id, name, prefix, scopes, created_at, last_used_at, revoked_at \
                 FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC, id DESC",
        )
        .bind(user_id)
        .fetch_all(self.read())
        .await
    }

    /// Revokes one of a member's tokens; false when there was no such live token.
    pub async fn revoke_token(&self, id: i64, user_id: i64, now: DateTime<Utc>) -> Result<bool> {
        let n = query(
            "UPDATE api_tokens SET revoked_at = $1 \
                 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL",
        )
        .bind(now)
        .bind(id)
        .bind(user_id)
        .execute(self.write())
        .await?;
        Ok(n == 1)
    }

    /// The holder of a live (not revoked) token, noting the use.
    pub async fn token_holder(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<TokenHolder>> {
        let row: Option<HolderRow> = query(
                "SELECT t.id AS token_id, t.scopes, t.last_used_at, \
                        u.id, u.email, u.display_name, u.role, u.created_at, u.banned_until, u.ban_reason, u.time_zone, u.locale \
                 FROM api_tokens t JOIN users u ON u.id = t.user_id \
                 WHERE t.token_hash = $1 AND t.revoked_at IS NULL",
            )
            .bind(token_hash)
            .fetch_optional(self.read())
            .await?;
        let Some(row) = row else { return Ok(None) };
        let stale = row
            .last_used_at
            .is_none_or(|t| now - t >= Duration::seconds(LAST_USED_GRANULARITY_SECS));
        if stale {
            query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2")
                .bind(now)
                .bind(row.token_id)
                .execute(self.write())
                .await?;
        }
        Ok(Some(TokenHolder {
            token_id: row.token_id,
            scopes: row.scopes,
            user: row.user,
        }))
    }
}
