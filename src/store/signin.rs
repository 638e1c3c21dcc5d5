//! Signing in without a password: e-mailed sign-in links, identities at the newsroom's OpenID
//! provider, and single sign-ons in progress.

use chrono::{DateTime, Utc};

use super::sessions::end_credentials_in;
use super::single_use::{self, SigninLink, TokenPurpose};
use super::{Result, Store, Tx, query};
use crate::domain::user::{Email, Role};

/// A single sign-on in progress, as the browser's cookie finds it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PendingLogin {
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
    pub return_to: String,
}

/// Who signed in through single sign-on, and what became of their account.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SsoMember {
    pub user_id: i64,
    /// The account was made just now.
    pub created: bool,
    /// The account existed with this address, never verified, and was handed to the identity
    /// (see [`Store::sso_member`]).
    pub taken_over: bool,
}

/// The links a takeover ends: those a password change ends (`CREDENTIAL_LINKS` in
/// `store/sessions.rs`) and address verifications, since the address itself is in doubt.
const TAKEOVER_LINKS: [TokenPurpose; 3] = [
    TokenPurpose::PasswordReset,
    TokenPurpose::SigninLink,
    TokenPurpose::EmailVerification,
];

/// Takes over, inside transaction `$tx`, the account `$user_id` if its address was never
/// verified: its password is cleared and every session, API token and outstanding single-use
/// link (password reset, sign-in link, address verification) ended, since nothing proves that
/// whoever made them owns the address. Evaluates to whether it did. The conditional UPDATE
/// decides, so an address verified meanwhile is never taken over.
pub(crate) async fn take_over_if_unverified(
    tx: &mut Tx,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<bool> {
    let taken =
        query("UPDATE users SET password_hash = '' WHERE id = $1 AND email_verified_at IS NULL")
            .bind(user_id)
            .execute(&mut *tx)
            .await?
            == 1;
    if taken {
        end_credentials_in(tx, user_id, &TAKEOVER_LINKS, now).await?;
    }
    Ok(taken)
}

impl Store {
    pub async fn create_signin_link(
        &self,
        token_hash: &str,
        user_id: i64,
        return_to: &str,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<()> {
        let link = SigninLink {
            user_id,
            return_to: return_to.to_owned(),
        };
        single_use::issue(self.write(), token_hash, &link, now, expires_at).await
    }

    /// True when a sign-in link is unused and unexpired (the confirmation page; spends nothing).
    pub async fn signin_link_is_valid(&self, token_hash: &str, now: DateTime<Utc>) -> Result<bool> {
        let link: Option<SigninLink> = single_use::peek(self.read(), token_hash, now).await?;
        Ok(link.is_some())
    }

    /// Spends a sign-in link: one UPDATE that only an unused, unexpired link matches, so two
    /// requests racing with the same link cannot both win. Using it proves the member reads mail
    /// at their address, so it is marked verified in the same transaction; an account whose
    /// address this proves for the first time is taken over first (see
    /// [`take_over_if_unverified`]): whoever made it may not own the address. Returns the member
    /// and where to send them.
    pub async fn use_signin_link(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<(i64, String)>> {
        let mut tx = self.begin().await?;
        let (used, taken_over) = {
            let used: Option<SigninLink> = single_use::take(&mut tx, token_hash, now).await?;
            let used = used.map(|link| (link.user_id, link.return_to));
            let mut taken_over = false;
            if let Some((user_id, _)) = &used {
                taken_over = take_over_if_unverified(&mut tx, *user_id, now).await?;
                query(
                    "UPDATE users SET email_verified_at = $2 \
                     WHERE id = $1 AND email_verified_at IS NULL",
                )
                .bind(*user_id)
                .bind(now)
                .execute(&mut tx)
                .await?;
            }
            (used, taken_over)
        };
        tx.commit().await?;
        if let (Some((user_id, _)), true) = (&used, taken_over) {
            tracing::warn!(
                user_id,
                "a sign-in link took over an account whose address was never verified: its password, sessions, API tokens and links were ended"
            );
            self.member_changed(*user_id).await;
        }
        Ok(used)
    }

    /// When the member's address was proven, if it has been.
    pub async fn address_proven_at(&self, user_id: i64) -> Result<Option<DateTime<Utc>>> {
        let row: Option<(Option<DateTime<Utc>>,)> =
            query("SELECT email_verified_at FROM users WHERE id = $1")
                .bind(user_id)
                .fetch_optional(self.read())
                .await?;
        Ok(row.and_then(|r| r.0))
    }

    /// Records a single sign-on in progress. Not a single-use token of `store/single_use.rs`:
    /// it is one browser's state for one exchange with the provider (state, nonce, PKCE
    /// verifier), found by the browser's cookie and deleted as it is read, never mailed.
    pub async fn create_pending_login(
        &self,
        browser_hash: &str,
        pending: &PendingLogin,
        expires_at: DateTime<Utc>,
    ) -> Result<()> {
        query(
                "INSERT INTO oidc_logins (browser_hash, state, nonce, pkce_verifier, return_to, expires_at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(browser_hash)
            .bind(&pending.state)
            .bind(&pending.nonce)
            .bind(&pending.pkce_verifier)
            .bind(&pending.return_to)
            .bind(expires_at)
            .execute(self.write())
            .await?;
        Ok(())
    }

    /// Takes the sign-on in progress for this browser: deleted as it is read, so the provider's
    /// answer is checked against it once.
    pub async fn take_pending_login(
        &self,
        browser_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<PendingLogin>> {
        let row: Option<(String, String, String, String, DateTime<Utc>)> = query(
            "DELETE FROM oidc_logins WHERE browser_hash = $1 \
                 RETURNING state, nonce, pkce_verifier, return_to, expires_at",
        )
        .bind(browser_hash)
        .fetch_optional(self.write())
        .await?;
        Ok(row
            .filter(|r| r.4 > now)
            .map(|(state, nonce, pkce_verifier, return_to, _)| PendingLogin {
                state,
                nonce,
                pkce_verifier,
                return_to,
            }))
    }

    /// The member for a verified identity at `issuer`, in one transaction: the account already
    /// linked to the subject; else the account with that e-mail address, now linked; else a new
    /// member account without a password, linked. The provider vouched for the address, so it
    /// is marked verified (on a linked account only while the address is still the same).
    ///
    /// An account with that address whose address was never verified may have been made by
    /// anyone (someone signing up first with a colleague's address): it is linked only after it
    /// is taken over (see [`take_over_if_unverified`]), so its maker's password and sessions no
    /// longer open it.
    pub async fn sso_member(
        &self,
        issuer: &str,
        subject: &str,
        email: &Email,
        display_name: &str,
        now: DateTime<Utc>,
    ) -> Result<SsoMember> {
        let mut tx = self.begin().await?;
        let member = {
            let linked: Option<(i64,)> =
                query("SELECT user_id FROM user_identities WHERE issuer = $1 AND subject = $2")
                    .bind(issuer)
                    .bind(subject)
                    .fetch_optional(&mut tx)
                    .await?;
            let member = match linked {
                Some((user_id,)) => SsoMember {
                    user_id,
                    created: false,
                    taken_over: false,
                },
                None => {
                    let existing: Option<(i64,)> = query("SELECT id FROM users WHERE email = $1")
                        .bind(email.as_str())
                        .fetch_optional(&mut tx)
                        .await?;
                    let member = match existing {
                        Some((user_id,)) => SsoMember {
                            user_id,
                            created: false,
                            taken_over: take_over_if_unverified(&mut tx, user_id, now).await?,
                        },
                        None => {
                            // An empty hash matches no password: password sign-in fails as
                            // for a wrong password; a reset sets one.
                            let (user_id,): (i64,) = query(
                                "INSERT INTO users (email, display_name, password_hash, role, created_at) \
                                 VALUES ($1, $2, '', $3, $4) RETURNING id",
                            )
                            .bind(email.as_str())
                            .bind(display_name)
                            .bind(Role::Member.as_str())
                            .bind(now)
                            .fetch_one(&mut tx)
                            .await?;
                            SsoMember {
                                user_id,
                                created: true,
                                taken_over: false,
                            }
                        }
                    };
                    query(
                        "INSERT INTO user_identities (issuer, subject, user_id, created_at) \
                         VALUES ($1, $2, $3, $4)",
                    )
                    .bind(issuer)
                    .bind(subject)
                    .bind(member.user_id)
                    .bind(now)
                    .execute(&mut tx)
                    .await?;
                    member
                }
            };
            query(
                "UPDATE users SET email_verified_at = $2 \
                 WHERE id = $1 AND email = $3 AND email_verified_at IS NULL",
            )
            .bind(member.user_id)
            .bind(now)
            .bind(email.as_str())
            .execute(&mut tx)
            .await?;
            member
        };
        tx.commit().await?;
        if member.taken_over {
            // Copies of the ended sessions, here and in other processes, go too.
            self.member_changed(member.user_id).await;
        }
        Ok(member)
    }
}
