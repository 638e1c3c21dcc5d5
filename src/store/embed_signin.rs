//! Signing readers in inside the embedded conversation: the one-time code a sign-in popup hands
//! to the frame (a kind of single-use token), the frame's own sessions, and the members a host
//! site signs in with its token (`site_identities`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::single_use::{self, Malformed, Payload, TokenPurpose};
use super::{Result, Store, query};
use crate::domain::embed::SiteId;
use crate::domain::host_token::HostReader;
use crate::domain::user::Role;

/// A code from the sign-in popup: it signs `user_id` in inside a frame of `site`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EmbedSignin {
    pub user_id: i64,
    pub site: SiteId,
}

#[derive(Serialize, Deserialize)]
struct EmbedSigninJson {
    site: i64,
}

impl Payload for EmbedSignin {
    const PURPOSE: TokenPurpose = TokenPurpose::EmbedSignin;
    fn user_id(&self) -> Option<i64> {
        Some(self.user_id)
    }
    fn to_json(&self) -> String {
        serde_json::to_string(&EmbedSigninJson { site: self.site.0 })
            .expect("a struct of numbers serialises")
    }
    fn from_row(user_id: Option<i64>, payload: &str) -> Result<Self, Malformed> {
        let json: EmbedSigninJson =
            serde_json::from_str(payload).map_err(|e| Malformed::new(Self::PURPOSE, e))?;
        Ok(EmbedSignin {
            user_id: user_id.ok_or_else(|| Malformed::new(Self::PURPOSE, "it has no member"))?,
            site: SiteId(json.site),
        })
    }
}

/// A member's identity at a host site, for their data export.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SiteIdentity {
    pub site_id: i64,
    pub site_name: String,
    pub external_id: String,
    pub email: String,
    pub created_at: DateTime<Utc>,
    pub last_signin_at: DateTime<Utc>,
}

/// The address a host's reader's account is made with: never a real one, so no mail goes to
/// an address the host merely claimed, and no account anyone made here is found by it.
fn placeholder_email(site: SiteId, external_id: &str) -> String {
    let digest = hex::encode(Sha256::digest(external_id.as_bytes()));
    format!("site-{}-{}@embedded.invalid", site.0, &digest[..24])
}

