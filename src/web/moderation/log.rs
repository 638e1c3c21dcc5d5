//! `/admin/moderation/log`: the audit log of moderation and administration.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;

use super::{require_staff, words};
use crate::domain::l10n::Tr;
use crate::domain::live_question::QuestionStatus;
use crate::domain::moderation::Undecidable;
use crate::store::moderation::{LogFilter, LogRow, ModState, PolicyReason, SystemActor, Unchanged};
use crate::web::layout::{Layout, TimeView};
use crate::web::session::Viewer;
use crate::web::{AppState, Result};

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/admin/moderation/log", get(log_page))
}

pub struct LogView {
    pub id: i64,
    pub time: TimeView,
    pub actor: String,
    pub action: String,
    pub what: String,
    pub target: String,
    pub target_href: Option<String>,
    pub reason: String,
    pub undone: bool,
    pub undoable: bool,
}

#[derive(Template)]
#[template(path = "admin_log.html")]
struct LogPage {
    layout: Layout,
    csrf: String,
    rows: Vec<LogView>,
    /// The actions to filter by: (value, name).
    actions: Vec<(&'static str, String)>,
    action: String,
    actor: String,
    comment: String,
    member: String,
    next: Option<String>,
    message: Option<String>,
}

#[derive(Deserialize, Default)]
struct LogQuery {
    action: Option<String>,
    actor: Option<String>,
    comment: Option<String>,
    member: Option<String>,
    before: Option<String>,
    message: Option<String>,
}

const LOG_PAGE: i64 = 100;
const LOG_ACTIONS: [&str; 12] = [
    "approve",
    "reject",
    "pin",
    "unpin",
    "auto_hide",
    "ban",
    "unban",
    "undo",
    "role",
    "policy",
    "words",
    "settings",
];

/// `GET /admin/moderation/log`: who did what, when and why; filtered (admins).
async fn log_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<LogQuery>,
) -> Result<Response> {
    require_staff(&viewer, |a| a.administer)?;
    let tr = Tr::new(viewer.locale);
    let id = |s: &Option<String>| s.as_deref().and_then(|s| s.trim().parse::<i64>().ok());
    let filter = LogFilter {
        actor_id: id(&q.actor),
        action: q
            .action
            .clone()
            .filter(|a| LOG_ACTIONS.contains(&a.as_str())),
        comment_id: id(&q.comment),
        user_id: id(&q.member),
        before_id: id(&q.before),
    };
    let rows = state.store.moderation_log(&filter, LOG_PAGE).await?;
    let next = (rows.len() as i64 == LOG_PAGE).then(|| {
        let last = rows.last().map_or(0, |r| r.id);
        format!(
            "/admin/moderation/log?action={}&actor={}&comment={}&member={}&before={last}",
            filter.action.clone().unwrap_or_default(),
            filter.actor_id.map(|i| i.to_string()).unwrap_or_default(),
            filter.comment_id.map(|i| i.to_string()).unwrap_or_default(),
            filter.user_id.map(|i| i.to_string()).unwrap_or_default(),
        )
    });
    let page = LogPage {
        layout: Layout::titled(&state, &viewer, "desk-log-title").await?,
        csrf: viewer.csrf.clone(),
        rows: rows
            .into_iter()
            .map(|r| {
                let (target, target_href) = match (r.comment_id, &r.user_name, r.user_id) {
                    (Some(c), Some(name), _) => (
                        tr.t2("desk-log-comment-by", "id", c, "name", name),
                        Some(format!("/admin/moderation/log?comment={c}")),
                    ),
                    (Some(c), None, _) => (
                        tr.t1("desk-log-comment-number", "id", c),
                        Some(format!("/admin/moderation/log?comment={c}")),
                    ),
                    (None, Some(name), Some(u)) => (
                        tr.t1("desk-log-member", "name", name),
                        Some(format!("/admin/moderation/log?member={u}")),
                    ),
                    _ => (String::new(), None),
                };
                LogView {
                    id: r.id,
                    time: TimeView::long(r.at, &viewer.dates),
                    actor: actor_words(tr, &r),
                    reason: reason_words(tr, &r),
                    what: words::action(tr, &r.action),
                    undoable: r.undone_by.is_none()
                        && matches!(
                            r.action.as_str(),
                            "approve"
                                | "reject"
                                | "pin"
                                | "unpin"
                                | "auto_hide"
                                | "ban"
                                | "unban"
                                | "role"
                        ),
                    action: r.action,
                    target,
                    target_href,
                    undone: r.undone_by.is_some(),
                }
            })
            .collect(),
        actions: LOG_ACTIONS
            .iter()
            .map(|a| (*a, words::action_name(tr, a)))
            .collect(),
        action: filter.action.unwrap_or_default(),
        actor: q.actor.unwrap_or_default(),
        comment: q.comment.unwrap_or_default(),
        member: q.member.unwrap_or_default(),
        next,
        message: q.message,
    };
    Ok(Html(page.render()?).into_response())
}

