//! What "safe HTML" means here, as a checkable property: the sanitisers' output must pass
//! [`check`] for every input. The unit tests below and the fuzz targets (`fuzz/`) hold the
//! sanitisers to it, rather than to a list of examples.
//!
//! The property: no element that runs or embeds content (`script`, `style`, `iframe`, `object`,
//! `embed`, `svg`, `math`, `form`, `base`, `meta`, `link`), no event-handler attribute (`on…`)
//! and no `style` attribute, no `javascript:`, `vbscript:` or `data:` URL in any attribute, and
//! well-formed nesting (every element closed, in order; void elements never closed), and every
//! link (`<a>`) with an `href` (a link without one is not a link, and `rel` on it is invalid
//! HTML).

const FORBIDDEN_ELEMENTS: [&str; 12] = [
    "script", "style", "iframe", "object", "embed", "svg", "math", "form", "base", "meta", "link",
    "frame",
];
const VOID_ELEMENTS: [&str; 6] = ["br", "hr", "img", "wbr", "input", "col"];
const FORBIDDEN_SCHEMES: [&str; 3] = ["javascript:", "vbscript:", "data:"];

/// Drops every `<a>` element without an `href` from a sanitiser's output, keeping its content.
/// The sanitiser removes an `href` whose scheme is not allowed (`javascript:`, `data:`, …) but
/// keeps the element, and adds its `rel` to it: an `<a rel>` with no `href` is invalid HTML and
/// no longer a link, so readers get the text alone.
///
/// `html` must be ammonia's serialisation (every attribute value double-quoted with `"`
/// escaped, `<` escaped in text, no comments): that regularity is what lets this pass read
/// tags without parsing the document again. Nested links (possible after the sanitiser unwraps
/// a table around one) are matched with a stack.
pub fn drop_links_without_href(html: &str) -> String {
    if !html.contains("<a") {
        return html.to_owned();
    }
    let mut out = String::with_capacity(html.len());
    // For each open <a>: whether it was kept.
    let mut open_links: Vec<bool> = Vec::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let from = &rest[lt..];
        let Some(end) = tag_end(from, 1) else {
            out.push_str(from);
            return out;
        };
        let tag = &from[..=end];
        if tag == "<a>" || tag.starts_with("<a ") {
            let kept = attribute_names(&tag[2..end]).any(|n| n.eq_ignore_ascii_case("href"));
            open_links.push(kept);
            if kept {
                out.push_str(tag);
            }
        } else if tag == "</a>" {
            if open_links.pop().unwrap_or(true) {
                out.push_str(tag);
            }
        } else {
            out.push_str(tag);
        }
        rest = &from[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The names of the attributes in a serialised tag's attribute text (` a="1" b="2"`).
fn attribute_names(attrs: &str) -> impl Iterator<Item = &str> {
    let mut rest = attrs;
    std::iter::from_fn(move || {
        rest = rest.trim_start();
        if rest.is_empty() || rest == "/" {
            return None;
        }
        let name_len = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len())
            .max(1);
        let name = &rest[..name_len];
        rest = rest[name_len..].trim_start();
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            rest = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    after[1..].find(q).map_or("", |close| &after[close + 2..])
                }
                _ => after
                    .find(char::is_whitespace)
                    .map_or("", |end| &after[end..]),
            };
        }
        Some(name)
    })
}

/// Checks `html` (a sanitiser's output) against the property; the error says what broke it.
pub fn check(html: &str) -> Result<(), String> {
    let bytes = html.as_bytes();
    let mut open: Vec<String> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        let rest = &html[i + 1..];
        if rest.starts_with("!--") {
            return Err(format!("a comment at byte {i}"));
        }
        let closing = rest.starts_with('/');
        let name_start = i + 1 + usize::from(closing);
        let name: String = html[name_start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            return Err(format!("a raw `<` at byte {i} that is not a tag"));
        }
        let end = tag_end(html, name_start + name.len())
            .ok_or_else(|| format!("the tag <{name}> at byte {i} is never closed with `>`"))?;
        let attrs = &html[name_start + name.len()..end];
        if FORBIDDEN_ELEMENTS.contains(&name.as_str()) {
            return Err(format!("a <{name}> element"));
        }
        if closing {
            match open.pop() {
                Some(top) if top == name => {}
                Some(top) => return Err(format!("</{name}> closes <{top}>")),
                None => return Err(format!("</{name}> closes nothing")),
            }
        } else {
            check_attributes(&name, attrs)?;
            if name == "a" && !attribute_names(attrs).any(|n| n.eq_ignore_ascii_case("href")) {
                return Err(format!("a link without an href at byte {i}"));
            }
            if !VOID_ELEMENTS.contains(&name.as_str()) && !attrs.trim_end().ends_with('/') {
                open.push(name);
            }
        }
        i = end + 1;
    }
    match open.pop() {
        Some(name) => Err(format!("<{name}> is never closed")),
        None => Ok(()),
    }
}

