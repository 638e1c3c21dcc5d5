//! Mutes in a member's settings: `/settings/mutes` lists whom they muted, with Unmute. Muting
//! itself is a comment's control (`POST /comments/actions`, `mute=ID`, see
//! `conversation::mute`). Mutes are private: only the muter ever sees them.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;

use crate::domain::l10n::Tr;
use crate::store::mutes::MUTES_PAGE;
use crate::web::cache::Change;
use crate::web::forms::MemberForm;
use crate::web::layout::{Layout, TimeView};
use crate::web::session::Viewer;
use crate::web::{AppState, Error, Result};

pub fn router() -> Router<AppState> {
    Router::new().route("/settings/mutes", get(mutes_page).post(unmute))
}

pub struct MutedView {
    pub id: i64,
    pub name: String,
    pub since: TimeView,
}

#[derive(Template)]
#[template(path = "settings_mutes.html")]
struct MutesPage {
    layout: Layout,
    csrf: String,
    muted: Vec<MutedView>,
    notice: Option<String>,
    next_href: Option<String>,
}

#[derive(Deserialize, Default)]
struct MutesQuery {
    after: Option<i64>,
    unmuted: Option<String>,
}

/// `GET /settings/mutes`: whom the member muted, a page at a time.
async fn mutes_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<MutesQuery>,
) -> Result<Response> {
    let user = viewer.require_user()?;
    let mut rows = state
        .store
        .mutes_of(user.id, q.after.unwrap_or(0).max(0))
        .await?;
    let more = rows.len() as i64 > MUTES_PAGE;
    rows.truncate(MUTES_PAGE as usize);
    let next_href = more
        .then(|| {
            rows.last()
                .map(|r| format!("/settings/mutes?after={}", r.id))
        })
        .flatten();
    let page = MutesPage {
        layout: Layout::titled(&state, &viewer, "mutes-title").await?,
        csrf: viewer.csrf.clone(),
        muted: rows
            .into_iter()
            .map(|r| MutedView {
                id: r.id,
                name: r.display_name,
                since: TimeView::long(r.muted_at, &viewer.dates),
            })
            .collect(),
        notice: q
            .unmuted
            .is_some()
            .then(|| Tr::new(viewer.locale).t("mutes-unmuted")),
        next_href,
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Deserialize)]
struct UnmuteForm {
    member: i64,
}

/// `POST /settings/mutes`: unmutes `member`.
async fn unmute(
    State(state): State<AppState>,
    MemberForm { user, form }: MemberForm<UnmuteForm>,
) -> Result<Response> {
    if !state.store.unmute(user.id, form.member).await? {
        return Err(Error::NotFound);
    }
    // Their comments unfold on the member's pages, kept or not.
    state.pages.changed(Change::Member { user_id: user.id });
    Ok(Redirect::to("/settings/mutes?unmuted=1").into_response())
}
