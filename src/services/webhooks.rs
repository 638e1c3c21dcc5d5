//! Delivers queued webhook events. Every server process runs one [`Dispatcher`]; they share the
//! job queue in the database (see `store::jobs` and `store::webhooks`), so a delivery is made
//! once whichever process queued it, and one that was in flight when its process died is tried
//! again after its lease.
//!
//! A delivery is sent off the request path: the request that caused an event only queues it (in
//! its own transaction), so a slow or failing receiver never slows a reader or a writer.
//!
//! A receiver's address is checked when the delivery connects, not when the endpoint is
//! registered: a name can resolve to another address by then (DNS rebinding). Unless the site
//! allows private receivers, the client resolves names itself and keeps only public addresses
//! ([`crate::domain::network::internal_address`]); an address written in the URL is checked
//! before sending; redirects are not followed, and no HTTP proxy is used (through one, the
//! address checked would be the proxy's).

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::domain::Clock;
use crate::domain::jobs::JobKind;
use crate::domain::network::internal_address;
use crate::domain::webhook::signature;
use crate::store::Store;
use crate::store::webhooks::ClaimedDelivery;

/// How long a receiver has to answer (less than the lease of `JobKind::Webhook`).
const SEND_TIMEOUT: Duration = Duration::from_secs(10);
/// Deliveries sent side by side by one process.
const BATCH: i64 = 10;
/// How often the queue is looked at when nothing woke the worker (events queued by another
/// process, retries coming due).
const POLL: Duration = Duration::from_secs(1);

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

/// Wakes this process's delivery worker when it queued something.
#[derive(Clone, Default)]
pub struct Dispatcher {
    wake: super::wake::Wake,
}

impl Dispatcher {
    pub fn wake(&self) {
        self.wake.wake();
    }

    /// Delivers until `stop` turns true; to receivers inside the network only when
    /// `allow_private` (`--webhooks-allow-private`).
    pub async fn run(
        self,
        store: Store,
        clock: Clock,
        base_url: String,
        pages: std::sync::Arc<crate::web::cache::PageCache>,
        allow_private: bool,
        mut stop: tokio::sync::watch::Receiver<bool>,
    ) {
        let client = match delivery_client(allow_private) {
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
            match deliver_due(&store, &clock, &client, allow_private).await {
                // A full batch: there may be more waiting.
                Ok(n) if n as i64 >= BATCH => continue,
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "webhook queue unavailable"),
            }
            self.wake.wait(POLL, &mut stop).await;
        }
    }
}

/// The HTTP client deliveries are sent with.
fn delivery_client(allow_private: bool) -> reqwest::Result<reqwest::Client> {
    let builder = reqwest::Client::builder()
        .timeout(SEND_TIMEOUT)
        // A receiver's redirect is not followed: the registered URL is where events go.
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("Broadsheet-Webhooks/", env!("CARGO_PKG_VERSION")));
    if allow_private {
        return builder.build();
    }
    builder
        .no_proxy()
        .dns_resolver(Arc::new(PublicAddressesOnly))
        .build()
}

/// A receiver's address that webhooks may not reach.
#[derive(Debug)]
struct InternalAddress {
    /// The host as the URL names it.
    host: String,
    ip: IpAddr,
    kind: &'static str,
}

impl std::fmt::Display for InternalAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Self { host, ip, kind } = self;
        let a = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        let bare = host.trim_matches(['[', ']']);
        if bare == ip.to_string() {
            write!(f, "refused: {ip} is {a} {kind} address")?;
        } else if bare.parse::<IpAddr>().is_ok() {
            // Another spelling of the address (IPv4-mapped IPv6).
            write!(f, "refused: {host} ({ip}) is {a} {kind} address")?;
        } else {
            write!(f, "refused: {host} resolves to {ip}, {a} {kind} address")?;
        }
        f.write_str(
            " inside the network. Webhooks are sent only to public addresses unless the site \
             is started with --webhooks-allow-private",
        )
    }
}

impl std::error::Error for InternalAddress {}

/// Resolves receivers' names, keeping only the public addresses: the connection can only go to
/// an address that passed the check.
pub(crate) struct PublicAddressesOnly;

