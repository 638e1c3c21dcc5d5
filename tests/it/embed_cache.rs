//! The signed-out framed thread from the page cache, on SQLite and PostgreSQL: kept for every
//! signed-out reader (it carries no token or cookie of its own), dropped by what changes it (a
//! new comment, a moderator's decision, the thread's policy, a new title, the site's origins;
//! in another server process too on PostgreSQL), and never kept for a reader signed in.

use std::time::Duration;

use crate::common::{Backend, TestApp, attrs, client, html};
use crate::embed_actions::reader;
use crate::embed_signin::{frame_path, with_site};
use broadsheet::domain::user::Role;

backend_tests!(
    a_signed_out_frame_is_kept_until_its_thread_changes,
    a_signed_in_frame_is_never_kept,
    another_process_drops_its_frames_too,
);

const LOADED_FROM: &str = "https://blog.example/2026/post";

/// A signed-out load by the host page: the status, `x-cache`, `Cache-Control`, whether it set
/// a cookie, and the page.
async fn load(base: &str, path: &str) -> (u16, String, String, bool, String) {
    let r = client()
        .get(format!("{base}{path}"))
        .header("referer", LOADED_FROM)
        .send()
        .await
        .unwrap();
    let header = |name: &str| {
        r.headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default()
    };
    let (state, control) = (header("x-cache"), header("cache-control"));
    let cookie = r.headers().contains_key("set-cookie");
    (
        r.status().as_u16(),
        state,
        control,
        cookie,
        r.text().await.unwrap(),
    )
}

