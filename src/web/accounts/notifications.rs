//! E-mail to members, on the web side: verifying an address, the e-mail preferences in
//! /settings, and one-click unsubscribe links that work without signing in.

use crate::domain::l10n::Tr;
use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use chrono::{Duration, DurationRound};
use serde::Deserialize;

use crate::domain::notification::{
    MailKind, QueueThreshold, VERIFY_LINK_HOURS, check_unsubscribe_token,
};
use crate::domain::user::Role;
use crate::services::mail::Mail;
use crate::store::notifications::MailPreferences;
use crate::store::sessions::SessionUser;
use crate::web::forms::{MemberForm, NoFields};
use crate::web::layout::Layout;
use crate::web::session::{Viewer, hash_token, random_token};
use crate::web::{AppState, Error, Refusal, Result};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/settings/email/verify", post(resend_verification))
        .route("/settings/notifications", post(save_preferences))
        .route("/verify-email/{token}", get(verify_email))
        .route(
            "/unsubscribe/{token}",
            get(unsubscribe_page).post(unsubscribe),
        )
}

/// Verification links a member may ask for in an hour.
const VERIFY_MAILS_PER_HOUR: i64 = 3;

/// The e-mail part of the settings page.
#[derive(Clone, Debug, Default)]
pub struct MailSettingsView {
    pub verified: bool,
    pub replies: bool,
    pub mentions: bool,
    pub daily_digest: bool,
    /// The alert threshold as the field shows it ("" for none).
    pub queue_alert: String,
    /// Moderators, editors and admins may ask for moderation-queue alerts.
    pub can_alert: bool,
    /// The newsletters the member receives: id and name.
    pub newsletters: Vec<(i64, String)>,
}

fn is_staff(user: &SessionUser) -> bool {
    user.role() >= Role::Moderator
}

/// What the settings page shows of a member's e-mail.
pub(super) async fn mail_settings(
    state: &AppState,
    user: &SessionUser,
) -> Result<MailSettingsView> {
    let verified = state.store.email_verified_at(user.id).await?.is_some();
    let p = state.store.mail_preferences(user.id).await?;
    Ok(MailSettingsView {
        verified,
        replies: p.replies,
        mentions: p.mentions,
        daily_digest: p.daily_digest,
        queue_alert: p
            .queue_alert
            .map(|t| t.get().to_string())
            .unwrap_or_default(),
        can_alert: is_staff(user),
        newsletters: state
            .store
            .subscriptions_of(user.id)
            .await?
            .into_iter()
            .map(|(id, name, _)| (id.0, name))
            .collect(),
    })
}

/// Mails a new single-use verification link. Sent at once rather than queued (like a
/// password-reset link, it is something the member asked for and waits for); if the mail
/// server is down, "Send the link again" in /settings makes another.
pub(super) async fn send_verification(
    state: &AppState,
    user: &crate::store::sessions::SessionUser,
) -> Result<()> {
    let (user_id, email, display_name) = (user.id, user.email.as_str(), &user.display_name);
    let token = random_token();
    let now = state.clock.now();
    state
        .store
        .create_email_verification(
            &hash_token(&token),
            user_id,
            now,
            now + Duration::hours(VERIFY_LINK_HOURS),
        )
        .await?;
    let base = state.config.base_url.trim_end_matches('/');
    let tr = crate::web::session::member_tr(state, user);
    let site = &state.config.site_name;
    let text = format!(
        "{}\n\n{}\n\n{base}/verify-email/{token}\n\n{}\n{}\n",
        tr.t1("mail-hello-name", "name", display_name),
        tr.t2(
            "mail-verify-intro",
            "site",
            site,
            "hours",
            VERIFY_LINK_HOURS
        ),
        tr.t1("mail-verify-until", "site", site),
        tr.t("mail-verify-ignore"),
    );
    let subject = tr.t("mail-verify-subject");
    let mail = Mail {
        from: &state.config.mail_from,
        to: email,
        subject: &subject,
        text,
    };
    if let Err(e) = state.mailer.send(mail).await {
        tracing::error!(error = %e, "sending the verification mail failed");
    }
    Ok(())
}

/// `POST /settings/email/verify`: "Send the link again", a few times an hour at most.
async fn resend_verification(
    State(state): State<AppState>,
    MemberForm { user, .. }: MemberForm<NoFields>,
) -> Result<Response> {
    if state.store.email_verified_at(user.id).await?.is_some() {
        return Ok(Redirect::to("/settings?saved=verified").into_response());
    }
    let now = state.clock.now();
    let hour = now.duration_trunc(Duration::hours(1)).unwrap_or(now);
    let hits = state
        .store
        .hit_rate_window(&format!("verify:{}", user.id), hour)
        .await?;
    if hits > VERIFY_MAILS_PER_HOUR {
        let retry = (hour + Duration::hours(1) - now).num_seconds();
        return Err(Error::Rejected(Refusal {
            status: StatusCode::TOO_MANY_REQUESTS,
            message: crate::web::session::member_tr(&state, &user).t1(
                "settings-verify-too-many",
                "minutes",
                retry / 60 + 1,
            ),
            retry_after: Some(retry),
        }));
    }
    send_verification(&state, &user).await?;
    Ok(Redirect::to("/settings?saved=verify-sent").into_response())
}

