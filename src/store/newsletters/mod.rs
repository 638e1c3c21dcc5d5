//! Newsletters, their subscriptions and the links that confirm a subscription; editions and
//! their sending are in [`editions`].
//!
//! A subscription exists only once its address is proven: a signed-out reader's (or an
//! unverified member's) request waits as a single-use token of purpose
//! `newsletter_subscription` until its mailed link is used.

pub mod editions;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::single_use::{self, Malformed, Payload, TokenPurpose};
use super::{Error, Result, Store, query};
use crate::domain::newsletter::{NewsletterFields, NewsletterId, Source};
use crate::domain::newsroom::Clash;
use crate::domain::user::{Email, Role};

/// A newsletter as the pages show it.
#[derive(Clone, Debug)]
pub struct Newsletter {
    pub id: NewsletterId,
    pub name: String,
    pub description: String,
    pub sender_name: String,
    /// `None` when its section or tag was deleted (it then makes no edition).
    pub source: Option<Source>,
    pub subscribers: i64,
    pub scheduled_through: DateTime<Utc>,
}

type NewsletterRow = (
    i64,
    String,
    String,
    String,
    String,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    i64,
    DateTime<Utc>,
);

/// id, name, source, section, tag, hour, scheduled through.
type AutomaticRow = (
    i64,
    String,
    String,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    DateTime<Utc>,
);

const SELECT: &str = "SELECT n.id, n.name, n.description, n.sender_name, n.source, n.section_id, \
     n.tag_id, n.send_hour, \
     (SELECT COUNT(*) FROM newsletter_subscriptions s WHERE s.newsletter_id = n.id), \
     n.scheduled_through FROM newsletters n";

fn newsletter_of(r: NewsletterRow) -> Newsletter {
    Newsletter {
        id: NewsletterId(r.0),
        name: r.1,
        description: r.2,
        sender_name: r.3,
        source: Source::from_columns(&r.4, r.5, r.6, r.7),
        subscribers: r.8,
        scheduled_through: r.9,
    }
}

fn columns(source: Source) -> (Option<i64>, Option<i64>, Option<i64>) {
    match source {
        Source::Picked => (None, None, None),
        Source::Section { section_id, hour } => (Some(section_id), None, Some(i64::from(hour))),
        Source::Tag { tag_id, hour } => (None, Some(tag_id), Some(i64::from(hour))),
    }
}

fn name_taken(e: Error, name: &str) -> Error {
    if e.is_duplicate("newsletters", &["name"]) {
        Error::Clash(Clash::NewsletterNameTaken(name.to_owned()))
    } else {
        e
    }
}

/// A subscription waiting for its mailed link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingSubscription {
    pub newsletter: NewsletterId,
    pub email: Email,
    /// The member who asked (an unverified address); `None` for a signed-out reader.
    pub user_id: Option<i64>,
}

#[derive(Serialize, Deserialize)]
struct PendingJson {
    newsletter: i64,
    email: String,
}

impl Payload for PendingSubscription {
    const PURPOSE: TokenPurpose = TokenPurpose::NewsletterSubscription;
    fn user_id(&self) -> Option<i64> {
        self.user_id
    }
    fn to_json(&self) -> String {
        let json = PendingJson {
            newsletter: self.newsletter.0,
            email: self.email.as_str().to_owned(),
        };
        serde_json::to_string(&json).expect("a struct of plain values serialises")
    }
    fn from_row(user_id: Option<i64>, payload: &str) -> Result<Self, Malformed> {
        let json: PendingJson =
            serde_json::from_str(payload).map_err(|e| Malformed::new(Self::PURPOSE, e))?;
        Ok(PendingSubscription {
            newsletter: NewsletterId(json.newsletter),
            email: Email::parse(&json.email).map_err(|e| Malformed::new(Self::PURPOSE, e))?,
            user_id,
        })
    }
}

/// What using a confirmation link did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Confirmed {
    pub newsletter: NewsletterId,
    pub user_id: i64,
    /// A light account (no password) was made for the address.
    pub account_created: bool,
}

/// The display name of an account a subscription makes; the member can change it.
pub const LIGHT_ACCOUNT_NAME: &str = "Newsletter reader";

