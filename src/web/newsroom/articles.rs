//! The article list and the editor: new articles, drafts, saving.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;

use super::words::{CODE, draft_problem, publication_label, with_code, workflow_label};
use super::workflow::preview_page;
use super::{access, load, refuse};
use crate::domain::Slug;
use crate::domain::frontmatter::MAX_NAME_CHARS;
use crate::domain::l10n::Tr;
use crate::domain::newsroom::{
    ArticleAccess, DiffKind, Draft, DraftFields, Publication, Workflow, line_diff, section_exists,
};
use crate::store::newsroom::{Editing, ListFilter, Saved, Status};
use crate::web::cache::Change;
use crate::web::forms::MemberForm;
use crate::web::layout::{Layout, TimeView};
use crate::web::session::Viewer;
use crate::web::{AppState, Result};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/articles", get(list))
        .route("/admin/articles/new", get(new_article).post(create))
        .route("/admin/articles/{id}", get(edit).post(save))
}

pub struct RowView {
    pub href: String,
    pub title: String,
    pub section: String,
    pub workflow: String,
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
    statuses: Vec<(&'static str, String)>,
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
    let tr = Tr::new(viewer.locale);
    let page = ListPage {
        layout: Layout::titled(&state, &viewer, "newsroom-articles").await?,
        rows: rows
            .into_iter()
            .map(|r| RowView {
                href: format!("/admin/articles/{}", r.id),
                title: if r.title.is_empty() { r.slug } else { r.title },
                section: r.section_name,
                workflow: workflow_label(tr, r.workflow),
                publication: publication_label(
                    tr,
                    Publication::of(r.published_at, now),
                    &viewer.dates,
                ),
                modified: TimeView::long(r.modified_at, &viewer.dates),
                pending: r.published_at.is_some_and(|p| p <= now) && r.revision != r.live_revision,
            })
            .collect(),
        status: q.status,
        section: q.section,
        author: q.author,
        q: q.q,
        sections: sections.into_iter().map(|s| (s.slug, s.name)).collect(),
        statuses: [
            ("draft", "newsroom-status-draft"),
            ("in_review", "newsroom-status-in-review"),
            ("approved", "newsroom-status-approved"),
            ("scheduled", "newsroom-status-scheduled"),
            ("published", "newsroom-status-published"),
            ("unpublished", "newsroom-status-unpublished"),
        ]
        .into_iter()
        .map(|(value, id)| (value, tr.t(id)))
        .collect(),
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

/// The line diff of two working copies, their fields named in `tr`'s words.
pub(super) fn diff_view(tr: Tr, old: &Draft, new: &Draft) -> Vec<DiffLineView> {
    let line = |field, value: &str| super::words::draft_line(tr, field, value);
    line_diff(&old.as_text(line), &new.as_text(line))
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
    pub workflow: String,
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
    /// The rich-text editor's script and stylesheet (it mounts over the body's text area).
    editor_js: String,
    editor_css: String,
    /// The editor script's words, as JSON for the page's `editor-words` data block.
    editor_words: String,
    /// The body field's hint, as HTML (it shows the block syntax as code).
    body_hint: String,
    /// The time zone the schedule field is read in: the viewer's own, else the site's.
    zone: &'static str,
    /// The language form (editors, an existing article): as saved, or as typed when refused.
    language: LanguageForm,
    site_language: String,
    /// Autosave of the working copy (an existing article the caller may edit).
    autosave: Option<super::autosave::AutosaveView>,
}

/// The article's language and the article it translates, as the form shows them.
#[derive(Clone, Debug, Default)]
pub(super) struct LanguageForm {
    pub(super) lang: String,
    pub(super) translation_of: String,
}

/// What the editor page shows besides the form.
#[derive(Default)]
pub(super) struct Extras {
    pub(super) errors: Vec<String>,
    pub(super) notice: Option<String>,
    pub(super) conflict: Vec<DiffLineView>,
    pub(super) schedule_at: String,
    pub(super) correction: String,
    /// The language form as typed, when it was refused.
    pub(super) language: Option<LanguageForm>,
    /// The offer of an autosaved draft newer than the last revision.
    pub(super) autosave_offer: Option<super::autosave::OfferView>,
}

#[allow(clippy::too_many_arguments)]
pub(super) async fn editor(
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
    let tr = Tr::new(viewer.locale);
    let title = match article {
        Some(a) => tr.t1("newsroom-edit-title", "title", &a.draft.title),
        None => tr.t("newsroom-new-article"),
    };
    let language = match (extras.language, article) {
        (Some(typed), _) => typed,
        (None, Some(a)) if can.publish => {
            let saved = state.store.language_fields(a.id).await?;
            LanguageForm {
                lang: saved.lang.unwrap_or_default(),
                translation_of: saved.translation_of.unwrap_or_default(),
            }
        }
        (None, _) => LanguageForm::default(),
    };
    // An article the caller may edit, or a new one (whoever opens it may start one).
    let autosave = match article {
        Some(_) if !can.edit => None,
        a => Some(super::autosave::view(
            state,
            viewer,
            a.map(|a| a.id),
            extras.autosave_offer,
        )),
    };
    let page = EditorPage {
        autosave,
        language,
        site_language: state.config.locale.tag().to_owned(),
        layout: Layout::load(state, viewer, &title).await?,
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
                workflow: workflow_label(tr, a.workflow),
                publication: publication_label(tr, p, &viewer.dates),
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
                    .map(|c| (TimeView::long(c.at, &viewer.dates), c.text.clone()))
                    .collect()
            })
            .unwrap_or_default(),
        schedule_at: extras.schedule_at,
        correction: extras.correction,
        editor_js: state.assets.editor_script.href(),
        editor_css: state.assets.editor_style.href(),
        editor_words: super::editor_words::script_words(tr),
        body_hint: with_code(&tr.t1("newsroom-body-hint", "code", CODE), "::name"),
        zone: viewer.dates.zone.name(),
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
    revision: String,
    #[serde(default)]
    action: String,
    #[serde(flatten)]
    fields: DraftFields,
}

/// The typed fields as a draft, checked, including that its section is one of the site's
/// (drafts choose among them; only the section admin adds sections).
async fn validate(
    state: &AppState,
    tr: Tr,
    fields: &DraftFields,
    by: i64,
) -> Result<Result<Draft, Vec<String>>> {
    let sections = state.store.sections().await?;
    let known = |section: &str| {
        section_exists(
            section,
            sections.iter().map(|s| (s.name.as_str(), s.slug.as_str())),
        )
    };
    let unknown = |section: &str| {
        let shown: String = section.chars().take(MAX_NAME_CHARS).collect();
        tr.t1("newsroom-problem-unknown-section", "section", shown)
    };
    Ok(match fields.validate() {
        Ok(draft) if !known(&draft.section) => Err(vec![unknown(&draft.section)]),
        Ok(draft) => {
            let problems = super::blocks::prepare_body(state, &draft.body, by).await?;
            if problems.is_empty() {
                Ok(draft)
            } else {
                Err(problems)
            }
        }
        Err(problems) => {
            let mut problems: Vec<String> = problems.iter().map(|p| draft_problem(tr, p)).collect();
            let typed = fields.section.trim();
            if !typed.is_empty() && typed.chars().count() <= MAX_NAME_CHARS && !known(typed) {
                problems.push(unknown(typed));
            }
            Err(problems)
        }
    })
}

/// `GET /admin/articles/new`: an empty editor, offering the caller's autosaved new article
/// (`?autosave=restore`: holding it).
async fn new_article(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<EditQuery>,
) -> Result<Response> {
    let (user, can) = access(&viewer, None)?;
    let f = DraftFields {
        authors: user.display_name.clone(),
        ..DraftFields::default()
    };
    let restore = q.autosave.as_deref() == Some("restore");
    let opened = super::autosave::on_open_new(&state, &viewer, user.id, &f, restore).await?;
    let (f, notice) = match opened.restored {
        Some((typed, _, restored)) => (typed, Some(restored)),
        None => (f, None),
    };
    let extras = Extras {
        notice,
        autosave_offer: opened.offer,
        ..Extras::default()
    };
    editor(&state, &viewer, StatusCode::OK, None, can, f, 0, extras).await
}

/// `POST /admin/articles/new`: saves a new draft (or shows its preview) and opens it.
async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    MemberForm { form, .. }: MemberForm<EditorForm>,
) -> Result<Response> {
    let (user, can) = access(&viewer, None)?;
    let draft = match validate(&state, Tr::new(viewer.locale), &form.fields, user.id).await? {
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
        .map_err(|e| super::words::worded(Tr::new(viewer.locale), e))
    {
        Ok(id) => {
            tracing::info!(article = id, by = user.id, "draft created");
            // Saved as an article: the autosave of it as a new one is no longer worth offering.
            state.store.discard_new_autosave(user.id).await?;
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
    /// `restore`: the form holds the caller's autosaved draft.
    autosave: Option<String>,
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
        return Err(refuse(&viewer, "newsroom-cannot-open"));
    }
    let tr = Tr::new(viewer.locale);
    let notice = match (q.saved.is_some(), q.done.as_deref()) {
        (true, _) => Some(tr.t1("newsroom-saved-as-revision", "number", article.revision)),
        (_, Some("restore")) => Some(tr.t1("newsroom-restored-as", "number", article.revision)),
        (_, Some(done)) => match done {
            "submit" => Some("newsroom-done-submit"),
            "send_back" => Some("newsroom-done-send-back"),
            "send_back_unscheduled" => Some("newsroom-done-send-back-unscheduled"),
            "publish" => Some("newsroom-done-publish"),
            "schedule" => Some("newsroom-done-schedule"),
            "unpublish" => Some("newsroom-done-unpublish"),
            "correct" => Some("newsroom-done-correct"),
            "language" => Some("newsroom-done-language"),
            _ => None,
        }
        .map(|id| tr.t(id)),
        _ => None,
    };
    let restore = q.autosave.as_deref() == Some("restore");
    let opened = super::autosave::on_open(&state, &viewer, &article, can, restore).await?;
    let (f, revision, notice) = match opened.restored {
        Some((f, base, restored)) => (f, base, Some(restored)),
        None => (DraftFields::of(&article.draft), article.revision, notice),
    };
    let extras = Extras {
        notice,
        autosave_offer: opened.offer,
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
    MemberForm { form, .. }: MemberForm<EditorForm>,
) -> Result<Response> {
    let article = load(&state, id).await?;
    let (user, can) = access(&viewer, Some(&article))?;
    let base: i64 = form.revision.trim().parse().unwrap_or(-1);
    if form.action == "preview" {
        if !can.view {
            return Err(refuse(&viewer, "newsroom-cannot-preview"));
        }
    } else if !can.edit {
        return Err(refuse(&viewer, "newsroom-cannot-edit"));
    }
    let draft = match validate(&state, Tr::new(viewer.locale), &form.fields, user.id).await? {
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
        .await
        .map_err(|e| super::words::worded(Tr::new(viewer.locale), e));
    match saved {
        Ok(Saved::Revision(number)) => {
            tracing::info!(
                article = id,
                revision = number,
                by = user.id,
                "article saved"
            );
            // Saved as a revision: the autosave of it is no longer worth offering.
            state.store.discard_autosave(id, user.id).await?;
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
            let tr = Tr::new(viewer.locale);
            let saved = match who {
                Some(r) => {
                    let by = tr.t2(
                        "newsroom-saved-by-at",
                        "name",
                        r.saved_by.unwrap_or_else(|| tr.t("newsroom-someone")),
                        "time",
                        TimeView::long(r.created_at, &viewer.dates).human,
                    );
                    tr.t2("newsroom-revision-saved-by", "number", newest, "by", by)
                }
                None => tr.t1("newsroom-revision-saved", "number", newest),
            };
            let extras = Extras {
                errors: vec![format!("{saved} {}", tr.t("newsroom-conflict-explained"))],
                conflict: diff_view(tr, &current.draft, &loose(&form.fields)),
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
