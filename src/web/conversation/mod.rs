//! The conversation under an article: what members do in it (post, reply, edit, delete, like,
//! report, mute), its live updates, its public feeds and member pages. Every action works as a plain
//! form post with a redirect back; the script sends the same requests with
//! `Accept: application/json` and gets JSON instead.

pub mod live;
pub mod public_comments;

pub mod ask;
pub mod edit;
mod mute;
pub mod post;
pub mod report;

use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};

use crate::domain::l10n::Tr;
use crate::domain::locale::Dates;
use crate::web::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(post::router())
        .merge(ask::router())
        .merge(edit::router())
        .merge(report::router())
        // The same actions for a member signed in inside the embed's frame, whose cookie only
        // the embed's routes receive (`session::FRAME_PATH`). Routed at their full addresses
        // (not nested): the session reads the address to know it is the frame's.
        .merge(edit::actions_router(crate::web::session::FRAME_PATH))
        .merge(report::router_at(crate::web::session::FRAME_PATH))
        .merge(post::fragment_router(crate::web::session::FRAME_PATH))
        .merge(live::router())
        .merge(public_comments::router())
}

/// Where a member goes back to after acting on a comment of article `slug` (`anchor` names the
/// place): the article, or, for a request from the embed's frame, the framed thread (an
/// embedded page's article address would only redirect there, and out of the frame's routes).
pub(crate) async fn back_to(
    state: &AppState,
    viewer: &crate::web::session::Viewer,
    slug: &str,
    anchor: &str,
) -> crate::web::Result<String> {
    if viewer.is_framed()
        && let Some(href) = crate::web::embed::thread_address(state, slug, None).await?
    {
        return Ok(format!("{href}#{anchor}"));
    }
    Ok(format!("/articles/{slug}#{anchor}"))
}

/// Whether readers may act on the comments of article `slug`: it is published, or it is the
/// (never published) thread of a page embedding the conversation.
pub(crate) async fn open_to_readers(
    state: &AppState,
    slug: &str,
    published: bool,
) -> crate::web::Result<bool> {
    Ok(published || state.store.embedded_thread_by_slug(slug).await?.is_some())
}

pub(crate) fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

pub(crate) fn json_error(status: StatusCode, message: &str) -> Response {
    (status, Json(serde_json::json!({ "error": message }))).into_response()
}

/// What a suspended member reads wherever the conversation refuses them: until when (in their
/// language and time zone, or "permanently") and the moderator's reason, if one was given.
pub(crate) fn ban_notice(
    tr: Tr,
    until: chrono::DateTime<chrono::Utc>,
    reason: &str,
    dates: &Dates,
) -> String {
    crate::web::error::ban_words(
        tr,
        &crate::domain::moderation::ban_notice(until, reason),
        dates,
    )
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use crate::domain::moderation::forever;

    use super::*;
    use crate::domain::locale::{Locale, Zone};
    use crate::web::reading::thread::script_words;

    #[test]
    fn like_counts_take_each_languages_plural_forms() {
        let count = |locale, n: i64| Tr::new(locale).t1("conv-likes", "count", n);
        assert_eq!(count(Locale::En, 1), "1 like");
        assert_eq!(count(Locale::En, 0), "0 likes");
        assert_eq!(count(Locale::De, 1), "1 Like");
        assert_eq!(count(Locale::PtBr, 2), "2 curtidas");
        // Arabic has six forms; the isolation marks set the number apart.
        let ar: Vec<String> = [0, 1, 2, 3, 11, 100]
            .into_iter()
            .map(|n| count(Locale::Ar, n).replace(['\u{2068}', '\u{2069}'], ""))
            .collect();
        assert_eq!(
            ar,
            [
                "لا إعجابات",
                "إعجاب واحد",
                "إعجابان",
                "3 إعجابات",
                "11 إعجابًا",
                "100 إعجاب"
            ]
        );
    }

    #[test]
    fn ban_notices_say_until_when_and_why() {
        let dates = Dates::new(Locale::En.language_tag(), Zone::default());
        let until = chrono::Utc
            .with_ymd_and_hms(2026, 12, 14, 9, 45, 0)
            .unwrap();
        let en = Tr::new(Locale::En);
        assert_eq!(
            ban_notice(en, until, "Repeated abuse", &dates),
            "Your account is suspended from the conversation until 14 December 2026, 09:45 UTC: \
             you can read, but not post, edit, like or report. Reason: Repeated abuse"
        );
        assert_eq!(
            ban_notice(en, forever(), "", &dates),
            "Your account is suspended from the conversation permanently: you can read, but not \
             post, edit, like or report."
        );
        let de = ban_notice(Tr::new(Locale::De), forever(), "Spam", &dates);
        assert!(de.starts_with("Ihr Konto ist dauerhaft") && de.ends_with("Grund: Spam"));
    }

    #[test]
    fn the_scripts_words_are_a_safe_data_block_with_placeholders() {
        let words = script_words(Tr::new(Locale::De));
        assert!(!words.contains('<'), "{words}");
        let words: serde_json::Value = serde_json::from_str(&words).unwrap();
        assert_eq!(words["heading"], "Kommentare ({count})");
        assert_eq!(words["js-posted"], "Ihr Kommentar wurde veröffentlicht");
        assert_eq!(
            words["js-failed"],
            "{what} (Fehler {status}). Laden Sie die Seite neu und versuchen Sie es noch einmal."
        );
        // English, the script's own fallback, reads as it always did.
        let en: serde_json::Value = serde_json::from_str(&script_words(Tr::default())).unwrap();
        assert_eq!(en["replying-to"], "Replying to {name}");
        assert_eq!(en["js-reload"], "New comments – reload");
    }
}
