//! The one way live coverage and its updates change, whoever asks: the live desk's forms
//! (`live.rs`) and the JSON API (`web/api/live_write.rs`) both call these. Who may do what is
//! `domain::live::live_access`; every change to an update is a revision (`store::live`), and one
//! readers see reaches open pages through the live-update hub, drops exactly the pages that
//! show it and, once published, wakes the webhook worker for `live.update.published`.

use axum::http::StatusCode;

use super::words::live_problem;
use crate::domain::l10n::Tr;
use crate::domain::live::{
    Coverage, CoverageAction, LiveAccess, UpdateAction, UpdateStatus, change_coverage, live_access,
    may_change, may_write, update_image, update_text,
};
use crate::domain::markdown;
use crate::domain::webhook::live_update_published_payload;
use crate::services::live::UpdateChanged;
use crate::store::live::{Changed, LiveUpdate, NewUpdate, UpdateChange};
use crate::store::sessions::SessionUser;
use crate::web::cache::Change;
use crate::web::{AppState, Error, Refusal, Result};

/// An update's content as the caller typed it (the desk's form or the API's JSON).
pub struct UpdateInput<'a> {
    pub body: &'a str,
    pub image_url: &'a str,
    pub image_alt: &'a str,
    pub key_event: bool,
}

/// A change to an existing update.
pub enum UpdateRequest<'a> {
    /// Publishes a draft.
    Publish,
    /// New content, made from `revision` (refused as stale when the update moved on).
    Edit {
        input: UpdateInput<'a>,
        revision: i64,
    },
    Delete,
}

/// What is wrong with the input, one message each: the desk shows them above its form with
/// what was typed, the API answers them in a 422.
pub type Invalid = Vec<String>;

/// What `user` may do with live coverage; refuses members (in `tr`'s words).
pub fn access(user: &SessionUser, tr: Tr) -> Result<LiveAccess> {
    let can = live_access(user.role());
    if !can.write {
        return Err(Error::Forbidden(tr.t("live-writers-only")));
    }
    Ok(can)
}

/// What only editors may do on the live desk.
#[derive(Clone, Copy, Debug)]
pub enum EditorsOnly {
    /// Open and end coverage.
    Coverage,
    /// Publish a new update.
    Publish,
    /// Publish, edit and delete existing updates.
    Change,
    /// Publish an answer to a reader's question.
    Answers,
}

/// The refusal of what only editors may do, in `tr`'s words.
pub fn editors_only(tr: Tr, what: EditorsOnly) -> Error {
    Error::Forbidden(tr.t(match what {
        EditorsOnly::Coverage => "live-editors-only-coverage",
        EditorsOnly::Publish => "live-editors-only-publish",
        EditorsOnly::Change => "live-editors-only-change",
        EditorsOnly::Answers => "live-editors-only-answers",
    }))
}

/// Opens or ends an article's coverage (editors) and drops the pages and cards that show it.
pub async fn set_coverage(
    state: &AppState,
    user: &SessionUser,
    article_id: i64,
    action: CoverageAction,
    tr: Tr,
) -> Result<Coverage> {
    if !access(user, tr)?.publish {
        return Err(editors_only(tr, EditorsOnly::Coverage));
    }
    let now_state = state
        .store
        .coverage(article_id)
        .await?
        .ok_or(Error::NotFound)?;
    let next = change_coverage(now_state, action, state.clock.now())
        .map_err(|p| Error::BadRequest(live_problem(tr, p)))?;
    if !state
        .store
        .set_coverage(article_id, now_state, next)
        .await?
    {
        return Err(Error::Rejected(Refusal::new(
            StatusCode::CONFLICT,
            tr.t("live-coverage-changed"),
        )));
    }
    tracing::info!(
        article = article_id,
        by = user.id,
        ?action,
        "live coverage changed"
    );
    state.pages.changed(Change::Coverage { article_id });
    Ok(next)
}

/// The checked text, its HTML and image; or what is wrong.
type Checked = (String, String, Option<(String, String)>);

fn check(input: &UpdateInput<'_>, tr: Tr) -> std::result::Result<Checked, Invalid> {
    let text = update_text(input.body);
    let image = update_image(input.image_url, input.image_alt);
    match (text, image) {
        (Ok(text), Ok(image)) => {
            let html = markdown::render_article(&text);
            Ok((text, html, image))
        }
        (text, image) => Err([text.err(), image.err()]
            .into_iter()
            .flatten()
            .map(|p| live_problem(tr, p))
            .collect()),
    }
}

