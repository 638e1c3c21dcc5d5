//! The newsroom over real HTTP, on SQLite and PostgreSQL: writing and the workflow, who may do
//! what, publishing and scheduling (with the manual clock, across several server processes),
//! rewrites of live articles, slug redirects, revisions and their diffs, refused conflicting
//! saves, corrections and updates in pages, feeds and structured data.

use std::time::Duration;

use crate::common::{Member, TestApp, attrs, html, texts};
use broadsheet::domain::user::{Email, Role};
use broadsheet::store::newsroom::LabelKind;

backend_tests!(
    contributors_write_and_submit_and_editors_publish,
    a_live_article_is_rewritten_while_readers_keep_its_published_version,
    a_changed_slug_answers_the_old_address_with_a_redirect,
    scheduled_articles_go_live_on_time_and_are_announced_once,
    sending_back_a_scheduled_article_clears_its_schedule,
    every_save_is_a_revision_with_history_diff_and_restore,
    saving_over_a_newer_revision_is_refused_with_both_versions_shown,
    corrections_and_updates_reach_the_page_feeds_and_structured_data,
    bad_input_is_refused_with_the_typed_text_kept,
    drafts_choose_among_existing_sections_and_every_field_has_a_limit,
    the_list_filters_by_status_section_author_and_text,
    editors_manage_sections_authors_and_tags,
    an_api_replacement_becomes_the_newest_revision,
);

pub(crate) async fn staff(app: &TestApp, name: &str, role: Role) -> Member {
    desk_sections(app).await;
    let m = app.member(name).await;
    m.promote(app, role).await;
    m
}

/// The sections drafts choose among, as the section admin makes them (drafts cannot add any).
async fn desk_sections(app: &TestApp) {
    use broadsheet::domain::newsroom::Label;
    let existing = app.store.labels_of(LabelKind::Sections).await.unwrap();
    for (position, name) in [(1, "Science"), (2, "Business")] {
        if existing.iter().any(|l| l.name == name) {
            continue;
        }
        let label = Label {
            name: name.into(),
            slug: name.to_lowercase(),
            text: String::new(),
            position,
            photo_url: None,
        };
        app.store
            .create_label(LabelKind::Sections, &label, app.clock.now())
            .await
            .unwrap();
    }
}

pub(crate) fn fields<'a>(title: &'a str, body: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("title", title),
        ("slug", ""),
        ("summary", "A summary for the listing."),
        ("section", "Science"),
        ("authors", "Ada Reporter"),
        ("tags", "testing, newsroom"),
        ("body", body),
        ("image_url", ""),
        ("image_alt", ""),
        ("image_caption", ""),
    ]
}

fn with<'a>(mut f: Vec<(&'a str, &'a str)>, key: &str, value: &'a str) -> Vec<(&'a str, &'a str)> {
    for kv in f.iter_mut() {
        if kv.0 == key {
            kv.1 = value;
        }
    }
    f
}

