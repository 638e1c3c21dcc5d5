//! What changed, as the processes tell each other (the payload on the changes channel).

/// What changed, as far as cached pages are concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// A comment's text or likes changed: the article's pages.
    Comments { article_id: i64 },
    /// The number of comments of an article changed: its pages and the listings.
    CommentCount { article_id: i64 },
    /// A live update readers see was published, edited or deleted: the article's pages.
    LiveUpdate { article_id: i64 },
    /// An article's live coverage opened or ended: its pages, and the listings (its cards'
    /// "Live" badge).
    Coverage { article_id: i64 },
    /// What the site knows of a member changed (their sessions, role, ban, or their own held
    /// comments): no page readers share, only this process's copies of the member's session
    /// and of their marks on members' pages (likes, held comments).
    Member { user_id: i64 },
    /// Anything else: everything.
    Everything,
}

impl Change {
    /// The notification payload of [`Change::Everything`], for processes without a cache.
    pub const EVERYTHING: &'static str = "*";

    pub(super) fn payload(self) -> String {
        match self {
            Change::Comments { article_id } => format!("c:{article_id}"),
            Change::CommentCount { article_id } => format!("n:{article_id}"),
            Change::LiveUpdate { article_id } => format!("l:{article_id}"),
            Change::Coverage { article_id } => format!("v:{article_id}"),
            Change::Member { user_id } => crate::store::sessions::member_change(user_id),
            Change::Everything => "*".to_owned(),
        }
    }

    pub(super) fn parse(s: &str) -> Option<Change> {
        if s == "*" {
            return Some(Change::Everything);
        }
        let (kind, id) = s.split_once(':')?;
        let id = id.parse().ok()?;
        match kind {
            "c" => Some(Change::Comments { article_id: id }),
            "n" => Some(Change::CommentCount { article_id: id }),
            "l" => Some(Change::LiveUpdate { article_id: id }),
            "v" => Some(Change::Coverage { article_id: id }),
            "u" => Some(Change::Member { user_id: id }),
            _ => None,
        }
    }
}
