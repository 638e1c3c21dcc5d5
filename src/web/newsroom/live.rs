//! The live desk of an article: editors open and end its coverage; contributors write updates,
//! which wait as drafts; editors publish, edit and delete them. The handlers parse the forms
//! and render the desk; the changes themselves are `live_updates.rs`'s, which the API uses too.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::live_updates::{
    EditorsOnly, UpdateInput, UpdateRequest, access, change_update, editors_only, set_coverage,
    write_update,
};
use super::load;
use crate::domain::l10n::Tr;
use crate::domain::live::{
    Coverage, CoverageAction, LiveAccess, LiveUpdateId, UpdateAction, UpdateStatus,
};
use crate::store::live::LiveUpdate;
use crate::store::sessions::SessionUser;
use crate::web::forms::MemberForm;
use crate::web::layout::{Layout, TimeView};
use crate::web::session::Viewer;
use crate::web::{AppState, Error, Result};

/// Updates the desk lists (drafts first, then the newest).
const DESK_UPDATES: u32 = 200;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/articles/{id}/live", get(desk).post(coverage))
        .route("/admin/articles/{id}/live/updates", post(write))
        .route("/admin/live-updates/{id}", post(change))
}

/// The signed-in caller and what they may do with live coverage; refuses members.
pub(super) fn caller(viewer: &Viewer) -> Result<(SessionUser, LiveAccess)> {
    let user = viewer.require_user()?.clone();
    let can = access(&user, Tr::new(viewer.locale))?;
    Ok((user, can))
}

struct UpdateRow {
    id: i64,
    status: String,
    is_draft: bool,
    key_event: bool,
    author: String,
    when: TimeView,
    edited: bool,
    body_source: String,
    body_html: String,
    image_url: String,
    image_alt: String,
    revision: i64,
    /// The reader's question it answers: the asker and the text.
    question: Option<(String, String)>,
}

#[derive(Template)]
#[template(path = "admin_live.html")]
struct DeskPage {
    layout: Layout,
    id: i64,
    title: String,
    reader_href: Option<String>,
    state: String,
    since: Option<TimeView>,
    until: Option<TimeView>,
    is_live: bool,
    can_publish: bool,
    updates: Vec<UpdateRow>,
    questions: Vec<super::live_questions::QuestionRow>,
    notice: Option<String>,
    errors: Vec<String>,
    typed: String,
    csrf: String,
}

#[derive(Deserialize, Default)]
struct DeskQuery {
    #[serde(default)]
    done: String,
}

/// The message id of the notice after `done`.
fn notice(done: &str) -> Option<&'static str> {
    Some(match done {
        "open" => "newsroom-live-done-open",
        "end" => "newsroom-live-done-end",
        "draft" => "newsroom-live-done-draft",
        "published" => "newsroom-live-done-published",
        "edited" => "newsroom-live-done-edited",
        "deleted" => "newsroom-live-done-deleted",
        "answered" => "newsroom-live-done-answered",
        "answer-draft" => "newsroom-live-done-answer-draft",
        _ => return None,
    })
}

/// `GET /admin/articles/{id}/live`: the coverage's state, the form for a new update and every
/// update not deleted, drafts first.
async fn desk(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Query(q): Query<DeskQuery>,
) -> Result<Response> {
    let (_, can) = caller(&viewer)?;
    render_desk(&state, &viewer, id, can, notice(&q.done), Vec::new(), "").await
}

