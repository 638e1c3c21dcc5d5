//! The conversation under an article: what members do in it (post, reply, edit, delete, like,
//! report, mute), its live updates, its public feeds and member pages. Every action works as a plain
//! form post with a redirect back; the script sends the same requests with
//! `Accept: application/json` and gets JSON instead.

pub mod live;
pub mod public_comments;

pub mod ask;
pub mod edit;
mod mute;
pub mod post;
pub mod report;

use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};

use crate::web::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(post::router())
        .merge(ask::router())
        .merge(edit::router())
        .merge(report::router())
        // The same actions for a member signed in inside the embed's frame, whose cookie only
        // the embed's routes receive (`session::FRAME_PATH`). Routed at their full addresses
        // (not nested): the session reads the address to know it is the frame's.
        .merge(edit::actions_router(crate::web::session::FRAME_PATH))
        .merge(report::router_at(crate::web::session::FRAME_PATH))
        .merge(live::router())
        .merge(public_comments::router())
}

/// Where a member goes back to after acting on a comment of article `slug` (`anchor` names the
/// place): the article, or, for a request from the embed's frame, the framed thread (an
/// embedded page's article address would only redirect there, and out of the frame's routes).
pub(crate) async fn back_to(
    state: &AppState,
    viewer: &crate::web::session::Viewer,
    slug: &str,
    anchor: &str,
) -> crate::web::Result<String> {
    if viewer.is_framed()
        && let Some(href) = crate::web::embed::thread_address(state, slug, None).await?
    {
        return Ok(format!("{href}#{anchor}"));
    }
    Ok(format!("/articles/{slug}#{anchor}"))
}

/// Whether readers may act on the comments of article `slug`: it is published, or it is the
/// (never published) thread of a page embedding the conversation.
pub(crate) async fn open_to_readers(
    state: &AppState,
    slug: &str,
    published: bool,
) -> crate::web::Result<bool> {
    Ok(published || state.store.embedded_thread_by_slug(slug).await?.is_some())
}

pub(crate) fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

pub(crate) fn json_error(status: StatusCode, message: &str) -> Response {
    (status, Json(serde_json::json!({ "error": message }))).into_response()
}
