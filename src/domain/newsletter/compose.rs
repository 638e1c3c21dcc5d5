//! An edition as mail: a plain-text part and an HTML part made from the same content. The HTML
//! is simple on purpose (headings, paragraphs, links; no style, image or script) so that it
//! reads alike in every mail client, and every piece of text in it is escaped.

/// One article in an edition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditionItem {
    pub title: String,
    pub summary: String,
    /// Its absolute address.
    pub url: String,
}

/// What an edition says, the same for every subscriber.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditionContent {
    pub site_name: String,
    pub newsletter_name: String,
    pub subject: String,
    /// Plain text; blank lines part paragraphs.
    pub intro: String,
    pub items: Vec<EditionItem>,
    /// The web version's absolute address.
    pub web_url: String,
    /// The words around the edition, in the subscriber's language.
    pub framing: Framing,
}

/// The words the mail puts around an edition, already in the reader's language (the caller
/// takes them from the catalogue).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Framing {
    /// The language's tag, for the HTML part's `lang`.
    pub lang: String,
    /// Written right to left (the HTML part then says `dir="rtl"`).
    pub rtl: bool,
    /// "Read this edition on the web".
    pub read_on_web: String,
    /// "You get … from … because you subscribed to it."
    pub why: String,
    /// "Unsubscribe with one click".
    pub unsubscribe: String,
}

/// Escapes text for HTML content and (quoted) attribute values: `&`, `<`, `>`, `"` and `'`.
pub fn escape(text: &str) -> String {
    html_escape::encode_quoted_attribute(text).into_owned()
}

fn paragraphs(text: &str) -> Vec<&str> {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// The plain-text part, ending with the unsubscribe link (`None` in a preview).
pub fn text(c: &EditionContent, unsubscribe_url: Option<&str>) -> String {
    let mut out = format!("{}\n{}\n\n", c.newsletter_name, c.subject);
    for p in paragraphs(&c.intro) {
        out.push_str(p);
        out.push_str("\n\n");
    }
    for item in &c.items {
        out.push_str(&format!("* {}\n", item.title));
        if !item.summary.is_empty() {
            out.push_str(&format!("  {}\n", item.summary.trim()));
        }
        out.push_str(&format!("  {}\n\n", item.url));
    }
    let f = &c.framing;
    out.push_str(&format!("-- \n{}: {}\n", f.read_on_web, c.web_url));
    out.push_str(&format!("{}\n", f.why));
    if let Some(url) = unsubscribe_url {
        out.push_str(&format!("{}: {url}\n", f.unsubscribe));
    }
    out
}

/// The HTML part: a whole document, escaped throughout.
pub fn html(c: &EditionContent, unsubscribe_url: Option<&str>) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\"{dir}>\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{subject}</title>\n</head>\n<body>\n<p>{name}</p>\n<h1>{subject}</h1>\n",
        lang = escape(&c.framing.lang),
        dir = if c.framing.rtl { " dir=\"rtl\"" } else { "" },
        subject = escape(&c.subject),
        name = escape(&c.newsletter_name),
    );
    for p in paragraphs(&c.intro) {
        out.push_str(&format!("<p>{}</p>\n", escape(p).replace('\n', "<br>\n")));
    }
    for item in &c.items {
        out.push_str(&format!(
            "<h2><a href=\"{}\">{}</a></h2>\n",
            escape(&item.url),
            escape(&item.title)
        ));
        if !item.summary.is_empty() {
            out.push_str(&format!("<p>{}</p>\n", escape(item.summary.trim())));
        }
    }
    let f = &c.framing;
    out.push_str(&format!(
        "<hr>\n<p><a href=\"{}\">{}</a>.</p>\n<p>{}",
        escape(&c.web_url),
        escape(&f.read_on_web),
        escape(&f.why),
    ));
    if let Some(url) = unsubscribe_url {
        out.push_str(&format!(
            " <a href=\"{}\">{}</a>.",
            escape(url),
            escape(&f.unsubscribe)
        ));
    }
    out.push_str("</p>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content() -> EditionContent {
        EditionContent {
            site_name: "The Paper".into(),
            newsletter_name: "Morning <Briefing>".into(),
            subject: "Rain & \"sun\"".into(),
            intro: "First.\n\n<script>x</script>".into(),
            items: vec![EditionItem {
                title: "A <b>bold</b> claim".into(),
                summary: "It's so".into(),
                url: "https://example.org/articles/a?x=1&y=\"2\"".into(),
            }],
            web_url: "https://example.org/newsletters/editions/1".into(),
            framing: Framing {
                lang: "en".into(),
                rtl: false,
                read_on_web: "Read this edition on the web".into(),
                why: "You get Morning <Briefing> from The Paper because you subscribed to it."
                    .into(),
                unsubscribe: "Unsubscribe with one click".into(),
            },
        }
    }

    #[test]
    fn html_escapes_every_piece_of_text() {
        let h = html(&content(), Some("https://example.org/u/1.2.x"));
        assert!(!h.contains("<script>") && !h.contains("<b>") && !h.contains("<Briefing>"));
        assert!(h.contains("&lt;script&gt;x&lt;/script&gt;"));
        assert!(h.contains("Rain &amp; &quot;sun&quot;"));
        assert!(h.contains("href=\"https://example.org/articles/a?x=1&amp;y=&quot;2&quot;\""));
        assert!(h.contains("It&#x27;s so"));
        assert!(h.contains("https://example.org/u/1.2.x"));
        assert!(!h.contains("style"));
    }

    #[test]
    fn text_carries_the_links_and_the_unsubscribe_line_only_when_given() {
        let t = text(&content(), Some("https://example.org/u/1.2.x"));
        assert!(t.contains("* A <b>bold</b> claim\n  It's so\n  https://example.org/articles/a"));
        assert!(t.contains("Unsubscribe with one click: https://example.org/u/1.2.x"));
        assert!(!text(&content(), None).contains("Unsubscribe"));
    }
}
