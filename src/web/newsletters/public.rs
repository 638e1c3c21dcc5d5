//! `/newsletters`: the list with a subscribe form, subscribing (at once for a member whose
//! address is verified; by a mailed confirmation link otherwise), leaving, the one-click
//! unsubscribe link of every edition mail, and an edition's web version.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use chrono::{Duration, DurationRound};
use serde::Deserialize;

use super::plausible_token;
use crate::domain::l10n::Tr;
use crate::domain::newsletter::compose::escape;
use crate::domain::newsletter::{
    CONFIRM_LINK_HOURS, EditionId, EditionItem, EditionStatus, NewsletterId,
    check_unsubscribe_token,
};
use crate::domain::user::{Email, UserError};
use crate::services::mail::Mail;
use crate::store::newsletters::PendingSubscription;
use crate::web::forms::{CsrfForm, MemberForm, NoFields};
use crate::web::layout::{Layout, capitalise};
use crate::web::session::{ClientIp, Viewer, hash_token, random_token};
use crate::web::{AppState, Error, Refusal, Result};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/newsletters", get(list))
        .route("/newsletters/subscribe", post(subscribe))
        .route("/newsletters/leave", post(leave))
        .route(
            "/newsletters/confirm/{token}",
            get(confirm_page).post(confirm),
        )
        .route(
            "/newsletters/unsubscribe/{token}",
            get(unsubscribe_page).post(unsubscribe),
        )
        .route("/newsletters/editions/{id}", get(web_version))
}

/// Confirmation mails one client address may cause in an hour, and one address may receive.
const MAILS_PER_HOUR: i64 = 10;

pub struct NewsletterView {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub subscribed: bool,
}

#[derive(Template)]
#[template(path = "newsletters.html")]
struct ListPage {
    layout: Layout,
    csrf: String,
    signed_in: bool,
    newsletters: Vec<NewsletterView>,
    /// What just happened, for the status line.
    notice: Option<String>,
    error: Option<String>,
    /// The address typed, kept when refused.
    email: String,
}

#[derive(Deserialize, Default)]
struct Notice {
    done: Option<String>,
}

async fn list_page(
    state: &AppState,
    viewer: &Viewer,
    status: StatusCode,
    notice: Option<String>,
    error: Option<String>,
    email: String,
) -> Result<Response> {
    let mine: Vec<NewsletterId> = match &viewer.user {
        Some(u) => state
            .store
            .subscriptions_of(u.id)
            .await?
            .into_iter()
            .map(|s| s.0)
            .collect(),
        None => Vec::new(),
    };
    let newsletters = state
        .store
        .newsletters()
        .await?
        .into_iter()
        .map(|n| NewsletterView {
            id: n.id.0,
            subscribed: mine.contains(&n.id),
            name: n.name,
            description: n.description,
        })
        .collect();
    let page = ListPage {
        layout: Layout::titled(state, viewer, "reading-newsletters-title").await?,
        csrf: viewer.csrf.clone(),
        signed_in: viewer.is_signed_in(),
        newsletters,
        notice,
        error,
        email,
    };
    Ok((status, viewer.cookies(), Html(page.render()?)).into_response())
}

/// `GET /newsletters`
async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<Notice>,
) -> Result<Response> {
    let tr = Tr::new(viewer.locale);
    let notice = match q.done.as_deref() {
        Some("subscribed") => Some(tr.t("reading-newsletters-subscribed")),
        Some("left") => Some(tr.t("reading-newsletters-left")),
        _ => None,
    };
    list_page(&state, &viewer, StatusCode::OK, notice, None, String::new()).await
}

#[derive(Deserialize)]
struct SubscribeForm {
    newsletter: i64,
    #[serde(default)]
    email: String,
}

