//! The rendered-page cache for signed-out readers, and ETags for every page.
//!
//! Signed-out readers are most of the traffic and all see the same HTML, so the front page,
//! listings and article pages they get are kept in memory, with their gzip and brotli forms
//! each made once: the form the storing request accepts before it is answered, the other in
//! the background, and a form the background had no slot for by the first request that wants
//! it. Each form has its own strong ETag (RFC 9110 §8.8.3). A handler opts a page in by marking its response with a
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

mod change;
pub mod front;
pub mod key;
mod lru;
pub mod member_page;
pub mod surrogate;
#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};

use axum::body::Bytes;
use axum::http::{HeaderMap, HeaderValue, Method};

use crate::store::purges::Announcement;
use crate::web::session::{FRAME_SESSION_COOKIE, ReaderLanguage, SESSION_COOKIE, read_cookie};
use front::{Encoding, Hit, brotli, gzip, negotiate, with_encoding};
use key::request_key;
use lru::{Footprint, Lru};
use member_page::MemberPage;

pub use change::Change;

/// Which pages a cached page belongs to, for dropping them together.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CacheGroup {
    /// An article's pages (every sort order and page of its conversation).
    Article(i64),
    /// Pages that list articles with their comment counts: front, sections, tags, authors.
    Listings,
}

/// Marks a response as a view of an article (its page, not a further page of its comments):
/// counted by `services::views` for every `GET` answered, whether rendered here or answered
/// from the cache at the front door (the stored page remembers it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArticleView(pub i64);

/// The ETag of a page whose handler already knows one that changes with every byte of it (a
/// member's page: from the shared copy's hash and the filled holes'), so that the middleware
/// need not hash the whole body.
#[derive(Clone, Debug)]
pub struct KnownEtag(pub HeaderValue);

pub const CHANNEL: &str = crate::store::CHANGES_CHANNEL;
/// At most this many pages, and this many bytes of them (all encodings), are kept. 24 MiB holds
/// some 350 article pages of 50 comments in their three forms: the front, the sections and
/// the stories being read now; a long tail of old articles is rendered again when asked for.
/// (32 MiB kept the server over its 100 MB target after a crawl of 3,000 articles.)
const MAX_ENTRIES: usize = 2000;
const MAX_BYTES: usize = 24 * 1024 * 1024;
/// Forms compressed at once, off the async threads. A request that wants a form waits for a
/// slot; the background making of forms nobody asked for yet skips a page when none is free
/// (its first request for that form makes it).
const COMPRESSORS: usize = 2;
/// Pages larger than this are served but not kept.
const MAX_PAGE_BYTES: usize = 512 * 1024;
const LISTING_TTL: Duration = Duration::from_secs(60);
const ARTICLE_TTL: Duration = Duration::from_secs(300);
/// What shared caches (a CDN) may do with a signed-out page: keep it a minute, and serve it
/// stale for five more while fetching a fresh one. Browsers revalidate (cheaply, by ETag).
const PUBLIC_CACHE_CONTROL: &str = "public, max-age=0, s-maxage=60, stale-while-revalidate=300";
/// The same when Broadsheet purges the shared caches (`--purge-url`): they hear of every change
/// made through a server, so they may keep a page an hour (a bound on what they miss: an
/// import from the command line, a listing's "most discussed" window moving on).
const PURGED_CACHE_CONTROL: &str = "public, max-age=0, s-maxage=3600, stale-while-revalidate=300";
const PRIVATE_CACHE_CONTROL: &str = "private, no-cache";
/// At most this many members' pages (with holes), and this many bytes of them. Smaller than the
/// signed-out bounds: members read fewer distinct pages, and memory is counted.
const MAX_MEMBER_PAGES: usize = 500;
const MAX_MEMBER_BYTES: usize = 16 * 1024 * 1024;

struct Entry {
    group: CacheGroup,
    /// By the site's clock, so a page expires when the clock says (tests move it).
    stored: DateTime<Utc>,
    /// The page as rendered.
    identity: Form,
    /// Its compressed forms, each made once (see [`PageCache::form`]).
    gzip: tokio::sync::OnceCell<Form>,
    brotli: tokio::sync::OnceCell<Form>,
    /// Each form's strong validator: different bytes, different ETags.
    etags: Forms<HeaderValue>,
    /// The bytes held, bodies and headers, counted once (see [`Entry::new`]); grows, under the
    /// cache's lock, as the compressed forms are made.
    footprint: AtomicUsize,
    /// The article an answer from this page counts a view of ([`ArticleView`]).
    view_of: Option<i64>,
}

