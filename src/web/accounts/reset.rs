//! Resetting a forgotten password by e-mail.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use chrono::{Duration, DurationRound};
use serde::Deserialize;

use super::{RESET_ATTEMPTS_PER_HOUR, RESET_LINK_HOURS, hash};
use crate::domain::l10n::Tr;
use crate::domain::locale::Locale;
use crate::domain::user::{Email, check_password};
use crate::services::mail::Mail;
use crate::web::forms::CsrfForm;
use crate::web::layout::Layout;
use crate::web::session::{ClientIp, Viewer, hash_token, random_token};
use crate::web::{AppState, Error, Refusal, Result};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/reset", get(reset_request_form).post(reset_request))
        .route("/reset/{token}", get(reset_form).post(reset_password))
}

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
        layout: Layout::titled(&state, &viewer, "reset-title").await?,
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
    CsrfForm(form): CsrfForm<ResetRequestForm>,
) -> Result<Response> {
    let Ok(email) = Email::parse(&form.email) else {
        let page = ResetRequestPage {
            layout: Layout::titled(&state, &viewer, "reset-title").await?,
            csrf: viewer.csrf.clone(),
            sent: false,
            error: Some(Tr::new(viewer.locale).t("form-email-needed")),
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
        layout: Layout::titled(&state, &viewer, "reset-title").await?,
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
    let tr = Tr::new(Locale::of_member(u.locale.as_deref(), state.config.locale));
    let site = &state.config.site_name;
    let text = format!(
        "{}\n\n{}\n{}\n\n{link}\n\n{}\n",
        tr.t1("mail-hello-name", "name", &u.display_name),
        tr.t1("mail-reset-intro", "site", site),
        tr.t("mail-reset-open"),
        tr.t("mail-reset-ignore"),
    );
    let subject = tr.t("mail-reset-subject");
    let mail = Mail {
        from: &state.config.mail_from,
        to: email.as_str(),
        subject: &subject,
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
        layout: Layout::titled(&state, &viewer, "reset-new-title").await?,
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
    CsrfForm(form): CsrfForm<ResetPasswordForm>,
) -> Result<Response> {
    let again = |error: Option<String>, valid: bool| {
        let (state, viewer, token) = (state.clone(), viewer.clone(), token.clone());
        async move {
            let page = ResetPasswordPage {
                layout: Layout::titled(&state, &viewer, "reset-new-title").await?,
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
        return Err(Error::Rejected(Refusal {
            status: StatusCode::TOO_MANY_REQUESTS,
            message: Tr::new(viewer.locale).t1("reset-too-many", "minutes", retry / 60 + 1),
            retry_after: Some(retry),
        }));
    }
    let token_hash = hash_token(&token);
    let valid = crate::web::accounts::passwordless::plausible_token(&token)
        && state
            .store
            .password_reset_user(&token_hash, now)
            .await?
            .is_some();
    if !valid {
        return again(None, false).await;
    }
    if let Err(e) = check_password(&form.password) {
        return again(Some(super::user_error(Tr::new(viewer.locale), &e)), true).await;
    }
    let hash = hash(&state, Tr::new(viewer.locale), form.password.clone()).await?;
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
