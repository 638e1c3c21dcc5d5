//! The rendered-page cache for signed-out readers, and ETags for every page.
//!
//! Signed-out readers are most of the traffic and all see the same HTML, so the front page,
//! listings and article pages they get are kept in memory, with their gzip and brotli forms
//! made once, when the page is stored. A handler opts a page in by marking its response with a
//! [`CacheGroup`]; a page is dropped exactly when what it shows changes:
//!
//! - a comment posted, edited, deleted or liked drops its article's pages, and posting or
//!   deleting (which change counts) drops the listings too;
//! - publishing, renaming a member or deleting an account drops everything.
//!
//! Invalidations reach every server process: on PostgreSQL each one is also sent with
//! `pg_notify('broadsheet_pages', …)` and every process listens; if a listener loses its
//! connection the process drops its whole cache, since it may have missed something. Pages also
//! expire (listings after a minute, articles after five), which bounds staleness from changes
//! made outside a server (a command-line import on SQLite, a scheduled time coming).
//!
//! A render that raced an invalidation is not stored: every invalidation bumps a generation, and
//! a page is kept only if the generation did not move while it was rendered.
//!
//! Members' article pages are kept here too, as [`MemberPage`]s (rendered with holes for what
//! is each member's own, see `member_pages`), dropped by the same changes and kept under the
//! same generation check; they are never served as they are, only filled for one member.
//!
//! Hand-written rather than a cache crate: what matters here is dropping groups of pages (an
//! article's sort orders and pages) at once and the generation check, which general-purpose
//! caches do not offer; the bounded map itself is a few lines.

use std::collections::HashMap;
use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::AppState;
use super::member_pages::MemberPage;
use super::session::{SESSION_COOKIE, read_cookie};

/// Which pages a cached page belongs to, for dropping them together.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CacheGroup {
    /// An article's pages (every sort order and page of its conversation).
    Article(i64),
    /// Pages that list articles with their comment counts: front, sections, tags, authors.
    Listings,
}

/// What changed, as far as cached pages are concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// A comment's text or likes changed: the article's pages.
    Comments { article_id: i64 },
    /// The number of comments of an article changed: its pages and the listings.
    CommentCount { article_id: i64 },
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

    fn payload(self) -> String {
        match self {
            Change::Comments { article_id } => format!("c:{article_id}"),
            Change::CommentCount { article_id } => format!("n:{article_id}"),
            Change::Member { user_id } => crate::store::sessions::member_change(user_id),
            Change::Everything => "*".to_owned(),
        }
    }

    fn parse(s: &str) -> Option<Change> {
        if s == "*" {
            return Some(Change::Everything);
        }
        let (kind, id) = s.split_once(':')?;
        let id = id.parse().ok()?;
        match kind {
            "c" => Some(Change::Comments { article_id: id }),
            "n" => Some(Change::CommentCount { article_id: id }),
            "u" => Some(Change::Member { user_id: id }),
            _ => None,
        }
    }
}

pub const CHANNEL: &str = crate::store::CHANGES_CHANNEL;
/// At most this many pages, and this many bytes of them (all encodings), are kept. 24 MiB holds
/// some 350 article pages of 50 comments in their three forms: the front, the sections and
/// the stories being read now; a long tail of old articles is rendered again when asked for.
/// (32 MiB kept the server over its 100 MB target after a crawl of 3,000 articles.)
const MAX_ENTRIES: usize = 2000;
const MAX_BYTES: usize = 24 * 1024 * 1024;
/// Pages compressed at once, in the background; a page that finds no free slot is kept (and
/// served) uncompressed until it is stored again.
const COMPRESSORS: usize = 2;
/// Pages larger than this are served but not kept.
const MAX_PAGE_BYTES: usize = 512 * 1024;
const LISTING_TTL: Duration = Duration::from_secs(60);
const ARTICLE_TTL: Duration = Duration::from_secs(300);
/// What shared caches (a CDN) may do with a signed-out page: keep it a minute, and serve it
/// stale for five more while fetching a fresh one. Browsers revalidate (cheaply, by ETag).
const PUBLIC_CACHE_CONTROL: &str = "public, max-age=0, s-maxage=60, stale-while-revalidate=300";
const PRIVATE_CACHE_CONTROL: &str = "private, no-cache";
/// At most this many members' pages (with holes), and this many bytes of them. Smaller than the
/// signed-out bounds: members read fewer distinct pages, and memory is counted.
const MAX_MEMBER_PAGES: usize = 500;
const MAX_MEMBER_BYTES: usize = 16 * 1024 * 1024;