/// Tells open pages and drops the pages that showed the update, when readers saw it.
pub(super) fn announce(state: &AppState, changed: Changed) {
    if !changed.seen_by_readers {
        return;
    }
    if changed.action == UpdateAction::Published {
        state.webhooks.wake();
    }
    state.live.announce_update(UpdateChanged {
        article_id: changed.article_id,
        update: changed.id,
        action: changed.action,
    });
    state.pages.changed(Change::LiveUpdate {
        article_id: changed.article_id,
    });
}

/// Writes a new update on `article_id` while its coverage is live: published at once when
/// `publish` (editors), otherwise a draft for an editor to publish.
pub async fn write_update(
    state: &AppState,
    user: &SessionUser,
    article_id: i64,
    input: &UpdateInput<'_>,
    publish: bool,
    tr: Tr,
) -> Result<std::result::Result<Changed, Invalid>> {
    let can = access(user, tr)?;
    if publish && !can.publish {
        return Err(editors_only(tr, EditorsOnly::Publish));
    }
    let coverage = state
        .store
        .coverage(article_id)
        .await?
        .ok_or(Error::NotFound)?;
    if let Err(p) = may_write(coverage) {
        return Ok(Err(vec![live_problem(tr, p)]));
    }
    let (text, html, image) = match check(input, tr) {
        Ok(c) => c,
        Err(invalid) => return Ok(Err(invalid)),
    };
    let now = state.clock.now();
    let (slug, _) = state
        .store
        .article_slug(article_id, now)
        .await?
        .ok_or(Error::NotFound)?;
    let payload = |update: i64| {
        live_update_published_payload(
            &state.config.base_url,
            now,
            update,
            &user.display_name,
            &html,
            input.key_event,
            &slug,
        )
    };
    let changed = state
        .store
        .insert_live_update(
            &NewUpdate {
                article_id,
                author_id: user.id,
                body_source: &text,
                body_html: &html,
                image: image.as_ref().map(|(u, a)| (u.as_str(), a.as_str())),
                key_event: input.key_event,
                publish,
                webhook_payload: &payload,
            },
            now,
        )
        .await?;
    tracing::info!(
        article = article_id,
        update = changed.id.0,
        by = user.id,
        publish,
        "live update written"
    );
    announce(state, changed);
    Ok(Ok(changed))
}

/// Publishes, edits or deletes `current` (editors). An edit of a published update marks it
/// "Updated"; a deletion keeps the row and its revisions as the audit of it.
pub async fn change_update(
    state: &AppState,
    user: &SessionUser,
    current: &LiveUpdate,
    request: UpdateRequest<'_>,
    tr: Tr,
) -> Result<std::result::Result<Changed, Invalid>> {
    if !access(user, tr)?.publish {
        return Err(editors_only(tr, EditorsOnly::Change));
    }
    may_change(current.status).map_err(|p| Error::BadRequest(live_problem(tr, p)))?;
    let checked;
    let change = match request {
        UpdateRequest::Publish if current.status == UpdateStatus::Draft => UpdateChange::Publish,
        UpdateRequest::Publish => {
            return Err(Error::BadRequest(tr.t("live-already-published")));
        }
        UpdateRequest::Delete => UpdateChange::Delete,
        UpdateRequest::Edit { input, revision } => {
            if revision != current.revision {
                return Err(stale(tr));
            }
            checked = match check(&input, tr) {
                Ok(c) => c,
                Err(invalid) => return Ok(Err(invalid)),
            };
            UpdateChange::Edit {
                body_source: &checked.0,
                body_html: &checked.1,
                image: checked.2.as_ref().map(|(u, a)| (u.as_str(), a.as_str())),
                key_event: input.key_event,
            }
        }
    };
    let now = state.clock.now();
    let (slug, _) = state
        .store
        .article_slug(current.article_id, now)
        .await?
        .ok_or(Error::NotFound)?;
    let author = current.author_name.clone().unwrap_or_default();
    // An answer to a reader's question goes out with the question it answers.
    let shown_html = super::live_questions::shown_html(current);
    let payload = |update: i64| {
        live_update_published_payload(
            &state.config.base_url,
            now,
            update,
            &author,
            &shown_html,
            current.key_event,
            &slug,
        )
    };
    let Some(changed) = state
        .store
        .change_live_update(current, change, user.id, &payload, now)
        .await?
    else {
        return Err(stale(tr));
    };
    tracing::info!(
        update = current.id,
        by = user.id,
        action = changed.action.as_str(),
        "live update changed"
    );
    announce(state, changed);
    Ok(Ok(changed))
}

fn stale(tr: Tr) -> Error {
    Error::Rejected(Refusal::new(
        StatusCode::CONFLICT,
        tr.t("live-update-changed"),
    ))
}
