//! Creating an account: the form, the confirmation link by e-mail, and confirming it.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use chrono::{Duration, DurationRound};
use serde::Deserialize;

use super::safe_return_to;
use super::{SIGNUP_LINK_HOURS, SIGNUP_MAILS_PER_ADDRESS_PER_HOUR, hash, start_session};
use super::{name_error, user_error};
use crate::domain::comment::parse_display_name;
use crate::domain::l10n::Tr;
use crate::domain::locale::Locale;
use crate::domain::user::{Email, check_password};
use crate::services::mail::Mail;
use crate::store;
use crate::web::forms::{CsrfForm, NoFields};
use crate::web::layout::Layout;
use crate::web::session::{ClientIp, Viewer, hash_token, random_token};
use crate::web::{AppState, Error, Refusal, Result};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/signup", get(signup_form).post(signup))
        .route(
            "/signup/{token}",
            get(signup_confirm_page).post(confirm_signup),
        )
}

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
        layout: Layout::titled(&state, &viewer, "signup-title").await?,
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
    CsrfForm(form): CsrfForm<SignupForm>,
) -> Result<Response> {
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
                layout: Layout::titled(&state, &viewer, "signup-title").await?,
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
    let tr = Tr::new(viewer.locale);
    if !form.website.is_empty() {
        return again(tr.t("signup-honeypot-filled"), "").await;
    }
    let name = match parse_display_name(&form.display_name) {
        Ok(n) => n,
        Err(e) => return again(name_error(tr, e), "display_name").await,
    };
    let email = match Email::parse(&form.email) {
        Ok(e) => e,
        Err(e) => return again(user_error(tr, &e), "email").await,
    };
    if let Err(e) = check_password(&form.password) {
        return again(user_error(tr, &e), "password").await;
    }
    let now = state.clock.now();
    let hour = now.duration_trunc(Duration::hours(1)).unwrap_or(now);
    let hits = state
        .store
        .hit_rate_window(&format!("signup:{ip}"), hour)
        .await?;
    if hits > i64::from(state.config.signups_per_hour) {
        let retry = (hour + Duration::hours(1) - now).num_seconds();
        return Err(Error::Rejected(Refusal {
            status: StatusCode::TOO_MANY_REQUESTS,
            message: tr.t1("signup-too-many", "minutes", retry / 60 + 1),
            retry_after: Some(retry),
        }));
    }
    // The same work whether or not the address has an account: hash the password, hand the
    // address to a task that decides what to mail, answer. The answer cannot tell them apart.
    let password_hash = hash(&state, Tr::new(viewer.locale), form.password.clone()).await?;
    let pending = store::users::PendingSignup {
        email: email.clone(),
        display_name: name,
        password_hash,
        notify: form.notify.is_some(),
        return_to,
    };
    tokio::spawn(mail_signup(state.clone(), pending, viewer.locale));
    let page = SignupPage {
        layout: Layout::titled(&state, &viewer, "signup-sent-page-title").await?,
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
async fn mail_signup(state: AppState, pending: store::users::PendingSignup, locale: Locale) {
    if let Err(e) = try_mail_signup(&state, pending, locale).await {
        tracing::error!(error = %e, "the sign-up mail could not be prepared");
    }
}

/// The mail is in the language the form was read in (the owner's own, for a taken address).
async fn try_mail_signup(
    state: &AppState,
    pending: store::users::PendingSignup,
    locale: Locale,
) -> Result<()> {
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
        Some(owner) => {
            let tr = Tr::new(Locale::of_member(
                owner.locale.as_deref(),
                state.config.locale,
            ));
            (
                tr.t("mail-taken-subject"),
                format!(
                    "{}\n\n{}\n\n{} {base}/signin\n{} {base}/reset\n\n{}\n",
                    tr.t1("mail-hello-name", "name", &owner.display_name),
                    tr.t1("mail-taken-intro", "site", site),
                    tr.t("mail-taken-sign-in"),
                    tr.t("mail-taken-reset"),
                    tr.t("mail-taken-ignore"),
                ),
            )
        }
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
            let tr = Tr::new(locale);
            (
                tr.t("mail-signup-subject"),
                format!(
                    "{}\n\n{}\n\n{base}/signup/{token}\n\n{}\n",
                    tr.t("mail-hello"),
                    tr.t2(
                        "mail-signup-intro",
                        "site",
                        site,
                        "hours",
                        SIGNUP_LINK_HOURS
                    ),
                    tr.t("mail-signup-ignore"),
                ),
            )
        }
    };
    let mail = Mail {
        from: &state.config.mail_from,
        to: pending.email.as_str(),
        subject: &subject,
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
        layout: Layout::titled(state, viewer, "signup-confirm-title").await?,
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
    let email = if crate::web::accounts::passwordless::plausible_token(&token) {
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
    CsrfForm(NoFields {}): CsrfForm<NoFields>,
) -> Result<Response> {
    if !crate::web::accounts::passwordless::plausible_token(&token) {
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
