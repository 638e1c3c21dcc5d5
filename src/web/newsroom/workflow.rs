//! An article's preview (alone, and framed at a phone's and a desktop's width), its workflow
//! (review, scheduling, publication) and corrections.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::articles::{Extras, editor};
use super::words::schedule_problem;
use super::{access, load, refuse};
use crate::domain::l10n::Tr;
use crate::domain::newsroom::{
    CorrectionProblem, Draft, DraftFields, Publication, Workflow, correction_text, schedule_time,
};
use crate::domain::{ArticleCard, ArticleDetail, Byline, Slug};
use crate::store::newsroom::{Editing, When};
use crate::web::cache::Change;
use crate::web::forms::MemberForm;
use crate::web::session::Viewer;
use crate::web::{AppState, Error, Refusal, Result};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/articles/{id}/preview", get(preview))
        .route("/admin/articles/{id}/preview/widths", get(preview_widths))
        .route("/admin/articles/{id}/workflow", post(workflow))
        .route("/admin/articles/{id}/corrections", post(correct))
}

/// The working copy rendered by the article page's own code, as readers will see it.
pub(super) async fn preview_page(
    state: &AppState,
    viewer: &Viewer,
    article: Option<&Editing>,
    draft: &Draft,
) -> Result<Response> {
    let now = state.clock.now();
    let byline = |name: &str| Byline {
        slug: Slug::from_title(name)
            .map(|s| s.as_str().to_owned())
            .unwrap_or_default(),
        name: name.to_owned(),
    };
    let published_at = article.and_then(|a| a.published_at).unwrap_or(now);
    let languages = match article {
        Some(a) => {
            let fields = state.store.language_fields(a.id).await?;
            crate::domain::article::ArticleLanguages {
                own: fields.lang,
                translated: fields.translation_of.is_some(),
            }
        }
        None => Default::default(),
    };
    let detail = ArticleDetail {
        card: ArticleCard {
            id: article.map_or(0, |a| a.id),
            slug: draft.slug.clone(),
            title: draft.title.clone(),
            summary: draft.summary.clone(),
            published_at,
            updated_at: article.and_then(|a| a.updated_at),
            comment_count: 0,
            section: byline(&draft.section),
            authors: draft.authors.iter().map(|a| byline(a)).collect(),
            coverage: crate::domain::live::Coverage::None,
        },
        body_html: state.store.render_preview(&draft.body).await?,
        tags: draft.tags.iter().map(|t| byline(t)).collect(),
        image: draft.image(),
        corrections: article.map(|a| a.corrections.clone()).unwrap_or_default(),
        languages,
    };
    let html = crate::web::reading::pages::render_preview(state, viewer, &detail).await?;
    let mut headers = header::HeaderMap::new();
    crate::web::middleware::allow_story_frames(&mut headers, &html);
    let mut r = Html(html).into_response();
    r.headers_mut().extend(headers);
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("private, no-store"),
    );
    r.headers_mut()
        .insert("x-robots-tag", header::HeaderValue::from_static("noindex"));
    // The newsroom's own preview page frames it, at a phone's and a desktop's width.
    let policy = crate::web::middleware::policy_framed_by("frame-ancestors 'self'");
    r.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        header::HeaderValue::from_str(&policy).expect("the policy is ASCII"),
    );
    Ok(r)
}

/// `GET /admin/articles/{id}/preview`: the saved working copy as readers will see it.
pub(super) async fn preview(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response> {
    let article = load(&state, id).await?;
    let (_, can) = access(&viewer, Some(&article))?;
    if !can.view {
        return Err(refuse(&viewer, "newsroom-cannot-preview"));
    }
    preview_page(&state, &viewer, Some(&article), &article.draft).await
}

#[derive(Template)]
#[template(path = "admin_article_preview.html")]
struct WidthsPage {
    layout: crate::web::layout::Layout,
    id: i64,
    title: String,
    phone: bool,
}

#[derive(Deserialize, Default)]
struct WidthsQuery {
    #[serde(default)]
    width: String,
}

/// `GET /admin/articles/{id}/preview/widths?width=phone|desktop`: the preview in a frame as
/// wide as a phone's screen (the default) or as the window. Links switch, so no script is
/// needed.
async fn preview_widths(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Query(q): Query<WidthsQuery>,
) -> Result<Response> {
    let article = load(&state, id).await?;
    let (_, can) = access(&viewer, Some(&article))?;
    if !can.view {
        return Err(refuse(&viewer, "newsroom-cannot-preview"));
    }
    let title = Tr::new(viewer.locale).t1("newsroom-preview-of", "title", &article.draft.title);
    let page = WidthsPage {
        layout: crate::web::layout::Layout::load(&state, &viewer, &title).await?,
        id,
        title: article.draft.title.clone(),
        phone: q.width != "desktop",
    };
    let mut r = Html(page.render()?).into_response();
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("private, no-store"),
    );
    Ok(r)
}

// ---------------------------------------------------------------------------------------------
// Workflow and publication

#[derive(Deserialize)]
struct WorkflowForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    at: String,
    mark_updated: Option<String>,
}

