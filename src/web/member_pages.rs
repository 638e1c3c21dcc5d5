//! Article pages for signed-in members, from a copy every member shares, with holes.
//!
//! A member's article page differs from another member's in a few places only: the header's
//! account block (name, moderation link, sign-out token), the comment form or the notice that
//! replaces it (closed, banned), each comment's controls (like and liked state, reply, edit
//! within the window, delete, report, with the member's token) and the member's own held or
//! rejected comments, which nobody else sees. So the page is rendered once per article page
//! (and sort and page of its conversation) with a mark in each of the first three places and
//! readers' threads, kept in the page cache beside the signed-out pages (dropped by the same
//! [`Change`](super::cache::Change)s), and each request fills the marks from the session and
//! one indexed query (the member's likes among the page's comments, and whether they have held
//! or rejected comments on the article). A member who has such comments gets the full render,
//! as before: they are rare, and their page is theirs alone.
//!
//! That query's answer is kept with the page, per member, so a member reading the page again
//! costs no query at all (with the session's copy, see `store::sessions`). It can only change
//! when the page is dropped anyway (a like or a moderation decision changes what readers see)
//! or when the member's own comment is held for review, which sends
//! [`Change::Member`](super::cache::Change::Member) to every process.
//!
//! The holes are filled with the same templates (`account.html`, `comment_form.html`,
//! `comment_actions.html`) the full render includes, from the same facts, so the bytes are the
//! same; `tests/cache.rs` renders pages both ways for several kinds of member and compares.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use askama::Template;
use chrono::{DateTime, Utc};

use super::cache::PageCache;
use super::comments::{CommentFormView, comment_notice, new_comment_form};
use super::session::Viewer;
use super::views::AccountView;
use super::{AppState, Result};
use crate::domain::comment::{CommentFacts, CommentPermissions, comment_permissions};
use crate::domain::moderation::{CommentMode, CommentPolicy};
use crate::store::comments::CommentRow;

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
struct HoleComment {
    id: i64,
    author: String,
    author_id: Option<i64>,
    visible: bool,
    created_at: DateTime<Utc>,
}

/// Collects, while a page with holes is rendered, what each mark stands for.
#[derive(Default)]
pub struct Holes {
    comments: Vec<HoleComment>,
    policy: Option<CommentPolicy>,
}

impl Holes {
    pub(super) fn account(&self) -> String {
        mark(ACCOUNT)
    }

    pub(super) fn form(&mut self, policy: CommentPolicy) -> String {
        self.policy = Some(policy);
        mark(FORM)
    }

    pub(super) fn comment(&mut self, row: &CommentRow) -> String {
        self.comments.push(HoleComment {
            id: row.id,
            author: row.author_name.clone(),
            author_id: row.author_id,
            visible: row.is_visible(),
            created_at: row.created_at,
        });
        mark(FIRST_COMMENT + self.comments.len() - 1)
    }
}

enum Hole {
    Account,
    Form,
    Comment(usize),
}

/// An article page as every member without held or rejected comments on it sees it, but for
/// the holes.
pub struct MemberPage {
    pub(super) article_id: i64,
    pub(super) stored: DateTime<Utc>,
    /// The page without its marks; `holes` says where each was (byte offsets, in order).
    text: String,
    holes: Vec<(usize, Hole)>,
    comments: Vec<HoleComment>,
    policy: CommentPolicy,
    published_at: DateTime<Utc>,
    slug: String,
    /// Each member's marks on this page, as read from the database.
    marks: Mutex<HashMap<i64, Arc<Marks>>>,
}

/// What one member's copy of a page depends on besides the session: which of its comments they
/// like, and whether they have held or rejected comments on the article.
struct Marks {
    liked: Vec<i64>,
    hidden: bool,
}

/// At most this many members' marks are kept per page (a few dozen bytes each); past it they
/// are all dropped and read again.
const MAX_MARKS_PER_PAGE: usize = 256;

