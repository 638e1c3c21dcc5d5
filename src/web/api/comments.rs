//! `GET /api/v1/articles/{slug}/comments`: an article's conversation, a page at a time.

use axum::Json;
use axum::extract::{Path, Query, State};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::bad;
use crate::domain::comment::{CommentSort, ThreadCursor};
use crate::store::comments::CommentRow;
use crate::web::error::Problem;
use crate::web::{AppState, Result};

#[derive(Serialize, ToSchema)]
pub struct Comment {
    id: i64,
    /// The comment replied to; absent for a thread's first comment.
    parent_id: Option<i64>,
    /// The id of the thread's first comment.
    thread_id: i64,
    depth: i32,
    author: String,
    /// `visible`; or a tombstone kept because it has replies: `deleted` by its author,
    /// `rejected` by a moderator, `pending` review. A comment just posted or edited is
    /// `pending` when screening holds it for review.
    status: String,
    /// Sanitised HTML; absent for a deleted comment.
    body_html: Option<String>,
    created_at: DateTime<Utc>,
    edited_at: Option<DateTime<Utc>>,
    like_count: i64,
    reply_count: i64,
}

impl From<&CommentRow> for Comment {
    fn from(c: &CommentRow) -> Self {
        let visible = c.is_visible();
        Comment {
            id: c.id,
            parent_id: c.parent_id,
            thread_id: c.thread_id.unwrap_or(c.id),
            depth: c.depth,
            author: if visible {
                c.author_name.clone()
            } else {
                "[deleted]".into()
            },
            status: c.status.as_str().to_owned(),
            body_html: visible.then(|| c.body_html.clone()),
            created_at: c.created_at,
            edited_at: c.edited_at,
            like_count: c.like_count,
            reply_count: c.reply_count,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct CommentPage {
    /// Threads in the chosen order, each followed by its replies (oldest first).
    items: Vec<Comment>,
    next_cursor: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CommentQuery {
    /// `oldest` (default), `newest` or `liked`.
    #[param(pattern = "^(oldest|newest|liked)$")]
    sort: Option<String>,
    /// From a previous page's `next_cursor`.
    #[param(pattern = r"^-?[0-9]{1,18}\.[1-9][0-9]{0,17}$")]
    cursor: Option<String>,
}

/// An article's conversation: 50 threads a page, with their replies.
#[utoipa::path(get, path = "/api/v1/articles/{slug}/comments",
    params(("slug" = String, Path, description = "The article's slug"), CommentQuery),
    responses(
        (status = 200, description = "One page of threads", body = CommentPage),
        (status = 400, description = "A parameter is not valid", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No published article has this slug", body = Problem, content_type = "application/problem+json"),
    ))]
pub(super) async fn list_comments(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(q): Query<CommentQuery>,
) -> Result<Json<CommentPage>> {
    let article = super::published_by_slug(&state, &slug).await?;
    let sort = match q.sort.as_deref() {
        None | Some("oldest") => CommentSort::Oldest,
        Some("newest") => CommentSort::Newest,
        Some("liked") => CommentSort::MostLiked,
        Some(_) => return Err(bad("`sort` must be `oldest`, `newest` or `liked`")),
    };
    let cursor = match q.cursor.as_deref() {
        None => None,
        Some(c) => Some(
            ThreadCursor::decode(c)
                .ok_or_else(|| bad("`cursor` must be a `next_cursor` from a previous page"))?,
        ),
    };
    let per_page = crate::web::reading::thread::THREADS_PER_PAGE;
    let mut roots = state
        .store
        .threads(article.card.id, sort, cursor, per_page + 1, None)
        .await?;
    let next_cursor = if roots.len() as i64 > per_page {
        roots.truncate(per_page as usize);
        roots.last().map(|r| {
            let key = match sort {
                CommentSort::MostLiked => r.like_count,
                _ => r.created_at.timestamp_micros(),
            };
            ThreadCursor { key, id: r.id }.encode()
        })
    } else {
        None
    };
    let ids: Vec<i64> = roots.iter().map(|r| r.id).collect();
    let replies = state.store.replies(&ids, None).await?;
    let mut items = Vec::with_capacity(roots.len() + replies.len());
    for root in &roots {
        items.push(Comment::from(root));
        items.extend(
            replies
                .iter()
                .filter(|r| r.thread_id == Some(root.id))
                .map(Comment::from),
        );
    }
    Ok(Json(CommentPage { items, next_cursor }))
}
