//! Article pages for signed-in members, from a copy every member shares, with holes.
//!
//! A member's article page differs from another member's in a few places only: the header's
//! account block (name, moderation link, sign-out token), the comment form or the notice that
//! replaces it (closed, banned), each comment's controls (like and liked state, reply, edit
//! within the window, delete, report, with the member's token) and the member's own held or
//! rejected comments, which nobody else sees. So the page is rendered once per article page
//! (and sort and page of its conversation) with a mark in each of the first three places and
//! readers' threads, kept in the page cache beside the signed-out pages (dropped by the same
//! [`Change`](crate::web::cache::Change)s), and each request fills the marks from the session and
//! one indexed query (the member's likes among the page's comments, and whether they have held
//! or rejected comments on the article or muted an author of the page's comments). A member
//! who has such comments gets the full render, as before: they are rare, and their page is
//! theirs alone (muting sends `Change::Member`, so a kept answer does not outlive a mute).
//!
//! That query's answer is kept with the page, per member, so a member reading the page again
//! costs no query at all (with the session's copy, see `store::sessions`). It can only change
//! when the page is dropped anyway (a like or a moderation decision changes what readers see)
//! or when the member's own comment is held for review, which sends
//! [`Change::Member`](crate::web::cache::Change::Member) to every process.
//!
//! The holes are filled with the same templates (`account.html`, `comment_form.html`,
//! `comment_actions.html`) the full render includes, from the same facts, so the bytes are the
//! same; `tests/it/cache.rs` renders pages both ways for several kinds of member and compares.

use crate::web::cache::KnownEtag;
use crate::web::cache::member_page::{Hole, MemberPage};

use axum::http::HeaderValue;

use askama::Template;

use crate::domain::comment::{CommentFacts, CommentPermissions, comment_permissions};
use crate::domain::moderation::CommentMode;
use crate::web::layout::AccountView;
use crate::web::reading::thread::{CommentFormView, comment_notice, new_comment_form};
use crate::web::session::Viewer;
use crate::web::{AppState, Result};

impl MemberPage {
    /// The page for `viewer` and its ETag, or None when they have held or rejected comments on
    /// the article (their page shows those, so it must be rendered in full).
    pub(super) async fn fill(
        &self,
        state: &AppState,
        viewer: &Viewer,
    ) -> Result<Option<(String, KnownEtag)>> {
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
        let mut out = String::with_capacity(self.text.len() + self.holes.len() * 256 + 4096);
        // The shared text is hashed once, when kept; each request hashes only what it adds,
        // with where it goes.
        let mut tag = xxhash_rust::xxh3::Xxh3Default::new();
        tag.update(&self.text_hash.to_le_bytes());
        let mut from = 0;
        for (at, hole) in &self.holes {
            out.push_str(&self.text[from..*at]);
            from = *at;
            let start = out.len();
            match hole {
                Hole::Account => AccountBlock {
                    layout: AccountFields {
                        tr: crate::domain::l10n::Tr::new(viewer.locale),
                        ..AccountView::of(viewer).into()
                    },
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
                            actions_csrf: Some(&viewer.csrf),
                            tr: crate::domain::l10n::Tr::new(viewer.locale),
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
                            liked: liked.contains(&c.id),
                            can: comment_permissions(facts.as_ref(), &comment, now),
                            article_slug: &self.slug,
                            // A member who muted an author on the page gets a full render.
                            muted: false,
                            actions_base: "",
                            tr: crate::domain::l10n::Tr::new(viewer.locale),
                        },
                    }
                    .render_into(&mut out)?
                }
            }
            let filled = &out.as_bytes()[start..];
            tag.update(&(*at as u64).to_le_bytes());
            tag.update(&(filled.len() as u64).to_le_bytes());
            tag.update(filled);
        }
        out.push_str(&self.text[from..]);
        let etag =
            HeaderValue::from_str(&format!("\"{:032x}\"", tag.digest128())).expect("hex is ASCII");
        Ok(Some((out, KnownEtag(etag))))
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
    staff: crate::domain::staff::StaffLinks,
    csrf: &'a str,
    tr: crate::domain::l10n::Tr,
}

impl<'a> From<Option<AccountView<'a>>> for AccountFields<'a> {
    fn from(a: Option<AccountView<'a>>) -> Self {
        match a {
            Some(a) => AccountFields {
                account: Some(a.account),
                staff: a.staff,
                csrf: a.csrf,
                tr: Default::default(),
            },
            None => AccountFields {
                account: None,
                staff: Default::default(),
                csrf: "",
                tr: Default::default(),
            },
        }
    }
}

#[derive(Template)]
#[template(path = "comment_form.html")]
struct FormBlock<'a> {
    talk: FormView<'a>,
    card: Href,
}

/// `talk` as `comment_form.html` reads it.
struct FormView<'a> {
    notice: Option<String>,
    form: Option<CommentFormView>,
    premoderated: bool,
    signin_href: String,
    actions_csrf: Option<&'a str>,
    tr: crate::domain::l10n::Tr,
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
    liked: bool,
    can: CommentPermissions,
    article_slug: &'a str,
    muted: bool,
    actions_base: &'static str,
    tr: crate::domain::l10n::Tr,
}
