//! How an imported conversation finds its article: the addresses and identifiers other
//! systems used for it.

use crate::domain::Slug;

/// How a Disqus thread may name one of the site's articles, strongest first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArticleKey {
    /// `/articles/{slug}` or a bare slug.
    Slug(String),
    /// A WordPress dated address `YYYY/MM/DD/name` imported earlier.
    WordpressPath(String),
    /// A WordPress post id imported earlier (the WordPress Disqus plugin's identifier).
    WordpressPost(String),
}

/// The ways a Disqus thread may name an article: its link's path, then its identifier.
pub fn thread_keys(link: &str, identifier: Option<&str>) -> Vec<ArticleKey> {
    let mut keys = Vec::new();
    keys.extend(path_key(link));
    if let Some(id) = identifier {
        // The WordPress plugin writes "123 https://old.example/?p=123".
        let first = id.split_whitespace().next().unwrap_or("");
        if !first.is_empty() && first.bytes().all(|b| b.is_ascii_digit()) {
            keys.push(ArticleKey::WordpressPost(first.to_owned()));
        } else {
            keys.extend(path_key(first));
        }
    }
    keys.dedup();
    keys
}

fn path_key(s: &str) -> Option<ArticleKey> {
    if let Some(p) = wordpress_path(s) {
        return Some(ArticleKey::WordpressPath(p));
    }
    let path = url_path(s);
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    match parts.as_slice() {
        ["articles", slug] | [slug] => Slug::parse(slug)
            .ok()
            .map(|s| ArticleKey::Slug(s.to_string())),
        _ => None,
    }
}

/// The path of an address (or the text itself when it is already a path), without its query.
fn url_path(s: &str) -> &str {
    let s = s.trim();
    let s = match s.find("://") {
        Some(i) => {
            let rest = &s[i + 3..];
            rest.find('/').map_or("", |j| &rest[j..])
        }
        None => s,
    };
    s.split(['?', '#']).next().unwrap_or("")
}

/// The longest old address kept for a redirect.
const MAX_LEGACY_PATH: usize = 1000;

/// An old address (full URL or path) as redirects are looked up: its path's segments, each
/// percent-decoded, joined by `/` with no slash at either end (`/2024/05/12/my-post/` →
/// `2024/05/12/my-post`, `/caf%C3%A9/` → `café`). `None` for the site's root (a `?p=` link)
/// and for paths too long to be an address.
pub fn legacy_path(s: &str) -> Option<String> {
    let path = url_path(s);
    if path.len() > MAX_LEGACY_PATH {
        return None;
    }
    let parts: Vec<String> = path
        .split('/')
        .filter(|p| !p.is_empty())
        .map(|p| {
            percent_encoding::percent_decode_str(p)
                .decode_utf8_lossy()
                .into_owned()
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// What a `?p=` or `?page_id=` query asks for (the WordPress post or page by id), if the query
/// has one with a number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WpQuery {
    /// `?p=ID`: a post, or a page (WordPress answers both).
    Post(String),
    /// `?page_id=ID`.
    Page(String),
}

pub fn wordpress_query(query: &str) -> Option<WpQuery> {
    let number = |v: &str| {
        (!v.is_empty() && v.len() <= 19 && v.bytes().all(|b| b.is_ascii_digit()))
            .then(|| v.to_owned())
    };
    form_urlencoded::parse(query.as_bytes()).find_map(|(k, v)| match k.as_ref() {
        "p" => number(&v).map(WpQuery::Post),
        "page_id" => number(&v).map(WpQuery::Page),
        _ => None,
    })
}

/// `YYYY/MM/DD/name` from a WordPress-style dated address (full URL or path, with or without
/// the trailing slash); `None` for anything else.
pub fn wordpress_path(s: &str) -> Option<String> {
    let path = legacy_path(s)?;
    let parts: Vec<&str> = path.split('/').collect();
    match parts.as_slice() {
        [y, m, d, name]
            if y.len() == 4
                && m.len() == 2
                && d.len() == 2
                && [y, m, d]
                    .iter()
                    .all(|p| p.bytes().all(|b| b.is_ascii_digit()))
                && !name.is_empty()
                && name.len() <= 200 =>
        {
            Some(format!("{y}/{m}/{d}/{name}"))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dated_paths_and_thread_keys() {
        assert_eq!(
            wordpress_path("https://old.example/2024/03/05/the-bridge/").as_deref(),
            Some("2024/03/05/the-bridge")
        );
        assert_eq!(
            wordpress_path("/2024/03/05/the-bridge").as_deref(),
            Some("2024/03/05/the-bridge")
        );
        assert_eq!(wordpress_path("/articles/the-bridge"), None);
        assert_eq!(
            thread_keys(
                "https://new.example/articles/a-slug?x=1",
                Some("42 https://old.example/?p=42")
            ),
            vec![
                ArticleKey::Slug("a-slug".into()),
                ArticleKey::WordpressPost("42".into())
            ]
        );
        assert_eq!(thread_keys("https://old.example/?p=9", None), vec![]);
    }

    #[test]
    fn old_addresses_of_every_permalink_structure() {
        assert_eq!(
            legacy_path("https://old.example/my-post/").as_deref(),
            Some("my-post")
        );
        assert_eq!(
            legacy_path("https://old.example/category/x/my-post/").as_deref(),
            Some("category/x/my-post")
        );
        assert_eq!(
            legacy_path("/2024/05/12/my-post").as_deref(),
            Some("2024/05/12/my-post")
        );
        assert_eq!(legacy_path("/caf%C3%A9//").as_deref(), Some("café"));
        assert_eq!(legacy_path("https://old.example/?p=9"), None);
        assert_eq!(legacy_path("/"), None);
        assert_eq!(
            wordpress_path("/2024/05/12/caf%c3%a9/").as_deref(),
            Some("2024/05/12/café")
        );
        assert_eq!(wordpress_query("p=123"), Some(WpQuery::Post("123".into())));
        assert_eq!(
            wordpress_query("utm_source=x&page_id=7"),
            Some(WpQuery::Page("7".into()))
        );
        assert_eq!(wordpress_query("p=abc"), None);
        assert_eq!(wordpress_query("q=1"), None);
    }
}
