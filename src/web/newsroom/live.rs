//! The live desk of an article: editors open and end its coverage; contributors write updates,
//! which wait as drafts; editors publish, edit and delete them. Who may do what is
//! `domain::live::live_access`; every change is a revision (`store::live`), reaches open pages
//! through the live-update hub and drops exactly the pages it shows.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::load;
use crate::domain::live::{
    Coverage, CoverageAction, LiveAccess, LiveUpdateId, UpdateAction, UpdateStatus,
    change_coverage, live_access, may_change, may_write, update_image, update_text,
};
use crate::domain::markdown;
use crate::domain::webhook::live_update_published_payload;
use crate::services::live::UpdateChanged;
use crate::store::live::{Changed, LiveUpdate, NewUpdate, UpdateChange};
use crate::store::sessions::SessionUser;
use crate::web::cache::Change;
use crate::web::forms::MemberForm;
use crate::web::layout::{Layout, TimeView};
use crate::web::session::Viewer;
use crate::web::{AppState, Error, Refusal, Result};

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
    let can = live_access(user.role());
    if !can.write {
        return Err(Error::Forbidden(
            "Live coverage is written by contributors, editors and admins.".into(),
        ));
    }
    Ok((user, can))
}

pub(super) fn editors_only(what: &str) -> Error {
    Error::Forbidden(format!(
        "Only editors and admins {what}; contributors write updates for them to publish."
    ))
}

struct UpdateRow {
    id: i64,
    status: &'static str,
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
    state: &'static str,
    since: Option<TimeView>,
    until: Option<TimeView>,
    is_live: bool,
    can_publish: bool,
    updates: Vec<UpdateRow>,
    questions: Vec<super::live_questions::QuestionRow>,
    notice: Option<&'static str>,
    errors: Vec<String>,
    typed: String,
    csrf: String,
}

#[derive(Deserialize, Default)]
struct DeskQuery {
    #[serde(default)]
    done: String,
}

