//! Syndication and crawlers: Atom, RSS 2.0 and JSON Feed 1.1 for the site, each section, tag and
//! author; the sitemap index, its pages and the news sitemap. Feeds carry an ETag and
//! Last-Modified and answer 304 to a reader that already has them.

use std::collections::HashMap;

use atom_syndication as atom;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};

use super::sitemap;
use crate::config::FeedContent;
use crate::domain::{ArticleDetail, ArticleFilter, ListScope, Slug};
use crate::web::{AppState, Error, Result};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/feed.atom", get(site_atom))
        .route("/feed.rss", get(site_rss))
        .route("/feed.json", get(site_json))
        .route("/sections/{slug}/{file}", get(section_feed))
        .route("/tags/{slug}/{file}", get(tag_feed))
        .route("/authors/{slug}/{file}", get(author_feed))
        .route("/sitemap.xml", get(sitemap_index))
        .route("/sitemaps/{file}", get(sitemap_page))
}

/// Entries per feed.
const FEED_LENGTH: u32 = 30;
/// Article URLs per sitemap page (the protocol allows 50,000).
const SITEMAP_PAGE: i64 = 10_000;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Atom,
    Rss,
    Json,
}

impl Format {
    fn from_file(file: &str) -> Option<Format> {
        match file {
            "feed.atom" => Some(Format::Atom),
            "feed.rss" => Some(Format::Rss),
            "feed.json" => Some(Format::Json),
            _ => None,
        }
    }
}

/// What a feed is of: its title, its page, its own address.
struct Channel {
    title: String,
    page: String,
    path: String,
    scope: ListScope,
}

/// `GET /feed.atom`
async fn site_atom(State(s): State<AppState>, h: HeaderMap) -> Result<Response> {
    feed(&s, &h, site_channel(&s, "/feed.atom"), Format::Atom).await
}

/// `GET /feed.rss`
async fn site_rss(State(s): State<AppState>, h: HeaderMap) -> Result<Response> {
    feed(&s, &h, site_channel(&s, "/feed.rss"), Format::Rss).await
}

/// `GET /feed.json`
async fn site_json(State(s): State<AppState>, h: HeaderMap) -> Result<Response> {
    feed(&s, &h, site_channel(&s, "/feed.json"), Format::Json).await
}

fn site_channel(state: &AppState, path: &str) -> Channel {
    Channel {
        title: state.config.site_name.clone(),
        page: "/".to_owned(),
        path: path.to_owned(),
        scope: ListScope::All,
    }
}

/// `GET /sections/{slug}/feed.atom` (and `.rss`, `.json`)
async fn section_feed(
    State(s): State<AppState>,
    h: HeaderMap,
    Path((slug, file)): Path<(String, String)>,
) -> Result<Response> {
    let format = Format::from_file(&file).ok_or(Error::NotFound)?;
    let slug = Slug::parse(&slug).map_err(|_| Error::NotFound)?;
    let section = s
        .store
        .section_by_slug(&slug)
        .await?
        .ok_or(Error::NotFound)?;
    let channel = Channel {
        title: titled(&s, &section.name),
        page: format!("/sections/{}", section.slug),
        path: format!("/sections/{}/{file}", section.slug),
        scope: ListScope::Section(section.id),
    };
    feed(&s, &h, channel, format).await
}

/// `GET /tags/{slug}/feed.atom` (and `.rss`, `.json`)
async fn tag_feed(
    State(s): State<AppState>,
    h: HeaderMap,
    Path((slug, file)): Path<(String, String)>,
) -> Result<Response> {
    let format = Format::from_file(&file).ok_or(Error::NotFound)?;
    let slug = Slug::parse(&slug).map_err(|_| Error::NotFound)?;
    let tag = s.store.tag_by_slug(&slug).await?.ok_or(Error::NotFound)?;
    let channel = Channel {
        title: titled(&s, &tag.name),
        page: format!("/tags/{}", tag.slug),
        path: format!("/tags/{}/{file}", tag.slug),
        scope: ListScope::Tag(tag.id),
    };
    feed(&s, &h, channel, format).await
}

