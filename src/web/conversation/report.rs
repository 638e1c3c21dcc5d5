//! Reporting a comment to the moderators.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;

use super::{ban_notice, json_error, wants_json};
use crate::domain::comment::{CommentFacts, comment_permissions};
use crate::domain::l10n::Tr;
use crate::web::cache::Change;
use crate::web::embed::Framing;
use crate::web::forms::MemberForm;
use crate::web::layout::Layout;
use crate::web::session::Viewer;
use crate::web::{AppState, Error, Result};

pub(super) fn router() -> Router<AppState> {
    router_at("")
}

/// The report form under `base` (also `/embed`, see `conversation::router`).
pub(super) fn router_at(base: &str) -> Router<AppState> {
    Router::new().route(
        &format!("{base}/comments/{{id}}/report"),
        get(report_form).post(report),
    )
}

/// The reasons the form offers: each key (as stored) with its label's message id, which the
/// desk shows too.
pub const REPORT_REASONS: [(&str, &str); 5] = [
    ("spam", "conv-reason-spam"),
    ("abuse", "conv-reason-abuse"),
    ("off-topic", "conv-reason-off-topic"),
    ("misinformation", "conv-reason-misinformation"),
    ("other", "conv-reason-other"),
];

/// A stored reason's label message id; `None` for a key the form never offered.
pub(crate) fn reason_label_id(key: &str) -> Option<&'static str> {
    REPORT_REASONS
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, id)| *id)
}

fn reasons() -> Vec<(&'static str, &'static str)> {
    REPORT_REASONS.to_vec()
}

#[derive(Template)]
#[template(path = "comment_report.html")]
struct ReportPage {
    layout: Layout,
    /// Where the form posts: this address, under `/embed` inside the embed's frame.
    action: String,
    csrf: String,
    /// Each reason's key and its label's message id.
    reasons: Vec<(&'static str, &'static str)>,
    chosen: String,
    note: String,
    error: Option<String>,
    done: bool,
    back: String,
}

/// The report form's target: the embed's own route inside its frame, where only those
/// receive the frame's session.
fn action(viewer: &Viewer, id: i64) -> String {
    format!("{}/comments/{id}/report", viewer.actions_base())
}

/// `GET /comments/{id}/report` (and `/embed/comments/{id}/report`)
async fn report_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response> {
    viewer.require_user()?;
    let now = state.clock.now();
    let row = state
        .store
        .comment(id)
        .await?
        .filter(|c| c.is_visible())
        .ok_or(Error::NotFound)?;
    let (slug, _) = state
        .store
        .article_slug(row.article_id, now)
        .await?
        .ok_or(Error::NotFound)?;
    let framing = crate::web::embed::framing(&state, &viewer, row.article_id).await?;
    let page = ReportPage {
        layout: Layout::titled(&state, &viewer, "conv-report-title")
            .await?
            .in_frame(&viewer, &framing),
        action: action(&viewer, id),
        csrf: viewer.csrf.clone(),
        reasons: reasons(),
        chosen: String::new(),
        note: String::new(),
        error: None,
        done: false,
        back: super::back_to(&state, &viewer, &slug, &format!("comment-{id}")).await?,
    };
    let mut response = Html(page.render()?).into_response();
    Framing::apply(&framing, &mut response);
    Ok(response)
}

#[derive(Deserialize)]
struct ReportForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    note: String,
}

/// `POST /comments/{id}/report`: once per member per comment, with a reason.
async fn report(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    headers: HeaderMap,
    MemberForm { user, form }: MemberForm<ReportForm>,
) -> Result<Response> {
    let json = wants_json(&headers);
    let now = state.clock.now();
    let row = state
        .store
        .comment(id)
        .await?
        .filter(|c| c.is_visible())
        .ok_or(Error::NotFound)?;
    let (slug, _) = state
        .store
        .article_slug(row.article_id, now)
        .await?
        .ok_or(Error::NotFound)?;
    let can = comment_permissions(
        viewer.facts().as_ref(),
        &CommentFacts {
            author_id: row.author_id,
            status_visible: true,
            created_at: row.created_at,
        },
        now,
    );
    let note = form.note.trim().to_owned();
    let tr = Tr::new(viewer.locale);
    let error = if let Some(until) = user.banned_at(now) {
        Some(ban_notice(tr, until, &user.ban_reason, &viewer.dates))
    } else if !can.report {
        Some(tr.t("conv-report-own"))
    } else if !REPORT_REASONS.iter().any(|(k, _)| *k == form.reason) {
        Some(tr.t("conv-report-reason"))
    } else if note.chars().count() > 1000 {
        Some(tr.t("conv-report-note-long"))
    } else {
        match state
            .store
            .report_comment(id, user.id, &form.reason, &note, now)
            .await
        {
            Ok(hidden) => {
                if hidden {
                    state.pages.changed(Change::CommentCount {
                        article_id: row.article_id,
                    });
                }
                None
            }
            // The one conflict: the member reported this comment before.
            Err(crate::store::Error::Conflict(_)) => Some(tr.t("conv-report-already")),
            Err(e) => return Err(e.into()),
        }
    };
    if json {
        return Ok(match error {
            None => (
                StatusCode::CREATED,
                Json(serde_json::json!({ "id": id, "reported": true })),
            )
                .into_response(),
            Some(m) => json_error(StatusCode::UNPROCESSABLE_ENTITY, &m),
        });
    }
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let framing = crate::web::embed::framing(&state, &viewer, row.article_id).await?;
    let page = ReportPage {
        layout: Layout::titled(&state, &viewer, "conv-report-title")
            .await?
            .in_frame(&viewer, &framing),
        action: action(&viewer, id),
        csrf: viewer.csrf.clone(),
        reasons: reasons(),
        done: error.is_none(),
        chosen: form.reason,
        note: form.note,
        error,
        back: super::back_to(&state, &viewer, &slug, &format!("comment-{id}")).await?,
    };
    let mut response = (status, Html(page.render()?)).into_response();
    Framing::apply(&framing, &mut response);
    Ok(response)
}
