//! The conversation under an article: how it is shown (threads, nesting, sorting, paging) and
//! what members do in it (post, reply, edit, delete, like, report). Every action works as a
//! plain form post with a redirect back; the script sends the same requests with
//! `Accept: application/json` and gets JSON instead.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use chrono::Duration;
use serde::Deserialize;

use super::cache::Change;
use super::live::CommentPosted;
use super::session::{ClientIp, CsrfForm, Viewer};
use super::views::{Layout, TimeView};
use super::{AppState, Error, Result};
use crate::domain::comment::{
    CommentBody, CommentError, CommentFacts, CommentPermissions, CommentSort, EDIT_WINDOW_MINUTES,
    MAX_NESTING, ThreadCursor, comment_permissions,
};
use crate::domain::moderation::{
    CommentMode, Refused, Screening, Verdict, ban_notice, has_link, screen,
};
use crate::domain::spam;
use crate::domain::user::Role;
use crate::domain::webhook::{CommentCreated, comment_created_payload};
use crate::domain::wordfilter::WordKind;
use crate::domain::{ArticleDetail, Slug};
use crate::store::comments::{CommentRow, NewComment, Posted, ReplyProblem};
use crate::store::sessions::SessionUser;

/// Threads shown per page.
pub const THREADS_PER_PAGE: i64 = 50;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/articles/{slug}/comments", post(post_comment))
        .route("/comments/{id}/fragment", get(fragment))
        .route("/comments/{id}/edit", get(edit_form).post(edit))
        .route("/comments/{id}/delete", post(delete))
        .route("/comments/{id}/like", post(like))
        .route("/comments/{id}/report", get(report_form).post(report))
}

// ----- view models -----

/// One comment as the page shows it, with what the viewer may do to it.
pub struct CommentView {
    pub id: i64,
    pub author: String,
    /// The author's account, for the link to their member page (`None`: account deleted).
    pub author_id: Option<i64>,
    pub time: TimeView,
    pub edited: bool,
    /// Shown as a tombstone, with this text, in place of a comment readers cannot see.
    pub tombstone: Option<&'static str>,
    /// The viewer's own comment, waiting for a moderator.
    pub held: bool,
    /// The viewer's own comment, rejected, with the reason they read.
    pub rejected: Option<String>,
    /// Pinned by the newsroom as an editor's pick.
    pub pick: bool,
    pub body_html: String,
    pub likes: i64,
    pub liked: bool,
    pub can: CommentPermissions,
    /// Shown on replies flattened under the third level: whom they answer.
    pub replying_to: Option<String>,
    pub article_slug: String,
    pub csrf: String,
    /// Stands in for the viewer's controls in a member page kept with holes (`member_pages`).
    pub hole: Option<String>,
}

pub struct CommentNode {
    pub c: CommentView,
    pub children: Vec<CommentNode>,
}

/// The comment form, as first shown or sent back with what was typed and what went wrong.
#[derive(Default)]
pub struct CommentFormView {
    pub action: String,
    pub csrf: String,
    pub body: String,
    pub error: Option<String>,
    pub reply_to: Option<(i64, String)>,
    pub max_chars: usize,
}

pub struct SortLink {
    pub label: &'static str,
    pub href: String,
    pub current: bool,
}

