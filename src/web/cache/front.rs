//! Answering from the cache: encodings, ETags, the middleware that stores pages, and the
//! server's front door that serves hits before routing.

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::key::cache_key;
use super::{
    CacheGroup, Entry, Form, Forms, MAX_PAGE_BYTES, PRIVATE_CACHE_CONTROL, PUBLIC_CACHE_CONTROL,
};
use crate::web::AppState;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Encoding {
    Identity,
    Gzip,
    Brotli,
}

/// The best encoding the client accepts (brotli, then gzip), honouring `q=0`.
pub(super) fn negotiate(headers: &HeaderMap) -> Encoding {
    let accept = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let accepts = |name: &str| {
        accept.split(',').any(|part| {
            let mut bits = part.split(';');
            let coding = bits.next().unwrap_or("").trim();
            let refused = bits.any(|p| {
                let p = p.trim();
                p == "q=0" || p == "q=0.0" || p == "q=0.00" || p == "q=0.000"
            });
            coding.eq_ignore_ascii_case(name) && !refused
        })
    };
    if accepts("br") {
        Encoding::Brotli
    } else if accepts("gzip") {
        Encoding::Gzip
    } else {
        Encoding::Identity
    }
}

/// A strong validator of the page's bytes. XXH3-128 rather than a cryptographic hash: it only
/// has to tell one version of a page from the next, and it runs at memory speed (SHA-256 of a
/// 75 KB member's page was a tenth of the CPU time of serving it).
pub(super) fn etag_of(body: &[u8]) -> HeaderValue {
    etags_of(body).identity
}

/// The validators of a page's three forms, from one hash of the page as rendered: a gzip or
/// brotli body is other bytes, so it has its own strong ETag (RFC 9110 §8.8.3), and a 304
/// confirms only the form the client would be sent. A compressed form's is the page's with
/// the coding after it, so it is known before the form is made.
pub(super) fn etags_of(body: &[u8]) -> Forms<HeaderValue> {
    let digest = xxhash_rust::xxh3::xxh3_128(body);
    let tag = |suffix: &str| {
        HeaderValue::from_str(&format!("\"{digest:032x}{suffix}\"")).expect("hex is ASCII")
    };
    Forms {
        identity: tag(""),
        gzip: tag("-gzip"),
        brotli: tag("-br"),
    }
}

fn if_none_match(headers: &HeaderMap, etag: &HeaderValue) -> bool {
    let Some(v) = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let tag = etag.to_str().unwrap_or("");
    v.split(',').any(|t| {
        let t = t.trim();
        t == "*" || t == tag || t.strip_prefix("W/") == Some(tag)
    })
}

pub(super) fn gzip(body: &[u8]) -> Bytes {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let _ = enc.write_all(body);
    enc.finish().map(Bytes::from).unwrap_or_default()
}

pub(super) fn brotli(body: &[u8]) -> Bytes {
    let mut out = Vec::new();
    {
        // Quality 7 with a 256 KiB window: most of brotli's gain on pages, at a small fraction
        // of the time and memory of quality 11 with the default 4 MiB window.
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 7, 18);
        let _ = w.write_all(body);
    }
    Bytes::from(out)
}

