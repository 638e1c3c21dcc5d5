//! The newsroom: `/admin/articles`, the article editor, its preview, workflow and publication,
//! corrections, and the revision history with diffs and restore. Who may do what is
//! `domain::newsroom::article_access`; these handlers only ask it.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::cache::Change;
use super::session::Viewer;
use super::views::{Layout, TimeView};
use super::{AppState, Error, Result};
use crate::domain::frontmatter::MAX_NAME_CHARS;
use crate::domain::newsroom::{
    ArticleAccess, ArticleFacts, DiffKind, Draft, DraftFields, LabelFields, Publication, Workflow,
    article_access, correction_text, line_diff, schedule_time, section_exists, taxonomy_access,
    unknown_section_message,
};
use crate::domain::{ArticleCard, ArticleDetail, Byline, Slug, markdown};
use crate::store::newsroom::{Editing, LabelKind, ListFilter, Saved, Status, When};
use crate::store::sessions::SessionUser;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/articles", get(list))
        .route("/admin/articles/new", get(new_article).post(create))
        .route("/admin/articles/{id}", get(edit).post(save))
        .route("/admin/articles/{id}/preview", get(preview))
        .route("/admin/articles/{id}/workflow", post(workflow))
        .route("/admin/articles/{id}/corrections", post(correct))
        .route("/admin/articles/{id}/revisions", get(history))
        .route(
            "/admin/articles/{id}/revisions/{number}/restore",
            post(restore),
        )
}

/// The signed-in caller and what the policy lets them do with `article` (or with none: the
/// list and new articles).
fn access(viewer: &Viewer, article: Option<&Editing>) -> Result<(SessionUser, ArticleAccess)> {
    let user = viewer.require_user()?.clone();
    let facts = article.map(|a| ArticleFacts {
        is_own: a.created_by == Some(user.id),
        workflow: a.workflow,
    });
    let granted = article_access(user.role(), facts);
    if !granted.enter {
        return Err(Error::Forbidden(
            "The newsroom is for contributors, editors and admins.".into(),
        ));
    }
    Ok((user, granted))
}

fn refuse(what: &str) -> Error {
    Error::Forbidden(format!(
        "You cannot {what}. Contributors edit their own drafts until they submit them; \
         editors and admins publish."
    ))
}

async fn load(state: &AppState, id: i64) -> Result<Editing> {
    state.store.editing(id).await?.ok_or(Error::NotFound)
}

// ---------------------------------------------------------------------------------------------
// The list

pub struct RowView {
    pub href: String,
    pub title: String,
    pub section: String,
    pub workflow: &'static str,
    pub publication: String,
    pub modified: TimeView,
    pub pending: bool,
}

#[derive(Template)]
#[template(path = "admin_articles.html")]
struct ListPage {
    layout: Layout,
    rows: Vec<RowView>,
    status: String,
    section: String,
    author: String,
    q: String,
    sections: Vec<(String, String)>,
    statuses: Vec<(&'static str, &'static str)>,
    only_own: bool,
}

#[derive(Deserialize, Default)]
struct ListQuery {
    #[serde(default)]
    status: String,
    #[serde(default)]
    section: String,
    #[serde(default)]
    author: String,
    #[serde(default)]
    q: String,
}

fn publication_label(p: Publication) -> String {
    match p {
        Publication::Unpublished => "Not published".to_owned(),
        Publication::Scheduled(t) => format!("Scheduled for {}", TimeView::long(t).human),
        Publication::Published(t) => format!("Published {}", TimeView::long(t).human),
    }
}