struct Entry {
    group: CacheGroup,
    /// By the site's clock, so a page expires when the clock says (tests move it).
    stored: DateTime<Utc>,
    /// Every header of an answer, made once for each form of the page (see
    /// [`answer_headers`]): an answer clones one and sets its request id.
    headers: Forms<HeaderMap>,
    etag: HeaderValue,
    bodies: Forms<Bytes>,
    /// The bytes held, bodies and headers, counted once (see [`Entry::new`]).
    footprint: usize,
}

/// One thing for each form of a page: as rendered, gzip, brotli (the last two empty until
/// they are made).
#[derive(Clone, Default)]
struct Forms<T> {
    identity: T,
    gzip: T,
    brotli: T,
}

impl<T> Forms<T> {
    fn get(&self, encoding: Encoding) -> &T {
        match encoding {
            Encoding::Identity => &self.identity,
            Encoding::Gzip => &self.gzip,
            Encoding::Brotli => &self.brotli,
        }
    }
}

#[derive(Default)]
struct Inner {
    pages: HashMap<String, Arc<Entry>>,
    bytes: usize,
}

impl Entry {
    fn new(
        group: CacheGroup,
        stored: DateTime<Utc>,
        etag: HeaderValue,
        headers: Forms<HeaderMap>,
        bodies: Forms<Bytes>,
    ) -> Entry {
        // Headers too: three maps of a dozen headers each are a few KB, a tenth of a
        // listing's compressed forms. (32 bytes: a rough cost of each entry in the map.)
        let header_bytes = |h: &HeaderMap| -> usize {
            h.iter()
                .map(|(name, value)| name.as_str().len() + value.len() + 32)
                .sum()
        };
        let footprint = bodies.identity.len()
            + bodies.gzip.len()
            + bodies.brotli.len()
            + header_bytes(&headers.identity)
            + header_bytes(&headers.gzip)
            + header_bytes(&headers.brotli);
        Entry {
            group,
            stored,
            headers,
            etag,
            bodies,
            footprint,
        }
    }

    fn size(&self) -> usize {
        self.footprint
    }
}

#[derive(Default)]
struct MemberPages {
    pages: HashMap<String, Arc<MemberPage>>,
    bytes: usize,
}

/// The cache of one server process.
pub struct PageCache {
    inner: Mutex<Inner>,
    members: Mutex<MemberPages>,
    generation: AtomicU64,
    pg: Option<sqlx::PgPool>,
    /// Whose session copies to forget when a member changes.
    store: Option<crate::store::Store>,
    compressors: Arc<tokio::sync::Semaphore>,
    hits: AtomicU64,
    misses: AtomicU64,
}

impl Default for PageCache {
    fn default() -> Self {
        PageCache {
            inner: Mutex::default(),
            members: Mutex::default(),
            generation: AtomicU64::new(0),
            pg: None,
            store: None,
            compressors: Arc::new(tokio::sync::Semaphore::new(COMPRESSORS)),
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
        }
    }
}

impl PageCache {
    /// The cache, listening for other processes' invalidations when the site runs on PostgreSQL.
    pub async fn start(store: &crate::store::Store) -> anyhow::Result<Arc<PageCache>> {
        let pg = store.pg_pool().cloned();
        let cache = Arc::new(PageCache {
            pg,
            store: Some(store.clone()),
            ..Default::default()
        });
        if let Some(listener) = store.pg_listener().await {
            let mut listener = listener?;
            listener.listen(CHANNEL).await?;
            let weak = Arc::downgrade(&cache);
            tokio::spawn(async move {
                loop {
                    let received = listener.recv().await;
                    let Some(cache) = weak.upgrade() else { break };
                    match received {
                        Ok(n) => match Change::parse(n.payload()) {
                            Some(change) => cache.drop_pages(change),
                            None => cache.drop_pages(Change::Everything),
                        },
                        Err(e) => {
                            // Notifications may have been missed while the connection was down.
                            tracing::warn!(error = %e, "page cache: listener lost its connection; dropping every page");
                            cache.drop_pages(Change::Everything);
                            tokio::time::sleep(Duration::from_secs(1)).await;
                        }
                    }
                }
            });
        }
        Ok(cache)
    }

