//! All SQL lives here: one module per aggregate, migrations per backend embedded in the binary.
//!
//! The backend is chosen by the database URL's scheme. Each query is written once, in SQL both
//! dialects accept (`$1` placeholders, `RETURNING`, `ON CONFLICT`), and runs through [`tx`] on
//! the native pool or transaction of the backend in use, so both backends keep their own types
//! (PostgreSQL `TIMESTAMPTZ`, SQLite ISO-8601 text) and their own tools.
//! Branches exist only where the dialects really differ.
//!
//! SQLite runs in WAL mode with one writer connection and a pool of read-only connections, so
//! writers queue in the application instead of fighting over the lock, and readers never wait for
//! them. `synchronous=NORMAL`: a committed transaction survives a crash or kill of the process
//! (the WAL is already written); only an operating-system crash or power cut can lose the last
//! commits. That is the usual trade for a web application on WAL; use PostgreSQL where a site
//! cannot accept it.

pub mod articles;
pub mod backup;
pub mod blocks;
pub mod bulk;
mod columns;
pub mod comments;
pub mod dashboard;
pub mod embed_signin;
pub mod embedded;
mod error;
pub mod export;
mod health;
pub mod imports;
pub mod jobs;
pub mod live;
pub mod live_questions;
pub mod media;
pub mod moderation;
pub mod mutes;
pub mod newsletters;
pub mod newsroom;
pub mod notifications;
mod progress;
pub mod public_comments;
pub mod purges;
mod readers;
pub mod search;
pub mod sessions;
pub mod signin;
pub mod single_use;
pub mod sites;
pub mod taxonomy;
pub mod tokens;
pub mod translations;
mod tx;
pub mod users;
pub mod views;
pub mod webhooks;

use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

pub use error::{Error, UniqueKey, is_connection_error};
pub use progress::{Progress, Silent};
pub(crate) use tx::{Conn, Db, Query, Tx, query};

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone)]
pub(crate) enum Pools {
    Sqlite {
        read: readers::Readers,
        write: SqlitePool,
    },
    Postgres(PgPool),
}

/// A handle on the site's database, cheap to clone.
#[derive(Clone)]
pub struct Store {
    pub(crate) pools: Pools,
    queries: Arc<AtomicU64>,
    /// This process's recent session lookups (see [`sessions::SessionCache`]).
    sessions: Arc<sessions::SessionCache>,
    /// This process's queue of comments waiting for SQLite's writer (see
    /// [`comments::NewComment`]).
    posts: Arc<comments::PostQueue>,
    /// Held by every clone: SQLite's background checkpointer stops once the last one is gone.
    _alive: Arc<()>,
}

/// The PostgreSQL channel on which server processes tell each other what changed (pages to
/// drop, members whose sessions to look up again). Payloads are described by
/// `web::cache::Change`.
pub const CHANGES_CHANNEL: &str = "broadsheet_pages";

/// The PostgreSQL channel on which a comment made visible is announced to every process's
/// live readers, as `{article_id}:{comment_id}` (see `comments::notify_shown`).
pub const COMMENTS_CHANNEL: &str = "broadsheet_comments";

/// SQLite's page cache per read connection, in SQLite's units (negative: KiB).
const READ_CACHE_SIZE: &str = "-512";

/// Connection settings that are not part of the URL.
#[derive(Clone, Debug)]
pub struct ConnectOptions {
    pub max_connections: u32,
    pub acquire_timeout: Duration,
}

/// How long a PostgreSQL connection may have been idle and still be lent out without a ping.
/// A restart of the database takes longer, so a connection it dropped has been idle longer.
const PING_AFTER_IDLE: Duration = Duration::from_secs(1);

impl Default for ConnectOptions {
    fn default() -> Self {
        Self {
            max_connections: 16,
            acquire_timeout: Duration::from_secs(5),
        }
    }
}

impl Store {
    /// Housekeeping: runs each `DELETE … $1` with its time, one statement at a time (short
    /// write locks on SQLite), and counts the rows removed.
    pub(crate) async fn delete_each(
        &self,
        statements: &[(&str, chrono::DateTime<chrono::Utc>)],
    ) -> Result<u64> {
        let mut removed = 0;
        for &(sql, at) in statements {
            removed += query(sql).bind(at).execute(self.write()).await?;
        }
        Ok(removed)
    }

    /// Opens the database named by `url` and applies pending migrations.
    pub async fn open(url: &str, opts: &ConnectOptions) -> Result<Store> {
        let store = Self::connect(url, opts).await?;
        store.migrate().await?;
        Ok(store)
    }

