//! Placeholder thumbnails of embeds, fetched once by the server when a story is saved and kept
//! in the media library, so a reader's page asks the provider for nothing until the reader
//! clicks. Only the providers' fixed thumbnail hosts are asked
//! ([`crate::domain::blocks::embeds::THUMBNAIL_HOSTS`]), and their fixed oEmbed endpoints for a
//! thumbnail's address where it has no fixed one (Vimeo's; the answer must name one of those
//! hosts), only at public addresses (the webhook client's resolver), without redirects and with
//! a size cap. Best effort: a failed fetch leaves the placeholder without a picture and the
//! save goes on.

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use chrono::{DateTime, Utc};

use crate::domain::blocks::embeds::{
    MAX_OEMBED_BYTES, THUMBNAIL_HOSTS, is_oembed, oembed_thumbnail,
};
use crate::domain::media::content_hash;
use crate::services::media::Library;
use crate::store::Store;
use crate::store::media::NewMedia;

/// The largest thumbnail taken (YouTube's are ~30 KB).
const MAX_BYTES: usize = 2 * 1024 * 1024;
const TIMEOUT: Duration = Duration::from_secs(5);

/// The thumbnail fetcher of a process.
pub struct Thumbnails {
    client: Option<reqwest::Client>,
    /// Debug builds only: a base address (`http://127.0.0.1:PORT`) standing in for every
    /// provider thumbnail host, with a client that may reach it, so tests fetch from a loopback
    /// server. Release builds have no such field: their fetches go to the providers only.
    #[cfg(debug_assertions)]
    debug_base: std::sync::RwLock<Option<(String, reqwest::Client)>>,
}

