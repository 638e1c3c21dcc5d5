//! `GET /embed/counts?site=…&page=…&page=…&id=…`: the comment counts of many embedded pages at
//! once, by address or by the host's explicit id, for the host's listing pages
//! (`<a data-broadsheet-count href="…">`), readable by the site's own origins (CORS).

use axum::Json;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::domain::embed::{PageProblem, SiteId, embedded_page};
use crate::web::{AppState, Error, Result};

/// The most pages one request may ask about.
pub const MAX_PAGES: usize = 100;

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/embed/counts", get(counts))
}

async fn counts(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response> {
    let raw = raw.unwrap_or_default();
    let mut site = None;
    let mut pages: Vec<String> = Vec::new();
    let mut ids: Vec<String> = Vec::new();
    for (name, value) in form_urlencoded::parse(raw.as_bytes()) {
        match name.as_ref() {
            "site" => site = Some(value.into_owned()),
            "page" => pages.push(value.into_owned()),
            "id" => ids.push(value.into_owned()),
            _ => {}
        }
    }
    let asked = pages.len() + ids.len();
    if asked == 0 || asked > MAX_PAGES {
        return Err(Error::BadRequest(format!(
            "Ask for 1 to {MAX_PAGES} pages, each as page=ADDRESS or id=ID."
        )));
    }
    let reader = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok());
    let site = match site.as_deref().map(str::parse::<i64>) {
        Some(Ok(id)) => state.store.site(SiteId(id)).await?,
        Some(Err(_)) => {
            return Err(Error::BadRequest(
                "The site must be the number /admin/sites shows.".into(),
            ));
        }
        None => {
            // The first page's origin, or (asked by id alone) the asking page's.
            let first = pages.first().map_or(reader.unwrap_or(""), String::as_str);
            let origin = url::Url::parse(first)
                .ok()
                .and_then(|u| crate::domain::embed::Origin::of(&u));
            match origin {
                Some(o) => state.store.site_for_origin(&o).await?,
                None => None,
            }
        }
    }
    .ok_or_else(|| Error::Forbidden("No registered site allows these pages.".into()))?;
    let origins = site.origin_list();
    // A browser's cross-origin request names its page's origin: only the site's may read.
    let allow = match reader {
        Some(o) if origins.iter().any(|a| a.as_str() == o) => Some(o.to_owned()),
        Some(o) => {
            return Err(Error::Forbidden(format!(
                "The site “{}” does not allow pages at {o} to read its counts.",
                site.name
            )));
        }
        None => None,
    };
    // An id is keyed as the frame keys it, whatever page it is on (the first origin stands in).
    let any_page = origins
        .first()
        .map_or(String::new(), |o| format!("{}/", o.as_str()));
    let asked: Vec<(&String, Option<&str>, &str)> = pages
        .iter()
        .map(|p| (p, None, p.as_str()))
        .chain(ids.iter().map(|i| (i, Some(i.as_str()), any_page.as_str())))
        .collect();
    let mut keys = Vec::with_capacity(asked.len());
    for (_, id, page) in &asked {
        let page = embedded_page(page, *id, &origins).map_err(|e| match e {
            PageProblem::Invalid(m) => Error::BadRequest(m),
            PageProblem::Refused(m) => Error::Forbidden(m),
        })?;
        keys.push(page.key);
    }
    let found = state.store.embedded_counts(site.id(), &keys).await?;
    let mut counts = serde_json::Map::new();
    let mut by_id = serde_json::Map::new();
    for ((name, id, _), key) in asked.iter().zip(&keys) {
        let n = found.iter().find(|(k, _)| k == key).map_or(0, |(_, n)| *n);
        let into = if id.is_some() {
            &mut by_id
        } else {
            &mut counts
        };
        into.insert((*name).clone(), n.into());
    }
    let mut response = Json(serde_json::json!({ "counts": counts, "ids": by_id })).into_response();
    let h = response.headers_mut();
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=30"),
    );
    h.insert(header::VARY, HeaderValue::from_static("Origin"));
    if let Some(o) = allow.and_then(|o| HeaderValue::try_from(o).ok()) {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, o);
    }
    Ok(response)
}