    /// Opens the database without migrating. For SQLite the file (and its folder) is created
    /// when missing, and the writer is opened first so the readers find the file in WAL mode.
    pub async fn connect(url: &str, opts: &ConnectOptions) -> Result<Store> {
        let alive = Arc::new(());
        let pools = if url.starts_with("sqlite:") {
            let base = SqliteConnectOptions::from_str(url)
                .map_err(Error::Database)?
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                // No mmap: mapped database pages count as the server's resident memory (up to
                // the map size per connection, ~300 MiB on a 1M-comment site, BENCHMARKS.md);
                // the kernel's page cache keeps the file hot all the same.
                .pragma("temp_store", "memory");
            if let Some(parent) = base.get_filename().parent() {
                ensure_dir(parent)?;
            }
            // The writer checkpoints only as a backstop (the WAL past ~40 MB): the
            // checkpointer below does it in the background, so a post never pays for one.
            let write = SqlitePoolOptions::new()
                .max_connections(1)
                .acquire_timeout(opts.acquire_timeout.max(Duration::from_secs(30)))
                .connect_with(
                    base.clone()
                        .create_if_missing(true)
                        .pragma("wal_autocheckpoint", WRITER_AUTOCHECKPOINT_PAGES),
                )
                .await?;
            let checkpoints = SqlitePoolOptions::new()
                .max_connections(1)
                .connect_with(base.clone())
                .await?;
            spawn_checkpointer(checkpoints, write.clone(), Arc::downgrade(&alive));
            // No ping before or after each use (see readers.rs). SQLite's page cache is per
            // connection (2 MiB by default): with 16 readers that was 32 MiB of resident
            // memory on a large site, for pages the kernel's page cache holds anyway. 512 KiB
            // each keeps the hot b-tree pages (the indexes' upper levels) and costs a read
            // from the kernel now and then.
            let read = readers::open(
                base.read_only(true).pragma("cache_size", READ_CACHE_SIZE),
                opts.max_connections.max(2),
                opts.acquire_timeout,
            )
            .await?;
            Pools::Sqlite { read, write }
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let options = PgConnectOptions::from_str(url)
                .map_err(Error::Database)?
                .application_name("broadsheet");
            // A connection idle for a while is pinged before use: after the database went
            // away and came back, dead connections are dropped, not handed out. One in use a
            // moment ago is not (sqlx's `test_before_acquire` pings every time: a round trip
            // to the server for each query, five for each post).
            let pool = PgPoolOptions::new()
                .max_connections(opts.max_connections)
                .acquire_timeout(opts.acquire_timeout)
                .test_before_acquire(false)
                .before_acquire(|conn, meta| {
                    Box::pin(async move {
                        if meta.idle_for >= PING_AFTER_IDLE {
                            sqlx::Connection::ping(conn).await?;
                        }
                        Ok(true)
                    })
                })
                .connect_with(options)
                .await?;
            Pools::Postgres(pool)
        } else {
            return Err(Error::UnsupportedUrl(url.to_owned()));
        };
        Ok(Store {
            pools,
            queries: Arc::new(AtomicU64::new(0)),
            sessions: Arc::default(),
            posts: Arc::default(),
            _alive: alive,
        })
    }

    /// A LISTEN connection on PostgreSQL (`None` on SQLite), in a one-connection pool of its
    /// own: a listener holds its connection for good, and closing the site's pool must not wait
    /// for it (sqlx's close waits for every connection it lent out).
    pub async fn pg_listener(&self) -> Option<Result<sqlx::postgres::PgListener>> {
        let Pools::Postgres(pool) = &self.pools else {
            return None;
        };
        let own = PgPoolOptions::new()
            .max_connections(1)
            .connect_lazy_with((*pool.connect_options()).clone());
        Some(
            sqlx::postgres::PgListener::connect_with(&own)
                .await
                .map(|mut l| {
                    l.ignore_pool_close_event(true);
                    l
                })
                .map_err(Error::from),
        )
    }

    /// The PostgreSQL pool, for LISTEN/NOTIFY; `None` on SQLite.
    pub fn pg_pool(&self) -> Option<&PgPool> {
        match &self.pools {
            Pools::Postgres(p) => Some(p),
            Pools::Sqlite { .. } => None,
        }
    }

    pub fn backend(&self) -> Backend {
        match self.pools {
            Pools::Sqlite { .. } => Backend::Sqlite,
            Pools::Postgres(_) => Backend::Postgres,
        }
    }

    /// Applies the embedded migrations of this backend that have not run yet, then rebuilds the
    /// search index if an older version's accent folding built it.
    pub async fn migrate(&self) -> Result<()> {
        match &self.pools {
            Pools::Sqlite { write, .. } => sqlx::migrate!("migrations/sqlite").run(write).await?,
            Pools::Postgres(pool) => {
                sqlx::migrate!("migrations/postgres").run(pool).await?;
            }
        }
        let mut tx = self.begin().await?;
        if search::refold_if_stale(&mut tx).await? {
            tracing::info!("search index rebuilt with this version's accent folding");
        }
        tx.commit().await
    }