/// The index of the `>` ending a tag whose attributes start at `from`, skipping quoted values.
fn tag_end(html: &str, from: usize) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (offset, c) in html[from..].char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(from + offset),
            (None, '<') => return None,
            _ => {}
        }
    }
    None
}

fn check_attributes(element: &str, attrs: &str) -> Result<(), String> {
    let mut rest = attrs.trim_start();
    while !rest.is_empty() && rest != "/" {
        let name_len = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        let name = rest[..name_len].to_ascii_lowercase();
        rest = rest[name_len..].trim_start();
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (v, remaining) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let close = after[1..]
                        .find(q)
                        .ok_or_else(|| format!("an unterminated value of {name} on <{element}>"))?;
                    (&after[1..1 + close], &after[close + 2..])
                }
                _ => {
                    let end = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            value = decode_entities(v);
            rest = remaining.trim_start();
        } else if name.is_empty() {
            rest = rest.get(1..).unwrap_or("").trim_start();
            continue;
        }
        if name.starts_with("on") {
            return Err(format!("an event handler `{name}` on <{element}>"));
        }
        if name == "style" || name == "srcdoc" || name == "formaction" {
            return Err(format!("a `{name}` attribute on <{element}>"));
        }
        let squeezed: String = value
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .collect::<String>()
            .to_ascii_lowercase();
        if let Some(scheme) = FORBIDDEN_SCHEMES.iter().find(|s| squeezed.starts_with(**s)) {
            return Err(format!("a {scheme} URL in `{name}` on <{element}>"));
        }
    }
    Ok(())
}

