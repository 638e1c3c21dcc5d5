//! The conversation under an article as its page shows it: threads, nesting, sorting, paging,
//! and the comment form or the notice that replaces it.

use std::collections::HashMap;

use serde::Deserialize;

use crate::domain::ArticleDetail;
use crate::domain::comment::{
    CommentFacts, CommentPermissions, CommentSort, CommentStatus, MAX_NESTING, ThreadCursor,
    comment_permissions,
};
use crate::domain::l10n::Tr;
use crate::domain::moderation::CommentMode;
use crate::store::comments::CommentRow;
use crate::web::conversation::ban_notice;
use crate::web::layout::TimeView;
use crate::web::session::Viewer;
use crate::web::{AppState, Error, Result};

/// Threads shown per page.
pub const THREADS_PER_PAGE: i64 = 50;

// ----- view models -----

/// One comment as the page shows it, with what the viewer may do to it.
pub struct CommentView {
    pub id: i64,
    pub author: String,
    /// The author's account, for the link to their member page (`None`: account deleted).
    pub author_id: Option<i64>,
    pub time: TimeView,
    pub edited: bool,
    /// Shown as a tombstone, with this message (its id), in place of a comment readers cannot
    /// see.
    pub tombstone: Option<&'static str>,
    /// The viewer's own comment, waiting for a moderator.
    pub held: bool,
    /// The viewer's own comment, rejected, with the reason they read.
    pub rejected: Option<String>,
    /// Pinned by the newsroom as an editor's pick.
    pub pick: bool,
    pub body_html: String,
    pub likes: i64,
    pub liked: bool,
    pub can: CommentPermissions,
    /// Shown on replies flattened under the third level: whom they answer.
    pub replying_to: Option<String>,
    pub article_slug: String,
    /// Stands in for the viewer's controls in a member page kept with holes (`member_pages`).
    pub hole: Option<String>,
    /// The viewer muted the author: the comment is folded, and its control says Unmute.
    pub muted: bool,
    /// What the comment's own action addresses start with: `/embed` inside the embed's frame
    /// (whose session only the embed's routes receive), nothing elsewhere.
    pub actions_base: &'static str,
    /// The viewer's words.
    pub tr: Tr,
}

pub struct CommentNode {
    pub c: CommentView,
    pub children: Vec<CommentNode>,
}

/// The comment form, as first shown or sent back with what was typed and what went wrong.
#[derive(Default)]
pub struct CommentFormView {
    pub action: String,
    pub csrf: String,
    pub body: String,
    pub error: Option<String>,
    pub reply_to: Option<(i64, String)>,
    pub max_chars: usize,
}

pub struct SortLink {
    /// The label's message id.
    pub label: &'static str,
    pub href: String,
    pub current: bool,
}

pub struct Conversation {
    pub count: i64,
    pub threads: Vec<CommentNode>,
    pub sorts: Vec<SortLink>,
    pub more_href: Option<String>,
    pub form: Option<CommentFormView>,
    /// Why there is no form: comments are closed, or the viewer is banned.
    pub notice: Option<String>,
    /// Comments here wait for a moderator before readers see them.
    pub premoderated: bool,
    pub live_href: String,
    pub signin_href: String,
    /// The token of the one form every comment's buttons submit (signed-in viewers only).
    pub actions_csrf: Option<String>,
    /// Stands in for the form (or notice) in a member page kept with holes (`member_pages`).
    pub hole: Option<String>,
    /// The viewer's words.
    pub tr: Tr,
}

impl Conversation {
    /// What `app.js` says in the conversation, in the viewer's language, as JSON for the page's
    /// `conv-words` data block (`{name}`, `{count}`… stand for what the script fills in).
    pub fn words(&self) -> String {
        script_words(self.tr)
    }
}

