//! The embedded conversation's rules, on SQLite and PostgreSQL: a site's default policy and a
//! thread's own (open, closed, pre-moderated, closing after N days), enforced on posting and
//! shown in the frame; the per-site, per-address pace of new threads; a changed title taken
//! from a later load; counts by address and by id; the frame's live stream, its posting
//! without a page load and its host's properties; the desk naming the page.

use crate::common::{Member, TestApp, article, attrs, html, texts};
use broadsheet::domain::embed::{Origin, SiteId, embedded_page};
use broadsheet::domain::embed_style::THREADS_PER_MINUTE;
use broadsheet::domain::user::Role;

backend_tests!(
    a_sites_default_policy_and_a_threads_own_are_enforced_and_shown,
    comments_close_the_set_days_after_the_first_load,
    new_threads_are_paced_per_site_and_address,
    a_later_load_from_the_site_changes_the_title_at_most_hourly,
    counts_come_by_address_and_by_id,
    the_frame_streams_new_comments_and_posts_without_a_page_load,
    the_hosts_properties_are_checked_and_served_as_a_stylesheet,
    a_members_page_and_feed_link_embedded_comments_to_their_page,
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
        .append_pair("title", "My post")
        .finish();
    format!("/embed/thread?{q}")
}

fn posting(site: SiteId, page: &str) -> String {
    frame(site, page).replace("/embed/thread?", "/embed/thread/comments?")
}

async fn staff(app: &TestApp, name: &str, role: Role) -> Member {
    let m = app.member(name).await;
    m.promote(app, role).await;
    m
}

async fn thread_id(app: &TestApp, site: SiteId, page: &str) -> i64 {
    let key = embedded_page(page, None, &[Origin::parse(BLOG).unwrap()]).unwrap();
    app.store
        .embedded_thread_by_key(site, &key.key)
        .await
        .unwrap()
        .expect("the thread is made")
        .article
        .card
        .id
}