/// `GET /authors/{slug}/feed.atom` (and `.rss`, `.json`)
async fn author_feed(
    State(s): State<AppState>,
    h: HeaderMap,
    Path((slug, file)): Path<(String, String)>,
) -> Result<Response> {
    let format = Format::from_file(&file).ok_or(Error::NotFound)?;
    let slug = Slug::parse(&slug).map_err(|_| Error::NotFound)?;
    let author = s
        .store
        .author_by_slug(&slug)
        .await?
        .ok_or(Error::NotFound)?;
    let channel = Channel {
        title: titled(&s, &author.name),
        page: format!("/authors/{}", author.slug),
        path: format!("/authors/{}/{file}", author.slug),
        scope: ListScope::Author(author.id),
    };
    feed(&s, &h, channel, format).await
}

/// A section's, tag's or author's feed title: their name with the site's, in the site's
/// language (feeds are read by no one in particular).
fn titled(state: &AppState, name: &str) -> String {
    crate::domain::l10n::Tr::new(state.config.locale).t2(
        "logf-feed-of",
        "name",
        name,
        "site",
        &state.config.site_name,
    )
}

/// When the live streams of the listed articles last changed, by article id.
type StreamChanges = HashMap<i64, DateTime<Utc>>;

/// When an entry last changed: its update, its latest correction or, for a live article, the
/// latest change to its stream of updates (feed readers show the story again as it moves on),
/// whichever is latest.
fn updated(a: &ArticleDetail, streams: &StreamChanges) -> DateTime<Utc> {
    let corrected = a.corrections.iter().map(|c| c.at).max();
    a.card
        .updated_at
        .into_iter()
        .chain(corrected)
        .chain(streams.get(&a.card.id).copied())
        .filter(|u| *u > a.card.published_at)
        .max()
        .unwrap_or(a.card.published_at)
}

/// The body as feeds carry it: the article's HTML, then its correction notes with their times.
/// Feeds are read by no one in particular: their words and times are the site's.
fn content_html(a: &ArticleDetail, state: &AppState) -> String {
    let dates = state.site_dates();
    let tr = crate::domain::l10n::Tr::new(state.config.locale);
    let mut html = crate::domain::markdown::feed_html(&a.body_html);
    for c in &a.corrections {
        let escaped = c
            .text
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        let label = tr
            .t1("reading-feed-correction", "time", dates.long(c.at))
            .replace('&', "&amp;")
            .replace('<', "&lt;");
        html.push_str(&format!(
            "<p class=\"correction\"><strong>{label}</strong> {escaped}</p>"
        ));
    }
    html
}

/// A permanent id for an article that survives changes of slug.
fn entry_id(state: &AppState, a: &ArticleDetail) -> String {
    let host = state
        .config
        .base_url
        .split("://")
        .nth(1)
        .unwrap_or("localhost")
        .split(['/', ':'])
        .next()
        .unwrap_or("localhost");
    format!(
        "tag:{host},{}:article:{}",
        a.card.published_at.format("%Y-%m-%d"),
        a.card.id
    )
}

async fn feed(
    state: &AppState,
    headers: &HeaderMap,
    channel: Channel,
    format: Format,
) -> Result<Response> {
    let articles = state
        .store
        .recent_with_bodies(channel.scope, FEED_LENGTH, state.clock.now())
        .await?;
    let live: Vec<i64> = articles
        .iter()
        .filter(|a| a.card.coverage.has_stream())
        .map(|a| a.card.id)
        .collect();
    let streams: StreamChanges = state
        .store
        .stream_changes(&live)
        .await?
        .into_iter()
        .collect();
    let last_modified = articles.iter().map(|a| updated(a, &streams)).max();
    let (content_type, body) = match format {
        Format::Atom => (
            "application/atom+xml; charset=utf-8",
            atom_feed(state, &channel, &articles, &streams, last_modified),
        ),
        Format::Rss => (
            "application/rss+xml; charset=utf-8",
            rss_feed(state, &channel, &articles, last_modified),
        ),
        Format::Json => (
            "application/feed+json; charset=utf-8",
            json_feed(state, &channel, &articles, &streams),
        ),
    };
    Ok(cached(headers, content_type, body, last_modified))
}