/// One form of a page: its body and every header of an answer with it, made once (see
/// [`front::answer_headers`]): an answer clones the map and sets its request id.
struct Form {
    headers: HeaderMap,
    body: Bytes,
}

impl Form {
    fn size(&self) -> usize {
        // Headers too: a dozen headers are a few hundred bytes, a tenth of a listing's
        // compressed forms. (32 bytes: a rough cost of each entry in the map.)
        let headers: usize = self
            .headers
            .iter()
            .map(|(name, value)| name.as_str().len() + value.len() + 32)
            .sum();
        self.body.len() + headers
    }
}

/// One thing for each form of a page: as rendered, gzip, brotli.
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

impl Footprint for Entry {
    fn size(&self) -> usize {
        self.footprint.load(Ordering::Relaxed)
    }
}

impl Footprint for MemberPage {
    fn size(&self) -> usize {
        MemberPage::size(self)
    }
}

impl Entry {
    /// A page as rendered (`headers` as [`front::answer_headers`] makes them), its compressed
    /// forms not made yet.
    fn new(
        group: CacheGroup,
        stored: DateTime<Utc>,
        etags: Forms<HeaderValue>,
        headers: HeaderMap,
        body: Bytes,
    ) -> Entry {
        let identity = Form { headers, body };
        Entry {
            group,
            stored,
            footprint: AtomicUsize::new(identity.size()),
            identity,
            gzip: tokio::sync::OnceCell::new(),
            brotli: tokio::sync::OnceCell::new(),
            etags,
            view_of: None,
        }
    }

    /// The form for `encoding`, if it is made.
    fn made(&self, encoding: Encoding) -> Option<&Form> {
        match encoding {
            Encoding::Identity => Some(&self.identity),
            Encoding::Gzip => self.gzip.get(),
            Encoding::Brotli => self.brotli.get(),
        }
    }
}

/// No session cookie: neither the whole site's nor the embed frame's (which browsers send to
/// the embed's routes only).
pub(crate) fn signed_out(headers: &HeaderMap) -> bool {
    read_cookie(headers, SESSION_COOKIE).is_none()
        && read_cookie(headers, FRAME_SESSION_COOKIE).is_none()
}

/// The cache of one server process.
pub struct PageCache {
    inner: Mutex<Lru<Entry>>,
    members: Mutex<Lru<MemberPage>>,
    generation: AtomicU64,
    /// Whose session copies to forget when a member changes; where changes are announced to
    /// the other processes and purges queued (uncounted: not a request's queries).
    store: Option<crate::store::Store>,
    /// The site's clock, for the time a purge is queued at.
    clock: crate::domain::Clock,
    /// Wakes this process's purge worker; `None` when no shared cache is purged.
    purger: Option<crate::services::purge::Purger>,
    /// The `Cache-Control` of a page signed-out readers share.
    public_cache_control: HeaderValue,
    /// Signed-out readers' language: with negotiation on, each language's page is kept apart
    /// (the key starts with its tag) and answers say `Vary: Accept-Language`.
    language: ReaderLanguage,
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
            store: None,
            clock: crate::domain::Clock::system(),
            purger: None,
            public_cache_control: HeaderValue::from_static(PUBLIC_CACHE_CONTROL),
            language: ReaderLanguage::default(),
            compressors: Arc::new(tokio::sync::Semaphore::new(COMPRESSORS)),
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
        }
    }
}