impl Thumbnails {
    /// The fetcher; a debug build reads `BROADSHEET_DEBUG_EMBED_THUMBNAIL_BASE`.
    pub fn from_env() -> Thumbnails {
        let client = reqwest::Client::builder()
            .timeout(TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .dns_resolver(Arc::new(crate::services::webhooks::PublicAddressesOnly))
            .user_agent(concat!("Broadsheet/", env!("CARGO_PKG_VERSION")))
            .build();
        if let Err(e) = &client {
            tracing::error!(error = %e, "embed thumbnails disabled: no HTTP client");
        }
        let t = Thumbnails {
            client: client.ok(),
            #[cfg(debug_assertions)]
            debug_base: std::sync::RwLock::new(None),
        };
        #[cfg(debug_assertions)]
        if let Ok(base) = std::env::var("BROADSHEET_DEBUG_EMBED_THUMBNAIL_BASE") {
            tracing::warn!(%base, "debug build: embed thumbnails come from BROADSHEET_DEBUG_EMBED_THUMBNAIL_BASE");
            t.debug_fetch_from(&base);
        }
        t
    }

    /// Debug builds only: fetch every thumbnail from `base` (a loopback test server) instead.
    #[cfg(debug_assertions)]
    pub fn debug_fetch_from(&self, base: &str) {
        let client = reqwest::Client::builder()
            .timeout(TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .build()
            .expect("a plain HTTP client");
        *self.debug_base.write().unwrap_or_else(|e| e.into_inner()) =
            Some((base.trim_end_matches('/').to_owned(), client));
    }

    /// Where `url` (a provider thumbnail address, or an oEmbed endpoint's) is fetched from,
    /// with which client; `None` for any other host.
    fn source(&self, url: &str) -> Option<(String, reqwest::Client)> {
        let u = url::Url::parse(url).ok()?;
        let host = u.host_str()?;
        let thumbnail =
            u.scheme() == "https" && u.port().is_none() && THUMBNAIL_HOSTS.contains(&host);
        if !thumbnail && !is_oembed(url) {
            return None;
        }
        #[cfg(debug_assertions)]
        if let Some((base, client)) = &*self.debug_base.read().unwrap_or_else(|e| e.into_inner()) {
            let query = u.query().map(|q| format!("?{q}")).unwrap_or_default();
            return Some((format!("{base}{}{query}", u.path()), client.clone()));
        }
        Some((u.to_string(), self.client.clone()?))
    }

    /// Fetches and stores every thumbnail of `urls` not cached yet, as `by`'s upload, with
    /// `alt` as the library's text for it. Never fails: what could not be fetched is logged and
    /// left out.
    pub async fn cache(
        &self,
        store: &Store,
        media: &Library,
        urls: &[String],
        alt: &str,
        by: i64,
        now: DateTime<Utc>,
    ) {
        let cached = match store.cached_thumbnails(urls).await {
            Ok(c) => c,
            Err(e) => {
                tracing::warn!(error = %e, "embed thumbnails: could not look up the cache");
                return;
            }
        };
        for url in urls.iter().filter(|u| !cached.contains(u)) {
            if let Err(e) = self.fetch_one(store, media, url, alt, by, now).await {
                tracing::info!(%url, error = %e, "embed thumbnail not cached");
            }
        }
    }

    async fn fetch_one(
        &self,
        store: &Store,
        media: &Library,
        url: &str,
        alt: &str,
        by: i64,
        now: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        let picture = if is_oembed(url) {
            let answer = self.get(url, MAX_OEMBED_BYTES).await?;
            oembed_thumbnail(&String::from_utf8_lossy(&answer)).ok_or_else(|| {
                anyhow::anyhow!("the oEmbed answer names no thumbnail on a thumbnail host")
            })?
        } else {
            url.to_owned()
        };
        let bytes = self.get(&picture, MAX_BYTES).await?;
        let hash = content_hash(&bytes);
        let byte_size = bytes.len() as u64;
        let id = match store.media_by_hash(&hash).await? {
            Some(row) => row.id,
            None => {
                let p = media.process(bytes).await?;
                let widths: Vec<u32> = p.variants.iter().map(|v| v.width).collect();
                let written = media.write_all(&hash, p.kind, &p.variants).await?;
                let new = NewMedia {
                    hash: &hash,
                    kind: p.kind,
                    width: p.width,
                    height: p.height,
                    widths: &widths,
                    byte_size,
                    alt,
                    caption: None,
                    uploaded_by: by,
                };
                match store.insert_media(&new, now).await {
                    Ok(Some(id)) => id,
                    Ok(None) => {
                        store
                            .media_by_hash(&hash)
                            .await?
                            .ok_or_else(|| anyhow::anyhow!("media row vanished"))?
                            .id
                    }
                    Err(e) => {
                        media.remove_all(&written).await;
                        return Err(e.into());
                    }
                }
            }
        };
        store.cache_thumbnail(url, id, now).await?;
        Ok(())
    }

    /// The body at `url` (a thumbnail host's or an oEmbed endpoint's), at most `max` bytes.
    async fn get(&self, url: &str, max: usize) -> anyhow::Result<Bytes> {
        let (source, client) = self
            .source(url)
            .ok_or_else(|| anyhow::anyhow!("not a thumbnail host, or no HTTP client"))?;
        let mut response = client.get(&source).send().await?.error_for_status()?;
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await? {
            if body.len() + chunk.len() > max {
                anyhow::bail!("larger than {max} bytes");
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Bytes::from(body))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_provider_thumbnail_hosts_are_fetched() {
        let t = Thumbnails::from_env();
        let yt = "https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg";
        assert_eq!(t.source(yt).map(|s| s.0).as_deref(), Some(yt));
        for bad in [
            "http://i.ytimg.com/vi/x/hqdefault.jpg",
            "https://i.ytimg.com:8443/vi/x/hqdefault.jpg",
            "https://127.0.0.1/vi/x/hqdefault.jpg",
            "https://evil.example/vi/x/hqdefault.jpg",
        ] {
            assert!(t.source(bad).is_none(), "{bad}");
        }
        t.debug_fetch_from("http://127.0.0.1:9/");
        assert_eq!(
            t.source(yt).map(|s| s.0).as_deref(),
            Some("http://127.0.0.1:9/vi/dQw4w9WgXcQ/hqdefault.jpg")
        );
        assert!(
            t.source("https://evil.example/vi/x/hqdefault.jpg")
                .is_none()
        );
        // Vimeo's oEmbed endpoint, with its question, and only that one of its host's paths.
        let oembed = "https://vimeo.com/api/oembed.json?url=https%3A%2F%2Fvimeo.com%2F1";
        assert_eq!(
            t.source(oembed).map(|s| s.0).as_deref(),
            Some("http://127.0.0.1:9/api/oembed.json?url=https%3A%2F%2Fvimeo.com%2F1")
        );
        assert!(t.source("https://vimeo.com/76979871").is_none());
    }
}
