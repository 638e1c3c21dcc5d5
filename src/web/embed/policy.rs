//! Comment policies of embedded conversations, and where staff see the threads: a site's
//! default (`POST /admin/sites/{id}/policy`, admins) with its threads listed at
//! `/admin/sites/{id}/threads`, and one thread's desk view (`/admin/threads/{article_id}`),
//! where editors and admins set that thread's own policy. The policy is the one every article
//! has (`comment_policies`): the site's default stands where a section's would.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use crate::domain::embed::SiteId;
use crate::domain::l10n::Tr;
use crate::domain::moderation::{CommentMode, PolicyLayer};
use crate::store::embedded::ThreadRow;
use crate::store::moderation::PolicyOf;
use crate::store::sites::{EmbeddedThread, SiteRow};
use crate::web::cache::Change;
use crate::web::forms::MemberForm;
use crate::web::layout::{Layout, TimeView};
use crate::web::moderation::settings::policy_layer_of;
use crate::web::moderation::{actor, require_staff};
use crate::web::session::Viewer;
use crate::web::{AppState, Error, Result};

/// The most threads a site's list shows (the newest).
const THREADS_SHOWN: i64 = 200;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/sites/{id}/threads", get(site_threads))
        .route("/admin/sites/{id}/policy", post(save_site_policy))
        .route("/admin/threads/{article_id}", get(thread_view))
        .route(
            "/admin/threads/{article_id}/policy",
            post(save_thread_policy),
        )
}

/// A policy form's fields, as stored or as typed.
pub(super) struct PolicyFields {
    pub action: String,
    /// Prefix of the form's element ids (unique on the page).
    pub id: String,
    /// The mode menu's label and the save button's accessible name, naming what the policy is
    /// for.
    pub label: String,
    pub save_label: String,
    pub mode: String,
    pub first: String,
    pub days: String,
}

impl PolicyFields {
    pub(super) fn of(
        action: String,
        id: String,
        (label, save_label): (String, String),
        layer: PolicyLayer,
    ) -> Self {
        let (mode, first) = layer.mode.map_or(("inherit", None), |m| m.stored());
        PolicyFields {
            action,
            id,
            label,
            save_label,
            mode: mode.to_owned(),
            first: first.map_or(String::new(), |n| n.to_string()),
            days: layer
                .auto_close_days
                .map_or(String::new(), |d| d.to_string()),
        }
    }

    fn typed(mut self, form: &PolicyForm) -> Self {
        self.mode = form.mode.clone();
        self.first = form.first.clone();
        self.days = form.auto_close_days.clone();
        self
    }
}

/// A site's default policy form.
pub(super) async fn site_policy_fields(
    state: &AppState,
    tr: Tr,
    site: &SiteRow,
) -> Result<PolicyFields> {
    let layer = state.store.policy_layer("embed_site", site.id).await?;
    Ok(PolicyFields::of(
        format!("/admin/sites/{}/policy", site.id),
        format!("site-{}-policy", site.id),
        (
            tr.t1("embed-policy-site", "site", &site.name),
            tr.t1("embed-policy-save-site", "site", &site.name),
        ),
        layer,
    ))
}

#[derive(Deserialize, Default, Clone)]
struct PolicyForm {
    #[serde(default)]
    mode: String,
    #[serde(default)]
    first: String,
    #[serde(default)]
    auto_close_days: String,
}

struct ThreadView {
    href: String,
    title: String,
    url: String,
    comments: i64,
    created: TimeView,
}

#[derive(Template)]
#[template(path = "admin_embed_threads.html")]
struct ThreadsPage {
    layout: Layout,
    csrf: String,
    site: String,
    policy: PolicyFields,
    error: Option<String>,
    threads: Vec<ThreadView>,
}

