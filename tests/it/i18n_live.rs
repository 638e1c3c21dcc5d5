//! Live coverage's words and the revision history's in every language, over real HTTP on SQLite
//! and PostgreSQL: the `live-words` block app.js reads (each plural form the language has), the
//! live desk's refusals, and the history's restore note and diff labels, in German, under the
//! pseudo-locale and (unchanged) in English.

use crate::common::{Member, TestApp, article, html, texts};
use crate::i18n::assert_only_catalogue_text;
use broadsheet::config::Config;
use broadsheet::domain::locale::Locale;
use broadsheet::domain::user::{Email, Role};

backend_tests!(
    mod german = crate::common::Configured(in_german);
    live_coverage_and_history_speak_german,
);

backend_tests!(
    mod pseudo = crate::common::Configured(in_pseudo_locale);
    live_refusals_and_history_say_only_what_the_catalogues_say,
);

backend_tests!(
    mod english = crate::common::Configured(|_| {});
    english_reads_as_before,
);

fn in_german(c: &mut Config) {
    c.locale = Locale::De;
}

fn in_pseudo_locale(c: &mut Config) {
    c.locale = Locale::EnXa;
}

/// A member with `role`, made through the store (the sign-up helper reads the English answer).
async fn staff(app: &TestApp, name: &str, role: Role) -> Member {
    let m = app.unverified_member(name).await;
    m.promote(app, role).await;
    m
}

/// The published article "story" with its coverage open, its id, an editor, a contributor and
/// a reader.
async fn coverage(app: &TestApp) -> (i64, Member, Member, Member) {
    app.publish(&[article("story", "Science", 30)]).await;
    let id = crate::languages::article_id(app, "story").await;
    let editor = staff(app, "Eddie", Role::Editor).await;
    let writer = staff(app, "Cora", Role::Contributor).await;
    let reader = app.unverified_member("Rita").await;
    let r = editor
        .post(&format!("/admin/articles/{id}/live"), &[("action", "open")])
        .await;
    assert_eq!(r.status(), 303);
    (id, editor, writer, reader)
}

/// What each refusal of the live desk answers: (status, body).
async fn refusals(
    id: i64,
    editor: &Member,
    writer: &Member,
    reader: &Member,
) -> Vec<(u16, String)> {
    let mut out = Vec::new();
    let desk = format!("/admin/articles/{id}/live");
    let r = reader.get(&desk).await;
    out.push((r.status().as_u16(), r.text().await.unwrap()));
    for (who, path, form) in [
        (writer, desk.clone(), vec![("action", "open")]),
        (
            writer,
            format!("{desk}/updates"),
            vec![("body", "Straight out"), ("action", "publish")],
        ),
        (editor, desk.clone(), vec![("action", "sideways")]),
    ] {
        let r = who.post(&path, &form).await;
        out.push((r.status().as_u16(), r.text().await.unwrap()));
    }
    out
}

