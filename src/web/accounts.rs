//! Accounts: sign-up, sign-in (throttled), sign-out, password reset by e-mail, and the member's
//! settings (name, password, sessions, their data, deleting the account).

use askama::Template;
use axum::Form;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use chrono::{Duration, DurationRound};
use serde::Deserialize;

use super::cache::Change;
use super::session::{
    ClientIp, CsrfForm, SESSION_COOKIE, SESSION_DAYS, Viewer, cookie, hash_token, random_token,
};
use super::views::Layout;
use super::{AppState, Error, Result};
use crate::domain::comment::parse_display_name;
use crate::domain::user::{Email, check_password, hash_password, throttle_delay};
use crate::mail::Mail;
use crate::store;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/signup", get(signup_form).post(signup))
        .route(
            "/signup/{token}",
            get(signup_confirm_page).post(confirm_signup),
        )
        .route("/signin", get(signin_form).post(signin))
        .route("/signout", post(signout))
        .route("/settings", get(settings))
        .route("/settings/profile", post(update_profile))
        .route("/settings/password", post(change_password))
        .route("/settings/sessions", post(sign_out_everywhere))
        .route("/settings/data.json", get(download_data))
        .route("/settings/delete", post(delete_account))
        .route("/reset", get(reset_request_form).post(reset_request))
        .route("/reset/{token}", get(reset_form).post(reset_password))
}

/// Failed sign-ins allowed per account, and per address, before delays start.
const FREE_FAILURES_PER_ACCOUNT: i64 = 5;
const FREE_FAILURES_PER_ADDRESS: i64 = 20;
const RESET_LINK_HOURS: i64 = 1;
/// Attempts at choosing a new password (`POST /reset/{token}`) per client address per hour.
const RESET_ATTEMPTS_PER_HOUR: i64 = 20;
/// How long a sign-up link works.
const SIGNUP_LINK_HOURS: i64 = 24;
/// Sign-up mails (a link, or a note to the owner of a taken address) one address gets per hour,
/// whoever asks: the form cannot be used to flood an inbox from many networks.
const SIGNUP_MAILS_PER_ADDRESS_PER_HOUR: i64 = 5;

pub(super) use crate::domain::return_to::safe_return_to;

pub(super) async fn layout(state: &AppState, viewer: &Viewer, title: &str) -> Result<Layout> {
    let sections = state.store.sections().await?;
    Ok(Layout::new(state, &sections, title, None, None).with_viewer(viewer))
}

/// Signs the member in: a new session, its cookie, and a redirect to `to` (checked again here,
/// for addresses stored by links and sign-ons begun before a release tightened the rule).
pub(super) async fn start_session(state: &AppState, user_id: i64, to: &str) -> Result<Response> {
    let token = random_token();
    let now = state.clock.now();
    state
        .store
        .create_session(
            &hash_token(&token),
            user_id,
            now,
            now + Duration::days(SESSION_DAYS),
        )
        .await?;
    let mut r = Redirect::to(&safe_return_to(Some(to))).into_response();
    r.headers_mut().append(
        header::SET_COOKIE,
        cookie(
            SESSION_COOKIE,
            &token,
            Some(Duration::days(SESSION_DAYS)),
            state.config.secure_cookies(),
        ),
    );
    Ok(r)
}

async fn hash(state: &AppState, password: String) -> Result<String> {
    state.passwords.hash(password).await.ok_or_else(|| {
        Error::Forbidden("Passwords cannot be processed just now; try again.".into())
    })
}

async fn verify(state: &AppState, password: String, phc: String) -> bool {
    state.passwords.verify(password, phc).await
}

// ----- sign-up -----

#[derive(Template)]
#[template(path = "signup.html")]
struct SignupPage {
    layout: Layout,
    csrf: String,
    error: Option<String>,
    invalid: &'static str,
    display_name: String,
    email: String,
    return_to: String,
    /// The "e-mail me about replies and mentions" box, ticked.
    notify: bool,
    /// The form was taken: "check your e-mail" (the same words whether or not the address has
    /// an account).
    sent: bool,
}

#[derive(Deserialize, Default)]
struct ReturnTo {
    return_to: Option<String>,
}

