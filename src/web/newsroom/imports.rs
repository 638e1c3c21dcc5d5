//! What imports from other systems leave on the site: old WordPress addresses that redirect,
//! and members claiming the comments of their earlier (guest) identity.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;

use crate::web::cache::Change;
use crate::web::forms::{MemberForm, NoFields};
use crate::web::layout::Layout;
use crate::web::session::Viewer;
use crate::web::{AppState, Error, Result};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{year}/{month}/{day}/{name}", get(wordpress_address))
        .route("/{year}/{month}/{day}/{name}/", get(wordpress_address))
        .route(
            "/settings/earlier-comments",
            get(earlier_comments).post(claim_earlier_comments),
        )
}

/// `GET /{year}/{month}/{day}/{name}` (and with a trailing slash): an imported WordPress post's
/// old address, permanently moved to its article.
async fn wordpress_address(
    State(state): State<AppState>,
    Path((year, month, day, name)): Path<(String, String, String, String)>,
) -> Result<Response> {
    let Some(path) =
        crate::domain::imports::wordpress_path(&format!("/{year}/{month}/{day}/{name}"))
    else {
        return Err(Error::NotFound);
    };
    match state.store.wordpress_redirect(&path).await? {
        Some(slug) => Ok((
            StatusCode::MOVED_PERMANENTLY,
            [(header::LOCATION, format!("/articles/{slug}"))],
        )
            .into_response()),
        None => Err(Error::NotFound),
    }
}

#[derive(Template)]
#[template(path = "earlier_comments.html")]
struct EarlierCommentsPage {
    layout: Layout,
    csrf: String,
    email: String,
    comments: i64,
    names: String,
    verified: bool,
    notice: Option<String>,
    error: Option<String>,
}

#[derive(Deserialize, Default)]
struct ClaimedQuery {
    claimed: Option<u64>,
}

async fn render(
    state: &AppState,
    viewer: &Viewer,
    notice: Option<String>,
    error: Option<String>,
) -> Result<EarlierCommentsPage> {
    let user = viewer.require_user()?;
    let offer = state.store.claim_offer(user.id).await?;
    Ok(EarlierCommentsPage {
        layout: Layout::load(state, viewer, "Comments from an earlier account").await?,
        csrf: viewer.csrf.clone(),
        email: user.email.clone(),
        comments: offer.comments,
        names: offer.names.join(", "),
        verified: offer.verified,
        notice,
        error,
    })
}

/// `GET /settings/earlier-comments`: imported comments with the member's address, to claim.
async fn earlier_comments(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<ClaimedQuery>,
) -> Result<Response> {
    let notice = q
        .claimed
        .map(|n| format!("{n} comment(s) from your earlier account are now yours."));
    let page = render(&state, &viewer, notice, None).await?;
    Ok(Html(page.render()?).into_response())
}

/// `POST /settings/earlier-comments`: claims them, if the member's address is verified.
async fn claim_earlier_comments(
    State(state): State<AppState>,
    viewer: Viewer,
    MemberForm { user, .. }: MemberForm<NoFields>,
) -> Result<Response> {
    match state
        .store
        .claim_guest_comments(user.id, state.clock.now())
        .await?
    {
        Some(n) => {
            // Their name now shows beside those comments, on any cached page.
            state.pages.changed(Change::Everything);
            Ok(Redirect::to(&format!("/settings/earlier-comments?claimed={n}")).into_response())
        }
        None => {
            let error = "Your address is not verified yet: follow the link in the message we \
                         sent you, then claim the comments here."
                .to_owned();
            let page = render(&state, &viewer, None, Some(error)).await?;
            // The member may claim, but not yet: a state they can change, not a missing right.
            Ok((StatusCode::CONFLICT, Html(page.render()?)).into_response())
        }
    }
}
