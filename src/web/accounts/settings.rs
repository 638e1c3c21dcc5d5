//! A member's settings: name, password, sessions, their data, deleting the account.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::{hash, start_session, verify};
use crate::domain::comment::parse_display_name;
use crate::domain::l10n::Tr;
use crate::domain::locale::Locale;
use crate::domain::user::check_password;
use crate::web::cache::Change;
use crate::web::forms::{MemberForm, NoFields};
use crate::web::layout::Layout;
use crate::web::session::{SESSION_COOKIE, Viewer, cookie};
use crate::web::{AppState, Error, Result};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/settings", get(settings))
        .route("/settings/profile", post(update_profile))
        .route("/settings/time-zone", post(update_time_zone))
        .route("/settings/password", post(change_password))
        .route("/settings/sessions", post(sign_out_everywhere))
        .route("/settings/data.json", get(download_data))
        .route("/settings/delete", post(delete_account))
}

#[derive(Template)]
#[template(path = "settings.html")]
struct SettingsPage {
    layout: Layout,
    csrf: String,
    display_name: String,
    email: String,
    notice: Option<String>,
    error: Option<String>,
    error_form: &'static str,
    is_admin: bool,
    mail: crate::web::accounts::notifications::MailSettingsView,
    zone: ZoneChoice,
    language: LanguageChoice,
}

/// The time-zone form: the site's zone and every zone, the member's own (or what they sent)
/// chosen; empty: the site's.
struct ZoneChoice {
    site: &'static str,
    options: Vec<(&'static str, bool)>,
}

impl ZoneChoice {
    fn new(state: &AppState, chosen: &str) -> ZoneChoice {
        ZoneChoice {
            site: state.config.time_zone.name(),
            options: crate::domain::locale::Zone::all()
                .map(|z| (z, z == chosen))
                .collect(),
        }
    }

