//! What every response passes through besides the handlers: security headers, request ids and
//! the body limits.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_http::request_id::{MakeRequestId, RequestId};

/// The strict policy: scripts, styles and everything else only from this site; nothing inline.
/// Images are the exception: an article's featured image may live on another host (a CDN),
/// named by an http(s) URL in its front matter.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
     img-src 'self' data: https: http:; font-src 'self'; connect-src 'self'; object-src 'none'; \
     base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/// The strict policy, but framed by `frame_ancestors` (a `frame-ancestors …` directive) in
/// place of no one: for the embed's own pages only.
pub(crate) fn policy_framed_by(frame_ancestors: &str) -> String {
    CONTENT_SECURITY_POLICY.replace("frame-ancestors 'none'", frame_ancestors)
}

/// Sets the strict policy grown by `frame-src` for exactly the embed hosts a page's story
/// needs (see [`crate::domain::blocks::render::frame_hosts`]); a page without embeds keeps
/// the plain policy, where frames come only from this site.
pub(crate) fn allow_story_frames(headers: &mut HeaderMap, page_html: &str) {
    let hosts = crate::domain::blocks::render::frame_hosts(story_body(page_html));
    if hosts.is_empty() {
        return;
    }
    let sources: Vec<String> = hosts.iter().map(|h| format!("https://{h}")).collect();
    let policy = format!(
        "{CONTENT_SECURITY_POLICY}; frame-src 'self' {}",
        sources.join(" ")
    );
    // Hosts are ASCII by construction; were one not, the strict default stays.
    if let Ok(v) = HeaderValue::try_from(policy) {
        headers.insert(header::CONTENT_SECURITY_POLICY, v);
        headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
}

/// The article body of a rendered article page: from its `story-body` wrapper to the first
/// `</div>` (a body is sanitised HTML, which holds no `div`), so comments below cannot add a
/// frame host.
fn story_body(page_html: &str) -> &str {
    const START: &str = "<div class=\"story-body\">";
    let Some(at) = page_html.find(START) else {
        return "";
    };
    let body = &page_html[at + START.len()..];
    &body[..body.find("</div>").unwrap_or(body.len())]
}

pub(crate) const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Adds the security headers every answer carries, unless the handler set its own; HSTS only
/// when the site is served over https.
pub(crate) fn add_security_headers(headers: &mut HeaderMap, hsts: bool) {
    // A handler that sets its own policy decides who may frame it (`X-Frame-Options` has no
    // list of origins, and would overrule it in older browsers).
    let own_policy = headers.contains_key(header::CONTENT_SECURITY_POLICY);
    let mut add = |name: HeaderName, value: &'static str| {
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    };
    add(header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY);
    add(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    add(header::REFERRER_POLICY, "strict-origin-when-cross-origin");
    if !own_policy {
        add(header::X_FRAME_OPTIONS, "DENY");
    }
    if hsts {
        add(
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains",
        );
    }
}

/// A new request id: this process's random prefix and a counter, unique across the processes
/// of a site without a UUID's system call for randomness on every request.
pub(crate) fn next_request_id() -> HeaderValue {
    use std::sync::OnceLock;
    use std::sync::atomic::{AtomicU64, Ordering};
    static PREFIX: OnceLock<u64> = OnceLock::new();
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let prefix = PREFIX.get_or_init(|| rand::random::<u64>() >> 16);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    HeaderValue::try_from(format!("{prefix:012x}-{n}")).expect("hex and digits are ASCII")
}

/// Request ids for the middleware stack, from [`next_request_id`].
#[derive(Clone, Copy)]
pub(super) struct NextRequestId;

impl MakeRequestId for NextRequestId {
    fn make_request_id<B>(&mut self, _: &axum::http::Request<B>) -> Option<RequestId> {
        Some(RequestId::new(next_request_id()))
    }
}

/// The upload route; its request body limit is `max_upload_bytes` (see [`limit_body`]).
pub const UPLOAD_PATH: &str = "/admin/media";
/// Room in an upload's body for the multipart framing and the text fields.
pub const UPLOAD_OVERHEAD_BYTES: usize = 64 * 1024;

/// Request body limits: every route's, and the image upload's.
#[derive(Clone, Copy)]
pub(super) struct BodyLimits {
    pub(super) default: usize,
    pub(super) upload: usize,
}

/// Middleware: refuses a body over the limit (413), by its declared length at once, or as it
/// streams in (the extractors answer 413 when the limited body stops), as tower-http's limit
/// layer does; the one upload route gets its own, larger limit.
pub(super) async fn limit_body(
    State(limits): State<BodyLimits>,
    req: Request,
    next: Next,
) -> Response {
    let limit = if req.uri().path() == UPLOAD_PATH {
        limits.upload
    } else {
        limits.default
    };
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return (StatusCode::PAYLOAD_TOO_LARGE, "length limit exceeded").into_response();
    }
    next.run(req.map(|b| Body::new(http_body_util::Limited::new(b, limit))))
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids_are_distinct_and_share_the_process_prefix() {
        let ids: Vec<String> = (0..1000)
            .map(|_| next_request_id().to_str().unwrap().to_owned())
            .collect();
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), ids.len());
        let prefix = |id: &str| id.split_once('-').unwrap().0.to_owned();
        assert!(ids.iter().all(|id| prefix(id) == prefix(&ids[0])));
        assert_eq!(prefix(&ids[0]).len(), 12);
    }

    #[test]
    fn security_headers_keep_a_handlers_own_and_add_hsts_only_over_https() {
        let mut h = HeaderMap::new();
        h.insert(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("SAMEORIGIN"),
        );
        add_security_headers(&mut h, false);
        assert_eq!(h[header::X_FRAME_OPTIONS], "SAMEORIGIN");
        assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert!(h.get(header::STRICT_TRANSPORT_SECURITY).is_none());
        add_security_headers(&mut h, true);
        assert!(h.get(header::STRICT_TRANSPORT_SECURITY).is_some());
    }

    #[test]
    fn a_handlers_own_policy_decides_framing() {
        let mut h = HeaderMap::new();
        let own = policy_framed_by("frame-ancestors https://blog.example");
        assert!(
            own.ends_with("frame-ancestors https://blog.example"),
            "{own}"
        );
        h.insert(header::CONTENT_SECURITY_POLICY, own.parse().unwrap());
        add_security_headers(&mut h, false);
        assert!(h.get(header::X_FRAME_OPTIONS).is_none());
        let mut plain = HeaderMap::new();
        add_security_headers(&mut plain, false);
        assert_eq!(plain[header::X_FRAME_OPTIONS], "DENY");
    }
}
