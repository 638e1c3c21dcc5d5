//! E-mail to members: verification links, mail preferences, notifications of replies and
//! mentions, digests, moderation-queue alerts, and the outgoing mail, jobs of kind `mail` in the
//! job queue that every server process's mail worker shares (see [`super::jobs`]).
//!
//! A notification is recorded in the transaction that makes its comment visible (posting a shown
//! comment, or a moderator approving a held one), so a comment never notifies while held, and a
//! crash cannot lose one. Workers turn notifications into queued mail; the queue's unique keys
//! and compare-and-set claims keep every mail to one copy whichever processes run.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::jobs::{JobKind, enqueue};
use super::single_use::{self, EmailVerification, TokenPurpose};
use super::{Result, Store, Tx, query};
use crate::domain::comment::CommentStatus;
use crate::domain::notification::{MailKind, QueueThreshold, Reason};

/// Records who should hear about comment `comment_id` (now visible), inside the transaction
/// that made it visible: see [`queue_notifications_for`].
pub(crate) async fn queue_notifications(
    tx: &mut Tx,
    comment_id: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    let comment: Option<(i64, Option<i64>, Option<i64>, String)> = query(
        "SELECT article_id, parent_id, author_id, body_source FROM comments \
             WHERE id = $1 AND status = 'visible'",
    )
    .bind(comment_id)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some((article_id, parent_id, Some(author_id), body)) = comment {
        let shown = ShownComment {
            id: comment_id,
            article_id,
            parent_id,
            author_id,
            body: &body,
        };
        queue_notifications_for(tx, &shown, now).await?;
    }
    Ok(())
}

/// A comment just made visible, as notifications need it.
pub(crate) struct ShownComment<'a> {
    pub id: i64,
    pub article_id: i64,
    pub parent_id: Option<i64>,
    pub author_id: i64,
    pub body: &'a str,
}

