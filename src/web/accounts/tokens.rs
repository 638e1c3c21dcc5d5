//! API tokens in a member's settings: create (the secret is shown once), list, revoke.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use crate::domain::l10n::Tr;
use crate::domain::token::{
    MAX_TOKEN_NAME_CHARS, MAX_TOKENS_PER_USER, Scope, ScopeError, Scopes, TOKEN_PREFIX,
    TokenNameError, check_token_name, scopes_for_role,
};
use crate::web::forms::{MemberForm, NoFields};
use crate::web::layout::{Layout, TimeView};
use crate::web::session::{Viewer, hash_token, random_token};
use crate::web::{AppState, Error, Result};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/settings/tokens", get(tokens_page).post(create_token))
        .route("/settings/tokens/{id}/revoke", post(revoke_token))
}

pub struct TokenView {
    pub id: i64,
    pub name: String,
    pub prefix: String,
    pub scopes: String,
    pub created: TimeView,
    pub last_used: Option<TimeView>,
    pub revoked: Option<TimeView>,
}

pub struct ScopeChoice {
    pub name: &'static str,
    /// What the scope allows (a message id).
    pub label: &'static str,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "tokens.html")]
struct TokensPage {
    layout: Layout,
    csrf: String,
    tokens: Vec<TokenView>,
    choices: Vec<ScopeChoice>,
    name: String,
    /// The secret of the token just created: shown this once, never stored.
    created_secret: Option<String>,
    error: Option<String>,
    /// The member may choose `publish`, so the form asks for their password.
    can_publish: bool,
    /// The error is about the password (the field is marked).
    password_refused: bool,
}

fn scope_label(s: Scope) -> &'static str {
    match s {
        Scope::Read => "desk-scope-read",
        Scope::Comment => "desk-scope-comment",
        Scope::Publish => "desk-scope-publish",
    }
}

/// What went wrong with a token request, if anything, and whether it was the password.
/// A stored scope's name in the token list; an unknown one as stored.
fn scope_name(tr: Tr, scope: &str) -> String {
    match Scope::parse(scope) {
        Some(Scope::Read) => tr.t("desk-scope-name-read"),
        Some(Scope::Comment) => tr.t("desk-scope-name-comment"),
        Some(Scope::Publish) => tr.t("desk-scope-name-publish"),
        None => scope.to_owned(),
    }
}

fn scope_error(tr: Tr, e: &ScopeError) -> String {
    match e {
        ScopeError::Empty => tr.t("desk-scope-none"),
        ScopeError::Unknown(s) => tr.t1("desk-scope-unknown", "scope", s),
        ScopeError::NotAllowed(s) => tr.t1("desk-scope-not-allowed", "scope", s.as_str()),
    }
}

fn token_name_error(tr: Tr, e: &TokenNameError) -> String {
    match e {
        TokenNameError::Empty => tr.t("desk-tokens-name-empty"),
        TokenNameError::TooLong => tr.t1("desk-tokens-name-long", "max", MAX_TOKEN_NAME_CHARS),
        TokenNameError::Control => tr.t("desk-tokens-name-control"),
    }
}

enum Refusal {
    None,
    Form(String),
    Password(String),
}

