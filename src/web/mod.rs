//! HTTP: one app state, a `router()` per resource merged here, thin handlers (parse, call,
//! render), and the middleware every response passes through.

pub mod accounts;
pub mod admin;
pub mod api;
pub mod assets;
pub mod cache;
pub mod conversation;
pub mod embed;
pub mod error;
pub mod forms;
pub mod layout;
pub mod metrics;
pub mod middleware;
pub mod moderation;
pub mod newsletters;
pub mod newsroom;
pub mod operations;
pub mod reading;
pub mod session;
pub mod state;

use std::time::Duration;

use axum::Router;
use axum::extract::{MatchedPath, Request};
use axum::middleware::{from_fn_with_state, map_response};
use axum::response::Response;
use tower::ServiceBuilder;
use tower_http::LatencyUnit;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnFailure, DefaultOnResponse, TraceLayer};
use tracing::Level;

pub use error::{Error, Refusal, Result};
pub use state::{AppState, Shared};

use middleware::{BodyLimits, NextRequestId, REQUEST_ID, add_security_headers, limit_body};

/// The whole site: every resource's routes, the 404 fallback and the middleware stack.
pub fn router(state: AppState) -> Router {
    let timeout = state.config.request_timeout;
    let body_limits = BodyLimits {
        default: state.config.max_body_bytes,
        upload: state.config.max_upload_bytes + middleware::UPLOAD_OVERHEAD_BYTES,
    };
    let hsts = state.config.secure_cookies();

    let app = Router::new()
        .merge(reading::router())
        .merge(conversation::router())
        .merge(accounts::router())
        .merge(newsroom::router())
        .merge(newsletters::router())
        .merge(moderation::router())
        .merge(admin::router())
        .merge(embed::router())
        .merge(api::router())
        .merge(operations::router())
        .merge(assets::router())
        .fallback(newsroom::imports::old_address)
        .layer(from_fn_with_state(state.clone(), cache::front::page_cache))
        .layer(from_fn_with_state(state.clone(), session::check_origin))
        .layer(from_fn_with_state(state.clone(), metrics::record));
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
            .layer(from_fn_with_state(body_limits, limit_body))
            .layer(TimeoutLayer::with_status_code(
                axum::http::StatusCode::REQUEST_TIMEOUT,
                timeout,
            )),
    )
    // Over the concurrency limit, a fast 503 before any other work (see `limits`).
    .layer(from_fn_with_state(
        operations::limits::ConcurrencyLimit::new(state.config.max_concurrent_requests),
        operations::limits::shed,
    ))
    // Outermost, so the answers of the layers above (413, 408, 503, panics) get a page too.
    .layer(from_fn_with_state(
        state.clone(),
        error::render_error_pages,
    ))
    // Outside everything, so the middleware's own answers (413, 408, 503) carry them too.
    .layer(map_response(move |mut response: Response| async move {
        add_security_headers(response.headers_mut(), hsts);
        response
    }))
    .with_state(state)
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
    let newsletter_worker = tokio::spawn(state.newsletters.clone().run(
        state.store.uncounted(),
        state.clock.clone(),
        state.config.clone(),
        state.mailer.clone(),
        std::sync::Arc::from(state.mailroom.key()),
        stop_rx.clone(),
    ));
    // Only with purge URLs: one worker per process, sharing the queue like the others.
    let purge_worker = state.pages.purger().cloned().map(|purger| {
        tokio::spawn(purger.run(
            state.store.uncounted(),
            state.clock.clone(),
            state.config.purge_urls.clone(),
            stop_rx.clone(),
        ))
    });
    let views_worker = tokio::spawn(
        state
            .views
            .clone()
            .run(state.store.uncounted(), stop_rx.clone()),
    );
    let limits = operations::limits::Limits::from_config(&state.config);
    let app = cache::front::Front::new(state.clone(), router(state));
    let server = operations::limits::serve(listener, app, limits, async move {
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
    newsletter_worker.abort();
    if let Some(w) = purge_worker {
        w.abort();
    }
    // Its last flush adds what was counted until now (it stops at once when counting is off).
    let _ = tokio::time::timeout(Duration::from_secs(5), views_worker).await;
    served
}
