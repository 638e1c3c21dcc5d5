//! Accounts: sign-up, sign-in (with a password, by e-mail link, by single sign-on), sign-out,
//! password reset, the member's settings, e-mail preferences and API tokens.

pub mod language;
pub mod mutes;
pub mod notifications;
pub mod passwordless;
pub mod tokens;

pub mod reset;
pub mod settings;
pub mod signin;
pub mod signup;

use axum::Router;
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Duration;

use crate::domain::comment::NameError;
use crate::domain::l10n::Tr;
use crate::domain::user::UserError;
use crate::web::session::{SESSION_COOKIE, SESSION_DAYS, cookie, hash_token, random_token};
use crate::web::{AppState, Error, Result};

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(signup::router())
        .merge(signin::router())
        .merge(settings::router())
        .merge(reset::router())
        .merge(passwordless::router())
        .merge(tokens::router())
        .merge(notifications::router())
        .merge(mutes::router())
        .merge(language::router())
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

async fn hash(state: &AppState, tr: Tr, password: String) -> Result<String> {
    state
        .passwords
        .hash(password)
        .await
        .ok_or_else(|| Error::Forbidden(tr.t("error-passwords-busy")))
}

/// A refused address or password, in the member's language.
fn user_error(tr: Tr, e: &UserError) -> String {
    match e {
        UserError::InvalidEmail => tr.t("user-invalid-email"),
        UserError::EmailTooLong => tr.t("user-email-too-long"),
        UserError::PasswordTooShort => tr.t("user-password-too-short"),
        UserError::PasswordTooLong => tr.t("user-password-too-long"),
        UserError::UnknownRole(_) => crate::web::layout::capitalise(&e.to_string()),
    }
}

/// A refused display name, in the member's language.
fn name_error(tr: Tr, e: NameError) -> String {
    tr.t(match e {
        NameError::Empty => "name-empty",
        NameError::TooLong => "name-too-long",
        NameError::Control => "name-control",
        NameError::Reserved => "name-reserved",
    })
}

async fn verify(state: &AppState, password: String, phc: String) -> bool {
    state.passwords.verify(password, phc).await
}

// ----- sign-up -----
