//! The reading pages: the front page and the article page (listings: `listings.rs`).

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use chrono::Duration;

use crate::domain::l10n::Tr;
use crate::domain::{ArticleDetail, Slug};
use crate::web::cache::CacheGroup;
use crate::web::cache::member_page::{Holes, MemberPage};
use crate::web::cache::surrogate::ListingKeys;
use crate::web::layout::{CardView, Layout, LinkView, TimeView};
use crate::web::reading::thread::{
    CommentFormView, Conversation, ConversationQuery, conversation_with,
};
use crate::web::session::Viewer;
use crate::web::{AppState, Error, Result};

/// Related articles at the foot of an article page.
pub const RELATED_ON_PAGE: usize = 4;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(front_page))
        .route("/articles/{slug}", get(article))
        .route("/sections/{slug}", get(super::listings::section))
        .route("/tags/{slug}", get(super::listings::tag))
        .route("/authors/{slug}", get(super::listings::author))
}

/// A page signed-out readers may be served from the page cache, in `group`.
pub(super) fn cacheable(html: String, group: CacheGroup) -> Response {
    let mut r = Html(html).into_response();
    r.extensions_mut().insert(group);
    r
}

/// Stories per section on the front page.
const FRONT_PER_SECTION: u32 = 4;
/// "Most discussed" looks back this far.
const DISCUSSED_WINDOW_DAYS: i64 = 7;

#[derive(Template)]
#[template(path = "front.html")]
struct FrontTemplate {
    layout: Layout,
    lead: Option<CardView>,
    sections: Vec<SectionBlock>,
    discussed: Vec<CardView>,
}

struct SectionBlock {
    link: LinkView,
    cards: Vec<CardView>,
}

/// `GET /`: the lead story, the latest stories of each section, the most discussed. An old
/// WordPress `/?p=ID` or `/?page_id=ID` is redirected instead (looked up only when the query
/// has one of them).
async fn front_page(
    State(state): State<AppState>,
    viewer: Viewer,
    uri: axum::http::Uri,
) -> Result<Response> {
    if let Some(answer) = crate::web::newsroom::imports::front_page_query(&state, uri.query()).await
    {
        return answer;
    }
    let now = state.clock.now();
    let sections = state.store.sections().await?;
    let ids: Vec<i64> = sections.iter().map(|s| s.id).collect();
    // One extra per section, in case that section holds the lead story.
    let latest = state
        .store
        .latest_by_section(&ids, FRONT_PER_SECTION + 1, now)
        .await?;
    let discussed = state
        .store
        .most_discussed(now - Duration::days(DISCUSSED_WINDOW_DAYS), 5, now)
        .await?;
    let lead = latest
        .iter()
        .max_by_key(|c| (c.published_at, c.id))
        .cloned();
    let lead_id = lead.as_ref().map(|c| c.id);
    let blocks = sections
        .iter()
        .map(|s| SectionBlock {
            link: LinkView {
                name: s.name.clone(),
                href: format!("/sections/{}", s.slug),
            },
            cards: latest
                .iter()
                .filter(|c| c.section.slug == s.slug && Some(c.id) != lead_id)
                .take(FRONT_PER_SECTION as usize)
                .map(|c| CardView::from(c, &viewer.dates))
                .collect(),
        })
        .filter(|b| !b.cards.is_empty())
        .collect();
    let layout = Layout::new(&state, &sections, "", Some("/"), None)
        .with_description(&Tr::new(viewer.locale).t("site-description"))
        .with_viewer(&viewer);
    let page = FrontTemplate {
        layout,
        lead: lead.as_ref().map(|c| CardView::from(c, &viewer.dates)),
        sections: blocks,
        discussed: discussed
            .iter()
            .map(|c| CardView::from(c, &viewer.dates))
            .collect(),
    };
    let mut r = cacheable(page.render()?, CacheGroup::Listings);
    r.extensions_mut().insert(ListingKeys::front());
    Ok(r)
}

