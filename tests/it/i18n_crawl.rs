//! Every page, under the pseudo-locale, on SQLite and PostgreSQL: on a site with content of
//! every kind (made through the store and the forms), a crawler follows every same-origin link
//! from `/`, `/admin` and `/settings` signed out, as a member and as an admin, and every HTML
//! page it reaches must say nothing that did not come through a catalogue. The area tests check
//! the pages each area chose; this one finds the pages nobody chose.

use std::collections::{BTreeSet, HashMap, VecDeque};

use crate::common::{Member, TestApp, client, html};
use crate::i18n::{assert_only_catalogue_text, month_names, time_texts};
use crate::i18n_desk::{verified, without_keys_and_times};
use broadsheet::config::Config;
use broadsheet::domain::embed::Origin;
use broadsheet::domain::locale::{Dates, Locale, Zone};
use broadsheet::domain::user::{Email, Role};
use broadsheet::domain::webhook::Event;

backend_tests!(
    mod pseudo = crate::common::Configured(in_pseudo_locale);
    every_reachable_page_says_only_what_the_catalogues_say,
);

fn in_pseudo_locale(c: &mut Config) {
    c.locale = Locale::EnXa;
}

/// Text still written in code rather than a catalogue, each owned by an area that is converting
/// it now. The test passes over these exact strings only; delete a line when its area is done.
const KNOWN_UNTRANSLATED: &[&str] = &[];

/// Pages per crawl, and addresses per path (pagination and filters multiply the queries).
const MAX_PAGES: usize = 300;
const MAX_PER_PATH: usize = 6;

const BLOG: &str = "https://blog.example";
const EMBED_PAGE: &str = "https://blog.example/2026/post";
const HOOK_URL: &str = "https://hooks.example.org/in";
const TOKEN_NAME: &str = "Nightly export";
const QUESTION: &str = "When does the night ferry return?";
const MEDIA_ALT: &str = "Cranes over the harbour at dawn";

/// What the test writes as content (names, titles, comments), which no catalogue holds.
const WRITTEN: &[&str] = &[
    "Broadsheet",
    "Science",
    "Weather",
    "ports",
    "testing",
    "Test Writer",
    "Eddie",
    "Ada Admin",
    "Ann Example",
    "Bob Reader",
    "Cal Banned",
    "Shouting",
    "Why?",
    "Headline of harbour",
    "Headline of story",
    "Headline of other",
    "Summary of harbour.",
    "Summary of story.",
    "Summary of other.",
    "First paragraph of harbour.",
    "First paragraph of story.",
    "First paragraph of other.",
    "Second paragraph with",
    "emphasis",
    "Polls have closed.",
    "Counting goes on.",
    "Trams are the answer.",
    "Only if the fares stay low.",
    "Source:",
    "https://example.org/report",
    QUESTION,
    "Morning Brief",
    "What matters this morning.",
    "The Morning Desk",
    "Blog",
    "My post",
    EMBED_PAGE,
    BLOG,
    HOOK_URL,
    TOKEN_NAME,
    MEDIA_ALT,
    "cranes.jpg",
    // The media helper's caption, and the section's slug (the desk's policy form's example).
    "Photo: Test Desk",
    "weather",
    // Addresses, formats, units, tags and the block syntax, the same in every language.
    "/sections/weather",
    "/sections/science",
    "/authors/test-writer",
    "/tags/testing",
    "/tags/ports",
    "JPEG",
    "en-XA",
    "::name",
    // The webhooks page's protocol text.
    "POST",
    "Broadsheet-Signature",
    "t=UNIX_SECONDS,v1=HEX",
    "Authorization: Bearer TOKEN",
    "https://example.com/hooks/broadsheet",
];

