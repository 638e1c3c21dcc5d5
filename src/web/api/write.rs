//! The API's write side and who may use it: comments (post, edit, delete) and publishing
//! articles. A caller is known by an API token (`Authorization: Bearer bst_…`), whose scopes
//! limit what it may do, or by the site's session cookie plus the page's CSRF token in an
//! `X-CSRF-Token` header (what a script on the site itself uses).

use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::Slug;
use crate::domain::token::{Scope, Scopes, TOKEN_PREFIX};
use crate::domain::webhook::Event;
use crate::store::sessions::SessionUser;
use crate::web::Refusal;
use crate::web::cache::Change;
use crate::web::conversation::edit::edit_own_comment;
use crate::web::conversation::post::submit_comment;
use crate::web::session::{ClientIp, Viewer, hash_token};
use crate::web::{AppState, Error, Result};

/// The tag these operations have carried in the published OpenAPI document since they were
/// listed from the module `super::api_write`; kept so the document does not change.
const WRITE_TAG: &str = "super::api_write";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/articles/{slug}/comments", post(create_comment))
        .route(
            "/api/v1/comments/{id}",
            get(get_comment).patch(edit_comment).delete(delete_comment),
        )
        .route("/api/v1/articles", post(publish_article))
        .route("/api/v1/articles/{slug}", put(replace_article))
}

/// Who is calling the API, and what they may do.
pub struct Caller {
    pub user: Option<SessionUser>,
    pub scopes: Scopes,
}

impl Caller {
    /// The member behind the call, when they may act with `scope`.
    pub fn require(&self, scope: Scope) -> Result<&SessionUser> {
        let Some(user) = &self.user else {
            return Err(Error::Unauthorized(format!(
                "Send an API token with the `{scope}` scope as `Authorization: Bearer TOKEN` \
                 (create one in your settings), or sign in."
            )));
        };
        if !self.scopes.contains(scope) {
            return Err(Error::Forbidden(format!(
                "This token does not carry the `{scope}` scope (or your role does not allow it). \
                 Create a token with that scope in your settings."
            )));
        }
        Ok(user)
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        if let Some(auth) = parts.headers.get(header::AUTHORIZATION) {
            let token = auth
                .to_str()
                .ok()
                .and_then(|v| v.strip_prefix("Bearer "))
                .map(str::trim)
                .filter(|t| t.starts_with(TOKEN_PREFIX))
                .ok_or_else(|| {
                    Error::Unauthorized(
                        "Send the API token as `Authorization: Bearer bst_…`.".to_owned(),
                    )
                })?;
            let holder = state
                .store
                .token_holder(&hash_token(token), state.clock.now())
                .await?
                .ok_or_else(|| {
                    Error::Unauthorized(
                        "This API token is not valid: it may have been revoked. Create a new one in your settings."
                            .to_owned(),
                    )
                })?;
            let scopes = Scopes::stored(&holder.scopes, holder.user.role());
            return Ok(Caller {
                user: Some(holder.user),
                scopes,
            });
        }
        let viewer = Viewer::from_request_parts(parts, state).await?;
        let Some(user) = viewer.user.clone() else {
            return Ok(Caller {
                user: None,
                scopes: Scopes::stored("read", crate::domain::user::Role::Member),
            });
        };
        // A cookie rides along with any request the browser makes, so a session may only write
        // with the CSRF token only this site's pages know.
        if parts.method != Method::GET && parts.method != Method::HEAD {
            let sent = parts
                .headers
                .get("x-csrf-token")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            viewer.check_csrf(sent).map_err(|_| {
                Error::Forbidden(
                    "Signed-in API calls that change something must carry the page's CSRF token in an `X-CSRF-Token` header; scripts should use an API token instead."
                        .to_owned(),
                )
            })?;
        }
        let scopes = Scopes::of_role(user.role());
        Ok(Caller {
            user: Some(user),
            scopes,
        })
    }
}

