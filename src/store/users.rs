//! Member accounts.

use chrono::{DateTime, Utc};

use super::single_use;
use super::{Error, Result, Store, query};
use crate::domain::user::{Email, Role};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct UserRow {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub role: String,
    pub created_at: DateTime<Utc>,
    /// The member's language (a locale's tag); `None`: the site's.
    pub locale: Option<String>,
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
        let inserted: Result<(i64,)> = query(
            "INSERT INTO users (email, display_name, password_hash, role, created_at) \
                 VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(email.as_str())
        .bind(display_name)
        .bind(password_hash)
        .bind(role.as_str())
        .bind(now)
        .fetch_one(self.write())
        .await;
        match inserted {
            Ok((id,)) => Ok(id),
            Err(e) if e.is_duplicate("users", &["email"]) => Err(Error::Conflict(format!(
                "an account with the e-mail address {email} already exists"
            ))),
            Err(e) => Err(e),
        }
    }

    pub async fn user_by_email(&self, email: &Email) -> Result<Option<UserRow>> {
        query(
            "SELECT id, email, display_name, password_hash, role, created_at, locale \
                 FROM users WHERE email = $1",
        )
        .bind(email.as_str())
        .fetch_optional(self.read())
        .await
    }
}

impl Store {
    pub async fn user_by_id(&self, id: i64) -> Result<Option<UserRow>> {
        query(
            "SELECT id, email, display_name, password_hash, role, created_at, locale FROM users \
                 WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(self.read())
        .await
    }

    pub async fn set_display_name(&self, id: i64, name: &str) -> Result<()> {
        query("UPDATE users SET display_name = $1 WHERE id = $2")
            .bind(name)
            .bind(id)
            .execute(self.write())
            .await?;
        self.member_changed(id).await;
        Ok(())
    }

    /// The member's own time zone (an IANA name checked by `domain::locale::Zone`), or `None`
    /// for the site's.
    pub async fn set_time_zone(&self, id: i64, zone: Option<&str>) -> Result<()> {
        query("UPDATE users SET time_zone = $1 WHERE id = $2")
            .bind(zone)
            .bind(id)
            .execute(self.write())
            .await?;
        // Sessions hold the member's zone: their copies are read again.
        self.member_changed(id).await;
        Ok(())
    }

    /// A member's language (a shipped locale, checked by the caller); `None`: the site's.
    pub async fn set_locale(&self, id: i64, locale: Option<&str>) -> Result<()> {
        query("UPDATE users SET locale = $1 WHERE id = $2")
            .bind(locale)
            .bind(id)
            .execute(self.write())
            .await?;
        self.member_changed(id).await;
        Ok(())
    }

    pub async fn set_password_hash(&self, id: i64, hash: &str) -> Result<()> {
        query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(hash)
            .bind(id)
            .execute(self.write())
            .await?;
        Ok(())
    }

    /// Comment ids a member likes, for their data download.
    pub async fn likes_of(&self, user_id: i64) -> Result<Vec<i64>> {
        let rows: Vec<(i64,)> =
            query("SELECT comment_id FROM comment_likes WHERE user_id = $1 ORDER BY comment_id")
                .bind(user_id)
                .fetch_all(self.read())
                .await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    /// Deletes an account in one transaction. Their comments stay (shown as from "[deleted]"),
    /// their unanswered questions to the newsroom do not;
    /// their likes go, and the counts they were part of go down with them, and so does the mail
    /// queued for them.
    pub async fn delete_user(&self, id: i64) -> Result<()> {
        let mut tx = self.begin().await?;
        super::jobs::delete_for_subject(&mut tx, super::jobs::JobKind::Mail, id).await?;
        // Questions to the newsroom no one answered go too; an answered one stays quoted in
        // its update, from "a reader".
        query("DELETE FROM live_questions WHERE asker_id = $1 AND status <> $2")
            .bind(id)
            .bind(crate::domain::live_question::QuestionStatus::Answered)
            .execute(&mut tx)
            .await?;
        query(
            "UPDATE comments SET like_count = like_count - 1 \
                     WHERE id IN (SELECT comment_id FROM comment_likes WHERE user_id = $1)",
        )
        .bind(id)
        .execute(&mut tx)
        .await?;
        query("DELETE FROM users WHERE id = $1")
            .bind(id)
            .execute(&mut tx)
            .await?;
        tx.commit().await?;

        self.member_changed(id).await;
        Ok(())
    }
}

/// A sign-up waiting behind its e-mailed link: everything the account will be made from (the
/// payload of its single-use token, see `store/single_use.rs`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingSignup {
    pub email: Email,
    pub display_name: String,
    pub password_hash: String,
    /// The sign-up form's box: e-mail about replies and mentions.
    pub notify: bool,
    pub return_to: String,
}

/// A member made by [`Store::complete_signup`], and where they were going.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewMember {
    pub user_id: i64,
    pub return_to: String,
}

impl Store {
    pub async fn create_pending_signup(
        &self,
        token_hash: &str,
        signup: &PendingSignup,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<()> {
        single_use::issue(self.write(), token_hash, signup, now, expires_at).await
    }

    /// The address of an unused, unexpired sign-up link (the confirmation page; spends nothing).
    pub async fn pending_signup_email(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<String>> {
        let signup: Option<PendingSignup> = single_use::peek(self.read(), token_hash, now).await?;
        Ok(signup.map(|s| s.email.as_str().to_owned()))
    }

    /// Spends a sign-up link and makes the account, with its address verified (the link proved
    /// it), in one transaction: one UPDATE that only an unused, unexpired link matches, so two
    /// uses racing cannot both win. `None` when the link is unknown, used or expired; a
    /// [`Error::Conflict`] when the address got an account since the link was sent (then nothing
    /// changes).
    pub async fn complete_signup(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<NewMember>> {
        let mut tx = self.begin().await?;
        let out = {
            let pending: Option<PendingSignup> = single_use::take(&mut tx, token_hash, now).await?;
            let Some(PendingSignup {
                email,
                display_name,
                password_hash,
                notify,
                return_to,
            }) = pending
            else {
                return Ok(None);
            };
            let inserted: Result<(i64,)> = query(
                "INSERT INTO users (email, display_name, password_hash, role, created_at, \
                   email_verified_at) \
                 VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
            )
            .bind(email.as_str())
            .bind(&display_name)
            .bind(&password_hash)
            .bind(Role::Member.as_str())
            .bind(now)
            .fetch_one(&mut tx)
            .await;
            let (user_id,) = match inserted {
                Ok(row) => row,
                Err(e) if e.is_duplicate("users", &["email"]) => {
                    return Err(Error::Conflict(format!(
                        "an account with the e-mail address {email} already exists"
                    )));
                }
                Err(e) => return Err(e),
            };
            if notify {
                query(
                    "INSERT INTO mail_preferences (user_id, replies, mentions) VALUES ($1, $2, $2)",
                )
                .bind(user_id)
                .bind(true)
                .execute(&mut tx)
                .await?;
            }
            Some(NewMember { user_id, return_to })
        };
        tx.commit().await?;
        Ok(out)
    }
}
