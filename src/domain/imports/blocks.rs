//! A WordPress post's HTML as story blocks: its pictures (`<img>`, `[caption]`, `wp-block-image`
//! figures), galleries (`[gallery ids]`, `wp-block-gallery`) and embeds (`wp-block-embed`,
//! `[embed]`, a YouTube, Vimeo or X link alone on a line) taken out of the HTML where they
//! stood, the rest left as HTML. The images still name their old address: which of them the
//! media library holds is known only once the uploads are read (see [`super::media`]).

use std::collections::HashMap;

use super::html::html_text;

/// A picture of the post, by its old address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WpImage {
    /// The `src` as written (an absolute URL or a path).
    pub url: String,
    pub alt: String,
    pub caption: Option<String>,
}

/// A piece of a post's body, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Html(String),
    Image(WpImage),
    Gallery(Vec<WpImage>),
    /// A link to embed, with the caption the embed had as its title.
    Embed {
        url: String,
        title: Option<String>,
    },
}

fn embed(url: String, title: Option<String>) -> Block {
    Block::Embed { url, title }
}

/// What the export says about an attachment (a file of the uploads), by its post id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Attachment {
    pub url: String,
    /// `_wp_attachment_image_alt`.
    pub alt: String,
    /// The attachment's excerpt, which WordPress shows as its caption.
    pub caption: Option<String>,
    /// Its title (by default the file's name without extension).
    pub title: String,
}

pub type Attachments = HashMap<String, Attachment>;

/// The post's content as blocks.
pub fn content_blocks(html: &str, attachments: &Attachments) -> Vec<Block> {
    let html = html.replace("\r\n", "\n");
    let mut out = Vec::new();
    let mut rest = html.as_str();
    while let Some((start, found)) = next_construct(rest) {
        let (block, used) = match found {
            Construct::Figure => figure(&rest[start..], attachments),
            Construct::Caption => caption_shortcode(&rest[start..], attachments),
            Construct::Gallery => gallery_shortcode(&rest[start..], attachments),
            Construct::EmbedShortcode => embed_shortcode(&rest[start..]),
            Construct::Img => bare_img(&rest[start..], attachments),
        };
        let (head, end) = unwrap_paragraph(rest, start, start + used.max(1));
        push_html(&mut out, head);
        out.extend(block);
        rest = &rest[end..];
    }
    push_html(&mut out, rest);
    out
}

/// A picture alone in a paragraph (`<p><img …></p>`) takes the paragraph with it: the HTML
/// before it loses the `<p>`, and the `</p>` after it is passed over. Returns the HTML before
/// and where the rest starts.
fn unwrap_paragraph(s: &str, start: usize, end: usize) -> (&str, usize) {
    let head = &s[..start];
    let trimmed = head.trim_end();
    let tail = &s[end..];
    let after = tail.trim_start();
    let Some(open) = trimmed.to_ascii_lowercase().rfind("<p") else {
        return (head, end);
    };
    let tag = &trimmed[open..];
    let is_p = tag.len() >= 3 && matches!(tag.as_bytes()[2], b'>' | b' ');
    let closes = after.len() >= 4 && after[..4].eq_ignore_ascii_case("</p>");
    if is_p && tag.ends_with('>') && tag.matches('>').count() == 1 && closes {
        (&head[..open], end + (tail.len() - after.len()) + 4)
    } else {
        (head, end)
    }
}

#[derive(Clone, Copy)]
enum Construct {
    Figure,
    Caption,
    Gallery,
    EmbedShortcode,
    Img,
}

fn next_construct(s: &str) -> Option<(usize, Construct)> {
    let lower = s.to_ascii_lowercase();
    let candidates = [
        (find_tag(&lower, "figure"), Construct::Figure),
        (find_shortcode(&lower, "caption"), Construct::Caption),
        (find_shortcode(&lower, "gallery"), Construct::Gallery),
        (find_shortcode(&lower, "embed"), Construct::EmbedShortcode),
        (find_tag(&lower, "img"), Construct::Img),
    ];
    let (mut at, construct) = candidates
        .into_iter()
        .filter_map(|(i, c)| i.map(|i| (i, c)))
        .min_by_key(|(i, _)| *i)?;
    // A picture that links somewhere is the picture: the link goes with it.
    if matches!(construct, Construct::Img)
        && let Some(a) = lower[..at].rfind("<a ")
        && lower[a..at]
            .find('>')
            .is_some_and(|j| lower[a + j + 1..at].trim().is_empty())
    {
        at = a;
    }
    Some((at, construct))
}

