//! Newsletters on the web: the public list and subscribing (`public.rs`), the one-click
//! unsubscribe and the editions' web versions (`public.rs`), and the newsroom's pages to define
//! newsletters and compose and send editions (`admin.rs`, `editions.rs`).

mod admin;
mod editions;
mod public;
mod words;

use axum::Router;

use crate::domain::l10n::Tr;
use crate::domain::user::Role;
use crate::store::sessions::SessionUser;
use crate::web::session::Viewer;
use crate::web::{AppState, Error, Result};

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(public::router())
        .merge(admin::router())
        .merge(editions::router())
}

/// Editors and admins manage newsletters and send editions.
fn require_editor(viewer: &Viewer) -> Result<SessionUser> {
    let user = viewer.require_user()?.clone();
    if user.role() < Role::Editor {
        return Err(Error::Forbidden(
            Tr::new(viewer.locale).t("nlm-editors-only"),
        ));
    }
    Ok(user)
}

/// A mailed token as this site makes them (32 random bytes, base64url): anything else is not
/// looked up.
fn plausible_token(token: &str) -> bool {
    token.len() == 43
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}
