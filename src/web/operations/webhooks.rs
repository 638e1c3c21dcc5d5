//! Administration pages. `/admin/webhooks`: endpoints, and the log of their deliveries.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use crate::domain::l10n::Tr;
use crate::domain::webhook::{Event, MAX_URL_CHARS, UrlProblem, check_url, may_manage};
use crate::store::sessions::SessionUser;
use crate::store::webhooks::DeliveryStatus;
use crate::web::forms::{MemberForm, NoFields};
use crate::web::layout::{Layout, TimeView};
use crate::web::session::{Viewer, random_token};
use crate::web::{AppState, Error, Result};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/webhooks", get(webhooks_page).post(create_webhook))
        .route("/admin/webhooks/{id}/delete", post(delete_webhook))
        .route("/admin/webhooks/deliveries/{id}/redeliver", post(redeliver))
}

/// The signed-in admin, or why not.
fn require_admin(viewer: &Viewer) -> Result<&SessionUser> {
    let user = viewer.require_user()?;
    if !may_manage(user.role()) {
        return Err(Error::Forbidden(
            Tr::new(viewer.locale).t("desk-hooks-admins-only"),
        ));
    }
    Ok(user)
}

pub struct WebhookView {
    pub id: i64,
    pub url: String,
    pub events: String,
    pub secret: String,
    pub created: TimeView,
}

pub struct DeliveryView {
    pub id: i64,
    pub url: String,
    pub event: String,
    pub status: String,
    /// The status in words (a message id).
    pub status_label: &'static str,
    pub attempts: i64,
    pub last_status: String,
    pub last_error: String,
    pub created: TimeView,
    pub next_attempt: Option<TimeView>,
}

pub struct EventChoice {
    pub name: &'static str,
    pub field: String,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "admin_webhooks.html")]
struct WebhooksPage {
    layout: Layout,
    csrf: String,
    hooks: Vec<WebhookView>,
    deliveries: Vec<DeliveryView>,
    choices: Vec<EventChoice>,
    url: String,
    error: Option<String>,
    filtered: Option<i64>,
}

const LOG_LENGTH: i64 = 100;

async fn render(
    state: &AppState,
    viewer: &Viewer,
    status: StatusCode,
    filter: Option<i64>,
    url: String,
    chosen: &[Event],
    error: Option<String>,
) -> Result<Response> {
    let hooks = state.store.webhooks().await?;
    let deliveries = state.store.recent_deliveries(filter, LOG_LENGTH).await?;
    let page = WebhooksPage {
        layout: Layout::titled(state, viewer, "desk-hooks-title").await?,
        csrf: viewer.csrf.clone(),
        hooks: hooks
            .into_iter()
            .map(|h| WebhookView {
                id: h.id,
                url: h.url,
                events: h.events.split_whitespace().collect::<Vec<_>>().join(", "),
                secret: h.secret,
                created: TimeView::long(h.created_at, &viewer.dates),
            })
            .collect(),
        deliveries: deliveries
            .into_iter()
            .map(|d| DeliveryView {
                id: d.id,
                url: d.url,
                event: d.event,
                next_attempt: (d.status == DeliveryStatus::Pending)
                    .then(|| TimeView::long(d.next_attempt_at, &viewer.dates)),
                status: d.status.as_str().to_owned(),
                status_label: match d.status {
                    DeliveryStatus::Pending => "desk-delivery-pending",
                    DeliveryStatus::Delivered => "desk-delivery-delivered",
                    DeliveryStatus::Failed => "desk-delivery-failed",
                },
                attempts: d.attempts,
                last_status: d.last_status.map(|s| s.to_string()).unwrap_or_default(),
                last_error: d.last_error.unwrap_or_default(),
                created: TimeView::long(d.created_at, &viewer.dates),
            })
            .collect(),
        choices: Event::ALL
            .into_iter()
            .map(|e| EventChoice {
                name: e.as_str(),
                field: e.as_str().replace('.', "_"),
                checked: chosen.contains(&e),
            })
            .collect(),
        url,
        error,
        filtered: filter,
    };
    Ok((status, Html(page.render()?)).into_response())
}

