//! `/admin/moderation/log`: the audit log of moderation and administration.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;

use super::{require_staff, words};
use crate::domain::l10n::Tr;
use crate::store::moderation::LogFilter;
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
                    actor: r.actor_name,
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
                    reason: r.reason,
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