/// Creates an article through the editor and returns its id.
pub(crate) async fn create(m: &Member, f: &[(&str, &str)]) -> i64 {
    let mut form = f.to_vec();
    form.push(("action", "save"));
    let r = m.post("/admin/articles/new", &form).await;
    let status = r.status();
    let location = r
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_owned());
    assert_eq!(status, 303, "creating: {}", r.text().await.unwrap());
    let location = location.unwrap();
    location
        .trim_start_matches("/admin/articles/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

/// The revision the editor page offers to save over.
pub(crate) async fn revision(m: &Member, id: i64) -> String {
    let page = m.page(&format!("/admin/articles/{id}")).await;
    attrs(&html(&page), "input[name=revision]", "value")
        .into_iter()
        .next()
        .expect("the editor carries its revision")
}

pub(crate) async fn save(m: &Member, id: i64, base: &str, f: &[(&str, &str)], action: &str) -> u16 {
    let mut form = f.to_vec();
    form.push(("revision", base));
    form.push(("action", action));
    m.post(&format!("/admin/articles/{id}"), &form)
        .await
        .status()
        .as_u16()
}

async fn act(m: &Member, id: i64, fields: &[(&str, &str)]) -> reqwest::Response {
    m.post(&format!("/admin/articles/{id}/workflow"), fields)
        .await
}

async fn publish(m: &Member, id: i64) {
    let r = act(m, id, &[("action", "publish")]).await;
    assert_eq!(r.status(), 303, "publish: {}", r.text().await.unwrap());
}

fn state_of(page: &str) -> (String, String) {
    let doc = html(page);
    (
        texts(&doc, "#workflow-state").join(""),
        texts(&doc, "#publication-state").join(""),
    )
}

async fn contributors_write_and_submit_and_editors_publish(app: TestApp) {
    let writer = staff(&app, "Writer", Role::Contributor).await;
    let other = staff(&app, "Other", Role::Contributor).await;
    let editor = staff(&app, "Editor", Role::Editor).await;
    let member = app.member("Reader").await;

    let id = create(
        &writer,
        &fields("Comet seen over the bay", "The comet *glowed*."),
    )
    .await;
    // A draft is nobody's reading yet.
    app.page("/articles/comet-seen-over-the-bay", 404).await;
    let page = writer.page(&format!("/admin/articles/{id}")).await;
    assert_eq!(state_of(&page).0, "Draft");
    assert!(state_of(&page).1.starts_with("Not published"));

    // Only its writer and the editors open it; members do not enter the newsroom.
    assert_eq!(
        other.get(&format!("/admin/articles/{id}")).await.status(),
        403
    );
    assert_eq!(member.get("/admin/articles").await.status(), 403);
    let listed = other.page("/admin/articles").await;
    assert!(!listed.contains("Comet seen over the bay"), "{listed}");

    // Contributors cannot publish, even by sending the form.
    assert_eq!(
        act(&writer, id, &[("action", "publish")]).await.status(),
        403
    );

    // Submitting hands it over: the writer can no longer change it.
    let base = revision(&writer, id).await;
    let f = fields("Comet seen over the bay", "The comet *glowed* at dusk.");
    assert_eq!(save(&writer, id, &base, &f, "submit").await, 303);
    let page = writer.page(&format!("/admin/articles/{id}")).await;
    assert_eq!(state_of(&page).0, "In review");
    // (The page no longer offers the form; a form sent anyway is refused.)
    assert_eq!(save(&writer, id, "2", &f, "save").await, 403);

    // The editor finds it in review and publishes it.
    let review = editor.page("/admin/articles?status=in_review").await;
    assert!(review.contains("Comet seen over the bay"), "{review}");
    publish(&editor, id).await;
    let live = app.page("/articles/comet-seen-over-the-bay", 200).await;
    assert!(live.contains("<em>glowed</em> at dusk"), "{live}");
    let page = editor.page(&format!("/admin/articles/{id}")).await;
    assert_eq!(state_of(&page).0, "Approved");
    assert!(state_of(&page).1.starts_with("Published"));

    // Unpublishing takes it off the site; the front page forgets it too.
    assert_eq!(
        act(&editor, id, &[("action", "unpublish")]).await.status(),
        303
    );
    app.page("/articles/comet-seen-over-the-bay", 404).await;
    assert!(!app.page("/", 200).await.contains("Comet seen over the bay"));
}

async fn a_live_article_is_rewritten_while_readers_keep_its_published_version(app: TestApp) {
    let writer = staff(&app, "Writer", Role::Contributor).await;
    let editor = staff(&app, "Editor", Role::Editor).await;
    let id = create(&writer, &fields("Tides rise", "Original wording.")).await;
    publish(&editor, id).await;
    assert!(
        app.page("/articles/tides-rise", 200)
            .await
            .contains("Original wording.")
    );

    // Sent back for a rewrite: a draft again, yet still live.
    assert_eq!(
        act(&editor, id, &[("action", "send_back")]).await.status(),
        303
    );
    let page = writer.page(&format!("/admin/articles/{id}")).await;
    assert_eq!(state_of(&page).0, "Draft");
    assert!(state_of(&page).1.starts_with("Published"));

    let base = revision(&writer, id).await;
    let f = fields("Tides rise", "Rewritten wording.");
    assert_eq!(save(&writer, id, &base, &f, "submit").await, 303);
    // Readers still see the published version; the preview shows the rewrite.
    let live = app.page("/articles/tides-rise", 200).await;
    assert!(
        live.contains("Original wording.") && !live.contains("Rewritten"),
        "{live}"
    );
    let preview = editor.page(&format!("/admin/articles/{id}/preview")).await;
    assert!(preview.contains("Rewritten wording."), "{preview}");
    assert!(
        editor
            .page("/admin/articles")
            .await
            .contains("Changes not yet published")
    );

    // Published as an update: the new text, and "Updated" with its time.
    app.clock.advance(chrono::Duration::hours(3));
    let r = act(
        &editor,
        id,
        &[("action", "publish"), ("mark_updated", "on")],
    )
    .await;
    assert_eq!(r.status(), 303);
    let live = app.page("/articles/tides-rise", 200).await;
    assert!(
        live.contains("Rewritten wording.") && !live.contains("Original"),
        "{live}"
    );
    let meta = texts(&html(&live), ".story-header .meta").join(" ");
    assert!(meta.contains("Updated"), "{meta}");
}

async fn a_changed_slug_answers_the_old_address_with_a_redirect(app: TestApp) {
    let editor = staff(&app, "Editor", Role::Editor).await;
    let id = create(&editor, &fields("Bridge opens", "Body.")).await;
    // Renaming a draft leaves nothing behind: it was never anyone's address.
    let base = revision(&editor, id).await;
    let f = with(
        fields("Bridge opens", "Body."),
        "slug",
        "bridge-opens-today",
    );
    assert_eq!(save(&editor, id, &base, &f, "save").await, 303);
    publish(&editor, id).await;
    app.page("/articles/bridge-opens", 404).await;

    let base = revision(&editor, id).await;
    let f = with(fields("Bridge opens", "Body."), "slug", "new-bridge-opens");
    assert_eq!(save(&editor, id, &base, &f, "save").await, 303);
    // Until the change is published the old address is the live one.
    app.page("/articles/bridge-opens-today", 200).await;
    publish(&editor, id).await;
    let r = app.get("/articles/bridge-opens-today").await;
    assert_eq!(r.status(), 301);
    assert_eq!(r.headers()["location"], "/articles/new-bridge-opens");
    app.page("/articles/new-bridge-opens", 200).await;

    // A slug in use is refused, with the typed text kept.
    let f = with(
        fields("Another bridge", "My own text."),
        "slug",
        "new-bridge-opens",
    );
    let mut form = f.clone();
    form.push(("action", "save"));
    let r = editor.post("/admin/articles/new", &form).await;
    assert_eq!(r.status(), 409);
    let body = r.text().await.unwrap();
    assert!(body.contains("is used by another article"), "{body}");
    assert_eq!(texts(&html(&body), "#e-body").join(""), "My own text.");
}

async fn scheduled_articles_go_live_on_time_and_are_announced_once(app: TestApp) {
    let editor = staff(&app, "Editor", Role::Editor).await;
    let editor_id = app
        .store
        .user_by_email(&Email::parse(&editor.email).unwrap())
        .await
        .unwrap()
        .unwrap()
        .id;
    // An endpoint that never answers: deliveries stay queued, and can be counted.
    app.store
        .create_webhook(
            "http://127.0.0.1:9/hook",
            "article.published",
            "whsec_test",
            editor_id,
            app.clock.now(),
        )
        .await
        .unwrap();
    // Three processes on one database, each running the scheduler.
    let second = app.another_server().await;
    let third = app.another_server().await;
    // Let every worker start its cursor before anything is due.
    tokio::time::sleep(Duration::from_millis(1500)).await;

    let id = create(&editor, &fields("Eclipse tonight", "Look up.")).await;
    // A time already past is refused, and the typed time kept.
    let r = act(
        &editor,
        id,
        &[("action", "schedule"), ("at", "2026-06-01T11:00")],
    )
    .await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.contains("That time has passed"), "{body}");
    assert_eq!(
        attrs(&html(&body), "#schedule-at", "value"),
        ["2026-06-01T11:00"]
    );

    // T0 is 12:00 UTC: scheduled for 13:00.
    let r = act(
        &editor,
        id,
        &[("action", "schedule"), ("at", "2026-06-01T13:00")],
    )
    .await;
    assert_eq!(r.status(), 303);
    let page = editor.page(&format!("/admin/articles/{id}")).await;
    assert!(
        state_of(&page)
            .1
            .starts_with("Scheduled for 1 June 2026, 13:00")
    );
    app.page("/articles/eclipse-tonight", 404).await;
    // The front page is cached before the time comes; going live must drop it.
    assert!(!app.page("/", 200).await.contains("Eclipse tonight"));

    app.clock.advance(chrono::Duration::minutes(61));
    let published = || async {
        app.store
            .recent_deliveries(None, 50)
            .await
            .unwrap()
            .into_iter()
            .filter(|d| d.event == "article.published")
            .count()
    };
    let mut waited = 0;
    while published().await == 0 && waited < 100 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        waited += 1;
    }
    // Every process has had time to look again: still exactly one announcement.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_eq!(published().await, 1);
    app.page("/articles/eclipse-tonight", 200).await;
    assert!(app.page("/", 200).await.contains("Eclipse tonight"));
    for server in [&second, &third] {
        let r = app
            .client
            .get(server.url("/articles/eclipse-tonight"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
    }
}

/// A scheduled article sent back for a rewrite must not go live at its old time with text no
/// editor has reviewed: the schedule goes with the send-back.
async fn sending_back_a_scheduled_article_clears_its_schedule(app: TestApp) {
    let writer = staff(&app, "Writer", Role::Contributor).await;
    let editor = staff(&app, "Editor", Role::Editor).await;
    let id = create(&writer, &fields("Comet returns", "Reviewed wording.")).await;
    assert_eq!(
        save(
            &writer,
            id,
            &revision(&writer, id).await,
            &fields("Comet returns", "Reviewed wording."),
            "submit"
        )
        .await,
        303
    );
    // T0 is 12:00 UTC: scheduled for 13:00.
    let r = act(
        &editor,
        id,
        &[("action", "schedule"), ("at", "2026-06-01T13:00")],
    )
    .await;
    assert_eq!(r.status(), 303);
    let r = act(&editor, id, &[("action", "send_back")]).await;
    assert_eq!(r.status(), 303);
    let location = r.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        location.ends_with("done=send_back_unscheduled"),
        "{location}"
    );
    let page = editor.page(&location).await;
    assert!(page.contains("its scheduled time was cleared"), "{page}");
    assert_eq!(
        state_of(&page),
        ("Draft".to_owned(), "Not published".to_owned())
    );
    // The writer rewrites; nobody reviews it.
    let base = revision(&writer, id).await;
    let f = fields("Comet returns", "Unreviewed wording.");
    assert_eq!(save(&writer, id, &base, &f, "save").await, 303);

    app.clock.advance(chrono::Duration::minutes(90));
    app.page("/articles/comet-returns", 404).await;
    assert!(!app.page("/", 200).await.contains("Comet returns"));
    let page = writer.page(&format!("/admin/articles/{id}")).await;
    assert_eq!(state_of(&page).1, "Not published");
}