    /// Drops the pages `change` affects, here and (on PostgreSQL) in every other process.
    pub fn changed(&self, change: Change) {
        self.drop_pages(change);
        if let Some(pool) = self.pg.clone() {
            tokio::spawn(async move {
                let sent = sqlx::query("SELECT pg_notify($1, $2)")
                    .bind(CHANNEL)
                    .bind(change.payload())
                    .execute(&pool)
                    .await;
                if let Err(e) = sent {
                    tracing::warn!(error = %e, "page cache: could not tell other processes");
                }
            });
        }
    }

    fn drop_pages(&self, change: Change) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        // Whose pages go: one article's (and the listings, when counts changed), or all.
        let (article, listings) = match change {
            Change::Member { user_id } => return self.forget_member(user_id),
            Change::Everything => {
                if let Some(store) = &self.store {
                    store.forget_all_sessions();
                }
                (None, true)
            }
            Change::Comments { article_id } => (Some(article_id), false),
            Change::CommentCount { article_id } => (Some(article_id), true),
        };
        let mut inner = self.inner.lock().expect("page cache lock");
        match article {
            None => inner.pages.clear(),
            Some(id) => inner.pages.retain(|_, e| {
                e.group != CacheGroup::Article(id) && !(listings && e.group == CacheGroup::Listings)
            }),
        }
        inner.bytes = inner.pages.values().map(|e| e.size()).sum();
        drop(inner);
        let mut members = self.members.lock().expect("page cache lock");
        match article {
            None => members.pages.clear(),
            Some(id) => members.pages.retain(|_, p| p.article_id != id),
        }
        members.bytes = members.pages.values().map(|p| p.size()).sum();
    }

    /// Forgets this process's copies of what is one member's own: their sessions and their
    /// marks on members' pages. No page readers share changes.
    fn forget_member(&self, user_id: i64) {
        if let Some(store) = &self.store {
            store.forget_member_sessions(user_id);
        }
        let members = self.members.lock().expect("page cache lock");
        for page in members.pages.values() {
            page.forget_marks(user_id);
        }
    }

    /// The invalidation count, to read before rendering a page that may be kept.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// The members' page kept under `key`, if it has not expired by `now`.
    pub fn member_page(&self, key: &str, now: DateTime<Utc>) -> Option<Arc<MemberPage>> {
        let members = self.members.lock().expect("page cache lock");
        let page = members.pages.get(key)?;
        let ttl = chrono::Duration::from_std(ARTICLE_TTL).unwrap_or_default();
        (now - page.stored < ttl).then(|| page.clone())
    }

    /// Keeps a members' page unless an invalidation happened since `generation` was read.
    pub fn put_member_page(&self, key: String, page: Arc<MemberPage>, generation: u64) {
        let mut members = self.members.lock().expect("page cache lock");
        // Checked under a lock that invalidations also take, so none can slip in between.
        if self.generation.load(Ordering::SeqCst) != generation {
            return;
        }
        if members.pages.len() >= MAX_MEMBER_PAGES || members.bytes + page.size() > MAX_MEMBER_BYTES
        {
            let ttl = chrono::Duration::from_std(ARTICLE_TTL).unwrap_or_default();
            let now = page.stored;
            members.pages.retain(|_, p| now - p.stored < ttl);
            members.bytes = members.pages.values().map(|p| p.size()).sum();
            if members.pages.len() >= MAX_MEMBER_PAGES
                || members.bytes + page.size() > MAX_MEMBER_BYTES
            {
                members.pages.clear();
                members.bytes = 0;
            }
        }
        members.bytes += page.size();
        if let Some(old) = members.pages.insert(key, page) {
            members.bytes -= old.size();
        }
    }

    fn get(&self, key: &str, now: DateTime<Utc>) -> Option<Arc<Entry>> {
        let inner = self.inner.lock().expect("page cache lock");
        let entry = inner.pages.get(key)?;
        let ttl = match entry.group {
            CacheGroup::Listings => LISTING_TTL,
            CacheGroup::Article(_) => ARTICLE_TTL,
        };
        (now - entry.stored < chrono::Duration::from_std(ttl).unwrap_or_default())
            .then(|| entry.clone())
    }

    /// The answer to `req` from a stored page, when it is a signed-out reader's `GET` or
    /// `HEAD` of a page that is stored and fresh; `None` sends it on to the router. Called
    /// before any routing or middleware ([`Front`]): a stored page is no work worth
    /// shedding, timing out or logging at the default level (the metrics count it).
    pub fn serve_hit<B>(
        &self,
        req: &axum::http::Request<B>,
        clock: &crate::domain::Clock,
    ) -> Option<Response> {
        let is_head = req.method() == Method::HEAD;
        if req.method() != Method::GET && !is_head
            || read_cookie(req.headers(), SESSION_COOKIE).is_some()
        {
            return None;
        }
        let entry = self.get(key_str(req.uri())?, clock.now())?;
        self.hits.fetch_add(1, Ordering::Relaxed);
        let id = match req.headers().get(super::REQUEST_ID) {
            Some(id) => id.clone(),
            None => super::next_request_id(),
        };
        tracing::debug!(uri = %req.uri(), request_id = ?id, "answered from the page cache");
        Some(answer(&entry, req.headers(), is_head, true, Some(&id)))
    }

    /// Stores `entry` unless an invalidation happened since `generation` was read, or (with
    /// `replacing`) the page stored under `key` is no longer that one.
    fn put(&self, key: String, entry: Arc<Entry>, generation: u64, replacing: Option<&Arc<Entry>>) {
        let now = entry.stored;
        let mut inner = self.inner.lock().expect("page cache lock");
        // Checked under the lock that invalidations also take, so none can slip in between.
        if self.generation.load(Ordering::SeqCst) != generation {
            return;
        }
        if let Some(old) = replacing
            && !inner.pages.get(&key).is_some_and(|e| Arc::ptr_eq(e, old))
        {
            return;
        }
        let full = inner.pages.len() >= MAX_ENTRIES || inner.bytes + entry.size() > MAX_BYTES;
        if full && replacing.is_none() {
            // Full: forget expired pages first, then (rarely) everything.
            let fresh = chrono::Duration::from_std(LISTING_TTL).unwrap_or_default();
            inner.pages.retain(|_, e| now - e.stored < fresh);
            if inner.pages.len() >= MAX_ENTRIES
                || inner.pages.values().map(|e| e.size()).sum::<usize>() + entry.size() > MAX_BYTES
            {
                inner.pages.clear();
            }
        }
        inner.pages.insert(key, entry);
        // A full count on each store (misses only, at most a few thousand pages).
        inner.bytes = inner.pages.values().map(|e| e.size()).sum();
    }

    /// Makes the gzip and brotli forms of a stored page off the request path, when a
    /// compression slot is free, and swaps them in if the page is still current.
    fn compress_later(self: &Arc<Self>, key: String, entry: Arc<Entry>, generation: u64) {
        let Ok(permit) = self.compressors.clone().try_acquire_owned() else {
            return;
        };
        let cache = self.clone();
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let identity = &entry.bodies.identity;
            let bodies = Forms {
                identity: identity.clone(),
                gzip: gzip(identity),
                brotli: brotli(identity),
            };
            let headers = Forms {
                identity: entry.headers.identity.clone(),
                gzip: with_encoding(&entry.headers.identity, "gzip", bodies.gzip.len()),
                brotli: with_encoding(&entry.headers.identity, "br", bodies.brotli.len()),
            };
            let compressed = Arc::new(Entry::new(
                entry.group,
                entry.stored,
                entry.etag.clone(),
                headers,
                bodies,
            ));
            cache.put(key, compressed, generation, Some(&entry));
        });
    }

    pub fn len(&self) -> usize {
        self.inner.lock().expect("page cache lock").pages.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// (hits, misses) since start, for `/metrics`.
    pub fn counts(&self) -> (u64, u64) {
        (
            self.hits.load(Ordering::Relaxed),
            self.misses.load(Ordering::Relaxed),
        )
    }
}