/// `GET /signup`
async fn signup_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<ReturnTo>,
) -> Result<Response> {
    let page = SignupPage {
        layout: layout(&state, &viewer, "Create an account").await?,
        csrf: viewer.csrf.clone(),
        error: None,
        invalid: "",
        display_name: String::new(),
        email: String::new(),
        return_to: safe_return_to(q.return_to.as_deref()),
        notify: false,
        sent: false,
    };
    Ok((viewer.cookies(), Html(page.render()?)).into_response())
}

#[derive(Deserialize)]
struct SignupForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    /// The honeypot: people leave it empty (they never see it); form-filling bots do not.
    #[serde(default)]
    website: String,
    return_to: Option<String>,
    /// Opt-in to reply and mention notifications (off unless ticked).
    notify: Option<String>,
}

/// `POST /signup`
async fn signup(
    State(state): State<AppState>,
    viewer: Viewer,
    ClientIp(ip): ClientIp,
    Form(form): Form<SignupForm>,
) -> Result<Response> {
    viewer.check_csrf(&form.csrf)?;
    let return_to = safe_return_to(form.return_to.as_deref());
    let again = |error: String, invalid: &'static str| {
        let state = state.clone();
        let viewer = viewer.clone();
        let (display_name, email, return_to, notify) = (
            form.display_name.clone(),
            form.email.clone(),
            return_to.clone(),
            form.notify.is_some(),
        );
        async move {
            let page = SignupPage {
                layout: layout(&state, &viewer, "Create an account").await?,
                csrf: viewer.csrf.clone(),
                error: Some(error),
                invalid,
                display_name,
                email,
                return_to,
                notify,
                sent: false,
            };
            Ok::<Response, Error>(
                (StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response(),
            )
        }
    };
    if !form.website.is_empty() {
        return again("This form could not be accepted. If you are a person, leave the hidden Website field empty.".into(), "").await;
    }
    let name = match parse_display_name(&form.display_name) {
        Ok(n) => n,
        Err(e) => return again(e.to_owned(), "display_name").await,
    };
    let email = match Email::parse(&form.email) {
        Ok(e) => e,
        Err(e) => return again(capitalise(&e.to_string()), "email").await,
    };
    if let Err(e) = check_password(&form.password) {
        return again(capitalise(&e.to_string()), "password").await;
    }
    let now = state.clock.now();
    let hour = now.duration_trunc(Duration::hours(1)).unwrap_or(now);
    let hits = state
        .store
        .hit_rate_window(&format!("signup:{ip}"), hour)
        .await?;
    if hits > i64::from(state.config.signups_per_hour) {
        let retry = (hour + Duration::hours(1) - now).num_seconds();
        return Err(Error::TooManyRequests {
            message: format!(
                "Too many accounts have been created from your network in the last hour. Try again in {} minutes.",
                retry / 60 + 1
            ),
            retry_after_secs: retry,
        });
    }
    // The same work whether or not the address has an account: hash the password, hand the
    // address to a task that decides what to mail, answer. The answer cannot tell them apart.
    let password_hash = hash(&state, form.password.clone()).await?;
    let pending = store::users::PendingSignup {
        email: email.clone(),
        display_name: name,
        password_hash,
        notify: form.notify.is_some(),
        return_to,
    };
    tokio::spawn(mail_signup(state.clone(), pending));
    let page = SignupPage {
        layout: layout(&state, &viewer, "Check your e-mail").await?,
        csrf: viewer.csrf.clone(),
        error: None,
        invalid: "",
        display_name: String::new(),
        email: email.as_str().to_owned(),
        return_to: String::new(),
        notify: false,
        sent: true,
    };
    Ok((viewer.cookies(), Html(page.render()?)).into_response())
}

/// Off the request path: a new address gets a link that makes the account; the owner of a taken one
/// is told someone tried, with links to sign in and to reset the password. No account exists
/// before the link is used, so nobody can make one for an address they do not read.
async fn mail_signup(state: AppState, pending: store::users::PendingSignup) {
    if let Err(e) = try_mail_signup(&state, pending).await {
        tracing::error!(error = %e, "the sign-up mail could not be prepared");
    }
}

