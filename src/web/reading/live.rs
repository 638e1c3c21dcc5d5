//! A live article as readers see it: the key events, the stream of updates newest first (older
//! ones a page at a time, by keyset, without JavaScript), one update's HTML for the script,
//! and the `LiveBlogPosting` structured data.

use askama::Template;
use atom_syndication as atom;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;

use crate::domain::l10n::Tr;
use crate::domain::live::{
    Coverage, KEY_EVENTS_SHOWN, LiveUpdateId, UPDATES_PER_PAGE, UpdateCursor, UpdateStatus,
    plain_text,
};
use crate::domain::locale::Dates;
use crate::domain::{ArticleDetail, Slug};
use crate::store::live::LiveUpdate;
use crate::web::layout::{Layout, TimeView};
use crate::web::reading::images::{ImageView, Placement, image_views};
use crate::web::session::Viewer;
use crate::web::{AppState, Error, Result};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/articles/{slug}/updates", get(older))
        .route("/articles/{slug}/updates.atom", get(updates_atom))
        .route("/articles/{slug}/key-events", get(key_events_fragment))
        .route("/live-updates/{id}/fragment", get(fragment))
}

/// One update as the stream shows it.
pub struct UpdateView {
    pub id: i64,
    pub time: TimeView,
    pub edited: Option<TimeView>,
    pub author: String,
    pub key_event: bool,
    pub body_html: String,
    /// The text, for the key-events summary and the structured data.
    pub text: String,
    /// Its image, shown as the featured image is (`srcset`, `sizes`, intrinsic size) but
    /// fetched lazily; `None` in the key-events summary, which shows no images.
    pub image: Option<ImageView>,
    /// The reader's question this update answers, quoted above the answer.
    pub question: Option<QuoteView>,
    /// The words of the stream (the update is shown in and out of a page's frame).
    pub tr: Tr,
}

/// A reader's question as an answer quotes it.
pub struct QuoteView {
    /// The asker's display name, or "A reader" once their account is gone.
    pub asker: String,
    pub text: String,
    pub tr: Tr,
}

#[derive(Template)]
#[template(path = "live_question.html")]
struct Quote<'a> {
    q: &'a QuoteView,
}

impl QuoteView {
    /// A quote in English (see [`QuoteView::in_language`]).
    pub fn new(asker: Option<&str>, text: &str) -> QuoteView {
        QuoteView::in_language(asker, text, Tr::default())
    }

    /// A quote whose words are those of `tr`'s language.
    pub fn in_language(asker: Option<&str>, text: &str, tr: Tr) -> QuoteView {
        QuoteView {
            asker: asker.map_or_else(|| tr.t("reading-a-reader"), str::to_owned),
            text: text.to_owned(),
            tr,
        }
    }

    /// The quote's HTML, as the stream shows it (for feeds and webhooks, which carry HTML).
    pub fn html(&self) -> String {
        Quote { q: self }.render().unwrap_or_default()
    }
}

impl UpdateView {
    /// An update as the stream shows it; live streams are shared by every reader (fragments
    /// pushed to all), so their times are in the site's zone.
    fn of(u: &LiveUpdate, dates: &Dates, tr: Tr) -> UpdateView {
        let published = u.published_at.unwrap_or(u.created_at);
        let question = u
            .question_body
            .as_deref()
            .map(|text| QuoteView::in_language(u.question_asker.as_deref(), text, tr));
        let answer = plain_text(&u.body_source);
        let text = match &question {
            Some(q) => format!(
                "{} {answer}",
                tr.t2("reading-asked", "asker", &q.asker, "question", &q.text)
            ),
            None => answer,
        };
        UpdateView {
            id: u.id,
            time: TimeView::long(published, dates),
            edited: u.edited_at.map(|t| TimeView::long(t, dates)),
            author: u
                .author_name
                .clone()
                .unwrap_or_else(|| tr.t("reading-the-newsroom")),
            key_event: u.key_event,
            body_html: u.body_html.clone(),
            text,
            image: None,
            question,
            tr,
        }
    }

