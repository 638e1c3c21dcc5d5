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
