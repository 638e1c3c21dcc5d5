//! The newsroom in every language, over real HTTP on SQLite and PostgreSQL: its pages under the
//! pseudo-locale say nothing that did not come from a catalogue (as an editor and as an admin,
//! with a refused article form and a refused publication time), a few of its words in German,
//! and publication times typed on the editor's own clocks.

use crate::common::{Member, TestApp, article, attrs, html, texts};
use crate::i18n::assert_only_catalogue_text;
use broadsheet::config::Config;
use broadsheet::domain::locale::Locale;
use broadsheet::domain::user::Role;

backend_tests!(
    mod pseudo = crate::common::Configured(in_pseudo_locale);
    newsroom_pages_say_only_what_the_catalogues_say,
);

backend_tests!(
    mod german = crate::common::Configured(in_german);
    the_newsroom_speaks_german,
);

backend_tests!(
    mod zones = crate::common::Configured(|_| {});
    publication_times_are_typed_on_the_editors_own_clocks,
);

fn in_pseudo_locale(c: &mut Config) {
    c.locale = Locale::EnXa;
}

fn in_german(c: &mut Config) {
    c.locale = Locale::De;
}

/// A member with `role`, made through the store (the sign-up helper reads the English answer).
pub(crate) async fn staff(app: &TestApp, name: &str, role: Role) -> Member {
    let m = app.unverified_member(name).await;
    m.promote(app, role).await;
    m
}

/// The editor form's fields for a draft in the section "Science", saved.
fn draft(title: &str) -> Vec<(&str, &str)> {
    let mut f = crate::newsroom::fields(title, "The harbour reopened on Monday.");
    f.push(("action", "save"));
    f
}

/// Saves a new draft as `editor`; its id.
async fn new_draft(editor: &Member, title: &str) -> i64 {
    let r = editor.post("/admin/articles/new", &draft(title)).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let location = r.headers()["location"].to_str().unwrap().to_owned();
    location
        .trim_start_matches("/admin/articles/")
        .trim_end_matches("?saved=1")
        .parse()
        .unwrap()
}

/// Asks to schedule article `id` at `at` (as typed in the field).
async fn schedule(editor: &Member, id: i64, at: &str) -> reqwest::Response {
    editor
        .post(
            &format!("/admin/articles/{id}/workflow"),
            &[("action", "schedule"), ("at", at)],
        )
        .await
}

/// The location a form answered with, after checking it redirected.
fn location(r: &reqwest::Response) -> String {
    assert_eq!(r.status(), 303);
    r.headers()["location"].to_str().unwrap().to_owned()
}