/// Builds the site: articles, live coverage with an update and a question, sections and a tag,
/// comments with a reply, a held comment and a report, a newsletter, an embed site with a
/// thread, a webhook, an API token and an uploaded photo. The member and the admin.
async fn a_site_with_everything(app: &TestApp) -> (Member, Member, Vec<String>) {
    let (live_id, editor) = crate::live_pages::live_story(app).await;
    app.publish(&[crate::common::article("harbour", "Science", 5)])
        .await;
    crate::live::publish(app, &editor, live_id, "Polls have closed.", true).await;
    crate::live::publish(app, &editor, live_id, "Counting goes on.", false).await;
    let admin = app.unverified_member("Ada Admin").await;
    admin.promote(app, Role::Admin).await;
    let ann = verified(app, "Ann Example").await;
    let bob = verified(app, "Bob Reader").await;
    crate::live_questions::ask(app, &bob, QUESTION, false).await;
    for (path, name) in [("/admin/sections", "Weather"), ("/admin/tags", "ports")] {
        let r = editor.post(path, &[("name", name), ("slug", "")]).await;
        assert_eq!(r.status(), 303, "{path}");
    }
    let said = ann.comment("harbour", None, "Trams are the answer.").await;
    bob.comment("harbour", Some(said), "Only if the fares stay low.")
        .await;
    ann.comment("harbour", None, "Source: https://example.org/report")
        .await;
    let r = bob
        .post(&format!("/comments/{said}/report"), &[("reason", "spam")])
        .await;
    assert!(r.status().is_redirection() || r.status().is_success());
    let r = editor
        .post(
            "/admin/newsletters",
            &[
                ("name", "Morning Brief"),
                ("description", "What matters this morning."),
                ("sender_name", "The Morning Desk"),
                ("source", "picked"),
                ("hour", "7"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let site = app
        .store
        .create_site(
            "Blog",
            &[Origin::parse(BLOG).unwrap()],
            "secret-for-tests",
            app.clock.now(),
        )
        .await
        .unwrap();
    let frame: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("site", &site.0.to_string())
        .append_pair("page", EMBED_PAGE)
        .append_pair("title", "My post")
        .finish();
    let frame = format!("/embed/thread?{frame}");
    app.page(&frame, 200).await;
    let r = admin
        .post(
            "/admin/webhooks",
            &[("url", HOOK_URL), ("article_published", "on")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let secret = app.store.webhooks().await.unwrap()[0].secret.clone();
    let token = admin.create_token(TOKEN_NAME, &["read"]).await;
    let prefix: String = token
        .chars()
        .take(broadsheet::domain::token::TOKEN_PREFIX.len() + 6)
        .collect();
    let r = crate::media::upload(app, &admin, "cranes.jpg", &crate::media::jpeg(800, 600)).await;
    assert!(r.status().is_redirection() || r.status().is_success());
    let extra = vec![
        admin.email.clone(),
        ann.email.clone(),
        bob.email.clone(),
        editor.email.clone(),
        secret,
        prefix,
        frame,
    ];
    (bob, admin, extra)
}

/// The same-origin addresses a page links to (`<a href>`, and the actions of GET forms),
/// without fragments; `from` is the page's own address.
fn links(base: &reqwest::Url, from: &reqwest::Url, body: &str) -> Vec<String> {
    let doc = html(body);
    let a = scraper::Selector::parse("a[href]").unwrap();
    let form = scraper::Selector::parse("form").unwrap();
    let hrefs =
        doc.select(&a)
            .filter_map(|e| e.value().attr("href"))
            .chain(doc.select(&form).filter_map(|e| {
                let get = e
                    .value()
                    .attr("method")
                    .is_none_or(|m| m.eq_ignore_ascii_case("get"));
                if get { e.value().attr("action") } else { None }
            }));
    let mut out = Vec::new();
    for href in hrefs {
        let Ok(mut url) = from.join(href) else {
            continue;
        };
        url.set_fragment(None);
        if url.origin() != base.origin() {
            continue;
        }
        let path = url.path();
        // POST-only actions and machine formats (the content type would skip them too, but
        // these are not worth fetching).
        if path.contains("signout")
            || path.contains("/feed")
            || [".rss", ".atom", ".json", ".xml", ".txt"]
                .iter()
                .any(|e| path.ends_with(e))
        {
            continue;
        }
        let mut s = url.path().to_owned();
        if let Some(q) = url.query() {
            s.push('?');
            s.push_str(q);
        }
        out.push(s);
    }
    out
}

/// Crawls breadth first from `starts` with `http` (which does not follow redirects: the crawler
/// follows same-origin ones itself); every HTML page as `(who path, body)`.
async fn crawl(
    app: &TestApp,
    who: &str,
    http: &reqwest::Client,
    starts: &[&str],
) -> Vec<(String, String)> {
    let base = reqwest::Url::parse(&app.url("/")).unwrap();
    let mut queue: VecDeque<String> = starts.iter().map(|s| (*s).to_owned()).collect();
    let mut seen: BTreeSet<String> = queue.iter().cloned().collect();
    let mut per_path: HashMap<String, usize> = HashMap::new();
    let mut pages = Vec::new();
    let mut fetched = 0;
    while let Some(path) = queue.pop_front() {
        fetched += 1;
        assert!(fetched <= MAX_PAGES, "{who}: more than {MAX_PAGES} pages");
        let r = http.get(app.url(&path)).send().await.unwrap();
        let status = r.status();
        assert!(!status.is_server_error(), "{who} GET {path}: {status}");
        let here = base.join(&path).unwrap();
        let mut next = Vec::new();
        if status.is_redirection() {
            if let Some(l) = r.headers().get("location") {
                next.extend(links(
                    &base,
                    &here,
                    &format!("<a href=\"{}\"></a>", l.to_str().unwrap()),
                ));
            }
        } else {
            let html_page = r
                .headers()
                .get("content-type")
                .is_some_and(|c| c.to_str().unwrap_or("").starts_with("text/html"));
            if !html_page {
                continue;
            }
            let body = r.text().await.unwrap();
            next.extend(links(&base, &here, &body));
            pages.push((format!("{who} {path} ({status})"), body));
        }
        for link in next {
            let bare = link.split('?').next().unwrap_or("").to_owned();
            let n = per_path.entry(bare).or_default();
            if *n < MAX_PER_PATH && seen.insert(link.clone()) {
                *n += 1;
                queue.push_back(link);
            }
        }
    }
    pages
}

async fn every_reachable_page_says_only_what_the_catalogues_say(app: TestApp) {
    let (member, admin, extra) = a_site_with_everything(&app).await;
    let starts = ["/", "/admin", "/settings"];
    let mut pages = crawl(&app, "signed out", &client(), &starts).await;
    pages.extend(crawl(&app, "member", &member.client, &starts).await);
    // (No page links to the newsletters' and the embed sites' administration yet.)
    let admin_starts = [starts.as_slice(), &["/admin/newsletters", "/admin/sites"]].concat();
    pages.extend(crawl(&app, "admin", &admin.client, &admin_starts).await);
    // Pages no link leads to: a banned member's question, and a form the server cannot read.
    let cal = verified(&app, "Cal Banned").await;
    let cal_id = app
        .store
        .user_by_email(&Email::parse(&cal.email).unwrap())
        .await
        .unwrap()
        .unwrap()
        .id;
    let r = admin
        .post(
            &format!("/admin/users/{cal_id}/ban"),
            &[("length", "7"), ("reason", "Shouting")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let r = cal.post("/articles/story/ask", &[("body", "Why?")]).await;
    assert_eq!(r.status(), 403);
    let body = r.text().await.unwrap();
    assert!(body.contains("Shouting"), "{body}");
    // (The ban's end, in words from the locale's formatter.)
    let ban_end = Dates::new(Locale::EnXa.language_tag(), Zone::UTC)
        .long(app.clock.now() + chrono::Duration::days(7));
    pages.push(("a banned member's question".to_owned(), body));
    let r = member.post("/articles/story/ask", &[]).await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(!body.contains("deserialize"), "{body}");
    pages.push(("an unreadable form".to_owned(), body));
    // The crawl reached the staff pages and the content, not just the front page.
    for needle in [
        "admin /admin/moderation",
        "admin /admin/webhooks",
        "admin /admin/media",
        "admin /admin/newsletters",
        "admin /admin/sites",
        "member /articles/harbour",
        "signed out /articles/story/ask",
    ] {
        assert!(
            pages.iter().any(|(name, _)| name.starts_with(needle)),
            "never reached {needle}; reached:\n{}",
            pages
                .iter()
                .map(|(n, _)| n.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
    // Dates come from the locale's formatter (each also in its `datetime`), not a catalogue.
    let times = time_texts(&pages);
    let pages: Vec<(String, String)> = pages
        .into_iter()
        // (The code element naming the webhook signature's `t` field.)
        .map(|(name, body)| {
            let body = body.replace("<code>t</code>", "<code></code>");
            (name, without_keys_and_times(&body))
        })
        .collect();
    let mut allowed: Vec<&str> = WRITTEN.to_vec();
    allowed.extend(extra.iter().map(String::as_str));
    allowed.extend(times.iter().map(String::as_str));
    allowed.extend(KNOWN_UNTRANSLATED);
    allowed.push(&ban_end);
    let events: Vec<&str> = Event::ALL.iter().map(|e| e.as_str()).collect();
    allowed.extend(events);
    // The dashboard's chart labels: days and hours from the locale's formatter, not in a
    // `<time>`.
    let months = month_names();
    allowed.extend(months.iter().map(String::as_str));
    allowed.push(Locale::EnXa.autonym());
    // The time-zone menu's choices are IANA identifiers, the same in every language.
    allowed.push("UTC");
    for zone in Zone::all() {
        allowed.push(zone);
    }
    // Longest first, so that no shorter allowed text is taken out of a longer one before it.
    allowed.sort_by_key(|a| std::cmp::Reverse(a.len()));
    assert_only_catalogue_text(&pages, &allowed);
}
