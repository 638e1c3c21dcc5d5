//! Purges the shared caches in front of the site (`--purge-url`): Varnish with the xkey module,
//! or a CDN's purge API. A change of cached pages queues one job of kind `purge` with the
//! surrogate keys it touches (`web::cache::PageCache::changed`); every server process runs one
//! [`Purger`], which claims due purges, sends their keys to every purge URL and records the
//! outcome. A cache that cannot be reached keeps the jobs pending, tried again with the
//! queue's growing delays (`domain::jobs`), so a purge is not lost while a cache restarts.
//!
//! Each URL is sent, per round, one request naming the keys of every purge claimed:
//!
//! - `http(s)://…` (Varnish): `PURGE` with the keys, space-separated, in `xkey-purge`;
//! - `post+https://…` (a CDN's API): `POST` of `{"surrogate_keys": ["…", …]}` as JSON, user and
//!   password in the URL sent as HTTP Basic authentication.
//!
//! A round succeeds when every URL answers 2xx; otherwise every purge of it is tried again at
//! every URL (purging twice is harmless). A purge is sent once more two seconds after its first
//! delivery, and only then done: the other processes hear of a change through PostgreSQL a
//! moment after it is committed, and a cache that refilled a page from one of them in that
//! moment would keep the old page for its whole lifetime.

use std::time::Duration;

use crate::config::{PurgeShape, PurgeUrl};
use crate::domain::Clock;
use crate::domain::jobs::JobKind;
use crate::store::Store;
use crate::store::purges::PurgePayload;

/// How long a cache has to answer (well within the lease of `JobKind::Purge`).
const SEND_TIMEOUT: Duration = Duration::from_secs(5);
/// Purges claimed, and sent together, per round.
const BATCH: i64 = 100;
/// When a purge is sent again after its first delivery (`Store::repeat_purge`): well past the
/// moment other processes take to hear of a change.
const REPEAT_AFTER: chrono::Duration = chrono::Duration::seconds(2);
/// How often the queue is looked at when nothing woke the worker (purges queued by another
/// process, retries coming due).
const POLL: Duration = Duration::from_secs(1);

/// Wakes this process's purge worker when it queued a purge.
#[derive(Clone, Default)]
pub struct Purger {
    wake: super::wake::Wake,
}

impl Purger {
    pub fn wake(&self) {
        self.wake.wake();
    }

    /// Purges until `stop` turns true.
    pub async fn run(
        self,
        store: Store,
        clock: Clock,
        urls: Vec<PurgeUrl>,
        mut stop: tokio::sync::watch::Receiver<bool>,
    ) {
        let client = match reqwest::Client::builder()
            .timeout(SEND_TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("Broadsheet-Purge/", env!("CARGO_PKG_VERSION")))
            .build()
        {
            Ok(c) => c,
            Err(e) => {
                tracing::error!(error = %e, "cache purging disabled: no HTTP client");
                return;
            }
        };
        loop {
            if *stop.borrow() {
                return;
            }
            match purge_due(&store, &clock, &client, &urls).await {
                Ok(n) if n as i64 >= BATCH => continue,
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "purge queue unavailable"),
            }
            self.wake.wait(POLL, &mut stop).await;
        }
    }
}

/// Claims the purges that are due and sends their keys to every URL; how many were claimed.
async fn purge_due(
    store: &Store,
    clock: &Clock,
    client: &reqwest::Client,
    urls: &[PurgeUrl],
) -> crate::store::Result<usize> {
    let now = clock.now();
    // A cheap read first, so an idle queue never takes SQLite's single writer.
    if !store.jobs_due(JobKind::Purge, now).await? {
        return Ok(0);
    }
    let policy = JobKind::Purge.policy();
    let claimed = store
        .claim_jobs::<PurgePayload>(JobKind::Purge, now, policy.lease, BATCH)
        .await?;
    let mut keys: Vec<String> = claimed
        .iter()
        .flat_map(|j| j.payload.keys.iter().cloned())
        .collect();
    keys.sort();
    keys.dedup();
    let sent = futures_util::future::join_all(urls.iter().map(|u| send(client, u, &keys))).await;
    let failures: Vec<String> = sent.into_iter().filter_map(Result::err).collect();
    let done = clock.now();
    for job in &claimed {
        let recorded = if failures.is_empty() && job.payload.repeat {
            store
                .repeat_purge(job.id, job.attempt, &job.payload.keys, done + REPEAT_AFTER)
                .await?
        } else if failures.is_empty() {
            store.complete_job(job.id, job.attempt, done, None).await?
        } else {
            let retry_at = policy.retry_at(job.attempt, done);
            store
                .fail_job(
                    job.id,
                    job.attempt,
                    done,
                    &failures.join("; "),
                    None,
                    retry_at,
                )
                .await?
        };
        if !recorded {
            tracing::warn!(job = job.id, "purge attempt outlived its lease");
        }
    }
    if failures.is_empty() {
        tracing::debug!(purges = claimed.len(), keys = %keys.join(" "), "shared caches purged");
    } else {
        tracing::warn!(purges = claimed.len(), errors = %failures.join("; "), "shared cache purge failed; will retry");
    }
    Ok(claimed.len())
}

/// Sends `keys` to one purge URL; what went wrong, naming the cache, if it did not answer 2xx.
async fn send(client: &reqwest::Client, to: &PurgeUrl, keys: &[String]) -> Result<(), String> {
    let request = match to.shape {
        PurgeShape::Xkey => client
            .request(
                reqwest::Method::from_bytes(b"PURGE").expect("a valid method"),
                &to.url,
            )
            .header("xkey-purge", keys.join(" ")),
        PurgeShape::Json => client
            .post(&to.url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(serde_json::json!({ "surrogate_keys": keys }).to_string()),
    };
    let host = reqwest::Url::parse(&to.url)
        .ok()
        .and_then(|u| {
            u.host_str()
                .map(|h| format!("{h}:{}", u.port_or_known_default().unwrap_or(0)))
        })
        .unwrap_or_default();
    match request.send().await {
        Ok(r) if r.status().is_success() => Ok(()),
        Ok(r) => Err(format!("{host} answered {}", r.status())),
        Err(e) if e.is_timeout() => Err(format!("{host}: no answer within {SEND_TIMEOUT:?}")),
        Err(e) if e.is_connect() => Err(format!("{host}: could not connect")),
        Err(e) => Err(format!("{host}: {}", e.without_url())),
    }
}