#[derive(Template)]
#[template(path = "article.html")]
struct ArticleTemplate {
    layout: Layout,
    card: CardView,
    published: TimeView,
    updated: Option<TimeView>,
    body_html: String,
    tags: Vec<LinkView>,
    image: Option<crate::web::reading::images::ImageView>,
    corrections: Vec<(TimeView, String)>,
    related: Vec<LinkView>,
    talk: Conversation,
    live: Option<crate::web::reading::live::LiveView>,
    /// The article's own language when it is not the site's (`lang` on its text).
    lang: Option<String>,
    /// Its published translations, each in its language ("Read in").
    read_in: Vec<ReadIn>,
}

/// A link to a translation of the article.
struct ReadIn {
    href: String,
    lang: String,
    name: String,
}

/// `GET /articles/{slug}`: the article and its conversation. Signed-out readers' copies are
/// kept by the page cache's middleware; members get the members' copy of the page (see
/// `member_pages`) filled for them, or a full render when their page shows comments only they
/// see or its address asks for more than a sort and a page.
async fn article(
    State(state): State<AppState>,
    viewer: Viewer,
    uri: axum::http::Uri,
    Path(slug): Path<String>,
    Query(q): Query<ConversationQuery>,
) -> Result<Response> {
    let first_page = q.page.is_none();
    let mut response = article_page(state, viewer, uri, slug, q).await?;
    // The article's page counts as a view of it; a further page of its comments does not.
    if first_page && let Some(&CacheGroup::Article(id)) = response.extensions().get::<CacheGroup>()
    {
        response
            .extensions_mut()
            .insert(crate::web::cache::ArticleView(id));
    }
    Ok(response)
}

async fn article_page(
    state: AppState,
    viewer: Viewer,
    uri: axum::http::Uri,
    slug: String,
    q: ConversationQuery,
) -> Result<Response> {
    let slug = Slug::parse(&slug).map_err(|_| Error::NotFound)?;
    // Members share a copy per time zone: the page's times are written in the member's.
    let member_key = viewer
        .is_signed_in()
        .then(|| crate::web::cache::key::member_page_key(&uri))
        .flatten()
        // Members reading in different languages or zones share no page.
        .map(|key| format!("{} {key} {}", viewer.locale.tag(), viewer.dates.zone.name()));
    let mut member_state = "bypass";
    if let Some(key) = &member_key {
        member_state = "miss";
        if let Some(page) = state.pages.member_page(key, state.clock.now()) {
            if let Some(filled) = page.fill(&state, &viewer).await? {
                return Ok(member_response(filled, page.article_id, "hit"));
            }
            member_state = "own";
        }
    }
    let generation = state.pages.generation();
    let now = state.clock.now();
    let Some(article) = state.store.published_article(slug.as_str(), now).await? else {
        // A published article whose slug changed keeps its old address, permanently moved.
        return match state.store.redirect_for(&slug, now).await? {
            Some(new) => Ok((
                StatusCode::MOVED_PERMANENTLY,
                [(header::LOCATION, format!("/articles/{new}"))],
            )
                .into_response()),
            // An embedded page's thread lives in its frame (also a page of its own).
            None => {
                match crate::web::embed::thread_address(&state, slug.as_str(), q.reply).await? {
                    Some(href) => Ok(axum::response::Redirect::to(&href).into_response()),
                    None => Err(Error::NotFound),
                }
            }
        };
    };
    // A comments page from a made-up cursor is answered, never kept (see `cache::page_key`).
    let keepable = comments_page_is_real(&state, article.card.id, &q).await?;
    if !keepable && member_state == "miss" {
        member_state = "bypass";
    }
    if let (Some(key), "miss") = (member_key, member_state) {
        let mut holes = Holes::default();
        let html =
            render_article_page(&state, &viewer, &article, &q, None, false, Some(&mut holes))
                .await?;
        // The members' copy must hold nothing of the member it was rendered for.
        let page = MemberPage::new(
            &html,
            holes,
            article.card.id,
            article.card.published_at,
            &article.card.slug,
            state.clock.now(),
        )
        .filter(|_| !html.contains(&viewer.csrf));
        if let Some(page) = page {
            let page = std::sync::Arc::new(page);
            state.pages.put_member_page(key, page.clone(), generation);
            if let Some(filled) = page.fill(&state, &viewer).await? {
                return Ok(member_response(filled, article.card.id, "miss"));
            }
            member_state = "own";
        }
    }
    let html = render_article(&state, &viewer, &article, &q, None).await?;
    let mut headers = axum::http::HeaderMap::new();
    crate::web::middleware::allow_story_frames(&mut headers, &html);
    let mut r = if keepable {
        cacheable(html, CacheGroup::Article(article.card.id))
    } else {
        Html(html).into_response()
    };
    r.headers_mut().extend(headers);
    if viewer.is_signed_in() {
        r.headers_mut().insert(
            MEMBER_CACHE_HEADER,
            axum::http::HeaderValue::from_static(member_state),
        );
    }
    Ok(r)
}

