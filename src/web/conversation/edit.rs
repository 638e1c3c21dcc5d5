//! Changing a comment: editing within the window, deleting, liking.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::Duration;
use serde::Deserialize;

use super::post::{body_refusal, refusal, render_one, screen_text};
use super::{ban_notice, json_error, wants_json};
use crate::domain::comment::{CommentBody, CommentFacts, EDIT_WINDOW_MINUTES, comment_permissions};
use crate::domain::l10n::Tr;
use crate::domain::moderation::Verdict;
use crate::store::comments::CommentRow;
use crate::store::sessions::SessionUser;
use crate::web::Refusal;
use crate::web::cache::Change;
use crate::web::embed::Framing;
use crate::web::forms::{MemberForm, NoFields};
use crate::web::layout::Layout;
use crate::web::session::Viewer;
use crate::web::{AppState, Error, Result};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/comments/{id}/delete", post(delete))
        .route("/comments/{id}/like", post(like))
        .merge(actions_router(""))
}

/// The one actions form's target and the edit form under `base` (also `/embed`, see
/// `conversation::router`).
pub(super) fn actions_router(base: &str) -> Router<AppState> {
    Router::new()
        .route(&format!("{base}/comments/actions"), post(action))
        .route(
            &format!("{base}/comments/{{id}}/edit"),
            get(edit_form).post(edit),
        )
}

#[derive(Template)]
#[template(path = "comment_edit.html")]
struct EditPage {
    layout: Layout,
    /// Where the form posts: this address, under `/embed` inside the embed's frame.
    action: String,
    csrf: String,
    body: String,
    error: Option<String>,
    back: String,
    max_chars: usize,
}

async fn own_comment(state: &AppState, viewer: &Viewer, id: i64) -> Result<(CommentRow, String)> {
    let user = viewer.require_user()?;
    let row = state.store.comment(id).await?.ok_or(Error::NotFound)?;
    if row.author_id != Some(user.id) {
        return Err(Error::Forbidden(
            Tr::new(viewer.locale).t("conv-only-author"),
        ));
    }
    let (slug, _) = state
        .store
        .article_slug(row.article_id, state.clock.now())
        .await?
        .ok_or(Error::NotFound)?;
    Ok((row, slug))
}

async fn edit_page(
    state: &AppState,
    viewer: &Viewer,
    row: &CommentRow,
    slug: &str,
    body: String,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response> {
    let framing = crate::web::embed::framing(state, viewer, row.article_id).await?;
    let page = EditPage {
        layout: Layout::titled(state, viewer, "conv-edit-title")
            .await?
            .in_frame(viewer, &framing),
        action: format!("{}/comments/{}/edit", viewer.actions_base(), row.id),
        csrf: viewer.csrf.clone(),
        body,
        error,
        back: super::back_to(state, viewer, slug, &format!("comment-{}", row.id)).await?,
        max_chars: state.config.max_comment_chars,
    };
    let mut response = (status, Html(page.render()?)).into_response();
    Framing::apply(&framing, &mut response);
    Ok(response)
}

/// `GET /comments/{id}/edit`
async fn edit_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response> {
    let (row, slug) = own_comment(&state, &viewer, id).await?;
    if !row.is_visible() {
        return Err(Error::NotFound);
    }
    let late = state.clock.now() - row.created_at > Duration::minutes(EDIT_WINDOW_MINUTES);
    let error = late.then(|| Tr::new(viewer.locale).t("conv-edit-late"));
    let body = row.body_source.clone();
    edit_page(&state, &viewer, &row, &slug, body, error, StatusCode::OK).await
}

#[derive(Deserialize)]
struct EditForm {
    #[serde(default)]
    body: String,
}

/// `POST /comments/{id}/edit`: within 15 minutes of posting; marks the comment edited.
async fn edit(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    headers: HeaderMap,
    MemberForm { form, .. }: MemberForm<EditForm>,
) -> Result<Response> {
    let (row, slug) = own_comment(&state, &viewer, id).await?;
    let json = wants_json(&headers);
    let now = state.clock.now();
    let fail = |status: StatusCode, message: String| {
        let (state, viewer, row, slug, body) = (
            state.clone(),
            viewer.clone(),
            row.clone(),
            slug.clone(),
            form.body.clone(),
        );
        async move {
            if json {
                return Ok(json_error(status, &message));
            }
            edit_page(&state, &viewer, &row, &slug, body, Some(message), status).await
        }
    };
    let user = viewer.require_user()?;
    let edited = match edit_own_comment(&state, user, &row, &form.body).await? {
        Ok(edited) => edited,
        Err(r) => return fail(r.status, r.message).await,
    };
    if json {
        let row = state.store.comment(id).await?.ok_or(Error::NotFound)?;
        let html = render_one(&state, &row, &viewer, false, &slug, now).await?;
        return Ok(
            Json(serde_json::json!({ "id": id, "html": html, "held": edited.held }))
                .into_response(),
        );
    }
    let back = super::back_to(&state, &viewer, &slug, &format!("comment-{id}")).await?;
    Ok(Redirect::to(&back).into_response())
}

/// An edit that was saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edited {
    /// Screening held the new text: the comment waits for a moderator again.
    pub held: bool,
}