/// Whether feeds carry whole articles (`feed_content = full`) or their summaries only.
fn full_content(state: &AppState) -> bool {
    state.config.feed_content == FeedContent::Full
}

/// An article's featured image as a feed enclosure: absolute URL, MIME type (from the file's
/// extension; the generic one when it names none) and length ("0": the size is not known).
fn enclosure(state: &AppState, a: &ArticleDetail) -> Option<(String, &'static str)> {
    a.image.as_ref().map(|i| {
        (
            i.absolute_url(&state.config.base_url),
            i.mime_type().unwrap_or("application/octet-stream"),
        )
    })
}

fn atom_feed(
    state: &AppState,
    ch: &Channel,
    articles: &[ArticleDetail],
    streams: &StreamChanges,
    last: Option<DateTime<Utc>>,
) -> String {
    let base = &state.config.base_url;
    let fixed = |t: DateTime<Utc>| t.fixed_offset();
    let entries = articles
        .iter()
        .map(|a| {
            let url = format!("{base}/articles/{}", a.card.slug);
            let mut categories = vec![atom::Category {
                term: a.card.section.name.clone(),
                scheme: Some(format!("{base}/sections/{}", a.card.section.slug)),
                label: None,
            }];
            categories.extend(a.tags.iter().map(|t| atom::Category {
                term: t.name.clone(),
                scheme: Some(format!("{base}/tags/{}", t.slug)),
                label: None,
            }));
            let mut links = vec![atom::Link {
                href: url,
                rel: "alternate".into(),
                mime_type: Some("text/html".into()),
                ..Default::default()
            }];
            if let Some((href, mime_type)) = enclosure(state, a) {
                links.push(atom::Link {
                    href,
                    rel: "enclosure".into(),
                    mime_type: Some(mime_type.into()),
                    length: Some("0".into()),
                    ..Default::default()
                });
            }
            atom::Entry {
                title: atom::Text::plain(a.card.title.clone()),
                id: entry_id(state, a),
                updated: fixed(updated(a, streams)),
                published: Some(fixed(a.card.published_at)),
                authors: a
                    .card
                    .authors
                    .iter()
                    .map(|p| atom::Person {
                        name: p.name.clone(),
                        email: None,
                        uri: Some(format!("{base}/authors/{}", p.slug)),
                        ..Default::default()
                    })
                    .collect(),
                categories,
                links,
                summary: (!a.card.summary.is_empty())
                    .then(|| atom::Text::plain(a.card.summary.clone())),
                content: full_content(state).then(|| atom::Content {
                    value: Some(content_html(a, state)),
                    content_type: Some("html".into()),
                    ..Default::default()
                }),
                ..Default::default()
            }
        })
        .collect();
    let feed = atom::Feed {
        lang: Some(state.config.locale.tag().into()),
        title: atom::Text::plain(ch.title.clone()),
        id: format!("{base}{}", ch.path),
        updated: fixed(last.unwrap_or(DateTime::<Utc>::UNIX_EPOCH)),
        links: vec![
            atom::Link {
                href: format!("{base}{}", ch.path),
                rel: "self".into(),
                mime_type: Some("application/atom+xml".into()),
                ..Default::default()
            },
            atom::Link {
                href: format!("{base}{}", ch.page),
                rel: "alternate".into(),
                mime_type: Some("text/html".into()),
                ..Default::default()
            },
        ],
        entries,
        ..Default::default()
    };
    feed.to_string()
}