async fn a_sites_default_policy_and_a_threads_own_are_enforced_and_shown(app: TestApp) {
    let site = with_site(&app).await;
    let admin = staff(&app, "Ann", Role::Admin).await;
    let page = format!("{BLOG}/2026/policies");
    app.page(&frame(site, &page), 200).await;

    // A bad value comes back with what was typed and why.
    let r = admin
        .post(
            &format!("/admin/sites/{}/policy", site.0),
            &[
                ("mode", "closed"),
                ("first", ""),
                ("auto_close_days", "soon"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.contains("must be a whole number"), "{body}");
    assert_eq!(
        attrs(&html(&body), "input[name=auto_close_days]", "value"),
        vec!["soon"]
    );
    // The site's default: closed.
    let r = admin
        .post(
            &format!("/admin/sites/{}/policy", site.0),
            &[("mode", "closed"), ("first", ""), ("auto_close_days", "")],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let listed = admin.page("/admin/sites").await;
    assert!(
        listed.contains("<option value=\"closed\" selected>"),
        "{listed}"
    );

    let ada = app.member("Ada").await;
    let shown = ada.page(&frame(site, &page)).await;
    assert_eq!(
        texts(&html(&shown), ".comments-closed"),
        vec!["Comments are closed here."]
    );
    assert!(attrs(&html(&shown), "#comment-form", "action").is_empty());
    let r = ada
        .post(&posting(site, &page), &[("body", "Too late?")])
        .await;
    assert_eq!(r.status(), 403);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Comments are closed here.")
    );
    // Other sites' threads and the site's articles are untouched by it.
    let _ = ada.comment("story", None, "Articles stay open.").await;

    // The thread's own policy (on its desk view, editors and admins) overrides the site's.
    let id = thread_id(&app, site, &page).await;
    let editor = staff(&app, "Ed", Role::Editor).await;
    let view = editor.page(&format!("/admin/threads/{id}")).await;
    assert!(view.contains("My post") && view.contains(&page), "{view}");
    assert!(
        view.contains("Policy in force") && view.contains("closed"),
        "{view}"
    );
    let r = editor
        .post(
            &format!("/admin/threads/{id}/policy"),
            &[
                ("mode", "premoderated"),
                ("first", ""),
                ("auto_close_days", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let shown = app.page(&frame(site, &page), 200).await;
    assert_eq!(
        texts(&html(&shown), ".premoderation-hint"),
        vec!["Comments here are read by a moderator before they appear."]
    );
    let r = ada
        .post(&posting(site, &page), &[("body", "Waiting my turn.")])
        .await;
    assert_eq!(r.status(), 303);
    let held = app.store.comment(latest(&r)).await.unwrap().unwrap();
    assert_eq!(held.status.as_str(), "pending");
    // A moderator cannot set policies; the site's list of threads is the admins'.
    let moderator = staff(&app, "Mo", Role::Moderator).await;
    assert_eq!(
        moderator
            .post(&format!("/admin/threads/{id}/policy"), &[("mode", "open")])
            .await
            .status(),
        403
    );
    let threads = admin
        .page(&format!("/admin/sites/{}/threads", site.0))
        .await;
    assert!(
        threads.contains(&format!("/admin/threads/{id}")) && threads.contains(&page),
        "{threads}"
    );
    // The change is in the audit log.
    let log = admin.page("/admin/moderation/log").await;
    assert!(log.contains("embedded thread My post"), "{log}");
}

fn latest(r: &reqwest::Response) -> i64 {
    r.headers()["location"]
        .to_str()
        .unwrap()
        .rsplit("#comment-")
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

async fn comments_close_the_set_days_after_the_first_load(app: TestApp) {
    let site = with_site(&app).await;
    let admin = staff(&app, "Ann", Role::Admin).await;
    let r = admin
        .post(
            &format!("/admin/sites/{}/policy", site.0),
            &[("mode", "inherit"), ("first", ""), ("auto_close_days", "3")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let page = format!("{BLOG}/2026/closing");
    app.page(&frame(site, &page), 200).await;
    let ada = app.member("Ada").await;
    app.clock
        .advance(chrono::Duration::days(3) - chrono::Duration::minutes(1));
    let r = ada
        .post(&posting(site, &page), &[("body", "Just in time.")])
        .await;
    assert_eq!(r.status(), 303);
    app.clock.advance(chrono::Duration::minutes(2));
    let r = ada
        .post(&posting(site, &page), &[("body", "Too late.")])
        .await;
    assert_eq!(r.status(), 403);
    let shown = app.page(&frame(site, &page), 200).await;
    assert!(shown.contains("Comments are closed"), "{shown}");
    // A page first loaded now has its three days.
    let fresh = format!("{BLOG}/2026/fresh");
    app.page(&frame(site, &fresh), 200).await;
    let r = ada
        .post(&posting(site, &fresh), &[("body", "Open here.")])
        .await;
    assert_eq!(r.status(), 303);
}

async fn new_threads_are_paced_per_site_and_address(app: TestApp) {
    let site = with_site(&app).await;
    let other = app
        .store
        .create_site(
            "Other",
            &[Origin::parse("https://other.example").unwrap()],
            "s",
            app.clock.now(),
        )
        .await
        .unwrap();
    for i in 0..THREADS_PER_MINUTE {
        app.page(&frame(site, &format!("{BLOG}/p{i}")), 200).await;
    }
    let r = app.get(&frame(site, &format!("{BLOG}/one-too-many"))).await;
    assert_eq!(r.status(), 429);
    assert!(r.headers().contains_key("retry-after"));
    let body = r.text().await.unwrap();
    assert!(
        body.contains("Too many new conversations were started from your address"),
        "{body}"
    );
    // Threads already made still load; another site counts on its own.
    app.page(&frame(site, &format!("{BLOG}/p0")), 200).await;
    app.page(&frame(other, "https://other.example/x"), 200)
        .await;
    // The next minute, new threads are made again.
    app.clock.advance(chrono::Duration::minutes(1));
    app.page(&frame(site, &format!("{BLOG}/one-too-many")), 200)
        .await;
}

async fn a_later_load_from_the_site_changes_the_title_at_most_hourly(app: TestApp) {
    let site = with_site(&app).await;
    let page = format!("{BLOG}/2026/renamed");
    let load = |title: &'static str, referer: Option<&'static str>| {
        let q: String = form_urlencoded::Serializer::new(String::new())
            .append_pair("site", &site.0.to_string())
            .append_pair("page", &page)
            .append_pair("title", title)
            .finish();
        let mut r = app.client.get(app.url(&format!("/embed/thread?{q}")));
        if let Some(from) = referer {
            r = r.header("referer", from);
        }
        r.send()
    };
    let title = |app: &TestApp| {
        let page = page.clone();
        let store = app.store.clone();
        async move {
            let key = embedded_page(&page, None, &[Origin::parse(BLOG).unwrap()]).unwrap();
            store
                .embedded_thread_by_key(site, &key.key)
                .await
                .unwrap()
                .unwrap()
                .article
                .card
                .title
        }
    };
    let host = Some("https://blog.example/2026/renamed");
    assert_eq!(load("First title", host).await.unwrap().status(), 200);
    assert_eq!(title(&app).await, "First title");
    // Not from the site's page (no Referer): the title stays.
    assert_eq!(load("Sneaky", None).await.unwrap().status(), 200);
    assert_eq!(title(&app).await, "First title");
    // From the site's page: taken, and shown on the desk's thread view.
    assert_eq!(load("Second title", host).await.unwrap().status(), 200);
    assert_eq!(title(&app).await, "Second title");
    // Once an hour at most.
    app.clock.advance(chrono::Duration::minutes(30));
    assert_eq!(load("Third title", host).await.unwrap().status(), 200);
    assert_eq!(title(&app).await, "Second title");
    app.clock.advance(chrono::Duration::minutes(31));
    let r = load("Third title", host).await.unwrap();
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("<title>Comments: Third title</title>")
    );
    assert_eq!(title(&app).await, "Third title");
}

async fn counts_come_by_address_and_by_id(app: TestApp) {
    let site = with_site(&app).await;
    let ada = app.member("Ada").await;
    let by_id = format!("{}&id=post-7", posting(site, &format!("{BLOG}/a")));
    for body in ["One.", "Two."] {
        assert_eq!(ada.post(&by_id, &[("body", body)]).await.status(), 303);
    }
    let by_page = posting(site, &format!("{BLOG}/b"));
    assert_eq!(
        ada.post(&by_page, &[("body", "Three.")]).await.status(),
        303
    );
    let mut pages = vec![format!("{BLOG}/b")];
    pages.extend((0..19).map(|i| format!("{BLOG}/none-{i}")));
    let mut q = form_urlencoded::Serializer::new(String::new());
    for p in &pages {
        q.append_pair("page", p);
    }
    q.append_pair("id", "post-7").append_pair("id", "post-8");
    let r = app
        .client
        .get(app.url(&format!("/embed/counts?{}", q.finish())))
        .header("origin", BLOG)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["counts"][format!("{BLOG}/b")], 1);
    assert_eq!(body["counts"][format!("{BLOG}/none-3")], 0);
    assert_eq!(body["ids"]["post-7"], 2);
    assert_eq!(body["ids"]["post-8"], 0);
    // By id alone, the asking page's origin finds the site.
    let r = app
        .client
        .get(app.url("/embed/counts?id=post-7"))
        .header("origin", BLOG)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["ids"]["post-7"], 2);
    assert_eq!(app.get("/embed/counts?id=post-7").await.status(), 403);
}

async fn the_frame_streams_new_comments_and_posts_without_a_page_load(app: TestApp) {
    let site = with_site(&app).await;
    let page = format!("{BLOG}/2026/live");
    let shown = app.page(&frame(site, &page), 200).await;
    let doc = html(&shown);
    let live = attrs(&doc, "#comments", "data-live").remove(0);
    assert!(live.starts_with("/articles/embed-"), "{live}");
    assert_eq!(
        attrs(&doc, "script[src^='/static/app.']", "src").len(),
        1,
        "the site's script is loaded in the frame"
    );
    let mut stream = app.client.get(app.url(&live)).send().await.unwrap();
    assert_eq!(stream.status(), 200);

    let ada = app.member("Ada").await;
    let form = ada.page(&frame(site, &page)).await;
    let action = attrs(&html(&form), "#comment-form", "action").remove(0);
    let r = ada
        .client
        .post(app.url(&action))
        .header("accept", "application/json")
        .form(&[
            ("csrf", crate::common::csrf_of(&form).as_str()),
            ("body", "Sent by the script."),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let posted: serde_json::Value = r.json().await.unwrap();
    assert_eq!(posted["count"], 1);
    assert!(
        posted["html"]
            .as_str()
            .unwrap()
            .contains("Sent by the script.")
    );
    let id = posted["id"].as_i64().unwrap();
    // The stream names it, and its fragment is served for the frame to show.
    let mut seen = String::new();
    while !seen.contains(&format!("data: {id}")) {
        let chunk = tokio::time::timeout(std::time::Duration::from_secs(10), stream.chunk())
            .await
            .expect("the comment is announced")
            .unwrap()
            .expect("the stream stays open");
        seen.push_str(&String::from_utf8_lossy(&chunk));
    }
    assert!(seen.contains("event: comment"), "{seen}");
    let fragment = app.page(&format!("/comments/{id}/fragment"), 200).await;
    assert!(fragment.contains("Sent by the script."));
    // A refusal is JSON too, for the script to show.
    let r = ada
        .client
        .post(app.url(&action))
        .header("accept", "application/json")
        .form(&[
            ("csrf", crate::common::csrf_of(&form).as_str()),
            ("body", " "),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let refused: serde_json::Value = r.json().await.unwrap();
    assert!(refused["error"].as_str().is_some());

    // The desk names the page and links to it.
    let editor = staff(&app, "Ed", Role::Editor).await;
    let id = thread_id(&app, site, &page).await;
    let r = editor
        .post(
            &format!("/admin/threads/{id}/policy"),
            &[
                ("mode", "premoderated"),
                ("first", ""),
                ("auto_close_days", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let r = ada.post(&action, &[("body", "Held for the desk.")]).await;
    assert_eq!(r.status(), 303);
    let desk = editor.page("/admin/moderation").await;
    assert!(desk.contains("Held for the desk."), "{desk}");
    let doc = html(&desk);
    assert!(
        attrs(&doc, "a", "href").contains(&page),
        "the desk links to the host page: {desk}"
    );
    assert!(desk.contains("My post"));
}

async fn the_hosts_properties_are_checked_and_served_as_a_stylesheet(app: TestApp) {
    let site = with_site(&app).await;
    let page = format!("{BLOG}/2026/styled");
    let styled = format!(
        "{}&font=Georgia%2C+serif&accent=%23AA0000&background=%23fafafa",
        frame(site, &page)
    );
    let shown = app.page(&styled, 200).await;
    let sheets = attrs(&html(&shown), "link[rel=stylesheet]", "href");
    let own = sheets
        .iter()
        .find(|h| h.starts_with("/embed/style.css?"))
        .expect("the host's stylesheet is linked");
    let r = app.get(own).await;
    assert_eq!(r.status(), 200);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/css")
    );
    let css = r.text().await.unwrap();
    assert!(css.contains("--accent: #aa0000;"), "{css}");
    assert!(css.contains("--sans: \"Georgia\", serif;"), "{css}");
    assert!(css.contains("--paper: #fafafa;"), "{css}");
    // The frame's own links keep them.
    let form_page = app.member("Ada").await.page(&styled).await;
    let action = attrs(&html(&form_page), "#comment-form", "action").remove(0);
    assert!(action.contains("accent=%23aa0000"), "{action}");
    // Anything outside the grammar is refused with what to write.
    let r = app
        .get(&format!("{}&text=red%3B%7D", frame(site, &page)))
        .await;
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("is not a colour"));
    let r = app.get("/embed/style.css?font=x%7Dbody%7B").await;
    assert_eq!(r.status(), 400);
    // Without properties, no extra stylesheet.
    let plain = app.page(&frame(site, &page), 200).await;
    assert!(!plain.contains("/embed/style.css"));
}

async fn a_members_page_and_feed_link_embedded_comments_to_their_page(app: TestApp) {
    let site = with_site(&app).await;
    let page = format!("{BLOG}/2026/fed");
    let ada = app.member("Ada").await;
    let r = ada
        .post(&posting(site, &page), &[("body", "Said on the blog.")])
        .await;
    assert_eq!(r.status(), 303);
    let id = latest(&r);
    let author = app
        .store
        .comment(id)
        .await
        .unwrap()
        .unwrap()
        .author_id
        .unwrap();
    let member = app.page(&format!("/members/{author}"), 200).await;
    let doc = html(&member);
    assert!(member.contains("Said on the blog."), "{member}");
    assert!(attrs(&doc, "a", "href").contains(&page), "{member}");
    assert!(texts(&doc, "a").contains(&"My post".to_owned()), "{member}");
    let feed = app
        .page(&format!("/members/{author}/comments.atom"), 200)
        .await;
    assert!(feed.contains(&format!("href=\"{page}\"")), "{feed}");
    assert!(feed.contains("Ada on “My post”"), "{feed}");
}