async fn every_save_is_a_revision_with_history_diff_and_restore(app: TestApp) {
    let editor = staff(&app, "Editor", Role::Editor).await;
    let id = create(&editor, &fields("Rain record", "Line one.\nLine two.")).await;
    let base = revision(&editor, id).await;
    assert_eq!(base, "1");
    let f = fields("Rain record", "Line one.\nLine 2, revised.");
    assert_eq!(save(&editor, id, &base, &f, "save").await, 303);
    let base = revision(&editor, id).await;
    let f = with(f, "tags", "testing, weather");
    assert_eq!(save(&editor, id, &base, &f, "save").await, 303);

    let history = editor
        .page(&format!("/admin/articles/{id}/revisions"))
        .await;
    let doc = html(&history);
    assert_eq!(texts(&doc, "tr[id^=revision-]").len(), 3, "{history}");

    let diff = editor
        .page(&format!("/admin/articles/{id}/revisions?from=1&to=2"))
        .await;
    let doc = html(&diff);
    assert_eq!(texts(&doc, ".diff-removed"), ["- Line two."]);
    assert_eq!(texts(&doc, ".diff-added"), ["+ Line 2, revised."]);
    let diff = editor
        .page(&format!("/admin/articles/{id}/revisions?from=2&to=3"))
        .await;
    assert_eq!(
        texts(&html(&diff), ".diff-added"),
        ["+ Tags: testing, weather"]
    );

    // Restoring revision 1 saves its content as revision 4.
    let r = editor
        .post(
            &format!("/admin/articles/{id}/revisions/1/restore"),
            &[("revision", "3")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let page = editor.page(&format!("/admin/articles/{id}")).await;
    assert_eq!(
        texts(&html(&page), "#e-body").join(""),
        "Line one. Line two."
    );
    assert_eq!(revision(&editor, id).await, "4");
    // A restore from a stale history page is refused.
    let r = editor
        .post(
            &format!("/admin/articles/{id}/revisions/2/restore"),
            &[("revision", "3")],
        )
        .await;
    assert_eq!(r.status(), 409);
    assert_eq!(revision(&editor, id).await, "4");
}

async fn saving_over_a_newer_revision_is_refused_with_both_versions_shown(app: TestApp) {
    let alice = staff(&app, "Alice", Role::Editor).await;
    let bob = staff(&app, "Bob", Role::Editor).await;
    let id = create(&alice, &fields("Council vote", "Shared start.")).await;
    let opened_by_alice = revision(&alice, id).await;
    let opened_by_bob = revision(&bob, id).await;

    let a = fields("Council vote", "Shared start.\nAlice's paragraph.");
    assert_eq!(save(&alice, id, &opened_by_alice, &a, "save").await, 303);

    let b = fields("Council vote", "Shared start.\nBob's paragraph.");
    let mut form = b.clone();
    form.push(("revision", opened_by_bob.as_str()));
    form.push(("action", "save"));
    let r = bob.post(&format!("/admin/articles/{id}"), &form).await;
    assert_eq!(r.status(), 409);
    let body = r.text().await.unwrap();
    let doc = html(&body);
    // Bob's text is kept in the form, Alice's is shown against it, and nothing was lost.
    assert_eq!(
        texts(&doc, "#e-body").join(""),
        "Shared start. Bob's paragraph."
    );
    assert_eq!(texts(&doc, ".diff-removed"), ["- Alice's paragraph."]);
    assert_eq!(texts(&doc, ".diff-added"), ["+ Bob's paragraph."]);
    assert!(texts(&doc, "#form-error").join(" ").contains("by Alice"));
    let page = alice.page(&format!("/admin/articles/{id}")).await;
    assert!(
        texts(&html(&page), "#e-body")
            .join("")
            .contains("Alice's paragraph.")
    );

    // Saving again from the conflict page is Bob's deliberate choice, and is kept.
    let newest = attrs(&doc, "input[name=revision]", "value").remove(0);
    assert_eq!(newest, "2");
    assert_eq!(save(&bob, id, &newest, &b, "save").await, 303);
    let page = alice.page(&format!("/admin/articles/{id}")).await;
    assert!(
        texts(&html(&page), "#e-body")
            .join("")
            .contains("Bob's paragraph.")
    );
}

async fn corrections_and_updates_reach_the_page_feeds_and_structured_data(app: TestApp) {
    let editor = staff(&app, "Editor", Role::Editor).await;
    let contributor = staff(&app, "Writer", Role::Contributor).await;
    let id = create(
        &editor,
        &fields("Census figures", "The town has 4,000 people."),
    )
    .await;
    publish(&editor, id).await;
    // Fill the caches, so the correction must drop them.
    app.page("/articles/census-figures", 200).await;
    app.page("/feed.atom", 200).await;

    app.clock.advance(chrono::Duration::hours(2));
    let path = format!("/admin/articles/{id}/corrections");
    assert_eq!(
        contributor.post(&path, &[("text", "x")]).await.status(),
        403
    );
    let r = editor.post(&path, &[("text", "   ")]).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("Write the correction"));
    let note = "An earlier version gave the population as 40,000.";
    assert_eq!(editor.post(&path, &[("text", note)]).await.status(), 303);

    let page = app.page("/articles/census-figures", 200).await;
    let doc = html(&page);
    let shown = texts(&doc, ".corrections .correction").join(" ");
    assert!(
        shown.contains(note) && shown.contains("1 June 2026, 14:00 UTC"),
        "{shown}"
    );
    let ld = texts(&doc, "script[type='application/ld+json']").join("");
    let ld: serde_json::Value = serde_json::from_str(&ld).unwrap();
    assert_eq!(ld["correction"][0]["@type"], "CorrectionComment");
    assert_eq!(ld["correction"][0]["text"], note);

    let feed = app.page("/feed.atom", 200).await;
    let parsed = feed_rs::parser::parse(feed.as_bytes()).unwrap();
    let entry = &parsed.entries[0];
    let content = entry.content.as_ref().unwrap().body.clone().unwrap();
    assert!(content.contains(note), "{content}");
    assert_eq!(
        entry.updated.unwrap().to_rfc3339(),
        "2026-06-01T14:00:00+00:00"
    );
    let json = app.page("/feed.json", 200).await;
    assert!(json.contains(note));
}

async fn bad_input_is_refused_with_the_typed_text_kept(app: TestApp) {
    let writer = staff(&app, "Writer", Role::Contributor).await;
    let f = with(
        with(
            fields("", "My carefully typed body."),
            "image_url",
            "/media/x.jpg",
        ),
        "authors",
        " , ",
    );
    let mut form = f.clone();
    form.push(("action", "save"));
    let r = writer.post("/admin/articles/new", &form).await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    let doc = html(&body);
    let errors = texts(&doc, "#form-error p").join(" | ");
    for expected in ["headline", "author", "alt text", "caption"] {
        assert!(errors.contains(expected), "{expected}: {errors}");
    }
    assert_eq!(texts(&doc, "#e-body").join(""), "My carefully typed body.");
    assert_eq!(attrs(&doc, "#e-image", "value"), ["/media/x.jpg"]);
    // Nothing was written.
    assert!(
        !writer
            .page("/admin/articles")
            .await
            .contains("My carefully")
    );

    // A preview of typed text renders the reader's page and saves nothing.
    let mut form = fields("Preview only", "Some **bold** text.");
    form.push(("action", "preview"));
    let r = writer.post("/admin/articles/new", &form).await;
    assert_eq!(r.status(), 200);
    let page = r.text().await.unwrap();
    let doc = html(&page);
    assert_eq!(texts(&doc, ".story-header h1"), ["Preview only"]);
    assert!(page.contains("<strong>bold</strong>"));
    assert!(
        !writer
            .page("/admin/articles")
            .await
            .contains("Preview only")
    );
    // Forms without the CSRF token are refused.
    let r = writer
        .client
        .post(app.url("/admin/articles/new"))
        .form(&[("title", "No token"), ("action", "save")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
}

/// Sections come only from the section admin: the editor offers the existing ones, and a draft
/// naming another (a hand-made request) is refused with a clear message and what was typed
/// kept, creating nothing. Every text field has a limit the server holds.
async fn drafts_choose_among_existing_sections_and_every_field_has_a_limit(app: TestApp) {
    let writer = staff(&app, "Writer", Role::Contributor).await;
    let editor = staff(&app, "Editor", Role::Editor).await;
    let page = writer.page("/admin/articles/new").await;
    let doc = html(&page);
    assert_eq!(
        attrs(&doc, "select#e-section option", "value"),
        ["", "Science", "Business"]
    );
    let sections = || async {
        let all = app.store.labels_of(LabelKind::Sections).await.unwrap();
        all.into_iter().map(|l| l.name).collect::<Vec<_>>()
    };

    let mut form = with(
        fields("Stray section story", "Typed body."),
        "section",
        "Gossip",
    );
    form.push(("action", "save"));
    let r = writer.post("/admin/articles/new", &form).await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    let doc = html(&body);
    let errors = texts(&doc, "#form-error p").join(" | ");
    assert!(errors.contains("There is no section “Gossip”"), "{errors}");
    assert!(errors.contains("Only editors add sections"), "{errors}");
    assert_eq!(attrs(&doc, "#e-title", "value"), ["Stray section story"]);
    assert_eq!(texts(&doc, "#e-body").join(""), "Typed body.");
    app.page("/sections/gossip", 404).await;
    assert!(
        !writer
            .page("/admin/articles")
            .await
            .contains("Stray section")
    );

    // An existing draft cannot be moved to a made-up section either, by anyone.
    let id = create(&writer, &fields("Kept in science", "Body.")).await;
    let base = revision(&writer, id).await;
    let f = with(fields("Kept in science", "Body."), "section", "Rumours");
    assert_eq!(save(&writer, id, &base, &f, "save").await, 422);
    let id = create(&editor, &fields("Editor's story", "Body.")).await;
    let base = revision(&editor, id).await;
    let f = with(fields("Editor's story", "Body."), "section", "Rumours");
    assert_eq!(save(&editor, id, &base, &f, "save").await, 422);
    app.page("/sections/rumours", 404).await;
    // The section chosen shows as selected when the draft is opened again.
    let page = editor.page(&format!("/admin/articles/{id}")).await;
    assert_eq!(
        attrs(&html(&page), "select#e-section option[selected]", "value"),
        ["Science"]
    );
    // No section was made along the way.
    assert_eq!(sections().await, ["Science", "Business"]);

    // Over-long fields are refused by the server, each with its own message.
    let long_title = "h".repeat(301);
    let long_section = "s".repeat(121);
    let long_summary = "u".repeat(1001);
    let many_authors = (0..11)
        .map(|i| format!("Writer {i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let f = with(
        with(
            with(
                with(fields(&long_title, "Body."), "section", &long_section),
                "summary",
                &long_summary,
            ),
            "authors",
            &many_authors,
        ),
        "slug",
        "short-slug",
    );
    let mut form = f.clone();
    form.push(("action", "save"));
    let r = writer.post("/admin/articles/new", &form).await;
    assert_eq!(r.status(), 422);
    let errors = texts(&html(&r.text().await.unwrap()), "#form-error p").join(" | ");
    for said in [
        "The headline is longer than 300 characters",
        "The section is longer than 120 characters",
        "The summary is longer than 1000 characters",
        "at most 10 authors",
    ] {
        assert!(errors.contains(said), "{said}: {errors}");
    }
}

async fn the_list_filters_by_status_section_author_and_text(app: TestApp) {
    let editor = staff(&app, "Editor", Role::Editor).await;
    let a = create(&editor, &fields("Alpha harbour story", "A.")).await;
    let b = with(
        with(fields("Beta market story", "B."), "section", "Business"),
        "authors",
        "Ben Writer",
    );
    create(&editor, &b).await;
    app.clock.advance(chrono::Duration::minutes(1));
    publish(&editor, a).await;
    let titles = |page: String| texts(&html(&page), "table.articles td a");
    assert_eq!(
        titles(editor.page("/admin/articles?status=published").await),
        ["Alpha harbour story"]
    );
    assert_eq!(
        titles(editor.page("/admin/articles?status=draft").await),
        ["Beta market story"]
    );
    assert_eq!(
        titles(editor.page("/admin/articles?section=business").await),
        ["Beta market story"]
    );
    assert_eq!(
        titles(editor.page("/admin/articles?author=ada-reporter").await),
        ["Alpha harbour story"]
    );
    assert_eq!(
        titles(editor.page("/admin/articles?q=HARBOUR").await),
        ["Alpha harbour story"]
    );
    // Newest change first; LIKE's wildcards in the text are literal.
    assert_eq!(
        titles(editor.page("/admin/articles").await),
        ["Alpha harbour story", "Beta market story"]
    );
    assert!(titles(editor.page("/admin/articles?q=%25").await).is_empty());
}

async fn editors_manage_sections_authors_and_tags(app: TestApp) {
    let editor = staff(&app, "Editor", Role::Editor).await;
    let writer = staff(&app, "Writer", Role::Contributor).await;
    assert_eq!(writer.get("/admin/sections").await.status(), 403);
    assert_eq!(
        writer
            .post("/admin/tags", &[("name", "Sneaky")])
            .await
            .status(),
        403
    );
    let id = create(&editor, &fields("Gallery opens", "Body.")).await;
    publish(&editor, id).await;

    // A new section, placed before Science on the front page.
    let r = editor
        .post(
            "/admin/sections",
            &[
                ("name", "Culture"),
                ("text", "Arts and ideas."),
                ("position", "-1"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let listing = app.page("/sections/culture", 200).await;
    assert!(listing.contains("Arts and ideas."), "{listing}");
    let nav = texts(
        &html(&app.page("/", 200).await),
        "nav a[href^='/sections/']",
    );
    let (culture, science) = (
        nav.iter().position(|n| n == "Culture").unwrap(),
        nav.iter().position(|n| n == "Science").unwrap(),
    );
    assert!(culture < science, "{nav:?}");

    // An author's biography and photo show on their page; a bad photo address is refused
    // with what was typed kept.
    let r = editor
        .post(
            "/admin/authors",
            &[
                ("name", "Dana Critic"),
                ("photo_url", "javascript:alert(1)"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert_eq!(attrs(&html(&body), "#new-name", "value"), ["Dana Critic"]);
    assert!(body.contains("photo address"), "{body}");
    let r = editor
        .post(
            "/admin/authors",
            &[
                ("name", "Dana Critic"),
                ("text", "Writes about galleries."),
                ("photo_url", "/media/dana.jpg"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let page = app.page("/authors/dana-critic", 200).await;
    assert_eq!(
        attrs(&html(&page), "img.author-photo", "src"),
        ["/media/dana.jpg"]
    );
    assert!(page.contains("Writes about galleries."));

    // Renaming a tag shows on its page; a slug in use is refused.
    let admin_tags = editor.page("/admin/tags").await;
    let doc = html(&admin_tags);
    let forms = attrs(&doc, "form.label-form", "action");
    let pages = attrs(&doc, "form.label-form p a", "href");
    let at = pages.iter().position(|p| p == "/tags/testing").unwrap();
    let action = forms[at].clone();
    let form_id = format!("tag-{}", action.rsplit('/').next().unwrap());
    let r = editor
        .post(
            &action,
            &[("name", "Tests and trials"), ("slug", "testing")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let page = app.page("/tags/testing", 200).await;
    assert_eq!(texts(&html(&page), "h1"), ["Tests and trials"]);
    let r = editor
        .post(&action, &[("name", "Clash"), ("slug", "newsroom")])
        .await;
    assert_eq!(r.status(), 409);
    let body = r.text().await.unwrap();
    assert!(body.contains("is taken"), "{body}");
    let typed = attrs(
        &html(&body),
        &format!("form#{form_id} input[name=name]"),
        "value",
    );
    assert_eq!(typed, ["Clash"]);
    assert_eq!(
        texts(&html(&app.page("/tags/testing", 200).await), "h1"),
        ["Tests and trials"]
    );
}

async fn an_api_replacement_becomes_the_newest_revision(app: TestApp) {
    let editor = staff(&app, "Editor", Role::Editor).await;
    let id = create(&editor, &fields("Wire story", "Our own first draft.")).await;
    publish(&editor, id).await;
    let opened = revision(&editor, id).await;
    assert_eq!(opened, "1");

    let token = editor.create_token("wire", &["publish"]).await;
    let source = "---\ntitle: Wire story\nsection: Science\nauthor: Ada Reporter\n\
                  published_at: 2026-06-01T11:00:00Z\n---\nReplaced by the wire.\n";
    let r = app
        .client
        .put(app.url("/api/v1/articles/wire-story"))
        .header("authorization", format!("Bearer {token}"))
        .json(&serde_json::json!({ "source": source }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());

    // The editor's working copy follows the replacement, recorded as a revision of its own.
    let page = editor.page(&format!("/admin/articles/{id}")).await;
    assert_eq!(
        texts(&html(&page), "#e-body").join(""),
        "Replaced by the wire."
    );
    assert_eq!(revision(&editor, id).await, "2");
    let history = editor
        .page(&format!("/admin/articles/{id}/revisions"))
        .await;
    assert!(history.contains("Replaced through the API"), "{history}");
    // A form opened before it cannot silently undo it.
    let f = fields("Wire story", "Our own first draft, edited.");
    assert_eq!(save(&editor, id, &opened, &f, "save").await, 409);
    assert!(
        app.page("/articles/wire-story", 200)
            .await
            .contains("Replaced by the wire.")
    );
}
