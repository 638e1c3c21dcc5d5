//! The page cache and conditional requests over real HTTP, on SQLite and PostgreSQL: signed-out
//! pages come from memory (no queries), each change drops exactly the pages that show it (also
//! in another server process on PostgreSQL), signed-in pages are never shared, and every page
//! has an ETag, answers 304, and comes compressed once.

mod common;

use std::io::Read;
use std::time::Duration;

use common::{Backend, TestApp, article, client};
use reqwest::header::{ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, ETAG, IF_NONE_MATCH};

backend_tests!(
    signed_out_pages_are_served_from_memory,
    a_comment_drops_its_article_and_the_listings_only,
    likes_and_edits_drop_the_article_page,
    signed_in_pages_are_fresh_and_private,
    pages_have_etags_and_precompressed_forms,
    another_process_drops_its_pages_too,
);

async fn cache_state(app: &TestApp, path: &str) -> (String, String) {
    let r = app.get(path).await;
    assert_eq!(r.status(), 200, "{path}");
    let state = r
        .headers()
        .get("x-cache")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (state, r.text().await.unwrap())
}

async fn signed_out_pages_are_served_from_memory(app: TestApp) {
    app.publish(&[article("harbour", "Science", 5)]).await;
    for path in [
        "/",
        "/articles/harbour",
        "/articles/harbour?sort=newest",
        "/sections/science",
        "/tags/testing",
        "/authors/test-writer",
    ] {
        let (first, body) = cache_state(&app, path).await;
        assert_eq!(first, "miss", "{path}");
        let before = app.store.query_count();
        let (second, again) = cache_state(&app, path).await;
        assert_eq!(second, "hit", "{path}");
        assert_eq!(
            app.store.query_count(),
            before,
            "a hit costs no query: {path}"
        );
        assert_eq!(body, again);
    }
    // Unknown query strings are not kept (they cannot fill the cache), and errors never are.
    let (state, _) = cache_state(&app, "/?utm_source=mail").await;
    assert_eq!(state, "");
    app.page("/articles/nothing-here", 404).await;
    let r = app.get("/articles/nothing-here").await;
    assert_eq!(r.status(), 404);
    assert!(r.headers().get("x-cache").is_none());
    let r = app.get("/articles/harbour").await;
    assert_eq!(
        r.headers()[CACHE_CONTROL].to_str().unwrap(),
        "public, max-age=0, s-maxage=60, stale-while-revalidate=300"
    );
    assert_eq!(
        r.headers()["vary"].to_str().unwrap(),
        "Accept-Encoding, Cookie"
    );
    // The security headers still come with cached answers.
    assert!(
        r.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("script-src 'self'")
    );
}

async fn a_comment_drops_its_article_and_the_listings_only(app: TestApp) {
    app.publish(&[
        article("harbour", "Science", 5),
        article("quay", "Science", 6),
    ])
    .await;
    for path in [
        "/",
        "/articles/harbour",
        "/articles/quay",
        "/sections/science",
    ] {
        cache_state(&app, path).await;
        assert_eq!(cache_state(&app, path).await.0, "hit");
    }
    let ada = app.member("Ada").await;
    ada.comment("harbour", None, "Fresh from the quay").await;
    let (state, page) = cache_state(&app, "/articles/harbour").await;
    assert_eq!(state, "miss");
    assert!(page.contains("Fresh from the quay"));
    assert!(page.contains("Comments (1)"));
    for listing in ["/", "/sections/science"] {
        let (state, page) = cache_state(&app, listing).await;
        assert_eq!(state, "miss", "{listing} shows comment counts");
        assert!(page.contains("1 comment"), "{listing}");
    }
    assert_eq!(cache_state(&app, "/articles/quay").await.0, "hit");
}

async fn likes_and_edits_drop_the_article_page(app: TestApp) {
    app.publish(&[article("harbour", "Science", 5)]).await;
    let ada = app.member("Ada").await;
    let bea = app.member("Bea").await;
    let id = ada.comment("harbour", None, "Original words").await;
    // On PostgreSQL the post's own notification comes back a moment later and drops the pages
    // again; warm them until they stay.
    settle(&app, &["/articles/harbour", "/"]).await;

    let r = bea
        .post(&format!("/comments/{id}/like"), &[("like", "1")])
        .await;
    assert_eq!(r.status(), 303);
    let (state, page) = cache_state(&app, "/articles/harbour").await;
    assert_eq!(state, "miss");
    assert!(page.contains("1 like"), "{page}");
    // Likes do not show on listings, so they stay.
    assert_eq!(cache_state(&app, "/").await.0, "hit");

    let r = ada
        .post(&format!("/comments/{id}/edit"), &[("body", "Better words")])
        .await;
    assert_eq!(r.status(), 303);
    let (state, page) = cache_state(&app, "/articles/harbour").await;
    assert_eq!(state, "miss");
    assert!(page.contains("Better words") && !page.contains("Original words"));

    let r = ada.post(&format!("/comments/{id}/delete"), &[]).await;
    assert_eq!(r.status(), 303);
    let (state, page) = cache_state(&app, "/articles/harbour").await;
    assert_eq!(state, "miss");
    assert!(!page.contains("Better words"));
    assert_eq!(cache_state(&app, "/").await.0, "miss", "the count changed");

    // A new display name shows beside old comments at once.
    bea.comment("harbour", None, "Still here").await;
    cache_state(&app, "/articles/harbour").await;
    let r = bea
        .post("/settings/profile", &[("display_name", "Beatrix")])
        .await;
    assert_eq!(r.status(), 303);
    let (state, page) = cache_state(&app, "/articles/harbour").await;
    assert_eq!(state, "miss");
    assert!(page.contains("Beatrix"));
}

