//! Composing and sending an edition (editors and admins): a draft's subject, introduction and
//! hand-picked articles; its preview as mailed (HTML and plain text); a test send to oneself;
//! sending, and the progress of its mails (queued, sent, failed).

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use super::admin::{EditionForm, edition_status, show_page};
use super::require_editor;
use super::words::problem;
use crate::domain::l10n::Tr;
use crate::domain::newsletter::{
    EditionId, EditionStatus, NewsletterId, check_edition, compose, parse_picks,
};
use crate::services::newsletters::{Rendered, render, send_edition};
use crate::store;
use crate::store::newsletters::editions::Progress;
use crate::web::forms::{MemberForm, NoFields};
use crate::web::layout::Layout;
use crate::web::newsroom::words::{clash, worded};
use crate::web::session::Viewer;
use crate::web::{AppState, Error, Result};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/newsletters/{id}/editions", post(create))
        .route("/admin/newsletters/editions/{id}", get(show).post(update))
        .route(
            "/admin/newsletters/editions/{id}/preview",
            get(preview_html),
        )
        .route(
            "/admin/newsletters/editions/{id}/preview.txt",
            get(preview_text),
        )
        .route("/admin/newsletters/editions/{id}/test", post(test_send))
        .route("/admin/newsletters/editions/{id}/send", post(send))
        .route("/admin/newsletters/editions/{id}/progress", get(progress))
}

#[derive(Template)]
#[template(path = "admin_edition.html")]
struct EditionPage {
    layout: Layout,
    csrf: String,
    id: i64,
    newsletter_id: i64,
    newsletter: String,
    status: String,
    draft: bool,
    f: EditionFormView,
    progress: Progress,
    recipients: i64,
    error: Option<String>,
    notice: Option<String>,
}

struct EditionFormView {
    subject: String,
    intro: String,
    articles: String,
}

/// The edition's articles' slugs as the form shows them.
async fn slugs_of(state: &AppState, id: EditionId) -> Result<String> {
    Ok(state
        .store
        .edition_articles(id, state.clock.now())
        .await?
        .into_iter()
        .map(|a| a.slug)
        .collect::<Vec<_>>()
        .join("\n"))
}

async fn edition_page(
    state: &AppState,
    viewer: &Viewer,
    id: EditionId,
    status: StatusCode,
    typed: Option<EditionForm>,
    error: Option<String>,
    notice: Option<String>,
) -> Result<Response> {
    let edition = state.store.edition(id).await?.ok_or(Error::NotFound)?;
    let letter = state
        .store
        .newsletter(edition.newsletter)
        .await?
        .ok_or(Error::NotFound)?;
    let f = match typed {
        Some(t) => EditionFormView {
            subject: t.subject,
            intro: t.intro,
            articles: t.articles,
        },
        None => EditionFormView {
            articles: slugs_of(state, id).await?,
            subject: edition.subject,
            intro: edition.intro,
        },
    };
    let page = EditionPage {
        layout: Layout::load(
            state,
            viewer,
            &Tr::new(viewer.locale).t1("newsroom-edition-title", "subject", &f.subject),
        )
        .await?,
        csrf: viewer.csrf.clone(),
        id: id.0,
        newsletter_id: letter.id.0,
        newsletter: letter.name,
        status: edition_status(Tr::new(viewer.locale), edition.status),
        draft: edition.status == EditionStatus::Draft,
        f,
        progress: state.store.edition_progress(id).await?,
        recipients: edition.recipients,
        error,
        notice,
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// The form checked: subject, introduction and the articles' ids, or why not in `tr`'s words.
async fn checked(
    state: &AppState,
    tr: Tr,
    f: &EditionForm,
) -> Result<std::result::Result<(String, String, Vec<i64>), String>> {
    let (subject, intro) = match check_edition(&f.subject, &f.intro) {
        Ok(v) => v,
        Err(p) => return Ok(Err(problem(tr, p))),
    };
    let slugs = match parse_picks(&f.articles) {
        Ok(s) => s,
        Err(p) => return Ok(Err(problem(tr, p))),
    };
    match state
        .store
        .published_articles_by_slug(&slugs, state.clock.now())
        .await
    {
        Ok(ids) => Ok(Ok((subject, intro, ids))),
        Err(store::Error::Clash(c)) => Ok(Err(clash(tr, &c))),
        Err(e) => Err(e.into()),
    }
}

/// `POST /admin/newsletters/{id}/editions`: a new draft.
async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    form: MemberForm<EditionForm>,
) -> Result<Response> {
    require_editor(&viewer)?;
    let id = NewsletterId(id);
    state.store.newsletter(id).await?.ok_or(Error::NotFound)?;
    let typed = form.form;
    match checked(&state, Tr::new(viewer.locale), &typed).await? {
        Ok((subject, intro, articles)) => {
            let edition = state
                .store
                .create_edition(id, &subject, &intro, &articles, state.clock.now())
                .await?;
            Ok(Redirect::to(&format!("/admin/newsletters/editions/{}", edition.0)).into_response())
        }
        // The newsletter's page again, with the new edition's form as typed.
        Err(e) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            show_page(&state, &viewer, id, status, None, Some(e), typed).await
        }
    }
}

