//! Webhook endpoints and their deliveries. A delivery is a job of kind `webhook` in the job
//! queue (see [`super::jobs`]) whose subject is its endpoint: the queue is both the work of the
//! delivery workers (any number of server processes share it) and the delivery log admins read.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::jobs::{JobKind, JobStatus};
use super::{Result, Store, Tx, query};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct WebhookRow {
    pub id: i64,
    pub url: String,
    pub events: String,
    pub secret: String,
    pub active: bool,
    pub created_at: DateTime<Utc>,
}

/// A delivery as the log shows it.
#[derive(Clone, Debug)]
pub struct DeliveryRow {
    pub id: i64,
    pub webhook_id: i64,
    pub url: String,
    pub event: String,
    pub status: DeliveryStatus,
    pub attempts: i64,
    pub next_attempt_at: DateTime<Utc>,
    pub last_status: Option<i64>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
}

/// Where a delivery is, in the log's words: a delivery being sent is still pending until its
/// attempt's answer is recorded (its next attempt is then the end of the lease).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeliveryStatus {
    Pending,
    Delivered,
    /// Given up.
    Failed,
}

impl DeliveryStatus {
    fn of(job: JobStatus) -> DeliveryStatus {
        match job {
            JobStatus::Pending | JobStatus::Running => DeliveryStatus::Pending,
            JobStatus::Done => DeliveryStatus::Delivered,
            JobStatus::Failed => DeliveryStatus::Failed,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryStatus::Pending => "pending",
            DeliveryStatus::Delivered => "delivered",
            DeliveryStatus::Failed => "failed",
        }
    }
}

/// A status compares equal to its name as the log shows it.
impl PartialEq<&str> for DeliveryStatus {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// What a delivery job holds: the event's name and the exact body that is signed and sent.
#[derive(Serialize, Deserialize)]
struct DeliveryPayload {
    event: String,
    body: String,
}

/// A delivery claimed by a worker: what to send and where.
#[derive(Clone, Debug)]
pub struct ClaimedDelivery {
    pub id: i64,
    pub event: String,
    pub payload: String,
    /// This attempt's number, from 1 (see [`super::jobs::Claimed::attempt`]).
    pub attempts: i64,
    pub url: String,
    pub secret: String,
}

/// Queues `event` with `payload` for every active endpoint subscribed to it, inside the
/// transaction that makes the change it announces: the announcement and the change are
/// committed together or not at all. Returns how many deliveries were queued.
pub(crate) async fn enqueue(
    tx: &mut Tx,
    event: &str,
    payload: &str,
    now: DateTime<Utc>,
) -> Result<u64> {
    let endpoints = subscribers(tx, event).await?;
    enqueue_to(tx, &endpoints, event, payload, now).await
}

/// The active webhooks that take `event`, as read inside `tx`.
pub(crate) async fn subscribers(tx: &mut Tx, event: &str) -> Result<Vec<i64>> {
    query(&subscribers_of("$1"))
        .bind(event)
        .scalar_all(tx)
        .await
}

/// The query of the active webhooks' ids, in order, that take the event named by `event` (a
/// parameter).
pub(crate) fn subscribers_of(event: &str) -> String {
    format!(
        "SELECT id FROM webhooks \
         WHERE active = TRUE AND (' ' || events || ' ') LIKE ('% ' || {event} || ' %') ORDER BY id"
    )
}

/// Queues one delivery of `event` with `payload` to each of `endpoints` (from [`subscribers`],
/// read in the same transaction).
pub(crate) async fn enqueue_to(
    tx: &mut Tx,
    endpoints: &[i64],
    event: &str,
    payload: &str,
    now: DateTime<Utc>,
) -> Result<u64> {
    let job = DeliveryPayload {
        event: event.to_owned(),
        body: payload.to_owned(),
    };
    for endpoint in endpoints {
        super::jobs::enqueue(tx, JobKind::Webhook, None, Some(*endpoint), &job, now).await?;
    }
    Ok(endpoints.len() as u64)
}

impl Store {
    pub async fn create_webhook(
        &self,
        url: &str,
        events: &str,
        secret: &str,
        created_by: i64,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let (id,): (i64,) = query(
            "INSERT INTO webhooks (url, events, secret, active, created_by, created_at) \
                 VALUES ($1, $2, $3, TRUE, $4, $5) RETURNING id",
        )
        .bind(url)
        .bind(events)
        .bind(secret)
        .bind(created_by)
        .bind(now)
        .fetch_one(self.write())
        .await?;
        Ok(id)
    }

    pub async fn webhooks(&self) -> Result<Vec<WebhookRow>> {
        query("SELECT id, url, events, secret, active, created_at FROM webhooks ORDER BY id")
            .fetch_all(self.read())
            .await
    }

    /// Removes an endpoint and its deliveries (its log, and what it was still to be sent) in
    /// one transaction; false when there was none.
    pub async fn delete_webhook(&self, id: i64) -> Result<bool> {
        let mut tx = self.begin().await?;
        super::jobs::delete_for_subject(&mut tx, JobKind::Webhook, id).await?;
        let n = query("DELETE FROM webhooks WHERE id = $1")
            .bind(id)
            .execute(&mut tx)
            .await?;
        tx.commit().await?;
        Ok(n == 1)
    }

