//! Posting a comment or a reply: the form, the screening that decides whether it is refused,
//! held or shown, and the one comment's HTML for the script.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;

use super::{ban_notice, json_error, wants_json};
use crate::domain::comment::admission::{
    Pace, RefusalReason, Screened, address_rate_key, member_rate_key, rate_window,
};
use crate::domain::comment::{CommentBody, MAX_NESTING};
use crate::domain::l10n::Tr;
use crate::domain::moderation::TrustLevel;
use crate::domain::moderation::{
    CommentMode, HoldDetail, Refused, Screening, Verdict, has_link, screen,
};
use crate::domain::spam;
use crate::domain::user::Role;
use crate::domain::webhook::{CommentCreated, comment_created_payload};
use crate::domain::wordfilter::WordKind;
use crate::domain::{CommentTarget, Slug};
use crate::store::comments::{CommentRow, NewComment, NotPosted, Posted, RateCount, ReplyProblem};
use crate::store::moderation::ScreeningRules;
use crate::store::sessions::SessionUser;
use crate::web::cache::Change;
use crate::web::conversation::live::CommentPosted;
use crate::web::forms::MemberForm;
use crate::web::reading::thread::{CommentFormView, CommentView, ConversationQuery, view};
use crate::web::session::{ClientIp, Viewer};
use crate::web::{AppState, Error, Refusal, Result};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/articles/{slug}/comments", post(post_comment))
        .merge(fragment_router(""))
}

/// One comment's live fragment under `base` (also `/embed`, see `conversation::router`): the
/// frame's session reaches only the embed's routes, and with it the member's own controls.
pub(super) fn fragment_router(base: &str) -> Router<AppState> {
    Router::new().route(&format!("{base}/comments/{{id}}/fragment"), get(fragment))
}

#[derive(Deserialize)]
struct CommentForm {
    #[serde(default)]
    body: String,
    parent_id: Option<String>,
    #[serde(default)]
    website: String,
}

/// `POST /articles/{slug}/comments`: a new comment, or a reply when `parent_id` is set.
async fn post_comment(
    State(state): State<AppState>,
    viewer: Viewer,
    ClientIp(ip): ClientIp,
    Path(slug): Path<String>,
    headers: HeaderMap,
    MemberForm { user, form }: MemberForm<CommentForm>,
) -> Result<Response> {
    let json = wants_json(&headers);
    let tr = Tr::new(viewer.locale);
    let slug = Slug::parse(&slug).map_err(|_| Error::NotFound)?;
    let now = state.clock.now();
    let (target, rules) = state
        .store
        .comment_target(slug.as_str(), now)
        .await?
        .ok_or(Error::NotFound)?;
    let parent_id = match form.parent_id.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(p) => Some(
            p.parse::<i64>()
                .map_err(|_| Error::BadRequest(tr.t("conv-bad-parent")))?,
        ),
    };
    // Any refusal sends the form back with the text in it.
    let refuse = |status: StatusCode, message: String, retry_after: Option<i64>| {
        let (state, viewer, slug) = (state.clone(), viewer.clone(), slug.clone());
        let body = form.body.clone();
        async move {
            if json {
                let mut r = json_error(status, &message);
                if let Some(s) = retry_after {
                    r.headers_mut().insert(header::RETRY_AFTER, s.into());
                }
                return Ok::<Response, Error>(r);
            }
            // Only a refusal needs the whole article: its page comes back with the form.
            let article = state
                .store
                .published_article(slug.as_str(), now)
                .await?
                .ok_or(Error::NotFound)?;
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
            let html = crate::web::reading::pages::render_article(
                &state,
                &viewer,
                &article,
                &ConversationQuery::default(),
                Some(form),
            )
            .await?;
            let mut headers = axum::http::HeaderMap::new();
            crate::web::middleware::allow_story_frames(&mut headers, &html);
            let mut r = (status, Html(html)).into_response();
            r.headers_mut().extend(headers);
            if let Some(s) = retry_after {
                r.headers_mut().insert(header::RETRY_AFTER, s.into());
            }
            Ok(r)
        }
    };
    if !form.website.is_empty() {
        return refuse(StatusCode::BAD_REQUEST, tr.t("conv-honeypot"), None).await;
    }
    let Posted {
        id,
        comment_count,
        held,
    } = match submit_comment(&state, &user, &ip, &target, &rules, &form.body, parent_id).await? {
        Ok(posted) => posted,
        Err(r) => return refuse(r.status, r.message, r.retry_after).await,
    };
    if json {
        let posted = Posted {
            id,
            comment_count,
            held,
        };
        return posted_answer(&state, &viewer, &posted, slug.as_str()).await;
    }
    Ok(Redirect::to(&format!("/articles/{slug}#comment-{id}")).into_response())
}

