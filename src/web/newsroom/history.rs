//! An article's revision history: diffs between revisions, and restoring one.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::articles::{DiffLineView, diff_view};
use super::{access, load, refuse};
use crate::domain::l10n::Tr;
use crate::domain::newsroom::{Publication, RevisionNote};
use crate::store::newsroom::Saved;
use crate::web::cache::Change;
use crate::web::forms::MemberForm;
use crate::web::layout::{Layout, TimeView};
use crate::web::session::Viewer;
use crate::web::{AppState, Error, Refusal, Result};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/articles/{id}/revisions", get(history))
        .route(
            "/admin/articles/{id}/revisions/{number}/restore",
            post(restore),
        )
}

pub struct RevisionView {
    pub number: i64,
    pub saved_by: String,
    pub note: String,
    pub saved: TimeView,
    pub is_newest: bool,
    pub is_live: bool,
    pub from: bool,
    pub to: bool,
}

#[derive(Template)]
#[template(path = "admin_article_history.html")]
struct HistoryPage {
    layout: Layout,
    csrf: String,
    id: i64,
    title: String,
    revisions: Vec<RevisionView>,
    can_restore: bool,
    newest: i64,
    compared: Option<(i64, i64)>,
    diff: Vec<DiffLineView>,
}

#[derive(Deserialize, Default)]
struct CompareQuery {
    from: Option<i64>,
    to: Option<i64>,
}

/// `GET /admin/articles/{id}/revisions`: every saved revision; with `?from=N&to=M` the line
/// diff between the two.
async fn history(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Query(q): Query<CompareQuery>,
) -> Result<Response> {
    let article = load(&state, id).await?;
    let (_, can) = access(&viewer, Some(&article))?;
    if !can.view {
        return Err(refuse(&viewer, "newsroom-cannot-history"));
    }
    let revisions = state.store.revisions(id).await?;
    let (mut compared, mut diff) = (None, Vec::new());
    if let (Some(from), Some(to)) = (q.from, q.to) {
        let old = state.store.revision_content(id, from).await?;
        let new = state.store.revision_content(id, to).await?;
        let (Some(old), Some(new)) = (old, new) else {
            return Err(Error::BadRequest(
                Tr::new(viewer.locale).t("newsroom-choose-two-revisions"),
            ));
        };
        diff = diff_view(Tr::new(viewer.locale), &old, &new);
        compared = Some((from, to));
    }
    // By default the two newest are ticked, the usual question being "what changed last".
    let (from, to) = compared.unwrap_or((article.revision - 1, article.revision));
    let page = HistoryPage {
        layout: Layout::titled(&state, &viewer, "newsroom-revisions").await?,
        csrf: viewer.csrf.clone(),
        id,
        title: article.draft.title.clone(),
        revisions: revisions
            .into_iter()
            .map(|r| RevisionView {
                number: r.number,
                saved_by: r
                    .saved_by
                    .unwrap_or_else(|| Tr::new(viewer.locale).t("newsroom-former-member")),
                note: note_words(Tr::new(viewer.locale), &r.note),
                saved: TimeView::long(r.created_at, &viewer.dates),
                is_newest: r.number == article.revision,
                is_live: article.published_at.is_some() && r.number == article.live_revision,
                from: r.number == from,
                to: r.number == to,
            })
            .collect(),
        can_restore: can.edit,
        newest: article.revision,
        compared,
        diff,
    };
    Ok(Html(page.render()?).into_response())
}

/// A revision's note in the viewer's language (the store keeps its kind, [`RevisionNote`]);
/// a note the product did not write is shown as written.
fn note_words(tr: Tr, note: &str) -> String {
    match RevisionNote::read(note) {
        RevisionNote::None => String::new(),
        RevisionNote::Created => tr.t("newsroom-note-created"),
        RevisionNote::ReplacedThroughApi => tr.t("newsroom-note-api"),
        RevisionNote::Restored(n) => tr.t1("newsroom-note-restored", "number", n),
        RevisionNote::Other(text) => text,
    }
}

#[derive(Deserialize)]
struct RestoreForm {
    #[serde(default)]
    revision: String,
}

/// `POST /admin/articles/{id}/revisions/{number}/restore`: saves revision `number`'s content
/// as the newest revision (refused if someone saved since the history was opened).
async fn restore(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, number)): Path<(i64, i64)>,
    MemberForm { form, .. }: MemberForm<RestoreForm>,
) -> Result<Response> {
    let article = load(&state, id).await?;
    let (user, can) = access(&viewer, Some(&article))?;
    if !can.edit {
        return Err(refuse(&viewer, "newsroom-cannot-restore"));
    }
    let draft = state
        .store
        .revision_content(id, number)
        .await?
        .ok_or(Error::NotFound)?;
    let base: i64 = form.revision.trim().parse().unwrap_or(-1);
    let now: DateTime<Utc> = state.clock.now();
    let note = RevisionNote::Restored(number).stored();
    match state
        .store
        .save_draft(id, &draft, base, user.id, &note, now)
        .await
        .map_err(|e| super::words::worded(Tr::new(viewer.locale), e))
    {
        Ok(Saved::Revision(_)) => {
            if !Publication::of(article.published_at, now).is_live() {
                state.pages.changed(Change::Everything);
            }
            Ok(Redirect::to(&format!("/admin/articles/{id}?done=restore")).into_response())
        }
        Ok(Saved::Conflict { newest }) => Err(Error::Rejected(Refusal {
            status: StatusCode::CONFLICT,
            message: Tr::new(viewer.locale).t1("newsroom-restore-conflict", "number", newest),
            retry_after: None,
        })),
        Err(crate::store::Error::Conflict(message)) => Err(Error::Rejected(Refusal {
            status: StatusCode::CONFLICT,
            message,
            retry_after: None,
        })),
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------------------------
// Sections, authors and tags
