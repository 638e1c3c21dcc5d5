//! Live coverage over real HTTP, on SQLite and PostgreSQL: editors open and end it, contributors
//! draft updates and editors publish, edit and delete them (each a revision), the article page
//! shows the key events and the stream newest first with older pages by keyset, its structured
//! data is a `LiveBlogPosting`, signed-out copies follow every change, and the live stream
//! announces each change to open pages.

use std::time::Duration;

use crate::common::{Member, TestApp, article, attrs, html, texts};
use crate::conversation::next_event;
use broadsheet::domain::live::LiveUpdateId;
use broadsheet::domain::user::Role;

backend_tests!(
    an_editor_opens_coverage_and_the_page_streams_updates_newest_first,
    contributors_draft_and_editors_publish_edit_and_delete_with_revisions,
    older_updates_page_back_by_keyset_without_repeats,
    ended_coverage_keeps_its_updates_and_loses_the_badge,
    the_live_stream_announces_published_edited_and_deleted_updates,
);

async fn setup(app: &TestApp) -> (i64, Member) {
    app.publish(&[
        article("story", "Science", 30),
        article("other", "Science", 40),
    ])
    .await;
    let id = app
        .store
        .published_article("story", app.clock.now())
        .await
        .unwrap()
        .unwrap()
        .card
        .id;
    let editor = app.member("Eddie").await;
    editor.promote(app, Role::Editor).await;
    (id, editor)
}

async fn open(editor: &Member, id: i64) {
    let r = editor
        .post(&format!("/admin/articles/{id}/live"), &[("action", "open")])
        .await;
    assert_eq!(r.status(), 303);
}

/// Publishes an update as `editor` and returns its id (the newest on the desk).
pub(crate) async fn publish(app: &TestApp, editor: &Member, id: i64, body: &str, key: bool) -> i64 {
    let mut form = vec![("body", body), ("action", "publish")];
    if key {
        form.push(("key_event", "on"));
    }
    let r = editor
        .post(&format!("/admin/articles/{id}/live/updates"), &form)
        .await;
    assert_eq!(r.status(), 303, "publishing {body}");
    let location = r.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.ends_with("done=published"), "{location}");
    app.store
        .published_updates(id, None, false, 1)
        .await
        .unwrap()[0]
        .id
}

fn json_ld(page: &str) -> serde_json::Value {
    let doc = html(page);
    let raw = texts(&doc, "script[type='application/ld+json']");
    serde_json::from_str(&raw[0]).unwrap()
}