/// Records who should hear about `comment`: the author of the comment it replies to, and the
/// members it mentions (see [`crate::domain::notification::mentioned`]), each once, never its
/// own author, and only members with a verified address who turned that kind on. A root
/// comment without an `@` costs no statement.
pub(crate) async fn queue_notifications_for(
    tx: &mut Tx,
    comment: &ShownComment<'_>,
    now: DateTime<Utc>,
) -> Result<()> {
    let &ShownComment {
        id: comment_id,
        article_id,
        parent_id,
        author_id,
        body,
    } = comment;
    let mut participants: Vec<(i64, String)> = Vec::new();
    let mut parent_author = None;
    if let Some(pid) = parent_id {
        let parent: Option<(i64, String)> = query(
            "SELECT u.id, u.display_name FROM comments c JOIN users u ON u.id = c.author_id \
                 WHERE c.id = $1",
        )
        .bind(pid)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(p) = parent {
            parent_author = Some(p.0);
            participants.push(p);
        }
    }
    // Only a comment with an @ can mention anyone: skip the conversation's authors
    // otherwise.
    if body.contains('@') {
        let others: Vec<(i64, String)> = query(
            "SELECT DISTINCT u.id, u.display_name FROM comments c \
                 JOIN users u ON u.id = c.author_id \
                 WHERE c.article_id = $1 AND c.status = 'visible' AND c.id <> $2",
        )
        .bind(article_id)
        .bind(comment_id)
        .fetch_all(&mut *tx)
        .await?;
        participants.extend(others);
    }
    let mentioned = crate::domain::notification::mentioned(body, &participants);
    let mut recipients: Vec<i64> = parent_author.into_iter().collect();
    recipients.extend(
        mentioned
            .iter()
            .copied()
            .filter(|id| Some(*id) != parent_author),
    );
    for recipient in recipients.into_iter().filter(|id| *id != author_id) {
        let is_reply = Some(recipient) == parent_author;
        let is_mention = mentioned.contains(&recipient);
        // A reply that also mentions its parent's author counts as a reply, unless they
        // only want mentions; the unique key keeps it to one row either way.
        query(
            "INSERT INTO notifications (comment_id, recipient_id, kind, daily, created_at) \
                 SELECT $1, p.user_id, CASE WHEN $3 AND p.replies THEN 'reply' ELSE 'mention' END, \
                        p.daily_digest, $5 \
                 FROM mail_preferences p JOIN users u ON u.id = p.user_id \
                 WHERE p.user_id = $2 AND u.email_verified_at IS NOT NULL \
                   AND (($3 AND p.replies) OR ($4 AND p.mentions)) \
                 ON CONFLICT (comment_id, recipient_id) DO NOTHING",
        )
        .bind(comment_id)
        .bind(recipient)
        .bind(is_reply)
        .bind(is_mention)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

/// What a member wants by e-mail.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MailPreferences {
    pub replies: bool,
    pub mentions: bool,
    /// Replies and mentions as one mail a day rather than one mail each.
    pub daily_digest: bool,
    pub queue_alert: Option<QueueThreshold>,
}

/// A mail to put in the queue.
#[derive(Clone, Debug)]
pub struct NewMail {
    /// What the mail is about; a second mail with the same key is not queued.
    pub dedupe_key: String,
    pub user_id: Option<i64>,
    pub to: String,
    pub subject: String,
    pub body: String,
    pub unsubscribe_url: Option<String>,
    pub message_id: String,
}

/// A queued mail claimed by a worker.
#[derive(Clone, Debug)]
pub struct QueuedMail {
    pub id: i64,
    pub to_address: String,
    pub subject: String,
    pub body: String,
    pub unsubscribe_url: Option<String>,
    pub message_id: String,
    /// This attempt's number, from 1 (see [`super::jobs::Claimed::attempt`]).
    pub attempts: i64,
}

/// What a mail job holds (the payload of a job of kind `mail`).
#[derive(Serialize, Deserialize)]
struct MailPayload {
    to: String,
    subject: String,
    body: String,
    unsubscribe_url: Option<String>,
    message_id: String,
}

/// A notification with what its mail says.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct NotificationDetail {
    pub id: i64,
    pub kind: String,
    pub recipient_id: i64,
    pub recipient_email: String,
    pub recipient_name: String,
    pub comment_id: i64,
    pub comment_status: CommentStatus,
    pub body_source: String,
    pub author_name: String,
    pub article_slug: String,
    pub article_title: String,
    pub created_at: DateTime<Utc>,
    /// The recipient's language and time zone (`None`: the site's).
    pub recipient_locale: Option<String>,
    pub recipient_time_zone: Option<String>,
}

impl NotificationDetail {
    pub fn reason(&self) -> Reason {
        Reason::parse(&self.kind).unwrap_or(Reason::Mention)
    }
}

/// A member who asked for moderation-queue alerts.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct QueueWatcher {
    pub user_id: i64,
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub queue_alert_at: i64,
    pub queue_alerted: bool,
    /// The watcher's language (`None`: the site's).
    pub locale: Option<String>,
}

const DETAIL_SELECT: &str = "SELECT n.id, n.kind, n.recipient_id, u.email AS recipient_email, \
     u.display_name AS recipient_name, c.id AS comment_id, c.status AS comment_status, c.body_source, \
     COALESCE(w.display_name, '[deleted]') AS author_name, a.slug AS article_slug, \
     a.title AS article_title, n.created_at, u.locale AS recipient_locale, \
     u.time_zone AS recipient_time_zone \
     FROM notifications n JOIN users u ON u.id = n.recipient_id \
     JOIN comments c ON c.id = n.comment_id JOIN articles a ON a.id = c.article_id \
     LEFT JOIN users w ON w.id = c.author_id";

/// Puts `mail` in the queue inside the caller's transaction, unless its key is queued already
/// (then false).
pub(crate) async fn insert_mail(tx: &mut Tx, mail: &NewMail, now: DateTime<Utc>) -> Result<bool> {
    let payload = MailPayload {
        to: mail.to.clone(),
        subject: mail.subject.clone(),
        body: mail.body.clone(),
        unsubscribe_url: mail.unsubscribe_url.clone(),
        message_id: mail.message_id.clone(),
    };
    let key = Some(mail.dedupe_key.as_str());
    enqueue(tx, JobKind::Mail, key, mail.user_id, &payload, now).await
}

impl Store {
    // ----- verification -----

