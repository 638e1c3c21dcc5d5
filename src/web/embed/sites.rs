//! `/admin/sites`: the sites that embed the conversation (admins only): list, register, change
//! a site's origins, rotate its signing secret (shown once).

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use crate::domain::embed::{SiteId, parse_origins, site_name};
use crate::domain::l10n::Tr;
use crate::domain::user::Role;
use crate::web::forms::{MemberForm, NoFields};
use crate::web::layout::{Layout, TimeView};
use crate::web::session::Viewer;
use crate::web::{AppState, Error, Result};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/sites", get(sites_page).post(add_site))
        .route("/admin/sites/{id}/origins", post(edit_origins))
        .route("/admin/sites/{id}/secret", post(rotate_secret))
}

pub(super) fn require_admin(viewer: &Viewer) -> Result<()> {
    if viewer.require_user()?.role() != Role::Admin {
        return Err(Error::Forbidden(
            Tr::new(viewer.locale).t("embed-admins-only"),
        ));
    }
    Ok(())
}

struct SiteView {
    id: i64,
    name: String,
    origins: String,
    /// "(site 3, added <time>…</time>)".
    added: String,
    snippet: String,
    count_snippet: String,
    /// The default comment policy of the site's threads.
    policy: super::policy::PolicyFields,
}

/// A secret just made, shown this once.
struct Revealed {
    site: String,
    id: i64,
    secret: String,
}

#[derive(Template)]
#[template(path = "admin_sites.html")]
struct SitesPage {
    layout: Layout,
    /// The page's introduction, its example origin as code.
    intro: String,
    csrf: String,
    sites: Vec<SiteView>,
    name: String,
    origins: String,
    error: Option<String>,
    revealed: Option<Revealed>,
}

/// What a rejected form had, to show it again.
#[derive(Default)]
struct Typed {
    name: String,
    origins: String,
    error: Option<String>,
}

