//! Story blocks: the generic directives an article body may carry besides Markdown (images from
//! the media library, galleries, embeds, read-more cards, pull quotes, fact boxes and notes), as
//! the README's *Writing a story* shows them. Parsing is pure and total: a line that does not spell a known
//! directive exactly stays Markdown (and so literal text). Rendering (`render.rs`) takes the
//! parsed body and what the store resolved (images, articles, thumbnails); `embeds.rs` knows the
//! providers.

pub mod embeds;
pub mod render;
mod syntax;

pub use render::{ArticleRef, Resolved, problems};
use syntax::{Directive, parse_directive};

/// The most blocks one body may hold: bounds the lookups a save makes.
pub const MAX_BLOCKS: usize = 200;

/// An image's width in the story.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    Column,
    Wide,
    Full,
}

impl Layout {
    fn parse(s: &str) -> Option<Layout> {
        match s {
            "column" => Some(Layout::Column),
            "wide" => Some(Layout::Wide),
            "full" => Some(Layout::Full),
            _ => None,
        }
    }

    pub fn class(self) -> &'static str {
        match self {
            Layout::Column => "layout-column",
            Layout::Wide => "layout-wide",
            Layout::Full => "layout-full",
        }
    }
}

/// The kind of a note.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoteKind {
    Editor,
    Correction,
    Update,
}

impl NoteKind {
    fn parse(s: &str) -> Option<NoteKind> {
        match s {
            "editor" => Some(NoteKind::Editor),
            "correction" => Some(NoteKind::Correction),
            "update" => Some(NoteKind::Update),
            _ => None,
        }
    }
}

/// An image from the media library.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Image {
    /// Empty when the writer gave none: a problem on save, never rendered so.
    pub alt: String,
    pub media: i64,
    pub layout: Layout,
    pub caption: Option<String>,
    pub credit: Option<String>,
}

/// One block of a story.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Image(Image),
    Gallery {
        layout: Layout,
        images: Vec<Image>,
    },
    Embed {
        title: Option<String>,
        url: String,
    },
    ReadMore {
        slug: String,
    },
    PullQuote {
        cite: Option<String>,
        body: Vec<Part>,
    },
    FactBox {
        title: Option<String>,
        body: Vec<Part>,
    },
    Note {
        kind: NoteKind,
        body: Vec<Part>,
    },
}

/// A stretch of a body: Markdown, or a block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    Markdown(String),
    Block(Block),
}

/// What a body's blocks refer to, for the store to look up.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Refs {
    pub media: Vec<i64>,
    pub slugs: Vec<String>,
    pub embed_urls: Vec<String>,
}

/// A parsed body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Story {
    pub parts: Vec<Part>,
}

impl Story {
    /// Whether the body holds any block (a plain Markdown body renders as before).
    pub fn has_blocks(&self) -> bool {
        self.parts.iter().any(|p| matches!(p, Part::Block(_)))
    }

    /// Every media id, article slug and embed address the blocks name, each once.
    pub fn refs(&self) -> Refs {
        let mut r = Refs::default();
        walk(&self.parts, &mut |b| match b {
            Block::Image(i) => r.media.push(i.media),
            Block::Gallery { images, .. } => r.media.extend(images.iter().map(|i| i.media)),
            Block::Embed { url, .. } => r.embed_urls.push(url.clone()),
            Block::ReadMore { slug } => r.slugs.push(slug.clone()),
            _ => {}
        });
        r.media.sort_unstable();
        r.media.dedup();
        r.slugs.sort();
        r.slugs.dedup();
        r.embed_urls.sort();
        r.embed_urls.dedup();
        r
    }
}

/// Calls `f` on every block, those inside call-outs too.
pub(crate) fn walk<'a>(parts: &'a [Part], f: &mut impl FnMut(&'a Block)) {
    for p in parts {
        if let Part::Block(b) = p {
            f(b);
            if let Block::PullQuote { body, .. }
            | Block::FactBox { body, .. }
            | Block::Note { body, .. } = b
            {
                walk(body, f);
            }
        }
    }
}

