//! Signing in without a password: a single-use link by e-mail, and single sign-on with the
//! newsroom's OpenID Connect provider (see [`crate::services::oidc`]).

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use chrono::{Duration, DurationRound};
use serde::Deserialize;

use super::{safe_return_to, start_session};
use crate::domain::l10n::Tr;
use crate::domain::locale::Locale;
use crate::domain::signin::{
    LINKS_PER_ADDRESS_PER_HOUR, LINKS_PER_CLIENT_PER_HOUR, SIGNIN_LINK_MINUTES, sso_display_name,
};
use crate::domain::user::Email;
use crate::services::mail::Mail;
use crate::services::oidc::OidcError;
use crate::store::signin::PendingLogin;
use crate::web::forms::{CsrfForm, NoFields};
use crate::web::layout::Layout;
use crate::web::session::{ClientIp, Viewer, cookie, hash_token, random_token, read_cookie};
use crate::web::{AppState, Error, Refusal, Result};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/signin/link", get(link_form).post(send_link))
        .route("/signin/link/{token}", get(link_page).post(use_link))
        .route("/signin/oidc", get(start_sso))
        .route("/signin/oidc/callback", get(sso_callback))
}

/// The browser's handle on a single sign-on in progress.
const SSO_COOKIE: &str = "bs_oidc";
const SSO_MINUTES: i64 = 10;
/// Longer codes and states than any provider sends are refused unread.
const MAX_PARAM_LEN: usize = 2048;

// ----- sign-in by e-mailed link -----

#[derive(Template)]
#[template(path = "signin_link.html")]
struct LinkRequestPage {
    layout: crate::web::layout::Layout,
    csrf: String,
    sent: bool,
    error: Option<String>,
    email: String,
    return_to: String,
}

#[derive(Deserialize, Default)]
struct ReturnTo {
    return_to: Option<String>,
}

/// `GET /signin/link`: asks for the address to send a sign-in link to.
async fn link_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<ReturnTo>,
) -> Result<Response> {
    let page = LinkRequestPage {
        layout: Layout::titled(&state, &viewer, "signin-link-title").await?,
        csrf: viewer.csrf.clone(),
        sent: false,
        error: None,
        email: String::new(),
        return_to: safe_return_to(q.return_to.as_deref()),
    };
    Ok((viewer.cookies(), Html(page.render()?)).into_response())
}

#[derive(Deserialize)]
struct LinkRequestForm {
    #[serde(default)]
    email: String,
    return_to: Option<String>,
}

/// `POST /signin/link`: mails a sign-in link. The answer is the same whether or not the address
/// has an account, and the mail goes out after the answer so its timing tells nothing either.
async fn send_link(
    State(state): State<AppState>,
    viewer: Viewer,
    ClientIp(ip): ClientIp,
    CsrfForm(form): CsrfForm<LinkRequestForm>,
) -> Result<Response> {
    let return_to = safe_return_to(form.return_to.as_deref());
    let Ok(email) = Email::parse(&form.email) else {
        let page = LinkRequestPage {
            layout: Layout::titled(&state, &viewer, "signin-link-title").await?,
            csrf: viewer.csrf.clone(),
            sent: false,
            error: Some(Tr::new(viewer.locale).t("form-email-needed")),
            email: form.email.clone(),
            return_to,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response());
    };
    let now = state.clock.now();
    let hour = now.duration_trunc(Duration::hours(1)).unwrap_or(now);
    let retry = (hour + Duration::hours(1) - now).num_seconds();
    // Counted before the account is looked up, so the limits answer alike for every address.
    let per_client = state
        .store
        .hit_rate_window(&format!("signin-link:{ip}"), hour)
        .await?;
    let per_address = state
        .store
        .hit_rate_window(&format!("signin-link-to:{email}"), hour)
        .await?;
    if per_client > LINKS_PER_CLIENT_PER_HOUR || per_address > LINKS_PER_ADDRESS_PER_HOUR {
        return Err(Error::Rejected(Refusal {
            status: StatusCode::TOO_MANY_REQUESTS,
            message: Tr::new(viewer.locale).t1("signin-link-too-many", "minutes", retry / 60 + 1),
            retry_after: Some(retry),
        }));
    }
    if let Some(user) = state.store.user_by_email(&email).await? {
        let token = random_token();
        state
            .store
            .create_signin_link(
                &hash_token(&token),
                user.id,
                &return_to,
                now,
                now + Duration::minutes(SIGNIN_LINK_MINUTES),
            )
            .await?;
        let tr = Tr::new(Locale::of_member(
            user.locale.as_deref(),
            state.config.locale,
        ));
        let text = format!(
            "{}\n\n{}\n{}\n\n{}/signin/link/{token}\n\n{}\n",
            tr.t1("mail-hello-name", "name", &user.display_name),
            tr.t1("mail-signin-intro", "site", &state.config.site_name),
            tr.t1("mail-signin-open", "minutes", SIGNIN_LINK_MINUTES),
            state.config.base_url,
            tr.t("mail-signin-ignore"),
        );
        let subject = tr.t("mail-signin-subject");
        let state = state.clone();
        tokio::spawn(async move {
            let mail = Mail {
                from: &state.config.mail_from,
                to: email.as_str(),
                subject: &subject,
                text,
            };
            if let Err(e) = state.mailer.send(mail).await {
                tracing::error!(error = %e, "sending the sign-in link failed");
            }
        });
    }
    let page = LinkRequestPage {
        layout: Layout::titled(&state, &viewer, "signin-link-title").await?,
        csrf: viewer.csrf.clone(),
        sent: true,
        error: None,
        email: String::new(),
        return_to,
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Template)]
#[template(path = "signin_link_confirm.html")]
struct LinkPage {
    layout: crate::web::layout::Layout,
    csrf: String,
    token: String,
    valid: bool,
}

