//! A post's blocks as the stored body: pictures the media library holds become `::image`
//! directives (see docs/architecture.md, "Story blocks"), galleries `:::gallery`, embeds
//! `::embed`; a picture it does not hold stays a plain link to its old address, with its alt
//! text as the link's text. And where, in a copy of `wp-content/uploads`, a picture's file is.

use super::blocks::{Block, WpImage};
use super::html::{article_source, html_text};

/// The files of `wp-content/uploads` that may hold the picture at `url`, best first: the
/// original (WordPress's resized copies are `name-300x200.jpg` beside `name.jpg`), then the
/// file as named. `None` for a picture that is not in the uploads (another site's, a data URL).
pub fn uploads_candidates(url: &str) -> Option<Vec<String>> {
    const MARK: &str = "/wp-content/uploads/";
    let at = url.find(MARK)?;
    let rel = url[at + MARK.len()..].split(['?', '#']).next()?;
    let rel = percent_encoding::percent_decode_str(rel)
        .decode_utf8()
        .ok()?
        .into_owned();
    if !is_safe_relative(&rel) {
        return None;
    }
    let mut out = Vec::with_capacity(2);
    if let Some(original) = without_size_suffix(&rel) {
        out.push(original);
    }
    out.push(rel);
    Some(out)
}

/// `2024/05/photo-300x200.jpg` → `2024/05/photo.jpg`.
fn without_size_suffix(rel: &str) -> Option<String> {
    let (dir_and_stem, ext) = rel.rsplit_once('.')?;
    let (stem, size) = dir_and_stem.rsplit_once('-')?;
    let (w, h) = size.split_once('x')?;
    let digits = |s: &str| !s.is_empty() && s.len() <= 5 && s.bytes().all(|b| b.is_ascii_digit());
    (digits(w) && digits(h) && !stem.ends_with('/')).then(|| format!("{stem}.{ext}"))
}

/// A path that stays inside the folder it is joined to: plain names only, no `..`, no root,
/// no backslash or NUL. (Symbolic links are checked where the files are opened.)
pub fn is_safe_relative(rel: &str) -> bool {
    !rel.is_empty()
        && rel.len() <= 1000
        && !rel.contains(['\\', '\0'])
        && rel
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}

/// Every picture of the blocks, in order.
pub fn images(blocks: &[Block]) -> impl Iterator<Item = &WpImage> {
    blocks.iter().flat_map(|b| match b {
        Block::Image(i) => std::slice::from_ref(i),
        Block::Gallery(g) => g.as_slice(),
        _ => &[],
    })
}

/// The body's text, for the search index: the HTML's text, alt texts and captions.
pub fn blocks_text(blocks: &[Block]) -> String {
    let mut parts = Vec::new();
    for b in blocks {
        match b {
            Block::Html(h) => parts.push(html_text(h)),
            Block::Image(i) => parts.extend(image_text(i)),
            Block::Gallery(g) => parts.extend(g.iter().flat_map(image_text)),
            Block::Embed { title, .. } => parts.extend(title.clone()),
        }
    }
    parts.retain(|p| !p.is_empty());
    parts.join(" ")
}

fn image_text(i: &WpImage) -> Vec<String> {
    let mut v = vec![i.alt.clone()];
    v.extend(i.caption.clone());
    v
}

/// The stored body: `media` gives the library id of a picture's old address, when the library
/// holds it.
pub fn body_source(blocks: &[Block], media: impl Fn(&str) -> Option<i64>) -> String {
    let mut parts: Vec<String> = Vec::new();
    for b in blocks {
        match b {
            Block::Html(h) => parts.push(article_source(h)),
            Block::Image(i) => parts.push(match media(&i.url) {
                Some(id) => image_directive(i, id),
                None => image_link(i),
            }),
            Block::Gallery(g) => {
                let (held, missing): (Vec<_>, Vec<_>) =
                    g.iter().partition(|i| media(&i.url).is_some());
                if !held.is_empty() {
                    let mut lines = vec![":::gallery".to_owned()];
                    for i in held {
                        lines.push(image_directive(i, media(&i.url).unwrap_or_default()));
                    }
                    lines.push(":::".to_owned());
                    parts.push(lines.join("\n"));
                }
                parts.extend(missing.into_iter().map(image_link));
            }
            Block::Embed { url, title } => parts.push(format!(
                "::embed{}{{url={}}}",
                title
                    .as_deref()
                    .map(|t| format!("[{}]", label(t)))
                    .unwrap_or_default(),
                quoted(url)
            )),
        }
    }
    parts.retain(|p| !p.trim().is_empty());
    // Blank lines between: a directive is a block of its own, and ends an HTML block before it.
    parts.join("\n\n")
}

fn image_directive(i: &WpImage, id: i64) -> String {
    let mut attrs = format!("media={id}");
    if let Some(c) = &i.caption {
        attrs.push_str(&format!(" caption={}", quoted(c)));
    }
    format!("::image[{}]{{{attrs}}}", label(&i.alt))
}

/// A picture the library does not hold: a link to where it was, named by its alt text.
fn image_link(i: &WpImage) -> String {
    let text = html_escape::encode_text(&i.alt);
    let mut out = if i.url.starts_with("https://") || i.url.starts_with("http://") {
        format!(
            "<p><a href=\"{}\">{text}</a></p>",
            html_escape::encode_double_quoted_attribute(&i.url)
        )
    } else {
        format!("<p>{text}</p>")
    };
    if let Some(c) = &i.caption {
        out.push_str(&format!("\n<p>{}</p>", html_escape::encode_text(c)));
    }
    out
}

/// A directive's label: one line of plain text, `\` and `]` escaped.
fn label(s: &str) -> String {
    one_line(s).replace('\\', "\\\\").replace(']', "\\]")
}

/// A directive's attribute value, always quoted: `\` and `"` escaped.
fn quoted(s: &str) -> String {
    format!(
        "\"{}\"",
        one_line(s).replace('\\', "\\\\").replace('"', "\\\"")
    )
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
