//! The reading pages in other languages, on SQLite and PostgreSQL: under the pseudo-locale they
//! say nothing that did not come through a catalogue (the front page, a section, a topic, an
//! author, an article signed out and in, search with and without results, live coverage and
//! its question page, the newsletter pages and a refused sign-up); in German and in Arabic a
//! few key words and an article's date in the site's time zone.

use crate::common::{Member, TestApp, article, attrs, client, csrf_of, html, outbox, texts};
use crate::i18n::assert_only_catalogue_text;
use broadsheet::config::Config;
use broadsheet::domain::locale::{Locale, Zone};

backend_tests!(
    mod pseudo = crate::common::Configured(in_pseudo_locale);
    reading_pages_say_only_what_the_catalogues_say,
);

backend_tests!(
    mod german = crate::common::Configured(in_german_in_berlin);
    the_reading_pages_speak_german_in_berlin_time,
);

backend_tests!(
    mod arabic = crate::common::Configured(in_arabic_in_cairo);
    the_reading_pages_speak_arabic_in_cairo_time,
);

fn in_pseudo_locale(c: &mut Config) {
    c.locale = Locale::EnXa;
}

fn in_german_in_berlin(c: &mut Config) {
    c.locale = Locale::De;
    c.time_zone = Zone::parse("Europe/Berlin").unwrap();
}

fn in_arabic_in_cairo(c: &mut Config) {
    c.locale = Locale::Ar;
    c.time_zone = Zone::parse("Africa/Cairo").unwrap();
}

/// "harbour" (Science, 5 minutes before the test clock's start) and "tides" beside
/// `live_pages`' "story", whose live coverage an editor opens with a key event and an update;
/// the editor.
async fn stories(app: &TestApp) -> Member {
    app.publish(&[
        article("harbour", "Science", 5),
        article("tides", "Science", 10),
    ])
    .await;
    let (id, editor) = crate::live_pages::live_story(app).await;
    crate::live::publish(app, &editor, id, "Polls have closed.", true).await;
    crate::live::publish(app, &editor, id, "Counting goes on.", false).await;
    editor
}

