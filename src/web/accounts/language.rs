//! A member's language: `POST /settings/language` (the menu is on `/settings`).

use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use serde::Deserialize;

use super::settings::settings_error;
use crate::domain::l10n::Tr;
use crate::domain::locale::Locale;
use crate::web::forms::MemberForm;
use crate::web::session::Viewer;
use crate::web::{AppState, Result};

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/settings/language", post(save_language))
}

#[derive(Deserialize)]
struct LanguageForm {
    #[serde(default)]
    locale: String,
}

/// `POST /settings/language`: one of the shipped languages, or empty for the site's. The
/// member's pages and mails follow it from the next request (the session copies are dropped).
async fn save_language(
    State(state): State<AppState>,
    viewer: Viewer,
    MemberForm { user, form }: MemberForm<LanguageForm>,
) -> Result<Response> {
    let chosen = match form.locale.trim() {
        "" => None,
        tag => match Locale::parse_member_choice(tag) {
            Ok(locale) => Some(locale),
            Err(_) => {
                let message = Tr::new(viewer.locale).t1(
                    "settings-unknown-language",
                    "languages",
                    Locale::shipped_list(),
                );
                return settings_error(&state, &viewer, "language", message, None).await;
            }
        },
    };
    state
        .store
        .set_locale(user.id, chosen.map(Locale::tag))
        .await?;
    Ok(Redirect::to("/settings?saved=language").into_response())
}