/// Whether the comments page `q` asks for is one the site links to: the first, or one after a
/// thread of this article as the "Show more comments" link writes it (its time, or its likes
/// for the most-liked order). Any other cursor still gets its page, which is not kept: made-up
/// cursors are endless, and would push readers' pages out of the cache. A malformed one is
/// refused when the page is rendered.
async fn comments_page_is_real(
    state: &AppState,
    article_id: i64,
    q: &ConversationQuery,
) -> Result<bool> {
    let Some(cursor) = q
        .page
        .as_deref()
        .and_then(crate::domain::comment::ThreadCursor::decode)
    else {
        return Ok(true);
    };
    let Some(thread) = state.store.comment(cursor.id).await? else {
        return Ok(false);
    };
    let key = match crate::domain::comment::CommentSort::parse(q.sort.as_deref()) {
        crate::domain::comment::CommentSort::MostLiked => thread.like_count,
        _ => thread.created_at.timestamp_micros(),
    };
    Ok(thread.article_id == article_id && thread.parent_id.is_none() && key == cursor.key)
}

/// Says how a member's article page was made: `hit` (filled from the kept copy), `miss`
/// (copy rendered, kept and filled), `own` (the member has held or rejected comments there:
/// full render), `bypass` (an address the copies do not cover: full render).
const MEMBER_CACHE_HEADER: &str = "x-member-cache";

fn member_response(
    (html, etag): (String, crate::web::cache::KnownEtag),
    article_id: i64,
    how: &'static str,
) -> Response {
    let mut headers = axum::http::HeaderMap::new();
    crate::web::middleware::allow_story_frames(&mut headers, &html);
    let mut r = cacheable(html, CacheGroup::Article(article_id));
    r.headers_mut().extend(headers);
    r.extensions_mut().insert(etag);
    r.headers_mut().insert(
        MEMBER_CACHE_HEADER,
        axum::http::HeaderValue::from_static(how),
    );
    r
}

/// The article page's HTML; `form` is a comment form sent back with what went wrong.
pub async fn render_article(
    state: &AppState,
    viewer: &Viewer,
    article: &ArticleDetail,
    q: &ConversationQuery,
    form: Option<CommentFormView>,
) -> Result<String> {
    render_article_page(state, viewer, article, q, form, false, None).await
}

/// The article page as readers will see it, for the newsroom's preview of an article that may
/// not be public yet: the same page without its live-update stream (which serves public
/// articles only).
pub async fn render_preview(
    state: &AppState,
    viewer: &Viewer,
    article: &ArticleDetail,
) -> Result<String> {
    render_article_page(
        state,
        viewer,
        article,
        &ConversationQuery::default(),
        None,
        true,
        None,
    )
    .await
}

