//! Embedded conversations in and out, on SQLite and PostgreSQL: a Disqus export's threads on a
//! registered site's pages land under those pages' threads (keyed as the embed keys them, made
//! when the page never loaded the conversation), and `broadsheet export`/`import` carry the
//! sites, their threads and their default policies.

use crate::common::{TestApp, article, bin, html, t0, texts};
use broadsheet::domain::embed::{Origin, SiteId, embedded_page};

backend_tests!(
    disqus_threads_of_a_registered_site_land_under_its_threads,
    sites_threads_and_their_policies_go_out_and_come_back,
    a_disqus_identifier_is_the_embed_threads_data_id,
);

const BLOG: &str = "https://blog.example";

async fn with_site(app: &TestApp) -> SiteId {
    app.publish(&[article("story", "Science", 5)]).await;
    app.store
        .create_site(
            "Blog",
            &[Origin::parse(BLOG).unwrap()],
            "secret-for-tests",
            app.clock.now(),
        )
        .await
        .unwrap()
}

fn frame(site: SiteId, page: &str) -> String {
    let q: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("site", &site.0.to_string())
        .append_pair("page", page)
        .finish();
    format!("/embed/thread?{q}")
}

fn thread(id: &str, link: &str, title: &str) -> String {
    format!(
        "<thread dsq:id=\"{id}\"><id /><forum>f</forum><link>{link}</link><title>{title}</title>\
         <message /><createdAt>2025-10-14T07:35:00Z</createdAt><isClosed>false</isClosed>\
         <isDeleted>false</isDeleted></thread>"
    )
}

/// A Disqus thread whose page was given an identifier (`disqus_identifier`).
fn identified_thread(id: &str, identifier: &str, link: &str, title: &str) -> String {
    thread(id, link, title).replace("<id />", &format!("<id>{identifier}</id>"))
}

fn post(id: &str, thread: &str, parent: Option<&str>, who: &str, text: &str) -> String {
    let parent = parent.map_or(String::new(), |p| format!("<parent dsq:id=\"{p}\" />"));
    format!(
        "<post dsq:id=\"{id}\"><id /><message><![CDATA[<p>{text}</p>]]></message>\
         <createdAt>2025-10-15T08:00:00Z</createdAt><isDeleted>false</isDeleted>\
         <isSpam>false</isSpam><author><name>{who}</name><isAnonymous>true</isAnonymous>\
         </author><thread dsq:id=\"{thread}\" />{parent}</post>"
    )
}