/// A newsletter made through the admin form.
async fn newsletter(editor: &Member) {
    let r = editor
        .post(
            "/admin/newsletters",
            &[
                ("name", "Morning Briefing"),
                ("description", "What matters this morning."),
                ("sender_name", "The Morning Desk"),
                ("source", "picked"),
                ("hour", "7"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
}

/// A signed-out reader asks for the site's first newsletter at `email`, from its page.
async fn sign_up(app: &TestApp, email: &str) -> reqwest::Response {
    let letter = app.store.newsletters().await.unwrap()[0].id.0.to_string();
    let reader = client();
    let list = reader.get(app.url("/newsletters")).send().await.unwrap();
    let csrf = csrf_of(&list.text().await.unwrap());
    reader
        .post(app.url("/newsletters/subscribe"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("newsletter", letter.as_str()),
            ("email", email),
        ])
        .send()
        .await
        .unwrap()
}

/// The page without its conversation (the thread's words are another catalogue's, checked by
/// its own test).
fn without_conversation(body: &str) -> String {
    match (body.find("<section id=\"comments\""), body.find("</main>")) {
        (Some(from), Some(to)) if from < to => format!("{}{}", &body[..from], &body[to..]),
        _ => body.to_owned(),
    }
}

/// The text of every `<time>` on the pages: dates and times in words come from the date
/// formatter (ICU4X, chrono), not from a catalogue.
fn times(pages: &[(String, String)]) -> Vec<String> {
    pages
        .iter()
        .flat_map(|(_, body)| texts(&html(body), "time"))
        .collect()
}

async fn reading_pages_say_only_what_the_catalogues_say(app: TestApp) {
    let editor = stories(&app).await;
    newsletter(&editor).await;
    let ann = app.unverified_member("Ann").await;
    let mut pages = Vec::new();
    for (path, status) in [
        ("/", 200),
        ("/sections/science", 200),
        ("/tags/testing", 200),
        ("/authors/test-writer", 200),
        ("/articles/harbour", 200),
        ("/search", 200),
        ("/search?q=harbour", 200),
        ("/search?q=zzzqqq&page=2&from=soon&section=nowhere", 200),
        ("/articles/story", 200),
        ("/articles/story/ask", 200),
        ("/newsletters", 200),
        ("/newsletters/confirm/not-a-real-token", 410),
        ("/newsletters/unsubscribe/not-a-real-token", 404),
        ("/unsubscribe/not-a-real-token", 404),
    ] {
        let body = app.page(path, status).await;
        pages.push((format!("signed out {path}"), without_conversation(&body)));
    }
    for path in [
        "/articles/harbour",
        "/articles/story",
        "/articles/story/ask",
        "/newsletters",
    ] {
        let r = ann.get(path).await;
        assert_eq!(r.status(), 200, "{path}");
        let body = r.text().await.unwrap();
        pages.push((format!("signed in {path}"), without_conversation(&body)));
    }
    // A refused sign-up to a newsletter comes back with its message, in the catalogue's words.
    let r = sign_up(&app, "not an address").await;
    assert_eq!(r.status(), 422);
    let refused = r.text().await.unwrap();
    assert_eq!(texts(&html(&refused), ".form-error").len(), 1, "{refused}");
    pages.push(("a refused newsletter sign-up".to_owned(), refused));
    // A question refused for being empty.
    let r = ann.post("/articles/story/ask", &[("body", "  ")]).await;
    assert_eq!(r.status(), 422);
    pages.push(("a refused question".to_owned(), r.text().await.unwrap()));
    // What the members, the newsroom and the operator wrote.
    let written = [
        "Broadsheet",
        "Ann",
        ann.email.as_str(),
        "Eddie",
        "Test Writer",
        "Science",
        "testing",
        "Headline of harbour",
        "Headline of tides",
        "Headline of story",
        "Headline of other",
        "Summary of harbour.",
        "Summary of tides.",
        "Summary of story.",
        "Summary of other.",
        // (A search snippet's words around its marked match.)
        "First paragraph of",
        "First paragraph of story.",
        "First paragraph of harbour.",
        "Second paragraph with",
        "emphasis",
        "Polls have closed.",
        "Counting goes on.",
        "Morning Briefing",
        "What matters this morning.",
        // Typed by the reader and repeated back (the query, a refused date and section).
        "harbour",
        "zzzqqq",
        "soon",
        "nowhere",
        "not an address",
    ];
    let times = times(&pages);
    let mut allowed: Vec<&str> = written.to_vec();
    allowed.extend(times.iter().map(String::as_str));
    assert_only_catalogue_text(&pages, &allowed);
}

/// Every card's comment count on the page (there are some) reads `expected`.
fn every_comment_count_reads(doc: &scraper::Html, expected: &str) {
    let counts = texts(doc, ".comment-count");
    assert!(
        !counts.is_empty() && counts.iter().all(|t| t == expected),
        "{counts:?}"
    );
}

async fn the_reading_pages_speak_german_in_berlin_time(app: TestApp) {
    let editor = stories(&app).await;
    let front = html(&app.page("/", 200).await);
    assert_eq!(texts(&front, "#lead-heading"), ["Aufmacher"]);
    every_comment_count_reads(&front, "0 Kommentare");
    let page = html(&app.page("/articles/harbour", 200).await);
    // 11:55 UTC on 1 June is 13:55 summer time in Berlin; the attribute stays UTC.
    let meta = texts(&page, ".story-header .meta");
    assert!(
        meta[0].starts_with("Von Test Writer Veröffentlicht am 1. Juni 2026"),
        "{meta:?}"
    );
    assert!(
        meta[0].contains("13:55") && meta[0].contains("MESZ"),
        "{meta:?}"
    );
    assert_eq!(
        attrs(&page, ".story-header time", "datetime"),
        ["2026-06-01T11:55:00Z"]
    );
    let live = html(&app.page("/articles/story", 200).await);
    assert_eq!(texts(&live, "#live-updates-heading"), ["Liveticker"]);
    assert_eq!(texts(&live, "#key-events-heading"), ["Das Wichtigste"]);
    let search = html(&app.page("/search?q=zzzqqq", 200).await);
    assert_eq!(texts(&search, "h1"), ["Suche"]);
    assert_eq!(
        texts(&search, ".results-heading"),
        ["Keine Artikel zu „zzzqqq“."]
    );
    let section = html(&app.page("/sections/science", 200).await);
    assert_eq!(texts(&section, ".kicker")[0], "Ressort");
    // Signing up for a newsletter: the page's notice and the confirmation mail.
    newsletter(&editor).await;
    let r = sign_up(&app, "leser@example.org").await;
    assert_eq!(r.status(), 200);
    let notice = texts(&html(&r.text().await.unwrap()), "[role=status]");
    assert_eq!(
        notice,
        [
            "Sehen Sie in Ihr Postfach: Wir haben einen Link an leser@example.org geschickt, \
          mit dem Sie Ihr Abonnement von Morning Briefing bestätigen."
        ]
    );
    let mails = outbox(app.data_dir.path());
    let mail = mails
        .iter()
        .find(|m| m.to.iter().any(|t| t.contains("leser@example.org")))
        .expect("a confirmation mail");
    assert_eq!(
        mail.header("Subject").as_deref(),
        Some("Bestätigen Sie Ihr Abonnement von Morning Briefing")
    );
    assert!(
        mail.text().contains("innerhalb von 48 Stunden"),
        "{}",
        mail.text()
    );
}

async fn the_reading_pages_speak_arabic_in_cairo_time(app: TestApp) {
    stories(&app).await;
    let page = app.page("/articles/harbour", 200).await;
    let doc = html(&page);
    // 11:55 UTC on 1 June is 2:55 in the afternoon in Cairo (summer time, UTC+3), as CLDR
    // writes it in Arabic.
    let published = texts(&doc, ".story-header time");
    assert!(published[0].contains("يونيو"), "{published:?}");
    assert!(published[0].contains("2:55 م"), "{published:?}");
    assert!(published[0].contains("+3"), "{published:?}");
    assert_eq!(
        attrs(&doc, ".story-header time", "datetime"),
        ["2026-06-01T11:55:00Z"]
    );
    assert!(
        texts(&doc, ".story-header .meta")[0].starts_with("بقلم"),
        "{page}"
    );
    let front = html(&app.page("/", 200).await);
    every_comment_count_reads(&front, "لا تعليقات");
    let search = html(&app.page("/search?q=zzzqqq", 200).await);
    assert_eq!(texts(&search, "h1"), ["بحث"]);
    assert_eq!(
        attrs(&search, "form.search-form", "aria-label"),
        ["البحث في المقالات"]
    );
    let letters = html(&app.page("/newsletters", 200).await);
    assert_eq!(texts(&letters, "h1"), ["النشرات البريدية"]);
}
