//! Live coverage written through the API with the `publish` scope (editors and admins): open
//! and end an article's coverage, publish, edit and delete its updates. The changes are the
//! newsroom desk's own (`web::newsroom::live_updates`): the same rules, revisions, live events,
//! purges and webhooks.

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::live::{LiveUpdate, coverage_fields};
use super::write::Caller;
use crate::domain::ArticleDetail;
use crate::domain::live::{CoverageAction, LiveUpdateId, UpdateStatus};
use crate::domain::token::Scope;
use crate::store::live::LiveUpdate as UpdateRow;
use crate::web::error::Problem;
use crate::web::newsroom::live_updates::{
    Invalid, UpdateInput, UpdateRequest, change_update, set_coverage, write_update,
};
use crate::web::{AppState, Error, Refusal, Result};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/articles/{slug}/updates", post(create_update))
        .route(
            "/api/v1/articles/{slug}/updates/{id}",
            get(get_update).patch(edit_update).delete(delete_update),
        )
        .route("/api/v1/articles/{slug}/coverage", post(change_coverage))
}

/// A new update, published at once.
#[derive(Deserialize, ToSchema)]
pub struct NewLiveUpdateRequest {
    /// The text, in Markdown.
    #[schema(max_length = 20000)]
    body: String,
    /// Pin it in the key-events summary at the top of the page.
    #[serde(default)]
    key_event: bool,
    /// An image: a path on this site (`/media/…` from the media library) or an http(s) URL.
    #[schema(max_length = 2000)]
    image_url: Option<String>,
    /// The image's alt text, required with an image.
    #[schema(max_length = 500)]
    image_alt: Option<String>,
}

/// What changes in an update; fields left out keep their values. `"image_url": ""` removes
/// the image.
#[derive(Deserialize, ToSchema)]
pub struct EditLiveUpdateRequest {
    #[schema(max_length = 20000)]
    body: Option<String>,
    key_event: Option<bool>,
    #[schema(max_length = 2000)]
    image_url: Option<String>,
    #[schema(max_length = 500)]
    image_alt: Option<String>,
    /// The `revision` this edit was made from: when given and the update has changed since,
    /// the edit is refused with 409 rather than overwrite someone else's.
    revision: Option<i64>,
}

/// Opens or ends live coverage.
#[derive(Deserialize, ToSchema)]
pub struct CoverageRequest {
    /// `open` (again, after an end: the start is kept) or `end`.
    action: String,
}

/// An article's live coverage.
#[derive(Serialize, ToSchema)]
pub struct LiveCoverage {
    /// `none` (never live), `live` or `ended`.
    coverage: String,
    coverage_start: Option<DateTime<Utc>>,
    coverage_end: Option<DateTime<Utc>>,
}

/// The API's refusals are worded in English, whatever the caller's locale.
fn english() -> crate::domain::l10n::Tr {
    crate::domain::l10n::Tr::new(crate::domain::locale::Locale::En)
}

fn unprocessable(invalid: Invalid) -> Error {
    Error::Rejected(Refusal::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        invalid.join(" "),
    ))
}

/// A published update of this article, as the API's reads show it; 404 for anything else
/// (another article's, a draft, a deleted one).
async fn published_update(state: &AppState, article: &ArticleDetail, id: i64) -> Result<UpdateRow> {
    state
        .store
        .live_update(LiveUpdateId(id))
        .await?
        .filter(|u| u.article_id == article.card.id && u.status == UpdateStatus::Published)
        .ok_or(Error::NotFound)
}

async fn reread(state: &AppState, id: LiveUpdateId) -> Result<Json<LiveUpdate>> {
    let row = state.store.live_update(id).await?.ok_or(Error::NotFound)?;
    Ok(Json(LiveUpdate::of(&row)))
}

fn location(slug: &str, id: i64) -> String {
    format!("/api/v1/articles/{slug}/updates/{id}")
}

/// Publishes a new update on a live article. Needs the `publish` scope.
#[utoipa::path(post, tag = "live", path = "/api/v1/articles/{slug}/updates",
    params(("slug" = String, Path, description = "The article's slug")),
    request_body = NewLiveUpdateRequest,
    security(("token" = ["publish"])),
    responses(
        (status = 201, description = "The update, as readers see it", body = LiveUpdate),
        (status = 400, description = "The request is not valid JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token or session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token lacks the `publish` scope", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No published article has this slug", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The request body is larger than the site accepts", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not sent as `application/json`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The coverage is not live, the text is empty or too long, or the image lacks a safe address or alt text", body = Problem, content_type = "application/problem+json"),
    ))]
async fn create_update(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    caller: Caller,
    Json(req): Json<NewLiveUpdateRequest>,
) -> Result<Response> {
    let user = caller.require(Scope::Publish)?;
    let article = super::published_by_slug(&state, &slug).await?;
    let input = UpdateInput {
        body: &req.body,
        image_url: req.image_url.as_deref().unwrap_or(""),
        image_alt: req.image_alt.as_deref().unwrap_or(""),
        key_event: req.key_event,
    };
    let changed = write_update(&state, user, article.card.id, &input, true, english())
        .await?
        .map_err(unprocessable)?;
    let body = reread(&state, changed.id).await?;
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location(&article.card.slug, changed.id.0))],
        body,
    )
        .into_response())
}

