//! `/admin/newsletters` (editors and admins): the newsletters, a form to add one, and each
//! newsletter's page with its settings, its editions and a form to start a new edition.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;

use super::require_editor;
use crate::domain::l10n::Tr;
use crate::domain::newsletter::{
    EditionStatus, NewsletterFields, NewsletterId, Source, check_fields,
};
use crate::store;
use crate::store::newsroom::LabelKind;
use crate::web::forms::MemberForm;
use crate::web::layout::Layout;
use crate::web::newsroom::words::worded;
use crate::web::session::Viewer;
use crate::web::{AppState, Error, Result};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/newsletters", get(list).post(create))
        .route("/admin/newsletters/{id}", get(show).post(update))
}

/// The newsletter form's fields as typed.
#[derive(Deserialize, Default, Clone)]
pub(super) struct Fields {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub sender_name: String,
    /// `picked`, `section` or `tag`.
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub section: String,
    #[serde(default)]
    pub tag: String,
    #[serde(default)]
    pub hour: String,
}

/// The new-edition form's fields as typed.
#[derive(Deserialize, Default, Clone)]
pub(super) struct EditionForm {
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub intro: String,
    /// Article slugs, one a line.
    #[serde(default)]
    pub articles: String,
}

pub(super) struct Choice {
    pub id: i64,
    pub name: String,
}

pub(super) struct Row {
    pub id: i64,
    pub name: String,
    pub subscribers: i64,
    pub what: String,
}

#[derive(Template)]
#[template(path = "admin_newsletters.html")]
struct ListPage {
    layout: Layout,
    /// The site's time zone, which automatic editions' hours are in.
    site_zone: &'static str,
    csrf: String,
    rows: Vec<Row>,
    f: Fields,
    sections: Vec<Choice>,
    tags: Vec<Choice>,
    error: Option<String>,
}

pub(super) async fn choices(state: &AppState, kind: LabelKind) -> Result<Vec<Choice>> {
    Ok(state
        .store
        .labels_of(kind)
        .await?
        .into_iter()
        .map(|l| Choice {
            id: l.id,
            name: l.name,
        })
        .collect())
}

/// What fills a newsletter, in words.
fn describe(
    tr: Tr,
    source: Option<Source>,
    sections: &[Choice],
    tags: &[Choice],
    zone: &str,
) -> String {
    let name = |list: &[Choice], id: i64| {
        list.iter()
            .find(|c| c.id == id)
            .map_or_else(String::new, |c| c.name.clone())
    };
    let at = |hour: u32| format!("{hour:02}:00 {zone}");
    match source {
        Some(Source::Picked) => tr.t("newsroom-newsletter-picked"),
        Some(Source::Section { section_id, hour }) => tr.t2(
            "newsroom-newsletter-daily-section",
            "name",
            name(sections, section_id),
            "at",
            at(hour),
        ),
        Some(Source::Tag { tag_id, hour }) => tr.t2(
            "newsroom-newsletter-daily-tag",
            "name",
            name(tags, tag_id),
            "at",
            at(hour),
        ),
        None => tr.t("newsroom-newsletter-source-gone"),
    }
}

/// The form's fields checked.
fn parse(tr: Tr, f: &Fields) -> std::result::Result<NewsletterFields, String> {
    let hour = || {
        f.hour
            .trim()
            .parse::<u32>()
            .map_err(|_| tr.t("newsroom-newsletter-hour-wrong"))
    };
    let id = |text: &str, missing: &str| text.parse::<i64>().map_err(|_| tr.t(missing));
    let source = match f.source.as_str() {
        "section" => Source::Section {
            section_id: id(&f.section, "newsroom-newsletter-choose-section")?,
            hour: hour()?,
        },
        "tag" => Source::Tag {
            tag_id: id(&f.tag, "newsroom-newsletter-choose-tag")?,
            hour: hour()?,
        },
        _ => Source::Picked,
    };
    check_fields(&f.name, &f.description, &f.sender_name, source)
        .map_err(|p| super::words::problem(tr, p))
}

