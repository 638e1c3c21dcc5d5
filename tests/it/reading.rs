//! The reading site over real HTTP, on SQLite and PostgreSQL: front page, article page and its
//! conversation block, listings and their pagination, 404s and bad input.

use crate::common::{self, TestApp, article, attrs, html, texts};

backend_tests!(
    front_page_shows_lead_and_sections,
    article_page_has_headline_byline_body_and_conversation_block,
    article_body_is_sanitised,
    updated_time_is_shown_only_when_there_is_an_update,
    unpublished_and_scheduled_articles_stay_hidden,
    section_pages_are_newest_first_and_paginate,
    tag_and_author_pages_list_their_articles,
    unknown_pages_answer_404_with_a_real_page,
    malformed_page_links_get_a_readable_400,
    article_page_costs_the_same_queries_whatever_the_site_size,
    related_articles_rank_by_shared_tags_and_skip_unpublished,
    related_articles_cost_the_same_queries_however_popular_the_tags,
);

async fn front_page_shows_lead_and_sections(app: TestApp) {
    app.publish(&[
        article("old-business", "Business", 300),
        article("newest-world", "International", 5),
        article("science-one", "Science", 60),
    ])
    .await;
    let doc = html(&app.page("/", 200).await);
    assert_eq!(
        texts(&doc, ".lead .card-title"),
        vec!["Headline of newest-world"],
        "the newest story leads"
    );
    let headings = texts(&doc, ".section-heading");
    assert!(headings.contains(&"Business".to_owned()), "{headings:?}");
    assert!(headings.contains(&"Science".to_owned()), "{headings:?}");
    // The lead is not repeated in its section; International has nothing else.
    assert!(
        !headings.contains(&"International".to_owned()),
        "{headings:?}"
    );
    let card = texts(&doc, ".section-block .card").join("\n");
    assert!(card.contains("Summary of old-business."), "{card}");
    assert!(card.contains("By Test Writer"), "{card}");
    assert!(card.contains("0 comments"), "{card}");
    assert_eq!(
        attrs(&doc, ".lead time", "datetime"),
        vec!["2026-06-01T11:55:00Z"]
    );
    // Each story links to its article page, and that page answers.
    for href in attrs(&doc, ".card-title a", "href") {
        app.page(&href, 200).await;
    }
}

async fn article_page_has_headline_byline_body_and_conversation_block(app: TestApp) {
    let mut a = article("harbour-reopens", "International", 10);
    a.authors = vec!["Mira Castell".into(), "Tom Ueda".into()];
    a.tags = vec!["ports".into(), "weather".into()];
    app.publish(&[a]).await;
    let body = app.page("/articles/harbour-reopens", 200).await;
    let doc = html(&body);
    assert_eq!(texts(&doc, "h1"), vec!["Headline of harbour-reopens"]);
    assert_eq!(
        attrs(&doc, ".story .kicker a", "href"),
        vec!["/sections/international"]
    );
    assert_eq!(texts(&doc, ".story .kicker a"), vec!["International"]);
    assert_eq!(
        texts(&doc, ".story .byline"),
        vec!["By Mira Castell and Tom Ueda"]
    );
    assert_eq!(
        attrs(&doc, ".story .byline a", "href"),
        vec!["/authors/mira-castell", "/authors/tom-ueda"]
    );
    assert_eq!(
        attrs(&doc, ".story-header time", "datetime"),
        vec!["2026-06-01T11:50:00Z"]
    );
    assert!(body.contains("<em>emphasis</em>"), "Markdown is rendered");
    assert_eq!(
        attrs(&doc, ".tags a", "href"),
        vec!["/tags/ports", "/tags/weather"]
    );
    assert_eq!(
        texts(&doc, "title"),
        vec!["Headline of harbour-reopens — Broadsheet"]
    );

    // The conversation block, exactly as the contract words it for a signed-out reader.
    assert_eq!(texts(&doc, "#comments h2"), vec!["Comments (0)"]);
    assert_eq!(texts(&doc, "#comments h3"), vec!["Join the conversation"]);
    assert_eq!(
        texts(&doc, "#comments .join p"),
        vec!["Sign in to share your thoughts and engage with the community."]
    );
    assert_eq!(
        attrs(&doc, "#comments .join a", "href"),
        vec!["/signin?return_to=/articles/harbour-reopens"],
        "links to /signin, coming back to the article afterwards"
    );
    assert_eq!(
        texts(&doc, "#comments .no-comments p"),
        vec!["No comments yet", "Be the first to share your thoughts!"]
    );
    // Landmarks and the skip link.
    assert_eq!(attrs(&doc, "a.skip-link", "href"), vec!["#main"]);
    assert_eq!(texts(&doc, "main#main").len(), 1);
    assert_eq!(
        attrs(
            &doc,
            "nav[aria-label=Sections] a[aria-current=page]",
            "href"
        ),
        vec!["/sections/international"]
    );
}

