//! A WordPress export (WXR 1.2): published posts and pages with their approved comments,
//! pictures, galleries and embeds.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};

use super::blocks::{Attachment, Attachments, Block, WpImage, content_blocks};
use super::media::{blocks_text, body_source};
use super::xml::{child, invalid, is_ns, limited, parse_document, plain_child, required, text_of};
use super::{
    ImportError, ImportedComment, MAX_BODY_CHARS, MAX_COMMENT_CHARS, MAX_LINE_CHARS, autop,
    html_text, legacy_path, normalise_email, reparent, wordpress_path,
};
use crate::domain::{NewArticle, Slug};

const WP_NS: &str = "http://wordpress.org/export/";
const CONTENT_NS: &str = "http://purl.org/rss/1.0/modules/content/";
const DC_NS: &str = "http://purl.org/dc/elements/1.1/";

/// What a WordPress item was: its id answers `?p=` either way, and `?page_id=` for a page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WpKind {
    Post,
    Page,
}

impl WpKind {
    /// The kind of its row in `import_sources`.
    pub fn as_str(self) -> &'static str {
        match self {
            WpKind::Post => "post",
            WpKind::Page => "page",
        }
    }
}

/// The section imported pages go in (they have no categories).
pub const PAGES_SECTION: &str = "Pages";

/// One published WordPress post or page.
#[derive(Clone, Debug, PartialEq)]
pub struct WpPost {
    pub wp_id: String,
    pub kind: WpKind,
    /// The article; its body as it reads with no picture in the media library (each one a
    /// link to its old address), see [`WpPost::body_with`].
    pub article: NewArticle,
    /// The old addresses that answer with a redirect, as [`legacy_path`] writes them: the
    /// post's `<link>` path (whatever the permalink structure) and its dated address.
    pub paths: Vec<String>,
    /// The body in pieces, pictures by their old address.
    pub blocks: Vec<Block>,
    /// The body's text, for the search index.
    pub body_text: String,
    /// The featured image (`_thumbnail_id`), by its old address.
    pub featured: Option<WpImage>,
    /// Approved comments, parents before replies.
    pub comments: Vec<ImportedComment>,
}

impl WpPost {
    /// The stored body once `media` gives the library id of each picture it holds.
    pub fn body_with(&self, media: impl Fn(&str) -> Option<i64>) -> String {
        body_source(&self.blocks, media)
    }

    /// Every picture of the post (the featured image first), by old address.
    pub fn images(&self) -> impl Iterator<Item = &WpImage> {
        self.featured
            .iter()
            .chain(super::media::images(&self.blocks))
    }
}

/// What a WordPress export holds that does not become articles or comments.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WpSkipped {
    pub drafts: usize,
    pub attachments: usize,
    pub other_types: usize,
    /// Published with a password: their text was not for everyone.
    pub protected: usize,
    pub pingbacks: usize,
    pub spam: usize,
    pub unapproved: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct WpSite {
    pub posts: Vec<WpPost>,
    pub skipped: WpSkipped,
}

/// WordPress writes `2024-03-05 14:30:00`; unset dates are `0000-00-00 00:00:00`.
fn wp_date(s: &str) -> Option<DateTime<Utc>> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S")
        .ok()
        .map(|d| Utc.from_utc_datetime(&d))
}