/// A body as Markdown with each block replaced by the words a reader sees in it (alt texts,
/// captions, titles, the call-outs' text), for the search index.
pub fn searchable(source: &str) -> std::borrow::Cow<'_, str> {
    let story = parse(source);
    if !story.has_blocks() {
        return std::borrow::Cow::Borrowed(source);
    }
    let mut out = String::with_capacity(source.len());
    words(&story.parts, &mut out);
    std::borrow::Cow::Owned(out)
}

fn words(parts: &[Part], out: &mut String) {
    for part in parts {
        match part {
            Part::Markdown(m) => out.push_str(m),
            Part::Block(Block::Image(i)) => image_words(i, out),
            Part::Block(Block::Gallery { images, .. }) => {
                images.iter().for_each(|i| image_words(i, out));
            }
            Part::Block(Block::Embed { title, .. }) => {
                paragraph(out, title.as_deref().unwrap_or(""));
            }
            Part::Block(Block::ReadMore { .. }) => {}
            Part::Block(Block::PullQuote { cite, body }) => {
                words(body, out);
                paragraph(out, cite.as_deref().unwrap_or(""));
            }
            Part::Block(Block::FactBox { title, body }) => {
                paragraph(out, title.as_deref().unwrap_or(""));
                words(body, out);
            }
            Part::Block(Block::Note { body, .. }) => words(body, out),
        }
    }
}

fn image_words(i: &Image, out: &mut String) {
    for text in [Some(&i.alt), i.caption.as_ref(), i.credit.as_ref()]
        .into_iter()
        .flatten()
    {
        paragraph(out, text);
    }
}

/// `text` as a paragraph of its own.
fn paragraph(out: &mut String, text: &str) {
    out.push_str("\n\n");
    out.push_str(text);
    out.push_str("\n\n");
}

/// The line that places library image `media` in a body, with `alt` as its alt text.
pub fn image_directive(alt: &str, media: i64) -> String {
    let mut label = String::with_capacity(alt.len());
    for c in alt.chars().filter(|c| !c.is_control()) {
        if matches!(c, '[' | ']' | '\\') {
            label.push('\\');
        }
        label.push(c);
    }
    format!("::image[{label}]{{media={media}}}")
}

/// Parses a body into Markdown and blocks. Directives count only at the start of a line outside
/// fenced code; a container that is never closed, or holds what it may not, stays text.
pub fn parse(source: &str) -> Story {
    let lines: Vec<&str> = source.split_inclusive('\n').collect();
    let mut count = 0;
    Story {
        parts: parse_lines(&lines, true, &mut count),
    }
}

/// The parts of `lines`; containers only when `containers` (they do not nest).
fn parse_lines(lines: &[&str], containers: bool, count: &mut usize) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut text = String::new();
    let mut fence: Option<(u8, usize)> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        if let Some(f) = fence {
            if closes_fence(line, f) {
                fence = None;
            }
            text.push_str(line);
            continue;
        }
        if let Some(f) = opens_fence(line) {
            fence = Some(f);
            text.push_str(line);
            continue;
        }
        if !line.starts_with("::") || *count >= MAX_BLOCKS {
            text.push_str(line);
            continue;
        }
        let found = match parse_directive(line.trim_end()) {
            Some(Directive::Leaf(d)) => leaf(&d),
            Some(Directive::Open(d)) if containers => {
                container(&d, &lines[i..], count).map(|(b, used)| {
                    i += used;
                    b
                })
            }
            _ => None,
        };
        match found {
            Some(block) => {
                *count += 1;
                if !text.is_empty() {
                    parts.push(Part::Markdown(std::mem::take(&mut text)));
                }
                parts.push(Part::Block(block));
            }
            None => text.push_str(line),
        }
    }
    if !text.is_empty() {
        parts.push(Part::Markdown(text));
    }
    parts
}