async fn try_mail_signup(state: &AppState, pending: store::users::PendingSignup) -> Result<()> {
    let now = state.clock.now();
    let hour = now.duration_trunc(Duration::hours(1)).unwrap_or(now);
    let to_address = state
        .store
        .hit_rate_window(&format!("signup-to:{}", pending.email), hour)
        .await?;
    if to_address > SIGNUP_MAILS_PER_ADDRESS_PER_HOUR {
        return Ok(());
    }
    let site = &state.config.site_name;
    let base = state.config.base_url.trim_end_matches('/');
    let (subject, text) = match state.store.user_by_email(&pending.email).await? {
        Some(owner) => (
            "Someone tried to create an account with your address",
            format!(
                "Hello {},\n\nSomeone (perhaps you) tried to create a new account on {site} with \
                 this address. You already have an account, so no new one was made and yours is \
                 unchanged.\n\nSign in: {base}/signin\n\
                 Forgotten your password? Choose a new one: {base}/reset\n\n\
                 If it was not you, there is nothing to do.\n",
                owner.display_name
            ),
        ),
        None => {
            let token = random_token();
            state
                .store
                .create_pending_signup(
                    &hash_token(&token),
                    &pending,
                    now,
                    now + Duration::hours(SIGNUP_LINK_HOURS),
                )
                .await?;
            // The display name is left out: whoever typed this address chose it.
            (
                "Finish creating your account",
                format!(
                    "Hello,\n\nSomeone (we hope you) asked to create an account on {site} with this \
                     address. Open this link within {SIGNUP_LINK_HOURS} hours and press \
                     \"Create account\" to finish:\n\n{base}/signup/{token}\n\n\
                     The link works once. If you did not ask for this, ignore this message: no \
                     account is made without it.\n"
                ),
            )
        }
    };
    let mail = Mail {
        from: &state.config.mail_from,
        to: pending.email.as_str(),
        subject,
        text,
    };
    if let Err(e) = state.mailer.send(mail).await {
        tracing::error!(error = %e, "sending the sign-up mail failed");
    }
    Ok(())
}

#[derive(Template)]
#[template(path = "signup_confirm.html")]
struct SignupConfirmPage {
    layout: Layout,
    csrf: String,
    token: String,
    /// The address the account is for, while the link works.
    email: Option<String>,
    /// The address got an account after the link was sent.
    taken: bool,
}

async fn signup_confirm_answer(
    state: &AppState,
    viewer: &Viewer,
    status: StatusCode,
    token: String,
    email: Option<String>,
    taken: bool,
) -> Result<Response> {
    let page = SignupConfirmPage {
        layout: layout(state, viewer, "Create your account").await?,
        csrf: viewer.csrf.clone(),
        token: if email.is_some() {
            token
        } else {
            String::new()
        },
        email,
        taken,
    };
    Ok((status, viewer.cookies(), Html(page.render()?)).into_response())
}

/// `GET /signup/{token}`: a page with a "Create account" button. Opening the link spends
/// nothing, so a mail scanner that fetches every link neither uses it up nor signs in.
async fn signup_confirm_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(token): Path<String>,
) -> Result<Response> {
    let email = if super::signin::plausible_token(&token) {
        state
            .store
            .pending_signup_email(&hash_token(&token), state.clock.now())
            .await?
    } else {
        None
    };
    let status = if email.is_some() {
        StatusCode::OK
    } else {
        StatusCode::GONE
    };
    signup_confirm_answer(&state, &viewer, status, token, email, false).await
}

/// `POST /signup/{token}`: spends the link, makes the account (its address verified) and signs
/// the new member in, back where they were when they signed up.
async fn confirm_signup(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(token): Path<String>,
    Form(form): Form<CsrfForm>,
) -> Result<Response> {
    viewer.check_csrf(&form.csrf)?;
    if !super::signin::plausible_token(&token) {
        return signup_confirm_answer(&state, &viewer, StatusCode::GONE, token, None, false).await;
    }
    match state
        .store
        .complete_signup(&hash_token(&token), state.clock.now())
        .await
    {
        Ok(Some(member)) => {
            tracing::info!(
                user_id = member.user_id,
                "a member account was made by sign-up"
            );
            start_session(&state, member.user_id, &member.return_to).await
        }
        Ok(None) => {
            signup_confirm_answer(&state, &viewer, StatusCode::GONE, token, None, false).await
        }
        Err(store::Error::Conflict(_)) => {
            signup_confirm_answer(&state, &viewer, StatusCode::CONFLICT, token, None, true).await
        }
        Err(e) => Err(e.into()),
    }
}

