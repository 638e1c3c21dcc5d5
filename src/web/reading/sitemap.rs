//! Sitemap documents (sitemaps.org 0.9, and Google News for the last two days), written with
//! quick-xml so that every text is escaped by the writer rather than by hand.

use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";
const NEWS_NS: &str = "http://www.google.com/schemas/sitemap-news/0.9";

/// One `<url>` of a sitemap: its address and, when known, when it last changed (RFC 3339).
pub struct Url {
    pub loc: String,
    pub lastmod: Option<String>,
    /// The page in other languages, itself included: (language tag, address), written as
    /// `xhtml:link rel="alternate" hreflang` when there are any.
    pub alternates: Vec<(String, String)>,
}

/// One `<url>` of the news sitemap.
pub struct NewsUrl {
    pub loc: String,
    pub publication_date: String,
    pub title: String,
}

/// The sitemap index: one `<sitemap>` per file address.
pub fn index(files: impl IntoIterator<Item = String>) -> String {
    document(|w| {
        w.create_element("sitemapindex")
            .with_attribute(("xmlns", SITEMAP_NS))
            .write_inner_content(|w| {
                for loc in files {
                    w.create_element("sitemap")
                        .write_inner_content(|w| text(w, "loc", &loc))?;
                }
                Ok(())
            })?;
        Ok(())
    })
}

/// A sitemap of addresses.
pub fn urls(entries: impl IntoIterator<Item = Url>) -> String {
    document(|w| {
        w.create_element("urlset")
            .with_attribute(("xmlns", SITEMAP_NS))
            .with_attribute(("xmlns:xhtml", XHTML_NS))
            .write_inner_content(|w| {
                for entry in entries {
                    w.create_element("url").write_inner_content(|w| {
                        text(w, "loc", &entry.loc)?;
                        if let Some(lastmod) = &entry.lastmod {
                            text(w, "lastmod", lastmod)?;
                        }
                        for (lang, href) in &entry.alternates {
                            w.create_element("xhtml:link")
                                .with_attribute(("rel", "alternate"))
                                .with_attribute(("hreflang", lang.as_str()))
                                .with_attribute(("href", href.as_str()))
                                .write_empty()?;
                        }
                        Ok(())
                    })?;
                }
                Ok(())
            })?;
        Ok(())
    })
}

/// The news sitemap: each article with the publication's name, language, date and title.
pub fn news(
    publication: &str,
    language: &str,
    entries: impl IntoIterator<Item = NewsUrl>,
) -> String {
    document(|w| {
        w.create_element("urlset")
            .with_attribute(("xmlns", SITEMAP_NS))
            .with_attribute(("xmlns:news", NEWS_NS))
            .write_inner_content(|w| {
                for entry in entries {
                    w.create_element("url").write_inner_content(|w| {
                        text(w, "loc", &entry.loc)?;
                        w.create_element("news:news").write_inner_content(|w| {
                            w.create_element("news:publication")
                                .write_inner_content(|w| {
                                    text(w, "news:name", publication)?;
                                    text(w, "news:language", language)
                                })?;
                            text(w, "news:publication_date", &entry.publication_date)?;
                            text(w, "news:title", &entry.title)
                        })?;
                        Ok(())
                    })?;
                }
                Ok(())
            })?;
        Ok(())
    })
}

fn text(w: &mut Writer<Vec<u8>>, name: &str, value: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(value))?;
    Ok(())
}

fn document(body: impl FnOnce(&mut Writer<Vec<u8>>) -> io::Result<()>) -> String {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .and_then(|_| body(&mut w))
        .expect("writing XML into memory cannot fail");
    let mut xml = String::from_utf8(w.into_inner()).expect("the writer was given UTF-8 only");
    xml.push('\n');
    xml
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_escaped_and_documents_parse() {
        let xml = news(
            "Tom & Jerry's <Daily>",
            "pt",
            [NewsUrl {
                loc: "https://example.test/articles/a?x=1&y=2".into(),
                publication_date: "2026-06-01T12:00:00Z".into(),
                title: "\"Quotes\" & <tags>".into(),
            }],
        );
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
        let doc = roxmltree::Document::parse(&xml).expect("well-formed");
        let title = doc
            .descendants()
            .find(|n| n.tag_name().name() == "title")
            .and_then(|n| n.text());
        assert_eq!(title, Some("\"Quotes\" & <tags>"));
        let name = doc
            .descendants()
            .find(|n| n.tag_name().name() == "name")
            .and_then(|n| n.text());
        assert_eq!(name, Some("Tom & Jerry's <Daily>"));
        let language = doc
            .descendants()
            .find(|n| n.tag_name().name() == "language")
            .and_then(|n| n.text());
        assert_eq!(language, Some("pt"));
        assert_eq!(doc.root_element().tag_name().namespace(), Some(SITEMAP_NS));
    }

    #[test]
    fn lastmod_is_written_only_when_known() {
        let xml = urls([
            Url {
                loc: "https://example.test/".into(),
                lastmod: None,
                alternates: Vec::new(),
            },
            Url {
                loc: "https://example.test/articles/b".into(),
                lastmod: Some("2026-06-01T12:00:00Z".into()),
                alternates: vec![
                    ("de".into(), "https://example.test/articles/b".into()),
                    ("fr".into(), "https://example.test/articles/b-fr".into()),
                ],
            },
        ]);
        let doc = roxmltree::Document::parse(&xml).expect("well-formed");
        let count = |tag: &str| {
            doc.descendants()
                .filter(|n| n.tag_name().name() == tag)
                .count()
        };
        assert_eq!((count("url"), count("loc"), count("lastmod")), (2, 2, 1));
        let alternate = doc
            .descendants()
            .find(|n| n.tag_name().name() == "link" && n.attribute("hreflang") == Some("fr"))
            .expect("an alternate");
        assert_eq!(alternate.tag_name().namespace(), Some(XHTML_NS));
        assert_eq!(
            alternate.attribute("href"),
            Some("https://example.test/articles/b-fr")
        );
        let index = index(["https://example.test/sitemaps/pages.xml".to_owned()]);
        let doc = roxmltree::Document::parse(&index).expect("well-formed");
        assert_eq!(doc.root_element().tag_name().name(), "sitemapindex");
    }
}
