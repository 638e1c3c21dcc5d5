//! Signing a reader in inside the embedded conversation, where the browser may block
//! third-party cookies:
//!
//! - `GET /embed/signin?site=…`: the sign-in popup. A reader not signed in on this site is sent
//!   through the usual sign-in (password, e-mailed link, single sign-on) and back here; a
//!   signed-in reader gets a one-time code (a single-use token, two minutes) that the page's
//!   script hands to the frame that opened it, by `postMessage` to this site's own origin.
//! - `POST /embed/session`: the frame trades the code for a frame session.
//! - `POST /embed/host-signin`: the frame trades the host page's signed token
//!   (`domain::host_token`) for a frame session of the member tied to the host's reader.
//! - `POST /embed/signout`: ends the frame's session.
//! - `GET /embed/data.json`: the member's data export, inside the frame.
//!
//! A frame session is a row of `sessions` (scope `embed`, revoked as any other) named by a
//! partitioned cookie read only on the embed's routes (`web::session::frame_cookie`).

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use chrono::Duration;
use serde::Deserialize;

use crate::domain::embed::SiteId;
use crate::domain::host_token;
use crate::domain::l10n::Tr;
use crate::domain::return_to::safe_return_to;
use crate::store::embed_signin::EmbedSignin;
use crate::web::forms::CsrfForm;
use crate::web::session::{
    FRAME_SESSION_COOKIE, SESSION_DAYS, Viewer, frame_cookie, frame_session_hash, hash_token,
    random_token,
};
use crate::web::{AppState, Error, Refusal, Result};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/embed/signin", get(popup))
        .route("/embed/signin.js", get(popup_script))
        .route("/embed/session", post(exchange_code))
        .route("/embed/host-signin", post(host_signin))
        .route("/embed/signout", post(signout))
        .route("/embed/csrf", get(form_token))
        // A member signed in only inside the frame gets their data there.
        .route(
            "/embed/data.json",
            get(crate::web::accounts::settings::download_data),
        )
}

/// How long the popup's code works: it is handed over at once.
const CODE_SECONDS: i64 = 120;

const POPUP_SCRIPT: &[u8] = include_bytes!("../../../static/embed-signin.js");

async fn popup_script() -> Response {
    super::frame::script(POPUP_SCRIPT)
}

/// What the framed thread needs for signing in and out.
pub(super) struct FrameAccount {
    pub site: i64,
    /// The form token the frame's script sends with a code or a host token.
    pub csrf: String,
    /// Where the popup starts (shown when signed out).
    pub popup_href: String,
    /// The name of the member signed in with a frame session (then the frame offers to sign
    /// out of it).
    pub member: Option<String>,
    /// Where signing out returns: the frame itself.
    pub return_to: String,
}

pub(super) fn frame_account(site: SiteId, viewer: &Viewer, frame_href: &str) -> FrameAccount {
    FrameAccount {
        site: site.0,
        // A signed-out frame is one page for every reader (the page cache keeps it): its
        // script asks `/embed/csrf` for the reader's own token when it first needs one.
        csrf: if viewer.is_signed_in() {
            viewer.csrf.clone()
        } else {
            String::new()
        },
        popup_href: popup_href(site),
        member: viewer
            .frame_session()
            .and(viewer.user.as_ref())
            .map(|u| u.display_name.clone()),
        return_to: frame_href.to_owned(),
    }
}

/// `GET /embed/csrf`: the frame's form token for this reader (and, for a new signed-out
/// reader, the partitioned cookie it is made from), which the signed-out frame's shared page
/// cannot carry.
async fn form_token(viewer: Viewer) -> Response {
    (
        viewer.cookies(),
        [(header::CACHE_CONTROL, "no-store")],
        axum::Json(serde_json::json!({ "csrf": viewer.csrf })),
    )
        .into_response()
}

fn popup_href(site: SiteId) -> String {
    format!("/embed/signin?site={}", site.0)
}

#[derive(Deserialize)]
struct PopupQuery {
    site: Option<String>,
}

fn site_id(tr: Tr, raw: Option<&str>) -> Result<SiteId> {
    raw.map(str::trim)
        .and_then(|s| s.parse::<i64>().ok())
        .map(SiteId)
        .ok_or_else(|| Error::BadRequest(tr.t("embed-signin-site-number")))
}

#[derive(Template)]
#[template(path = "embed_signin.html")]
struct PopupPage {
    tr: Tr,
    stylesheet: String,
    site_name: String,
    member: String,
    code: String,
}

