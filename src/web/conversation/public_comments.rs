//! Comments outside the article page: each article's comment feed, and each member's public
//! page and feed. Only visible comments (never held, rejected or deleted ones), for everyone.

use askama::Template;
use atom_syndication as atom;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::domain::Slug;
use crate::domain::l10n::Tr;
use crate::store::public_comments::{PublicComment, PublicMember};
use crate::web::layout::{Layout, TimeView};
use crate::web::reading::feeds::cached;
use crate::web::session::Viewer;
use crate::web::{AppState, Error, Result};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/articles/{slug}/comments.atom", get(article_comments_atom))
        .route("/members/{id}", get(member_page))
        .route("/members/{id}/comments.atom", get(member_comments_atom))
}

/// Entries in a comment feed.
pub const COMMENT_FEED_LENGTH: u32 = 50;

const ATOM: &str = "application/atom+xml; charset=utf-8";

/// `GET /articles/{slug}/comments.atom`: the article's latest visible comments, newest first.
async fn article_comments_atom(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Result<Response> {
    let slug = Slug::parse(&slug).map_err(|_| Error::NotFound)?;
    let now = state.clock.now();
    let article = state
        .store
        .published_article(slug.as_str(), now)
        .await?
        .ok_or(Error::NotFound)?;
    let comments = state
        .store
        .article_comment_feed(article.card.id, COMMENT_FEED_LENGTH)
        .await?;
    let page = format!("/articles/{}", article.card.slug);
    let feed = FeedHead {
        title: site_words(&state).t2(
            "logf-feed-comments-on",
            "title",
            &article.card.title,
            "site",
            &state.config.site_name,
        ),
        page: page.clone(),
        path: format!("{page}/comments.atom"),
        since: article.card.published_at,
    };
    Ok(atom_response(&state, &headers, &feed, &comments))
}

/// A member id from the path: anything but a positive integer is no member.
fn member_id(raw: &str) -> Result<i64> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or(Error::NotFound)
}

async fn member(state: &AppState, raw: &str) -> Result<PublicMember> {
    state
        .store
        .public_member(member_id(raw)?)
        .await?
        .ok_or(Error::NotFound)
}

/// `GET /members/{id}/comments.atom`: a member's latest visible comments, newest first.
async fn member_comments_atom(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response> {
    let m = member(&state, &id).await?;
    let comments = state
        .store
        .member_comments(m.id, None, COMMENT_FEED_LENGTH, state.clock.now())
        .await?;
    let feed = FeedHead {
        title: site_words(&state).t2(
            "logf-feed-comments-by",
            "name",
            &m.display_name,
            "site",
            &state.config.site_name,
        ),
        page: format!("/members/{}", m.id),
        path: format!("/members/{}/comments.atom", m.id),
        since: m.created_at,
    };
    Ok(atom_response(&state, &headers, &feed, &comments))
}

#[derive(Deserialize)]
struct MemberQuery {
    before: Option<String>,
}

struct MemberCommentView {
    id: i64,
    /// The article's address, or the host page's for an embedded page's thread.
    article_href: String,
    /// Where the comment itself is.
    comment_href: String,
    article_title: String,
    time: TimeView,
    edited: bool,
    body_html: String,
}

#[derive(Template)]
#[template(path = "member.html")]
struct MemberTemplate {
    layout: Layout,
    name: String,
    /// "Member since" with its `<time>`, as HTML.
    since_html: String,
    comments: Vec<MemberCommentView>,
    base_path: String,
    older: Option<String>,
    is_first_page: bool,
}

/// `GET /members/{id}`: a member's public page: name, member since, their visible comments
/// newest first (`?before=COMMENT_ID` for older ones).
async fn member_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Query(q): Query<MemberQuery>,
) -> Result<Response> {
    let m = member(&state, &id).await?;
    let tr = Tr::new(viewer.locale);
    let before = match q.before.as_deref() {
        None | Some("") => None,
        Some(s) => Some(
            s.parse::<i64>()
                .map_err(|_| Error::BadRequest(tr.t("conv-member-bad-page")))?,
        ),
    };
    let page_size = state.config.page_size;
    let mut rows = state
        .store
        .member_comments(m.id, before, page_size + 1, state.clock.now())
        .await?;
    let base_path = format!("/members/{}", m.id);
    let older = if rows.len() > page_size as usize {
        rows.truncate(page_size as usize);
        rows.last().map(|c| format!("{base_path}?before={}", c.id))
    } else {
        None
    };
    let sections = state.store.sections().await?;
    let canonical = match before {
        Some(b) => format!("{base_path}?before={b}"),
        None => base_path.clone(),
    };
    let mut layout = Layout::new(&state, &sections, &m.display_name, Some(&canonical), None)
        .with_description(&tr.t1("conv-member-comments-by", "name", &m.display_name))
        .with_viewer(&viewer);
    layout.feeds.push((
        format!(
            "{} (Atom)",
            tr.t1("conv-member-comments-by", "name", &m.display_name)
        ),
        format!("{base_path}/comments.atom"),
        "application/atom+xml",
    ));
    let page = MemberTemplate {
        layout,
        name: m.display_name,
        since_html: since_html(tr, &TimeView::long(m.created_at, &viewer.dates)),
        comments: rows
            .into_iter()
            .map(|c| MemberCommentView {
                id: c.id,
                time: TimeView::long(c.created_at, &viewer.dates),
                edited: c.edited_at.is_some(),
                article_href: c
                    .page_url
                    .clone()
                    .unwrap_or_else(|| format!("/articles/{}", c.article_slug)),
                comment_href: comment_href("", &c),
                article_title: c.article_title,
                body_html: c.body_html,
            })
            .collect(),
        base_path,
        older,
        is_first_page: before.is_none(),
    };
    Ok(Html(page.render()?).into_response())
}

