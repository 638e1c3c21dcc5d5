//! Autosave of the editor's working copy: `POST /admin/articles/{id}/autosave` (the editor's
//! script, every few seconds after a change) keeps the typed fields without making a revision,
//! and is refused like a save when someone saved a newer revision; reopening the editor offers
//! an autosave newer than the last revision back (`?autosave=restore`), or
//! `POST /admin/articles/{id}/autosave/discard` forgets it. A new article never saved is
//! autosaved too, one per writer (`/admin/articles/new/autosave`, offered back on
//! `/admin/articles/new`). Without JavaScript nothing is autosaved and the editor is as it was.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Json, Redirect, Response};
use axum::routing::post;
use axum::{Router, http::header};
use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::{access, load, refuse};
use crate::domain::l10n::Tr;
use crate::domain::locale::Dates;
use crate::domain::newsroom::autosave::{Oversized, normalised, offered, oversized};
use crate::domain::newsroom::{ArticleAccess, DraftFields, MAX_BODY_BYTES};
use crate::store::newsroom::{Autosave, Autosaved, Editing};
use crate::web::error::Refusal;
use crate::web::forms::{MemberForm, NoFields};
use crate::web::session::Viewer;
use crate::web::{AppState, Result};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/articles/{id}/autosave", post(autosave))
        .route("/admin/articles/{id}/autosave/discard", post(discard))
        .route("/admin/articles/new/autosave", post(autosave_new))
        .route("/admin/articles/new/autosave/discard", post(discard_new))
}

#[derive(Deserialize)]
struct AutosaveForm {
    #[serde(default)]
    revision: String,
    #[serde(flatten)]
    fields: DraftFields,
}

/// A moment as the editor names it: the time alone when it is today where the editor is.
fn when(dates: &Dates, t: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let (local, today) = (dates.zone.local(t), dates.zone.local(now));
    if local.date_naive() == today.date_naive() {
        local.format("%H:%M").to_string()
    } else {
        dates.long(t)
    }
}

/// `POST /admin/articles/{id}/autosave`: keeps the typed fields as the caller's working copy
/// of the article, answering JSON `{"status": …}` for the editor's status line. Refused with
/// 409 when the revision the form was opened on is no longer the newest (nothing is kept, and
/// the script stops autosaving), 413 when a field is larger than a save takes.
async fn autosave(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    MemberForm { form, .. }: MemberForm<AutosaveForm>,
) -> Result<Response> {
    let tr = Tr::new(viewer.locale);
    let article = load(&state, id).await?;
    let (user, can) = access(&viewer, Some(&article))?;
    if !can.edit {
        return Err(refuse(&viewer, "newsroom-cannot-edit"));
    }
    let fields = within_limits(tr, form.fields)?;
    let base: i64 = form.revision.trim().parse().unwrap_or(-1);
    let now = state.clock.now();
    match state
        .store
        .autosave(id, user.id, base, &fields, now)
        .await?
    {
        Autosaved::Kept => Ok(kept(&viewer, now)),
        Autosaved::Stale { newest } => {
            let message = match state.store.revision_row(id, newest).await? {
                Some(r) => tr.t2(
                    "editor-autosave-stale",
                    "name",
                    r.saved_by
                        .unwrap_or_else(|| tr.t("editor-autosave-someone")),
                    "time",
                    when(&viewer.dates, r.created_at, now),
                ),
                None => tr.t("editor-autosave-stale-unknown"),
            };
            Err(Refusal::new(StatusCode::CONFLICT, message).into())
        }
    }
}

/// The typed fields as an autosave keeps them, or a 413 when one is larger than a save takes.
fn within_limits(tr: Tr, fields: DraftFields) -> Result<DraftFields> {
    let fields = normalised(fields);
    let Some(too_big) = oversized(&fields) else {
        return Ok(fields);
    };
    let message = match too_big {
        Oversized::Body => tr.t1(
            "editor-autosave-body-too-long",
            "mib",
            MAX_BODY_BYTES / 1024 / 1024,
        ),
        Oversized::Field => tr.t("editor-autosave-field-too-long"),
    };
    Err(Refusal::new(StatusCode::PAYLOAD_TOO_LARGE, message).into())
}

/// The answer to an autosave kept at `now`: the status line's words.
fn kept(viewer: &Viewer, now: DateTime<Utc>) -> Response {
    let status = Tr::new(viewer.locale).t1(
        "editor-autosave-saved",
        "time",
        when(&viewer.dates, now, now),
    );
    let mut r = Json(serde_json::json!({ "status": status })).into_response();
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("private, no-store"),
    );
    r
}

/// `POST /admin/articles/new/autosave`: keeps the typed fields as the caller's new article in
/// the writing, for whoever may start articles. It is kept apart from the articles (one row
/// per writer, replaced each time) rather than by creating a draft on the first keystroke: a
/// draft needs a valid headline, section and free slug that a half-typed form lacks, and would
/// appear in everyone's article list, take its slug and outlive a writer who gave up. The
/// article is made, as before, only when the writer saves. Nothing to be stale against, so
/// never 409; 413 as above.
async fn autosave_new(
    State(state): State<AppState>,
    viewer: Viewer,
    MemberForm { form, .. }: MemberForm<AutosaveForm>,
) -> Result<Response> {
    let (user, _) = access(&viewer, None)?;
    let fields = within_limits(Tr::new(viewer.locale), form.fields)?;
    let now = state.clock.now();
    state.store.autosave_new(user.id, &fields, now).await?;
    Ok(kept(&viewer, now))
}