/// One published update.
#[utoipa::path(get, tag = "live", path = "/api/v1/articles/{slug}/updates/{id}",
    params(
        ("slug" = String, Path, description = "The article's slug"),
        ("id" = i64, Path, description = "The update's id"),
    ),
    responses(
        (status = 200, description = "The update", body = LiveUpdate),
        (status = 400, description = "The id is not a number", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such published update on this article", body = Problem, content_type = "application/problem+json"),
    ))]
async fn get_update(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Json<LiveUpdate>> {
    let article = super::published_by_slug(&state, &slug).await?;
    let row = published_update(&state, &article, id).await?;
    Ok(Json(LiveUpdate::of(&row)))
}

/// Edits a published update; readers see it marked "Updated". Needs the `publish` scope.
#[utoipa::path(patch, tag = "live", path = "/api/v1/articles/{slug}/updates/{id}",
    params(
        ("slug" = String, Path, description = "The article's slug"),
        ("id" = i64, Path, description = "The update's id"),
    ),
    request_body = EditLiveUpdateRequest,
    security(("token" = ["publish"])),
    responses(
        (status = 200, description = "The edited update", body = LiveUpdate),
        (status = 400, description = "The request is not valid JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token or session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token lacks the `publish` scope", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such published update on this article", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The update changed since `revision`", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The request body is larger than the site accepts", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not sent as `application/json`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The text is empty or too long, or the image lacks a safe address or alt text", body = Problem, content_type = "application/problem+json"),
    ))]
async fn edit_update(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, i64)>,
    caller: Caller,
    Json(req): Json<EditLiveUpdateRequest>,
) -> Result<Json<LiveUpdate>> {
    let user = caller.require(Scope::Publish)?;
    let article = super::published_by_slug(&state, &slug).await?;
    let current = published_update(&state, &article, id).await?;
    let image_url = req
        .image_url
        .as_deref()
        .or(current.image_url.as_deref())
        .unwrap_or("");
    // Taking the image away takes its alt text with it.
    let image_alt = match (&req.image_alt, image_url.is_empty()) {
        (Some(alt), _) => alt.as_str(),
        (None, true) => "",
        (None, false) => current.image_alt.as_deref().unwrap_or(""),
    };
    let input = UpdateInput {
        body: req.body.as_deref().unwrap_or(&current.body_source),
        image_url,
        image_alt,
        key_event: req.key_event.unwrap_or(current.key_event),
    };
    let revision = req.revision.unwrap_or(current.revision);
    let request = UpdateRequest::Edit { input, revision };
    let changed = change_update(&state, user, &current, request, english())
        .await?
        .map_err(unprocessable)?;
    reread(&state, changed.id).await
}

/// Deletes a published update: readers no longer see it; its revisions stay as the record.
/// Needs the `publish` scope.
#[utoipa::path(delete, tag = "live", path = "/api/v1/articles/{slug}/updates/{id}",
    params(
        ("slug" = String, Path, description = "The article's slug"),
        ("id" = i64, Path, description = "The update's id"),
    ),
    security(("token" = ["publish"])),
    responses(
        (status = 204, description = "Deleted"),
        (status = 400, description = "The id is not a number", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token or session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token lacks the `publish` scope", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such published update on this article (or it is already deleted)", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The update changed meanwhile", body = Problem, content_type = "application/problem+json"),
    ))]
async fn delete_update(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, i64)>,
    caller: Caller,
) -> Result<StatusCode> {
    let user = caller.require(Scope::Publish)?;
    let article = super::published_by_slug(&state, &slug).await?;
    let current = published_update(&state, &article, id).await?;
    change_update(&state, user, &current, UpdateRequest::Delete, english())
        .await?
        .map_err(unprocessable)?;
    Ok(StatusCode::NO_CONTENT)
}

/// Opens or ends an article's live coverage. Needs the `publish` scope.
#[utoipa::path(post, tag = "live", path = "/api/v1/articles/{slug}/coverage",
    params(("slug" = String, Path, description = "The article's slug")),
    request_body = CoverageRequest,
    security(("token" = ["publish"])),
    responses(
        (status = 200, description = "The coverage now", body = LiveCoverage),
        (status = 400, description = "Not valid JSON, or the coverage is already as asked (live, or not live to end)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token or session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token lacks the `publish` scope", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No published article has this slug", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The coverage changed meanwhile", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The request body is larger than the site accepts", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not sent as `application/json`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`action` is neither `open` nor `end`", body = Problem, content_type = "application/problem+json"),
    ))]
async fn change_coverage(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    caller: Caller,
    Json(req): Json<CoverageRequest>,
) -> Result<Json<LiveCoverage>> {
    let user = caller.require(Scope::Publish)?;
    let action = CoverageAction::parse(&req.action)
        .ok_or_else(|| unprocessable(vec!["`action` must be `open` or `end`.".into()]))?;
    let article = super::published_by_slug(&state, &slug).await?;
    let now = set_coverage(&state, user, article.card.id, action, english()).await?;
    let (coverage, coverage_start, coverage_end) = coverage_fields(now);
    Ok(Json(LiveCoverage {
        coverage: coverage.to_owned(),
        coverage_start,
        coverage_end,
    }))
}