/// `POST /newsletters/subscribe`: a member with a verified address is subscribed at once;
/// anyone else is mailed a confirmation link (double opt-in). The answer is the same whether or
/// not the address has an account.
async fn subscribe(
    State(state): State<AppState>,
    viewer: Viewer,
    ClientIp(ip): ClientIp,
    CsrfForm(form): CsrfForm<SubscribeForm>,
) -> Result<Response> {
    let id = NewsletterId(form.newsletter);
    let Some(letter) = state.store.newsletter(id).await? else {
        return Err(Error::NotFound);
    };
    let now = state.clock.now();
    let tr = Tr::new(viewer.locale);
    let (email, user_id) = match &viewer.user {
        Some(u) => {
            if state.store.email_verified_at(u.id).await?.is_some() {
                state.store.subscribe(id, u.id, now).await?;
                return Ok(
                    axum::response::Redirect::to("/newsletters?done=subscribed").into_response()
                );
            }
            (Email::parse(&u.email), Some(u.id))
        }
        None => (Email::parse(&form.email), None),
    };
    let email = match email {
        Ok(e) => e,
        Err(e) => {
            return list_page(
                &state,
                &viewer,
                StatusCode::UNPROCESSABLE_ENTITY,
                None,
                Some(email_error(tr, &e)),
                form.email.chars().take(320).collect(),
            )
            .await;
        }
    };
    let hour = now.duration_trunc(Duration::hours(1)).unwrap_or(now);
    let from_ip = state
        .store
        .hit_rate_window(&format!("newsletter:{ip}"), hour)
        .await?;
    if from_ip > MAILS_PER_HOUR {
        let retry = (hour + Duration::hours(1) - now).num_seconds();
        return Err(Error::Rejected(Refusal {
            status: StatusCode::TOO_MANY_REQUESTS,
            message: tr.t1("reading-newsletters-too-many", "minutes", retry / 60 + 1),
            retry_after: Some(retry),
        }));
    }
    let to_address = state
        .store
        .hit_rate_window(&format!("newsletter-to:{email}"), hour)
        .await?;
    if to_address <= MAILS_PER_HOUR {
        let token = random_token();
        let pending = PendingSubscription {
            newsletter: id,
            email: email.clone(),
            user_id,
        };
        state
            .store
            .create_subscription_link(
                &hash_token(&token),
                &pending,
                now,
                now + Duration::hours(CONFIRM_LINK_HOURS),
            )
            .await?;
        let base = state.config.base_url.trim_end_matches('/');
        // In the language of the page the reader asked from (the link works for
        // CONFIRM_LINK_HOURS, which the message says).
        let text = format!(
            "{}\n\n{}\n\n{base}/newsletters/confirm/{token}\n\n{}\n",
            tr.t("mail-hello"),
            tr.t2(
                "reading-newsletters-mail-asked",
                "newsletter",
                &letter.name,
                "site",
                &state.config.site_name,
            ),
            tr.t("reading-newsletters-mail-ignore"),
        );
        let subject = tr.t1(
            "reading-newsletters-mail-subject",
            "newsletter",
            &letter.name,
        );
        // Sent at once (as a sign-up link is): the reader waits for it.
        let mail = Mail {
            from: &state.config.mail_from,
            to: email.as_str(),
            subject: &subject,
            text,
        };
        if let Err(e) = state.mailer.send(mail).await {
            tracing::error!(error = %e, "sending a newsletter confirmation failed");
        }
    }
    let notice = tr.t2(
        "reading-newsletters-check-mail",
        "email",
        email.as_str(),
        "newsletter",
        &letter.name,
    );
    list_page(
        &state,
        &viewer,
        StatusCode::OK,
        Some(notice),
        None,
        String::new(),
    )
    .await
}

#[derive(Deserialize)]
struct LeaveForm {
    newsletter: i64,
}

/// `POST /newsletters/leave`: a member ends a subscription.
async fn leave(State(state): State<AppState>, form: MemberForm<LeaveForm>) -> Result<Response> {
    state
        .store
        .unsubscribe_newsletter(NewsletterId(form.form.newsletter), form.user.id)
        .await?;
    Ok(axum::response::Redirect::to("/newsletters?done=left").into_response())
}

#[derive(Template)]
#[template(path = "newsletter_confirm.html")]
struct ConfirmPage {
    layout: Layout,
    csrf: String,
    token: String,
    /// The newsletter's name while the link works.
    name: Option<String>,
    /// "Press the button to receive …", as HTML (name and address escaped).
    press: String,
    done: bool,
}

async fn confirm_answer(
    state: &AppState,
    viewer: &Viewer,
    token: String,
    pending: Option<PendingSubscription>,
    done: Option<String>,
) -> Result<Response> {
    let (name, email) = match &pending {
        Some(p) => (
            state.store.newsletter(p.newsletter).await?.map(|n| n.name),
            p.email.as_str().to_owned(),
        ),
        None => (done.clone(), String::new()),
    };
    let status = if name.is_some() {
        StatusCode::OK
    } else {
        StatusCode::GONE
    };
    let press = match &name {
        Some(n) => Tr::new(viewer.locale).t2(
            "reading-confirm-press",
            "newsletter",
            escape(n),
            "email",
            escape(&email),
        ),
        None => String::new(),
    };
    let page = ConfirmPage {
        layout: Layout::titled(state, viewer, "reading-confirm-title").await?,
        csrf: viewer.csrf.clone(),
        token,
        name,
        press,
        done: done.is_some(),
    };
    Ok((status, viewer.cookies(), Html(page.render()?)).into_response())
}

