//! `broadsheet export` and the import of an export: a site built through HTTP and the store
//! goes out, comes back into an empty database (same backend and SQLite → PostgreSQL), goes out
//! again byte for byte the same, and serves the same pages. The schema guard keeps every table
//! either exported or listed as not exported, with why.

use std::path::Path;

use crate::common::{self, Backend, Member, TestApp, article, bin, html, t0, texts};
use broadsheet::domain::user::Role;
use broadsheet::store::export::{NOT_EXPORTED, TABLES};
use sqlx::Connection;

backend_tests!(
    a_site_comes_back_whole_from_its_export,
    every_table_is_exported_or_says_why_not,
    a_malformed_line_is_reported_and_nothing_changes,
    a_site_with_content_is_refused,
);

const BASE_URL: &str = "https://news.example.org";

async fn staff(app: &TestApp, name: &str, role: Role) -> Member {
    let m = app.member(name).await;
    m.promote(app, role).await;
    m
}

async fn ok(r: reqwest::Response, what: &str) {
    let status = r.status();
    assert_eq!(status, 303, "{what}: {}", r.text().await.unwrap());
}

/// A small site with something in every exported table: articles from files and from the
/// newsroom (revisions, a correction), threaded comments visible, pending, rejected and
/// deleted, likes, reports, a mute, a section policy, word lists, a moderation decision, a
/// ban, a role grant (logged) and a webhook endpoint.
async fn build_site(app: &TestApp) {
    app.publish(&[
        article("harbour", "Science", 30),
        article("ferry", "World", 20),
    ])
    .await;
    let admin = staff(app, "Admin", Role::Admin).await;
    let editor = staff(app, "Edna", Role::Editor).await;
    let moderator = staff(app, "Mo", Role::Moderator).await;

    // A newsroom article: saved twice, published, corrected.
    let mut form = vec![
        ("title", "Census figures"),
        ("slug", ""),
        ("summary", "How many live here."),
        ("section", "Science"),
        ("authors", "Ada Reporter, Test Writer"),
        ("tags", "testing, census"),
        ("body", "The town has 4,000 people."),
        ("image_url", ""),
        ("image_alt", ""),
        ("image_caption", ""),
        ("action", "save"),
    ];
    let r = editor.post("/admin/articles/new", &form).await;
    let location = r.headers()["location"].to_str().unwrap().to_owned();
    ok(r, "creating an article").await;
    let id: i64 = location
        .trim_start_matches("/admin/articles/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let page = editor.page(&format!("/admin/articles/{id}")).await;
    let revision = common::attrs(&html(&page), "input[name=revision]", "value").remove(0);
    form[6].1 = "The town has 4,000 people and a harbour.";
    form.push(("revision", &revision));
    ok(
        editor.post(&format!("/admin/articles/{id}"), &form).await,
        "saving again",
    )
    .await;
    ok(
        editor
            .post(
                &format!("/admin/articles/{id}/workflow"),
                &[("action", "publish")],
            )
            .await,
        "publishing",
    )
    .await;
    ok(
        editor
            .post(
                &format!("/admin/articles/{id}/corrections"),
                &[("text", "An earlier version gave the population as 40,000.")],
            )
            .await,
        "correcting",
    )
    .await;

    // Live coverage on it: a key event published then edited, and a draft.
    let live = format!("/admin/articles/{id}/live");
    ok(
        editor.post(&live, &[("action", "open")]).await,
        "opening coverage",
    )
    .await;
    for (body, action) in [("Counting begins.", "publish"), ("A draft.", "draft")] {
        let form = [("body", body), ("action", action), ("key_event", "on")];
        ok(
            editor.post(&format!("{live}/updates"), &form).await,
            "an update",
        )
        .await;
    }
    let first_update = app.store.desk_updates(id, 10).await.unwrap()[1].id;
    let form = [
        ("action", "edit"),
        ("revision", "1"),
        ("body", "Counting has begun."),
    ];
    ok(
        editor
            .post(&format!("/admin/live-updates/{first_update}"), &form)
            .await,
        "editing an update",
    )
    .await;

    // A reader's question, approved and answered (an update quoting it), and one held.
    let (slug, _) = app
        .store
        .article_slug(id, app.clock.now())
        .await
        .unwrap()
        .unwrap();
    let asker = app.member("Quentin").await;
    for body in ["Where is the harbour?", "How was it counted?"] {
        ok(
            asker
                .post(&format!("/articles/{slug}/ask"), &[("body", body)])
                .await,
            "asking",
        )
        .await;
    }
    let question = app
        .store
        .questions_in(broadsheet::domain::live_question::QuestionStatus::Held, 10)
        .await
        .unwrap()[0]
        .id;
    let decide = [("one", format!("approve:{question}"))];
    let decide: Vec<(&str, &str)> = decide.iter().map(|(k, v)| (*k, v.as_str())).collect();
    ok(
        moderator
            .post("/admin/moderation/questions/decide", &decide)
            .await,
        "approving a question",
    )
    .await;
    ok(
        editor
            .post(
                &format!("/admin/live-questions/{question}/answer"),
                &[("body", "On the east side."), ("action", "publish")],
            )
            .await,
        "answering",
    )
    .await;

    // The World section is pre-moderated; word lists and thresholds are set.
    ok(
        editor
            .post(
                "/admin/moderation/policies",
                &[
                    ("scope", "section"),
                    ("target", "world"),
                    ("mode", "premoderated"),
                    ("first", ""),
                    ("auto_close_days", ""),
                ],
            )
            .await,
        "a section policy",
    )
    .await;
    ok(
        admin
            .post(
                "/admin/moderation/settings",
                &[
                    ("mode", "open"),
                    ("first", ""),
                    ("auto_close_days", "0"),
                    ("link_hold_below", "2"),
                    ("report_threshold", "4"),
                    ("spam_threshold", "0.95"),
                    ("banned", "grotbag"),
                    ("suspect", "hmm"),
                ],
            )
            .await,
        "word lists",
    )
    .await;
    ok(
        admin
            .post(
                "/admin/webhooks",
                &[
                    ("url", "https://hooks.example.org/in"),
                    ("comment_created", "on"),
                ],
            )
            .await,
        "a webhook",
    )
    .await;

    // A WordPress site and its Disqus comments, by guests; one member signs in over SSO.
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/imports");
    let wp = std::fs::read(fixtures.join("wordpress.xml")).unwrap();
    let site = broadsheet::domain::imports::parse_wordpress(&wp).unwrap();
    app.store
        .import_wordpress(
            &site,
            &Default::default(),
            app.clock.now(),
            &broadsheet::store::Silent,
        )
        .await
        .unwrap();
    let dq = std::fs::read(fixtures.join("disqus.xml")).unwrap();
    let comments = broadsheet::domain::imports::parse_disqus(&dq).unwrap();
    app.store
        .import_disqus(&comments, app.clock.now(), &broadsheet::store::Silent)
        .await
        .unwrap();
    app.store
        .sso_member(
            "https://id.example.org",
            "staff-0042",
            &broadsheet::domain::user::Email::parse("uma@example.org").unwrap(),
            "Uma",
            app.clock.now(),
        )
        .await
        .unwrap();

    // The conversation: a thread with replies, likes, a report, each state.
    let ada = app.member("Ada").await;
    let bob = app.member("Bob").await;
    let cy = app.member("Cy").await;
    // Ada is verified and wants replies in a daily digest: Bob's reply below waits for it.
    let ada_id = app
        .store
        .user_by_email(&broadsheet::domain::user::Email::parse(&ada.email).unwrap())
        .await
        .unwrap()
        .unwrap()
        .id;
    app.store
        .mark_email_verified(ada_id, app.clock.now())
        .await
        .unwrap();
    app.store
        .set_mail_preferences(
            ada_id,
            &broadsheet::store::notifications::MailPreferences {
                replies: true,
                mentions: true,
                daily_digest: true,
                queue_alert: None,
            },
        )
        .await
        .unwrap();
    let root = ada
        .comment(
            "harbour",
            None,
            "The harbour wall is *older* than this says.",
        )
        .await;
    let reply = bob
        .comment("harbour", Some(root), "Older by how much?")
        .await;
    let _deep = ada
        .comment("harbour", Some(reply), "A century, at least.")
        .await;
    let second = cy.comment("harbour", None, "Good to see it reopen.").await;
    let rejected = bob.comment("harbour", None, "Buy cheap watches now.").await;
    let deleted = cy.comment("harbour", None, "Posted twice, sorry.").await;
    ok(
        cy.post(&format!("/comments/{deleted}/delete"), &[]).await,
        "deleting",
    )
    .await;
    let _pending = ada.comment("ferry", None, "Waiting for a moderator.").await;
    for (who, id) in [(&bob, root), (&cy, root), (&ada, second)] {
        ok(
            who.post(&format!("/comments/{id}/like"), &[("like", "1")])
                .await,
            "liking",
        )
        .await;
    }
    // Bob mutes Cy (a private mute, carried like the rest of his data).
    ok(
        bob.post("/comments/actions", &[("mute", &second.to_string())])
            .await,
        "muting",
    )
    .await;
    let r = ada
        .post(
            &format!("/comments/{rejected}/report"),
            &[("reason", "spam"), ("note", "An advert.")],
        )
        .await;
    assert_eq!(r.status(), 200, "reporting: {}", r.text().await.unwrap());
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
    let bob_id = app
        .store
        .comment(reply)
        .await
        .unwrap()
        .unwrap()
        .author_id
        .unwrap();
    ok(
        moderator
            .post(
                &format!("/admin/users/{bob_id}/ban"),
                &[("length", "7"), ("reason", "Adverts")],
            )
            .await,
        "banning",
    )
    .await;

    // A newsletter, its subscriber and an edition.
    let fields = [
        ("name", "Morning"),
        ("sender_name", "The Desk"),
        ("source", "picked"),
        ("hour", "7"),
    ];
    ok(
        editor.post("/admin/newsletters", &fields).await,
        "making a newsletter",
    )
    .await;
    let letter = app
        .store
        .newsletters()
        .await
        .unwrap()
        .remove(0)
        .id
        .0
        .to_string();
    ok(
        moderator
            .post("/newsletters/subscribe", &[("newsletter", letter.as_str())])
            .await,
        "subscribing",
    )
    .await;
    let edition = [
        ("subject", "Today"),
        ("intro", "Hello."),
        ("articles", "harbour"),
    ];
    ok(
        editor
            .post(&format!("/admin/newsletters/{letter}/editions"), &edition)
            .await,
        "drafting an edition",
    )
    .await;
}

async fn export(app: &TestApp, dir: &Path) {
    broadsheet::cli::export::export_site(&app.store, dir, "Broadsheet", BASE_URL, t0())
        .await
        .expect("export");
}

/// Every file of an export, by name.
fn files(dir: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read_to_string(e.path()).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

fn lines(dir: &Path, table: &str) -> Vec<serde_json::Value> {
    std::fs::read_to_string(dir.join(format!("{table}.jsonl")))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// An article page with the server's own address taken out (the two sites listen apart).
async fn page_of(app: &TestApp, path: &str) -> String {
    app.page(path, 200)
        .await
        .replace(&app.addr.to_string(), "SITE")
}

/// Exports `from`, imports into `to` (fresh and empty), exports again and compares.
async fn round_trip(from: &TestApp, to: &TestApp) {
    let out = tempfile::tempdir().unwrap();
    let (first, second) = (out.path().join("first"), out.path().join("second"));
    export(from, &first).await;
    let counts = broadsheet::cli::export::import_site(&to.store, &first)
        .await
        .expect("import");
    assert!(
        counts.iter().any(|&(t, n)| t == "comments" && n > 7),
        "the site's 7 comments and the imported ones: {counts:?}"
    );
    for table in [
        "mail_preferences",
        "notifications",
        "user_identities",
        "newsletters",
        "newsletter_subscriptions",
        "newsletter_editions",
        "newsletter_edition_articles",
    ] {
        assert!(
            counts.iter().any(|&(t, n)| t == table && n == 1),
            "one row of {table} carried: {counts:?}"
        );
    }
    for table in ["guest_identities", "import_sources"] {
        assert!(
            counts.iter().any(|&(t, n)| t == table && n > 0),
            "{table} carried: {counts:?}"
        );
    }
    export(to, &second).await;
    let (a, b) = (files(&first), files(&second));
    assert_eq!(a.len(), TABLES.len() + 1);
    for ((name_a, text_a), (name_b, text_b)) in a.iter().zip(&b) {
        assert_eq!(name_a, name_b);
        assert_eq!(text_a, text_b, "{name_a} differs after the round trip");
    }

    // What went out: every state, threading, likes, reports, the log, no secrets.
    let comments = lines(&first, "comments");
    let statuses: Vec<&str> = comments
        .iter()
        .map(|c| c["status"].as_str().unwrap())
        .collect();
    for s in ["visible", "pending", "rejected", "deleted"] {
        assert!(statuses.contains(&s), "{s} in {statuses:?}");
    }
    assert!(
        comments
            .iter()
            .any(|c| c["depth"] == 2 && c["parent_id"].is_i64())
    );
    assert_eq!(lines(&first, "comment_likes").len(), 3);
    assert_eq!(lines(&first, "comment_reports").len(), 1);
    assert_eq!(lines(&first, "member_mutes").len(), 1);
    let actions: Vec<String> = lines(&first, "moderation_log")
        .iter()
        .map(|l| l["action"].as_str().unwrap().to_owned())
        .collect();
    assert!(actions.len() >= 5, "roles, reject, ban: {actions:?}");
    assert!(lines(&first, "article_revisions").len() >= 2);
    assert_eq!(lines(&first, "live_updates").len(), 3);
    let questions = lines(&first, "live_questions");
    assert_eq!(questions.len(), 2);
    assert!(
        lines(&first, "live_updates")
            .iter()
            .any(|u| u["question_id"] == questions[0]["id"]),
        "the answer points at its question"
    );
    assert_eq!(lines(&first, "live_update_revisions").len(), 4);
    let users = std::fs::read_to_string(first.join("users.jsonl")).unwrap();
    assert!(!users.contains("argon2") && !users.contains("password"));
    assert!(
        !std::fs::read_to_string(first.join("webhooks.jsonl"))
            .unwrap()
            .contains("whsec_")
    );
    let settings = &lines(&first, "moderation_settings")[0];
    assert_eq!(settings["banned_words"], "grotbag");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(first.join("manifest.json")).unwrap())
            .unwrap();
    assert_eq!(manifest["site"]["base_url"], BASE_URL);
    assert_eq!(
        manifest["files"]["comments"]["records"],
        lines(&first, "comments").len(),
        "the manifest counts the lines"
    );
    assert!(
        lines(&first, "comments")
            .iter()
            .any(|c| c["guest_id"].is_i64() && c["author_id"].is_null()),
        "imported guests' comments are in the export"
    );

    // The imported site serves the same pages, finds the same articles, counts the same.
    for path in [
        "/articles/harbour",
        "/articles/census-figures",
        "/sections/science",
        "/",
    ] {
        assert_eq!(page_of(from, path).await, page_of(to, path).await, "{path}");
    }
    let doc = html(&to.page("/articles/harbour", 200).await);
    assert_eq!(texts(&doc, "#comments-heading"), vec!["Comments (4)"]);
    assert!(
        to.page("/search?q=census", 200)
            .await
            .contains("/articles/census-figures")
    );
    assert!(
        to.page("/search?q=harbour", 200)
            .await
            .contains("/articles/harbour")
    );
    // New rows follow the imported ones (PostgreSQL's sequences were moved).
    let dee = to.member("Dee").await;
    let id = dee.comment("harbour", None, "A newcomer.").await;
    let largest = comments
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .max()
        .unwrap();
    assert!(id > largest);
    // Accounts came without passwords: the old one no longer signs in.
    let signin = to
        .client
        .get(to.url("/signin"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let r = to
        .client
        .post(to.url("/signin"))
        .form(&[
            ("csrf", common::csrf_of(&signin).as_str()),
            ("email", "ada@example.org"),
            ("password", common::PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_ne!(r.status(), 303, "a password came along");
}

async fn a_site_comes_back_whole_from_its_export(app: TestApp) {
    build_site(&app).await;
    let fresh = TestApp::start(app.backend).await.unwrap();
    round_trip(&app, &fresh).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sqlite_site_moves_to_postgresql() {
    let from = TestApp::start(Backend::Sqlite).await.unwrap();
    let Some(to) = TestApp::start(Backend::Postgres).await else {
        return;
    };
    build_site(&from).await;
    round_trip(&from, &to).await;
}

/// The schema's tables and each one's columns, from the database itself.
async fn schema(app: &TestApp) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    match app.backend {
        Backend::Sqlite => {
            let mut c = sqlx::SqliteConnection::connect(&app.database_url)
                .await
                .unwrap();
            let tables: Vec<(String,)> =
                sqlx::query_as("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
                    .fetch_all(&mut c)
                    .await
                    .unwrap();
            for (t,) in tables {
                let cols: Vec<(String,)> =
                    sqlx::query_as("SELECT name FROM pragma_table_info($1) ORDER BY cid")
                        .bind(&t)
                        .fetch_all(&mut c)
                        .await
                        .unwrap();
                out.push((t, cols.into_iter().map(|c| c.0).collect()));
            }
        }
        Backend::Postgres => {
            let mut c = sqlx::PgConnection::connect(&app.database_url)
                .await
                .unwrap();
            let tables: Vec<(String,)> = sqlx::query_as(
                "SELECT table_name::text FROM information_schema.tables \
                 WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
            )
            .fetch_all(&mut c)
            .await
            .unwrap();
            for (t,) in tables {
                let cols: Vec<(String,)> = sqlx::query_as(
                    "SELECT column_name::text FROM information_schema.columns \
                     WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position",
                )
                .bind(&t)
                .fetch_all(&mut c)
                .await
                .unwrap();
                out.push((t, cols.into_iter().map(|c| c.0).collect()));
            }
        }
    }
    out
}

async fn every_table_is_exported_or_says_why_not(app: TestApp) {
    let schema = schema(&app).await;
    assert!(schema.len() > 20, "{schema:?}");
    let mut problems = Vec::new();
    for (table, columns) in &schema {
        if NOT_EXPORTED
            .iter()
            .any(|(n, why)| n == table && !why.is_empty())
        {
            continue;
        }
        let Some(spec) = TABLES.iter().find(|t| t.name == table) else {
            problems.push(format!(
                "table `{table}` is neither exported (store::export::TABLES) nor in NOT_EXPORTED with a reason"
            ));
            continue;
        };
        // Every column too: a column added later is exported or deliberately omitted.
        let mut known: Vec<&str> = spec.columns.iter().map(|c| c.0).collect();
        known.extend(spec.omitted.iter().map(|o| o.column));
        for column in columns {
            if !known.contains(&column.as_str()) {
                problems.push(format!("column `{table}.{column}` is not in the export"));
            }
        }
        for k in known {
            if !columns.iter().any(|c| c == k) {
                problems.push(format!(
                    "the export names `{table}.{k}`, which the schema lacks"
                ));
            }
        }
    }
    for spec in TABLES {
        if !schema.iter().any(|(t, _)| t == spec.name) {
            problems.push(format!(
                "the export names table `{}`, which the schema lacks",
                spec.name
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn broadsheet(database_url: &str, args: &[&str]) -> std::process::Output {
    bin()
        .args(["--database-url", database_url])
        .args(args)
        .output()
        .unwrap()
}

/// How many accounts the site has, asked of the database itself.
async fn user_count(app: &TestApp) -> i64 {
    let sql = "SELECT COUNT(*) FROM users";
    match app.backend {
        Backend::Sqlite => {
            let mut c = sqlx::SqliteConnection::connect(&app.database_url)
                .await
                .unwrap();
            sqlx::query_as::<_, (i64,)>(sql)
                .fetch_one(&mut c)
                .await
                .unwrap()
                .0
        }
        Backend::Postgres => {
            let mut c = sqlx::PgConnection::connect(&app.database_url)
                .await
                .unwrap();
            sqlx::query_as::<_, (i64,)>(sql)
                .fetch_one(&mut c)
                .await
                .unwrap()
                .0
        }
    }
}

async fn a_malformed_line_is_reported_and_nothing_changes(app: TestApp) {
    app.publish(&[article("harbour", "Science", 30)]).await;
    let ada = app.member("Ada").await;
    ada.comment("harbour", None, "First.").await;
    ada.comment("harbour", None, "Second.").await;
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("site");
    // Through the command line: the export, and a refused non-empty destination.
    let dir_str = dir.to_str().unwrap();
    let done = broadsheet(&app.database_url, &["export", dir_str]);
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    assert!(String::from_utf8_lossy(&done.stdout).contains("exported"));
    let again = broadsheet(&app.database_url, &["export", dir_str]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("is not empty"));

    // The second comment's line is broken; the import into a fresh site says where and stops.
    let path = dir.join("comments.jsonl");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut broken: Vec<String> = text.lines().map(str::to_owned).collect();
    broken[1] = broken[1].replace("\"status\":\"visible\"", "\"status\":7");
    std::fs::write(&path, broken.join("\n") + "\n").unwrap();
    let fresh = TestApp::start(app.backend).await.unwrap();
    let refused = broadsheet(&fresh.database_url, &["import", dir_str]);
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("comments.jsonl:2: field `status`: expected a string"),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was imported"), "{stderr}");
    assert_eq!(user_count(&fresh).await, 0);

    // A line the database refuses (a reply to a comment that is not there) rolls back too.
    broken[1] = text
        .lines()
        .nth(1)
        .unwrap()
        .replace("\"parent_id\":null", "\"parent_id\":999");
    std::fs::write(&path, broken.join("\n") + "\n").unwrap();
    let refused = broadsheet(&fresh.database_url, &["import", dir_str]);
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("comments.jsonl:2: the database refused it"),
        "{stderr}"
    );
    assert_eq!(
        user_count(&fresh).await,
        0,
        "the users written before were rolled back"
    );

    // Mended, it goes in, and says how members get a password.
    std::fs::write(&path, &text).unwrap();
    let done = broadsheet(&fresh.database_url, &["import", dir_str]);
    let stdout = String::from_utf8_lossy(&done.stdout);
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    assert!(stdout.contains("2 comments, 1 account\n"), "{stdout}");
    assert!(stdout.contains("/reset"), "{stdout}");
    assert_eq!(user_count(&fresh).await, 1);
}

async fn a_site_with_content_is_refused(app: TestApp) {
    app.publish(&[article("harbour", "Science", 30)]).await;
    app.member("Ada").await;
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("site");
    export(&app, &dir).await;
    // Into itself: it has content.
    let refused = broadsheet(&app.database_url, &["import", dir.to_str().unwrap()]);
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("the site already has content"), "{stderr}");
    assert!(stderr.contains("empty"), "{stderr}");
    assert_eq!(user_count(&app).await, 1);
    // A fresh site with one member is not empty either.
    let other = TestApp::start(app.backend).await.unwrap();
    other.member("Zed").await;
    let err = broadsheet::cli::export::import_site(&other.store, &dir)
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("already has content (users)"), "{err}");
}
