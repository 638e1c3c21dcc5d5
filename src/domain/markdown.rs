//! Markdown to HTML, sanitised with an allowlist. Rendering happens once, when an article is
//! written; pages serve the stored HTML.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use pulldown_cmark::{Options, Parser, html};

use super::blocks::{self, Resolved, Story};

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

/// Renders a story: its Markdown as [`render_article`] does (so hand-written HTML still cannot
/// make an image, a button or a class), its blocks from `resolved`, and the whole once more
/// through the sanitiser that allows exactly the blocks' markup.
pub fn render_story(source: &str, story: &Story, resolved: &Resolved) -> String {
    if !story.has_blocks() {
        return render_article(source);
    }
    let html = blocks::render::html(story, resolved, &render_article);
    super::html_safety::drop_links_without_href(&STORY_SANITISER.clean(&html).to_string())
}

/// A story's HTML as feeds carry it: the placeholders' buttons (which need the page's script)
/// are left out, so an embed is its figure and plain link.
pub fn feed_html(body_html: &str) -> String {
    if !body_html.contains("<button") {
        return body_html.to_owned();
    }
    FEED_SANITISER.clean(body_html).to_string()
}

/// The tags every article body may hold.
fn article_tags() -> HashSet<&'static str> {
    [
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
    .collect()
}

static ARTICLE_SANITISER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    base(&mut b, article_tags());
    b
});

/// The article rules every sanitiser here starts from.
fn base(b: &mut ammonia::Builder<'static>, tags: HashSet<&'static str>) {
    b.tags(tags)
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer"))
        .add_tag_attributes("td", ["align"])
        .add_tag_attributes("th", ["align"])
        .add_tag_attributes("ol", ["start"])
        .add_tag_attributes("a", ["id"])
        .add_tag_attributes("li", ["id"])
        .add_tag_attributes("sup", ["id"]);
}

/// The attributes a block's image has.
const IMG_ATTRIBUTES: [&str; 8] = [
    "src", "srcset", "sizes", "width", "height", "alt", "loading", "decoding",
];

/// The article rules plus exactly the blocks' markup: the elements, attributes and classes
/// `blocks::render` writes, an image only from the media library, a frame address only a
/// provider's, a role only `note`.
static STORY_SANITISER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    let mut tags = article_tags();
    tags.extend(["img", "button", "aside", "span"]);
    base(&mut b, tags);
    b.add_tag_attributes("img", IMG_ATTRIBUTES)
        .add_tag_attributes("figure", ["data-embed-provider", "data-embed-src"])
        .add_tag_attributes("button", ["type", "hidden"])
        .add_tag_attributes("aside", ["role", "aria-label"])
        .allowed_classes(block_classes())
        .attribute_filter(block_attribute);
    b
});

/// A story without its placeholders' buttons (and the frame addresses they would load), for
/// feeds.
static FEED_SANITISER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    let mut tags = article_tags();
    tags.extend(["img", "aside", "span"]);
    base(&mut b, tags);
    b.add_tag_attributes("img", IMG_ATTRIBUTES)
        .add_tag_attributes("aside", ["role", "aria-label"])
        .clean_content_tags(["button"].into_iter().collect())
        .allowed_classes(block_classes())
        .attribute_filter(block_attribute);
    b
});

fn block_classes() -> HashMap<&'static str, HashSet<&'static str>> {
    let set = |xs: &[&'static str]| xs.iter().copied().collect::<HashSet<_>>();
    HashMap::from([
        (
            "figure",
            set(&[
                "block-image",
                "block-gallery",
                "block-embed",
                "embed-card",
                "block-pullquote",
                "layout-column",
                "layout-wide",
                "layout-full",
            ]),
        ),
        (
            "aside",
            set(&[
                "block-readmore",
                "block-factbox",
                "block-note",
                "note-editor",
                "note-correction",
                "note-update",
            ]),
        ),
        (
            "p",
            set(&["readmore-label", "readmore-title", "note-label"]),
        ),
        ("span", set(&["credit", "embed-provider"])),
        ("button", set(&["embed-load"])),
    ])
}

/// Keeps a block attribute only with a value the blocks could have written.
fn block_attribute<'u>(element: &str, attribute: &str, value: &'u str) -> Option<Cow<'u, str>> {
    let media =
        |v: &str| crate::domain::media::parse_media_src(v).is_some() && !v.contains(['?', '#']);
    let keep = match (element, attribute) {
        ("img", "src") => media(value),
        ("img", "srcset") => value.split(", ").all(|c| {
            c.split_once(' ').is_some_and(|(url, w)| {
                media(url)
                    && w.strip_suffix('w')
                        .is_some_and(|n| n.parse::<u32>().is_ok())
            })
        }),
        ("img", "width" | "height") => value.parse::<u32>().is_ok_and(|n| n > 0 && n <= 20_000),
        ("img", "loading") => value == "lazy",
        ("img", "decoding") => value == "async",
        ("img", "sizes") => value
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || b" ()-:.,".contains(&c)),
        ("figure", "data-embed-src") => blocks::embeds::frame_host(value).is_some(),
        ("figure", "data-embed-provider") => value.bytes().all(|c| c.is_ascii_lowercase()),
        ("button", "type") => value == "button",
        ("aside", "role") => value == "note",
        _ => true,
    };
    keep.then_some(Cow::Borrowed(value))
}

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
