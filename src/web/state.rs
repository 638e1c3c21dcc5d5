//! The state every handler shares: one pointer to what a server process holds.

use std::sync::Arc;

use crate::config::Config;
use crate::domain::Clock;
use crate::services::mail::Mailer;
use crate::services::{live, passwords, words};
use crate::store::Store;
use crate::web::{assets, cache, metrics, session};

/// Everything a handler may need, cloned into each request and each middleware layer: one
/// pointer to [`Shared`]. (It was the struct itself, some twenty `Arc`s: cloning and dropping
/// those on every layer of every request was a third of the CPU time of a cached page, two
/// cores contending on the reference counts; BENCHMARKS.md, session 5.)
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl std::ops::Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// What every request of a server process shares.
pub struct Shared {
    pub store: Store,
    pub config: Arc<Config>,
    pub clock: Clock,
    pub assets: Arc<assets::Assets>,
    pub metrics: Arc<metrics::Metrics>,
    /// The key that signs CSRF tokens, shared by every process through the database.
    pub secret: Arc<[u8]>,
    pub mailer: Arc<Mailer>,
    pub live: live::Hub,
    pub passwords: Arc<passwords::PasswordWorkers>,
    /// Wakes this process's webhook delivery worker.
    pub webhooks: crate::services::webhooks::Dispatcher,
    /// Rendered pages for signed-out readers.
    pub pages: Arc<cache::PageCache>,
    /// This process's matcher for the banned and suspect word lists.
    pub words: Arc<words::WordCache>,
    /// Uploaded images: their storage and the processing of new ones.
    pub media: Arc<crate::services::media::Library>,
    /// Fetches embeds' placeholder thumbnails when a story is saved.
    pub thumbnails: Arc<crate::services::embed_thumbnails::Thumbnails>,
    /// Wakes this process's mail worker; signs unsubscribe links.
    pub mailroom: crate::services::notify::Mailroom,
    /// Wakes this process's newsletter worker.
    pub newsletters: crate::services::newsletters::Newsletters,
    /// This process's article page views not yet added to the database.
    pub views: Arc<crate::services::views::ViewCounter>,
    /// Single sign-on with the newsroom's OpenID provider, when configured.
    pub oidc: Option<Arc<crate::services::oidc::Provider>>,
}

impl AppState {
    /// How pages put times and numbers into words for readers not signed in (and mails): the
    /// site's language and time zone.
    pub fn site_dates(&self) -> crate::domain::locale::Dates {
        self.config.site_dates()
    }

    /// Loads (or creates) the shared secret and starts the live-update hub.
    pub async fn build(store: Store, config: Config, clock: Clock) -> anyhow::Result<AppState> {
        if store
            .use_search_language(&config.locale.language_tag())
            .await?
        {
            tracing::info!(
                language = %config.locale,
                "search index rebuilt for the site's language"
            );
        }
        // A catalogue that does not load stops the server here, not on its first page.
        crate::domain::l10n::load();
        let secret = store
            .site_secret("csrf_key", &session::random_token())
            .await?;
        let mailer = Mailer::new(
            config.smtp_url.as_ref().map(|u| u.expose()),
            config.smtp_ca_file.as_deref(),
            &config.data_dir,
        )?;
        let live = live::Hub::start(
            &store,
            config.max_live_streams,
            config.max_live_streams_per_address,
        )
        .await?;
        let purger = (!config.purge_urls.is_empty()).then(crate::services::purge::Purger::default);
        let pages = cache::PageCache::start(
            &store,
            clock.clone(),
            purger,
            crate::web::session::ReaderLanguage::of(&config),
        )
        .await?;
        let media = crate::services::media::Library::open(&config)?;
        let mailroom = crate::services::notify::Mailroom::load(&store).await?;
        let oidc = match &config.oidc {
            Some(o) => Some(Arc::new(crate::services::oidc::Provider::new(
                o.clone(),
                &config.base_url,
            )?)),
            None => None,
        };
        let views = Arc::new(crate::services::views::ViewCounter::new(config.count_views));
        Ok(AppState(Arc::new(Shared {
            store,
            config: Arc::new(config),
            clock,
            assets: Arc::new(assets::Assets::new()),
            metrics: Arc::new(metrics::Metrics::default()),
            secret: Arc::from(secret.into_bytes()),
            mailer: Arc::new(mailer),
            live,
            passwords: Arc::new(passwords::PasswordWorkers::start(
                std::thread::available_parallelism().map_or(2, |n| n.get().min(4)),
            )),
            webhooks: crate::services::webhooks::Dispatcher::default(),
            pages,
            words: Arc::default(),
            media: Arc::new(media),
            thumbnails: Arc::new(crate::services::embed_thumbnails::Thumbnails::from_env()),
            mailroom,
            newsletters: Default::default(),
            views,
            oidc,
        })))
    }
}
