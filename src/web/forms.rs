//! Forms as handlers receive them: parsed, and with their CSRF token already checked.
//!
//! [`CsrfForm`] serves a form anyone may send (sign in, sign up, reset); [`MemberForm`] serves
//! one only a signed-in member may send, and asks for sign-in before it looks at the token, so
//! a visitor whose session ended is sent to sign in rather than told the form expired.

use axum::body::{Body, Bytes};
use axum::extract::{Form, FromRequest, FromRequestParts, Request};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

use crate::store::sessions::SessionUser;
use crate::web::AppState;
use crate::web::session::Viewer;

/// A form whose only field is its CSRF token (sign out, delete, revoke, send again…).
#[derive(serde::Deserialize)]
pub struct NoFields {}

/// The urlencoded body parsed into `T`, sent with this visitor's CSRF token. `T` need not name
/// the `csrf` field: the token is read from the body beside it.
pub struct CsrfForm<T>(pub T);

/// A [`CsrfForm`] sent by a signed-in member.
pub struct MemberForm<T> {
    pub user: SessionUser,
    pub form: T,
}

impl<T: DeserializeOwned> FromRequest<AppState> for CsrfForm<T> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (viewer, form, token) = read(req, state).await?;
        viewer
            .check_csrf(&token)
            .map_err(IntoResponse::into_response)?;
        Ok(CsrfForm(form))
    }
}

impl<T: DeserializeOwned> FromRequest<AppState> for MemberForm<T> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (viewer, form, token) = read(req, state).await?;
        let user = viewer
            .require_user()
            .map_err(IntoResponse::into_response)?
            .clone();
        viewer
            .check_csrf(&token)
            .map_err(IntoResponse::into_response)?;
        Ok(MemberForm { user, form })
    }
}

/// The visitor, the form as axum's `Form` parses it (with its rejections), and the token sent.
async fn read<T: DeserializeOwned>(
    req: Request,
    state: &AppState,
) -> Result<(Viewer, T, String), Response> {
    let (mut parts, body) = req.into_parts();
    let viewer = Viewer::from_request_parts(&mut parts, state)
        .await
        .map_err(IntoResponse::into_response)?;
    let bytes = Bytes::from_request(Request::from_parts(parts.clone(), body), state)
        .await
        .map_err(IntoResponse::into_response)?;
    let token = form_urlencoded::parse(&bytes)
        .find(|(name, _)| name == "csrf")
        .map(|(_, value)| value.into_owned())
        .unwrap_or_default();
    let Form(form) = Form::<T>::from_request(Request::from_parts(parts, Body::from(bytes)), state)
        .await
        .map_err(IntoResponse::into_response)?;
    Ok((viewer, form, token))
}