/// [`Conversation::words`]: each message keyed by its id without the `conv-` prefix, escaped
/// for a `<script>` data block.
pub fn script_words(tr: Tr) -> String {
    let mut words = serde_json::Map::new();
    let mut put = |key: &str, text: String| {
        words.insert(key.to_owned(), serde_json::Value::String(text));
    };
    for id in [
        "conv-js-posted",
        "conv-js-not-posted",
        "conv-js-not-sent",
        "conv-js-like-not-saved",
        "conv-js-like-not-sent",
        "conv-js-new",
        "conv-js-reload",
        "conv-replying-to-comment",
        "conv-cancel-reply",
    ] {
        put(&id["conv-".len()..], tr.t(id));
    }
    put("heading", tr.t1("conv-heading", "count", "{count}"));
    put("replying-to", tr.t1("conv-replying-to", "name", "{name}"));
    put("js-new-from", tr.t1("conv-js-new-from", "name", "{name}"));
    put(
        "js-signed-out",
        tr.t1("conv-js-signed-out", "what", "{what}"),
    );
    put(
        "js-failed",
        tr.t2("conv-js-failed", "what", "{what}", "status", "{status}"),
    );
    put("js-offline", tr.t1("conv-js-offline", "what", "{what}"));
    serde_json::Value::Object(words)
        .to_string()
        .replace('<', "\\u003c")
}

#[derive(Deserialize, Default)]
pub struct ConversationQuery {
    pub sort: Option<String>,
    pub page: Option<String>,
    pub reply: Option<i64>,
}

pub(crate) fn view(
    row: &CommentRow,
    viewer: &Viewer,
    liked: bool,
    replying_to: Option<String>,
    slug: &str,
    now: chrono::DateTime<chrono::Utc>,
    hole: Option<String>,
) -> CommentView {
    let facts = CommentFacts {
        author_id: row.author_id,
        status_visible: row.is_visible(),
        created_at: row.created_at,
    };
    // A page with holes is shared by members, so nothing in it may depend on whose it is.
    let own = hole.is_none()
        && row.author_id.is_some()
        && row.author_id == viewer.user.as_ref().map(|u| u.id);
    let held = own && row.status == CommentStatus::Pending;
    let rejected = (own && row.status == CommentStatus::Rejected).then(|| {
        crate::web::moderation::words::rejection(Tr::new(viewer.locale), &row.moderation_note)
    });
    let readable = row.is_visible() || held || rejected.is_some();
    let tombstone = (!readable).then_some(match row.status {
        CommentStatus::Rejected => "conv-tombstone-removed",
        CommentStatus::Pending => "conv-tombstone-hidden",
        CommentStatus::Visible | CommentStatus::Deleted => "conv-tombstone-deleted",
    });
    CommentView {
        id: row.id,
        author: row.author_name.clone(),
        author_id: row.author_id,
        time: TimeView::long(row.created_at, &viewer.dates),
        edited: row.edited_at.is_some(),
        tombstone,
        held,
        rejected,
        pick: row.pinned_at.is_some() && row.is_visible(),
        body_html: if readable {
            row.body_html.clone()
        } else {
            String::new()
        },
        likes: row.like_count,
        liked,
        can: comment_permissions(viewer.facts().as_ref(), &facts, now),
        replying_to,
        article_slug: slug.to_owned(),
        hole,
        muted: false,
        actions_base: viewer.actions_base(),
        tr: Tr::new(viewer.locale),
    }
}

/// Builds the conversation block of an article page: one page of threads and all their
/// replies (two queries, three with a signed-in viewer's likes).
pub async fn conversation(
    state: &AppState,
    article: &ArticleDetail,
    viewer: &Viewer,
    q: &ConversationQuery,
    form: Option<CommentFormView>,
) -> Result<Conversation> {
    conversation_with(state, article, viewer, q, form, None).await
}

