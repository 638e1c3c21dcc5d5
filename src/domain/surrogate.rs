//! Surrogate keys: the names a shared cache (Varnish with xkey, a CDN) files a signed-out page
//! under, so that a change purges exactly the pages that show it.
//!
//! | key | carried by |
//! | --- | --- |
//! | `all` | every cacheable page (a publish, a rename, anything wide purges it) |
//! | `article-{id}` | the article's own pages: every sort order and page of its conversation |
//! | `cards-{id}` | a listing page that shows the article's card, with its comment count |
//! | `any-count` | a page whose choice of articles follows comment counts (the front page's "most discussed"), or a listing that does not say which cards it shows |
//! | `listings` | every listing page |
//! | `front`, `section-{slug}`, `tag-{slug}`, `author-{slug}` | that listing itself |
//!
//! What each change purges is [`purge_keys`]: a comment's text or likes, `article-{id}`; a
//! change of an article's comment count, that and `cards-{id}` and `any-count`; anything else,
//! `all`. The listing keys are never purged by Broadsheet itself; they are there for an
//! operator's purge by hand.

/// The key every cacheable page carries.
pub const ALL: &str = "all";
/// The key of pages that follow every article's comment count.
pub const ANY_COUNT: &str = "any-count";
/// The key every listing page carries.
pub const LISTINGS: &str = "listings";

/// A cacheable page, as far as its keys go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page<'a> {
    /// An article's page (any sort order or page of its conversation).
    Article(i64),
    /// The front page, which ranks articles by their comment counts.
    Front,
    Section(&'a str),
    Tag(&'a str),
    Author(&'a str),
}

/// What changed, as far as shared caches are concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Changed {
    /// A comment's text or likes on the article: its pages.
    Comments(i64),
    /// The article's number of comments: its pages and every listing that shows it.
    CommentCount(i64),
    /// Anything else (publishing, renaming, a setting): every page.
    Everything,
}

/// The keys of `page`, showing the cards of `cards` (listings), space-separated as the
/// `Surrogate-Key` and `xkey` headers carry them.
pub fn page_keys(page: Page<'_>, cards: &[i64]) -> String {
    let mut keys = vec![ALL.to_owned()];
    match page {
        Page::Article(id) => keys.push(article(id)),
        Page::Front => keys.extend([
            LISTINGS.to_owned(),
            "front".to_owned(),
            ANY_COUNT.to_owned(),
        ]),
        Page::Section(slug) => keys.extend([LISTINGS.to_owned(), format!("section-{slug}")]),
        Page::Tag(slug) => keys.extend([LISTINGS.to_owned(), format!("tag-{slug}")]),
        Page::Author(slug) => keys.extend([LISTINGS.to_owned(), format!("author-{slug}")]),
    }
    // The front page follows every count already (`any-count`); naming its cards again would
    // only lengthen its headers.
    if page != Page::Front {
        let mut shown: Vec<i64> = cards.to_vec();
        shown.sort_unstable();
        shown.dedup();
        keys.extend(shown.into_iter().map(card));
    }
    keys.join(" ")
}

/// The keys of a listing page that does not say which cards it shows: it follows every count.
pub fn unnamed_listing_keys() -> String {
    [ALL, LISTINGS, ANY_COUNT].join(" ")
}

/// The keys a change purges.
pub fn purge_keys(changed: Changed) -> Vec<String> {
    match changed {
        Changed::Comments(id) => vec![article(id)],
        Changed::CommentCount(id) => vec![article(id), card(id), ANY_COUNT.to_owned()],
        Changed::Everything => vec![ALL.to_owned()],
    }
}

fn article(id: i64) -> String {
    format!("article-{id}")
}

fn card(id: i64) -> String {
    format!("cards-{id}")
}

/// Whether a purge of `purged` reaches a page carrying `keys` (as a shared cache decides it).
pub fn reaches(purged: &[String], keys: &str) -> bool {
    keys.split(' ').any(|k| purged.iter().any(|p| p == k))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pages() -> Vec<(&'static str, String)> {
        vec![
            ("article 7", page_keys(Page::Article(7), &[])),
            ("article 8", page_keys(Page::Article(8), &[])),
            ("front", page_keys(Page::Front, &[7, 8, 9])),
            (
                "news, showing 7",
                page_keys(Page::Section("news"), &[9, 7, 7]),
            ),
            (
                "sport, not showing 7",
                page_keys(Page::Section("sport"), &[8]),
            ),
            ("tag, showing 7", page_keys(Page::Tag("climate"), &[7])),
            ("author, not showing 7", page_keys(Page::Author("ana"), &[])),
            ("a listing of unknown cards", unnamed_listing_keys()),
        ]
    }

    /// The pages a change reaches, by name.
    fn reached(changed: Changed) -> Vec<&'static str> {
        let purged = purge_keys(changed);
        pages()
            .into_iter()
            .filter(|(_, keys)| reaches(&purged, keys))
            .map(|(name, _)| name)
            .collect()
    }

    #[test]
    fn pages_name_what_they_show() {
        assert_eq!(page_keys(Page::Article(42), &[]), "all article-42");
        assert_eq!(
            page_keys(Page::Section("news"), &[9, 7, 7]),
            "all listings section-news cards-7 cards-9"
        );
        assert_eq!(page_keys(Page::Front, &[7]), "all listings front any-count");
        assert_eq!(
            page_keys(Page::Author("ana"), &[]),
            "all listings author-ana"
        );
    }

    #[test]
    fn a_comment_change_purges_only_its_articles_pages() {
        assert_eq!(reached(Changed::Comments(7)), ["article 7"]);
    }

    #[test]
    fn a_count_change_purges_the_article_and_the_listings_that_show_it() {
        assert_eq!(
            reached(Changed::CommentCount(7)),
            [
                "article 7",
                "front",
                "news, showing 7",
                "tag, showing 7",
                "a listing of unknown cards"
            ]
        );
    }

    #[test]
    fn anything_else_purges_every_page() {
        assert_eq!(reached(Changed::Everything).len(), pages().len());
    }
}
