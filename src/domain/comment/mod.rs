//! Comments: validated bodies, the safe Markdown subset, sorting, the access policy, and
//! whether a new comment is taken ([`admission`]).

pub mod admission;

use std::collections::HashSet;
use std::sync::LazyLock;

use chrono::{DateTime, Duration, Utc};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

use super::user::Role;

pub const DEFAULT_MAX_COMMENT_CHARS: usize = 5000;
/// Replies nest this deep; deeper replies are shown flat under the third level.
pub const MAX_NESTING: i32 = 3;
/// Authors may edit their comment for this long after posting.
pub const EDIT_WINDOW_MINUTES: i64 = 15;

/// Where a comment stands: what readers, its author and the desk see of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommentStatus {
    /// Readers see it.
    Visible,
    /// Held for a moderator (why: its held reason); its author sees it.
    Pending,
    /// A moderator refused it; its author reads why.
    Rejected,
    /// Its author deleted it; a tombstone stands in while it has replies.
    Deleted,
}

impl CommentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CommentStatus::Visible => "visible",
            CommentStatus::Pending => "pending",
            CommentStatus::Rejected => "rejected",
            CommentStatus::Deleted => "deleted",
        }
    }

    pub fn parse(s: &str) -> Option<CommentStatus> {
        Some(match s {
            "visible" => CommentStatus::Visible,
            "pending" => CommentStatus::Pending,
            "rejected" => CommentStatus::Rejected,
            "deleted" => CommentStatus::Deleted,
            _ => return None,
        })
    }
}

/// A comment's Markdown source, trimmed, non-empty and within the length limit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommentBody(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CommentError {
    #[error("Write something before posting: the comment is empty.")]
    Empty,
    #[error("The comment is {got} characters long; the limit is {max}. Shorten it and post again.")]
    TooLong { got: usize, max: usize },
}

impl CommentBody {
    pub fn parse(text: &str, max_chars: usize) -> Result<CommentBody, CommentError> {
        let text = text.trim().replace("\r\n", "\n");
        if text.is_empty() {
            return Err(CommentError::Empty);
        }
        let got = text.chars().count();
        if got > max_chars {
            return Err(CommentError::TooLong {
                got,
                max: max_chars,
            });
        }
        Ok(CommentBody(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The sanitised HTML for this body, stored beside the source.
    pub fn to_html(&self) -> String {
        render_comment(&self.0)
    }
}

/// Renders comment Markdown: paragraphs, emphasis, links, inline code, quotes and lists. Raw
/// HTML is shown as the text it is; images become their alt text; then an allowlist sanitiser
/// has the last word.
pub fn render_comment(source: &str) -> String {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    let events = Parser::new_ext(source, opts).filter_map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        other => Some(other),
    });
    let mut out = String::with_capacity(source.len() + source.len() / 2);
    html::push_html(&mut out, events);
    super::html_safety::drop_links_without_href(&COMMENT_SANITISER.clean(&out).to_string())
}

/// Cleans a comment imported as HTML (from WordPress or Disqus) with the same allowlist as
/// comments written here.
pub fn clean_imported(html: &str) -> String {
    super::html_safety::drop_links_without_href(&COMMENT_SANITISER.clean(html).to_string())
}

static COMMENT_SANITISER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let tags: HashSet<&str> = [
        "p",
        "br",
        "em",
        "strong",
        "del",
        "code",
        "pre",
        "blockquote",
        "ul",
        "ol",
        "li",
        "a",
    ]
    .into_iter()
    .collect();
    let mut b = ammonia::Builder::empty();
    b.tags(tags)
        .add_tag_attributes("a", ["href"])
        .add_tag_attributes("ol", ["start"])
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("nofollow ugc noopener"));
    b
});

/// Why a display name was refused (its `Display` is the English sentence).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("Enter a display name: it is shown beside your comments.")]
    Empty,
    #[error("The display name can be at most 60 characters long.")]
    TooLong,
    #[error("The display name cannot contain control characters.")]
    Control,
    #[error("That display name is reserved.")]
    Reserved,
}

/// A display name: 1–60 characters, no control characters, spaces collapsed.
pub fn parse_display_name(name: &str) -> Result<String, NameError> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(NameError::Empty);
    }
    if name.chars().count() > 60 {
        return Err(NameError::TooLong);
    }
    if name.chars().any(|c| c.is_control()) {
        return Err(NameError::Control);
    }
    if name == "[deleted]" {
        return Err(NameError::Reserved);
    }
    Ok(name)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum CommentSort {
    #[default]
    Oldest,
    Newest,
    MostLiked,
}

impl CommentSort {
    pub fn parse(s: Option<&str>) -> CommentSort {
        match s {
            Some("newest") => CommentSort::Newest,
            Some("liked") => CommentSort::MostLiked,
            _ => CommentSort::Oldest,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            CommentSort::Oldest => "oldest",
            CommentSort::Newest => "newest",
            CommentSort::MostLiked => "liked",
        }
    }
}

/// A position in a list of threads: the sort key (time in microseconds, or likes) and the id
/// of the last thread shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ThreadCursor {
    pub key: i64,
    pub id: i64,
}

impl ThreadCursor {
    pub fn encode(&self) -> String {
        format!("{}.{}", self.key, self.id)
    }

    pub fn decode(s: &str) -> Option<ThreadCursor> {
        let (key, id) = s.split_once('.')?;
        let id: i64 = id.parse().ok().filter(|id| *id > 0)?;
        Some(ThreadCursor {
            key: key.parse().ok()?,
            id,
        })
    }
}