/// Loads `path` until it is a cache hit twice in a row: on PostgreSQL this process also hears
/// its own changes back on the changes channel, which may drop a page stored just before.
async fn settle(base: &str, path: &str) {
    let mut hits = 0;
    for _ in 0..100 {
        if load(base, path).await.1 == "hit" {
            hits += 1;
            if hits == 2 {
                return;
            }
        } else {
            hits = 0;
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
    panic!("{path} never settled in the cache");
}

async fn a_signed_out_frame_is_kept_until_its_thread_changes(app: TestApp) {
    let site = with_site(&app, "Blog").await;
    let path = frame_path(site);
    let base = app.url("");
    let (status, first, _, cookie, page) = load(&base, &path).await;
    assert_eq!((status, first.as_str()), (200, "miss"), "{page}");
    // Nothing of the reader in it: no form token, no cookie.
    assert!(!cookie);
    assert_eq!(attrs(&html(&page), "html", "data-csrf"), [""]);
    settle(&base, &path).await;
    let before = app.store.query_count();
    let (_, second, control, _, again) = load(&base, &path).await;
    assert_eq!(second, "hit");
    assert_eq!(app.store.query_count(), before, "a hit costs no query");
    assert!(control.starts_with("public"), "{control}");
    assert_eq!(page, again);
    // The reader's token comes on its own when the frame's script asks.
    let r = client().get(app.url("/embed/csrf")).send().await.unwrap();
    assert_eq!(r.headers()["cache-control"], "no-store");
    assert!(
        r.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .starts_with("bs_embed_anon=")
    );
    let token: serde_json::Value = r.json().await.unwrap();
    assert!(token["csrf"].as_str().is_some_and(|t| !t.is_empty()));

    // A new comment shows on the next signed-out load.
    let (_, id) = reader(
        &app,
        site,
        "host-1",
        "Host Reader",
        "Fresh words from the frame.",
    )
    .await;
    let (_, state, _, _, page) = load(&base, &path).await;
    assert_eq!(state, "miss");
    assert!(page.contains("Fresh words from the frame."));
    settle(&base, &path).await;

    // A moderator's decision: the rejected comment goes.
    let moderator = app.member("Mo").await;
    moderator.promote(&app, Role::Moderator).await;
    let one = format!("reject:{id}");
    let reason = format!("reason-{id}");
    let r = moderator
        .post(
            "/admin/moderation/decide",
            &[("one", one.as_str()), (reason.as_str(), "spam")],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let (_, _, _, _, page) = load(&base, &path).await;
    assert!(!page.contains("Fresh words from the frame."));
    settle(&base, &path).await;

    // The thread's own policy: closed, and said so.
    let admin = app.member("Ad").await;
    admin.promote(&app, Role::Admin).await;
    let thread = app.store.comment(id).await.unwrap().unwrap().article_id;
    let r = admin
        .post(
            &format!("/admin/threads/{thread}/policy"),
            &[("mode", "closed"), ("first", ""), ("auto_close_days", "")],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let (_, state, _, _, page) = load(&base, &path).await;
    assert_eq!(state, "miss");
    assert_eq!(texts_of(&page, ".comments-closed").len(), 1, "{page}");

    // A new title from the host page (its own key) retitles the kept copies of every key.
    let titled = format!("{path}&title=Renamed+post");
    settle(&base, &path).await;
    let (status, _, _, _, page) = load(&base, &titled).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("<title>Comments: Renamed post</title>"),
        "{page}"
    );
    let (_, state, _, _, page) = load(&base, &path).await;
    assert_eq!(state, "miss");
    assert!(page.contains("<title>Comments: Renamed post</title>"));
    settle(&base, &path).await;

    // The site's origins: the copy made for the old origin's pages is not answered any more.
    let r = admin
        .post(
            &format!("/admin/sites/{}/origins", site.0),
            &[("origins", "https://elsewhere.example")],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let (status, ..) = load(&base, &path).await;
    assert_eq!(status, 403);
}

/// A load by the host page that must be rendered for its reader, not answered from the cache:
/// its `Cache-Control` and the page.
async fn rendered(request: reqwest::RequestBuilder) -> (String, String) {
    let r = request.header("referer", LOADED_FROM).send().await.unwrap();
    assert_ne!(
        r.headers().get("x-cache").map(|v| v.to_str().unwrap()),
        Some("hit")
    );
    let control = r.headers()["cache-control"].to_str().unwrap().to_owned();
    (control, r.text().await.unwrap())
}

fn texts_of(page: &str, selector: &str) -> Vec<String> {
    crate::common::texts(&html(page), selector)
}

async fn a_signed_in_frame_is_never_kept(app: TestApp) {
    let site = with_site(&app, "Blog").await;
    let path = frame_path(site);
    let (frame, _) = reader(&app, site, "host-2", "Host Reader", "Signed in here.").await;
    let framed = || {
        frame
            .http
            .get(app.url(&path))
            .header("cookie", frame.header())
    };
    for _ in 0..2 {
        let (control, page) = rendered(framed()).await;
        assert_eq!(control, "no-store");
        assert!(page.contains("Signed in as Host Reader"));
    }
    // A member signed in on the whole site is not a signed-out reader either.
    let ada = app.member("Ada").await;
    for _ in 0..2 {
        let (_, page) = rendered(ada.client.get(app.url(&path))).await;
        assert_eq!(attrs(&html(&page), "#comment-form", "method"), ["post"]);
    }
    // And what signed-out readers get holds nothing of theirs.
    let base = app.url("");
    for _ in 0..2 {
        let (_, _, _, _, page) = load(&base, &path).await;
        assert!(!page.contains("Signed in as"));
        assert!(attrs(&html(&page), "#comment-form", "method").is_empty());
    }
}

async fn another_process_drops_its_frames_too(app: TestApp) {
    if app.backend != Backend::Postgres {
        // One process serves a SQLite site; there is no other process to tell.
        return;
    }
    let site = with_site(&app, "Blog").await;
    let path = frame_path(site);
    let other = app.another_server().await;
    let base = other.url("");
    settle(&base, &path).await;
    reader(
        &app,
        site,
        "host-3",
        "Host Reader",
        "Posted through the first server.",
    )
    .await;
    let mut seen = false;
    for _ in 0..100 {
        if load(&base, &path)
            .await
            .4
            .contains("Posted through the first server.")
        {
            seen = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(seen, "the other process serves the new comment");
}
