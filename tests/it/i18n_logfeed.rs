//! Languages in the moderation log and the site's feeds, on SQLite and PostgreSQL: what the site
//! records (role changes, who acted when no member of staff did, hides after reports, undos,
//! policies, what was left unchanged) is worded when shown, in the reader's language, rows
//! stored in English before migration 0038 included; the feeds' own words and language fields
//! are the site's. English reads as before.

use crate::common::{Backend, Member, TestApp, article, html, texts};
use crate::i18n_desk::{verified, without_keys_and_times};
use broadsheet::config::Config;
use broadsheet::domain::l10n::Tr;
use broadsheet::domain::locale::Locale;
use broadsheet::domain::user::{Email, Role};
use broadsheet::store::moderation::{Actor, LogFilter};

backend_tests!(
    mod pseudo = crate::common::Configured(in_pseudo_locale);
    the_log_and_feeds_say_only_what_the_catalogues_say,
);

backend_tests!(
    mod german = crate::common::Configured(in_german);
    rows_stored_in_english_read_in_the_sites_language,
    feeds_speak_the_sites_language,
);

backend_tests!(english_reads_as_before);

fn in_pseudo_locale(c: &mut Config) {
    c.locale = Locale::EnXa;
}

fn in_german(c: &mut Config) {
    c.locale = Locale::De;
}

/// What the scene leaves: the admin, the member whose role changed, a visible comment of hers.
struct Scene {
    admin: Member,
    ann: Member,
    ann_id: i64,
    comment: i64,
    /// The page the desk came back to after approving a comment already shown.
    not_changed: String,
}

async fn user_id(app: &TestApp, m: &Member) -> i64 {
    app.store
        .user_by_email(&Email::parse(&m.email).unwrap())
        .await
        .unwrap()
        .unwrap()
        .id
}

