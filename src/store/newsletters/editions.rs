//! Editions: composing, sending and the automatic schedule.
//!
//! Sending is two kinds of job in the one queue. Starting to send queues the edition's fan-out
//! (kind `newsletter`, one per edition by its key). The fan-out queues a `newsletter_mail` job
//! per subscriber, a batch at a time, each batch in one transaction with the edition's cursor
//! (the last member queued): the mails are keyed by edition and member (`ON CONFLICT DO
//! NOTHING`) and the cursor moves by compare-and-set, so a fan-out cut off half-way (a process
//! killed, a lease ended) goes on where it stopped, with no mail twice and none left out.
//! Recipients are the subscribers of the moment sending started.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::super::jobs::{JobKind, enqueue};
use super::super::{Error, Result, Store, Tx, query};
use crate::domain::newsletter::{EditionId, EditionStatus, NewsletterId, Source};
use crate::domain::newsroom::Clash;

/// An edition as the newsroom sees it.
#[derive(Clone, Debug)]
pub struct Edition {
    pub id: EditionId,
    pub newsletter: NewsletterId,
    pub subject: String,
    pub intro: String,
    pub status: EditionStatus,
    /// Mails queued so far.
    pub recipients: i64,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

/// An article of an edition.
#[derive(Clone, Debug)]
pub struct EditionArticle {
    pub slug: String,
    pub title: String,
    pub summary: String,
}

/// Where an edition's mails are: from the queue.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub queued: i64,
    pub sent: i64,
    pub failed: i64,
}

/// What one batch of a fan-out did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FanOut {
    /// Queued this many mails; there may be more.
    Queued(u64),
    /// Every subscriber's mail is queued: the edition is sent.
    Finished,
    /// Another worker moved the cursor first; nothing was written.
    Raced,
}

/// What the schedule did for one newsletter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheduled {
    /// An edition was made and its sending queued.
    Made(EditionId),
    /// Nothing new since the last edition: no edition.
    Skipped,
    /// Another process handled this moment.
    Raced,
}

/// The payload of a fan-out job.
#[derive(Serialize, Deserialize)]
pub struct FanOutJob {
    pub edition: i64,
}

/// The payload of one subscriber's mail.
#[derive(Serialize, Deserialize, Clone, Copy, Debug)]
pub struct EditionMailJob {
    pub edition: i64,
    pub user: i64,
}

type EditionRow = (
    i64,
    i64,
    String,
    String,
    String,
    i64,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
);

const SELECT: &str = "SELECT id, newsletter_id, subject, intro, status, recipients, created_at, \
     sent_at FROM newsletter_editions";

fn edition_of(r: EditionRow) -> Result<Edition> {
    Ok(Edition {
        id: EditionId(r.0),
        newsletter: NewsletterId(r.1),
        subject: r.2,
        intro: r.3,
        status: EditionStatus::parse(&r.4).ok_or_else(|| {
            Error::Database(sqlx::Error::Decode(
                format!("unknown edition status `{}`", r.4).into(),
            ))
        })?,
        recipients: r.5,
        created_at: r.6,
        sent_at: r.7,
    })
}

