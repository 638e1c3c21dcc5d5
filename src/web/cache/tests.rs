use std::borrow::Cow;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use chrono::Utc;

use axum::body::Bytes;
use axum::http::{HeaderMap, HeaderValue, header};

use super::front::{Encoding, brotli, etag_of, etags_of, gzip, negotiate};
use super::key::{MAX_KEYED_QUERY_BYTES, member_page_key, page_key};
use super::{CacheGroup, Change, Entry, Lru, PageCache};

fn headers(accept: &str) -> HeaderMap {
    let mut h = HeaderMap::new();
    h.insert(
        header::ACCEPT_ENCODING,
        HeaderValue::from_str(accept).unwrap(),
    );
    h
}

#[test]
fn encodings_are_negotiated() {
    assert!(negotiate(&headers("gzip, deflate, br")) == Encoding::Brotli);
    assert!(negotiate(&headers("gzip")) == Encoding::Gzip);
    assert!(negotiate(&headers("br;q=0, gzip")) == Encoding::Gzip);
    assert!(negotiate(&headers("identity")) == Encoding::Identity);
    assert!(negotiate(&HeaderMap::new()) == Encoding::Identity);
}

#[test]
fn changes_travel_as_text() {
    for c in [
        Change::Everything,
        Change::Comments { article_id: 7 },
        Change::CommentCount { article_id: 9 },
        Change::LiveUpdate { article_id: 5 },
        Change::Coverage { article_id: 6 },
        Change::Member { user_id: 11 },
    ] {
        assert_eq!(Change::parse(&c.payload()), Some(c));
    }
    assert_eq!(Change::parse("x:1"), None);
}

#[test]
fn compressed_forms_round_trip() {
    let page = "<p>hello</p>".repeat(500);
    let gz = gzip(page.as_bytes());
    let mut out = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&gz[..]), &mut out).unwrap();
    assert_eq!(out, page);
    let br = brotli(page.as_bytes());
    let mut out = Vec::new();
    brotli::BrotliDecompress(&mut &br[..], &mut out).unwrap();
    assert_eq!(out, page.as_bytes());
    assert!(br.len() < page.len() / 10 && gz.len() < page.len() / 10);
}

#[test]
fn keys_are_canonical_addresses() {
    let key = |uri: &str| {
        let uri: axum::http::Uri = uri.parse().unwrap();
        page_key(&uri).map(|k| {
            let borrowed = matches!(k, Cow::Borrowed(_));
            (k.into_owned(), borrowed)
        })
    };
    let same = |uri: &str, canonical: &str| {
        assert_eq!(key(uri).map(|k| k.0).as_deref(), Some(canonical), "{uri}");
    };
    // Already canonical: borrowed from the address, no allocation on a hit.
    for uri in [
        "/",
        "/articles/a",
        "/articles/a?sort=newest",
        "/articles/a?sort=liked&page=1700000000000000.5",
        "/articles/a?page=1700000000000000.5",
        "/sections/science?before=1700000000000000.5",
    ] {
        assert_eq!(key(uri), Some((uri.to_owned(), true)), "{uri}");
    }
    // Unknown parameters are dropped; defaults left out; one order.
    same("/?utm_source=x", "/");
    same("/?page=2&sort=liked", "/");
    same("/articles/a?utm_source=x&fbclid=1", "/articles/a");
    same("/articles/a?sort=oldest", "/articles/a");
    same("/articles/a?sort=nonsense", "/articles/a");
    same("/articles/a?sort=", "/articles/a");
    same("/articles/a?page=", "/articles/a");
    same("/articles/a?reply=7", "/articles/a");
    same(
        "/articles/a?page=1700000000000000.5&x=1&sort=newest",
        "/articles/a?sort=newest&page=1700000000000000.5",
    );
    same("/articles/a?sor%74=newest", "/articles/a?sort=newest");
    same("/articles/a?page=01.05", "/articles/a?page=1.5");
    same("/tags/ports?sort=newest&before=", "/tags/ports");
    same("/authors/ana?before=%2B5.3", "/authors/ana?before=5.3");
    // What the page refuses, and addresses that are not a cached page's as the site writes
    // them, are neither answered from nor kept in the cache.
    for uri in [
        "/articles/a?sort=newest&sort=liked",
        "/articles/a?page=x",
        "/articles/a?reply=x",
        // `+` is a space in a query: not a number.
        "/authors/ana?before=+5.3",
        "/sections/a?before=1.0",
        "/sections/a?before=1.5&before=1.5",
        "/articles/A",
        "/articles/a%62",
        "/articles/a/",
        "/articles/",
        "/articles/a/comments.atom",
        "/search?q=x",
        "/admin/articles",
    ] {
        assert_eq!(key(uri), None, "{uri}");
    }
    let long = format!("/articles/a?x={}", "y".repeat(MAX_KEYED_QUERY_BYTES));
    assert_eq!(key(&long), None);
    // Members' pages take the sort and the cursor only.
    let member = |uri: &str| member_page_key(&uri.parse().unwrap());
    assert_eq!(
        member("/articles/a?sort=oldest").as_deref(),
        Some("/articles/a")
    );
    assert_eq!(member("/articles/a?reply=7"), None);
    assert_eq!(member("/articles/a?utm_source=x"), None);
}

