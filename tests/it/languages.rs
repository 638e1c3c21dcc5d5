//! Languages and time zones on both backends: the site's time zone and a member's own change
//! the times pages show but not their `datetime` attributes; search follows the site's
//! language (stemming on PostgreSQL, accents folded on both); articles in several languages
//! link to their translations ("Read in", `hreflang`, the sitemap); an automatic newsletter's
//! hour is the site's.

use crate::common::{self, Configured, TestApp, article, attrs, html, texts};
use broadsheet::domain::locale::{LanguageTag, Locale, Zone};
use broadsheet::domain::user::Role;

backend_tests!(
    mod berlin = Configured(|c| c.time_zone = Zone::parse("Europe/Berlin").unwrap());
    the_site_time_zone_changes_shown_times_but_not_datetime_attributes,
    an_automatic_newsletter_goes_out_at_the_sites_hour,
);

backend_tests!(
    a_members_time_zone_follows_them_and_only_them,
    search_follows_the_site_language,
    the_newsroom_marks_translations_and_they_link_to_each_other,
);

backend_tests!(
    mod german = Configured(|c| c.locale = Locale::De);
    a_german_site_writes_dates_and_finds_words_in_german,
);

/// `story`, published ten minutes before the test clock's start (2026-06-01T11:50:00Z).
async fn story(app: &TestApp) -> String {
    app.publish(&[article("story", "World", 10)]).await;
    app.page("/articles/story", 200).await
}

async fn the_site_time_zone_changes_shown_times_but_not_datetime_attributes(app: TestApp) {
    let page = html(&story(&app).await);
    assert_eq!(
        texts(&page, ".story-header time"),
        vec!["1 June 2026, 13:50 CEST"]
    );
    assert_eq!(
        attrs(&page, ".story-header time", "datetime"),
        vec!["2026-06-01T11:50:00Z"]
    );
    // Listings write the day in the zone too.
    let front = html(&app.page("/", 200).await);
    assert!(texts(&front, ".card time").contains(&"1 Jun 2026".to_owned()));
}

async fn a_members_time_zone_follows_them_and_only_them(app: TestApp) {
    story(&app).await;
    let traveller = app.member("Tara Traveller").await;
    let stay = app.member("Sam Stay").await;
    // Both read the members' copy of the page first, in the site's zone.
    for m in [&traveller, &stay] {
        let page = html(&m.page("/articles/story").await);
        assert_eq!(
            texts(&page, ".story-header time"),
            vec!["1 June 2026, 11:50 UTC"]
        );
    }
    let settings = traveller.page("/settings").await;
    assert!(
        settings.contains("The site’s time zone (UTC)"),
        "{settings}"
    );
    // A name that is not a zone comes back with a message.
    let r = traveller
        .post("/settings/time-zone", &[("time_zone", "Mars/Olympus")])
        .await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.contains("`Mars/Olympus` is not a time zone"), "{body}");
    let r = traveller
        .post("/settings/time-zone", &[("time_zone", "America/Sao_Paulo")])
        .await;
    assert_eq!(r.status(), 303);
    let settings = html(&traveller.page("/settings").await);
    assert_eq!(
        texts(&settings, "#time_zone option[selected]"),
        vec!["America/Sao_Paulo"]
    );
    let page = html(&traveller.page("/articles/story").await);
    assert_eq!(
        texts(&page, ".story-header time"),
        vec!["1 June 2026, 08:50 -03"]
    );
    assert_eq!(
        attrs(&page, ".story-header time", "datetime"),
        vec!["2026-06-01T11:50:00Z"]
    );
    // Comments follow the reader's zone as well.
    traveller.comment("story", None, "Read from afar.").await;
    let page = html(&traveller.page("/articles/story").await);
    assert_eq!(
        texts(&page, "#comments article time"),
        vec!["1 June 2026, 09:00 -03"]
    );
    // The other member and signed-out readers keep the site's zone.
    let page = html(&stay.page("/articles/story").await);
    assert_eq!(
        texts(&page, ".story-header time"),
        vec!["1 June 2026, 11:50 UTC"]
    );
    assert_eq!(
        texts(&page, "#comments article time"),
        vec!["1 June 2026, 12:00 UTC"]
    );
    let page = html(&app.page("/articles/story", 200).await);
    assert_eq!(
        texts(&page, ".story-header time"),
        vec!["1 June 2026, 11:50 UTC"]
    );
    // Back to the site's zone.
    let r = traveller
        .post("/settings/time-zone", &[("time_zone", "")])
        .await;
    assert_eq!(r.status(), 303);
    let page = html(&traveller.page("/articles/story").await);
    assert_eq!(
        texts(&page, ".story-header time"),
        vec!["1 June 2026, 11:50 UTC"]
    );
}

