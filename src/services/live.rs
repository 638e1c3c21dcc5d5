//! Live updates' fan-out, for the Server-Sent Events of `web/conversation/live.rs`.
//!
//! Each process has one broadcast channel. A new comment is announced on it: directly on SQLite
//! (one process), and on PostgreSQL through `NOTIFY broadsheet_comments` sent in the comment's
//! own transaction, which every process (the poster's included) hears with `LISTEN` and
//! re-broadcasts to its subscribers. The browser then fetches the comment's HTML from the server;
//! no comment text travels in the event. A live blog's updates (published, edited, deleted) go
//! the same way, on the same channel, as [`UpdateChanged`].
//!
//! A stream holds a connection for as long as the page is open, so each process bounds them:
//! at most `max_live_streams` in all and `max_live_streams_per_address` from one client address
//! (the client's address as the web layer resolves it). Past either the answer is a plain 503 or 429, which makes the
//! browser's `EventSource` give up rather than retry (static/app.js tries again much later);
//! the page works without live updates. A stream's place is given back when it ends: the client
//! went away (the connection closed, so the response body is dropped) or the server stops.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{broadcast, watch};

use crate::domain::live::{LiveUpdateId, UpdateAction};
use crate::store::Store;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CommentPosted {
    pub article_id: i64,
    pub comment_id: i64,
}

/// A live update readers see was published, edited or deleted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UpdateChanged {
    pub article_id: i64,
    pub update: LiveUpdateId,
    pub action: UpdateAction,
}

/// What the streams of an article hear of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LiveEvent {
    Comment(CommentPosted),
    Update(UpdateChanged),
}

impl LiveEvent {
    pub fn article_id(self) -> i64 {
        match self {
            LiveEvent::Comment(c) => c.article_id,
            LiveEvent::Update(u) => u.article_id,
        }
    }
}

#[derive(Clone)]
pub struct Hub {
    tx: broadcast::Sender<LiveEvent>,
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
pub enum Full {
    /// This address has as many streams open as it may.
    Address,
    /// The process has as many streams open as it may.
    Site,
}

/// An open stream's place, given back when it is dropped (with the stream).
pub struct StreamSlot {
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

pub use crate::store::COMMENTS_CHANNEL as CHANNEL;

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
            let _ = self.tx.send(LiveEvent::Comment(event));
        }
    }

    /// Announces a committed change to a live update readers see; on PostgreSQL its NOTIFY
    /// (sent by the store in the change's transaction) does this for every process.
    pub fn announce_update(&self, event: UpdateChanged) {
        if !self.via_database {
            let _ = self.tx.send(LiveEvent::Update(event));
        }
    }

    pub fn subscribe(&self) -> broadcast::Receiver<LiveEvent> {
        self.tx.subscribe()
    }

    /// Ends every open stream (at shutdown, so long-lived connections do not hold it up).
    pub fn close(&self) {
        let _ = self.closing.send(true);
    }

    pub fn subscribers(&self) -> usize {
        self.tx.receiver_count()
    }

    /// Takes a place for a new stream from `address`, or says which bound is reached.
    pub fn take_slot(&self, address: &str) -> Result<StreamSlot, Full> {
        StreamSlots::take(&self.slots, address)
    }

    /// Changes to true when the process stops.
    pub fn closing(&self) -> watch::Receiver<bool> {
        self.closing.subscribe()
    }

    /// Live-update streams open in this process now.
    pub fn open_streams(&self) -> usize {
        self.slots.open()
    }
}

/// Reads a notification: `ARTICLE:COMMENT` for a comment, `u:ARTICLE:UPDATE:ACTION` for a
/// live update (as `store::live::notify_payload` writes it).
fn parse(payload: &str) -> Option<LiveEvent> {
    if let Some(rest) = payload.strip_prefix("u:") {
        let mut parts = rest.splitn(3, ':');
        let article_id = parts.next()?.parse().ok()?;
        let update = LiveUpdateId(parts.next()?.parse().ok()?);
        let action = UpdateAction::parse(parts.next()?)?;
        return Some(LiveEvent::Update(UpdateChanged {
            article_id,
            update,
            action,
        }));
    }
    let (a, c) = payload.split_once(':')?;
    Some(LiveEvent::Comment(CommentPosted {
        article_id: a.parse().ok()?,
        comment_id: c.parse().ok()?,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notifications_parse_as_comments_or_updates() {
        assert_eq!(
            parse("3:9"),
            Some(LiveEvent::Comment(CommentPosted {
                article_id: 3,
                comment_id: 9
            }))
        );
        let payload = crate::store::live::notify_payload(3, LiveUpdateId(7), UpdateAction::Edited);
        assert_eq!(
            parse(&payload),
            Some(LiveEvent::Update(UpdateChanged {
                article_id: 3,
                update: LiveUpdateId(7),
                action: UpdateAction::Edited
            }))
        );
        assert_eq!(parse("u:3:7:shouted"), None);
        assert_eq!(parse("u:3"), None);
        assert_eq!(parse("junk"), None);
    }
}
