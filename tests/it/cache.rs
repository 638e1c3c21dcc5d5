//! The page cache and conditional requests over real HTTP, on SQLite and PostgreSQL: signed-out
//! pages come from memory (no queries), each change drops exactly the pages that show it (also
//! in another server process on PostgreSQL), signed-in pages are never shared, and every page
//! has an ETag, answers 304, and comes compressed from the first request that asks, each form
//! with its own ETag.

use std::io::Read;
use std::time::Duration;

use crate::common::{self, Backend, Member, TestApp, article, attrs, client, html};
use broadsheet::domain::user::Role;
use reqwest::header::{ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, ETAG, IF_NONE_MATCH};

backend_tests!(
    signed_out_pages_are_served_from_memory,
    a_comment_drops_its_article_and_the_listings_only,
    likes_and_edits_drop_the_article_page,
    signed_in_pages_are_fresh_and_private,
    pages_have_etags_and_precompressed_forms,
    the_first_request_that_accepts_br_gets_br,
    each_coding_has_its_own_etag,
    another_process_drops_its_pages_too,
    members_pages_from_the_shared_copy_are_their_full_render,
    a_members_second_look_costs_no_query,
    a_members_page_has_an_etag_of_its_own_bytes,
    a_members_own_changes_reach_their_page_at_once,
    another_process_forgets_a_changed_member,
    an_answer_from_the_cache_has_every_header_of_a_rendered_one,
    strangers_cannot_flush_the_cache,
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
    // Parameters no page reads are dropped from the key: the stored page answers (they
    // cannot fill the cache). Errors are never kept.
    let (state, _) = cache_state(&app, "/?utm_source=mail").await;
    assert_eq!(state, "hit");
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

    let br = compressed_answer(&app, "/articles/harbour", "gzip, br").await;
    assert_eq!(br.headers()[CONTENT_ENCODING].to_str().unwrap(), "br");
    assert_eq!(unbrotli(&br.bytes().await.unwrap()), plain);

    let gz = compressed_answer(&app, "/articles/harbour", "gzip").await;
    assert_eq!(gz.headers()[CONTENT_ENCODING].to_str().unwrap(), "gzip");
    assert_eq!(ungzip(&gz.bytes().await.unwrap()), plain);

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

    // A page that is not stored is only ever sent as rendered: its one ETag is that form's,
    // whatever the request accepts.
    let r = ada
        .client
        .get(app.url("/settings"))
        .header(ACCEPT_ENCODING, "br, gzip")
        .header(IF_NONE_MATCH, &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 304);
    assert_eq!(r.headers()[ETAG].to_str().unwrap(), etag);
    let r = ada
        .client
        .get(app.url("/settings"))
        .header(ACCEPT_ENCODING, "br, gzip")
        .send()
        .await
        .unwrap();
    assert!(r.headers().get(CONTENT_ENCODING).is_none());
    assert_eq!(r.headers()[ETAG].to_str().unwrap(), etag);
}