fn rss_feed(
    state: &AppState,
    ch: &Channel,
    articles: &[ArticleDetail],
    last: Option<DateTime<Utc>>,
) -> String {
    let base = &state.config.base_url;
    let items = articles
        .iter()
        .map(|a| {
            let url = format!("{base}/articles/{}", a.card.slug);
            let mut categories = vec![rss::Category {
                name: a.card.section.name.clone(),
                domain: None,
            }];
            categories.extend(a.tags.iter().map(|t| rss::Category {
                name: t.name.clone(),
                domain: None,
            }));
            let dc = rss::extension::dublincore::DublinCoreExtension {
                creators: a.card.authors.iter().map(|p| p.name.clone()).collect(),
                ..Default::default()
            };
            rss::Item {
                title: Some(a.card.title.clone()),
                link: Some(url),
                description: Some(a.card.summary.clone()),
                content: full_content(state).then(|| content_html(a, state)),
                enclosure: enclosure(state, a).map(|(url, mime_type)| rss::Enclosure {
                    url,
                    length: "0".into(),
                    mime_type: mime_type.into(),
                }),
                guid: Some(rss::Guid {
                    value: entry_id(state, a),
                    permalink: false,
                }),
                pub_date: Some(a.card.published_at.to_rfc2822()),
                categories,
                dublin_core_ext: Some(dc),
                ..Default::default()
            }
        })
        .collect();
    let mut namespaces = std::collections::BTreeMap::new();
    namespaces.insert(
        "content".to_owned(),
        "http://purl.org/rss/1.0/modules/content/".to_owned(),
    );
    namespaces.insert(
        "dc".to_owned(),
        "http://purl.org/dc/elements/1.1/".to_owned(),
    );
    let channel = rss::Channel {
        title: ch.title.clone(),
        link: format!("{base}{}", ch.page),
        description: crate::domain::l10n::Tr::new(state.config.locale).t1(
            "reading-feed-latest",
            "title",
            &ch.title,
        ),
        language: Some(state.config.locale.tag().into()),
        last_build_date: last.map(|t| t.to_rfc2822()),
        items,
        namespaces,
        ..Default::default()
    };
    channel.to_string()
}

fn json_feed(
    state: &AppState,
    ch: &Channel,
    articles: &[ArticleDetail],
    streams: &StreamChanges,
) -> String {
    let base = &state.config.base_url;
    let rfc3339 = |t: DateTime<Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let items: Vec<serde_json::Value> = articles
        .iter()
        .map(|a| {
            let mut tags = vec![a.card.section.name.clone()];
            tags.extend(a.tags.iter().map(|t| t.name.clone()));
            let mut item = serde_json::json!({
                "id": entry_id(state, a),
                "url": format!("{base}/articles/{}", a.card.slug),
                "title": a.card.title,
                "summary": a.card.summary,
                "date_published": rfc3339(a.card.published_at),
                "date_modified": rfc3339(updated(a, streams)),
                "authors": a.card.authors.iter().map(|p| serde_json::json!({
                    "name": p.name, "url": format!("{base}/authors/{}", p.slug)
                })).collect::<Vec<_>>(),
                "tags": tags,
            });
            // JSON Feed requires content_html or content_text: the summary stands in for the
            // body when feeds carry summaries only.
            if full_content(state) {
                item["content_html"] = content_html(a, state).into();
            } else {
                item["content_text"] = a.card.summary.clone().into();
            }
            if let Some(image) = &a.image {
                item["image"] = image.absolute_url(base).into();
            }
            item
        })
        .collect();
    serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": ch.title,
        "home_page_url": format!("{base}{}", ch.page),
        "feed_url": format!("{base}{}", ch.path),
        "language": state.config.locale.tag(),
        "items": items,
    })
    .to_string()
}

/// Answers with `body`, or 304 when the reader's copy is current (by ETag, else by date).
pub(crate) fn cached(
    headers: &HeaderMap,
    content_type: &'static str,
    body: String,
    last_modified: Option<DateTime<Utc>>,
) -> Response {
    let etag = format!(
        "\"{}\"",
        hex::encode(&Sha256::digest(body.as_bytes())[..12])
    );
    let last = last_modified.map(|t| t.format("%a, %d %b %Y %H:%M:%S GMT").to_string());
    let not_modified = match headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
    {
        Some(tags) => tags.split(',').any(|t| t.trim() == etag || t.trim() == "*"),
        None => match (
            headers
                .get(header::IF_MODIFIED_SINCE)
                .and_then(|v| v.to_str().ok()),
            last_modified,
        ) {
            (Some(since), Some(lm)) => DateTime::parse_from_rfc2822(since)
                .map(|since| lm.timestamp() <= since.timestamp())
                .unwrap_or(false),
            _ => false,
        },
    };
    let mut response = if not_modified {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        ([(header::CONTENT_TYPE, content_type)], body).into_response()
    };
    let h = response.headers_mut();
    h.insert(header::ETAG, HeaderValue::from_str(&etag).expect("hex"));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    if let Some(v) = last.and_then(|l| HeaderValue::from_str(&l).ok()) {
        h.insert(header::LAST_MODIFIED, v);
    }
    response
}

