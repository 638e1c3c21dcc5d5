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
//! A page's key is its canonical address ([`page_key`]): only the cached routes, with the
//! parameters their handlers read, checked as they check them, in one order and with defaults
//! left out; anything else a request carries is dropped, so made-up addresses are answered from
//! the page they show rather than stored again. A full cache forgets the pages read longest
//! ago ([`Lru`]), one at a time, never all at once.
//!
//! The map is `hashlink`'s linked hash map (already in the build through sqlx) rather than a
//! cache crate: what matters here is dropping groups of pages (an article's sort orders and
//! pages) at once and the generation check, which general-purpose caches do not offer; a hit
//! moves its page to the back of the list, a pointer swap under the lock a hit takes anyway.

use std::borrow::Cow;
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
use crate::domain::Cursor;
use crate::domain::comment::ThreadCursor;

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

/// What a page costs the cache's byte bound.
trait Footprint {
    fn size(&self) -> usize;
}

impl Footprint for Entry {
    fn size(&self) -> usize {
        self.footprint
    }
}

impl Footprint for MemberPage {
    fn size(&self) -> usize {
        MemberPage::size(self)
    }
}

/// Pages by key in least-recently-used order, bounded by a count and a number of bytes: a page
/// looked up moves to the back, and storing into a full map forgets pages from the front until
/// the new one fits.
struct Lru<V> {
    pages: hashlink::LinkedHashMap<String, Arc<V>>,
    bytes: usize,
    max_entries: usize,
    max_bytes: usize,
}

impl<V: Footprint> Lru<V> {
    fn new(max_entries: usize, max_bytes: usize) -> Lru<V> {
        Lru {
            pages: hashlink::LinkedHashMap::new(),
            bytes: 0,
            max_entries,
            max_bytes,
        }
    }

    /// The page under `key`, marked as just used.
    fn get(&mut self, key: &str) -> Option<&Arc<V>> {
        self.pages.to_back(key).map(|v| &*v)
    }

    /// The page under `key`, leaving the order as it is.
    fn peek(&self, key: &str) -> Option<&Arc<V>> {
        self.pages.get(key)
    }

    fn remove(&mut self, key: &str) {
        if let Some(old) = self.pages.remove(key) {
            self.bytes -= old.size();
        }
    }

    /// Stores `page` under `key` (replacing what was there), first forgetting the least
    /// recently used pages while the cache is full.
    fn insert(&mut self, key: String, page: Arc<V>) {
        self.remove(&key);
        let size = page.size();
        while self.pages.len() >= self.max_entries || self.bytes + size > self.max_bytes {
            let Some((_, old)) = self.pages.pop_front() else {
                break;
            };
            self.bytes -= old.size();
        }
        self.bytes += size;
        self.pages.insert(key, page);
    }

    fn retain(&mut self, mut keep: impl FnMut(&V) -> bool) {
        self.pages.retain(|_, v| keep(v));
        self.bytes = self.pages.values().map(|v| v.size()).sum();
    }

    fn clear(&mut self) {
        self.pages.clear();
        self.bytes = 0;
    }

    fn len(&self) -> usize {
        self.pages.len()
    }

    fn values(&self) -> impl Iterator<Item = &Arc<V>> {
        self.pages.values()
    }
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
}