/// The first letter upper-cased and a full stop at the end: a lower-case error as a sentence.
pub(super) fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => {
            f.to_uppercase().collect::<String>()
                + c.as_str()
                + if s.ends_with('.') { "" } else { "." }
        }
        None => String::new(),
    }
}

// ----- sign-in -----

#[derive(Template)]
#[template(path = "signin.html")]
struct SigninPage {
    layout: Layout,
    csrf: String,
    error: Option<String>,
    notice: Option<String>,
    email: String,
    return_to: String,
    /// "Sign in with LABEL", when single sign-on is configured.
    sso_label: Option<String>,
}

#[derive(Deserialize, Default)]
struct SigninQuery {
    return_to: Option<String>,
    reset: Option<String>,
    /// Why a single sign-on came back here (see `signin::SsoProblem`).
    sso: Option<String>,
}

/// `GET /signin`
async fn signin_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<SigninQuery>,
) -> Result<Response> {
    let sso_label = state.oidc.as_ref().map(|p| p.label().to_owned());
    let error = q
        .sso
        .as_deref()
        .and_then(super::signin::SsoProblem::parse)
        .zip(sso_label.as_deref())
        .map(|(problem, label)| problem.message(label));
    let page = SigninPage {
        layout: layout(&state, &viewer, "Sign in").await?,
        csrf: viewer.csrf.clone(),
        error,
        notice: q
            .reset
            .map(|_| "Your password has been changed. Sign in with the new one.".to_owned()),
        email: String::new(),
        return_to: safe_return_to(q.return_to.as_deref()),
        sso_label,
    };
    Ok((viewer.cookies(), Html(page.render()?)).into_response())
}

#[derive(Deserialize)]
struct SigninForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    return_to: Option<String>,
}

/// `POST /signin`: throttled per account and per address, with growing delays kept in the
/// database so every server process applies the same limits.
async fn signin(
    State(state): State<AppState>,
    viewer: Viewer,
    ClientIp(ip): ClientIp,
    Form(form): Form<SigninForm>,
) -> Result<Response> {
    viewer.check_csrf(&form.csrf)?;
    let return_to = safe_return_to(form.return_to.as_deref());
    let now = state.clock.now();
    let email = Email::parse(&form.email).ok();
    let account_key = format!("account:{}", email.as_ref().map_or("", |e| e.as_str()));
    let address_key = format!("address:{ip}");
    if let Some(until) = state
        .store
        .signin_locked_until(&[&account_key, &address_key], now)
        .await?
    {
        let secs = (until - now).num_seconds().max(1);
        return Err(Error::TooManyRequests {
            message: format!(
                "Too many failed attempts to sign in. Wait {secs} seconds and try again, or reset your password."
            ),
            retry_after_secs: secs,
        });
    }
    let user = match &email {
        Some(e) => state.store.user_by_email(e).await?,
        None => None,
    };
    // Without an account (or a password: made by single sign-on), verify against a fixed hash
    // anyway so timing does not tell.
    let user = user.filter(|u| !u.password_hash.is_empty());
    let phc = user
        .as_ref()
        .map_or_else(|| DUMMY_HASH.clone(), |u| u.password_hash.clone());
    let ok = verify(&state, form.password.clone(), phc).await && user.is_some();
    if let (true, Some(user)) = (ok, user) {
        state.store.clear_signin_failures(&account_key).await?;
        return start_session(&state, user.id, &return_to).await;
    }
    let account_failures = state.store.record_signin_failure(&account_key, now).await?;
    if let Some(d) = throttle_delay(account_failures, FREE_FAILURES_PER_ACCOUNT) {
        state.store.lock_signin(&account_key, now + d).await?;
    }
    let address_failures = state.store.record_signin_failure(&address_key, now).await?;
    if let Some(d) = throttle_delay(address_failures, FREE_FAILURES_PER_ADDRESS) {
        state.store.lock_signin(&address_key, now + d).await?;
    }
    let page = SigninPage {
        layout: layout(&state, &viewer, "Sign in").await?,
        csrf: viewer.csrf.clone(),
        error: Some(
            "That e-mail address and password do not match an account. Check them and try again."
                .to_owned(),
        ),
        notice: None,
        email: form.email.clone(),
        return_to,
        sso_label: state.oidc.as_ref().map(|p| p.label().to_owned()),
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response())
}

