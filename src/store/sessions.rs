//! Sessions, the shared site secret, sign-in throttling, rate windows and password resets. All
//! of it in the database, so any server process can answer any request.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, Utc};

use super::single_use::{self, PasswordReset, TokenPurpose};
use super::{Result, Store, Tx, query};
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
    /// The member's own time zone (an IANA name), if they chose one.
    pub time_zone: Option<String>,
    /// The member's language (a locale's tag), `None`: the site's.
    pub locale: Option<String>,
}

/// The payload on [`super::CHANGES_CHANNEL`] that says a member changed (`web::cache::Change`
/// reads it back as `Change::Member`).
pub fn member_change(user_id: i64) -> String {
    format!("u:{user_id}")
}

/// How fresh a session lookup must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionRead {
    /// From this process's copy when it has one (reading article pages, the hot path).
    Cached,
    /// From the database (anything that acts: a post, a decision, a setting).
    Fresh,
}

/// Sessions this process looked up lately, so that a member reading pages does not cost a
/// round trip to the database per page (on SQLite, two hand-offs between threads: the largest
/// cost of a member's cached article page). A copy is dropped when the member changes (sign-out,
/// ban, role, name, password, deletion: see [`Store::member_changed`], which also tells other
/// processes on PostgreSQL) and is never older than [`SESSION_COPY_TTL`], which bounds what a
/// change made outside any server (a command on SQLite) can leave behind. Only article pages
/// use it: requests that act, and every other page (the desk, settings), read the session from
/// the database ([`SessionRead::Fresh`]), so a stale copy can only ever show an article page,
/// never authorise an action or open the desk.
#[derive(Default)]
pub(crate) struct SessionCache {
    entries: Mutex<HashMap<String, CachedSession>>,
    /// Bumped by every forgetting, so a lookup that raced one is not kept.
    generation: AtomicU64,
}

struct CachedSession {
    user: SessionUser,
    expires_at: DateTime<Utc>,
    fetched_at: DateTime<Utc>,
}

/// How long a session copy is trusted without asking the database.
pub const SESSION_COPY_TTL: chrono::Duration = chrono::Duration::seconds(60);
/// At most this many session copies per process (about 300 bytes each).
const MAX_SESSION_COPIES: usize = 10_000;

impl SessionCache {
    fn get(&self, token_hash: &str, now: DateTime<Utc>) -> Option<SessionUser> {
        let entries = self.entries.lock().expect("session cache lock");
        let e = entries.get(token_hash)?;
        let fresh =
            e.expires_at > now && e.fetched_at <= now && now - e.fetched_at < SESSION_COPY_TTL;
        fresh.then(|| e.user.clone())
    }

    fn put(
        &self,
        token_hash: &str,
        found: Option<(&SessionUser, DateTime<Utc>)>,
        now: DateTime<Utc>,
        generation: u64,
    ) {
        let mut entries = self.entries.lock().expect("session cache lock");
        // Checked under the lock that forgetting also takes, so none can slip in between.
        if self.generation.load(Ordering::SeqCst) != generation {
            return;
        }
        let Some((user, expires_at)) = found else {
            entries.remove(token_hash);
            return;
        };
        if entries.len() >= MAX_SESSION_COPIES {
            entries.retain(|_, e| e.expires_at > now && now - e.fetched_at < SESSION_COPY_TTL);
            if entries.len() >= MAX_SESSION_COPIES {
                entries.clear();
            }
        }
        entries.insert(
            token_hash.to_owned(),
            CachedSession {
                user: user.clone(),
                expires_at,
                fetched_at: now,
            },
        );
    }

    fn forget(&self, which: impl Fn(&str, &CachedSession) -> bool) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        let mut entries = self.entries.lock().expect("session cache lock");
        entries.retain(|hash, e| !which(hash, e));
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.entries.lock().expect("session cache lock").len()
    }
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    #[sqlx(flatten)]
    user: SessionUser,
    expires_at: DateTime<Utc>,
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

/// The e-mailed links that a password change, a reset or "sign out everywhere" ends: each
/// could sign in or set a password. An address verification stays: nothing about the address
/// changed (a takeover, in `store/signin.rs`, ends those too).
const CREDENTIAL_LINKS: [TokenPurpose; 2] = [TokenPurpose::PasswordReset, TokenPurpose::SigninLink];

