//! Exports of other systems read into the site's terms: a WordPress export (WXR 1.2) and a
//! Disqus export. Reading is all or nothing: a file is parsed and checked whole, and any problem
//! is reported with its line and column, before anything is written.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};

use super::user::Email;
use super::{NewArticle, Slug};

/// The largest export file taken. A DOM of the file is held in memory (a few times its size),
/// so this bounds the importer's memory; bigger sites split their export (WordPress can export
/// by date range).
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
/// Longest article body (HTML) and comment (HTML) taken from an export.
pub const MAX_BODY_CHARS: usize = 2_000_000;
pub const MAX_COMMENT_CHARS: usize = 100_000;
/// Longest title, name or address taken from an export.
pub const MAX_LINE_CHARS: usize = 1000;

const WP_NS: &str = "http://wordpress.org/export/";
const CONTENT_NS: &str = "http://purl.org/rss/1.0/modules/content/";
const DC_NS: &str = "http://purl.org/dc/elements/1.1/";

/// Why an export file cannot be imported; every variant names where, when there is a where.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ImportError {
    #[error(
        "the file is {size} bytes; at most {MAX_FILE_BYTES} bytes are taken (split the export)"
    )]
    TooLarge { size: usize },
    #[error("the file is not UTF-8 text (byte {offset})")]
    NotUtf8 { offset: usize },
    #[error("line {line}, column {column}: the file is not well-formed XML: {message}")]
    Xml {
        line: u32,
        column: u32,
        message: String,
    },
    #[error("line {line}, column {column}: {message}")]
    Invalid {
        line: u32,
        column: u32,
        message: String,
    },
}

/// A comment read from an export, its author a guest (name, and an address never shown).
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedComment {
    pub external_id: String,
    /// The comment it answers, after skipped ones are stepped over (see [`reparent`]).
    pub parent: Option<String>,
    pub author_name: String,
    /// `None` when the export has none (or an unusable one).
    pub author_email: Option<Email>,
    /// Sanitised HTML, as pages show it.
    pub body_html: String,
    /// The plain text, for moderation excerpts.
    pub body_text: String,
    pub created_at: DateTime<Utc>,
}

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

/// A Disqus thread: the page a conversation was under.
#[derive(Clone, Debug, PartialEq)]
pub struct DsqThread {
    pub dsq_id: String,
    pub link: String,
    pub identifier: Option<String>,
    pub title: String,
    /// Its comments, parents before replies.
    pub comments: Vec<ImportedComment>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DisqusExport {
    pub threads: Vec<DsqThread>,
    pub skipped_deleted: usize,
    pub skipped_spam: usize,
}

/// How a Disqus thread may name one of the site's articles, strongest first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArticleKey {
    /// `/articles/{slug}` or a bare slug.
    Slug(String),
    /// A WordPress dated address `YYYY/MM/DD/name` imported earlier.
    WordpressPath(String),
    /// A WordPress post id imported earlier (the WordPress Disqus plugin's identifier).
    WordpressPost(String),
}

/// Checks the size and encoding, then parses the XML (no DTDs: an export never needs one, and
/// entity expansion is a way to blow up memory).
fn parse_document(bytes: &[u8]) -> Result<(&str, roxmltree::Document<'_>), ImportError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge { size: bytes.len() });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| ImportError::NotUtf8 {
        offset: e.valid_up_to(),
    })?;
    let opts = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(text, opts).map_err(|e| match e {
        // The parser places these at 1:1; the place to look is where the file stops.
        roxmltree::Error::UnexpectedEndOfStream | roxmltree::Error::UnclosedRootNode => {
            let line = text.matches('\n').count() as u32 + 1;
            let last = text.rsplit('\n').next().unwrap_or("");
            ImportError::Xml {
                line,
                column: last.chars().count() as u32 + 1,
                message: "the file ends before its elements are closed (was it cut off?)"
                    .to_owned(),
            }
        }
        e => {
            let pos = e.pos();
            ImportError::Xml {
                line: pos.row,
                column: pos.col,
                message: e.to_string(),
            }
        }
    })?;
    Ok((text, doc))
}

fn invalid(node: roxmltree::Node<'_, '_>, message: impl Into<String>) -> ImportError {
    let pos = node.document().text_pos_at(node.range().start);
    ImportError::Invalid {
        line: pos.row,
        column: pos.col,
        message: message.into(),
    }
}

fn is_ns(node: &roxmltree::Node<'_, '_>, ns_prefix: &str, name: &str) -> bool {
    node.is_element()
        && node.tag_name().name() == name
        && node
            .tag_name()
            .namespace()
            .is_some_and(|n| n.starts_with(ns_prefix))
}

