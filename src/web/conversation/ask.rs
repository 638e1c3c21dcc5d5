//! "Ask the newsroom": the page where a signed-in reader sends a question about a live
//! article, and its form. Asking needs an account, as the conversation does. The article page
//! links here rather than carrying the form, so it stays one page for every reader (and its
//! cached copies keep working). Questions are screened as comments are (bans, word lists, the
//! spam filter), counted against a per-minute limit, and every one waits on the moderation desk.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;

use super::post::screen_text;
use crate::domain::comment::CommentBody;
use crate::domain::comment::admission::rate_window;
use crate::domain::l10n::Tr;
use crate::domain::live_question::{
    MAX_QUESTION_CHARS, QUESTIONS_PER_MINUTE, QuestionTextError, hold_of, may_ask, question_text,
    rate_keys, too_fast,
};
use crate::domain::moderation::{Refused, ban_notice};
use crate::domain::{ArticleDetail, Slug};
use crate::store::live_questions::NewQuestion;
use crate::web::forms::MemberForm;
use crate::web::layout::Layout;
use crate::web::session::{ClientIp, Viewer};
use crate::web::{AppState, Error, Refusal, Result};

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/articles/{slug}/ask", get(page).post(ask))
}

#[derive(Template)]
#[template(path = "live_ask.html")]
struct AskPage {
    layout: Layout,
    title: String,
    href: String,
    /// The article's live updates (`href#live-updates`).
    updates_href: String,
    action: String,
    is_live: bool,
    signed_in: bool,
    signin_href: String,
    csrf: String,
    typed: String,
    notify: bool,
    error: Option<String>,
    sent: bool,
    max_chars: usize,
}

/// The article, if it is published and has (or had) live coverage.
async fn live_article(state: &AppState, slug: &str) -> Result<ArticleDetail> {
    let slug = Slug::parse(slug).map_err(|_| Error::NotFound)?;
    let article = state
        .store
        .published_article(slug.as_str(), state.clock.now())
        .await?
        .ok_or(Error::NotFound)?;
    if !article.card.coverage.has_stream() {
        return Err(Error::NotFound);
    }
    Ok(article)
}

/// What was typed, sent back with the form.
struct Typed<'a> {
    body: &'a str,
    notify: bool,
}

async fn render(
    state: &AppState,
    viewer: &Viewer,
    article: &ArticleDetail,
    typed: Typed<'_>,
    error: Option<Refusal>,
    sent: bool,
) -> Result<Response> {
    let c = &article.card;
    let href = format!("/articles/{}", c.slug);
    let action = format!("{href}/ask");
    let status = error.as_ref().map_or(StatusCode::OK, |r| r.status);
    let retry_after = error.as_ref().and_then(|r| r.retry_after);
    let page = AskPage {
        layout: Layout::load(
            state,
            viewer,
            &Tr::new(viewer.locale).t1("reading-ask-title", "title", &c.title),
        )
        .await?,
        title: c.title.clone(),
        signin_href: format!("/signin?return_to={action}"),
        updates_href: format!("{href}#live-updates"),
        href,
        action,
        is_live: c.coverage.is_live(),
        signed_in: viewer.is_signed_in(),
        csrf: viewer.csrf.clone(),
        typed: typed.body.to_owned(),
        notify: typed.notify,
        error: error.map(|r| r.message),
        sent,
        max_chars: MAX_QUESTION_CHARS,
    };
    let mut r = (status, Html(page.render()?)).into_response();
    if let Some(s) = retry_after {
        r.headers_mut().insert(header::RETRY_AFTER, s.into());
    }
    Ok(r)
}

#[derive(Deserialize, Default)]
struct PageQuery {
    #[serde(default)]
    sent: Option<String>,
}

/// `GET /articles/{slug}/ask`: the form (or, signed out, the way to sign in first).
async fn page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
    Query(q): Query<PageQuery>,
) -> Result<Response> {
    let article = live_article(&state, &slug).await?;
    let typed = Typed {
        body: "",
        notify: true,
    };
    render(&state, &viewer, &article, typed, None, q.sent.is_some()).await
}