static DUMMY_HASH: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| hash_password("not a real password"));

/// `POST /signout`: ends the session on the server and clears the cookie.
async fn signout(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<CsrfForm>,
) -> Result<Response> {
    viewer.check_csrf(&form.csrf)?;
    if let Some(hash) = viewer.session_hash() {
        state.store.delete_session(hash).await?;
    }
    let mut r = Redirect::to("/").into_response();
    r.headers_mut().append(
        header::SET_COOKIE,
        cookie(SESSION_COOKIE, "", None, state.config.secure_cookies()),
    );
    Ok(r)
}

// ----- settings -----

#[derive(Template)]
#[template(path = "settings.html")]
struct SettingsPage {
    layout: Layout,
    csrf: String,
    display_name: String,
    email: String,
    notice: Option<&'static str>,
    error: Option<String>,
    error_form: &'static str,
    is_admin: bool,
    mail: super::notifications::MailSettingsView,
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
        Some("profile") => Some("Your display name has been saved."),
        Some("password") => Some(
            "Your password has been changed. Your other sessions and your API tokens have ended, and any sign-in or reset links we e-mailed you no longer work.",
        ),
        Some("sessions") => Some(
            "Every other session has been signed out, your API tokens have been revoked, and any sign-in or reset links we e-mailed you no longer work.",
        ),
        Some("notifications") => Some("Your e-mail settings have been saved."),
        Some("verify-sent") => Some("A new link is on its way: open it to confirm your address."),
        Some("verified") => Some("Your e-mail address is already confirmed."),
        _ => None,
    };
    let page = SettingsPage {
        layout: layout(&state, &viewer, "Settings").await?,
        csrf: viewer.csrf.clone(),
        display_name: user.display_name.clone(),
        email: user.email.clone(),
        notice,
        error: None,
        error_form: "",
        is_admin: user.role() == crate::domain::user::Role::Admin,
        mail: super::notifications::mail_settings(&state, user).await?,
    };
    Ok(Html(page.render()?).into_response())
}

async fn settings_error(
    state: &AppState,
    viewer: &Viewer,
    form: &'static str,
    error: String,
    display_name: Option<String>,
) -> Result<Response> {
    let user = viewer.require_user()?;
    let page = SettingsPage {
        layout: layout(state, viewer, "Settings").await?,
        csrf: viewer.csrf.clone(),
        display_name: display_name.unwrap_or_else(|| user.display_name.clone()),
        email: user.email.clone(),
        notice: None,
        error: Some(error),
        error_form: form,
        is_admin: user.role() == crate::domain::user::Role::Admin,
        mail: super::notifications::mail_settings(state, user).await?,
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response())
}

/// The settings page with the e-mail form refused and shown as it was sent.
pub(super) async fn settings_with_mail_error(
    state: &AppState,
    viewer: &Viewer,
    error: String,
    mail: super::notifications::MailSettingsView,
) -> Result<Response> {
    let user = viewer.require_user()?;
    let page = SettingsPage {
        layout: layout(state, viewer, "Settings").await?,
        csrf: viewer.csrf.clone(),
        display_name: user.display_name.clone(),
        email: user.email.clone(),
        notice: None,
        error: Some(error),
        error_form: "notifications",
        is_admin: user.role() == crate::domain::user::Role::Admin,
        mail,
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response())
}

#[derive(Deserialize)]
struct ProfileForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    display_name: String,
}

/// `POST /settings/profile`
async fn update_profile(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<ProfileForm>,
) -> Result<Response> {
    let user = viewer.require_user()?;
    viewer.check_csrf(&form.csrf)?;
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
                e.to_owned(),
                Some(form.display_name),
            )
            .await
        }
    }
}

