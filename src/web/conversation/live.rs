//! Live updates over Server-Sent Events: `GET /articles/{slug}/live`. The fan-out behind it
//! (one broadcast channel per process, fed through PostgreSQL's NOTIFY when several processes
//! serve the site) and the bounds on open streams are [`crate::services::live::Hub`].

use std::convert::Infallible;
use std::time::Duration;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::broadcast;

use crate::domain::Slug;
pub use crate::services::live::CommentPosted;
use crate::services::live::{Full, LiveEvent};
use crate::web::session::ClientIp;
use crate::web::{AppState, Error};

pub fn router() -> Router<AppState> {
    Router::new().route("/articles/{slug}/live", get(stream))
}

/// How long a refused client is asked to wait (the page's script waits longer still).
const REFUSED_RETRY_AFTER_SECS: &str = "60";

/// `GET /articles/{slug}/live`: an event stream with one `comment` event (data: the comment id)
/// per new comment on the article, and one `update` event (data: `ID ACTION`, the action
/// `published`, `edited` or `deleted`) per change to a live update readers see; 429 or 503 when this address or the process has as many
/// streams open as it may.
async fn stream(
    State(state): State<AppState>,
    ClientIp(address): ClientIp,
    Path(slug): Path<String>,
) -> Result<Response, Error> {
    // Before any database work, so refusing a flood costs nothing but this.
    let slot = match state.live.take_slot(&address) {
        Ok(slot) => slot,
        Err(full) => return Ok(refusal(full)),
    };
    let slug = Slug::parse(&slug).map_err(|_| Error::NotFound)?;
    let published = state
        .store
        .published_article(slug.as_str(), state.clock.now())
        .await?;
    // An embedded page's thread is never published, and its frame takes live updates too.
    let article_id = match published {
        Some(a) => a.card.id,
        None => match state.store.embedded_thread_by_slug(slug.as_str()).await? {
            Some((t, _)) => t.article.card.id,
            None => return Err(Error::NotFound),
        },
    };
    let rx = state.live.subscribe();
    let stop = state.live.closing();
    // The slot lives in the stream's state: it is given back when the stream is dropped.
    let events = futures_util::stream::unfold(
        (rx, stop, slot),
        move |(mut rx, mut stop, slot)| async move {
            loop {
                tokio::select! {
                    _ = stop.changed() => return None,
                    r = rx.recv() => match r {
                        Ok(e) if e.article_id() == article_id => {
                            let event = match e {
                                LiveEvent::Comment(c) => Event::default().event("comment").data(c.comment_id.to_string()),
                                // `ID ACTION`: the page fetches a published or edited update's
                                // HTML, and takes a deleted one away.
                                LiveEvent::Update(u) => Event::default()
                                    .event("update")
                                    .data(format!("{} {}", u.update.0, u.action.as_str())),
                            };
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
    // A comment line first, so the response's head and a first byte leave at once: a proxy
    // that holds a stream's headers until its first event (nginx over HTTP/2) would otherwise
    // keep the browser's EventSource waiting for the first keep-alive.
    let opened = futures_util::stream::once(async { Ok(Event::default().comment("live")) });
    let mut response = Sse::new(futures_util::StreamExt::chain(opened, events))
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