/// A direct child element by namespace (a prefix of its URI, as WXR versions differ) and name.
fn child<'a, 'i>(
    node: roxmltree::Node<'a, 'i>,
    ns_prefix: &str,
    name: &str,
) -> Option<roxmltree::Node<'a, 'i>> {
    node.children().find(|c| is_ns(c, ns_prefix, name))
}

/// A direct child without a namespace (RSS's own elements) or in the default one (Disqus's).
fn plain_child<'a, 'i>(
    node: roxmltree::Node<'a, 'i>,
    name: &str,
) -> Option<roxmltree::Node<'a, 'i>> {
    node.children().find(|c| {
        c.is_element()
            && c.tag_name().name() == name
            && c.tag_name()
                .namespace()
                .is_none_or(|n| n == "http://disqus.com")
    })
}

/// An element's whole text (text and CDATA pieces), trimmed.
fn text_of(node: roxmltree::Node<'_, '_>) -> String {
    let mut out = String::new();
    for c in node.children() {
        if let Some(t) = c.text().filter(|_| c.is_text()) {
            out.push_str(t);
        }
    }
    out.trim().to_owned()
}

fn required(
    parent: roxmltree::Node<'_, '_>,
    found: Option<roxmltree::Node<'_, '_>>,
    what: &str,
) -> Result<String, ImportError> {
    match found {
        Some(n) => Ok(text_of(n)),
        None => Err(invalid(
            parent,
            format!("<{}> has no <{what}> element", {
                let t = parent.tag_name();
                match parent.lookup_prefix(t.namespace().unwrap_or("")) {
                    Some(p) if !p.is_empty() => format!("{p}:{}", t.name()),
                    _ => t.name().to_owned(),
                }
            }),
        )),
    }
}

fn limited(
    node: roxmltree::Node<'_, '_>,
    value: String,
    max: usize,
    what: &str,
) -> Result<String, ImportError> {
    if value.chars().count() > max {
        return Err(invalid(
            node,
            format!("{what} is longer than {max} characters"),
        ));
    }
    Ok(value)
}

/// WordPress writes `2024-03-05 14:30:00`; unset dates are `0000-00-00 00:00:00`.
fn wp_date(s: &str) -> Option<DateTime<Utc>> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S")
        .ok()
        .map(|d| Utc.from_utc_datetime(&d))
}

/// The commenter's address as the site compares addresses (an unusable one is no address: the
/// guest then cannot be claimed).
fn normalise_email(s: &str) -> Option<Email> {
    Email::parse(s).ok()
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
        let body_html = super::comment::clean_imported(&autop(&raw));
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

/// Steps each comment's parent over skipped comments (spam, unapproved, deleted) to the nearest
/// kept one, or to none; checks that parents exist and do not loop; orders parents first.
/// `skipped` maps each skipped comment's id to its own parent.
fn reparent(
    comments: Vec<(roxmltree::Node<'_, '_>, ImportedComment)>,
    skipped: &HashMap<String, Option<String>>,
) -> Result<Vec<ImportedComment>, ImportError> {
    let kept: HashMap<String, Option<String>> = comments
        .iter()
        .map(|(_, c)| (c.external_id.clone(), c.parent.clone()))
        .collect();
    let mut depths: Vec<(usize, ImportedComment)> = Vec::with_capacity(comments.len());
    for (node, mut c) in comments {
        let mut seen = HashSet::new();
        let mut parent = c.parent.take();
        // Over skipped ones first.
        while let Some(p) = parent.clone() {
            if kept.contains_key(&p) {
                break;
            }
            if !seen.insert(p.clone()) {
                return Err(invalid(
                    node,
                    format!("comment {}: its replies loop", c.external_id),
                ));
            }
            match skipped.get(&p) {
                Some(up) => parent = up.clone(),
                None => {
                    return Err(invalid(
                        node,
                        format!(
                            "comment {} answers comment {p}, which is not in the file",
                            c.external_id
                        ),
                    ));
                }
            }
        }
        // Then count the kept ancestors, checking for loops, to order parents first.
        let mut depth = 0;
        let mut up = parent.clone();
        let mut chain = HashSet::from([c.external_id.clone()]);
        while let Some(p) = up {
            if !chain.insert(p.clone()) {
                return Err(invalid(
                    node,
                    format!("comment {}: its replies loop", c.external_id),
                ));
            }
            depth += 1;
            up = kept.get(&p).cloned().flatten();
            // A kept ancestor's own parent may be skipped: step over those too.
            while let Some(q) = up.clone() {
                if kept.contains_key(&q) || !chain.insert(q.clone()) {
                    break;
                }
                up = skipped.get(&q).cloned().flatten();
            }
        }
        c.parent = parent;
        depths.push((depth, c));
    }
    depths.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.created_at.cmp(&b.1.created_at)));
    Ok(depths.into_iter().map(|(_, c)| c).collect())
}

