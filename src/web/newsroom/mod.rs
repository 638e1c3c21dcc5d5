//! The newsroom: `/admin/articles`, the article editor, its preview, workflow and publication,
//! corrections, and the revision history with diffs and restore. Who may do what is
//! `domain::newsroom::article_access`; these handlers only ask it.
//! Also the media library and what imports leave on the site.

pub mod imports;
pub mod media;
pub mod media_words;

pub mod articles;
pub mod autosave;
pub(crate) mod blocks;
pub mod editor_words;
pub mod history;
pub mod live;
pub mod live_questions;
pub mod live_updates;
pub mod taxonomy;
pub mod translations;
pub mod words;
pub mod workflow;

use axum::Router;

use crate::domain::l10n::Tr;
use crate::domain::newsroom::{ArticleAccess, ArticleFacts, article_access};
use crate::store::newsroom::Editing;
use crate::store::sessions::SessionUser;
use crate::web::session::Viewer;
use crate::web::{AppState, Error, Result};

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(articles::router())
        .merge(autosave::router())
        .merge(workflow::router())
        .merge(history::router())
        .merge(live::router())
        .merge(live_questions::router())
        .merge(taxonomy::router())
        .merge(translations::router())
        .merge(media::router())
        .merge(imports::router())
}

/// The signed-in caller and what the policy lets them do with `article` (or with none: the
/// list and new articles).
fn access(viewer: &Viewer, article: Option<&Editing>) -> Result<(SessionUser, ArticleAccess)> {
    let user = viewer.require_user()?.clone();
    let facts = article.map(|a| ArticleFacts {
        is_own: a.created_by == Some(user.id),
        workflow: a.workflow,
    });
    let granted = article_access(user.role(), facts);
    if !granted.enter {
        return Err(Error::Forbidden(
            Tr::new(viewer.locale).t("newsroom-forbidden"),
        ));
    }
    Ok((user, granted))
}

/// Refuses what the caller may not do to an article: `id` is the message saying what.
fn refuse(viewer: &Viewer, id: &str) -> Error {
    let tr = Tr::new(viewer.locale);
    Error::Forbidden(format!("{} {}", tr.t(id), tr.t("newsroom-refused-why")))
}

async fn load(state: &AppState, id: i64) -> Result<Editing> {
    state.store.editing(id).await?.ok_or(Error::NotFound)
}

// ---------------------------------------------------------------------------------------------
// The list
