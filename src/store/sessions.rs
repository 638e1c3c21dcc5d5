//! Sessions, the shared site secret, sign-in throttling, rate windows and password resets. All
//! of it in the database, so any server process can answer any request.

use chrono::{DateTime, Utc};

use super::{Result, Store, read, write};
use crate::domain::user::Role;

/// The member behind a session cookie.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SessionUser {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub created_at: DateTime<Utc>,
    pub banned_until: Option<DateTime<Utc>>,
    pub ban_reason: String,
}

impl SessionUser {
    pub fn role(&self) -> Role {
        Role::parse(&self.role).unwrap_or(Role::Member)
    }

    /// The end of the member's ban, if one is in force at `now`.
    pub fn banned_at(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.banned_until.filter(|until| *until > now)
    }
}

impl Store {
    /// The secret named `name`, created from `fresh` by whichever process asks first.
    pub async fn site_secret(&self, name: &str, fresh: &str) -> Result<String> {
        write!(self, |c| {
            sqlx::query("INSERT INTO site_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING")
                .bind(name)
                .bind(fresh)
                .execute(c)
                .await?
                .rows_affected()
        });
        let (value,): (String,) = write!(self, |c| {
            sqlx::query_as("SELECT value FROM site_secrets WHERE name = $1")
                .bind(name)
                .fetch_one(c)
                .await?
        });
        Ok(value)
    }

    pub async fn create_session(
        &self,
        token_hash: &str,
        user_id: i64,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<()> {
        write!(self, |c| {
            sqlx::query(
                "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(token_hash)
            .bind(user_id)
            .bind(now)
            .bind(expires_at)
            .execute(c)
            .await?
            .rows_affected()
        });
        Ok(())
    }

    /// The member of an unexpired session.
    pub async fn session_user(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<SessionUser>> {
        Ok(read!(self, |c| {
            sqlx::query_as(
                "SELECT u.id, u.email, u.display_name, u.role, u.created_at, u.banned_until, u.ban_reason \
                 FROM sessions s JOIN users u ON u.id = s.user_id \
                 WHERE s.token_hash = $1 AND s.expires_at > $2",
            )
            .bind(token_hash)
            .bind(now)
            .fetch_optional(c)
            .await?
        }))
    }

    pub async fn delete_session(&self, token_hash: &str) -> Result<()> {
        write!(self, |c| {
            sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                .bind(token_hash)
                .execute(c)
                .await?
                .rows_affected()
        });
        Ok(())
    }

    /// Ends every session of a member ("sign out everywhere", password changes).
    pub async fn delete_user_sessions(&self, user_id: i64) -> Result<u64> {
        let r = write!(self, |c| {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(user_id)
                .execute(c)
                .await?
                .rows_affected()
        });
        Ok(r)
    }

    /// The latest time until which any of `keys` is locked out of signing in.
    pub async fn signin_locked_until(
        &self,
        keys: &[&str],
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>> {
        let rows: Vec<(Option<DateTime<Utc>>,)> = read!(self, |c| {
            sqlx::query_as(
                "SELECT locked_until FROM signin_failures WHERE key IN ($1, $2) AND locked_until > $3",
            )
            .bind(keys.first().copied().unwrap_or(""))
            .bind(keys.get(1).copied().unwrap_or(""))
            .bind(now)
            .fetch_all(c)
            .await?
        });
        Ok(rows.into_iter().filter_map(|r| r.0).max())
    }

    /// Counts a failed sign-in against `key`; returns the failures so far.
    pub async fn record_signin_failure(&self, key: &str, now: DateTime<Utc>) -> Result<i64> {
        let (n,): (i64,) = write!(self, |c| {
            sqlx::query_as(
                "INSERT INTO signin_failures (key, failures, updated_at) VALUES ($1, 1, $2) \
                 ON CONFLICT (key) DO UPDATE SET failures = signin_failures.failures + 1, updated_at = $2 \
                 RETURNING failures",
            )
            .bind(key)
            .bind(now)
            .fetch_one(c)
            .await?
        });
        Ok(n)
    }

    pub async fn lock_signin(&self, key: &str, until: DateTime<Utc>) -> Result<()> {
        write!(self, |c| {
            sqlx::query("UPDATE signin_failures SET locked_until = $2 WHERE key = $1")
                .bind(key)
                .bind(until)
                .execute(c)
                .await?
                .rows_affected()
        });
        Ok(())
    }

    pub async fn clear_signin_failures(&self, key: &str) -> Result<()> {
        write!(self, |c| {
            sqlx::query("DELETE FROM signin_failures WHERE key = $1")
                .bind(key)
                .execute(c)
                .await?
                .rows_affected()
        });
        Ok(())
    }

    /// Counts one hit against `key` in the window starting at `window_start`; returns the hits
    /// in that window so far, this one included.
    pub async fn hit_rate_window(&self, key: &str, window_start: DateTime<Utc>) -> Result<i64> {
        let (n,): (i64,) = write!(self, |c| {
            sqlx::query_as(
                "INSERT INTO rate_windows (key, window_start, hits) VALUES ($1, $2, 1) \
                 ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_windows.hits + 1 \
                 RETURNING hits",
            )
            .bind(key)
            .bind(window_start)
            .fetch_one(c)
            .await?
        });
        Ok(n)
    }

    /// Removes what can no longer matter: expired sessions, reset and sign-in links, sign-ons, and throttle
    /// records older than a day. Idempotent, so every server process may run it.
    pub async fn prune_expired(&self, now: DateTime<Utc>) -> Result<u64> {
        let day_ago = now - chrono::Duration::days(1);
        let statements: [(&str, DateTime<Utc>); 6] = [
            ("DELETE FROM sessions WHERE expires_at <= $1", now),
            ("DELETE FROM password_resets WHERE expires_at <= $1", now),
            ("DELETE FROM signin_links WHERE expires_at <= $1", now),
            ("DELETE FROM oidc_logins WHERE expires_at <= $1", now),
            ("DELETE FROM rate_windows WHERE window_start < $1", day_ago),
            (
                "DELETE FROM signin_failures WHERE updated_at < $1 \
                 AND (locked_until IS NULL OR locked_until < $1)",
                day_ago,
            ),
        ];
        self.delete_each(&statements).await
    }

    pub async fn create_password_reset(
        &self,
        token_hash: &str,
        user_id: i64,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<()> {
        write!(self, |c| {
            sqlx::query(
                "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(token_hash)
            .bind(user_id)
            .bind(now)
            .bind(expires_at)
            .execute(c)
            .await?
            .rows_affected()
        });
        Ok(())
    }

    /// The member a reset token is for, when it is unused and unexpired.
    pub async fn password_reset_user(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<i64>> {
        let row: Option<(i64,)> = read!(self, |c| {
            sqlx::query_as(
                "SELECT user_id FROM password_resets WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
            )
            .bind(token_hash)
            .bind(now)
            .fetch_optional(c)
            .await?
        });
        Ok(row.map(|r| r.0))
    }

    /// Uses a reset token: sets the new password hash and ends every session, in one
    /// transaction. False when the token was already used or has expired (a race lost).
    pub async fn complete_password_reset(
        &self,
        token_hash: &str,
        password_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        super::transaction!(self, |tx| {
            let used: Option<(i64,)> = sqlx::query_as(
                    "UPDATE password_resets SET used_at = $2 \
                     WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING user_id",
                )
                .bind(token_hash)
                .bind(now)
                .fetch_optional(&mut *tx)
                .await?;
            let Some((user_id,)) = used else {
                return Ok(false);
            };
            sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
                .bind(password_hash)
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
        });
        Ok(true)
    }
}
