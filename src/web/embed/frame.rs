//! The framed thread (`/embed/thread`), its comment form's target, and the two scripts: the
//! host page's loader (`/embed.js`) and the frame's own (`/embed/frame.js`), which tells the
//! host its height.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use crate::domain::embed::{
    Origin, PageProblem, SiteId, embedded_page, frame_ancestors, page_title,
};
use crate::domain::embed_style::EmbedStyle;
use crate::domain::l10n::Tr;
use crate::store::sites::{EmbeddedThread, SiteRow};
use crate::web::cache::CacheGroup;
use crate::web::conversation::post::{posted_answer, submit_comment};
use crate::web::conversation::{json_error, wants_json};
use crate::web::forms::MemberForm;
use crate::web::reading::thread::{CommentFormView, Conversation, ConversationQuery, conversation};
use crate::web::session::{ClientIp, Viewer};
use crate::web::{AppState, Error, Result};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/embed.js", get(loader))
        .route("/embed/frame.js", get(frame_script))
        .route("/embed/style.css", get(host_style))
        .route("/embed/thread", get(thread_page))
        .route("/embed/thread/comments", post(post_comment))
}

const LOADER: &[u8] = include_bytes!("../../../static/embed.js");
const FRAME_SCRIPT: &[u8] = include_bytes!("../../../static/embed-frame.js");

/// A fixed address (host pages name it), so cached briefly rather than for a year.
pub(super) fn script(bytes: &'static [u8]) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        bytes,
    )
        .into_response()
}

async fn loader() -> Response {
    script(LOADER)
}

async fn frame_script() -> Response {
    script(FRAME_SCRIPT)
}

/// What the host's snippet sends (`data-site`, `data-page`, `data-title`, `data-id`,
/// `data-theme`), and the thread's own choices (`sort`, `reply`).
#[derive(Deserialize, Default, Clone)]
struct FrameQuery {
    site: Option<String>,
    page: Option<String>,
    title: Option<String>,
    id: Option<String>,
    theme: Option<String>,
    sort: Option<String>,
    reply: Option<i64>,
    /// The host's CSS custom properties (`domain::embed_style`).
    font: Option<String>,
    text: Option<String>,
    accent: Option<String>,
    background: Option<String>,
}

impl FrameQuery {
    /// The host's properties, checked (bad ones are a 400 naming them).
    fn style(&self) -> Result<EmbedStyle> {
        EmbedStyle::parse(
            self.font.as_deref(),
            self.text.as_deref(),
            self.accent.as_deref(),
            self.background.as_deref(),
        )
        .map_err(Error::BadRequest)
    }
}

/// The site a request names (or, without one, the site whose origins hold the page's).
async fn site_of(state: &AppState, tr: Tr, q: &FrameQuery) -> Result<SiteRow> {
    match q.site.as_deref().map(str::trim) {
        Some(s) if !s.is_empty() => {
            let id = s
                .parse::<i64>()
                .map_err(|_| Error::BadRequest(tr.t("embed-site-not-number")))?;
            state
                .store
                .site(SiteId(id))
                .await?
                .ok_or_else(|| Error::Forbidden(tr.t1("embed-no-such-site", "id", id)))
        }
        _ => {
            let page = q.page.as_deref().unwrap_or("");
            let origin = url::Url::parse(page.trim())
                .ok()
                .and_then(|u| Origin::of(&u))
                .ok_or_else(|| Error::BadRequest(tr.t("embed-page-not-address")))?;
            state.store.site_for_origin(&origin).await?.ok_or_else(|| {
                Error::Forbidden(tr.t1("embed-no-site-for-origin", "origin", origin.as_str()))
            })
        }
    }
}