pub struct Conversation {
    pub count: i64,
    pub threads: Vec<CommentNode>,
    pub sorts: Vec<SortLink>,
    pub more_href: Option<String>,
    pub form: Option<CommentFormView>,
    /// Why there is no form: comments are closed, or the viewer is banned.
    pub notice: Option<String>,
    /// Comments here wait for a moderator before readers see them.
    pub premoderated: bool,
    pub live_href: String,
    pub signin_href: String,
    /// Stands in for the form (or notice) in a member page kept with holes (`member_pages`).
    pub hole: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct ConversationQuery {
    pub sort: Option<String>,
    pub page: Option<String>,
    pub reply: Option<i64>,
}

fn view(
    row: &CommentRow,
    viewer: &Viewer,
    liked: bool,
    replying_to: Option<String>,
    slug: &str,
    now: chrono::DateTime<chrono::Utc>,
    hole: Option<String>,
) -> CommentView {
    let facts = CommentFacts {
        author_id: row.author_id,
        status_visible: row.is_visible(),
        created_at: row.created_at,
    };
    // A page with holes is shared by members, so nothing in it may depend on whose it is.
    let own = hole.is_none()
        && row.author_id.is_some()
        && row.author_id == viewer.user.as_ref().map(|u| u.id);
    let held = own && row.status == "pending";
    let rejected = (own && row.status == "rejected").then(|| row.moderation_note.clone());
    let readable = row.is_visible() || held || rejected.is_some();
    let tombstone = (!readable).then_some(match row.status.as_str() {
        "rejected" => "This comment was removed by a moderator.",
        "pending" => "This comment is hidden while moderators review it.",
        _ => "This comment was deleted.",
    });
    CommentView {
        id: row.id,
        author: row.author_name.clone(),
        author_id: row.author_id,
        time: TimeView::long(row.created_at),
        edited: row.edited_at.is_some(),
        tombstone,
        held,
        rejected,
        pick: row.pinned_at.is_some() && row.is_visible(),
        body_html: if readable {
            row.body_html.clone()
        } else {
            String::new()
        },
        likes: row.like_count,
        liked,
        can: comment_permissions(viewer.facts().as_ref(), &facts, now),
        replying_to,
        article_slug: slug.to_owned(),
        csrf: viewer.csrf.clone(),
        hole,
    }
}

/// Builds the conversation block of an article page: one page of threads and all their
/// replies (two queries, three with a signed-in viewer's likes).
pub async fn conversation(
    state: &AppState,
    article: &ArticleDetail,
    viewer: &Viewer,
    q: &ConversationQuery,
    form: Option<CommentFormView>,
) -> Result<Conversation> {
    conversation_with(state, article, viewer, q, form, None).await
}

/// [`conversation`], or with `holes` the form of it every member without held or rejected
/// comments here shares: readers' threads, the form and each comment's controls left as
/// marks, and `holes` told which comment each mark stands for.
pub async fn conversation_with(
    state: &AppState,
    article: &ArticleDetail,
    viewer: &Viewer,
    q: &ConversationQuery,
    form: Option<CommentFormView>,
    mut holes: Option<&mut super::member_pages::Holes>,
) -> Result<Conversation> {
    let slug = &article.card.slug;
    let sort = CommentSort::parse(q.sort.as_deref());
    let cursor = match q.page.as_deref() {
        None | Some("") => None,
        Some(p) => Some(ThreadCursor::decode(p).ok_or_else(|| {
            Error::BadRequest(
                "This comments page link is not valid. Use the “Show more comments” link instead."
                    .into(),
            )
        })?),
    };
    let now = state.clock.now();
    let count = article.card.comment_count;
    // With holes, the threads readers see: no member's own held or rejected comments.
    let viewer_id = viewer
        .user
        .as_ref()
        .map(|u| u.id)
        .filter(|_| holes.is_none());
    // A member may have held or rejected comments of their own to see, even with no visible
    // ones (and a page with holes is for members).
    let (roots, replies) =
        if count > 0 || cursor.is_some() || viewer.user.is_some() || holes.is_some() {
            let mut roots = state
                .store
                .threads(
                    article.card.id,
                    sort,
                    cursor,
                    THREADS_PER_PAGE + 1,
                    viewer_id,
                )
                .await?;
            let more = roots.len() as i64 > THREADS_PER_PAGE;
            roots.truncate(THREADS_PER_PAGE as usize);
            let ids: Vec<i64> = roots.iter().map(|r| r.id).collect();
            let replies = state.store.replies(&ids, viewer_id).await?;
            (Some((roots, more)), replies)
        } else {
            (None, Vec::new())
        };
    let (roots, more) = roots.unwrap_or_default();
    let liked: Vec<i64> = match &viewer.user {
        Some(u) if !roots.is_empty() && holes.is_none() => {
            let ids: Vec<i64> = roots.iter().chain(&replies).map(|r| r.id).collect();
            state.store.liked_by(u.id, &ids).await?
        }
        _ => Vec::new(),
    };
    let more_href = if more {
        roots.last().map(|last| {
            let key = match sort {
                CommentSort::MostLiked => last.like_count,
                _ => last.created_at.timestamp_micros(),
            };
            format!(
                "/articles/{slug}?sort={}&page={}#comments",
                sort.as_str(),
                ThreadCursor { key, id: last.id }.encode()
            )
        })
    } else {
        None
    };
    let threads = build_tree(&roots, &replies, |row, replying_to| {
        let hole = holes.as_deref_mut().map(|h| h.comment(row));
        view(
            row,
            viewer,
            liked.contains(&row.id),
            replying_to,
            slug,
            now,
            hole,
        )
    });
    let policy = state.store.comment_policy(article.card.id).await?;
    let notice = comment_notice(&policy, article.card.published_at, viewer, now);
    let premoderated = matches!(policy.mode, CommentMode::PreModerated { .. });
    let hole = holes.map(|h| h.form(policy));
    let form = match (&viewer.user, form) {
        _ if notice.is_some() || hole.is_some() => None,
        (None, _) => None,
        (Some(_), Some(f)) => Some(f),
        (Some(_), None) => {
            let reply_to = match q.reply {
                Some(id) => state
                    .store
                    .comment(id)
                    .await?
                    .filter(|c| c.article_id == article.card.id && c.is_visible())
                    .map(|c| (c.id, c.author_name)),
                None => None,
            };
            Some(new_comment_form(state, slug, viewer, reply_to))
        }
    };
    let sorts = [
        CommentSort::Oldest,
        CommentSort::Newest,
        CommentSort::MostLiked,
    ]
    .into_iter()
    .map(|s| SortLink {
        label: match s {
            CommentSort::Oldest => "Oldest",
            CommentSort::Newest => "Newest",
            CommentSort::MostLiked => "Most liked",
        },
        href: format!("/articles/{slug}?sort={}#comments", s.as_str()),
        current: s == sort,
    })
    .collect();
    Ok(Conversation {
        count,
        threads,
        sorts,
        more_href,
        form,
        notice,
        premoderated,
        live_href: format!("/articles/{slug}/live"),
        signin_href: format!("/signin?return_to=/articles/{slug}"),
        hole,
    })
}

/// Why the viewer gets no comment form: comments are closed, or they are banned.
pub(super) fn comment_notice(
    policy: &crate::domain::moderation::CommentPolicy,
    published_at: chrono::DateTime<chrono::Utc>,
    viewer: &Viewer,
    now: chrono::DateTime<chrono::Utc>,
) -> Option<String> {
    if policy.is_closed(published_at, now) {
        Some("Comments are closed on this article.".to_owned())
    } else {
        viewer.user.as_ref().and_then(|u| {
            u.banned_at(now)
                .map(|until| ban_notice(until, &u.ban_reason))
        })
    }
}

/// The empty comment form a signed-in viewer is offered.
pub(super) fn new_comment_form(
    state: &AppState,
    slug: &str,
    viewer: &Viewer,
    reply_to: Option<(i64, String)>,
) -> CommentFormView {
    CommentFormView {
        action: format!("/articles/{slug}/comments"),
        csrf: viewer.csrf.clone(),
        reply_to,
        max_chars: state.config.max_comment_chars,
        ..Default::default()
    }
}

/// Nests replies under their parents up to [`MAX_NESTING`]; deeper replies join the list of
/// their ancestor at the last level, oldest first, each naming whom it answers.
fn build_tree(
    roots: &[CommentRow],
    replies: &[CommentRow],
    mut make: impl FnMut(&CommentRow, Option<String>) -> CommentView,
) -> Vec<CommentNode> {
    let by_id: HashMap<i64, &CommentRow> = roots.iter().chain(replies).map(|r| (r.id, r)).collect();
    // Where each reply is shown: its parent, or for deep replies the ancestor at depth MAX-1.
    let mut children: HashMap<i64, Vec<&CommentRow>> = HashMap::new();
    for r in replies {
        let Some(mut anchor) = r.parent_id else {
            continue;
        };
        while let Some(a) = by_id.get(&anchor) {
            if a.depth < MAX_NESTING {
                break;
            }
            match a.parent_id {
                Some(p) => anchor = p,
                None => break,
            }
        }
        children.entry(anchor).or_default().push(r);
    }
    fn node(
        row: &CommentRow,
        by_id: &HashMap<i64, &CommentRow>,
        children: &HashMap<i64, Vec<&CommentRow>>,
        make: &mut dyn FnMut(&CommentRow, Option<String>) -> CommentView,
    ) -> CommentNode {
        let replying_to = if row.depth > MAX_NESTING {
            row.parent_id
                .and_then(|p| by_id.get(&p))
                .map(|p| p.author_name.clone())
        } else {
            None
        };
        let c = make(row, replying_to);
        let kids = children
            .get(&row.id)
            .map(|list| {
                list.iter()
                    .map(|k| node(k, by_id, children, make))
                    .collect()
            })
            .unwrap_or_default();
        CommentNode { c, children: kids }
    }
    roots
        .iter()
        .map(|r| node(r, &by_id, &children, &mut make))
        .collect()
}

// ----- posting -----

#[derive(Deserialize)]
struct CommentForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    body: String,
    parent_id: Option<String>,
    #[serde(default)]
    website: String,
}

fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

fn json_error(status: StatusCode, message: &str) -> Response {
    (status, Json(serde_json::json!({ "error": message }))).into_response()
}

/// `POST /articles/{slug}/comments`: a new comment, or a reply when `parent_id` is set.
async fn post_comment(
    State(state): State<AppState>,
    viewer: Viewer,
    ClientIp(ip): ClientIp,
    Path(slug): Path<String>,
    headers: HeaderMap,
    Form(form): Form<CommentForm>,
) -> Result<Response> {
    let user = viewer.require_user()?.clone();
    viewer.check_csrf(&form.csrf)?;
    let json = wants_json(&headers);
    let slug = Slug::parse(&slug).map_err(|_| Error::NotFound)?;
    let now = state.clock.now();
    let article = state
        .store
        .published_article(slug.as_str(), now)
        .await?
        .ok_or(Error::NotFound)?;
    let parent_id =
        match form.parent_id.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(p) => Some(p.parse::<i64>().map_err(|_| {
                Error::BadRequest("The comment being replied to is not valid.".into())
            })?),
        };
    // Any refusal sends the form back with the text in it.
    let refuse = |status: StatusCode, message: String, retry_after: Option<i64>| {
        let (state, viewer, article) = (state.clone(), viewer.clone(), article.clone());
        let body = form.body.clone();
        async move {
            if json {
                let mut r = json_error(status, &message);
                if let Some(s) = retry_after {
                    r.headers_mut().insert(header::RETRY_AFTER, s.into());
                }
                return Ok::<Response, Error>(r);
            }
            let reply_to = match parent_id {
                Some(id) => state
                    .store
                    .comment(id)
                    .await?
                    .filter(|c| c.article_id == article.card.id)
                    .map(|c| (c.id, c.author_name)),
                None => None,
            };
            let form = CommentFormView {
                action: format!("/articles/{}/comments", article.card.slug),
                csrf: viewer.csrf.clone(),
                body,
                error: Some(message),
                reply_to,
                max_chars: state.config.max_comment_chars,
            };
            let html = super::pages::render_article(
                &state,
                &viewer,
                &article,
                &ConversationQuery::default(),
                Some(form),
            )
            .await?;
            let mut r = (status, Html(html)).into_response();
            if let Some(s) = retry_after {
                r.headers_mut().insert(header::RETRY_AFTER, s.into());
            }
            Ok(r)
        }
    };
    if !form.website.is_empty() {
        return refuse(StatusCode::BAD_REQUEST, "This comment could not be accepted. If you are a person, leave the hidden Website field empty.".into(), None).await;
    }
    let Posted {
        id,
        comment_count,
        held,
    } = match submit_comment(&state, &user, &ip, &article, &form.body, parent_id).await? {
        Ok(posted) => posted,
        Err(r) => return refuse(r.status, r.message, r.retry_after).await,
    };
    if json {
        let row = state.store.comment(id).await?.ok_or(Error::NotFound)?;
        let html = render_one(&state, &row, &viewer, false, slug.as_str(), now).await?;
        return Ok((
            StatusCode::CREATED,
            Json(
                serde_json::json!({ "id": id, "html": html, "count": comment_count, "held": held }),
            ),
        )
            .into_response());
    }
    Ok(Redirect::to(&format!("/articles/{slug}#comment-{id}")).into_response())
}

