//! One error type for the web layer. Handlers return it; [`render_error_pages`] turns every error
//! answer (a handler's, the 404 fallback, a timeout, an over-size body, a panic) into a real page.
//! The reader sees a clean message; the internal cause goes to the log with the request id.

use askama::Template;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::domain::l10n::Tr;
use crate::store;
use crate::web::AppState;
use crate::web::layout::Layout;
use serde::Serialize;
use utoipa::ToSchema;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("not found")]
    NotFound,
    /// Input a person can fix; the message says how.
    #[error("{0}")]
    BadRequest(String),
    /// Refused for a reason the person can understand (a stale form, a foreign origin, a rule).
    #[error("{0}")]
    Forbidden(String),
    /// The action needs a signed-in member: answered with a redirect to the sign-in page.
    #[error("sign-in required")]
    SignInRequired,
    /// The API caller did not say who they are, or their token is not valid: 401 with a
    /// `WWW-Authenticate: Bearer` challenge.
    #[error("{0}")]
    Unauthorized(String),
    /// A refusal with its own status (422, 409, 429…) and a message that says what to change.
    #[error("{}", .0.message)]
    Rejected(Refusal),
    #[error(transparent)]
    Store(#[from] store::Error),
    #[error("template rendering failed: {0}")]
    Render(#[from] askama::Error),
}

/// Why something was not accepted: the answer's status, a message the person can act on and,
/// for a 429, how many seconds to wait (sent as `Retry-After`). The one shape of a refusal.
#[derive(Debug)]
pub struct Refusal {
    pub status: StatusCode,
    pub message: String,
    pub retry_after: Option<i64>,
}

impl Refusal {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Refusal {
        Refusal {
            status,
            message: message.into(),
            retry_after: None,
        }
    }
}

impl From<Refusal> for Error {
    fn from(refusal: Refusal) -> Error {
        Error::Rejected(refusal)
    }
}

/// Marks the redirect of [`Error::SignInRequired`], which the middleware adapts to the request.
#[derive(Clone, Copy, Debug)]
pub struct SignInRedirect;

/// Marks an error answer that is to be sent as it is, without a page (the refusal of a
/// live-update stream: an `EventSource` reads no body, and a page costs database queries).
#[derive(Clone, Copy, Debug)]
pub struct PlainAnswer;

/// What the error page says, carried from the error to the page-rendering middleware.
#[derive(Clone, Debug)]
pub struct ErrorPage {
    pub title: String,
    pub message: String,
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let (status, title, message) = match &self {
            Error::NotFound => (
                StatusCode::NOT_FOUND,
                "Page not found",
                NOT_FOUND_MESSAGE.to_owned(),
            ),
            Error::BadRequest(m) => (
                StatusCode::BAD_REQUEST,
                "We could not understand that request",
                m.clone(),
            ),
            Error::Forbidden(m) => (StatusCode::FORBIDDEN, "Not allowed", m.clone()),
            Error::SignInRequired => {
                let mut r =
                    (StatusCode::SEE_OTHER, [(header::LOCATION, "/signin")]).into_response();
                r.extensions_mut().insert(SignInRedirect);
                return r;
            }
            Error::Unauthorized(m) => {
                let mut r = error_response(
                    StatusCode::UNAUTHORIZED,
                    "Authentication required",
                    m.clone(),
                );
                r.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Bearer realm=\"broadsheet\""),
                );
                return r;
            }
            Error::Rejected(Refusal {
                status,
                message,
                retry_after,
            }) => {
                let title = match *status {
                    StatusCode::CONFLICT => "That conflicts with existing content",
                    StatusCode::TOO_MANY_REQUESTS => "Slow down a little",
                    StatusCode::FORBIDDEN => "Not allowed",
                    _ => "That could not be accepted",
                };
                let mut r = error_response(*status, title, message.clone());
                if let Some(secs) = retry_after {
                    r.headers_mut().insert(
                        header::RETRY_AFTER,
                        HeaderValue::from_str(&(*secs).max(1).to_string()).expect("digits"),
                    );
                }
                return r;
            }
            Error::Store(store::Error::NotFound) => (
                StatusCode::NOT_FOUND,
                "Page not found",
                NOT_FOUND_MESSAGE.to_owned(),
            ),
            Error::Store(store::Error::Conflict(m)) => (
                StatusCode::CONFLICT,
                "That conflicts with existing content",
                m.clone(),
            ),
            Error::Store(store::Error::Clash(c)) => (
                StatusCode::CONFLICT,
                "That conflicts with existing content",
                c.english(),
            ),
            Error::Store(store::Error::Duplicate(key)) => {
                // A key no handler gave its own sentence to: which key goes to the log only.
                tracing::warn!(%key, "duplicate key refused");
                (
                    StatusCode::CONFLICT,
                    "That conflicts with existing content",
                    DUPLICATE_MESSAGE.to_owned(),
                )
            }
            Error::Store(e) if e.is_unavailable() => {
                tracing::error!(error = %e, "database unavailable");
                (
                    StatusCode::SERVICE_UNAVAILABLE,
                    "Temporarily unavailable",
                    UNAVAILABLE_MESSAGE.to_owned(),
                )
            }
            other => {
                tracing::error!(error = ?other, "request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Something went wrong",
                    INTERNAL_MESSAGE.to_owned(),
                )
            }
        };
        error_response(status, title, message)
    }
}

