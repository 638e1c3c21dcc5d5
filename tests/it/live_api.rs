//! Live coverage written through the API, on SQLite and PostgreSQL: an editor's `publish` token
//! opens and ends coverage and publishes, edits and deletes updates, with the desk's effects
//! (revisions, live events, fresh signed-out pages, webhooks); every other caller is refused
//! as problem+json.

use std::time::Duration;

use crate::common::{Member, TestApp, article, attrs, html};
use crate::conversation::next_event;
use broadsheet::domain::live::LiveUpdateId;
use broadsheet::domain::user::Role;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE};
use serde_json::{Value, json};

backend_tests!(
    an_editors_token_writes_live_coverage_as_the_desk_does,
    live_writes_need_the_publish_scope_and_a_live_update_of_the_article,
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
    r.json().await.unwrap()
}

/// A JSON request with `token`.
async fn call(
    app: &TestApp,
    method: reqwest::Method,
    token: &str,
    path: &str,
    body: Option<Value>,
) -> reqwest::Response {
    let mut req = reqwest::Client::new()
        .request(method, app.url(path))
        .header(AUTHORIZATION, bearer(token));
    if let Some(b) = body {
        req = req.json(&b);
    }
    req.send().await.unwrap()
}

async fn editor_with_token(app: &TestApp) -> (Member, String) {
    let eve = app.member("Eve").await;
    eve.promote(app, Role::Editor).await;
    let token = eve.create_token("wire desk", &["read", "publish"]).await;
    (eve, token)
}