/// [`conversation`], or with `holes` the form of it every member without held or rejected
/// comments here shares: readers' threads, the form and each comment's controls left as
/// marks, and `holes` told which comment each mark stands for.
pub async fn conversation_with(
    state: &AppState,
    article: &ArticleDetail,
    viewer: &Viewer,
    q: &ConversationQuery,
    form: Option<CommentFormView>,
    mut holes: Option<&mut crate::web::cache::member_page::Holes>,
) -> Result<Conversation> {
    let slug = &article.card.slug;
    let tr = Tr::new(viewer.locale);
    let sort = CommentSort::parse(q.sort.as_deref());
    let cursor = match q.page.as_deref() {
        None | Some("") => None,
        Some(p) => {
            Some(ThreadCursor::decode(p).ok_or_else(|| Error::BadRequest(tr.t("conv-bad-page")))?)
        }
    };
    let now = state.clock.now();
    let count = article.card.comment_count;
    // With holes, the threads readers see: no member's own held or rejected comments.
    let viewer_id = viewer
        .user
        .as_ref()
        .map(|u| u.id)
        .filter(|_| holes.is_none());
    // A member may have held or rejected comments of their own to see, even with no visible
    // ones (and a page with holes is for members).
    let (roots, replies) =
        if count > 0 || cursor.is_some() || viewer.user.is_some() || holes.is_some() {
            let mut roots = state
                .store
                .threads(
                    article.card.id,
                    sort,
                    cursor,
                    THREADS_PER_PAGE + 1,
                    viewer_id,
                )
                .await?;
            let more = roots.len() as i64 > THREADS_PER_PAGE;
            roots.truncate(THREADS_PER_PAGE as usize);
            let ids: Vec<i64> = roots.iter().map(|r| r.id).collect();
            let replies = state.store.replies(&ids, viewer_id).await?;
            (Some((roots, more)), replies)
        } else {
            (None, Vec::new())
        };
    let (roots, more) = roots.unwrap_or_default();
    let liked: Vec<i64> = match &viewer.user {
        Some(u) if !roots.is_empty() && holes.is_none() => {
            let ids: Vec<i64> = roots.iter().chain(&replies).map(|r| r.id).collect();
            state.store.liked_by(u.id, &ids).await?
        }
        _ => Vec::new(),
    };
    let more_href = if more {
        roots.last().map(|last| {
            let key = match sort {
                CommentSort::MostLiked => last.like_count,
                _ => last.created_at.timestamp_micros(),
            };
            format!(
                "/articles/{slug}?sort={}&page={}#comments",
                sort.as_str(),
                ThreadCursor { key, id: last.id }.encode()
            )
        })
    } else {
        None
    };
    // A shared page with holes folds nothing: a member who muted an author on it gets their
    // own render (see `member_pages`).
    let muted: Vec<i64> = match &viewer.user {
        Some(u) if !roots.is_empty() && holes.is_none() => state.store.muted_ids(u.id).await?,
        _ => Vec::new(),
    };
    let threads = build_tree(&roots, &replies, |row, replying_to| {
        let hole = holes.as_deref_mut().map(|h| h.comment(row));
        let mut v = view(
            row,
            viewer,
            liked.contains(&row.id),
            replying_to,
            slug,
            now,
            hole,
        );
        v.muted = row.author_id.is_some_and(|a| muted.contains(&a));
        v
    });
    let policy = state.store.comment_policy(article.card.id).await?;
    let notice = comment_notice(&policy, article.card.published_at, viewer, now);
    let premoderated = matches!(policy.mode, CommentMode::PreModerated { .. });
    let hole = holes.map(|h| h.form(policy));
    let form = match (&viewer.user, form) {
        _ if notice.is_some() || hole.is_some() => None,
        (None, _) => None,
        (Some(_), Some(f)) => Some(f),
        (Some(_), None) => {
            let reply_to = match q.reply {
                Some(id) => state
                    .store
                    .comment(id)
                    .await?
                    .filter(|c| c.article_id == article.card.id && c.is_visible())
                    .map(|c| (c.id, c.author_name)),
                None => None,
            };
            Some(new_comment_form(state, slug, viewer, reply_to))
        }
    };
    let sorts = [
        CommentSort::Oldest,
        CommentSort::Newest,
        CommentSort::MostLiked,
    ]
    .into_iter()
    .map(|s| SortLink {
        label: match s {
            CommentSort::Oldest => "conv-sort-oldest",
            CommentSort::Newest => "conv-sort-newest",
            CommentSort::MostLiked => "conv-sort-most-liked",
        },
        href: format!("/articles/{slug}?sort={}#comments", s.as_str()),
        current: s == sort,
    })
    .collect();
    Ok(Conversation {
        count,
        threads,
        sorts,
        more_href,
        form,
        notice,
        premoderated,
        live_href: format!("/articles/{slug}/live"),
        signin_href: format!("/signin?return_to=/articles/{slug}"),
        actions_csrf: viewer
            .user
            .as_ref()
            .filter(|_| hole.is_none())
            .map(|_| viewer.csrf.clone()),
        hole,
        tr,
    })
}