#[derive(Template)]
#[template(path = "verify_email.html")]
struct VerifyPage {
    layout: Layout,
    verified: bool,
}

/// `GET /verify-email/{token}`: uses a verification link (once).
async fn verify_email(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(token): Path<String>,
) -> Result<Response> {
    let verified = token.len() <= 100
        && state
            .store
            .verify_email(&hash_token(&token), state.clock.now())
            .await?
            .is_some();
    let page = VerifyPage {
        layout: Layout::titled(&state, &viewer, "verify-title").await?,
        verified,
    };
    let status = if verified {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    };
    Ok((status, viewer.cookies(), Html(page.render()?)).into_response())
}

#[derive(Deserialize)]
struct PreferencesForm {
    replies: Option<String>,
    mentions: Option<String>,
    #[serde(default)]
    delivery: String,
    #[serde(default)]
    queue_alert: String,
}

/// `POST /settings/notifications`: which e-mail the member wants, and how often.
async fn save_preferences(
    State(state): State<AppState>,
    viewer: Viewer,
    MemberForm { user, form }: MemberForm<PreferencesForm>,
) -> Result<Response> {
    let daily_digest = match form.delivery.as_str() {
        "" | "immediate" => false,
        "daily" => true,
        _ => {
            return Err(Error::BadRequest(
                Tr::new(viewer.locale).t("settings-delivery-choose"),
            ));
        }
    };
    let threshold = if is_staff(&user) {
        QueueThreshold::parse(&form.queue_alert)
    } else if form.queue_alert.trim().is_empty() {
        Ok(None)
    } else {
        Err(
            "Only moderators, editors and administrators can ask for moderation-queue alerts."
                .into(),
        )
    };
    let wanted = |queue_alert: Option<QueueThreshold>| MailPreferences {
        replies: form.replies.is_some(),
        mentions: form.mentions.is_some(),
        daily_digest,
        queue_alert,
    };
    match threshold {
        Ok(t) => {
            state
                .store
                .set_mail_preferences(user.id, &wanted(t))
                .await?;
            Ok(Redirect::to("/settings?saved=notifications").into_response())
        }
        Err(message) => {
            // The form comes back as it was sent.
            let mut mail = mail_settings(&state, &user).await?;
            mail.replies = form.replies.is_some();
            mail.mentions = form.mentions.is_some();
            mail.daily_digest = daily_digest;
            mail.queue_alert = form.queue_alert.chars().take(20).collect();
            super::settings::settings_with_mail_error(&state, &viewer, message, mail).await
        }
    }
}

#[derive(Template)]
#[template(path = "unsubscribe.html")]
struct UnsubscribePage {
    layout: Layout,
    token: String,
    /// Which mails the link stops (`MailKind::as_str`), for the page's messages to choose by.
    what: &'static str,
    valid: bool,
    done: bool,
}

/// The member and kind of an unsubscribe token, if this site made it.
fn check(state: &AppState, token: &str) -> Option<(i64, MailKind)> {
    (token.len() <= 200)
        .then(|| check_unsubscribe_token(state.mailroom.key(), token))
        .flatten()
}

async fn unsubscribe_answer(
    state: &AppState,
    viewer: &Viewer,
    token: String,
    done: bool,
) -> Result<Response> {
    let checked = check(state, &token);
    let page = UnsubscribePage {
        layout: Layout::titled(state, viewer, "reading-unsubscribe-title").await?,
        what: checked.map_or("", |(_, k)| k.as_str()),
        valid: checked.is_some(),
        token,
        done,
    };
    let status = if checked.is_some() {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// `GET /unsubscribe/{token}`: a page with a button, so that a link scanner following the link
/// unsubscribes nobody.
async fn unsubscribe_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(token): Path<String>,
) -> Result<Response> {
    unsubscribe_answer(&state, &viewer, token, false).await
}

/// `POST /unsubscribe/{token}`: one-click unsubscribe (RFC 8058, and the page's button). No
/// session and no CSRF token: the signed token is the authority, and all it can do is stop mail.
async fn unsubscribe(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(token): Path<String>,
) -> Result<Response> {
    let Some((user_id, kind)) = check(&state, &token) else {
        return unsubscribe_answer(&state, &viewer, token, false).await;
    };
    state.store.unsubscribe(user_id, kind).await?;
    tracing::info!(user = user_id, kind = kind.as_str(), "unsubscribed by link");
    unsubscribe_answer(&state, &viewer, token, true).await
}