impl Store {
    pub async fn newsletters(&self) -> Result<Vec<Newsletter>> {
        let sql = format!("{SELECT} ORDER BY n.name, n.id");
        let rows: Vec<NewsletterRow> = query(&sql).fetch_all(self.read()).await?;
        Ok(rows.into_iter().map(newsletter_of).collect())
    }

    /// The automatic newsletters: id, name, source and the last moment handled (a cheap read
    /// for the schedule, without the subscriber counts).
    pub async fn automatic_newsletters(
        &self,
    ) -> Result<Vec<(NewsletterId, String, Source, DateTime<Utc>)>> {
        let rows: Vec<AutomaticRow> =
            query(
                "SELECT id, name, source, section_id, tag_id, send_hour, scheduled_through                  FROM newsletters WHERE source <> 'picked' ORDER BY id",
            )
            .fetch_all(self.read())
            .await?;
        Ok(rows
            .into_iter()
            .filter_map(|r| {
                let source = Source::from_columns(&r.2, r.3, r.4, r.5)?;
                Some((NewsletterId(r.0), r.1, source, r.6))
            })
            .collect())
    }

    pub async fn newsletter(&self, id: NewsletterId) -> Result<Option<Newsletter>> {
        let sql = format!("{SELECT} WHERE n.id = $1");
        let row: Option<NewsletterRow> = query(&sql).bind(id.0).fetch_optional(self.read()).await?;
        Ok(row.map(newsletter_of))
    }

    /// A new newsletter; an automatic one's first edition is due at its first hour from now.
    pub async fn create_newsletter(
        &self,
        f: &NewsletterFields,
        now: DateTime<Utc>,
    ) -> Result<NewsletterId> {
        let (section, tag, hour) = columns(f.source);
        let id: Result<i64> = query(
            "INSERT INTO newsletters (name, description, sender_name, source, section_id, tag_id, \
               send_hour, scheduled_through, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
        )
        .bind(&f.name)
        .bind(&f.description)
        .bind(&f.sender_name)
        .bind(f.source.kind())
        .bind(section)
        .bind(tag)
        .bind(hour)
        .bind(now)
        .scalar(self.write())
        .await;
        id.map(NewsletterId).map_err(|e| name_taken(e, &f.name))
    }

    /// Changes a newsletter. A changed source or hour counts from now: no edition for a moment
    /// already past.
    pub async fn update_newsletter(
        &self,
        id: NewsletterId,
        f: &NewsletterFields,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let (section, tag, hour) = columns(f.source);
        let n = query(
            "UPDATE newsletters SET name = $2, description = $3, sender_name = $4, \
               scheduled_through = CASE WHEN source <> $5 OR COALESCE(send_hour, -1) <> COALESCE($8, -1) \
                 OR COALESCE(section_id, -1) <> COALESCE($6, -1) OR COALESCE(tag_id, -1) <> COALESCE($7, -1) \
                 THEN $9 ELSE scheduled_through END, \
               source = $5, section_id = $6, tag_id = $7, send_hour = $8 \
             WHERE id = $1",
        )
        .bind(id.0)
        .bind(&f.name)
        .bind(&f.description)
        .bind(&f.sender_name)
        .bind(f.source.kind())
        .bind(section)
        .bind(tag)
        .bind(hour)
        .bind(now)
        .execute(self.write())
        .await
        .map_err(|e| name_taken(e, &f.name))?;
        if n == 0 {
            return Err(Error::NotFound);
        }
        Ok(())
    }

    /// Subscribes a member (whose address is proven); false when they were already.
    pub async fn subscribe(
        &self,
        newsletter: NewsletterId,
        user_id: i64,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let n = query(
            "INSERT INTO newsletter_subscriptions (newsletter_id, user_id, created_at) \
             VALUES ($1, $2, $3) ON CONFLICT (newsletter_id, user_id) DO NOTHING",
        )
        .bind(newsletter.0)
        .bind(user_id)
        .bind(now)
        .execute(self.write())
        .await?;
        Ok(n == 1)
    }