/// "Member since" and the day, in a `<time>` element wherever the language puts the date.
fn since_html(tr: Tr, since: &TimeView) -> String {
    // A private-use character stands in for the date while the message is escaped.
    const DATE: &str = "\u{E001}";
    let time = format!(
        "<time datetime=\"{}\">{}</time>",
        html_escape::encode_double_quoted_attribute(&since.iso),
        html_escape::encode_text(&since.human)
    );
    tr.html1("conv-member-since", [], "date", DATE)
        .replace(DATE, &time)
}

/// A feed's words: the site's language, since a feed is shared and cached, read by no one in
/// particular.
fn site_words(state: &AppState) -> Tr {
    Tr::new(state.config.locale)
}

/// What a comment feed is of: its title, its page, its own address, and the time it counts
/// as updated when it has no entries yet.
struct FeedHead {
    title: String,
    page: String,
    path: String,
    since: DateTime<Utc>,
}

/// Where a comment is read: under its article (`base` before it), or on the host page of an
/// embedded page's thread.
fn comment_href(base: &str, c: &PublicComment) -> String {
    match &c.page_url {
        Some(page) => page.clone(),
        None => format!("{base}/articles/{}#comment-{}", c.article_slug, c.id),
    }
}

/// The host name of the site's base URL, for `tag:` entry ids.
fn host(base_url: &str) -> &str {
    base_url
        .split("://")
        .nth(1)
        .unwrap_or("localhost")
        .split(['/', ':'])
        .next()
        .unwrap_or("localhost")
}

fn atom_response(
    state: &AppState,
    headers: &HeaderMap,
    head: &FeedHead,
    comments: &[PublicComment],
) -> Response {
    let base = &state.config.base_url;
    let changed = |c: &PublicComment| c.edited_at.unwrap_or(c.created_at).max(c.created_at);
    let last = comments.iter().map(changed).max();
    let tr = site_words(state);
    let entries = comments
        .iter()
        .map(|c| {
            let url = comment_href(base, c);
            atom::Entry {
                title: atom::Text::plain(tr.t2(
                    "logf-feed-comment",
                    "name",
                    &c.author_name,
                    "title",
                    &c.article_title,
                )),
                // Stable whatever the article's slug becomes.
                id: format!(
                    "tag:{},{}:comment:{}",
                    host(base),
                    c.created_at.format("%Y-%m-%d"),
                    c.id
                ),
                updated: changed(c).fixed_offset(),
                published: Some(c.created_at.fixed_offset()),
                authors: vec![atom::Person {
                    name: c.author_name.clone(),
                    email: None,
                    uri: c.author_id.map(|id| format!("{base}/members/{id}")),
                    ..Default::default()
                }],
                links: vec![atom::Link {
                    href: url,
                    rel: "alternate".into(),
                    mime_type: Some("text/html".into()),
                    ..Default::default()
                }],
                content: Some(atom::Content {
                    value: Some(c.body_html.clone()),
                    content_type: Some("html".into()),
                    ..Default::default()
                }),
                ..Default::default()
            }
        })
        .collect();
    let feed = atom::Feed {
        lang: Some(state.config.locale.tag().into()),
        title: atom::Text::plain(head.title.clone()),
        id: format!("{base}{}", head.path),
        updated: last.unwrap_or(head.since).fixed_offset(),
        links: vec![
            atom::Link {
                href: format!("{base}{}", head.path),
                rel: "self".into(),
                mime_type: Some("application/atom+xml".into()),
                ..Default::default()
            },
            atom::Link {
                href: format!("{base}{}", head.page),
                rel: "alternate".into(),
                mime_type: Some("text/html".into()),
                ..Default::default()
            },
        ],
        entries,
        ..Default::default()
    };
    cached(headers, ATOM, feed.to_string(), last)
}
