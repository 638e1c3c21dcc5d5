//! A members' article page as the cache keeps it: rendered once with marks where each member's
//! own parts go (see `reading::member_pages`, which fills them), cut at the marks, with what
//! each member's marks depend on.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use chrono::{DateTime, Utc};

use crate::domain::moderation::CommentPolicy;
use crate::store::comments::CommentRow;
use crate::web::cache::PageCache;
use crate::web::{AppState, Result};

/// The start of every mark: a control character and a number drawn when the process starts,
/// so no text in an article or a comment can pass for one.
fn mark_prefix() -> &'static str {
    static PREFIX: OnceLock<String> = OnceLock::new();
    PREFIX.get_or_init(|| format!("\u{1}hole-{:016x}:", rand::random::<u64>()))
}

fn mark(n: usize) -> String {
    format!("{}{n}\u{1}", mark_prefix())
}

const ACCOUNT: usize = 0;
const FORM: usize = 1;
/// Marks from this number on stand for comments, in the order they were handed out.
const FIRST_COMMENT: usize = 2;

/// What a comment's controls depend on besides the viewer.
pub(in crate::web) struct HoleComment {
    pub(in crate::web) id: i64,
    pub(in crate::web) author_id: Option<i64>,
    pub(in crate::web) visible: bool,
    pub(in crate::web) created_at: DateTime<Utc>,
}

/// Collects, while a page with holes is rendered, what each mark stands for.
#[derive(Default)]
pub struct Holes {
    comments: Vec<HoleComment>,
    policy: Option<CommentPolicy>,
}

impl Holes {
    pub(in crate::web) fn account(&self) -> String {
        mark(ACCOUNT)
    }

    pub(in crate::web) fn form(&mut self, policy: CommentPolicy) -> String {
        self.policy = Some(policy);
        mark(FORM)
    }

    pub(in crate::web) fn comment(&mut self, row: &CommentRow) -> String {
        self.comments.push(HoleComment {
            id: row.id,
            author_id: row.author_id,
            visible: row.is_visible(),
            created_at: row.created_at,
        });
        mark(FIRST_COMMENT + self.comments.len() - 1)
    }
}

pub(in crate::web) enum Hole {
    Account,
    Form,
    Comment(usize),
}

/// An article page as every member without held or rejected comments on it sees it, but for
/// the holes.
pub struct MemberPage {
    pub(in crate::web) article_id: i64,
    pub(in crate::web) stored: DateTime<Utc>,
    /// The page without its marks; `holes` says where each was (byte offsets, in order).
    pub(in crate::web) text: String,
    /// XXH3-128 of `text`: a filled page's ETag is made from it and the holes' bytes alone.
    pub(in crate::web) text_hash: u128,
    pub(in crate::web) holes: Vec<(usize, Hole)>,
    pub(in crate::web) comments: Vec<HoleComment>,
    pub(in crate::web) policy: CommentPolicy,
    pub(in crate::web) published_at: DateTime<Utc>,
    pub(in crate::web) slug: String,
    /// Each member's marks on this page, as read from the database.
    marks: Mutex<HashMap<i64, Arc<Marks>>>,
}

/// What one member's copy of a page depends on besides the session: which of its comments they
/// like, and whether their page is their own (held or rejected comments on the article, or a
/// muted author's comment on the page, which they see folded).
pub(in crate::web) struct Marks {
    pub(in crate::web) liked: Vec<i64>,
    /// The member's page must be rendered in full.
    pub(in crate::web) hidden: bool,
}

/// At most this many members' marks are kept per page (a few dozen bytes each); past it they
/// are all dropped and read again.
const MAX_MARKS_PER_PAGE: usize = 256;

impl MemberPage {
    /// Cuts a page rendered with `holes` at its marks. None if the marks are not exactly as
    /// handed out (then the page is not kept: better a full render than a wrong page).
    pub(in crate::web) fn new(
        html: &str,
        holes: Holes,
        article_id: i64,
        published_at: DateTime<Utc>,
        slug: &str,
        stored: DateTime<Utc>,
    ) -> Option<MemberPage> {
        let prefix = mark_prefix();
        let mut text = String::with_capacity(html.len());
        let mut found = Vec::new();
        let mut seen = vec![false; FIRST_COMMENT + holes.comments.len()];
        let mut rest = html;
        while let Some(at) = rest.find(prefix) {
            text.push_str(&rest[..at]);
            let after = &rest[at + prefix.len()..];
            let end = after.find('\u{1}')?;
            let n: usize = after[..end].parse().ok()?;
            if std::mem::replace(seen.get_mut(n)?, true) {
                return None;
            }
            found.push((
                text.len(),
                match n {
                    ACCOUNT => Hole::Account,
                    FORM => Hole::Form,
                    n => Hole::Comment(n - FIRST_COMMENT),
                },
            ));
            rest = &after[end + 1..];
        }
        text.push_str(rest);
        // Comments shown as tombstones have no controls, so their marks are not in the page;
        // the account block and the form always are.
        if !seen[ACCOUNT] || !seen[FORM] {
            return None;
        }
        Some(MemberPage {
            article_id,
            stored,
            text_hash: xxhash_rust::xxh3::xxh3_128(text.as_bytes()),
            text,
            holes: found,
            comments: holes.comments,
            policy: holes.policy?,
            published_at,
            slug: slug.to_owned(),
            marks: Mutex::default(),
        })
    }

    /// Forgets what was read of `user_id`'s marks on this page.
    pub(in crate::web) fn forget_marks(&self, user_id: i64) {
        self.marks.lock().expect("marks lock").remove(&user_id);
    }

    /// The member's marks on this page: kept, or read and kept unless an invalidation happened
    /// while they were read.
    pub(in crate::web) async fn marks_of(
        &self,
        state: &AppState,
        user_id: i64,
    ) -> Result<Arc<Marks>> {
        if let Some(m) = self.marks.lock().expect("marks lock").get(&user_id) {
            return Ok(m.clone());
        }
        let generation = state.pages.generation();
        let ids: Vec<i64> = self
            .comments
            .iter()
            .filter(|c| c.visible)
            .map(|c| c.id)
            .collect();
        let mut authors: Vec<i64> = self
            .comments
            .iter()
            .filter(|c| c.visible)
            .filter_map(|c| c.author_id)
            .filter(|a| *a != user_id)
            .collect();
        authors.sort_unstable();
        authors.dedup();
        let (liked, hidden) = state
            .store
            .member_marks(user_id, self.article_id, &ids, &authors)
            .await?;
        let marks = Arc::new(Marks { liked, hidden });
        self.keep_marks(user_id, marks.clone(), generation, &state.pages);
        Ok(marks)
    }

    fn keep_marks(&self, user_id: i64, marks: Arc<Marks>, generation: u64, cache: &PageCache) {
        let mut kept = self.marks.lock().expect("marks lock");
        // Checked under the lock that forgetting takes after bumping the generation, so an
        // invalidation is either seen here or removes what is inserted here.
        if cache.generation() != generation {
            return;
        }
        if kept.len() >= MAX_MARKS_PER_PAGE {
            kept.clear();
        }
        kept.insert(user_id, marks);
    }

    /// Bytes kept, roughly, for the cache's bound.
    pub(in crate::web) fn size(&self) -> usize {
        self.text.len()
            + self.slug.len()
            + self.comments.len() * std::mem::size_of::<HoleComment>()
            + self.holes.len() * std::mem::size_of::<(usize, Hole)>()
    }
}