/// Why the viewer gets no comment form: comments are closed, or they are banned.
pub(super) fn comment_notice(
    policy: &crate::domain::moderation::CommentPolicy,
    published_at: chrono::DateTime<chrono::Utc>,
    viewer: &Viewer,
    now: chrono::DateTime<chrono::Utc>,
) -> Option<String> {
    let tr = Tr::new(viewer.locale);
    if policy.is_closed(published_at, now) {
        Some(tr.t("conv-closed"))
    } else {
        viewer.user.as_ref().and_then(|u| {
            u.banned_at(now)
                .map(|until| ban_notice(tr, until, &u.ban_reason, &viewer.dates))
        })
    }
}

/// The empty comment form a signed-in viewer is offered.
pub(super) fn new_comment_form(
    state: &AppState,
    slug: &str,
    viewer: &Viewer,
    reply_to: Option<(i64, String)>,
) -> CommentFormView {
    CommentFormView {
        action: format!("/articles/{slug}/comments"),
        csrf: viewer.csrf.clone(),
        reply_to,
        max_chars: state.config.max_comment_chars,
        ..Default::default()
    }
}

/// Nests replies under their parents up to [`MAX_NESTING`]; deeper replies join the list of
/// their ancestor at the last level, oldest first, each naming whom it answers.
fn build_tree(
    roots: &[CommentRow],
    replies: &[CommentRow],
    mut make: impl FnMut(&CommentRow, Option<String>) -> CommentView,
) -> Vec<CommentNode> {
    let by_id: HashMap<i64, &CommentRow> = roots.iter().chain(replies).map(|r| (r.id, r)).collect();
    // Where each reply is shown: its parent, or for deep replies the ancestor at depth MAX-1.
    let mut children: HashMap<i64, Vec<&CommentRow>> = HashMap::new();
    for r in replies {
        let Some(mut anchor) = r.parent_id else {
            continue;
        };
        while let Some(a) = by_id.get(&anchor) {
            if a.depth < MAX_NESTING {
                break;
            }
            match a.parent_id {
                Some(p) => anchor = p,
                None => break,
            }
        }
        children.entry(anchor).or_default().push(r);
    }
    fn node(
        row: &CommentRow,
        by_id: &HashMap<i64, &CommentRow>,
        children: &HashMap<i64, Vec<&CommentRow>>,
        make: &mut dyn FnMut(&CommentRow, Option<String>) -> CommentView,
    ) -> CommentNode {
        let replying_to = if row.depth > MAX_NESTING {
            row.parent_id
                .and_then(|p| by_id.get(&p))
                .map(|p| p.author_name.clone())
        } else {
            None
        };
        let c = make(row, replying_to);
        let kids = children
            .get(&row.id)
            .map(|list| {
                list.iter()
                    .map(|k| node(k, by_id, children, make))
                    .collect()
            })
            .unwrap_or_default();
        CommentNode { c, children: kids }
    }
    roots
        .iter()
        .map(|r| node(r, &by_id, &children, &mut make))
        .collect()
}

// ----- posting -----
