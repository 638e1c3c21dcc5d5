//! Single-use tokens: the links mailed to someone (a password reset, an address verification, a
//! sign-in link, a sign-up waiting for its address to be proven), and the code a sign-in popup
//! hands to the embedded conversation. One table,
//! `single_use_tokens`, and one way to issue, look at, spend, revoke and prune them, so every
//! kind re-checks "unused and unexpired" the same way. Only the SHA-256 of a token is stored.
//!
//! Each kind is a [`Payload`] type whose [`Payload::PURPOSE`] picks its rows: a reset link's
//! hash never opens a sign-in link's page. The flows around them (setting a password, making an
//! account) stay with their aggregates and call these functions inside their transactions.
//!
//! Not here: sessions (many uses, until signed out) and single sign-ons in progress
//! (`oidc_logins`, see `store/signin.rs`): those are one browser's state for one exchange with
//! the provider, found by a cookie, deleted as they are read, never mailed.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::users::PendingSignup;
use super::{Conn, Error, Result, Store, query};
use crate::domain::user::Email;

/// What a single-use token is for: the `purpose` column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenPurpose {
    PasswordReset,
    EmailVerification,
    SigninLink,
    /// A sign-up waiting for its mailed link: no account exists yet.
    Signup,
    /// A newsletter subscription waiting for its mailed link (`store::newsletters`).
    NewsletterSubscription,
    /// The code a sign-in popup hands to the embedded conversation's frame
    /// (`store::embed_signin`): never mailed, it lives a minute or two.
    EmbedSignin,
}

impl TokenPurpose {
    pub const ALL: [TokenPurpose; 6] = [
        TokenPurpose::PasswordReset,
        TokenPurpose::EmailVerification,
        TokenPurpose::SigninLink,
        TokenPurpose::Signup,
        TokenPurpose::NewsletterSubscription,
        TokenPurpose::EmbedSignin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TokenPurpose::PasswordReset => "password_reset",
            TokenPurpose::EmailVerification => "email_verification",
            TokenPurpose::SigninLink => "signin_link",
            TokenPurpose::Signup => "signup",
            TokenPurpose::NewsletterSubscription => "newsletter_subscription",
            TokenPurpose::EmbedSignin => "embed_signin",
        }
    }

    pub fn parse(s: &str) -> Option<TokenPurpose> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// A stored token that does not have the shape its purpose needs.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("a single-use token for {purpose} is malformed: {why}")]
pub struct Malformed {
    purpose: &'static str,
    why: String,
}

impl Malformed {
    pub(crate) fn new(purpose: TokenPurpose, why: impl ToString) -> Self {
        Malformed {
            purpose: purpose.as_str(),
            why: why.to_string(),
        }
    }
}

impl From<Malformed> for Error {
    fn from(e: Malformed) -> Self {
        Error::Database(sqlx::Error::Decode(Box::new(e)))
    }
}

/// What a token of one purpose carries: its member (none for a sign-up) and the `payload`
/// column's JSON.
pub trait Payload: Sized {
    const PURPOSE: TokenPurpose;
    fn user_id(&self) -> Option<i64>;
    fn to_json(&self) -> String;
    fn from_row(user_id: Option<i64>, payload: &str) -> Result<Self, Malformed>;
}

/// A password-reset link: it sets a new password for `user_id`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PasswordReset {
    pub user_id: i64,
}

/// An address-verification link: it proves `user_id` reads mail at their address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EmailVerification {
    pub user_id: i64,
}

/// A sign-in link: it signs `user_id` in and sends them to `return_to`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SigninLink {
    pub user_id: i64,
    pub return_to: String,
}

fn member(purpose: TokenPurpose, user_id: Option<i64>) -> Result<i64, Malformed> {
    user_id.ok_or_else(|| Malformed::new(purpose, "it has no member"))
}

impl Payload for PasswordReset {
    const PURPOSE: TokenPurpose = TokenPurpose::PasswordReset;
    fn user_id(&self) -> Option<i64> {
        Some(self.user_id)
    }
    fn to_json(&self) -> String {
        "{}".to_owned()
    }
    fn from_row(user_id: Option<i64>, _: &str) -> Result<Self, Malformed> {
        Ok(PasswordReset {
            user_id: member(Self::PURPOSE, user_id)?,
        })
    }
}

impl Payload for EmailVerification {
    const PURPOSE: TokenPurpose = TokenPurpose::EmailVerification;
    fn user_id(&self) -> Option<i64> {
        Some(self.user_id)
    }
    fn to_json(&self) -> String {
        "{}".to_owned()
    }
    fn from_row(user_id: Option<i64>, _: &str) -> Result<Self, Malformed> {
        Ok(EmailVerification {
            user_id: member(Self::PURPOSE, user_id)?,
        })
    }
}

/// The JSON of a sign-in link (as migration 0018 writes it too).
#[derive(Serialize, Deserialize)]
struct SigninLinkJson {
    return_to: String,
}

impl Payload for SigninLink {
    const PURPOSE: TokenPurpose = TokenPurpose::SigninLink;
    fn user_id(&self) -> Option<i64> {
        Some(self.user_id)
    }
    fn to_json(&self) -> String {
        let json = SigninLinkJson {
            return_to: self.return_to.clone(),
        };
        serde_json::to_string(&json).expect("a struct of strings serialises")
    }
    fn from_row(user_id: Option<i64>, payload: &str) -> Result<Self, Malformed> {
        let json: SigninLinkJson =
            serde_json::from_str(payload).map_err(|e| Malformed::new(Self::PURPOSE, e))?;
        Ok(SigninLink {
            user_id: member(Self::PURPOSE, user_id)?,
            return_to: json.return_to,
        })
    }
}

