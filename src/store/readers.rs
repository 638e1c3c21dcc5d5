//! SQLite's read connections, pooled by bb8 rather than by sqlx.
//!
//! sqlx's pool pings every connection as it comes back (sqlx-core 0.8,
//! `Floating::return_to_pool`), in a task of its own. On SQLite that is one more trip to the
//! connection's own thread for every query, and tests nothing: the connection is a file, not a
//! socket that can go stale, and its thread runs commands in order, so anything a cancelled
//! query left behind is finished before the next command starts. A profile of members posting
//! found such trips (thread wake-ups) the largest cost of a request. bb8 hands a connection
//! back as it is.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use sqlx::ConnectOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};

use super::{Error, Result};

/// The read connections' pool, and whether the store was closed (bb8 has no close: once
/// closed, no query gets a connection, and the connections close with the last handle).
#[derive(Clone)]
pub(crate) struct Readers {
    pool: bb8::Pool<ReadConnections>,
    closed: Arc<AtomicBool>,
}

impl Readers {
    pub(crate) fn close(&self) {
        self.closed.store(true, Ordering::SeqCst);
    }

    fn open(&self) -> Result<&bb8::Pool<ReadConnections>> {
        if self.closed.load(Ordering::SeqCst) {
            return Err(Error::Database(sqlx::Error::PoolClosed));
        }
        Ok(&self.pool)
    }
}

/// A read connection lent out by [`Readers`].
pub(crate) type Reader<'a> = bb8::PooledConnection<'a, ReadConnections>;

/// How [`Readers`] opens a read connection.
pub(crate) struct ReadConnections {
    options: SqliteConnectOptions,
}

/// A read connection, and what a caller that stopped half-way may have left on it.
pub(crate) struct ReadConnection {
    pub(crate) conn: SqliteConnection,
    /// A read transaction ([`ReadTx`]) is open.
    in_transaction: bool,
    /// A progress handler is set (search's time limit): set before the handler and cleared
    /// after it is removed.
    pub(crate) progress_handler: bool,
}

impl bb8::ManageConnection for ReadConnections {
    type Connection = ReadConnection;
    type Error = sqlx::Error;

    async fn connect(&self) -> std::result::Result<ReadConnection, sqlx::Error> {
        Ok(ReadConnection {
            conn: self.options.connect().await?,
            in_transaction: false,
            progress_handler: false,
        })
    }

    async fn is_valid(&self, _: &mut ReadConnection) -> std::result::Result<(), sqlx::Error> {
        Ok(())
    }

    /// A connection given back inside a read transaction (its [`ReadTx`] dropped unfinished)
    /// would keep an old snapshot for the next query, and one with a progress handler would
    /// interrupt the next long query: either is closed instead.
    fn has_broken(&self, c: &mut ReadConnection) -> bool {
        c.in_transaction || c.progress_handler
    }
}

/// Says why a read connection could not be opened (bb8 otherwise drops the error, and a
/// query sees only the time-out).
#[derive(Clone, Copy, Debug)]
struct LogErrors;

impl bb8::ErrorSink<sqlx::Error> for LogErrors {
    fn sink(&self, error: sqlx::Error) {
        tracing::error!(%error, "a SQLite read connection could not be opened");
    }

    fn boxed_clone(&self) -> Box<dyn bb8::ErrorSink<sqlx::Error>> {
        Box::new(*self)
    }
}

/// A read transaction on a read connection: one snapshot for several reads. Dropped
/// unfinished, its connection is closed rather than reused.
pub(crate) struct ReadTx(bb8::PooledConnection<'static, ReadConnections>);

impl ReadTx {
    pub(crate) async fn begin(readers: &Readers) -> Result<ReadTx> {
        let mut c = readers.open()?.get_owned().await.map_err(run_error)?;
        // Marked first: should this future be dropped while BEGIN runs, the connection is
        // closed rather than lent out inside a transaction.
        c.in_transaction = true;
        sqlx::query("BEGIN").execute(&mut c.conn).await?;
        Ok(ReadTx(c))
    }

    /// Ends the transaction (it wrote nothing: commit and rollback alike release the
    /// snapshot).
    pub(crate) async fn finish(mut self) -> Result<()> {
        sqlx::query("COMMIT").execute(&mut self.0.conn).await?;
        self.0.in_transaction = false;
        Ok(())
    }

    pub(crate) fn conn(&mut self) -> &mut SqliteConnection {
        &mut self.0.conn
    }
}

/// Opens up to `max` read connections with `options` (one at once, to fail early on a bad
/// file); a query waits at most `acquire_timeout` for one, then fails as sqlx's pool would
/// ([`sqlx::Error::PoolTimedOut`], which pages answer 503).
pub(crate) async fn open(
    options: SqliteConnectOptions,
    max: u32,
    acquire_timeout: Duration,
) -> Result<Readers> {
    let pool = bb8::Pool::builder()
        .max_size(max)
        .min_idle(Some(1))
        .connection_timeout(acquire_timeout)
        .test_on_check_out(false)
        .error_sink(Box::new(LogErrors))
        .build(ReadConnections { options })
        .await
        .map_err(Error::Database)?;
    Ok(Readers {
        pool,
        closed: Arc::default(),
    })
}

/// A read connection, waiting for one as [`open`] says.
pub(crate) async fn get(readers: &Readers) -> Result<Reader<'_>> {
    readers.open()?.get().await.map_err(run_error)
}

fn run_error(e: bb8::RunError<sqlx::Error>) -> Error {
    match e {
        bb8::RunError::User(e) => Error::Database(e),
        bb8::RunError::TimedOut => Error::Database(sqlx::Error::PoolTimedOut),
    }
}
