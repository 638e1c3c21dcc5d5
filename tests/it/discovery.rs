//! Feeds, sitemaps and page metadata, on SQLite and PostgreSQL: every feed parses with a real
//! feed parser and every entry is checked; sitemaps parse as XML and every URL in them answers;
//! JSON-LD parses with the required fields.

use crate::common::{self, TestApp, article, attrs, html, texts};

backend_tests!(
    feeds_parse_and_list_the_published_articles,
    section_tag_and_author_feeds_are_scoped,
    feeds_answer_304_when_unchanged,
    sitemaps_parse_and_every_url_answers,
    article_pages_carry_structured_data_and_link_previews,
    featured_images_reach_the_page_previews_feeds_and_api,
    summary_feeds_carry_summaries_only,
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
        3,
        "the two data blocks (structured data, the conversation's words) and the site's script only"
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

/// An article file with a featured image, parsed as `broadsheet import` parses it.
fn illustrated(slug: &str, image_fields: &str, minutes_ago: i64) -> broadsheet::domain::NewArticle {
    let published = (common::t0() - chrono::Duration::minutes(minutes_ago))
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let text = format!(
        "---\ntitle: \"Pictures of {slug}\"\nslug: {slug}\nsection: Science\nauthor: Ana Ruiz\n\
         published_at: {published}\nsummary: \"Summary of {slug}.\"\n{image_fields}---\n\n\
         The body of {slug} with *emphasis*.\n"
    );
    broadsheet::domain::frontmatter::parse(&text).unwrap()
}

async fn featured_images_reach_the_page_previews_feeds_and_api(app: TestApp) {
    let base = format!("http://{}", app.addr);
    app.publish(&[
        illustrated(
            "local-picture",
            "image: /media/cranes.jpg\nimage_alt: \"Cranes <at> dawn\"\nimage_caption: \"Photo: Ana Ruiz\"\n",
            20,
        ),
        illustrated(
            "remote-picture",
            "image: https://cdn.example.org/p/123\nimage_alt: A chart of tides\n",
            10,
        ),
        illustrated("no-picture", "", 5),
    ])
    .await;

    // The page: a figure with the alt text and the caption, escaped.
    let body = app.page("/articles/local-picture", 200).await;
    assert!(body.contains("Cranes &lt;at&gt; dawn") || body.contains("Cranes &#60;at&#62; dawn"));
    let doc = html(&body);
    assert_eq!(
        attrs(&doc, "figure.story-image img", "src"),
        vec!["/media/cranes.jpg"]
    );
    assert_eq!(
        attrs(&doc, "figure.story-image img", "alt"),
        vec!["Cranes <at> dawn"]
    );
    assert_eq!(
        texts(&doc, "figure.story-image figcaption"),
        vec!["Photo: Ana Ruiz"]
    );
    // Link previews name the absolute URL and ask for the large card.
    let cranes = format!("{base}/media/cranes.jpg");
    assert_eq!(
        attrs(&doc, "meta[property='og:image']", "content"),
        vec![cranes.clone()]
    );
    assert_eq!(
        attrs(&doc, "meta[property='og:image:alt']", "content"),
        vec!["Cranes <at> dawn"]
    );
    assert_eq!(
        attrs(&doc, "meta[name='twitter:card']", "content"),
        vec!["summary_large_image"]
    );
    let ld: serde_json::Value =
        serde_json::from_str(&texts(&doc, "script[type='application/ld+json']")[0]).unwrap();
    assert_eq!(ld["image"]["url"], cranes.as_str());
    assert_eq!(ld["image"]["caption"], "Photo: Ana Ruiz");

    let doc = html(&app.page("/articles/remote-picture", 200).await);
    assert_eq!(
        attrs(&doc, "figure.story-image img", "src"),
        vec!["https://cdn.example.org/p/123"]
    );
    assert!(texts(&doc, "figure.story-image figcaption").is_empty());
    assert_eq!(
        attrs(&doc, "meta[property='og:image']", "content"),
        vec!["https://cdn.example.org/p/123"]
    );
    // Without an image: no figure, no og:image, the small card, no image in the data.
    let doc = html(&app.page("/articles/no-picture", 200).await);
    assert!(attrs(&doc, "figure img", "src").is_empty());
    assert!(attrs(&doc, "meta[property='og:image']", "content").is_empty());
    assert_eq!(
        attrs(&doc, "meta[name='twitter:card']", "content"),
        vec!["summary"]
    );
    let ld: serde_json::Value =
        serde_json::from_str(&texts(&doc, "script[type='application/ld+json']")[0]).unwrap();
    assert!(ld.get("image").is_none());

    // Feeds: an RSS enclosure, an Atom enclosure link, a JSON Feed image; absolute URLs, the
    // type from the extension (the generic one without), length 0 (not known).
    let rss = app.page("/feed.rss", 200).await;
    let doc = roxmltree::Document::parse(&rss).unwrap();
    let enclosures: Vec<(String, String, String)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("enclosure"))
        .map(|n| {
            let a = |k| n.attribute(k).unwrap_or_default().to_owned();
            (a("url"), a("type"), a("length"))
        })
        .collect();
    assert_eq!(
        enclosures,
        vec![
            (
                "https://cdn.example.org/p/123".to_owned(),
                "application/octet-stream".to_owned(),
                "0".to_owned()
            ),
            (cranes.clone(), "image/jpeg".to_owned(), "0".to_owned()),
        ]
    );
    let atom = app.page("/feed.atom", 200).await;
    let doc = roxmltree::Document::parse(&atom).unwrap();
    let links: Vec<(String, String, String)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("link") && n.attribute("rel") == Some("enclosure"))
        .map(|n| {
            let a = |k| n.attribute(k).unwrap_or_default().to_owned();
            (a("href"), a("type"), a("length"))
        })
        .collect();
    assert_eq!(
        links,
        vec![
            (
                "https://cdn.example.org/p/123".to_owned(),
                "application/octet-stream".to_owned(),
                "0".to_owned()
            ),
            (cranes.clone(), "image/jpeg".to_owned(), "0".to_owned()),
        ]
    );
    // And real feed readers see them.
    let feed = parse_feed(&app, "/feed.rss", "application/rss+xml").await;
    let local = feed
        .entries
        .iter()
        .find(|e| e.title.as_ref().unwrap().content == "Pictures of local-picture")
        .unwrap();
    let media: Vec<String> = local
        .media
        .iter()
        .flat_map(|m| m.content.iter())
        .filter_map(|c| c.url.as_ref().map(|u| u.to_string()))
        .collect();
    assert_eq!(media, vec![cranes.clone()]);
    let json: serde_json::Value = serde_json::from_str(&app.page("/feed.json", 200).await).unwrap();
    let images: Vec<serde_json::Value> = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["image"].clone())
        .collect();
    assert_eq!(
        images,
        vec![
            serde_json::Value::Null,
            "https://cdn.example.org/p/123".into(),
            cranes.clone().into()
        ]
    );
    parse_feed(&app, "/feed.json", "application/feed+json").await;
    parse_feed(&app, "/feed.atom", "application/atom+xml").await;

    // The API: absolute URL, alt and caption; null without an image.
    let api: serde_json::Value =
        serde_json::from_str(&app.page("/api/v1/articles/local-picture", 200).await).unwrap();
    assert_eq!(
        api["image"],
        serde_json::json!({ "url": cranes, "alt": "Cranes <at> dawn", "caption": "Photo: Ana Ruiz" })
    );
    let api: serde_json::Value =
        serde_json::from_str(&app.page("/api/v1/articles/remote-picture", 200).await).unwrap();
    assert_eq!(api["image"]["caption"], serde_json::Value::Null);
    let api: serde_json::Value =
        serde_json::from_str(&app.page("/api/v1/articles/no-picture", 200).await).unwrap();
    assert_eq!(api["image"], serde_json::Value::Null);
}

