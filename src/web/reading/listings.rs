//! The listing pages: a section's, a tag's and an author's articles, newest first, a page at a
//! time (keyset pagination).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;

use crate::domain::l10n::Tr;
use crate::domain::{ArticleFilter, Cursor, ListScope, Slug};
use crate::web::cache::CacheGroup;
use crate::web::cache::surrogate::ListingKeys;
use crate::web::layout::{CardView, Layout};
use crate::web::session::Viewer;
use crate::web::{AppState, Error, Result};

use super::pages::cacheable;

#[derive(Deserialize)]
pub(super) struct PageQuery {
    before: Option<String>,
}

#[derive(Template)]
#[template(path = "listing.html")]
struct ListingTemplate {
    layout: Layout,
    /// The catalogue message naming what the listing is of (a section, a topic, an author).
    kind: &'static str,
    heading: String,
    description: String,
    photo: Option<String>,
    cards: Vec<CardView>,
    base_path: String,
    older: Option<String>,
    is_first_page: bool,
}

/// `GET /sections/{slug}`: a section's articles, newest first.
pub(super) async fn section(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
    Query(q): Query<PageQuery>,
) -> Result<Response> {
    let slug = Slug::parse(&slug).map_err(|_| Error::NotFound)?;
    let sections = state.store.sections().await?;
    let section = sections
        .iter()
        .find(|s| s.slug == slug.as_str())
        .ok_or(Error::NotFound)?;
    let head = ListingHead {
        scope: ListScope::Section(section.id),
        kind: "reading-kind-section",
        heading: &section.name,
        description: &section.description,
        photo: None,
        base_path: format!("/sections/{}", section.slug),
        current_section: Some(&section.slug),
    };
    listing(&state, &viewer, &sections, head, q).await
}

/// `GET /tags/{slug}`: articles with a tag, newest first.
pub(super) async fn tag(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
    Query(q): Query<PageQuery>,
) -> Result<Response> {
    let slug = Slug::parse(&slug).map_err(|_| Error::NotFound)?;
    let tag = state
        .store
        .tag_by_slug(&slug)
        .await?
        .ok_or(Error::NotFound)?;
    let sections = state.store.sections().await?;
    let head = ListingHead {
        scope: ListScope::Tag(tag.id),
        kind: "reading-kind-topic",
        heading: &tag.name,
        description: "",
        photo: None,
        base_path: format!("/tags/{}", tag.slug),
        current_section: None,
    };
    listing(&state, &viewer, &sections, head, q).await
}

/// `GET /authors/{slug}`: an author's articles, newest first.
pub(super) async fn author(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
    Query(q): Query<PageQuery>,
) -> Result<Response> {
    let slug = Slug::parse(&slug).map_err(|_| Error::NotFound)?;
    let author = state
        .store
        .author_by_slug(&slug)
        .await?
        .ok_or(Error::NotFound)?;
    let sections = state.store.sections().await?;
    let head = ListingHead {
        scope: ListScope::Author(author.id),
        kind: "reading-kind-author",
        heading: &author.name,
        description: &author.bio,
        photo: author.photo_url.as_deref(),
        base_path: format!("/authors/{}", author.slug),
        current_section: None,
    };
    listing(&state, &viewer, &sections, head, q).await
}

/// What a listing is of, and the words at its top.
struct ListingHead<'a> {
    scope: ListScope,
    /// The catalogue message naming what the listing is of (a section, a topic, an author).
    kind: &'static str,
    heading: &'a str,
    description: &'a str,
    photo: Option<&'a str>,
    /// The listing's first page; older pages add `?before=`.
    base_path: String,
    /// The section the header marks as current, if the listing is one.
    current_section: Option<&'a str>,
}

async fn listing(
    state: &AppState,
    viewer: &Viewer,
    sections: &[crate::store::taxonomy::Section],
    head: ListingHead<'_>,
    q: PageQuery,
) -> Result<Response> {
    let ListingHead {
        scope,
        kind,
        heading,
        description,
        photo,
        base_path,
        current_section,
    } = head;
    let base_path = base_path.as_str();
    let before = match q.before.as_deref() {
        None | Some("") => None,
        Some(s) => Some(Cursor::decode(s).ok_or_else(|| {
            Error::BadRequest(Tr::new(viewer.locale).t("reading-listing-bad-cursor"))
        })?),
    };
    // A page after a made-up cursor is answered, never kept (see `cache::page_key`).
    let keepable = match before {
        Some(cursor) => {
            state
                .store
                .lists_at(scope, cursor, state.clock.now())
                .await?
        }
        None => true,
    };
    let page_size = state.config.page_size;
    let mut cards = state
        .store
        .list_articles(
            &ArticleFilter {
                scope,
                before,
                limit: page_size + 1,
            },
            state.clock.now(),
        )
        .await?;
    let older = if cards.len() > page_size as usize {
        cards.truncate(page_size as usize);
        cards
            .last()
            .map(|c| format!("{base_path}?before={}", Cursor::of(c).encode()))
    } else {
        None
    };
    let canonical = match &q.before {
        Some(b) if before.is_some() => format!("{base_path}?before={b}"),
        _ => base_path.to_owned(),
    };
    let title = if before.is_some() {
        Tr::new(viewer.locale).t1("reading-listing-older-title", "heading", heading)
    } else {
        heading.to_owned()
    };
    let page = ListingTemplate {
        layout: Layout::new(state, sections, &title, Some(&canonical), current_section)
            .with_description(if description.is_empty() {
                heading
            } else {
                description
            })
            .with_viewer(viewer)
            .with_feed(heading, base_path),
        kind,
        heading: heading.to_owned(),
        description: description.to_owned(),
        photo: photo.map(str::to_owned),
        cards: cards
            .iter()
            .map(|c| CardView::from(c, &viewer.dates))
            .collect(),
        base_path: base_path.to_owned(),
        older,
        is_first_page: before.is_none(),
    };
    if !keepable {
        return Ok(Html(page.render()?).into_response());
    }
    let shown: Vec<i64> = cards.iter().map(|c| c.id).collect();
    let slug = base_path.rsplit('/').next().unwrap_or_default();
    let mut r = cacheable(page.render()?, CacheGroup::Listings);
    r.extensions_mut()
        .insert(ListingKeys::new(scope, slug, &shown));
    Ok(r)
}