/// An answer from a stored page that is ready at once, or one that waits for the form the
/// reader accepts to be made.
pub enum Hit {
    Ready(Response),
    Later(futures_util::future::BoxFuture<'static, Response>),
}

/// The 304 from a stored page when the client already has the form it would be sent
/// (`encoding`): compared with that form's ETag only, and answered without making the form.
pub(super) fn not_modified(
    entry: &Entry,
    encoding: Encoding,
    req_headers: &HeaderMap,
    hit: bool,
    request_id: Option<&HeaderValue>,
) -> Option<Response> {
    let etag = entry.etags.get(encoding);
    if !if_none_match(req_headers, etag) {
        return None;
    }
    let mut r = StatusCode::NOT_MODIFIED.into_response();
    let stored = &entry.identity.headers;
    for name in NOT_MODIFIED_HEADERS {
        if let Some(v) = stored.get(&name) {
            r.headers_mut().insert(name, v.clone());
        }
    }
    r.headers_mut().insert(header::ETAG, etag.clone());
    Some(finish(r, hit, request_id))
}

/// The full answer with one form of a stored page (its headers, and its body unless `HEAD`).
/// `request_id` replaces the placeholder in the stored headers.
pub(super) fn full(
    form: &Form,
    is_head: bool,
    hit: bool,
    request_id: Option<&HeaderValue>,
) -> Response {
    let mut r = if is_head {
        Response::new(Body::empty())
    } else {
        Response::new(Body::from(form.body.clone()))
    };
    *r.headers_mut() = form.headers.clone();
    finish(r, hit, request_id)
}

fn finish(mut response: Response, hit: bool, request_id: Option<&HeaderValue>) -> Response {
    let h = response.headers_mut();
    if !hit {
        h.insert(X_CACHE, HeaderValue::from_static("miss"));
    }
    match request_id {
        Some(id) => h.insert(crate::web::middleware::REQUEST_ID, id.clone()),
        None => h.remove(crate::web::middleware::REQUEST_ID),
    };
    response
}

/// What a 304 from a stored page repeats of the full answer's headers.
const NOT_MODIFIED_HEADERS: [HeaderName; 11] = [
    header::ETAG,
    header::CACHE_CONTROL,
    super::surrogate::SURROGATE_KEY,
    super::surrogate::XKEY,
    header::VARY,
    X_CACHE,
    header::CONTENT_SECURITY_POLICY,
    header::X_CONTENT_TYPE_OPTIONS,
    header::REFERRER_POLICY,
    header::X_FRAME_OPTIONS,
    header::STRICT_TRANSPORT_SECURITY,
];

const X_CACHE: HeaderName = HeaderName::from_static("x-cache");

/// Every header of the answer from a stored page as rendered: the handler's, the validators and
/// caching rules, the security headers the middleware would add, and placeholders for the
/// length and the request id, so that setting them on an answer replaces rather than grows
/// (an answer from the cache is a clone of this map and two replaced values).
pub(super) fn answer_headers(
    mut headers: HeaderMap,
    vary: &'static str,
    etag: &HeaderValue,
    len: usize,
    hsts: bool,
) -> HeaderMap {
    headers.insert(header::ETAG, etag.clone());
    headers
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static(PUBLIC_CACHE_CONTROL));
    headers.insert(header::VARY, HeaderValue::from_static(vary));
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    headers.insert(X_CACHE, HeaderValue::from_static("hit"));
    crate::web::middleware::add_security_headers(&mut headers, hsts);
    headers.insert(
        crate::web::middleware::REQUEST_ID,
        HeaderValue::from_static("-"),
    );
    headers
}

/// The headers of a compressed form of a page, from those of the page as rendered.
pub(super) fn with_encoding(
    identity: &HeaderMap,
    coding: &'static str,
    len: usize,
    etag: &HeaderValue,
) -> HeaderMap {
    let mut headers = identity.clone();
    headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    headers.insert(header::ETAG, etag.clone());
    headers
}