    /// Announces the articles whose scheduled publication time has come since the last run:
    /// those with `published_at` in (cursor, now] that were created before that time (an article
    /// published at once is announced by whoever published it, and an imported archive is not
    /// news). The cursor moves by compare-and-set in the same transaction as the queueing, so
    /// with several processes each article is announced once. `payload` makes an article's
    /// event body from (slug, headline, summary, published_at). Returns how many were queued.
    pub async fn announce_scheduled(
        &self,
        now: DateTime<Utc>,
        payload: impl Fn(&str, &str, &str, DateTime<Utc>) -> String,
    ) -> Result<usize> {
        const JOB: &str = "announce_scheduled";
        let cursor: Option<(DateTime<Utc>,)> = query("SELECT at FROM job_cursors WHERE name = $1")
            .bind(JOB)
            .fetch_optional(self.read())
            .await?;
        let Some((since,)) = cursor else {
            // First run: start from now; nothing before it was scheduled by this feature.
            query(
                "INSERT INTO job_cursors (name, at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
            )
            .bind(JOB)
            .bind(now)
            .execute(self.write())
            .await?;
            return Ok(0);
        };
        type Due = (String, String, String, DateTime<Utc>);
        let due: Vec<Due> = query(
            "SELECT slug, title, summary, published_at FROM articles \
                 WHERE published_at > $1 AND published_at <= $2 AND created_at < published_at \
                 ORDER BY published_at, id LIMIT 500",
        )
        .bind(since)
        .bind(now)
        .fetch_all(self.read())
        .await?;
        // Nothing due: leave the cursor (no write); the next run looks at a wider window.
        if due.is_empty() {
            return Ok(0);
        }
        let upto = due.last().map(|d| d.3).unwrap_or(now);
        let event = crate::domain::webhook::Event::ArticlePublished.as_str();
        let mut tx = self.begin().await?;
        let queued = {
            let moved = query("UPDATE job_cursors SET at = $1 WHERE name = $2 AND at = $3")
                .bind(upto)
                .bind(JOB)
                .bind(since)
                .execute(&mut tx)
                .await?;
            if moved != 1 {
                // Another process got there first; its transaction announces these.
                return Ok(0);
            }
            for (slug, title, summary, published_at) in &due {
                let body = payload(slug, title, summary, *published_at);
                super::webhooks::enqueue(&mut tx, event, &body, now).await?;
            }
            due.len()
        };
        tx.commit().await?;
        Ok(queued)
    }

    /// The latest deliveries, newest first, optionally of one endpoint.
    pub async fn recent_deliveries(
        &self,
        webhook_id: Option<i64>,
        limit: i64,
    ) -> Result<Vec<DeliveryRow>> {
        let jobs = self
            .recent_jobs(JobKind::Webhook, webhook_id, limit)
            .await?;
        if jobs.is_empty() {
            return Ok(Vec::new());
        }
        let hooks = self.webhooks().await?;
        Ok(jobs
            .into_iter()
            .filter_map(|job| {
                let hook = hooks.iter().find(|h| Some(h.id) == job.subject_id)?;
                // A payload that cannot be read still shows in the log, without its event.
                let event = serde_json::from_str::<DeliveryPayload>(&job.payload)
                    .map(|p| p.event)
                    .unwrap_or_default();
                Some(DeliveryRow {
                    id: job.id,
                    webhook_id: hook.id,
                    url: hook.url.clone(),
                    event,
                    status: DeliveryStatus::of(job.status),
                    attempts: job.attempts,
                    next_attempt_at: job.run_at,
                    last_status: job.last_code,
                    last_error: job.last_error,
                    created_at: job.created_at,
                    delivered_at: job.finished_at.filter(|_| job.status == JobStatus::Done),
                })
            })
            .collect())
    }

    /// Whether any delivery is due (a read, so idle polling costs no write).
    pub async fn deliveries_due(&self, now: DateTime<Utc>) -> Result<bool> {
        self.jobs_due(JobKind::Webhook, now).await
    }

    /// Claims up to `limit` due deliveries for one attempt each, leased until `lease_until`: a
    /// worker that dies mid-attempt leaves them to be tried again then (see
    /// [`Store::claim_jobs`]). The worker records the outcome with [`Store::complete_job`] or
    /// [`Store::fail_job`].
    pub async fn claim_deliveries(
        &self,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<ClaimedDelivery>> {
        let claimed = self
            .claim_jobs::<DeliveryPayload>(JobKind::Webhook, now, lease_until - now, limit)
            .await?;
        if claimed.is_empty() {
            return Ok(Vec::new());
        }
        let hooks = self.webhooks().await?;
        // An endpoint deleted since takes its deliveries with it: nothing to send.
        Ok(claimed
            .into_iter()
            .filter_map(|job| {
                let hook = hooks.iter().find(|h| Some(h.id) == job.subject_id)?;
                Some(ClaimedDelivery {
                    id: job.id,
                    event: job.payload.event,
                    payload: job.payload.body,
                    attempts: job.attempt,
                    url: hook.url.clone(),
                    secret: hook.secret.clone(),
                })
            })
            .collect())
    }

    /// Sends a delivery again at once (an admin's "redeliver"), whatever became of it.
    pub async fn redeliver(&self, id: i64, now: DateTime<Utc>) -> Result<bool> {
        self.run_job_again(JobKind::Webhook, id, now).await
    }
}