/// The article page; `preview` leaves out the live-update stream, and with `holes` it is the
/// members' copy of the page (see `member_pages`).
async fn render_article_page(
    state: &AppState,
    viewer: &Viewer,
    article: &ArticleDetail,
    q: &ConversationQuery,
    form: Option<CommentFormView>,
    preview: bool,
    holes: Option<&mut Holes>,
) -> Result<String> {
    let sections = state.store.sections().await?;
    let account_hole = holes.as_ref().map(|h| h.account());
    let mut talk = conversation_with(state, article, viewer, q, form, holes).await?;
    if preview {
        talk.live_href.clear();
    }
    let c = &article.card;
    let related = state
        .store
        .related_articles(c.id, RELATED_ON_PAGE, state.clock.now())
        .await?;
    let base = &state.config.base_url;
    let live = crate::web::reading::live::live_view(state, article, Tr::new(viewer.locale)).await?;
    let mut data = news_article(state, article);
    if let Some(l) = &live {
        crate::web::reading::live::live_blog_data(&mut data, base, &c.slug, l);
    }
    // The featured image opens the page: the browser should fetch it first, not lazily.
    let image = match &article.image {
        Some(i) => Some(
            crate::web::reading::images::image_view(
                state,
                i,
                crate::web::reading::images::Placement::AboveTheFold,
            )
            .await?,
        ),
        None => None,
    };
    let layout = Layout::new(
        state,
        &sections,
        &c.title,
        Some(&format!("/articles/{}", c.slug)),
        Some(&c.section.slug),
    )
    .with_description(&c.summary)
    .with_viewer(viewer)
    .with_image(
        article
            .image
            .as_ref()
            .map(|i| (i.absolute_url(base), i.alt.clone())),
    )
    .with_article_data(&data);
    let mut layout = Layout {
        hole: account_hole,
        ..layout
    };
    let lang = article.languages.own.clone();
    let translations = if article.languages.translated {
        state.store.translations(c.id, state.clock.now()).await?
    } else {
        Vec::new()
    };
    // Alternates name every language of the group, this page's own included.
    if translations.len() > 1 {
        layout.alternates = translations
            .iter()
            .map(|t| (t.lang.clone(), format!("{base}/articles/{}", t.slug)))
            .collect();
    }
    let read_in = translations
        .into_iter()
        .filter(|t| t.slug != c.slug)
        .map(|t| ReadIn {
            href: format!("/articles/{}", t.slug),
            name: crate::domain::locale::autonym(&t.lang).to_owned(),
            lang: t.lang,
        })
        .collect();
    let tr = layout.tr;
    if live.is_some() {
        layout.feeds.push((
            tr.t1("reading-feed-live-updates", "title", &c.title),
            format!("/articles/{}/updates.atom", c.slug),
            "application/atom+xml",
        ));
    }
    layout.feeds.push((
        tr.t1("reading-feed-comments", "title", &c.title),
        format!("/articles/{}/comments.atom", c.slug),
        "application/atom+xml",
    ));
    let page = ArticleTemplate {
        layout,
        card: CardView::from(c, &viewer.dates),
        published: TimeView::long(c.published_at, &viewer.dates),
        updated: c
            .updated_at
            .filter(|u| *u > c.published_at)
            .map(|t| TimeView::long(t, &viewer.dates)),
        body_html: article.body_html.clone(),
        tags: article.tags.iter().map(LinkView::tag).collect(),
        image,
        corrections: article
            .corrections
            .iter()
            .map(|c| (TimeView::long(c.at, &viewer.dates), c.text.clone()))
            .collect(),
        related: related
            .into_iter()
            .map(|r| LinkView {
                href: format!("/articles/{}", r.slug),
                name: r.title,
            })
            .collect(),
        talk,
        live,
        lang,
        read_in,
    };
    Ok(page.render()?)
}

/// The article as schema.org `NewsArticle`, for search engines and link previews.
fn news_article(state: &AppState, article: &ArticleDetail) -> serde_json::Value {
    let base = &state.config.base_url;
    let c = &article.card;
    let iso =
        |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let url = format!("{base}/articles/{}", c.slug);
    let mut data = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": c.title,
        "description": c.summary,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": iso(c.published_at),
        "dateModified": iso(c.updated_at.filter(|u| *u > c.published_at).unwrap_or(c.published_at)),
        "articleSection": c.section.name,
        "keywords": article.tags.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
        "author": c.authors.iter().map(|a| serde_json::json!({
            "@type": "Person", "name": a.name, "url": format!("{base}/authors/{}", a.slug)
        })).collect::<Vec<_>>(),
        "publisher": { "@type": "Organization", "name": state.config.site_name, "url": format!("{base}/") },
        "commentCount": c.comment_count,
    });
    if !article.corrections.is_empty() {
        data["correction"] = article
            .corrections
            .iter()
            .map(|c| {
                serde_json::json!({
                    "@type": "CorrectionComment", "text": c.text, "datePublished": iso(c.at)
                })
            })
            .collect();
    }
    if let Some(image) = &article.image {
        data["image"] = serde_json::json!({
            "@type": "ImageObject",
            "url": image.absolute_url(base),
            "caption": image.caption.as_deref().unwrap_or(&image.alt),
        });
    }
    data
}