fn find_tag(lower: &str, name: &str) -> Option<usize> {
    let open = format!("<{name}");
    let mut from = 0;
    while let Some(i) = lower[from..].find(&open) {
        let at = from + i;
        if lower[at + open.len()..].starts_with([' ', '>', '/', '\n', '\t']) {
            return Some(at);
        }
        from = at + open.len();
    }
    None
}

fn find_shortcode(lower: &str, name: &str) -> Option<usize> {
    let open = format!("[{name}");
    let mut from = 0;
    while let Some(i) = lower[from..].find(&open) {
        let at = from + i;
        if lower[at + open.len()..].starts_with([' ', ']']) {
            return Some(at);
        }
        from = at + open.len();
    }
    None
}

/// HTML between the pictures, with YouTube/Vimeo/X links alone on a line made embeds; pieces
/// left with no text (the `<p>` a picture stood in) are dropped.
fn push_html(out: &mut Vec<Block>, html: &str) {
    let mut current = String::new();
    for line in html.split('\n') {
        let bare = html_text(line);
        if is_auto_embed(&bare) {
            flush_html(out, std::mem::take(&mut current));
            out.push(embed(bare, None));
            continue;
        }
        current.push_str(line);
        current.push('\n');
    }
    flush_html(out, current);
}

fn flush_html(out: &mut Vec<Block>, html: String) {
    let lower = html.to_ascii_lowercase();
    let keeps = ["<hr", "<table", "<pre", "<iframe"];
    if !html_text(&strip_block_comments(&html)).is_empty()
        || keeps.iter().any(|k| lower.contains(k))
    {
        out.push(Block::Html(html.trim_matches('\n').to_owned()));
    }
}

fn strip_block_comments(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("<!--") {
        out.push_str(&rest[..i]);
        rest = rest[i..].find("-->").map_or("", |j| &rest[i + j + 3..]);
    }
    out.push_str(rest);
    out
}

/// Links WordPress turned into embeds on their own (oEmbed) and that the site embeds too.
fn is_auto_embed(text: &str) -> bool {
    let Some(rest) = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
    else {
        return false;
    };
    if text.contains(char::is_whitespace) || text.contains(['"', '<', '>']) {
        return false;
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.strip_prefix("www.").unwrap_or(host);
    let host = host.strip_prefix("m.").unwrap_or(host);
    matches!(
        host,
        "youtube.com" | "youtu.be" | "vimeo.com" | "twitter.com" | "x.com"
    )
}

/// The value of an attribute of the tag starting `tag` (character references decoded).
pub(super) fn attr(tag: &str, name: &str) -> Option<String> {
    let end = tag.find('>').unwrap_or(tag.len());
    let tag = &tag[..end];
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(name) {
        let at = from + i;
        from = at + name.len();
        let before_ok = lower[..at].ends_with([' ', '\n', '\t']);
        let after = lower[from..].trim_start();
        if !before_ok || !after.starts_with('=') {
            continue;
        }
        let value = tag[tag.len() - after.len() + 1..].trim_start();
        let raw = match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or(""),
            _ => value
                .split([' ', '\n', '\t', '/', '>'])
                .next()
                .unwrap_or(""),
        };
        return Some(html_escape::decode_html_entities(raw).trim().to_owned());
    }
    None
}

