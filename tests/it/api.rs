//! The JSON API over real HTTP, on SQLite and PostgreSQL: listing with filters and cursors,
//! one article, sections, tags, authors, comment threads, search, problem+json errors, and the
//! OpenAPI document describing exactly the routes that exist.

use crate::common::{TestApp, article};
use serde_json::Value;

backend_tests!(
    articles_page_through_with_cursors_and_filters,
    one_article_and_the_named_things,
    comment_threads_come_with_their_replies,
    search_is_available_as_json,
    errors_are_problem_details,
    the_openapi_document_describes_the_routes,
);

async fn json(app: &TestApp, path: &str, status: u16) -> Value {
    let r = app.get(path).await;
    assert_eq!(r.status(), status, "{path}");
    let ct = r.headers()["content-type"].to_str().unwrap().to_owned();
    let expected = if status < 400 {
        "application/json"
    } else {
        "application/problem+json"
    };
    assert_eq!(ct, expected, "{path}");
    r.json().await.unwrap()
}

async fn articles_page_through_with_cursors_and_filters(app: TestApp) {
    let mut many: Vec<_> = (0..7)
        .map(|i| article(&format!("a-{i}"), "Science", 10 + i))
        .collect();
    many[3].tags = vec!["oceans".into()];
    many[5].authors = vec!["Lena Park".into()];
    many.push(article("biz", "Business", 1));
    let mut future = article("later", "Science", -10);
    future.title = "Not yet".into();
    many.push(future);
    app.publish(&many).await;
    let mut seen = Vec::new();
    let mut path = "/api/v1/articles?section=science&limit=3".to_owned();
    loop {
        let page = json(&app, &path, 200).await;
        for item in page["items"].as_array().unwrap() {
            assert_eq!(item["section"]["slug"], "science");
            seen.push(item["slug"].as_str().unwrap().to_owned());
        }
        match page["next_cursor"].as_str() {
            Some(c) => path = format!("/api/v1/articles?section=science&limit=3&cursor={c}"),
            None => break,
        }
    }
    assert_eq!(
        seen,
        (0..7).map(|i| format!("a-{i}")).collect::<Vec<_>>(),
        "newest first, each once, none scheduled"
    );
    let all = json(&app, "/api/v1/articles", 200).await;
    assert_eq!(all["items"][0]["slug"], "biz");
    assert_eq!(
        all["items"][0]["url"],
        format!("http://{}/articles/biz", app.addr)
    );
    assert_eq!(all["items"][0]["published_at"], "2026-06-01T11:59:00Z");
    assert!(all["next_cursor"].is_null());
    let tagged = json(&app, "/api/v1/articles?tag=oceans", 200).await;
    assert_eq!(tagged["items"].as_array().unwrap().len(), 1);
    assert_eq!(tagged["items"][0]["slug"], "a-3");
    let by = json(&app, "/api/v1/articles?author=lena-park", 200).await;
    assert_eq!(by["items"][0]["slug"], "a-5");
    json(&app, "/api/v1/articles?section=nowhere", 404).await;
}

async fn one_article_and_the_named_things(app: TestApp) {
    let mut a = article("harbour", "International", 5);
    a.tags = vec!["ports".into()];
    a.body_source = "Body with <script>bad()</script> *markup*.".into();
    app.publish(&[a]).await;
    let v = json(&app, "/api/v1/articles/harbour", 200).await;
    assert_eq!(v["title"], "Headline of harbour");
    assert_eq!(v["authors"][0]["name"], "Test Writer");
    assert_eq!(v["tags"][0]["slug"], "ports");
    let body = v["body_html"].as_str().unwrap();
    assert!(
        body.contains("<em>markup</em>") && !body.contains("<script"),
        "{body}"
    );
    assert_eq!(v["comment_count"], 0);
    json(&app, "/api/v1/articles/nope", 404).await;
    let sections = json(&app, "/api/v1/sections", 200).await;
    assert_eq!(sections[0]["slug"], "international");
    assert_eq!(json(&app, "/api/v1/tags/ports", 200).await["name"], "ports");
    assert_eq!(
        json(&app, "/api/v1/authors/test-writer", 200).await["name"],
        "Test Writer"
    );
    json(&app, "/api/v1/authors/nobody", 404).await;
}