/// What the script gets for a comment it posted: 201 with the comment's HTML as the page shows
/// it, and the new count.
pub(crate) async fn posted_answer(
    state: &AppState,
    viewer: &Viewer,
    posted: &Posted,
    slug: &str,
) -> Result<Response> {
    let row = state
        .store
        .comment(posted.id)
        .await?
        .ok_or(Error::NotFound)?;
    let html = render_one(state, &row, viewer, false, slug, state.clock.now()).await?;
    let body = serde_json::json!({
        "id": posted.id,
        "html": html,
        "count": posted.comment_count,
        "held": posted.held,
    });
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

/// Gathers what screening needs to know about `body`, written by `user` on an article under
/// `rules` (published at `published_at`; `None`: not published) and screens it: the one
/// decision for a new comment and for a new text of the comment `editing`, from the form and
/// the API alike. Returns the verdict, the spam score the text was given and, for a hold, its
/// detail as stored (what the desk puts into words).
pub(super) async fn screen_text(
    state: &AppState,
    user: &SessionUser,
    rules: &ScreeningRules,
    published_at: Option<chrono::DateTime<chrono::Utc>>,
    body: &CommentBody,
    editing: Option<i64>,
) -> Result<(Verdict, Option<f64>, String)> {
    let now = state.clock.now();
    let ScreeningRules { policy, settings } = rules;
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
    // Staff are never held, so their record is not read.
    let (author_approved, trust) = if role >= Role::Moderator {
        (0, TrustLevel::Trusted)
    } else {
        let (record, level) = state
            .store
            .trust_of(
                user.id,
                &settings.trust_thresholds(),
                first.max(settings.link_hold_below).max(1),
                editing,
                now,
            )
            .await?;
        (record.approved, level)
    };
    let screening = Screening {
        mode: policy.mode,
        closed: published_at.is_none_or(|p| policy.is_closed(p, now)),
        ban: user
            .banned_at(now)
            .map(|until| (until, user.ban_reason.as_str())),
        author_approved,
        author_role: role,
        trust,
        hold_first_comment: settings.hold_first_comment,
        has_link: has_link(body.as_str()),
        link_hold_below: settings.link_hold_below,
        banned_word: word_of(WordKind::Banned),
        suspect_word: word_of(WordKind::Suspect),
        spam_score,
        spam_threshold: settings.spam_threshold,
        edit: editing.is_some(),
    };
    let verdict = screen(&screening);
    let detail = match &verdict {
        Verdict::Hold { reason, .. } => HoldDetail::of_screening(&screening, *reason).stored(),
        _ => String::new(),
    };
    Ok((verdict, spam_score, detail))
}

/// What the writer reads when screening refuses their text (`editing`: a new text for a comment
/// already posted).
pub(super) fn refusal(
    tr: Tr,
    refused: Refused,
    editing: bool,
    dates: &crate::domain::locale::Dates,
) -> Refusal {
    match refused {
        Refused::Banned { until, reason } => {
            Refusal::new(StatusCode::FORBIDDEN, ban_notice(tr, until, &reason, dates))
        }
        Refused::Closed if editing => Refusal::new(StatusCode::FORBIDDEN, tr.t("conv-closed-edit")),
        Refused::Closed => Refusal::new(StatusCode::FORBIDDEN, tr.t("conv-closed-post")),
        Refused::BannedWord(word) if editing => Refusal::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            tr.t1("conv-banned-word-save", "word", word),
        ),
        Refused::BannedWord(word) => Refusal::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            tr.t1("conv-banned-word-post", "word", word),
        ),
    }
}

/// What the writer reads when their text is empty or too long.
pub(super) fn body_refusal(tr: Tr, e: &crate::domain::comment::CommentError) -> Refusal {
    use crate::domain::comment::CommentError;
    let message = match *e {
        CommentError::Empty => tr.t("conv-empty"),
        CommentError::TooLong { got, max } => tr.t2("conv-too-long", "got", got, "max", max),
    };
    Refusal::new(StatusCode::UNPROCESSABLE_ENTITY, message)
}

