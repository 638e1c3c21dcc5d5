//! The rich editor's words (`editor-words`, read by `static/editor.js`) over real HTTP on
//! SQLite and PostgreSQL: under the pseudo-locale the editor page says nothing a catalogue did
//! not, and every word in its data block (which the text check skips, being inside a script) is
//! the pseudo-locale's too; in German the block holds German words.

use crate::common::{Member, TestApp, article, html};
use crate::i18n::assert_only_catalogue_text;
use broadsheet::config::Config;
use broadsheet::domain::locale::Locale;
use broadsheet::domain::user::Role;

backend_tests!(
    mod pseudo = crate::common::Configured(in_pseudo_locale);
    the_editor_page_and_its_words_come_from_the_catalogue,
);

backend_tests!(
    mod german = crate::common::Configured(in_german);
    the_editor_words_are_german,
);

fn in_pseudo_locale(c: &mut Config) {
    c.locale = Locale::EnXa;
}

fn in_german(c: &mut Config) {
    c.locale = Locale::De;
}

async fn editor(app: &TestApp) -> Member {
    let m = app.unverified_member("Edna Editor").await;
    m.promote(app, Role::Editor).await;
    m
}

/// The page's `editor-words` block, parsed.
fn words(page: &str) -> serde_json::Map<String, serde_json::Value> {
    let doc = html(page);
    let selector =
        scraper::Selector::parse("script#editor-words[type='application/json']").unwrap();
    let blocks: Vec<String> = doc.select(&selector).map(|s| s.inner_html()).collect();
    assert_eq!(blocks.len(), 1, "one words block: {page}");
    serde_json::from_str(&blocks[0]).expect("the words block is JSON")
}

async fn the_editor_page_and_its_words_come_from_the_catalogue(app: TestApp) {
    app.publish(&[article("story", "Science", 30)]).await;
    let editor = editor(&app).await;
    let mut pages = Vec::new();
    for path in ["/admin/articles/new".to_owned(), {
        let id = crate::languages::article_id(&app, "story").await;
        format!("/admin/articles/{id}")
    }] {
        let r = editor.get(&path).await;
        assert_eq!(r.status(), 200, "{path}");
        let page = r.text().await.unwrap();
        let words = words(&page);
        assert!(words.len() > 70, "{words:?}");
        for (key, text) in &words {
            let text = text.as_str().unwrap();
            assert!(
                text.starts_with('[') && text.ends_with(']'),
                "{path}: `{key}` is not the pseudo-locale's: {text:?}"
            );
        }
        pages.push((format!("editor {path}"), page));
    }
    let allowed = [
        // (First, so that no shorter allowed text is taken out of it before it.)
        "Headline of story",
        "Broadsheet",
        "Science",
        "Edna Editor",
        "Ada Reporter",
        "Test Writer",
        "testing",
        "newsroom",
        "story",
        // The pseudo-locale's dates, which English's formatter writes.
        "June",
        "Summary of story.",
        "First paragraph of story.\n\nSecond paragraph with *emphasis*.",
        "en-XA",
        "::name",
        "UTC",
        Locale::EnXa.autonym(),
        editor.email.as_str(),
    ];
    assert_only_catalogue_text(&pages, &allowed);
}

async fn the_editor_words_are_german(app: TestApp) {
    let editor = editor(&app).await;
    let words = words(&editor.page("/admin/articles/new").await);
    assert_eq!(words["toolbar"], "Formatierung und Blöcke");
    assert_eq!(words["bold"], "Fett");
    assert_eq!(words["insert-image"], "Bild einfügen");
    assert_eq!(words["edit-named"], "{name} bearbeiten");
}