const NOT_FOUND_MESSAGE: &str =
    "There is no page at this address. It may have moved, or the link may be mistyped.";
const DUPLICATE_MESSAGE: &str = "Something with the same name or address already exists, so \
     nothing was changed. Go back, change it and try again.";
const UNAVAILABLE_MESSAGE: &str =
    "The site cannot reach its database just now. Please try again in a moment.";
const INTERNAL_MESSAGE: &str =
    "An unexpected error stopped this page from loading. It has been logged; please try again.";
const TIMEOUT_MESSAGE: &str = "The request took too long to arrive or to answer. Please try again.";
/// What a reader gets when every request slot is taken (`operations::limits::shed`).
pub(crate) const BUSY_TITLE: &str = "Too busy just now";
pub(crate) const BUSY_MESSAGE: &str =
    "The site is answering as many requests as it can. Please try again in a moment.";
pub(crate) const CROSS_SITE_MESSAGE: &str = "This form was sent from another site, so it was \
     refused. If you meant to do this, go to the page on this site and send it from there.";
pub(crate) const STALE_FORM_MESSAGE: &str = "This form has expired or was not sent from this \
     site. Go back, reload the page and try again.";

/// The error pages' titles in English (which the API's problems keep) and their messages in
/// the catalogues.
const TITLES: &[(&str, &str)] = &[
    ("Page not found", "error-title-not-found"),
    (
        "We could not understand that request",
        "error-title-bad-request",
    ),
    ("Not allowed", "error-title-forbidden"),
    ("Authentication required", "error-title-unauthorized"),
    (
        "That conflicts with existing content",
        "error-title-conflict",
    ),
    ("Slow down a little", "error-title-too-many"),
    ("That could not be accepted", "error-title-rejected"),
    ("Temporarily unavailable", "error-title-unavailable"),
    ("Something went wrong", "error-title-internal"),
    ("Too large to accept", "error-title-too-large"),
    ("That took too long", "error-title-timeout"),
    ("Error", "error-title-other"),
    (BUSY_TITLE, "error-title-busy"),
];

/// The standard messages in English and in the catalogues; a handler's own message (the
/// reason for a refusal) is shown as it was written until its handler is translated.
const MESSAGES: &[(&str, &str)] = &[
    (NOT_FOUND_MESSAGE, "error-not-found"),
    (DUPLICATE_MESSAGE, "error-duplicate"),
    (UNAVAILABLE_MESSAGE, "error-unavailable"),
    (INTERNAL_MESSAGE, "error-internal"),
    (TIMEOUT_MESSAGE, "error-timeout"),
    (CROSS_SITE_MESSAGE, "error-cross-site"),
    (STALE_FORM_MESSAGE, "error-stale-form"),
    (BUSY_MESSAGE, "error-busy"),
];