impl Store {
    /// Stores a popup's code, known by `code_hash`, until `expires_at`.
    pub async fn create_embed_code(
        &self,
        code_hash: &str,
        code: &EmbedSignin,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<()> {
        single_use::issue(self.write(), code_hash, code, now, expires_at).await
    }

    /// Spends a popup's code: `None` when it is unknown, used or expired.
    pub async fn take_embed_code(
        &self,
        code_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<EmbedSignin>> {
        single_use::take(self.write(), code_hash, now).await
    }

    /// A session good only inside the embed's frame (`scope` 'embed'); the cookie that names
    /// it is read on the embed's routes only. `host_site`: the site whose host sign-in started
    /// it (rotating that site's secret ends it, see `set_site_secret`).
    pub async fn create_frame_session(
        &self,
        token_hash: &str,
        user_id: i64,
        host_site: Option<SiteId>,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<()> {
        query(
            "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, scope, \
             host_site_id) VALUES ($1, $2, $3, $4, 'embed', $5)",
        )
        .bind(token_hash)
        .bind(user_id)
        .bind(now)
        .bind(expires_at)
        .bind(host_site.map(|s| s.0))
        .execute(self.write())
        .await?;
        Ok(())
    }

    /// Spends a host token's id (`jti`) for `site` until `expires_at`: false when it was spent
    /// already (by this process or another). Ids whose tokens have expired are forgotten here.
    pub async fn spend_host_token_id(
        &self,
        site: SiteId,
        token_id: &str,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        query("DELETE FROM host_token_ids WHERE expires_at < $1")
            .bind(now)
            .execute(self.write())
            .await?;
        let spent = query(
            "INSERT INTO host_token_ids (site_id, jti_hash, expires_at) VALUES ($1, $2, $3) \
             ON CONFLICT (site_id, jti_hash) DO NOTHING",
        )
        .bind(site.0)
        .bind(hex::encode(Sha256::digest(token_id.as_bytes())))
        .bind(expires_at)
        .execute(self.write())
        .await?;
        Ok(spent == 1)
    }

    /// The secret a site signs its readers' tokens with, if there is such a site.
    pub async fn site_signing_secret(&self, site: SiteId) -> Result<Option<String>> {
        let row: Option<(String,)> = query("SELECT secret FROM sites WHERE id = $1")
            .bind(site.0)
            .fetch_optional(self.read())
            .await?;
        Ok(row.map(|r| r.0))
    }

    /// The member a host site's reader is: found by the site and the reader's id there, else
    /// made (a member without a password or a usable address). The host's name for the reader
    /// is kept up to date. Two first sign-ins at once meet on the identity's key (or the
    /// account's placeholder address): the loser reads the winner's.
    pub async fn site_member(
        &self,
        site: SiteId,
        reader: &HostReader,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        for _ in 0..3 {
            if let Some(user_id) = self.known_site_member(site, reader, now).await? {
                return Ok(user_id);
            }
            match self.new_site_member(site, reader, now).await {
                Ok(user_id) => return Ok(user_id),
                Err(e)
                    if e.is_duplicate("site_identities", &["site_id", "external_id"])
                        || e.is_duplicate("users", &["email"]) => {}
                Err(e) => return Err(e),
            }
        }
        Err(super::Error::Conflict(
            "The reader could not be signed in just now; try again.".into(),
        ))
    }

    async fn known_site_member(
        &self,
        site: SiteId,
        reader: &HostReader,
        now: DateTime<Utc>,
    ) -> Result<Option<i64>> {
        let row: Option<(i64,)> = query(
            "UPDATE site_identities SET email = $3, last_signin_at = $4 \
             WHERE site_id = $1 AND external_id = $2 RETURNING user_id",
        )
        .bind(site.0)
        .bind(reader.external_id.as_str())
        .bind(reader.email.as_str())
        .bind(now)
        .fetch_optional(self.write())
        .await?;
        let Some((user_id,)) = row else {
            return Ok(None);
        };
        let renamed =
            query("UPDATE users SET display_name = $2 WHERE id = $1 AND display_name <> $2")
                .bind(user_id)
                .bind(reader.name.as_str())
                .execute(self.write())
                .await?;
        if renamed > 0 {
            self.member_changed(user_id).await;
        }
        Ok(Some(user_id))
    }

    async fn new_site_member(
        &self,
        site: SiteId,
        reader: &HostReader,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let mut tx = self.begin().await?;
        // An empty hash matches no password, and the placeholder address gets no mail.
        let (user_id,): (i64,) = query(
            "INSERT INTO users (email, display_name, password_hash, role, created_at) \
             VALUES ($1, $2, '', $3, $4) RETURNING id",
        )
        .bind(placeholder_email(site, &reader.external_id))
        .bind(reader.name.as_str())
        .bind(Role::Member.as_str())
        .bind(now)
        .fetch_one(&mut tx)
        .await?;
        query(
            "INSERT INTO site_identities \
               (site_id, external_id, user_id, email, created_at, last_signin_at) \
             VALUES ($1, $2, $3, $4, $5, $5)",
        )
        .bind(site.0)
        .bind(reader.external_id.as_str())
        .bind(user_id)
        .bind(reader.email.as_str())
        .bind(now)
        .execute(&mut tx)
        .await?;
        tx.commit().await?;
        Ok(user_id)
    }

    /// The host sites a member was signed in by, for their data export.
    pub async fn site_identities_of(&self, user_id: i64) -> Result<Vec<SiteIdentity>> {
        query(
            "SELECT i.site_id, s.name AS site_name, i.external_id, i.email, i.created_at, \
             i.last_signin_at FROM site_identities i JOIN sites s ON s.id = i.site_id \
             WHERE i.user_id = $1 ORDER BY i.site_id, i.external_id",
        )
        .bind(user_id)
        .fetch_all(self.read())
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholder_addresses_differ_per_site_and_reader_and_never_deliver() {
        let a = placeholder_email(SiteId(1), "u-1");
        assert!(a.ends_with("@embedded.invalid"), "{a}");
        assert_ne!(a, placeholder_email(SiteId(2), "u-1"));
        assert_ne!(a, placeholder_email(SiteId(1), "u-2"));
        assert_eq!(a, placeholder_email(SiteId(1), "u-1"));
    }

    #[test]
    fn a_code_keeps_its_site() {
        let c = EmbedSignin {
            user_id: 4,
            site: SiteId(9),
        };
        assert_eq!(EmbedSignin::from_row(Some(4), &c.to_json()).unwrap(), c);
        assert!(EmbedSignin::from_row(None, &c.to_json()).is_err());
    }
}
