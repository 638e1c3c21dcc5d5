//! Signing in with a password (throttled) and signing out.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::safe_return_to;
use super::{FREE_FAILURES_PER_ACCOUNT, FREE_FAILURES_PER_ADDRESS, start_session, verify};
use crate::domain::l10n::Tr;
use crate::domain::user::{Email, hash_password, throttle_delay};
use crate::web::forms::{CsrfForm, NoFields};
use crate::web::layout::Layout;
use crate::web::session::{ClientIp, SESSION_COOKIE, Viewer, cookie};
use crate::web::{AppState, Error, Refusal, Result};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/signin", get(signin_form).post(signin))
        .route("/signout", post(signout))
}

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
        .and_then(crate::web::accounts::passwordless::SsoProblem::parse)
        .zip(sso_label.as_deref())
        .map(|(problem, label)| problem.message(Tr::new(viewer.locale), label));
    let page = SigninPage {
        layout: Layout::titled(&state, &viewer, "signin-title").await?,
        csrf: viewer.csrf.clone(),
        error,
        notice: q
            .reset
            .map(|_| Tr::new(viewer.locale).t("signin-password-changed")),
        email: String::new(),
        return_to: safe_return_to(q.return_to.as_deref()),
        sso_label,
    };
    Ok((viewer.cookies(), Html(page.render()?)).into_response())
}

#[derive(Deserialize)]
struct SigninForm {
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
    CsrfForm(form): CsrfForm<SigninForm>,
) -> Result<Response> {
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
        return Err(Error::Rejected(Refusal {
            status: StatusCode::TOO_MANY_REQUESTS,
            message: Tr::new(viewer.locale).t1("signin-throttled", "seconds", secs),
            retry_after: Some(secs),
        }));
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
        layout: Layout::titled(&state, &viewer, "signin-title").await?,
        csrf: viewer.csrf.clone(),
        error: Some(Tr::new(viewer.locale).t("signin-mismatch")),
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
    CsrfForm(NoFields {}): CsrfForm<NoFields>,
) -> Result<Response> {
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