async fn an_editors_token_writes_live_coverage_as_the_desk_does(app: TestApp) {
    use reqwest::Method;
    app.publish(&[article("story", "Science", 5)]).await;
    let (_, token) = editor_with_token(&app).await;
    let admin = app.member("Ada").await;
    admin.promote(&app, Role::Admin).await;
    let r = admin
        .post(
            "/admin/webhooks",
            &[
                ("url", "http://127.0.0.1:9/hook"),
                ("live_update_published", "on"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);

    // No updates before coverage opens; opening twice is refused.
    let r = call(
        &app,
        Method::POST,
        &token,
        "/api/v1/articles/story/updates",
        Some(json!({ "body": "Too early" })),
    )
    .await;
    let p = problem(r, 422).await;
    assert!(
        p["detail"].as_str().unwrap().contains("open it first"),
        "{p}"
    );
    let coverage = "/api/v1/articles/story/coverage";
    let r = call(
        &app,
        Method::POST,
        &token,
        coverage,
        Some(json!({ "action": "open" })),
    )
    .await;
    assert_eq!(r.status(), 200);
    let opened: Value = r.json().await.unwrap();
    assert_eq!(opened["coverage"], "live");
    assert!(opened["coverage_start"].is_string());
    let r = call(
        &app,
        Method::POST,
        &token,
        coverage,
        Some(json!({ "action": "open" })),
    )
    .await;
    problem(r, 400).await;

    // A signed-out copy of the page is kept; the update must drop it and reach open streams.
    app.page("/articles/story", 200).await;
    let mut stream = crate::common::client()
        .get(app.url("/articles/story/live"))
        .send()
        .await
        .unwrap();
    let first = tokio::time::timeout(Duration::from_secs(5), stream.chunk())
        .await
        .expect("a first chunk at once")
        .unwrap()
        .unwrap();
    assert_eq!(&first[..], b": live\n\n");
    let within = Duration::from_secs(5);

    let r = call(
        &app,
        Method::POST,
        &token,
        "/api/v1/articles/story/updates",
        Some(json!({ "body": "Ferry **halted**.", "key_event": true })),
    )
    .await;
    assert_eq!(r.status(), 201);
    let location = r.headers()["location"].to_str().unwrap().to_owned();
    let made: Value = r.json().await.unwrap();
    let id = made["id"].as_i64().unwrap();
    assert_eq!(location, format!("/api/v1/articles/story/updates/{id}"));
    assert_eq!(made["author"], "Eve");
    assert_eq!(made["key_event"], true);
    assert_eq!(made["revision"], 1);
    assert!(made["edited_at"].is_null());
    assert!(
        made["body_html"]
            .as_str()
            .unwrap()
            .contains("<strong>halted</strong>")
    );
    assert_eq!(
        next_event(&mut stream, "update", within).await,
        Some(format!("{id} published"))
    );
    let page = app.page("/articles/story", 200).await;
    assert!(
        page.contains("Ferry <strong>halted</strong>."),
        "the copy was dropped"
    );
    assert_eq!(
        attrs(&html(&page), ".key-events a", "href"),
        [format!("#update-{id}")]
    );
    let got: Value = app.get(&location).await.json().await.unwrap();
    assert_eq!(got["id"], id);

    // An edit marks it "Updated"; one made from an older revision is refused.
    app.clock.advance(chrono::Duration::minutes(2));
    let r = call(
        &app,
        Method::PATCH,
        &token,
        &location,
        Some(json!({ "body": "Ferry halted until noon.", "revision": 1 })),
    )
    .await;
    assert_eq!(r.status(), 200);
    let edited: Value = r.json().await.unwrap();
    assert_eq!(edited["revision"], 2);
    assert_eq!(edited["key_event"], true, "fields left out are kept");
    assert!(edited["edited_at"].is_string());
    assert_eq!(
        next_event(&mut stream, "update", within).await,
        Some(format!("{id} edited"))
    );
    let page = app.page("/articles/story", 200).await;
    assert!(page.contains("Ferry halted until noon."));
    assert!(page.contains("Updated <time"));
    let r = call(
        &app,
        Method::PATCH,
        &token,
        &location,
        Some(json!({ "body": "Lost edit", "revision": 1 })),
    )
    .await;
    problem(r, 409).await;
    // Bad input says what to change, as the desk does.
    let r = call(
        &app,
        Method::PATCH,
        &token,
        &location,
        Some(json!({ "image_url": "javascript:alert(1)", "image_alt": "x" })),
    )
    .await;
    let p = problem(r, 422).await;
    assert!(
        p["detail"].as_str().unwrap().contains("image address"),
        "{p}"
    );
    let r = call(
        &app,
        Method::PATCH,
        &token,
        &location,
        Some(json!({ "body": " " })),
    )
    .await;
    problem(r, 422).await;

    // A deletion takes it off the page and out of the API; the revisions stay.
    let r = call(&app, Method::DELETE, &token, &location, None).await;
    assert_eq!(r.status(), 204);
    assert_eq!(
        next_event(&mut stream, "update", within).await,
        Some(format!("{id} deleted"))
    );
    problem(app.get(&location).await, 404).await;
    let r = call(&app, Method::DELETE, &token, &location, None).await;
    problem(r, 404).await;
    let page = app.page("/articles/story", 200).await;
    assert!(!page.contains("Ferry halted"));
    let trail: Vec<(String, String)> = app
        .store
        .live_update_revisions(LiveUpdateId(id))
        .await
        .unwrap()
        .into_iter()
        .map(|r| {
            (
                r.action.as_str().to_owned(),
                r.saved_by_name.unwrap_or_default(),
            )
        })
        .collect();
    let by_eve = |a: &str| (a.to_owned(), "Eve".to_owned());
    assert_eq!(
        trail,
        [by_eve("published"), by_eve("edited"), by_eve("deleted")]
    );
    // Its publication was announced to webhooks once (not its edit or deletion).
    let queued = app.store.recent_deliveries(None, 10).await.unwrap();
    let events: Vec<&str> = queued.iter().map(|d| d.event.as_str()).collect();
    assert_eq!(events, ["live.update.published"]);

    // Ending the coverage keeps the record and takes no more updates.
    let r = call(
        &app,
        Method::POST,
        &token,
        coverage,
        Some(json!({ "action": "end" })),
    )
    .await;
    assert_eq!(r.status(), 200);
    let ended: Value = r.json().await.unwrap();
    assert_eq!(ended["coverage"], "ended");
    assert!(ended["coverage_end"].is_string());
    let r = call(
        &app,
        Method::POST,
        &token,
        "/api/v1/articles/story/updates",
        Some(json!({ "body": "Late" })),
    )
    .await;
    problem(r, 422).await;
    assert!(
        app.page("/articles/story", 200)
            .await
            .contains("Coverage has ended")
    );
}

async fn live_writes_need_the_publish_scope_and_a_live_update_of_the_article(app: TestApp) {
    use reqwest::Method;
    app.publish(&[
        article("story", "Science", 5),
        article("other", "Science", 6),
    ])
    .await;
    let (eve, token) = editor_with_token(&app).await;
    let coverage = |slug: &str| format!("/api/v1/articles/{slug}/coverage");
    for slug in ["story", "other"] {
        let r = call(
            &app,
            Method::POST,
            &token,
            &coverage(slug),
            Some(json!({ "action": "open" })),
        )
        .await;
        assert_eq!(r.status(), 200);
    }
    let r = call(
        &app,
        Method::POST,
        &token,
        "/api/v1/articles/story/updates",
        Some(json!({ "body": "On the record." })),
    )
    .await;
    assert_eq!(r.status(), 201);
    let id = r.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let one = format!("/api/v1/articles/story/updates/{id}");
    let new = json!({ "body": "Should not appear." });

    // Without a token: 401 with the way in.
    let r = reqwest::Client::new()
        .post(app.url("/api/v1/articles/story/updates"))
        .json(&new)
        .send()
        .await
        .unwrap();
    assert!(
        r.headers()["www-authenticate"]
            .to_str()
            .unwrap()
            .starts_with("Bearer")
    );
    let p = problem(r, 401).await;
    assert!(p["detail"].as_str().unwrap().contains("`publish` scope"));
    // A member's comment token, an editor's read-only token: 403 naming the scope.
    let member = app.member("Max").await;
    let comment_token = member.create_token("m", &["comment"]).await;
    let read_token = eve.create_token("r", &["read"]).await;
    for t in [&comment_token, &read_token] {
        for (method, path, body) in [
            (
                Method::POST,
                "/api/v1/articles/story/updates".to_owned(),
                Some(new.clone()),
            ),
            (Method::PATCH, one.clone(), Some(new.clone())),
            (Method::DELETE, one.clone(), None),
            (
                Method::POST,
                coverage("story"),
                Some(json!({ "action": "end" })),
            ),
        ] {
            let p = problem(call(&app, method.clone(), t, &path, body).await, 403).await;
            assert!(
                p["detail"].as_str().unwrap().contains("`publish` scope"),
                "{method} {path}"
            );
        }
    }
    // A contributor's session (with the page's CSRF token) holds no `publish` scope: they draft
    // on the desk instead; an editor's session needs the CSRF header.
    let cora = app.member("Cora").await;
    cora.promote(&app, Role::Contributor).await;
    let r = cora
        .client
        .post(app.url("/api/v1/articles/story/updates"))
        .header("x-csrf-token", &cora.csrf)
        .json(&new)
        .send()
        .await
        .unwrap();
    problem(r, 403).await;
    let r = eve
        .client
        .post(app.url("/api/v1/articles/story/updates"))
        .json(&new)
        .send()
        .await
        .unwrap();
    let p = problem(r, 403).await;
    assert!(p["detail"].as_str().unwrap().contains("X-CSRF-Token"));
    let r = eve
        .client
        .post(app.url("/api/v1/articles/story/updates"))
        .header("x-csrf-token", &eve.csrf)
        .json(&json!({ "body": "From the editor page." }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);

    // An update is addressed under its own article only, and drafts are not the API's.
    let elsewhere = format!("/api/v1/articles/other/updates/{id}");
    problem(
        call(&app, Method::PATCH, &token, &elsewhere, Some(new.clone())).await,
        404,
    )
    .await;
    problem(
        call(&app, Method::DELETE, &token, &elsewhere, None).await,
        404,
    )
    .await;
    let article_id = app
        .store
        .published_article("story", app.clock.now())
        .await
        .unwrap()
        .unwrap()
        .card
        .id;
    let r = cora
        .post(
            &format!("/admin/articles/{article_id}/live/updates"),
            &[("body", "A contributor's draft."), ("action", "draft")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let draft = app.store.desk_updates(article_id, 1).await.unwrap()[0].id;
    let draft_path = format!("/api/v1/articles/story/updates/{draft}");
    problem(
        call(&app, Method::DELETE, &token, &draft_path, None).await,
        404,
    )
    .await;
    problem(app.get(&draft_path).await, 404).await;
    problem(
        call(
            &app,
            Method::POST,
            &token,
            "/api/v1/articles/no-such/updates",
            Some(new.clone()),
        )
        .await,
        404,
    )
    .await;
    let p = problem(
        call(
            &app,
            Method::POST,
            &token,
            &coverage("story"),
            Some(json!({ "action": "pause" })),
        )
        .await,
        422,
    )
    .await;
    assert!(p["detail"].as_str().unwrap().contains("`open` or `end`"));

    // A demoted editor's token stops writing at once.
    eve.promote(&app, Role::Member).await;
    let p = problem(call(&app, Method::DELETE, &token, &one, None).await, 403).await;
    assert!(p["detail"].as_str().unwrap().contains("`publish` scope"));
    // Nothing refused reached readers.
    let page: Value = app
        .get("/api/v1/articles/story/updates")
        .await
        .json()
        .await
        .unwrap();
    let bodies: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["body_html"].as_str().unwrap().trim())
        .collect();
    assert_eq!(
        bodies,
        ["<p>From the editor page.</p>", "<p>On the record.</p>"]
    );
}
