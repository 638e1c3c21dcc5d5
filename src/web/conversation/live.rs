//! Live updates over Server-Sent Events.
//!
//! Each process has one broadcast channel. A new comment is announced on it: directly on SQLite
//! (one process), and on PostgreSQL through `NOTIFY broadsheet_comments` sent in the comment's
//! own transaction, which every process (the poster's included) hears with `LISTEN` and
//! re-broadcasts to its subscribers. The browser then fetches the comment's HTML from the server;
//! no comment text travels in the event.
//!
//! A stream holds a connection for as long as the page is open, so each process bounds them:
//! at most `max_live_streams` in all and `max_live_streams_per_address` from one client address
//! ([`crate::web::session::ClientIp`]). Past either the answer is a plain 503 or 429, which makes the
//! browser's `EventSource` give up rather than retry (static/app.js tries again much later);
//! the page works without live updates. A stream's place is given back when it ends: the client
//! went away (the connection closed, so the response body is dropped) or the server stops.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::{broadcast, watch};

use crate::domain::Slug;
use crate::store::Store;
use crate::web::session::ClientIp;
use crate::web::{AppState, Error};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CommentPosted {
    pub article_id: i64,
    pub comment_id: i64,
}

#[derive(Clone)]
pub struct Hub {
    tx: broadcast::Sender<CommentPosted>,
    closing: watch::Sender<bool>,
    via_database: bool,
    slots: Arc<StreamSlots>,
}

/// The streams open in this process, in all and by client address, and their bounds.
struct StreamSlots {
    max_total: usize,
    max_per_address: usize,
    open: Mutex<OpenStreams>,
}

#[derive(Default)]
struct OpenStreams {
    total: usize,
    by_address: HashMap<String, usize>,
}

/// Why a stream was not opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Full {
    /// This address has as many streams open as it may.
    Address,
    /// The process has as many streams open as it may.
    Site,
}

/// An open stream's place, given back when it is dropped (with the stream).
struct StreamSlot {
    slots: Arc<StreamSlots>,
    address: String,
}

impl StreamSlots {
    fn take(slots: &Arc<StreamSlots>, address: &str) -> Result<StreamSlot, Full> {
        let mut open = slots.open.lock().unwrap_or_else(|e| e.into_inner());
        let of_address = open.by_address.get(address).copied().unwrap_or(0);
        if of_address >= slots.max_per_address {
            return Err(Full::Address);
        }
        if open.total >= slots.max_total {
            return Err(Full::Site);
        }
        open.total += 1;
        open.by_address.insert(address.to_owned(), of_address + 1);
        Ok(StreamSlot {
            slots: slots.clone(),
            address: address.to_owned(),
        })
    }

    fn open(&self) -> usize {
        self.open.lock().unwrap_or_else(|e| e.into_inner()).total
    }
}

impl Drop for StreamSlot {
    fn drop(&mut self) {
        let mut open = self.slots.open.lock().unwrap_or_else(|e| e.into_inner());
        open.total -= 1;
        if let Some(n) = open.by_address.get_mut(&self.address) {
            *n -= 1;
            if *n == 0 {
                open.by_address.remove(&self.address);
            }
        }
    }
}

pub const CHANNEL: &str = "broadsheet_comments";

impl Hub {
    /// Starts the hub: at most `max_streams` streams open at once, `max_per_address` of them
    /// from one client address.
    pub async fn start(
        store: &Store,
        max_streams: usize,
        max_per_address: usize,
    ) -> anyhow::Result<Hub> {
        let (tx, _) = broadcast::channel(1024);
        let (closing, _) = watch::channel(false);
        let via_database = if let Some(listener) = store.pg_listener().await {
            let mut listener = listener?;
            listener.listen(CHANNEL).await?;
            let tx = tx.clone();
            let mut stop = closing.subscribe();
            tokio::spawn(async move {
                loop {
                    tokio::select! {
                        _ = stop.changed() => break,
                        n = listener.recv() => match n {
                            Ok(n) => {
                                if let Some(event) = parse(n.payload()) {
                                    let _ = tx.send(event);
                                }
                            }
                            Err(e) => {
                                // PgListener reconnects on the next recv; pause so an outage
                                // does not spin.
                                tracing::warn!(error = %e, "live updates: listener lost its connection");
                                tokio::time::sleep(Duration::from_secs(1)).await;
                            }
                        }
                    }
                }
            });
            true
        } else {
            false
        };
        Ok(Hub {
            tx,
            closing,
            via_database,
            slots: Arc::new(StreamSlots {
                max_total: max_streams.max(1),
                max_per_address: max_per_address.max(1),
                open: Mutex::default(),
            }),
        })
    }

