//! A live article around the page, on SQLite and PostgreSQL: an update's image offered at every
//! stored width as the featured image is, the key-events summary the page's script fetches
//! again, and the site's feeds dating a live article by the latest change to its stream.

use crate::common::{Member, TestApp, article, attrs, html};
use crate::media::{jpeg, upload};
use broadsheet::domain::user::Role;
use chrono::{DateTime, Utc};

backend_tests!(
    an_updates_image_is_offered_as_the_featured_image_is,
    the_key_events_summary_is_served_alone_for_the_script,
    feeds_date_a_live_article_by_the_latest_change_to_its_stream,
);

/// Publishes "story" (and "other"), opens its coverage as an editor; the article's id. (The
/// editor is made through the store, so that this works on a site in any language.)
pub(crate) async fn live_story(app: &TestApp) -> (i64, Member) {
    app.publish(&[
        article("story", "Science", 30),
        article("other", "Science", 20),
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
    let editor = app.unverified_member("Eddie").await;
    editor.promote(app, Role::Editor).await;
    let r = editor
        .post(&format!("/admin/articles/{id}/live"), &[("action", "open")])
        .await;
    assert_eq!(r.status(), 303);
    (id, editor)
}

async fn publish(editor: &Member, id: i64, fields: &[(&str, &str)]) {
    let mut form = vec![("action", "publish")];
    form.extend_from_slice(fields);
    let r = editor
        .post(&format!("/admin/articles/{id}/live/updates"), &form)
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
}

async fn an_updates_image_is_offered_as_the_featured_image_is(app: TestApp) {
    let (id, editor) = live_story(&app).await;
    let photo = jpeg(2000, 1000);
    assert_eq!(
        upload(&app, &editor, "quay.jpg", &photo).await.status(),
        303
    );
    let hash = broadsheet::domain::media::content_hash(&photo);
    let url = format!("/media/{hash}-1600.jpg");
    publish(
        &editor,
        id,
        &[
            ("body", "The quay at noon."),
            ("image_url", &url),
            ("image_alt", "The flooded quay"),
        ],
    )
    .await;
    publish(
        &editor,
        id,
        &[
            ("body", "A picture from elsewhere."),
            ("image_url", "https://cdn.example/boat.jpg"),
            ("image_alt", "A boat"),
        ],
    )
    .await;
    let doc = html(&app.page("/articles/story", 200).await);
    let img = |attr: &str| attrs(&doc, ".live-update-image img", attr);
    // Newest first: the remote picture, then ours.
    assert_eq!(
        img("src"),
        [String::from("https://cdn.example/boat.jpg"), url.clone()]
    );
    let srcset = format!(
        "/media/{hash}-480.jpg 480w, /media/{hash}-960.jpg 960w, /media/{hash}-1600.jpg 1600w"
    );
    assert_eq!(
        img("srcset"),
        std::slice::from_ref(&srcset),
        "the remote one has none"
    );
    assert_eq!(
        img("sizes"),
        ["(min-width: 42rem) 40rem, calc(100vw - 2rem)"]
    );
    assert_eq!(
        (img("width"), img("height")),
        (vec!["1600".into()], vec!["800".into()])
    );
    assert_eq!(
        img("loading"),
        ["lazy"],
        "below the article: fetched lazily"
    );
    assert_eq!(img("decoding"), ["async"]);
    assert!(img("fetchpriority").is_empty());
    assert_eq!(img("alt"), ["A boat", "The flooded quay"]);
    // The fragment the script inserts shows it the same way.
    let update = app
        .store
        .published_updates(id, None, false, 2)
        .await
        .unwrap()[1]
        .id;
    let fragment = app
        .page(&format!("/live-updates/{update}/fragment"), 200)
        .await;
    let frag = html(&fragment);
    assert_eq!(attrs(&frag, ".live-update-image img", "srcset"), [srcset]);
    assert_eq!(attrs(&frag, ".live-update-image img", "loading"), ["lazy"]);
}

async fn the_key_events_summary_is_served_alone_for_the_script(app: TestApp) {
    let (id, editor) = live_story(&app).await;
    let page = html(&app.page("/articles/story", 200).await);
    assert_eq!(
        attrs(&page, "#key-events", "data-key-events"),
        ["/articles/story/key-events"]
    );
    let empty = app.page("/articles/story/key-events", 200).await;
    assert!(!empty.contains("<section"), "{empty}");
    publish(&editor, id, &[("body", "An ordinary update.")]).await;
    publish(
        &editor,
        id,
        &[("body", "The bridge **reopens**."), ("key_event", "on")],
    )
    .await;
    let r = app.get("/articles/story/key-events").await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["cache-control"], "no-store");
    let summary = html(&r.text().await.unwrap());
    let key = app
        .store
        .published_updates(id, None, true, 1)
        .await
        .unwrap()[0]
        .id;
    assert_eq!(
        attrs(&summary, ".key-events a", "href"),
        [format!("#update-{key}")]
    );
    let text = crate::common::texts(&summary, ".key-events li");
    assert!(text[0].ends_with("The bridge reopens."), "{text:?}");
    // The same summary the page shows.
    let page = html(&app.page("/articles/story", 200).await);
    assert_eq!(crate::common::texts(&page, "#key-events li"), text);
    // Only articles with coverage have one.
    app.page("/articles/other/key-events", 404).await;
    app.page("/articles/no-such/key-events", 404).await;
}

/// The `updated` of the Atom entry for `slug` in `feed`.
fn entry_updated(feed: &str, slug: &str) -> DateTime<Utc> {
    let entry = feed
        .split("<entry>")
        .find(|e| e.contains(&format!("/articles/{slug}\"")))
        .unwrap_or_else(|| panic!("no entry for {slug} in {feed}"));
    let start = entry.find("<updated>").unwrap() + "<updated>".len();
    let end = entry.find("</updated>").unwrap();
    DateTime::parse_from_rfc3339(&entry[start..end])
        .unwrap()
        .with_timezone(&Utc)
}

async fn feeds_date_a_live_article_by_the_latest_change_to_its_stream(app: TestApp) {
    let (id, editor) = live_story(&app).await;
    let published = app.clock.now() - chrono::Duration::minutes(30);
    let other = app.clock.now() - chrono::Duration::minutes(20);
    let secs = |t: DateTime<Utc>| t.timestamp();
    let feed = app.page("/feed.atom", 200).await;
    assert_eq!(
        secs(entry_updated(&feed, "story")),
        secs(published),
        "no updates yet"
    );

    app.clock.advance(chrono::Duration::minutes(5));
    publish(&editor, id, &[("body", "Water still rising.")]).await;
    let first = app.clock.now();
    for path in ["/feed.atom", "/sections/science/feed.atom"] {
        let feed = app.page(path, 200).await;
        assert_eq!(secs(entry_updated(&feed, "story")), secs(first), "{path}");
        assert_eq!(secs(entry_updated(&feed, "other")), secs(other), "{path}");
    }
    // An edit is a change readers see: the entry moves on, in every format.
    app.clock.advance(chrono::Duration::minutes(5));
    let update = app
        .store
        .published_updates(id, None, false, 1)
        .await
        .unwrap()[0]
        .id;
    let r = editor
        .post(
            &format!("/admin/live-updates/{update}"),
            &[
                ("action", "edit"),
                ("revision", "1"),
                ("body", "Water rising fast."),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let edited = app.clock.now();
    let r = app.get("/feed.atom").await;
    let last_modified = r.headers()["last-modified"].to_str().unwrap().to_owned();
    assert_eq!(
        DateTime::parse_from_rfc2822(&last_modified)
            .unwrap()
            .timestamp(),
        secs(edited)
    );
    assert_eq!(
        secs(entry_updated(&r.text().await.unwrap(), "story")),
        secs(edited)
    );
    let json: serde_json::Value = app.get("/feed.json").await.json().await.unwrap();
    let item = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["url"].as_str().unwrap().ends_with("/articles/story"))
        .unwrap();
    let modified = DateTime::parse_from_rfc3339(item["date_modified"].as_str().unwrap()).unwrap();
    assert_eq!(modified.timestamp(), secs(edited));
    // A draft is not a change readers see.
    app.clock.advance(chrono::Duration::minutes(5));
    let r = editor
        .post(
            &format!("/admin/articles/{id}/live/updates"),
            &[("body", "Unpublished draft."), ("action", "draft")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let feed = app.page("/feed.atom", 200).await;
    assert_eq!(secs(entry_updated(&feed, "story")), secs(edited));
}