/// The cache of one server process.
pub struct PageCache {
    inner: Mutex<Lru<Entry>>,
    members: Mutex<Lru<MemberPage>>,
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
            inner: Mutex::new(Lru::new(MAX_ENTRIES, MAX_BYTES)),
            members: Mutex::new(Lru::new(MAX_MEMBER_PAGES, MAX_MEMBER_BYTES)),
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
            None => inner.clear(),
            Some(id) => inner.retain(|e| {
                e.group != CacheGroup::Article(id) && !(listings && e.group == CacheGroup::Listings)
            }),
        }
        drop(inner);
        let mut members = self.members.lock().expect("page cache lock");
        match article {
            None => members.clear(),
            Some(id) => members.retain(|p| p.article_id != id),
        }
    }

    /// Forgets this process's copies of what is one member's own: their sessions and their
    /// marks on members' pages. No page readers share changes.
    fn forget_member(&self, user_id: i64) {
        if let Some(store) = &self.store {
            store.forget_member_sessions(user_id);
        }
        let members = self.members.lock().expect("page cache lock");
        for page in members.values() {
            page.forget_marks(user_id);
        }
    }

    /// The invalidation count, to read before rendering a page that may be kept.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// The members' page kept under `key`, if it has not expired by `now`.
    pub fn member_page(&self, key: &str, now: DateTime<Utc>) -> Option<Arc<MemberPage>> {
        let mut members = self.members.lock().expect("page cache lock");
        let page = members.get(key)?;
        let ttl = chrono::Duration::from_std(ARTICLE_TTL).unwrap_or_default();
        if now - page.stored < ttl {
            return Some(page.clone());
        }
        members.remove(key);
        None
    }

    /// Keeps a members' page unless an invalidation happened since `generation` was read.
    pub fn put_member_page(&self, key: String, page: Arc<MemberPage>, generation: u64) {
        let mut members = self.members.lock().expect("page cache lock");
        // Checked under a lock that invalidations also take, so none can slip in between.
        if self.generation.load(Ordering::SeqCst) != generation {
            return;
        }
        members.insert(key, page);
    }

    fn get(&self, key: &str, now: DateTime<Utc>) -> Option<Arc<Entry>> {
        let mut inner = self.inner.lock().expect("page cache lock");
        let entry = inner.get(key)?;
        let ttl = match entry.group {
            CacheGroup::Listings => LISTING_TTL,
            CacheGroup::Article(_) => ARTICLE_TTL,
        };
        if now - entry.stored < chrono::Duration::from_std(ttl).unwrap_or_default() {
            return Some(entry.clone());
        }
        inner.remove(key);
        None
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
        // Only canonical keys are ever stored, so an address without a query is looked up as it
        // is: another spelling of the path just misses (and is not stored when rendered).
        let uri = req.uri();
        let key = match uri.query() {
            None => Cow::Borrowed(uri.path()),
            Some(_) => page_key(uri)?,
        };
        let entry = self.get(&key, clock.now())?;
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
        let mut inner = self.inner.lock().expect("page cache lock");
        // Checked under the lock that invalidations also take, so none can slip in between.
        if self.generation.load(Ordering::SeqCst) != generation {
            return;
        }
        if let Some(old) = replacing
            && !inner.peek(&key).is_some_and(|e| Arc::ptr_eq(e, old))
        {
            return;
        }
        inner.insert(key, entry);
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
        self.inner.lock().expect("page cache lock").len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The cache's series for `/metrics`: pages and bytes held, hits and stores since start.
    pub fn render_metrics(&self, out: &mut String) {
        let (pages, bytes) = {
            let inner = self.inner.lock().expect("page cache lock");
            (inner.len(), inner.bytes)
        };
        let members = self.members.lock().expect("page cache lock").len();
        out.push_str(&format!(
            "# HELP broadsheet_page_cache_pages Pages held by the page cache.\n\
             # TYPE broadsheet_page_cache_pages gauge\n\
             broadsheet_page_cache_pages{{kind=\"signed_out\"}} {pages}\n\
             broadsheet_page_cache_pages{{kind=\"members\"}} {members}\n\
             # HELP broadsheet_page_cache_bytes Bytes of signed-out pages held (all encodings).\n\
             # TYPE broadsheet_page_cache_bytes gauge\n\
             broadsheet_page_cache_bytes {bytes}\n\
             # HELP broadsheet_page_cache_hits_total Signed-out pages answered from the cache.\n\
             # TYPE broadsheet_page_cache_hits_total counter\n\
             broadsheet_page_cache_hits_total {}\n\
             # HELP broadsheet_page_cache_stores_total Signed-out pages rendered and stored.\n\
             # TYPE broadsheet_page_cache_stores_total counter\n\
             broadsheet_page_cache_stores_total {}\n",
            self.hits.load(Ordering::Relaxed),
            self.misses.load(Ordering::Relaxed),
        ));
    }
}

fn cache_key(req: &Request) -> Option<String> {
    page_key(req.uri()).map(Cow::into_owned)
}

/// The cached routes, by the parameters their handlers read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Route {
    /// `/`: none.
    Front,
    /// `/articles/{slug}`: `sort`, `page` (a thread cursor) and, for members only, `reply`.
    Article,
    /// `/sections/{slug}`, `/tags/{slug}`, `/authors/{slug}`: `before` (an article cursor).
    Listing,
}