async fn article_body_is_sanitised(app: TestApp) {
    let mut a = article("hostile-body", "Science", 10);
    a.body_source = "Safe text.\n\n<script>alert('x')</script>\n\n<img src=x onerror=\"alert(1)\">\n\n[click](javascript:alert(1)) <a href=\"https://example.org\" onclick=\"steal()\">ok</a>".into();
    app.publish(&[a]).await;
    let body = app.page("/articles/hostile-body", 200).await;
    // The story's body alone (the conversation's words block follows it later in the page).
    let story = body.split("class=\"story-body\"").nth(1).unwrap();
    let story = story.split("class=\"story-footer\"").next().unwrap();
    for bad in ["<script", "onerror", "onclick", "javascript:", "<img"] {
        assert!(!story.contains(bad), "{bad} survived:\n{story}");
    }
    assert!(story.contains("Safe text."));
    assert!(story.contains(r#"href="https://example.org""#));
}

async fn updated_time_is_shown_only_when_there_is_an_update(app: TestApp) {
    let mut updated = article("with-update", "Business", 120);
    updated.updated_at = Some(common::t0() - chrono::Duration::minutes(30));
    app.publish(&[updated, article("no-update", "Business", 60)])
        .await;
    let doc = html(&app.page("/articles/with-update", 200).await);
    assert_eq!(
        attrs(&doc, ".story-header time", "datetime"),
        vec!["2026-06-01T10:00:00Z", "2026-06-01T11:30:00Z"]
    );
    assert!(texts(&doc, ".story-header .meta")[0].contains("Updated"));
    let doc = html(&app.page("/articles/no-update", 200).await);
    assert_eq!(attrs(&doc, ".story-header time", "datetime").len(), 1);
    assert!(!texts(&doc, ".story-header .meta")[0].contains("Updated"));
}

async fn unpublished_and_scheduled_articles_stay_hidden(app: TestApp) {
    let mut draft = article("a-draft", "Opinion", 0);
    draft.published_at = None;
    let scheduled = article("scheduled", "Opinion", -60); // an hour from now
    app.publish(&[draft, scheduled, article("live", "Opinion", 5)])
        .await;
    app.page("/articles/a-draft", 404).await;
    app.page("/articles/scheduled", 404).await;
    let listing = app.page("/sections/opinion", 200).await;
    assert!(listing.contains("Headline of live"));
    assert!(!listing.contains("scheduled") && !listing.contains("a-draft"));
    let front = app.page("/", 200).await;
    assert!(!front.contains("Headline of scheduled"));
    // When its time comes, the scheduled article appears without anyone touching it.
    app.clock.advance(chrono::Duration::minutes(61));
    app.page("/articles/scheduled", 200).await;
    assert!(
        app.page("/sections/opinion", 200)
            .await
            .contains("Headline of scheduled")
    );
}

async fn section_pages_are_newest_first_and_paginate(app: TestApp) {
    // 25 articles, one page of 20 then one of 5; two share a publication time to test the
    // cursor's tie-break on id.
    let mut articles: Vec<_> = (0..25)
        .map(|i| article(&format!("story-{i:02}"), "Technology", 10 + i))
        .collect();
    articles[21].published_at = articles[20].published_at;
    app.publish(&articles).await;
    let doc = html(&app.page("/sections/technology", 200).await);
    let titles = texts(&doc, ".card-title");
    assert_eq!(titles.len(), 20);
    assert_eq!(titles[0], "Headline of story-00");
    assert_eq!(titles[19], "Headline of story-19");
    assert_eq!(texts(&doc, "h1"), vec!["Technology"]);
    let older = attrs(&doc, ".pager a[rel=next]", "href");
    assert_eq!(older.len(), 1, "an Older stories link");
    let doc2 = html(&app.page(&older[0], 200).await);
    let titles2 = texts(&doc2, ".card-title");
    assert_eq!(titles2.len(), 5, "{titles2:?}");
    let mut all: Vec<String> = titles.into_iter().chain(titles2).collect();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 25, "every article exactly once across the pages");
    assert!(
        attrs(&doc2, ".pager a[rel=next]", "href").is_empty(),
        "no page after the last"
    );
    assert_eq!(
        attrs(&doc2, ".pager a", "href"),
        vec!["/sections/technology"]
    );
}

async fn tag_and_author_pages_list_their_articles(app: TestApp) {
    let mut a = article("tagged-one", "Science", 10);
    a.tags = vec!["deep sea".into()];
    a.authors = vec!["Ana Ruiz".into()];
    let mut b = article("tagged-two", "Business", 20);
    b.tags = vec!["deep sea".into(), "fishing".into()];
    app.publish(&[a, b, article("untagged", "Science", 5)])
        .await;
    let doc = html(&app.page("/tags/deep-sea", 200).await);
    assert_eq!(texts(&doc, "h1"), vec!["deep sea"]);
    assert_eq!(
        texts(&doc, ".card-title"),
        vec!["Headline of tagged-one", "Headline of tagged-two"]
    );
    let doc = html(&app.page("/authors/ana-ruiz", 200).await);
    assert_eq!(texts(&doc, "h1"), vec!["Ana Ruiz"]);
    assert_eq!(texts(&doc, ".card-title"), vec!["Headline of tagged-one"]);
    app.page("/tags/no-such-tag", 404).await;
    app.page("/authors/nobody", 404).await;
}

async fn unknown_pages_answer_404_with_a_real_page(app: TestApp) {
    app.publish(&[article("exists", "Science", 10)]).await;
    for path in [
        "/no/such/page",
        "/articles/does-not-exist",
        "/articles/Not%20A%20Slug",
        "/sections/nowhere",
        "/static/site.0000.css",
    ] {
        let r = app.get(path).await;
        assert_eq!(r.status(), 404, "{path}");
        assert_eq!(
            r.headers()["content-type"],
            "text/html; charset=utf-8",
            "{path}"
        );
        let doc = html(&r.text().await.unwrap());
        assert_eq!(texts(&doc, "h1"), vec!["Page not found"], "{path}");
        // The page frame is there: navigation and a way home.
        assert!(
            !texts(&doc, "nav[aria-label=Sections] a").is_empty(),
            "{path}"
        );
        assert_eq!(attrs(&doc, ".error-page a", "href"), vec!["/"], "{path}");
    }
    // A signed-in member's error pages still show them signed in.
    let ada = app.member("Ada").await;
    let r = ada.get("/no/such/page").await;
    assert_eq!(r.status(), 404);
    assert_eq!(
        texts(&html(&r.text().await.unwrap()), ".account-name"),
        vec!["Ada"]
    );
}

async fn malformed_page_links_get_a_readable_400(app: TestApp) {
    app.publish(&[article("exists", "Science", 10)]).await;
    let r = app.get("/sections/science?before=yesterday").await;
    assert_eq!(r.status(), 400);
    let doc = html(&r.text().await.unwrap());
    let message = texts(&doc, ".error-page p").join(" ");
    assert!(message.contains("This page link is not valid"), "{message}");
}

/// Queries spent rendering `path`: the clock first moves past the page cache's lifetimes (five
/// minutes at most), so the page is rendered, not answered from memory.
async fn cost(app: &TestApp, path: &str) -> u64 {
    app.clock.advance(chrono::Duration::minutes(6));
    let before = app.store.query_count();
    app.page(path, 200).await;
    app.store.query_count() - before
}

async fn article_page_costs_the_same_queries_whatever_the_site_size(app: TestApp) {
    app.publish(&[article("first", "Science", 10)]).await;
    let small_article = cost(&app, "/articles/first").await;
    let small_section = cost(&app, "/sections/science").await;
    let small_front = cost(&app, "/").await;
    // Grow the site a hundredfold, with many tags and authors on the measured article's peers.
    let many: Vec<_> = (0..300)
        .map(|i| {
            let mut a = article(
                &format!("filler-{i}"),
                ["Science", "Business", "Opinion"][i % 3],
                20 + i as i64,
            );
            a.tags = vec![format!("tag {}", i % 17), "common".into()];
            a.authors = vec![format!("Writer {}", i % 7), "Staff".into()];
            a
        })
        .collect();
    app.publish(&many).await;
    assert_eq!(cost(&app, "/articles/first").await, small_article);
    assert_eq!(cost(&app, "/sections/science").await, small_section);
    assert_eq!(cost(&app, "/").await, small_front);
    // The article (with bylines and tags), related picks, the comment policy.
    assert!(
        small_article <= 5,
        "an article page costs {small_article} queries"
    );
}

fn tagged(
    slug: &str,
    section: &str,
    minutes_ago: i64,
    tags: &[&str],
) -> broadsheet::domain::NewArticle {
    let mut a = article(slug, section, minutes_ago);
    a.tags = tags.iter().map(|t| (*t).to_owned()).collect();
    a
}

fn related_on(body: &str) -> Vec<String> {
    attrs(&html(body), "section.related li a", "href")
        .into_iter()
        .map(|h| h.trim_start_matches("/articles/").to_owned())
        .collect()
}

async fn related_articles_rank_by_shared_tags_and_skip_unpublished(app: TestApp) {
    // Some written before the article (its own picks), some after (they pick it).
    let mut unpublished = tagged("unpublished", "Science", 0, &["ports", "tides", "storms"]);
    unpublished.published_at = None;
    app.publish(&[
        tagged(
            "three-shared",
            "Business",
            300,
            &["ports", "tides", "storms"],
        ),
        tagged("one-shared-old", "Business", 200, &["storms"]),
        tagged("scheduled", "Business", -60, &["ports", "tides", "storms"]),
        tagged("unrelated", "Business", 100, &["markets"]),
        unpublished,
    ])
    .await;
    app.publish(&[tagged(
        "subject",
        "Science",
        50,
        &["ports", "tides", "storms"],
    )])
    .await;
    app.publish(&[
        tagged(
            "two-shared-same-section",
            "Science",
            40,
            &["ports", "tides"],
        ),
        tagged("two-shared", "Business", 30, &["tides", "ports", "other"]),
        tagged("one-shared-new", "Business", 20, &["ports"]),
    ])
    .await;

    let body = app.page("/articles/subject", 200).await;
    let doc = html(&body);
    // An accessible, labelled section of headline links.
    assert_eq!(
        texts(&doc, "section.related h2#related-heading"),
        vec!["Related articles"]
    );
    assert_eq!(
        attrs(&doc, "section.related", "aria-labelledby"),
        vec!["related-heading"]
    );
    // Most shared tags first; the same section breaks a tie of tags; then the newest. Never
    // the article itself, an unpublished one or a scheduled one; four at most.
    assert_eq!(
        related_on(&body),
        vec![
            "three-shared",
            "two-shared-same-section",
            "two-shared",
            "one-shared-new"
        ]
    );
    assert_eq!(
        texts(&doc, "section.related li a")[0],
        "Headline of three-shared"
    );
    // The older article links to the newer ones that share its tags.
    let body = app.page("/articles/three-shared", 200).await;
    let links = related_on(&body);
    assert_eq!(links[0], "subject", "{links:?}");
    assert!(!links.contains(&"three-shared".to_owned()), "{links:?}");
    assert!(!links.contains(&"unpublished".to_owned()), "{links:?}");
    assert!(!links.contains(&"scheduled".to_owned()), "{links:?}");

    // The API lists the same, with absolute URLs.
    let api: serde_json::Value =
        serde_json::from_str(&app.page("/api/v1/articles/subject", 200).await).unwrap();
    let slugs: Vec<&str> = api["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["slug"].as_str().unwrap())
        .collect();
    assert_eq!(
        slugs,
        vec![
            "three-shared",
            "two-shared-same-section",
            "two-shared",
            "one-shared-new"
        ]
    );
    assert_eq!(
        api["related"][0]["url"],
        format!("http://{}/articles/three-shared", app.addr)
    );
    assert_eq!(api["related"][0]["title"], "Headline of three-shared");

    // Once the scheduled article is out, it leads (three tags, and newer).
    app.clock.advance(chrono::Duration::hours(2));
    let body = app.page("/articles/subject", 200).await;
    assert_eq!(
        related_on(&body),
        vec![
            "scheduled",
            "three-shared",
            "two-shared-same-section",
            "two-shared"
        ]
    );

    // An untagged article falls back to its section's newest, and one alone has no section.
    app.publish(&[tagged("untagged", "Science", 0, &[])]).await;
    let body = app.page("/articles/untagged", 200).await;
    assert_eq!(
        related_on(&body),
        vec!["two-shared-same-section", "subject"]
    );
    app.publish(&[tagged("alone", "Opinion", 0, &["nothing-else"])])
        .await;
    let body = app.page("/articles/alone", 200).await;
    assert!(related_on(&body).is_empty());
    assert!(!body.contains("Related articles"));
}

async fn related_articles_cost_the_same_queries_however_popular_the_tags(app: TestApp) {
    app.publish(&[
        tagged("measured", "Science", 1000, &["ports", "tides"]),
        tagged("peer", "Science", 900, &["ports"]),
    ])
    .await;
    let before = cost(&app, "/articles/measured").await;
    assert_eq!(
        related_on(&app.page("/articles/measured", 200).await),
        vec!["peer"]
    );
    // Hundreds more articles on the same tags, each of which may pick the measured one.
    let many: Vec<_> = (0..400)
        .map(|i| {
            tagged(
                &format!("same-topic-{i}"),
                ["Science", "Business"][i % 2],
                i as i64,
                if i % 3 == 0 {
                    &["ports", "tides"]
                } else {
                    &["ports"]
                },
            )
        })
        .collect();
    app.publish(&many).await;
    assert_eq!(cost(&app, "/articles/measured").await, before);
    // (Imported behind the server's back: the page `cost` rendered after the import.)
    let links = related_on(&app.page("/articles/measured", 200).await);
    assert_eq!(links.len(), 4, "{links:?}");
    // Both tags shared, in the same section, newest first: i = 0, 6, 12, 18.
    assert_eq!(
        links,
        vec![
            "same-topic-0",
            "same-topic-6",
            "same-topic-12",
            "same-topic-18"
        ]
    );
}
