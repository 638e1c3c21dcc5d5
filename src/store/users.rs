//! Member accounts.

use chrono::{DateTime, Utc};

use super::{Error, Result, Store, read, write};
use crate::domain::user::{Email, Role};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct UserRow {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub role: String,
    pub created_at: DateTime<Utc>,
}

/// A member as the users page lists them.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MemberRow {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub created_at: DateTime<Utc>,
    pub banned_until: Option<DateTime<Utc>>,
    pub ban_reason: String,
}

impl Store {
    /// Creates an account. A taken address (in any letter case) is a [`Error::Conflict`].
    pub async fn create_user(
        &self,
        email: &Email,
        display_name: &str,
        password_hash: &str,
        role: Role,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let inserted: std::result::Result<(i64,), sqlx::Error> = write!(self, |c| {
            sqlx::query_as(
                "INSERT INTO users (email, display_name, password_hash, role, created_at) \
                 VALUES ($1, $2, $3, $4, $5) RETURNING id",
            )
            .bind(email.as_str())
            .bind(display_name)
            .bind(password_hash)
            .bind(role.as_str())
            .bind(now)
            .fetch_one(c)
            .await
        });
        match inserted.map_err(Error::from) {
            Ok((id,)) => Ok(id),
            Err(Error::Conflict(_)) => Err(Error::Conflict(format!(
                "an account with the e-mail address {email} already exists"
            ))),
            Err(e) => Err(e),
        }
    }

    pub async fn user_by_email(&self, email: &Email) -> Result<Option<UserRow>> {
        Ok(read!(self, |c| {
            sqlx::query_as(
                "SELECT id, email, display_name, password_hash, role, created_at \
                 FROM users WHERE email = $1",
            )
            .bind(email.as_str())
            .fetch_optional(c)
            .await?
        }))
    }
}

impl Store {
    pub async fn user_by_id(&self, id: i64) -> Result<Option<UserRow>> {
        Ok(read!(self, |c| {
            sqlx::query_as(
                "SELECT id, email, display_name, password_hash, role, created_at FROM users WHERE id = $1",
            )
            .bind(id)
            .fetch_optional(c)
            .await?
        }))
    }

    pub async fn set_display_name(&self, id: i64, name: &str) -> Result<()> {
        write!(self, |c| {
            sqlx::query("UPDATE users SET display_name = $1 WHERE id = $2")
                .bind(name)
                .bind(id)
                .execute(c)
                .await?
                .rows_affected()
        });
        self.member_changed(id).await;
        Ok(())
    }

    pub async fn set_password_hash(&self, id: i64, hash: &str) -> Result<()> {
        write!(self, |c| {
            sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
                .bind(hash)
                .bind(id)
                .execute(c)
                .await?
                .rows_affected()
        });
        Ok(())
    }

    /// Comment ids a member likes, for their data download.
    pub async fn likes_of(&self, user_id: i64) -> Result<Vec<i64>> {
        let rows: Vec<(i64,)> = read!(self, |c| {
            sqlx::query_as(
                "SELECT comment_id FROM comment_likes WHERE user_id = $1 ORDER BY comment_id",
            )
            .bind(user_id)
            .fetch_all(c)
            .await?
        });
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    /// Deletes an account in one transaction. Their comments stay (shown as from "[deleted]");
    /// their likes go, and the counts they were part of go down with them.
    pub async fn delete_user(&self, id: i64) -> Result<()> {
        super::transaction!(self, |tx| {
            sqlx::query(
                "UPDATE comments SET like_count = like_count - 1 \
                     WHERE id IN (SELECT comment_id FROM comment_likes WHERE user_id = $1)",
            )
            .bind(id)
            .execute(&mut *tx)
            .await?;
            sqlx::query("DELETE FROM users WHERE id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
        });
        self.member_changed(id).await;
        Ok(())
    }
}
