//! The moderation desk and the site's moderation administration:
//! `/admin/moderation` (queues, decisions, bans, undo), `/admin/moderation/settings` (policies,
//! thresholds, word lists), `/admin/moderation/log` (the audit log) and `/admin/users` (roles).
//! Every page works as plain forms; the script adds keyboard shortcuts to the desk.

use std::sync::Arc;

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use tokio::sync::RwLock;

use super::cache::Change;
use super::live::CommentPosted;
use super::session::Viewer;
use super::views::{Layout, TimeView};
use super::{AppState, Error, Result};
use crate::domain::Slug;
use crate::domain::moderation::{
    BanLength, CommentMode, Decision, HoldReason, PolicyLayer, Queue, RejectReason, ReporterBar,
    StaffAccess, parse_note, staff_access,
};
use crate::domain::user::Role;
use crate::domain::wordfilter::{WordFilter, parse_list};
use crate::store::Store;
use crate::store::moderation::{Actor, LogFilter, QueueOrder, UndoProblem};
use crate::store::sessions::SessionUser;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/moderation", get(desk))
        .route("/admin/moderation/decide", post(decide))
        .route("/admin/moderation/undo", post(undo))
        .route(
            "/admin/moderation/settings",
            get(settings_page).post(save_settings),
        )
        .route("/admin/moderation/policies", post(save_policy))
        .route("/admin/moderation/log", get(log_page))
        .route("/admin/users", get(users_page))
        .route("/admin/users/{id}/role", post(set_role))
        .route("/admin/users/{id}/ban", post(ban_member))
}

/// This process's word matcher, rebuilt when the lists' version in the database changes (an
/// admin saved them here or in another process).
#[derive(Default)]
pub struct WordCache {
    current: RwLock<Option<(i64, Arc<WordFilter>)>>,
}

impl WordCache {
    pub async fn filter(&self, store: &Store, version: i64) -> Result<Arc<WordFilter>> {
        if let Some((v, f)) = &*self.current.read().await
            && *v == version
        {
            return Ok(f.clone());
        }
        let (banned, suspect, version) = store.word_lists().await?;
        let lines = |s: &str| s.lines().map(str::to_owned).collect::<Vec<_>>();
        let filter = Arc::new(WordFilter::new(&lines(&banned), &lines(&suspect)));
        *self.current.write().await = Some((version, filter.clone()));
        Ok(filter)
    }
}

/// The signed-in member of staff and what they may do, or why not.
fn require_staff(
    viewer: &Viewer,
    need: fn(&StaffAccess) -> bool,
) -> Result<(&SessionUser, StaffAccess)> {
    let user = viewer.require_user()?;
    let access = staff_access(Some(user.role()));
    if !need(&access) {
        return Err(Error::Forbidden(
            "Your role does not allow this: ask an administrator if you need it.".into(),
        ));
    }
    Ok((user, access))
}

fn actor(user: &SessionUser) -> Actor {
    Actor {
        id: Some(user.id),
        name: user.display_name.clone(),
    }
}

/// A form body with repeated fields (`ids=1&ids=2`), which serde's form decoding cannot take.
struct Fields(Vec<(String, String)>);

