//! `broadsheet serve`

use std::time::{Duration, Instant};

use crate::config::Config;
use crate::domain::Clock;
use crate::store::Store;
use crate::web::{self, AppState};

/// Sections of the demo site, in front-page order.
const DEMO_SECTIONS: [&str; 5] = [
    "International",
    "Business",
    "Technology",
    "Science",
    "Opinion",
];

pub async fn run(config: Config) -> anyhow::Result<()> {
    let started = Instant::now();
    let clock = app_clock()?;
    let store = super::open_store(&config).await?;
    if config.demo_content {
        load_demo_if_empty(&store, &clock).await?;
    }
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", config.addr))?;
    let addr = listener.local_addr()?;
    // The default public address names the listening one; with port 0 that is only known now
    // (links in mail and feeds must point at the port actually served).
    let mut config = config;
    if config.addr.port() == 0 && config.base_url == format!("http://{}", config.addr) {
        config.base_url = format!("http://{addr}");
    }
    tracing::info!(
        %addr,
        database = %config.database_url,
        startup_ms = started.elapsed().as_millis() as u64,
        "Broadsheet is serving on http://{addr}"
    );
    let state = AppState::build(store.clone(), config, clock.clone()).await?;
    tokio::spawn(housekeeping(store.clone(), clock));
    web::serve(listener, state, shutdown_signal(), Duration::from_secs(20)).await?;
    store.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// The system clock; in a debug build, `BROADSHEET_DEBUG_CLOCK_START=<RFC 3339>` starts it at
/// that instant instead (then it runs on in real time), so a browser test can watch something
/// happen at its hour. Debug-only so that no release build can have its time moved: a wrong
/// clock would send mail at the wrong hour and expire sessions and tokens early or late.
fn app_clock() -> anyhow::Result<Clock> {
    #[cfg(debug_assertions)]
    if let Ok(start) = std::env::var("BROADSHEET_DEBUG_CLOCK_START") {
        let at = chrono::DateTime::parse_from_rfc3339(&start).map_err(|e| {
            anyhow::anyhow!(
                "BROADSHEET_DEBUG_CLOCK_START must be an RFC 3339 date-time such as \
                 2026-03-02T06:59:45Z (got `{start}`: {e})"
            )
        })?;
        tracing::warn!(start = %at, "debug build: the clock starts at BROADSHEET_DEBUG_CLOCK_START");
        return Ok(Clock::starting_at(at.with_timezone(&chrono::Utc)));
    }
    Ok(Clock::system())
}

/// Loads the demo articles into a database that has none.
pub async fn load_demo_if_empty(store: &Store, clock: &Clock) -> anyhow::Result<()> {
    if store.article_count().await? > 0 {
        return Ok(());
    }
    let now = clock.now();
    for name in DEMO_SECTIONS {
        store.ensure_section(name, now).await?;
    }
    let articles = crate::demo::articles(now);
    store.import_articles(&articles, now).await?;
    tracing::info!(articles = articles.len(), "loaded the demo content");
    Ok(())
}

/// Every ten minutes, forget expired sessions, reset links and throttle records.
async fn housekeeping(store: Store, clock: Clock) {
    let mut every = tokio::time::interval(Duration::from_secs(600));
    loop {
        every.tick().await;
        match store.prune_expired(clock.now()).await {
            Ok(n) if n > 0 => tracing::info!(removed = n, "housekeeping: pruned expired records"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "housekeeping failed; will retry"),
        }
        // Sent mail is kept a month (for a look at what went out), then removed.
        match store.prune_mail(clock.now(), 30).await {
            Ok(n) if n > 0 => tracing::info!(removed = n, "housekeeping: pruned old mail"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "pruning old mail failed; will retry"),
        }
        // Purges are kept a day, for a look at what a shared cache was told.
        if let Err(e) = store
            .prune_purges(clock.now(), chrono::Duration::days(1))
            .await
        {
            tracing::warn!(error = %e, "pruning old purges failed; will retry");
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