impl MemberPage {
    /// Cuts a page rendered with `holes` at its marks. None if the marks are not exactly as
    /// handed out (then the page is not kept: better a full render than a wrong page).
    pub(super) fn new(
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
    pub(super) fn forget_marks(&self, user_id: i64) {
        self.marks.lock().expect("marks lock").remove(&user_id);
    }

    /// The member's marks on this page: kept, or read and kept unless an invalidation happened
    /// while they were read.
    async fn marks_of(&self, state: &AppState, user_id: i64) -> Result<Arc<Marks>> {
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
        let (liked, hidden) = state
            .store
            .member_marks(user_id, self.article_id, &ids)
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
    pub(super) fn size(&self) -> usize {
        self.text.len()
            + self.slug.len()
            + self
                .comments
                .iter()
                .map(|c| c.author.len() + std::mem::size_of::<HoleComment>())
                .sum::<usize>()
            + self.holes.len() * std::mem::size_of::<(usize, Hole)>()
    }

    /// The page for `viewer`, or None when they have held or rejected comments on the article
    /// (their page shows those, so it must be rendered in full).
    pub(super) async fn fill(&self, state: &AppState, viewer: &Viewer) -> Result<Option<String>> {
        let Some(user) = &viewer.user else {
            return Ok(None);
        };
        let marks = self.marks_of(state, user.id).await?;
        if marks.hidden {
            return Ok(None);
        }
        let liked = &marks.liked;
        let now = state.clock.now();
        let facts = viewer.facts();
        let mut out = String::with_capacity(self.text.len() + self.comments.len() * 700 + 2048);
        let mut from = 0;
        for (at, hole) in &self.holes {
            out.push_str(&self.text[from..*at]);
            from = *at;
            match hole {
                Hole::Account => AccountBlock {
                    layout: AccountView::of(viewer).into(),
                }
                .render_into(&mut out)?,
                Hole::Form => {
                    let notice = comment_notice(&self.policy, self.published_at, viewer, now);
                    let form = notice
                        .is_none()
                        .then(|| new_comment_form(state, &self.slug, viewer, None));
                    FormBlock {
                        talk: FormView {
                            notice,
                            form,
                            premoderated: matches!(
                                self.policy.mode,
                                CommentMode::PreModerated { .. }
                            ),
                            signin_href: format!("/signin?return_to=/articles/{}", self.slug),
                        },
                        card: Href {
                            href: format!("/articles/{}", self.slug),
                        },
                    }
                    .render_into(&mut out)?
                }
                Hole::Comment(i) => {
                    let c = &self.comments[*i];
                    let comment = CommentFacts {
                        author_id: c.author_id,
                        status_visible: c.visible,
                        created_at: c.created_at,
                    };
                    CommentActions {
                        c: ActionsView {
                            id: c.id,
                            author: &c.author,
                            liked: liked.contains(&c.id),
                            can: comment_permissions(facts.as_ref(), &comment, now),
                            article_slug: &self.slug,
                            csrf: &viewer.csrf,
                        },
                    }
                    .render_into(&mut out)?
                }
            }
        }
        out.push_str(&self.text[from..]);
        Ok(Some(out))
    }
}

// The holes' templates, included by the full render with these same names in scope.

#[derive(Template)]
#[template(path = "account.html")]
struct AccountBlock<'a> {
    layout: AccountFields<'a>,
}

/// `layout` as `account.html` reads it.
struct AccountFields<'a> {
    account: Option<&'a str>,
    desk: bool,
    csrf: &'a str,
}

impl<'a> From<Option<AccountView<'a>>> for AccountFields<'a> {
    fn from(a: Option<AccountView<'a>>) -> Self {
        match a {
            Some(a) => AccountFields {
                account: Some(a.account),
                desk: a.desk,
                csrf: a.csrf,
            },
            None => AccountFields {
                account: None,
                desk: false,
                csrf: "",
            },
        }
    }
}

#[derive(Template)]
#[template(path = "comment_form.html")]
struct FormBlock {
    talk: FormView,
    card: Href,
}

/// `talk` as `comment_form.html` reads it.
struct FormView {
    notice: Option<String>,
    form: Option<CommentFormView>,
    premoderated: bool,
    signin_href: String,
}

struct Href {
    href: String,
}

#[derive(Template)]
#[template(path = "comment_actions.html")]
struct CommentActions<'a> {
    c: ActionsView<'a>,
}

/// `c` as `comment_actions.html` reads it.
struct ActionsView<'a> {
    id: i64,
    author: &'a str,
    liked: bool,
    can: CommentPermissions,
    article_slug: &'a str,
    csrf: &'a str,
}