/// A new comment or a reply.
#[derive(Deserialize, ToSchema)]
pub struct NewCommentRequest {
    /// The text, in the comment subset of Markdown.
    #[schema(max_length = 20000)]
    body: String,
    /// The comment this one replies to.
    parent_id: Option<i64>,
}

/// A comment's new text.
#[derive(Deserialize, ToSchema)]
pub struct EditCommentRequest {
    #[schema(max_length = 20000)]
    body: String,
}

fn comment_location(id: i64) -> String {
    format!("/api/v1/comments/{id}")
}

/// Posts a comment (or a reply) as the caller. Needs the `comment` scope.
#[utoipa::path(post, tag = WRITE_TAG, path = "/api/v1/articles/{slug}/comments",
    params(("slug" = String, Path, description = "The article's slug")),
    request_body = NewCommentRequest,
    security(("token" = ["comment"])),
    responses(
        (status = 201, description = "The comment, as readers see it", body = crate::web::api::Comment),
        (status = 400, description = "The request is not valid JSON", body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 413, description = "The request body is larger than the site accepts", body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not sent as `application/json`", body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token or session", body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token lacks the `comment` scope", body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No published article has this slug", body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 422, description = "The text is empty or too long, or the parent cannot be replied to", body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Posting too fast", body = crate::web::error::Problem, content_type = "application/problem+json"),
    ))]
async fn create_comment(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Path(slug): Path<String>,
    caller: Caller,
    Json(req): Json<NewCommentRequest>,
) -> Result<Response> {
    let user = caller.require(Scope::Comment)?;
    let article = super::published_by_slug(&state, &slug).await?;
    let rules = state.store.screening_rules(article.card.id).await?;
    let posted = submit_comment(
        &state,
        user,
        &ip,
        &(&article).into(),
        &rules,
        &req.body,
        req.parent_id,
    )
    .await?
    .map_err(Error::Rejected)?;
    let row = state
        .store
        .comment(posted.id)
        .await?
        .ok_or(Error::NotFound)?;
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, comment_location(posted.id))],
        Json(crate::web::api::Comment::from(&row)),
    )
        .into_response())
}

/// The comment if readers may see it (on a published article, not removed).
async fn readable_comment(state: &AppState, id: i64) -> Result<crate::store::comments::CommentRow> {
    let row = state
        .store
        .comment(id)
        .await?
        .filter(|c| c.is_visible())
        .ok_or(Error::NotFound)?;
    let (_, published) = state
        .store
        .article_slug(row.article_id, state.clock.now())
        .await?
        .ok_or(Error::NotFound)?;
    if !published {
        return Err(Error::NotFound);
    }
    Ok(row)
}

/// One comment.
#[utoipa::path(get, tag = WRITE_TAG, path = "/api/v1/comments/{id}",
    params(("id" = i64, Path, description = "The comment's id")),
    responses(
        (status = 200, description = "The comment", body = crate::web::api::Comment),
        (status = 400, description = "The id is not a number", body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such comment, or it was removed", body = crate::web::error::Problem, content_type = "application/problem+json"),
    ))]
async fn get_comment(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json<crate::web::api::Comment>> {
    let row = readable_comment(&state, id).await?;
    Ok(Json(crate::web::api::Comment::from(&row)))
}

/// The caller's own comment, or why not.
async fn callers_comment(
    state: &AppState,
    user: &SessionUser,
    id: i64,
) -> Result<crate::store::comments::CommentRow> {
    let row = readable_comment(state, id).await?;
    if row.author_id != Some(user.id) {
        return Err(Error::Forbidden(
            "Only the author of a comment can change it.".into(),
        ));
    }
    Ok(row)
}

/// Replaces the text of the caller's own comment, within 15 minutes of posting. Needs the
/// `comment` scope. The new text is screened as a new comment is: what would hold a new
/// comment sends this one back to the moderators (`status` `pending`).
#[utoipa::path(patch, tag = WRITE_TAG, path = "/api/v1/comments/{id}",
    params(("id" = i64, Path, description = "The comment's id")),
    request_body = EditCommentRequest,
    security(("token" = ["comment"])),
    responses(
        (status = 200, description = "The edited comment; `pending` when screening held the new text for review", body = crate::web::api::Comment),
        (status = 400, description = "The request is not valid JSON", body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 413, description = "The request body is larger than the site accepts", body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not sent as `application/json`", body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token or session", body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the caller's comment, the token lacks the `comment` scope, the caller is suspended, or comments are closed", body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such comment", body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The edit window has passed", body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 422, description = "The text is empty, too long, or contains a banned word", body = crate::web::error::Problem, content_type = "application/problem+json"),
    ))]