/// Why a comment was not accepted: the answer's status and a message the writer can act on.
#[derive(Debug)]
pub struct Refusal {
    pub status: StatusCode,
    pub message: String,
    pub retry_after: Option<i64>,
}

impl Refusal {
    fn new(status: StatusCode, message: impl Into<String>) -> Refusal {
        Refusal {
            status,
            message: message.into(),
            retry_after: None,
        }
    }
}

/// Gathers what screening needs to know about `body`, written by `user` on the article
/// `article_id` (published at `published_at`; `None`: not published) and screens it: the one
/// decision for a new comment and for a new text of the comment `editing`, from the form and
/// the API alike. Returns the verdict and the spam score the text was given.
async fn screen_text(
    state: &AppState,
    user: &SessionUser,
    article_id: i64,
    published_at: Option<chrono::DateTime<chrono::Utc>>,
    body: &CommentBody,
    editing: Option<i64>,
) -> Result<(Verdict, Option<f64>)> {
    let now = state.clock.now();
    let policy = state.store.comment_policy(article_id).await?;
    let settings = state.store.moderation_settings().await?;
    let words = state
        .words
        .filter(&state.store, settings.words_version)
        .await?;
    let word = words.check(body.as_str());
    let word_of = |kind: WordKind| {
        word.as_ref()
            .filter(|m| m.kind == kind)
            .map(|m| m.word.as_str())
    };
    let tokens = spam::tokens(body.as_str());
    let totals = spam::Counts {
        spam: settings.spam_docs,
        ham: settings.ham_docs,
    };
    let spam_score =
        if totals.spam >= spam::MIN_DOCS_PER_CLASS && totals.ham >= spam::MIN_DOCS_PER_CLASS {
            spam::score(totals, &state.store.spam_counts(&tokens).await?)
        } else {
            None
        };
    let role = user.role();
    let first = match policy.mode {
        CommentMode::PreModerated { first: Some(n) } => n,
        _ => 0,
    };
    let author_approved = if role >= Role::Moderator {
        0
    } else {
        state
            .store
            .approved_comments(user.id, first.max(settings.link_hold_below), editing)
            .await?
    };
    let verdict = screen(&Screening {
        mode: policy.mode,
        closed: published_at.is_none_or(|p| policy.is_closed(p, now)),
        ban: user
            .banned_at(now)
            .map(|until| (until, user.ban_reason.as_str())),
        author_approved,
        author_role: role,
        has_link: has_link(body.as_str()),
        link_hold_below: settings.link_hold_below,
        banned_word: word_of(WordKind::Banned),
        suspect_word: word_of(WordKind::Suspect),
        spam_score,
        spam_threshold: settings.spam_threshold,
        edit: editing.is_some(),
    });
    Ok((verdict, spam_score))
}