/// Query parameters the cached pages understand; any other query string bypasses the cache, so
/// made-up URLs cannot fill it.
const CACHEABLE_PARAMS: [&str; 3] = ["sort", "page", "before"];

fn cache_key(req: &Request) -> Option<String> {
    key_of(req.uri())
}

/// The cache key of a page at `uri`: its path and query, when the query has only known
/// parameters.
pub fn key_of(uri: &axum::http::Uri) -> Option<String> {
    key_str(uri).map(str::to_owned)
}

fn key_str(uri: &axum::http::Uri) -> Option<&str> {
    if let Some(q) = uri.query() {
        let known = q.split('&').all(|pair| {
            let name = pair.split('=').next().unwrap_or("");
            CACHEABLE_PARAMS.contains(&name)
        });
        if !known || q.len() > 200 {
            return None;
        }
    }
    Some(uri.path_and_query().map_or("/", |p| p.as_str()))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Identity,
    Gzip,
    Brotli,
}

/// The best encoding the client accepts (brotli, then gzip), honouring `q=0`.
fn negotiate(headers: &HeaderMap) -> Encoding {
    let accept = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let accepts = |name: &str| {
        accept.split(',').any(|part| {
            let mut bits = part.split(';');
            let coding = bits.next().unwrap_or("").trim();
            let refused = bits.any(|p| {
                let p = p.trim();
                p == "q=0" || p == "q=0.0" || p == "q=0.00" || p == "q=0.000"
            });
            coding.eq_ignore_ascii_case(name) && !refused
        })
    };
    if accepts("br") {
        Encoding::Brotli
    } else if accepts("gzip") {
        Encoding::Gzip
    } else {
        Encoding::Identity
    }
}