async fn edit_comment(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    caller: Caller,
    Json(req): Json<EditCommentRequest>,
) -> Result<Json<crate::web::api::Comment>> {
    let user = caller.require(Scope::Comment)?;
    let row = callers_comment(&state, user, id).await?;
    edit_own_comment(&state, user, &row, &req.body)
        .await?
        .map_err(Error::Rejected)?;
    let row = state.store.comment(id).await?.ok_or(Error::NotFound)?;
    Ok(Json(crate::web::api::Comment::from(&row)))
}

/// Deletes the caller's own comment; replies keep their place under a tombstone. Needs the
/// `comment` scope.
#[utoipa::path(delete, tag = WRITE_TAG, path = "/api/v1/comments/{id}",
    params(("id" = i64, Path, description = "The comment's id")),
    security(("token" = ["comment"])),
    responses(
        (status = 204, description = "Deleted"),
        (status = 400, description = "The id is not a number", body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token or session", body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the caller's comment, or the token lacks the `comment` scope", body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such comment (or it is already deleted)", body = crate::web::error::Problem, content_type = "application/problem+json"),
    ))]
async fn delete_comment(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    caller: Caller,
) -> Result<StatusCode> {
    let user = caller.require(Scope::Comment)?;
    let row = callers_comment(&state, user, id).await?;
    if !state.store.delete_own_comment(row.id, user.id).await? {
        return Err(Error::NotFound);
    }
    state.pages.changed(Change::CommentCount {
        article_id: row.article_id,
    });
    Ok(StatusCode::NO_CONTENT)
}

/// An article file: YAML front matter between `---` lines, then the Markdown body (the format
/// `broadsheet import` reads).
#[derive(Deserialize, ToSchema)]
pub struct PublishRequest {
    #[schema(max_length = 2097152)]
    source: String,
}

/// What publishing made.
#[derive(Serialize, ToSchema)]
pub struct Published {
    slug: String,
    /// The article's page (it answers once `published_at` has come).
    url: String,
    published_at: Option<DateTime<Utc>>,
    /// `published`; `scheduled` when `published_at` is still to come; `draft` without one.
    status: String,
}

/// Publishes an article from its file. Needs the `publish` scope (editors and admins).
#[utoipa::path(post, tag = WRITE_TAG, path = "/api/v1/articles",
    request_body = PublishRequest,
    security(("token" = ["publish"])),
    responses(
        (status = 201, description = "The article was created", body = Published),
        (status = 400, description = "The request is not valid JSON", body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 413, description = "The request body is larger than the site accepts", body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not sent as `application/json`", body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token or session", body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token lacks the `publish` scope", body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 409, description = "An article with this slug exists", body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 422, description = "The file is not valid; the message names the line", body = crate::web::error::Problem, content_type = "application/problem+json"),
    ))]
async fn publish_article(
    State(state): State<AppState>,
    caller: Caller,
    Json(req): Json<PublishRequest>,
) -> Result<Response> {
    let user = caller.require(Scope::Publish)?;
    let article = parse_article_file(&req.source)?;
    check_blocks(&state, &article, user.id).await?;
    let now = state.clock.now();
    // Announced now if its time has come; a scheduled one is announced when it comes.
    let payload = article
        .published_at
        .is_some_and(|p| p <= now)
        .then(|| article_event(&state, Event::ArticlePublished, &article, now));
    state
        .store
        .publish_article(
            &article,
            now,
            payload
                .as_deref()
                .map(|p| (Event::ArticlePublished.as_str(), p)),
        )
        .await?;
    state.pages.changed(Change::Everything);
    state.webhooks.wake();
    tracing::info!(article = %article.slug, by = user.id, "article published through the API");
    Ok((
        StatusCode::CREATED,
        [(
            header::LOCATION,
            format!("/api/v1/articles/{}", article.slug),
        )],
        Json(published(&state, &article, now)),
    )
        .into_response())
}