fn route_of(path: &str) -> Option<Route> {
    if path == "/" {
        return Some(Route::Front);
    }
    let (kind, slug) = path.strip_prefix('/')?.split_once('/')?;
    let route = match kind {
        "articles" => Route::Article,
        "sections" | "tags" | "authors" => Route::Listing,
        _ => return None,
    };
    // The slug as the site writes it: no other spelling (percent-escapes, capitals, a trailing
    // slash) of the same page makes an entry of its own.
    crate::domain::slug::is_slug(slug).then_some(route)
}

/// Longer query strings are not looked at (no link of the site comes near).
const MAX_KEYED_QUERY_BYTES: usize = 512;

/// The cache key of the page at `uri`, for signed-out readers: the path of a cached route and
/// the parameters its handler reads, each checked as the handler checks it, with defaults
/// left out, in the order the site's links use (`sort`, then the cursor). Parameters no cached
/// page reads (`utm_source`, `reply`…) are dropped: the page is the same. `None` (neither
/// answered from the cache nor stored) for any other address, and for one whose handler
/// answers 400 (a malformed cursor, a parameter given twice). Borrowed from the address, with
/// no allocation, when it is already canonical (the usual case).
pub fn page_key(uri: &axum::http::Uri) -> Option<Cow<'_, str>> {
    canonical_key(uri, false)
}

/// The key of a members' page (see `member_pages`): as [`page_key`], but `None` when the
/// address carries any parameter besides the sort and the cursor (`?reply=` gives a member
/// their own reply form, so such a page is rendered in full).
pub fn member_page_key(uri: &axum::http::Uri) -> Option<String> {
    canonical_key(uri, true).map(Cow::into_owned)
}

fn canonical_key(uri: &axum::http::Uri, strict: bool) -> Option<Cow<'_, str>> {
    let path = uri.path();
    let route = route_of(path)?;
    let Some(query) = uri.query() else {
        return Some(Cow::Borrowed(path));
    };
    if query.len() > MAX_KEYED_QUERY_BYTES {
        return None;
    }
    let (mut sort, mut cursor, mut reply) = (None, None, None);
    let mut other = false;
    for (name, value) in form_urlencoded::parse(query.as_bytes()) {
        let slot = match (route, name.as_ref()) {
            (Route::Article, "sort") => &mut sort,
            (Route::Article, "page") | (Route::Listing, "before") => &mut cursor,
            (Route::Article, "reply") => &mut reply,
            _ => {
                other = true;
                continue;
            }
        };
        // Given twice, the handler refuses the address (400).
        if slot.replace(value).is_some() {
            return None;
        }
    }
    if let Some(reply) = reply {
        // Read (as a number) only for members; anything else is refused (400).
        reply.parse::<i64>().ok()?;
        other = true;
    }
    if strict && other {
        return None;
    }
    // As `CommentSort::parse`: anything but these two is the default order.
    let sort = match sort.as_deref() {
        Some("newest") => Some("newest"),
        Some("liked") => Some("liked"),
        _ => None,
    };
    let cursor = match cursor.as_deref() {
        None | Some("") => None,
        Some(c) if route == Route::Article => Some(ThreadCursor::decode(c)?.encode()),
        Some(c) => Some(Cursor::decode(c)?.encode()),
    };
    let canonical = match (sort, cursor) {
        (None, None) => return Some(Cow::Borrowed(path)),
        (Some(sort), None) if query.strip_prefix("sort=") == Some(sort) => None,
        (Some(sort), None) => Some(format!("sort={sort}")),
        (None, Some(c)) if route == Route::Article => Some(format!("page={c}")),
        (None, Some(c)) => Some(format!("before={c}")),
        (Some(sort), Some(c)) => Some(format!("sort={sort}&page={c}")),
    };
    match canonical {
        Some(q) if q != query => Some(Cow::Owned(format!("{path}?{q}"))),
        _ => Some(Cow::Borrowed(
            uri.path_and_query().map_or(path, |p| p.as_str()),
        )),
    }
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
            etag_of(b"x"),
            Forms::default(),
            Forms {
                identity: Bytes::from(vec![b'x'; bytes]),
                ..Forms::default()
            },
        ))
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