/// Middleware: stores the pages that handlers mark with a [`CacheGroup`] for signed-out
/// readers, and gives every other HTML page an ETag (answering 304 to a matching
/// `If-None-Match`). Stored pages are answered by [`Front`], before this; a page stored by
/// another request since `Front` looked is rendered once more, and stored again.
pub async fn page_cache(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let is_head = req.method() == Method::HEAD;
    if req.method() != Method::GET && !is_head {
        return next.run(req).await;
    }
    let signed_out = super::signed_out(req.headers());
    let cache = state.pages.clone();
    let key = match signed_out {
        true => cache_key(&req).map(|k| cache.keyed(k.into(), req.headers()).into_owned()),
        false => None,
    };
    let generation = cache.generation.load(Ordering::SeqCst);
    let req_headers = req.headers().clone();
    let response = next.run(req).await;
    let view_of = response
        .extensions()
        .get::<super::ArticleView>()
        .map(|v| v.0);
    if let (Some(article_id), false, StatusCode::OK) = (view_of, is_head, response.status()) {
        state.views.count(article_id, state.clock.now());
    }
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    if response.status() != StatusCode::OK
        || !is_html
        || response.headers().contains_key(header::ETAG)
    {
        return response;
    }
    let group = response.extensions().get::<CacheGroup>().copied();
    let (mut parts, body) = response.into_parts();
    // What shared caches may do with it, and the keys they file it under.
    if let (true, Some(group)) = (signed_out, group) {
        let named = parts.extensions.get::<super::surrogate::ListingKeys>();
        super::surrogate::mark(&mut parts.headers, group, named);
        parts
            .headers
            .insert(header::CACHE_CONTROL, cache.public_cache_control.clone());
        if cache.language.negotiate {
            parts
                .headers
                .insert(header::VARY, HeaderValue::from_static(cache.vary()));
        }
    }
    let Ok(bytes) = axum::body::to_bytes(body, 8 * 1024 * 1024).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let storable = group.is_some()
        && key.is_some()
        && bytes.len() <= MAX_PAGE_BYTES
        && !parts.headers.contains_key(header::SET_COOKIE);
    if let (true, Some(group), Some(key)) = (storable, group, key) {
        cache.misses.fetch_add(1, Ordering::Relaxed);
        let etags = etags_of(&bytes);
        let headers = answer_headers(
            parts.headers,
            cache.vary(),
            &etags.identity,
            bytes.len(),
            state.config.secure_cookies(),
        );
        let mut entry = Entry::new(group, state.clock.now(), etags, headers, bytes);
        entry.view_of = view_of;
        let entry = Arc::new(entry);
        // Stored first, so that readers arriving meanwhile are hits that wait for the same
        // compressed form rather than renders of their own.
        let stored = cache.put(key.clone(), entry.clone(), generation);
        let id = req_headers.get(crate::web::middleware::REQUEST_ID);
        let encoding = negotiate(&req_headers);
        let answer = match not_modified(&entry, encoding, &req_headers, false, id) {
            Some(r) => r,
            // This reader's form is made before it is answered; the others follow.
            None => full(cache.form(&key, &entry, encoding).await, is_head, false, id),
        };
        if stored {
            cache.compress_later(key, entry);
        }
        return answer;
    }
    // Not stored (signed in, or not a cacheable page): still an ETag and a 304 when it matches.
    // A member's page filled from a shared copy knows its ETag already (`KnownEtag`).
    let etag = match parts.extensions.get::<super::KnownEtag>() {
        Some(known) => known.0.clone(),
        None => etag_of(&bytes),
    };
    let matched = if_none_match(&req_headers, &etag);
    parts.headers.insert(header::ETAG, etag);
    // (A page readers share has its `Cache-Control` already, from above.)
    if !parts.headers.contains_key(header::CACHE_CONTROL) {
        parts.headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(PRIVATE_CACHE_CONTROL),
        );
    }
    if matched {
        let mut r = StatusCode::NOT_MODIFIED.into_response();
        for name in [header::ETAG, header::CACHE_CONTROL] {
            if let Some(v) = parts.headers.get(&name) {
                r.headers_mut().insert(name, v.clone());
            }
        }
        return r;
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// The server's front door: answers signed-out readers from the page cache before routing and
/// the middleware stack (which cost more than the answer itself: on a 48 KB article page, a
/// hit through the stack was half the speed of a static file server), and passes every other
/// request to the router.
#[derive(Clone)]
pub struct Front {
    state: AppState,
    router: axum::Router,
    /// The connection's peer, given to the router's handlers as `ConnectInfo` (a hit has no
    /// use for it, so it is not put on every request).
    remote: Option<std::net::SocketAddr>,
}

impl Front {
    pub fn new(state: AppState, router: axum::Router) -> Front {
        Front {
            state,
            router,
            remote: None,
        }
    }

    /// This service for one connection, from `remote`.
    pub fn connection(&self, remote: std::net::SocketAddr) -> Front {
        Front {
            remote: Some(remote),
            ..self.clone()
        }
    }
}

impl<B> tower::Service<axum::http::Request<B>> for Front
where
    B: axum::body::HttpBody<Data = Bytes> + Send + 'static,
    B::Error: Into<axum::BoxError>,
{
    type Response = Response;
    type Error = std::convert::Infallible;
    type Future = futures_util::future::Either<
        std::future::Ready<Result<Response, std::convert::Infallible>>,
        futures_util::future::Either<
            tower::util::Oneshot<axum::Router, axum::http::Request<B>>,
            futures_util::future::BoxFuture<'static, Result<Response, std::convert::Infallible>>,
        >,
    >;

    fn poll_ready(
        &mut self,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Result<(), Self::Error>> {
        std::task::Poll::Ready(Ok(()))
    }

    fn call(&mut self, mut req: axum::http::Request<B>) -> Self::Future {
        use futures_util::future::Either;
        use tower::ServiceExt;
        let started = std::time::Instant::now();
        match self
            .state
            .pages
            .serve_hit(&req, &self.state.clock, &self.state.views)
        {
            Some(Hit::Ready(response)) => {
                self.state.metrics.count(response.status(), started);
                Either::Left(std::future::ready(Ok(response)))
            }
            Some(Hit::Later(answer)) => {
                let state = self.state.clone();
                Either::Right(Either::Right(Box::pin(async move {
                    let response = answer.await;
                    state.metrics.count(response.status(), started);
                    Ok(response)
                })))
            }
            None => {
                if let Some(remote) = self.remote {
                    req.extensions_mut()
                        .insert(axum::extract::ConnectInfo(remote));
                }
                Either::Right(Either::Left(self.router.clone().oneshot(req)))
            }
        }
    }
}