async fn render(
    state: &AppState,
    viewer: &Viewer,
    status: StatusCode,
    chosen: &[Scope],
    name: String,
    created_secret: Option<String>,
    refusal: Refusal,
) -> Result<Response> {
    let user = viewer.require_user()?;
    let tr = Tr::new(viewer.locale);
    let tokens = state
        .store
        .tokens_of(user.id)
        .await?
        .into_iter()
        .map(|t| TokenView {
            id: t.id,
            name: t.name,
            prefix: t.prefix,
            scopes: t
                .scopes
                .split_whitespace()
                .map(|s| scope_name(tr, s))
                .collect::<Vec<_>>()
                .join(", "),
            created: TimeView::long(t.created_at, &viewer.dates),
            last_used: t.last_used_at.map(|t| TimeView::long(t, &viewer.dates)),
            revoked: t.revoked_at.map(|t| TimeView::long(t, &viewer.dates)),
        })
        .collect();
    let allowed = scopes_for_role(user.role());
    let can_publish = allowed.contains(&Scope::Publish);
    let choices = allowed
        .into_iter()
        .map(|s| ScopeChoice {
            name: s.as_str(),
            label: scope_label(s),
            checked: chosen.contains(&s),
        })
        .collect();
    let page = TokensPage {
        layout: Layout::titled(state, viewer, "desk-tokens-title").await?,
        csrf: viewer.csrf.clone(),
        tokens,
        choices,
        name,
        created_secret,
        password_refused: matches!(refusal, Refusal::Password(_)),
        error: match refusal {
            Refusal::None => None,
            Refusal::Form(m) | Refusal::Password(m) => Some(m),
        },
        can_publish,
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// `GET /settings/tokens`
async fn tokens_page(State(state): State<AppState>, viewer: Viewer) -> Result<Response> {
    render(
        &state,
        &viewer,
        StatusCode::OK,
        &[Scope::Read],
        String::new(),
        None,
        Refusal::None,
    )
    .await
}

#[derive(Deserialize)]
struct CreateForm {
    #[serde(default)]
    name: String,
    scope_read: Option<String>,
    scope_comment: Option<String>,
    scope_publish: Option<String>,
    /// The member's password: needed for a token that can publish.
    #[serde(default)]
    password: String,
}

/// Makes and records a token for `user_id`; its secret, to be shown once, or `None` when the
/// member already has the most live tokens allowed. Settings and `broadsheet user token` both
/// issue tokens through here.
pub async fn issue_token(
    store: &crate::store::Store,
    user_id: i64,
    name: &str,
    scopes: &Scopes,
    now: chrono::DateTime<chrono::Utc>,
) -> crate::store::Result<Option<String>> {
    let secret = format!("{TOKEN_PREFIX}{}", random_token());
    // Enough to tell tokens apart in a list, far too little to guess the rest.
    let prefix: String = secret.chars().take(TOKEN_PREFIX.len() + 6).collect();
    let created = store
        .create_token(
            user_id,
            name,
            &hash_token(&secret),
            &prefix,
            &scopes.to_stored(),
            MAX_TOKENS_PER_USER,
            now,
        )
        .await?;
    Ok(created.map(|_| secret))
}

/// `POST /settings/tokens`: a new token; the page shows its secret once. A token that can
/// publish speaks for the newsroom, so it needs the member's password as well as their session.
async fn create_token(
    State(state): State<AppState>,
    viewer: Viewer,
    MemberForm { user, form }: MemberForm<CreateForm>,
) -> Result<Response> {
    let picked: Vec<&str> = [
        (form.scope_read.is_some(), "read"),
        (form.scope_comment.is_some(), "comment"),
        (form.scope_publish.is_some(), "publish"),
    ]
    .into_iter()
    .filter_map(|(on, name)| on.then_some(name))
    .collect();
    let chosen: Vec<Scope> = picked.iter().filter_map(|n| Scope::parse(n)).collect();
    let refuse = |refusal: Refusal| {
        render(
            &state,
            &viewer,
            StatusCode::UNPROCESSABLE_ENTITY,
            &chosen,
            form.name.clone(),
            None,
            refusal,
        )
    };
    let tr = Tr::new(viewer.locale);
    let name = match check_token_name(&form.name) {
        Ok(n) => n,
        Err(e) => return refuse(Refusal::Form(token_name_error(tr, &e))).await,
    };
    let scopes = match Scopes::choose(picked.iter().copied(), user.role()) {
        Ok(s) => s,
        Err(e) => return refuse(Refusal::Form(scope_error(tr, &e))).await,
    };
    if scopes.contains(Scope::Publish) {
        let phc = state
            .store
            .user_by_id(user.id)
            .await?
            .ok_or(Error::SignInRequired)?
            .password_hash;
        if phc.is_empty() {
            // Made by single sign-on: there is no password to confirm with yet.
            return refuse(Refusal::Password(tr.t("desk-tokens-no-password"))).await;
        }
        if form.password.is_empty() || !state.passwords.verify(form.password.clone(), phc).await {
            return refuse(Refusal::Password(tr.t("desk-tokens-wrong-password"))).await;
        }
    }
    let Some(secret) =
        issue_token(&state.store, user.id, &name, &scopes, state.clock.now()).await?
    else {
        return refuse(Refusal::Form(tr.t1(
            "desk-tokens-too-many",
            "count",
            MAX_TOKENS_PER_USER,
        )))
        .await;
    };
    tracing::info!(user = user.id, scopes = %scopes.to_stored(), "API token created");
    render(
        &state,
        &viewer,
        StatusCode::CREATED,
        &[Scope::Read],
        String::new(),
        Some(secret),
        Refusal::None,
    )
    .await
}

/// `POST /settings/tokens/{id}/revoke`: the token stops working at once.
async fn revoke_token(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    MemberForm { user, .. }: MemberForm<NoFields>,
) -> Result<Response> {
    if !state
        .store
        .revoke_token(id, user.id, state.clock.now())
        .await?
    {
        return Err(Error::NotFound);
    }
    Ok(Redirect::to("/settings/tokens").into_response())
}