/// A token as the site makes them (43 URL-safe characters); anything else is no link of ours.
pub(super) fn plausible_token(token: &str) -> bool {
    token.len() == 43
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// `GET /signin/link/{token}`: a page with a "Sign in" button. Opening the link spends
/// nothing, so a mail scanner that fetches every link cannot use it up.
async fn link_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(token): Path<String>,
) -> Result<Response> {
    let valid = plausible_token(&token)
        && state
            .store
            .signin_link_is_valid(&hash_token(&token), state.clock.now())
            .await?;
    link_answer(&state, &viewer, token, valid).await
}

async fn link_answer(
    state: &AppState,
    viewer: &Viewer,
    token: String,
    valid: bool,
) -> Result<Response> {
    let page = LinkPage {
        layout: Layout::titled(state, viewer, "signin-title").await?,
        csrf: viewer.csrf.clone(),
        token: if valid { token } else { String::new() },
        valid,
    };
    let status = if valid {
        StatusCode::OK
    } else {
        StatusCode::GONE
    };
    Ok((status, viewer.cookies(), Html(page.render()?)).into_response())
}

/// `POST /signin/link/{token}`: spends the link (once, within its 15 minutes), marks the address
/// verified and signs the member in, back where they were.
async fn use_link(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(token): Path<String>,
    CsrfForm(NoFields {}): CsrfForm<NoFields>,
) -> Result<Response> {
    let used = if plausible_token(&token) {
        state
            .store
            .use_signin_link(&hash_token(&token), state.clock.now())
            .await?
    } else {
        None
    };
    match used {
        Some((user_id, return_to)) => start_session(&state, user_id, &return_to).await,
        None => link_answer(&state, &viewer, token, false).await,
    }
}

// ----- single sign-on -----

/// Why a single sign-on came back to `/signin`: a code in the query, so the page's message is
/// always one of ours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SsoProblem {
    Denied,
    Expired,
    State,
    Unverified,
    Unavailable,
    Failed,
}

impl SsoProblem {
    fn code(self) -> &'static str {
        match self {
            SsoProblem::Denied => "denied",
            SsoProblem::Expired => "expired",
            SsoProblem::State => "state",
            SsoProblem::Unverified => "unverified",
            SsoProblem::Unavailable => "unavailable",
            SsoProblem::Failed => "failed",
        }
    }

    pub fn parse(code: &str) -> Option<SsoProblem> {
        [
            SsoProblem::Denied,
            SsoProblem::Expired,
            SsoProblem::State,
            SsoProblem::Unverified,
            SsoProblem::Unavailable,
            SsoProblem::Failed,
        ]
        .into_iter()
        .find(|p| p.code() == code)
    }

    /// What the sign-in page says, in `tr`'s language; `label` names the provider as its
    /// button does.
    pub fn message(self, tr: Tr, label: &str) -> String {
        let id = match self {
            SsoProblem::Denied => "sso-denied",
            SsoProblem::Expired => "sso-expired",
            SsoProblem::State => "sso-state",
            SsoProblem::Unverified => "sso-unverified",
            SsoProblem::Unavailable => "sso-unavailable",
            SsoProblem::Failed => "sso-failed",
        };
        tr.t1(id, "provider", label)
    }
}

fn back_to_signin(problem: SsoProblem, return_to: &str) -> Redirect {
    let return_to = safe_return_to(Some(return_to));
    let encoded: String = form_urlencoded::byte_serialize(return_to.as_bytes()).collect();
    Redirect::to(&format!(
        "/signin?sso={}&return_to={encoded}",
        problem.code()
    ))
}

