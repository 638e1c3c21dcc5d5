//! A parsed story as HTML, with what the store resolved: each block's exact markup (which the
//! article sanitiser's block allowlist matches), Markdown through the plain article renderer.

use std::collections::HashMap;
use std::fmt::Write;

use super::embeds::{self, Provider};
use super::{Block, Image, Layout, NoteKind, Part, Story, walk};
use crate::domain::media::{FEATURED_SIZES, MAX_ALT_CHARS, MAX_CAPTION_CHARS, Responsive};

/// The `sizes` of a wide image (`.layout-wide` is 60rem at most) and a full-bleed one.
const WIDE_SIZES: &str = "(min-width: 62rem) 60rem, calc(100vw - 2rem)";
const FULL_SIZES: &str = "100vw";
/// A gallery's cells: three across a wide gallery, two on a tablet, one on a phone.
const GALLERY_SIZES: &str = "(min-width: 62rem) 20rem, (min-width: 30rem) 50vw, 100vw";
/// An embed's thumbnail fills the column.
const THUMB_SIZES: &str = FEATURED_SIZES;

/// Another article a read-more card shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleRef {
    /// Its address now: the slug a story names may be an old one that redirects here.
    pub slug: String,
    pub title: String,
    pub summary: String,
}

/// What the blocks of a body refer to, as the store found it.
#[derive(Clone, Debug, Default)]
pub struct Resolved {
    /// Library images by id.
    pub media: HashMap<i64, Responsive>,
    /// Articles by the slug a story names (theirs, or one they used to have).
    pub articles: HashMap<String, ArticleRef>,
    /// Cached thumbnails by the provider's thumbnail address.
    pub thumbnails: HashMap<String, Responsive>,
}

/// What stops a body from being saved, each in words the writer can act on.
pub fn problems(story: &Story, resolved: &Resolved) -> Vec<String> {
    let mut out = Vec::new();
    walk(&story.parts, &mut |b| match b {
        Block::Image(i) => image_problems(i, resolved, &mut out),
        Block::Gallery { images, .. } => {
            for i in images {
                image_problems(i, resolved, &mut out);
            }
        }
        Block::ReadMore { slug } if !resolved.articles.contains_key(slug) => out.push(format!(
            "The read-more card names the article `{slug}`, and there is no published article \
             with that address: check the slug (the last part of /articles/…)."
        )),
        _ => {}
    });
    out.dedup();
    out
}

fn image_problems(i: &Image, resolved: &Resolved, out: &mut Vec<String>) {
    if i.alt.is_empty() {
        out.push(format!(
            "The image {0} has no alt text: describe what it shows between the brackets, as in \
             ::image[What the picture shows]{{media={0}}}. People who cannot see it read or \
             hear that instead.",
            i.media
        ));
    } else if i.alt.chars().count() > MAX_ALT_CHARS {
        out.push(format!(
            "The alt text of image {} is longer than {MAX_ALT_CHARS} characters: describe it in \
             a sentence or two and put the rest in its caption.",
            i.media
        ));
    }
    if i.caption
        .iter()
        .chain(&i.credit)
        .any(|c| c.chars().count() > MAX_CAPTION_CHARS)
    {
        out.push(format!(
            "The caption or credit of image {} is longer than {MAX_CAPTION_CHARS} characters: \
             shorten it.",
            i.media
        ));
    }
    if !resolved.media.contains_key(&i.media) {
        out.push(format!(
            "There is no image {} in the media library: upload it at /admin/media, or use the \
             number the library shows for it.",
            i.media
        ));
    }
}

/// Escapes text for an HTML element or a quoted attribute.
fn esc(s: &str) -> String {
    html_escape::encode_quoted_attribute(s).into_owned()
}

/// Stands in a body's Markdown for the block it replaces: a paragraph of its own, marked with
/// private-use characters the writer's text cannot hold (they are replaced before parsing).
const MARK: char = '\u{E000}';

/// The body's HTML: `markdown` renders (and cleans) Markdown; blocks are put in its place.
pub fn html(story: &Story, resolved: &Resolved, markdown: &dyn Fn(&str) -> String) -> String {
    let mut source = String::new();
    let mut blocks = Vec::new();
    for part in &story.parts {
        match part {
            Part::Markdown(m) => source.push_str(&m.replace(MARK, "\u{FFFD}")),
            Part::Block(b) => {
                let _ = write!(source, "\n{MARK}{}{MARK}\n\n", blocks.len());
                blocks.push(block(b, resolved, markdown));
            }
        }
    }
    let mut out = markdown(&source);
    for (n, html) in blocks.iter().enumerate() {
        out = out.replacen(&format!("<p>{MARK}{n}{MARK}</p>"), html, 1);
    }
    out
}