/// The titles `q` finds, through the store (which reads the index's configuration itself).
async fn found(app: &TestApp, q: &str) -> Vec<String> {
    use broadsheet::domain::search::SearchQuery;
    use broadsheet::store::search::SearchFilter;
    let filter = SearchFilter {
        limit: 20,
        ..Default::default()
    };
    let hits = app
        .store
        .search(&SearchQuery::parse(q), &filter, app.clock.now())
        .await
        .unwrap()
        .expect("not stopped");
    hits.into_iter().map(|h| h.card.title).collect()
}

/// Per shipped language: a headline, a word that finds it only through that language's
/// stemming (PostgreSQL), and one that finds it through accent folding (both backends).
const LANGUAGES: &[(&str, &str, &str, &str)] = &[
    (
        "en",
        "Harbours reopen after the storm",
        "harbour",
        "harbours",
    ),
    ("de", "Die Häfen öffnen wieder", "Hafens", "hafen"),
    ("fr", "Les marchés rouvrent à Lyon", "marche", "marches"),
    ("es", "Los puertos de Cádiz reabren", "puerto", "cadiz"),
    (
        "pt-BR",
        "Os portos de São Paulo reabrem",
        "porto",
        "Sao Paulo",
    ),
    ("ar", "افتتاح المدينة الجديدة", "مدينة", "المدينة"),
];

async fn search_follows_the_site_language(app: TestApp) {
    let stories: Vec<_> = LANGUAGES
        .iter()
        .enumerate()
        .map(|(i, (lang, title, _, _))| {
            let mut a = article(&format!("story-{i}"), "World", 10 + i as i64);
            a.title = (*title).to_owned();
            a.summary = format!("In {lang}.");
            a
        })
        .collect();
    app.publish(&stories).await;
    for (lang, title, stem, folded) in LANGUAGES {
        let tag = LanguageTag::parse(lang).unwrap();
        let rebuilt = app.store.use_search_language(&tag).await.unwrap();
        let postgres = app.backend == common::Backend::Postgres;
        // The app started in English: on PostgreSQL every other language rebuilds the index.
        let changed = postgres && *lang != "en";
        assert_eq!(rebuilt, changed, "{lang}: rebuilt only where it matters");
        assert!(
            !app.store.use_search_language(&tag).await.unwrap(),
            "{lang}: once"
        );
        assert_eq!(
            found(&app, folded).await,
            vec![title.to_owned()],
            "{lang}: {folded}"
        );
        if postgres {
            assert_eq!(
                found(&app, stem).await,
                vec![title.to_owned()],
                "{lang}: {stem}"
            );
        }
    }
    // The page answers from the same index.
    let page = html(&app.page("/search?q=Sao+Paulo", 200).await);
    assert_eq!(
        texts(&page, ".search-hit .card-title"),
        vec!["Os portos de São Paulo reabrem"]
    );
}

async fn a_german_site_writes_dates_and_finds_words_in_german(app: TestApp) {
    let mut a = article("haefen", "World", 10);
    a.title = "Die Häfen öffnen wieder".into();
    app.publish(&[a]).await;
    let page = html(&app.page("/articles/haefen", 200).await);
    let shown = texts(&page, ".story-header time");
    assert!(shown[0].starts_with("1. Juni 2026"), "{shown:?}");
    assert!(shown[0].contains("11:50"), "{shown:?}");
    assert_eq!(
        attrs(&page, ".story-header time", "datetime"),
        vec!["2026-06-01T11:50:00Z"]
    );
    let results = html(&app.page("/search?q=Hafen", 200).await);
    assert_eq!(
        texts(&results, ".search-hit .card-title"),
        vec!["Die Häfen öffnen wieder"]
    );
    if app.backend == common::Backend::Postgres {
        // Only German stemming takes "Hafens" to "Häfen".
        let results = html(&app.page("/search?q=Hafens", 200).await);
        assert_eq!(texts(&results, ".search-hit .card-title").len(), 1);
    }
}

pub(crate) async fn article_id(app: &TestApp, slug: &str) -> i64 {
    app.store
        .published_article(slug, app.clock.now())
        .await
        .unwrap()
        .unwrap()
        .card
        .id
}

