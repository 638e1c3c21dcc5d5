//! `/admin/users`: members, their roles and bans.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::desk::urlencoding;
use super::{actor, require_staff, words};
use crate::domain::l10n::Tr;
use crate::domain::moderation::{BanLength, check_note};
use crate::domain::user::Role;
use crate::web::forms::MemberForm;
use crate::web::layout::{Layout, TimeView};
use crate::web::session::Viewer;
use crate::web::{AppState, Error, Result};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/users", get(users_page))
        .route("/admin/users/{id}/role", post(set_role))
        .route("/admin/users/{id}/ban", post(ban_member))
}

pub struct MemberView {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: String,
    pub role_name: String,
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
    /// The roles: (value, name).
    roles: Vec<(&'static str, String)>,
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
    let tr = Tr::new(viewer.locale);
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
        layout: Layout::titled(&state, &viewer, "desk-users-title").await?,
        csrf: viewer.csrf.clone(),
        q: text,
        members: rows
            .into_iter()
            .map(|r| MemberView {
                id: r.id,
                banned: r.banned_until.filter(|t| *t > now).map(|t| {
                    let banned = if t >= crate::domain::moderation::forever() {
                        tr.t("desk-users-banned-for-good")
                    } else {
                        tr.t1("desk-users-banned-until", "day", viewer.dates.day(t))
                    };
                    if r.ban_reason.is_empty() {
                        banned
                    } else {
                        format!("{banned}: {}", r.ban_reason)
                    }
                }),
                email: r.email,
                name: r.display_name,
                role_name: words::role(tr, &r.role),
                role: r.role,
                since: TimeView::long(r.created_at, &viewer.dates),
                is_self: r.id == me,
            })
            .collect(),
        roles: ["member", "contributor", "moderator", "editor", "admin"]
            .into_iter()
            .map(|r| (r, words::role(tr, r)))
            .collect(),
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
    role: String,
}

/// `POST /admin/users/{id}/role`: grants or revokes a role (admins; not their own).
async fn set_role(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    MemberForm { form, .. }: MemberForm<RoleForm>,
) -> Result<Response> {
    let (user, _) = require_staff(&viewer, |a| a.administer)?;
    let user = user.clone();
    let tr = Tr::new(viewer.locale);
    if id == user.id {
        return Err(Error::Forbidden(tr.t("desk-users-own-role")));
    }
    let role = Role::parse(&form.role)
        .map_err(|e| Error::BadRequest(crate::web::layout::capitalise(&e.to_string())))?;
    if !state
        .store
        .grant_role(id, role, &actor(&user), state.clock.now())
        .await?
    {
        return Err(Error::NotFound);
    }
    Ok(Redirect::to(&format!(
        "/admin/users?message={}",
        urlencoding(&tr.t1(
            "desk-users-role-set",
            "role",
            words::role(tr, role.as_str())
        ))
    ))
    .into_response())
}

#[derive(Deserialize)]
struct BanForm {
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
    MemberForm { form, .. }: MemberForm<BanForm>,
) -> Result<Response> {
    let (user, _) = require_staff(&viewer, |a| a.ban)?;
    let user = user.clone();
    let tr = Tr::new(viewer.locale);
    let now = state.clock.now();
    let who = actor(&user);
    let reason = check_note(&form.reason)
        .map_err(|long| Error::BadRequest(words::note_too_long(tr, long)))?;
    let text = if form.length == "lift" {
        if state
            .store
            .set_ban(id, None, &reason, &who, now)
            .await?
            .is_err()
        {
            return Err(Error::NotFound);
        }
        tr.t("desk-users-ban-lifted")
    } else {
        let length = BanLength::parse(&form.length)
            .map_err(|_| Error::BadRequest(tr.t("desk-ban-length")))?;
        match state
            .store
            .set_ban(id, Some(length.until(now)), &reason, &who, now)
            .await?
        {
            Ok(_) => tr.t("desk-users-banned"),
            Err(why) => {
                let why = super::log::unchanged(tr, &why);
                return Err(Error::Forbidden(crate::web::layout::capitalise(&why)));
            }
        }
    };
    Ok(Redirect::to(&format!("/admin/users?message={}", urlencoding(&text))).into_response())
}
