//! The API's write side over real HTTP, on SQLite and PostgreSQL: API tokens (created in
//! settings, scoped, revocable, checked against the holder's role), comments posted, edited and
//! deleted with a token or with the session plus the CSRF header, publishing articles, and every
//! refusal as problem+json.

use crate::common::{Member, TestApp, article, attrs, html, texts};
use broadsheet::domain::user::Role;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE};
use serde_json::{Value, json};

backend_tests!(
    a_token_posts_edits_and_deletes_its_holders_comments,
    tokens_are_scoped_listed_and_revocable,
    session_calls_that_write_need_the_csrf_header,
    comment_refusals_say_what_to_change,
    editors_publish_articles_with_a_publish_token,
);

fn bearer(token: &str) -> String {
    format!("Bearer {token}")
}

async fn problem(r: reqwest::Response, status: u16) -> Value {
    assert_eq!(r.status(), status);
    assert_eq!(
        r.headers()[CONTENT_TYPE].to_str().unwrap(),
        "application/problem+json"
    );
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["status"], status);
    body
}

async fn a_token_posts_edits_and_deletes_its_holders_comments(app: TestApp) {
    app.publish(&[article("harbour", "Science", 5)]).await;
    let ada = app.member("Ada").await;
    let token = ada.create_token("my script", &["read", "comment"]).await;
    assert!(token.starts_with("bst_"));

    let http = reqwest::Client::new();
    let r = http
        .post(app.url("/api/v1/articles/harbour/comments"))
        .header(AUTHORIZATION, bearer(&token))
        .json(&json!({ "body": "Posted by a **script**." }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let location = r.headers()["location"].to_str().unwrap().to_owned();
    let created: Value = r.json().await.unwrap();
    let id = created["id"].as_i64().unwrap();
    assert_eq!(location, format!("/api/v1/comments/{id}"));
    assert_eq!(created["author"], "Ada");
    assert!(
        created["body_html"]
            .as_str()
            .unwrap()
            .contains("<strong>script</strong>")
    );

    // Readers see it on the page, and the API reads it back.
    let page = app.page("/articles/harbour", 200).await;
    assert!(page.contains("Posted by a <strong>script</strong>."));
    let got: Value = app.get(&location).await.json().await.unwrap();
    assert_eq!(got["id"], id);

    // A reply through the API lands under its parent.
    let r = http
        .post(app.url("/api/v1/articles/harbour/comments"))
        .header(AUTHORIZATION, bearer(&token))
        .json(&json!({ "body": "And a reply.", "parent_id": id }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let reply: Value = r.json().await.unwrap();
    assert_eq!(reply["parent_id"], id);

    let r = http
        .patch(app.url(&location))
        .header(AUTHORIZATION, bearer(&token))
        .json(&json!({ "body": "Edited by the script." }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let edited: Value = r.json().await.unwrap();
    assert!(edited["edited_at"].is_string());
    assert!(
        edited["body_html"]
            .as_str()
            .unwrap()
            .contains("Edited by the script.")
    );

    // Another member's token cannot touch it.
    let bea = app.member("Bea").await;
    let other = bea.create_token("bea's", &["comment"]).await;
    let r = http
        .delete(app.url(&location))
        .header(AUTHORIZATION, bearer(&other))
        .send()
        .await
        .unwrap();
    let p = problem(r, 403).await;
    assert!(p["detail"].as_str().unwrap().contains("Only the author"));

    let r = http
        .delete(app.url(&location))
        .header(AUTHORIZATION, bearer(&token))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    problem(app.get(&location).await, 404).await;
    // The reply keeps its place under a tombstone.
    let thread: Value = app
        .get("/api/v1/articles/harbour/comments")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(thread["items"][0]["status"], "deleted");
    assert_eq!(thread["items"][1]["id"], reply["id"]);
    assert_eq!(thread["items"][1]["status"], "visible");
}

async fn tokens_are_scoped_listed_and_revocable(app: TestApp) {
    app.publish(&[article("harbour", "Science", 5)]).await;
    let ada = app.member("Ada").await;
    let read_only = ada.create_token("reader", &["read"]).await;
    let http = reqwest::Client::new();
    let post = |token: Option<String>| {
        let mut req = http
            .post(app.url("/api/v1/articles/harbour/comments"))
            .json(&json!({ "body": "Hello" }));
        if let Some(t) = token {
            req = req.header(AUTHORIZATION, t);
        }
        req.send()
    };

    let r = post(Some(bearer(&read_only))).await.unwrap();
    let p = problem(r, 403).await;
    assert!(p["detail"].as_str().unwrap().contains("`comment` scope"));

    let r = post(None).await.unwrap();
    assert_eq!(
        r.headers()["www-authenticate"].to_str().unwrap(),
        "Bearer realm=\"broadsheet\""
    );
    problem(r, 401).await;
    let r = post(Some("Bearer bst_not-a-real-token".into()))
        .await
        .unwrap();
    let p = problem(r, 401).await;
    assert!(p["detail"].as_str().unwrap().contains("not valid"));
    let r = post(Some("Basic YWRhOnB3".into())).await.unwrap();
    problem(r, 401).await;

    // Members cannot give themselves the publish scope; the form keeps what they typed.
    let r = ada
        .post(
            "/settings/tokens",
            &[("name", "sneaky"), ("scope_publish", "on")],
        )
        .await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(
        body.contains("does not allow the `publish` scope"),
        "{body}"
    );
    assert_eq!(attrs(&html(&body), "#token_name", "value"), vec!["sneaky"]);
    let r = ada.post("/settings/tokens", &[("name", "  ")]).await;
    assert_eq!(r.status(), 422);

    // The list shows each token by name and prefix, never the secret.
    let writer = ada.create_token("writer", &["comment"]).await;
    let page = ada.page("/settings/tokens").await;
    assert!(!page.contains(&writer) && !page.contains(&read_only));
    assert!(page.contains(&writer[..10]));
    let names = texts(&html(&page), "table.tokens tbody td:first-child");
    assert!(names[0].starts_with("writer") && names[1].starts_with("reader"));
    // Each use is noted: the new token has never been used, the refused reader has.
    assert_eq!(page.matches("<td>never</td>").count(), 1, "{page}");
    assert_eq!(post(Some(bearer(&writer))).await.unwrap().status(), 201);
    let page = ada.page("/settings/tokens").await;
    assert_eq!(page.matches("<td>never</td>").count(), 0, "{page}");

    // Revoked: refused at once.
    let ids = attrs(&html(&page), "table.tokens form", "action");
    let r = ada.post(&ids[0], &[]).await;
    assert_eq!(r.status(), 303);
    let r = post(Some(bearer(&writer))).await.unwrap();
    problem(r, 401).await;
    let page = ada.page("/settings/tokens").await;
    assert!(page.contains("revoked"));
    // Another member cannot revoke someone else's token: the reader token still answers.
    let bea = app.member("Bea").await;
    let r = bea.post(&ids[1], &[]).await;
    assert_eq!(r.status(), 404);
    problem(post(Some(bearer(&read_only))).await.unwrap(), 403).await;
    // Signed out, the tokens page asks to sign in.
    let r = app.get("/settings/tokens").await;
    assert_eq!(r.status(), 303);
}

async fn session_calls_that_write_need_the_csrf_header(app: TestApp) {
    app.publish(&[article("harbour", "Science", 5)]).await;
    let ada: Member = app.member("Ada").await;
    let url = app.url("/api/v1/articles/harbour/comments");
    let r = ada
        .client
        .post(&url)
        .json(&json!({ "body": "From the page's script" }))
        .send()
        .await
        .unwrap();
    let p = problem(r, 403).await;
    assert!(p["detail"].as_str().unwrap().contains("X-CSRF-Token"));
    let r = ada
        .client
        .post(&url)
        .header("x-csrf-token", &ada.csrf)
        .json(&json!({ "body": "From the page's script" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    // A cross-site browser request is refused before anything else.
    let r = ada
        .client
        .post(&url)
        .header("x-csrf-token", &ada.csrf)
        .header("origin", "https://evil.example")
        .json(&json!({ "body": "Forged" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let thread: Value = app
        .get("/api/v1/articles/harbour/comments")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(thread["items"].as_array().unwrap().len(), 1);
}

async fn comment_refusals_say_what_to_change(app: TestApp) {
    app.publish(&[
        article("harbour", "Science", 5),
        article("other", "Science", 6),
    ])
    .await;
    let ada = app.member("Ada").await;
    let token = ada.create_token("t", &["comment"]).await;
    let http = reqwest::Client::new();
    let post = |slug: &str, body: Value| {
        http.post(app.url(&format!("/api/v1/articles/{slug}/comments")))
            .header(AUTHORIZATION, bearer(&token))
            .json(&body)
            .send()
    };
    let p = problem(
        post("harbour", json!({ "body": "   " })).await.unwrap(),
        422,
    )
    .await;
    assert!(p["detail"].as_str().unwrap().contains("empty"));
    let long = "x".repeat(5001);
    let p = problem(post("harbour", json!({ "body": long })).await.unwrap(), 422).await;
    assert!(p["detail"].as_str().unwrap().contains("5000"));
    let r = post("other", json!({ "body": "Elsewhere" })).await.unwrap();
    let elsewhere: Value = r.json().await.unwrap();
    let p = problem(
        post(
            "harbour",
            json!({ "body": "Reply", "parent_id": elsewhere["id"] }),
        )
        .await
        .unwrap(),
        422,
    )
    .await;
    assert!(p["detail"].as_str().unwrap().contains("another article"));
    problem(
        post("no-such-story", json!({ "body": "Hi" }))
            .await
            .unwrap(),
        404,
    )
    .await;
    let r = http
        .post(app.url("/api/v1/articles/harbour/comments"))
        .header(AUTHORIZATION, bearer(&token))
        .header(CONTENT_TYPE, "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert!(r.status() == 400 || r.status() == 422, "{}", r.status());

    // Editing after the window is a conflict that says why.
    let mine = elsewhere["id"].as_i64().unwrap();
    app.clock.advance(chrono::Duration::minutes(16));
    let r = http
        .patch(app.url(&format!("/api/v1/comments/{mine}")))
        .header(AUTHORIZATION, bearer(&token))
        .json(&json!({ "body": "Too late" }))
        .send()
        .await
        .unwrap();
    let p = problem(r, 409).await;
    assert!(p["detail"].as_str().unwrap().contains("15 minutes"));
}

async fn editors_publish_articles_with_a_publish_token(app: TestApp) {
    let eve = app.member("Eve").await;
    eve.promote(&app, Role::Editor).await;
    let token = eve.create_token("cms", &["read", "publish"]).await;
    let source = "---\ntitle: \"Tide tables rewritten\"\nsection: Science\nauthor: Eve Editor\npublished_at: 2026-06-01T10:00:00Z\ntags: [oceans]\n---\nThe new tables arrive.\n";
    let http = reqwest::Client::new();
    let publish = |token: &str, source: &str| {
        http.post(app.url("/api/v1/articles"))
            .header(AUTHORIZATION, bearer(token))
            .json(&json!({ "source": source }))
            .send()
    };
    let r = publish(&token, source).await.unwrap();
    assert_eq!(r.status(), 201);
    let made: Value = r.json().await.unwrap();
    assert_eq!(made["slug"], "tide-tables-rewritten");
    assert_eq!(made["status"], "published");
    let a: Value = app
        .get("/api/v1/articles/tide-tables-rewritten")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(a["title"], "Tide tables rewritten");
    assert_eq!(a["tags"][0]["slug"], "oceans");

    let p = problem(publish(&token, source).await.unwrap(), 409).await;
    assert!(p["detail"].as_str().unwrap().contains("already exists"));
    let p = problem(
        publish(&token, "---\ntitle: x\n---\nbody").await.unwrap(),
        422,
    )
    .await;
    assert!(p["detail"].as_str().unwrap().contains("line"));

    // Scheduled articles are accepted but not shown before their time.
    let later = source
        .replace("Tide tables rewritten", "Tomorrow's tides")
        .replace("2026-06-01T10:00:00Z", "2026-06-02T10:00:00Z");
    let made: Value = publish(&token, &later).await.unwrap().json().await.unwrap();
    assert_eq!(made["status"], "scheduled");
    app.page("/articles/tomorrows-tides", 404).await;

    // A new version of the file replaces the article: same address, comments kept, search and
    // tags follow the new text.
    let reader = app.member("Rita").await;
    let comment = reader
        .comment("tide-tables-rewritten", None, "Useful tables")
        .await;
    let v2 = source
        .replace(
            "The new tables arrive.",
            "Corrected tables, with lunar offsets.",
        )
        .replace("tags: [oceans]", "tags: [moon]")
        .replace(
            "title: \"Tide tables rewritten\"",
            "title: \"Tide tables rewritten\"\nsummary: Corrected.",
        );
    let r = http
        .put(app.url("/api/v1/articles/tide-tables-rewritten"))
        .header(AUTHORIZATION, bearer(&token))
        .json(&json!({ "source": v2 }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    let a: Value = app
        .get("/api/v1/articles/tide-tables-rewritten")
        .await
        .json()
        .await
        .unwrap();
    assert!(a["body_html"].as_str().unwrap().contains("lunar offsets"));
    assert_eq!(a["tags"][0]["slug"], "moon");
    assert_eq!(a["tags"].as_array().unwrap().len(), 1);
    assert_eq!(a["comment_count"], 1);
    assert!(a["updated_at"].is_string(), "an update shows as updated");
    let page = app.page("/articles/tide-tables-rewritten", 200).await;
    assert!(page.contains("lunar offsets") && page.contains(&format!("comment-{comment}")));
    let found: Value = app
        .get("/api/v1/search?q=lunar")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        found["items"][0]["article"]["slug"], "tide-tables-rewritten",
        "{found}"
    );
    let gone: Value = app
        .get("/api/v1/search?q=arrive")
        .await
        .json()
        .await
        .unwrap();
    assert!(gone["items"].as_array().unwrap().is_empty(), "{gone}");
    // Another address, or a file naming another slug, is refused.
    let r = http
        .put(app.url("/api/v1/articles/no-such-article"))
        .header(AUTHORIZATION, bearer(&token))
        .json(&json!({ "source": v2.replace("Tide tables rewritten", "No such article") }))
        .send()
        .await
        .unwrap();
    problem(r, 404).await;
    let r = http
        .put(app.url("/api/v1/articles/tide-tables-rewritten"))
        .header(AUTHORIZATION, bearer(&token))
        .json(&json!({ "source": v2.replace("Tide tables rewritten", "A new headline") }))
        .send()
        .await
        .unwrap();
    let p = problem(r, 422).await;
    assert!(
        p["detail"]
            .as_str()
            .unwrap()
            .contains("slug: tide-tables-rewritten"),
        "{p}"
    );

    // A member's comment token cannot publish, and a demoted editor's token stops publishing.
    let max = app.member("Max").await;
    let member_token = max.create_token("m", &["comment"]).await;
    problem(publish(&member_token, source).await.unwrap(), 403).await;
    eve.promote(&app, Role::Member).await;
    let third = source.replace("Tide tables rewritten", "Third tide story");
    let p = problem(publish(&token, &third).await.unwrap(), 403).await;
    assert!(p["detail"].as_str().unwrap().contains("`publish` scope"));
}