    pub async fn create_email_verification(
        &self,
        token_hash: &str,
        user_id: i64,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<()> {
        let link = EmailVerification { user_id };
        single_use::issue(self.write(), token_hash, &link, now, expires_at).await
    }

    /// Uses a verification link: marks it used and the member's address verified, in one
    /// transaction. `None` when the link is unknown, used or expired.
    pub async fn verify_email(&self, token_hash: &str, now: DateTime<Utc>) -> Result<Option<i64>> {
        let mut tx = self.begin().await?;
        let out = {
            let used: Option<EmailVerification> =
                single_use::take(&mut tx, token_hash, now).await?;
            if let Some(EmailVerification { user_id }) = used {
                query(
                    "UPDATE users SET email_verified_at = COALESCE(email_verified_at, $2) WHERE id = $1",
                )
                .bind(user_id)
                .bind(now)
                .execute(&mut tx)
                .await?;
            }
            used.map(|u| u.user_id)
        };
        tx.commit().await?;
        Ok(out)
    }

    /// Marks an address verified without a link (the operator vouches for accounts made with
    /// `broadsheet user create`).
    pub async fn mark_email_verified(&self, user_id: i64, now: DateTime<Utc>) -> Result<()> {
        query("UPDATE users SET email_verified_at = COALESCE(email_verified_at, $2) WHERE id = $1")
            .bind(user_id)
            .bind(now)
            .execute(self.write())
            .await?;
        Ok(())
    }

    pub async fn email_verified_at(&self, user_id: i64) -> Result<Option<DateTime<Utc>>> {
        let row: Option<(Option<DateTime<Utc>>,)> =
            query("SELECT email_verified_at FROM users WHERE id = $1")
                .bind(user_id)
                .fetch_optional(self.read())
                .await?;
        Ok(row.and_then(|r| r.0))
    }

    // ----- preferences -----

    pub async fn mail_preferences(&self, user_id: i64) -> Result<MailPreferences> {
        let row: Option<(bool, bool, bool, Option<i64>)> = query(
            "SELECT replies, mentions, daily_digest, queue_alert_at FROM mail_preferences \
                 WHERE user_id = $1",
        )
        .bind(user_id)
        .fetch_optional(self.read())
        .await?;
        Ok(
            row.map_or_else(MailPreferences::default, |(r, m, d, q)| MailPreferences {
                replies: r,
                mentions: m,
                daily_digest: d,
                queue_alert: q.and_then(QueueThreshold::new),
            }),
        )
    }

    /// Saves a member's preferences. A changed alert threshold starts afresh (an alert goes out
    /// if the queue is already at the new one); the digest mark is kept.
    pub async fn set_mail_preferences(&self, user_id: i64, p: &MailPreferences) -> Result<()> {
        query(
                "INSERT INTO mail_preferences (user_id, replies, mentions, daily_digest, queue_alert_at) \
                 VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (user_id) DO UPDATE SET replies = excluded.replies, \
                   mentions = excluded.mentions, daily_digest = excluded.daily_digest, \
                   queue_alert_at = excluded.queue_alert_at, \
                   queue_alerted = CASE WHEN COALESCE(mail_preferences.queue_alert_at, -1) \
                                           = COALESCE(excluded.queue_alert_at, -1) \
                                        THEN mail_preferences.queue_alerted ELSE FALSE END",
            )
            .bind(user_id)
            .bind(p.replies)
            .bind(p.mentions)
            .bind(p.daily_digest)
            .bind(p.queue_alert.map(QueueThreshold::get))
            .execute(self.write())
            .await?;
        Ok(())
    }

    /// Turns off the kind of mail an unsubscribe link was made for.
    pub async fn unsubscribe(&self, user_id: i64, kind: MailKind) -> Result<()> {
        let sql = match kind {
            MailKind::Replies => "UPDATE mail_preferences SET replies = FALSE WHERE user_id = $1",
            MailKind::Mentions => "UPDATE mail_preferences SET mentions = FALSE WHERE user_id = $1",
            MailKind::Digest => {
                "UPDATE mail_preferences SET replies = FALSE, mentions = FALSE WHERE user_id = $1"
            }
            MailKind::QueueAlert => {
                "UPDATE mail_preferences SET queue_alert_at = NULL, queue_alerted = FALSE \
                 WHERE user_id = $1"
            }
        };
        query(sql).bind(user_id).execute(self.write()).await?;
        Ok(())
    }

    // ----- notifications into mail -----

    /// Notifications to be mailed one by one that have no mail yet, oldest first.
    pub async fn unmailed_notifications(&self, limit: i64) -> Result<Vec<NotificationDetail>> {
        let sql = format!(
            "{DETAIL_SELECT} WHERE n.queued_at IS NULL AND n.daily = FALSE ORDER BY n.id LIMIT $1"
        );
        query(&sql).bind(limit).fetch_all(self.read()).await
    }

    /// Queues the mail of one notification (`None`: its comment is no longer shown, so no mail)
    /// and marks it queued, in one transaction. The mail's key is the notification's, so two
    /// processes doing this at once queue one mail.
    pub async fn queue_notification_mail(
        &self,
        notification_id: i64,
        mail: Option<&NewMail>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        if let Some(mail) = mail {
            insert_mail(&mut tx, mail, now).await?;
        }
        query("UPDATE notifications SET queued_at = $2 WHERE id = $1 AND queued_at IS NULL")
            .bind(notification_id)
            .bind(now)
            .execute(&mut tx)
            .await?;
        tx.commit().await?;

        Ok(())
    }

    /// Members whose daily digest for the moment `due` has not been made and who have
    /// notifications waiting for it.
    pub async fn digests_due(&self, due: DateTime<Utc>, limit: i64) -> Result<Vec<i64>> {
        let rows: Vec<(i64,)> = query(
            "SELECT DISTINCT n.recipient_id FROM notifications n \
                 JOIN mail_preferences p ON p.user_id = n.recipient_id \
                 WHERE n.queued_at IS NULL AND n.daily = TRUE AND n.created_at <= $1 \
                   AND (p.digest_sent_until IS NULL OR p.digest_sent_until < $1) \
                 LIMIT $2",
        )
        .bind(due)
        .bind(limit)
        .fetch_all(self.read())
        .await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    /// Makes one member's digest for the moment `due`: moves their "digest sent up to" mark by
    /// compare-and-set (so of several processes one makes it), gathers what reached them up to
    /// `due` on comments still shown, queues the mail `render` makes of it, and marks those
    /// notifications queued, all in one transaction. False when another process made it.
    pub async fn make_digest(
        &self,
        user_id: i64,
        due: DateTime<Utc>,
        now: DateTime<Utc>,
        render: impl FnOnce(&[NotificationDetail]) -> NewMail,
    ) -> Result<bool> {
        let sql = format!(
            "{DETAIL_SELECT} WHERE n.recipient_id = $1 AND n.queued_at IS NULL AND n.daily = TRUE \
             AND n.created_at <= $2 AND c.status = 'visible' ORDER BY n.created_at, n.id"
        );
        let mut tx = self.begin().await?;
        let out = {
            let moved = query(
                "UPDATE mail_preferences SET digest_sent_until = $1 WHERE user_id = $2 \
                 AND (digest_sent_until IS NULL OR digest_sent_until < $1)",
            )
            .bind(due)
            .bind(user_id)
            .execute(&mut tx)
            .await?;
            if moved != 1 {
                return Ok(false);
            }
            let items: Vec<NotificationDetail> = query(&sql)
                .bind(user_id)
                .bind(due)
                .fetch_all(&mut tx)
                .await?;
            if !items.is_empty() {
                let mail = render(&items);
                insert_mail(&mut tx, &mail, now).await?;
            }
            query(
                "UPDATE notifications SET queued_at = $3 WHERE recipient_id = $1 \
                 AND queued_at IS NULL AND daily = TRUE AND created_at <= $2",
            )
            .bind(user_id)
            .bind(due)
            .bind(now)
            .execute(&mut tx)
            .await?;
            true
        };
        tx.commit().await?;
        Ok(out)
    }

    // ----- moderation-queue alerts -----

    /// Members with a verified address who asked for queue alerts.
    pub async fn queue_watchers(&self) -> Result<Vec<QueueWatcher>> {
        query(
            "SELECT p.user_id, u.email, u.display_name, u.role, p.queue_alert_at, p.queue_alerted, u.locale \
                 FROM mail_preferences p JOIN users u ON u.id = p.user_id \
                 WHERE p.queue_alert_at IS NOT NULL AND u.email_verified_at IS NOT NULL \
                 ORDER BY p.user_id",
        )
        .fetch_all(self.read())
        .await
    }

    /// Raises a watcher's alert by compare-and-set and queues its mail in the same
    /// transaction; false when it was raised already (by this crossing, in any process).
    pub async fn raise_queue_alert(
        &self,
        user_id: i64,
        mail: &NewMail,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let mut tx = self.begin().await?;
        let out = {
            let moved = query(
                "UPDATE mail_preferences SET queue_alerted = TRUE \
                 WHERE user_id = $1 AND queue_alerted = FALSE AND queue_alert_at IS NOT NULL",
            )
            .bind(user_id)
            .execute(&mut tx)
            .await?;
            if moved != 1 {
                return Ok(false);
            }
            insert_mail(&mut tx, mail, now).await?;
            true
        };
        tx.commit().await?;
        Ok(out)
    }

    /// The queue fell back below the watcher's threshold: the next crossing alerts again.
    pub async fn lower_queue_alert(&self, user_id: i64) -> Result<()> {
        query(
            "UPDATE mail_preferences SET queue_alerted = FALSE \
                 WHERE user_id = $1 AND queue_alerted = TRUE",
        )
        .bind(user_id)
        .execute(self.write())
        .await?;
        Ok(())
    }

    /// Removes what can no longer matter: expired verification links, and mail sent or given
    /// up (and the notifications behind it, and newsletter editions' mail) more than
    /// `keep_days` ago. Idempotent, so every
    /// server process may run it.
    pub async fn prune_mail(&self, now: DateTime<Utc>, keep_days: i64) -> Result<u64> {
        let before = now - chrono::Duration::days(keep_days);
        let links = self
            .prune_single_use(now, &[TokenPurpose::EmailVerification])
            .await?;
        let statements: [(&str, DateTime<Utc>); 1] = [(
            "DELETE FROM notifications WHERE queued_at IS NOT NULL AND queued_at < $1",
            before,
        )];
        let mut mail = self.prune_jobs(JobKind::Mail, before).await?;
        // Newsletter mail too (an edition keeps its count of recipients).
        for kind in [JobKind::Newsletter, JobKind::NewsletterMail] {
            mail += self.prune_jobs(kind, before).await?;
        }
        Ok(links + self.delete_each(&statements).await? + mail)
    }

    // ----- the mail queue -----

    /// Whether any queued mail is due (a read, so an idle worker costs no write).
    pub async fn mail_due(&self, now: DateTime<Utc>) -> Result<bool> {
        self.jobs_due(JobKind::Mail, now).await
    }

    /// Whether anything waits to become mail: notifications without mail, or digests due.
    pub async fn notifications_waiting(&self, due: DateTime<Utc>) -> Result<bool> {
        let row: Option<(i64,)> = query(
            "SELECT id FROM notifications WHERE queued_at IS NULL \
                 AND (daily = FALSE OR created_at <= $1) LIMIT 1",
        )
        .bind(due)
        .fetch_optional(self.read())
        .await?;
        Ok(row.is_some())
    }

    /// Claims up to `limit` due mails for one attempt each, leased until `lease_until`: a
    /// worker that dies mid-send leaves the mail to be tried again then (see
    /// [`Store::claim_jobs`]). The worker records the outcome with [`Store::complete_job`] or
    /// [`Store::fail_job`].
    pub async fn claim_mail(
        &self,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<QueuedMail>> {
        let claimed = self
            .claim_jobs::<MailPayload>(JobKind::Mail, now, lease_until - now, limit)
            .await?;
        Ok(claimed
            .into_iter()
            .map(|job| QueuedMail {
                id: job.id,
                to_address: job.payload.to,
                subject: job.payload.subject,
                body: job.payload.body,
                unsubscribe_url: job.payload.unsubscribe_url,
                message_id: job.payload.message_id,
                attempts: job.attempt,
            })
            .collect())
    }
}