/// What the desk's refused form had typed in it, to send back.
pub(super) enum Typed<'a> {
    /// The new update's text.
    Update(&'a str),
    /// The answer to the question with this id.
    Answer(i64, &'a str),
}

impl<'a> From<&'a str> for Typed<'a> {
    fn from(text: &'a str) -> Typed<'a> {
        Typed::Update(text)
    }
}

impl<'a> From<&'a String> for Typed<'a> {
    fn from(text: &'a String) -> Typed<'a> {
        Typed::Update(text)
    }
}

pub(super) async fn render_desk(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    can: LiveAccess,
    notice: Option<&'static str>,
    errors: Vec<String>,
    typed: impl Into<Typed<'_>>,
) -> Result<Response> {
    let (typed, answer) = match typed.into() {
        Typed::Update(text) => (text, None),
        Typed::Answer(id, text) => ("", Some((id, text))),
    };
    let article = load(state, id).await?;
    let coverage = state.store.coverage(id).await?.ok_or(Error::NotFound)?;
    let updates = state.store.desk_updates(id, DESK_UPDATES).await?;
    let questions = super::live_questions::rows(state, id, answer, viewer).await?;
    let tr = Tr::new(viewer.locale);
    let (label, since, until) = match coverage {
        Coverage::None => ("newsroom-live-state-none", None, None),
        Coverage::Live { since } => ("newsroom-live-state-live", Some(since), None),
        Coverage::Ended { since, until } => ("newsroom-live-state-ended", Some(since), Some(until)),
    };
    let now = state.clock.now();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = DeskPage {
        layout: Layout::titled(state, viewer, "newsroom-live-coverage").await?,
        id,
        title: article.draft.title.clone(),
        reader_href: article
            .published_at
            .filter(|p| *p <= now)
            .map(|_| format!("/articles/{}", article.live_slug)),
        state: tr.t(label),
        since: since.map(|t| TimeView::long(t, &viewer.dates)),
        until: until.map(|t| TimeView::long(t, &viewer.dates)),
        is_live: coverage.is_live(),
        can_publish: can.publish,
        updates: updates
            .into_iter()
            .map(|u| row(u, tr, &viewer.dates))
            .collect(),
        questions,
        notice: notice.map(|id| tr.t(id)),
        errors,
        typed: typed.to_owned(),
        csrf: viewer.csrf.clone(),
    };
    Ok((status, Html(page.render()?)).into_response())
}

fn row(u: LiveUpdate, tr: Tr, dates: &crate::domain::locale::Dates) -> UpdateRow {
    UpdateRow {
        id: u.id,
        status: tr.t(match u.status {
            UpdateStatus::Draft => "newsroom-status-draft",
            UpdateStatus::Published => "newsroom-status-published",
            UpdateStatus::Deleted => "newsroom-update-deleted",
        }),
        is_draft: u.status == UpdateStatus::Draft,
        key_event: u.key_event,
        author: u
            .author_name
            .unwrap_or_else(|| tr.t("newsroom-former-account")),
        when: TimeView::long(u.published_at.unwrap_or(u.created_at), dates),
        edited: u.edited_at.is_some(),
        body_source: u.body_source,
        body_html: u.body_html,
        image_url: u.image_url.unwrap_or_default(),
        image_alt: u.image_alt.unwrap_or_default(),
        revision: u.revision,
        question: u.question_body.map(|t| {
            (
                u.question_asker
                    .unwrap_or_else(|| tr.t("newsroom-a-reader")),
                t,
            )
        }),
    }
}

#[derive(Deserialize)]
struct CoverageForm {
    #[serde(default)]
    action: String,
}

/// `POST /admin/articles/{id}/live`: `action` = `open` or `end` (editors).
async fn coverage(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    MemberForm { form, .. }: MemberForm<CoverageForm>,
) -> Result<Response> {
    let (user, can) = caller(&viewer)?;
    let tr = Tr::new(viewer.locale);
    if !can.publish {
        return Err(editors_only(tr, EditorsOnly::Coverage));
    }
    let action = CoverageAction::parse(&form.action)
        .ok_or_else(|| Error::BadRequest(tr.t("live-choose-coverage")))?;
    set_coverage(&state, &user, id, action, tr).await?;
    let done = match action {
        CoverageAction::Open => "open",
        CoverageAction::End => "end",
    };
    Ok(Redirect::to(&format!("/admin/articles/{id}/live?done={done}")).into_response())
}

#[derive(Deserialize)]
struct UpdateForm {
    #[serde(default)]
    body: String,
    key_event: Option<String>,
    #[serde(default)]
    image_url: String,
    #[serde(default)]
    image_alt: String,
    /// `publish` (editors) or `draft`.
    #[serde(default)]
    action: String,
    /// The revision the form was made from (edits).
    #[serde(default)]
    revision: i64,
}

impl UpdateForm {
    fn input(&self) -> UpdateInput<'_> {
        UpdateInput {
            body: &self.body,
            image_url: &self.image_url,
            image_alt: &self.image_alt,
            key_event: self.key_event.is_some(),
        }
    }
}

/// `POST /admin/articles/{id}/live/updates`: a new update; published at once when an editor
/// asks (`action=publish`), otherwise a draft.
async fn write(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    MemberForm { form, .. }: MemberForm<UpdateForm>,
) -> Result<Response> {
    let (user, can) = caller(&viewer)?;
    let publish = form.action == "publish";
    if let Err(errors) = write_update(
        &state,
        &user,
        id,
        &form.input(),
        publish,
        Tr::new(viewer.locale),
    )
    .await?
    {
        return render_desk(&state, &viewer, id, can, None, errors, &form.body).await;
    }
    let done = if publish { "published" } else { "draft" };
    Ok(Redirect::to(&format!("/admin/articles/{id}/live?done={done}")).into_response())
}

/// `POST /admin/live-updates/{id}`: `action` = `publish` (a draft), `edit` (with the form's
/// fields and `revision`) or `delete` (editors).
async fn change(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    MemberForm { form, .. }: MemberForm<UpdateForm>,
) -> Result<Response> {
    let (user, can) = caller(&viewer)?;
    let tr = Tr::new(viewer.locale);
    if !can.publish {
        return Err(editors_only(tr, EditorsOnly::Change));
    }
    let current = state
        .store
        .live_update(LiveUpdateId(id))
        .await?
        .ok_or(Error::NotFound)?;
    let request = match form.action.as_str() {
        "publish" => UpdateRequest::Publish,
        "delete" => UpdateRequest::Delete,
        "edit" => UpdateRequest::Edit {
            input: form.input(),
            revision: form.revision,
        },
        _ => {
            return Err(Error::BadRequest(tr.t("live-choose-update-action")));
        }
    };
    let article_id = current.article_id;
    let changed = match change_update(&state, &user, &current, request, tr).await? {
        Ok(changed) => changed,
        Err(errors) => {
            return render_desk(&state, &viewer, article_id, can, None, errors, "").await;
        }
    };
    let done = match changed.action {
        UpdateAction::Published => "published",
        UpdateAction::Edited => "edited",
        UpdateAction::Deleted => "deleted",
        UpdateAction::Written => "draft",
    };
    Ok(Redirect::to(&format!("/admin/articles/{article_id}/live?done={done}")).into_response())
}
