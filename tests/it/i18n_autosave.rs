//! The new-article page's offer of an autosaved new article over real HTTP on SQLite and
//! PostgreSQL: under the pseudo-locale it says nothing a catalogue did not, in German it is
//! German, and in English it reads as written.

use crate::common::{Member, TestApp, html, texts};
use crate::i18n::assert_only_catalogue_text;
use broadsheet::config::Config;
use broadsheet::domain::locale::Locale;
use broadsheet::domain::user::Role;

backend_tests!(
    mod pseudo = crate::common::Configured(in_pseudo_locale);
    the_offer_of_a_new_article_comes_from_the_catalogue,
);

backend_tests!(
    mod german = crate::common::Configured(in_german);
    the_offer_of_a_new_article_is_german,
);

backend_tests!(the_offer_of_a_new_article_reads_as_written_in_english,);

fn in_pseudo_locale(c: &mut Config) {
    c.locale = Locale::EnXa;
}

fn in_german(c: &mut Config) {
    c.locale = Locale::De;
}

const TYPED: &str = "Half a thought";

/// A writer with a new article autosaved, and the new-article page offering it back.
async fn offered(app: &TestApp) -> (Member, String) {
    let m = app.unverified_member("Wren Writer").await;
    m.promote(app, Role::Contributor).await;
    let r = m
        .client
        .post(app.url("/admin/articles/new/autosave"))
        .header("accept", "application/json")
        .form(&[("csrf", m.csrf.as_str()), ("body", TYPED)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    let page = m.page("/admin/articles/new").await;
    (m, page)
}

/// The offer's sentence and its buttons.
fn offer(page: &str) -> Vec<String> {
    let doc = html(page);
    let mut said = texts(&doc, ".autosave-offer p");
    said.extend(texts(&doc, ".autosave-offer button"));
    assert_eq!(said.len(), 3, "{page}");
    said
}

async fn the_offer_of_a_new_article_comes_from_the_catalogue(app: TestApp) {
    let (m, page) = offered(&app).await;
    for text in offer(&page) {
        assert!(text.starts_with('[') && text.ends_with(']'), "{text:?}");
    }
    let restored = m.page("/admin/articles/new?autosave=restore").await;
    let pages = [
        ("offer".to_owned(), page),
        ("restored".to_owned(), restored),
    ];
    let allowed = [
        "Broadsheet",
        "Science",
        "Wren Writer",
        TYPED,
        "en-XA",
        "::name",
        "UTC",
        Locale::EnXa.autonym(),
        m.email.as_str(),
    ];
    assert_only_catalogue_text(&pages, &allowed);
}

async fn the_offer_of_a_new_article_is_german(app: TestApp) {
    let (_, page) = offered(&app).await;
    let said = offer(&page);
    assert!(
        said[0].starts_with("Ein neuer Artikel, an dem Sie geschrieben haben, wurde um "),
        "{said:?}"
    );
    assert!(said[1].starts_with("Automatisch gespeicherten Entwurf von "));
    assert_eq!(said[2], "Verwerfen");
}

async fn the_offer_of_a_new_article_reads_as_written_in_english(app: TestApp) {
    let (_, page) = offered(&app).await;
    let said = offer(&page);
    let time = said[1].trim_start_matches("Restore the autosaved draft from ");
    assert_eq!(time.len(), 5, "{said:?}");
    assert_eq!(
        said[0],
        format!("A new article you were writing was autosaved at {time} but never saved.")
    );
    assert_eq!(said[2], "Discard it");
}