/// `GET /newsletters/confirm/{token}`: a button; opening the link spends nothing (a mail
/// scanner that follows links subscribes nobody).
async fn confirm_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(token): Path<String>,
) -> Result<Response> {
    let pending = if plausible_token(&token) {
        state
            .store
            .pending_subscription(&hash_token(&token), state.clock.now())
            .await?
    } else {
        None
    };
    confirm_answer(&state, &viewer, token, pending, None).await
}

/// `POST /newsletters/confirm/{token}`: spends the link and subscribes its address (making a
/// light account with no password when it has none).
async fn confirm(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(token): Path<String>,
    CsrfForm(NoFields {}): CsrfForm<NoFields>,
) -> Result<Response> {
    let confirmed = if plausible_token(&token) {
        state
            .store
            .confirm_subscription(&hash_token(&token), state.clock.now())
            .await?
    } else {
        None
    };
    let done = match confirmed {
        Some(c) => {
            if c.account_created {
                tracing::info!(
                    user_id = c.user_id,
                    "a light account was made by a newsletter subscription"
                );
            }
            state.store.newsletter(c.newsletter).await?.map(|n| n.name)
        }
        None => None,
    };
    confirm_answer(&state, &viewer, String::new(), None, done).await
}

#[derive(Template)]
#[template(path = "newsletter_unsubscribe.html")]
struct UnsubscribePage {
    layout: Layout,
    token: String,
    name: String,
    valid: bool,
    done: bool,
}

async fn unsubscribe_answer(
    state: &AppState,
    viewer: &Viewer,
    token: String,
    done: bool,
) -> Result<Response> {
    let checked = check_unsubscribe_token(state.mailroom.key(), &token);
    let name = match checked {
        Some((_, id)) => state.store.newsletter(id).await?.map(|n| n.name),
        None => None,
    };
    let status = if name.is_some() {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    };
    let page = UnsubscribePage {
        layout: Layout::titled(state, viewer, "reading-unsubscribe-title").await?,
        valid: name.is_some(),
        name: name.unwrap_or_default(),
        token,
        done,
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// `GET /newsletters/unsubscribe/{token}`: a page with a button, so that a link scanner
/// following the link unsubscribes nobody.
async fn unsubscribe_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(token): Path<String>,
) -> Result<Response> {
    unsubscribe_answer(&state, &viewer, token, false).await
}

/// `POST /newsletters/unsubscribe/{token}`: one-click unsubscribe (RFC 8058: the mail client
/// posts `List-Unsubscribe=One-Click` with no cookie) and the page's button. No CSRF token: the
/// signed token (an HMAC of member and newsletter under the site's key) is the authority, a
/// forged request cannot make one, and all it can do is stop that newsletter's mail.
async fn unsubscribe(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(token): Path<String>,
) -> Result<Response> {
    let Some((user_id, id)) = check_unsubscribe_token(state.mailroom.key(), &token) else {
        return unsubscribe_answer(&state, &viewer, token, false).await;
    };
    state.store.unsubscribe_newsletter(id, user_id).await?;
    tracing::info!(user_id, newsletter = id.0, "unsubscribed by one-click link");
    unsubscribe_answer(&state, &viewer, token, true).await
}

#[derive(Template)]
#[template(path = "newsletter_edition.html")]
pub(super) struct EditionPage {
    pub layout: Layout,
    pub newsletter: String,
    pub subject: String,
    pub paragraphs: Vec<String>,
    pub items: Vec<EditionItem>,
    pub sent_at: String,
}

/// `GET /newsletters/editions/{id}`: an edition's web version, once it is sent.
async fn web_version(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response> {
    let id = EditionId(id);
    let edition = state.store.edition(id).await?.ok_or(Error::NotFound)?;
    if edition.status == EditionStatus::Draft {
        return Err(Error::NotFound);
    }
    let rendered =
        crate::services::newsletters::render(&state.store, &state.config, id, state.clock.now())
            .await?
            .ok_or(Error::NotFound)?;
    let c = rendered.content;
    let page = EditionPage {
        layout: Layout::load(&state, &viewer, &c.subject).await?,
        newsletter: c.newsletter_name,
        paragraphs: paragraphs(&c.intro),
        subject: c.subject,
        items: c.items,
        sent_at: edition
            .sent_at
            .map(|t| viewer.dates.day(t))
            .unwrap_or_default(),
    };
    Ok(Html(page.render()?).into_response())
}

/// A refused address, in the reader's language (the sign-up form's words).
fn email_error(tr: Tr, e: &UserError) -> String {
    match e {
        UserError::InvalidEmail => tr.t("user-invalid-email"),
        UserError::EmailTooLong => tr.t("user-email-too-long"),
        _ => capitalise(&e.to_string()),
    }
}

pub(super) fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}