async fn render(
    state: &AppState,
    viewer: &Viewer,
    status: StatusCode,
    typed: Typed,
    revealed: Option<Revealed>,
) -> Result<Response> {
    let base = state.config.base_url.trim_end_matches('/');
    let tr = Tr::new(viewer.locale);
    let mut sites = Vec::new();
    for s in state.store.sites().await? {
        let first = s.origin_list().first().map(|o| o.as_str().to_owned());
        let example = first.unwrap_or_default();
        sites.push(SiteView {
            snippet: format!(
                "<div data-broadsheet-conversation data-site=\"{id}\" data-page=\"{example}/your-page\" data-title=\"{title}\"></div>\n<script src=\"{base}/embed.js\" async></script>",
                id = s.id,
                title = tr.t("embed-snippet-page-title"),
            ),
            count_snippet: format!(
                "<a data-broadsheet-count data-site=\"{id}\" href=\"{example}/your-page\">{text}</a>\n<script src=\"{base}/embed.js\" async></script>",
                id = s.id,
                text = tr.t("embed-snippet-count-text"),
            ),
            policy: super::policy::site_policy_fields(state, tr, &s).await?,
            added: {
                let created = TimeView::long(s.created_at, &viewer.dates);
                let time = format!(
                    "<time datetime=\"{}\">{}</time>",
                    created.iso,
                    super::escape(&created.human)
                );
                super::with_markup(
                    &tr.t2("embed-site-added", "id", s.id, "date", super::SLOT),
                    &time,
                )
            },
            id: s.id,
            name: s.name,
            origins: s.origins.replace(' ', "\n"),
        });
    }
    let page = SitesPage {
        layout: Layout::titled(state, viewer, "embed-sites-title").await?,
        intro: super::with_markup(
            &tr.t1("embed-sites-intro", "example", super::SLOT),
            "<code>https://blog.example</code>",
        ),
        csrf: viewer.csrf.clone(),
        sites,
        name: typed.name,
        origins: typed.origins,
        error: typed.error,
        revealed,
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// `GET /admin/sites`
async fn sites_page(State(state): State<AppState>, viewer: Viewer) -> Result<Response> {
    require_admin(&viewer)?;
    render(&state, &viewer, StatusCode::OK, Typed::default(), None).await
}

#[derive(Deserialize)]
struct SiteForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    origins: String,
}

/// `POST /admin/sites`: registers a site and shows its secret once.
async fn add_site(
    State(state): State<AppState>,
    viewer: Viewer,
    MemberForm { form, .. }: MemberForm<SiteForm>,
) -> Result<Response> {
    require_admin(&viewer)?;
    let checked = site_name(&form.name).and_then(|n| Ok((n, parse_origins(&form.origins)?)));
    let refuse = |status, error: String| {
        Typed {
            name: form.name.clone(),
            origins: form.origins.clone(),
            error: Some(error),
        }
        .with_status(status)
    };
    let (name, origins) = match checked {
        Ok(v) => v,
        Err(e) => {
            let (status, typed) = refuse(StatusCode::UNPROCESSABLE_ENTITY, e);
            return render(&state, &viewer, status, typed, None).await;
        }
    };
    let secret = super::new_site_secret();
    let now = state.clock.now();
    match state.store.create_site(&name, &origins, &secret, now).await {
        Ok(id) => {
            let revealed = Revealed {
                site: name,
                id: id.0,
                secret,
            };
            render(
                &state,
                &viewer,
                StatusCode::CREATED,
                Typed::default(),
                Some(revealed),
            )
            .await
        }
        Err(crate::store::Error::Duplicate(k)) if k.is("sites", &["name"]) => {
            let (status, typed) = refuse(
                StatusCode::CONFLICT,
                Tr::new(viewer.locale).t1("embed-site-name-taken", "name", &name),
            );
            render(&state, &viewer, status, typed, None).await
        }
        Err(e) => Err(e.into()),
    }
}

impl Typed {
    fn with_status(self, status: StatusCode) -> (StatusCode, Typed) {
        (status, self)
    }
}

#[derive(Deserialize)]
struct OriginsForm {
    #[serde(default)]
    origins: String,
}

/// `POST /admin/sites/{id}/origins`: replaces the site's allowed origins.
async fn edit_origins(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    MemberForm { form, .. }: MemberForm<OriginsForm>,
) -> Result<Response> {
    require_admin(&viewer)?;
    let origins = match parse_origins(&form.origins) {
        Ok(o) => o,
        Err(e) => {
            let typed = Typed {
                error: Some(Tr::new(viewer.locale).t2(
                    "embed-site-origins-problem",
                    "id",
                    id,
                    "problem",
                    &e,
                )),
                ..Typed::default()
            };
            return render(
                &state,
                &viewer,
                StatusCode::UNPROCESSABLE_ENTITY,
                typed,
                None,
            )
            .await;
        }
    };
    if !state.store.set_site_origins(SiteId(id), &origins).await? {
        return Err(Error::NotFound);
    }
    // The kept signed-out frames carry the old origins in their framing policy.
    state.pages.changed(crate::web::cache::Change::Everything);
    Ok(axum::response::Redirect::to("/admin/sites").into_response())
}

/// `POST /admin/sites/{id}/secret`: a new signing secret, shown once; the old one stops
/// working at once.
async fn rotate_secret(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    MemberForm { .. }: MemberForm<NoFields>,
) -> Result<Response> {
    require_admin(&viewer)?;
    let site = state.store.site(SiteId(id)).await?.ok_or(Error::NotFound)?;
    let secret = super::new_site_secret();
    if !state.store.set_site_secret(SiteId(id), &secret).await? {
        return Err(Error::NotFound);
    }
    let revealed = Revealed {
        site: site.name,
        id,
        secret,
    };
    render(
        &state,
        &viewer,
        StatusCode::OK,
        Typed::default(),
        Some(revealed),
    )
    .await
}