async fn newsroom_pages_say_only_what_the_catalogues_say(app: TestApp) {
    // (The slug the question helper asks on.)
    app.publish(&[article("story", "Science", 30)]).await;
    let live_id = crate::languages::article_id(&app, "story").await;
    let editor = staff(&app, "Edna Editor", Role::Editor).await;
    let admin = staff(&app, "Ada Admin", Role::Admin).await;
    let reader = app.unverified_member("Rita Reader").await;
    let draft_id = new_draft(&editor, "Cranes return to the quay").await;
    // A section, an author and a tag, each with its form.
    for (path, name) in [
        ("/admin/sections", "Weather"),
        ("/admin/authors", "Mira Castell"),
        ("/admin/tags", "ports"),
    ] {
        location(&editor.post(path, &[("name", name), ("slug", "")]).await);
    }
    // Live coverage with an update, and a reader's question waiting on the desk.
    location(
        &editor
            .post(
                &format!("/admin/articles/{live_id}/live"),
                &[("action", "open")],
            )
            .await,
    );
    location(
        &editor
            .post(
                &format!("/admin/articles/{live_id}/live/updates"),
                &[
                    ("body", "Ferries are running again."),
                    ("action", "publish"),
                ],
            )
            .await,
    );
    let question = "When does the night ferry return?";
    crate::live_questions::ask(&app, &reader, question, false).await;
    // A newsletter with a draft edition.
    let letter = location(
        &editor
            .post(
                "/admin/newsletters",
                &[
                    ("name", "Morning Brief"),
                    ("description", "What matters this morning."),
                    ("sender_name", "The Morning Desk"),
                    ("source", "picked"),
                    ("hour", "7"),
                ],
            )
            .await,
    );
    let edition = location(
        &editor
            .post(
                &format!("{letter}/editions"),
                &[
                    ("subject", "Harbour news"),
                    ("intro", "Good morning."),
                    ("articles", "story"),
                ],
            )
            .await,
    );

    let mut pages = Vec::new();
    let as_editor = [
        "/admin/articles".to_owned(),
        "/admin/articles/new".to_owned(),
        format!("/admin/articles/{draft_id}?saved=1"),
        format!("/admin/articles/{live_id}?done=publish"),
        format!("/admin/articles/{draft_id}/revisions"),
        format!("/admin/articles/{draft_id}/preview/widths"),
        format!("/admin/articles/{live_id}/live?done=published"),
        "/admin/sections".to_owned(),
        "/admin/authors".to_owned(),
        "/admin/tags".to_owned(),
        "/admin/media".to_owned(),
        "/admin/newsletters".to_owned(),
        letter.clone(),
        edition.clone(),
        "/admin".to_owned(),
    ];
    for path in &as_editor {
        let r = editor.get(path).await;
        assert_eq!(r.status(), 200, "{path}");
        pages.push((format!("editor {path}"), r.text().await.unwrap()));
    }
    for path in ["/admin", "/admin/moderation/questions"] {
        let r = admin.get(path).await;
        assert_eq!(r.status(), 200, "{path}");
        pages.push((format!("admin {path}"), r.text().await.unwrap()));
    }
    // Refused forms come back in the catalogue's words too.
    let mut refused = draft("");
    refused.retain(|(k, _)| !matches!(*k, "authors" | "image_alt"));
    refused.push(("image_alt", "Cranes"));
    let r = editor.post("/admin/articles/new", &refused).await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert_eq!(texts(&html(&body), ".form-error p").len(), 3, "{body}");
    pages.push(("a refused article".to_owned(), body));
    let r = schedule(&editor, draft_id, "tomorrow morning").await;
    assert_eq!(r.status(), 422);
    pages.push(("a refused schedule".to_owned(), r.text().await.unwrap()));
    let r = editor
        .post("/admin/sections", &[("name", "--"), ("position", "first")])
        .await;
    assert_eq!(r.status(), 422);
    pages.push(("a refused section".to_owned(), r.text().await.unwrap()));
    // What the store refuses (a slug taken) and a refused live update, in catalogue words.
    let r = editor
        .post("/admin/articles/new", &draft("Cranes return to the quay"))
        .await;
    assert_eq!(r.status(), 409);
    pages.push(("a taken article slug".to_owned(), r.text().await.unwrap()));
    let r = editor
        .post("/admin/tags", &[("name", "Ports"), ("slug", "ports")])
        .await;
    assert_eq!(r.status(), 409);
    pages.push(("a taken tag slug".to_owned(), r.text().await.unwrap()));
    let r = editor
        .post(
            &format!("/admin/articles/{live_id}/live/updates"),
            &[("body", " "), ("image_alt", "Ferry"), ("action", "publish")],
        )
        .await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert_eq!(texts(&html(&body), ".form-error p").len(), 2, "{body}");
    pages.push(("a refused live update".to_owned(), body));

    // What members and the operator wrote, which no catalogue holds; identifiers the same in
    // every language (zones, a setting's name, the block syntax); and the pseudo-locale's dates,
    // which English's formatter writes (month names, "UTC").
    let mut allowed = vec![
        "Broadsheet",
        "Science",
        "Weather",
        "ports",
        "Ports",
        "Ferry",
        "cranes-return-to-the-quay",
        "Ada Reporter",
        "Mira Castell",
        "Edna Editor",
        "Ada Admin",
        "Rita Reader",
        editor.email.as_str(),
        admin.email.as_str(),
        "Cranes return to the quay",
        "Cranes",
        "Ferries are running again.",
        question,
        "Morning Brief",
        "What matters this morning.",
        "The Morning Desk",
        "Harbour news",
        "A summary for the listing.",
        "The harbour reopened on Monday.",
        "Summary of story.",
        "First paragraph of story.\n\nSecond paragraph with *emphasis*.",
        "Test Writer",
        "testing",
        "newsroom",
        "story",
        "Good morning.",
        // Addresses, tags and units, the same in every language.
        "/sections/weather",
        "/sections/science",
        "/authors/ada-reporter",
        "/authors/mira-castell",
        "/authors/test-writer",
        "/tags/newsroom",
        "/tags/ports",
        "/tags/testing",
        "en-XA",
        "no_view_counting",
        "::name",
        "UTC",
        Locale::EnXa.autonym(),
    ];
    let harbour = app
        .store
        .published_article("story", app.clock.now())
        .await
        .unwrap()
        .unwrap();
    // (First, so that no shorter allowed text is taken out of it before it.)
    let harbour_title = harbour.card.title.clone();
    allowed.insert(0, &harbour_title);
    let months = crate::i18n::month_names();
    allowed.extend(months.iter().map(String::as_str));
    assert_only_catalogue_text(&pages, &allowed);
}

