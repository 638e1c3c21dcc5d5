//! What imports from other systems leave on the site: old WordPress addresses that redirect
//! (any `<link>` path, `?p=ID`, `?page_id=ID`), and members claiming the comments of their
//! earlier (guest) identity.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::{Method, StatusCode, Uri, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;

use crate::domain::imports::{legacy_path, wordpress_query};
use crate::web::cache::Change;
use crate::web::forms::{MemberForm, NoFields};
use crate::web::layout::Layout;
use crate::web::session::Viewer;
use crate::web::{AppState, Error, Result};

pub fn router() -> Router<AppState> {
    Router::new().route(
        "/settings/earlier-comments",
        get(earlier_comments).post(claim_earlier_comments),
    )
}

/// The site's fallback, for addresses no route answers: an imported WordPress post's old
/// address (its `<link>` path whatever the permalink structure, `/index.php?p=ID`) is
/// permanently moved to its article; anything else is the 404 page. Only here, where the
/// answer would be a 404 anyway, is the old address looked up.
pub async fn old_address(
    State(state): State<AppState>,
    method: Method,
    uri: Uri,
) -> Result<Response> {
    if method != Method::GET && method != Method::HEAD {
        return Err(Error::NotFound);
    }
    let path = uri.path();
    let slug = match (path, uri.query()) {
        ("/index.php", Some(q)) => match wordpress_query(q) {
            Some(q) => state.store.wordpress_id_redirect(&q).await?,
            None => None,
        },
        _ => match legacy_path(path) {
            Some(p) => state.store.wordpress_redirect(&p).await?,
            None => None,
        },
    };
    slug.map(moved_to).ok_or(Error::NotFound)
}

/// `/?p=ID` and `/?page_id=ID`: the old WordPress post or page, or a 404 when none was imported
/// with that id (the address names one post; showing the front page under it would make a
/// copy of the front page at any number). `None` when the query asks for neither: the front
/// page it is.
pub async fn front_page_query(state: &AppState, query: Option<&str>) -> Option<Result<Response>> {
    let q = wordpress_query(query?)?;
    Some(match state.store.wordpress_id_redirect(&q).await {
        Ok(Some(slug)) => Ok(moved_to(slug)),
        Ok(None) => Err(Error::NotFound),
        Err(e) => Err(e.into()),
    })
}

/// A permanent redirect to the article: always one of the site's own addresses, built from a
/// slug the site stored.
fn moved_to(slug: String) -> Response {
    (
        StatusCode::MOVED_PERMANENTLY,
        [(header::LOCATION, format!("/articles/{slug}"))],
    )
        .into_response()
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
        layout: Layout::titled(state, viewer, "conv-earlier-title").await?,
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
    let tr = crate::domain::l10n::Tr::new(viewer.locale);
    let notice = q.claimed.map(|n| tr.t1("conv-earlier-claimed", "count", n));
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
            let error = crate::domain::l10n::Tr::new(viewer.locale).t("conv-earlier-unverified");
            let page = render(&state, &viewer, None, Some(error)).await?;
            // The member may claim, but not yet: a state they can change, not a missing right.
            Ok((StatusCode::CONFLICT, Html(page.render()?)).into_response())
        }
    }
}