fn unbrotli(bytes: &[u8]) -> String {
    let mut out = Vec::new();
    brotli::BrotliDecompress(&mut &bytes[..], &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn ungzip(bytes: &[u8]) -> String {
    let mut out = String::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_string(&mut out)
        .unwrap();
    out
}

/// The first reader of a page whose browser accepts brotli (or only gzip) is sent that form,
/// not the page as rendered while the compressed forms are made; so is the first reader of a
/// stored page that wants a form not made yet.
async fn the_first_request_that_accepts_br_gets_br(app: TestApp) {
    app.publish(&[
        article("harbour", "Science", 5),
        article("lighthouse", "Science", 5),
        article("estuary", "Science", 5),
    ])
    .await;
    let http = client();
    let first = |path: &'static str, accept: &'static str| {
        let r = http.get(app.url(path)).header(ACCEPT_ENCODING, accept);
        async move { r.send().await.unwrap() }
    };
    let br = first("/articles/harbour", "gzip, deflate, br").await;
    assert_eq!(br.status(), 200);
    assert_eq!(br.headers()["x-cache"], "miss", "the page's first request");
    assert_eq!(br.headers()[CONTENT_ENCODING], "br");
    assert_eq!(br.headers()["vary"], "Accept-Encoding, Cookie");
    let length: usize = br.headers()["content-length"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    let bytes = br.bytes().await.unwrap();
    assert_eq!(bytes.len(), length);
    let plain = app.page("/articles/harbour", 200).await;
    assert_eq!(unbrotli(&bytes), plain);
    assert!(bytes.len() < plain.len() / 2);

    let gz = first("/articles/lighthouse", "gzip").await;
    assert_eq!(gz.headers()["x-cache"], "miss");
    assert_eq!(gz.headers()[CONTENT_ENCODING], "gzip");
    assert_eq!(
        ungzip(&gz.bytes().await.unwrap()),
        app.page("/articles/lighthouse", 200).await
    );

    // Stored by a reader that accepts nothing: the next reader that accepts brotli gets it
    // (made in the background by then, or for this request), and so does a HEAD.
    let plain = first("/articles/estuary", "identity").await;
    assert_eq!(plain.headers()["x-cache"], "miss");
    assert!(plain.headers().get(CONTENT_ENCODING).is_none());
    let plain = plain.text().await.unwrap();
    let head = http
        .head(app.url("/articles/estuary"))
        .header(ACCEPT_ENCODING, "br")
        .send()
        .await
        .unwrap();
    assert_eq!(head.headers()[CONTENT_ENCODING], "br");
    let br = first("/articles/estuary", "br").await;
    assert_eq!(br.headers()["x-cache"], "hit");
    assert_eq!(br.headers()[CONTENT_ENCODING], "br");
    assert_eq!(
        head.headers()["content-length"],
        br.headers()["content-length"]
    );
    assert_eq!(unbrotli(&br.bytes().await.unwrap()), plain);
}

/// Each form of a page has its own strong ETag, and a 304 answers only a validator of the
/// form the request would be sent: never one that confirms other bytes.
async fn each_coding_has_its_own_etag(app: TestApp) {
    app.publish(&[article("harbour", "Science", 5)]).await;
    let path = "/articles/harbour";
    let http = client();
    let ask = |accept: &'static str, if_none_match: Option<String>| {
        let mut r = http.get(app.url(path)).header(ACCEPT_ENCODING, accept);
        if let Some(tag) = if_none_match {
            r = r.header(IF_NONE_MATCH, tag);
        }
        async move { r.send().await.unwrap() }
    };
    let etag = |r: &reqwest::Response| r.headers()[ETAG].to_str().unwrap().to_owned();
    let identity = etag(&ask("identity", None).await);
    let gzip = etag(&ask("gzip", None).await);
    let br = etag(&ask("br, gzip", None).await);
    assert!(identity != gzip && gzip != br && br != identity);
    for tag in [&identity, &gzip, &br] {
        assert!(tag.starts_with('"') && tag.ends_with('"'), "strong: {tag}");
    }
    // Each form's tag, asked again, is the same.
    assert_eq!(etag(&ask("gzip", None).await), gzip);

    for (accept, sent) in [("identity", &identity), ("gzip", &gzip), ("br, gzip", &br)] {
        for tag in [&identity, &gzip, &br] {
            let r = ask(accept, Some(tag.clone())).await;
            if tag == sent {
                assert_eq!(r.status(), 304, "{accept} with {tag}");
                assert_eq!(&etag(&r), sent);
                assert!(r.headers().get(CONTENT_ENCODING).is_none());
            } else {
                assert_eq!(r.status(), 200, "{accept} with {tag}: another form's tag");
                assert_eq!(&etag(&r), sent);
            }
        }
        // A list of validators matches when the sent form's is among them, weak or not.
        let r = ask(accept, Some(format!("\"nothing\", W/{sent}"))).await;
        assert_eq!(r.status(), 304, "{accept}");
    }
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

/// A member's page as the shared members' copy gives it, and how it was made.
async fn member_page(m: &Member, path: &str) -> (String, String) {
    let r = m.get(path).await;
    assert_eq!(r.status(), 200, "{path}");
    assert_eq!(
        r.headers()[CACHE_CONTROL].to_str().unwrap(),
        "private, no-cache",
        "{path}"
    );
    let how = r.headers()["x-member-cache"].to_str().unwrap().to_owned();
    (how, r.text().await.unwrap())
}

/// Fetches `paths` as `m` until each comes from the members' copy twice in a row
/// (notifications of earlier changes may still be arriving on PostgreSQL).
async fn settle_member(m: &Member, paths: &[&str]) {
    for path in paths {
        let mut hits = 0;
        for _ in 0..100 {
            if member_page(m, path).await.0 == "hit" {
                hits += 1;
                if hits == 2 {
                    break;
                }
            } else {
                hits = 0;
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
        assert_eq!(hits, 2, "{path} never settled in the members' cache");
    }
}

/// The member's page at `path`: how it was made, its ETag and its bytes.
async fn tagged(m: &Member, path: &str) -> (String, String, String) {
    let r = m.get(path).await;
    let how = r.headers()["x-member-cache"].to_str().unwrap().to_owned();
    let tag = r.headers()[ETAG].to_str().unwrap().to_owned();
    (how, tag, r.text().await.unwrap())
}

/// A member's page filled from the shared copy carries an ETag made from the copy's hash and
/// the member's holes: the same bytes give the same tag (and a 304), other bytes another.
async fn a_members_page_has_an_etag_of_its_own_bytes(app: TestApp) {
    app.publish(&[article("harbour", "Science", 5)]).await;
    let ada = app.member("Ada").await;
    let bea = app.member("Bea").await;
    let c = ada.comment("harbour", None, "Tag me").await;
    let path = "/articles/harbour";
    settle_member(&bea, &[path]).await;
    let (how, tag, body) = tagged(&bea, path).await;
    assert_eq!(how, "hit");
    let (_, again, same) = tagged(&bea, path).await;
    assert_eq!((&again, &same), (&tag, &body));
    let not_modified = |m: &Member, tag: &str| {
        m.client
            .get(app.url(path))
            .header(IF_NONE_MATCH, tag)
            .send()
    };
    assert_eq!(not_modified(&bea, &tag).await.unwrap().status(), 304);
    // Ada's page (her own controls, her token) differs, and so does its tag.
    settle_member(&ada, &[path]).await;
    let (_, ada_tag, ada_body) = tagged(&ada, path).await;
    assert_ne!(ada_body, body);
    assert_ne!(ada_tag, tag);
    // Bea's like changes her page (the button is pressed) and its tag.
    bea.post("/comments/actions", &[("like", &c.to_string())])
        .await;
    settle_member(&bea, &[path]).await;
    let (_, liked_tag, liked_body) = tagged(&bea, path).await;
    assert!(liked_body.contains("aria-pressed=\"true\""));
    assert_ne!(liked_tag, tag);
    assert_eq!(not_modified(&bea, &tag).await.unwrap().status(), 200);
}

async fn members_pages_from_the_shared_copy_are_their_full_render(app: TestApp) {
    app.publish(&[
        article("harbour", "Science", 5),
        article("quiet", "Science", 6),
    ])
    .await;
    let edna = app.member("Edna").await;
    edna.promote(&app, Role::Editor).await;
    premoderate(&edna, "quiet").await;
    let ada = app.member("Ada").await;
    let bea = app.member("Bea").await;
    let cal = app.member("Cal").await;
    let dan = app.member("Dan").await;
    let mo = app.member("Mo").await;
    mo.promote(&app, Role::Moderator).await;

    // Threads with replies nested past the last level, likes, a deleted comment with a reply
    // (a tombstone), and comments of every member.
    let a1 = ada.comment("harbour", None, "Ada opens.").await;
    let b1 = bea.comment("harbour", None, "Bea opens.").await;
    let a2 = ada.comment("harbour", Some(b1), "Ada answers Bea.").await;
    let c1 = cal.comment("harbour", Some(a2), "Cal goes deeper.").await;
    bea.comment("harbour", Some(c1), "Bea, flattened.").await;
    let gone = cal.comment("harbour", None, "Cal regrets this.").await;
    mo.comment("harbour", Some(gone), "Mo replies before it goes.")
        .await;
    cal.post(&format!("/comments/{gone}/delete"), &[]).await;
    for (m, id) in [(&bea, a1), (&bea, a2), (&mo, b1), (&ada, c1)] {
        let r = m
            .post(&format!("/comments/{id}/like"), &[("like", "1")])
            .await;
        assert_eq!(r.status(), 303);
    }
    // On the pre-moderated article Ada's comment is approved, Dan's still waits.
    let held_ada = ada.comment("quiet", None, "Ada, approved.").await;
    dan.comment("quiet", None, "Dan waits for review.").await;
    let r = mo
        .post(
            "/admin/moderation/decide",
            &[("one", format!("approve:{held_ada}").as_str())],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    // Cal is banned (reads, may delete his own, nothing else).
    let cal_id = app
        .store
        .comment(c1)
        .await
        .unwrap()
        .unwrap()
        .author_id
        .unwrap();
    let r = mo
        .post(
            &format!("/admin/users/{cal_id}/ban"),
            &[("length", "7"), ("reason", "Shouting")],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());

    let paths = [
        "/articles/harbour",
        "/articles/harbour?sort=newest",
        "/articles/harbour?sort=liked",
        "/articles/quiet",
    ];
    let members = [&ada, &bea, &cal, &dan, &mo, &edna];
    // Round 1 within Ada's edit window, round 2 after it (the kept copies expire on the way).
    for round in 0..2 {
        settle_member(&ada, &paths).await;
        for m in members {
            for path in paths {
                let (how, shared) = member_page(m, path).await;
                // Any other query parameter bypasses the members' copy: the full render.
                let sep = if path.contains('?') { '&' } else { '?' };
                let (full_how, full) = member_page(m, &format!("{path}{sep}full=1")).await;
                assert_eq!(full_how, "bypass");
                let dan_on_quiet = m.name == "Dan" && path == "/articles/quiet";
                assert_eq!(
                    how,
                    if dan_on_quiet { "own" } else { "hit" },
                    "{} {path}",
                    m.name
                );
                assert!(
                    shared == full,
                    "round {round}, {} {path}: the shared copy differs from the full render",
                    m.name
                );
                // Each page carries this member's token and nobody else's.
                assert!(shared.contains(&m.csrf), "{} {path}", m.name);
                for other in members.iter().filter(|o| o.name != m.name) {
                    assert!(
                        !shared.contains(&other.csrf),
                        "{} got {}'s token",
                        m.name,
                        other.name
                    );
                }
                assert_eq!(
                    shared.contains("Dan waits for review."),
                    m.name == "Dan" && path == "/articles/quiet"
                );
            }
        }
        let own = ada.page("/articles/harbour?full=1").await;
        let edits = own.matches("/edit\">Edit</a>").count();
        assert_eq!(edits, if round == 0 { 2 } else { 0 }, "Ada's edit links");
        app.clock.advance(chrono::Duration::minutes(16));
    }

    // What differs between members is there: Bea's likes, Cal's ban, Mo's desk link.
    let bea_page = member_page(&bea, "/articles/harbour").await.1;
    let pressed = common::attrs(
        &common::html(&bea_page),
        ".comment-actions button[aria-pressed=true]",
        "aria-pressed",
    );
    assert_eq!(pressed.len(), 2);
    let cal_page = member_page(&cal, "/articles/harbour").await.1;
    assert!(cal_page.contains("Shouting") && !cal_page.contains("id=\"comment-form\""));
    assert!(
        !cal_page.contains("aria-pressed"),
        "no Like buttons while banned"
    );
    assert!(
        member_page(&mo, "/articles/harbour")
            .await
            .1
            .contains("/admin/moderation\">Moderation")
    );
    assert!(!bea_page.contains("/admin/moderation\">Moderation"));
    let dan_page = member_page(&dan, "/articles/quiet").await.1;
    assert!(dan_page.contains("Awaiting review."));

    // A like drops the copy; the next page shows it to the one who liked, and only to them.
    let r = bea
        .post(&format!("/comments/{c1}/like"), &[("like", "1")])
        .await;
    assert_eq!(r.status(), 303);
    let (_, after) = member_page(&bea, "/articles/harbour").await;
    let pressed = common::attrs(
        &common::html(&after),
        ".comment-actions button[aria-pressed=true]",
        "aria-pressed",
    );
    assert_eq!(pressed.len(), 3);
    let (_, ada_after) = member_page(&ada, "/articles/harbour").await;
    assert_eq!(ada_after, ada.page("/articles/harbour?full=1").await);
}

async fn a_members_second_look_costs_no_query(app: TestApp) {
    app.publish(&[article("harbour", "Science", 5)]).await;
    let ada = app.member("Ada").await;
    let bea = app.member("Bea").await;
    ada.comment("harbour", None, "Ada opens.").await;
    settle_member(&ada, &["/articles/harbour"]).await;
    let before = app.store.query_count();
    let (how, first) = member_page(&bea, "/articles/harbour").await;
    assert_eq!(how, "hit");
    // Bea's likes and held comments on the article, in one query (her session is already
    // known from signing up, or read in one more).
    let first_cost = app.store.query_count() - before;
    assert!((1..=2).contains(&first_cost), "{first_cost} queries");
    // Looking again costs nothing: the session and her marks are kept.
    let before = app.store.query_count();
    let (how, again) = member_page(&bea, "/articles/harbour").await;
    assert_eq!(how, "hit");
    assert_eq!(app.store.query_count() - before, 0);
    assert_eq!(first, again);
    // A form sent by her is checked against the database, not the copy.
    let before = app.store.query_count();
    let r = bea.post("/comments/999999/like", &[("like", "1")]).await;
    assert_eq!(r.status(), 404);
    assert!(app.store.query_count() - before >= 2);
}

/// A member's own changes (a comment held for review, a ban, a new role, signing out) show on
/// their next page, though their session and marks were kept from the page before.
async fn a_members_own_changes_reach_their_page_at_once(app: TestApp) {
    app.publish(&[article("quiet", "Science", 5)]).await;
    let edna = app.member("Edna").await;
    edna.promote(&app, Role::Admin).await;
    premoderate(&edna, "quiet").await;
    let ada = app.member("Ada").await;
    settle_member(&ada, &["/articles/quiet"]).await;

    // Held: her page now shows her comment awaiting review (a full render of her own).
    ada.comment("quiet", None, "Ada waits for review.").await;
    let (how, page) = member_page(&ada, "/articles/quiet").await;
    assert_eq!(how, "own");
    assert!(page.contains("Ada waits for review."));

    // A role granted at /admin/users opens the desk at once.
    let bea = app.member("Bea").await;
    assert_eq!(bea.get("/admin/moderation").await.status(), 403);
    let bea_id = user_id(&app, &bea).await;
    let r = edna
        .post(
            &format!("/admin/users/{bea_id}/role"),
            &[("role", "moderator")],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    assert_eq!(bea.get("/admin/moderation").await.status(), 200);
    // And taking it back closes it at once.
    let r = edna
        .post(
            &format!("/admin/users/{bea_id}/role"),
            &[("role", "member")],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(bea.get("/admin/moderation").await.status(), 403);

    // A ban shows on the article page the member was reading.
    let cal = app.member("Cal").await;
    settle_member(&cal, &["/articles/quiet"]).await;
    let cal_id = user_id(&app, &cal).await;
    let r = edna
        .post(
            &format!("/admin/users/{cal_id}/ban"),
            &[("length", "7"), ("reason", "Shouting")],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let (_, page) = member_page(&cal, "/articles/quiet").await;
    assert!(page.contains("Shouting") && !page.contains("id=\"comment-form\""));
}

/// On PostgreSQL, a member's sign-out and ban through one server reach another server that
/// had their session and page in memory.
async fn another_process_forgets_a_changed_member(app: TestApp) {
    if app.backend != Backend::Postgres {
        // One process serves a SQLite site; there is no other process to tell.
        return;
    }
    app.publish(&[article("harbour", "Science", 5)]).await;
    let other = app.another_server().await;
    let mo = app.member("Mo").await;
    mo.promote(&app, Role::Moderator).await;
    let ada = app.member("Ada").await;
    let ada_id = user_id(&app, &ada).await;
    // Ada's phone: a second session, reading from the other server.
    let phone = Member::sign_in(&app, &ada.email, common::PASSWORD).await;
    let there = |path: &str| phone.client.get(other.url(path)).send();
    // The other server knows Ada's session and keeps her page.
    for _ in 0..3 {
        let page = there("/articles/harbour")
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("id=\"comment-form\""));
    }
    let r = mo
        .post(
            &format!("/admin/users/{ada_id}/ban"),
            &[("length", "7"), ("reason", "Shouting")],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let mut banned = false;
    for _ in 0..100 {
        let page = there("/articles/harbour")
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        if page.contains("Shouting") {
            banned = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(banned, "the other server shows the ban");
    // "Sign out everywhere" from her computer ends the phone's session there too.
    assert_eq!(ada.post("/settings/sessions", &[]).await.status(), 303);
    let mut out = false;
    for _ in 0..100 {
        if there("/settings").await.unwrap().status() == 303 {
            out = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(out, "the other server no longer knows the session");
}

async fn user_id(app: &TestApp, m: &Member) -> i64 {
    let email = broadsheet::domain::user::Email::parse(&m.email).unwrap();
    app.store.user_by_email(&email).await.unwrap().unwrap().id
}

/// Holds every comment on the article `slug` for review, as `editor` (an editor or above) does
/// at /admin/moderation/policies.
async fn premoderate(editor: &Member, slug: &str) {
    let r = editor
        .post(
            "/admin/moderation/policies",
            &[
                ("scope", "article"),
                ("target", slug),
                ("mode", "premoderated"),
                ("first", ""),
                ("auto_close_days", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
}

/// The headers of an answer that identify it rather than the page.
const PER_ANSWER: [&str; 3] = ["date", "x-request-id", "x-cache"];

fn page_headers(r: &reqwest::Response) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = r
        .headers()
        .iter()
        .filter(|(name, _)| !PER_ANSWER.contains(&name.as_str()))
        .map(|(name, v)| (name.to_string(), v.to_str().unwrap().to_owned()))
        .collect();
    all.sort();
    all
}

/// A stored page is answered before the router and the middleware (see `cache::Front`): the
/// answer must still be the one the whole stack gives, with the security headers, an id, the
/// right lengths, and counted by the metrics.
async fn an_answer_from_the_cache_has_every_header_of_a_rendered_one(app: TestApp) {
    app.publish(&[article("harbour", "Science", 5)]).await;
    let path = "/articles/harbour";
    let miss = app.get(path).await;
    assert_eq!(miss.headers()["x-cache"], "miss");
    let rendered = page_headers(&miss);
    let miss_id = miss.headers()["x-request-id"].to_str().unwrap().to_owned();
    let body = miss.text().await.unwrap();
    let names: Vec<&str> = rendered.iter().map(|(n, _)| n.as_str()).collect();
    for name in [
        "content-security-policy",
        "x-content-type-options",
        "referrer-policy",
        "x-frame-options",
        "etag",
        "content-length",
        "content-type",
    ] {
        assert!(names.contains(&name), "{name} missing from {names:?}");
    }

    let metric = |text: &str| -> f64 {
        text.lines()
            .find(|l| l.starts_with("broadsheet_http_responses_total{class=\"2xx\"}"))
            .and_then(|l| l.rsplit(' ').next())
            .and_then(|v| v.parse().ok())
            .unwrap()
    };
    let before = metric(&app.metrics().await);
    let mut ids = vec![miss_id];
    for _ in 0..3 {
        let hit = app.get(path).await;
        assert_eq!(hit.headers()["x-cache"], "hit");
        assert_eq!(
            page_headers(&hit),
            rendered,
            "a hit's headers are the render's"
        );
        ids.push(hit.headers()["x-request-id"].to_str().unwrap().to_owned());
        assert_eq!(hit.text().await.unwrap(), body);
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 4, "each answer has its own request id: {ids:?}");
    let after = metric(&app.metrics().await);
    // The three hits and the first /metrics answer.
    assert!(
        after - before >= 4.0,
        "hits are counted: {before} -> {after}"
    );

    // An id given by a proxy in front is kept.
    let http = client();
    let r = http
        .get(app.url(path))
        .header("x-request-id", "edge-77")
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["x-cache"], "hit");
    assert_eq!(r.headers()["x-request-id"], "edge-77");

    // HEAD: the same headers (the length of the page), no body.
    let r = http.head(app.url(path)).send().await.unwrap();
    assert_eq!(r.headers()["x-cache"], "hit");
    assert_eq!(page_headers(&r), rendered);
    assert!(r.bytes().await.unwrap().is_empty());

    // 304: the validator, the caching rules and the security headers, no body or length of it.
    let etag = rendered
        .iter()
        .find(|(n, _)| n == "etag")
        .unwrap()
        .1
        .clone();
    let r = http
        .get(app.url(path))
        .header(IF_NONE_MATCH, &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 304);
    assert_eq!(r.headers()["x-cache"], "hit");
    for name in [
        "etag",
        "cache-control",
        "vary",
        "content-security-policy",
        "x-frame-options",
    ] {
        assert_eq!(
            r.headers()[name].to_str().unwrap(),
            rendered.iter().find(|(n, _)| n == name).unwrap().1,
            "{name}"
        );
    }
    assert!(r.headers().get("content-type").is_none());

    // A compressed form: its own length, encoding and ETag, the rest as rendered.
    let gz = compressed_answer(&app, path, "gzip").await;
    let gz_etag = gz.headers()["etag"].to_str().unwrap().to_owned();
    assert_ne!(gz_etag, etag);
    let mut expected: Vec<(String, String)> = rendered
        .iter()
        .filter(|(n, _)| n != "content-length" && n != "etag")
        .cloned()
        .chain([("etag".to_owned(), gz_etag)])
        .collect();
    expected.push(("content-encoding".into(), "gzip".into()));
    let headers = page_headers(&gz);
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .unwrap()
        .1
        .parse()
        .unwrap();
    let mut without_length: Vec<_> = headers
        .into_iter()
        .filter(|(n, _)| n != "content-length")
        .collect();
    without_length.sort();
    expected.sort();
    assert_eq!(without_length, expected);
    assert_eq!(gz.bytes().await.unwrap().len(), length);
}

/// The answer to `path` for `accept_encoding`: a compressed form, from the first request.
async fn compressed_answer(app: &TestApp, path: &str, accept_encoding: &str) -> reqwest::Response {
    let r = client()
        .get(app.url(path))
        .header(ACCEPT_ENCODING, accept_encoding)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "{path}");
    assert!(
        r.headers().get(CONTENT_ENCODING).is_some(),
        "{path} was sent uncompressed to {accept_encoding}"
    );
    r
}

/// The number of signed-out pages the cache holds, from `/metrics`.
async fn pages_held(app: &TestApp) -> u64 {
    let text = app.metrics().await;
    text.lines()
        .find_map(|l| l.strip_prefix("broadsheet_page_cache_pages{kind=\"signed_out\"} "))
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no page count in {text}"))
}

/// Made-up addresses (unknown parameters, other spellings of a sort, a cursor or a slug,
/// cursors no link of the site holds) are answered from the page they show or not kept at all:
/// the cache does not grow and a page being read stays in it. The site's own "Older stories"
/// link is kept.
async fn strangers_cannot_flush_the_cache(app: TestApp) {
    let mut articles = vec![article("harbour", "Science", 5)];
    for i in 0..21 {
        articles.push(article(&format!("older-{i}"), "Science", 60 + i));
    }
    app.publish(&articles).await;
    for path in ["/", "/articles/harbour", "/sections/science"] {
        cache_state(&app, path).await;
        assert_eq!(cache_state(&app, path).await.0, "hit", "{path}");
    }
    let held = pages_held(&app).await;
    assert_eq!(held, 3);
    for i in 0..60 {
        // Served from the stored page.
        for path in [
            format!("/?utm_source=mail-{i}"),
            format!("/articles/harbour?fbclid={i}"),
            format!("/articles/harbour?sort=junk-{i}"),
            format!("/articles/harbour?sort=oldest&x={i}"),
        ] {
            assert_eq!(cache_state(&app, &path).await.0, "hit", "{path}");
        }
        // Rendered and answered, never kept.
        for path in [
            format!(
                "/articles/harbour?page={}.{}",
                1_700_000_000_000_000i64 + i,
                i + 1
            ),
            format!("/articles/harbour?sort=liked&page={i}.{}", i + 1),
            format!(
                "/sections/science?before={}.{}",
                1_780_000_000_000_000i64 + i,
                i + 1
            ),
            format!("/articles/harb%6Fur?n={i}"),
        ] {
            let (state, _) = cache_state(&app, &path).await;
            assert_ne!(state, "hit", "{path}");
        }
    }
    assert_eq!(
        pages_held(&app).await,
        held,
        "made-up addresses made no entries"
    );
    for path in ["/", "/articles/harbour", "/sections/science"] {
        assert_eq!(cache_state(&app, path).await.0, "hit", "{path} stayed");
    }
    // The site's own link to older stories is a real cursor: kept.
    let listing = app.page("/sections/science", 200).await;
    let older = attrs(&html(&listing), "a[rel=next]", "href");
    let older = older.first().expect("an older-stories link");
    assert_eq!(cache_state(&app, older).await.0, "miss");
    assert_eq!(cache_state(&app, older).await.0, "hit");
    assert_eq!(pages_held(&app).await, held + 1);
}