/// Decodes the character references a browser would decode in an attribute value (named ones
/// that matter for schemes, and numeric ones), so `&#106;avascript:` is seen for what it is.
fn decode_entities(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    let mut rest = v;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.find(';').filter(|e| *e <= 12);
        let decoded = end.and_then(|e| {
            let entity = &rest[1..e];
            let c = match entity {
                "amp" => Some('&'),
                "colon" => Some(':'),
                "tab" => Some('\t'),
                "newline" => Some('\n'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "lt" => Some('<'),
                "gt" => Some('>'),
                _ => {
                    let n = entity.strip_prefix('#')?;
                    let code = match n.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => n.parse().ok()?,
                    };
                    char::from_u32(code)
                }
            }?;
            Some((c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::comment::render_comment;
    use crate::domain::markdown::render_article;
    use rand::{Rng, SeedableRng};

    #[test]
    fn the_checker_catches_what_it_must() {
        assert!(check("<p>ok <a href=\"https://x.org\">x</a></p><br>").is_ok());
        for bad in [
            "<script>alert(1)</script>",
            "<p onclick=\"x\">a</p>",
            "<a href=\"javascript:alert(1)\">a</a>",
            "<a href=\"&#106;avascript:alert(1)\">a</a>",
            "<a href=\"java\tscript:x\">a</a>",
            "<a href=\" DATA:text/html,x\">a</a>",
            "<p>unclosed",
            "<p><em>crossed</p></em>",
            "</p>",
            "<svg></svg>",
            "<p style=\"x\">a</p>",
            "a < b",
            "<a rel=\"nofollow ugc noopener\">text</a>",
        ] {
            assert!(check(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_link_whose_address_is_removed_becomes_its_text() {
        for scheme in [
            "javascript:alert(1)",
            "JaVaScRiPt:x",
            "vbscript:x",
            "data:text/html,x",
            "file:///etc/passwd",
            "ftp://example.org/x",
            "tel:123",
        ] {
            let comment = render_comment(&format!("See [the text]({scheme}) here."));
            assert_eq!(comment, "<p>See the text here.</p>\n", "{scheme}");
            let article = render_article(&format!(
                "See [the text]({scheme}) and <a href=\"{scheme}\">raw</a>."
            ));
            assert_eq!(article, "<p>See the text and raw.</p>\n", "{scheme}");
            let imported = crate::domain::comment::clean_imported(&format!(
                "<p><a href=\"{scheme}\" title=\"x\">old <em>link</em></a></p>"
            ));
            assert_eq!(imported, "<p>old <em>link</em></p>", "{scheme}");
        }
        // Allowed links are untouched, nested ones too, and `>` inside an address is no tag end.
        assert_eq!(
            render_comment("[ok](https://example.org/?a=1&b=>2)"),
            "<p><a href=\"https://example.org/?a=1&amp;b=%3E2\" rel=\"nofollow ugc noopener\">ok</a></p>\n"
        );
        assert_eq!(
            drop_links_without_href("<a href=\"/x\" title=\">\">1<a rel=\"r\">2</a>3</a><a>4</a>"),
            "<a href=\"/x\" title=\">\">123</a>4"
        );
    }

    /// Pieces that have broken sanitisers before, glued together at random.
    const FRAGMENTS: [&str; 40] = [
        "<script>",
        "</script>",
        "<img src=x onerror=alert(1)>",
        "javascript:",
        "JaVaScRiPt:",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:",
        "&#106;",
        "&#x6A;",
        "&colon;",
        "[link](",
        ")",
        "](javascript:alert(1))",
        "<a href=\"",
        "\">",
        "'",
        "\"",
        "`",
        "<",
        ">",
        "<svg/onload=alert(1)>",
        "<iframe src=x>",
        "<style>",
        "*",
        "_",
        "**",
        "\n\n",
        "\n",
        "> ",
        "- ",
        "1. ",
        "    ",
        "```",
        "<!--",
        "-->",
        "<p onmouseover=x>",
        "&",
        "<details open ontoggle=x>",
        "<math><mi xlink:href=javascript:x>",
        "[x]: javascript:y",
    ];

    fn random_input(rng: &mut rand::rngs::StdRng) -> String {
        let n = rng.random_range(1..24);
        (0..n)
            .map(|_| FRAGMENTS[rng.random_range(0..FRAGMENTS.len())])
            .collect()
    }

    #[test]
    fn sanitised_comments_and_articles_are_safe_whatever_the_input() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(20261128);
        for _ in 0..3000 {
            let input = random_input(&mut rng);
            let comment = render_comment(&input);
            if let Err(e) = check(&comment) {
                panic!("comment from {input:?} gave {comment:?}: {e}");
            }
            let article = render_article(&input);
            if let Err(e) = check(&article) {
                panic!("article from {input:?} gave {article:?}: {e}");
            }
        }
    }

    /// Story directives, whole and broken, to glue among the fragments above.
    const BLOCK_FRAGMENTS: [&str; 16] = [
        "\n::image[Alt]{media=1}\n",
        "\n::image[]{media=2 layout=wide caption=\"<script>\"}\n",
        "\n::image[a\\]b]{media=3 credit=\"javascript:x\"}\n",
        "\n:::gallery\n::image[A]{media=1}\n::image[B]{media=2}\n:::\n",
        "\n::embed[<b>t</b>]{url=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\"}\n",
        "\n::embed{url=\"javascript:alert(1)//https://youtu.be/dQw4w9WgXcQ\"}\n",
        "\n::embed{url=https://mastodon.social/@a/1}\n",
        "\n::readmore{article=some-story}\n",
        "\n:::pullquote{cite=\"\\\"><img src=x onerror=y>\"}\n",
        "\n:::factbox[<svg onload=x>]\n",
        "\n:::note{kind=correction}\n",
        "\n:::\n",
        "::",
        "{media=1}",
        "<figure class=\"block-embed\" data-embed-src=\"https://www.youtube-nocookie.com/embed/x\">",
        "<img src=\"/media/0123456789abcdef0123456789abcdef-960.jpg\">",
    ];

    #[test]
    fn sanitised_stories_are_safe_whatever_the_input() {
        use crate::domain::blocks::{self, ArticleRef, Resolved};
        use crate::domain::markdown::render_story;
        let hash = "0123456789abcdef0123456789abcdef";
        let mut resolved = Resolved::default();
        for id in 1..=3 {
            resolved.media.insert(
                id,
                crate::domain::media::Responsive {
                    src: format!("/media/{hash}-960.jpg"),
                    srcset: format!("/media/{hash}-480.jpg 480w, /media/{hash}-960.jpg 960w"),
                    width: 960,
                    height: 640,
                },
            );
        }
        resolved.articles.insert(
            "some-story".into(),
            ArticleRef {
                slug: "some-story".into(),
                title: "<script>t</script>".into(),
                summary: "\"><img src=x>".into(),
            },
        );
        let mut rng = rand::rngs::StdRng::seed_from_u64(20261207);
        for _ in 0..3000 {
            let n = rng.random_range(1..24);
            let input: String = (0..n)
                .map(|_| {
                    if rng.random_bool(0.4) {
                        BLOCK_FRAGMENTS[rng.random_range(0..BLOCK_FRAGMENTS.len())]
                    } else {
                        FRAGMENTS[rng.random_range(0..FRAGMENTS.len())]
                    }
                })
                .collect();
            let html = render_story(&input, &blocks::parse(&input), &resolved);
            if let Err(e) = check(&html) {
                panic!("story from {input:?} gave {html:?}: {e}");
            }
            for img in html.split("<img").skip(1) {
                assert!(img.starts_with(" src=\"/media/"), "{input:?} gave {html:?}");
            }
            for frame in blocks::render::embed_sources(&html) {
                assert!(
                    blocks::embeds::frame_host(&frame).is_some(),
                    "{input:?} gave {html:?}"
                );
            }
        }
    }
}
