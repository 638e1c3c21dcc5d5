//! Comments outside the article page, on SQLite and PostgreSQL: each article's Atom feed of
//! comments, each member's public page (keyset pages) and feed. Held, rejected and deleted
//! comments never appear in any of them.

use crate::common::{self, Member, TestApp, article, attrs, html, texts};
use broadsheet::domain::user::Role;

backend_tests!(
    comment_feeds_carry_only_what_readers_see,
    member_pages_list_visible_comments_newest_first_in_pages,
    banned_and_unknown_members,
);

async fn ok(r: reqwest::Response, what: &str) {
    let status = r.status();
    assert_eq!(status, 303, "{what}: {}", r.text().await.unwrap());
}

async fn parse_atom(app: &TestApp, path: &str) -> (feed_rs::model::Feed, String) {
    let r = app.get(path).await;
    assert_eq!(r.status(), 200, "{path}");
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/atom+xml"),
        "{path}"
    );
    assert_eq!(r.headers()["cache-control"], "public, max-age=300");
    let body = r.text().await.unwrap();
    // Well-formed XML in the Atom namespace, and a feed a reader accepts.
    let doc = roxmltree::Document::parse(&body).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert_eq!(
        doc.root_element().tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    let feed = feed_rs::parser::parse(body.as_bytes())
        .unwrap_or_else(|e| panic!("{path} does not parse: {e}"));
    (feed, body)
}

fn entry_texts(feed: &feed_rs::model::Feed) -> Vec<String> {
    feed.entries
        .iter()
        .map(|e| {
            e.content
                .as_ref()
                .and_then(|c| c.body.clone())
                .unwrap_or_default()
        })
        .collect()
}

/// A premoderated article ("held") beside an open one ("open"); Ada's comments in each state.
async fn conversation(app: &TestApp) -> (Member, Member, Vec<i64>) {
    app.publish(&[article("open", "Science", 30), article("held", "World", 20)])
        .await;
    let editor = app.member("Edna").await;
    editor.promote(app, Role::Editor).await;
    let moderator = app.member("Mo").await;
    moderator.promote(app, Role::Moderator).await;
    ok(
        editor
            .post(
                "/admin/moderation/policies",
                &[
                    ("scope", "article"),
                    ("target", "held"),
                    ("mode", "premoderated"),
                    ("first", ""),
                    ("auto_close_days", ""),
                ],
            )
            .await,
        "premoderating",
    )
    .await;
    let ada = app.member("Ada").await;
    let bob = app.member("Bob").await;
    let mut visible = Vec::new();
    visible.push(ada.comment("open", None, "First visible remark.").await);
    app.clock.advance(chrono::Duration::minutes(1));
    let root = visible[0];
    visible.push(
        bob.comment("open", Some(root), "Bob's visible reply.")
            .await,
    );
    app.clock.advance(chrono::Duration::minutes(1));
    let rejected = ada.comment("open", None, "A remark to be rejected.").await;
    let one = format!("reject:{rejected}");
    let reason = format!("reason-{rejected}");
    ok(
        moderator
            .post(
                "/admin/moderation/decide",
                &[("one", one.as_str()), (reason.as_str(), "spam")],
            )
            .await,
        "rejecting",
    )
    .await;
    let deleted = ada.comment("open", None, "A remark to be deleted.").await;
    ok(
        ada.post(&format!("/comments/{deleted}/delete"), &[]).await,
        "deleting",
    )
    .await;
    let _held = ada.comment("held", None, "A remark still held.").await;
    app.clock.advance(chrono::Duration::minutes(1));
    visible.push(ada.comment("open", None, "Latest visible remark.").await);
    (ada, bob, visible)
}

