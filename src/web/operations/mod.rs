//! Operations endpoints: health, metrics, robots.

pub mod limits;
pub mod webhooks;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;
use sha2::{Digest, Sha256};

use crate::store::Backend;
use crate::web::{AppState, Error};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
        .route("/robots.txt", get(robots))
        .merge(webhooks::router())
}

/// `GET /healthz`: 200 when the database answers, 503 when it does not.
async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    let backend = backend_name(&state);
    let (status, db) = match state.store.ping().await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(e) => {
            tracing::error!(error = %e, "health check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "unreachable")
        }
    };
    let body = serde_json::json!({
        "status": if status == StatusCode::OK { "ok" } else { "unavailable" },
        "database": db,
        "backend": backend,
    });
    (
        status,
        [(header::CACHE_CONTROL, "no-store")],
        axum::Json(body),
    )
}

/// `GET /metrics`: Prometheus text format, for a scraper that sends the metrics token as
/// `Authorization: Bearer TOKEN`. Not served (404) when no token is configured: the counters
/// are not for the public.
async fn metrics(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<impl IntoResponse, Error> {
    let Some(token) = &state.config.metrics_token else {
        return Err(Error::NotFound);
    };
    if !bearer_matches(&headers, token.expose()) {
        return Err(Error::Unauthorized(
            "The metrics need the site's metrics token: send it as Authorization: Bearer TOKEN."
                .to_owned(),
        ));
    }
    let mut body = state.metrics.render(
        state.store.query_count(),
        backend_name(&state),
        state.live.open_streams(),
    );
    state.pages.render_metrics(&mut body);
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "text/plain; version=0.0.4; charset=utf-8",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    ))
}

/// Whether the request carries `Authorization: Bearer TOKEN` with this token. Compared in
/// constant time, as digests so that the token's length does not show either.
fn bearer_matches(headers: &HeaderMap, token: &str) -> bool {
    let Some(given) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, given)| given.trim())
    else {
        return false;
    };
    crate::web::session::constant_time_eq(
        &Sha256::digest(given.as_bytes()),
        &Sha256::digest(token.as_bytes()),
    )
}

/// `GET /robots.txt`
async fn robots(State(state): State<AppState>) -> impl IntoResponse {
    let body = format!(
        "User-agent: *\nAllow: /\nDisallow: /admin/\nDisallow: /api/\nDisallow: /settings\n\nSitemap: {}/sitemap.xml\n",
        state.config.base_url
    );
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body)
}

fn backend_name(state: &AppState) -> &'static str {
    match state.store.backend() {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    }
}
