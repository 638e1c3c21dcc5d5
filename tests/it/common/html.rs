//! Test data and HTML: an article to publish, and reading texts and attributes out of a page.

use super::*;

/// A test article; `minutes_ago` is relative to the test clock's start.
pub fn article(slug: &str, section: &str, minutes_ago: i64) -> NewArticle {
    NewArticle {
        slug: Slug::parse(slug).unwrap(),
        title: format!("Headline of {slug}"),
        summary: format!("Summary of {slug}."),
        body_source: format!("First paragraph of {slug}.\n\nSecond paragraph with *emphasis*."),
        section: section.to_owned(),
        authors: vec!["Test Writer".to_owned()],
        tags: vec!["testing".to_owned()],
        published_at: Some(t0() - chrono::Duration::minutes(minutes_ago)),
        updated_at: None,
        image: None,
    }
}

/// Parses HTML for assertions by CSS selector.
pub fn html(body: &str) -> scraper::Html {
    scraper::Html::parse_document(body)
}

/// The text of every element matching `selector`, whitespace collapsed.
pub fn texts(doc: &scraper::Html, selector: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(selector).unwrap();
    doc.select(&sel)
        .map(|e| {
            e.text()
                .collect::<Vec<_>>()
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// The value of `attr` on every element matching `selector`.
pub fn attrs(doc: &scraper::Html, selector: &str, attr: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(selector).unwrap();
    doc.select(&sel)
        .filter_map(|e| e.value().attr(attr).map(str::to_owned))
        .collect()
}
