//! Webhook endpoints and their deliveries. The deliveries table is both the work queue of the
//! delivery workers (any number of server processes share it) and the delivery log admins read.

use chrono::{DateTime, Utc};

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

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct DeliveryRow {
    pub id: i64,
    pub webhook_id: i64,
    pub url: String,
    pub event: String,
    pub status: String,
    pub attempts: i64,
    pub next_attempt_at: DateTime<Utc>,
    pub last_status: Option<i64>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
}

/// A delivery claimed by a worker: what to send and where.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ClaimedDelivery {
    pub id: i64,
    pub event: String,
    pub payload: String,
    pub attempts: i64,
    pub url: String,
    pub secret: String,
}

/// What became of one attempt.
#[derive(Clone, Debug)]
pub enum AttemptOutcome {
    Delivered {
        status: u16,
    },
    Failed {
        status: Option<u16>,
        error: String,
        /// When to try again; `None` gives up.
        retry_at: Option<DateTime<Utc>>,
    },
}

/// Queues `event` with `payload` for every active endpoint subscribed to it, inside the
/// transaction that makes the change it announces: the announcement and the change are
/// committed together or not at all.
pub(crate) async fn enqueue(
    tx: &mut Tx,
    event: &str,
    payload: &str,
    now: DateTime<Utc>,
) -> Result<u64> {
    query(
        "INSERT INTO webhook_deliveries (webhook_id, event, payload, status, attempts, next_attempt_at, created_at) \
         SELECT id, $1, $2, 'pending', 0, $3, $3 FROM webhooks \
         WHERE active = TRUE AND (' ' || events || ' ') LIKE ('% ' || $1 || ' %')",
    )
    .bind(event)
    .bind(payload)
    .bind(now)
    .execute(tx)
    .await
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

    /// Removes an endpoint and its delivery log; false when there was none.
    pub async fn delete_webhook(&self, id: i64) -> Result<bool> {
        let n = query("DELETE FROM webhooks WHERE id = $1")
            .bind(id)
            .execute(self.write())
            .await?;
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
        query(
            "SELECT d.id, d.webhook_id, w.url, d.event, d.status, d.attempts, d.next_attempt_at, \
                        d.last_status, d.last_error, d.created_at, d.delivered_at \
                 FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id \
                 WHERE ($1 IS NULL OR d.webhook_id = $1) ORDER BY d.id DESC LIMIT $2",
        )
        .bind(webhook_id)
        .bind(limit)
        .fetch_all(self.read())
        .await
    }

    /// Whether any delivery is due (a read, so idle polling costs no write).
    pub async fn deliveries_due(&self, now: DateTime<Utc>) -> Result<bool> {
        let row: Option<(i64,)> = query(
                "SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= $1 LIMIT 1",
            )
            .bind(now)
            .fetch_optional(self.read())
            .await?;
        Ok(row.is_some())
    }

    /// Claims up to `limit` due deliveries for one attempt each. A claim pushes the delivery's
    /// next attempt to `lease_until`, so a worker that dies mid-attempt leaves it to be tried
    /// again then; on PostgreSQL, `SKIP LOCKED` lets several processes claim side by side
    /// without waiting on each other (SQLite has one writer, so its claims are serial anyway).
    pub async fn claim_deliveries(
        &self,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<ClaimedDelivery>> {
        let lock = match self.backend() {
            super::Backend::Postgres => " FOR UPDATE SKIP LOCKED",
            super::Backend::Sqlite => "",
        };
        let sql = format!(
            "UPDATE webhook_deliveries SET attempts = attempts + 1, next_attempt_at = $1 \
             WHERE id IN (SELECT id FROM webhook_deliveries \
                          WHERE status = 'pending' AND next_attempt_at <= $2 \
                          ORDER BY next_attempt_at, id LIMIT $3{lock}) \
             RETURNING id, webhook_id, event, payload, attempts"
        );
        let claimed: Vec<(i64, i64, String, String, i64)> = query(&sql)
            .bind(lease_until)
            .bind(now)
            .bind(limit)
            .fetch_all(self.write())
            .await?;
        if claimed.is_empty() {
            return Ok(Vec::new());
        }
        let hooks = self.webhooks().await?;
        Ok(claimed
            .into_iter()
            .filter_map(|(id, webhook_id, event, payload, attempts)| {
                let hook = hooks.iter().find(|h| h.id == webhook_id)?;
                Some(ClaimedDelivery {
                    id,
                    event,
                    payload,
                    attempts,
                    url: hook.url.clone(),
                    secret: hook.secret.clone(),
                })
            })
            .collect())
    }

    /// Records what an attempt came to.
    pub async fn record_attempt(
        &self,
        id: i64,
        outcome: &AttemptOutcome,
        now: DateTime<Utc>,
    ) -> Result<()> {
        match outcome {
            AttemptOutcome::Delivered { status } => query(
                    "UPDATE webhook_deliveries SET status = 'delivered', delivered_at = $1, \
                     last_status = $2, last_error = NULL WHERE id = $3",
                )
                .bind(now)
                .bind(i64::from(*status))
                .bind(id)
                .execute(self.write())
                .await?,
            AttemptOutcome::Failed {
                status,
                error,
                retry_at,
            } => query(
                    "UPDATE webhook_deliveries SET status = $1, next_attempt_at = COALESCE($2, next_attempt_at), \
                     last_status = $3, last_error = $4 WHERE id = $5",
                )
                .bind(if retry_at.is_some() { "pending" } else { "failed" })
                .bind(*retry_at)
                .bind(status.map(i64::from))
                .bind(error)
                .bind(id)
                .execute(self.write())
                .await?,
        };
        Ok(())
    }

    /// Sends a delivery again at once (an admin's "redeliver"), whatever became of it.
    pub async fn redeliver(&self, id: i64, now: DateTime<Utc>) -> Result<bool> {
        let n = query(
            "UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = $1, attempts = 0 \
                 WHERE id = $2",
        )
        .bind(now)
        .bind(id)
        .execute(self.write())
        .await?;
        Ok(n == 1)
    }
}
