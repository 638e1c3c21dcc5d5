//! Limits against slow, large and too many clients.
//!
//! Connections are served with hyper's HTTP/1 builder directly (axum 0.8's `serve` does not
//! expose its settings) so that:
//!
//! - a client has `header_timeout` to send a request's head; hyper starts that clock when a
//!   kept-alive connection goes idle too, so it also bounds idle connections (slowloris clients
//!   that trickle headers, and idle sockets, are closed);
//! - a request head larger than `max_header_bytes` is answered 431 and the connection closed;
//! - at most `max_concurrent_requests` requests are handled at once: the next one is answered
//!   503 with `Retry-After` at once instead of queueing. Live-update streams
//!   (`/articles/{slug}/live`) are long-lived and not counted; once their headers are read, no
//!   timeout here applies to them.
//!
//! Graceful shutdown works as with `axum::serve`: on the signal the listener closes, idle
//! connections close, requests in flight finish.

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::sync::{Semaphore, watch};

use crate::config::Config;

/// The connection settings of [`serve`], taken from the configuration.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub header_timeout: Duration,
    pub max_header_bytes: usize,
}

impl Limits {
    pub fn from_config(config: &Config) -> Limits {
        Limits {
            header_timeout: config.header_timeout,
            max_header_bytes: config.max_header_bytes,
        }
    }
}

/// Accepts connections and serves `app` on each until `shutdown` resolves, then stops accepting
/// and waits for the open connections to finish their requests and close.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: crate::web::cache::front::Front,
    limits: Limits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .max_header_size(limits.max_header_bytes);
    let http = Arc::new(http);
    // Connections hold a `closed` receiver until they end; `stop` tells them to wind down.
    let (stop_tx, stop_rx) = watch::channel(false);
    let (closed_tx, closed_rx) = watch::channel(());
    let mut shutdown = pin!(shutdown);
    loop {
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(e) => {
                    // Out of file descriptors and the like: the error is the connection's, the
                    // listener stays usable. Pause so the loop does not spin.
                    tracing::warn!(error = %e, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let service = app.connection(remote);
        let http = http.clone();
        let mut stop = stop_rx.clone();
        let closed = closed_rx.clone();
        tokio::spawn(async move {
            let conn = http
                .serve_connection(TokioIo::new(stream), TowerToHyperService::new(service))
                .with_upgrades();
            let mut conn = pin!(conn);
            let stopping = async move {
                let _ = stop.wait_for(|s| *s).await;
            };
            let result = tokio::select! {
                r = conn.as_mut() => r,
                _ = stopping => {
                    conn.as_mut().graceful_shutdown();
                    conn.await
                }
            };
            if let Err(e) = result {
                tracing::debug!(error = %e, %remote, "connection ended with an error");
            }
            drop(closed);
        });
    }
    drop(listener);
    let _ = stop_tx.send(true);
    drop(closed_rx);
    closed_tx.closed().await;
    Ok(())
}

/// The number of requests handled at once, shared by every connection.
#[derive(Clone)]
pub struct ConcurrencyLimit(Arc<Semaphore>);

impl ConcurrencyLimit {
    pub fn new(max: usize) -> ConcurrencyLimit {
        ConcurrencyLimit(Arc::new(Semaphore::new(max.max(1))))
    }
}

/// Middleware: handles the request when a slot is free, answers 503 with `Retry-After` at once
/// when none is. Live-update streams pass uncounted.
pub async fn shed(State(limit): State<ConcurrencyLimit>, req: Request, next: Next) -> Response {
    if is_live_stream(req.uri().path()) {
        return next.run(req).await;
    }
    let Ok(permit) = limit.0.try_acquire_owned() else {
        tracing::warn!("too many requests in flight: answering 503");
        return crate::web::error::error_response(
            StatusCode::SERVICE_UNAVAILABLE,
            crate::web::error::BUSY_TITLE,
            crate::web::error::BUSY_MESSAGE.to_owned(),
        );
    };
    let response = next.run(req).await;
    drop(permit);
    response
}

fn is_live_stream(path: &str) -> bool {
    path.starts_with("/articles/") && path.ends_with("/live")
}
