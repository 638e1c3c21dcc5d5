//! Sections, authors and tags: the labels articles are filed under.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use crate::domain::l10n::Tr;
use crate::domain::newsroom::{LabelField, LabelFields, LabelProblem, taxonomy_access};
use crate::store::newsroom::LabelKind;
use crate::store::sessions::SessionUser;
use crate::web::cache::Change;
use crate::web::forms::MemberForm;
use crate::web::layout::Layout;
use crate::web::session::Viewer;
use crate::web::{AppState, Error, Result};

pub struct LabelView {
    pub id: i64,
    pub f: LabelFields,
    pub href: String,
    /// The save button's accessible name: "Save section Science".
    pub save_label: String,
}

#[derive(Template)]
#[template(path = "admin_labels.html")]
struct LabelsPage {
    layout: Layout,
    csrf: String,
    /// "sections", "authors" or "tags": the path and the field set.
    kind: &'static str,
    /// The form ids begin with it.
    singular: &'static str,
    words: Words,
    /// The message id of the text field's label ("" when the kind has none).
    text_label: &'static str,
    has_position: bool,
    has_photo: bool,
    items: Vec<LabelView>,
    /// The add form, kept as typed when refused.
    new: LabelFields,
    errors: Vec<String>,
}

/// The message ids of a kind's page.
#[derive(Clone, Copy)]
struct Words {
    heading: &'static str,
    add_heading: &'static str,
    add_button: &'static str,
    all_heading: &'static str,
}

#[derive(Clone, Copy)]
struct KindInfo {
    kind: LabelKind,
    path: &'static str,
    singular: &'static str,
    words: Words,
    text_label: &'static str,
    reader_path: &'static str,
}

const SECTIONS: KindInfo = KindInfo {
    kind: LabelKind::Sections,
    path: "sections",
    singular: "section",
    words: Words {
        heading: "newsroom-sections",
        add_heading: "newsroom-add-section-heading",
        add_button: "newsroom-add-section",
        all_heading: "newsroom-all-sections",
    },
    text_label: "newsroom-description-field",
    reader_path: "/sections/",
};
const AUTHORS: KindInfo = KindInfo {
    kind: LabelKind::Authors,
    path: "authors",
    singular: "author",
    words: Words {
        heading: "newsroom-authors",
        add_heading: "newsroom-add-author-heading",
        add_button: "newsroom-add-author",
        all_heading: "newsroom-all-authors",
    },
    text_label: "newsroom-biography",
    reader_path: "/authors/",
};
const TAGS: KindInfo = KindInfo {
    kind: LabelKind::Tags,
    path: "tags",
    singular: "tag",
    words: Words {
        heading: "newsroom-tags",
        add_heading: "newsroom-add-tag-heading",
        add_button: "newsroom-add-tag",
        all_heading: "newsroom-all-tags",
    },
    text_label: "",
    reader_path: "/tags/",
};

/// The save button's accessible name for the label `name` of `kind`.
fn save_label(tr: Tr, kind: LabelKind, name: &str) -> String {
    match kind {
        LabelKind::Sections => tr.t1("newsroom-save-section", "name", name),
        LabelKind::Authors => tr.t1("newsroom-save-author", "name", name),
        LabelKind::Tags => tr.t1("newsroom-save-tag", "name", name),
    }
}

/// A refused label field, as a sentence saying what to fix.
fn label_problem(tr: Tr, p: LabelProblem) -> String {
    match p {
        LabelProblem::NoName => tr.t("newsroom-label-no-name"),
        LabelProblem::BadSlug => tr.t("newsroom-label-bad-slug"),
        LabelProblem::BadPosition => tr.t("newsroom-label-bad-position"),
        LabelProblem::BadPhotoAddress => tr.t("newsroom-label-bad-photo"),
        LabelProblem::TooLong { field, max } => {
            let field = tr.t(match field {
                LabelField::Name => "newsroom-label-field-name",
                LabelField::Description => "newsroom-label-field-description",
                LabelField::PhotoAddress => "newsroom-label-field-photo",
            });
            tr.t2("newsroom-problem-too-long", "field", field, "max", max)
        }
    }
}

pub(super) fn router() -> Router<AppState> {
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
            Tr::new(viewer.locale).t("newsroom-labels-forbidden"),
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
    let tr = Tr::new(viewer.locale);
    let page = LabelsPage {
        layout: Layout::load(state, viewer, &tr.t(info.words.heading)).await?,
        csrf: viewer.csrf.clone(),
        kind: info.path,
        singular: info.singular,
        words: info.words,
        text_label: info.text_label,
        has_position: info.kind == LabelKind::Sections,
        has_photo: info.kind == LabelKind::Authors,
        items: rows
            .into_iter()
            .map(|r| {
                let href = format!("{}{}", info.reader_path, r.slug);
                let f = match typed_edit.take_if(|_| error_for == Some(r.id)) {
                    Some(typed) => typed,
                    None => LabelFields {
                        name: r.name,
                        slug: r.slug,
                        text: r.text,
                        position: r.position.to_string(),
                        photo_url: r.photo_url.unwrap_or_default(),
                    },
                };
                LabelView {
                    id: r.id,
                    href,
                    save_label: save_label(tr, info.kind, &f.name),
                    f,
                }
            })
            .collect(),
        new,
        errors,
    };
    Ok((status, Html(page.render()?)).into_response())
}

#[derive(Deserialize)]
struct LabelForm {
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
    let label = match form.fields.validate() {
        Ok(l) => l,
        Err(problems) => {
            let tr = Tr::new(viewer.locale);
            let errors = problems.into_iter().map(|p| label_problem(tr, p)).collect();
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
    match written.map_err(|e| super::words::worded(Tr::new(viewer.locale), e)) {
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
    MemberForm { form, .. }: MemberForm<LabelForm>,
) -> Result<Response> {
    write_label(state, viewer, SECTIONS, None, form).await
}

/// `POST /admin/sections/{id}`: renames, re-slugs, describes or reorders a section.
async fn update_section(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    MemberForm { form, .. }: MemberForm<LabelForm>,
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
    MemberForm { form, .. }: MemberForm<LabelForm>,
) -> Result<Response> {
    write_label(state, viewer, AUTHORS, None, form).await
}

/// `POST /admin/authors/{id}`: changes an author's name, slug, biography or photo.
async fn update_author(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    MemberForm { form, .. }: MemberForm<LabelForm>,
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
    MemberForm { form, .. }: MemberForm<LabelForm>,
) -> Result<Response> {
    write_label(state, viewer, TAGS, None, form).await
}

/// `POST /admin/tags/{id}`: renames or re-slugs a tag.
async fn update_tag(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    MemberForm { form, .. }: MemberForm<LabelForm>,
) -> Result<Response> {
    write_label(state, viewer, TAGS, Some(id), form).await
}
