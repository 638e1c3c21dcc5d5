//! Imported HTML in the site's terms: WordPress's paragraphs made explicit, article bodies the
//! Markdown renderer passes through, and plain text.

/// Tags that start an HTML block in CommonMark (kinds 1 and 6): a paragraph of the body that
/// starts with one passes through the Markdown renderer untouched, to the sanitiser.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "details",
    "div",
    "dl",
    "dd",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

fn starts_with_block_tag(chunk: &str) -> bool {
    let Some(rest) = chunk.strip_prefix('<') else {
        return false;
    };
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    let after = rest[name.len()..].chars().next();
    BLOCK_TAGS.contains(&name.as_str())
        && matches!(after, None | Some(' ' | '\t' | '\n' | '>' | '/'))
}

/// WordPress keeps paragraphs as blank lines and line breaks as newlines (its `wpautop`); this
/// makes them `<p>` and `<br>`, leaves block elements as they are and drops `<!--more-->`-style
/// comments and `[caption]` shortcodes (keeping what they wrap). Text outside blocks is wrapped
/// in a paragraph, so every chunk starts with a block tag.
pub fn autop(html: &str) -> String {
    let html = strip_comments(html).replace("\r\n", "\n");
    let html = strip_shortcode(&html, "caption");
    let mut chunks: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut in_pre = false;
    let mut blank_run = false;
    for line in html.split('\n') {
        let lower = line.to_ascii_lowercase();
        if !in_pre && line.trim().is_empty() {
            blank_run = true;
            continue;
        }
        if blank_run && !current.trim().is_empty() {
            chunks.push(std::mem::take(&mut current));
        } else if blank_run && in_pre {
            current.push('\n');
        }
        blank_run = false;
        if !current.is_empty() {
            current.push('\n');
        }
        current.push_str(line);
        let opens = lower.matches("<pre").count();
        let closes = lower.matches("</pre>").count();
        if opens > closes {
            in_pre = true;
        } else if closes > opens {
            in_pre = false;
        }
    }
    if !current.trim().is_empty() {
        chunks.push(current);
    }
    let mut out = String::with_capacity(html.len() + chunks.len() * 8);
    for chunk in chunks {
        let chunk = chunk.trim();
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        if starts_with_block_tag(chunk) {
            out.push_str(chunk);
        } else {
            out.push_str("<p>");
            out.push_str(&chunk.replace('\n', "<br>\n"));
            out.push_str("</p>");
        }
    }
    out
}

/// An article's stored source for an imported HTML body: blocks the Markdown renderer passes
/// through as HTML (so `*` and indentation in the text keep their meaning as text) and which the
/// article sanitiser then cleans like any other body.
pub fn article_source(html: &str) -> String {
    // Blank lines inside <pre> would end the HTML block; a character reference keeps them.
    let para = autop(html);
    let mut out = String::with_capacity(para.len());
    let mut in_pre = false;
    for (i, line) in para.split('\n').enumerate() {
        if in_pre && line.trim().is_empty() {
            // The line break that a blank line would have been, written as a reference.
            out.push_str("&#10;");
            continue;
        }
        if i > 0 {
            out.push('\n');
        }
        out.push_str(line);
        let lower = line.to_ascii_lowercase();
        let opens = lower.matches("<pre").count();
        let closes = lower.matches("</pre>").count();
        if opens > closes {
            in_pre = true;
        } else if closes > opens {
            in_pre = false;
        }
    }
    out
}

fn strip_comments(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("<!--") {
        out.push_str(&rest[..i]);
        match rest[i..].find("-->") {
            Some(j) => rest = &rest[i + j + 3..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

fn strip_shortcode(s: &str, name: &str) -> String {
    let open = format!("[{name}");
    let close = format!("[/{name}]");
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    loop {
        match rest.find(&open) {
            Some(i) if rest[i + open.len()..].starts_with([' ', ']']) => {
                out.push_str(&rest[..i]);
                match rest[i..].find(']') {
                    Some(j) => rest = &rest[i + j + 1..],
                    None => {
                        rest = "";
                    }
                }
            }
            Some(i) => {
                out.push_str(&rest[..i + open.len()]);
                rest = &rest[i + open.len()..];
            }
            None => break,
        }
    }
    out.push_str(rest);
    out.replace(&close, "")
}

/// The text of some HTML: tags dropped, character references decoded (every HTML5 name and
/// number), spaces collapsed.
pub fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for ch in html.chars() {
        match ch {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(ch),
            _ => {}
        }
    }
    let decoded = html_escape::decode_html_entities(&out);
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn autop_makes_paragraphs_and_keeps_blocks() {
        let html = autop(
            "First line\nsecond line\n\n<blockquote>Quoted</blockquote>\n\n<!--more-->Third *not emphasis*",
        );
        assert_eq!(
            html,
            "<p>First line<br>\nsecond line</p>\n\n<blockquote>Quoted</blockquote>\n\n<p>Third *not emphasis*</p>"
        );
    }

    #[test]
    fn imported_html_renders_through_the_article_sanitiser_faithfully() {
        let src = article_source(
            "Intro with <em>emphasis</em> and 2 * 3 * 4\n\n<pre>code\n\nmore</pre>\n\n    indented text\n\n<script>alert(1)</script><p onclick=\"x()\">Safe</p>",
        );
        let html = crate::domain::markdown::render_article(&src);
        assert!(
            html.contains("<p>Intro with <em>emphasis</em> and 2 * 3 * 4</p>"),
            "{html}"
        );
        assert!(html.contains("<pre>code\n\nmore</pre>"), "{html}");
        assert!(html.contains("<p>indented text</p>"), "{html}");
        assert!(
            !html.contains("<script") && !html.contains("onclick"),
            "{html}"
        );
        assert!(html.contains("Safe"), "{html}");
    }
    #[test]
    fn html_text_decodes_and_collapses() {
        assert_eq!(
            html_text("<p>Fish &amp; chips</p>\n<p>&#8220;Yes&#8221;</p>"),
            "Fish & chips “Yes”"
        );
    }

    #[test]
    fn html_text_decodes_every_named_and_numeric_reference() {
        assert_eq!(
            html_text(
                "<p>Caf&eacute;&nbsp;society&hellip; &#x2014; &Aring;se &amp; &#248;l, &euro;5</p>"
            ),
            "Café society… — Åse & øl, €5"
        );
        // What is not a reference stays as written.
        assert_eq!(
            html_text("AT&T &unknown; &#xZZ; &"),
            "AT&T &unknown; &#xZZ; &"
        );
    }
}
