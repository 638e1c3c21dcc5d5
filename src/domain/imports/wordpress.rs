//! A WordPress export (WXR 1.2): published posts with their approved comments.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};

use super::xml::{child, invalid, is_ns, limited, parse_document, plain_child, required, text_of};
use super::{
    ImportError, ImportedComment, MAX_BODY_CHARS, MAX_COMMENT_CHARS, MAX_LINE_CHARS,
    article_source, autop, html_text, normalise_email, reparent, wordpress_path,
};
use crate::domain::{NewArticle, Slug};

const WP_NS: &str = "http://wordpress.org/export/";
const CONTENT_NS: &str = "http://purl.org/rss/1.0/modules/content/";
const DC_NS: &str = "http://purl.org/dc/elements/1.1/";

/// One published WordPress post.
#[derive(Clone, Debug, PartialEq)]
pub struct WpPost {
    pub wp_id: String,
    pub article: NewArticle,
    /// The post's old dated address `YYYY/MM/DD/post-name`, for the redirect.
    pub path: String,
    /// Approved comments, parents before replies.
    pub comments: Vec<ImportedComment>,
}

/// What a WordPress export holds that does not become articles or comments.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WpSkipped {
    pub drafts: usize,
    pub pages: usize,
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

/// Reads a WordPress export. Published posts become articles (drafts, pages, attachments and
/// other post types are counted and left out); the first category is the section and further
/// categories become tags beside the post's tags; approved comments keep their threading.
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
    for item in channel
        .children()
        .filter(|c| c.is_element() && c.tag_name().name() == "item")
    {
        let post_type = required(item, child(item, WP_NS, "post_type"), "wp:post_type")?;
        let status = required(item, child(item, WP_NS, "status"), "wp:status")?;
        match post_type.as_str() {
            "post" => {}
            "page" => {
                site.skipped.pages += 1;
                continue;
            }
            "attachment" => {
                site.skipped.attachments += 1;
                continue;
            }
            _ => {
                site.skipped.other_types += 1;
                continue;
            }
        }
        if status != "publish" {
            site.skipped.drafts += 1;
            continue;
        }
        if child(item, WP_NS, "post_password").is_some_and(|p| !text_of(p).is_empty()) {
            site.skipped.protected += 1;
            continue;
        }
        let post = wp_post(item, &authors, &mut site.skipped)?;
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

fn wp_post(
    item: roxmltree::Node<'_, '_>,
    authors: &HashMap<String, String>,
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
    let section = categories
        .next()
        .unwrap_or_else(|| "Uncategorized".to_owned());
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
    let path = wordpress_path(&link).unwrap_or_else(|| {
        let date = local.as_deref().and_then(wp_date).unwrap_or(published_at);
        format!("{}/{}", date.format("%Y/%m/%d"), name)
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
        article: NewArticle {
            slug,
            title: html_text(&title),
            summary,
            body_source: article_source(&content),
            section,
            authors: vec![author],
            tags: all_tags,
            published_at: Some(published_at),
            updated_at: None,
            image: None,
        },
        path,
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