/// A strong validator of the page's bytes. XXH3-128 rather than a cryptographic hash: it only
/// has to tell one version of a page from the next, and it runs at memory speed (SHA-256 of a
/// 75 KB member's page was a tenth of the CPU time of serving it).
fn etag_of(body: &[u8]) -> HeaderValue {
    let digest = xxhash_rust::xxh3::xxh3_128(body);
    HeaderValue::from_str(&format!("\"{digest:032x}\"")).expect("hex is ASCII")
}

fn if_none_match(headers: &HeaderMap, etag: &HeaderValue) -> bool {
    let Some(v) = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let tag = etag.to_str().unwrap_or("");
    v.split(',').any(|t| {
        let t = t.trim();
        t == "*" || t == tag || t.strip_prefix("W/") == Some(tag)
    })
}

fn gzip(body: &[u8]) -> Bytes {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let _ = enc.write_all(body);
    enc.finish().map(Bytes::from).unwrap_or_default()
}

fn brotli(body: &[u8]) -> Bytes {
    let mut out = Vec::new();
    {
        // Quality 7 with a 256 KiB window: most of brotli's gain on pages, at a small fraction
        // of the time and memory of quality 11 with the default 4 MiB window.
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 7, 18);
        let _ = w.write_all(body);
    }
    Bytes::from(out)
}

/// Answers from a stored page: 304 when the client has it, else the best encoding it accepts
/// that is made. `request_id` replaces the placeholder in the stored headers.
fn answer(
    entry: &Entry,
    req_headers: &HeaderMap,
    is_head: bool,
    hit: bool,
    request_id: Option<&HeaderValue>,
) -> Response {
    let mut response = if if_none_match(req_headers, &entry.etag) {
        let mut r = StatusCode::NOT_MODIFIED.into_response();
        let stored = &entry.headers.identity;
        for name in NOT_MODIFIED_HEADERS {
            if let Some(v) = stored.get(&name) {
                r.headers_mut().insert(name, v.clone());
            }
        }
        r
    } else {
        let encoding = match negotiate(req_headers) {
            Encoding::Brotli if !entry.bodies.brotli.is_empty() => Encoding::Brotli,
            Encoding::Gzip | Encoding::Brotli if !entry.bodies.gzip.is_empty() => Encoding::Gzip,
            _ => Encoding::Identity,
        };
        let mut r = if is_head {
            Response::new(Body::empty())
        } else {
            Response::new(Body::from(entry.bodies.get(encoding).clone()))
        };
        *r.headers_mut() = entry.headers.get(encoding).clone();
        r
    };
    let h = response.headers_mut();
    if !hit {
        h.insert(X_CACHE, HeaderValue::from_static("miss"));
    }
    match request_id {
        Some(id) => h.insert(super::REQUEST_ID, id.clone()),
        None => h.remove(super::REQUEST_ID),
    };
    response
}