fn unprocessable(message: String) -> Error {
    Error::Rejected(Refusal {
        status: StatusCode::UNPROCESSABLE_ENTITY,
        message,
        retry_after: None,
    })
}

/// Refuses a body whose blocks name what is not there (after caching its embeds' thumbnails).
async fn check_blocks(state: &AppState, a: &crate::domain::NewArticle, by: i64) -> Result<()> {
    let problems = crate::web::newsroom::blocks::prepare_body(state, &a.body_source, by).await?;
    if problems.is_empty() {
        Ok(())
    } else {
        Err(unprocessable(problems.join(" ")))
    }
}

fn parse_article_file(source: &str) -> Result<crate::domain::NewArticle> {
    crate::domain::frontmatter::parse(source)
        .map_err(|e| unprocessable(format!("The article file is not valid: {e}.")))
}

fn article_event(
    state: &AppState,
    event: Event,
    a: &crate::domain::NewArticle,
    now: DateTime<Utc>,
) -> String {
    crate::services::webhooks::article_payload(
        event,
        &state.config.base_url,
        a.slug.as_str(),
        &a.title,
        &a.summary,
        a.published_at.unwrap_or(now),
        now,
    )
}

/// What the API answers about an article it was given.
fn published(state: &AppState, a: &crate::domain::NewArticle, now: DateTime<Utc>) -> Published {
    Published {
        slug: a.slug.as_str().to_owned(),
        url: format!(
            "{}/articles/{}",
            state.config.base_url.trim_end_matches('/'),
            a.slug
        ),
        published_at: a.published_at,
        status: match a.published_at {
            None => "draft",
            Some(p) if p <= now => "published",
            Some(_) => "scheduled",
        }
        .to_owned(),
    }
}

/// Replaces an article with a new version of its file (the slug stays; comments stay). Needs
/// the `publish` scope. Announces `article.updated`.
#[utoipa::path(put, tag = WRITE_TAG, path = "/api/v1/articles/{slug}",
    params(("slug" = String, Path, description = "The article's slug")),
    request_body = PublishRequest,
    security(("token" = ["publish"])),
    responses(
        (status = 200, description = "The article was replaced", body = Published),
        (status = 400, description = "The request is not valid JSON", body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token or session", body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token lacks the `publish` scope", body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No article has this slug", body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 413, description = "The request body is larger than the site accepts", body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not sent as `application/json`", body = crate::web::error::Problem, content_type = "application/problem+json"),
        (status = 422, description = "The file is not valid, or names another slug", body = crate::web::error::Problem, content_type = "application/problem+json"),
    ))]
async fn replace_article(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    caller: Caller,
    Json(req): Json<PublishRequest>,
) -> Result<Response> {
    let user = caller.require(Scope::Publish)?;
    let slug = Slug::parse(&slug).map_err(|_| Error::NotFound)?;
    let article = parse_article_file(&req.source)?;
    check_blocks(&state, &article, user.id).await?;
    if article.slug != slug {
        return Err(unprocessable(format!(
            "The file's slug is `{}` but the address names `{slug}`: add `slug: {slug}` to its front matter (an article keeps its address).",
            article.slug
        )));
    }
    let now = state.clock.now();
    let payload = article_event(&state, Event::ArticleUpdated, &article, now);
    state
        .store
        .replace_article(
            &article,
            now,
            Some((Event::ArticleUpdated.as_str(), payload.as_str())),
        )
        .await?;
    state.pages.changed(Change::Everything);
    state.webhooks.wake();
    tracing::info!(article = %slug, by = user.id, "article replaced through the API");
    Ok(Json(published(&state, &article, now)).into_response())
}
