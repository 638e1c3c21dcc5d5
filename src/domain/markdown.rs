//! Markdown to HTML, sanitised with an allowlist. Rendering happens once, when an article is
//! written; pages serve the stored HTML.

use std::collections::HashSet;
use std::sync::LazyLock;

use pulldown_cmark::{Options, Parser, html};

/// Renders an article body. Articles come from the newsroom, but are sanitised all the same: a
/// pasted `<script>` or `onerror=` from a wire service must never reach a reader.
pub fn render_article(source: &str) -> String {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_FOOTNOTES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    opts.insert(Options::ENABLE_SMART_PUNCTUATION);
    let parser = Parser::new_ext(source, opts);
    let mut unsafe_html = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut unsafe_html, parser);
    super::html_safety::drop_links_without_href(&ARTICLE_SANITISER.clean(&unsafe_html).to_string())
}

static ARTICLE_SANITISER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    let tags: HashSet<&str> = [
        "p",
        "br",
        "hr",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "strong",
        "em",
        "del",
        "s",
        "code",
        "pre",
        "blockquote",
        "ul",
        "ol",
        "li",
        "a",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "sup",
        "sub",
        "section",
        "figure",
        "figcaption",
    ]
    .into_iter()
    .collect();
    b.tags(tags)
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer"))
        .add_tag_attributes("td", ["align"])
        .add_tag_attributes("th", ["align"])
        .add_tag_attributes("ol", ["start"])
        .add_tag_attributes("a", ["id"])
        .add_tag_attributes("li", ["id"])
        .add_tag_attributes("sup", ["id"]);
    b
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_markdown_and_strips_dangerous_html() {
        let html = render_article(
            "## Sub\n\nHello *world* [link](https://example.org/x)\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[bad](javascript:alert(1))",
        );
        assert!(html.contains("<h2>Sub</h2>"), "{html}");
        assert!(html.contains("<em>world</em>"), "{html}");
        assert!(
            html.contains(r#"<a href="https://example.org/x" rel="noopener noreferrer">link</a>"#),
            "{html}"
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
    }

    #[test]
    fn h1_in_a_body_is_demoted_away() {
        // The headline is the page's only h1.
        let html = render_article("# Not a headline");
        assert!(!html.contains("<h1"), "{html}");
    }
}