async fn comment_feeds_carry_only_what_readers_see(app: TestApp) {
    let (ada, _bob, visible) = conversation(&app).await;

    // The article page advertises its comment feed.
    let page = html(&app.page("/articles/open", 200).await);
    assert!(
        attrs(
            &page,
            "link[rel=alternate][type='application/atom+xml']",
            "href"
        )
        .contains(&"/articles/open/comments.atom".to_owned())
    );
    // Commenters' names lead to their member pages.
    let link = attrs(
        &page,
        &format!("#comment-{} a.comment-author", visible[0]),
        "href",
    );
    let ada_page = link.first().expect("a link to Ada's page").clone();
    assert!(ada_page.starts_with("/members/"), "{ada_page}");

    let (feed, body) = parse_atom(&app, "/articles/open/comments.atom").await;
    // Newest first, each with its text.
    let bodies = entry_texts(&feed);
    assert_eq!(bodies.len(), 3, "{body}");
    for (got, want) in bodies.iter().zip([
        "Latest visible remark.",
        "visible reply",
        "First visible remark.",
    ]) {
        assert!(got.contains(want), "{want} in {got}");
    }
    assert_eq!(feed.entries.len(), 3);
    for bad in ["rejected", "deleted", "still held"] {
        assert!(!body.contains(bad), "{bad} in the feed:\n{body}");
    }
    let newest = &feed.entries[0];
    assert_eq!(newest.authors[0].name, "Ada");
    assert!(newest.published.is_some());
    assert!(
        newest.links[0]
            .href
            .ends_with(&format!("/articles/open#comment-{}", visible[2])),
        "{:?}",
        newest.links
    );
    // The premoderated article's feed is empty while its comment waits; its author's feed
    // skips it too.
    let (held, body) = parse_atom(&app, "/articles/held/comments.atom").await;
    assert!(held.entries.is_empty(), "{body}");
    let (mine, body) = parse_atom(&app, &format!("{ada_page}/comments.atom")).await;
    assert_eq!(mine.entries.len(), 2, "{body}");
    for bad in ["rejected", "deleted", "still held", "visible reply"] {
        assert!(!body.contains(bad), "{bad} in Ada's feed:\n{body}");
    }
    // The same caching as the site's feeds: a reader with the current copy gets 304.
    let r = app.get("/articles/open/comments.atom").await;
    let etag = r.headers()["etag"].to_str().unwrap().to_owned();
    let again = app
        .client
        .get(app.url("/articles/open/comments.atom"))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    // A new comment changes it.
    ada.comment("open", None, "One more.").await;
    let changed = app
        .client
        .get(app.url("/articles/open/comments.atom"))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), 200);
    assert_eq!(
        app.get("/articles/nowhere/comments.atom").await.status(),
        404
    );
}

async fn member_pages_list_visible_comments_newest_first_in_pages(app: TestApp) {
    let (ada, _bob, _) = conversation(&app).await;
    let page = app.page("/articles/open", 200).await;
    let ada_page = attrs(&html(&page), "a.comment-author", "href")
        .into_iter()
        .find(|h| h.starts_with("/members/"))
        .unwrap();
    // Enough comments for a second page (20 a page).
    for i in 0..20 {
        app.clock.advance(chrono::Duration::seconds(10));
        ada.comment("open", None, &format!("Numbered remark {i}."))
            .await;
    }
    let doc = html(&app.page(&ada_page, 200).await);
    assert_eq!(texts(&doc, "#member-name"), vec!["Ada"]);
    assert!(texts(&doc, ".standfirst")[0].starts_with("Member since"));
    let first: Vec<String> = texts(&doc, ".member-comment .comment-body");
    assert_eq!(first.len(), 20);
    assert_eq!(first[0], "Numbered remark 19.");
    assert_eq!(first[19], "Numbered remark 0.");
    assert!(
        attrs(&doc, "link[rel=alternate]", "href").contains(&format!("{ada_page}/comments.atom"))
    );
    let older = attrs(&doc, "a[rel=next]", "href").remove(0);
    let doc = html(&app.page(&older, 200).await);
    let second = texts(&doc, ".member-comment .comment-body");
    assert_eq!(
        second,
        vec!["Latest visible remark.", "First visible remark."]
    );
    assert!(attrs(&doc, "a[rel=next]", "href").is_empty());
    let body = app.page(&older, 200).await;
    for bad in ["rejected", "deleted", "still held"] {
        assert!(!body.contains(bad), "{bad} on the member page");
    }
    // Each comment links to its place in the conversation.
    assert!(
        attrs(&doc, ".member-comment a.permalink", "href")[0]
            .starts_with("/articles/open#comment-")
    );
    // A mangled cursor is a clear 400, not an empty page.
    let r = app.get(&format!("{ada_page}?before=yesterday")).await;
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("Older comments"));
}

async fn banned_and_unknown_members(app: TestApp) {
    let (_ada, bob, _) = conversation(&app).await;
    let page = app.page("/articles/open", 200).await;
    let doc = html(&page);
    let bob_page = attrs(&doc, "a.comment-author", "href")
        .into_iter()
        .zip(texts(&doc, "a.comment-author"))
        .find(|(_, name)| name == "Bob")
        .unwrap()
        .0;
    let bob_id: i64 = bob_page.trim_start_matches("/members/").parse().unwrap();
    let moderator = Member::sign_in(&app, "mo@example.org", common::PASSWORD).await;
    ok(
        moderator
            .post(
                &format!("/admin/users/{bob_id}/ban"),
                &[("length", "7"), ("reason", "Rudeness")],
            )
            .await,
        "banning",
    )
    .await;
    drop(bob);
    let doc = html(&app.page(&bob_page, 200).await);
    assert_eq!(texts(&doc, "#member-name"), vec!["Bob"]);
    assert_eq!(texts(&doc, ".member-comment .comment-body").len(), 1);
    assert!(texts(&doc, ".member-comment .comment-body")[0].contains("visible reply"));
    let (feed, _) = parse_atom(&app, &format!("{bob_page}/comments.atom")).await;
    assert_eq!(feed.entries.len(), 1);

    for path in [
        "/members/999999",
        "/members/0",
        "/members/bob",
        "/members/999999/comments.atom",
    ] {
        let body = app.page(path, 404).await;
        assert!(body.contains("<html"), "a real 404 page for {path}");
    }
}