async fn set_articles(tx: &mut Tx, edition: EditionId, articles: &[i64]) -> Result<()> {
    query("DELETE FROM newsletter_edition_articles WHERE edition_id = $1")
        .bind(edition.0)
        .execute(&mut *tx)
        .await?;
    for (position, article) in articles.iter().enumerate() {
        query(
            "INSERT INTO newsletter_edition_articles (edition_id, article_id, position) \
             VALUES ($1, $2, $3)",
        )
        .bind(edition.0)
        .bind(*article)
        .bind(position as i64)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

async fn queue_fan_out(tx: &mut Tx, edition: EditionId, now: DateTime<Utc>) -> Result<bool> {
    let key = format!("newsletter-send:{}", edition.0);
    let job = FanOutJob { edition: edition.0 };
    enqueue(
        tx,
        JobKind::Newsletter,
        Some(&key),
        Some(edition.0),
        &job,
        now,
    )
    .await
}

impl Store {
    /// The ids of published articles by slug, in the order given; a slug that names none is
    /// an error saying which.
    pub async fn published_articles_by_slug(
        &self,
        slugs: &[String],
        now: DateTime<Utc>,
    ) -> Result<Vec<i64>> {
        let mut ids = Vec::with_capacity(slugs.len());
        for slug in slugs {
            let id: Option<i64> =
                query("SELECT id FROM articles WHERE slug = $1 AND published_at <= $2")
                    .bind(slug)
                    .bind(now)
                    .scalar_optional(self.read())
                    .await?;
            match id {
                Some(id) => ids.push(id),
                None => {
                    return Err(Error::Clash(Clash::NoPublishedArticle(slug.clone())));
                }
            }
        }
        Ok(ids)
    }

    /// A new draft edition with `articles` in that order.
    pub async fn create_edition(
        &self,
        newsletter: NewsletterId,
        subject: &str,
        intro: &str,
        articles: &[i64],
        now: DateTime<Utc>,
    ) -> Result<EditionId> {
        let mut tx = self.begin().await?;
        let id: i64 = query(
            "INSERT INTO newsletter_editions (newsletter_id, subject, intro, status, created_at) \
             VALUES ($1, $2, $3, 'draft', $4) RETURNING id",
        )
        .bind(newsletter.0)
        .bind(subject)
        .bind(intro)
        .bind(now)
        .scalar(&mut tx)
        .await?;
        set_articles(&mut tx, EditionId(id), articles).await?;
        tx.commit().await?;
        Ok(EditionId(id))
    }

    /// Changes a draft; a [`Clash::EditionSent`] once it is being sent.
    pub async fn update_edition(
        &self,
        id: EditionId,
        subject: &str,
        intro: &str,
        articles: &[i64],
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        let n = query(
            "UPDATE newsletter_editions SET subject = $2, intro = $3 \
             WHERE id = $1 AND status = 'draft'",
        )
        .bind(id.0)
        .bind(subject)
        .bind(intro)
        .execute(&mut tx)
        .await?;
        if n == 0 {
            return Err(Error::Clash(Clash::EditionSent));
        }
        set_articles(&mut tx, id, articles).await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn edition(&self, id: EditionId) -> Result<Option<Edition>> {
        let sql = format!("{SELECT} WHERE id = $1");
        let row: Option<EditionRow> = query(&sql).bind(id.0).fetch_optional(self.read()).await?;
        row.map(edition_of).transpose()
    }

    /// A newsletter's latest editions, newest first.
    pub async fn editions_of(&self, newsletter: NewsletterId, limit: i64) -> Result<Vec<Edition>> {
        let sql = format!("{SELECT} WHERE newsletter_id = $1 ORDER BY id DESC LIMIT $2");
        let rows: Vec<EditionRow> = query(&sql)
            .bind(newsletter.0)
            .bind(limit)
            .fetch_all(self.read())
            .await?;
        rows.into_iter().map(edition_of).collect()
    }

    /// An edition's articles in their order (those since unpublished left out).
    pub async fn edition_articles(
        &self,
        id: EditionId,
        now: DateTime<Utc>,
    ) -> Result<Vec<EditionArticle>> {
        let rows: Vec<(String, String, String)> = query(
            "SELECT a.slug, a.title, a.summary FROM newsletter_edition_articles e \
             JOIN articles a ON a.id = e.article_id \
             WHERE e.edition_id = $1 AND a.published_at <= $2 ORDER BY e.position",
        )
        .bind(id.0)
        .bind(now)
        .fetch_all(self.read())
        .await?;
        Ok(rows
            .into_iter()
            .map(|(slug, title, summary)| EditionArticle {
                slug,
                title,
                summary,
            })
            .collect())
    }

    /// Starts sending a draft: it becomes `sending` and its fan-out is queued, in one
    /// transaction. False when it was not a draft (sent already, or by someone else just now).
    pub async fn start_sending(&self, id: EditionId, now: DateTime<Utc>) -> Result<bool> {
        let mut tx = self.begin().await?;
        let n = query(
            "UPDATE newsletter_editions SET status = 'sending', sent_at = $2 \
             WHERE id = $1 AND status = 'draft'",
        )
        .bind(id.0)
        .bind(now)
        .execute(&mut tx)
        .await?;
        if n == 0 {
            return Ok(false);
        }
        queue_fan_out(&mut tx, id, now).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// One batch of an edition's fan-out: queues the mails of up to `limit` subscribers after
    /// the cursor, moves the cursor, in one transaction; or, with nobody left, marks it sent.
    pub async fn fan_out_batch(
        &self,
        id: EditionId,
        limit: i64,
        now: DateTime<Utc>,
    ) -> Result<FanOut> {
        let mut tx = self.begin().await?;
        let edition: Option<(i64, i64, String, Option<DateTime<Utc>>)> = query(
            "SELECT newsletter_id, fanout_after, status, sent_at FROM newsletter_editions \
             WHERE id = $1",
        )
        .bind(id.0)
        .fetch_optional(&mut tx)
        .await?;
        let Some((newsletter, after, status, Some(started))) = edition else {
            return Ok(FanOut::Finished);
        };
        if status != EditionStatus::Sending.as_str() {
            return Ok(FanOut::Finished);
        }
        let batch: Vec<i64> = query(
            "SELECT user_id FROM newsletter_subscriptions \
             WHERE newsletter_id = $1 AND user_id > $2 AND created_at <= $3 \
             ORDER BY user_id LIMIT $4",
        )
        .bind(newsletter)
        .bind(after)
        .bind(started)
        .bind(limit)
        .scalar_all(&mut tx)
        .await?;
        let Some(&last) = batch.last() else {
            query("UPDATE newsletter_editions SET status = 'sent' WHERE id = $1 AND status = 'sending'")
                .bind(id.0)
                .execute(&mut tx)
                .await?;
            tx.commit().await?;
            return Ok(FanOut::Finished);
        };
        // One statement for the batch: the key and payload are made from the rows, and a key
        // queued already (a batch done before a crash) is passed over.
        let edition = id.0.to_string();
        let queued = query(
            "INSERT INTO jobs (kind, dedupe_key, subject_id, payload, status, attempts, run_at, \
               created_at) \
             SELECT 'newsletter_mail', 'newsletter:' || $1 || ':' || s.user_id, $2, \
               '{\"edition\":' || $1 || ',\"user\":' || s.user_id || '}', 'pending', 0, $3, $3 \
             FROM newsletter_subscriptions s \
             WHERE s.newsletter_id = $4 AND s.user_id > $5 AND s.user_id <= $6 \
               AND s.created_at <= $7 \
             ON CONFLICT (dedupe_key) DO NOTHING",
        )
        .bind(&edition)
        .bind(id.0)
        .bind(now)
        .bind(newsletter)
        .bind(after)
        .bind(last)
        .bind(started)
        .execute(&mut tx)
        .await?;
        let moved = query(
            "UPDATE newsletter_editions SET fanout_after = $3, recipients = recipients + $4 \
             WHERE id = $1 AND fanout_after = $2",
        )
        .bind(id.0)
        .bind(after)
        .bind(last)
        .bind(queued as i64)
        .execute(&mut tx)
        .await?;
        if moved != 1 {
            return Ok(FanOut::Raced);
        }
        tx.commit().await?;
        Ok(FanOut::Queued(queued))
    }

    /// Where an edition's mails are, from the queue.
    pub async fn edition_progress(&self, id: EditionId) -> Result<Progress> {
        let rows: Vec<(String, i64)> = query(
            "SELECT status, COUNT(*) FROM jobs WHERE kind = 'newsletter_mail' AND subject_id = $1 \
             GROUP BY status",
        )
        .bind(id.0)
        .fetch_all(self.read())
        .await?;
        let mut p = Progress::default();
        for (status, n) in rows {
            match status.as_str() {
                "done" => p.sent += n,
                "failed" => p.failed += n,
                _ => p.queued += n,
            }
        }
        Ok(p)
    }

    /// The address (and the member's language) one edition mail goes to, if its member is still subscribed to the
    /// edition's newsletter (an unsubscribe or a deleted account stops mail already queued).
    pub async fn edition_recipient(
        &self,
        job: EditionMailJob,
    ) -> Result<Option<(String, Option<String>)>> {
        query(
            "SELECT u.email, u.locale FROM users u \
             JOIN newsletter_subscriptions s ON s.user_id = u.id \
             JOIN newsletter_editions e ON e.newsletter_id = s.newsletter_id \
             WHERE e.id = $1 AND u.id = $2",
        )
        .bind(job.edition)
        .bind(job.user)
        .fetch_optional(self.read())
        .await
    }

    /// Makes the edition of an automatic newsletter for the moment `slot`: moves its
    /// "scheduled through" mark by compare-and-set (so of several processes one does it), and
    /// if its section or tag has articles published since the mark, makes the edition with them
    /// and queues its sending, all in one transaction.
    pub async fn make_scheduled_edition(
        &self,
        newsletter: NewsletterId,
        source: Source,
        slot: DateTime<Utc>,
        subject: &str,
        now: DateTime<Utc>,
    ) -> Result<Scheduled> {
        let mut tx = self.begin().await?;
        let since: Option<DateTime<Utc>> = query(
            "SELECT scheduled_through FROM newsletters WHERE id = $1 AND scheduled_through < $2",
        )
        .bind(newsletter.0)
        .bind(slot)
        .scalar_optional(&mut tx)
        .await?;
        let Some(since) = since else {
            return Ok(Scheduled::Raced);
        };
        let moved = query(
            "UPDATE newsletters SET scheduled_through = $2 WHERE id = $1 AND scheduled_through < $2",
        )
        .bind(newsletter.0)
        .bind(slot)
        .execute(&mut tx)
        .await?;
        if moved != 1 {
            return Ok(Scheduled::Raced);
        }
        let limit = crate::domain::newsletter::MAX_ARTICLES as i64;
        let articles: Vec<i64> = match source {
            Source::Picked => Vec::new(),
            Source::Section { section_id, .. } => {
                query(
                    "SELECT id FROM articles WHERE section_id = $1 AND published_at > $2 \
                     AND published_at <= $3 ORDER BY published_at, id LIMIT $4",
                )
                .bind(section_id)
                .bind(since)
                .bind(slot)
                .bind(limit)
                .scalar_all(&mut tx)
                .await?
            }
            Source::Tag { tag_id, .. } => {
                query(
                    "SELECT a.id FROM articles a JOIN article_tags t ON t.article_id = a.id \
                     WHERE t.tag_id = $1 AND a.published_at > $2 AND a.published_at <= $3 \
                     ORDER BY a.published_at, a.id LIMIT $4",
                )
                .bind(tag_id)
                .bind(since)
                .bind(slot)
                .bind(limit)
                .scalar_all(&mut tx)
                .await?
            }
        };
        if articles.is_empty() {
            tx.commit().await?;
            return Ok(Scheduled::Skipped);
        }
        let id: i64 = query(
            "INSERT INTO newsletter_editions (newsletter_id, subject, intro, status, slot, \
               created_at, sent_at) VALUES ($1, $2, '', 'sending', $3, $4, $4) RETURNING id",
        )
        .bind(newsletter.0)
        .bind(subject)
        .bind(slot)
        .bind(now)
        .scalar(&mut tx)
        .await?;
        let id = EditionId(id);
        set_articles(&mut tx, id, &articles).await?;
        queue_fan_out(&mut tx, id, now).await?;
        tx.commit().await?;
        Ok(Scheduled::Made(id))
    }
}