/// Ends, inside the caller's transaction, every session and API token of a member (revoked, so
/// their list shows what ended) and their unused single-use links of `links`.
pub(super) async fn end_credentials_in(
    tx: &mut Tx,
    user_id: i64,
    links: &[TokenPurpose],
    now: DateTime<Utc>,
) -> Result<()> {
    query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    single_use::revoke(&mut *tx, user_id, links).await?;
    query("UPDATE api_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL")
        .bind(user_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

impl Store {
    /// The secret named `name`, created from `fresh` by whichever process asks first.
    pub async fn site_secret(&self, name: &str, fresh: &str) -> Result<String> {
        query(
            "INSERT INTO site_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
        )
        .bind(name)
        .bind(fresh)
        .execute(self.write())
        .await?;
        let (value,): (String,) = query("SELECT value FROM site_secrets WHERE name = $1")
            .bind(name)
            .fetch_one(self.write())
            .await?;
        Ok(value)
    }

    pub async fn create_session(
        &self,
        token_hash: &str,
        user_id: i64,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<()> {
        query(
                "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(token_hash)
            .bind(user_id)
            .bind(now)
            .bind(expires_at)
            .execute(self.write())
            .await?;
        Ok(())
    }

    /// The member of an unexpired session; with [`SessionRead::Cached`], from this process's
    /// copy when it has a recent one.
    pub async fn session_user(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
        how: SessionRead,
    ) -> Result<Option<SessionUser>> {
        if how == SessionRead::Cached
            && let Some(user) = self.sessions.get(token_hash, now)
        {
            return Ok(Some(user));
        }
        let generation = self.sessions.generation.load(Ordering::SeqCst);
        let row: Option<SessionRow> = query(
                "SELECT u.id, u.email, u.display_name, u.role, u.created_at, u.banned_until, u.ban_reason, u.time_zone, \
                 u.locale, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id \
                 WHERE s.token_hash = $1 AND s.expires_at > $2",
            )
            .bind(token_hash)
            .bind(now)
            .fetch_optional(self.read())
            .await?;
        self.sessions.put(
            token_hash,
            row.as_ref().map(|r| (&r.user, r.expires_at)),
            now,
            generation,
        );
        Ok(row.map(|r| r.user))
    }

    /// What this process knows of a member's sessions is out of date: forgets it here, and on
    /// PostgreSQL tells every other process to do the same (they also drop what they keep of
    /// the member's own pages). Called after each change to a member's sessions, role, ban,
    /// name or account.
    pub async fn member_changed(&self, user_id: i64) {
        self.forget_member_sessions(user_id);
        if let Err(e) = self
            .notify(super::CHANGES_CHANNEL, &member_change(user_id))
            .await
        {
            tracing::warn!(error = %e, user_id, "could not tell other processes that a member changed");
        }
    }

    /// Forgets this process's copies of a member's sessions (another process changed them).
    pub fn forget_member_sessions(&self, user_id: i64) {
        self.sessions.forget(|_, e| e.user.id == user_id);
    }

    /// Forgets every session copy this process keeps (it may have missed changes).
    pub fn forget_all_sessions(&self) {
        self.sessions.forget(|_, _| true);
    }

    /// Signs one session out.
    pub async fn delete_session(&self, token_hash: &str) -> Result<()> {
        let owner: Option<(i64,)> =
            query("DELETE FROM sessions WHERE token_hash = $1 RETURNING user_id")
                .bind(token_hash)
                .fetch_optional(self.write())
                .await?;
        match owner {
            Some((user_id,)) => self.member_changed(user_id).await,
            // Already gone (signed out elsewhere): only a copy of it may be left.
            None => self.sessions.forget(|hash, _| hash == token_hash),
        }
        Ok(())
    }

    /// Ends every session of a member.
    pub async fn delete_user_sessions(&self, user_id: i64) -> Result<u64> {
        let r = query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(self.write())
            .await?;
        self.member_changed(user_id).await;
        Ok(r)
    }

    /// The latest time until which any of `keys` is locked out of signing in.
    pub async fn signin_locked_until(
        &self,
        keys: &[&str],
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>> {
        let rows: Vec<(Option<DateTime<Utc>>,)> = query(
            "SELECT locked_until FROM signin_failures WHERE key IN ($1, $2) AND locked_until > $3",
        )
        .bind(keys.first().copied().unwrap_or(""))
        .bind(keys.get(1).copied().unwrap_or(""))
        .bind(now)
        .fetch_all(self.read())
        .await?;
        Ok(rows.into_iter().filter_map(|r| r.0).max())
    }

    /// Counts a failed sign-in against `key`; returns the failures so far.
    pub async fn record_signin_failure(&self, key: &str, now: DateTime<Utc>) -> Result<i64> {
        let (n,): (i64,) = query(
                "INSERT INTO signin_failures (key, failures, updated_at) VALUES ($1, 1, $2) \
                 ON CONFLICT (key) DO UPDATE SET failures = signin_failures.failures + 1, updated_at = $2 \
                 RETURNING failures",
            )
            .bind(key)
            .bind(now)
            .fetch_one(self.write())
            .await?;
        Ok(n)
    }

    pub async fn lock_signin(&self, key: &str, until: DateTime<Utc>) -> Result<()> {
        query("UPDATE signin_failures SET locked_until = $2 WHERE key = $1")
            .bind(key)
            .bind(until)
            .execute(self.write())
            .await?;
        Ok(())
    }

    pub async fn clear_signin_failures(&self, key: &str) -> Result<()> {
        query("DELETE FROM signin_failures WHERE key = $1")
            .bind(key)
            .execute(self.write())
            .await?;
        Ok(())
    }

    /// Counts one hit against `key` in the window starting at `window_start`; returns the hits
    /// in that window so far, this one included.
    pub async fn hit_rate_window(&self, key: &str, window_start: DateTime<Utc>) -> Result<i64> {
        let (n,): (i64,) = query(
            "INSERT INTO rate_windows (key, window_start, hits) VALUES ($1, $2, 1) \
                 ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_windows.hits + 1 \
                 RETURNING hits",
        )
        .bind(key)
        .bind(window_start)
        .fetch_one(self.write())
        .await?;
        Ok(n)
    }

    /// [`Store::hit_rate_window`] for two keys at once, in one statement and its own commit:
    /// the hits of `a` and of `b`. (Both keys are locked in the order given; every caller
    /// gives a member's key before an address's, so two calls never wait for each other
    /// in a circle.)
    pub async fn hit_rate_windows(
        &self,
        a: &str,
        b: &str,
        window_start: DateTime<Utc>,
    ) -> Result<(i64, i64)> {
        let rows: Vec<(String, i64)> = query(
            "INSERT INTO rate_windows (key, window_start, hits) VALUES ($1, $3, 1), ($2, $3, 1) \
                 ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_windows.hits + 1 \
                 RETURNING key, hits",
        )
        .bind(a)
        .bind(b)
        .bind(window_start)
        .fetch_all(self.write())
        .await?;
        let hits = |key: &str| rows.iter().find(|(k, _)| k == key).map_or(0, |(_, n)| *n);
        Ok((hits(a), hits(b)))
    }

    /// Removes what can no longer matter: expired sessions, reset, sign-in and sign-up links,
    /// sign-ons, and throttle records older than a day. Idempotent, so every server process may
    /// run it. (Expired address verifications go with the mail, in [`Store::prune_mail`].)
    pub async fn prune_expired(&self, now: DateTime<Utc>) -> Result<u64> {
        let day_ago = now - chrono::Duration::days(1);
        let links = [
            TokenPurpose::PasswordReset,
            TokenPurpose::SigninLink,
            TokenPurpose::Signup,
            TokenPurpose::NewsletterSubscription,
            TokenPurpose::EmbedSignin,
        ];
        let statements: [(&str, DateTime<Utc>); 4] = [
            ("DELETE FROM sessions WHERE expires_at <= $1", now),
            ("DELETE FROM oidc_logins WHERE expires_at <= $1", now),
            ("DELETE FROM rate_windows WHERE window_start < $1", day_ago),
            (
                "DELETE FROM signin_failures WHERE updated_at < $1 \
                 AND (locked_until IS NULL OR locked_until < $1)",
                day_ago,
            ),
        ];
        Ok(self.prune_single_use(now, &links).await? + self.delete_each(&statements).await?)
    }

    pub async fn create_password_reset(
        &self,
        token_hash: &str,
        user_id: i64,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<()> {
        let reset = PasswordReset { user_id };
        single_use::issue(self.write(), token_hash, &reset, now, expires_at).await
    }

    /// The member a reset token is for, when it is unused and unexpired.
    pub async fn password_reset_user(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<i64>> {
        let reset: Option<PasswordReset> = single_use::peek(self.read(), token_hash, now).await?;
        Ok(reset.map(|r| r.user_id))
    }

    /// Uses a reset token: sets the new password hash and ends every session, API token and
    /// unused e-mailed link of the member (as [`Store::end_credentials`]), in one transaction.
    /// False when the token was already used or has expired (a race lost).
    pub async fn complete_password_reset(
        &self,
        token_hash: &str,
        password_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let mut tx = self.begin().await?;
        let user_id = {
            let used: Option<PasswordReset> = single_use::take(&mut tx, token_hash, now).await?;
            let Some(PasswordReset { user_id }) = used else {
                return Ok(false);
            };
            query("UPDATE users SET password_hash = $1 WHERE id = $2")
                .bind(password_hash)
                .bind(user_id)
                .execute(&mut tx)
                .await?;
            end_credentials_in(&mut tx, user_id, &CREDENTIAL_LINKS, now).await?;
            user_id
        };
        tx.commit().await?;
        self.member_changed(user_id).await;
        Ok(true)
    }

    /// Ends everything but the password that lets the member in: every session, every API
    /// token (revoked, so their list shows what ended) and every unused sign-in and reset link;
    /// with `new_password_hash`, sets it in the same transaction. "Sign out everywhere" and a
    /// password change; a password reset does the same in [`Store::complete_password_reset`].
    pub async fn end_credentials(
        &self,
        user_id: i64,
        new_password_hash: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        if let Some(hash) = new_password_hash {
            query("UPDATE users SET password_hash = $1 WHERE id = $2")
                .bind(hash)
                .bind(user_id)
                .execute(&mut tx)
                .await?;
        }
        end_credentials_in(&mut tx, user_id, &CREDENTIAL_LINKS, now).await?;
        tx.commit().await?;

        self.member_changed(user_id).await;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn user(id: i64) -> SessionUser {
        SessionUser {
            id,
            email: format!("m{id}@example.org"),
            display_name: format!("M{id}"),
            role: "member".to_owned(),
            created_at: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
            banned_until: None,
            ban_reason: String::new(),
            time_zone: None,
            locale: None,
        }
    }

    fn at(secs: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap() + chrono::Duration::seconds(secs)
    }

    #[test]
    fn a_copy_lasts_until_its_ttl_or_the_session_ends() {
        let cache = SessionCache::default();
        let g = cache.generation.load(Ordering::SeqCst);
        cache.put("a", Some((&user(1), at(30))), at(0), g);
        cache.put("b", Some((&user(2), at(3600))), at(0), g);
        assert_eq!(cache.get("a", at(29)).map(|u| u.id), Some(1));
        assert!(cache.get("a", at(30)).is_none(), "the session expired");
        assert_eq!(cache.get("b", at(59)).map(|u| u.id), Some(2));
        assert!(cache.get("b", at(60)).is_none(), "the copy is too old");
        assert!(
            cache.get("b", at(-1)).is_none(),
            "a clock set back trusts nothing"
        );
        // A lookup that found no session removes the copy.
        cache.put("b", None, at(1), g);
        assert!(cache.get("b", at(2)).is_none());
    }

    #[test]
    fn forgetting_a_member_drops_their_sessions_only() {
        let cache = SessionCache::default();
        let g = cache.generation.load(Ordering::SeqCst);
        for (hash, id) in [("a", 1), ("b", 1), ("c", 2)] {
            cache.put(hash, Some((&user(id), at(3600))), at(0), g);
        }
        cache.forget(|_, e| e.user.id == 1);
        assert!(cache.get("a", at(1)).is_none() && cache.get("b", at(1)).is_none());
        assert_eq!(cache.get("c", at(1)).map(|u| u.id), Some(2));
    }

    #[test]
    fn a_lookup_that_raced_a_change_is_not_kept() {
        let cache = SessionCache::default();
        let before = cache.generation.load(Ordering::SeqCst);
        // The member changes while their session is being read from the database.
        cache.forget(|_, e| e.user.id == 1);
        cache.put("a", Some((&user(1), at(3600))), at(0), before);
        assert!(cache.get("a", at(1)).is_none());
        assert_eq!(cache.len(), 0);
    }

    #[test]
    fn the_number_of_copies_is_bounded() {
        let cache = SessionCache::default();
        let g = cache.generation.load(Ordering::SeqCst);
        for i in 0..(MAX_SESSION_COPIES as i64 + 10) {
            cache.put(&format!("h{i}"), Some((&user(i), at(3600))), at(0), g);
        }
        assert!(cache.len() <= MAX_SESSION_COPIES);
        assert!(
            cache
                .get(&format!("h{}", MAX_SESSION_COPIES + 9), at(1))
                .is_some()
        );
    }
}