#[derive(Deserialize)]
struct PasswordForm {
    #[serde(default)]
    csrf: String,
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
    Form(form): Form<PasswordForm>,
) -> Result<Response> {
    let user = viewer.require_user()?;
    viewer.check_csrf(&form.csrf)?;
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
            "The current password is not right.".into(),
            None,
        )
        .await;
    }
    if let Err(e) = check_password(&form.new_password) {
        return settings_error(
            &state,
            &viewer,
            "password",
            capitalise(&e.to_string()),
            None,
        )
        .await;
    }
    let hash = hash(&state, form.new_password.clone()).await?;
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
    viewer: Viewer,
    Form(form): Form<CsrfForm>,
) -> Result<Response> {
    let user = viewer.require_user()?;
    viewer.check_csrf(&form.csrf)?;
    state
        .store
        .end_credentials(user.id, None, state.clock.now())
        .await?;
    start_session(&state, user.id, "/settings?saved=sessions").await
}

/// `GET /settings/data.json`: everything the site holds about the member.
async fn download_data(State(state): State<AppState>, viewer: Viewer) -> Result<Response> {
    let user = viewer.require_user()?;
    let comments = state.store.comments_by_author(user.id).await?;
    let likes = state.store.likes_of(user.id).await?;
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
    csrf: String,
    #[serde(default)]
    password: String,
}

/// `POST /settings/delete`: deletes the account after the password is confirmed.
async fn delete_account(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<DeleteForm>,
) -> Result<Response> {
    let user = viewer.require_user()?;
    viewer.check_csrf(&form.csrf)?;
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
            "The password is not right, so the account was not deleted.".into(),
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

#[derive(Template)]
#[template(path = "reset_request.html")]
struct ResetRequestPage {
    layout: Layout,
    csrf: String,
    sent: bool,
    error: Option<String>,
    email: String,
}

/// `GET /reset`
async fn reset_request_form(State(state): State<AppState>, viewer: Viewer) -> Result<Response> {
    let page = ResetRequestPage {
        layout: layout(&state, &viewer, "Reset your password").await?,
        csrf: viewer.csrf.clone(),
        sent: false,
        error: None,
        email: String::new(),
    };
    Ok((viewer.cookies(), Html(page.render()?)).into_response())
}

#[derive(Deserialize)]
struct ResetRequestForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    email: String,
}

/// `POST /reset`: mails a single-use link. The answer is the same whether or not the address
/// has an account, and so is the work before it: the account is looked up, and the link made
/// and mailed, by a task off the request path, so neither the words nor the time tell who is a
/// member.
async fn reset_request(
    State(state): State<AppState>,
    viewer: Viewer,
    ClientIp(ip): ClientIp,
    Form(form): Form<ResetRequestForm>,
) -> Result<Response> {
    viewer.check_csrf(&form.csrf)?;
    let Ok(email) = Email::parse(&form.email) else {
        let page = ResetRequestPage {
            layout: layout(&state, &viewer, "Reset your password").await?,
            csrf: viewer.csrf.clone(),
            sent: false,
            error: Some("Enter the e-mail address of your account, like name@example.org.".into()),
            email: form.email.clone(),
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response());
    };
    let now = state.clock.now();
    let hour = now.duration_trunc(Duration::hours(1)).unwrap_or(now);
    let hits = state
        .store
        .hit_rate_window(&format!("reset:{ip}"), hour)
        .await?;
    // At most ten links an hour per address: the form cannot be used to flood an inbox.
    if hits <= 10 {
        tokio::spawn(mail_reset_link(state.clone(), email));
    }

    let page = ResetRequestPage {
        layout: layout(&state, &viewer, "Reset your password").await?,
        csrf: viewer.csrf.clone(),
        sent: true,
        error: None,
        email: String::new(),
    };
    Ok(Html(page.render()?).into_response())
}

/// Off the request path of `POST /reset`: a link for the member with that address, if any.
async fn mail_reset_link(state: AppState, email: Email) {
    if let Err(e) = try_mail_reset_link(&state, &email).await {
        tracing::error!(error = %e, "the password-reset mail could not be prepared");
    }
}

