//! Forms as handlers receive them.

/// A form whose only field is its CSRF token (sign out, delete, revoke, send again…).
#[derive(serde::Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    pub csrf: String,
}