/// Reads a WordPress export. Published posts and pages become articles (drafts, attachments
/// and other post types are counted and left out; attachments describe the pictures); the
/// first category is the section and further categories become tags beside the post's tags;
/// approved comments keep their threading.
pub fn parse_wordpress(bytes: &[u8]) -> Result<WpSite, ImportError> {
    let (_, doc) = parse_document(bytes)?;
    let root = doc.root_element();
    if root.tag_name().name() != "rss" {
        return Err(invalid(
            root,
            "this is not a WordPress export: the root element is not <rss>",
        ));
    }
    let channel = plain_child(root, "channel")
        .ok_or_else(|| invalid(root, "<rss> has no <channel> element"))?;
    if child(channel, WP_NS, "wxr_version").is_none() {
        return Err(invalid(
            channel,
            "this is not a WordPress export: <channel> has no <wp:wxr_version> element",
        ));
    }
    // Logins (dc:creator) to display names.
    let mut authors: HashMap<String, String> = HashMap::new();
    for a in channel.children().filter(|c| is_ns(c, WP_NS, "author")) {
        let login = required(a, child(a, WP_NS, "author_login"), "wp:author_login")?;
        let name = child(a, WP_NS, "author_display_name")
            .map(text_of)
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| login.clone());
        authors.insert(login, limited(a, name, MAX_LINE_CHARS, "an author's name")?);
    }

    let mut site = WpSite {
        posts: Vec::new(),
        skipped: WpSkipped::default(),
    };
    let mut slugs: HashMap<String, String> = HashMap::new();
    let items = || {
        channel
            .children()
            .filter(|c| c.is_element() && c.tag_name().name() == "item")
    };
    let attachments = attachments(items())?;
    for item in items() {
        let post_type = required(item, child(item, WP_NS, "post_type"), "wp:post_type")?;
        let status = required(item, child(item, WP_NS, "status"), "wp:status")?;
        let kind = match post_type.as_str() {
            "post" => WpKind::Post,
            "page" => WpKind::Page,
            "attachment" => {
                site.skipped.attachments += 1;
                continue;
            }
            _ => {
                site.skipped.other_types += 1;
                continue;
            }
        };
        if status != "publish" {
            site.skipped.drafts += 1;
            continue;
        }
        if child(item, WP_NS, "post_password").is_some_and(|p| !text_of(p).is_empty()) {
            site.skipped.protected += 1;
            continue;
        }
        let post = wp_post(item, kind, &authors, &attachments, &mut site.skipped)?;
        if let Some(other) = slugs.insert(post.article.slug.to_string(), post.wp_id.clone()) {
            return Err(invalid(
                item,
                format!(
                    "post {} has the slug `{}` of post {other}; slugs must be unique",
                    post.wp_id, post.article.slug
                ),
            ));
        }
        site.posts.push(post);
    }
    Ok(site)
}

/// The attachments of the export, by id: where their file was, alt text, caption and title.
fn attachments<'a, 'i: 'a>(
    items: impl Iterator<Item = roxmltree::Node<'a, 'i>>,
) -> Result<Attachments, ImportError> {
    let mut out = Attachments::new();
    for item in items {
        if child(item, WP_NS, "post_type").map(text_of).as_deref() != Some("attachment") {
            continue;
        }
        let id = required(item, child(item, WP_NS, "post_id"), "wp:post_id")?;
        let Some(url) = child(item, WP_NS, "attachment_url").map(text_of) else {
            continue;
        };
        let url = limited(item, url, MAX_LINE_CHARS, "wp:attachment_url")?;
        let alt = meta(item, "_wp_attachment_image_alt").unwrap_or_default();
        let caption = child(item, WP_NS, "encoded")
            .map(|e| html_text(&text_of(e)))
            .filter(|c| !c.is_empty());
        let title = plain_child(item, "title")
            .map(|t| html_text(&text_of(t)))
            .unwrap_or_default();
        out.insert(
            id,
            Attachment {
                url,
                alt: limited(item, html_text(&alt), MAX_LINE_CHARS, "an image's alt text")?,
                caption: caption
                    .map(|c| limited(item, c, MAX_LINE_CHARS, "an image's caption"))
                    .transpose()?,
                title,
            },
        );
    }
    Ok(out)
}

/// A `<wp:postmeta>` value of the item.
fn meta(item: roxmltree::Node<'_, '_>, key: &str) -> Option<String> {
    item.children()
        .filter(|c| is_ns(c, WP_NS, "postmeta"))
        .find(|m| child(*m, WP_NS, "meta_key").map(text_of).as_deref() == Some(key))
        .and_then(|m| child(m, WP_NS, "meta_value").map(text_of))
}

