//! The conversation embedded on other sites: the sites admins register (`/admin/sites`), the
//! host page's loader (`/embed.js`) and the framed thread (`/embed/thread`).

mod counts;
mod frame;
mod pace;
mod policy;
mod signin;
mod sites;

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::Response;
use tower_http::compression::Predicate;

use crate::store::sites::EmbeddedThread;
use crate::web::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(counts::router())
        .merge(frame::router())
        .merge(signin::router())
        .merge(sites::router())
        .merge(policy::router())
        // The embed weighs on every host page that carries it: its scripts, frame and counts
        // go out compressed (gzip or brotli, as the browser accepts).
        // A page the page cache keeps ([`CacheGroup`]) is left as it is: the cache makes and
        // keeps its compressed forms itself.
        .layer(
            tower_http::compression::CompressionLayer::new().compress_when(
                tower_http::compression::predicate::DefaultPredicate::new().and(not_kept),
            ),
        )
}

/// Stands in a message for a piece of markup (a `<time>`, a `<code>`) while the message's
/// text is escaped (a private-use character: no catalogue or variable holds it).
const SLOT: &str = "\u{E001}";

/// A message's text (with [`SLOT`] in it) as HTML: escaped, the slot replaced by `markup`.
fn with_markup(text: &str, markup: &str) -> String {
    escape(text).replace(SLOT, markup)
}

/// `text` escaped for HTML text.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Whether a response is one the page cache does not keep (see [`router`]).
fn not_kept(
    _: axum::http::StatusCode,
    _: axum::http::Version,
    _: &axum::http::HeaderMap,
    extensions: &axum::http::Extensions,
) -> bool {
    extensions.get::<crate::web::cache::CacheGroup>().is_none()
}

/// A new signing secret for a site (shown once to whoever made or rotated it).
pub fn new_site_secret() -> String {
    crate::web::session::random_token()
}

/// The framed thread's own address: the site, the page and (when the host named one) its id.
pub fn thread_href(thread: &EmbeddedThread, key: &str) -> String {
    let mut q = form_urlencoded::Serializer::new(String::new());
    q.append_pair("site", &thread.site_id.0.to_string());
    q.append_pair("page", &thread.url);
    if let Some(id) = key.strip_prefix("id:") {
        q.append_pair("id", id);
    }
    format!("/embed/thread?{}", q.finish())
}

/// Where the thread of an embedded page lives, for its hidden article's address
/// (`/articles/{slug}`, which the conversation's links and redirects name), with the reply
/// asked for: the framed thread page, which is also a full page of its own.
pub async fn thread_address(
    state: &AppState,
    slug: &str,
    reply: Option<i64>,
) -> crate::web::Result<Option<String>> {
    let Some((thread, key)) = state.store.embedded_thread_by_slug(slug).await? else {
        return Ok(None);
    };
    let mut href = thread_href(&thread, &key);
    if let Some(r) = reply {
        href.push_str(&format!("&reply={r}#comment-form"));
    }
    Ok(Some(href))
}

/// Lets the embed's frame show `response`, a page about a comment of article `article_id`,
/// when it answers a request to the embed's routes about an embedded page's thread: framed by
/// that thread's site's origins only. Any other page keeps the strict `frame-ancestors 'none'`.
pub async fn allow_framing(
    state: &AppState,
    viewer: &crate::web::session::Viewer,
    article_id: i64,
    response: &mut Response,
) -> crate::web::Result<()> {
    if !viewer.is_framed() {
        return Ok(());
    }
    let Some(thread) = state.store.embedded_thread_of(article_id).await? else {
        return Ok(());
    };
    let Some(site) = state.store.site(thread.site_id).await? else {
        return Ok(());
    };
    let ancestors = crate::domain::embed::frame_ancestors(&site.origin_list());
    let policy = crate::web::middleware::policy_framed_by(&ancestors);
    if let Ok(v) = HeaderValue::try_from(policy) {
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, v);
    }
    Ok(())
}