#[derive(Deserialize)]
struct AskForm {
    #[serde(default)]
    body: String,
    notify: Option<String>,
}

/// `POST /articles/{slug}/ask`: a new question, held for the moderation desk; back to the page
/// with a thank-you, or the form with what is wrong and the text kept.
async fn ask(
    State(state): State<AppState>,
    viewer: Viewer,
    ClientIp(ip): ClientIp,
    Path(slug): Path<String>,
    MemberForm { user, form }: MemberForm<AskForm>,
) -> Result<Response> {
    let article = live_article(&state, &slug).await?;
    let typed = Typed {
        body: &form.body,
        notify: form.notify.is_some(),
    };
    let tr = Tr::new(viewer.locale);
    let refuse = |status: StatusCode, message: String| Refusal::new(status, message);
    if may_ask(article.card.coverage).is_err() {
        let r = refuse(StatusCode::FORBIDDEN, tr.t("reading-ask-not-live"));
        return render(&state, &viewer, &article, typed, Some(r), false).await;
    }
    let text = match question_text(&form.body) {
        Ok(t) => t,
        Err(e) => {
            let m = match e {
                QuestionTextError::Empty => tr.t("reading-ask-empty"),
                QuestionTextError::TooLong(n) => tr.t2(
                    "reading-ask-too-long",
                    "max",
                    MAX_QUESTION_CHARS,
                    "chars",
                    n,
                ),
            };
            let r = refuse(StatusCode::UNPROCESSABLE_ENTITY, m);
            return render(&state, &viewer, &article, typed, Some(r), false).await;
        }
    };
    let body = CommentBody::parse(&text, MAX_QUESTION_CHARS)
        .map_err(|e| Error::BadRequest(e.to_string()))?;
    let c = &article.card;
    let rules = state.store.screening_rules(c.id).await?;
    let (verdict, spam_score, _) =
        screen_text(&state, &user, &rules, Some(c.published_at), &body, None).await?;
    let (held_reason, held_note) = match hold_of(verdict) {
        Ok(hold) => hold,
        Err(refused) => {
            let r = match refused {
                Refused::Banned { until, reason } => refuse(
                    StatusCode::FORBIDDEN,
                    crate::web::error::ban_words(tr, &ban_notice(until, &reason), &viewer.dates),
                ),
                Refused::Closed => refuse(StatusCode::FORBIDDEN, tr.t("reading-ask-closed")),
                Refused::BannedWord(word) => refuse(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    tr.t1("reading-ask-banned-word", "word", &word),
                ),
            };
            return render(&state, &viewer, &article, typed, Some(r), false).await;
        }
    };
    // Counted only once screening let it through, as comments are.
    let now = state.clock.now();
    let (member_key, address_key) = rate_keys(user.id, &ip);
    let (member, address) = state
        .store
        .hit_rate_windows(&member_key, &address_key, rate_window(now))
        .await?;
    if let Some(wait) = too_fast(member, address, now) {
        let r = Refusal {
            status: StatusCode::TOO_MANY_REQUESTS,
            message: tr.t2(
                "reading-ask-too-fast",
                "max",
                QUESTIONS_PER_MINUTE,
                "wait",
                wait,
            ),
            retry_after: Some(wait),
        };
        return render(&state, &viewer, &article, typed, Some(r), false).await;
    }
    let id = state
        .store
        .ask_question(
            &NewQuestion {
                article_id: c.id,
                asker_id: user.id,
                body: &text,
                held_reason,
                held_note: &held_note,
                spam_score,
                notify: typed.notify,
            },
            now,
        )
        .await?;
    tracing::info!(question = id, article = %c.slug, reason = ?held_reason, "question asked");
    Ok(Redirect::to(&format!("/articles/{}/ask?sent=1", c.slug)).into_response())
}
