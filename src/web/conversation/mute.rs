//! Muting a comment's author from the comment's controls: `mute=ID` or `unmute=ID` on the
//! article page's one actions form (`POST /comments/actions`). The muter's pages fold the
//! author's comments from then on; nobody else is told.

use axum::response::{IntoResponse, Redirect, Response};

use super::ban_notice;
use crate::domain::comment::{CommentFacts, comment_permissions};
use crate::domain::l10n::Tr;
use crate::store::sessions::SessionUser;
use crate::web::cache::Change;
use crate::web::session::Viewer;
use crate::web::{AppState, Error, Result};

/// `user` mutes (`want`) or unmutes the author of comment `id`, and goes back to the comment.
pub(super) async fn set_mute(
    state: &AppState,
    viewer: &Viewer,
    user: &SessionUser,
    id: i64,
    want: bool,
) -> Result<Response> {
    let now = state.clock.now();
    let row = state.store.comment(id).await?.ok_or(Error::NotFound)?;
    let (slug, published) = state
        .store
        .article_slug(row.article_id, now)
        .await?
        .ok_or(Error::NotFound)?;
    if !super::open_to_readers(state, &slug, published).await? {
        return Err(Error::NotFound);
    }
    let can = comment_permissions(
        viewer.facts().as_ref(),
        &CommentFacts {
            author_id: row.author_id,
            status_visible: row.is_visible(),
            created_at: row.created_at,
        },
        now,
    );
    let author = match row.author_id {
        Some(author) if can.mute => author,
        _ => {
            let tr = Tr::new(viewer.locale);
            if let Some(until) = user.banned_at(now) {
                return Err(Error::Forbidden(ban_notice(
                    tr,
                    until,
                    &user.ban_reason,
                    &viewer.dates,
                )));
            }
            let why = if row.author_id == Some(user.id) {
                "conv-mute-self"
            } else {
                "conv-mute-cannot"
            };
            return Err(Error::Store(crate::store::Error::Conflict(tr.t(why))));
        }
    };
    let changed = if want {
        state.store.mute(user.id, author, now).await?
    } else {
        state.store.unmute(user.id, author).await?
    };
    // The member's kept marks say whether their page folds anything: forget them everywhere.
    if changed {
        state.pages.changed(Change::Member { user_id: user.id });
    }
    // Back to the comment: after a mute, to its fold (a link into a closed <details> would
    // open it).
    let anchor = if want { "muted" } else { "comment" };
    let back = super::back_to(state, viewer, &slug, &format!("{anchor}-{id}")).await?;
    Ok(Redirect::to(&back).into_response())
}
