//! The page cache's map: pages by key in least-recently-used order, bounded by a count and by
//! the bytes they hold.

use std::sync::Arc;

/// What a page costs the cache's byte bound.
pub(super) trait Footprint {
    fn size(&self) -> usize;
}

/// Pages by key in least-recently-used order, bounded by a count and a number of bytes: a page
/// looked up moves to the back, and storing into a full map forgets pages from the front until
/// the new one fits.
pub(super) struct Lru<V> {
    pages: hashlink::LinkedHashMap<String, Arc<V>>,
    pub(super) bytes: usize,
    max_entries: usize,
    max_bytes: usize,
}

impl<V: Footprint> Lru<V> {
    pub(super) fn new(max_entries: usize, max_bytes: usize) -> Lru<V> {
        Lru {
            pages: hashlink::LinkedHashMap::new(),
            bytes: 0,
            max_entries,
            max_bytes,
        }
    }

    /// The page under `key`, marked as just used.
    pub(super) fn get(&mut self, key: &str) -> Option<&Arc<V>> {
        self.pages.to_back(key).map(|v| &*v)
    }

    /// The page under `key`, leaving the order as it is.
    pub(super) fn peek(&self, key: &str) -> Option<&Arc<V>> {
        self.pages.get(key)
    }

    pub(super) fn remove(&mut self, key: &str) {
        if let Some(old) = self.pages.remove(key) {
            self.bytes -= old.size();
        }
    }

    /// Stores `page` under `key` (replacing what was there), first forgetting the least
    /// recently used pages while the cache is full.
    pub(super) fn insert(&mut self, key: String, page: Arc<V>) {
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

    /// Counts `added` more bytes for the page under `key`, if it is still `page`, and then
    /// forgets the least recently used pages while over the byte bound. Called with the lock
    /// held while the page's footprint grows, so the total stays the sum of the footprints.
    pub(super) fn grew(&mut self, key: &str, page: &Arc<V>, added: usize) {
        if !self.peek(key).is_some_and(|p| Arc::ptr_eq(p, page)) {
            return;
        }
        self.bytes += added;
        while self.bytes > self.max_bytes && self.pages.len() > 1 {
            let Some((_, old)) = self.pages.pop_front() else {
                break;
            };
            self.bytes -= old.size();
        }
    }

    pub(super) fn retain(&mut self, mut keep: impl FnMut(&V) -> bool) {
        self.pages.retain(|_, v| keep(v));
        self.bytes = self.pages.values().map(|v| v.size()).sum();
    }

    pub(super) fn clear(&mut self) {
        self.pages.clear();
        self.bytes = 0;
    }

    pub(super) fn len(&self) -> usize {
        self.pages.len()
    }

    pub(super) fn values(&self) -> impl Iterator<Item = &Arc<V>> {
        self.pages.values()
    }
}
