//! Live updates over Server-Sent Events.
//!
//! Each process has one broadcast channel. A new comment is announced on it: directly on SQLite
//! (one process), and on PostgreSQL through `NOTIFY broadsheet_comments` sent in the comment's
//! own transaction, which every process (the poster's included) hears with `LISTEN` and
//! re-broadcasts to its subscribers. The browser then fetches the comment's HTML from the server;
//! no comment text travels in the event.

use std::convert::Infallible;
use std::time::Duration;

use axum::Router;
use axum::extract::{Path, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::routing::get;
use futures_util::Stream;
use tokio::sync::{broadcast, watch};

use super::{AppState, Error};
use crate::domain::Slug;
use crate::store::Store;

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
}

pub const CHANNEL: &str = "broadsheet_comments";

impl Hub {
    pub async fn start(store: &Store) -> anyhow::Result<Hub> {
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

/// `GET /articles/{slug}/live`: an event stream with one `comment` event (data: the comment id)
/// per new comment on the article.
async fn stream(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, Error> {
    let slug = Slug::parse(&slug).map_err(|_| Error::NotFound)?;
    let article = state
        .store
        .published_article(slug.as_str(), state.clock.now())
        .await?
        .ok_or(Error::NotFound)?;
    let article_id = article.card.id;
    let rx = state.live.subscribe();
    let stop = state.live.closing.subscribe();
    let events = futures_util::stream::unfold((rx, stop), move |(mut rx, mut stop)| async move {
        loop {
            tokio::select! {
                _ = stop.changed() => return None,
                r = rx.recv() => match r {
                    Ok(e) if e.article_id == article_id => {
                        let event = Event::default().event("comment").data(e.comment_id.to_string());
                        return Some((Ok(event), (rx, stop)));
                    }
                    Ok(_) => continue,
                    // Fell behind: tell the page to catch up by reloading the list.
                    Err(broadcast::error::RecvError::Lagged(_)) => {
                        return Some((Ok(Event::default().event("resync").data("")), (rx, stop)));
                    }
                    Err(broadcast::error::RecvError::Closed) => return None,
                }
            }
        }
    });
    Ok(Sse::new(events).keep_alive(KeepAlive::new().interval(Duration::from_secs(20))))
}