async fn threads_page(
    state: &AppState,
    viewer: &Viewer,
    site: &SiteRow,
    status: StatusCode,
    typed: Option<(&PolicyForm, String)>,
) -> Result<Response> {
    let tr = Tr::new(viewer.locale);
    let mut policy = site_policy_fields(state, tr, site).await?;
    let mut error = None;
    if let Some((form, message)) = typed {
        policy = policy.typed(form);
        error = Some(message);
    }
    let threads = state
        .store
        .site_threads(site.id(), THREADS_SHOWN)
        .await?
        .into_iter()
        .map(|t: ThreadRow| ThreadView {
            href: format!("/admin/threads/{}", t.article_id),
            title: t.title,
            url: t.url,
            comments: t.comment_count,
            created: TimeView::long(t.created_at, &viewer.dates),
        })
        .collect();
    let page = ThreadsPage {
        layout: Layout::load(
            state,
            viewer,
            &tr.t1("embed-threads-of", "site", &site.name),
        )
        .await?,
        csrf: viewer.csrf.clone(),
        site: site.name.clone(),
        policy,
        error,
        threads,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn site_or_404(state: &AppState, id: i64) -> Result<SiteRow> {
    state.store.site(SiteId(id)).await?.ok_or(Error::NotFound)
}

/// `GET /admin/sites/{id}/threads`: the site's default policy and its threads (admins).
async fn site_threads(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response> {
    super::sites::require_admin(&viewer)?;
    let site = site_or_404(&state, id).await?;
    threads_page(&state, &viewer, &site, StatusCode::OK, None).await
}

/// Sets `scope`'s policy from the form, logged as set for `of`; the form's problem otherwise.
async fn save(
    state: &AppState,
    viewer: &Viewer,
    (scope, id): (&str, i64),
    form: &PolicyForm,
    of: PolicyOf<'_>,
) -> Result<std::result::Result<(), String>> {
    let user = viewer.require_user()?;
    let layer = match policy_layer_of(&form.mode, &form.first, &form.auto_close_days) {
        Ok(l) => l,
        Err(e) => return Ok(Err(e)),
    };
    state
        .store
        .set_policy(scope, id, layer, &actor(user), of, state.clock.now())
        .await?;
    // The kept signed-out frames show the policy (the closed notice, the pre-moderation hint):
    // a thread's own drops its pages; a site's, every page (it stands under all its threads).
    state.pages.changed(match scope {
        "article" => Change::Comments { article_id: id },
        _ => Change::Everything,
    });
    Ok(Ok(()))
}

/// `POST /admin/sites/{id}/policy`: the default policy of the site's threads (admins).
async fn save_site_policy(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    MemberForm { form, .. }: MemberForm<PolicyForm>,
) -> Result<Response> {
    super::sites::require_admin(&viewer)?;
    let site = site_or_404(&state, id).await?;
    let of = ("embed_site", site.name.as_str());
    match save(&state, &viewer, ("embed_site", site.id), &form, of).await? {
        Ok(()) => Ok(Redirect::to(&format!("/admin/sites/{id}/threads")).into_response()),
        Err(e) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            threads_page(&state, &viewer, &site, status, Some((&form, e))).await
        }
    }
}

#[derive(Template)]
#[template(path = "admin_embed_thread.html")]
struct ThreadPage {
    layout: Layout,
    csrf: String,
    title: String,
    url: String,
    site: String,
    site_href: String,
    frame_href: String,
    comments: i64,
    in_force: String,
    policy: PolicyFields,
    error: Option<String>,
}

async fn thread_or_404(state: &AppState, article_id: i64) -> Result<(EmbeddedThread, SiteRow)> {
    let thread = state
        .store
        .embedded_thread_of(article_id)
        .await?
        .ok_or(Error::NotFound)?;
    let site = site_or_404(state, thread.site_id.0).await?;
    Ok((thread, site))
}

async fn thread_page(
    state: &AppState,
    viewer: &Viewer,
    (thread, site): (&EmbeddedThread, &SiteRow),
    status: StatusCode,
    typed: Option<(&PolicyForm, String)>,
) -> Result<Response> {
    let id = thread.article.card.id;
    let layer = state.store.policy_layer("article", id).await?;
    let in_force = state.store.comment_policy(id).await?;
    let tr = Tr::new(viewer.locale);
    let mode = match in_force.mode {
        CommentMode::Open => tr.t("embed-in-force-open"),
        CommentMode::Closed => tr.t("embed-in-force-closed"),
        CommentMode::PreModerated { first: None } => tr.t("embed-in-force-premoderated"),
        CommentMode::PreModerated { first: Some(n) } => {
            tr.t1("embed-in-force-premoderated-first", "count", n)
        }
    };
    let words = match in_force.closes_at(thread.article.card.published_at) {
        Some(t) if in_force.is_closed(thread.article.card.published_at, state.clock.now()) => {
            let date = TimeView::long(t, &viewer.dates).human;
            tr.t2("embed-in-force-closed-since", "mode", &mode, "date", &date)
        }
        Some(t) => {
            let date = TimeView::long(t, &viewer.dates).human;
            tr.t2("embed-in-force-closes", "mode", &mode, "date", &date)
        }
        None => mode,
    };
    let title = &thread.article.card.title;
    let mut policy = PolicyFields::of(
        format!("/admin/threads/{id}/policy"),
        "thread-policy".into(),
        (
            tr.t("embed-policy-thread"),
            tr.t("embed-policy-save-thread"),
        ),
        layer,
    );
    let mut error = None;
    if let Some((form, message)) = typed {
        policy = policy.typed(form);
        error = Some(message);
    }
    let key = state
        .store
        .embedded_thread_by_slug(&thread.article.card.slug)
        .await?
        .map_or(String::new(), |(_, k)| k);
    let page = ThreadPage {
        layout: Layout::load(
            state,
            viewer,
            &tr.t1("embed-thread-page-title", "title", title),
        )
        .await?,
        csrf: viewer.csrf.clone(),
        title: title.clone(),
        url: thread.url.clone(),
        site: site.name.clone(),
        site_href: format!("/admin/sites/{}/threads", site.id),
        frame_href: super::thread_href(thread, &key),
        comments: thread.article.card.comment_count,
        in_force: words,
        policy,
        error,
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// `GET /admin/threads/{article_id}`: an embedded page's thread on the desk: its page, its
/// policy in force and its own (editors and admins).
async fn thread_view(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(article_id): Path<i64>,
) -> Result<Response> {
    require_staff(&viewer, |a| a.policies)?;
    let (thread, site) = thread_or_404(&state, article_id).await?;
    thread_page(&state, &viewer, (&thread, &site), StatusCode::OK, None).await
}

/// `POST /admin/threads/{article_id}/policy`: the thread's own policy (editors and admins).
async fn save_thread_policy(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(article_id): Path<i64>,
    MemberForm { form, .. }: MemberForm<PolicyForm>,
) -> Result<Response> {
    require_staff(&viewer, |a| a.policies)?;
    let (thread, site) = thread_or_404(&state, article_id).await?;
    let of = ("embed_thread", thread.article.card.title.as_str());
    match save(&state, &viewer, ("article", article_id), &form, of).await? {
        Ok(()) => Ok(Redirect::to(&format!("/admin/threads/{article_id}")).into_response()),
        Err(e) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            thread_page(&state, &viewer, (&thread, &site), status, Some((&form, e))).await
        }
    }
}