fn block(b: &Block, resolved: &Resolved, markdown: &dyn Fn(&str) -> String) -> String {
    let inner = |parts: &[Part]| {
        html(
            &Story {
                parts: parts.to_vec(),
            },
            resolved,
            markdown,
        )
    };
    match b {
        Block::Image(i) => image(i, resolved, sizes(i.layout))
            .map(|(img, caption)| {
                format!(
                    "<figure class=\"block-image {}\">{img}{caption}</figure>",
                    i.layout.class()
                )
            })
            .unwrap_or_default(),
        Block::Gallery { layout, images } => {
            let cells: String = images
                .iter()
                .filter_map(|i| image(i, resolved, GALLERY_SIZES))
                .map(|(img, caption)| format!("<li><figure>{img}{caption}</figure></li>"))
                .collect();
            format!(
                "<figure class=\"block-gallery {}\"><ul>{cells}</ul></figure>",
                layout.class()
            )
        }
        Block::Embed { title, url } => embed(title.as_deref(), url, resolved),
        Block::ReadMore { slug } => match resolved.articles.get(slug) {
            Some(a) => format!(
                "<aside class=\"block-readmore\"><p class=\"readmore-label\">Read more</p>\
                 <p class=\"readmore-title\"><a href=\"/articles/{}\">{}</a></p>{}</aside>",
                esc(&a.slug),
                esc(&a.title),
                if a.summary.trim().is_empty() {
                    String::new()
                } else {
                    format!("<p>{}</p>", esc(&a.summary))
                }
            ),
            None => String::new(),
        },
        Block::PullQuote { cite, body } => format!(
            "<figure class=\"block-pullquote\"><blockquote>{}</blockquote>{}</figure>",
            inner(body),
            cite.as_deref()
                .map(|c| format!("<figcaption>{}</figcaption>", esc(c)))
                .unwrap_or_default()
        ),
        Block::FactBox { title, body } => match title {
            Some(t) => format!(
                "<aside class=\"block-factbox\"><h2>{}</h2>{}</aside>",
                esc(t),
                inner(body)
            ),
            None => format!(
                "<aside class=\"block-factbox\" aria-label=\"Fact box\">{}</aside>",
                inner(body)
            ),
        },
        Block::Note { kind, body } => {
            let (class, label) = match kind {
                NoteKind::Editor => ("note-editor", "Editor’s note"),
                NoteKind::Correction => ("note-correction", "Correction"),
                NoteKind::Update => ("note-update", "Update"),
            };
            format!(
                "<aside class=\"block-note {class}\" role=\"note\" aria-label=\"{label}\">\
                 <p class=\"note-label\">{label}</p>{}</aside>",
                inner(body)
            )
        }
    }
}

fn sizes(layout: Layout) -> &'static str {
    match layout {
        Layout::Column => FEATURED_SIZES,
        Layout::Wide => WIDE_SIZES,
        Layout::Full => FULL_SIZES,
    }
}

/// An `<img>` as the featured image is shown below the fold, and its caption; `None` for an
/// image the library does not have.
fn image(i: &Image, resolved: &Resolved, sizes: &str) -> Option<(String, String)> {
    let r = resolved.media.get(&i.media)?;
    let caption = match (&i.caption, &i.credit) {
        (None, None) => String::new(),
        (c, credit) => format!(
            "<figcaption>{}{}{}</figcaption>",
            c.as_deref().map(esc).unwrap_or_default(),
            if c.is_some() && credit.is_some() {
                " "
            } else {
                ""
            },
            credit
                .as_deref()
                .map(|x| format!("<span class=\"credit\">{}</span>", esc(x)))
                .unwrap_or_default()
        ),
    };
    Some((img(r, &i.alt, sizes), caption))
}

fn img(r: &Responsive, alt: &str, sizes: &str) -> String {
    format!(
        "<img src=\"{}\" srcset=\"{}\" sizes=\"{sizes}\" width=\"{}\" height=\"{}\" alt=\"{}\" \
         loading=\"lazy\" decoding=\"async\">",
        esc(&r.src),
        esc(&r.srcset),
        r.width,
        r.height,
        esc(alt)
    )
}

/// The click-to-load placeholder (or, for a link without a frame, the card): no address of the
/// provider is loaded by the page itself; the button (shown by the script) makes the frame.
fn embed(title: Option<&str>, url: &str, resolved: &Resolved) -> String {
    let Some(e) = embeds::detect(url) else {
        return String::new();
    };
    let name = e.provider.name();
    let text = title.unwrap_or(&e.link);
    let thumb = e
        .thumbnail
        .as_ref()
        .and_then(|t| resolved.thumbnails.get(t))
        .map(|r| img(r, "", THUMB_SIZES))
        .unwrap_or_default();
    let caption = format!(
        "<figcaption><span class=\"embed-provider\">{name}</span> <a href=\"{}\">{}</a></figcaption>",
        esc(&e.link),
        esc(text)
    );
    match e.frame {
        Some(frame) if e.provider != Provider::Link => format!(
            "<figure class=\"block-embed\" data-embed-provider=\"{}\" data-embed-src=\"{}\">\
             {thumb}<button type=\"button\" class=\"embed-load\" hidden>Load content from {name}\
             </button>{caption}</figure>",
            e.provider.key(),
            esc(&frame)
        ),
        _ => format!(
            "<figure class=\"block-embed embed-card\" data-embed-provider=\"{}\">{thumb}{caption}</figure>",
            e.provider.key()
        ),
    }
}

/// The `data-embed-src` values of a rendered body's `<figure>` tags (text that merely looks
/// like one is not a tag: `>` inside a value is escaped, so a tag ends at the first `>`).
pub fn embed_sources(body_html: &str) -> impl Iterator<Item = String> + '_ {
    body_html.split("<figure ").skip(1).filter_map(|rest| {
        let tag = rest.split('>').next()?;
        let value = tag.split(" data-embed-src=\"").nth(1)?.split('"').next()?;
        Some(value.replace("&amp;", "&"))
    })
}

/// The `frame-src` hosts a rendered body's embeds need, each once (none for most articles).
pub fn frame_hosts(body_html: &str) -> Vec<String> {
    let mut hosts: Vec<String> = embed_sources(body_html)
        .filter_map(|src| embeds::frame_host(&src))
        .collect();
    hosts.sort();
    hosts.dedup();
    hosts
}