/// A ban as the member reads it, in their language and time zone.
pub(crate) fn ban_words(
    tr: Tr,
    notice: &crate::domain::moderation::BanNotice,
    dates: &crate::domain::locale::Dates,
) -> String {
    let term = match notice.until {
        Some(until) => tr.t1("error-banned-until", "until", dates.long(until)),
        None => tr.t("error-banned-forever"),
    };
    if notice.reason.is_empty() {
        term
    } else {
        format!(
            "{term} {}",
            tr.t1("error-ban-reason", "reason", &notice.reason)
        )
    }
}

/// The title of an answer made without a page of its own (one of `TITLES`).
fn fallback_title(status: StatusCode) -> &'static str {
    match status {
        StatusCode::PAYLOAD_TOO_LARGE => "Too large to accept",
        StatusCode::REQUEST_TIMEOUT => "That took too long",
        StatusCode::NOT_FOUND => "Page not found",
        StatusCode::FORBIDDEN => "Not allowed",
        StatusCode::UNAUTHORIZED => "Authentication required",
        StatusCode::CONFLICT => "That conflicts with existing content",
        StatusCode::TOO_MANY_REQUESTS => "Slow down a little",
        StatusCode::UNPROCESSABLE_ENTITY | StatusCode::UNSUPPORTED_MEDIA_TYPE => {
            "That could not be accepted"
        }
        StatusCode::SERVICE_UNAVAILABLE => "Temporarily unavailable",
        s if s.is_client_error() => "We could not understand that request",
        s if s.is_server_error() => "Something went wrong",
        _ => "Error",
    }
}

fn translated(tr: Tr, table: &[(&str, &str)], english: &str) -> String {
    match table.iter().find(|(e, _)| *e == english) {
        Some((_, id)) => tr.t(id),
        None => english.to_owned(),
    }
}

pub(crate) fn error_response(status: StatusCode, title: &str, message: String) -> Response {
    let mut response = (status, message.clone()).into_response();
    if status == StatusCode::SERVICE_UNAVAILABLE {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
    }
    response.extensions_mut().insert(ErrorPage {
        title: title.to_owned(),
        message,
    });
    response
}

/// A panicking handler answers with the error page instead of dropping the connection.
pub fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked");
    error_response(
        StatusCode::INTERNAL_SERVER_ERROR,
        "Something went wrong",
        INTERNAL_MESSAGE.to_owned(),
    )
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorTemplate {
    layout: Layout,
    status: u16,
    title: String,
    message: String,
}

