//! Imports from WordPress and Disqus, on SQLite and PostgreSQL: the real binary reads the sample
//! exports in tests/fixtures/imports into the test database, and the site is checked over HTTP
//! (articles, old addresses, threaded comments, guest commenters and claiming them).

use std::path::{Path, PathBuf};

use crate::common::{self, Backend, TestApp, article, bin, html, texts};

backend_tests!(
    wordpress_posts_become_articles_with_their_comments_and_old_addresses,
    a_second_run_changes_nothing,
    malformed_exports_are_refused_with_their_position_and_change_nothing,
    a_failing_write_rolls_the_whole_import_back,
    disqus_threads_match_by_address_and_identifier,
    guests_comments_are_claimed_by_a_verified_member_only,
);

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/imports")
        .join(name)
}

struct Run {
    ok: bool,
    stdout: String,
    stderr: String,
}

/// Runs `broadsheet COMMAND FILE` against the test's database.
fn import(app: &TestApp, command: &str, file: &Path) -> Run {
    let out = bin()
        .args(["--database-url", &app.database_url, command])
        .arg(file)
        .output()
        .unwrap();
    Run {
        ok: out.status.success(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn import_ok(app: &TestApp, command: &str, file: &Path) -> String {
    let run = import(app, command, file);
    assert!(run.ok, "{command} failed:\n{}", run.stderr);
    run.stdout
}

fn comment_authors(body: &str) -> Vec<String> {
    texts(&html(body), "article.comment .comment-author")
}

async fn wordpress_posts_become_articles_with_their_comments_and_old_addresses(app: TestApp) {
    let out = import_ok(&app, "import-wordpress", &fixture("wordpress.xml"));
    assert!(
        out.contains(
            "4 articles (0 already there), 3 sections created, 2 authors created, 4 tags created"
        ),
        "{out}"
    );
    assert!(
        out.contains("5 comments (0 already there), 3 commenters new as guests"),
        "{out}"
    );
    assert!(
        out.contains(
            "skipped: 1 draft or unpublished post, 1 attachment, 0 other items, \
             1 protected by a password, 1 pingback, 1 comment as spam, 1 unapproved comment"
        ),
        "{out}"
    );

    // The post at its old slug: section (first category), byline, tags (the second category
    // and the post tags), the GMT date, the body sanitised but faithful.
    let body = app.page("/articles/ferry-timetable-winter", 200).await;
    let doc = html(&body);
    assert_eq!(
        texts(&doc, "h1"),
        vec!["Ferry timetable changes for winter"]
    );
    assert!(body.contains("href=\"/sections/harbour-news\""), "{body}");
    assert!(body.contains("href=\"/authors/maria-halloran\""), "{body}");
    for tag in ["city-life", "ferries", "winter"] {
        assert!(body.contains(&format!("href=\"/tags/{tag}\"")), "{tag}");
    }
    assert!(body.contains("datetime=\"2025-10-14T07:30:00"), "{body}");
    assert!(body.contains("<em>winter timetable</em>"), "{body}");
    assert!(body.contains("<h2>What changes</h2>"), "{body}");
    assert!(
        body.contains("<li>The last crossing leaves at 21:30</li>"),
        "{body}"
    );
    assert!(body.contains("The ferry at the north quay"), "{body}");
    assert!(!body.contains("[caption"), "shortcodes are unwrapped");
    assert!(
        !body.contains("tracking") && !body.contains("steal()"),
        "{body}"
    );
    assert!(body.contains("remain valid until 31 October"), "{body}");

    // Approved comments only, threaded as they were: 12 answers 11, 13 answers 12; 17 answered
    // the spam comment, which is gone, so it starts a thread of its own.
    assert_eq!(texts(&doc, "#comments-heading"), vec!["Comments (4)"]);
    assert_eq!(
        texts(&doc, "li.thread > article .comment-author"),
        vec!["Jo Pennant", "Sam Rivera"]
    );
    let nested = texts(
        &doc,
        "li.thread > ol.replies > li > ol.replies > li > article .comment-body",
    );
    assert_eq!(nested, vec!["Thank you, that settles it."]);
    assert_eq!(
        texts(
            &doc,
            "li.thread > ol.replies > li > article .comment-author"
        ),
        vec!["Maria Halloran"]
    );
    assert!(body.contains("<strong>shuttle bus</strong>"), "{body}");
    assert!(!body.contains("Cheap Watches") && !body.contains("Still waiting"));
    assert!(!body.contains("Island Blog"), "pingbacks are skipped");
    assert!(
        !body.contains("jo@example.org"),
        "guest addresses are never shown"
    );
    let times = common::attrs(&doc, "article.comment time", "datetime");
    assert!(
        times.iter().any(|t| t.starts_with("2025-10-14T09:02:00")),
        "{times:?}"
    );

    // The other posts, their sections and listings.
    let body = app
        .page("/articles/library-extends-opening-hours", 200)
        .await;
    assert!(body.contains("href=\"/sections/culture\""));
    assert!(body.contains("<blockquote>"), "{body}");
    assert_eq!(
        texts(&html(&body), "#comments-heading"),
        vec!["Comments (1)"]
    );
    let listing = app.page("/authors/tomas-vesely", 200).await;
    assert!(listing.contains("Market square works begin"), "{listing}");
    assert!(
        listing.contains("Library extends opening hours"),
        "{listing}"
    );
    let section = app.page("/sections/harbour-news", 200).await;
    assert!(section.contains("Ferry timetable changes for winter"));

    // Drafts are not articles; pages are, in a section of their own, at their old address too.
    let about = app.page("/articles/about", 200).await;
    assert!(about.contains("href=\"/sections/pages\""), "{about}");
    let r = app.get("/about/").await;
    assert_eq!(r.status(), 301);
    assert_eq!(r.headers()["location"], "/articles/about");
    app.page("/articles/ferry", 404).await;
    app.page("/articles/council-pay-minutes", 404).await;
    app.page("/2025/10/29/council-pay-minutes/", 404).await;

    // Old WordPress addresses move permanently, with or without the trailing slash.
    for path in [
        "/2025/10/14/ferry-timetable-winter/",
        "/2025/10/14/ferry-timetable-winter",
    ] {
        let r = app.get(path).await;
        assert_eq!(r.status(), 301, "{path}");
        assert_eq!(r.headers()["location"], "/articles/ferry-timetable-winter");
    }
    // Only the post's own date answers; unknown dated paths are plain 404 pages.
    app.page("/2025/10/15/ferry-timetable-winter/", 404).await;
    app.page("/2025/10/14/no-such-post/", 404).await;

    // Search finds the imported body's words.
    let found = app.page("/search?q=withdrawn", 200).await;
    assert!(
        found.contains("Ferry timetable changes for winter"),
        "{found}"
    );
}

async fn a_second_run_changes_nothing(app: TestApp) {
    import_ok(&app, "import-wordpress", &fixture("wordpress.xml"));
    import_ok(&app, "import-disqus", &fixture("disqus.xml"));
    let before = app.page("/articles/ferry-timetable-winter", 200).await;

    let out = import_ok(&app, "import-wordpress", &fixture("wordpress.xml"));
    assert!(
        out.contains(
            "4 articles (4 already there), 0 sections created, 0 authors created, 0 tags created"
        ),
        "{out}"
    );
    assert!(
        out.contains("5 comments (5 already there), 0 commenters new as guests"),
        "{out}"
    );
    let out = import_ok(&app, "import-disqus", &fixture("disqus.xml"));
    assert!(
        out.contains("6 comments (6 already there), 0 commenters new as guests"),
        "{out}"
    );
    let after = app.page("/articles/ferry-timetable-winter", 200).await;
    assert_eq!(
        texts(&html(&after), "#comments-heading"),
        vec!["Comments (8)"]
    );
    assert_eq!(comment_authors(&before), comment_authors(&after));
    assert_eq!(
        texts(&html(&before), "article.comment"),
        texts(&html(&after), "article.comment")
    );
}

async fn malformed_exports_are_refused_with_their_position_and_change_nothing(app: TestApp) {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read_to_string(fixture("wordpress.xml")).unwrap();

    // Cut off in the middle of the second post.
    let cut = good.find("Library extends opening hours").unwrap();
    let truncated = dir.path().join("truncated.xml");
    std::fs::write(&truncated, &good[..cut]).unwrap();
    let run = import(&app, "import-wordpress", &truncated);
    assert!(!run.ok);
    let last_line = good[..cut].lines().count();
    assert!(
        run.stderr
            .contains(&format!("truncated.xml:line {last_line}, column")),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("not well-formed XML"), "{}", run.stderr);
    assert!(
        run.stderr.contains("nothing was imported"),
        "{}",
        run.stderr
    );

    // Well-formed, but the second post has no wp:post_name: the first post is not written either.
    let start = good.find("<wp:post_name><![CDATA[library").unwrap();
    let end = start + good[start..].find('\n').unwrap();
    let missing = dir.path().join("missing.xml");
    std::fs::write(&missing, format!("{}{}", &good[..start], &good[end..])).unwrap();
    let run = import(&app, "import-wordpress", &missing);
    assert!(!run.ok);
    let title = good.find("<title><![CDATA[Library").unwrap();
    let item_line = good[..good[..title].rfind("<item>").unwrap()]
        .lines()
        .count();
    assert!(
        run.stderr.contains(&format!(
            "missing.xml:line {item_line}, column 2: <item> has no <wp:post_name> element"
        )),
        "{}",
        run.stderr
    );

    // A Disqus post in a thread the file does not have.
    let dsq = std::fs::read_to_string(fixture("disqus.xml"))
        .unwrap()
        .replace("<thread dsq:id=\"9003\" />", "<thread dsq:id=\"9999\" />");
    let orphan = dir.path().join("orphan.xml");
    std::fs::write(&orphan, &dsq).unwrap();
    let run = import(&app, "import-disqus", &orphan);
    assert!(!run.ok);
    assert!(
        run.stderr
            .contains("post 50008 belongs to thread 9999, which is not in the file"),
        "{}",
        run.stderr
    );

    // Not an export at all.
    let other = dir.path().join("other.xml");
    std::fs::write(
        &other,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>",
    )
    .unwrap();
    let run = import(&app, "import-disqus", &other);
    assert!(!run.ok);
    assert!(
        run.stderr
            .contains("line 1, column 1: this is not a Disqus export"),
        "{}",
        run.stderr
    );

    // Nothing at all was written.
    app.page("/articles/ferry-timetable-winter", 404).await;
    app.page("/sections/harbour-news", 404).await;
    app.page("/2025/10/14/ferry-timetable-winter/", 404).await;
}

async fn a_failing_write_rolls_the_whole_import_back(app: TestApp) {
    // An article of this site already has the third post's slug.
    app.publish(&[article("market-square-works", "Harbour", 10)])
        .await;
    let run = import(&app, "import-wordpress", &fixture("wordpress.xml"));
    assert!(!run.ok);
    assert!(
        run.stderr.contains(
            "nothing was imported: WordPress post 106 has the slug `market-square-works`, which \
             an article of this site already has"
        ),
        "{}",
        run.stderr
    );
    // The posts before it in the file were written in the same transaction, and are gone.
    app.page("/articles/ferry-timetable-winter", 404).await;
    app.page("/sections/culture", 404).await;
}

async fn disqus_threads_match_by_address_and_identifier(app: TestApp) {
    import_ok(&app, "import-wordpress", &fixture("wordpress.xml"));
    // A warm cache must not hide the import (PostgreSQL: dropped at once by notification).
    if app.backend == Backend::Postgres {
        // Until it is a hit (the first import's own notification may still be arriving).
        let mut hit = false;
        for _ in 0..100 {
            let r = app.get("/articles/market-square-works").await;
            if r.headers()["x-cache"] == "hit" {
                hit = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        assert!(hit, "the page is served from the cache before the import");
    }
    let out = import_ok(&app, "import-disqus", &fixture("disqus.xml"));
    assert!(
        out.contains("3 threads matched to articles, 1 not matched"),
        "{out}"
    );
    assert!(
        out.contains("6 comments (0 already there), 3 commenters new as guests"),
        "{out}"
    );
    assert!(out.contains("skipped: 1 deleted, 1 as spam"), "{out}");
    assert!(
        out.contains(
            "not matched: https://oldsite.example/2019/06/01/summer-fair-cancelled/ (1 comment left out)"
        ),
        "{out}"
    );

    // By the WordPress-style link: beside the WordPress comments, threaded.
    let body = app.page("/articles/ferry-timetable-winter", 200).await;
    let doc = html(&body);
    assert_eq!(texts(&doc, "#comments-heading"), vec!["Comments (8)"]);
    assert_eq!(
        texts(&doc, "li.thread > article .comment-author"),
        vec!["Jo Pennant", "Sam Rivera", "Ren Okafor", "Lee Marsh"]
    );
    assert_eq!(
        texts(
            &doc,
            "li.thread > ol.replies > li > ol.replies > li > article .comment-author"
        ),
        vec!["Jo Pennant", "Ren Okafor"]
    );
    // The anonymous commenter shows by name; the script in the message is gone.
    assert!(body.contains("A passer-by"), "{body}");
    assert!(body.contains("<b>no service</b>") || body.contains("no service"));
    assert!(!body.contains("alert(1)"), "{body}");
    assert!(!body.contains("Cheap flights") && !body.contains("I take this back"));
    assert!(!body.contains("passer@example.net") && !body.contains("ren.okafor@"));
    let times = common::attrs(&doc, "article.comment time", "datetime");
    assert!(
        times.iter().any(|t| t.starts_with("2025-10-15T09:30:00")),
        "{times:?}"
    );

    // By identifier (the WordPress post id): the link says nothing useful. On PostgreSQL the
    // page was cached before the import: the importer's notification drops it (it travels
    // through the database, so look until it has arrived).
    let mut body = app.page("/articles/market-square-works", 200).await;
    for _ in 0..100 {
        if body.contains("Six weeks of detours") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        body = app.page("/articles/market-square-works", 200).await;
    }
    assert_eq!(
        texts(&html(&body), "#comments-heading"),
        vec!["Comments (1)"]
    );
    assert!(body.contains("Six weeks of detours"), "{body}");
    // By /articles/{slug}.
    let body = app
        .page("/articles/library-extends-opening-hours", 200)
        .await;
    assert_eq!(
        texts(&html(&body), "#comments-heading"),
        vec!["Comments (2)"]
    );
    assert!(body.contains("reading room"), "{body}");
    // The unmatched thread's comment went nowhere.
    for slug in [
        "ferry-timetable-winter",
        "market-square-works",
        "library-extends-opening-hours",
    ] {
        let body = app.page(&format!("/articles/{slug}"), 200).await;
        assert!(!body.contains("shame about the fair"), "{slug}");
    }
    // The front page counts them too.
    let front = app.page("/", 200).await;
    assert!(front.contains("Ferry timetable changes for winter"));
}

/// Marks a member's address as verified, as following the verification link does.
async fn verify_email(app: &TestApp, email: &str) {
    let sql = "UPDATE users SET email_verified_at = $1 WHERE email = $2";
    match app.backend {
        Backend::Sqlite => {
            let pool = sqlx::SqlitePool::connect(&app.database_url).await.unwrap();
            let done = sqlx::query(sql)
                .bind(app.clock.now())
                .bind(email)
                .execute(&pool)
                .await
                .unwrap();
            assert_eq!(done.rows_affected(), 1);
            pool.close().await;
        }
        Backend::Postgres => {
            let pool = sqlx::PgPool::connect(&app.database_url).await.unwrap();
            let done = sqlx::query(sql)
                .bind(app.clock.now())
                .bind(email)
                .execute(&pool)
                .await
                .unwrap();
            assert_eq!(done.rows_affected(), 1);
            pool.close().await;
        }
    }
}

async fn guests_comments_are_claimed_by_a_verified_member_only(app: TestApp) {
    import_ok(&app, "import-wordpress", &fixture("wordpress.xml"));
    // Jo wrote comments 11 and 13 as jo@example.org (one of them as Jo@Example.org). Her
    // account's address is not verified (signing up through the form would verify it).
    let jo = app.unverified_member("Jo").await;
    let page = jo.page("/settings/earlier-comments").await;
    assert!(
        page.contains("2 comments from an earlier account carry your address"),
        "{page}"
    );
    assert!(!page.contains("Claim them"), "{page}");
    // Not verified: refused, and nothing moves.
    let r = jo.post("/settings/earlier-comments", &[]).await;
    assert_eq!(r.status(), 409);
    let refused = r.text().await.unwrap();
    assert!(
        refused.contains("Your address is not verified yet"),
        "{refused}"
    );
    let body = app.page("/articles/ferry-timetable-winter", 200).await;
    assert_eq!(
        comment_authors(&body)
            .iter()
            .filter(|a| *a == "Jo Pennant")
            .count(),
        2
    );

    // Without the form's token: refused.
    let r = jo
        .client
        .post(app.url("/settings/earlier-comments"))
        .form(&[("csrf", "forged")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);

    verify_email(&app, "jo@example.org").await;
    let page = jo.page("/settings/earlier-comments").await;
    assert!(
        page.contains("2 comments from your earlier account (Jo Pennant)"),
        "{page}"
    );
    assert!(page.contains("Claim them"), "{page}");
    let r = jo.post("/settings/earlier-comments", &[]).await;
    assert_eq!(r.status(), 303);
    let page = jo.page("/settings/earlier-comments?claimed=2").await;
    assert!(page.contains("2 comment(s) from your earlier account are now yours"));
    assert!(page.contains("No comments from an earlier account carry your address"));

    // The comments are Jo's now: the member's name, the count unchanged, Sam's still Sam's.
    let body = app.page("/articles/ferry-timetable-winter", 200).await;
    let authors = comment_authors(&body);
    assert_eq!(
        authors.iter().filter(|a| *a == "Jo").count(),
        2,
        "{authors:?}"
    );
    assert!(!authors.iter().any(|a| a == "Jo Pennant"), "{authors:?}");
    assert!(authors.iter().any(|a| a == "Sam Rivera"), "{authors:?}");
    assert_eq!(
        texts(&html(&body), "#comments-heading"),
        vec!["Comments (4)"]
    );
    // And they are in the data Jo can download.
    let data = jo.page("/settings/data.json").await;
    assert!(data.contains("Thank you, that settles it."), "{data}");

    // Claiming again finds nothing more.
    let r = jo.post("/settings/earlier-comments", &[]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        r.headers()["location"],
        "/settings/earlier-comments?claimed=0"
    );

    // A guest is no account: its address cannot sign in, whatever the password.
    let client = common::client();
    let r = app
        .submit_form(
            &client,
            "/signin",
            &[("email", "sam@example.org"), ("password", "")],
        )
        .await;
    assert_ne!(r.status(), 303);
    assert!(
        client
            .get(app.url("/settings"))
            .send()
            .await
            .unwrap()
            .status()
            != 200
    );
}