/// The origin of the page that loaded the frame, from `Referer` (browsers send at least the
/// origin across sites), unless it is this site itself (the frame's own forms and links).
fn loaded_from(headers: &HeaderMap) -> Option<Origin> {
    let referer = headers.get(header::REFERER)?.to_str().ok()?;
    let url = url::Url::parse(referer).ok()?;
    let host = headers.get(header::HOST)?.to_str().ok()?;
    let same = url.host_str().map(|h| match url.port() {
        Some(p) => format!("{h}:{p}"),
        None => h.to_owned(),
    });
    if same.as_deref() == Some(host) {
        return None;
    }
    Some(Origin::of(&url).unwrap_or_else(|| Origin::opaque(&url)))
}

/// The site and the page's thread (made on its first load), or why not: a page or a loading
/// page outside the site's origins is refused (403).
async fn resolve(
    state: &AppState,
    tr: Tr,
    headers: &HeaderMap,
    ip: &str,
    q: &FrameQuery,
) -> Result<Resolved> {
    let site = site_of(state, tr, q).await?;
    let origins = site.origin_list();
    let from = loaded_from(headers);
    if let Some(from) = from.as_ref().filter(|f| !origins.contains(f)) {
        return Err(Error::Forbidden(tr.t2(
            "embed-origin-refused",
            "site",
            &site.name,
            "origin",
            from.as_str(),
        )));
    }
    let page =
        embedded_page(q.page.as_deref().unwrap_or(""), q.id.as_deref(), &origins).map_err(|p| {
            match p {
                PageProblem::Invalid(m) => Error::BadRequest(m),
                PageProblem::Refused(m) => Error::Forbidden(m),
            }
        })?;
    let title = page_title(q.title.as_deref(), &page.url);
    // Only a load by one of the site's pages (not the frame's own links) may change the title.
    let from_host = from.is_some() && q.title.is_some();
    let thread = super::pace::thread_for(state, site.id(), &page, &title, from_host, ip).await?;
    Ok(Resolved {
        site,
        thread,
        origins,
    })
}

/// A request's site, its page's thread and the site's origins.
struct Resolved {
    site: SiteRow,
    thread: EmbeddedThread,
    origins: Vec<Origin>,
}

#[derive(Template)]
#[template(path = "embed_thread.html")]
struct ThreadPage {
    tr: Tr,
    title: String,
    /// "Sign in to share…", its link opening the sign-in popup.
    join: String,
    /// "The conversation about this page.", its link leaving the frame for the host page.
    source: String,
    stylesheet: String,
    theme: &'static str,
    /// The host's properties as a stylesheet's address, when it set any.
    host_style: Option<String>,
    /// The site's script (live updates, posting without a page load).
    script: String,
    /// The host page's origin, the only one the frame tells its height to.
    host_origin: String,
    /// What `comment_form.html` links "Cancel reply" to.
    card: CardLink,
    talk: Conversation,
    /// Signing in (the popup, the host's token) and out inside the frame.
    account: super::signin::FrameAccount,
    /// The token of the comments' one actions form, which here posts to the embed's own
    /// `/embed/comments/actions` (signed-in viewers only).
    actions_csrf: Option<String>,
}

struct CardLink {
    href: String,
}

/// The frame's own address for this thread, keeping the host's choices.
fn frame_href(site: &SiteRow, thread: &EmbeddedThread, q: &FrameQuery) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    s.append_pair("site", &site.id.to_string());
    s.append_pair("page", &thread.url);
    if let Some(id) = q.id.as_deref().filter(|i| !i.trim().is_empty()) {
        s.append_pair("id", id);
    }
    if let Some(t) = q.theme.as_deref().and_then(theme) {
        s.append_pair("theme", t);
    }
    if let Ok(style) = q.style() {
        for (k, v) in style.pairs() {
            s.append_pair(k, v);
        }
    }
    format!("/embed/thread?{}", s.finish())
}

fn theme(t: &str) -> Option<&'static str> {
    match t {
        "light" => Some("light"),
        "dark" => Some("dark"),
        _ => None,
    }
}