    fn of(state: &AppState, user: &crate::store::sessions::SessionUser) -> ZoneChoice {
        ZoneChoice::new(state, user.time_zone.as_deref().unwrap_or(""))
    }
}

/// The language menu: the member's choice (empty: the site's), the site's language by its own
/// name, and every shipped language (tag, own name, whether chosen).
struct LanguageChoice {
    chosen: String,
    site: &'static str,
    options: Vec<(&'static str, &'static str, bool)>,
}

impl LanguageChoice {
    fn of(state: &AppState, user: &crate::store::sessions::SessionUser) -> LanguageChoice {
        let chosen = user
            .locale
            .as_deref()
            .and_then(|t| Locale::parse_member_choice(t).ok());
        LanguageChoice {
            chosen: chosen.map_or(String::new(), |l| l.tag().to_owned()),
            site: state.config.locale.autonym(),
            options: Locale::SHIPPED
                .iter()
                .map(|l| (l.tag(), l.autonym(), chosen == Some(*l)))
                .collect(),
        }
    }
}

#[derive(Deserialize, Default)]
struct SettingsQuery {
    saved: Option<String>,
}

/// `GET /settings`
async fn settings(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<SettingsQuery>,
) -> Result<Response> {
    let user = viewer.require_user()?;
    let notice = match q.saved.as_deref() {
        Some("profile") => Some("settings-saved-profile"),
        Some("password") => Some("settings-saved-password"),
        Some("sessions") => Some("settings-saved-sessions"),
        Some("notifications") => Some("settings-saved-notifications"),
        Some("verify-sent") => Some("settings-saved-verify-sent"),
        Some("verified") => Some("settings-saved-verified"),
        Some("time-zone") => Some("settings-saved-time-zone"),
        Some("language") => Some("settings-saved-language"),
        _ => None,
    }
    .map(|id| Tr::new(viewer.locale).t(id));
    let page = SettingsPage {
        layout: Layout::titled(&state, &viewer, "settings-title").await?,
        csrf: viewer.csrf.clone(),
        display_name: user.display_name.clone(),
        email: user.email.clone(),
        notice,
        error: None,
        error_form: "",
        is_admin: user.role() == crate::domain::user::Role::Admin,
        mail: crate::web::accounts::notifications::mail_settings(&state, user).await?,
        zone: ZoneChoice::of(&state, user),
        language: LanguageChoice::of(&state, user),
    };
    Ok(Html(page.render()?).into_response())
}

pub(super) async fn settings_error(
    state: &AppState,
    viewer: &Viewer,
    form: &'static str,
    error: String,
    display_name: Option<String>,
) -> Result<Response> {
    let user = viewer.require_user()?;
    settings_refused(
        state,
        viewer,
        form,
        error,
        display_name,
        ZoneChoice::of(state, user),
    )
    .await
}

async fn settings_refused(
    state: &AppState,
    viewer: &Viewer,
    form: &'static str,
    error: String,
    display_name: Option<String>,
    zone: ZoneChoice,
) -> Result<Response> {
    let user = viewer.require_user()?;
    let page = SettingsPage {
        layout: Layout::titled(state, viewer, "settings-title").await?,
        csrf: viewer.csrf.clone(),
        display_name: display_name.unwrap_or_else(|| user.display_name.clone()),
        email: user.email.clone(),
        notice: None,
        error: Some(error),
        error_form: form,
        is_admin: user.role() == crate::domain::user::Role::Admin,
        mail: crate::web::accounts::notifications::mail_settings(state, user).await?,
        zone,
        language: LanguageChoice::of(state, user),
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response())
}

/// The settings page with the e-mail form refused and shown as it was sent.
pub(super) async fn settings_with_mail_error(
    state: &AppState,
    viewer: &Viewer,
    error: String,
    mail: crate::web::accounts::notifications::MailSettingsView,
) -> Result<Response> {
    let user = viewer.require_user()?;
    let page = SettingsPage {
        layout: Layout::titled(state, viewer, "settings-title").await?,
        csrf: viewer.csrf.clone(),
        display_name: user.display_name.clone(),
        email: user.email.clone(),
        notice: None,
        error: Some(error),
        error_form: "notifications",
        is_admin: user.role() == crate::domain::user::Role::Admin,
        mail,
        zone: ZoneChoice::of(state, user),
        language: LanguageChoice::of(state, user),
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response())
}

#[derive(Deserialize)]
struct ProfileForm {
    #[serde(default)]
    display_name: String,
}

/// `POST /settings/profile`
async fn update_profile(
    State(state): State<AppState>,
    viewer: Viewer,
    MemberForm { user, form }: MemberForm<ProfileForm>,
) -> Result<Response> {
    match parse_display_name(&form.display_name) {
        Ok(name) => {
            state.store.set_display_name(user.id, &name).await?;
            // The name shows beside their comments on cached pages.
            state.pages.changed(Change::Everything);
            Ok(Redirect::to("/settings?saved=profile").into_response())
        }
        Err(e) => {
            settings_error(
                &state,
                &viewer,
                "profile",
                super::name_error(Tr::new(viewer.locale), e),
                Some(form.display_name),
            )
            .await
        }
    }
}

#[derive(Deserialize)]
struct TimeZoneForm {
    #[serde(default)]
    time_zone: String,
}

/// `POST /settings/time-zone`: the member's own time zone, or (empty) the site's.
async fn update_time_zone(
    State(state): State<AppState>,
    viewer: Viewer,
    MemberForm { user, form }: MemberForm<TimeZoneForm>,
) -> Result<Response> {
    let typed = form.time_zone.trim();
    let zone = if typed.is_empty() {
        None
    } else {
        match crate::domain::locale::Zone::parse(typed) {
            Ok(z) => Some(z),
            Err(e) => {
                let zone = ZoneChoice::new(&state, typed);
                return settings_refused(&state, &viewer, "time-zone", e, None, zone).await;
            }
        }
    };
    state
        .store
        .set_time_zone(user.id, zone.map(|z| z.name()))
        .await?;
    Ok(Redirect::to("/settings?saved=time-zone").into_response())
}

#[derive(Deserialize)]
struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
}

/// `POST /settings/password`: needs the current password; ends every other session, every API
/// token and every unused e-mailed sign-in or reset link.
async fn change_password(
    State(state): State<AppState>,
    viewer: Viewer,
    MemberForm { user, form }: MemberForm<PasswordForm>,
) -> Result<Response> {
    let row = state
        .store
        .user_by_id(user.id)
        .await?
        .ok_or(Error::SignInRequired)?;
    if !verify(&state, form.current_password.clone(), row.password_hash).await {
        return settings_error(
            &state,
            &viewer,
            "password",
            Tr::new(viewer.locale).t("settings-wrong-password"),
            None,
        )
        .await;
    }
    if let Err(e) = check_password(&form.new_password) {
        return settings_error(
            &state,
            &viewer,
            "password",
            super::user_error(Tr::new(viewer.locale), &e),
            None,
        )
        .await;
    }
    let hash = hash(&state, Tr::new(viewer.locale), form.new_password.clone()).await?;
    state
        .store
        .end_credentials(user.id, Some(&hash), state.clock.now())
        .await?;
    start_session(&state, user.id, "/settings?saved=password").await
}