/// `GET /admin/articles`: articles filtered by status, section, author (byline slug) and text
/// in the headline, newest change first. Contributors see the ones they started.
async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<ListQuery>,
) -> Result<Response> {
    let (user, granted) = access(&viewer, None)?;
    let now = state.clock.now();
    let only_own = !granted.publish;
    let filter = ListFilter {
        status: Status::parse(&q.status),
        section: Slug::parse(q.section.trim())
            .ok()
            .map(|s| s.as_str().to_owned()),
        author: Slug::parse(q.author.trim())
            .ok()
            .map(|s| s.as_str().to_owned()),
        text: q.q.chars().take(200).collect(),
        started_by: only_own.then_some(user.id),
    };
    let rows = state.store.newsroom_list(&filter, now).await?;
    let sections = state.store.sections().await?;
    let page = ListPage {
        layout: super::accounts::layout(&state, &viewer, "Articles").await?,
        rows: rows
            .into_iter()
            .map(|r| RowView {
                href: format!("/admin/articles/{}", r.id),
                title: if r.title.is_empty() { r.slug } else { r.title },
                section: r.section_name,
                workflow: Workflow::parse(&r.workflow)
                    .unwrap_or(Workflow::Draft)
                    .label(),
                publication: publication_label(Publication::of(r.published_at, now)),
                modified: TimeView::long(r.modified_at),
                pending: r.published_at.is_some_and(|p| p <= now) && r.revision != r.live_revision,
            })
            .collect(),
        status: q.status,
        section: q.section,
        author: q.author,
        q: q.q,
        sections: sections.into_iter().map(|s| (s.slug, s.name)).collect(),
        statuses: vec![
            ("draft", "Draft"),
            ("in_review", "In review"),
            ("approved", "Approved"),
            ("scheduled", "Scheduled"),
            ("published", "Published"),
            ("unpublished", "Not published"),
        ],
        only_own,
    };
    Ok(Html(page.render()?).into_response())
}

// ---------------------------------------------------------------------------------------------
// The editor

pub struct DiffLineView {
    pub mark: &'static str,
    pub class: &'static str,
    pub text: String,
}

fn diff_view(old: &Draft, new: &Draft) -> Vec<DiffLineView> {
    line_diff(&old.as_text(), &new.as_text())
        .into_iter()
        .map(|l| {
            let (mark, class) = match l.kind {
                DiffKind::Same => (" ", "same"),
                DiffKind::Removed => ("-", "removed"),
                DiffKind::Added => ("+", "added"),
            };
            DiffLineView {
                mark,
                class,
                text: l.text,
            }
        })
        .collect()
}

pub struct StateView {
    pub workflow: &'static str,
    pub publication: String,
    pub live_href: Option<String>,
    /// Saved changes readers do not see yet.
    pub pending: bool,
    pub is_live: bool,
    pub is_draft: bool,
    /// Published or scheduled: something to unpublish.
    pub has_date: bool,
}

#[derive(Template)]
#[template(path = "admin_article_edit.html")]
struct EditorPage {
    layout: Layout,
    csrf: String,
    id: Option<i64>,
    action: String,
    f: DraftFields,
    revision: i64,
    errors: Vec<String>,
    notice: Option<String>,
    conflict: Vec<DiffLineView>,
    status: Option<StateView>,
    can: ArticleAccess,
    sections: Vec<String>,
    corrections: Vec<(TimeView, String)>,
    schedule_at: String,
    correction: String,
}

/// What the editor page shows besides the form.
#[derive(Default)]
struct Extras {
    errors: Vec<String>,
    notice: Option<String>,
    conflict: Vec<DiffLineView>,
    schedule_at: String,
    correction: String,
}

#[allow(clippy::too_many_arguments)]
async fn editor(
    state: &AppState,
    viewer: &Viewer,
    status: StatusCode,
    article: Option<&Editing>,
    can: ArticleAccess,
    f: DraftFields,
    revision: i64,
    extras: Extras,
) -> Result<Response> {
    let now = state.clock.now();
    let title = match article {
        Some(a) => format!("Edit: {}", a.draft.title),
        None => "New article".to_owned(),
    };
    let page = EditorPage {
        layout: super::accounts::layout(state, viewer, &title).await?,
        csrf: viewer.csrf.clone(),
        id: article.map(|a| a.id),
        action: match article {
            Some(a) => format!("/admin/articles/{}", a.id),
            None => "/admin/articles/new".to_owned(),
        },
        f,
        revision,
        errors: extras.errors,
        notice: extras.notice,
        conflict: extras.conflict,
        status: article.map(|a| {
            let p = Publication::of(a.published_at, now);
            StateView {
                workflow: a.workflow.label(),
                publication: publication_label(p),
                live_href: p.is_live().then(|| format!("/articles/{}", a.live_slug)),
                pending: p.is_live() && a.revision != a.live_revision,
                is_live: p.is_live(),
                is_draft: a.workflow == Workflow::Draft,
                has_date: a.published_at.is_some(),
            }
        }),
        can,
        sections: state
            .store
            .sections()
            .await?
            .into_iter()
            .map(|s| s.name)
            .collect(),
        corrections: article
            .map(|a| {
                a.corrections
                    .iter()
                    .map(|c| (TimeView::long(c.at), c.text.clone()))
                    .collect()
            })
            .unwrap_or_default(),
        schedule_at: extras.schedule_at,
        correction: extras.correction,
    };
    let mut r = (status, Html(page.render()?)).into_response();
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("private, no-store"),
    );
    Ok(r)
}