async fn signed_in_pages_are_fresh_and_private(app: TestApp) {
    app.publish(&[article("harbour", "Science", 5)]).await;
    cache_state(&app, "/articles/harbour").await;
    let ada = app.member("Ada").await;
    for _ in 0..2 {
        let r = ada.get("/articles/harbour").await;
        assert!(r.headers().get("x-cache").is_none());
        assert_eq!(
            r.headers()[CACHE_CONTROL].to_str().unwrap(),
            "private, no-cache"
        );
        let page = r.text().await.unwrap();
        assert!(
            page.contains("id=\"comment-form\""),
            "a member gets the form"
        );
        assert!(page.contains("Ada"));
    }
    let (state, page) = cache_state(&app, "/articles/harbour").await;
    assert_eq!(state, "hit");
    assert!(!page.contains("comment-form") && !page.contains("Ada"));
}

async fn pages_have_etags_and_precompressed_forms(app: TestApp) {
    app.publish(&[article("harbour", "Science", 5)]).await;
    let plain = app.get("/articles/harbour").await;
    let etag = plain.headers()[ETAG].to_str().unwrap().to_owned();
    let plain = plain.text().await.unwrap();
    let http = client();
    let r = http
        .get(app.url("/articles/harbour"))
        .header(IF_NONE_MATCH, &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 304);
    assert_eq!(r.headers()[ETAG].to_str().unwrap(), etag);
    assert!(r.bytes().await.unwrap().is_empty());

    // The compressed forms are made in the background after the page is first stored.
    let mut br = None;
    for _ in 0..100 {
        let r = http
            .get(app.url("/articles/harbour"))
            .header(ACCEPT_ENCODING, "gzip, br")
            .send()
            .await
            .unwrap();
        if r.headers().get(CONTENT_ENCODING).is_some() {
            br = Some(r);
            break;
        }
        assert_eq!(r.text().await.unwrap(), plain, "uncompressed until then");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let br = br.expect("the page is compressed soon after it is stored");
    assert_eq!(br.headers()[CONTENT_ENCODING].to_str().unwrap(), "br");
    let bytes = br.bytes().await.unwrap();
    let mut out = Vec::new();
    brotli::BrotliDecompress(&mut &bytes[..], &mut out).unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), plain);
    assert!(bytes.len() < plain.len() / 2);

    let gz = http
        .get(app.url("/articles/harbour"))
        .header(ACCEPT_ENCODING, "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(gz.headers()[CONTENT_ENCODING].to_str().unwrap(), "gzip");
    let bytes = gz.bytes().await.unwrap();
    let mut out = String::new();
    flate2::read::GzDecoder::new(&bytes[..])
        .read_to_string(&mut out)
        .unwrap();
    assert_eq!(out, plain);

    // A signed-in page gets an ETag and a 304 as well, though it is never stored.
    let ada = app.member("Ada").await;
    let r = ada.get("/settings").await;
    let etag = r.headers()[ETAG].to_str().unwrap().to_owned();
    let r = ada
        .client
        .get(app.url("/settings"))
        .header(IF_NONE_MATCH, &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 304);
}

async fn another_process_drops_its_pages_too(app: TestApp) {
    if app.backend != Backend::Postgres {
        // One process serves a SQLite site; there is no other process to tell.
        return;
    }
    app.publish(&[article("harbour", "Science", 5)]).await;
    let other = app.another_server().await;
    let http = client();
    let fetch = |path: &str| {
        let url = other.url(path);
        let http = http.clone();
        async move {
            let r = http.get(url).send().await.unwrap();
            let state = r.headers()["x-cache"].to_str().unwrap().to_owned();
            (state, r.text().await.unwrap())
        }
    };
    fetch("/articles/harbour").await;
    assert_eq!(fetch("/articles/harbour").await.0, "hit");
    // A member comments through the first server; the second drops its copy.
    let ada = app.member("Ada").await;
    ada.comment("harbour", None, "Posted elsewhere").await;
    let mut seen = false;
    for _ in 0..100 {
        let (_, page) = fetch("/articles/harbour").await;
        if page.contains("Posted elsewhere") {
            seen = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(seen, "the other process serves the new comment");
}

/// Fetches `paths` until each is a cache hit twice in a row (notifications of earlier changes
/// may still be arriving on PostgreSQL).
async fn settle(app: &TestApp, paths: &[&str]) {
    for path in paths {
        let mut hits = 0;
        for _ in 0..100 {
            if cache_state(app, path).await.0 == "hit" {
                hits += 1;
                if hits == 2 {
                    break;
                }
            } else {
                hits = 0;
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
        assert_eq!(hits, 2, "{path} never settled in the cache");
    }
}