async fn render(
    state: &AppState,
    viewer: &Viewer,
    status: StatusCode,
    r: &Resolved,
    q: &FrameQuery,
    form: Option<CommentFormView>,
) -> Result<Response> {
    let Resolved {
        site,
        thread,
        origins,
    } = r;
    let tr = Tr::new(viewer.locale);
    let cq = ConversationQuery {
        sort: q.sort.clone(),
        page: None,
        reply: q.reply,
    };
    let mut talk = conversation(state, &thread.article, viewer, &cq, form).await?;
    // The host page may be anything (a post, a product, a recipe): not "this article", in the
    // notice that stands for the form (and, below, in the refusal of a late comment).
    if is_closed(state, thread).await? {
        talk.notice = Some(tr.t("embed-closed"));
    }
    let href = frame_href(site, thread, q);
    // The frame keeps its reader inside it: the form posts here, sorting reloads the frame,
    // and "more" pages (an article-page feature) are not offered yet; live updates come from
    // the article's stream, which takes an embedded thread's slug.
    if let Some(f) = talk.form.as_mut() {
        f.action = href.replacen("/embed/thread?", "/embed/thread/comments?", 1);
    }
    for s in &mut talk.sorts {
        let sort = s
            .href
            .split("sort=")
            .nth(1)
            .unwrap_or("")
            .trim_end_matches("#comments");
        s.href = format!("{href}&sort={sort}");
    }
    talk.more_href = None;
    // The actions form is the frame's own (`embed_thread.html`), posting under `/embed`.
    let actions_csrf = talk.actions_csrf.take();
    let encoded: String = form_urlencoded::byte_serialize(href.as_bytes()).collect();
    talk.signin_href = format!("/signin?return_to={encoded}");
    let host_origin = super::host_origin(&thread.url, origins).unwrap_or_default();
    let account = super::signin::frame_account(site.id(), viewer, &href);
    let page = ThreadPage {
        title: tr.t1("embed-frame-title", "title", &thread.article.card.title),
        join: join_html(tr, &talk.signin_href, &account.popup_href),
        source: tr.html("embed-source", [thread.url.as_str()]).replacen(
            "<a ",
            "<a target=\"_top\" ",
            1,
        ),
        tr,
        stylesheet: state.assets.stylesheet.href(),
        theme: q.theme.as_deref().and_then(theme).unwrap_or("auto"),
        host_style: host_style_href(&q.style()?),
        script: state.assets.script.href(),
        host_origin,
        card: CardLink { href },
        talk,
        account,
        actions_csrf,
    };
    // A signed-out frame holds nothing of its reader (no form token, no cookie): the page cache
    // keeps it with the thread's article pages, dropped by what drops them (a comment, a
    // moderator's decision, the thread's policy or title) and by a change to the site.
    let mut response = (status, Html(page.render()?)).into_response();
    let h = response.headers_mut();
    let policy = crate::web::middleware::policy_framed_by(&frame_ancestors(origins));
    // Origins are ASCII by construction; were one not, the strict default (no framing) stays.
    if let Ok(v) = HeaderValue::try_from(policy) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    if viewer.is_signed_in() {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    } else {
        response
            .extensions_mut()
            .insert(CacheGroup::Article(thread.article.card.id));
    }
    Ok(response)
}

/// Whether the thread's policy (its own, its site's or the site-wide one) has closed it.
async fn is_closed(state: &AppState, thread: &EmbeddedThread) -> Result<bool> {
    let policy = state.store.comment_policy(thread.article.card.id).await?;
    Ok(policy.is_closed(thread.article.card.published_at, state.clock.now()))
}

/// "Sign in to share your thoughts…", its link to the thread's own page opening the sign-in
/// popup instead where the frame's script runs (`embed-frame.js`).
fn join_html(tr: Tr, signin_href: &str, popup_href: &str) -> String {
    // The popup's address is the site's number in a fixed path: nothing to escape.
    tr.html("embed-join", [signin_href]).replacen(
        "<a ",
        &format!("<a target=\"_blank\" id=\"frame-signin\" data-popup=\"{popup_href}\" "),
        1,
    )
}