async fn comment_threads_come_with_their_replies(app: TestApp) {
    app.publish(&[article("story", "Science", 5)]).await;
    let ada = app.member("Ada").await;
    let bob = app.member("Bob").await;
    let first = ada.comment("story", None, "first *thread*").await;
    app.clock.advance(chrono::Duration::seconds(5));
    let second = bob.comment("story", None, "second thread").await;
    let reply = bob.comment("story", Some(first), "a reply").await;
    let doomed = ada.comment("story", Some(reply), "soon gone").await;
    ada.comment("story", Some(doomed), "keeps the tombstone")
        .await;
    ada.post(&format!("/comments/{doomed}/delete"), &[]).await;
    let v = json(&app, "/api/v1/articles/story/comments", 200).await;
    let ids: Vec<i64> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids.len(), 5);
    assert_eq!(ids[0], first);
    assert_eq!(ids[1], reply, "replies follow their thread");
    assert_eq!(*ids.last().unwrap(), second);
    let tomb = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == doomed)
        .unwrap();
    assert_eq!(tomb["status"], "deleted");
    assert!(tomb["body_html"].is_null());
    assert_eq!(tomb["author"], "[deleted]");
    assert_eq!(v["items"][0]["body_html"], "<p>first <em>thread</em></p>\n");
    let newest = json(&app, "/api/v1/articles/story/comments?sort=newest", 200).await;
    assert_eq!(newest["items"][0]["id"], second);
    json(&app, "/api/v1/articles/story/comments?sort=loudest", 400).await;
}

async fn search_is_available_as_json(app: TestApp) {
    let mut a = article("tides", "Science", 5);
    a.title = "Tidal power arrives".into();
    app.publish(&[a, article("other", "Business", 6)]).await;
    let v = json(&app, "/api/v1/search?q=tidal", 200).await;
    assert_eq!(v["items"].as_array().unwrap().len(), 1);
    assert_eq!(v["items"][0]["article"]["slug"], "tides");
    assert!(v["next_page"].is_null());
    let none = json(&app, "/api/v1/search?q=%22((NEAR%3A*", 200).await;
    assert_eq!(none["items"].as_array().unwrap().len(), 0);
    json(&app, "/api/v1/search?q=tidal&page=0", 400).await;
    json(&app, "/api/v1/search", 400).await;
}

async fn errors_are_problem_details(app: TestApp) {
    for (path, status, detail) in [
        (
            "/api/v1/articles?limit=500",
            400,
            "`limit` must be between 1 and 100",
        ),
        ("/api/v1/articles?limit=abc", 400, "limit: invalid digit"),
        (
            "/api/v1/articles?cursor=yesterday",
            400,
            "`cursor` must be a `next_cursor`",
        ),
        (
            "/api/v1/articles?section=a&tag=b",
            400,
            "one of `section`, `tag` or `author`",
        ),
        (
            "/api/v1/no-such-thing",
            404,
            "There is no page at this address",
        ),
    ] {
        let v = json(&app, path, status).await;
        assert_eq!(v["status"], status, "{path}");
        assert_eq!(v["type"], "about:blank");
        assert!(!v["title"].as_str().unwrap().is_empty());
        assert!(
            v["detail"].as_str().unwrap().contains(detail),
            "{path}: {v}"
        );
    }
}

async fn the_openapi_document_describes_the_routes(app: TestApp) {
    let doc = json(&app, "/api/v1/openapi.json", 200).await;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    let mut paths: Vec<&str> = doc["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    paths.sort();
    assert_eq!(
        paths,
        vec![
            "/api/v1/articles",
            "/api/v1/articles/{slug}",
            "/api/v1/articles/{slug}/comments",
            "/api/v1/articles/{slug}/coverage",
            "/api/v1/articles/{slug}/updates",
            "/api/v1/articles/{slug}/updates/{id}",
            "/api/v1/authors/{slug}",
            "/api/v1/comments/{id}",
            "/api/v1/search",
            "/api/v1/sections",
            "/api/v1/tags/{slug}",
        ]
    );
    for schema in [
        "ArticlePage",
        "Article",
        "CommentPage",
        "LiveUpdatePage",
        "NewLiveUpdateRequest",
        "EditLiveUpdateRequest",
        "LiveCoverage",
        "SearchPage",
        "Problem",
    ] {
        assert!(doc["components"]["schemas"][schema].is_object(), "{schema}");
    }
    // Live coverage is read by anyone and written with the `publish` scope.
    let updates = &doc["paths"]["/api/v1/articles/{slug}/updates"];
    assert!(updates["get"].is_object());
    assert_eq!(
        updates["post"]["security"][0]["token"][0], "publish",
        "{updates}"
    );
    let one = &doc["paths"]["/api/v1/articles/{slug}/updates/{id}"];
    for method in ["patch", "delete"] {
        assert_eq!(
            one[method]["security"][0]["token"][0], "publish",
            "{method}"
        );
    }
    assert!(one["get"]["security"].is_null());
    // Every documented operation answers (with data to find).
    app.publish(&[article("doc-check", "Science", 5)]).await;
    for path in [
        "/api/v1/articles",
        "/api/v1/articles/doc-check",
        "/api/v1/articles/doc-check/comments",
        "/api/v1/articles/doc-check/updates",
        "/api/v1/authors/test-writer",
        "/api/v1/search?q=doc",
        "/api/v1/sections",
        "/api/v1/tags/testing",
    ] {
        json(&app, path, 200).await;
    }
}