/// `GET /sitemap.xml`: the index: the pages sitemap, the news sitemap and one page per 10,000
/// article ids.
async fn sitemap_index(State(state): State<AppState>, headers: HeaderMap) -> Result<Response> {
    let base = &state.config.base_url;
    let max = state.store.max_article_id().await?;
    let pages = (max + SITEMAP_PAGE - 1) / SITEMAP_PAGE;
    let mut files = vec!["pages.xml".to_owned(), "news.xml".to_owned()];
    files.extend((1..=pages).map(|n| format!("articles-{n}.xml")));
    let xml = sitemap::index(files.iter().map(|f| format!("{base}/sitemaps/{f}")));
    Ok(cached(
        &headers,
        "application/xml; charset=utf-8",
        xml,
        None,
    ))
}

/// `GET /sitemaps/{file}`: `pages.xml` (front page and sections), `news.xml` (the last 48
/// hours, Google News format) or `articles-N.xml`.
async fn sitemap_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(file): Path<String>,
) -> Result<Response> {
    let base = &state.config.base_url;
    let now = state.clock.now();
    let xml = if file == "pages.xml" {
        let sections = state.store.sections().await?;
        let home = std::iter::once(format!("{base}/"));
        let sections = sections
            .iter()
            .map(|s| format!("{base}/sections/{}", s.slug));
        sitemap::urls(home.chain(sections).map(|loc| sitemap::Url {
            loc,
            lastmod: None,
            alternates: Vec::new(),
        }))
    } else if file == "news.xml" {
        let since = now - Duration::hours(48);
        // Cards only: the news sitemap needs titles and links, not bodies or tags.
        let recent = state
            .store
            .list_articles(
                &ArticleFilter {
                    scope: ListScope::All,
                    before: None,
                    limit: 1000,
                },
                now,
            )
            .await?;
        sitemap::news(
            &state.config.site_name,
            state.config.locale.news_language(),
            recent
                .iter()
                .filter(|a| a.published_at >= since)
                .map(|a| sitemap::NewsUrl {
                    loc: format!("{base}/articles/{}", a.slug),
                    publication_date: a
                        .published_at
                        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                    title: a.title.clone(),
                }),
        )
    } else {
        let n: i64 = file
            .strip_prefix("articles-")
            .and_then(|r| r.strip_suffix(".xml"))
            .and_then(|n| n.parse().ok())
            .filter(|n| *n >= 1)
            .ok_or(Error::NotFound)?;
        let (after, up_to) = ((n - 1) * SITEMAP_PAGE, n * SITEMAP_PAGE);
        let entries = state.store.sitemap_entries(after, up_to, now).await?;
        let mut alternates: HashMap<String, Vec<(String, String)>> = HashMap::new();
        for (of, t) in state.store.sitemap_alternates(after, up_to, now).await? {
            let href = format!("{base}/articles/{}", t.slug);
            alternates.entry(of).or_default().push((t.lang, href));
        }
        // An article alone in its group (the others unpublished) has no alternates.
        alternates.retain(|_, a| a.len() > 1);
        sitemap::urls(entries.into_iter().map(|(slug, modified)| sitemap::Url {
            loc: format!("{base}/articles/{slug}"),
            lastmod: Some(modified.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
            alternates: alternates.remove(&slug).unwrap_or_default(),
        }))
    };
    Ok(cached(
        &headers,
        "application/xml; charset=utf-8",
        xml,
        None,
    ))
}
