//! The JSON API, `/api/v1`: articles, sections, tags, authors, comment threads and search, read
//! with filters and cursor pagination. Errors are `application/problem+json` (RFC 9457). The
//! OpenAPI 3.1 document at `/api/v1/openapi.json` is generated from these handlers and types, so
//! it cannot drift from them.

mod comments;
mod live;
mod live_write;
mod search;
pub mod write;

use comments::{__path_list_comments, list_comments};
pub use comments::{Comment, CommentPage};
use live::{__path_list_updates, list_updates};
pub use live::{AnsweredQuestion, LiveUpdate, LiveUpdatePage};
use search::{__path_search, search};
pub use search::{SearchHit, SearchPage};

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use crate::domain::{ArticleCard, ArticleFilter, Byline, Cursor, ListScope, Slug};
use crate::web::error::Problem;
use crate::web::{AppState, Error, Result};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Broadsheet API",
        version = "1",
        description = "Read the site (articles, sections, tags, authors, conversations, live updates, search); post, edit and delete comments, publish articles and write live coverage with an API token."
    ),
    paths(
        list_articles,
        get_article,
        list_sections,
        get_tag,
        get_author,
        list_comments,
        list_updates,
        search,
        write::create_comment,
        write::get_comment,
        write::edit_comment,
        write::delete_comment,
        write::publish_article,
        write::replace_article,
        live_write::create_update,
        live_write::get_update,
        live_write::edit_update,
        live_write::delete_update,
        live_write::change_coverage
    ),
    modifiers(&BearerToken),
    components(schemas(
        ArticleSummary,
        Article,
        Image,
        RelatedArticle,
        ArticlePage,
        Named,
        Section,
        Label,
        Comment,
        CommentPage,
        LiveUpdate,
        AnsweredQuestion,
        LiveUpdatePage,
        SearchHit,
        SearchPage,
        Problem,
        write::NewCommentRequest,
        write::EditCommentRequest,
        write::PublishRequest,
        write::Published,
        live_write::NewLiveUpdateRequest,
        live_write::EditLiveUpdateRequest,
        live_write::CoverageRequest,
        live_write::LiveCoverage
    ))
)]
struct ApiDoc;

/// Declares the `token` security scheme: `Authorization: Bearer bst_…`.
struct BearerToken;

impl utoipa::Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "An API token from /settings/tokens, scoped to read, comment or publish.",
                    ))
                    .build(),
            ),
        );
    }
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/openapi.json", get(openapi))
        .route("/api/v1/articles", get(list_articles))
        .route("/api/v1/articles/{slug}", get(get_article))
        .route("/api/v1/articles/{slug}/comments", get(list_comments))
        .route("/api/v1/articles/{slug}/updates", get(list_updates))
        .route("/api/v1/sections", get(list_sections))
        .route("/api/v1/tags/{slug}", get(get_tag))
        .route("/api/v1/authors/{slug}", get(get_author))
        .route("/api/v1/search", get(search))
        .merge(write::router())
        .merge(live_write::router())
}

/// `GET /api/v1/openapi.json`
/// The published article an address's slug names; 404 for a malformed slug as for an unknown
/// one.
async fn published_by_slug(state: &AppState, slug: &str) -> Result<crate::domain::ArticleDetail> {
    let slug = Slug::parse(slug).map_err(|_| Error::NotFound)?;
    state
        .store
        .published_article(slug.as_str(), state.clock.now())
        .await?
        .ok_or(Error::NotFound)
}

async fn openapi() -> Response {
    let json = ApiDoc::openapi().to_pretty_json().unwrap_or_default();
    ([(header::CONTENT_TYPE, "application/json")], json).into_response()
}

/// A name with a slug: a section, an author or a tag.
#[derive(Serialize, ToSchema)]
pub struct Named {
    slug: String,
    name: String,
}