/// `POST /admin/articles/new/autosave/discard`: forgets the caller's autosaved new article and
/// opens an empty one.
async fn discard_new(
    State(state): State<AppState>,
    viewer: Viewer,
    MemberForm { .. }: MemberForm<NoFields>,
) -> Result<Response> {
    let (user, _) = access(&viewer, None)?;
    state.store.discard_new_autosave(user.id).await?;
    Ok(Redirect::to(NEW).into_response())
}

/// The new-article editor's address.
const NEW: &str = "/admin/articles/new";

/// `POST /admin/articles/{id}/autosave/discard`: forgets the caller's autosave of the article
/// and opens the editor on the saved working copy.
async fn discard(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    MemberForm { .. }: MemberForm<NoFields>,
) -> Result<Response> {
    let article = load(&state, id).await?;
    let (user, can) = access(&viewer, Some(&article))?;
    if !can.view {
        return Err(refuse(&viewer, "newsroom-cannot-open"));
    }
    state.store.discard_autosave(id, user.id).await?;
    Ok(Redirect::to(&format!("/admin/articles/{id}")).into_response())
}

/// The editor page's autosave: where its script sends the form, the status line's words, and
/// the offer of an autosaved draft newer than the last revision.
pub struct AutosaveView {
    pub endpoint: String,
    pub script: String,
    pub saving: String,
    pub failed: String,
    pub offer: Option<OfferView>,
}

pub struct OfferView {
    pub text: String,
    pub restore: String,
    pub restore_action: String,
    pub discard: String,
    pub discard_action: String,
}

/// The autosave of the editor page on article `id` (none: a new article), with an offer of
/// an autosaved draft.
pub(super) fn view(
    state: &AppState,
    viewer: &Viewer,
    id: Option<i64>,
    offer: Option<OfferView>,
) -> AutosaveView {
    let tr = Tr::new(viewer.locale);
    AutosaveView {
        endpoint: match id {
            Some(id) => format!("/admin/articles/{id}/autosave"),
            None => format!("{NEW}/autosave"),
        },
        script: state.assets.autosave_script.href(),
        saving: tr.t("editor-autosave-saving"),
        failed: tr.t("editor-autosave-failed"),
        offer,
    }
}

/// What opening the editor takes from the caller's autosave: a restored draft (its fields,
/// the revision it was based on and a notice), or else the offer to restore it.
#[derive(Default)]
pub(super) struct Opened {
    pub(super) restored: Option<(DraftFields, i64, String)>,
    pub(super) offer: Option<OfferView>,
}

/// Looks up the caller's autosave of `article` as the editor opens it; `restore` puts it in
/// the form. Only callers who may edit the article autosave.
pub(super) async fn on_open(
    state: &AppState,
    viewer: &Viewer,
    article: &Editing,
    can: ArticleAccess,
    restore: bool,
) -> Result<Opened> {
    let Some(user) = viewer.user.as_ref().filter(|_| can.edit) else {
        return Ok(Opened::default());
    };
    let Some(a) = state.store.autosaved(article.id, user.id).await? else {
        return Ok(Opened::default());
    };
    let last = match restore {
        true => None,
        false => state
            .store
            .revision_row(article.id, article.revision)
            .await?
            .map(|r| r.created_at),
    };
    let page = format!("/admin/articles/{}", article.id);
    let current = DraftFields::of(&article.draft);
    Ok(opened(state, viewer, a, restore, &current, last, &page))
}

/// Looks up the caller's autosaved new article as the new-article editor opens on `empty`;
/// `restore` puts it in the form.
pub(super) async fn on_open_new(
    state: &AppState,
    viewer: &Viewer,
    user: i64,
    empty: &DraftFields,
    restore: bool,
) -> Result<Opened> {
    let Some(a) = state.store.autosaved_new(user).await? else {
        return Ok(Opened::default());
    };
    Ok(opened(state, viewer, a, restore, empty, None, NEW))
}

/// The autosave `a` restored into the editor at `page`, or offered there when it is newer than
/// the last revision (`last`) and differs from the form's `current` fields.
fn opened(
    state: &AppState,
    viewer: &Viewer,
    a: Autosave,
    restore: bool,
    current: &DraftFields,
    last: Option<DateTime<Utc>>,
    page: &str,
) -> Opened {
    let tr = Tr::new(viewer.locale);
    let at = when(&viewer.dates, a.saved_at, state.clock.now());
    if restore {
        let notice = tr.t1("editor-autosave-restored", "time", at.as_str());
        return Opened {
            restored: Some((a.fields, a.base_revision, notice)),
            offer: None,
        };
    }
    if !offered(&a.fields, a.saved_at, current, last) {
        return Opened::default();
    }
    // A new article has no revision for the autosave to be newer than: it says so its own way.
    let text = match page {
        NEW => tr.t1("autosave-new-offer", "time", at.as_str()),
        _ => tr.t1("editor-autosave-offer", "time", at.as_str()),
    };
    Opened {
        restored: None,
        offer: Some(OfferView {
            text,
            restore: tr.t1("editor-autosave-restore", "time", at.as_str()),
            restore_action: page.to_owned(),
            discard: tr.t("editor-autosave-discard"),
            discard_action: format!("{page}/autosave/discard"),
        }),
    }
}