async fn the_newsroom_speaks_german(app: TestApp) {
    app.publish(&[article("harbour", "Science", 30)]).await;
    let editor = staff(&app, "Edna Editor", Role::Editor).await;
    let page = editor.page("/admin/articles/new").await;
    let doc = html(&page);
    assert_eq!(texts(&doc, "h1"), ["Neuer Artikel"]);
    assert_eq!(texts(&doc, "label[for=e-title]"), ["Überschrift"]);
    assert_eq!(texts(&doc, "button[value=save]"), ["Entwurf speichern"]);
    // A refused draft says what to fix, in German, with what was typed kept.
    let mut refused = draft("");
    refused.retain(|(k, _)| *k != "authors");
    let r = editor.post("/admin/articles/new", &refused).await;
    assert_eq!(r.status(), 422);
    let doc = html(&r.text().await.unwrap());
    assert_eq!(
        texts(&doc, ".form-error p"),
        [
            "Geben Sie dem Artikel eine Überschrift.",
            "Nennen Sie mindestens einen Autor für die Autorenzeile."
        ]
    );
    assert_eq!(
        attrs(&doc, "#e-summary", "id").len(),
        1,
        "the form comes back"
    );
    let id = new_draft(&editor, "Kräne kehren zurück").await;
    let doc = html(&editor.page(&format!("/admin/articles/{id}?saved=1")).await);
    assert_eq!(texts(&doc, ".notice p"), ["Als Version 1 gespeichert."]);
    assert_eq!(texts(&doc, "#workflow-state"), ["Entwurf"]);
    assert_eq!(
        texts(&doc, "label[for=schedule-at]"),
        ["Veröffentlichen am (UTC)"]
    );
    let doc = html(&editor.page("/admin").await);
    assert_eq!(texts(&doc, "h1"), ["Übersicht"]);
    assert!(
        texts(&doc, "#dash-status h3")[0].starts_with("Artikel nach Status"),
        "{:?}",
        texts(&doc, "#dash-status h3")
    );
}

async fn publication_times_are_typed_on_the_editors_own_clocks(app: TestApp) {
    let editor = staff(&app, "Edna Editor", Role::Editor).await;
    app.publish(&[article("harbour", "Science", 30)]).await;
    let id = new_draft(&editor, "Cranes return to the quay").await;
    location(
        &editor
            .post("/settings/time-zone", &[("time_zone", "Europe/Berlin")])
            .await,
    );
    let page = editor.page(&format!("/admin/articles/{id}")).await;
    assert_eq!(
        texts(&html(&page), "label[for=schedule-at]"),
        ["Publish at (Europe/Berlin)"]
    );
    // 09:00 in Berlin in June is 07:00 UTC (the app's clock stands at 1 June 2026, 12:00 UTC).
    let r = schedule(&editor, id, "2026-06-02T09:00").await;
    assert_eq!(location(&r), format!("/admin/articles/{id}?done=schedule"));
    let saved = app.store.editing(id).await.unwrap().unwrap();
    assert_eq!(
        saved.published_at.unwrap().to_rfc3339(),
        "2026-06-02T07:00:00+00:00"
    );
    let page = editor.page(&format!("/admin/articles/{id}")).await;
    assert_eq!(
        texts(&html(&page), "#publication-state"),
        ["Scheduled for 2 June 2026, 09:00 CEST"]
    );
    // A time the clocks skip (28 March 2027, 02:00 to 03:00 in Berlin) is refused, kept as
    // typed; the site's own zone (UTC) has no such gap.
    let r = schedule(&editor, id, "2027-03-28T02:30").await;
    assert_eq!(r.status(), 422);
    let doc = html(&r.text().await.unwrap());
    assert_eq!(
        texts(&doc, ".form-error p"),
        [
            "That time does not exist in Europe/Berlin: the clocks skip it when they go forward. \
             Choose another."
        ]
    );
    assert_eq!(attrs(&doc, "#schedule-at", "value"), ["2027-03-28T02:30"]);
    // The dashboard counts days and hours on the same clocks, and says so.
    let doc = html(&editor.page("/admin").await);
    assert!(
        texts(&doc, "#dash-hourly th[scope=col]").contains(&"Hour (Europe/Berlin)".to_owned()),
        "{:?}",
        texts(&doc, "#dash-hourly th")
    );
}
