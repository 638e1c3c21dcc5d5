//! The desk, `/admin/moderation`: the queues, decisions on comments and reports, bans, undo.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::{Fields, actor, require_staff, words};
use crate::domain::comment::CommentStatus;
use crate::domain::l10n::Tr;
use crate::domain::moderation::{
    BanLength, Decision, HoldDetail, Queue, RejectReason, StaffAccess, check_note,
};
use crate::store::moderation::{QUEUE_PAGE, QueueOrder, UndoProblem};
use crate::web::cache::Change;
use crate::web::conversation::live::CommentPosted;
use crate::web::forms::MemberForm;
use crate::web::layout::{Layout, TimeView};
use crate::web::session::Viewer;
use crate::web::{AppState, Error, Result};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/moderation", get(desk))
        .route("/admin/moderation/decide", post(decide))
        .route("/admin/moderation/undo", post(undo))
}

pub struct QueueTab {
    /// The queue's name (a message id).
    pub label: &'static str,
    pub href: String,
    pub count: i64,
    pub current: bool,
}

pub struct ReportView {
    pub reason: String,
    pub note: String,
    /// The reporter cleared the site's bar, so the report counts toward hiding the comment.
    pub counts: bool,
    /// The reporter is trusted: the report counts twice.
    pub double: bool,
}

pub struct PriorView {
    pub id: i64,
    pub what: String,
    pub by: String,
    pub time: TimeView,
    pub undone: bool,
}

pub struct ItemView {
    pub id: i64,
    pub article_title: String,
    pub article_href: String,
    pub author: String,
    pub author_id: Option<i64>,
    pub author_record: String,
    pub author_banned: Option<String>,
    pub parent: Option<(String, String)>,
    pub body_html: String,
    /// The comment's status and why it was held (message ids).
    pub status: &'static str,
    pub visible: bool,
    pub held: Option<&'static str>,
    /// Why it was held, in words (`HoldDetail::words`).
    pub held_why: Option<String>,
    /// The author's trust level (`TrustLevel::label`) and its name (a message id).
    pub trust: Option<&'static str>,
    pub trust_label: &'static str,
    pub note: String,
    pub spam_score: String,
    pub pinned: bool,
    pub reports: Vec<ReportView>,
    pub prior: Vec<PriorView>,
    pub time: TimeView,
}

#[derive(Template)]
#[template(path = "admin_moderation.html")]
struct DeskPage {
    layout: Layout,
    csrf: String,
    tabs: Vec<QueueTab>,
    queue: &'static str,
    /// The queue's name (a message id).
    queue_label: &'static str,
    by_time: bool,
    items: Vec<ItemView>,
    full: bool,
    /// The reasons for rejecting: (value, message id).
    reasons: Vec<(&'static str, &'static str)>,
    error: Option<String>,
    done: Option<(String, Vec<i64>)>,
    message: Option<String>,
    access: StaffAccess,
    return_to: String,
}

#[derive(Deserialize, Default)]
struct DeskQuery {
    queue: Option<String>,
    order: Option<String>,
    /// Log rows of the decision just taken, offered for undo.
    done: Option<String>,
    message: Option<String>,
}

fn return_to(queue: Queue, by_time: bool) -> String {
    format!(
        "/admin/moderation?queue={}{}",
        queue.as_str(),
        if by_time { "&order=time" } else { "" }
    )
}

/// Where a queued comment is read: under its article, or on the host page of an embedded
/// page's thread.
fn item_href(r: &crate::store::moderation::QueueRow) -> String {
    match &r.page_url {
        Some(page) => page.clone(),
        None => format!("/articles/{}#comment-{}", r.article_slug, r.id),
    }
}

/// `GET /admin/moderation`: one queue, by priority or by time.
async fn desk(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<DeskQuery>,
) -> Result<Response> {
    require_staff(&viewer, |a| a.moderate)?;
    render_desk(&state, &viewer, &q, None, StatusCode::OK).await
}

