//! Autosave of the editor's working copy: `POST /admin/articles/{id}/autosave` (the editor's
//! script, every few seconds after a change) keeps the typed fields without making a revision,
//! and is refused like a save when someone saved a newer revision; reopening the editor offers
//! an autosave newer than the last revision back (`?autosave=restore`), or
//! `POST /admin/articles/{id}/autosave/discard` forgets it. Without JavaScript nothing is
//! autosaved and the editor is as it was.

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
use crate::store::newsroom::{Autosaved, Editing};
use crate::web::error::Refusal;
use crate::web::forms::{MemberForm, NoFields};
use crate::web::session::Viewer;
use crate::web::{AppState, Result};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/articles/{id}/autosave", post(autosave))
        .route("/admin/articles/{id}/autosave/discard", post(discard))
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
    let fields = normalised(form.fields);
    if let Some(too_big) = oversized(&fields) {
        let message = match too_big {
            Oversized::Body => tr.t1(
                "editor-autosave-body-too-long",
                "mib",
                MAX_BODY_BYTES / 1024 / 1024,
            ),
            Oversized::Field => tr.t("editor-autosave-field-too-long"),
        };
        return Err(Refusal::new(StatusCode::PAYLOAD_TOO_LARGE, message).into());
    }
    let base: i64 = form.revision.trim().parse().unwrap_or(-1);
    let now = state.clock.now();
    match state
        .store
        .autosave(id, user.id, base, &fields, now)
        .await?
    {
        Autosaved::Kept => {
            let status = tr.t1(
                "editor-autosave-saved",
                "time",
                when(&viewer.dates, now, now),
            );
            let mut r = Json(serde_json::json!({ "status": status })).into_response();
            r.headers_mut().insert(
                header::CACHE_CONTROL,
                header::HeaderValue::from_static("private, no-store"),
            );
            Ok(r)
        }
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

/// The autosave of the editor page on article `id`, with an offer of an autosaved draft.
pub(super) fn view(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    offer: Option<OfferView>,
) -> AutosaveView {
    let tr = Tr::new(viewer.locale);
    AutosaveView {
        endpoint: format!("/admin/articles/{id}/autosave"),
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
    let tr = Tr::new(viewer.locale);
    let at = when(&viewer.dates, a.saved_at, state.clock.now());
    if restore {
        let notice = tr.t1("editor-autosave-restored", "time", at.as_str());
        return Ok(Opened {
            restored: Some((a.fields, a.base_revision, notice)),
            offer: None,
        });
    }
    let last = state
        .store
        .revision_row(article.id, article.revision)
        .await?
        .map(|r| r.created_at);
    if !offered(
        &a.fields,
        a.saved_at,
        &DraftFields::of(&article.draft),
        last,
    ) {
        return Ok(Opened::default());
    }
    Ok(Opened {
        restored: None,
        offer: Some(OfferView {
            text: tr.t1("editor-autosave-offer", "time", at.as_str()),
            restore: tr.t1("editor-autosave-restore", "time", at.as_str()),
            restore_action: format!("/admin/articles/{}", article.id),
            discard: tr.t("editor-autosave-discard"),
            discard_action: format!("/admin/articles/{}/autosave/discard", article.id),
        }),
    })
}