    /// Announces a committed comment. On PostgreSQL the NOTIFY sent with it does this for every
    /// process, so nothing is sent here.
    pub fn announce(&self, event: CommentPosted) {
        if !self.via_database {
            let _ = self.tx.send(event);
        }
    }

    pub fn subscribe(&self) -> broadcast::Receiver<CommentPosted> {
        self.tx.subscribe()
    }

    /// Ends every open stream (at shutdown, so long-lived connections do not hold it up).
    pub fn close(&self) {
        let _ = self.closing.send(true);
    }

    pub fn subscribers(&self) -> usize {
        self.tx.receiver_count()
    }

    /// Live-update streams open in this process now.
    pub fn open_streams(&self) -> usize {
        self.slots.open()
    }
}

fn parse(payload: &str) -> Option<CommentPosted> {
    let (a, c) = payload.split_once(':')?;
    Some(CommentPosted {
        article_id: a.parse().ok()?,
        comment_id: c.parse().ok()?,
    })
}

pub fn router() -> Router<AppState> {
    Router::new().route("/articles/{slug}/live", get(stream))
}

/// How long a refused client is asked to wait (the page's script waits longer still).
const REFUSED_RETRY_AFTER_SECS: &str = "60";

/// `GET /articles/{slug}/live`: an event stream with one `comment` event (data: the comment id)
/// per new comment on the article; 429 or 503 when this address or the process has as many
/// streams open as it may.
async fn stream(
    State(state): State<AppState>,
    ClientIp(address): ClientIp,
    Path(slug): Path<String>,
) -> Result<Response, Error> {
    // Before any database work, so refusing a flood costs nothing but this.
    let slot = match StreamSlots::take(&state.live.slots, &address) {
        Ok(slot) => slot,
        Err(full) => return Ok(refusal(full)),
    };
    let slug = Slug::parse(&slug).map_err(|_| Error::NotFound)?;
    let article = state
        .store
        .published_article(slug.as_str(), state.clock.now())
        .await?
        .ok_or(Error::NotFound)?;
    let article_id = article.card.id;
    let rx = state.live.subscribe();
    let stop = state.live.closing.subscribe();
    // The slot lives in the stream's state: it is given back when the stream is dropped.
    let events = futures_util::stream::unfold(
        (rx, stop, slot),
        move |(mut rx, mut stop, slot)| async move {
            loop {
                tokio::select! {
                    _ = stop.changed() => return None,
                    r = rx.recv() => match r {
                        Ok(e) if e.article_id == article_id => {
                            let event = Event::default().event("comment").data(e.comment_id.to_string());
                            return Some((Ok::<_, Infallible>(event), (rx, stop, slot)));
                        }
                        Ok(_) => continue,
                        // Fell behind: tell the page to catch up by reloading the list.
                        Err(broadcast::error::RecvError::Lagged(_)) => {
                            return Some((Ok(Event::default().event("resync").data("")), (rx, stop, slot)));
                        }
                        Err(broadcast::error::RecvError::Closed) => return None,
                    }
                }
            }
        },
    );
    let mut response = Sse::new(events)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(20)))
        .into_response();
    // nginx passes the events on as they come instead of buffering them.
    response.headers_mut().insert(
        header::HeaderName::from_static("x-accel-buffering"),
        HeaderValue::from_static("no"),
    );
    Ok(response)
}

/// The plain answer to a stream past the bounds: no error page (nobody reads it; the
/// `EventSource` only sees that it failed, and does not retry).
fn refusal(full: Full) -> Response {
    let (status, message) = match full {
        Full::Address => (
            StatusCode::TOO_MANY_REQUESTS,
            "Too many live-update streams are open from your address. The page works without \
             them; reload it later for new comments.\n",
        ),
        Full::Site => (
            StatusCode::SERVICE_UNAVAILABLE,
            "The site has as many live-update streams open as it can take. The page works \
             without them; reload it later for new comments.\n",
        ),
    };
    tracing::debug!(?full, "live-update stream refused");
    let mut response = (
        status,
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
            (header::RETRY_AFTER, REFUSED_RETRY_AFTER_SECS),
        ],
        message,
    )
        .into_response();
    response
        .extensions_mut()
        .insert(crate::web::error::PlainAnswer);
    response
}