/// Reads a Disqus export: threads with their comments. Deleted and spam posts are counted and
/// left out; a reply to one of them answers the nearest comment that stays.
pub fn parse_disqus(bytes: &[u8]) -> Result<DisqusExport, ImportError> {
    let (_, doc) = parse_document(bytes)?;
    let root = doc.root_element();
    if root.tag_name().name() != "disqus" {
        return Err(invalid(
            root,
            "this is not a Disqus export: the root element is not <disqus>",
        ));
    }
    let mut threads: Vec<DsqThread> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for t in root
        .children()
        .filter(|c| c.is_element() && c.tag_name().name() == "thread")
    {
        let dsq_id = dsq_id(t)?;
        let link = limited(
            t,
            required(t, plain_child(t, "link"), "link")?,
            MAX_LINE_CHARS,
            "the link",
        )?;
        let identifier = plain_child(t, "id").map(text_of).filter(|s| !s.is_empty());
        let title = plain_child(t, "title").map(text_of).unwrap_or_default();
        if index.insert(dsq_id.clone(), threads.len()).is_some() {
            return Err(invalid(t, format!("thread dsq:id {dsq_id} appears twice")));
        }
        threads.push(DsqThread {
            dsq_id,
            link,
            identifier,
            title,
            comments: Vec::new(),
        });
    }
    let mut export = DisqusExport {
        threads: Vec::new(),
        skipped_deleted: 0,
        skipped_spam: 0,
    };
    let mut per_thread: Vec<Vec<(roxmltree::Node<'_, '_>, ImportedComment)>> =
        threads.iter().map(|_| Vec::new()).collect();
    let mut skipped: HashMap<String, Option<String>> = HashMap::new();
    let mut seen = HashSet::new();
    for p in root
        .children()
        .filter(|c| c.is_element() && c.tag_name().name() == "post")
    {
        let id = dsq_id(p)?;
        if !seen.insert(id.clone()) {
            return Err(invalid(p, format!("post dsq:id {id} appears twice")));
        }
        let thread_node = plain_child(p, "thread")
            .ok_or_else(|| invalid(p, format!("post {id} has no <thread> element")))?;
        let thread = dsq_id(thread_node)?;
        let Some(&ti) = index.get(&thread) else {
            return Err(invalid(
                p,
                format!("post {id} belongs to thread {thread}, which is not in the file"),
            ));
        };
        let parent = match plain_child(p, "parent") {
            Some(n) => Some(dsq_id(n)?),
            None => None,
        };
        let flag = |name: &str| {
            plain_child(p, name)
                .map(text_of)
                .is_some_and(|v| v == "true")
        };
        if flag("isDeleted") {
            export.skipped_deleted += 1;
            skipped.insert(id, parent);
            continue;
        }
        if flag("isSpam") {
            export.skipped_spam += 1;
            skipped.insert(id, parent);
            continue;
        }
        let message = required(p, plain_child(p, "message"), "message")?;
        let message = limited(p, message, MAX_COMMENT_CHARS, "the message")?;
        let created = required(p, plain_child(p, "createdAt"), "createdAt")?;
        let created_at = DateTime::parse_from_rfc3339(&created)
            .map(|d| d.with_timezone(&Utc))
            .map_err(|_| {
                invalid(
                    p,
                    format!(
                        "post {id}: createdAt `{created}` is not a date like 2024-03-05T14:30:00Z"
                    ),
                )
            })?;
        let author = plain_child(p, "author")
            .ok_or_else(|| invalid(p, format!("post {id} has no <author> element")))?;
        let name = plain_child(author, "name").map(text_of).unwrap_or_default();
        let name = limited(author, name, MAX_LINE_CHARS, "an author's name")?;
        let username = plain_child(author, "username")
            .map(text_of)
            .unwrap_or_default();
        let email = plain_child(author, "email")
            .map(text_of)
            .and_then(|e| normalise_email(&e));
        let body_html = super::comment::clean_imported(&autop(&message));
        per_thread[ti].push((
            p,
            ImportedComment {
                external_id: id,
                parent,
                author_name: [name, username]
                    .into_iter()
                    .find(|n| !n.is_empty())
                    .unwrap_or_else(|| "Anonymous".to_owned()),
                author_email: email,
                body_text: html_text(&body_html),
                body_html,
                created_at,
            },
        ));
    }
    for (mut thread, comments) in threads.into_iter().zip(per_thread) {
        // Replies must stay in their own thread.
        for (node, c) in &comments {
            if let Some(parent) = &c.parent
                && !comments.iter().any(|(_, o)| &o.external_id == parent)
                && !skipped.contains_key(parent)
            {
                return Err(invalid(
                    *node,
                    format!(
                        "post {} answers post {parent}, which is not in its thread",
                        c.external_id
                    ),
                ));
            }
        }
        thread.comments = reparent(comments, &skipped)?;
        export.threads.push(thread);
    }
    Ok(export)
}