/// What the writer reads when screening refuses their text (`editing`: a new text for a comment
/// already posted).
fn refusal(refused: Refused, editing: bool) -> Refusal {
    let again = if editing { "save" } else { "post" };
    match refused {
        Refused::Banned { until, reason } => {
            Refusal::new(StatusCode::FORBIDDEN, ban_notice(until, &reason))
        }
        Refused::Closed if editing => Refusal::new(
            StatusCode::FORBIDDEN,
            "Comments are closed on this article, so comments here can no longer be changed. Your text is still here to copy.",
        ),
        Refused::Closed => Refusal::new(
            StatusCode::FORBIDDEN,
            "Comments are closed on this article, so nothing more can be posted here.",
        ),
        Refused::BannedWord(word) => Refusal::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!(
                "Your comment contains “{word}”, which is not allowed here. Take it out and {again} again: your text is kept below."
            ),
        ),
    }
}

/// Checks, rate-limits and stores a comment by `user` under `article` (a reply when `parent_id`
/// is set), queues its `comment.created` webhook in the same transaction and announces it to
/// live readers. The form and the API both post through here.
pub async fn submit_comment(
    state: &AppState,
    user: &SessionUser,
    ip: &str,
    article: &ArticleDetail,
    text: &str,
    parent_id: Option<i64>,
) -> Result<std::result::Result<Posted, Refusal>> {
    let now = state.clock.now();
    let body = match CommentBody::parse(text, state.config.max_comment_chars) {
        Ok(b) => b,
        Err(e @ (CommentError::Empty | CommentError::TooLong { .. })) => {
            return Ok(Err(Refusal::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                e.to_string(),
            )));
        }
    };
    use crate::domain::comment::admission::{
        Admission, Pace, RefusalReason, Screened, address_rate_key, member_rate_key, rate_window,
    };
    let refused = |reason: RefusalReason| match reason {
        RefusalReason::Screening(r) => refusal(r, false),
        RefusalReason::TooFast(too_fast) => Refusal {
            status: StatusCode::TOO_MANY_REQUESTS,
            message: too_fast.message(),
            retry_after: Some(too_fast.retry_after_seconds),
        },
    };
    let (verdict, spam_score) = screen_text(
        state,
        user,
        article.card.id,
        Some(article.card.published_at),
        &body,
        None,
    )
    .await?;
    let screened = match Screened::from_verdict(verdict) {
        Ok(screened) => screened,
        Err(reason) => return Ok(Err(refused(reason))),
    };
    // Rate limits per member and per address, in the database so every process counts alike.
    let window = rate_window(now);
    let pace = Pace {
        member_posts: state
            .store
            .hit_rate_window(&member_rate_key(user.id), window)
            .await?,
        address_posts: state
            .store
            .hit_rate_window(&address_rate_key(ip), window)
            .await?,
        limit_per_minute: i64::from(state.config.comments_per_minute),
        now,
    };
    let (hold, hold_note) = match screened.admission(&pace) {
        Admission::Refused(reason) => return Ok(Err(refused(reason))),
        Admission::Held { reason, note } => (Some(reason), note),
        Admission::Shown => (None, String::new()),
    };
    let body_html = body.to_html();
    let base = state.config.base_url.trim_end_matches('/');
    let slug = &article.card.slug;
    let payload = |id: i64| {
        comment_created_payload(
            base,
            now,
            &CommentCreated {
                id,
                parent_id,
                author_name: &user.display_name,
                body_html: &body_html,
                created_at: now,
                article_slug: slug,
                article_headline: &article.card.title,
            },
        )
    };
    let new = NewComment {
        article_id: article.card.id,
        parent_id,
        author_id: user.id,
        body_source: body.as_str(),
        body_html: &body_html,
        hold,
        hold_note: &hold_note,
        spam_score,
        webhook_payload: Some(&payload),
    };
    let posted = match state.store.insert_comment(&new, now).await? {
        Ok(posted) => posted,
        Err(problem) => {
            let message = match problem {
                ReplyProblem::ParentMissing => {
                    "The comment you are replying to does not exist (it may have been removed). Post your text as a new comment instead."
                }
                ReplyProblem::ParentElsewhere => {
                    "The comment you are replying to belongs to another article. Post your text as a new comment here instead."
                }
                ReplyProblem::ParentDeleted => {
                    "The comment you are replying to has been deleted. Post your text as a new comment instead."
                }
            };
            return Ok(Err(Refusal::new(StatusCode::UNPROCESSABLE_ENTITY, message)));
        }
    };
    if posted.held {
        tracing::info!(comment_id = posted.id, article = %slug, reason = ?hold, "comment held for review");
        // Readers' pages are unchanged, but this member's now show the held comment.
        state.pages.changed(Change::Member { user_id: user.id });
        return Ok(Ok(posted));
    }
    state.live.announce(CommentPosted {
        article_id: article.card.id,
        comment_id: posted.id,
    });
    state.pages.changed(Change::CommentCount {
        article_id: article.card.id,
    });
    state.webhooks.wake();
    state.mailroom.wake();
    tracing::info!(comment_id = posted.id, article = %slug, "comment posted");
    Ok(Ok(posted))
}