async fn try_mail_reset_link(state: &AppState, email: &Email) -> Result<()> {
    let Some(u) = state.store.user_by_email(email).await? else {
        return Ok(());
    };
    let now = state.clock.now();
    let token = random_token();
    state
        .store
        .create_password_reset(
            &hash_token(&token),
            u.id,
            now,
            now + Duration::hours(RESET_LINK_HOURS),
        )
        .await?;
    let link = format!("{}/reset/{token}", state.config.base_url);
    let text = format!(
        "Hello {},\n\nSomeone (we hope you) asked to reset the password of your {} account.\n\
         Open this link within an hour to choose a new password:\n\n{link}\n\n\
         If you did not ask for this, ignore this message: your password stays as it is.\n",
        u.display_name, state.config.site_name
    );
    let mail = Mail {
        from: &state.config.mail_from,
        to: email.as_str(),
        subject: "Reset your password",
        text,
    };
    if let Err(e) = state.mailer.send(mail).await {
        tracing::error!(error = %e, "sending the password-reset mail failed");
    }
    Ok(())
}

#[derive(Template)]
#[template(path = "reset_password.html")]
struct ResetPasswordPage {
    layout: Layout,
    csrf: String,
    token: String,
    valid: bool,
    error: Option<String>,
}

/// `GET /reset/{token}`
async fn reset_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(token): Path<String>,
) -> Result<Response> {
    let valid = state
        .store
        .password_reset_user(&hash_token(&token), state.clock.now())
        .await?
        .is_some();
    let page = ResetPasswordPage {
        layout: layout(&state, &viewer, "Choose a new password").await?,
        csrf: viewer.csrf.clone(),
        token,
        valid,
        error: None,
    };
    let status = if valid {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    };
    Ok((status, viewer.cookies(), Html(page.render()?)).into_response())
}

#[derive(Deserialize)]
struct ResetPasswordForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    password: String,
}

/// `POST /reset/{token}`: sets the new password, uses up the link, and ends every session, API
/// token and other e-mailed link. Throttled per client address, and the link is checked before
/// anything is hashed, so a made-up link costs no argon2 work.
async fn reset_password(
    State(state): State<AppState>,
    viewer: Viewer,
    ClientIp(ip): ClientIp,
    Path(token): Path<String>,
    Form(form): Form<ResetPasswordForm>,
) -> Result<Response> {
    viewer.check_csrf(&form.csrf)?;
    let again = |error: Option<String>, valid: bool| {
        let (state, viewer, token) = (state.clone(), viewer.clone(), token.clone());
        async move {
            let page = ResetPasswordPage {
                layout: layout(&state, &viewer, "Choose a new password").await?,
                csrf: viewer.csrf.clone(),
                token,
                valid,
                error,
            };
            let status = if valid {
                StatusCode::UNPROCESSABLE_ENTITY
            } else {
                StatusCode::NOT_FOUND
            };
            Ok::<Response, Error>((status, Html(page.render()?)).into_response())
        }
    };
    let now = state.clock.now();
    let hour = now.duration_trunc(Duration::hours(1)).unwrap_or(now);
    let attempts = state
        .store
        .hit_rate_window(&format!("reset-use:{ip}"), hour)
        .await?;
    if attempts > RESET_ATTEMPTS_PER_HOUR {
        let retry = (hour + Duration::hours(1) - now).num_seconds();
        return Err(Error::TooManyRequests {
            message: format!(
                "Too many attempts to choose a new password from your network in the last hour. Try again in {} minutes.",
                retry / 60 + 1
            ),
            retry_after_secs: retry,
        });
    }
    let token_hash = hash_token(&token);
    let valid = super::signin::plausible_token(&token)
        && state
            .store
            .password_reset_user(&token_hash, now)
            .await?
            .is_some();
    if !valid {
        return again(None, false).await;
    }
    if let Err(e) = check_password(&form.password) {
        return again(Some(capitalise(&e.to_string())), true).await;
    }
    let hash = hash(&state, form.password.clone()).await?;
    if state
        .store
        .complete_password_reset(&token_hash, &hash, state.clock.now())
        .await?
    {
        Ok(Redirect::to("/signin?reset=done").into_response())
    } else {
        again(None, false).await
    }
}