fn sized(group: CacheGroup, bytes: usize) -> Arc<Entry> {
    Arc::new(Entry::new(
        group,
        Utc::now(),
        etags_of(b"x"),
        HeaderMap::new(),
        Bytes::from(vec![b'x'; bytes]),
    ))
}

#[test]
fn each_form_of_a_page_has_its_own_validator() {
    let page = etags_of(b"<p>hello</p>");
    let tags = [&page.identity, &page.gzip, &page.brotli];
    for (i, a) in tags.iter().enumerate() {
        assert!(a.to_str().unwrap().starts_with('"') && a.to_str().unwrap().ends_with('"'));
        for b in &tags[i + 1..] {
            assert_ne!(a, b);
        }
    }
    assert_eq!(page.identity, etag_of(b"<p>hello</p>"));
    assert_ne!(etags_of(b"<p>other</p>").gzip, page.gzip);
}

#[test]
fn a_form_made_later_counts_against_the_bound() {
    let mut lru: Lru<Entry> = Lru::new(10, 1000);
    let a = sized(CacheGroup::Listings, 300);
    let b = sized(CacheGroup::Listings, 300);
    lru.insert("/a".into(), a.clone());
    lru.insert("/b".into(), b.clone());
    // A page no longer stored under its key is not counted.
    lru.grew("/a", &b, 100);
    assert_eq!(lru.bytes, 600);
    // "/a" grows past the bound: the least recently used page ("/a" itself) goes.
    a.footprint.fetch_add(500, Ordering::Relaxed);
    lru.grew("/a", &a, 500);
    assert!(lru.peek("/a").is_none() && lru.peek("/b").is_some());
    assert_eq!(lru.bytes, 300);
}

#[test]
fn a_full_cache_forgets_the_least_recently_used_pages() {
    let mut lru: Lru<Entry> = Lru::new(3, 1000);
    for key in ["/a", "/b", "/c"] {
        lru.insert(key.into(), sized(CacheGroup::Listings, 100));
    }
    // "/a" is read, so "/b" is now the least recently used.
    assert!(lru.get("/a").is_some());
    lru.insert("/d".into(), sized(CacheGroup::Listings, 100));
    assert_eq!(lru.len(), 3);
    assert!(lru.peek("/b").is_none());
    assert!(lru.peek("/a").is_some() && lru.peek("/c").is_some());
    // By bytes: a large page pushes out as many of the oldest as it needs, not all.
    lru.insert("/big".into(), sized(CacheGroup::Listings, 750));
    assert!(lru.peek("/c").is_none());
    assert!(lru.peek("/a").is_some() && lru.peek("/d").is_some() && lru.peek("/big").is_some());
    assert_eq!(lru.bytes, 950);
    // Replacing a page counts its bytes once.
    lru.insert("/d".into(), sized(CacheGroup::Listings, 50));
    assert_eq!((lru.len(), lru.bytes), (3, 900));
    // A page larger than the bound alone is still kept, alone.
    lru.insert("/huge".into(), sized(CacheGroup::Listings, 2000));
    assert_eq!(lru.len(), 1);
    lru.retain(|_| false);
    assert_eq!((lru.len(), lru.bytes), (0, 0));
}

#[test]
fn a_render_that_raced_an_invalidation_is_not_kept() {
    let cache = PageCache::default();
    let entry = |group| {
        Arc::new(Entry::new(
            group,
            Utc::now(),
            etags_of(b"x"),
            HeaderMap::new(),
            Bytes::from_static(b"x"),
        ))
    };
    let before = cache.generation.load(Ordering::SeqCst);
    cache.drop_pages(Change::Comments { article_id: 1 });
    cache.put("/a".into(), entry(CacheGroup::Article(1)), before);
    let now = Utc::now();
    assert!(cache.get("/a", now).is_none());
    let gen_now = cache.generation.load(Ordering::SeqCst);
    cache.put("/a".into(), entry(CacheGroup::Article(1)), gen_now);
    cache.put("/".into(), entry(CacheGroup::Listings), gen_now);
    cache.put("/b".into(), entry(CacheGroup::Article(2)), gen_now);
    cache.drop_pages(Change::Comments { article_id: 1 });
    assert!(cache.get("/a", now).is_none() && cache.get("/", now).is_some());
    // Listings expire after a minute by the site's clock, articles after five.
    let later = now + chrono::Duration::seconds(61);
    assert!(cache.get("/", later).is_none() && cache.get("/b", later).is_some());
    cache.drop_pages(Change::CommentCount { article_id: 2 });
    assert!(cache.get("/b", now).is_none() && cache.get("/", now).is_none());
}