/// What the viewer may do to a comment. The one policy for comments: pages decide which
/// controls to show with it and handlers refuse with it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CommentPermissions {
    pub reply: bool,
    pub edit: bool,
    pub delete: bool,
    pub like: bool,
    pub report: bool,
    /// Mute (or unmute) the comment's author: any member but the author.
    pub mute: bool,
}

/// The facts about a comment that the policy needs.
pub struct CommentFacts {
    pub author_id: Option<i64>,
    pub status_visible: bool,
    pub created_at: DateTime<Utc>,
}

pub struct ViewerFacts {
    pub user_id: i64,
    pub role: Role,
    /// The end of the viewer's ban from the conversation, if they were ever banned.
    pub banned_until: Option<DateTime<Utc>>,
}

pub fn comment_permissions(
    viewer: Option<&ViewerFacts>,
    comment: &CommentFacts,
    now: DateTime<Utc>,
) -> CommentPermissions {
    let Some(viewer) = viewer else {
        return CommentPermissions::default();
    };
    if !comment.status_visible {
        return CommentPermissions::default();
    }
    let own = comment.author_id == Some(viewer.user_id);
    // A banned member can read and delete their own words, nothing else.
    if viewer.banned_until.is_some_and(|until| until > now) {
        return CommentPermissions {
            delete: own,
            ..CommentPermissions::default()
        };
    }
    CommentPermissions {
        reply: true,
        edit: own && now - comment.created_at <= Duration::minutes(EDIT_WINDOW_MINUTES),
        delete: own,
        like: !own,
        report: !own,
        mute: !own && comment.author_id.is_some(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_read_back_as_stored() {
        for status in [
            CommentStatus::Visible,
            CommentStatus::Pending,
            CommentStatus::Rejected,
            CommentStatus::Deleted,
        ] {
            assert_eq!(CommentStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(CommentStatus::parse("held"), None);
    }

    #[test]
    fn bodies_are_trimmed_and_limited() {
        assert_eq!(
            CommentBody::parse("  hi \r\n there ", 10).unwrap().as_str(),
            "hi \n there"
        );
        assert_eq!(CommentBody::parse(" \n ", 10), Err(CommentError::Empty));
        assert_eq!(
            CommentBody::parse(&"é".repeat(11), 10),
            Err(CommentError::TooLong { got: 11, max: 10 })
        );
    }

    #[test]
    fn comment_markdown_allows_the_safe_subset_only() {
        let html = render_comment(
            "Hi *there* **you** `code` [site](https://example.org)\n\n> quoted\n\n- one\n- two\n\n![alt text](https://example.org/x.png)\n\n<script>alert(1)</script> <b onclick=x>bold</b>\n\n[js](javascript:alert(1))\n\n# Heading",
        );
        assert!(
            html.contains("<em>there</em>") && html.contains("<strong>you</strong>"),
            "{html}"
        );
        assert!(html.contains("<code>code</code>"), "{html}");
        assert!(
            html.contains(r#"<a href="https://example.org" rel="nofollow ugc noopener">site</a>"#),
            "{html}"
        );
        assert!(
            html.contains("<blockquote>") && html.contains("<li>one</li>"),
            "{html}"
        );
        assert!(
            !html.contains("<img") && html.contains("alt text"),
            "{html}"
        );
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "raw HTML is text: {html}"
        );
        assert!(
            !html.contains("<b ") && !html.contains("<b>") && !html.contains("onclick=x>"),
            "{html}"
        );
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("<h1"), "{html}");
    }

    #[test]
    fn display_names_are_checked() {
        assert_eq!(
            parse_display_name("  Ada   Lovelace "),
            Ok("Ada Lovelace".to_owned())
        );
        assert!(parse_display_name("   ").is_err());
        assert!(parse_display_name(&"x".repeat(61)).is_err());
        assert!(parse_display_name("[deleted]").is_err());
    }

    #[test]
    fn the_policy_follows_ownership_and_the_edit_window() {
        let now = Utc::now();
        let viewer = ViewerFacts {
            user_id: 7,
            role: Role::Member,
            banned_until: None,
        };
        let own = CommentFacts {
            author_id: Some(7),
            status_visible: true,
            created_at: now - Duration::minutes(5),
        };
        let p = comment_permissions(Some(&viewer), &own, now);
        assert!(p.edit && p.delete && p.reply && !p.like && !p.report && !p.mute);
        let old = CommentFacts {
            created_at: now - Duration::minutes(16),
            ..own
        };
        assert!(!comment_permissions(Some(&viewer), &old, now).edit);
        let other = CommentFacts {
            author_id: Some(8),
            status_visible: true,
            created_at: now,
        };
        let p = comment_permissions(Some(&viewer), &other, now);
        assert!(!p.edit && !p.delete && p.like && p.report && p.mute);
        assert_eq!(
            comment_permissions(None, &other, now),
            CommentPermissions::default()
        );
        let deleted = CommentFacts {
            status_visible: false,
            ..other
        };
        assert_eq!(
            comment_permissions(Some(&viewer), &deleted, now),
            CommentPermissions::default()
        );
        let banned = ViewerFacts {
            banned_until: Some(now + Duration::days(1)),
            ..viewer
        };
        let p = comment_permissions(Some(&banned), &other, now);
        assert_eq!(p, CommentPermissions::default(), "banned: read only");
        let p = comment_permissions(Some(&banned), &own, now);
        assert!(p.delete && !p.edit && !p.reply);
        let lapsed = ViewerFacts {
            banned_until: Some(now - Duration::seconds(1)),
            ..banned
        };
        assert!(comment_permissions(Some(&lapsed), &other, now).like);
    }
}
