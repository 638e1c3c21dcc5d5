//! The desk's queue of readers' questions ("Ask the newsroom"), `/admin/moderation/questions`:
//! every question waits here, flagged with why screening held it (a suspect word, the spam
//! score); moderators approve (journalists then see it on the live desk) or reject, one at a time
//! or the selected ones, each decision logged. A decision is reversed by deciding again.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::desk::urlencoding;
use super::{Fields, actor, require_staff, words};
use crate::domain::l10n::Tr;
use crate::domain::live_question::{QuestionDecision, QuestionStatus};
use crate::domain::moderation::{HoldReason, check_note};
use crate::web::forms::MemberForm;
use crate::web::layout::{Layout, TimeView};
use crate::web::session::Viewer;
use crate::web::{AppState, Result};

/// Questions listed at once (and decided at once, at most).
const PAGE: i64 = 100;

/// The statuses the desk lists, as its tabs.
const TABS: [QuestionStatus; 3] = [
    QuestionStatus::Held,
    QuestionStatus::Approved,
    QuestionStatus::Rejected,
];

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/moderation/questions", get(desk))
        .route("/admin/moderation/questions/decide", post(decide))
}

struct Tab {
    label: String,
    href: String,
    count: i64,
    current: bool,
}

struct Item {
    id: i64,
    asker: String,
    article_title: String,
    article_href: String,
    text: String,
    held: String,
    spam_score: String,
    time: TimeView,
    can_approve: bool,
    can_reject: bool,
}

#[derive(Template)]
#[template(path = "admin_questions.html")]
struct DeskPage {
    layout: Layout,
    csrf: String,
    tabs: Vec<Tab>,
    status: &'static str,
    status_label: String,
    items: Vec<Item>,
    full: bool,
    message: Option<String>,
}

#[derive(Deserialize, Default)]
struct DeskQuery {
    status: Option<String>,
    message: Option<String>,
}

fn href(status: QuestionStatus) -> String {
    format!("/admin/moderation/questions?status={}", status.as_str())
}

/// `GET /admin/moderation/questions`: the questions in one status, oldest first.
async fn desk(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<DeskQuery>,
) -> Result<Response> {
    require_staff(&viewer, |a| a.moderate)?;
    let status = q
        .status
        .as_deref()
        .and_then(QuestionStatus::parse)
        .filter(|s| TABS.contains(s))
        .unwrap_or(QuestionStatus::Held);
    let tr = Tr::new(viewer.locale);
    let counts = state.store.question_counts().await?;
    let rows = state.store.questions_in(status, PAGE).await?;
    let items = rows
        .into_iter()
        .map(|r| Item {
            id: r.id,
            asker: r
                .asker_name
                .unwrap_or_else(|| tr.t("newsroom-former-account")),
            article_title: r.article_title,
            article_href: format!("/articles/{}", r.article_slug),
            text: r.body,
            held: match (r.held_reason, r.held_note.is_empty()) {
                (HoldReason::PreModeration, true) => String::new(),
                (reason, true) => tr.t(words::hold_reason(reason)),
                (reason, false) => {
                    format!("{} ({})", tr.t(words::hold_reason(reason)), r.held_note)
                }
            },
            spam_score: r
                .spam_score
                .map_or_else(|| tr.t("newsroom-not-scored"), |s| format!("{s:.2}")),
            time: TimeView::long(r.created_at, &viewer.dates),
            can_approve: r.status != QuestionStatus::Approved,
            can_reject: r.status != QuestionStatus::Rejected,
        })
        .collect::<Vec<_>>();
    let page = DeskPage {
        layout: Layout::titled(&state, &viewer, "newsroom-readers-questions").await?,
        csrf: viewer.csrf.clone(),
        tabs: TABS
            .iter()
            .map(|s| Tab {
                label: question_status(tr, *s),
                href: href(*s),
                count: counts.iter().find(|(c, _)| c == s).map_or(0, |(_, n)| *n),
                current: *s == status,
            })
            .collect(),
        status: status.as_str(),
        status_label: question_status(tr, status),
        full: items.len() as i64 >= PAGE,
        items,
        message: q.message,
    };
    Ok(Html(page.render()?).into_response())
}

/// `POST /admin/moderation/questions/decide`: approve or reject one question
/// (`one=ACTION:ID`) or the selected ones (`action` with `ids`), with an optional note for the
/// log; back to the tab it came from, saying what was done.
async fn decide(
    State(state): State<AppState>,
    viewer: Viewer,
    MemberForm { form, .. }: MemberForm<Vec<(String, String)>>,
) -> Result<Response> {
    let (user, _) = require_staff(&viewer, |a| a.moderate)?;
    let who = actor(user);
    let f = Fields(form);
    let back = f
        .get("status")
        .and_then(QuestionStatus::parse)
        .unwrap_or(QuestionStatus::Held);
    let tr = Tr::new(viewer.locale);
    let to = |message: &str| {
        Redirect::to(&format!("{}&message={}", href(back), urlencoding(message))).into_response()
    };
    // Per-question fields are suffixed with its id; bulk ones are not.
    let (action, ids, suffix) = match f.get("one").and_then(|one| one.split_once(':')) {
        Some((action, id)) => (
            action,
            id.parse::<i64>().into_iter().collect::<Vec<_>>(),
            format!("-{id}"),
        ),
        None => (
            f.get("action").unwrap_or(""),
            f.all("ids").iter().filter_map(|s| s.parse().ok()).collect(),
            String::new(),
        ),
    };
    let Some(decision) = QuestionDecision::parse(action) else {
        return Ok(to(&tr.t("newsroom-questions-choose")));
    };
    if ids.is_empty() {
        return Ok(to(&tr.t("newsroom-questions-select")));
    }
    if ids.len() > PAGE as usize {
        return Ok(to(&tr.t1("newsroom-questions-at-most", "max", PAGE)));
    }
    let note = match check_note(f.get(&format!("note{suffix}")).unwrap_or("")) {
        Ok(n) => n,
        Err(long) => return Ok(to(&super::words::note_too_long(tr, long))),
    };
    let done = state
        .store
        .decide_questions(&ids, decision, &note, &who, state.clock.now())
        .await?;
    let n = done.log_ids.len();
    let mut text = match decision {
        QuestionDecision::Approve => tr.t1("newsroom-questions-approved", "count", n),
        QuestionDecision::Reject => tr.t1("newsroom-questions-rejected", "count", n),
    };
    if !done.skipped.is_empty() {
        let skipped = done
            .skipped
            .iter()
            .map(|why| super::log::unchanged(tr, why))
            .collect::<Vec<_>>()
            .join("; ");
        text.push(' ');
        text.push_str(&tr.t1("newsroom-questions-not-changed", "list", skipped));
    }
    Ok(to(&text))
}

/// A question's status, as the desk's tabs name it.
fn question_status(tr: Tr, s: QuestionStatus) -> String {
    tr.t(match s {
        QuestionStatus::Held => "newsroom-question-waiting",
        QuestionStatus::Approved => "newsroom-question-approved",
        QuestionStatus::Rejected => "newsroom-question-rejected",
        QuestionStatus::Answered => "newsroom-question-answered",
    })
}