#[derive(Deserialize, Default)]
struct LogQuery {
    webhook: Option<i64>,
}

/// `GET /admin/webhooks`: endpoints and the latest deliveries (`?webhook=ID` for one endpoint).
async fn webhooks_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<LogQuery>,
) -> Result<Response> {
    require_admin(&viewer)?;
    render(
        &state,
        &viewer,
        StatusCode::OK,
        q.webhook,
        String::new(),
        &Event::ALL,
        None,
    )
    .await
}

#[derive(Deserialize)]
struct CreateForm {
    #[serde(default)]
    url: String,
    article_published: Option<String>,
    article_updated: Option<String>,
    comment_created: Option<String>,
    live_update_published: Option<String>,
}

/// `POST /admin/webhooks`: registers an endpoint with a fresh signing secret.
async fn create_webhook(
    State(state): State<AppState>,
    viewer: Viewer,
    MemberForm { form, .. }: MemberForm<CreateForm>,
) -> Result<Response> {
    let user = require_admin(&viewer)?.clone();
    let chosen: Vec<Event> = [
        (form.article_published.is_some(), Event::ArticlePublished),
        (form.article_updated.is_some(), Event::ArticleUpdated),
        (form.comment_created.is_some(), Event::CommentCreated),
        (
            form.live_update_published.is_some(),
            Event::LiveUpdatePublished,
        ),
    ]
    .into_iter()
    .filter_map(|(on, e)| on.then_some(e))
    .collect();
    let tr = Tr::new(viewer.locale);
    let refusal = match check_url(&form.url) {
        Err(p) => Some(match p {
            UrlProblem::Empty => tr.t("desk-hooks-url-empty"),
            UrlProblem::TooLong => tr.t1("desk-hooks-url-long", "max", MAX_URL_CHARS),
            UrlProblem::NotHttp => tr.t("desk-hooks-url-scheme"),
            UrlProblem::NoHost => tr.t("desk-hooks-url-host"),
        }),
        Ok(_) if chosen.is_empty() => Some(tr.t("desk-hooks-no-events")),
        Ok(_) => None,
    };
    if let Some(message) = refusal {
        return render(
            &state,
            &viewer,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            form.url.clone(),
            &chosen,
            Some(message),
        )
        .await;
    }
    let url = check_url(&form.url).unwrap_or_default();
    let events = chosen
        .iter()
        .map(|e| e.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let secret = format!("whsec_{}", random_token());
    let id = state
        .store
        .create_webhook(&url, &events, &secret, user.id, state.clock.now())
        .await?;
    tracing::info!(webhook = id, %url, %events, by = user.id, "webhook registered");
    Ok(Redirect::to("/admin/webhooks").into_response())
}

/// `POST /admin/webhooks/{id}/delete`: the endpoint and its log go.
async fn delete_webhook(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    MemberForm { .. }: MemberForm<NoFields>,
) -> Result<Response> {
    let user = require_admin(&viewer)?;
    if !state.store.delete_webhook(id).await? {
        return Err(Error::NotFound);
    }
    tracing::info!(webhook = id, by = user.id, "webhook deleted");
    Ok(Redirect::to("/admin/webhooks").into_response())
}

/// `POST /admin/webhooks/deliveries/{id}/redeliver`: sends a delivery again now.
async fn redeliver(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    MemberForm { .. }: MemberForm<NoFields>,
) -> Result<Response> {
    require_admin(&viewer)?;
    if !state.store.redeliver(id, state.clock.now()).await? {
        return Err(Error::NotFound);
    }
    state.webhooks.wake();
    Ok(Redirect::to("/admin/webhooks").into_response())
}
