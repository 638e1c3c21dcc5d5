//! HTTP: one app state, a `router()` per resource merged here, thin handlers (parse, call,
//! render), and the middleware every response passes through.

pub mod accounts;
pub mod admin;
pub mod api;
pub mod api_write;
pub mod assets;
pub mod cache;
pub mod comments;
pub mod error;
pub mod feeds;
pub mod imports;
pub mod limits;
pub mod live;
pub mod media;
pub mod member_pages;
pub mod metrics;
pub mod moderation;
pub mod newsroom;
pub mod notifications;
pub mod ops;
pub mod pages;
pub mod passwords;
pub mod public_comments;
pub mod search;
pub mod session;
pub mod signin;
pub mod tokens;
pub mod views;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use tower::ServiceBuilder;
use tower_http::LatencyUnit;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnFailure, DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::config::Config;
use crate::domain::Clock;
use crate::mail::Mailer;
use crate::store::Store;

pub use error::{Error, Result};

/// Everything a handler may need, cloned into each request and each middleware layer: one
/// pointer to [`Shared`]. (It was the struct itself, some twenty `Arc`s: cloning and dropping
/// those on every layer of every request was a third of the CPU time of a cached page, two
/// cores contending on the reference counts; BENCHMARKS.md, session 5.)
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl std::ops::Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// What every request of a server process shares.
pub struct Shared {
    pub store: Store,
    pub config: Arc<Config>,
    pub clock: Clock,
    pub assets: Arc<assets::Assets>,
    pub metrics: Arc<metrics::Metrics>,
    /// The key that signs CSRF tokens, shared by every process through the database.
    pub secret: Arc<[u8]>,
    pub mailer: Arc<Mailer>,
    pub live: live::Hub,
    pub passwords: Arc<passwords::PasswordWorkers>,
    /// Wakes this process's webhook delivery worker.
    pub webhooks: crate::webhooks::Dispatcher,
    /// Rendered pages for signed-out readers.
    pub pages: Arc<cache::PageCache>,
    /// This process's matcher for the banned and suspect word lists.
    pub words: Arc<moderation::WordCache>,
    /// Uploaded images: their storage and the processing of new ones.
    pub media: Arc<crate::media::Library>,
    /// Wakes this process's mail worker; signs unsubscribe links.
    pub mailroom: crate::notify::Mailroom,
    /// Single sign-on with the newsroom's OpenID provider, when configured.
    pub oidc: Option<Arc<crate::oidc::Provider>>,
}

impl AppState {
    /// Loads (or creates) the shared secret and starts the live-update hub.
    pub async fn build(store: Store, config: Config, clock: Clock) -> anyhow::Result<AppState> {
        let secret = store
            .site_secret("csrf_key", &session::random_token())
            .await?;
        let mailer = Mailer::new(
            config.smtp_url.as_ref().map(|u| u.expose()),
            &config.data_dir,
        )?;
        let live = live::Hub::start(
            &store,
            config.max_live_streams,
            config.max_live_streams_per_address,
        )
        .await?;
        let pages = cache::PageCache::start(&store).await?;
        let media = crate::media::Library::open(&config)?;
        let mailroom = crate::notify::Mailroom::load(&store).await?;
        let oidc = match &config.oidc {
            Some(o) => Some(Arc::new(crate::oidc::Provider::new(
                o.clone(),
                &config.base_url,
            )?)),
            None => None,
        };
        Ok(AppState(Arc::new(Shared {
            store,
            config: Arc::new(config),
            clock,
            assets: Arc::new(assets::Assets::new()),
            metrics: Arc::new(metrics::Metrics::default()),
            secret: Arc::from(secret.into_bytes()),
            mailer: Arc::new(mailer),
            live,
            passwords: Arc::new(passwords::PasswordWorkers::start(
                std::thread::available_parallelism().map_or(2, |n| n.get().min(4)),
            )),
            webhooks: crate::webhooks::Dispatcher::default(),
            pages,
            words: Arc::default(),
            media: Arc::new(media),
            mailroom,
            oidc,
        })))
    }
}

/// The strict policy: scripts, styles and everything else only from this site; nothing inline.
/// Images are the exception: an article's featured image may live on another host (a CDN),
/// named by an http(s) URL in its front matter.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
     img-src 'self' data: https: http:; font-src 'self'; connect-src 'self'; object-src 'none'; \
     base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

