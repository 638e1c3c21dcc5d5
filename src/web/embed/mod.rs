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

/// How the embed's frame shows a page about a comment of article `article_id` (its report
/// and edit forms, and what they answer with), when it answers a request to the embed's routes
/// about an embedded page's thread: framed by that thread's site's origins only, and telling its
/// height to (and taking its scheme from) the host page's origin, checked as the framed thread
/// checks it. Any other page (`None`) keeps the strict `frame-ancestors 'none'` and no host.
pub async fn framing(
    state: &AppState,
    viewer: &crate::web::session::Viewer,
    article_id: i64,
) -> crate::web::Result<Option<Framing>> {
    if !viewer.is_framed() {
        return Ok(None);
    }
    let Some(thread) = state.store.embedded_thread_of(article_id).await? else {
        return Ok(None);
    };
    let Some(site) = state.store.site(thread.site_id).await? else {
        return Ok(None);
    };
    let origins = site.origin_list();
    let ancestors = crate::domain::embed::frame_ancestors(&origins);
    Ok(Some(Framing {
        // Origins are ASCII by construction; were one not, the strict default (no framing) stays.
        policy: HeaderValue::try_from(crate::web::middleware::policy_framed_by(&ancestors)).ok(),
        host_origin: host_origin(&thread.url, &origins),
    }))
}

/// What [`framing`] found: the page's policy and the host page's origin.
pub struct Framing {
    policy: Option<HeaderValue>,
    /// The origin of the page the thread stands for, when it is one of its site's origins: the
    /// only one the frame's script (`embed-frame.js`) talks to.
    pub host_origin: Option<String>,
}

impl Framing {
    /// The host origin of a framing, if any (for [`crate::web::layout::Layout::in_frame`]).
    pub fn host(framing: &Option<Framing>) -> Option<String> {
        framing.as_ref().and_then(|f| f.host_origin.clone())
    }

    /// Lets the host page frame `response` (nothing without a framing).
    pub fn apply(framing: &Option<Framing>, response: &mut Response) {
        if let Some(v) = framing.as_ref().and_then(|f| f.policy.clone()) {
            response
                .headers_mut()
                .insert(header::CONTENT_SECURITY_POLICY, v);
        }
    }
}

/// The origin of an embedded page's address `page`, when it is one of its site's `origins` (the
/// page was checked against them when its thread was made; the site's origins may have changed).
fn host_origin(page: &str, origins: &[crate::domain::embed::Origin]) -> Option<String> {
    let origin = url::Url::parse(page)
        .ok()
        .and_then(|u| crate::domain::embed::Origin::of(&u))?;
    origins
        .contains(&origin)
        .then(|| origin.as_str().to_owned())
}
