//! Article files: Markdown with a YAML front-matter block between `---` lines.
//!
//! ```text
//! ---
//! title: "Harbour reopens after storm"
//! section: International
//! author: Mira Castell            # or a list: [Mira Castell, Tom Ueda]
//! published_at: 2026-11-20T08:30:00Z
//! slug: harbour-reopens           # optional, derived from the title when absent
//! tags: [weather, ports]          # optional
//! summary: "One or two sentences." # optional
//! updated_at: 2026-11-21T10:00:00Z # optional: shows "Updated …"
//! image: /media/harbour.jpg       # optional: an http(s) URL or a path on this site
//! image_alt: "Cranes at dawn"     # required with `image`
//! image_caption: "Photo: M. C."   # optional
//! ---
//! The body, in Markdown.
//! ```
//!
//! Errors carry the line (in the whole file, counting from 1) and a message a person can act on.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::article::{FeaturedImage, NewArticle};
use super::slug::Slug;

pub const MAX_FILE_BYTES: usize = 2 * 1024 * 1024;
pub const MAX_TITLE_CHARS: usize = 300;
pub const MAX_SUMMARY_CHARS: usize = 1000;
pub const MAX_NAME_CHARS: usize = 120;
pub const MAX_TAGS: usize = 20;
/// The most names a byline takes.
pub const MAX_AUTHORS: usize = 10;
pub const MAX_IMAGE_URL_CHARS: usize = 2000;
pub const MAX_IMAGE_ALT_CHARS: usize = 300;
pub const MAX_IMAGE_CAPTION_CHARS: usize = 500;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct FrontMatterError {
    pub line: usize,
    pub message: String,
}