/// `GET /embed/signin?site=…`: the popup's page (see the module's notes).
async fn popup(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<PopupQuery>,
) -> Result<Response> {
    let tr = Tr::new(viewer.locale);
    let site = site_id(tr, q.site.as_deref())?;
    let Some(row) = state.store.site(site).await? else {
        return Err(Error::Forbidden(tr.t1("embed-no-such-site", "id", site.0)));
    };
    let Some(user) = viewer.user.as_ref() else {
        let back: String = form_urlencoded::byte_serialize(popup_href(site).as_bytes()).collect();
        return Ok(Redirect::to(&format!("/signin?return_to={back}")).into_response());
    };
    let code = random_token();
    let now = state.clock.now();
    let signin = EmbedSignin {
        user_id: user.id,
        site,
    };
    state
        .store
        .create_embed_code(
            &hash_token(&code),
            &signin,
            now,
            now + Duration::seconds(CODE_SECONDS),
        )
        .await?;
    let page = PopupPage {
        tr,
        stylesheet: state.assets.stylesheet.href(),
        site_name: row.name,
        member: user.display_name.clone(),
        code,
    };
    let mut r = (viewer.cookies(), Html(page.render()?)).into_response();
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(r)
}

#[derive(Deserialize)]
struct CodeForm {
    site: Option<String>,
    #[serde(default)]
    code: String,
}

/// `POST /embed/session`: the popup's code, traded for a frame session (204 and its cookie).
async fn exchange_code(
    State(state): State<AppState>,
    viewer: Viewer,
    CsrfForm(form): CsrfForm<CodeForm>,
) -> Result<Response> {
    let tr = Tr::new(viewer.locale);
    let site = site_id(tr, form.site.as_deref())?;
    let code = form.code.trim();
    let taken = if code.is_empty() || code.len() > 64 {
        None
    } else {
        state
            .store
            .take_embed_code(&hash_token(code), state.clock.now())
            .await?
    };
    let Some(signin) = taken else {
        return Err(Error::Rejected(Refusal::new(
            StatusCode::BAD_REQUEST,
            tr.t("embed-signin-code-spent"),
        )));
    };
    if signin.site != site {
        return Err(Error::Forbidden(tr.t("embed-signin-other-site")));
    }
    start_frame_session(&state, signin.user_id, None).await
}

#[derive(Deserialize)]
struct HostTokenForm {
    site: Option<String>,
    #[serde(default)]
    token: String,
}

/// `POST /embed/host-signin`: the host page's signed token, traded for a frame session of the
/// member tied to the host's reader (204 and its cookie), or 422 saying what is wrong with it.
async fn host_signin(
    State(state): State<AppState>,
    viewer: Viewer,
    CsrfForm(form): CsrfForm<HostTokenForm>,
) -> Result<Response> {
    let tr = Tr::new(viewer.locale);
    let site = site_id(tr, form.site.as_deref())?;
    let Some(secret) = state.store.site_signing_secret(site).await? else {
        return Err(Error::Forbidden(tr.t1("embed-no-such-site", "id", site.0)));
    };
    let now = state.clock.now();
    let reader = host_token::verify(&form.token, secret.as_bytes(), site, now).map_err(|p| {
        Error::Rejected(Refusal::new(StatusCode::UNPROCESSABLE_ENTITY, p.message()))
    })?;
    // A token with an id signs in once, in whichever process it reaches first.
    if let Some(id) = reader.token_id.as_deref()
        && !state
            .store
            .spend_host_token_id(site, id, reader.expires_at, now)
            .await?
    {
        return Err(Error::Rejected(Refusal::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            host_token::TokenProblem::Replayed.message(),
        )));
    }
    let user_id = state.store.site_member(site, &reader, now).await?;
    start_frame_session(&state, user_id, Some(site)).await
}

/// A new frame session for `user_id` (started by `host_site`'s sign-in, if so): 204 with its
/// partitioned cookie.
async fn start_frame_session(
    state: &AppState,
    user_id: i64,
    host_site: Option<SiteId>,
) -> Result<Response> {
    let token = random_token();
    let now = state.clock.now();
    let days = Duration::days(SESSION_DAYS);
    state
        .store
        .create_frame_session(
            &frame_session_hash(&token),
            user_id,
            host_site,
            now,
            now + days,
        )
        .await?;
    let mut r = StatusCode::NO_CONTENT.into_response();
    r.headers_mut().append(
        header::SET_COOKIE,
        frame_cookie(FRAME_SESSION_COOKIE, &token, Some(days)),
    );
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(r)
}

#[derive(Deserialize)]
struct SignoutForm {
    return_to: Option<String>,
}

/// `POST /embed/signout`: ends the frame's session and clears its cookie; back to the frame.
/// A session of the whole site is left alone (`POST /signout` ends that).
async fn signout(
    State(state): State<AppState>,
    viewer: Viewer,
    CsrfForm(form): CsrfForm<SignoutForm>,
) -> Result<Response> {
    if let Some(hash) = viewer.frame_session() {
        state.store.delete_session(hash).await?;
    }
    let to = safe_return_to(form.return_to.as_deref());
    let mut r = Redirect::to(&to).into_response();
    r.headers_mut().append(
        header::SET_COOKIE,
        frame_cookie(FRAME_SESSION_COOKIE, "", None),
    );
    Ok(r)
}