#[derive(Template)]
#[template(path = "comment_fragment.html")]
struct CommentFragment<'a> {
    c: &'a CommentView,
}

/// One comment's HTML as the page shows it, naming whom it answers when it is flattened.
async fn render_one(
    state: &AppState,
    row: &CommentRow,
    viewer: &Viewer,
    liked: bool,
    slug: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<String> {
    let replying_to = match row.parent_id {
        Some(p) if row.depth > MAX_NESTING => state.store.comment(p).await?.map(|p| p.author_name),
        _ => None,
    };
    let v = view(row, viewer, liked, replying_to, slug, now, None);
    Ok(CommentFragment { c: &v }.render()?)
}

/// `GET /comments/{id}/fragment`: one comment's HTML, as the page would show it to this
/// viewer (for live updates: the script inserts server-rendered, sanitised HTML).
async fn fragment(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response> {
    let now = state.clock.now();
    let row = state
        .store
        .comment(id)
        .await?
        .filter(|c| c.is_visible())
        .ok_or(Error::NotFound)?;
    let (slug, published) = state
        .store
        .article_slug(row.article_id, now)
        .await?
        .ok_or(Error::NotFound)?;
    if !published {
        return Err(Error::NotFound);
    }
    let liked = match &viewer.user {
        Some(u) => !state.store.liked_by(u.id, &[id]).await?.is_empty(),
        None => false,
    };
    let html = render_one(&state, &row, &viewer, liked, &slug, now).await?;
    let parent = row.parent_id.map_or(String::new(), |p| p.to_string());
    Ok((
        [
            (header::CACHE_CONTROL, "no-store".to_owned()),
            (header::HeaderName::from_static("x-parent-id"), parent),
        ],
        Html(html),
    )
        .into_response())
}

// ----- edit, delete -----

#[derive(Template)]
#[template(path = "comment_edit.html")]
struct EditPage {
    layout: Layout,
    id: i64,
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
            "Only the author of a comment can change it.".into(),
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
    let page = EditPage {
        layout: super::accounts::layout(state, viewer, "Edit your comment").await?,
        id: row.id,
        csrf: viewer.csrf.clone(),
        body,
        error,
        back: format!("/articles/{slug}#comment-{}", row.id),
        max_chars: state.config.max_comment_chars,
    };
    Ok((status, Html(page.render()?)).into_response())
}

const EDIT_WINDOW_PASSED: &str = "The 15 minutes for editing this comment have passed, so it was not changed. Your text is still here to copy.";

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
    let error = late.then(|| EDIT_WINDOW_PASSED.to_owned());
    let body = row.body_source.clone();
    edit_page(&state, &viewer, &row, &slug, body, error, StatusCode::OK).await
}

#[derive(Deserialize)]
struct EditForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    body: String,
}