/// The JSON of a sign-up (as migration 0018 writes it too).
#[derive(Serialize, Deserialize)]
struct SignupJson {
    email: String,
    display_name: String,
    password_hash: String,
    notify: bool,
    return_to: String,
}

impl Payload for PendingSignup {
    const PURPOSE: TokenPurpose = TokenPurpose::Signup;
    fn user_id(&self) -> Option<i64> {
        None
    }
    fn to_json(&self) -> String {
        let json = SignupJson {
            email: self.email.as_str().to_owned(),
            display_name: self.display_name.clone(),
            password_hash: self.password_hash.clone(),
            notify: self.notify,
            return_to: self.return_to.clone(),
        };
        serde_json::to_string(&json).expect("a struct of strings serialises")
    }
    fn from_row(user_id: Option<i64>, payload: &str) -> Result<Self, Malformed> {
        if user_id.is_some() {
            return Err(Malformed::new(Self::PURPOSE, "a sign-up has no member yet"));
        }
        let json: SignupJson =
            serde_json::from_str(payload).map_err(|e| Malformed::new(Self::PURPOSE, e))?;
        Ok(PendingSignup {
            email: Email::parse(&json.email).map_err(|e| Malformed::new(Self::PURPOSE, e))?,
            display_name: json.display_name,
            password_hash: json.password_hash,
            notify: json.notify,
            return_to: json.return_to,
        })
    }
}

/// Stores a new token, known by `token_hash`, valid until `expires_at`.
pub(crate) async fn issue<'c, P: Payload>(
    on: impl Into<Conn<'c>>,
    token_hash: &str,
    token: &P,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<()> {
    query(
        "INSERT INTO single_use_tokens \
           (token_hash, purpose, user_id, payload, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(token_hash)
    .bind(P::PURPOSE.as_str())
    .bind(token.user_id())
    .bind(token.to_json())
    .bind(now)
    .bind(expires_at)
    .execute(on)
    .await?;
    Ok(())
}

/// The token, when it is unused and unexpired, without spending it (a page that only shows the
/// form the link leads to).
pub(crate) async fn peek<'c, P: Payload>(
    on: impl Into<Conn<'c>>,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<P>> {
    let row: Option<(Option<i64>, String)> = query(
        "SELECT user_id, payload FROM single_use_tokens \
         WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3",
    )
    .bind(token_hash)
    .bind(P::PURPOSE.as_str())
    .bind(now)
    .fetch_optional(on)
    .await?;
    Ok(row
        .map(|(user, payload)| P::from_row(user, &payload))
        .transpose()?)
}

/// Spends the token: one UPDATE that only an unused, unexpired token of this purpose matches,
/// so of two requests racing with the same link one wins. `None` when it is unknown, used or
/// expired. Run it in the transaction that acts on the token, so a failure leaves it unspent.
pub(crate) async fn take<'c, P: Payload>(
    on: impl Into<Conn<'c>>,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<P>> {
    let row: Option<(Option<i64>, String)> = query(
        "UPDATE single_use_tokens SET used_at = $3 \
         WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3 \
         RETURNING user_id, payload",
    )
    .bind(token_hash)
    .bind(P::PURPOSE.as_str())
    .bind(now)
    .fetch_optional(on)
    .await?;
    Ok(row
        .map(|(user, payload)| P::from_row(user, &payload))
        .transpose()?)
}

/// `$2, $3, …`: one placeholder per purpose, after the statement's first `$1`.
fn purpose_list(purposes: &[TokenPurpose]) -> String {
    (2..purposes.len() + 2)
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Deletes a member's unused tokens of `purposes` (their credentials ended); returns how many.
/// Used ones stay until they expire, as a record.
pub(crate) async fn revoke<'c>(
    on: impl Into<Conn<'c>>,
    user_id: i64,
    purposes: &[TokenPurpose],
) -> Result<u64> {
    if purposes.is_empty() {
        return Ok(0);
    }
    let sql = format!(
        "DELETE FROM single_use_tokens WHERE user_id = $1 AND used_at IS NULL \
         AND purpose IN ({})",
        purpose_list(purposes)
    );
    let mut q = query(&sql).bind(user_id);
    for p in purposes {
        q = q.bind(p.as_str());
    }
    q.execute(on).await
}

impl Store {
    /// Housekeeping: deletes the expired tokens of `purposes`, used or not; returns how many.
    pub(crate) async fn prune_single_use(
        &self,
        now: DateTime<Utc>,
        purposes: &[TokenPurpose],
    ) -> Result<u64> {
        if purposes.is_empty() {
            return Ok(0);
        }
        let sql = format!(
            "DELETE FROM single_use_tokens WHERE expires_at <= $1 AND purpose IN ({})",
            purpose_list(purposes)
        );
        let mut q = query(&sql).bind(now);
        for p in purposes {
            q = q.bind(p.as_str());
        }
        q.execute(self.write()).await
    }
}

#[cfg(test)]
mod tests;