fn dsq_id(node: roxmltree::Node<'_, '_>) -> Result<String, ImportError> {
    let id = node
        .attributes()
        .find(|a| a.name() == "id")
        .map(|a| a.value().trim().to_owned())
        .filter(|v| !v.is_empty() && v.len() <= 64);
    id.ok_or_else(|| {
        invalid(
            node,
            format!("<{}> has no dsq:id attribute", node.tag_name().name()),
        )
    })
}

/// The ways a Disqus thread may name an article: its link's path, then its identifier.
pub fn thread_keys(link: &str, identifier: Option<&str>) -> Vec<ArticleKey> {
    let mut keys = Vec::new();
    keys.extend(path_key(link));
    if let Some(id) = identifier {
        // The WordPress plugin writes "123 https://old.example/?p=123".
        let first = id.split_whitespace().next().unwrap_or("");
        if !first.is_empty() && first.bytes().all(|b| b.is_ascii_digit()) {
            keys.push(ArticleKey::WordpressPost(first.to_owned()));
        } else {
            keys.extend(path_key(first));
        }
    }
    keys.dedup();
    keys
}

fn path_key(s: &str) -> Option<ArticleKey> {
    if let Some(p) = wordpress_path(s) {
        return Some(ArticleKey::WordpressPath(p));
    }
    let path = url_path(s);
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    match parts.as_slice() {
        ["articles", slug] | [slug] => Slug::parse(slug)
            .ok()
            .map(|s| ArticleKey::Slug(s.to_string())),
        _ => None,
    }
}

/// The path of an address (or the text itself when it is already a path), without its query.
fn url_path(s: &str) -> &str {
    let s = s.trim();
    let s = match s.find("://") {
        Some(i) => {
            let rest = &s[i + 3..];
            rest.find('/').map_or("", |j| &rest[j..])
        }
        None => s,
    };
    s.split(['?', '#']).next().unwrap_or("")
}

/// `YYYY/MM/DD/name` from a WordPress-style dated address (full URL or path, with or without
/// the trailing slash); `None` for anything else.
pub fn wordpress_path(s: &str) -> Option<String> {
    let parts: Vec<&str> = url_path(s).split('/').filter(|p| !p.is_empty()).collect();
    match parts.as_slice() {
        [y, m, d, name]
            if y.len() == 4
                && m.len() == 2
                && d.len() == 2
                && [y, m, d]
                    .iter()
                    .all(|p| p.bytes().all(|b| b.is_ascii_digit()))
                && !name.is_empty()
                && name.len() <= 200 =>
        {
            Some(format!("{y}/{m}/{d}/{name}"))
        }
        _ => None,
    }
}

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
        let html = super::super::markdown::render_article(&src);
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
    fn dated_paths_and_thread_keys() {
        assert_eq!(
            wordpress_path("https://old.example/2024/03/05/the-bridge/").as_deref(),
            Some("2024/03/05/the-bridge")
        );
        assert_eq!(
            wordpress_path("/2024/03/05/the-bridge").as_deref(),
            Some("2024/03/05/the-bridge")
        );
        assert_eq!(wordpress_path("/articles/the-bridge"), None);
        assert_eq!(
            thread_keys(
                "https://new.example/articles/a-slug?x=1",
                Some("42 https://old.example/?p=42")
            ),
            vec![
                ArticleKey::Slug("a-slug".into()),
                ArticleKey::WordpressPost("42".into())
            ]
        );
        assert_eq!(thread_keys("https://old.example/?p=9", None), vec![]);
    }

    #[test]
    fn truncated_xml_is_reported_with_its_position() {
        let err = parse_disqus(
            b"<disqus xmlns:dsq=\"http://disqus.com/disqus-internals\">\n  <thread dsq:id=\"1\">\n    <link>x",
        ).unwrap_err();
        assert!(matches!(err, ImportError::Xml { line: 3, .. }), "{err:?}");
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