/// Middleware: renders any error answer for whoever asked, keeping its status and headers: a
/// JSON `{"error": …}` for requests that accept JSON (the script, API clients), a real page
/// otherwise. A sign-in redirect becomes 401 for JSON and, for pages, comes back afterwards.
pub async fn render_error_pages(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    let wants_json = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"));
    let is_get = req.method() == axum::http::Method::GET;
    let is_api = req.uri().path().starts_with("/api/");
    // Kept for the rare error answer: the address (a clone of shared bytes, not a copy) and
    // the cookie of the reader's session (a browser sends one `Cookie` header).
    let uri = req.uri().clone();
    let path = uri.path_and_query().map_or("", |p| p.as_str());
    let cookie = req.headers().get(header::COOKIE).cloned();
    let accept_language = req.headers().get(header::ACCEPT_LANGUAGE).cloned();
    let mut response = next.run(req).await;
    if response
        .extensions_mut()
        .remove::<SignInRedirect>()
        .is_some()
    {
        if wants_json {
            *response.status_mut() = StatusCode::UNAUTHORIZED;
            response.headers_mut().remove(header::LOCATION);
            // No session (it ended): the reader's language, as a signed-out page gets it.
            let mut reader = axum::http::HeaderMap::new();
            if let Some(accept) = &accept_language {
                reader.insert(header::ACCEPT_LANGUAGE, accept.clone());
            }
            let tr = Tr::new(crate::web::session::reader_locale(&state.config, &reader));
            set_json_error(&mut response, &tr.t("error-sign-in-first"));
            return response;
        }
        if is_get {
            // Back to this page after signing in, when it is a path `return_to` accepts.
            let signin = if crate::domain::return_to::is_local_path(path) {
                format!("/signin?return_to={}", encode_path(path))
            } else {
                "/signin".to_owned()
            };
            if let Ok(v) = HeaderValue::from_str(&signin) {
                response.headers_mut().insert(header::LOCATION, v);
            }
        }
        return response;
    }
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error())
        || response.extensions().get::<PlainAnswer>().is_some()
    {
        return response;
    }
    // axum's own rejections (a query value that is not a number, a form sent with the wrong
    // content type) carry precise English words: the API keeps them, people read the catalogue's.
    let mut reworded: Option<&str> = None;
    // A 413 the body limit made (not a handler's own refusal): worded for people below.
    let mut early_too_large = false;
    let page = match response.extensions_mut().remove::<ErrorPage>() {
        Some(page) => page,
        // Answers made by the middleware (timeouts, body limits) carry no page of their own.
        None if response
            .headers()
            .get(header::CONTENT_TYPE)
            .is_none_or(|ct| ct.as_bytes().starts_with(b"text/plain")) =>
        {
            ErrorPage {
                title: fallback_title(status).to_owned(),
                message: match status {
                    StatusCode::PAYLOAD_TOO_LARGE
                        if path.starts_with(crate::web::middleware::UPLOAD_PATH) =>
                    {
                        early_too_large = true;
                        // (English for the API and the log; worded for people below.)
                        let en = Tr::default();
                        let size = crate::web::newsroom::media_words::size(
                            en,
                            &crate::domain::locale::Dates::default(),
                            state.config.max_upload_bytes as u64,
                        );
                        en.t1("nlm-upload-too-large-early", "size", size)
                    }
                    StatusCode::PAYLOAD_TOO_LARGE => {
                        early_too_large = true;
                        Tr::default().t1(
                            "error-body-too-large",
                            "kib",
                            state.config.max_body_bytes / 1024,
                        )
                    }
                    StatusCode::REQUEST_TIMEOUT => TIMEOUT_MESSAGE.to_owned(),
                    _ => {
                        reworded = Some(match status {
                            StatusCode::METHOD_NOT_ALLOWED => "error-wrong-method",
                            s if s.is_client_error() => "error-unreadable",
                            _ => "error-request-failed",
                        });
                        let body = std::mem::take(response.body_mut());
                        match axum::body::to_bytes(body, 2048).await {
                            Ok(b) if !b.is_empty() => String::from_utf8_lossy(&b).into_owned(),
                            _ => "The request could not be completed.".to_owned(),
                        }
                    }
                },
            }
        }
        None => return response,
    };
    if is_api {
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        headers.remove(header::CONTENT_LENGTH);
        // A compressed answer (the embed's routes) gets a new, plain body.
        headers.remove(header::CONTENT_ENCODING);
        *response.body_mut() =
            Body::from(Problem::body(status.as_u16(), &page.title, &page.message));
        return response;
    }
    let mut headers = axum::http::HeaderMap::new();
    if let Some(cookie) = cookie {
        headers.insert(header::COOKIE, cookie);
    }
    if let Some(accept) = accept_language {
        headers.insert(header::ACCEPT_LANGUAGE, accept);
    }
    // An image over the upload limit, refused before its handler: the uploader's words.
    let upload_too_large = early_too_large && path.starts_with(crate::web::middleware::UPLOAD_PATH);
    if wants_json {
        if upload_too_large {
            // (The rich editor shows this message; a rare answer, worth the session lookup.)
            let viewer = crate::web::session::Viewer::load(
                &state,
                &headers,
                crate::store::sessions::SessionRead::Cached,
            )
            .await
            .ok();
            let message = early_upload_too_large(&state, &headers, viewer.as_ref());
            set_json_error(&mut response, &message);
            return response;
        }
        set_json_error(&mut response, &page.message);
        return response;
    }
    // The navigation and the viewer need the database; skip them when it may be the problem.
    let (sections, viewer) = if status.is_client_error() {
        (
            state.store.sections().await.unwrap_or_default(),
            crate::web::session::Viewer::load(
                &state,
                &headers,
                crate::store::sessions::SessionRead::Cached,
            )
            .await
            .ok(),
        )
    } else {
        (Vec::new(), None)
    };
    let tr = Tr::new(match &viewer {
        Some(v) => v.locale,
        None => crate::web::session::reader_locale(&state.config, &headers),
    });
    let title = translated(tr, TITLES, &page.title);
    let message = match status {
        _ if upload_too_large => early_upload_too_large(&state, &headers, viewer.as_ref()),
        StatusCode::PAYLOAD_TOO_LARGE if early_too_large => tr.t1(
            "error-body-too-large",
            "kib",
            state.config.max_body_bytes / 1024,
        ),
        _ => match reworded {
            Some(id) => tr.t(id),
            None => translated(tr, MESSAGES, &page.message),
        },
    };
    let mut layout = Layout::new(&state, &sections, &title, None, None);
    if let Some(v) = &viewer {
        layout = layout.with_viewer(v);
    }
    layout.tr = tr;
    let template = ErrorTemplate {
        layout,
        status: status.as_u16(),
        title,
        message,
    };
    match template.render() {
        Ok(html) => {
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            );
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            headers.remove(header::CONTENT_LENGTH);
            // A compressed answer (the embed's routes) gets a new, plain body.
            headers.remove(header::CONTENT_ENCODING);
            *response.body_mut() = Body::from(html);
            response
        }
        Err(e) => {
            tracing::error!(error = %e, "rendering the error page failed");
            response
        }
    }
}