fn wp_post(
    item: roxmltree::Node<'_, '_>,
    kind: WpKind,
    authors: &HashMap<String, String>,
    attachments: &Attachments,
    skipped: &mut WpSkipped,
) -> Result<WpPost, ImportError> {
    let wp_id = required(item, child(item, WP_NS, "post_id"), "wp:post_id")?;
    if wp_id.is_empty() || !wp_id.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid(
            item,
            format!("wp:post_id `{wp_id}` is not a number"),
        ));
    }
    let title = limited(
        item,
        required(item, plain_child(item, "title"), "title")?,
        MAX_LINE_CHARS,
        "the title",
    )?;
    if title.is_empty() {
        return Err(invalid(item, format!("post {wp_id} has an empty title")));
    }
    let name = required(item, child(item, WP_NS, "post_name"), "wp:post_name")?;
    // WordPress percent-encodes non-ASCII names; the site's slugs are plain ASCII.
    let decoded = percent_encoding::percent_decode_str(&name).decode_utf8_lossy();
    let slug = Slug::parse(&decoded)
        .ok()
        .or_else(|| Slug::from_title(&decoded))
        .ok_or_else(|| {
            invalid(
                item,
                format!("post {wp_id}: wp:post_name `{name}` gives no usable slug"),
            )
        })?;
    let gmt = required(
        item,
        child(item, WP_NS, "post_date_gmt"),
        "wp:post_date_gmt",
    )?;
    let local = child(item, WP_NS, "post_date").map(text_of);
    // Some exports leave the GMT date unset on published posts; the local date is then the best.
    let published_at = wp_date(&gmt)
        .or_else(|| local.as_deref().and_then(wp_date))
        .ok_or_else(|| {
            invalid(
                item,
                format!(
                    "post {wp_id}: wp:post_date_gmt `{gmt}` is not a date like 2024-03-05 14:30:00"
                ),
            )
        })?;
    let creator = required(item, child(item, DC_NS, "creator"), "dc:creator")?;
    let author = authors.get(&creator).cloned().unwrap_or(creator);
    if Slug::from_title(&author).is_none() {
        return Err(invalid(
            item,
            format!("post {wp_id}: the author `{author}` has no usable name"),
        ));
    }
    let mut categories = Vec::new();
    let mut tags = Vec::new();
    for c in item.children().filter(|c| {
        c.is_element() && c.tag_name().name() == "category" && c.tag_name().namespace().is_none()
    }) {
        let label = limited(c, text_of(c), MAX_LINE_CHARS, "a category")?;
        if Slug::from_title(&label).is_none() {
            continue;
        }
        match c.attribute("domain") {
            Some("category") => categories.push(label),
            Some("post_tag") => tags.push(label),
            _ => {}
        }
    }
    let mut categories = categories.into_iter();
    let section = categories.next().unwrap_or_else(|| {
        match kind {
            WpKind::Post => "Uncategorized",
            WpKind::Page => PAGES_SECTION,
        }
        .to_owned()
    });
    // Further categories keep their meaning as tags, so their articles stay together.
    let mut all_tags: Vec<String> = Vec::new();
    for t in categories.chain(tags) {
        if !all_tags
            .iter()
            .any(|x| Slug::from_title(x) == Slug::from_title(&t))
        {
            all_tags.push(t);
        }
    }
    let content = child(item, CONTENT_NS, "encoded")
        .map(text_of)
        .unwrap_or_default();
    let content = limited(item, content, MAX_BODY_CHARS, "the post's content")?;
    // excerpt:encoded is the only "encoded" under the WordPress namespaces, in every WXR version.
    let summary = child(item, WP_NS, "encoded")
        .map(|e| html_text(&text_of(e)))
        .unwrap_or_default();
    let summary = limited(item, summary, MAX_LINE_CHARS, "the excerpt")?;
    let link = plain_child(item, "link").map(text_of).unwrap_or_default();
    let mut paths: Vec<String> = legacy_path(&link).into_iter().collect();
    // The dated address too (a site that changed its permalinks, Disqus threads named by it).
    let date = local.as_deref().and_then(wp_date).unwrap_or(published_at);
    let dated =
        wordpress_path(&link).unwrap_or_else(|| format!("{}/{}", date.format("%Y/%m/%d"), decoded));
    if kind == WpKind::Post && !paths.contains(&dated) {
        paths.push(dated);
    }
    let blocks = content_blocks(&content, attachments);
    let featured = meta(item, "_thumbnail_id").and_then(|id| {
        let a = attachments.get(&id)?;
        Some(WpImage {
            url: a.url.clone(),
            alt: if a.alt.is_empty() {
                a.caption.clone().unwrap_or_else(|| title.clone())
            } else {
                a.alt.clone()
            },
            caption: a.caption.clone(),
        })
    });

    let mut comments = Vec::new();
    let mut skipped_ids = HashMap::new();
    for c in item.children().filter(|c| is_ns(c, WP_NS, "comment")) {
        let id = required(c, child(c, WP_NS, "comment_id"), "wp:comment_id")?;
        let approved = required(
            c,
            child(c, WP_NS, "comment_approved"),
            "wp:comment_approved",
        )?;
        let kind = child(c, WP_NS, "comment_type")
            .map(text_of)
            .unwrap_or_default();
        let parent = child(c, WP_NS, "comment_parent")
            .map(text_of)
            .filter(|p| !p.is_empty() && p != "0");
        if kind == "pingback" || kind == "trackback" {
            skipped.pingbacks += 1;
            skipped_ids.insert(id, parent);
            continue;
        }
        match approved.as_str() {
            "1" => {}
            "spam" => {
                skipped.spam += 1;
                skipped_ids.insert(id, parent);
                continue;
            }
            _ => {
                skipped.unapproved += 1;
                skipped_ids.insert(id, parent);
                continue;
            }
        }
        let name = child(c, WP_NS, "comment_author")
            .map(text_of)
            .unwrap_or_default();
        let name = limited(c, name, MAX_LINE_CHARS, "a commenter's name")?;
        let email = child(c, WP_NS, "comment_author_email")
            .map(text_of)
            .and_then(|e| normalise_email(&e));
        let gmt = required(
            c,
            child(c, WP_NS, "comment_date_gmt"),
            "wp:comment_date_gmt",
        )?;
        let created_at = wp_date(&gmt)
            .or_else(|| child(c, WP_NS, "comment_date").and_then(|d| wp_date(&text_of(d))))
            .ok_or_else(|| invalid(c, format!("comment {id}: wp:comment_date_gmt `{gmt}` is not a date like 2024-03-05 14:30:00")))?;
        let raw = required(c, child(c, WP_NS, "comment_content"), "wp:comment_content")?;
        let raw = limited(c, raw, MAX_COMMENT_CHARS, "the comment")?;
        let body_html = crate::domain::comment::clean_imported(&autop(&raw));
        comments.push((
            c,
            ImportedComment {
                external_id: id,
                parent,
                author_name: if name.is_empty() {
                    "Anonymous".to_owned()
                } else {
                    name
                },
                author_email: email,
                body_text: html_text(&body_html),
                body_html,
                created_at,
            },
        ));
    }
    let comments = reparent(comments, &skipped_ids)?;
    Ok(WpPost {
        wp_id,
        kind,
        article: NewArticle {
            slug,
            title: html_text(&title),
            summary,
            body_source: body_source(&blocks, |_| None),
            section,
            authors: vec![author],
            tags: all_tags,
            published_at: Some(published_at),
            updated_at: None,
            image: None,
        },
        paths,
        body_text: blocks_text(&blocks),
        blocks,
        featured,
        comments,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wordpress_post_names_are_percent_decoded() {
        let slug = |name: &str| {
            let wxr = format!(
                "<rss xmlns:wp=\"{WP_NS}\" xmlns:dc=\"{DC_NS}\"><channel><wp:wxr_version>1.2</wp:wxr_version>\
                 <item><title>T</title><dc:creator>ana</dc:creator><wp:post_id>1</wp:post_id>\
                 <wp:post_name>{name}</wp:post_name><wp:post_date_gmt>2024-03-05 10:00:00</wp:post_date_gmt>\
                 <wp:post_type>post</wp:post_type><wp:status>publish</wp:status></item></channel></rss>"
            );
            let site = parse_wordpress(wxr.as_bytes()).unwrap();
            site.posts[0].article.slug.to_string()
        };
        assert_eq!(slug("caf%C3%A9-society"), "cafe-society");
        // A `%` without two hex digits after it is left as it is.
        assert_eq!(slug("100%-sure"), "100-sure");
    }
}