    /// The migration versions recorded as applied, in order.
    pub async fn applied_migrations(&self) -> Result<Vec<i64>> {
        query("SELECT version FROM _sqlx_migrations WHERE success ORDER BY version")
            .scalar_all(self.read())
            .await
    }

    /// The migration versions this binary carries for its backend.
    pub fn known_migrations(&self) -> Vec<i64> {
        let migrator = match self.backend() {
            Backend::Sqlite => sqlx::migrate!("migrations/sqlite"),
            Backend::Postgres => sqlx::migrate!("migrations/postgres"),
        };
        migrator.iter().map(|m| m.version).collect()
    }

    /// Sends a notification to every process listening on `channel` (PostgreSQL); nothing on
    /// SQLite, where one process serves the site.
    pub async fn notify(&self, channel: &str, payload: &str) -> Result<()> {
        if let Pools::Postgres(pool) = &self.pools {
            self.count_query();
            query("SELECT pg_notify($1, $2)")
                .bind(channel)
                .bind(payload)
                .execute(Db::Postgres(pool))
                .await?;
        }
        Ok(())
    }

    /// A trivial round trip, for health checks.
    pub async fn ping(&self) -> Result<()> {
        query("SELECT 1").execute(self.read()).await?;
        Ok(())
    }

    /// Statements issued through this store since it was opened (all clones share the count).
    /// Exposed in `/metrics`; tests use it to show that a page costs a fixed number of queries.
    pub fn query_count(&self) -> u64 {
        self.queries.load(Ordering::Relaxed)
    }

    /// A handle on the same database whose statements are not counted: for background work,
    /// so the count keeps measuring what requests cost.
    pub fn uncounted(&self) -> Store {
        Store {
            pools: self.pools.clone(),
            queries: Arc::new(AtomicU64::new(0)),
            sessions: self.sessions.clone(),
            posts: self.posts.clone(),
            _alive: self._alive.clone(),
        }
    }

    /// A handle for SQLite's comment writer task: counted alike, but with a queue of its own
    /// (never used), so the task does not hold the queue it reads open.
    fn without_post_queue(&self) -> Store {
        Store {
            posts: Arc::default(),
            ..self.clone()
        }
    }

    pub(crate) fn count_query(&self) {
        self.queries.fetch_add(1, Ordering::Relaxed);
    }

    pub async fn close(&self) {
        match &self.pools {
            Pools::Sqlite { read, write } => {
                read.close();
                write.close().await;
            }
            Pools::Postgres(pool) => pool.close().await,
        }
    }
}

/// How often SQLite's WAL is checkpointed in the background, and the writer's own backstop.
/// A checkpoint copies the WAL's pages into the database file: run by the writer at the commit
/// that fills the WAL (SQLite's default, every 1,000 pages), it made one post in ~90 wait a
/// few milliseconds longer (a busy site's p99). A PASSIVE checkpoint from another connection
/// does the same work beside the writer, never blocking it or readers.
const CHECKPOINT_EVERY: Duration = Duration::from_millis(250);
const WRITER_AUTOCHECKPOINT_PAGES: &str = "10000";

/// Checkpoints the WAL every [`CHECKPOINT_EVERY`] until the store is closed or dropped.
fn spawn_checkpointer(checkpoints: SqlitePool, write: SqlitePool, alive: std::sync::Weak<()>) {
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(CHECKPOINT_EVERY).await;
            if alive.strong_count() == 0 || write.is_closed() {
                break;
            }
            if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
                .execute(&checkpoints)
                .await
            {
                tracing::debug!(error = %e, "background WAL checkpoint failed");
            }
        }
        checkpoints.close().await;
    });
}

fn ensure_dir(path: &Path) -> Result<()> {
    if path.as_os_str().is_empty() {
        return Ok(());
    }
    std::fs::create_dir_all(path).map_err(|source| Error::DataDir {
        path: path.display().to_string(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn sqlite_readers_keep_a_small_page_cache() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/t.db", dir.path().display());
        let store = Store::connect(&url, &ConnectOptions::default())
            .await
            .unwrap();
        let Pools::Sqlite { read, write } = &store.pools else {
            panic!("a SQLite store");
        };
        async fn size<'c>(on: impl sqlx::SqliteExecutor<'c>) -> i64 {
            let (n,): (i64,) = sqlx::query_as("PRAGMA cache_size")
                .fetch_one(on)
                .await
                .unwrap();
            n
        }
        let mut reader = readers::get(read).await.unwrap();
        assert_eq!(
            size(&mut reader.conn).await,
            READ_CACHE_SIZE.parse::<i64>().unwrap()
        );
        // The writer keeps SQLite's default (-2000, about 2 MiB), for bulk writes.
        assert_eq!(size(write).await, -2000);
    }
}