/// `POST /settings/sessions`: signs out everywhere (sessions, API tokens, unused e-mailed sign-in
/// and reset links), then signs this browser back in.
async fn sign_out_everywhere(
    State(state): State<AppState>,
    MemberForm { user, .. }: MemberForm<NoFields>,
) -> Result<Response> {
    state
        .store
        .end_credentials(user.id, None, state.clock.now())
        .await?;
    start_session(&state, user.id, "/settings?saved=sessions").await
}

/// `GET /settings/data.json` (and `/embed/data.json`, for a member signed in inside the
/// embedded conversation): everything the site holds about the member.
pub(crate) async fn download_data(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Response> {
    let user = viewer.require_user()?;
    let comments = state.store.comments_by_author(user.id).await?;
    let likes = state.store.likes_of(user.id).await?;
    let questions = state.store.questions_by_asker(user.id).await?;
    let newsletters = state.store.subscriptions_of(user.id).await?;
    let sites = state.store.site_identities_of(user.id).await?;
    let mut muted = Vec::new();
    loop {
        let page = state
            .store
            .mutes_of(
                user.id,
                muted
                    .last()
                    .map_or(0, |m: &crate::store::mutes::MutedMember| m.id),
            )
            .await?;
        let done = page.len() as i64 <= crate::store::mutes::MUTES_PAGE;
        muted.extend(
            page.into_iter()
                .take(crate::store::mutes::MUTES_PAGE as usize),
        );
        if done {
            break;
        }
    }
    let fmt =
        |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let data = serde_json::json!({
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "role": user.role,
            "created_at": fmt(user.created_at),
        },
        "comments": comments.iter().map(|(c, slug)| serde_json::json!({
            "id": c.id,
            "article": format!("{}/articles/{slug}", state.config.base_url),
            "parent_id": c.parent_id,
            "body": c.body_source,
            "status": c.status,
            "created_at": fmt(c.created_at),
            "edited_at": c.edited_at.map(fmt),
            "likes": c.like_count,
        })).collect::<Vec<_>>(),
        "liked_comment_ids": likes,
        "questions": questions.iter().map(|q| serde_json::json!({
            "id": q.id,
            "article": format!("{}/articles/{}", state.config.base_url, q.article_slug),
            "body": q.body,
            "status": q.status.as_str(),
            "notify": q.notify,
            "created_at": fmt(q.created_at),
        })).collect::<Vec<_>>(),
        "newsletter_subscriptions": newsletters.iter().map(|(_, name, since)| serde_json::json!({
            "newsletter": name,
            "since": fmt(*since),
        })).collect::<Vec<_>>(),
        // The host sites that signed this member in, and who the member is there.
        "site_identities": sites.iter().map(|i| serde_json::json!({
            "site": i.site_name,
            "site_id": i.site_id,
            "id_at_site": i.external_id,
            "email_at_site": i.email,
            "since": fmt(i.created_at),
            "last_signed_in": fmt(i.last_signin_at),
        })).collect::<Vec<_>>(),
        "muted_members": muted.iter().map(|m| serde_json::json!({
            "id": m.id,
            "display_name": m.display_name,
            "muted_at": fmt(m.muted_at),
        })).collect::<Vec<_>>(),
    });
    let mut headers = HeaderMap::new();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"broadsheet-my-data.json\""),
    );
    Ok((
        headers,
        serde_json::to_string_pretty(&data).unwrap_or_default(),
    )
        .into_response())
}

#[derive(Deserialize)]
struct DeleteForm {
    #[serde(default)]
    password: String,
}

/// `POST /settings/delete`: deletes the account after the password is confirmed.
async fn delete_account(
    State(state): State<AppState>,
    viewer: Viewer,
    MemberForm { user, form }: MemberForm<DeleteForm>,
) -> Result<Response> {
    let row = state
        .store
        .user_by_id(user.id)
        .await?
        .ok_or(Error::SignInRequired)?;
    if !verify(&state, form.password.clone(), row.password_hash).await {
        return settings_error(
            &state,
            &viewer,
            "delete",
            Tr::new(viewer.locale).t("settings-delete-wrong-password"),
            None,
        )
        .await;
    }
    state.store.delete_user(user.id).await?;
    state.pages.changed(Change::Everything);
    let mut r = Redirect::to("/").into_response();
    r.headers_mut().append(
        header::SET_COOKIE,
        cookie(SESSION_COOKIE, "", None, state.config.secure_cookies()),
    );
    Ok(r)
}

// ----- password reset -----