/// The address of the stylesheet that sets the host's properties, if it set any.
fn host_style_href(style: &EmbedStyle) -> Option<String> {
    if style.is_empty() {
        return None;
    }
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in style.pairs() {
        s.append_pair(k, v);
    }
    Some(format!("/embed/style.css?{}", s.finish()))
}

/// `GET /embed/style.css?font=…&text=…&accent=…&background=…`: the host's properties as a
/// stylesheet (the frame's policy allows no inline style), every value checked first.
async fn host_style(Query(q): Query<FrameQuery>) -> Result<Response> {
    let css = q.style()?.css();
    Ok((
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        css,
    )
        .into_response())
}

/// `GET /embed/thread?site=…&page=…`: the page's conversation, framed by the host page (or
/// read on its own, where signing in and posting work as on an article page).
async fn thread_page(
    State(state): State<AppState>,
    viewer: Viewer,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Query(q): Query<FrameQuery>,
) -> Result<Response> {
    let r = resolve(&state, Tr::new(viewer.locale), &headers, &ip, &q).await?;
    render(&state, &viewer, StatusCode::OK, &r, &q, None).await
}

#[derive(Deserialize)]
struct CommentForm {
    #[serde(default)]
    body: String,
    parent_id: Option<String>,
    #[serde(default)]
    website: String,
}

/// `POST /embed/thread/comments?site=…&page=…`: a comment posted in the frame, through the
/// same screening, limits and announcements as one posted under an article.
async fn post_comment(
    State(state): State<AppState>,
    viewer: Viewer,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Query(q): Query<FrameQuery>,
    MemberForm { user, form }: MemberForm<CommentForm>,
) -> Result<Response> {
    let tr = Tr::new(viewer.locale);
    let resolved = resolve(&state, tr, &headers, &ip, &q).await?;
    let thread = &resolved.thread;
    let json = wants_json(&headers);
    let parent_id = match form.parent_id.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(p) => Some(
            p.parse::<i64>()
                .map_err(|_| Error::BadRequest(tr.t("embed-reply-invalid")))?,
        ),
    };
    let outcome = if form.website.is_empty() {
        let rules = state.store.screening_rules(thread.article.card.id).await?;
        submit_comment(
            &state,
            &user,
            &ip,
            &(&thread.article).into(),
            &rules,
            &form.body,
            parent_id,
        )
        .await?
    } else {
        Err(crate::web::Refusal::new(
            StatusCode::BAD_REQUEST,
            tr.t("embed-honeypot"),
        ))
    };
    match outcome {
        Ok(posted) if json => {
            posted_answer(&state, &viewer, &posted, &thread.article.card.slug).await
        }
        Err(mut r) if r.status == StatusCode::FORBIDDEN && is_closed(&state, thread).await? => {
            r.message = tr.t("embed-closed-refusal");
            if json {
                return Ok(json_error(r.status, &r.message));
            }
            render(&state, &viewer, r.status, &resolved, &q, None).await
        }
        Err(r) if json => {
            let mut answer = json_error(r.status, &r.message);
            if let Some(s) = r.retry_after {
                answer.headers_mut().insert(header::RETRY_AFTER, s.into());
            }
            Ok(answer)
        }
        Ok(posted) => {
            let href = frame_href(&resolved.site, thread, &q);
            Ok(Redirect::to(&format!("{href}#comment-{}", posted.id)).into_response())
        }
        Err(r) => {
            let reply_to = match parent_id {
                Some(id) => state
                    .store
                    .comment(id)
                    .await?
                    .filter(|c| c.article_id == thread.article.card.id)
                    .map(|c| (c.id, c.author_name)),
                None => None,
            };
            let again = CommentFormView {
                action: String::new(),
                csrf: viewer.csrf.clone(),
                body: form.body.clone(),
                error: Some(r.message),
                reply_to,
                max_chars: state.config.max_comment_chars,
            };
            render(&state, &viewer, r.status, &resolved, &q, Some(again)).await
        }
    }
}