async fn the_newsroom_marks_translations_and_they_link_to_each_other(app: TestApp) {
    app.publish(&[
        article("harbour", "World", 30),
        article("hafen", "World", 20),
        article("port", "World", 10),
    ])
    .await;
    let editor = app.member("Edna Editor").await;
    editor.promote(&app, Role::Editor).await;
    let hafen = article_id(&app, "hafen").await;
    let port = article_id(&app, "port").await;
    let set = async |id: i64, fields: &[(&str, &str)]| {
        editor
            .post(&format!("/admin/articles/{id}/language"), fields)
            .await
    };
    let r = set(
        hafen,
        &[("lang", "de"), ("translation_of", "/articles/harbour")],
    )
    .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let r = set(port, &[("lang", "fr"), ("translation_of", "hafen")]).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());

    let page = html(&app.page("/articles/harbour", 200).await);
    assert_eq!(texts(&page, ".read-in a"), vec!["Deutsch", "Français"]);
    assert_eq!(attrs(&page, ".read-in a", "hreflang"), vec!["de", "fr"]);
    assert_eq!(
        attrs(&page, ".read-in a", "href"),
        vec!["/articles/hafen", "/articles/port"]
    );
    // The head names every language, this page's own (the site's) included.
    let alternates: Vec<(String, String)> = attrs(&page, "link[hreflang]", "hreflang")
        .into_iter()
        .zip(attrs(&page, "link[hreflang]", "href"))
        .collect();
    let expected: Vec<(String, String)> = [("de", "hafen"), ("en", "harbour"), ("fr", "port")]
        .iter()
        .map(|(l, s)| ((*l).to_owned(), app.url(&format!("/articles/{s}"))))
        .collect();
    assert_eq!(alternates, expected);
    // The German one says so on its text, not on the page's own words.
    let page = html(&app.page("/articles/hafen", 200).await);
    assert_eq!(attrs(&page, "h1[lang]", "lang"), vec!["de"]);
    assert_eq!(attrs(&page, ".story-body[lang]", "lang"), vec!["de"]);
    assert_eq!(texts(&page, ".read-in a"), vec!["English", "Français"]);
    let page = html(&app.page("/articles/harbour", 200).await);
    assert!(attrs(&page, "h1[lang]", "lang").is_empty());

    // One article per language in a group: a second French one is refused, as typed.
    let r = set(hafen, &[("lang", "fr"), ("translation_of", "harbour")]).await;
    assert_eq!(r.status(), 409);
    let body = r.text().await.unwrap();
    assert!(
        body.contains("Another of its translations is already in fr"),
        "{body}"
    );
    let form = html(&body);
    assert_eq!(attrs(&form, "#article-lang", "value"), vec!["fr"]);
    // An unknown address and a tag that is none are refused with what to fix.
    let r = set(hafen, &[("lang", "de"), ("translation_of", "nowhere")]).await;
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("No article has the address /articles/nowhere.")
    );
    let r = set(hafen, &[("lang", "not a tag"), ("translation_of", "")]).await;
    assert_eq!(r.status(), 422);
    // The editor shows what is saved.
    let editor_page = html(&editor.page(&format!("/admin/articles/{port}")).await);
    assert_eq!(attrs(&editor_page, "#article-lang", "value"), vec!["fr"]);
    assert_eq!(
        attrs(&editor_page, "#translation-of", "value"),
        vec!["harbour"]
    );

    // The sitemap lists the alternates.
    let sitemap = app.page("/sitemaps/articles-1.xml", 200).await;
    let port_link = format!(
        r#"<xhtml:link rel="alternate" hreflang="fr" href="{}"/>"#,
        app.url("/articles/port")
    );
    assert!(sitemap.contains(&port_link), "{sitemap}");

    // Leaving the group: no switcher on the page that left.
    let r = set(port, &[("lang", "fr"), ("translation_of", "")]).await;
    assert_eq!(r.status(), 303);
    let page = html(&app.page("/articles/port", 200).await);
    assert!(texts(&page, ".read-in a").is_empty());
    assert_eq!(attrs(&page, "h1[lang]", "lang"), vec!["fr"]);
    let page = html(&app.page("/articles/harbour", 200).await);
    assert_eq!(texts(&page, ".read-in a"), vec!["Deutsch"]);
}

async fn an_automatic_newsletter_goes_out_at_the_sites_hour(app: TestApp) {
    app.publish(&[article("old-story", "science", 10)]).await;
    let editor = app.member("Edna Editor").await;
    editor.promote(&app, Role::Editor).await;
    let science = app
        .store
        .sections()
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.slug == "science")
        .unwrap()
        .id
        .to_string();
    let r = editor
        .post(
            "/admin/newsletters",
            &[
                ("name", "Science daily"),
                ("sender_name", "The Science Desk"),
                ("source", "section"),
                ("section", science.as_str()),
                ("hour", "7"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let list = editor.page("/admin/newsletters").await;
    assert!(list.contains("daily at 07:00 Europe/Berlin"), "{list}");
    let mut fresh = article("fresh-story", "science", 0);
    fresh.published_at = Some(common::t0() + chrono::Duration::hours(3));
    app.publish(&[fresh]).await;
    // 07:00 in Berlin in June is 05:00 UTC.
    let at = |s: &str| {
        chrono::DateTime::parse_from_rfc3339(s)
            .unwrap()
            .with_timezone(&chrono::Utc)
    };
    app.clock.set(at("2026-06-02T05:00:00Z"));
    let id = app.store.newsletters().await.unwrap()[0].id;
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let n = app.store.newsletter(id).await.unwrap().unwrap();
        if n.scheduled_through == at("2026-06-02T05:00:00Z") {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "no edition at 07:00 Berlin"
        );
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    let editions = app.store.editions_of(id, 10).await.unwrap();
    assert_eq!(editions.len(), 1);
    assert_eq!(editions[0].subject, "Science daily: 2 June 2026");
}
