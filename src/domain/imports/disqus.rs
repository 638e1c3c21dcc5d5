//! A Disqus export: threads (the pages conversations were under) and their posts.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

use super::xml::{invalid, limited, parse_document, plain_child, required, text_of};
use super::{
    ImportError, ImportedComment, MAX_COMMENT_CHARS, MAX_LINE_CHARS, autop, html_text,
    normalise_email, reparent,
};

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
        let body_html = crate::domain::comment::clean_imported(&autop(&message));
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