/// What a 304 from a stored page repeats of the full answer's headers.
const NOT_MODIFIED_HEADERS: [HeaderName; 9] = [
    header::ETAG,
    header::CACHE_CONTROL,
    header::VARY,
    X_CACHE,
    header::CONTENT_SECURITY_POLICY,
    header::X_CONTENT_TYPE_OPTIONS,
    header::REFERRER_POLICY,
    header::X_FRAME_OPTIONS,
    header::STRICT_TRANSPORT_SECURITY,
];

const X_CACHE: HeaderName = HeaderName::from_static("x-cache");

/// Every header of the answer from a stored page as rendered: the handler's, the validators and
/// caching rules, the security headers the middleware would add, and placeholders for the
/// length and the request id, so that setting them on an answer replaces rather than grows
/// (an answer from the cache is a clone of this map and two replaced values).
fn answer_headers(mut headers: HeaderMap, etag: &HeaderValue, len: usize, hsts: bool) -> HeaderMap {
    headers.insert(header::ETAG, etag.clone());
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(PUBLIC_CACHE_CONTROL),
    );
    headers.insert(
        header::VARY,
        HeaderValue::from_static("Accept-Encoding, Cookie"),
    );
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    headers.insert(X_CACHE, HeaderValue::from_static("hit"));
    super::add_security_headers(&mut headers, hsts);
    headers.insert(super::REQUEST_ID, HeaderValue::from_static("-"));
    headers
}

/// The headers of a compressed form of a page, from those of the page as rendered.
fn with_encoding(identity: &HeaderMap, coding: &'static str, len: usize) -> HeaderMap {
    let mut headers = identity.clone();
    headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    headers
}