/// Checks, rate-limits and stores a comment by `user` under `article` (a reply when `parent_id`
/// is set) under its screening `rules`, queues its `comment.created` webhook in the same
/// transaction and announces it to live readers. The form and the API both post through here.
pub async fn submit_comment(
    state: &AppState,
    user: &SessionUser,
    ip: &str,
    article: &CommentTarget,
    rules: &ScreeningRules,
    text: &str,
    parent_id: Option<i64>,
) -> Result<std::result::Result<Posted, Refusal>> {
    let now = state.clock.now();
    // The writer reads a refusal (a ban's end) in their own language and time zone.
    let dates = crate::web::session::member_dates(state.site_dates(), Some(user));
    let tr = crate::web::session::member_tr(state, user);
    let body = match CommentBody::parse(text, state.config.max_comment_chars) {
        Ok(b) => b,
        Err(e) => return Ok(Err(body_refusal(tr, &e))),
    };
    let refused = |reason: RefusalReason| match reason {
        RefusalReason::Screening(r) => refusal(tr, r, false, &dates),
        RefusalReason::TooFast(too_fast) => Refusal {
            status: StatusCode::TOO_MANY_REQUESTS,
            message: tr.t2(
                "conv-too-fast",
                "limit",
                too_fast.limit_per_minute,
                "seconds",
                too_fast.retry_after_seconds,
            ),
            retry_after: Some(too_fast.retry_after_seconds),
        },
    };
    let (verdict, spam_score, hold_detail) =
        screen_text(state, user, rules, Some(article.published_at), &body, None).await?;
    let screened = match Screened::from_verdict(verdict) {
        Ok(screened) => screened,
        Err(reason) => return Ok(Err(refused(reason))),
    };
    let hold = screened.hold().map(|(reason, _)| reason);
    let hold_note = screened.hold().map_or("", |(_, note)| note);
    // Rate limits per member and per address, in the database so every process counts alike,
    // hit in the transaction that stores the comment.
    let pace = |member_posts, address_posts| Pace {
        member_posts,
        address_posts,
        limit_per_minute: i64::from(state.config.comments_per_minute),
        now,
    };
    // Shown at once: other processes and shared caches hear of it at the same commit.
    let change = Change::CommentCount {
        article_id: article.id,
    };
    let announcement = hold
        .is_none()
        .then(|| state.pages.announcement(change))
        .flatten();
    let body_html = body.to_html();
    let base = state.config.base_url.trim_end_matches('/').to_owned();
    let (slug, headline) = (article.slug.clone(), article.title.clone());
    let (author_name, payload_html) = (user.display_name.clone(), body_html.clone());
    let payload = move |id: i64| {
        comment_created_payload(
            &base,
            now,
            &CommentCreated {
                id,
                parent_id,
                author_name: &author_name,
                body_html: &payload_html,
                created_at: now,
                article_slug: &slug,
                article_headline: &headline,
            },
        )
    };
    let new = NewComment {
        article_id: article.id,
        parent_id,
        author_id: user.id,
        body_source: body.as_str().to_owned(),
        body_html,
        hold,
        hold_note: hold_note.to_owned(),
        hold_detail,
        spam_score,
        webhook_payload: Some(Box::new(payload)),
        rate: Some(RateCount {
            member_key: member_rate_key(user.id),
            address_key: address_rate_key(ip),
            window_start: rate_window(now),
            limit_per_minute: i64::from(state.config.comments_per_minute),
        }),
        announce: announcement.clone(),
    };
    let posted = match state.store.insert_comment(new, now).await? {
        Ok(posted) => posted,
        Err(NotPosted::TooFast {
            member_posts,
            address_posts,
        }) => {
            let too_fast = pace(member_posts, address_posts)
                .too_fast()
                .expect("the store refuses only what the pace refuses");
            return Ok(Err(refused(RefusalReason::TooFast(too_fast))));
        }
        Err(NotPosted::Reply(problem)) => {
            let message = match problem {
                ReplyProblem::ParentMissing => "conv-parent-missing",
                ReplyProblem::ParentElsewhere => "conv-parent-elsewhere",
                ReplyProblem::ParentDeleted => "conv-parent-deleted",
            };
            return Ok(Err(Refusal::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                tr.t(message),
            )));
        }
    };
    if posted.held {
        tracing::info!(comment_id = posted.id, article = %article.slug, reason = ?hold, "comment held for review");
        // Readers' pages are unchanged, but this member's now show the held comment.
        state.pages.changed(Change::Member { user_id: user.id });
        return Ok(Ok(posted));
    }
    state.live.announce(CommentPosted {
        article_id: article.id,
        comment_id: posted.id,
    });
    state.pages.announced(change, announcement.as_ref());
    state.webhooks.wake();
    state.mailroom.wake();
    tracing::info!(comment_id = posted.id, article = %article.slug, "comment posted");
    Ok(Ok(posted))
}

#[derive(Template)]
#[template(path = "comment_fragment.html")]
struct CommentFragment<'a> {
    c: &'a CommentView,
}

/// One comment's HTML as the page shows it, naming whom it answers when it is flattened.
pub(super) async fn render_one(
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
    let mut v = view(row, viewer, liked, replying_to, slug, now, None);
    // A live update of a muted member's comment arrives folded, as the page shows it.
    if let (Some(u), Some(author)) = (&viewer.user, row.author_id)
        && author != u.id
    {
        v.muted = state.store.muted_ids(u.id).await?.contains(&author);
    }
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
    // An embedded page's thread is never published, and its frame takes live updates too.
    if !published
        && state
            .store
            .embedded_thread_of(row.article_id)
            .await?
            .is_none()
    {
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