/// The attachment id WordPress writes into an image's class (`wp-image-105`).
fn attachment_id(img_tag: &str) -> Option<String> {
    let class = attr(img_tag, "class")?;
    class
        .split_whitespace()
        .find_map(|c| c.strip_prefix("wp-image-"))
        .filter(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
        .map(str::to_owned)
}

/// The picture an `<img>` tag shows; the alt text falls back to the attachment's.
fn image_of(img_tag: &str, caption: Option<String>, attachments: &Attachments) -> Option<WpImage> {
    let url = attr(img_tag, "src").filter(|s| !s.is_empty())?;
    let known = attachment_id(img_tag).and_then(|id| attachments.get(&id));
    let alt = attr(img_tag, "alt").filter(|a| !a.is_empty());
    let caption = caption.filter(|c| !c.is_empty());
    Some(WpImage {
        alt: alt
            .or_else(|| known.map(|a| a.alt.clone()).filter(|a| !a.is_empty()))
            .unwrap_or_else(|| fallback_alt(&url, caption.as_deref(), known)),
        url,
        caption,
    })
}

/// Alt text is required: an image without any says what it can (its caption, its title, its
/// file's name).
fn fallback_alt(url: &str, caption: Option<&str>, known: Option<&Attachment>) -> String {
    if let Some(c) = caption {
        return c.to_owned();
    }
    if let Some(t) = known.map(|a| a.title.trim()).filter(|t| !t.is_empty()) {
        return t.to_owned();
    }
    let file = url.rsplit('/').next().unwrap_or(url);
    let stem = file.split(['?', '#', '.']).next().unwrap_or(file);
    let words = stem.replace(['-', '_'], " ");
    if words.trim().is_empty() {
        "Image".to_owned()
    } else {
        words.trim().to_owned()
    }
}

fn from_attachment(id: &str, attachments: &Attachments) -> Option<WpImage> {
    let a = attachments.get(id)?;
    Some(WpImage {
        url: a.url.clone(),
        alt: if a.alt.is_empty() {
            fallback_alt(&a.url, a.caption.as_deref(), Some(a))
        } else {
            a.alt.clone()
        },
        caption: a.caption.clone(),
    })
}

/// The end (exclusive) of the element opened at the start of `s`, counting nested ones.
fn element_end(s: &str, name: &str) -> usize {
    let lower = s.to_ascii_lowercase();
    let (open, close) = (format!("<{name}"), format!("</{name}>"));
    let mut depth = 0usize;
    let mut at = 0;
    loop {
        let next_open = find_tag(&lower[at..], name).map(|i| at + i);
        let Some(next_close) = lower[at..].find(&close).map(|i| at + i) else {
            return s.len();
        };
        match next_open {
            Some(o) if o < next_close => {
                depth += 1;
                at = o + open.len();
            }
            _ => {
                depth = depth.saturating_sub(1);
                at = next_close + close.len();
                if depth == 0 {
                    return at;
                }
            }
        }
    }
}

fn tag_at(s: &str) -> &str {
    &s[..s.find('>').map_or(s.len(), |i| i + 1)]
}

fn caption_text(inner: &str) -> Option<String> {
    let lower = inner.to_ascii_lowercase();
    let start = find_tag(&lower, "figcaption")?;
    let end = element_end(&inner[start..], "figcaption");
    Some(html_text(&inner[start..start + end])).filter(|c| !c.is_empty())
}

/// A `<figure>`: an image, a gallery or an embed of the block editor, or any other figure
/// with pictures in it.
fn figure(s: &str, attachments: &Attachments) -> (Vec<Block>, usize) {
    let end = element_end(s, "figure");
    let whole = &s[..end];
    let class = attr(tag_at(whole), "class").unwrap_or_default();
    let classes: Vec<&str> = class.split_whitespace().collect();
    if classes.contains(&"wp-block-gallery") {
        return (gallery_figure(whole, attachments), end);
    }
    if classes.iter().any(|c| c.starts_with("wp-block-embed")) {
        let inner =
            &whole[..find_tag(&whole.to_ascii_lowercase(), "figcaption").unwrap_or(whole.len())];
        let url = html_text(inner)
            .split_whitespace()
            .find(|w| w.starts_with("https://") || w.starts_with("http://"))
            .map(str::to_owned);
        return match url {
            Some(u) => (vec![embed(u, caption_text(whole))], end),
            None => (Vec::new(), end),
        };
    }
    let lower = whole.to_ascii_lowercase();
    let images: Vec<usize> = img_positions(&lower);
    if images.len() > 1 {
        return (gallery_figure(whole, attachments), end);
    }
    match images.first() {
        Some(&i) => {
            let image = image_of(tag_at(&whole[i..]), caption_text(whole), attachments);
            (image.map(Block::Image).into_iter().collect(), end)
        }
        // A figure of something else (a table, a quote): left to the HTML.
        None => (vec![Block::Html(whole.to_owned())], end),
    }
}

fn img_positions(lower: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = find_tag(&lower[from..], "img") {
        out.push(from + i);
        from += i + 4;
    }
    out
}

/// A gallery figure: each picture with the caption between it and the next; the gallery's own
/// caption as a paragraph after it.
fn gallery_figure(whole: &str, attachments: &Attachments) -> Vec<Block> {
    let lower = whole.to_ascii_lowercase();
    let positions = img_positions(&lower);
    let mut images = Vec::new();
    let mut own_caption = None;
    for (n, &i) in positions.iter().enumerate() {
        let next = positions.get(n + 1).copied().unwrap_or(whole.len());
        let mut between = &whole[i..next];
        let mut caption = None;
        while let Some(c) = find_tag(&between.to_ascii_lowercase(), "figcaption") {
            let tag = tag_at(&between[c..]);
            let text = caption_text(&between[c..]);
            if attr(tag, "class").is_some_and(|k| k.contains("blocks-gallery-caption")) {
                own_caption = text;
            } else if caption.is_none() {
                caption = text;
            }
            between = &between[c + tag.len()..];
        }
        images.extend(image_of(tag_at(&whole[i..]), caption, attachments));
    }
    let mut out = vec![Block::Gallery(images)];
    if let Some(c) = own_caption {
        out.push(Block::Html(format!(
            "<p>{}</p>",
            html_escape::encode_text(&c)
        )));
    }
    out
}

/// `[caption id="attachment_5" …]<img …> The caption[/caption]` (or `caption="…"`).
fn caption_shortcode(s: &str, attachments: &Attachments) -> (Vec<Block>, usize) {
    let open_end = s.find(']').map_or(s.len(), |i| i + 1);
    let close = s.to_ascii_lowercase().find("[/caption]");
    let (inner, used) = match close {
        Some(c) if c >= open_end => (&s[open_end..c], c + "[/caption]".len()),
        _ => (&s[open_end..open_end], open_end),
    };
    let lower = inner.to_ascii_lowercase();
    let Some(i) = find_tag(&lower, "img") else {
        return (vec![Block::Html(inner.to_owned())], used);
    };
    let img = tag_at(&inner[i..]);
    let after = &inner[i + img.len()..];
    let after = after
        .trim_start()
        .strip_prefix("</a>")
        .or_else(|| after.trim_start().strip_prefix("</A>"))
        .unwrap_or(after);
    let caption = Some(html_text(after))
        .filter(|c| !c.is_empty())
        .or_else(|| attr(&s[..open_end], "caption").map(|c| html_text(&c)));
    let image = image_of(img, caption, attachments);
    (image.map(Block::Image).into_iter().collect(), used)
}

/// `[gallery ids="12,13"]`: the attachments it names, in order.
fn gallery_shortcode(s: &str, attachments: &Attachments) -> (Vec<Block>, usize) {
    let end = s.find(']').map_or(s.len(), |i| i + 1);
    let ids = attr(&s[..end].replace(']', " "), "ids").unwrap_or_default();
    let images: Vec<WpImage> = ids
        .split(',')
        .map(str::trim)
        .filter_map(|id| {
            from_attachment(id, attachments).or_else(|| {
                // An id the export does not describe: kept as a missing picture, so it is
                // counted and reported like any other.
                (!id.is_empty()).then(|| WpImage {
                    url: format!("attachment:{id}"),
                    alt: format!("Image {id}"),
                    caption: None,
                })
            })
        })
        .collect();
    let blocks = if images.is_empty() {
        Vec::new()
    } else {
        vec![Block::Gallery(images)]
    };
    (blocks, end)
}

/// `[embed]https://…[/embed]`.
fn embed_shortcode(s: &str) -> (Vec<Block>, usize) {
    let open_end = s.find(']').map_or(s.len(), |i| i + 1);
    let Some(close) = s.to_ascii_lowercase().find("[/embed]") else {
        return (Vec::new(), open_end);
    };
    let url = html_text(&s[open_end..close.max(open_end)]);
    let blocks = if url.starts_with("https://") || url.starts_with("http://") {
        vec![embed(url, None)]
    } else {
        Vec::new()
    };
    (blocks, close + "[/embed]".len())
}

/// An `<img>` on its own (with the link around it, if any).
fn bare_img(s: &str, attachments: &Attachments) -> (Vec<Block>, usize) {
    let lower = s.to_ascii_lowercase();
    let linked = lower.starts_with("<a ");
    let i = if linked {
        find_tag(&lower, "img").unwrap_or(0)
    } else {
        0
    };
    let img = tag_at(&s[i..]);
    let mut used = i + img.len();
    if linked && let Some(c) = lower[used..].find("</a>") {
        used += c + 4;
    }
    (
        image_of(img, None, attachments)
            .map(Block::Image)
            .into_iter()
            .collect(),
        used,
    )
}