    /// The first words of the update, for the key-events summary.
    pub fn headline(&self) -> String {
        const MAX: usize = 110;
        if self.text.chars().count() <= MAX {
            return self.text.clone();
        }
        let cut: String = self.text.chars().take(MAX - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// The stream's views of `rows`, their images with them (one query for all of them).
async fn views(state: &AppState, rows: &[LiveUpdate], tr: Tr) -> Result<Vec<UpdateView>> {
    let with_image: Vec<(usize, (&str, &str))> = rows
        .iter()
        .enumerate()
        .filter_map(|(i, u)| {
            let src = u.image_url.as_deref()?;
            Some((i, (src, u.image_alt.as_deref().unwrap_or(""))))
        })
        .collect();
    let images: Vec<(&str, &str)> = with_image.iter().map(|(_, img)| *img).collect();
    let mut images = image_views(state, &images, Placement::BelowTheFold)
        .await?
        .into_iter();
    let mut out: Vec<UpdateView> = rows
        .iter()
        .map(|u| UpdateView::of(u, &state.site_dates(), tr))
        .collect();
    for (i, _) in with_image {
        out[i].image = images.next();
    }
    Ok(out)
}

/// The live part of an article page.
pub struct LiveView {
    pub is_live: bool,
    pub ended: Option<TimeView>,
    pub key_events: Vec<UpdateView>,
    /// Where the page's script fetches the summary again when a key event changes.
    pub key_events_href: String,
    pub updates: Vec<UpdateView>,
    pub older_href: Option<String>,
    pub since: chrono::DateTime<chrono::Utc>,
    pub until: Option<chrono::DateTime<chrono::Utc>>,
    pub tr: Tr,
}

impl LiveView {
    /// What `app.js` says as updates arrive, in the viewer's language, as JSON for the page's
    /// `live-words` data block: `new-updates` in each plural form the language has (the script
    /// picks one with `Intl.PluralRules` and fills in `{count}`).
    pub fn words(&self) -> String {
        live_words(self.tr)
    }
}

/// [`LiveView::words`], escaped for a `<script>` data block.
pub fn live_words(tr: Tr) -> String {
    let forms: serde_json::Map<String, serde_json::Value> = tr
        .plural_forms("live-js-new-updates", "count")
        .into_iter()
        .map(|(category, text)| (category.to_owned(), serde_json::Value::String(text)))
        .collect();
    serde_json::json!({
        "new-update": tr.t("live-js-new-update"),
        "new-updates": forms,
    })
    .to_string()
    .replace('<', "\\u003c")
}

/// The stream of an article under coverage (or that had it), or `None`: two indexed queries.
pub async fn live_view(
    state: &AppState,
    article: &ArticleDetail,
    tr: Tr,
) -> Result<Option<LiveView>> {
    let c = &article.card;
    let (since, until) = match c.coverage {
        Coverage::None => return Ok(None),
        Coverage::Live { since } => (since, None),
        Coverage::Ended { since, until } => (since, Some(until)),
    };
    let mut updates = state
        .store
        .published_updates(c.id, None, false, UPDATES_PER_PAGE + 1)
        .await?;
    let key_events = state
        .store
        .published_updates(c.id, None, true, KEY_EVENTS_SHOWN)
        .await?;
    let older_href = older_link(&c.slug, &mut updates);
    Ok(Some(LiveView {
        is_live: c.coverage.is_live(),
        ended: until.map(|t| TimeView::long(t, &state.site_dates())),
        key_events: key_events
            .iter()
            .map(|u| UpdateView::of(u, &state.site_dates(), tr))
            .collect(),
        key_events_href: format!("/articles/{}/key-events", c.slug),
        updates: views(state, &updates, tr).await?,
        older_href,
        since,
        until,
        tr,
    }))
}

/// Keeps one page of `updates` (read one longer) and says where the next one starts.
fn older_link(slug: &str, updates: &mut Vec<LiveUpdate>) -> Option<String> {
    if updates.len() <= UPDATES_PER_PAGE as usize {
        return None;
    }
    updates.truncate(UPDATES_PER_PAGE as usize);
    let cursor = updates.last()?.cursor()?;
    Some(format!(
        "/articles/{slug}/updates?before={}",
        cursor.encode()
    ))
}

/// `LiveBlogPosting` in place of `NewsArticle` for an article with coverage, as search engines
/// read live blogs: its coverage times and the updates on the page.
pub fn live_blog_data(data: &mut serde_json::Value, base: &str, slug: &str, live: &LiveView) {
    let iso =
        |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    data["@type"] = "LiveBlogPosting".into();
    data["coverageStartTime"] = iso(live.since).into();
    if let Some(until) = live.until {
        data["coverageEndTime"] = iso(until).into();
    }
    data["liveBlogUpdate"] = live
        .updates
        .iter()
        .map(|u| {
            let mut entry = serde_json::json!({
                "@type": "BlogPosting",
                "headline": u.headline(),
                "articleBody": u.text,
                "datePublished": u.time.iso,
                "url": format!("{base}/articles/{slug}#update-{}", u.id),
            });
            if let Some(e) = &u.edited {
                entry["dateModified"] = e.iso.clone().into();
            }
            entry
        })
        .collect();
}

#[derive(Template)]
#[template(path = "live_older.html")]
struct OlderPage {
    layout: Layout,
    title: String,
    href: String,
    updates: Vec<UpdateView>,
    older_href: Option<String>,
}

#[derive(Deserialize)]
struct OlderQuery {
    before: Option<String>,
}

/// `GET /articles/{slug}/updates?before=CURSOR`: the next page of a live article's updates,
/// older than the cursor (the page's "Older updates" link).
async fn older(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
    Query(q): Query<OlderQuery>,
) -> Result<Response> {
    let slug = Slug::parse(&slug).map_err(|_| Error::NotFound)?;
    let article = state
        .store
        .published_article(slug.as_str(), state.clock.now())
        .await?
        .ok_or(Error::NotFound)?;
    if !article.card.coverage.has_stream() {
        return Err(Error::NotFound);
    }
    let tr = Tr::new(viewer.locale);
    let before = match q.before.as_deref() {
        None => None,
        Some(s) => Some(
            UpdateCursor::decode(s)
                .ok_or_else(|| Error::BadRequest(tr.t("reading-live-bad-cursor")))?,
        ),
    };
    let c = &article.card;
    let mut updates = state
        .store
        .published_updates(c.id, before, false, UPDATES_PER_PAGE + 1)
        .await?;
    let older_href = older_link(&c.slug, &mut updates);
    let page = OlderPage {
        layout: Layout::load(
            &state,
            &viewer,
            &tr.t1("reading-earlier-updates-title", "title", &c.title),
        )
        .await?,
        title: c.title.clone(),
        href: format!("/articles/{}", c.slug),
        updates: views(&state, &updates, tr).await?,
        older_href,
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Template)]
#[template(path = "live_update_fragment.html")]
struct Fragment<'a> {
    u: &'a UpdateView,
}

/// `GET /live-updates/{id}/fragment`: one published update's HTML as the stream shows it (the
/// script inserts this server-rendered, sanitised HTML), in the reader's language;
/// `x-key-event: 1` when it is one.
async fn fragment(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response> {
    let update = state
        .store
        .live_update(LiveUpdateId(id))
        .await?
        .filter(|u| u.status == UpdateStatus::Published)
        .ok_or(Error::NotFound)?;
    let (_, published) = state
        .store
        .article_slug(update.article_id, state.clock.now())
        .await?
        .ok_or(Error::NotFound)?;
    if !published {
        return Err(Error::NotFound);
    }
    let view = views(
        &state,
        std::slice::from_ref(&update),
        Tr::new(viewer.locale),
    )
    .await?
    .pop()
    .ok_or(Error::NotFound)?;
    let html = Fragment { u: &view }.render()?;
    Ok((
        [
            (header::CACHE_CONTROL, "no-store"),
            (
                header::HeaderName::from_static("x-key-event"),
                if view.key_event { "1" } else { "0" },
            ),
        ],
        Html(html),
    )
        .into_response())
}

/// What the key-events summary shows (`l` as in the article page's template).
struct KeyEvents {
    key_events: Vec<UpdateView>,
    tr: Tr,
}

#[derive(Template)]
#[template(path = "live_key_events.html")]
struct KeyEventsFragment {
    l: KeyEvents,
}

/// `GET /articles/{slug}/key-events`: the key-events summary's HTML as the article page shows
/// it (empty when there are none), which the page's script puts in place when a key event is
/// published, edited or deleted.
async fn key_events_fragment(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
) -> Result<Response> {
    let tr = Tr::new(viewer.locale);
    let slug = Slug::parse(&slug).map_err(|_| Error::NotFound)?;
    let article = state
        .store
        .published_article(slug.as_str(), state.clock.now())
        .await?
        .filter(|a| a.card.coverage.has_stream())
        .ok_or(Error::NotFound)?;
    let key_events = state
        .store
        .published_updates(article.card.id, None, true, KEY_EVENTS_SHOWN)
        .await?;
    let l = KeyEvents {
        key_events: key_events
            .iter()
            .map(|u| UpdateView::of(u, &state.site_dates(), tr))
            .collect(),
        tr,
    };
    let html = KeyEventsFragment { l }.render()?;
    Ok(([(header::CACHE_CONTROL, "no-store")], Html(html)).into_response())
}

/// Entries in a live article's feed of updates.
const FEED_LENGTH: u32 = 50;

/// `GET /articles/{slug}/updates.atom`: a live article's latest published updates, newest
/// first, for feed readers following the story (404 for an article that never had coverage).
async fn updates_atom(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Result<Response> {
    let slug = Slug::parse(&slug).map_err(|_| Error::NotFound)?;
    let article = state
        .store
        .published_article(slug.as_str(), state.clock.now())
        .await?
        .ok_or(Error::NotFound)?;
    let c = &article.card;
    let since = match c.coverage {
        Coverage::None => return Err(Error::NotFound),
        Coverage::Live { since } | Coverage::Ended { since, .. } => since,
    };
    let updates = state
        .store
        .published_updates(c.id, None, false, FEED_LENGTH)
        .await?;
    let base = &state.config.base_url;
    // The entry ids stay the same whatever the article's slug becomes.
    let host = base
        .split_once("://")
        .map_or(base.as_str(), |(_, rest)| rest)
        .split('/')
        .next()
        .unwrap_or_default();
    let changed = |u: &LiveUpdate| u.edited_at.or(u.published_at).unwrap_or(u.created_at);
    let last = updates.iter().map(changed).max();
    let page = format!("{base}/articles/{}", c.slug);
    let path = format!("/articles/{}/updates.atom", c.slug);
    // Feeds are read by no one in particular: the site's language.
    let tr = Tr::new(state.config.locale);
    let entries = updates
        .iter()
        .map(|u| {
            let view = UpdateView::of(u, &state.site_dates(), tr);
            atom::Entry {
                title: atom::Text::plain(view.headline()),
                id: format!(
                    "tag:{host},{}:live-update:{}",
                    u.created_at.format("%Y-%m-%d"),
                    u.id
                ),
                updated: changed(u).fixed_offset(),
                published: u.published_at.map(|t| t.fixed_offset()),
                authors: vec![atom::Person {
                    name: view.author.clone(),
                    ..Default::default()
                }],
                links: vec![atom::Link {
                    href: format!("{page}#update-{}", u.id),
                    rel: "alternate".into(),
                    mime_type: Some("text/html".into()),
                    ..Default::default()
                }],
                content: Some(atom::Content {
                    value: Some(match &view.question {
                        Some(q) => format!("{}{}", q.html(), u.body_html),
                        None => u.body_html.clone(),
                    }),
                    content_type: Some("html".into()),
                    ..Default::default()
                }),
                ..Default::default()
            }
        })
        .collect();
    let feed = atom::Feed {
        lang: Some(state.config.locale.tag().into()),
        title: atom::Text::plain(tr.t2(
            "reading-feed-live-title",
            "title",
            &c.title,
            "site",
            &state.config.site_name,
        )),
        id: format!("{base}{path}"),
        updated: last.unwrap_or(since).fixed_offset(),
        links: vec![
            atom::Link {
                href: format!("{base}{path}"),
                rel: "self".into(),
                mime_type: Some("application/atom+xml".into()),
                ..Default::default()
            },
            atom::Link {
                href: page,
                rel: "alternate".into(),
                mime_type: Some("text/html".into()),
                ..Default::default()
            },
        ],
        entries,
        ..Default::default()
    };
    Ok(crate::web::reading::feeds::cached(
        &headers,
        "application/atom+xml; charset=utf-8",
        feed.to_string(),
        last,
    ))
}