async fn render_desk(
    state: &AppState,
    viewer: &Viewer,
    q: &DeskQuery,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response> {
    let (user, access) = require_staff(viewer, |a| a.moderate)?;
    let tr = Tr::new(viewer.locale);
    let queue = Queue::parse(q.queue.as_deref());
    let by_time = q.order.as_deref() == Some("time");
    let order = if by_time {
        QueueOrder::Time
    } else {
        QueueOrder::Priority
    };
    let sizes = state.store.queue_sizes().await?;
    let rows = state.store.queue(queue, order).await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut authors: Vec<i64> = rows.iter().filter_map(|r| r.author_id).collect();
    authors.sort_unstable();
    authors.dedup();
    let reports = state.store.open_reports_of(&ids).await?;
    let records = state.store.author_records(&authors).await?;
    let prior = state.store.log_for_comments(&ids).await?;
    let now = state.clock.now();
    let thresholds = state.store.moderation_settings().await?.trust_thresholds();
    let levels = state.store.trust_levels(&authors, &thresholds, now).await?;
    let items = rows
        .iter()
        .map(|r| {
            let record = r
                .author_id
                .and_then(|a| records.iter().find(|(id, _)| *id == a))
                .map(|(_, rec)| {
                    [
                        tr.t1("desk-record-published", "count", rec.visible),
                        tr.t1("desk-record-waiting", "count", rec.pending),
                        tr.t1("desk-record-rejected", "count", rec.rejected),
                        tr.t1("desk-record-deleted", "count", rec.deleted),
                    ]
                    .join(" · ")
                })
                .unwrap_or_default();
            let since = r
                .author_since
                .map(|t| {
                    let day = viewer.dates.day(t);
                    format!(" · {}", tr.t1("desk-member-since", "day", day))
                })
                .unwrap_or_default();
            let level = r
                .author_id
                .and_then(|a| levels.iter().find(|(id, _)| *id == a))
                .map(|(_, l)| *l);
            ItemView {
                id: r.id,
                article_title: r.article_title.clone(),
                article_href: item_href(r),
                author: r.author_name.clone(),
                author_id: r.author_id,
                author_record: format!("{record}{since}"),
                author_banned: r.author_banned_until.filter(|t| *t > now).map(|t| {
                    if t >= crate::domain::moderation::forever() {
                        tr.t("desk-banned-for-good")
                    } else {
                        tr.t1("desk-banned-until", "day", viewer.dates.day(t))
                    }
                }),
                parent: r.parent_excerpt.as_ref().map(|p| {
                    (
                        r.parent_author
                            .clone()
                            .unwrap_or_else(|| tr.t("desk-deleted-author")),
                        p.clone(),
                    )
                }),
                body_html: r.body_html.clone(),
                status: words::status(r.status),
                visible: r.status == CommentStatus::Visible,
                held: r.held_reason.map(words::hold_reason),
                held_why: r
                    .held_reason
                    .filter(|_| r.status == CommentStatus::Pending)
                    .map(|h| words::held_why(tr, &HoldDetail::from_stored(&r.held_detail), h)),
                trust: level.map(|l| l.label()),
                trust_label: level.map_or("", words::trust_level),
                note: words::rejection(tr, &r.moderation_note),
                spam_score: r
                    .spam_score
                    .map_or_else(|| tr.t("desk-not-scored"), |s| format!("{s:.2}")),
                pinned: r.pinned_at.is_some(),
                reports: reports
                    .iter()
                    .filter(|(c, _, _, _)| *c == r.id)
                    .map(|(_, reason, note, weight)| ReportView {
                        reason: words::report_reason(tr, reason),
                        note: note.clone(),
                        counts: *weight > 0,
                        double: *weight > 1,
                    })
                    .collect(),
                prior: prior
                    .iter()
                    .filter(|l| l.comment_id == Some(r.id))
                    .map(|l| PriorView {
                        id: l.id,
                        what: match super::log::reason_words(tr, l) {
                            reason if reason.is_empty() => words::action(tr, &l.action),
                            reason => format!("{} ({reason})", words::action(tr, &l.action)),
                        },
                        by: super::log::actor_words(tr, l),
                        time: TimeView::long(l.at, &viewer.dates),
                        undone: l.undone_by.is_some(),
                    })
                    .collect(),
                time: TimeView::long(r.created_at, &viewer.dates),
            }
        })
        .collect();
    let done = match q.done.as_deref() {
        Some(list) => {
            let ids: Vec<i64> = list
                .split(',')
                .filter_map(|s| s.trim().parse().ok())
                .take(crate::store::moderation::QUEUE_PAGE as usize)
                .collect();
            let mut counts: Vec<(String, usize)> = Vec::new();
            let mut mine = Vec::new();
            for row in state.store.log_entries(&ids).await? {
                if row.actor_id == Some(user.id) && row.undone_by.is_none() {
                    let what = words::action(tr, &row.action);
                    match counts.iter_mut().find(|(w, _)| *w == what) {
                        Some((_, n)) => *n += 1,
                        None => counts.push((what, 1)),
                    }
                    mine.push(row.id);
                }
            }
            (!mine.is_empty()).then(|| {
                let text = counts
                    .iter()
                    .map(|(what, n)| tr.t2("desk-done-items", "count", *n, "what", what))
                    .collect::<Vec<_>>()
                    .join(", ");
                (tr.t1("desk-done", "list", text), mine)
            })
        }
        None => None,
    };
    let page = DeskPage {
        layout: Layout::titled(state, viewer, "desk-title").await?,
        csrf: viewer.csrf.clone(),
        tabs: sizes
            .iter()
            .map(|(qq, n)| QueueTab {
                label: words::queue(*qq),
                href: return_to(*qq, by_time),
                count: *n,
                current: *qq == queue,
            })
            .collect(),
        queue: queue.as_str(),
        queue_label: words::queue(queue),
        by_time,
        full: rows.len() as i64 >= crate::store::moderation::QUEUE_PAGE,
        items,
        reasons: RejectReason::ALL
            .iter()
            .map(|r| (r.as_str(), words::reject_reason(*r)))
            .collect(),
        error,
        done,
        message: q.message.clone(),
        access,
        return_to: return_to(queue, by_time),
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// `POST /admin/moderation/decide`: approve, reject, pin, unpin or ban the author, for one
/// comment (`one=ACTION:ID`) or for the selected ones (`action` with `ids`).
async fn decide(
    State(state): State<AppState>,
    viewer: Viewer,
    MemberForm { form, .. }: MemberForm<Vec<(String, String)>>,
) -> Result<Response> {
    let (user, access) = require_staff(&viewer, |a| a.moderate)?;
    let user = user.clone();
    let tr = Tr::new(viewer.locale);
    let f = Fields(form);
    let queue = Queue::parse(f.get("queue"));
    let by_time = f.get("order") == Some("time");
    let query = DeskQuery {
        queue: Some(queue.as_str().into()),
        order: by_time.then(|| "time".into()),
        ..DeskQuery::default()
    };
    let refuse = |message: String| {
        let (state, viewer) = (state.clone(), viewer.clone());
        let query = DeskQuery {
            queue: query.queue.clone(),
            order: query.order.clone(),
            ..DeskQuery::default()
        };
        async move {
            render_desk(
                &state,
                &viewer,
                &query,
                Some(message),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    };
    // Per-item fields are suffixed with the comment's id; bulk ones are not.
    let (action, ids, suffix) = match f.get("one") {
        Some(one) => {
            let Some((action, id)) = one.split_once(':') else {
                return refuse(tr.t("desk-refuse-action")).await;
            };
            let Ok(id) = id.parse::<i64>() else {
                return refuse(tr.t("desk-refuse-comment")).await;
            };
            (action.to_owned(), vec![id], format!("-{id}"))
        }
        None => {
            let ids: Vec<i64> = f.all("ids").iter().filter_map(|s| s.parse().ok()).collect();
            (f.get("action").unwrap_or("").to_owned(), ids, String::new())
        }
    };
    if ids.is_empty() {
        return refuse(tr.t("desk-refuse-none-selected")).await;
    }
    if ids.len() > crate::store::moderation::QUEUE_PAGE as usize {
        return refuse(tr.t1("desk-refuse-too-many", "count", QUEUE_PAGE)).await;
    }
    let note = match check_note(f.get(&format!("note{suffix}")).unwrap_or("")) {
        Ok(n) => n,
        Err(long) => return refuse(words::note_too_long(tr, long)).await,
    };
    let now = state.clock.now();
    let who = actor(&user);
    let mut log_ids = Vec::new();
    let mut skipped = Vec::new();
    if action == "ban" {
        if !access.ban {
            return Err(Error::Forbidden(tr.t("desk-refuse-ban")));
        }
        let length = match BanLength::parse(f.get(&format!("ban{suffix}")).unwrap_or("")) {
            Ok(l) => l,
            Err(_) => return refuse(tr.t("desk-ban-length")).await,
        };
        let mut authors = Vec::new();
        for id in &ids {
            match state.store.comment(*id).await?.and_then(|c| c.author_id) {
                Some(a) if !authors.contains(&a) => authors.push(a),
                _ => {}
            }
        }
        for author in authors {
            match state
                .store
                .set_ban(author, Some(length.until(now)), &note, &who, now)
                .await?
            {
                Ok(log) => log_ids.push(log),
                Err(why) => skipped.push(super::log::unchanged(tr, &why)),
            }
        }
    } else {
        let decision = match action.as_str() {
            "approve" => Decision::Approve,
            "pin" => Decision::Pin,
            "unpin" => Decision::Unpin,
            "reject" => {
                let reason = f
                    .get(&format!("reason{suffix}"))
                    .and_then(RejectReason::parse);
                let Some(reason) = reason else {
                    return refuse(tr.t("desk-refuse-reason")).await;
                };
                Decision::Reject { reason, note }
            }
            _ => return refuse(tr.t("desk-refuse-unknown")).await,
        };
        let decided = state
            .store
            .decide(&ids, &decision, &who, now, &state.config.base_url)
            .await?;
        after_comment_changes(&state, &decided.changed, &decided.now_visible);
        if !decided.now_visible.is_empty() {
            state.webhooks.wake();
            state.mailroom.wake();
        }
        log_ids = decided.log_ids;
        skipped = decided
            .skipped
            .iter()
            .map(|why| super::log::unchanged(tr, why))
            .collect();
    }
    let mut target = return_to(queue, by_time);
    if !log_ids.is_empty() {
        let list = log_ids
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(",");
        target.push_str(&format!("&done={list}"));
    }
    if !skipped.is_empty() {
        let text = tr.t1("desk-not-changed", "list", skipped.join("; "));
        target.push_str("&message=");
        target.push_str(&urlencoding(&text));
    }
    Ok(Redirect::to(&target).into_response())
}

/// Readers see what changed: cached pages are dropped, comments that appeared go out live.
fn after_comment_changes(state: &AppState, changed: &[(i64, i64)], now_visible: &[(i64, i64)]) {
    let mut articles: Vec<i64> = changed.iter().map(|(a, _)| *a).collect();
    articles.sort_unstable();
    articles.dedup();
    for article_id in articles {
        state.pages.changed(Change::CommentCount { article_id });
    }
    for (article_id, comment_id) in now_visible {
        state.live.announce(CommentPosted {
            article_id: *article_id,
            comment_id: *comment_id,
        });
    }
}

pub(super) fn urlencoding(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// `POST /admin/moderation/undo`: reverses the logged actions named by `log`.
async fn undo(
    State(state): State<AppState>,
    viewer: Viewer,
    MemberForm { form, .. }: MemberForm<Vec<(String, String)>>,
) -> Result<Response> {
    let (user, access) = require_staff(&viewer, |a| a.moderate)?;
    let user = user.clone();
    let tr = Tr::new(viewer.locale);
    let f = Fields(form);
    let now = state.clock.now();
    let who = actor(&user);
    let mut undone = 0;
    let mut problems = Vec::new();
    for id in f.all("log").iter().filter_map(|s| s.parse::<i64>().ok()) {
        let Some(entry) = state.store.log_entry(id).await? else {
            problems.push(tr.t1("desk-undo-no-entry", "id", id));
            continue;
        };
        let allowed = match entry.action.as_str() {
            "ban" | "unban" => access.ban,
            "role" => access.administer,
            _ => access.moderate,
        };
        if !allowed {
            problems.push(tr.t1("desk-undo-role", "id", id));
            continue;
        }
        match state.store.undo(id, &who, now).await? {
            Ok(done) => {
                undone += 1;
                if let (Some((article_id, visible)), Some(comment_id)) =
                    (done.comment, done.entry.comment_id)
                {
                    let shown = if visible {
                        vec![(article_id, comment_id)]
                    } else {
                        vec![]
                    };
                    after_comment_changes(&state, &[(article_id, comment_id)], &shown);
                }
            }
            Err(p) => problems.push(match p {
                UndoProblem::Missing => tr.t1("desk-undo-missing", "id", id),
                UndoProblem::AlreadyUndone => tr.t1("desk-undo-already", "id", id),
                UndoProblem::NotUndoable => tr.t1("desk-undo-settings", "id", id),
                UndoProblem::ChangedSince => tr.t1("desk-undo-changed", "id", id),
            }),
        }
    }
    let mut text = tr.t1("desk-undone-count", "count", undone);
    if !problems.is_empty() {
        text.push(' ');
        text.push_str(&tr.t1("desk-not-undone", "list", problems.join("; ")));
    }
    let back = f
        .get("return_to")
        .filter(|r| r.starts_with("/admin/") && crate::domain::return_to::is_local_path(r))
        .unwrap_or("/admin/moderation");
    let sep = if back.contains('?') { '&' } else { '?' };
    Ok(Redirect::to(&format!("{back}{sep}message={}", urlencoding(&text))).into_response())
}

// ----- policies, thresholds and words -----