impl reqwest::dns::Resolve for PublicAddressesOnly {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let found: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let (public, internal): (Vec<SocketAddr>, Vec<SocketAddr>) = found
                .into_iter()
                .partition(|a| internal_address(a.ip()).is_none());
            if public.is_empty()
                && let Some(first) = internal.first()
            {
                let ip = first.ip().to_canonical();
                let kind = internal_address(ip).unwrap_or("private");
                return Err(Box::new(InternalAddress { host, ip, kind }) as _);
            }
            Ok(Box::new(public.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

/// The refusal of a URL whose host is an address inside the network (names are checked when
/// they are resolved).
fn internal_literal(url: &str) -> Option<InternalAddress> {
    let url = reqwest::Url::parse(url).ok()?;
    // The parser has already turned other spellings of an address (2130706433, 0x7f.1) into
    // the usual one; IPv6 comes in brackets.
    let host = url.host_str()?;
    let ip: IpAddr = host.trim_matches(['[', ']']).parse().ok()?;
    let kind = internal_address(ip)?;
    Some(InternalAddress {
        host: host.to_owned(),
        ip: ip.to_canonical(),
        kind,
    })
}

/// What went wrong with a send, for the delivery log: the refusal of an internal address as it
/// is, otherwise reqwest's message with its causes.
fn send_error(e: &reqwest::Error) -> String {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(e);
    let mut chain = Vec::new();
    while let Some(c) = cause {
        if let Some(refused) = c.downcast_ref::<InternalAddress>() {
            return refused.to_string();
        }
        let text = c.to_string();
        if !chain.iter().any(|t: &String| t.contains(&text)) {
            chain.push(text);
        }
        cause = c.source();
    }
    format!("could not send: {}", chain.join(": "))
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
    allow_private: bool,
) -> crate::store::Result<usize> {
    let now = clock.now();
    // A cheap read first, so an idle queue never takes SQLite's single writer.
    if !store.deliveries_due(now).await? {
        return Ok(0);
    }
    let lease = JobKind::Webhook.policy().lease;
    let claimed = store.claim_deliveries(now, now + lease, BATCH).await?;
    let n = claimed.len();
    let attempts = claimed.into_iter().map(|d| async move {
        let outcome = send(client, &d, clock, allow_private).await;
        match &outcome {
            AttemptOutcome::Delivered { status } => {
                tracing::info!(delivery = d.id, event = %d.event, status, "webhook delivered");
            }
            AttemptOutcome::Failed { status, error, retry_at } => {
                tracing::warn!(delivery = d.id, event = %d.event, ?status, %error, ?retry_at, "webhook attempt failed");
            }
        }
        match record(store, &d, &outcome, clock.now()).await {
            Ok(true) => {}
            Ok(false) => {
                tracing::warn!(delivery = d.id, attempt = d.attempts, "webhook attempt outlived its lease; a later attempt's outcome stands");
            }
            Err(e) => {
                tracing::error!(delivery = d.id, error = %e, "could not record a webhook attempt");
            }
        }
    });
    futures_util::future::join_all(attempts).await;
    Ok(n)
}

/// Records what attempt `d.attempts` came to; false when the delivery is no longer this
/// attempt's (see [`Store::complete_job`]).
async fn record(
    store: &Store,
    d: &ClaimedDelivery,
    outcome: &AttemptOutcome,
    now: DateTime<Utc>,
) -> crate::store::Result<bool> {
    match outcome {
        AttemptOutcome::Delivered { status } => {
            store
                .complete_job(d.id, d.attempts, now, Some(i64::from(*status)))
                .await
        }
        AttemptOutcome::Failed {
            status,
            error,
            retry_at,
        } => {
            let code = status.map(i64::from);
            store
                .fail_job(d.id, d.attempts, now, error, code, *retry_at)
                .await
        }
    }
}

async fn send(
    client: &reqwest::Client,
    d: &ClaimedDelivery,
    clock: &Clock,
    allow_private: bool,
) -> AttemptOutcome {
    let retry_at = JobKind::Webhook.policy().retry_at(d.attempts, clock.now());
    if !allow_private && let Some(refused) = internal_literal(&d.url) {
        return AttemptOutcome::Failed {
            status: None,
            error: refused.to_string(),
            retry_at,
        };
    }
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
        Err(e) => (None, send_error(&e)),
    };
    AttemptOutcome::Failed {
        status,
        error,
        retry_at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::dns::Resolve;

    #[test]
    fn addresses_written_in_the_url_are_checked_in_every_spelling() {
        #[rustfmt::skip]
        let cases = [
            ("http://127.0.0.1:8080/hook", Some("refused: 127.0.0.1 is a loopback address")),
            ("http://2130706433/hook", Some("refused: 127.0.0.1 is a loopback address")),
            ("http://0x7f.1/hook", Some("refused: 127.0.0.1 is a loopback address")),
            ("http://[::1]/hook", Some("refused: ::1 is a loopback address")),
            ("http://[::ffff:10.0.0.1]/hook", Some("refused: [::ffff:a00:1] (10.0.0.1) is a private address")),
            ("http://0.0.0.0/hook", Some("refused: 0.0.0.0 is an unspecified address")),
            ("http://[::]/hook", Some("refused: :: is an unspecified address")),
            ("http://169.254.169.254/latest/meta-data", Some("refused: 169.254.169.254 is a link-local address")),
            ("http://100.64.1.1/hook", Some("refused: 100.64.1.1 is a shared (carrier-grade NAT) address")),
            ("http://224.0.0.1/hook", Some("refused: 224.0.0.1 is a multicast address")),
            ("http://255.255.255.255/hook", Some("refused: 255.255.255.255 is a broadcast address")),
            ("https://93.184.215.14/hook", None),
            ("https://hooks.example.org/hook", None),
            ("https://localhost/hook", None), // a name: checked when it is resolved
        ];
        for (url, expected) in cases {
            let got = internal_literal(url).map(|r| r.to_string());
            match expected {
                Some(start) => {
                    let got = got.unwrap_or_else(|| panic!("{url} passed"));
                    assert!(got.starts_with(start), "{url}: {got}");
                    assert!(got.contains("--webhooks-allow-private"), "{got}");
                }
                None => assert_eq!(got, None, "{url}"),
            }
        }
    }

    #[tokio::test]
    async fn names_are_resolved_to_public_addresses_only() {
        let refused = PublicAddressesOnly
            .resolve("localhost".parse().unwrap())
            .await
            .err()
            .expect("localhost is refused")
            .to_string();
        assert!(
            refused.starts_with("refused: localhost resolves to "),
            "{refused}"
        );
        assert!(refused.contains("a loopback address"), "{refused}");
        // An address given as a name is resolved, and checked, too.
        assert!(
            PublicAddressesOnly
                .resolve("10.1.2.3".parse().unwrap())
                .await
                .is_err()
        );
    }
}