/// An article with three revisions (the second restored from the first) and one more, restored
/// from revision 1 the way notes were stored before they were kept as kinds; its id.
async fn history(app: &TestApp, editor: &Member) -> i64 {
    let f = crate::newsroom::fields("Rain record", "Line one.");
    let id = crate::newsroom::create(editor, &f).await;
    let f2 = crate::newsroom::fields("Rain record, revised", "Line one.");
    assert_eq!(
        crate::newsroom::save(editor, id, "1", &f2, "save").await,
        303
    );
    let r = editor
        .post(
            &format!("/admin/articles/{id}/revisions/1/restore"),
            &[("revision", "2")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let user = app
        .store
        .user_by_email(&Email::parse(&editor.email).unwrap())
        .await
        .unwrap()
        .unwrap()
        .id;
    let draft = app.store.revision_content(id, 2).await.unwrap().unwrap();
    app.store
        .save_draft(id, &draft, 3, user, "Restored revision 2", app.clock.now())
        .await
        .unwrap();
    id
}

/// The history page's notes, newest first.
fn notes(page: &str) -> Vec<String> {
    texts(&html(page), "tr[id^=revision-] small")
}

/// The `live-words` block of the article page.
async fn live_words(app: &TestApp) -> serde_json::Value {
    let page = app.page("/articles/story", 200).await;
    let block = texts(&html(&page), "script#live-words");
    assert_eq!(block.len(), 1, "{page}");
    serde_json::from_str(&block[0]).unwrap()
}

async fn live_coverage_and_history_speak_german(app: TestApp) {
    let (id, editor, writer, reader) = coverage(&app).await;
    let words = live_words(&app).await;
    assert_eq!(words["new-update"], "Neues Update");
    assert_eq!(
        words["new-updates"],
        serde_json::json!({"one": "{count} neues Update", "other": "{count} neue Updates"})
    );

    let answers = refusals(id, &editor, &writer, &reader).await;
    let expected = [
        (403, "Live-Berichterstattung schreiben freie Mitarbeiter"),
        (
            403,
            "Nur Redakteure und Administratoren eröffnen und beenden",
        ),
        (
            403,
            "Nur Redakteure und Administratoren veröffentlichen Updates",
        ),
        (
            400,
            "Wählen Sie, ob die Berichterstattung eröffnet oder beendet",
        ),
    ];
    for ((status, body), (want_status, want)) in answers.iter().zip(expected) {
        assert_eq!(*status, want_status, "{body}");
        assert!(body.contains(want), "{want}: {body}");
        assert!(!body.contains("Only editors and admins"), "{body}");
    }

    let id = history(&app, &editor).await;
    let page = editor
        .page(&format!("/admin/articles/{id}/revisions"))
        .await;
    let notes = notes(&page);
    assert_eq!(
        notes[..2],
        ["Version 2 wiederhergestellt", "Version 1 wiederhergestellt"],
        "{page}"
    );
    let diff = editor
        .page(&format!("/admin/articles/{id}/revisions?from=1&to=2"))
        .await;
    let doc = html(&diff);
    assert_eq!(
        texts(&doc, ".diff-removed"),
        ["- Überschrift: Rain record", "- Slug: rain-record"]
    );
    assert_eq!(
        texts(&doc, ".diff-added"),
        [
            "+ Überschrift: Rain record, revised",
            "+ Slug: rain-record-revised"
        ]
    );
    assert!(diff.contains("Schlagwörter: testing, newsroom"), "{diff}");
    assert!(!diff.contains("Tags: "), "{diff}");
}

async fn live_refusals_and_history_say_only_what_the_catalogues_say(app: TestApp) {
    let (id, editor, writer, reader) = coverage(&app).await;
    let words = live_words(&app).await;
    assert!(
        words["new-update"].as_str().unwrap().starts_with('['),
        "{words}"
    );
    let mut pages = Vec::new();
    for (n, (status, body)) in refusals(id, &editor, &writer, &reader)
        .await
        .into_iter()
        .enumerate()
    {
        assert!(status == 400 || status == 403, "{body}");
        pages.push((format!("refusal {n}"), body));
    }
    let id = history(&app, &editor).await;
    for path in [
        format!("/admin/articles/{id}/revisions"),
        format!("/admin/articles/{id}/revisions?from=1&to=2"),
    ] {
        pages.push((path.clone(), editor.page(&path).await));
    }
    let mut allowed = crate::i18n::time_texts(&pages);
    allowed.extend(
        [
            "Broadsheet",
            "Eddie",
            "Cora",
            "Rita",
            "Rain record, revised",
            "Rain record",
            "rain-record-revised",
            "rain-record",
            "A summary for the listing.",
            "Science",
            "Ada Reporter",
            "testing, newsroom",
            "Line one.",
        ]
        .map(str::to_owned),
    );
    let mut allowed: Vec<&str> = allowed.iter().map(String::as_str).collect();
    // Longest first, so that no shorter allowed text is taken out of a longer one before it.
    allowed.sort_by_key(|a| std::cmp::Reverse(a.len()));
    assert_only_catalogue_text(&pages, &allowed);
}

async fn english_reads_as_before(app: TestApp) {
    let (id, editor, writer, reader) = coverage(&app).await;
    let words = live_words(&app).await;
    assert_eq!(
        words,
        serde_json::json!({
            "new-update": "New update",
            "new-updates": {"one": "{count} new update", "other": "{count} new updates"},
        })
    );
    let answers = refusals(id, &editor, &writer, &reader).await;
    let expected = [
        "Live coverage is written by contributors, editors and admins.",
        "Only editors and admins open and end live coverage; contributors write updates for \
         them to publish.",
        "Only editors and admins publish updates; contributors write updates for them to \
         publish.",
        "Choose to open or to end the coverage.",
    ];
    for ((_, body), want) in answers.iter().zip(expected) {
        assert!(body.contains(want), "{want}: {body}");
    }
    let id = history(&app, &editor).await;
    let page = editor
        .page(&format!("/admin/articles/{id}/revisions"))
        .await;
    assert_eq!(
        notes(&page)[..2],
        ["Restored revision 2", "Restored revision 1"],
        "{page}"
    );
    let diff = editor
        .page(&format!("/admin/articles/{id}/revisions?from=1&to=2"))
        .await;
    assert_eq!(
        texts(&html(&diff), ".diff-added"),
        [
            "+ Headline: Rain record, revised",
            "+ Slug: rain-record-revised"
        ]
    );
    // Restores are stored as kinds, worded when shown.
    let stored: Vec<String> = app
        .store
        .revisions(id)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.note)
        .collect();
    assert!(stored.contains(&"restored:1".to_owned()), "{stored:?}");
}