/// `GET /signin/oidc`: starts single sign-on. The state, nonce and PKCE verifier wait in the
/// database under the hash of a fresh cookie, so only this browser can finish the sign-in.
async fn start_sso(State(state): State<AppState>, Query(q): Query<ReturnTo>) -> Result<Response> {
    let Some(provider) = state.oidc.clone() else {
        return Err(Error::NotFound);
    };
    let return_to = safe_return_to(q.return_to.as_deref());
    let auth = match provider.authorize().await {
        Ok(a) => a,
        Err(e) => {
            tracing::warn!(error = %e, "single sign-on could not start");
            return Ok(back_to_signin(SsoProblem::Unavailable, &return_to).into_response());
        }
    };
    let browser = random_token();
    let now = state.clock.now();
    state
        .store
        .create_pending_login(
            &hash_token(&browser),
            &PendingLogin {
                state: auth.state,
                nonce: auth.nonce,
                pkce_verifier: auth.pkce_verifier,
                return_to,
            },
            now + Duration::minutes(SSO_MINUTES),
        )
        .await?;
    let mut r = Redirect::to(&auth.url).into_response();
    r.headers_mut().append(
        header::SET_COOKIE,
        cookie(
            SSO_COOKIE,
            &browser,
            Some(Duration::minutes(SSO_MINUTES)),
            state.config.secure_cookies(),
        ),
    );
    Ok(r)
}

#[derive(Deserialize)]
struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// `GET /signin/oidc/callback`: the provider's answer. Checks it against the sign-in this
/// browser started (used up either way), verifies the ID token, then signs in the member with
/// that identity, or with that verified e-mail address (linking it, after taking the account
/// over if its address was never verified here), or a new member.
async fn sso_callback(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<CallbackQuery>,
) -> Result<Response> {
    let Some(provider) = state.oidc.clone() else {
        return Err(Error::NotFound);
    };
    let now = state.clock.now();
    let pending = match read_cookie(&headers, SSO_COOKIE) {
        Some(browser) => {
            state
                .store
                .take_pending_login(&hash_token(browser), now)
                .await?
        }
        None => None,
    };
    let clear = cookie(SSO_COOKIE, "", None, state.config.secure_cookies());
    let outcome = finish_sso(&state, &provider, pending, q).await;
    let mut r = match outcome {
        Ok((user_id, return_to)) => start_session(&state, user_id, &return_to).await?,
        Err((problem, return_to)) => back_to_signin(problem, &return_to).into_response(),
    };
    r.headers_mut().append(header::SET_COOKIE, clear);
    Ok(r)
}

/// The member to sign in and where to, or why not (and where they were going).
async fn finish_sso(
    state: &AppState,
    provider: &crate::services::oidc::Provider,
    pending: Option<PendingLogin>,
    q: CallbackQuery,
) -> Result<(i64, String), (SsoProblem, String)> {
    let Some(pending) = pending else {
        return Err((SsoProblem::Expired, "/".to_owned()));
    };
    let fail = |p: SsoProblem| (p, pending.return_to.clone());
    let returned_state = q.state.unwrap_or_default();
    if returned_state.len() > MAX_PARAM_LEN
        || !crate::web::session::constant_time_eq(
            returned_state.as_bytes(),
            pending.state.as_bytes(),
        )
    {
        return Err(fail(SsoProblem::State));
    }
    if let Some(error) = q.error {
        return Err(fail(if error == "access_denied" {
            SsoProblem::Denied
        } else {
            tracing::warn!(error = %error.chars().take(100).collect::<String>(), "the provider refused a single sign-on");
            SsoProblem::Failed
        }));
    }
    let code = q
        .code
        .filter(|c| !c.is_empty() && c.len() <= MAX_PARAM_LEN)
        .ok_or_else(|| fail(SsoProblem::Failed))?;
    let identity = match provider
        .finish(code, pending.nonce.clone(), pending.pkce_verifier.clone())
        .await
    {
        Ok(i) => i,
        Err(OidcError::EmailNotVerified) => return Err(fail(SsoProblem::Unverified)),
        Err(e @ OidcError::Discovery(_)) => {
            tracing::warn!(error = %e, "single sign-on failed");
            return Err(fail(SsoProblem::Unavailable));
        }
        Err(e) => {
            tracing::warn!(error = %e, "single sign-on failed");
            return Err(fail(SsoProblem::Failed));
        }
    };
    let name = sso_display_name(
        identity.name.as_deref(),
        identity.preferred_username.as_deref(),
        &identity.email,
    );
    match state
        .store
        .sso_member(
            &identity.issuer,
            &identity.subject,
            &identity.email,
            &name,
            state.clock.now(),
        )
        .await
    {
        Ok(m) => {
            if m.created {
                tracing::info!(
                    user_id = m.user_id,
                    "a member account was made by single sign-on"
                );
            }
            if m.taken_over {
                tracing::warn!(
                    user_id = m.user_id,
                    "single sign-on took over an account whose address was never verified: its password, sessions, API tokens and links were ended"
                );
            }
            Ok((m.user_id, pending.return_to))
        }
        Err(e) => {
            tracing::error!(error = %e, "single sign-on could not find or make the account");
            Err(fail(SsoProblem::Failed))
        }
    }
}
