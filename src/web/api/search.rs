//! `GET /api/v1/search`: full-text search over published articles.

use axum::Json;
use axum::extract::{Query, State};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{ArticleSummary, bad, slug_param, summary};
use crate::domain::search::SearchQuery;
use crate::store::search::{DEFAULT_CANDIDATES, MARK_END, MARK_START, SearchFilter, SearchSort};
use crate::web::error::Problem;
use crate::web::{AppState, Error, Result};

#[derive(Serialize, ToSchema)]
pub struct SearchHit {
    article: ArticleSummary,
    /// Plain text around the matches.
    snippet: String,
}

#[derive(Serialize, ToSchema)]
pub struct SearchPage {
    items: Vec<SearchHit>,
    /// The next page's number; absent on the last page.
    next_page: Option<u32>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Words, "quoted phrases"; the last word also matches as a prefix.
    #[param(max_length = 200)]
    q: String,
    /// Only this section (its slug).
    #[param(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    section: Option<String>,
    /// `relevance` (default) or `newest`.
    #[param(pattern = "^(relevance|newest)$")]
    sort: Option<String>,
    #[param(minimum = 1, maximum = 50)]
    page: Option<u32>,
}

/// Full-text search over published articles.
#[utoipa::path(get, path = "/api/v1/search", params(SearchParams),
    responses(
        (status = 200, description = "One page of results, best first", body = SearchPage),
        (status = 400, description = "A parameter is not valid", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "The section does not exist", body = Problem, content_type = "application/problem+json"),
    ))]
pub(super) async fn search(
    State(state): State<AppState>,
    Query(p): Query<SearchParams>,
) -> Result<Json<SearchPage>> {
    let page = p.page.unwrap_or(1);
    if !(1..=50).contains(&page) {
        return Err(bad("`page` must be between 1 and 50"));
    }
    let section_id = match &p.section {
        None => None,
        Some(s) => {
            let slug = slug_param(s, "section")?;
            Some(
                state
                    .store
                    .section_by_slug(&slug)
                    .await?
                    .ok_or(Error::NotFound)?
                    .id,
            )
        }
    };
    let sort = match p.sort.as_deref() {
        None | Some("relevance") => SearchSort::Relevance,
        Some("newest") => SearchSort::Newest,
        Some(_) => return Err(bad("`sort` must be `relevance` or `newest`")),
    };
    const PER_PAGE: u32 = 20;
    let filter = SearchFilter {
        section_id,
        sort,
        limit: PER_PAGE + 1,
        offset: (page - 1) * PER_PAGE,
        candidates: Some(DEFAULT_CANDIDATES),
        ..Default::default()
    };
    let Some(mut hits) = state
        .store
        .search(&SearchQuery::parse(&p.q), &filter, state.clock.now())
        .await?
    else {
        return Err(bad(
            "the search took too long and was stopped: use fewer or more specific words, or a `section`",
        ));
    };
    let next_page = (hits.len() > PER_PAGE as usize && page < 50).then_some(page + 1);
    hits.truncate(PER_PAGE as usize);
    Ok(Json(SearchPage {
        items: hits
            .iter()
            .map(|h| SearchHit {
                article: summary(&state, &h.card),
                snippet: h.snippet.replace([MARK_START, MARK_END], ""),
            })
            .collect(),
        next_page,
    }))
}