impl Fields {
    fn parse(body: &Bytes) -> Fields {
        Fields(
            form_urlencoded::parse(body)
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }

    fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

// ----- the desk -----

pub struct QueueTab {
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
    pub status: &'static str,
    pub held: Option<&'static str>,
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
    queue_label: &'static str,
    by_time: bool,
    items: Vec<ItemView>,
    full: bool,
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

fn describe_action(action: &str) -> &'static str {
    match action {
        "approve" => "approved",
        "reject" => "rejected",
        "pin" => "pinned as an editor's pick",
        "unpin" => "unpinned",
        "auto_hide" => "hidden after reports",
        "ban" => "banned",
        "unban" => "ban lifted",
        "role" => "role changed",
        "undo" => "undone",
        "policy" => "comment policy changed",
        "words" => "word lists changed",
        "settings" => "settings changed",
        _ => "changed",
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
    let items = rows
        .iter()
        .map(|r| {
            let record = r
                .author_id
                .and_then(|a| records.iter().find(|(id, _)| *id == a))
                .map(|(_, rec)| {
                    format!(
                        "{} published · {} waiting · {} rejected · {} deleted",
                        rec.visible, rec.pending, rec.rejected, rec.deleted
                    )
                })
                .unwrap_or_default();
            let since = r
                .author_since
                .map(|t| format!(" · member since {}", t.format("%-d %B %Y")))
                .unwrap_or_default();
            ItemView {
                id: r.id,
                article_title: r.article_title.clone(),
                article_href: format!("/articles/{}#comment-{}", r.article_slug, r.id),
                author: r.author_name.clone(),
                author_id: r.author_id,
                author_record: format!("{record}{since}"),
                author_banned: r.author_banned_until.filter(|t| *t > now).map(|t| {
                    if t >= crate::domain::moderation::forever() {
                        "banned for good".to_owned()
                    } else {
                        format!("banned until {}", t.format("%-d %B %Y"))
                    }
                }),
                parent: r.parent_excerpt.as_ref().map(|p| {
                    (
                        r.parent_author
                            .clone()
                            .unwrap_or_else(|| "[deleted]".into()),
                        p.clone(),
                    )
                }),
                body_html: r.body_html.clone(),
                status: match r.status.as_str() {
                    "visible" => "Shown to readers",
                    "pending" => "Held",
                    "rejected" => "Rejected",
                    _ => "Deleted",
                },
                held: r
                    .held_reason
                    .as_deref()
                    .and_then(HoldReason::parse)
                    .map(HoldReason::label),
                note: r.moderation_note.clone(),
                spam_score: r
                    .spam_score
                    .map_or_else(|| "not scored yet".to_owned(), |s| format!("{s:.2}")),
                pinned: r.pinned_at.is_some(),
                reports: reports
                    .iter()
                    .filter(|(c, _, _, _)| *c == r.id)
                    .map(|(_, reason, note, counts)| ReportView {
                        reason: super::comments::REPORT_REASONS
                            .iter()
                            .find(|(k, _)| k == reason)
                            .map_or(reason.clone(), |(_, label)| (*label).to_owned()),
                        note: note.clone(),
                        counts: *counts,
                    })
                    .collect(),
                prior: prior
                    .iter()
                    .filter(|l| l.comment_id == Some(r.id))
                    .map(|l| PriorView {
                        id: l.id,
                        what: if l.reason.is_empty() {
                            describe_action(&l.action).to_owned()
                        } else {
                            format!("{} ({})", describe_action(&l.action), l.reason)
                        },
                        by: l.actor_name.clone(),
                        time: TimeView::long(l.at),
                        undone: l.undone_by.is_some(),
                    })
                    .collect(),
                time: TimeView::long(r.created_at),
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
                    let what = describe_action(&row.action).to_owned();
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
                    .map(|(what, n)| {
                        format!("{n} {} {what}", if *n == 1 { "item" } else { "items" })
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                (format!("Done: {text}."), mine)
            })
        }
        None => None,
    };
    let page = DeskPage {
        layout: super::accounts::layout(state, viewer, "Moderation").await?,
        csrf: viewer.csrf.clone(),
        tabs: sizes
            .iter()
            .map(|(qq, n)| QueueTab {
                label: qq.label(),
                href: return_to(*qq, by_time),
                count: *n,
                current: *qq == queue,
            })
            .collect(),
        queue: queue.as_str(),
        queue_label: queue.label(),
        by_time,
        full: rows.len() as i64 >= crate::store::moderation::QUEUE_PAGE,
        items,
        reasons: RejectReason::ALL
            .iter()
            .map(|r| (r.as_str(), r.label()))
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
async fn decide(State(state): State<AppState>, viewer: Viewer, body: Bytes) -> Result<Response> {
    let (user, access) = require_staff(&viewer, |a| a.moderate)?;
    let user = user.clone();
    let f = Fields::parse(&body);
    viewer.check_csrf(f.get("csrf").unwrap_or(""))?;
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
                return refuse("That button's action was not understood; reload the page.".into())
                    .await;
            };
            let Ok(id) = id.parse::<i64>() else {
                return refuse("That button's comment was not understood; reload the page.".into())
                    .await;
            };
            (action.to_owned(), vec![id], format!("-{id}"))
        }
        None => {
            let ids: Vec<i64> = f.all("ids").iter().filter_map(|s| s.parse().ok()).collect();
            (f.get("action").unwrap_or("").to_owned(), ids, String::new())
        }
    };
    if ids.is_empty() {
        return refuse("Select at least one comment first, then choose an action.".into()).await;
    }
    if ids.len() > crate::store::moderation::QUEUE_PAGE as usize {
        return refuse("Act on at most 100 comments at once.".into()).await;
    }
    let note = match parse_note(f.get(&format!("note{suffix}")).unwrap_or("")) {
        Ok(n) => n,
        Err(m) => return refuse(m).await,
    };
    let now = state.clock.now();
    let who = actor(&user);
    let mut log_ids = Vec::new();
    let mut skipped = Vec::new();
    if action == "ban" {
        if !access.ban {
            return Err(Error::Forbidden("Your role does not allow banning.".into()));
        }
        let length = match BanLength::parse(f.get(&format!("ban{suffix}")).unwrap_or("")) {
            Ok(l) => l,
            Err(m) => return refuse(m).await,
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
                Err(m) => skipped.push(m),
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
                    return refuse(
                        "Choose a reason for rejecting: the author will read it.".into(),
                    )
                    .await;
                };
                Decision::Reject { reason, note }
            }
            _ => return refuse("Choose approve, reject, pin or ban.".into()).await,
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
        skipped = decided.skipped.into_iter().map(|(_, why)| why).collect();
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
        let text = format!("Not changed: {}.", skipped.join("; "));
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

fn urlencoding(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// `POST /admin/moderation/undo`: reverses the logged actions named by `log`.
async fn undo(State(state): State<AppState>, viewer: Viewer, body: Bytes) -> Result<Response> {
    let (user, access) = require_staff(&viewer, |a| a.moderate)?;
    let user = user.clone();
    let f = Fields::parse(&body);
    viewer.check_csrf(f.get("csrf").unwrap_or(""))?;
    let now = state.clock.now();
    let who = actor(&user);
    let mut undone = 0;
    let mut problems = Vec::new();
    for id in f.all("log").iter().filter_map(|s| s.parse::<i64>().ok()) {
        let Some(entry) = state.store.log_entry(id).await? else {
            problems.push(format!("#{id} does not exist"));
            continue;
        };
        let allowed = match entry.action.as_str() {
            "ban" | "unban" => access.ban,
            "role" => access.administer,
            _ => access.moderate,
        };
        if !allowed {
            problems.push(format!("#{id}: your role cannot undo this"));
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
            Err(p) => problems.push(format!(
                "#{id}: {}",
                match p {
                    UndoProblem::Missing => "does not exist",
                    UndoProblem::AlreadyUndone => "was already undone",
                    UndoProblem::NotUndoable => "is an edit of settings; change them again instead",
                    UndoProblem::ChangedSince =>
                        "has been changed since by another decision; undo that one first",
                }
            )),
        }
    }
    let mut text = format!(
        "Undone: {undone} {}.",
        if undone == 1 { "action" } else { "actions" }
    );
    if !problems.is_empty() {
        text.push_str(&format!(" Not undone: {}.", problems.join("; ")));
    }
    let back = f
        .get("return_to")
        .filter(|r| r.starts_with("/admin/") && crate::domain::return_to::is_local_path(r))
        .unwrap_or("/admin/moderation");
    let sep = if back.contains('?') { '&' } else { '?' };
    Ok(Redirect::to(&format!("{back}{sep}message={}", urlencoding(&text))).into_response())
}

// ----- policies, thresholds and words -----

pub struct PolicyView {
    pub scope: String,
    pub name: String,
    pub mode: String,
    pub auto_close: String,
}

#[derive(Template)]
#[template(path = "admin_moderation_settings.html")]
struct SettingsPage {
    layout: Layout,
    csrf: String,
    access: StaffAccess,
    site_mode: String,
    site_first: String,
    site_close: String,
    link_hold_below: String,
    report_threshold: String,
    report_requires_verified: bool,
    report_min_account_days: String,
    report_min_approved: String,
    spam_threshold: String,
    spam_trained: String,
    banned: String,
    suspect: String,
    overrides: Vec<PolicyView>,
    sections: Vec<(String, String)>,
    /// The section-or-article form, as typed when it comes back with an error.
    policy: PolicyForm,
    error: Option<String>,
    message: Option<String>,
}

#[derive(Deserialize, Default)]
struct MessageQuery {
    message: Option<String>,
}

fn mode_name(mode: Option<CommentMode>) -> &'static str {
    match mode {
        None => "inherit",
        Some(m) => m.stored().0,
    }
}

/// `GET /admin/moderation/settings`
async fn settings_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<MessageQuery>,
) -> Result<Response> {
    render_settings(&state, &viewer, None, q.message, None, None, StatusCode::OK).await
}

/// What an admin typed, sent back with the error.
#[derive(Deserialize, Default, Clone)]
struct SettingsForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    mode: String,
    #[serde(default)]
    first: String,
    #[serde(default)]
    auto_close_days: String,
    #[serde(default)]
    link_hold_below: String,
    #[serde(default)]
    report_threshold: String,
    /// The bar for reports to count: `yes`/`no`, days, approved comments. Absent (a form from
    /// before these fields): kept as they are.
    report_requires_verified: Option<String>,
    report_min_account_days: Option<String>,
    report_min_approved: Option<String>,
    #[serde(default)]
    spam_threshold: String,
    #[serde(default)]
    banned: String,
    #[serde(default)]
    suspect: String,
}

async fn render_settings(
    state: &AppState,
    viewer: &Viewer,
    error: Option<String>,
    message: Option<String>,
    typed: Option<&SettingsForm>,
    typed_policy: Option<&PolicyForm>,
    status: StatusCode,
) -> Result<Response> {
    let (_, access) = require_staff(viewer, |a| a.policies)?;
    let site = state.store.policy_layer("site", 0).await?;
    let settings = state.store.moderation_settings().await?;
    let (banned, suspect, _) = state.store.word_lists().await?;
    let overrides = state
        .store
        .policy_overrides()
        .await?
        .into_iter()
        .map(|(scope, _, name, layer)| PolicyView {
            scope: if scope == "section" {
                "Section".into()
            } else {
                "Article".into()
            },
            name,
            mode: layer
                .mode
                .map_or_else(|| "as the wider setting".to_owned(), CommentMode::describe),
            auto_close: match layer.auto_close_days {
                None => "as the wider setting".into(),
                Some(0) => "never".into(),
                Some(d) => format!("{d} days after publication"),
            },
        })
        .collect();
    let first = match site.mode {
        Some(CommentMode::PreModerated { first: Some(n) }) => n.to_string(),
        _ => String::new(),
    };
    let mut page = SettingsPage {
        layout: super::accounts::layout(state, viewer, "Moderation settings").await?,
        csrf: viewer.csrf.clone(),
        access,
        site_mode: mode_name(site.mode).to_owned(),
        site_first: first,
        site_close: site.auto_close_days.unwrap_or(0).to_string(),
        link_hold_below: settings.link_hold_below.to_string(),
        report_threshold: settings.report_threshold.to_string(),
        report_requires_verified: settings.report_requires_verified,
        report_min_account_days: settings.report_min_account_days.to_string(),
        report_min_approved: settings.report_min_approved.to_string(),
        spam_threshold: format!("{}", settings.spam_threshold),
        spam_trained: format!(
            "{} comments learnt as spam, {} as not spam",
            settings.spam_docs, settings.ham_docs
        ),
        banned,
        suspect,
        overrides,
        sections: state
            .store
            .sections()
            .await?
            .into_iter()
            .map(|s| (s.slug, s.name))
            .collect(),
        policy: typed_policy.cloned().unwrap_or_default(),
        error,
        message,
    };
    // A refused form comes back as it was typed.
    if let Some(t) = typed {
        page.site_mode = t.mode.clone();
        page.site_first = t.first.clone();
        page.site_close = t.auto_close_days.clone();
        page.link_hold_below = t.link_hold_below.clone();
        page.report_threshold = t.report_threshold.clone();
        if let Some(v) = &t.report_requires_verified {
            page.report_requires_verified = v == "yes";
        }
        if let Some(v) = &t.report_min_account_days {
            page.report_min_account_days = v.clone();
        }
        if let Some(v) = &t.report_min_approved {
            page.report_min_approved = v.clone();
        }
        page.spam_threshold = t.spam_threshold.clone();
        page.banned = t.banned.clone();
        page.suspect = t.suspect.clone();
    }
    Ok((status, Html(page.render()?)).into_response())
}

fn parse_count(s: &str, what: &str, max: i64) -> std::result::Result<i64, String> {
    s.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| (0..=max).contains(n))
        .ok_or_else(|| format!("{what} must be a whole number from 0 to {max}."))
}

fn parse_days(s: &str) -> std::result::Result<Option<i64>, String> {
    match s.trim() {
        "" => Ok(None),
        d => parse_count(d, "The days before comments close", 3650).map(Some),
    }
}

/// `POST /admin/moderation/settings`: the site's policy, thresholds and word lists (admins).
async fn save_settings(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<SettingsForm>,
) -> Result<Response> {
    let (user, _) = require_staff(&viewer, |a| a.administer)?;
    let user = user.clone();
    viewer.check_csrf(&form.csrf)?;
    let old = state.store.moderation_settings().await?;
    let parsed = (|| {
        let mode = CommentMode::parse(&form.mode, &form.first)?;
        let days = parse_days(&form.auto_close_days)?.unwrap_or(0);
        let link = parse_count(
            &form.link_hold_below,
            "The approved comments before links go up",
            1000,
        )?;
        let reports = parse_count(
            &form.report_threshold,
            "The reports that hide a comment",
            1000,
        )?;
        let current = old.reporter_bar();
        let reporters = ReporterBar {
            verified: match form.report_requires_verified.as_deref().map(str::trim) {
                None => current.verified,
                Some("yes") => true,
                Some("no") => false,
                Some(_) => {
                    return Err(
                        "Choose whether reports count only from members with a confirmed address: yes or no."
                            .to_owned(),
                    );
                }
            },
            min_account_days: match &form.report_min_account_days {
                None => current.min_account_days,
                Some(d) => parse_count(d, "The account age for reports to count (in days)", 3650)?,
            },
            min_approved: match &form.report_min_approved {
                None => current.min_approved,
                Some(n) => parse_count(
                    n,
                    "The approved comments a member needs for their reports to count",
                    1000,
                )?,
            },
        };
        let spam: f64 = form
            .spam_threshold
            .trim()
            .parse()
            .ok()
            .filter(|p: &f64| (0.5..=1.0).contains(p))
            .ok_or("The spam score that holds a comment must be a number from 0.5 to 1.")?;
        let banned = parse_list(&form.banned).map_err(|e| format!("Banned words: {e}"))?;
        let suspect = parse_list(&form.suspect).map_err(|e| format!("Suspect words: {e}"))?;
        Ok::<_, String>((mode, days, link, reports, reporters, spam, banned, suspect))
    })();
    let (mode, days, link, reports, reporters, spam, banned, suspect) = match parsed {
        Ok(p) => p,
        Err(m) => {
            return render_settings(
                &state,
                &viewer,
                Some(m),
                None,
                Some(&form),
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let now = state.clock.now();
    let who = actor(&user);
    let layer = PolicyLayer {
        mode: Some(mode),
        auto_close_days: Some(days),
    };
    if layer != state.store.policy_layer("site", 0).await? {
        state
            .store
            .set_policy(
                "site",
                0,
                layer,
                &who,
                &format!("site: {}", mode.describe()),
                now,
            )
            .await?;
        state.pages.changed(Change::Everything);
    }
    if (
        old.link_hold_below,
        old.report_threshold,
        old.reporter_bar(),
        old.spam_threshold,
    ) != (link, reports, reporters, spam)
    {
        state
            .store
            .save_moderation_settings(link, reports, reporters, spam, &who, now)
            .await?;
    }
    let (old_banned, old_suspect, _) = state.store.word_lists().await?;
    if old_banned != banned.join("\n") || old_suspect != suspect.join("\n") {
        state
            .store
            .save_word_lists(&banned, &suspect, &who, now)
            .await?;
    }
    Ok(Redirect::to("/admin/moderation/settings?message=Settings%20saved.").into_response())
}

#[derive(Deserialize, Default, Clone)]
struct PolicyForm {
    #[serde(default)]
    csrf: String,
    /// `section` or `article`.
    #[serde(default)]
    scope: String,
    /// The section's or the article's slug.
    #[serde(default)]
    target: String,
    /// `inherit`, `open`, `closed` or `premoderated`.
    #[serde(default)]
    mode: String,
    #[serde(default)]
    first: String,
    /// Blank inherits; 0 never closes.
    #[serde(default)]
    auto_close_days: String,
}

/// `POST /admin/moderation/policies`: a section's or an article's comment policy (editors
/// and admins).
async fn save_policy(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<PolicyForm>,
) -> Result<Response> {
    let (user, _) = require_staff(&viewer, |a| a.policies)?;
    let user = user.clone();
    viewer.check_csrf(&form.csrf)?;
    let fail = |m: String| {
        let (state, viewer, typed) = (state.clone(), viewer.clone(), form.clone());
        async move {
            render_settings(
                &state,
                &viewer,
                Some(m),
                None,
                None,
                Some(&typed),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    };
    let target = form.target.trim().trim_start_matches("/articles/");
    let (scope, id, name) = match form.scope.as_str() {
        "section" => match Slug::parse(target) {
            Ok(slug) => match state.store.section_by_slug(&slug).await? {
                Some(s) => ("section", s.id, s.name),
                None => {
                    return fail(format!("There is no section with the address “{target}”.")).await;
                }
            },
            Err(_) => {
                return fail(format!("There is no section with the address “{target}”.")).await;
            }
        },
        "article" => match state.store.article_id_by_slug(target).await? {
            Some((id, title)) => ("article", id, title),
            None => {
                return fail(format!(
                    "There is no article with the address “{target}”: give the part after /articles/."
                ))
                .await;
            }
        },
        _ => return fail("Choose whether the policy is for a section or an article.".into()).await,
    };
    let mode = match form.mode.as_str() {
        "inherit" | "" => None,
        m => match CommentMode::parse(m, &form.first) {
            Ok(m) => Some(m),
            Err(e) => return fail(e).await,
        },
    };
    let days = match parse_days(&form.auto_close_days) {
        Ok(d) => d,
        Err(e) => return fail(e).await,
    };
    let layer = PolicyLayer {
        mode,
        auto_close_days: days,
    };
    let described = format!(
        "{scope} {name}: {}",
        mode.map_or_else(|| "as the wider setting".to_owned(), CommentMode::describe)
    );
    state
        .store
        .set_policy(
            scope,
            id,
            layer,
            &actor(&user),
            &described,
            state.clock.now(),
        )
        .await?;
    state.pages.changed(Change::Everything);
    Ok(Redirect::to("/admin/moderation/settings?message=Policy%20saved.").into_response())
}

// ----- the audit log -----

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
    actions: Vec<&'static str>,
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
        layout: super::accounts::layout(&state, &viewer, "Audit log").await?,
        csrf: viewer.csrf.clone(),
        rows: rows
            .into_iter()
            .map(|r| {
                let (target, target_href) = match (r.comment_id, &r.user_name, r.user_id) {
                    (Some(c), Some(name), _) => (
                        format!("comment #{c} by {name}"),
                        Some(format!("/admin/moderation/log?comment={c}")),
                    ),
                    (Some(c), None, _) => (
                        format!("comment #{c}"),
                        Some(format!("/admin/moderation/log?comment={c}")),
                    ),
                    (None, Some(name), Some(u)) => (
                        format!("member {name}"),
                        Some(format!("/admin/moderation/log?member={u}")),
                    ),
                    _ => (String::new(), None),
                };
                LogView {
                    id: r.id,
                    time: TimeView::long(r.at),
                    actor: r.actor_name,
                    what: describe_action(&r.action).to_owned(),
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
        actions: LOG_ACTIONS.to_vec(),
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

pub struct MemberView {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: String,
    pub since: TimeView,
    pub banned: Option<String>,
    pub is_self: bool,
}

#[derive(Template)]
#[template(path = "admin_users.html")]
struct UsersPage {
    layout: Layout,
    csrf: String,
    q: String,
    members: Vec<MemberView>,
    roles: Vec<&'static str>,
    next: Option<String>,
    message: Option<String>,
    can_ban: bool,
    can_grant: bool,
}

#[derive(Deserialize, Default)]
struct UsersQuery {
    q: Option<String>,
    after: Option<i64>,
    message: Option<String>,
}

const USERS_PAGE: i64 = 50;

/// `GET /admin/users`: members, searchable, with their roles (admins) and bans (moderators).
async fn users_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<UsersQuery>,
) -> Result<Response> {
    let (me, access) = require_staff(&viewer, |a| a.ban)?;
    let me = me.id;
    let text: String = q.q.clone().unwrap_or_default().chars().take(200).collect();
    let rows = state
        .store
        .find_users(text.trim(), q.after.unwrap_or(0), USERS_PAGE)
        .await?;
    let now = state.clock.now();
    let next = (rows.len() as i64 == USERS_PAGE).then(|| {
        format!(
            "/admin/users?q={}&after={}",
            urlencoding(text.trim()),
            rows.last().map_or(0, |r| r.id)
        )
    });
    let page = UsersPage {
        layout: super::accounts::layout(&state, &viewer, "Members").await?,
        csrf: viewer.csrf.clone(),
        q: text,
        members: rows
            .into_iter()
            .map(|r| MemberView {
                id: r.id,
                banned: r.banned_until.filter(|t| *t > now).map(|t| {
                    let when = if t >= crate::domain::moderation::forever() {
                        "for good".to_owned()
                    } else {
                        format!("until {}", t.format("%-d %B %Y"))
                    };
                    if r.ban_reason.is_empty() {
                        format!("Banned {when}")
                    } else {
                        format!("Banned {when}: {}", r.ban_reason)
                    }
                }),
                email: r.email,
                name: r.display_name,
                role: r.role,
                since: TimeView::long(r.created_at),
                is_self: r.id == me,
            })
            .collect(),
        roles: vec!["member", "contributor", "moderator", "editor", "admin"],
        next,
        message: q.message,
        can_ban: access.ban,
        can_grant: access.administer,
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Deserialize)]
struct RoleForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    role: String,
}

/// `POST /admin/users/{id}/role`: grants or revokes a role (admins; not their own).
async fn set_role(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<RoleForm>,
) -> Result<Response> {
    let (user, _) = require_staff(&viewer, |a| a.administer)?;
    let user = user.clone();
    viewer.check_csrf(&form.csrf)?;
    if id == user.id {
        return Err(Error::Forbidden(
            "You cannot change your own role; ask another administrator.".into(),
        ));
    }
    let role = Role::parse(&form.role)
        .map_err(|e| Error::BadRequest(super::accounts::capitalise(&e.to_string())))?;
    if !state
        .store
        .grant_role(id, role, &actor(&user), state.clock.now())
        .await?
    {
        return Err(Error::NotFound);
    }
    Ok(Redirect::to(&format!(
        "/admin/users?message={}",
        urlencoding(&format!("Role set to {}.", role.as_str()))
    ))
    .into_response())
}

#[derive(Deserialize)]
struct BanForm {
    #[serde(default)]
    csrf: String,
    /// Days, `forever`, or `lift` to end a ban.
    #[serde(default)]
    length: String,
    #[serde(default)]
    reason: String,
}

/// `POST /admin/users/{id}/ban`: bans a member for a time or for good, or lifts a ban.
async fn ban_member(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<BanForm>,
) -> Result<Response> {
    let (user, _) = require_staff(&viewer, |a| a.ban)?;
    let user = user.clone();
    viewer.check_csrf(&form.csrf)?;
    let now = state.clock.now();
    let who = actor(&user);
    let reason = parse_note(&form.reason).map_err(Error::BadRequest)?;
    let text = if form.length == "lift" {
        if state
            .store
            .set_ban(id, None, &reason, &who, now)
            .await?
            .is_err()
        {
            return Err(Error::NotFound);
        }
        "Ban lifted.".to_owned()
    } else {
        let length = BanLength::parse(&form.length).map_err(Error::BadRequest)?;
        match state
            .store
            .set_ban(id, Some(length.until(now)), &reason, &who, now)
            .await?
        {
            Ok(_) => "Member banned.".to_owned(),
            Err(m) => return Err(Error::Forbidden(super::accounts::capitalise(&m))),
        }
    };
    Ok(Redirect::to(&format!("/admin/users?message={}", urlencoding(&text))).into_response())
}