fn notice(done: &str) -> Option<&'static str> {
    Some(match done {
        "open" => "Live coverage is open: readers see the Live badge and the updates.",
        "end" => "Coverage has ended. The article keeps its updates.",
        "draft" => "Update saved as a draft for an editor to publish.",
        "published" => "Update published.",
        "edited" => "Update changed; readers see it marked Updated.",
        "deleted" => "Update deleted; its revisions are kept.",
        "answered" => "Answer published: readers see the question and its answer.",
        "answer-draft" => "Answer saved as a draft for an editor to publish.",
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
    let questions = super::live_questions::rows(state, id, answer).await?;
    let (label, since, until) = match coverage {
        Coverage::None => ("Not live", None, None),
        Coverage::Live { since } => ("Live", Some(since), None),
        Coverage::Ended { since, until } => ("Coverage has ended", Some(since), Some(until)),
    };
    let now = state.clock.now();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = DeskPage {
        layout: Layout::load(state, viewer, "Live coverage").await?,
        id,
        title: article.draft.title.clone(),
        reader_href: article
            .published_at
            .filter(|p| *p <= now)
            .map(|_| format!("/articles/{}", article.live_slug)),
        state: label,
        since: since.map(TimeView::long),
        until: until.map(TimeView::long),
        is_live: coverage.is_live(),
        can_publish: can.publish,
        updates: updates.into_iter().map(row).collect(),
        questions,
        notice,
        errors,
        typed: typed.to_owned(),
        csrf: viewer.csrf.clone(),
    };
    Ok((status, Html(page.render()?)).into_response())
}

fn row(u: LiveUpdate) -> UpdateRow {
    UpdateRow {
        id: u.id,
        status: u.status.label(),
        is_draft: u.status == UpdateStatus::Draft,
        key_event: u.key_event,
        author: u.author_name.unwrap_or_else(|| "A former account".into()),
        when: TimeView::long(u.published_at.unwrap_or(u.created_at)),
        edited: u.edited_at.is_some(),
        body_source: u.body_source,
        body_html: u.body_html,
        image_url: u.image_url.unwrap_or_default(),
        image_alt: u.image_alt.unwrap_or_default(),
        revision: u.revision,
        question: u
            .question_body
            .map(|t| (u.question_asker.unwrap_or_else(|| "A reader".into()), t)),
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
    if !can.publish {
        return Err(editors_only("open and end live coverage"));
    }
    let action = CoverageAction::parse(&form.action)
        .ok_or_else(|| Error::BadRequest("Choose to open or to end the coverage.".into()))?;
    let now_state = state.store.coverage(id).await?.ok_or(Error::NotFound)?;
    let next = change_coverage(now_state, action, state.clock.now())
        .map_err(|m| Error::BadRequest(m.into()))?;
    if !state.store.set_coverage(id, now_state, next).await? {
        return Err(Error::Rejected(Refusal {
            status: StatusCode::CONFLICT,
            message: "Someone changed this coverage meanwhile: reload and try again.".into(),
            retry_after: None,
        }));
    }
    tracing::info!(article = id, by = user.id, ?action, "live coverage changed");
    state.pages.changed(Change::Coverage { article_id: id });
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

/// The checked text, its HTML and image; or what is wrong, for the form.
type Checked = (String, String, Option<(String, String)>);

fn check(form: &UpdateForm) -> std::result::Result<Checked, Vec<String>> {
    let text = update_text(&form.body);
    let image = update_image(&form.image_url, &form.image_alt);
    match (text, image) {
        (Ok(text), Ok(image)) => {
            let html = markdown::render_article(&text);
            Ok((text, html, image))
        }
        (text, image) => Err([text.err(), image.err()].into_iter().flatten().collect()),
    }
}

/// Tells open pages and drops the pages that showed the update, when readers saw it.
pub(super) fn announce(state: &AppState, changed: Changed) {
    if !changed.seen_by_readers {
        return;
    }
    if changed.action == UpdateAction::Published {
        state.webhooks.wake();
    }
    state.live.announce_update(UpdateChanged {
        article_id: changed.article_id,
        update: changed.id,
        action: changed.action,
    });
    state.pages.changed(Change::LiveUpdate {
        article_id: changed.article_id,
    });
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
    if publish && !can.publish {
        return Err(editors_only("publish updates"));
    }
    let coverage = state.store.coverage(id).await?.ok_or(Error::NotFound)?;
    if let Err(m) = may_write(coverage) {
        return render_desk(&state, &viewer, id, can, None, vec![m.into()], &form.body).await;
    }
    let (text, html, image) = match check(&form) {
        Ok(c) => c,
        Err(errors) => {
            return render_desk(&state, &viewer, id, can, None, errors, &form.body).await;
        }
    };
    let now = state.clock.now();
    let slug = load(&state, id).await?.live_slug;
    let key_event = form.key_event.is_some();
    let payload = |update: i64| {
        live_update_published_payload(
            &state.config.base_url,
            now,
            update,
            &user.display_name,
            &html,
            key_event,
            &slug,
        )
    };
    let changed = state
        .store
        .insert_live_update(
            &NewUpdate {
                article_id: id,
                author_id: user.id,
                body_source: &text,
                body_html: &html,
                image: image.as_ref().map(|(u, a)| (u.as_str(), a.as_str())),
                key_event: form.key_event.is_some(),
                publish,
                webhook_payload: &payload,
            },
            now,
        )
        .await?;
    tracing::info!(
        article = id,
        update = changed.id.0,
        by = user.id,
        publish,
        "live update written"
    );
    announce(&state, changed);
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
    if !can.publish {
        return Err(editors_only("publish, edit and delete updates"));
    }
    let current = state
        .store
        .live_update(LiveUpdateId(id))
        .await?
        .ok_or(Error::NotFound)?;
    may_change(current.status).map_err(|m| Error::BadRequest(m.into()))?;
    let article_id = current.article_id;
    let checked;
    let change = match form.action.as_str() {
        "publish" if current.status == UpdateStatus::Draft => UpdateChange::Publish,
        "publish" => {
            return Err(Error::BadRequest(
                "This update is published already.".into(),
            ));
        }
        "delete" => UpdateChange::Delete,
        "edit" => {
            if form.revision != current.revision {
                return Err(stale());
            }
            checked = match check(&form) {
                Ok(c) => c,
                Err(errors) => {
                    return render_desk(&state, &viewer, article_id, can, None, errors, "").await;
                }
            };
            UpdateChange::Edit {
                body_source: &checked.0,
                body_html: &checked.1,
                image: checked.2.as_ref().map(|(u, a)| (u.as_str(), a.as_str())),
                key_event: form.key_event.is_some(),
            }
        }
        _ => {
            return Err(Error::BadRequest(
                "Choose to publish, edit or delete the update.".into(),
            ));
        }
    };
    let now = state.clock.now();
    let (slug, _) = state
        .store
        .article_slug(article_id, now)
        .await?
        .ok_or(Error::NotFound)?;
    let author = current.author_name.clone().unwrap_or_default();
    let shown_html = super::live_questions::shown_html(&current);
    let payload = |update: i64| {
        live_update_published_payload(
            &state.config.base_url,
            now,
            update,
            &author,
            &shown_html,
            current.key_event,
            &slug,
        )
    };
    let Some(changed) = state
        .store
        .change_live_update(&current, change, user.id, &payload, now)
        .await?
    else {
        return Err(stale());
    };
    tracing::info!(
        update = id,
        by = user.id,
        action = changed.action.as_str(),
        "live update changed"
    );
    announce(&state, changed);
    let done = match changed.action {
        UpdateAction::Published => "published",
        UpdateAction::Edited => "edited",
        UpdateAction::Deleted => "deleted",
        UpdateAction::Written => "draft",
    };
    Ok(Redirect::to(&format!("/admin/articles/{article_id}/live?done={done}")).into_response())
}

fn stale() -> Error {
    Error::Rejected(Refusal {
        status: StatusCode::CONFLICT,
        message: "Someone changed this update meanwhile: reload the desk and try again.".into(),
        retry_after: None,
    })
}