#[derive(Deserialize)]
struct EditorForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    revision: String,
    #[serde(default)]
    action: String,
    #[serde(flatten)]
    fields: DraftFields,
}

/// The typed fields as a draft, checked, including that its section is one of the site's
/// (drafts choose among them; only the section admin adds sections).
async fn validate(state: &AppState, fields: &DraftFields) -> Result<Result<Draft, Vec<String>>> {
    let sections = state.store.sections().await?;
    let known = |section: &str| {
        section_exists(
            section,
            sections.iter().map(|s| (s.name.as_str(), s.slug.as_str())),
        )
    };
    Ok(match fields.validate() {
        Ok(draft) if !known(&draft.section) => Err(vec![unknown_section_message(&draft.section)]),
        Ok(draft) => Ok(draft),
        Err(mut problems) => {
            let typed = fields.section.trim();
            if !typed.is_empty() && typed.chars().count() <= MAX_NAME_CHARS && !known(typed) {
                problems.push(unknown_section_message(typed));
            }
            Err(problems)
        }
    })
}

/// `GET /admin/articles/new`: an empty editor.
async fn new_article(State(state): State<AppState>, viewer: Viewer) -> Result<Response> {
    let (user, can) = access(&viewer, None)?;
    let f = DraftFields {
        authors: user.display_name.clone(),
        ..DraftFields::default()
    };
    editor(
        &state,
        &viewer,
        StatusCode::OK,
        None,
        can,
        f,
        0,
        Extras::default(),
    )
    .await
}

