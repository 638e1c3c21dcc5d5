//! Exports of other systems read into the site's terms: a WordPress export (WXR 1.2) and a
//! Disqus export. Reading is all or nothing: a file is parsed and checked whole, and any problem
//! is reported with its line and column, before anything is written.

mod blocks;
mod html;
mod keys;
mod media;
mod xml;

mod disqus;
mod wordpress;

#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

use super::user::Email;
use xml::invalid;

pub use blocks::{Block, WpImage, content_blocks};
pub use disqus::{DisqusExport, DsqThread, parse_disqus};
pub use html::{article_source, autop, html_text};
pub use keys::{ArticleKey, WpQuery, legacy_path, thread_keys, wordpress_path, wordpress_query};
pub use media::{body_source, is_safe_relative, uploads_candidates};
pub use wordpress::{PAGES_SECTION, WpKind, WpPost, WpSite, WpSkipped, parse_wordpress};

/// The largest export file taken. A DOM of the file is held in memory (a few times its size),
/// so this bounds the importer's memory; bigger sites split their export (WordPress can export
/// by date range).
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
/// Longest article body (HTML) and comment (HTML) taken from an export.
pub const MAX_BODY_CHARS: usize = 2_000_000;
pub const MAX_COMMENT_CHARS: usize = 100_000;
/// Longest title, name or address taken from an export.
pub const MAX_LINE_CHARS: usize = 1000;

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

/// The commenter's address as the site compares addresses (an unusable one is no address: the
/// guest then cannot be claimed).
fn normalise_email(s: &str) -> Option<Email> {
    Email::parse(s).ok()
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