/// Middleware: stores the pages that handlers mark with a [`CacheGroup`] for signed-out
/// readers, and gives every other HTML page an ETag (answering 304 to a matching
/// `If-None-Match`). Stored pages are answered by [`Front`], before this; a page stored by
/// another request since `Front` looked is rendered once more, and stored again.
pub async fn page_cache(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let is_head = req.method() == Method::HEAD;
    if req.method() != Method::GET && !is_head {
        return next.run(req).await;
    }
    let signed_out = read_cookie(req.headers(), SESSION_COOKIE).is_none();
    let key = if signed_out { cache_key(&req) } else { None };
    let cache = state.pages.clone();
    let generation = cache.generation.load(Ordering::SeqCst);
    let req_headers = req.headers().clone();
    let response = next.run(req).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    if response.status() != StatusCode::OK
        || !is_html
        || response.headers().contains_key(header::ETAG)
    {
        return response;
    }
    let group = response.extensions().get::<CacheGroup>().copied();
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 8 * 1024 * 1024).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let etag = etag_of(&bytes);
    let storable = group.is_some()
        && key.is_some()
        && bytes.len() <= MAX_PAGE_BYTES
        && !parts.headers.contains_key(header::SET_COOKIE);
    if let (true, Some(group), Some(key)) = (storable, group, key) {
        cache.misses.fetch_add(1, Ordering::Relaxed);
        // Stored and answered uncompressed at once; the compressed forms follow in the
        // background (CPU work, done once per stored page, never while a reader waits).
        let headers = answer_headers(
            parts.headers,
            &etag,
            bytes.len(),
            state.config.secure_cookies(),
        );
        let entry = Arc::new(Entry::new(
            group,
            state.clock.now(),
            etag,
            Forms {
                identity: headers,
                ..Forms::default()
            },
            Forms {
                identity: bytes,
                ..Forms::default()
            },
        ));
        cache.put(key.clone(), entry.clone(), generation, None);
        cache.compress_later(key, entry.clone(), generation);
        let id = req_headers.get(super::REQUEST_ID);
        return answer(&entry, &req_headers, is_head, false, id);
    }
    // Not stored (signed in, or not a cacheable page): still an ETag and a 304 when it matches.
    let matched = if_none_match(&req_headers, &etag);
    parts.headers.insert(header::ETAG, etag);
    if signed_out && group.is_some() {
        parts.headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(PUBLIC_CACHE_CONTROL),
        );
    } else if !parts.headers.contains_key(header::CACHE_CONTROL) {
        parts.headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(PRIVATE_CACHE_CONTROL),
        );
    }
    if matched {
        let mut r = StatusCode::NOT_MODIFIED.into_response();
        for name in [header::ETAG, header::CACHE_CONTROL] {
            if let Some(v) = parts.headers.get(&name) {
                r.headers_mut().insert(name, v.clone());
            }
        }
        return r;
    }
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

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
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&gz[..]), &mut out)
            .unwrap();
        assert_eq!(out, page);
        let br = brotli(page.as_bytes());
        let mut out = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut out).unwrap();
        assert_eq!(out, page.as_bytes());
        assert!(br.len() < page.len() / 10 && gz.len() < page.len() / 10);
    }

    #[test]
    fn only_known_query_strings_are_cached() {
        let req = |uri: &str| Request::builder().uri(uri).body(Body::empty()).unwrap();
        assert_eq!(
            cache_key(&req("/articles/a?sort=newest")).as_deref(),
            Some("/articles/a?sort=newest")
        );
        assert_eq!(cache_key(&req("/")).as_deref(), Some("/"));
        assert_eq!(cache_key(&req("/?utm_source=x")), None);
    }

    #[test]
    fn a_render_that_raced_an_invalidation_is_not_kept() {
        let cache = PageCache::default();
        let entry = |group| {
            Arc::new(Entry::new(
                group,
                Utc::now(),
                etag_of(b"x"),
                Forms::default(),
                Forms {
                    identity: Bytes::from_static(b"x"),
                    ..Forms::default()
                },
            ))
        };
        let before = cache.generation.load(Ordering::SeqCst);
        cache.drop_pages(Change::Comments { article_id: 1 });
        cache.put("/a".into(), entry(CacheGroup::Article(1)), before, None);
        let now = Utc::now();
        assert!(cache.get("/a", now).is_none());
        let gen_now = cache.generation.load(Ordering::SeqCst);
        cache.put("/a".into(), entry(CacheGroup::Article(1)), gen_now, None);
        cache.put("/".into(), entry(CacheGroup::Listings), gen_now, None);
        cache.put("/b".into(), entry(CacheGroup::Article(2)), gen_now, None);
        cache.drop_pages(Change::Comments { article_id: 1 });
        assert!(cache.get("/a", now).is_none() && cache.get("/", now).is_some());
        // Listings expire after a minute by the site's clock, articles after five.
        let later = now + chrono::Duration::seconds(61);
        assert!(cache.get("/", later).is_none() && cache.get("/b", later).is_some());
        cache.drop_pages(Change::CommentCount { article_id: 2 });
        assert!(cache.get("/b", now).is_none() && cache.get("/", now).is_none());
    }
}

/// The server's front door: answers signed-out readers from the page cache before routing and
/// the middleware stack (which cost more than the answer itself: on a 48 KB article page, a
/// hit through the stack was half the speed of a static file server), and passes every other
/// request to the router.
#[derive(Clone)]
pub struct Front {
    state: AppState,
    router: axum::Router,
}

impl Front {
    pub fn new(state: AppState, router: axum::Router) -> Front {
        Front { state, router }
    }
}

impl<B> tower::Service<axum::http::Request<B>> for Front
where
    B: axum::body::HttpBody<Data = Bytes> + Send + 'static,
    B::Error: Into<axum::BoxError>,
{
    type Response = Response;
    type Error = std::convert::Infallible;
    type Future = futures_util::future::Either<
        std::future::Ready<Result<Response, std::convert::Infallible>>,
        tower::util::Oneshot<axum::Router, axum::http::Request<B>>,
    >;

    fn poll_ready(
        &mut self,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Result<(), Self::Error>> {
        std::task::Poll::Ready(Ok(()))
    }

    fn call(&mut self, req: axum::http::Request<B>) -> Self::Future {
        use futures_util::future::Either;
        use tower::ServiceExt;
        let started = std::time::Instant::now();
        match self.state.pages.serve_hit(&req, &self.state.clock) {
            Some(response) => {
                self.state.metrics.count(response.status(), started);
                Either::Left(std::future::ready(Ok(response)))
            }
            None => Either::Right(self.router.clone().oneshot(req)),
        }
    }
}