impl From<&Byline> for Named {
    fn from(b: &Byline) -> Self {
        Named {
            slug: b.slug.clone(),
            name: b.name.clone(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ArticleSummary {
    slug: String,
    title: String,
    summary: String,
    /// The article's page.
    url: String,
    section: Named,
    authors: Vec<Named>,
    published_at: DateTime<Utc>,
    updated_at: Option<DateTime<Utc>>,
    comment_count: i64,
}

fn summary(state: &AppState, c: &ArticleCard) -> ArticleSummary {
    ArticleSummary {
        slug: c.slug.clone(),
        title: c.title.clone(),
        summary: c.summary.clone(),
        url: format!("{}/articles/{}", state.config.base_url, c.slug),
        section: (&c.section).into(),
        authors: c.authors.iter().map(Named::from).collect(),
        published_at: c.published_at,
        updated_at: c.updated_at.filter(|u| *u > c.published_at),
        comment_count: c.comment_count,
    }
}

#[derive(Serialize, ToSchema)]
pub struct Article {
    #[serde(flatten)]
    summary: ArticleSummary,
    /// The body, sanitised HTML.
    body_html: String,
    tags: Vec<Named>,
    /// The featured image; null when the article has none.
    image: Option<Image>,
    /// Up to four published articles on the same subjects, best first.
    related: Vec<RelatedArticle>,
}

/// An article's featured image.
#[derive(Serialize, ToSchema)]
pub struct Image {
    /// Absolute URL of the image.
    url: String,
    /// Text describing the picture, for readers who cannot see it.
    alt: String,
    /// Caption or credit; null when there is none.
    caption: Option<String>,
}

/// A link to a related article.
#[derive(Serialize, ToSchema)]
pub struct RelatedArticle {
    slug: String,
    title: String,
    /// The article's page.
    url: String,
}

#[derive(Serialize, ToSchema)]
pub struct ArticlePage {
    items: Vec<ArticleSummary>,
    /// Pass as `cursor` for the next page; absent on the last page.
    next_cursor: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ArticleQuery {
    /// Only this section (its slug).
    #[param(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    section: Option<String>,
    /// Only articles with this tag (its slug).
    #[param(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    tag: Option<String>,
    /// Only articles by this author (their slug).
    #[param(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    author: Option<String>,
    /// From a previous page's `next_cursor`.
    #[param(pattern = r"^[0-9]{1,18}\.[1-9][0-9]{0,17}$")]
    cursor: Option<String>,
    /// Articles per page.
    #[param(minimum = 1, maximum = 100)]
    limit: Option<u32>,
}

fn bad(detail: &str) -> Error {
    Error::BadRequest(detail.to_owned())
}

fn slug_param(s: &str, what: &str) -> Result<Slug> {
    Slug::parse(s).map_err(|_| {
        bad(&format!(
            "`{what}` must be a slug such as `business` or `tidal-power`"
        ))
    })
}

/// Lists published articles, newest first.
#[utoipa::path(get, path = "/api/v1/articles", params(ArticleQuery),
    responses(
        (status = 200, description = "One page of articles", body = ArticlePage),
        (status = 400, description = "A parameter is not valid", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "The section, tag or author does not exist", body = Problem, content_type = "application/problem+json"),
    ))]
async fn list_articles(
    State(state): State<AppState>,
    Query(q): Query<ArticleQuery>,
) -> Result<Json<ArticlePage>> {
    let limit = q.limit.unwrap_or(20);
    if !(1..=100).contains(&limit) {
        return Err(bad("`limit` must be between 1 and 100"));
    }
    let given = [q.section.is_some(), q.tag.is_some(), q.author.is_some()]
        .iter()
        .filter(|b| **b)
        .count();
    if given > 1 {
        return Err(bad(
            "filter by one of `section`, `tag` or `author` at a time",
        ));
    }
    let scope = if let Some(s) = &q.section {
        let slug = slug_param(s, "section")?;
        ListScope::Section(
            state
                .store
                .section_by_slug(&slug)
                .await?
                .ok_or(Error::NotFound)?
                .id,
        )
    } else if let Some(t) = &q.tag {
        let slug = slug_param(t, "tag")?;
        ListScope::Tag(
            state
                .store
                .tag_by_slug(&slug)
                .await?
                .ok_or(Error::NotFound)?
                .id,
        )
    } else if let Some(a) = &q.author {
        let slug = slug_param(a, "author")?;
        ListScope::Author(
            state
                .store
                .author_by_slug(&slug)
                .await?
                .ok_or(Error::NotFound)?
                .id,
        )
    } else {
        ListScope::All
    };
    let before = match q.cursor.as_deref() {
        None => None,
        Some(c) => Some(
            Cursor::decode(c)
                .ok_or_else(|| bad("`cursor` must be a `next_cursor` from a previous page"))?,
        ),
    };
    let mut cards = state
        .store
        .list_articles(
            &ArticleFilter {
                scope,
                before,
                limit: limit + 1,
            },
            state.clock.now(),
        )
        .await?;
    let next_cursor = if cards.len() > limit as usize {
        cards.truncate(limit as usize);
        cards.last().map(|c| Cursor::of(c).encode())
    } else {
        None
    };
    Ok(Json(ArticlePage {
        items: cards.iter().map(|c| summary(&state, c)).collect(),
        next_cursor,
    }))
}

/// One published article with its body, tags, featured image and related articles.
#[utoipa::path(get, path = "/api/v1/articles/{slug}",
    params(("slug" = String, Path, description = "The article's slug")),
    responses(
        (status = 200, description = "The article", body = Article),
        (status = 404, description = "No published article has this slug", body = Problem, content_type = "application/problem+json"),
    ))]
async fn get_article(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Json<Article>> {
    let a = published_by_slug(&state, &slug).await?;
    let base = &state.config.base_url;
    let related = state
        .store
        .related_articles(
            a.card.id,
            crate::web::reading::pages::RELATED_ON_PAGE,
            state.clock.now(),
        )
        .await?;
    Ok(Json(Article {
        summary: summary(&state, &a.card),
        body_html: a.body_html.clone(),
        tags: a.tags.iter().map(Named::from).collect(),
        image: a.image.as_ref().map(|i| Image {
            url: i.absolute_url(base),
            alt: i.alt.clone(),
            caption: i.caption.clone(),
        }),
        related: related
            .into_iter()
            .map(|r| RelatedArticle {
                url: format!("{base}/articles/{}", r.slug),
                slug: r.slug,
                title: r.title,
            })
            .collect(),
    }))
}

#[derive(Serialize, ToSchema)]
pub struct Section {
    slug: String,
    name: String,
    description: String,
    url: String,
}

/// Every section, in front-page order.
#[utoipa::path(get, path = "/api/v1/sections",
    responses((status = 200, description = "The sections", body = [Section])))]