/// `POST /admin/articles/{id}/workflow`: `action` = `submit` (for review), `send_back` (to
/// draft for a rewrite; a live version stays live), `publish` (now; with `mark_updated` the
/// article shows "Updated"), `schedule` (at `at`, on the viewer's clocks: their own time zone,
/// else the site's) or `unpublish`.
async fn workflow(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    MemberForm { form, .. }: MemberForm<WorkflowForm>,
) -> Result<Response> {
    let article = load(&state, id).await?;
    let (user, can) = access(&viewer, Some(&article))?;
    let now = state.clock.now();
    let done =
        |what: &str| Ok(Redirect::to(&format!("/admin/articles/{id}?done={what}")).into_response());
    let tr = Tr::new(viewer.locale);
    let stale = || {
        Error::Rejected(Refusal {
            status: StatusCode::CONFLICT,
            message: tr.t("newsroom-workflow-stale"),
            retry_after: None,
        })
    };
    match form.action.as_str() {
        "submit" => {
            if !can.submit {
                return Err(refuse(&viewer, "newsroom-cannot-submit"));
            }
            if article.workflow != Workflow::Draft {
                return Err(Error::BadRequest(tr.t("newsroom-only-drafts-submitted")));
            }
            if !state
                .store
                .set_workflow(id, Workflow::Draft, Workflow::InReview, now)
                .await?
            {
                return Err(stale());
            }
            tracing::info!(article = id, by = user.id, "submitted for review");
            done("submit")
        }
        "send_back" => {
            if !can.publish {
                return Err(refuse(&viewer, "newsroom-cannot-send-back"));
            }
            if article.workflow == Workflow::Draft {
                return Err(Error::BadRequest(tr.t("newsroom-already-draft")));
            }
            if !state.store.send_back(id, article.workflow, now).await? {
                return Err(stale());
            }
            if let Publication::Scheduled(at) = Publication::of(article.published_at, now) {
                tracing::info!(article = id, by = user.id, %at, "sent back; schedule cleared");
                return done("send_back_unscheduled");
            }
            done("send_back")
        }
        "publish" | "schedule" => {
            if !can.publish {
                return Err(refuse(&viewer, "newsroom-cannot-publish"));
            }
            let when = if form.action == "publish" {
                When::Now
            } else {
                let zone = viewer.dates.zone;
                let checked = match schedule_time(&form.at, zone, now) {
                    Ok(_) if Publication::of(article.published_at, now).is_live() => {
                        Err(tr.t("newsroom-schedule-live"))
                    }
                    Ok(at) => Ok(at),
                    Err(problem) => Err(schedule_problem(tr, problem, zone.name())),
                };
                match checked {
                    Ok(at) => When::At(at),
                    Err(message) => {
                        let f = DraftFields::of(&article.draft);
                        let revision = article.revision;
                        let extras = Extras {
                            errors: vec![message],
                            schedule_at: form.at.clone(),
                            ..Extras::default()
                        };
                        return editor(
                            &state,
                            &viewer,
                            StatusCode::UNPROCESSABLE_ENTITY,
                            Some(&article),
                            can,
                            f,
                            revision,
                            extras,
                        )
                        .await;
                    }
                }
            };
            let marked = form.mark_updated.is_some() && when == When::Now;
            let published = state.store.publish(id, when, marked, now).await;
            match published.map_err(|e| super::words::worded(Tr::new(viewer.locale), e)) {
                Ok(slug) => {
                    tracing::info!(article = id, %slug, by = user.id, ?when, "published");
                    state.pages.changed(Change::Everything);
                    done(&form.action)
                }
                Err(crate::store::Error::Conflict(message)) => Err(Error::Rejected(Refusal {
                    status: StatusCode::CONFLICT,
                    message,
                    retry_after: None,
                })),
                Err(e) => Err(e.into()),
            }
        }
        "unpublish" => {
            if !can.publish {
                return Err(refuse(&viewer, "newsroom-cannot-unpublish"));
            }
            state.store.unpublish(id, now).await?;
            tracing::info!(article = id, by = user.id, "unpublished");
            state.pages.changed(Change::Everything);
            done("unpublish")
        }
        _ => Err(Error::BadRequest(tr.t("newsroom-choose-workflow-action"))),
    }
}

#[derive(Deserialize)]
struct CorrectionForm {
    #[serde(default)]
    text: String,
}

/// `POST /admin/articles/{id}/corrections`: adds a correction note, shown with its time at the
/// foot of the article, in feeds and in its structured data.
async fn correct(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    MemberForm { form, .. }: MemberForm<CorrectionForm>,
) -> Result<Response> {
    let article = load(&state, id).await?;
    let (user, can) = access(&viewer, Some(&article))?;
    if !can.publish {
        return Err(refuse(&viewer, "newsroom-cannot-correct"));
    }
    let text = match correction_text(&form.text) {
        Ok(t) => t,
        Err(problem) => {
            let tr = Tr::new(viewer.locale);
            let message = match problem {
                CorrectionProblem::Empty => tr.t("newsroom-correction-empty"),
                CorrectionProblem::TooLong(max) => {
                    tr.t1("newsroom-correction-too-long", "max", max)
                }
            };
            let f = DraftFields::of(&article.draft);
            let revision = article.revision;
            let extras = Extras {
                errors: vec![message],
                correction: form.text.clone(),
                ..Extras::default()
            };
            return editor(
                &state,
                &viewer,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(&article),
                can,
                f,
                revision,
                extras,
            )
            .await;
        }
    };
    state
        .store
        .add_correction(id, &text, state.clock.now())
        .await?;
    tracing::info!(article = id, by = user.id, "correction added");
    state.pages.changed(Change::Everything);
    Ok(Redirect::to(&format!("/admin/articles/{id}?done=correct")).into_response())
}

// ---------------------------------------------------------------------------------------------
// History