async fn an_editor_opens_coverage_and_the_page_streams_updates_newest_first(app: TestApp) {
    let (id, editor) = setup(&app).await;
    let before = app.page("/articles/story", 200).await;
    assert!(!before.contains("live-badge"));
    assert_eq!(json_ld(&before)["@type"], "NewsArticle");
    // Signed-out copies of the page and the listings are kept: opening must drop them.
    app.page("/sections/science", 200).await;
    open(&editor, id).await;
    let first = publish(&app, &editor, id, "Crowds gather at the *square*.", false).await;
    app.clock.advance(chrono::Duration::minutes(1));
    let key = publish(&app, &editor, id, "The minister **resigns**.", true).await;
    app.clock.advance(chrono::Duration::minutes(1));
    let last = publish(
        &app,
        &editor,
        id,
        "Reaction <script>alert(1)</script> pours in.",
        false,
    )
    .await;

    let page = app.page("/articles/story", 200).await;
    let doc = html(&page);
    assert_eq!(texts(&doc, ".story-header .live-badge"), ["Live"]);
    assert_eq!(
        attrs(&doc, "#live-updates article.live-update", "id"),
        [
            format!("update-{last}"),
            format!("update-{key}"),
            format!("update-{first}")
        ],
        "newest first"
    );
    assert!(page.contains("<em>square</em>"), "Markdown rendered");
    assert!(
        !page.contains("<script>alert"),
        "sanitised like article bodies"
    );
    let times = attrs(
        &doc,
        "#live-updates article.live-update .meta time",
        "datetime",
    );
    let latest = chrono::DateTime::parse_from_rfc3339(&times[0]).unwrap();
    assert_eq!(latest.with_timezone(&chrono::Utc), app.clock.now());
    assert!(times[0].ends_with('Z'), "UTC: {}", times[0]);
    assert_eq!(
        attrs(&doc, ".key-events a", "href"),
        [format!("#update-{key}")]
    );
    assert!(texts(&doc, ".key-events li")[0].contains("The minister resigns."));
    assert_eq!(texts(&doc, ".live-update-author")[0], "Eddie");

    let data = json_ld(&page);
    assert_eq!(data["@type"], "LiveBlogPosting");
    assert_eq!(
        data["coverageStartTime"],
        (app.clock.now() - chrono::Duration::minutes(2))
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    );
    assert!(data.get("coverageEndTime").is_none());
    let updates = data["liveBlogUpdate"].as_array().unwrap();
    assert_eq!(updates.len(), 3);
    assert_eq!(updates[1]["headline"], "The minister resigns.");
    assert!(
        updates[0]["url"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/articles/story#update-{last}"))
    );

    // Its card in the listing carries the badge; the other article's does not.
    let listing = html(&app.page("/sections/science", 200).await);
    let badges = texts(&listing, ".card .live-badge");
    assert_eq!(badges, ["Live"]);
}

async fn contributors_draft_and_editors_publish_edit_and_delete_with_revisions(app: TestApp) {
    let (id, editor) = setup(&app).await;
    let writer = app.member("Cora").await;
    writer.promote(&app, Role::Contributor).await;
    let reader = app.member("Rita").await;
    // Only editors open coverage; members do not reach the desk.
    let r = writer
        .post(&format!("/admin/articles/{id}/live"), &[("action", "open")])
        .await;
    assert_eq!(r.status(), 403);
    assert_eq!(
        reader
            .get(&format!("/admin/articles/{id}/live"))
            .await
            .status(),
        403
    );
    // No updates before coverage opens.
    let r = writer
        .post(
            &format!("/admin/articles/{id}/live/updates"),
            &[("body", "Too early"), ("action", "draft")],
        )
        .await;
    assert_eq!(r.status(), 422);
    open(&editor, id).await;

    // A contributor drafts; readers do not see it; the contributor cannot publish it.
    let r = writer
        .post(
            &format!("/admin/articles/{id}/live/updates"),
            &[("body", "Police confirm two arrests."), ("action", "draft")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let r = writer
        .post(
            &format!("/admin/articles/{id}/live/updates"),
            &[("body", "Straight out"), ("action", "publish")],
        )
        .await;
    assert_eq!(r.status(), 403);
    let desk = writer.page(&format!("/admin/articles/{id}/live")).await;
    assert!(desk.contains("Police confirm two arrests."));
    let draft = app.store.desk_updates(id, 10).await.unwrap()[0].id;
    assert!(
        !app.page("/articles/story", 200)
            .await
            .contains("two arrests")
    );
    let r = writer
        .post(
            &format!("/admin/live-updates/{draft}"),
            &[("action", "publish")],
        )
        .await;
    assert_eq!(r.status(), 403);

    // The editor publishes it: readers see it, not yet marked as changed.
    let r = editor
        .post(
            &format!("/admin/live-updates/{draft}"),
            &[("action", "publish")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let page = app.page("/articles/story", 200).await;
    assert!(page.contains("Police confirm two arrests."));
    assert!(!page.contains("Updated <time"));
    assert_eq!(texts(&html(&page), ".live-update-author"), ["Cora"]);

    // An edit (at the revision the form was made from) shows "Updated"; a stale one is refused.
    app.clock.advance(chrono::Duration::minutes(3));
    let r = editor
        .post(
            &format!("/admin/live-updates/{draft}"),
            &[
                ("action", "edit"),
                ("revision", "2"),
                ("body", "Police confirm three arrests."),
                ("key_event", "on"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let r = editor
        .post(
            &format!("/admin/live-updates/{draft}"),
            &[("action", "edit"), ("revision", "2"), ("body", "Lost edit")],
        )
        .await;
    assert_eq!(r.status(), 409);
    let page = app.page("/articles/story", 200).await;
    assert!(page.contains("Police confirm three arrests."));
    assert!(!page.contains("two arrests"));
    let doc = html(&page);
    assert_eq!(
        attrs(&doc, ".key-events a", "href"),
        [format!("#update-{draft}")]
    );
    assert!(texts(&doc, ".live-update .meta")[0].contains("Updated"));
    // Bad input keeps the refusal readable.
    let r = editor
        .post(
            &format!("/admin/live-updates/{draft}"),
            &[
                ("action", "edit"),
                ("revision", "3"),
                ("body", "With an image"),
                ("image_url", "javascript:alert(1)"),
                ("image_alt", "x"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);

    // Contributors cannot delete; editors can, and the page no longer shows it.
    let r = writer
        .post(
            &format!("/admin/live-updates/{draft}"),
            &[("action", "delete")],
        )
        .await;
    assert_eq!(r.status(), 403);
    let r = editor
        .post(
            &format!("/admin/live-updates/{draft}"),
            &[("action", "delete")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let page = app.page("/articles/story", 200).await;
    assert!(!page.contains("three arrests"));
    assert!(page.contains("No updates yet."));
    // A deleted update stays deleted.
    let r = editor
        .post(
            &format!("/admin/live-updates/{draft}"),
            &[("action", "publish")],
        )
        .await;
    assert_eq!(r.status(), 400);

    // Every change is a revision: who did what, with the text it left.
    let revisions = app
        .store
        .live_update_revisions(LiveUpdateId(draft))
        .await
        .unwrap();
    let trail: Vec<(&str, &str, &str)> = revisions
        .iter()
        .map(|r| {
            (
                r.action.as_str(),
                r.saved_by_name.as_deref().unwrap_or(""),
                r.body_source.as_str(),
            )
        })
        .collect();
    assert_eq!(
        trail,
        [
            ("written", "Cora", "Police confirm two arrests."),
            ("published", "Eddie", "Police confirm two arrests."),
            ("edited", "Eddie", "Police confirm three arrests."),
            ("deleted", "Eddie", "Police confirm three arrests."),
        ]
    );
    let row = app
        .store
        .live_update(LiveUpdateId(draft))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.deleted_at, Some(app.clock.now()));
}

async fn older_updates_page_back_by_keyset_without_repeats(app: TestApp) {
    let (id, editor) = setup(&app).await;
    open(&editor, id).await;
    for i in 0..45 {
        // Pairs share a time, so the id breaks ties.
        if i % 2 == 0 {
            app.clock.advance(chrono::Duration::seconds(30));
        }
        publish(&app, &editor, id, &format!("Update number {i}."), false).await;
    }
    let mut seen = Vec::new();
    let mut path = "/articles/story".to_owned();
    let mut pages = 0;
    loop {
        let page = app.page(&path, 200).await;
        let doc = html(&page);
        let texts = texts(&doc, "article.live-update .live-update-body p");
        assert!(!texts.is_empty(), "{path}");
        seen.extend(texts);
        pages += 1;
        let next = attrs(&doc, "a[rel=next]", "href")
            .into_iter()
            .find(|h| h.contains("/updates?before="));
        match next {
            Some(n) => path = n,
            None => break,
        }
    }
    assert_eq!(pages, 3);
    // The API pages the same way, with the coverage.
    let mut cursor = String::new();
    let mut through_api = Vec::new();
    loop {
        let path = if cursor.is_empty() {
            "/api/v1/articles/story/updates".to_owned()
        } else {
            format!("/api/v1/articles/story/updates?cursor={cursor}")
        };
        let page: serde_json::Value = app.get(&path).await.json().await.unwrap();
        assert_eq!(page["coverage"], "live");
        assert!(page["coverage_end"].is_null());
        for item in page["items"].as_array().unwrap() {
            assert_eq!(item["author"], "Eddie");
            through_api.push(item["body_html"].as_str().unwrap().trim().to_owned());
        }
        match page["next_cursor"].as_str() {
            Some(c) => cursor = c.to_owned(),
            None => break,
        }
    }
    let expected_html: Vec<String> = (0..45)
        .rev()
        .map(|i| format!("<p>Update number {i}.</p>"))
        .collect();
    assert_eq!(through_api, expected_html);
    let none: serde_json::Value = app
        .get("/api/v1/articles/other/updates")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(none["coverage"], "none");
    assert_eq!(none["items"], serde_json::json!([]));
    assert_eq!(
        app.get("/api/v1/articles/story/updates?cursor=junk")
            .await
            .status(),
        400
    );
    let expected: Vec<String> = (0..45)
        .rev()
        .map(|i| format!("Update number {i}."))
        .collect();
    assert_eq!(seen, expected, "every update once, newest first");
    assert_eq!(
        app.get("/articles/story/updates?before=junk")
            .await
            .status(),
        400
    );
    // An article without coverage has no stream to page through.
    assert_eq!(app.get("/articles/other/updates").await.status(), 404);
}

async fn ended_coverage_keeps_its_updates_and_loses_the_badge(app: TestApp) {
    let (id, editor) = setup(&app).await;
    open(&editor, id).await;
    let started = app.clock.now();
    publish(&app, &editor, id, "Polls close.", true).await;
    // The signed-out copies now carry the badge; ending must drop them.
    assert!(
        app.page("/articles/story", 200)
            .await
            .contains("live-badge")
    );
    assert!(
        app.page("/sections/science", 200)
            .await
            .contains("live-badge")
    );
    app.clock.advance(chrono::Duration::hours(2));
    let r = editor
        .post(&format!("/admin/articles/{id}/live"), &[("action", "end")])
        .await;
    assert_eq!(r.status(), 303);
    let page = app.page("/articles/story", 200).await;
    assert!(!page.contains("live-badge"));
    assert!(page.contains("Coverage has ended"));
    assert!(page.contains("Polls close."), "its updates are kept");
    let data = json_ld(&page);
    assert_eq!(data["@type"], "LiveBlogPosting");
    let iso =
        |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    assert_eq!(data["coverageStartTime"], iso(started));
    assert_eq!(data["coverageEndTime"], iso(app.clock.now()));
    assert!(
        !app.page("/sections/science", 200)
            .await
            .contains("live-badge")
    );
    // No new updates after the end; ending twice is refused.
    let r = editor
        .post(
            &format!("/admin/articles/{id}/live/updates"),
            &[("body", "Late news"), ("action", "publish")],
        )
        .await;
    assert_eq!(r.status(), 422);
    let r = editor
        .post(&format!("/admin/articles/{id}/live"), &[("action", "end")])
        .await;
    assert_eq!(r.status(), 400);
    let desk = editor.page(&format!("/admin/articles/{id}/live")).await;
    assert!(desk.contains("Coverage has ended"));
    // The article's feed of updates carries them after the end too, and is linked from the page.
    assert!(page.contains("href=\"/articles/story/updates.atom\""));
    let r = app.get("/articles/story/updates.atom").await;
    assert_eq!(r.status(), 200);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/atom+xml")
    );
    let feed = r.text().await.unwrap();
    assert_eq!(feed.matches("<entry>").count(), 1, "{feed}");
    assert!(feed.contains("<title>Polls close.</title>"), "{feed}");
    assert!(feed.contains("/articles/story#update-"));
    assert_eq!(app.get("/articles/other/updates.atom").await.status(), 404);
}

async fn the_live_stream_announces_published_edited_and_deleted_updates(app: TestApp) {
    let (id, editor) = setup(&app).await;
    open(&editor, id).await;
    let mut stream = crate::common::client()
        .get(app.url("/articles/story/live"))
        .send()
        .await
        .unwrap();
    assert_eq!(stream.status(), 200);
    // The first chunk leaves after the stream subscribed: nothing after it can be missed.
    let first = tokio::time::timeout(Duration::from_secs(5), stream.chunk())
        .await
        .expect("a first chunk at once")
        .unwrap()
        .unwrap();
    assert_eq!(&first[..], b": live\n\n");
    // A draft is not announced; its publication is.
    let r = editor
        .post(
            &format!("/admin/articles/{id}/live/updates"),
            &[("body", "Quiet draft"), ("action", "draft")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let draft = app.store.desk_updates(id, 1).await.unwrap()[0].id;
    let published = publish(&app, &editor, id, "Sirens heard.", false).await;
    let within = Duration::from_secs(5);
    assert_eq!(
        next_event(&mut stream, "update", within).await,
        Some(format!("{published} published"))
    );
    let fragment = app
        .page(&format!("/live-updates/{published}/fragment"), 200)
        .await;
    assert!(fragment.contains("Sirens heard."));
    assert_eq!(
        app.get(&format!("/live-updates/{draft}/fragment"))
            .await
            .status(),
        404,
        "drafts are not shown"
    );
    let r = editor
        .post(
            &format!("/admin/live-updates/{published}"),
            &[
                ("action", "edit"),
                ("revision", "1"),
                ("body", "Sirens heard nearby."),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        next_event(&mut stream, "update", within).await,
        Some(format!("{published} edited"))
    );
    let r = editor
        .post(
            &format!("/admin/live-updates/{published}"),
            &[("action", "delete")],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        next_event(&mut stream, "update", within).await,
        Some(format!("{published} deleted"))
    );
    assert_eq!(
        app.get(&format!("/live-updates/{published}/fragment"))
            .await
            .status(),
        404
    );
}

/// Two processes on one PostgreSQL: an update published through the test's server arrives on a
/// stream served by another `serve` process (LISTEN/NOTIFY), whose fragment shows it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn updates_cross_processes_on_postgres() {
    let Some(app) = TestApp::start(crate::common::Backend::Postgres).await else {
        return;
    };
    // The other process keeps real time (and prunes sessions by it): so does this app here.
    app.clock.set(chrono::Utc::now());
    let (id, editor) = setup(&app).await;
    open(&editor, id).await;
    let data_dir = tempfile::tempdir().unwrap();
    let dir = data_dir.path().to_str().unwrap();
    let other =
        crate::common::ServerProcess::start(&app.database_url, &["--no-demo", "--data-dir", dir]);
    let mut stream = crate::common::client()
        .get(other.url("/articles/story/live"))
        .send()
        .await
        .unwrap();
    assert_eq!(stream.status(), 200);
    let first = tokio::time::timeout(Duration::from_secs(5), stream.chunk())
        .await
        .expect("a first chunk at once")
        .unwrap()
        .unwrap();
    assert_eq!(&first[..], b": live\n\n");
    let update = publish(&app, &editor, id, "Heard in the other process.", false).await;
    assert_eq!(
        next_event(&mut stream, "update", Duration::from_secs(5)).await,
        Some(format!("{update} published"))
    );
    let r = crate::common::client()
        .get(other.url(&format!("/live-updates/{update}/fragment")))
        .send()
        .await
        .unwrap();
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Heard in the other process.")
    );
}