async fn list_page(
    state: &AppState,
    viewer: &Viewer,
    status: StatusCode,
    f: Fields,
    error: Option<String>,
) -> Result<Response> {
    let sections = choices(state, LabelKind::Sections).await?;
    let tags = choices(state, LabelKind::Tags).await?;
    let rows = state
        .store
        .newsletters()
        .await?
        .into_iter()
        .map(|n| Row {
            id: n.id.0,
            what: describe(
                Tr::new(viewer.locale),
                n.source,
                &sections,
                &tags,
                state.config.time_zone.name(),
            ),
            name: n.name,
            subscribers: n.subscribers,
        })
        .collect();
    let page = ListPage {
        site_zone: state.config.time_zone.name(),
        layout: Layout::titled(state, viewer, "newsroom-newsletters").await?,
        csrf: viewer.csrf.clone(),
        rows,
        f,
        sections,
        tags,
        error,
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// `GET /admin/newsletters`
async fn list(State(state): State<AppState>, viewer: Viewer) -> Result<Response> {
    require_editor(&viewer)?;
    let f = Fields {
        source: "picked".into(),
        hour: "7".into(),
        ..Fields::default()
    };
    list_page(&state, &viewer, StatusCode::OK, f, None).await
}

/// `POST /admin/newsletters`
async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    form: MemberForm<Fields>,
) -> Result<Response> {
    require_editor(&viewer)?;
    let typed = form.form;
    let tr = Tr::new(viewer.locale);
    let (status, message) = match parse(tr, &typed) {
        Err(e) => (StatusCode::UNPROCESSABLE_ENTITY, e),
        Ok(fields) => match state
            .store
            .create_newsletter(&fields, state.clock.now())
            .await
            .map_err(|e| worded(tr, e))
        {
            Ok(id) => {
                return Ok(Redirect::to(&format!("/admin/newsletters/{}", id.0)).into_response());
            }
            Err(store::Error::Conflict(m)) => (StatusCode::CONFLICT, m),
            Err(e) => return Err(e.into()),
        },
    };
    list_page(&state, &viewer, status, typed, Some(message)).await
}

pub(super) struct EditionRow {
    pub id: i64,
    pub subject: String,
    pub status: &'static str,
    pub status_label: String,
    pub recipients: i64,
}

#[derive(Template)]
#[template(path = "admin_newsletter.html")]
struct ShowPage {
    layout: Layout,
    site_zone: &'static str,
    csrf: String,
    id: i64,
    f: Fields,
    sections: Vec<Choice>,
    tags: Vec<Choice>,
    subscribers: i64,
    editions: Vec<EditionRow>,
    error: Option<String>,
    /// The new-edition form (as typed when it was refused).
    edition: EditionForm,
}

/// A newsletter's page: `typed`, its settings as typed; `edition`, the new-edition form's.
pub(super) async fn show_page(
    state: &AppState,
    viewer: &Viewer,
    id: NewsletterId,
    status: StatusCode,
    typed: Option<Fields>,
    error: Option<String>,
    edition: EditionForm,
) -> Result<Response> {
    let letter = state.store.newsletter(id).await?.ok_or(Error::NotFound)?;
    let f = typed.unwrap_or_else(|| {
        let (source, section, tag, hour) = match letter.source {
            Some(Source::Section { section_id, hour }) => (
                "section",
                section_id.to_string(),
                String::new(),
                hour.to_string(),
            ),
            Some(Source::Tag { tag_id, hour }) => {
                ("tag", String::new(), tag_id.to_string(), hour.to_string())
            }
            _ => ("picked", String::new(), String::new(), "7".to_owned()),
        };
        Fields {
            name: letter.name.clone(),
            description: letter.description.clone(),
            sender_name: letter.sender_name.clone(),
            source: source.into(),
            section,
            tag,
            hour,
        }
    });
    let editions = state
        .store
        .editions_of(id, 50)
        .await?
        .into_iter()
        .map(|e| EditionRow {
            id: e.id.0,
            subject: e.subject,
            status: e.status.as_str(),
            status_label: edition_status(Tr::new(viewer.locale), e.status),
            recipients: e.recipients,
        })
        .collect();
    let page = ShowPage {
        site_zone: state.config.time_zone.name(),
        layout: Layout::load(state, viewer, &letter.name).await?,
        csrf: viewer.csrf.clone(),
        id: id.0,
        f,
        sections: choices(state, LabelKind::Sections).await?,
        tags: choices(state, LabelKind::Tags).await?,
        subscribers: letter.subscribers,
        editions,
        error,
        edition,
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// `GET /admin/newsletters/{id}`
async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response> {
    require_editor(&viewer)?;
    show_page(
        &state,
        &viewer,
        NewsletterId(id),
        StatusCode::OK,
        None,
        None,
        EditionForm::default(),
    )
    .await
}

/// `POST /admin/newsletters/{id}`
async fn update(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    form: MemberForm<Fields>,
) -> Result<Response> {
    require_editor(&viewer)?;
    let id = NewsletterId(id);
    let typed = form.form;
    let tr = Tr::new(viewer.locale);
    let fields = match parse(tr, &typed) {
        Ok(f) => f,
        Err(e) => {
            return show_page(
                &state,
                &viewer,
                id,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(typed),
                Some(e),
                EditionForm::default(),
            )
            .await;
        }
    };
    match state
        .store
        .update_newsletter(id, &fields, state.clock.now())
        .await
        .map_err(|e| worded(tr, e))
    {
        Ok(()) => Ok(Redirect::to(&format!("/admin/newsletters/{}", id.0)).into_response()),
        Err(store::Error::Conflict(m)) => {
            show_page(
                &state,
                &viewer,
                id,
                StatusCode::CONFLICT,
                Some(typed),
                Some(m),
                EditionForm::default(),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// An edition's status in words.
pub(super) fn edition_status(tr: Tr, s: EditionStatus) -> String {
    tr.t(match s {
        EditionStatus::Draft => "newsroom-edition-draft",
        EditionStatus::Sending => "newsroom-edition-sending",
        EditionStatus::Sent => "newsroom-edition-sent",
    })
}