/// `GET /admin/newsletters/editions/{id}`
async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response> {
    require_editor(&viewer)?;
    edition_page(
        &state,
        &viewer,
        EditionId(id),
        StatusCode::OK,
        None,
        None,
        None,
    )
    .await
}

/// `POST /admin/newsletters/editions/{id}`: saves a draft.
async fn update(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    form: MemberForm<EditionForm>,
) -> Result<Response> {
    require_editor(&viewer)?;
    let id = EditionId(id);
    let typed = form.form;
    let tr = Tr::new(viewer.locale);
    let (subject, intro, articles) = match checked(&state, tr, &typed).await? {
        Ok(v) => v,
        Err(e) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return edition_page(&state, &viewer, id, status, Some(typed), Some(e), None).await;
        }
    };
    match state
        .store
        .update_edition(id, &subject, &intro, &articles)
        .await
        .map_err(|e| worded(tr, e))
    {
        Ok(()) => {
            Ok(Redirect::to(&format!("/admin/newsletters/editions/{}", id.0)).into_response())
        }
        Err(store::Error::Conflict(m)) => {
            edition_page(
                &state,
                &viewer,
                id,
                StatusCode::CONFLICT,
                Some(typed),
                Some(m),
                None,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

async fn rendered(state: &AppState, viewer: &Viewer, id: i64) -> Result<Rendered> {
    require_editor(viewer)?;
    render(
        &state.store,
        &state.config,
        EditionId(id),
        state.clock.now(),
    )
    .await?
    .ok_or(Error::NotFound)
}

/// `GET /admin/newsletters/editions/{id}/preview`: the HTML part as mailed (no unsubscribe
/// link: that is each subscriber's own).
async fn preview_html(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response> {
    let r = rendered(&state, &viewer, id).await?;
    Ok(Html(compose::html(&r.content, None)).into_response())
}

/// `GET /admin/newsletters/editions/{id}/preview.txt`: the plain-text part as mailed.
async fn preview_text(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response> {
    let r = rendered(&state, &viewer, id).await?;
    Ok((
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        compose::text(&r.content, None),
    )
        .into_response())
}

/// `POST /admin/newsletters/editions/{id}/test`: the edition to the editor's own address, now.
async fn test_send(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    form: MemberForm<NoFields>,
) -> Result<Response> {
    let r = rendered(&state, &viewer, id).await?;
    let user = form.user;
    let key = format!(
        "newsletter-test.{id}.{}",
        crate::web::session::random_token()
    );
    let sent = send_edition(
        &state.mailer,
        &state.config,
        state.mailroom.key(),
        &r,
        &user.email,
        user.id,
        &key,
    )
    .await;
    let tr = Tr::new(viewer.locale);
    let (error, notice) = match sent {
        Ok(()) => (
            None,
            Some(tr.t1("newsroom-test-sent", "email", &user.email)),
        ),
        Err(e) => (
            Some(tr.t1("newsroom-test-failed", "error", e.to_string())),
            None,
        ),
    };
    edition_page(
        &state,
        &viewer,
        EditionId(id),
        StatusCode::OK,
        None,
        error,
        notice,
    )
    .await
}

/// `POST /admin/newsletters/editions/{id}/send`: sends a draft to every subscriber.
async fn send(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    _form: MemberForm<NoFields>,
) -> Result<Response> {
    require_editor(&viewer)?;
    let id = EditionId(id);
    let edition = state.store.edition(id).await?.ok_or(Error::NotFound)?;
    if state
        .store
        .edition_articles(id, state.clock.now())
        .await?
        .is_empty()
        && edition.intro.is_empty()
    {
        let message = Tr::new(viewer.locale).t("newsroom-edition-empty");
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return edition_page(&state, &viewer, id, status, None, Some(message), None).await;
    }
    if state.store.start_sending(id, state.clock.now()).await? {
        tracing::info!(edition = id.0, "newsletter edition sending");
        state.newsletters.wake();
    }
    Ok(Redirect::to(&format!("/admin/newsletters/editions/{}", id.0)).into_response())
}

/// `GET /admin/newsletters/editions/{id}/progress`: the figures of the edition's page as JSON,
/// which `app.js` polls while it sends.
async fn progress(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response> {
    require_editor(&viewer)?;
    let id = EditionId(id);
    let edition = state.store.edition(id).await?.ok_or(Error::NotFound)?;
    let p = state.store.edition_progress(id).await?;
    Ok(axum::Json(serde_json::json!({
        "status": edition.status.as_str(),
        // What the page shows for the status, in the viewer's language.
        "label": edition_status(Tr::new(viewer.locale), edition.status),
        "recipients": edition.recipients,
        "queued": p.queued,
        "sent": p.sent,
        "failed": p.failed,
    }))
    .into_response())
}
