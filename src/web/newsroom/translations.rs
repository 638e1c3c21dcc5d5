//! An article's own language and its translations: `POST /admin/articles/{id}/language`, the
//! editor's "Language and translations" form (editors and admins).

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use serde::Deserialize;

use super::articles::{Extras, LanguageForm, editor};
use super::{access, load, refuse};
use crate::domain::Slug;
use crate::domain::l10n::Tr;
use crate::domain::locale::article_language;
use crate::domain::newsroom::{ArticleAccess, DraftFields};
use crate::store::newsroom::Editing;
use crate::web::cache::Change;
use crate::web::forms::MemberForm;
use crate::web::session::Viewer;
use crate::web::{AppState, Result};

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/admin/articles/{id}/language", post(set_language))
}

#[derive(Deserialize)]
struct Form {
    #[serde(default)]
    lang: String,
    #[serde(default)]
    translation_of: String,
}

/// `POST /admin/articles/{id}/language`: the article's language (blank: the site's) and the
/// article it is a translation of (its address or slug; blank: none).
async fn set_language(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    MemberForm { form, .. }: MemberForm<Form>,
) -> Result<Response> {
    let article = load(&state, id).await?;
    let (user, can) = access(&viewer, Some(&article))?;
    if !can.publish {
        return Err(refuse(&viewer, "newsroom-cannot-language"));
    }
    let site = &state.config.locale.language_tag();
    let typed = LanguageForm {
        lang: form.lang.clone(),
        translation_of: form.translation_of.clone(),
    };
    let back = |status, message| Refused {
        state: &state,
        viewer: &viewer,
        article: &article,
        can,
        status,
        message,
        typed: typed.clone(),
    };
    let lang = match article_language(&form.lang, site) {
        Ok(l) => l,
        Err(e) => {
            let m = Tr::new(viewer.locale).t1("newsroom-language-refused", "why", e.to_string());
            return back(StatusCode::UNPROCESSABLE_ENTITY, m).send().await;
        }
    };
    // An address pasted whole is taken as its slug.
    let other = form.translation_of.trim();
    let other = other
        .rsplit("/articles/")
        .next()
        .unwrap_or(other)
        .trim_matches('/');
    let other = if other.is_empty() {
        None
    } else {
        match Slug::parse(other) {
            Ok(s) => Some(s),
            Err(_) => {
                let m = Tr::new(viewer.locale).t1(
                    "newsroom-no-such-address",
                    "address",
                    format!("/articles/{other}"),
                );
                return back(StatusCode::UNPROCESSABLE_ENTITY, m).send().await;
            }
        }
    };
    let saved = state
        .store
        .set_article_language(
            id,
            lang.as_ref().map(|l| l.as_str()),
            site.as_str(),
            other.as_ref().map(|s| s.as_str()),
        )
        .await;
    match saved.map_err(|e| super::words::worded(Tr::new(viewer.locale), e)) {
        Ok(()) => {}
        Err(crate::store::Error::Duplicate(k))
            if k.is("article_translations", &["group_id", "lang"]) =>
        {
            let in_lang = lang.as_ref().unwrap_or(site);
            let m = Tr::new(viewer.locale).t1(
                "newsroom-translation-taken",
                "language",
                in_lang.as_str(),
            );
            return back(StatusCode::CONFLICT, m).send().await;
        }
        Err(crate::store::Error::Conflict(m)) => {
            return back(StatusCode::UNPROCESSABLE_ENTITY, m).send().await;
        }
        Err(e) => return Err(e.into()),
    }
    tracing::info!(article = id, by = user.id, "language and translations set");
    // Its page, its translations' pages and the sitemap change.
    state.pages.changed(Change::Everything);
    Ok(Redirect::to(&format!("/admin/articles/{id}?done=language")).into_response())
}

/// The editor sent back with the language form as typed and why it was refused.
struct Refused<'a> {
    state: &'a AppState,
    viewer: &'a Viewer,
    article: &'a Editing,
    can: ArticleAccess,
    status: StatusCode,
    message: String,
    typed: LanguageForm,
}

impl Refused<'_> {
    async fn send(self) -> Result<Response> {
        let extras = Extras {
            errors: vec![self.message],
            language: Some(self.typed),
            ..Extras::default()
        };
        let f = DraftFields::of(&self.article.draft);
        let revision = self.article.revision;
        let (state, viewer, article) = (self.state, self.viewer, self.article);
        editor(
            state,
            viewer,
            self.status,
            Some(article),
            self.can,
            f,
            revision,
            extras,
        )
        .await
    }
}
