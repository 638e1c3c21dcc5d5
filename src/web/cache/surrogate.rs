//! Surrogate keys on cacheable pages (`Surrogate-Key` and `xkey`, the same list), and the keys a
//! [`Change`] purges at the shared caches in front of the site. The naming is
//! `domain::surrogate`'s; this module puts it on responses.

use axum::http::{HeaderMap, HeaderName, HeaderValue};

use super::{CacheGroup, Change};
use crate::domain::ListScope;
use crate::domain::surrogate::{self, Changed, Page};

/// The header Fastly-style CDNs read.
pub const SURROGATE_KEY: HeaderName = HeaderName::from_static("surrogate-key");
/// The header Varnish's xkey module reads.
pub const XKEY: HeaderName = HeaderName::from_static("xkey");

/// The keys of a listing page, put on its response by its handler: which listing it is and
/// which articles' cards it shows. A listing without them follows every count change.
#[derive(Clone, Debug)]
pub struct ListingKeys(String);

impl ListingKeys {
    /// The keys of the listing of `scope` (its slug is `slug`) showing the cards `cards`.
    pub fn new(scope: ListScope, slug: &str, cards: &[i64]) -> ListingKeys {
        let page = match scope {
            ListScope::All => Page::Front,
            ListScope::Section(_) => Page::Section(slug),
            ListScope::Tag(_) => Page::Tag(slug),
            ListScope::Author(_) => Page::Author(slug),
        };
        ListingKeys(surrogate::page_keys(page, cards))
    }

    /// The front page's keys.
    pub fn front() -> ListingKeys {
        ListingKeys(surrogate::page_keys(Page::Front, &[]))
    }
}

/// Puts the keys of a page in `group` (named by its handler, for listings) on its headers.
pub(super) fn mark(headers: &mut HeaderMap, group: CacheGroup, named: Option<&ListingKeys>) {
    let keys = match (group, named) {
        (CacheGroup::Article(id), _) => surrogate::page_keys(Page::Article(id), &[]),
        (CacheGroup::Listings, Some(named)) => named.0.clone(),
        (CacheGroup::Listings, None) => surrogate::unnamed_listing_keys(),
    };
    // Keys are ASCII: slugs are checked (`domain::Slug`), the rest are words and numbers.
    if let Ok(value) = HeaderValue::from_str(&keys) {
        headers.insert(SURROGATE_KEY, value.clone());
        headers.insert(XKEY, value);
    }
}

impl Change {
    /// The surrogate keys this change purges at shared caches (none for a member's change: no
    /// page readers share shows it).
    pub fn purge_keys(self) -> Vec<String> {
        let changed = match self {
            // A live update shows on the article's pages only, as a comment does; opening or
            // ending coverage changes its card's "Live" badge, as a count change does.
            Change::Comments { article_id } | Change::LiveUpdate { article_id } => {
                Changed::Comments(article_id)
            }
            Change::CommentCount { article_id } | Change::Coverage { article_id } => {
                Changed::CommentCount(article_id)
            }
            Change::Everything => Changed::Everything,
            Change::Member { .. } => return Vec::new(),
        };
        surrogate::purge_keys(changed)
    }
}
