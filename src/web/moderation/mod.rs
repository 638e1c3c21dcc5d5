//! The moderation desk and the site's moderation administration:
//! `/admin/moderation` (queues, decisions, bans, undo), `/admin/moderation/settings` (policies,
//! thresholds, word lists), `/admin/moderation/log` (the audit log) and `/admin/users` (roles).
//! Every page works as plain forms; the script adds keyboard shortcuts to the desk.

pub mod desk;
pub mod log;
pub mod questions;
pub mod settings;
mod trust;
pub mod users;
pub(crate) mod words;

use axum::Router;

use crate::domain::moderation::{StaffAccess, staff_access};
use crate::store::moderation::Actor;
use crate::store::sessions::SessionUser;
use crate::web::session::Viewer;
use crate::web::{AppState, Error, Result};

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(desk::router())
        .merge(settings::router())
        .merge(log::router())
        .merge(questions::router())
        .merge(users::router())
}

/// The signed-in member of staff and what they may do, or why not.
pub(crate) fn require_staff(
    viewer: &Viewer,
    need: fn(&StaffAccess) -> bool,
) -> Result<(&SessionUser, StaffAccess)> {
    let user = viewer.require_user()?;
    let access = staff_access(Some(user.role()));
    if !need(&access) {
        return Err(Error::Forbidden(
            crate::domain::l10n::Tr::new(viewer.locale).t("desk-forbidden"),
        ));
    }
    Ok((user, access))
}

pub(crate) fn actor(user: &SessionUser) -> Actor {
    Actor::staff(user.id, &user.display_name)
}

/// A form body with repeated fields (`ids=1&ids=2`), which a struct cannot take: its pairs.
struct Fields(Vec<(String, String)>);

impl Fields {
    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }

    fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

// ----- the desk -----
