//! Feeds, sitemaps and page metadata, on SQLite and PostgreSQL: every feed parses with a real
//! feed parser and every entry is checked; sitemaps parse as XML and every URL in them answers;
//! JSON-LD parses with the required fields.

mod common;

use common::{TestApp, article, attrs, html, texts};

backend_tests!(
    feeds_parse_and_list_the_published_articles,
    section_tag_and_author_feeds_are_scoped,
    feeds_answer_304_when_unchanged,
    sitemaps_parse_and_every_url_answers,
    article_pages_carry_structured_data_and_link_previews,
);

async fn fixtures(app: &TestApp) {
    let mut a = article("harbour-reopens", "International", 30);
    a.title = "Harbour reopens".into();
    a.authors = vec!["Mira Castell".into(), "Tom Ueda".into()];
    a.tags = vec!["ports".into(), "weather".into()];
    a.body_source = "The harbour *reopened* at dawn & ships moved.".into();
    let mut b = article("rates-hold", "Business", 60);
    b.title = "Rates hold steady".into();
    b.tags = vec!["markets".into()];
    let mut c = article("old-science", "Science", 60 * 24 * 3);
    c.updated_at = Some(common::t0() - chrono::Duration::hours(1));
    let scheduled = article("not-yet", "Business", -60);
    app.publish(&[a, b, c, scheduled]).await;
}

async fn parse_feed(app: &TestApp, path: &str, content_type: &str) -> feed_rs::model::Feed {
    let r = app.get(path).await;
    assert_eq!(r.status(), 200, "{path}");
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with(content_type),
        "{path}"
    );
    let bytes = r.bytes().await.unwrap();
    feed_rs::parser::parse(&bytes[..]).unwrap_or_else(|e| panic!("{path} does not parse: {e}"))
}

async fn feeds_parse_and_list_the_published_articles(app: TestApp) {
    fixtures(&app).await;
    for (path, kind) in [
        ("/feed.atom", "application/atom+xml"),
        ("/feed.rss", "application/rss+xml"),
        ("/feed.json", "application/feed+json"),
    ] {
        let feed = parse_feed(&app, path, kind).await;
        assert_eq!(feed.title.as_ref().unwrap().content, "Broadsheet", "{path}");
        let titles: Vec<String> = feed
            .entries
            .iter()
            .map(|e| e.title.as_ref().unwrap().content.clone())
            .collect();
        assert_eq!(
            titles,
            vec![
                "Harbour reopens",
                "Rates hold steady",
                "Headline of old-science"
            ],
            "{path}: newest first, nothing scheduled"
        );
        let first = &feed.entries[0];
        assert!(
            first.id.starts_with("tag:127.0.0.1,2026-06-01:article:"),
            "{path}: permanent id {}",
            first.id
        );
        let authors: Vec<&str> = first.authors.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(authors, vec!["Mira Castell", "Tom Ueda"], "{path}");
        let categories: Vec<&str> = first.categories.iter().map(|c| c.term.as_str()).collect();
        for expected in ["International", "ports", "weather"] {
            assert!(categories.contains(&expected), "{path}: {categories:?}");
        }
        assert_eq!(
            first.published.unwrap().to_rfc3339(),
            "2026-06-01T11:30:00+00:00",
            "{path}"
        );
        let body = first
            .content
            .as_ref()
            .and_then(|c| c.body.clone())
            .unwrap_or_default();
        assert!(
            body.contains("<em>reopened</em>") && body.contains("&amp;")
                || body.contains("<em>reopened</em> at dawn & ships"),
            "{path}: {body}"
        );
        // Every entry links to an article page that answers.
        for e in &feed.entries {
            let link = &e
                .links
                .iter()
                .find(|l| l.rel.as_deref() != Some("self"))
                .unwrap()
                .href;
            let path = link
                .strip_prefix(&format!("http://{}", app.addr))
                .unwrap_or_else(|| panic!("absolute link {link}"));
            app.page(path, 200).await;
        }
        // The updated article says when (RSS 2.0 items have no field for it; Atom and JSON do).
        if path != "/feed.rss" {
            let old = feed
                .entries
                .iter()
                .find(|e| e.title.as_ref().unwrap().content == "Headline of old-science")
                .unwrap();
            assert_eq!(
                old.updated.unwrap().to_rfc3339(),
                "2026-06-01T11:00:00+00:00",
                "{path}"
            );
        }
    }
}

async fn section_tag_and_author_feeds_are_scoped(app: TestApp) {
    fixtures(&app).await;
    let titles = |f: feed_rs::model::Feed| -> Vec<String> {
        f.entries
            .into_iter()
            .map(|e| e.title.unwrap().content)
            .collect()
    };
    assert_eq!(
        titles(parse_feed(&app, "/sections/business/feed.atom", "application/atom+xml").await),
        vec!["Rates hold steady"]
    );
    assert_eq!(
        titles(parse_feed(&app, "/sections/business/feed.rss", "application/rss+xml").await),
        vec!["Rates hold steady"]
    );
    assert_eq!(
        titles(parse_feed(&app, "/tags/ports/feed.json", "application/feed+json").await),
        vec!["Harbour reopens"]
    );
    assert_eq!(
        titles(parse_feed(&app, "/authors/tom-ueda/feed.atom", "application/atom+xml").await),
        vec!["Harbour reopens"]
    );
    for missing in [
        "/sections/nowhere/feed.atom",
        "/sections/business/feed.xml",
        "/tags/none/feed.rss",
        "/authors/nobody/feed.json",
    ] {
        app.page(missing, 404).await;
    }
    // Listing pages offer their own feed; every page offers the site's.
    let doc = html(&app.page("/sections/business", 200).await);
    let feeds = attrs(&doc, "link[rel=alternate]", "href");
    assert!(
        feeds.contains(&"/feed.atom".to_owned())
            && feeds.contains(&"/sections/business/feed.atom".to_owned()),
        "{feeds:?}"
    );
}