async fn disqus_threads_of_a_registered_site_land_under_its_threads(app: TestApp) {
    let site = with_site(&app).await;
    // One page has loaded the conversation already (and has a comment); one never has.
    let loaded = format!("{BLOG}/2025/loaded");
    let ada = app.member("Ada").await;
    let r = ada
        .post(
            &frame(site, &loaded).replace("/embed/thread?", "/embed/thread/comments?"),
            &[("body", "Said here first.")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let parts = [
        thread(
            "1",
            &format!("{BLOG}/2025/loaded?utm_source=disqus"),
            "Loaded page",
        ),
        thread("2", &format!("{BLOG}/2025/never-loaded"), "Never loaded"),
        thread("3", "https://elsewhere.example/post", "Not ours"),
        post(
            "11",
            "1",
            None,
            "Old Reader",
            "From Disqus, on a loaded page.",
        ),
        post("12", "2", None, "Old Reader", "From Disqus, a first word."),
        post(
            "13",
            "2",
            Some("12"),
            "Other Reader",
            "From Disqus, a reply.",
        ),
        post("14", "3", None, "Stranger", "Elsewhere."),
    ];
    let stdout = import_disqus(&app, &parts);
    assert!(
        stdout.contains("2 threads imported as embedded conversations on registered sites' pages"),
        "{stdout}"
    );
    assert!(stdout.contains("1 not matched"), "{stdout}");
    assert!(
        stdout.contains("not matched: https://elsewhere.example/post"),
        "{stdout}"
    );

    // The loaded page's thread has both; the other page's thread was made, titled, threaded.
    let body = app.page(&frame(site, &loaded), 200).await;
    assert_eq!(
        texts(&html(&body), "#comments-heading"),
        vec!["Comments (2)"]
    );
    assert!(body.contains("Said here first.") && body.contains("From Disqus, on a loaded page."));
    let never = format!("{BLOG}/2025/never-loaded");
    let key = embedded_page(&never, None, &[Origin::parse(BLOG).unwrap()]).unwrap();
    let made = app
        .store
        .embedded_thread_by_key(site, &key.key)
        .await
        .unwrap()
        .expect("the thread was made by the import");
    assert_eq!(made.article.card.title, "Never loaded");
    let body = app.page(&frame(site, &never), 200).await;
    let doc = html(&body);
    assert_eq!(texts(&doc, "#comments-heading"), vec!["Comments (2)"]);
    assert_eq!(
        texts(&doc, "li.thread > ol.replies article .comment-author"),
        vec!["Other Reader"]
    );

    // Again: nothing new.
    let stdout = import_disqus(&app, &parts);
    assert!(stdout.contains("3 comments (3 already there)"), "{stdout}");
    let body = app.page(&frame(site, &never), 200).await;
    assert_eq!(
        texts(&html(&body), "#comments-heading"),
        vec!["Comments (2)"]
    );
}

async fn sites_threads_and_their_policies_go_out_and_come_back(app: TestApp) {
    let site = with_site(&app).await;
    let page = format!("{BLOG}/2026/carried");
    let ada = app.member("Ada").await;
    let r = ada
        .post(
            &frame(site, &page).replace("/embed/thread?", "/embed/thread/comments?"),
            &[("body", "Carried across.")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let admin = app.member("Ann").await;
    admin
        .promote(&app, broadsheet::domain::user::Role::Admin)
        .await;
    let r = admin
        .post(
            &format!("/admin/sites/{}/policy", site.0),
            &[
                ("mode", "premoderated"),
                ("first", "2"),
                ("auto_close_days", "30"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);

    let dir = tempfile::tempdir().unwrap();
    broadsheet::cli::export::export_site(&app.store, dir.path(), "Broadsheet", BLOG, t0())
        .await
        .expect("export");
    let fresh = TestApp::start(app.backend).await.unwrap();
    broadsheet::cli::export::import_site(&fresh.store, dir.path())
        .await
        .expect("import");
    let sites = fresh.store.sites().await.unwrap();
    assert_eq!(sites.len(), 1);
    assert_eq!((sites[0].id, sites[0].name.as_str()), (site.0, "Blog"));
    let layer = fresh
        .store
        .policy_layer("embed_site", site.0)
        .await
        .unwrap();
    assert_eq!(
        layer,
        broadsheet::domain::moderation::PolicyLayer {
            mode: Some(broadsheet::domain::moderation::CommentMode::PreModerated {
                first: Some(2)
            }),
            auto_close_days: Some(30),
        }
    );
    let body = fresh.page(&frame(site, &page), 200).await;
    assert!(body.contains("Carried across."), "{body}");
    assert_eq!(
        texts(&html(&body), "#comments-heading"),
        vec!["Comments (1)"]
    );
}

/// Runs `import-disqus` over these threads and posts, and says what it printed.
fn import_disqus(app: &TestApp, parts: &[String]) -> String {
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\
         <disqus xmlns=\"http://disqus.com\" xmlns:dsq=\"http://disqus.com/disqus-internals\">{}</disqus>",
        parts.concat()
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("disqus.xml");
    std::fs::write(&file, xml).unwrap();
    let out = bin()
        .args(["--database-url", &app.database_url, "import-disqus"])
        .arg(&file)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

async fn a_disqus_identifier_is_the_embed_threads_data_id(app: TestApp) {
    let site = with_site(&app).await;
    // A page whose snippet names its thread (data-id="post-7") loaded it; Disqus knew it under
    // that identifier at an address it has since left.
    let ada = app.member("Ada").await;
    let moved = format!(
        "{}&id=post-7",
        frame(site, &format!("{BLOG}/2026/new-home"))
    );
    let r = ada
        .post(
            &moved.replace("/embed/thread?", "/embed/thread/comments?"),
            &[("body", "Said on the new page.")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let stdout = import_disqus(
        &app,
        &[
            identified_thread("1", "post-7", &format!("{BLOG}/2019/old-home"), "Old home"),
            identified_thread("2", "post-8", &format!("{BLOG}/2019/unloaded"), "Unloaded"),
            post("11", "1", None, "Old Reader", "From Disqus, under post-7."),
            post("12", "2", None, "Old Reader", "From Disqus, under post-8."),
        ],
    );
    assert!(
        stdout.contains("2 threads imported as embedded conversations"),
        "{stdout}"
    );
    // Under the identified thread, not a new one for the old address.
    let body = app.page(&moved, 200).await;
    assert!(
        body.contains("Said on the new page.") && body.contains("From Disqus, under post-7."),
        "{body}"
    );
    let origins = [Origin::parse(BLOG).unwrap()];
    let old = embedded_page(&format!("{BLOG}/2019/old-home"), None, &origins).unwrap();
    assert!(
        app.store
            .embedded_thread_by_key(site, &old.key)
            .await
            .unwrap()
            .is_none()
    );
    // A thread no page loaded yet is made under its identifier: the page that names it finds it.
    let unloaded = format!(
        "{}&id=post-8",
        frame(site, &format!("{BLOG}/2026/anywhere"))
    );
    let body = app.page(&unloaded, 200).await;
    assert!(body.contains("From Disqus, under post-8."), "{body}");
}