/// An admin (made from the command line) gives Ann the editor's role; the command line takes it
/// back and the admin undoes that; the Science section is closed to comments; a comment shown
/// already is approved again (and left as it was).
async fn a_logged_scene(app: &TestApp) -> Scene {
    app.publish(&[article("story", "Science", 5)]).await;
    let admin = app.unverified_member("Ada Admin").await;
    admin.promote(app, Role::Admin).await;
    let ann = verified(app, "Ann Example").await;
    let ann_id = user_id(app, &ann).await;
    let comment = ann.comment("story", None, "Trams are the answer.").await;
    let r = admin
        .post(
            &format!("/admin/users/{ann_id}/role"),
            &[("role", "editor")],
        )
        .await;
    assert_eq!(r.status(), 303);
    app.store
        .grant_role(
            ann_id,
            Role::Member,
            &Actor::command_line(),
            app.clock.now(),
        )
        .await
        .unwrap();
    let filter = LogFilter {
        action: Some("role".into()),
        user_id: Some(ann_id),
        ..Default::default()
    };
    let last = app.store.moderation_log(&filter, 1).await.unwrap()[0].id;
    let r = admin
        .post("/admin/moderation/undo", &[("log", &last.to_string())])
        .await;
    assert!(r.status().is_redirection(), "{r:?}");
    let r = admin
        .post(
            "/admin/moderation/policies",
            &[
                ("scope", "section"),
                ("target", "science"),
                ("mode", "closed"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let r = admin
        .post(
            "/admin/moderation/decide",
            &[("one", &format!("unpin:{comment}")), ("queue", "pending")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let back = r.headers()["location"].to_str().unwrap().to_owned();
    assert!(back.contains("message="), "{back}");
    let not_changed = admin.page(&back).await;
    Scene {
        admin,
        ann,
        ann_id,
        comment,
        not_changed,
    }
}

/// The log's rows: (who, what, about, why) of each.
fn log_rows(page: &str) -> Vec<Vec<String>> {
    let doc = html(page);
    let sel = scraper::Selector::parse("tr[data-action]").unwrap();
    let td = scraper::Selector::parse("td").unwrap();
    doc.select(&sel)
        .map(|tr| {
            tr.select(&td)
                .skip(2)
                .take(4)
                .map(|c| c.text().collect::<String>().trim().to_owned())
                .collect()
        })
        .collect()
}

/// The notice a page shows.
fn notice(page: &str) -> String {
    texts(&html(page), ".notice p").join(" ")
}

/// An Atom feed's `xml:lang`, title and entries' titles.
async fn atom(app: &TestApp, path: &str) -> (String, String, Vec<String>) {
    let r = app.get(path).await;
    assert_eq!(r.status(), 200, "{path}");
    let body = r.text().await.unwrap();
    let doc = roxmltree::Document::parse(&body).unwrap_or_else(|e| panic!("{path}: {e}"));
    let root = doc.root_element();
    let lang = root
        .attribute(("http://www.w3.org/XML/1998/namespace", "lang"))
        .unwrap_or_default()
        .to_owned();
    let title = |n: roxmltree::Node| {
        n.children()
            .find(|c| c.has_tag_name("title"))
            .and_then(|t| t.text())
            .unwrap_or_default()
            .to_owned()
    };
    let entries = root
        .children()
        .filter(|c| c.has_tag_name("entry"))
        .map(title)
        .collect();
    (lang, title(root), entries)
}

async fn the_log_and_feeds_say_only_what_the_catalogues_say(app: TestApp) {
    let s = a_logged_scene(&app).await;
    let tr = Tr::new(Locale::EnXa);
    let log = s.admin.page("/admin/moderation/log").await;
    let rows = log_rows(&log);
    let role = |old: &str, new: &str| tr.t2("logf-role-change", "old", tr.t(old), "new", tr.t(new));
    let whys: Vec<&str> = rows.iter().map(|r| r[3].as_str()).collect();
    for want in [
        role("desk-role-member", "desk-role-admin"),
        role("desk-role-member", "desk-role-editor"),
        role("desk-role-editor", "desk-role-member"),
        tr.t2(
            "logf-policy-section",
            "name",
            "Science",
            "mode",
            tr.t("desk-mode-closed"),
        ),
    ] {
        assert!(whys.contains(&want.as_str()), "{want} in {whys:?}");
    }
    let who: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    let command_line = tr.t("logf-actor-command-line");
    assert_eq!(
        who.iter().filter(|w| **w == command_line).count(),
        2,
        "{who:?}"
    );
    assert!(
        whys.iter()
            .any(|w| w.starts_with("[") && w.contains(&tr.t("desk-action-role"))),
        "{whys:?}"
    );
    assert!(
        notice(&s.not_changed).contains(&tr.t1("logf-comment-unchanged", "id", s.comment)),
        "{}",
        s.not_changed
    );
    let pages = vec![
        ("the log".to_owned(), without_keys_and_times(&log)),
        (
            "the desk after a decision that changed nothing".to_owned(),
            without_keys_and_times(&s.not_changed),
        ),
    ];
    crate::i18n::assert_only_catalogue_text(
        &pages,
        &[
            "Broadsheet",
            "Science",
            "science",
            "Headline of story",
            "Ada Admin",
            "Ann Example",
            "Trams are the answer.",
            s.admin.email.as_str(),
            s.ann.email.as_str(),
        ],
    );

    // The feeds' words, in the site's language whoever asks.
    let (lang, title, entries) = atom(&app, "/articles/story/comments.atom").await;
    assert_eq!(lang, "en-XA");
    assert_eq!(
        title,
        tr.t2(
            "logf-feed-comments-on",
            "title",
            "Headline of story",
            "site",
            "Broadsheet"
        )
    );
    assert_eq!(
        entries,
        [tr.t2(
            "logf-feed-comment",
            "name",
            "Ann Example",
            "title",
            "Headline of story"
        )]
    );
    let (lang, title, _) = atom(&app, &format!("/members/{}/comments.atom", s.ann_id)).await;
    assert_eq!(lang, "en-XA");
    assert_eq!(
        title,
        tr.t2(
            "logf-feed-comments-by",
            "name",
            "Ann Example",
            "site",
            "Broadsheet"
        )
    );
    let (lang, title, _) = atom(&app, "/sections/science/feed.atom").await;
    assert_eq!(lang, "en-XA");
    assert_eq!(
        title,
        tr.t2("logf-feed-of", "name", "Science", "site", "Broadsheet")
    );
}

async fn english_reads_as_before(app: TestApp) {
    let s = a_logged_scene(&app).await;
    let log = s.admin.page("/admin/moderation/log").await;
    let rows = log_rows(&log);
    let undo_of = app
        .store
        .moderation_log(
            &LogFilter {
                action: Some("role".into()),
                user_id: Some(s.ann_id),
                ..Default::default()
            },
            1,
        )
        .await
        .unwrap()[0]
        .id;
    let row = |who: &str, why: &str| vec![who.to_owned(), why.to_owned()];
    let got: Vec<Vec<String>> = rows
        .iter()
        .map(|r| vec![r[0].clone(), r[3].clone()])
        .collect();
    for want in [
        row("command line", "member → admin"),
        row("Ada Admin", "member → editor"),
        row("command line", "editor → member"),
        row("Ada Admin", &format!("undo of #{undo_of} (role)")),
        row("Ada Admin", "section Science: closed"),
    ] {
        assert!(got.contains(&want), "{want:?} in {got:?}");
    }
    assert_eq!(
        notice(&s.not_changed),
        format!(
            "Not changed: comment {} is already in that state.",
            s.comment
        )
    );

    let (lang, title, entries) = atom(&app, "/articles/story/comments.atom").await;
    assert_eq!(lang, "en");
    assert_eq!(title, "Comments on Headline of story — Broadsheet");
    assert_eq!(entries, ["Ann Example on “Headline of story”"]);
    let (_, title, _) = atom(&app, &format!("/members/{}/comments.atom", s.ann_id)).await;
    assert_eq!(title, "Comments by Ann Example — Broadsheet");
    let (lang, title, _) = atom(&app, "/sections/science/feed.atom").await;
    assert_eq!(
        (lang.as_str(), title.as_str()),
        ("en", "Science — Broadsheet")
    );
    let rss = app.page("/tags/testing/feed.rss", 200).await;
    assert!(rss.contains("<title>testing — Broadsheet</title>"), "{rss}");
    assert!(rss.contains("<language>en</language>"), "{rss}");
}

async fn feeds_speak_the_sites_language(app: TestApp) {
    app.publish(&[article("story", "Science", 5)]).await;
    let ann = verified(&app, "Ann").await;
    ann.comment("story", None, "Trams are the answer.").await;
    let (lang, title, entries) = atom(&app, "/articles/story/comments.atom").await;
    assert_eq!(lang, "de");
    assert_eq!(title, "Kommentare zu Headline of story — Broadsheet");
    assert_eq!(entries, ["Ann zu „Headline of story“"]);
    let json = app.page("/feed.json", 200).await;
    assert!(json.contains("\"language\":\"de\""), "{json}");
}

/// Runs `sql` on the test's database; the id it returns, if it returns one.
async fn sql(app: &TestApp, sql: &str) -> Option<i64> {
    use sqlx::Connection;
    match app.backend {
        Backend::Sqlite => {
            let mut c = sqlx::SqliteConnection::connect(&app.database_url)
                .await
                .unwrap();
            sqlx::query_scalar(sql)
                .fetch_optional(&mut c)
                .await
                .unwrap()
        }
        Backend::Postgres => {
            let mut c = sqlx::PgConnection::connect(&app.database_url)
                .await
                .unwrap();
            sqlx::query_scalar(sql)
                .fetch_optional(&mut c)
                .await
                .unwrap()
        }
    }
}

/// A log row as the site wrote it before migration 0038: its id.
async fn old_row(app: &TestApp, actor: &str, action: &str, reason: &str, before: &str) -> i64 {
    let q = |s: &str| s.replace('\'', "''");
    let after = if action == "role" { "admin" } else { "" };
    sql(
        app,
        &format!(
            "INSERT INTO moderation_log (at, actor_id, actor_name, action, reason, before, after) \
             VALUES ('2026-01-01T00:00:00+00:00', NULL, '{}', '{action}', '{}', '{}', '{after}') \
             RETURNING id",
            q(actor),
            q(reason),
            q(before)
        ),
    )
    .await
    .expect("an id")
}

async fn rows_stored_in_english_read_in_the_sites_language(app: TestApp) {
    let admin = app.unverified_member("Ada Admin").await;
    admin.promote(&app, Role::Admin).await;
    // The rows, as the English site stored them.
    let role = old_row(&app, "command line", "role", "member → admin", "member").await;
    let before = serde_json::json!({
        "status": "visible", "held_reason": null, "moderation_note": "", "pinned_at": null,
        "trained_as": null, "open_reports": 4,
    });
    old_row(
        &app,
        "Broadsheet (automatic)",
        "auto_hide",
        "open reports weighing 3 from established members (4 in all)",
        &before.to_string(),
    )
    .await;
    let undo = old_row(
        &app,
        "Ada Admin",
        "undo",
        &format!("undo of #{role} (role)"),
        "",
    )
    .await;
    sql(
        &app,
        &format!("UPDATE moderation_log SET undone_by = {undo} WHERE id = {role}"),
    )
    .await;
    // What migration 0038 does to them.
    let dir = match app.backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    let path = format!(
        "{}/migrations/{dir}/0038_moderation_log_words.sql",
        env!("CARGO_MANIFEST_DIR")
    );
    let migration: String = std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim_start().starts_with("--"))
        .collect::<Vec<_>>()
        .join("\n");
    for statement in migration.split(';').map(str::trim) {
        if statement.starts_with("UPDATE") {
            sql(&app, statement).await;
        }
    }

    let log = admin.page("/admin/moderation/log").await;
    let rows = log_rows(&log);
    let tr = Tr::new(Locale::De);
    let got: Vec<Vec<String>> = rows
        .iter()
        .map(|r| vec![r[0].clone(), r[3].clone()])
        .collect();
    let row = |who: String, why: String| vec![who, why];
    for want in [
        row(
            "Kommandozeile".to_owned(),
            format!("{} → {}", tr.t("desk-role-member"), tr.t("desk-role-admin")),
        ),
        row(
            "Broadsheet (automatisch)".to_owned(),
            "offene Meldungen etablierter Mitglieder mit Gewicht 3 (insgesamt 4)".to_owned(),
        ),
        row(
            "Ada Admin".to_owned(),
            tr.t2(
                "logf-undo-of",
                "id",
                role,
                "action",
                tr.t("desk-action-role"),
            ),
        ),
    ] {
        assert!(got.contains(&want), "{want:?} in {got:?}");
    }
    for english in ["command line", "automatic", "in all", "undo of", "member →"] {
        assert!(!log.contains(english), "{english}: {log}");
    }
}
