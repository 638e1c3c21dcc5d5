//! The conversation embedded on other sites: the sites admins register (`/admin/sites`), the
//! host page's loader (`/embed.js`) and the framed thread (`/embed/thread`).

mod counts;
mod frame;
mod pace;
mod policy;
mod signin;
mod sites;

use axum::Router;

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
        .layer(tower_http::compression::CompressionLayer::new())
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