/// A fence's character and length when `line` opens fenced code (up to three spaces in).
fn opens_fence(line: &str) -> Option<(u8, usize)> {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 {
        return None;
    }
    let c = *t.as_bytes().first()?;
    if c != b'`' && c != b'~' {
        return None;
    }
    let n = t.bytes().take_while(|b| *b == c).count();
    // A backtick fence's info string may not hold a backtick.
    (n >= 3 && !(c == b'`' && t[n..].contains('`'))).then_some((c, n))
}

fn closes_fence(line: &str, (c, n): (u8, usize)) -> bool {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 {
        return false;
    }
    let run = t.bytes().take_while(|b| *b == c).count();
    run >= n && t[run..].trim().is_empty()
}

fn leaf(d: &syntax::Parsed) -> Option<Block> {
    match d.name.as_str() {
        "image" => image(d),
        "embed" => {
            d.only(&["url"])?;
            let url = d.attr("url")?;
            embeds::is_web_address(url).then(|| Block::Embed {
                title: d.label.clone().filter(|t| !t.trim().is_empty()),
                url: url.to_owned(),
            })
        }
        "readmore" => {
            d.only(&["article"])?;
            let slug = d.attr("article")?;
            (d.label.is_none() && crate::domain::Slug::parse(slug).is_ok()).then(|| {
                Block::ReadMore {
                    slug: slug.to_owned(),
                }
            })
        }
        _ => None,
    }
}

fn image(d: &syntax::Parsed) -> Option<Block> {
    if d.name != "image" {
        return None;
    }
    d.only(&["media", "layout", "caption", "credit"])?;
    let media = d.attr("media")?;
    if media.is_empty() || media.len() > 15 || !media.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let media: i64 = media.parse().ok().filter(|m| *m > 0)?;
    let layout = match d.attr("layout") {
        Some(l) => Layout::parse(l)?,
        None => Layout::Column,
    };
    let text = |k: &str| {
        d.attr(k)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    Some(Block::Image(Image {
        alt: d.label.as_deref().unwrap_or("").trim().to_owned(),
        media,
        layout,
        caption: text("caption"),
        credit: text("credit"),
    }))
}

/// A container opened by `d` whose lines follow in `rest`; with how many lines it used (its
/// closing line included).
fn container(d: &syntax::Parsed, rest: &[&str], count: &mut usize) -> Option<(Block, usize)> {
    let mut fence = None;
    let mut end = None;
    for (n, line) in rest.iter().enumerate() {
        if let Some(f) = fence {
            if closes_fence(line, f) {
                fence = None;
            }
        } else if let Some(f) = opens_fence(line) {
            fence = Some(f);
        } else if line.trim_end() == ":::" {
            end = Some(n);
            break;
        }
    }
    let end = end?;
    let inner = &rest[..end];
    let text = |k: &str| {
        d.attr(k)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let label = d.label.clone().filter(|l| !l.trim().is_empty());
    let block = match d.name.as_str() {
        "gallery" => {
            d.only(&["layout"])?;
            let layout = match d.attr("layout") {
                Some(l) => Layout::parse(l)?,
                None => Layout::Wide,
            };
            let mut images = Vec::new();
            for line in inner.iter().filter(|l| !l.trim().is_empty()) {
                match parse_directive(line.trim_end()) {
                    Some(Directive::Leaf(p)) => match image(&p)? {
                        Block::Image(i) => images.push(i),
                        _ => return None,
                    },
                    _ => return None,
                }
            }
            if images.is_empty() || label.is_some() {
                return None;
            }
            Block::Gallery { layout, images }
        }
        "pullquote" => {
            d.only(&["cite"])?;
            Block::PullQuote {
                cite: text("cite"),
                body: parse_lines(inner, false, count),
            }
        }
        "factbox" => {
            d.only(&[])?;
            Block::FactBox {
                title: label,
                body: parse_lines(inner, false, count),
            }
        }
        "note" => {
            d.only(&["kind"])?;
            Block::Note {
                kind: NoteKind::parse(d.attr("kind")?)?,
                body: parse_lines(inner, false, count),
            }
        }
        _ => return None,
    };
    Some((block, end + 1))
}

#[cfg(test)]
mod tests;