/// The refusal of an image over the upload limit, seen from its declared length, in the words
/// of the member (or the reader's language) and their way of writing numbers.
fn early_upload_too_large(
    state: &AppState,
    headers: &axum::http::HeaderMap,
    viewer: Option<&crate::web::session::Viewer>,
) -> String {
    let (tr, dates) = match viewer {
        Some(v) => (Tr::new(v.locale), v.dates.clone()),
        None => (
            Tr::new(crate::web::session::reader_locale(&state.config, headers)),
            state.config.site_dates(),
        ),
    };
    let size =
        crate::web::newsroom::media_words::size(tr, &dates, state.config.max_upload_bytes as u64);
    tr.t1("nlm-upload-too-large-early", "size", size)
}

/// Replaces an error answer's body with `{"error": message}`, keeping status and headers.
fn set_json_error(response: &mut Response, message: &str) {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.remove(header::CONTENT_LENGTH);
    // A compressed answer (the embed's routes) gets a new, plain body.
    headers.remove(header::CONTENT_ENCODING);
    *response.body_mut() = Body::from(serde_json::json!({ "error": message }).to_string());
}

/// Percent-encodes a local path for a query value (keeps `/`).
fn encode_path(p: &str) -> String {
    p.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            b => format!("%{b:02X}"),
        })
        .collect()
}

/// An error, as RFC 9457 describes it.
#[derive(Serialize, ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    kind: String,
    title: String,
    status: u16,
    detail: String,
}

impl Problem {
    pub fn body(status: u16, title: &str, detail: &str) -> String {
        serde_json::to_string(&Problem {
            kind: "about:blank".into(),
            title: title.into(),
            status,
            detail: detail.into(),
        })
        .unwrap_or_default()
    }
}