/// `POST /admin/articles/new`: saves a new draft (or shows its preview) and opens it.
async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<EditorForm>,
) -> Result<Response> {
    let (user, can) = access(&viewer, None)?;
    viewer.check_csrf(&form.csrf)?;
    let draft = match validate(&state, &form.fields).await? {
        Ok(d) => d,
        Err(errors) => {
            let extras = Extras {
                errors,
                ..Extras::default()
            };
            return editor(
                &state,
                &viewer,
                StatusCode::UNPROCESSABLE_ENTITY,
                None,
                can,
                form.fields,
                0,
                extras,
            )
            .await;
        }
    };
    if form.action == "preview" {
        return preview_page(&state, &viewer, None, &draft).await;
    }
    match state
        .store
        .create_draft(&draft, user.id, state.clock.now())
        .await
    {
        Ok(id) => {
            tracing::info!(article = id, by = user.id, "draft created");
            Ok(Redirect::to(&format!("/admin/articles/{id}?saved=1")).into_response())
        }
        Err(crate::store::Error::Conflict(message)) => {
            let extras = Extras {
                errors: vec![message],
                ..Extras::default()
            };
            editor(
                &state,
                &viewer,
                StatusCode::CONFLICT,
                None,
                can,
                form.fields,
                0,
                extras,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
struct EditQuery {
    saved: Option<String>,
    done: Option<String>,
}

/// `GET /admin/articles/{id}`: the editor on the article's working copy, with its state and
/// what the caller may do next.
async fn edit(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Query(q): Query<EditQuery>,
) -> Result<Response> {
    let article = load(&state, id).await?;
    let (_, can) = access(&viewer, Some(&article))?;
    if !can.view {
        return Err(refuse("open an article someone else started"));
    }
    let notice = match (q.saved.is_some(), q.done.as_deref()) {
        (true, _) => Some(format!("Saved as revision {}.", article.revision)),
        (_, Some("submit")) => Some("Submitted for review.".to_owned()),
        (_, Some("send_back")) => Some("Sent back to draft for a rewrite.".to_owned()),
        (_, Some("send_back_unscheduled")) => Some(
            "Sent back to draft for a rewrite, and its scheduled time was cleared: schedule it \
             again once the rewrite is approved."
                .to_owned(),
        ),
        (_, Some("publish")) => Some("Published.".to_owned()),
        (_, Some("schedule")) => Some("Scheduled.".to_owned()),
        (_, Some("unpublish")) => Some("Taken off the site.".to_owned()),
        (_, Some("correct")) => Some("Correction added.".to_owned()),
        (_, Some("restore")) => Some(format!("Restored as revision {}.", article.revision)),
        _ => None,
    };
    let f = DraftFields::of(&article.draft);
    let revision = article.revision;
    let extras = Extras {
        notice,
        ..Extras::default()
    };
    editor(
        &state,
        &viewer,
        StatusCode::OK,
        Some(&article),
        can,
        f,
        revision,
        extras,
    )
    .await
}

/// The typed fields as a draft even when they do not validate, for showing a conflict's diff.
fn loose(f: &DraftFields) -> Draft {
    f.validate().unwrap_or_else(|_| Draft {
        title: f.title.clone(),
        slug: f.slug.clone(),
        summary: f.summary.clone(),
        section: f.section.clone(),
        tags: vec![f.tags.clone()],
        authors: vec![f.authors.clone()],
        body: f.body.replace("\r\n", "\n"),
        image_url: f.image_url.clone(),
        image_alt: f.image_alt.clone(),
        image_caption: f.image_caption.clone(),
    })
}

/// `POST /admin/articles/{id}`: saves the working copy as a new revision (`action=submit` also
/// sends it for review; `action=preview` shows it as readers would, saving nothing). A save
/// over a newer revision than the one opened is refused with both versions shown.
async fn save(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<EditorForm>,
) -> Result<Response> {
    let article = load(&state, id).await?;
    let (user, can) = access(&viewer, Some(&article))?;
    viewer.check_csrf(&form.csrf)?;
    let base: i64 = form.revision.trim().parse().unwrap_or(-1);
    if form.action == "preview" {
        if !can.view {
            return Err(refuse("preview this article"));
        }
    } else if !can.edit {
        return Err(refuse("edit this article now"));
    }
    let draft = match validate(&state, &form.fields).await? {
        Ok(d) => d,
        Err(errors) => {
            let extras = Extras {
                errors,
                ..Extras::default()
            };
            return editor(
                &state,
                &viewer,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(&article),
                can,
                form.fields,
                base,
                extras,
            )
            .await;
        }
    };
    if form.action == "preview" {
        return preview_page(&state, &viewer, Some(&article), &draft).await;
    }
    let now = state.clock.now();
    let saved = state
        .store
        .save_draft(id, &draft, base, user.id, "", now)
        .await;
    match saved {
        Ok(Saved::Revision(number)) => {
            tracing::info!(
                article = id,
                revision = number,
                by = user.id,
                "article saved"
            );
            if !Publication::of(article.published_at, now).is_live() {
                // Not live: the row changed, and a scheduled article's cached pages with it.
                state.pages.changed(Change::Everything);
            }
            if form.action == "submit" && can.submit {
                state
                    .store
                    .set_workflow(id, Workflow::Draft, Workflow::InReview, now)
                    .await?;
                return Ok(
                    Redirect::to(&format!("/admin/articles/{id}?done=submit")).into_response()
                );
            }
            Ok(Redirect::to(&format!("/admin/articles/{id}?saved=1")).into_response())
        }
        Ok(Saved::Conflict { newest }) => {
            // Show what the newer revision holds against what was typed; the form now carries
            // the newest number, so saving again is a deliberate choice to keep this text.
            let current = load(&state, id).await?;
            let who = state
                .store
                .revisions(id)
                .await?
                .into_iter()
                .find(|r| r.number == newest);
            let by = who
                .map(|r| {
                    format!(
                        " by {} at {}",
                        r.saved_by.unwrap_or_else(|| "someone".into()),
                        TimeView::long(r.created_at).human
                    )
                })
                .unwrap_or_default();
            let extras = Extras {
                errors: vec![format!(
                    "Revision {newest} was saved{by} after you opened this article, so your \
                     changes were not saved. The differences between that revision (−) and \
                     your text (+) are below. Save again to replace it with your text, or open \
                     the article afresh to start from it."
                )],
                conflict: diff_view(&current.draft, &loose(&form.fields)),
                ..Extras::default()
            };
            editor(
                &state,
                &viewer,
                StatusCode::CONFLICT,
                Some(&current),
                can,
                form.fields,
                newest,
                extras,
            )
            .await
        }
        Err(crate::store::Error::Conflict(message)) => {
            let extras = Extras {
                errors: vec![message],
                ..Extras::default()
            };
            editor(
                &state,
                &viewer,
                StatusCode::CONFLICT,
                Some(&article),
                can,
                form.fields,
                base,
                extras,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------------------------
// Preview

/// The working copy rendered by the article page's own code, as readers will see it.
async fn preview_page(
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
        },
        body_html: markdown::render_article(&draft.body),
        tags: draft.tags.iter().map(|t| byline(t)).collect(),
        image: draft.image(),
        corrections: article.map(|a| a.corrections.clone()).unwrap_or_default(),
    };
    let html = super::pages::render_preview(state, viewer, &detail).await?;
    let mut r = Html(html).into_response();
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("private, no-store"),
    );
    r.headers_mut()
        .insert("x-robots-tag", header::HeaderValue::from_static("noindex"));
    Ok(r)
}

/// `GET /admin/articles/{id}/preview`: the saved working copy as readers will see it.
async fn preview(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response> {
    let article = load(&state, id).await?;
    let (_, can) = access(&viewer, Some(&article))?;
    if !can.view {
        return Err(refuse("preview this article"));
    }
    preview_page(&state, &viewer, Some(&article), &article.draft).await
}

// ---------------------------------------------------------------------------------------------
// Workflow and publication

#[derive(Deserialize)]
struct WorkflowForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    at: String,
    mark_updated: Option<String>,
}

/// `POST /admin/articles/{id}/workflow`: `action` = `submit` (for review), `send_back` (to
/// draft for a rewrite; a live version stays live), `publish` (now; with `mark_updated` the
/// article shows "Updated"), `schedule` (at `at`, UTC) or `unpublish`.
async fn workflow(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<WorkflowForm>,
) -> Result<Response> {
    let article = load(&state, id).await?;
    let (user, can) = access(&viewer, Some(&article))?;
    viewer.check_csrf(&form.csrf)?;
    let now = state.clock.now();
    let done =
        |what: &str| Ok(Redirect::to(&format!("/admin/articles/{id}?done={what}")).into_response());
    let stale = || Error::Rejected {
        status: StatusCode::CONFLICT,
        message: "Someone changed this article's workflow meanwhile: reload it and try again."
            .into(),
        retry_after: None,
    };
    match form.action.as_str() {
        "submit" => {
            if !can.submit {
                return Err(refuse("submit this article"));
            }
            if article.workflow != Workflow::Draft {
                return Err(Error::BadRequest(
                    "Only a draft can be submitted for review.".into(),
                ));
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
                return Err(refuse("send articles back"));
            }
            if article.workflow == Workflow::Draft {
                return Err(Error::BadRequest("This article is already a draft.".into()));
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
                return Err(refuse("publish articles"));
            }
            let when = if form.action == "publish" {
                When::Now
            } else {
                let checked = match schedule_time(&form.at, now) {
                    Ok(_) if Publication::of(article.published_at, now).is_live() => Err(
                        "This article is live: publish the changes now, or unpublish it first."
                            .to_owned(),
                    ),
                    other => other,
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
            match state.store.publish(id, when, marked, now).await {
                Ok(slug) => {
                    tracing::info!(article = id, %slug, by = user.id, ?when, "published");
                    state.pages.changed(Change::Everything);
                    done(&form.action)
                }
                Err(crate::store::Error::Conflict(message)) => Err(Error::Rejected {
                    status: StatusCode::CONFLICT,
                    message,
                    retry_after: None,
                }),
                Err(e) => Err(e.into()),
            }
        }
        "unpublish" => {
            if !can.publish {
                return Err(refuse("unpublish articles"));
            }
            state.store.unpublish(id, now).await?;
            tracing::info!(article = id, by = user.id, "unpublished");
            state.pages.changed(Change::Everything);
            done("unpublish")
        }
        _ => Err(Error::BadRequest(
            "Choose submit, send back, publish, schedule or unpublish.".into(),
        )),
    }
}

#[derive(Deserialize)]
struct CorrectionForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    text: String,
}

/// `POST /admin/articles/{id}/corrections`: adds a correction note, shown with its time at the
/// foot of the article, in feeds and in its structured data.
async fn correct(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<CorrectionForm>,
) -> Result<Response> {
    let article = load(&state, id).await?;
    let (user, can) = access(&viewer, Some(&article))?;
    viewer.check_csrf(&form.csrf)?;
    if !can.publish {
        return Err(refuse("add corrections"));
    }
    let text = match correction_text(&form.text) {
        Ok(t) => t,
        Err(message) => {
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

pub struct RevisionView {
    pub number: i64,
    pub saved_by: String,
    pub note: String,
    pub saved: TimeView,
    pub is_newest: bool,
    pub is_live: bool,
    pub from: bool,
    pub to: bool,
}

#[derive(Template)]
#[template(path = "admin_article_history.html")]
struct HistoryPage {
    layout: Layout,
    csrf: String,
    id: i64,
    title: String,
    revisions: Vec<RevisionView>,
    can_restore: bool,
    newest: i64,
    compared: Option<(i64, i64)>,
    diff: Vec<DiffLineView>,
}

#[derive(Deserialize, Default)]
struct CompareQuery {
    from: Option<i64>,
    to: Option<i64>,
}

/// `GET /admin/articles/{id}/revisions`: every saved revision; with `?from=N&to=M` the line
/// diff between the two.
async fn history(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Query(q): Query<CompareQuery>,
) -> Result<Response> {
    let article = load(&state, id).await?;
    let (_, can) = access(&viewer, Some(&article))?;
    if !can.view {
        return Err(refuse("see this article's history"));
    }
    let revisions = state.store.revisions(id).await?;
    let (mut compared, mut diff) = (None, Vec::new());
    if let (Some(from), Some(to)) = (q.from, q.to) {
        let old = state.store.revision_content(id, from).await?;
        let new = state.store.revision_content(id, to).await?;
        let (Some(old), Some(new)) = (old, new) else {
            return Err(Error::BadRequest(
                "Choose two revisions of this article to compare.".into(),
            ));
        };
        diff = diff_view(&old, &new);
        compared = Some((from, to));
    }
    // By default the two newest are ticked, the usual question being "what changed last".
    let (from, to) = compared.unwrap_or((article.revision - 1, article.revision));
    let page = HistoryPage {
        layout: super::accounts::layout(&state, &viewer, "Revisions").await?,
        csrf: viewer.csrf.clone(),
        id,
        title: article.draft.title.clone(),
        revisions: revisions
            .into_iter()
            .map(|r| RevisionView {
                number: r.number,
                saved_by: r.saved_by.unwrap_or_else(|| "a former member".into()),
                note: r.note,
                saved: TimeView::long(r.created_at),
                is_newest: r.number == article.revision,
                is_live: article.published_at.is_some() && r.number == article.live_revision,
                from: r.number == from,
                to: r.number == to,
            })
            .collect(),
        can_restore: can.edit,
        newest: article.revision,
        compared,
        diff,
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Deserialize)]
struct RestoreForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    revision: String,
}

/// `POST /admin/articles/{id}/revisions/{number}/restore`: saves revision `number`'s content
/// as the newest revision (refused if someone saved since the history was opened).
async fn restore(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, number)): Path<(i64, i64)>,
    Form(form): Form<RestoreForm>,
) -> Result<Response> {
    let article = load(&state, id).await?;
    let (user, can) = access(&viewer, Some(&article))?;
    viewer.check_csrf(&form.csrf)?;
    if !can.edit {
        return Err(refuse("restore revisions of this article"));
    }
    let draft = state
        .store
        .revision_content(id, number)
        .await?
        .ok_or(Error::NotFound)?;
    let base: i64 = form.revision.trim().parse().unwrap_or(-1);
    let now: DateTime<Utc> = state.clock.now();
    let note = format!("Restored revision {number}");
    match state
        .store
        .save_draft(id, &draft, base, user.id, &note, now)
        .await
    {
        Ok(Saved::Revision(_)) => {
            if !Publication::of(article.published_at, now).is_live() {
                state.pages.changed(Change::Everything);
            }
            Ok(Redirect::to(&format!("/admin/articles/{id}?done=restore")).into_response())
        }
        Ok(Saved::Conflict { newest }) => Err(Error::Rejected {
            status: StatusCode::CONFLICT,
            message: format!(
                "Revision {newest} was saved after you opened the history, so nothing was \
                 restored. Open the history again to see it, then choose."
            ),
            retry_after: None,
        }),
        Err(crate::store::Error::Conflict(message)) => Err(Error::Rejected {
            status: StatusCode::CONFLICT,
            message,
            retry_after: None,
        }),
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------------------------
// Sections, authors and tags

pub struct LabelView {
    pub id: i64,
    pub f: LabelFields,
    pub href: String,
}

#[derive(Template)]
#[template(path = "admin_labels.html")]
struct LabelsPage {
    layout: Layout,
    csrf: String,
    /// "sections", "authors" or "tags": the path and the field set.
    kind: &'static str,
    heading: &'static str,
    singular: &'static str,
    /// The label of the text field ("" when the kind has none).
    text_label: &'static str,
    has_position: bool,
    has_photo: bool,
    items: Vec<LabelView>,
    /// The add form, kept as typed when refused.
    new: LabelFields,
    errors: Vec<String>,
}

#[derive(Clone, Copy)]
struct KindInfo {
    kind: LabelKind,
    path: &'static str,
    heading: &'static str,
    singular: &'static str,
    text_label: &'static str,
    reader_path: &'static str,
}

const SECTIONS: KindInfo = KindInfo {
    kind: LabelKind::Sections,
    path: "sections",
    heading: "Sections",
    singular: "section",
    text_label: "Description",
    reader_path: "/sections/",
};
const AUTHORS: KindInfo = KindInfo {
    kind: LabelKind::Authors,
    path: "authors",
    heading: "Authors",
    singular: "author",
    text_label: "Biography",
    reader_path: "/authors/",
};
const TAGS: KindInfo = KindInfo {
    kind: LabelKind::Tags,
    path: "tags",
    heading: "Tags",
    singular: "tag",
    text_label: "",
    reader_path: "/tags/",
};

pub fn taxonomy_router() -> Router<AppState> {
    Router::new()
        .route("/admin/sections", get(sections_page).post(create_section))
        .route("/admin/sections/{id}", post(update_section))
        .route("/admin/authors", get(authors_page).post(create_author))
        .route("/admin/authors/{id}", post(update_author))
        .route("/admin/tags", get(tags_page).post(create_tag))
        .route("/admin/tags/{id}", post(update_tag))
}

fn require_taxonomy(viewer: &Viewer) -> Result<SessionUser> {
    let user = viewer.require_user()?.clone();
    if !taxonomy_access(user.role()) {
        return Err(Error::Forbidden(
            "Only editors and admins manage sections, authors and tags.".into(),
        ));
    }
    Ok(user)
}

#[allow(clippy::too_many_arguments)]
async fn labels_page(
    state: &AppState,
    viewer: &Viewer,
    info: KindInfo,
    status: StatusCode,
    new: LabelFields,
    errors: Vec<String>,
    error_for: Option<i64>,
    typed_edit: Option<LabelFields>,
) -> Result<Response> {
    let rows = state.store.labels_of(info.kind).await?;
    let mut typed_edit = typed_edit;
    let page = LabelsPage {
        layout: super::accounts::layout(state, viewer, info.heading).await?,
        csrf: viewer.csrf.clone(),
        kind: info.path,
        heading: info.heading,
        singular: info.singular,
        text_label: info.text_label,
        has_position: info.kind == LabelKind::Sections,
        has_photo: info.kind == LabelKind::Authors,
        items: rows
            .into_iter()
            .map(|r| LabelView {
                id: r.id,
                href: format!("{}{}", info.reader_path, r.slug),
                f: match typed_edit.take_if(|_| error_for == Some(r.id)) {
                    Some(typed) => typed,
                    None => LabelFields {
                        name: r.name,
                        slug: r.slug,
                        text: r.text,
                        position: r.position.to_string(),
                        photo_url: r.photo_url.unwrap_or_default(),
                    },
                },
            })
            .collect(),
        new,
        errors,
    };
    Ok((status, Html(page.render()?)).into_response())
}

#[derive(Deserialize)]
struct LabelForm {
    #[serde(default)]
    csrf: String,
    #[serde(flatten)]
    fields: LabelFields,
}

async fn show_labels(state: AppState, viewer: Viewer, info: KindInfo) -> Result<Response> {
    require_taxonomy(&viewer)?;
    labels_page(
        &state,
        &viewer,
        info,
        StatusCode::OK,
        LabelFields::default(),
        Vec::new(),
        None,
        None,
    )
    .await
}

/// Adds (`id` None) or changes one section, author or tag; refusals come back on the page with
/// what was typed.
async fn write_label(
    state: AppState,
    viewer: Viewer,
    info: KindInfo,
    id: Option<i64>,
    form: LabelForm,
) -> Result<Response> {
    let user = require_taxonomy(&viewer)?;
    viewer.check_csrf(&form.csrf)?;
    let label = match form.fields.validate() {
        Ok(l) => l,
        Err(errors) => {
            return refused(
                &state,
                &viewer,
                info,
                id,
                form.fields,
                StatusCode::UNPROCESSABLE_ENTITY,
                errors,
            )
            .await;
        }
    };
    let written = match id {
        None => state
            .store
            .create_label(info.kind, &label, state.clock.now())
            .await
            .map(|_| true),
        Some(id) => state.store.update_label(info.kind, id, &label).await,
    };
    match written {
        Ok(true) => {
            tracing::info!(kind = info.path, slug = %label.slug, by = user.id, "label saved");
            // Names and order show on every page (navigation, bylines, kickers).
            state.pages.changed(Change::Everything);
            Ok(Redirect::to(&format!("/admin/{}", info.path)).into_response())
        }
        Ok(false) => Err(Error::NotFound),
        Err(crate::store::Error::Conflict(message)) => {
            refused(
                &state,
                &viewer,
                info,
                id,
                form.fields,
                StatusCode::CONFLICT,
                vec![message],
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// The page again with the refusal, the typed values in the form they were typed into.
async fn refused(
    state: &AppState,
    viewer: &Viewer,
    info: KindInfo,
    id: Option<i64>,
    typed: LabelFields,
    status: StatusCode,
    errors: Vec<String>,
) -> Result<Response> {
    match id {
        None => labels_page(state, viewer, info, status, typed, errors, None, None).await,
        Some(id) => {
            let new = LabelFields::default();
            labels_page(
                state,
                viewer,
                info,
                status,
                new,
                errors,
                Some(id),
                Some(typed),
            )
            .await
        }
    }
}

/// `GET /admin/sections`: sections with their description and front-page order.
async fn sections_page(State(state): State<AppState>, viewer: Viewer) -> Result<Response> {
    show_labels(state, viewer, SECTIONS).await
}

/// `POST /admin/sections`: adds a section.
async fn create_section(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<LabelForm>,
) -> Result<Response> {
    write_label(state, viewer, SECTIONS, None, form).await
}

/// `POST /admin/sections/{id}`: renames, re-slugs, describes or reorders a section.
async fn update_section(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<LabelForm>,
) -> Result<Response> {
    write_label(state, viewer, SECTIONS, Some(id), form).await
}

/// `GET /admin/authors`: authors (bylines) with their biography and photo.
async fn authors_page(State(state): State<AppState>, viewer: Viewer) -> Result<Response> {
    show_labels(state, viewer, AUTHORS).await
}

/// `POST /admin/authors`: adds an author.
async fn create_author(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<LabelForm>,
) -> Result<Response> {
    write_label(state, viewer, AUTHORS, None, form).await
}

/// `POST /admin/authors/{id}`: changes an author's name, slug, biography or photo.
async fn update_author(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<LabelForm>,
) -> Result<Response> {
    write_label(state, viewer, AUTHORS, Some(id), form).await
}

/// `GET /admin/tags`: the tags.
async fn tags_page(State(state): State<AppState>, viewer: Viewer) -> Result<Response> {
    show_labels(state, viewer, TAGS).await
}

/// `POST /admin/tags`: adds a tag.
async fn create_tag(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<LabelForm>,
) -> Result<Response> {
    write_label(state, viewer, TAGS, None, form).await
}

/// `POST /admin/tags/{id}`: renames or re-slugs a tag.
async fn update_tag(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<LabelForm>,
) -> Result<Response> {
    write_label(state, viewer, TAGS, Some(id), form).await
}