async fn list_sections(State(state): State<AppState>) -> Result<Json<Vec<Section>>> {
    let sections = state.store.sections().await?;
    Ok(Json(
        sections
            .into_iter()
            .map(|s| Section {
                url: format!("{}/sections/{}", state.config.base_url, s.slug),
                slug: s.slug,
                name: s.name,
                description: s.description,
            })
            .collect(),
    ))
}

/// A tag or an author.
#[derive(Serialize, ToSchema)]
pub struct Label {
    slug: String,
    name: String,
    /// An author's biography (empty for tags).
    bio: String,
    url: String,
}

/// A tag; list its articles with `/api/v1/articles?tag=`.
#[utoipa::path(get, path = "/api/v1/tags/{slug}",
    params(("slug" = String, Path, description = "The tag's slug")),
    responses(
        (status = 200, description = "The tag", body = Label),
        (status = 404, description = "No such tag", body = Problem, content_type = "application/problem+json"),
    ))]
async fn get_tag(State(state): State<AppState>, Path(slug): Path<String>) -> Result<Json<Label>> {
    let slug = Slug::parse(&slug).map_err(|_| Error::NotFound)?;
    let t = state
        .store
        .tag_by_slug(&slug)
        .await?
        .ok_or(Error::NotFound)?;
    Ok(Json(Label {
        url: format!("{}/tags/{}", state.config.base_url, t.slug),
        slug: t.slug,
        name: t.name,
        bio: t.bio,
    }))
}

/// An author; list their articles with `/api/v1/articles?author=`.
#[utoipa::path(get, path = "/api/v1/authors/{slug}",
    params(("slug" = String, Path, description = "The author's slug")),
    responses(
        (status = 200, description = "The author", body = Label),
        (status = 404, description = "No such author", body = Problem, content_type = "application/problem+json"),
    ))]
async fn get_author(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Json<Label>> {
    let slug = Slug::parse(&slug).map_err(|_| Error::NotFound)?;
    let a = state
        .store
        .author_by_slug(&slug)
        .await?
        .ok_or(Error::NotFound)?;
    Ok(Json(Label {
        url: format!("{}/authors/{}", state.config.base_url, a.slug),
        slug: a.slug,
        name: a.name,
        bio: a.bio,
    }))
}
