//! The JSON API, `/api/v1`: articles, sections, tags, authors, comment threads and search, read
//! with filters and cursor pagination. Errors are `application/problem+json` (RFC 9457). The
//! OpenAPI 3.1 document at `/api/v1/openapi.json` is generated from these handlers and types, so
//! it cannot drift from them.

pub mod write;

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use crate::domain::comment::{CommentSort, ThreadCursor};
use crate::domain::search::SearchQuery;
use crate::domain::{ArticleCard, ArticleFilter, Byline, Cursor, ListScope, Slug};
use crate::store::comments::CommentRow;
use crate::store::search::{DEFAULT_CANDIDATES, MARK_END, MARK_START, SearchFilter, SearchSort};
use crate::web::error::Problem;
use crate::web::{AppState, Error, Result};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Broadsheet API",
        version = "1",
        description = "Read the site (articles, sections, tags, authors, conversations, search); post, edit and delete comments and publish articles with an API token."
    ),
    paths(
        list_articles,
        get_article,
        list_sections,
        get_tag,
        get_author,
        list_comments,
        search,
        write::create_comment,
        write::get_comment,
        write::edit_comment,
        write::delete_comment,
        write::publish_article,
        write::replace_article
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
        SearchHit,
        SearchPage,
        Problem,
        write::NewCommentRequest,
        write::EditCommentRequest,
        write::PublishRequest,
        write::Published
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
        .route("/api/v1/sections", get(list_sections))
        .route("/api/v1/tags/{slug}", get(get_tag))
        .route("/api/v1/authors/{slug}", get(get_author))
        .route("/api/v1/search", get(search))
        .merge(write::router())
}

/// `GET /api/v1/openapi.json`
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
    let slug = Slug::parse(&slug).map_err(|_| Error::NotFound)?;
    let a = state
        .store
        .published_article(slug.as_str(), state.clock.now())
        .await?
        .ok_or(Error::NotFound)?;
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
async fn list_comments(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(q): Query<CommentQuery>,
) -> Result<Json<CommentPage>> {
    let slug = Slug::parse(&slug).map_err(|_| Error::NotFound)?;
    let article = state
        .store
        .published_article(slug.as_str(), state.clock.now())
        .await?
        .ok_or(Error::NotFound)?;
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

#[derive(Serialize, ToSchema)]
pub struct SearchHit {
    article: ArticleSummary,
    /// Plain text around the matches.
    snippet: String,
}

#[derive(Serialize, ToSchema)]
pub struct SearchPage {
    items: Vec<SearchHit>,
    /// The next page's number; absent on the last page.
    next_page: Option<u32>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Words, "quoted phrases"; the last word also matches as a prefix.
    #[param(max_length = 200)]
    q: String,
    /// Only this section (its slug).
    #[param(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    section: Option<String>,
    /// `relevance` (default) or `newest`.
    #[param(pattern = "^(relevance|newest)$")]
    sort: Option<String>,
    #[param(minimum = 1, maximum = 50)]
    page: Option<u32>,
}

/// Full-text search over published articles.
#[utoipa::path(get, path = "/api/v1/search", params(SearchParams),
    responses(
        (status = 200, description = "One page of results, best first", body = SearchPage),
        (status = 400, description = "A parameter is not valid", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "The section does not exist", body = Problem, content_type = "application/problem+json"),
    ))]
async fn search(
    State(state): State<AppState>,
    Query(p): Query<SearchParams>,
) -> Result<Json<SearchPage>> {
    let page = p.page.unwrap_or(1);
    if !(1..=50).contains(&page) {
        return Err(bad("`page` must be between 1 and 50"));
    }
    let section_id = match &p.section {
        None => None,
        Some(s) => {
            let slug = slug_param(s, "section")?;
            Some(
                state
                    .store
                    .section_by_slug(&slug)
                    .await?
                    .ok_or(Error::NotFound)?
                    .id,
            )
        }
    };
    let sort = match p.sort.as_deref() {
        None | Some("relevance") => SearchSort::Relevance,
        Some("newest") => SearchSort::Newest,
        Some(_) => return Err(bad("`sort` must be `relevance` or `newest`")),
    };
    const PER_PAGE: u32 = 20;
    let filter = SearchFilter {
        section_id,
        sort,
        limit: PER_PAGE + 1,
        offset: (page - 1) * PER_PAGE,
        candidates: Some(DEFAULT_CANDIDATES),
        ..Default::default()
    };
    let Some(mut hits) = state
        .store
        .search(&SearchQuery::parse(&p.q), &filter, state.clock.now())
        .await?
    else {
        return Err(bad(
            "the search took too long and was stopped: use fewer or more specific words, or a `section`",
        ));
    };
    let next_page = (hits.len() > PER_PAGE as usize && page < 50).then_some(page + 1);
    hits.truncate(PER_PAGE as usize);
    Ok(Json(SearchPage {
        items: hits
            .iter()
            .map(|h| SearchHit {
                article: summary(&state, &h.card),
                snippet: h.snippet.replace([MARK_START, MARK_END], ""),
            })
            .collect(),
        next_page,
    }))
}