/// `POST /comments/{id}/edit`: within 15 minutes of posting; marks the comment edited.
async fn edit(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    headers: HeaderMap,
    Form(form): Form<EditForm>,
) -> Result<Response> {
    let (row, slug) = own_comment(&state, &viewer, id).await?;
    viewer.check_csrf(&form.csrf)?;
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
    Ok(Redirect::to(&format!("/articles/{slug}#comment-{id}")).into_response())
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
    let user_id = user.id;
    let body = match CommentBody::parse(text, state.config.max_comment_chars) {
        Ok(b) => b,
        Err(e) => {
            return Ok(Err(Refusal::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                e.to_string(),
            )));
        }
    };
    // An edit is screened as a post is: it cannot bring in what posting refuses, and what
    // would hold a post sends the comment back to the moderators.
    let published_at = match state.store.article_slug(row.article_id, now).await? {
        Some((slug, true)) => state
            .store
            .published_article(&slug, now)
            .await?
            .map(|a| a.card.published_at),
        _ => None,
    };
    let (verdict, spam_score) = screen_text(
        state,
        user,
        row.article_id,
        published_at,
        &body,
        Some(row.id),
    )
    .await?;
    let hold = match &verdict {
        Verdict::Show => None,
        Verdict::Hold { reason, note } => Some((*reason, note.as_str())),
        Verdict::Refuse(r) => return Ok(Err(refusal(r.clone(), true))),
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
        if let Some((reason, _)) = hold {
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
        EDIT_WINDOW_PASSED
    } else {
        "This comment has been deleted, so it cannot be edited."
    };
    Ok(Err(Refusal::new(StatusCode::CONFLICT, message)))
}

/// `POST /comments/{id}/delete`: the author's own; replies keep their place under a tombstone.
async fn delete(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    headers: HeaderMap,
    Form(form): Form<CsrfForm>,
) -> Result<Response> {
    let (row, slug) = own_comment(&state, &viewer, id).await?;
    viewer.check_csrf(&form.csrf)?;
    let user_id = viewer.require_user()?.id;
    let deleted = state.store.delete_own_comment(row.id, user_id).await?;
    if deleted {
        state.pages.changed(Change::CommentCount {
            article_id: row.article_id,
        });
    }
    if wants_json(&headers) {
        return Ok(if deleted {
            Json(serde_json::json!({ "id": id, "deleted": true })).into_response()
        } else {
            json_error(StatusCode::CONFLICT, "This comment was already deleted.")
        });
    }
    Ok(Redirect::to(&format!("/articles/{slug}#comments")).into_response())
}

// ----- like, report -----

