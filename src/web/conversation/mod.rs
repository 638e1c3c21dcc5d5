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
        .merge(live::router())
        .merge(public_comments::router())
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