/// Replaces the text of `row`, written by `user`, within the edit window, after screening it
/// as a post is screened. The form and the API both edit through here.
pub async fn edit_own_comment(
    state: &AppState,
    user: &SessionUser,
    row: &CommentRow,
    text: &str,
) -> Result<std::result::Result<Edited, Refusal>> {
    let now = state.clock.now();
    let dates = crate::web::session::member_dates(state.site_dates(), Some(user));
    let tr = crate::web::session::member_tr(state, user);
    let user_id = user.id;
    let body = match CommentBody::parse(text, state.config.max_comment_chars) {
        Ok(b) => b,
        Err(e) => return Ok(Err(body_refusal(tr, &e))),
    };
    // An edit is screened as a post is: it cannot bring in what posting refuses, and what
    // would hold a post sends the comment back to the moderators.
    // An embedded page's thread is never published: its policy counts from the thread's
    // own start, as posting there does.
    let published_at = match state.store.article_slug(row.article_id, now).await? {
        Some((slug, true)) => state
            .store
            .published_article(&slug, now)
            .await?
            .map(|a| a.card.published_at),
        Some((_, false)) => state
            .store
            .embedded_thread_of(row.article_id)
            .await?
            .map(|t| t.article.card.published_at),
        None => None,
    };
    let rules = state.store.screening_rules(row.article_id).await?;
    let (verdict, spam_score, detail) =
        screen_text(state, user, &rules, published_at, &body, Some(row.id)).await?;
    let hold = match &verdict {
        Verdict::Show => None,
        Verdict::Hold { reason, note } => Some((*reason, note.as_str(), detail.as_str())),
        Verdict::Refuse(r) => return Ok(Err(refusal(tr, r.clone(), true, &dates))),
    };
    let not_before = now - Duration::minutes(EDIT_WINDOW_MINUTES);
    if state
        .store
        .edit_comment(
            row.id,
            user_id,
            body.as_str(),
            &body.to_html(),
            spam_score,
            hold,
            now,
            not_before,
        )
        .await?
    {
        if let Some((reason, _, _)) = hold {
            tracing::info!(comment_id = row.id, reason = ?reason, "edited comment held for review");
            // Readers no longer see it (one comment fewer); its author sees it held.
            state.pages.changed(Change::CommentCount {
                article_id: row.article_id,
            });
            state.pages.changed(Change::Member { user_id });
            return Ok(Ok(Edited { held: true }));
        }
        state.pages.changed(Change::Comments {
            article_id: row.article_id,
        });
        return Ok(Ok(Edited { held: false }));
    }
    let message = if row.is_visible() {
        "conv-edit-late"
    } else {
        "conv-edit-deleted"
    };
    Ok(Err(Refusal::new(StatusCode::CONFLICT, tr.t(message))))
}

/// `POST /comments/{id}/delete`: the author's own; replies keep their place under a tombstone.
async fn delete(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    headers: HeaderMap,
    MemberForm { .. }: MemberForm<NoFields>,
) -> Result<Response> {
    delete_comment(&state, &viewer, id, wants_json(&headers)).await
}