fn err(line: usize, message: impl Into<String>) -> FrontMatterError {
    FrontMatterError {
        line,
        message: message.into(),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Fields {
    title: String,
    section: String,
    #[serde(alias = "authors")]
    author: OneOrMany,
    published_at: String,
    slug: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    summary: String,
    updated_at: Option<String>,
    image: Option<String>,
    image_alt: Option<String>,
    image_caption: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// Parses one article file.
pub fn parse(text: &str) -> Result<NewArticle, FrontMatterError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(err(
            1,
            format!(
                "the file is larger than {} MiB",
                MAX_FILE_BYTES / 1024 / 1024
            ),
        ));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // A lone carriage return ends a line for YAML (and for old editors): make every line end a
    // `\n` first, so the line numbers in messages are the file's. (Found by the fuzzer.)
    let normalised;
    let text = if text.contains('\r') {
        normalised = text.replace("\r\n", "\n").replace('\r', "\n");
        normalised.as_str()
    } else {
        text
    };
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(err(
            1,
            "the file must start with a front-matter block: a line `---`, the fields, and another `---`",
        ));
    }
    let mut yaml = String::new();
    let mut closing_line = None;
    let mut consumed = first.len();
    for (i, line) in lines.enumerate() {
        consumed += line.len();
        if line.trim_end() == "---" {
            closing_line = Some(i + 2);
            break;
        }
        yaml.push_str(line);
    }
    let Some(closing_line) = closing_line else {
        return Err(err(
            1,
            "the front-matter block is not closed: add a line `---` after the fields",
        ));
    };
    let body = text[consumed..].trim_start_matches(['\r', '\n']).to_owned();

    // YAML line n is file line n + 1 (after the opening `---`).
    let key_line = |key: &str| -> usize {
        yaml.lines()
            .position(|l| l.starts_with(key) && l[key.len()..].trim_start().starts_with(':'))
            .map_or(1, |i| i + 2)
    };

    let fields: Fields = serde_norway::from_str(&yaml).map_err(|e| {
        let mut message = e.to_string();
        if let Some(i) = message.find(" at line ") {
            message.truncate(i);
        }
        if message.starts_with("missing field") {
            return err(
                closing_line,
                format!("{message} (required fields: title, section, author, published_at)"),
            );
        }
        let line = e.location().map_or(1, |l| l.line() + 1);
        if message.starts_with("unknown field") {
            let field = message.split('`').nth(1).unwrap_or("");
            return err(key_line(field), message);
        }
        err(line, message)
    })?;

    let title = fields.title.trim().to_owned();
    if title.is_empty() {
        return Err(err(key_line("title"), "`title` is empty"));
    }
    if title.chars().count() > MAX_TITLE_CHARS {
        return Err(err(
            key_line("title"),
            format!("`title` is longer than {MAX_TITLE_CHARS} characters"),
        ));
    }
    let section = fields.section.trim().to_owned();
    if section.is_empty() || section.chars().count() > MAX_NAME_CHARS {
        return Err(err(
            key_line("section"),
            format!("`section` must be a name of 1 to {MAX_NAME_CHARS} characters"),
        ));
    }
    let authors: Vec<String> = match fields.author {
        OneOrMany::One(a) => vec![a],
        OneOrMany::Many(list) => list,
    }
    .into_iter()
    .map(|a| a.trim().to_owned())
    .filter(|a| !a.is_empty())
    .collect();
    let author_line = key_line("author").max(key_line("authors"));
    if authors.is_empty() {
        return Err(err(author_line, "`author` needs at least one name"));
    }
    if authors.len() > MAX_AUTHORS {
        return Err(err(author_line, format!("at most {MAX_AUTHORS} authors")));
    }
    if authors
        .iter()
        .any(|a| a.chars().count() > MAX_NAME_CHARS || Slug::from_title(a).is_none())
    {
        return Err(err(
            author_line,
            format!(
                "each author needs a name of 1 to {MAX_NAME_CHARS} characters with letters or digits"
            ),
        ));
    }
    let published_at = parse_time(&fields.published_at)
        .ok_or_else(|| err(key_line("published_at"), format!(
            "`published_at` must be an RFC 3339 date-time such as 2026-11-20T08:30:00Z (got `{}`)",
            fields.published_at
        )))?;
    let updated_at = match fields.updated_at {
        None => None,
        Some(s) => Some(parse_time(&s).ok_or_else(|| {
            err(key_line("updated_at"), format!(
                "`updated_at` must be an RFC 3339 date-time such as 2026-11-21T10:00:00Z (got `{s}`)"
            ))
        })?),
    };
    let slug = match fields.slug {
        Some(s) => {
            Slug::parse(s.trim()).map_err(|e| err(key_line("slug"), format!("`slug`: {e}")))?
        }
        None => Slug::from_title(&title).ok_or_else(|| {
            err(
                key_line("title"),
                "no slug can be derived from this title: add a `slug` field",
            )
        })?,
    };
    if fields.tags.len() > MAX_TAGS {
        return Err(err(key_line("tags"), format!("at most {MAX_TAGS} tags")));
    }
    let mut tags = Vec::new();
    for tag in fields.tags {
        let tag = tag.trim().to_owned();
        if tag.chars().count() > MAX_NAME_CHARS || Slug::from_title(&tag).is_none() {
            return Err(err(
                key_line("tags"),
                format!(
                    "the tag `{tag}` needs letters or digits and at most {MAX_NAME_CHARS} characters"
                ),
            ));
        }
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    let summary = fields.summary.trim().to_owned();
    if summary.chars().count() > MAX_SUMMARY_CHARS {
        return Err(err(
            key_line("summary"),
            format!("`summary` is longer than {MAX_SUMMARY_CHARS} characters"),
        ));
    }
    let image = featured_image(
        fields.image,
        fields.image_alt,
        fields.image_caption,
        &key_line,
    )?;
    if body.trim().is_empty() {
        return Err(err(
            closing_line + 1,
            "the article has no body after the front matter",
        ));
    }
    Ok(NewArticle {
        slug,
        title,
        summary,
        body_source: body,
        section,
        authors,
        tags,
        published_at: Some(published_at),
        updated_at,
        image,
    })
}

/// Checks the image fields together: an image needs its alt text, alt text and caption need an
/// image, and the address must be one a browser fetches as an image (no `javascript:` or
/// `data:` URLs, no other host through `//`).
fn featured_image(
    src: Option<String>,
    alt: Option<String>,
    caption: Option<String>,
    key_line: &dyn Fn(&str) -> usize,
) -> Result<Option<FeaturedImage>, FrontMatterError> {
    let trimmed = |s: Option<String>| s.map(|s| s.trim().to_owned());
    let (src, alt, caption) = (trimmed(src), trimmed(alt), trimmed(caption));
    let Some(src) = src else {
        for (key, value) in [("image_alt", &alt), ("image_caption", &caption)] {
            if value.is_some() {
                return Err(err(
                    key_line(key),
                    format!(
                        "`{key}` describes a featured image: add an `image` field or remove it"
                    ),
                ));
            }
        }
        return Ok(None);
    };
    let line = key_line("image");
    if src.chars().count() > MAX_IMAGE_URL_CHARS {
        return Err(err(
            line,
            format!("`image` is longer than {MAX_IMAGE_URL_CHARS} characters"),
        ));
    }
    if !is_image_address(&src) {
        let shown: String = src.chars().take(80).collect();
        return Err(err(
            line,
            format!(
                "`image` must be an https:// or http:// URL or a path on this site starting with `/`, \
                 without spaces (got `{shown}`)"
            ),
        ));
    }
    let alt = match alt {
        None => {
            return Err(err(
                line,
                "`image` needs `image_alt`: a short description of the picture for readers who \
                 cannot see it",
            ));
        }
        Some(a) if a.is_empty() => {
            return Err(err(
                key_line("image_alt"),
                "`image_alt` is empty: describe the picture for readers who cannot see it",
            ));
        }
        Some(a) => a,
    };
    if alt.chars().count() > MAX_IMAGE_ALT_CHARS {
        return Err(err(
            key_line("image_alt"),
            format!("`image_alt` is longer than {MAX_IMAGE_ALT_CHARS} characters"),
        ));
    }
    let caption = caption.filter(|c| !c.is_empty());
    if caption
        .as_ref()
        .is_some_and(|c| c.chars().count() > MAX_IMAGE_CAPTION_CHARS)
    {
        return Err(err(
            key_line("image_caption"),
            format!("`image_caption` is longer than {MAX_IMAGE_CAPTION_CHARS} characters"),
        ));
    }
    Ok(Some(FeaturedImage { src, alt, caption }))
}

/// An absolute http(s) URL with a host, or a site path (`/…` but not `//host/…`); no spaces,
/// control characters, quotes or angle brackets anywhere.
pub fn is_image_address(s: &str) -> bool {
    if s.chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\'))
    {
        return false;
    }
    if s.starts_with('/') {
        return !s.starts_with("//");
    }
    let Some((scheme, rest)) = s.split_once("://") else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https") && !host.is_empty()
}

fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s.trim())
        .ok()
        .map(|t| super::clock::truncate(t.with_timezone(&Utc)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_carriage_returns_end_lines_in_messages_too() {
        let e = parse("---\r[-\r#\r\r\"\n---\n").unwrap_err();
        assert!(e.line <= 6, "{e}");
        let ok = parse(
            "---\r\ntitle: T\r\nsection: S\r\nauthor: A\r\npublished_at: 2026-01-01T00:00:00Z\r\n---\r\nBody\r\n",
        );
        assert_eq!(ok.unwrap().body_source, "Body\n");
    }

    const GOOD: &str = "---\ntitle: \"Harbour reopens\"\nsection: International\nauthor: Mira Castell\npublished_at: 2026-11-20T08:30:00Z\ntags: [ports, weather, ports]\nsummary: Ships are moving again.\n---\n\nThe harbour *reopened*.\n";

    #[test]
    fn parses_a_complete_file() {
        let a = parse(GOOD).unwrap();
        assert_eq!(a.title, "Harbour reopens");
        assert_eq!(a.slug.as_str(), "harbour-reopens");
        assert_eq!(a.authors, vec!["Mira Castell"]);
        assert_eq!(a.tags, vec!["ports", "weather"]);
        assert_eq!(a.body_source, "The harbour *reopened*.\n");
        assert_eq!(
            a.published_at.unwrap().to_rfc3339(),
            "2026-11-20T08:30:00+00:00"
        );
    }

    #[test]
    fn reports_the_line_of_each_problem() {
        let bad_date = GOOD.replace("2026-11-20T08:30:00Z", "20 November");
        let e = parse(&bad_date).unwrap_err();
        assert_eq!(e.line, 5);
        assert!(e.message.contains("RFC 3339"), "{e}");

        let unknown = GOOD.replace("summary:", "sumary:");
        let e = parse(&unknown).unwrap_err();
        assert_eq!(e.line, 7, "{e}");
        assert!(e.message.contains("unknown field `sumary`"), "{e}");

        let missing = GOOD.replace("section: International\n", "");
        let e = parse(&missing).unwrap_err();
        assert!(e.message.contains("missing field `section`"), "{e}");
        assert_eq!(e.line, 7);

        let broken_yaml = GOOD.replace("tags: [ports, weather, ports]", "tags: [ports, weather");
        let e = parse(&broken_yaml).unwrap_err();
        assert!(e.line >= 6, "{e}");

        let bad_slug = GOOD.replace("tags:", "slug: Bad Slug\ntags:");
        let e = parse(&bad_slug).unwrap_err();
        assert_eq!(e.line, 6);
        assert!(e.message.contains("slug"), "{e}");

        assert_eq!(parse("no front matter").unwrap_err().line, 1);
        assert!(
            parse("---\ntitle: x\n")
                .unwrap_err()
                .message
                .contains("not closed")
        );
        let no_body = GOOD.split("---\n\n").next().unwrap().to_owned() + "---\n";
        assert!(parse(&no_body).unwrap_err().message.contains("no body"));
    }

    #[test]
    fn accepts_a_list_of_authors_and_an_update_time() {
        let text = GOOD
            .replace("author: Mira Castell", "author: [Mira Castell, Tom Ueda]")
            .replace(
                "summary:",
                "updated_at: 2026-11-21T10:00:00+01:00\nsummary:",
            );
        let a = parse(&text).unwrap();
        assert_eq!(a.authors, vec!["Mira Castell", "Tom Ueda"]);
        assert_eq!(
            a.updated_at.unwrap().to_rfc3339(),
            "2026-11-21T09:00:00+00:00"
        );
    }

    fn with_image(fields: &str) -> String {
        GOOD.replace("summary:", &format!("{fields}summary:"))
    }

    #[test]
    fn accepts_a_featured_image_with_its_alt_text() {
        let a = parse(&with_image(
            "image: /media/harbour.jpg\nimage_alt: \"Cranes at dawn\"\nimage_caption: \"Photo: Mira Castell\"\n",
        ))
        .unwrap();
        let image = a.image.unwrap();
        assert_eq!(image.src, "/media/harbour.jpg");
        assert_eq!(image.alt, "Cranes at dawn");
        assert_eq!(image.caption.as_deref(), Some("Photo: Mira Castell"));
        let a = parse(&with_image(
            "image: https://cdn.example.org/a.png\nimage_alt: A chart\n",
        ))
        .unwrap();
        assert_eq!(a.image.unwrap().caption, None);
        assert_eq!(parse(GOOD).unwrap().image, None);
    }

    #[test]
    fn refuses_images_without_alt_text_or_with_unsafe_addresses() {
        // `image` is on line 7 of these files.
        let e = parse(&with_image("image: /media/harbour.jpg\n")).unwrap_err();
        assert_eq!(e.line, 7, "{e}");
        assert!(e.message.contains("needs `image_alt`"), "{e}");
        let e = parse(&with_image("image: /a.jpg\nimage_alt: \"  \"\n")).unwrap_err();
        assert_eq!(e.line, 8, "{e}");
        assert!(e.message.contains("`image_alt` is empty"), "{e}");
        for bad in [
            "javascript:alert(1)",
            "JavaScript://%0aalert(1)",
            "data:image/png;base64,AAAA",
            "//evil.example/a.jpg",
            "ftp://example.org/a.jpg",
            "https://",
            "media/a.jpg",
            "\"/a b.jpg\"",
        ] {
            let e = parse(&with_image(&format!("image: {bad}\nimage_alt: x\n"))).unwrap_err();
            assert_eq!(e.line, 7, "{bad}: {e}");
            assert!(e.message.contains("https://"), "{bad}: {e}");
        }
        let e = parse(&with_image("image_alt: Cranes\n")).unwrap_err();
        assert_eq!(e.line, 7, "{e}");
        assert!(e.message.contains("add an `image` field"), "{e}");
        let long = "x".repeat(MAX_IMAGE_ALT_CHARS + 1);
        let e = parse(&with_image(&format!("image: /a.jpg\nimage_alt: {long}\n"))).unwrap_err();
        assert_eq!(e.line, 8, "{e}");
        let long = "y".repeat(MAX_IMAGE_CAPTION_CHARS + 1);
        let e = parse(&with_image(&format!(
            "image: /a.jpg\nimage_alt: x\nimage_caption: {long}\n"
        )))
        .unwrap_err();
        assert_eq!(e.line, 9, "{e}");
        let long = format!("https://example.org/{}", "z".repeat(MAX_IMAGE_URL_CHARS));
        let e = parse(&with_image(&format!("image: {long}\nimage_alt: x\n"))).unwrap_err();
        assert!(e.message.contains("longer than"), "{e}");
    }
}