async fn feeds_answer_304_when_unchanged(app: TestApp) {
    fixtures(&app).await;
    let r = app.get("/feed.atom").await;
    let etag = r.headers()["etag"].to_str().unwrap().to_owned();
    let last_modified = r.headers()["last-modified"].to_str().unwrap().to_owned();
    assert_eq!(last_modified, "Mon, 01 Jun 2026 11:30:00 GMT");
    assert!(
        r.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("max-age")
    );
    let again = app
        .client
        .get(app.url("/feed.atom"))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    assert!(again.bytes().await.unwrap().is_empty());
    let since = app
        .client
        .get(app.url("/feed.atom"))
        .header("if-modified-since", &last_modified)
        .send()
        .await
        .unwrap();
    assert_eq!(since.status(), 304);
    // A new article changes the feed: the old ETag no longer matches.
    app.publish(&[article("fresh", "Science", 1)]).await;
    let changed = app
        .client
        .get(app.url("/feed.atom"))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), 200);
    assert_ne!(changed.headers()["etag"].to_str().unwrap(), etag);
}

fn locs(xml: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("not XML ({e}):\n{xml}"));
    doc.descendants()
        .filter(|n| n.has_tag_name("loc"))
        .map(|n| n.text().unwrap().to_owned())
        .collect()
}

async fn sitemaps_parse_and_every_url_answers(app: TestApp) {
    fixtures(&app).await;
    let base = format!("http://{}", app.addr);
    let index = app.page("/sitemap.xml", 200).await;
    let pages = locs(&index);
    assert_eq!(
        pages,
        vec![
            format!("{base}/sitemaps/pages.xml"),
            format!("{base}/sitemaps/news.xml"),
            format!("{base}/sitemaps/articles-1.xml")
        ]
    );
    let mut urls = Vec::new();
    for page in &pages {
        let xml = app.page(page.strip_prefix(&base).unwrap(), 200).await;
        urls.extend(locs(&xml));
    }
    assert!(urls.contains(&format!("{base}/articles/harbour-reopens")));
    assert!(urls.contains(&format!("{base}/sections/science")));
    assert!(
        !urls.iter().any(|u| u.ends_with("/not-yet")),
        "scheduled articles are not listed"
    );
    for url in &urls {
        app.page(url.strip_prefix(&base).unwrap(), 200).await;
    }
    // The news sitemap has the last 48 hours only, with titles.
    let news = app.page("/sitemaps/news.xml", 200).await;
    let news_urls = locs(&news);
    assert_eq!(news_urls.len(), 2, "{news_urls:?}");
    assert!(news.contains("<news:title>Harbour reopens</news:title>"));
    app.page("/sitemaps/articles-0.xml", 404).await;
    app.page("/sitemaps/other.xml", 404).await;
    assert!(
        app.page("/robots.txt", 200)
            .await
            .contains(&format!("Sitemap: {base}/sitemap.xml"))
    );
}

async fn article_pages_carry_structured_data_and_link_previews(app: TestApp) {
    fixtures(&app).await;
    let mut hostile = article("hostile-title", "Science", 5);
    hostile.title = "Breaking </script><script>alert(1)</script> news".into();
    app.publish(&[hostile]).await;
    let ada = app.member("Ada").await;
    ada.comment("harbour-reopens", None, "Good news").await;
    let doc = html(&app.page("/articles/harbour-reopens", 200).await);
    let ld = texts(&doc, "script[type='application/ld+json']");
    assert_eq!(ld.len(), 1);
    let v: serde_json::Value = serde_json::from_str(&ld[0]).unwrap();
    assert_eq!(v["@type"], "NewsArticle");
    assert_eq!(v["headline"], "Harbour reopens");
    assert_eq!(v["datePublished"], "2026-06-01T11:30:00Z");
    assert_eq!(v["dateModified"], "2026-06-01T11:30:00Z");
    assert_eq!(v["articleSection"], "International");
    assert_eq!(v["author"][1]["name"], "Tom Ueda");
    assert_eq!(v["publisher"]["name"], "Broadsheet");
    assert_eq!(v["commentCount"], 1);
    assert_eq!(
        attrs(&doc, "meta[property='og:type']", "content"),
        vec!["article"]
    );
    assert_eq!(
        attrs(&doc, "meta[property='og:title']", "content"),
        vec!["Harbour reopens — Broadsheet"]
    );
    assert_eq!(
        attrs(&doc, "meta[name='twitter:card']", "content"),
        vec!["summary"]
    );
    assert_eq!(
        attrs(&doc, "meta[property='og:url']", "content"),
        vec![format!("http://{}/articles/harbour-reopens", app.addr)]
    );
    // A headline cannot break out of the data block.
    let body = app.page("/articles/hostile-title", 200).await;
    assert_eq!(
        body.matches("<script").count(),
        2,
        "the data block and the site's script only"
    );
    let doc = html(&body);
    let v: serde_json::Value =
        serde_json::from_str(&texts(&doc, "script[type='application/ld+json']")[0]).unwrap();
    assert_eq!(
        v["headline"],
        "Breaking </script><script>alert(1)</script> news"
    );
    // Other pages are websites, without article data.
    let doc = html(&app.page("/", 200).await);
    assert_eq!(
        attrs(&doc, "meta[property='og:type']", "content"),
        vec!["website"]
    );
    assert!(texts(&doc, "script[type='application/ld+json']").is_empty());
}