async fn delete_comment(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    json: bool,
) -> Result<Response> {
    let (row, slug) = own_comment(state, viewer, id).await?;
    let user_id = viewer.require_user()?.id;
    let deleted = state.store.delete_own_comment(row.id, user_id).await?;
    if deleted {
        state.pages.changed(Change::CommentCount {
            article_id: row.article_id,
        });
    }
    if json {
        return Ok(if deleted {
            Json(serde_json::json!({ "id": id, "deleted": true })).into_response()
        } else {
            json_error(
                StatusCode::CONFLICT,
                &Tr::new(viewer.locale).t("conv-already-deleted"),
            )
        });
    }
    let back = super::back_to(state, viewer, &slug, "comments").await?;
    Ok(Redirect::to(&back).into_response())
}

/// The one form of an article page that every comment's buttons submit: the pressed button's
/// name says what to do and its value names the comment.
#[derive(Deserialize)]
struct ActionForm {
    like: Option<i64>,
    unlike: Option<i64>,
    delete: Option<i64>,
    mute: Option<i64>,
    unmute: Option<i64>,
}

/// `POST /comments/actions`: `like=ID`, `unlike=ID` or `delete=ID`, as the per-comment
/// addresses do it, or `mute=ID` / `unmute=ID` (the comment's author, see `mute.rs`).
async fn action(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    MemberForm { user, form }: MemberForm<ActionForm>,
) -> Result<Response> {
    let json = wants_json(&headers);
    match (form.like, form.unlike, form.delete, form.mute, form.unmute) {
        (Some(id), None, None, None, None) => {
            set_like(&state, &viewer, &user, id, true, json).await
        }
        (None, Some(id), None, None, None) => {
            set_like(&state, &viewer, &user, id, false, json).await
        }
        (None, None, Some(id), None, None) => delete_comment(&state, &viewer, id, json).await,
        (None, None, None, Some(id), None) => {
            super::mute::set_mute(&state, &viewer, &user, id, true).await
        }
        (None, None, None, None, Some(id)) => {
            super::mute::set_mute(&state, &viewer, &user, id, false).await
        }
        _ => Err(Error::BadRequest(
            Tr::new(viewer.locale).t("conv-one-action"),
        )),
    }
}

// ----- like, report -----

#[derive(Deserialize)]
struct LikeForm {
    /// "1" to like, "0" to take the like back.
    #[serde(default)]
    like: String,
}

/// `POST /comments/{id}/like`: sets the viewer's like (one per member) on or off.
async fn like(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    headers: HeaderMap,
    MemberForm { user, form }: MemberForm<LikeForm>,
) -> Result<Response> {
    let want = form.like != "0";
    set_like(&state, &viewer, &user, id, want, wants_json(&headers)).await
}

/// Sets `user`'s like of comment `id` on (`want`) or off.
async fn set_like(
    state: &AppState,
    viewer: &Viewer,
    user: &SessionUser,
    id: i64,
    want: bool,
    json: bool,
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
    let tr = Tr::new(viewer.locale);
    if let Some(until) = user.banned_at(now) {
        return Err(Error::Forbidden(ban_notice(
            tr,
            until,
            &user.ban_reason,
            &viewer.dates,
        )));
    }
    let refusal = if !can.like {
        Some(if row.author_id == Some(user.id) {
            "conv-like-own"
        } else {
            "conv-like-cannot"
        })
    } else {
        None
    };
    let result = match refusal {
        Some(m) => Err(m),
        None => match state.store.set_like(id, user.id, want, now).await? {
            Some(count) => Ok(count),
            None if want => Err("conv-like-already"),
            None => Err("conv-like-not-liked"),
        },
    };
    // A refusal is an ordinary 409; the error middleware answers it as JSON or as a page.
    let count = result.map_err(|m| Error::Store(crate::store::Error::Conflict(tr.t(m))))?;
    state.pages.changed(Change::Comments {
        article_id: row.article_id,
    });
    if json {
        return Ok(
            // The count in words too: the script cannot choose a language's plural form.
            Json(serde_json::json!({
                "id": id,
                "liked": want,
                "likes": count,
                "label": tr.t1("conv-likes", "count", count),
            }))
            .into_response(),
        );
    }
    let back = super::back_to(state, viewer, &slug, &format!("comment-{id}")).await?;
    Ok(Redirect::to(&back).into_response())
}
