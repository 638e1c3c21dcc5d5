//! Readers' questions on the live desk: the approved ones waiting for an answer, and answering
//! one. The answer is a live update that quotes the question (credited to the reader by display
//! name), written by the same store path as any update, so the stream, the page cache, the
//! webhook and the feeds follow; a contributor's answer waits as a draft like their updates.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use serde::Deserialize;

use super::live::{Typed, caller, render_desk};
use super::live_updates::{EditorsOnly, announce, editors_only};
use super::load;
use super::words::live_problem;
use crate::domain::l10n::Tr;
use crate::domain::live::update_text;
use crate::domain::live_question::{AnswerRefusal, QuestionId, may_answer};
use crate::domain::markdown;
use crate::domain::webhook::live_update_published_payload;
use crate::store::live::{LiveUpdate, NewUpdate};
use crate::web::forms::MemberForm;
use crate::web::layout::TimeView;
use crate::web::reading::live::QuoteView;
use crate::web::session::Viewer;
use crate::web::{AppState, Error, Refusal, Result};

/// Approved questions the desk lists per article.
const DESK_QUESTIONS: i64 = 50;

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/admin/live-questions/{id}/answer", post(answer))
}

/// A question waiting for its answer, as the desk lists it.
pub struct QuestionRow {
    pub id: i64,
    pub asker: String,
    pub text: String,
    pub when: TimeView,
    /// The answer typed for it, when it came back refused.
    pub typed: String,
}

/// The article's approved questions; `answer` is the one whose answer was refused, with its text.
pub(super) async fn rows(
    state: &AppState,
    article_id: i64,
    answer: Option<(i64, &str)>,
    viewer: &crate::web::session::Viewer,
) -> Result<Vec<QuestionRow>> {
    let tr = crate::domain::l10n::Tr::new(viewer.locale);
    let questions = state
        .store
        .questions_to_answer(article_id, DESK_QUESTIONS)
        .await?;
    Ok(questions
        .into_iter()
        .map(|q| QuestionRow {
            id: q.id,
            asker: q.asker_name.unwrap_or_else(|| tr.t("newsroom-a-reader")),
            text: q.body,
            when: TimeView::long(q.created_at, &viewer.dates),
            typed: answer
                .filter(|(id, _)| *id == q.id)
                .map(|(_, t)| t.to_owned())
                .unwrap_or_default(),
        })
        .collect())
}

/// An update's HTML as readers see it: the quoted question (if it answers one), then the text.
pub(super) fn shown_html(u: &LiveUpdate) -> String {
    match &u.question_body {
        Some(text) => {
            let quote = QuoteView::new(u.question_asker.as_deref(), text);
            format!("{}{}", quote.html(), u.body_html)
        }
        None => u.body_html.clone(),
    }
}

#[derive(Deserialize)]
struct AnswerForm {
    #[serde(default)]
    body: String,
    key_event: Option<String>,
    /// `publish` (editors) or `draft`.
    #[serde(default)]
    action: String,
}

/// `POST /admin/live-questions/{id}/answer`: answers an approved question with an update
/// quoting it; published at once when an editor asks, otherwise a draft.
async fn answer(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    MemberForm { form, .. }: MemberForm<AnswerForm>,
) -> Result<Response> {
    let (user, can) = caller(&viewer)?;
    let tr = Tr::new(viewer.locale);
    let publish = form.action == "publish";
    if publish && !can.publish {
        return Err(editors_only(tr, EditorsOnly::Answers));
    }
    let question = state
        .store
        .question(QuestionId(id))
        .await?
        .ok_or(Error::NotFound)?;
    let article_id = question.article_id;
    let coverage = state
        .store
        .coverage(article_id)
        .await?
        .ok_or(Error::NotFound)?;
    let checked = may_answer(question.status, coverage)
        .map_err(|r| answer_refusal(tr, r))
        .and_then(|()| update_text(&form.body).map_err(|p| live_problem(tr, p)));
    let text = match checked {
        Ok(text) => text,
        Err(m) => {
            let typed = Typed::Answer(id, &form.body);
            return render_desk(&state, &viewer, article_id, can, None, vec![m], typed).await;
        }
    };
    let html = markdown::render_article(&text);
    let quote = QuoteView::new(question.asker_name.as_deref(), &question.body);
    let shown = format!("{}{}", quote.html(), html);
    let now = state.clock.now();
    let slug = load(&state, article_id).await?.live_slug;
    let key_event = form.key_event.is_some();
    let payload = |update: i64| {
        live_update_published_payload(
            &state.config.base_url,
            now,
            update,
            &user.display_name,
            &shown,
            key_event,
            &slug,
        )
    };
    let new = NewUpdate {
        article_id,
        author_id: user.id,
        body_source: &text,
        body_html: &html,
        image: None,
        key_event,
        publish,
        webhook_payload: &payload,
    };
    let Some(changed) = state
        .store
        .answer_question(QuestionId(id), &new, now)
        .await?
    else {
        return Err(Error::Rejected(Refusal::new(
            StatusCode::CONFLICT,
            tr.t("live-question-changed"),
        )));
    };
    tracing::info!(
        question = id,
        update = changed.id.0,
        by = user.id,
        publish,
        "question answered"
    );
    announce(&state, changed);
    if publish {
        // The asker's mail, if they asked for one, follows the publication.
        state.mailroom.wake();
    }
    let done = if publish { "answered" } else { "answer-draft" };
    Ok(Redirect::to(&format!("/admin/articles/{article_id}/live?done={done}")).into_response())
}

/// Why a question cannot be answered now, in `tr`'s words.
fn answer_refusal(tr: Tr, refusal: AnswerRefusal) -> String {
    tr.t(match refusal {
        AnswerRefusal::NotLive => "live-answer-not-live",
        AnswerRefusal::Answered => "live-answer-answered",
        AnswerRefusal::NotApproved => "live-answer-not-approved",
    })
}
