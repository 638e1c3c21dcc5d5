//! `GET /api/v1/articles/{slug}/updates`: a live article's coverage and its published updates,
//! newest first, a page at a time.

use axum::Json;
use axum::extract::{Path, Query, State};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::bad;
use crate::domain::live::{Coverage, UPDATES_PER_PAGE, UpdateCursor};
use crate::store::live::LiveUpdate as UpdateRow;
use crate::web::error::Problem;
use crate::web::{AppState, Result};

#[derive(Serialize, ToSchema)]
pub struct LiveUpdate {
    id: i64,
    author: String,
    /// Pinned in the key-events summary at the top of the page.
    key_event: bool,
    /// Sanitised HTML.
    body_html: String,
    image_url: Option<String>,
    image_alt: Option<String>,
    published_at: DateTime<Utc>,
    /// When it was last changed after publication ("Updated" on the page).
    edited_at: Option<DateTime<Utc>>,
    /// Counts its changes: an edit may name the revision it was made from.
    revision: i64,
    /// The reader's question this update answers, when it answers one.
    question: Option<AnsweredQuestion>,
}

/// A reader's question as the update that answers it quotes it.
#[derive(Serialize, ToSchema)]
pub struct AnsweredQuestion {
    /// Plain text, as the reader wrote it.
    text: String,
    /// The reader's display name; "A reader" once their account is gone.
    asker: String,
}

impl LiveUpdate {
    pub(super) fn of(u: &UpdateRow) -> LiveUpdate {
        LiveUpdate {
            id: u.id,
            author: u
                .author_name
                .clone()
                .unwrap_or_else(|| "The newsroom".into()),
            key_event: u.key_event,
            body_html: u.body_html.clone(),
            image_url: u.image_url.clone(),
            image_alt: u.image_alt.clone(),
            published_at: u.published_at.unwrap_or(u.created_at),
            edited_at: u.edited_at,
            revision: u.revision,
            question: u.question_body.as_ref().map(|text| AnsweredQuestion {
                text: text.clone(),
                asker: u
                    .question_asker
                    .clone()
                    .unwrap_or_else(|| "A reader".into()),
            }),
        }
    }
}

/// A coverage as the API names it (`none`, `live`, `ended`), with its start and end.
pub(super) fn coverage_fields(
    c: Coverage,
) -> (&'static str, Option<DateTime<Utc>>, Option<DateTime<Utc>>) {
    match c {
        Coverage::None => ("none", None, None),
        Coverage::Live { since } => ("live", Some(since), None),
        Coverage::Ended { since, until } => ("ended", Some(since), Some(until)),
    }
}

#[derive(Serialize, ToSchema)]
pub struct LiveUpdatePage {
    /// `none` (never live), `live` or `ended`.
    coverage: String,
    coverage_start: Option<DateTime<Utc>>,
    coverage_end: Option<DateTime<Utc>>,
    /// Published updates, newest first.
    items: Vec<LiveUpdate>,
    next_cursor: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LiveUpdateQuery {
    /// From a previous page's `next_cursor`.
    #[param(pattern = r"^-?[0-9]{1,19}\.[1-9][0-9]{0,18}$")]
    cursor: Option<String>,
}

/// A live article's coverage and its updates: 20 a page, newest first.
#[utoipa::path(get, path = "/api/v1/articles/{slug}/updates",
    params(("slug" = String, Path, description = "The article's slug"), LiveUpdateQuery),
    responses(
        (status = 200, description = "The coverage and one page of updates", body = LiveUpdatePage),
        (status = 400, description = "A parameter is not valid", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No published article has this slug", body = Problem, content_type = "application/problem+json"),
    ))]
pub(super) async fn list_updates(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(q): Query<LiveUpdateQuery>,
) -> Result<Json<LiveUpdatePage>> {
    let article = super::published_by_slug(&state, &slug).await?;
    let cursor = match q.cursor.as_deref() {
        None => None,
        Some(c) => Some(
            UpdateCursor::decode(c)
                .ok_or_else(|| bad("`cursor` must be a `next_cursor` from a previous page"))?,
        ),
    };
    let (coverage, start, end) = coverage_fields(article.card.coverage);
    let mut rows = if start.is_some() {
        state
            .store
            .published_updates(article.card.id, cursor, false, UPDATES_PER_PAGE + 1)
            .await?
    } else {
        Vec::new()
    };
    let next_cursor = if rows.len() > UPDATES_PER_PAGE as usize {
        rows.truncate(UPDATES_PER_PAGE as usize);
        rows.last()
            .and_then(UpdateRow::cursor)
            .map(UpdateCursor::encode)
    } else {
        None
    };
    Ok(Json(LiveUpdatePage {
        coverage: coverage.to_owned(),
        coverage_start: start,
        coverage_end: end,
        items: rows.iter().map(LiveUpdate::of).collect(),
        next_cursor,
    }))
}