    /// Ends a subscription; false when there was none. Mail of it still queued is not sent
    /// (the sender looks again).
    pub async fn unsubscribe_newsletter(
        &self,
        newsletter: NewsletterId,
        user_id: i64,
    ) -> Result<bool> {
        let n =
            query("DELETE FROM newsletter_subscriptions WHERE newsletter_id = $1 AND user_id = $2")
                .bind(newsletter.0)
                .bind(user_id)
                .execute(self.write())
                .await?;
        Ok(n == 1)
    }

    /// The newsletters a member receives, and since when (their settings, their data).
    pub async fn subscriptions_of(
        &self,
        user_id: i64,
    ) -> Result<Vec<(NewsletterId, String, DateTime<Utc>)>> {
        let rows: Vec<(i64, String, DateTime<Utc>)> = query(
            "SELECT n.id, n.name, s.created_at FROM newsletter_subscriptions s \
             JOIN newsletters n ON n.id = s.newsletter_id WHERE s.user_id = $1 ORDER BY n.name",
        )
        .bind(user_id)
        .fetch_all(self.read())
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, name, at)| (NewsletterId(id), name, at))
            .collect())
    }

    pub async fn create_subscription_link(
        &self,
        token_hash: &str,
        pending: &PendingSubscription,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<()> {
        single_use::issue(self.write(), token_hash, pending, now, expires_at).await
    }

    /// The subscription a link would confirm, without spending it (the confirmation page).
    pub async fn pending_subscription(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<PendingSubscription>> {
        single_use::peek(self.read(), token_hash, now).await
    }

    /// Spends a confirmation link and subscribes its address, in one transaction. The link
    /// proves the address: the member's becomes verified (for a link asked for signed out, an
    /// account of that address never verified is taken over first, as single sign-on does: its
    /// password and sessions end), and an address with no account gets a light one, with no password (it can sign in by e-mailed link). `None`
    /// when the link is unknown, used or expired, or its newsletter is gone.
    pub async fn confirm_subscription(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Confirmed>> {
        let mut tx = self.begin().await?;
        let out = {
            let pending: Option<PendingSubscription> =
                single_use::take(&mut tx, token_hash, now).await?;
            let Some(p) = pending else {
                return Ok(None);
            };
            let existing: Option<i64> = match p.user_id {
                // The member asked, signed in: the link proves their own address.
                Some(id) => Some(id),
                None => {
                    let found: Option<i64> = query("SELECT id FROM users WHERE email = $1")
                        .bind(p.email.as_str())
                        .scalar_optional(&mut tx)
                        .await?;
                    // Whoever made an account never verified may not own the address: the
                    // link's reader does.
                    if let Some(id) = found {
                        super::signin::take_over_if_unverified(&mut tx, id, now).await?;
                    }
                    found
                }
            };
            let (user_id, account_created) = match existing {
                Some(id) => (id, false),
                None => {
                    let id: i64 = query(
                        "INSERT INTO users (email, display_name, password_hash, role, created_at, \
                           email_verified_at) VALUES ($1, $2, '', $3, $4, $4) RETURNING id",
                    )
                    .bind(p.email.as_str())
                    .bind(LIGHT_ACCOUNT_NAME)
                    .bind(Role::Member.as_str())
                    .bind(now)
                    .scalar(&mut tx)
                    .await?;
                    (id, true)
                }
            };
            query(
                "UPDATE users SET email_verified_at = COALESCE(email_verified_at, $2) WHERE id = $1",
            )
            .bind(user_id)
            .bind(now)
            .execute(&mut tx)
            .await?;
            let subscribed = query(
                "INSERT INTO newsletter_subscriptions (newsletter_id, user_id, created_at) \
                 SELECT id, $2, $3 FROM newsletters WHERE id = $1 \
                 ON CONFLICT (newsletter_id, user_id) DO NOTHING",
            )
            .bind(p.newsletter.0)
            .bind(user_id)
            .bind(now)
            .execute(&mut tx)
            .await?;
            let exists: Option<i64> = query("SELECT id FROM newsletters WHERE id = $1")
                .bind(p.newsletter.0)
                .scalar_optional(&mut tx)
                .await?;
            if subscribed == 0 && exists.is_none() {
                return Ok(None);
            }
            Confirmed {
                newsletter: p.newsletter,
                user_id,
                account_created,
            }
        };
        tx.commit().await?;
        Ok(Some(out))
    }
}