// ----- members and roles -----

/// Who did a logged thing, in words: a member of staff by name, else the site or the command
/// line.
pub(super) fn actor_words(tr: Tr, r: &LogRow) -> String {
    match r.system_actor() {
        Some(SystemActor::Site) => tr.t("logf-actor-site"),
        Some(SystemActor::CommandLine) => tr.t("logf-actor-command-line"),
        None => r.actor_name.clone(),
    }
}

/// Why, in words: a moderator's note as written; what the site records (a role change, a hide
/// after reports, an undo) worded from the row's data. Rows from before that was data read as
/// they were stored.
pub(super) fn reason_words(tr: Tr, r: &LogRow) -> String {
    match r.action.as_str() {
        "role" if r.reason.is_empty() => tr.t2(
            "logf-role-change",
            "old",
            words::role(tr, &r.before),
            "new",
            words::role(tr, &r.after),
        ),
        "auto_hide" => match (
            r.reason.parse::<i64>(),
            serde_json::from_str::<ModState>(&r.before),
        ) {
            (Ok(weight), Ok(before)) => tr.t2(
                "logf-auto-hide",
                "weight",
                weight,
                "count",
                before.open_reports,
            ),
            _ => r.reason.clone(),
        },
        "undo" if r.reason.is_empty() => match (r.undoes, &r.undoes_action) {
            (Some(id), Some(action)) => tr.t2(
                "logf-undo-of",
                "id",
                id,
                "action",
                words::action_name(tr, action),
            ),
            _ => String::new(),
        },
        "policy" => match serde_json::from_str::<PolicyReason>(&r.reason) {
            Ok(p) => policy_words(tr, &p),
            Err(_) => r.reason.clone(),
        },
        _ => r.reason.clone(),
    }
}

/// A policy change: what it was set for, and the mode.
fn policy_words(tr: Tr, p: &PolicyReason) -> String {
    let mode = match p.mode() {
        Some(m) => words::mode(tr, m),
        None => tr.t("desk-policy-as-wider"),
    };
    let name = p.name.as_str();
    match p.of.as_str() {
        "site" => tr.t1("logf-policy-site", "mode", mode),
        "section" => tr.t2("logf-policy-section", "name", name, "mode", mode),
        "embed_site" => tr.t2("logf-policy-embed-site", "name", name, "mode", mode),
        "embed_thread" => tr.t2("logf-policy-embed-thread", "name", name, "mode", mode),
        _ => tr.t2("logf-policy-article", "name", name, "mode", mode),
    }
}

/// Why a comment, member or question was left as it was, in words.
pub(crate) fn unchanged(tr: Tr, why: &Unchanged) -> String {
    match why {
        Unchanged::NoComment(id) => tr.t1("logf-no-comment", "id", id),
        Unchanged::Comment(id, Undecidable::Deleted) => tr.t1("logf-comment-deleted", "id", id),
        Unchanged::Comment(id, Undecidable::NotShownSoNotPinnable) => {
            tr.t1("logf-comment-not-pinnable", "id", id)
        }
        Unchanged::Comment(id, Undecidable::Unchanged) => tr.t1("logf-comment-unchanged", "id", id),
        Unchanged::NoMember(id) => tr.t1("logf-no-member", "id", id),
        Unchanged::Staff(name) => tr.t1("logf-staff-not-banned", "name", name),
        Unchanged::NoQuestion(id) => tr.t1("logf-no-question", "id", id),
        Unchanged::Question(id, QuestionStatus::Approved) => {
            tr.t1("logf-question-approved", "id", id)
        }
        Unchanged::Question(id, QuestionStatus::Rejected) => {
            tr.t1("logf-question-rejected", "id", id)
        }
        Unchanged::Question(id, _) => tr.t1("logf-question-answered", "id", id),
        Unchanged::QuestionChanged(id) => tr.t1("logf-question-changed", "id", id),
    }
}