pub(crate) const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Adds the security headers every answer carries, unless the handler set its own; HSTS only
/// when the site is served over https.
pub(crate) fn add_security_headers(headers: &mut HeaderMap, hsts: bool) {
    let mut add = |name: HeaderName, value: &'static str| {
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    };
    add(header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY);
    add(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    add(header::REFERRER_POLICY, "strict-origin-when-cross-origin");
    add(header::X_FRAME_OPTIONS, "DENY");
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
struct NextRequestId;

impl MakeRequestId for NextRequestId {
    fn make_request_id<B>(&mut self, _: &axum::http::Request<B>) -> Option<RequestId> {
        Some(RequestId::new(next_request_id()))
    }
}

/// The whole site: every resource's routes, the 404 fallback and the middleware stack.
pub fn router(state: AppState) -> Router {
    let timeout = state.config.request_timeout;
    let body_limits = BodyLimits {
        default: state.config.max_body_bytes,
        upload: state.config.max_upload_bytes + media::UPLOAD_OVERHEAD_BYTES,
    };
    let hsts = state.config.secure_cookies();

    let app = Router::new()
        .merge(pages::router())
        .merge(accounts::router())
        .merge(signin::router())
        .merge(comments::router())
        .merge(search::router())
        .merge(feeds::router())
        .merge(public_comments::router())
        .merge(api::router())
        .merge(api_write::router())
        .merge(tokens::router())
        .merge(admin::router())
        .merge(media::router())
        .merge(moderation::router())
        .merge(newsroom::router())
        .merge(newsroom::taxonomy_router())
        .merge(notifications::router())
        .merge(imports::router())
        .merge(live::router())
        .merge(ops::router())
        .merge(assets::router())
        .fallback(error::not_found)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            cache::page_cache,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            session::check_origin,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            metrics::record,
        ));
    app.layer(
        ServiceBuilder::new()
            .layer(SetRequestIdLayer::new(REQUEST_ID, NextRequestId))
            .layer(
                TraceLayer::new_for_http().make_span_with(|req: &Request| {
                    let route = req
                        .extensions()
                        .get::<MatchedPath>()
                        .map(|p| p.as_str().to_owned());
                    let id = req
                        .headers()
                        .get(REQUEST_ID)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("-");
                    tracing::info_span!("request", request_id = %id, method = %req.method(), uri = %req.uri(), route)
                })
                // One line per request at the default level: status and latency, inside the
                // span that carries the request id.
                .on_response(DefaultOnResponse::new().level(Level::INFO).latency_unit(LatencyUnit::Micros))
                .on_failure(DefaultOnFailure::new().level(Level::WARN)),
            )
            .layer(PropagateRequestIdLayer::new(REQUEST_ID))
            .layer(CatchPanicLayer::custom(error::panic_response))
            .layer(middleware::from_fn_with_state(body_limits, limit_body))
            .layer(TimeoutLayer::with_status_code(
                axum::http::StatusCode::REQUEST_TIMEOUT,
                timeout,
            )),
    )
    // Over the concurrency limit, a fast 503 before any other work (see `limits`).
    .layer(middleware::from_fn_with_state(
        limits::ConcurrencyLimit::new(state.config.max_concurrent_requests),
        limits::shed,
    ))
    // Outermost, so the answers of the layers above (413, 408, 503, panics) get a page too.
    .layer(middleware::from_fn_with_state(
        state.clone(),
        error::render_error_pages,
    ))
    // Outside everything, so the middleware's own answers (413, 408, 503) carry them too.
    .layer(middleware::map_response(move |mut response: Response| async move {
        add_security_headers(response.headers_mut(), hsts);
        response
    }))
    .with_state(state)
}

/// Request body limits: every route's, and the image upload's.
#[derive(Clone, Copy)]
struct BodyLimits {
    default: usize,
    upload: usize,
}

/// Middleware: refuses a body over the limit (413), by its declared length at once, or as it
/// streams in (the extractors answer 413 when the limited body stops), as tower-http's limit
/// layer does; the one upload route gets its own, larger limit.
async fn limit_body(State(limits): State<BodyLimits>, req: Request, next: Next) -> Response {
    let limit = if req.uri().path() == media::UPLOAD_PATH {
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

/// Serves until `shutdown` resolves, then stops accepting and finishes the requests in flight
/// (for at most `grace`).
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    grace: Duration,
) -> std::io::Result<()> {
    let live = state.live.clone();
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let worker = tokio::spawn(state.webhooks.clone().run(
        state.store.uncounted(),
        state.clock.clone(),
        state.config.base_url.clone(),
        state.pages.clone(),
        state.config.webhooks_allow_private,
        stop_rx.clone(),
    ));
    let mail_worker = tokio::spawn(state.mailroom.clone().run(
        state.store.uncounted(),
        state.clock.clone(),
        state.config.clone(),
        state.mailer.clone(),
        stop_rx.clone(),
    ));
    let limits = limits::Limits::from_config(&state.config);
    let app = cache::Front::new(state.clone(), router(state));
    let server = limits::serve(listener, app, limits, async move {
        shutdown.await;
        tracing::info!("shutting down: finishing requests in flight");
        live.close();
        let _ = stop_tx.send(true);
    });
    let mut stop_rx = stop_rx;
    let served = tokio::select! {
        r = server => r,
        _ = async {
            let _ = stop_rx.wait_for(|s| *s).await;
            tokio::time::sleep(grace).await;
        } => {
            tracing::warn!("requests still in flight after {grace:?}; stopping anyway");
            Ok(())
        }
    };
    worker.abort();
    mail_worker.abort();
    served
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
}