async fn summary_feeds_carry_summaries_only(app: TestApp) {
    let app = TestApp::start_with(app.backend, |c| {
        c.feed_content = broadsheet::config::FeedContent::Summary
    })
    .await
    .unwrap();
    fixtures(&app).await;
    let mut silent = article("no-summary", "Science", 1);
    silent.summary = String::new();
    app.publish(&[silent]).await;
    for (path, kind) in [
        ("/feed.atom", "application/atom+xml"),
        ("/feed.rss", "application/rss+xml"),
        ("/feed.json", "application/feed+json"),
    ] {
        let feed = parse_feed(&app, path, kind).await;
        assert_eq!(feed.entries.len(), 4, "{path}");
        for e in &feed.entries {
            let title = &e.title.as_ref().unwrap().content;
            let body = e.content.as_ref().and_then(|c| c.body.clone());
            // No body anywhere: only the summary (JSON Feed carries it as content_text).
            assert!(
                !body.as_deref().unwrap_or_default().contains("paragraph"),
                "{path}: {title}: {body:?}"
            );
            if title == "Headline of no-summary" {
                continue;
            }
            let expected = if title == "Harbour reopens" {
                "Summary of harbour-reopens."
            } else if title == "Rates hold steady" {
                "Summary of rates-hold."
            } else {
                "Summary of old-science."
            };
            let summary = e.summary.as_ref().map(|s| s.content.clone());
            assert!(
                summary.as_deref() == Some(expected) || body.as_deref() == Some(expected),
                "{path}: {title}: {summary:?} {body:?}"
            );
        }
        let raw = app.page(path, 200).await;
        assert!(!raw.contains("reopened"), "{path}: no body text:\n{raw}");
        assert!(!raw.contains("content:encoded"), "{path}");
    }
    let json: serde_json::Value = serde_json::from_str(&app.page("/feed.json", 200).await).unwrap();
    for item in json["items"].as_array().unwrap() {
        assert!(item.get("content_html").is_none(), "{item}");
        assert_eq!(item["content_text"], item["summary"], "{item}");
    }
    let atom = app.page("/feed.atom", 200).await;
    assert!(!atom.contains("<content"), "{atom}");

    // The default is the whole article.
    let full = TestApp::start(app.backend).await.unwrap();
    fixtures(&full).await;
    let raw = full.page("/feed.rss", 200).await;
    assert!(raw.contains("content:encoded") && raw.contains("reopened"));
}