impl PageCache {
    /// The cache, listening for other processes' invalidations when the site runs on
    /// PostgreSQL; with a `purger`, changes also queue purges of the shared caches.
    pub async fn start(
        store: &crate::store::Store,
        clock: crate::domain::Clock,
        purger: Option<crate::services::purge::Purger>,
        language: ReaderLanguage,
    ) -> anyhow::Result<Arc<PageCache>> {
        let public_cache_control = HeaderValue::from_static(match purger {
            Some(_) => PURGED_CACHE_CONTROL,
            None => PUBLIC_CACHE_CONTROL,
        });
        let cache = Arc::new(PageCache {
            store: Some(store.uncounted()),
            clock,
            purger,
            public_cache_control,
            language,
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

    /// Drops the pages `change` affects, here and (on PostgreSQL) in every other process, and
    /// queues the purge of its surrogate keys at the shared caches (one job, queued by this
    /// process: the others only drop their copies).
    pub fn changed(&self, change: Change) {
        self.drop_pages(change);
        let (Some(store), Some(Announcement { payload, purge })) =
            (self.store.clone(), self.announcement(change))
        else {
            return;
        };
        let purger = self.purger.clone();
        let now = self.clock.now();
        tokio::spawn(async move {
            match store.announce_change(&payload, &purge, now).await {
                Ok(()) if !purge.is_empty() => {
                    if let Some(purger) = purger {
                        purger.wake();
                    }
                }
                Ok(()) => {}
                Err(e) => {
                    tracing::warn!(error = %e, "page cache: could not announce a change to other processes and shared caches");
                }
            }
        });
    }

    /// What [`PageCache::changed`] would announce of `change` to the other processes and the
    /// shared caches, for a writer to send in its own transaction (then it calls
    /// [`PageCache::announced`], not `changed`); `None`: there is no one to tell.
    pub fn announcement(&self, change: Change) -> Option<Announcement> {
        self.store.as_ref()?;
        let purge = match &self.purger {
            Some(_) => change.purge_keys(),
            None => Vec::new(),
        };
        let pg = self.store.as_ref().is_some_and(|s| s.pg_pool().is_some());
        (pg || !purge.is_empty()).then(|| Announcement {
            payload: change.payload(),
            purge,
        })
    }

    /// `change` was committed with its [`PageCache::announcement`]: this process's pages go,
    /// and the purge worker is woken for the job the transaction queued.
    pub fn announced(&self, change: Change, announcement: Option<&Announcement>) {
        self.drop_pages(change);
        if announcement.is_some_and(|a| !a.purge.is_empty())
            && let Some(purger) = &self.purger
        {
            purger.wake();
        }
    }

    /// This process's purge worker's waker, when shared caches are purged.
    pub fn purger(&self) -> Option<&crate::services::purge::Purger> {
        self.purger.as_ref()
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
            Change::Comments { article_id } | Change::LiveUpdate { article_id } => {
                (Some(article_id), false)
            }
            Change::CommentCount { article_id } | Change::Coverage { article_id } => {
                (Some(article_id), true)
            }
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
    /// shedding, timing out or logging at the default level (the metrics count it). The answer
    /// is ready at once unless the form the reader accepts has still to be made.
    pub(crate) fn serve_hit<B>(
        self: &Arc<Self>,
        req: &axum::http::Request<B>,
        clock: &crate::domain::Clock,
        views: &crate::services::views::ViewCounter,
    ) -> Option<Hit> {
        let is_head = req.method() == Method::HEAD;
        if req.method() != Method::GET && !is_head || !signed_out(req.headers()) {
            return None;
        }
        // Only canonical keys are ever stored, so an address without a query is looked up as it
        // is: another spelling of the path just misses (and is not stored when rendered).
        let uri = req.uri();
        let key = match uri.query() {
            None => Cow::Borrowed(uri.path()),
            Some(_) => request_key(uri, req.headers())?,
        };
        let key = self.keyed(key, req.headers());
        let now = clock.now();
        let entry = self.get(&key, now)?;
        self.hits.fetch_add(1, Ordering::Relaxed);
        if let (Some(article_id), false) = (entry.view_of, is_head) {
            views.count(article_id, now);
        }
        let id = match req.headers().get(crate::web::middleware::REQUEST_ID) {
            Some(id) => id.clone(),
            None => crate::web::middleware::next_request_id(),
        };
        tracing::debug!(uri = %req.uri(), request_id = ?id, "answered from the page cache");
        let encoding = negotiate(req.headers());
        if let Some(r) = front::not_modified(&entry, encoding, req.headers(), true, Some(&id)) {
            return Some(Hit::Ready(r));
        }
        if let Some(form) = entry.made(encoding) {
            return Some(Hit::Ready(front::full(form, is_head, true, Some(&id))));
        }
        let cache = self.clone();
        let key = key.into_owned();
        Some(Hit::Later(Box::pin(async move {
            let form = cache.form(&key, &entry, encoding).await;
            front::full(form, is_head, true, Some(&id))
        })))
    }

    /// A page's key for the reader asking: its canonical address, after the tag of the
    /// reader's language when languages are negotiated.
    pub(crate) fn keyed<'k>(&self, key: Cow<'k, str>, headers: &HeaderMap) -> Cow<'k, str> {
        if !self.language.negotiate {
            return key;
        }
        Cow::Owned(format!("{} {key}", self.language.of_headers(headers).tag()))
    }

    /// What answers from stored pages vary on.
    fn vary(&self) -> &'static str {
        if self.language.negotiate {
            "Accept-Encoding, Accept-Language, Cookie"
        } else {
            "Accept-Encoding, Cookie"
        }
    }

    /// The form of a stored page for `encoding`, made now if it is not yet: once, however
    /// many requests want it meanwhile (they wait for the same work), with a compression slot
    /// (waiting for one), on a blocking thread. The page as rendered if the work failed.
    async fn form<'e>(&self, key: &str, entry: &'e Arc<Entry>, encoding: Encoding) -> &'e Form {
        self.make_form(key, entry, encoding, None)
            .await
            .unwrap_or(&entry.identity)
    }

    async fn make_form<'e>(
        &self,
        key: &str,
        entry: &'e Arc<Entry>,
        encoding: Encoding,
        permit: Option<tokio::sync::OwnedSemaphorePermit>,
    ) -> Option<&'e Form> {
        let (cell, coding): (_, &'static str) = match encoding {
            Encoding::Identity => return Some(&entry.identity),
            Encoding::Gzip => (&entry.gzip, "gzip"),
            Encoding::Brotli => (&entry.brotli, "br"),
        };
        let made = cell.get_or_try_init(|| async {
            let permit = match permit {
                Some(p) => p,
                None => self.compressors.clone().acquire_owned().await?,
            };
            let identity = entry.identity.body.clone();
            let body = tokio::task::spawn_blocking(move || {
                let _permit = permit;
                match encoding {
                    Encoding::Gzip => gzip(&identity),
                    _ => brotli(&identity),
                }
            })
            .await
            .map_err(|e| anyhow::anyhow!(e))?;
            let headers = with_encoding(
                &entry.identity.headers,
                coding,
                body.len(),
                entry.etags.get(encoding),
            );
            let form = Form { headers, body };
            // Counted before the form is visible, under the lock, with nothing to wait for
            // in between (so a cancelled request cannot count it twice or not at all).
            let mut inner = self.inner.lock().expect("page cache lock");
            let added = form.size();
            entry.footprint.fetch_add(added, Ordering::Relaxed);
            inner.grew(key, entry, added);
            anyhow::Ok(form)
        });
        match made.await {
            Ok(form) => Some(form),
            Err(e) => {
                tracing::warn!(error = %e, key, coding, "page cache: could not compress a page");
                None
            }
        }
    }

    /// Stores `entry` unless an invalidation happened since `generation` was read; says whether
    /// it did.
    fn put(&self, key: String, entry: Arc<Entry>, generation: u64) -> bool {
        let mut inner = self.inner.lock().expect("page cache lock");
        // Checked under the lock that invalidations also take, so none can slip in between.
        if self.generation.load(Ordering::SeqCst) != generation {
            return false;
        }
        inner.insert(key, entry);
        true
    }

    /// Makes the compressed forms of a stored page not made yet, off the request path, while
    /// a compression slot is free (a form left out is made by the first request for it).
    fn compress_later(self: &Arc<Self>, key: String, entry: Arc<Entry>) {
        let missing = |e: &Entry| {
            [Encoding::Brotli, Encoding::Gzip]
                .into_iter()
                .filter(|&encoding| e.made(encoding).is_none())
                .collect::<Vec<_>>()
        };
        if missing(&entry).is_empty() {
            return;
        }
        let Ok(permit) = self.compressors.clone().try_acquire_owned() else {
            return;
        };
        let cache = self.clone();
        tokio::spawn(async move {
            let mut permit = Some(permit);
            for encoding in missing(&entry) {
                let permit = match permit.take() {
                    Some(p) => p,
                    None => match cache.compressors.clone().try_acquire_owned() {
                        Ok(p) => p,
                        Err(_) => return,
                    },
                };
                cache.make_form(&key, &entry, encoding, Some(permit)).await;
            }
        });
    }

    pub fn len(&self) -> usize {
        self.inner.lock().expect("page cache lock").len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Signed-out pages answered from the cache, and rendered and stored, since this process
    /// started (the dashboard's hit rate).
    pub fn hits_and_stores(&self) -> (u64, u64) {
        (
            self.hits.load(Ordering::Relaxed),
            self.misses.load(Ordering::Relaxed),
        )
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