#[derive(Deserialize)]
struct LikeForm {
    #[serde(default)]
    csrf: String,
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
    Form(form): Form<LikeForm>,
) -> Result<Response> {
    let user = viewer.require_user()?.clone();
    viewer.check_csrf(&form.csrf)?;
    let json = wants_json(&headers);
    let now = state.clock.now();
    let row = state.store.comment(id).await?.ok_or(Error::NotFound)?;
    let (slug, published) = state
        .store
        .article_slug(row.article_id, now)
        .await?
        .ok_or(Error::NotFound)?;
    if !published {
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
    let want = form.like != "0";
    if let Some(until) = user.banned_at(now) {
        return Err(Error::Forbidden(ban_notice(until, &user.ban_reason)));
    }
    let refusal = if !can.like {
        Some(if row.author_id == Some(user.id) {
            "You cannot like your own comment."
        } else {
            "This comment cannot be liked."
        })
    } else {
        None
    };
    let result = match refusal {
        Some(m) => Err(m),
        None => match state.store.set_like(id, user.id, want, now).await? {
            Some(count) => Ok(count),
            None if want => Err("You already like this comment."),
            None => Err("You had not liked this comment, so there was nothing to take back."),
        },
    };
    // A refusal is an ordinary 409; the error middleware answers it as JSON or as a page.
    let count = result.map_err(|m| Error::Store(crate::store::Error::Conflict(m.to_owned())))?;
    state.pages.changed(Change::Comments {
        article_id: row.article_id,
    });
    if json {
        return Ok(
            Json(serde_json::json!({ "id": id, "liked": want, "likes": count })).into_response(),
        );
    }
    Ok(Redirect::to(&format!("/articles/{slug}#comment-{id}")).into_response())
}

pub const REPORT_REASONS: [(&str, &str); 5] = [
    ("spam", "Spam or advertising"),
    ("abuse", "Abusive, hateful or harassing"),
    ("off-topic", "Off-topic"),
    ("misinformation", "False or misleading"),
    ("other", "Something else"),
];

#[derive(Template)]
#[template(path = "comment_report.html")]
struct ReportPage {
    layout: Layout,
    id: i64,
    csrf: String,
    reasons: Vec<(&'static str, &'static str)>,
    chosen: String,
    note: String,
    error: Option<String>,
    done: bool,
    back: String,
}

/// `GET /comments/{id}/report`
async fn report_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response> {
    viewer.require_user()?;
    let now = state.clock.now();
    let row = state
        .store
        .comment(id)
        .await?
        .filter(|c| c.is_visible())
        .ok_or(Error::NotFound)?;
    let (slug, _) = state
        .store
        .article_slug(row.article_id, now)
        .await?
        .ok_or(Error::NotFound)?;
    let page = ReportPage {
        layout: super::accounts::layout(&state, &viewer, "Report a comment").await?,
        id,
        csrf: viewer.csrf.clone(),
        reasons: REPORT_REASONS.to_vec(),
        chosen: String::new(),
        note: String::new(),
        error: None,
        done: false,
        back: format!("/articles/{slug}#comment-{id}"),
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Deserialize)]
struct ReportForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    note: String,
}

/// `POST /comments/{id}/report`: once per member per comment, with a reason.
async fn report(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    headers: HeaderMap,
    Form(form): Form<ReportForm>,
) -> Result<Response> {
    let user = viewer.require_user()?.clone();
    viewer.check_csrf(&form.csrf)?;
    let json = wants_json(&headers);
    let now = state.clock.now();
    let row = state
        .store
        .comment(id)
        .await?
        .filter(|c| c.is_visible())
        .ok_or(Error::NotFound)?;
    let (slug, _) = state
        .store
        .article_slug(row.article_id, now)
        .await?
        .ok_or(Error::NotFound)?;
    let can = comment_permissions(
        viewer.facts().as_ref(),
        &CommentFacts {
            author_id: row.author_id,
            status_visible: true,
            created_at: row.created_at,
        },
        now,
    );
    let note = form.note.trim().to_owned();
    let error = if let Some(until) = user.banned_at(now) {
        Some(ban_notice(until, &user.ban_reason))
    } else if !can.report {
        Some("You cannot report your own comment.".to_owned())
    } else if !REPORT_REASONS.iter().any(|(k, _)| *k == form.reason) {
        Some("Choose a reason for the report.".to_owned())
    } else if note.chars().count() > 1000 {
        Some("The note can be at most 1,000 characters long.".to_owned())
    } else {
        match state
            .store
            .report_comment(id, user.id, &form.reason, &note, now)
            .await
        {
            Ok(hidden) => {
                if hidden {
                    state.pages.changed(Change::CommentCount {
                        article_id: row.article_id,
                    });
                }
                None
            }
            Err(crate::store::Error::Conflict(m)) => Some(m),
            Err(e) => return Err(e.into()),
        }
    };
    if json {
        return Ok(match error {
            None => (
                StatusCode::CREATED,
                Json(serde_json::json!({ "id": id, "reported": true })),
            )
                .into_response(),
            Some(m) => json_error(StatusCode::UNPROCESSABLE_ENTITY, &m),
        });
    }
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = ReportPage {
        layout: super::accounts::layout(&state, &viewer, "Report a comment").await?,
        id,
        csrf: viewer.csrf.clone(),
        reasons: REPORT_REASONS.to_vec(),
        done: error.is_none(),
        chosen: form.reason,
        note: form.note,
        error,
        back: format!("/articles/{slug}#comment-{id}"),
    };
    Ok((status, Html(page.render()?)).into_response())
}
