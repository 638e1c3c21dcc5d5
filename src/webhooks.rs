//! Delivers queued webhook events. Every server process runs one [`Dispatcher`]; they share the
//! queue in the database (see `store::webhooks`), so a delivery is made once whichever process
//! queued it, and one that was in flight when its process died is tried again after its lease.
//!
//! A delivery is sent off the request path: the request that caused an event only queues it (in
//! its own transaction), so a slow or failing receiver never slows a reader or a writer.

use std::sync::Arc;
use std::time::Duration;

use chrono::Duration as ChronoDuration;
use tokio::sync::Notify;

use crate::domain::Clock;
use crate::domain::webhook::{MAX_ATTEMPTS, retry_delay, signature};
use crate::store::Store;
use crate::store::webhooks::{AttemptOutcome, ClaimedDelivery};

/// How long a receiver has to answer.
const SEND_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a claimed delivery is left alone before another worker may retry it.
const LEASE_SECS: i64 = 60;
/// Deliveries sent side by side by one process.
const BATCH: i64 = 10;
/// How often the queue is looked at when nothing woke the worker (events queued by another
/// process, retries coming due).
const POLL: Duration = Duration::from_secs(1);
/// The first retry waits this long; each further one twice as long.
pub const RETRY_BASE_SECS: i64 = 30;

/// Wakes this process's delivery worker when it queued something.
#[derive(Clone, Default)]
pub struct Dispatcher {
    notify: Arc<Notify>,
}

impl Dispatcher {
    pub fn wake(&self) {
        self.notify.notify_one();
    }

    /// Delivers until `stop` turns true.
    pub async fn run(
        self,
        store: Store,
        clock: Clock,
        base_url: String,
        pages: std::sync::Arc<crate::web::cache::PageCache>,
        mut stop: tokio::sync::watch::Receiver<bool>,
    ) {
        let client = match reqwest::Client::builder()
            .timeout(SEND_TIMEOUT)
            // A receiver's redirect is not followed: the registered URL is where events go.
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("Broadsheet-Webhooks/", env!("CARGO_PKG_VERSION")))
            .build()
        {
            Ok(c) => c,
            Err(e) => {
                tracing::error!(error = %e, "webhook delivery disabled: no HTTP client");
                return;
            }
        };
        loop {
            if *stop.borrow() {
                return;
            }
            match announce_scheduled(&store, &clock, &base_url).await {
                // Newly published articles belong on the cached front page and listings.
                Ok(n) if n > 0 => pages.changed(crate::web::cache::Change::Everything),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "could not announce scheduled articles"),
            }
            match deliver_due(&store, &clock, &client).await {
                // A full batch: there may be more waiting.
                Ok(n) if n as i64 >= BATCH => continue,
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "webhook queue unavailable"),
            }
            tokio::select! {
                _ = self.notify.notified() => {}
                _ = tokio::time::sleep(POLL) => {}
                _ = stop.changed() => {}
            }
        }
    }
}

/// Queues `article.published` for scheduled articles whose time has come.
async fn announce_scheduled(
    store: &Store,
    clock: &Clock,
    base_url: &str,
) -> crate::store::Result<usize> {
    let now = clock.now();
    let base = base_url.trim_end_matches('/');
    store
        .announce_scheduled(now, |slug, title, summary, published_at| {
            article_payload(
                crate::domain::webhook::Event::ArticlePublished,
                base,
                slug,
                title,
                summary,
                published_at,
                now,
            )
        })
        .await
}

/// The body of an article event (`article.published`, `article.updated`).
pub fn article_payload(
    event: crate::domain::webhook::Event,
    base_url: &str,
    slug: &str,
    title: &str,
    summary: &str,
    published_at: chrono::DateTime<chrono::Utc>,
    now: chrono::DateTime<chrono::Utc>,
) -> String {
    serde_json::json!({
        "event": event.as_str(),
        "occurred_at": now,
        "article": {
            "slug": slug,
            "headline": title,
            "summary": summary,
            "url": format!("{}/articles/{slug}", base_url.trim_end_matches('/')),
            "published_at": published_at,
        },
    })
    .to_string()
}

/// Claims and sends the deliveries that are due; returns how many were attempted.
async fn deliver_due(
    store: &Store,
    clock: &Clock,
    client: &reqwest::Client,
) -> crate::store::Result<usize> {
    let now = clock.now();
    // A cheap read first, so an idle queue never takes SQLite's single writer.
    if !store.deliveries_due(now).await? {
        return Ok(0);
    }
    let claimed = store
        .claim_deliveries(now, now + ChronoDuration::seconds(LEASE_SECS), BATCH)
        .await?;
    let n = claimed.len();
    let attempts = claimed.into_iter().map(|d| async move {
        let outcome = send(client, &d, clock).await;
        match &outcome {
            AttemptOutcome::Delivered { status } => {
                tracing::info!(delivery = d.id, event = %d.event, status, "webhook delivered");
            }
            AttemptOutcome::Failed { status, error, retry_at } => {
                tracing::warn!(delivery = d.id, event = %d.event, ?status, %error, ?retry_at, "webhook attempt failed");
            }
        }
        if let Err(e) = store.record_attempt(d.id, &outcome, clock.now()).await {
            tracing::error!(delivery = d.id, error = %e, "could not record a webhook attempt");
        }
    });
    futures_util::future::join_all(attempts).await;
    Ok(n)
}

async fn send(client: &reqwest::Client, d: &ClaimedDelivery, clock: &Clock) -> AttemptOutcome {
    let sent_at = clock.now();
    let result = client
        .post(&d.url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header("broadsheet-event", &d.event)
        .header("broadsheet-delivery", d.id.to_string())
        .header(
            "broadsheet-signature",
            signature(&d.secret, sent_at.timestamp(), &d.payload),
        )
        .body(d.payload.clone())
        .send()
        .await;
    let (status, error) = match result {
        Ok(r) if r.status().is_success() => {
            return AttemptOutcome::Delivered {
                status: r.status().as_u16(),
            };
        }
        Ok(r) => (
            Some(r.status().as_u16()),
            format!("the receiver answered {}", r.status()),
        ),
        Err(e) if e.is_timeout() => (
            None,
            format!("no answer within {} seconds", SEND_TIMEOUT.as_secs()),
        ),
        Err(e) => (None, format!("could not send: {e}")),
    };
    let retry_at = (d.attempts < MAX_ATTEMPTS)
        .then(|| clock.now() + retry_delay(ChronoDuration::seconds(RETRY_BASE_SECS), d.attempts));
    AttemptOutcome::Failed {
        status,
        error,
        retry_at,
    }
}
