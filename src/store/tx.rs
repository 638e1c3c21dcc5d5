//! One way to run a statement on whichever backend the store holds.
//!
//! A statement is written once ([`query`]), given its values ([`Query::bind`]) and run on a
//! [`Db`] (a pool, for one statement) or a [`Tx`] (a transaction): the backend is matched once,
//! here, and every value is bound with its native type on each backend (PostgreSQL
//! `TIMESTAMPTZ`, SQLite ISO-8601 text), exactly as binding it with sqlx directly would.

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use futures_util::TryStreamExt;
use sqlx::pool::PoolConnection;
use sqlx::postgres::{PgArguments, PgConnection, PgPool, PgRow};
use sqlx::sqlite::{SqliteArguments, SqliteConnection, SqlitePool, SqliteRow};
use sqlx::{Arguments, Executor, FromRow, Postgres, Sqlite};

use super::readers::{self, Readers};
use super::{Backend, Error, Pools, Result, Store};

/// A row type both backends can decode (a `sqlx::FromRow` struct or a tuple).
pub(crate) trait Row:
    for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin
{
}

impl<T> Row for T where T: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin
{}

/// A value both backends can read out of a column by position (see [`RowRef::get`]).
pub(crate) trait Value:
    for<'r> sqlx::Decode<'r, Sqlite>
    + sqlx::Type<Sqlite>
    + for<'r> sqlx::Decode<'r, Postgres>
    + sqlx::Type<Postgres>
{
}

impl<T> Value for T where
    T: for<'r> sqlx::Decode<'r, Sqlite>
        + sqlx::Type<Sqlite>
        + for<'r> sqlx::Decode<'r, Postgres>
        + sqlx::Type<Postgres>
{
}

/// A value bound to a statement's `$n`. A `None` keeps its column type (PostgreSQL needs it
/// to accept a typed NULL).
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Arg<'q> {
    Int(Option<i64>),
    Int32(Option<i32>),
    Real(Option<f64>),
    Bool(Option<bool>),
    Text(Option<Cow<'q, str>>),
    Time(Option<DateTime<Utc>>),
}

/// The plain values a statement takes, each with its own [`Arg`] variant.
pub(crate) trait Plain: Sized {
    fn arg(value: Option<Self>) -> Arg<'static>;
}

impl Plain for i64 {
    fn arg(value: Option<Self>) -> Arg<'static> {
        Arg::Int(value)
    }
}

impl Plain for i32 {
    fn arg(value: Option<Self>) -> Arg<'static> {
        Arg::Int32(value)
    }
}

impl Plain for f64 {
    fn arg(value: Option<Self>) -> Arg<'static> {
        Arg::Real(value)
    }
}

impl Plain for bool {
    fn arg(value: Option<Self>) -> Arg<'static> {
        Arg::Bool(value)
    }
}

impl Plain for DateTime<Utc> {
    fn arg(value: Option<Self>) -> Arg<'static> {
        Arg::Time(value)
    }
}

impl<T: Plain> From<T> for Arg<'_> {
    fn from(v: T) -> Self {
        T::arg(Some(v))
    }
}

impl<T: Plain> From<Option<T>> for Arg<'_> {
    fn from(v: Option<T>) -> Self {
        T::arg(v)
    }
}

impl<'q> From<&'q str> for Arg<'q> {
    fn from(v: &'q str) -> Self {
        Arg::Text(Some(Cow::Borrowed(v)))
    }
}

impl<'q> From<Option<&'q str>> for Arg<'q> {
    fn from(v: Option<&'q str>) -> Self {
        Arg::Text(v.map(Cow::Borrowed))
    }
}

impl<'q> From<&'q String> for Arg<'q> {
    fn from(v: &'q String) -> Self {
        Arg::Text(Some(Cow::Borrowed(v)))
    }
}

impl<'q> From<String> for Arg<'q> {
    fn from(v: String) -> Self {
        Arg::Text(Some(Cow::Owned(v)))
    }
}

impl<'q> From<Option<String>> for Arg<'q> {
    fn from(v: Option<String>) -> Self {
        Arg::Text(v.map(Cow::Owned))
    }
}

impl<'q> From<&'q Option<String>> for Arg<'q> {
    fn from(v: &'q Option<String>) -> Self {
        Arg::Text(v.as_deref().map(Cow::Borrowed))
    }
}

/// A statement and its values, not yet run.
#[must_use = "a query does nothing until it is run"]
pub(crate) struct Query<'q> {
    sql: &'q str,
    args: Vec<Arg<'q>>,
}

/// A statement written once for both backends (`$1` placeholders).
pub(crate) fn query(sql: &str) -> Query<'_> {
    Query {
        sql,
        args: Vec::new(),
    }
}

/// Where a statement runs: a pool (one statement) or a connection (a transaction's).
pub(crate) enum Conn<'c> {
    SqlitePool(&'c SqlitePool),
    SqliteReaders(&'c Readers),
    PgPool(&'c PgPool),
    Sqlite(&'c mut SqliteConnection),
    Postgres(&'c mut PgConnection),
}

impl<'q> Query<'q> {
    /// Binds the next `$n`.
    pub(crate) fn bind(mut self, value: impl Into<Arg<'q>>) -> Self {
        self.args.push(value.into());
        self
    }

    fn sqlite_args(self) -> Result<(&'q str, SqliteArguments<'q>)> {
        let mut out = SqliteArguments::default();
        for arg in self.args {
            match arg {
                Arg::Int(v) => out.add(v),
                Arg::Int32(v) => out.add(v),
                Arg::Real(v) => out.add(v),
                Arg::Bool(v) => out.add(v),
                Arg::Text(Some(Cow::Borrowed(v))) => out.add(v),
                Arg::Text(Some(Cow::Owned(v))) => out.add(v),
                Arg::Text(None) => out.add(None::<String>),
                Arg::Time(v) => out.add(v),
            }
            .map_err(|e| Error::Database(sqlx::Error::Encode(e)))?;
        }
        Ok((self.sql, out))
    }

    fn pg_args(self) -> Result<(&'q str, PgArguments)> {
        let mut out = PgArguments::default();
        for arg in self.args {
            match arg {
                Arg::Int(v) => out.add(v),
                Arg::Int32(v) => out.add(v),
                Arg::Real(v) => out.add(v),
                Arg::Bool(v) => out.add(v),
                Arg::Text(Some(Cow::Borrowed(v))) => out.add(v),
                Arg::Text(Some(Cow::Owned(v))) => out.add(v),
                Arg::Text(None) => out.add(None::<String>),
                Arg::Time(v) => out.add(v),
            }
            .map_err(|e| Error::Database(sqlx::Error::Encode(e)))?;
        }
        Ok((self.sql, out))
    }

    /// Runs the statement; the number of rows it changed.
    pub(crate) async fn execute<'c>(self, on: impl Into<Conn<'c>>) -> Result<u64> {
        let done = match on.into() {
            Conn::SqlitePool(p) => {
                let (sql, args) = self.sqlite_args()?;
                sqlx::query_with(sql, args)
                    .execute(p)
                    .await?
                    .rows_affected()
            }
            Conn::SqliteReaders(r) => {
                let (sql, args) = self.sqlite_args()?;
                sqlx::query_with(sql, args)
                    .execute(&mut readers::get(r).await?.conn)
                    .await?
                    .rows_affected()
            }
            Conn::Sqlite(c) => {
                let (sql, args) = self.sqlite_args()?;
                sqlx::query_with(sql, args)
                    .execute(c)
                    .await?
                    .rows_affected()
            }
            Conn::PgPool(p) => {
                let (sql, args) = self.pg_args()?;
                sqlx::query_with(sql, args)
                    .execute(p)
                    .await?
                    .rows_affected()
            }
            Conn::Postgres(c) => {
                let (sql, args) = self.pg_args()?;
                sqlx::query_with(sql, args)
                    .execute(c)
                    .await?
                    .rows_affected()
            }
        };
        Ok(done)
    }

    /// Every row the statement returns.
    pub(crate) async fn fetch_all<'c, T: Row>(self, on: impl Into<Conn<'c>>) -> Result<Vec<T>> {
        let rows = match on.into() {
            Conn::SqlitePool(p) => {
                let (sql, args) = self.sqlite_args()?;
                sqlx::query_as_with(sql, args).fetch_all(p).await?
            }
            Conn::SqliteReaders(r) => {
                let (sql, args) = self.sqlite_args()?;
                let mut c = readers::get(r).await?;
                sqlx::query_as_with(sql, args)
                    .fetch_all(&mut c.conn)
                    .await?
            }
            Conn::Sqlite(c) => {
                let (sql, args) = self.sqlite_args()?;
                sqlx::query_as_with(sql, args).fetch_all(c).await?
            }
            Conn::PgPool(p) => {
                let (sql, args) = self.pg_args()?;
                sqlx::query_as_with(sql, args).fetch_all(p).await?
            }
            Conn::Postgres(c) => {
                let (sql, args) = self.pg_args()?;
                sqlx::query_as_with(sql, args).fetch_all(c).await?
            }
        };
        Ok(rows)
    }

    /// The first row, if any.
    pub(crate) async fn fetch_optional<'c, T: Row>(
        self,
        on: impl Into<Conn<'c>>,
    ) -> Result<Option<T>> {
        let row = match on.into() {
            Conn::SqlitePool(p) => {
                let (sql, args) = self.sqlite_args()?;
                sqlx::query_as_with(sql, args).fetch_optional(p).await?
            }
            Conn::SqliteReaders(r) => {
                let (sql, args) = self.sqlite_args()?;
                let mut c = readers::get(r).await?;
                sqlx::query_as_with(sql, args)
                    .fetch_optional(&mut c.conn)
                    .await?
            }
            Conn::Sqlite(c) => {
                let (sql, args) = self.sqlite_args()?;
                sqlx::query_as_with(sql, args).fetch_optional(c).await?
            }
            Conn::PgPool(p) => {
                let (sql, args) = self.pg_args()?;
                sqlx::query_as_with(sql, args).fetch_optional(p).await?
            }
            Conn::Postgres(c) => {
                let (sql, args) = self.pg_args()?;
                sqlx::query_as_with(sql, args).fetch_optional(c).await?
            }
        };
        Ok(row)
    }

    /// The first row; [`Error::NotFound`] when there is none.
    pub(crate) async fn fetch_one<'c, T: Row>(self, on: impl Into<Conn<'c>>) -> Result<T> {
        self.fetch_optional(on).await?.ok_or(Error::NotFound)
    }

    /// The first column of the first row; [`Error::NotFound`] when there is no row.
    pub(crate) async fn scalar<'c, T>(self, on: impl Into<Conn<'c>>) -> Result<T>
    where
        (T,): Row,
    {
        Ok(self.fetch_one::<(T,)>(on).await?.0)
    }

    /// The first column of the first row, if there is a row.
    pub(crate) async fn scalar_optional<'c, T>(self, on: impl Into<Conn<'c>>) -> Result<Option<T>>
    where
        (T,): Row,
    {
        Ok(self.fetch_optional::<(T,)>(on).await?.map(|r| r.0))
    }

    /// The first column of every row.
    pub(crate) async fn scalar_all<'c, T>(self, on: impl Into<Conn<'c>>) -> Result<Vec<T>>
    where
        (T,): Row,
    {
        let rows = self.fetch_all::<(T,)>(on).await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    /// Hands each row to `each` as it arrives, without collecting them (for exports).
    pub(crate) async fn for_each_row<'c>(
        self,
        on: impl Into<Conn<'c>>,
        mut each: impl FnMut(RowRef<'_>) -> Result<()>,
    ) -> Result<()> {
        match on.into() {
            Conn::SqlitePool(p) => {
                let (sql, args) = self.sqlite_args()?;
                let mut rows = sqlx::query_with(sql, args).fetch(p);
                while let Some(row) = rows.try_next().await? {
                    each(RowRef::Sqlite(&row))?;
                }
            }
            Conn::SqliteReaders(r) => {
                let (sql, args) = self.sqlite_args()?;
                let mut c = readers::get(r).await?;
                let mut rows = sqlx::query_with(sql, args).fetch(&mut c.conn);
                while let Some(row) = rows.try_next().await? {
                    each(RowRef::Sqlite(&row))?;
                }
            }
            Conn::Sqlite(c) => {
                let (sql, args) = self.sqlite_args()?;
                let mut rows = sqlx::query_with(sql, args).fetch(c);
                while let Some(row) = rows.try_next().await? {
                    each(RowRef::Sqlite(&row))?;
                }
            }
            Conn::PgPool(p) => {
                let (sql, args) = self.pg_args()?;
                let mut rows = sqlx::query_with(sql, args).fetch(p);
                while let Some(row) = rows.try_next().await? {
                    each(RowRef::Postgres(&row))?;
                }
            }
            Conn::Postgres(c) => {
                let (sql, args) = self.pg_args()?;
                let mut rows = sqlx::query_with(sql, args).fetch(c);
                while let Some(row) = rows.try_next().await? {
                    each(RowRef::Postgres(&row))?;
                }
            }
        }
        Ok(())
    }
}

/// A row of either backend, read column by column (for tables whose columns are only known at
/// run time).
pub(crate) enum RowRef<'r> {
    Sqlite(&'r SqliteRow),
    Postgres(&'r PgRow),
}

impl RowRef<'_> {
    pub(crate) fn get<T: Value>(&self, index: usize) -> Result<T> {
        use sqlx::Row as _;
        Ok(match self {
            RowRef::Sqlite(row) => row.try_get(index)?,
            RowRef::Postgres(row) => row.try_get(index)?,
        })
    }
}

/// A pool of either backend, for statements outside a transaction. Got from
/// [`Store::read`] or [`Store::write`], which count it as one query.
#[derive(Clone, Copy)]
pub(crate) enum Db<'a> {
    Sqlite(&'a SqlitePool),
    SqliteReaders(&'a Readers),
    Postgres(&'a PgPool),
}

impl<'a> From<Db<'a>> for Conn<'a> {
    fn from(db: Db<'a>) -> Self {
        match db {
            Db::Sqlite(p) => Conn::SqlitePool(p),
            Db::SqliteReaders(r) => Conn::SqliteReaders(r),
            Db::Postgres(p) => Conn::PgPool(p),
        }
    }
}

impl<'a> From<&Db<'a>> for Conn<'a> {
    fn from(db: &Db<'a>) -> Self {
        (*db).into()
    }
}

impl<'c> From<&'c mut SqliteConnection> for Conn<'c> {
    fn from(c: &'c mut SqliteConnection) -> Self {
        Conn::Sqlite(c)
    }
}

impl<'c> From<&'c mut PgConnection> for Conn<'c> {
    fn from(c: &'c mut PgConnection) -> Self {
        Conn::Postgres(c)
    }
}

/// A transaction of either backend. Dropped without [`Tx::commit`] (an early return, an
/// error), it rolls back ([`PgTxEndingWith`]: its connection is closed, which rolls it back).
pub(crate) enum Tx {
    Sqlite(sqlx::Transaction<'static, Sqlite>),
    /// A read transaction on one of SQLite's read connections ([`Store::begin_read`]).
    SqliteRead(readers::ReadTx),
    Postgres(sqlx::Transaction<'static, Postgres>),
    /// A PostgreSQL transaction that ends in the same trip as its last statement
    /// ([`Store::begin_ending_with`], [`Tx::commit_after`]).
    PostgresEndingWith(PgTxEndingWith),
}

/// A PostgreSQL transaction begun and committed by statements of its own rather than by
/// sqlx's `Transaction`, whose `COMMIT` is always a trip of its own: this one's can go with
/// the transaction's last statement. Dropped open (an error, a request given up half-way),
/// its connection is closed rather than returned to the pool inside the transaction; the
/// server then rolls the transaction back.
pub(crate) struct PgTxEndingWith {
    conn: PoolConnection<Postgres>,
    open: bool,
}

impl PgTxEndingWith {
    async fn end(&mut self, statement: &str) -> Result<Vec<PgRow>> {
        let rows = self.conn.fetch_all(sqlx::raw_sql(statement)).await?;
        self.open = false;
        Ok(rows)
    }
}

impl Drop for PgTxEndingWith {
    fn drop(&mut self) {
        if self.open {
            self.conn.close_on_drop();
        }
    }
}

impl Tx {
    pub(crate) async fn commit(self) -> Result<()> {
        match self {
            Tx::Sqlite(tx) => tx.commit().await?,
            Tx::SqliteRead(tx) => tx.finish().await?,
            Tx::Postgres(tx) => tx.commit().await?,
            Tx::PostgresEndingWith(mut tx) => drop(tx.end("COMMIT").await?),
        }
        Ok(())
    }

    /// Runs `statement` (sent as it is: no values) and commits, in one trip to the server
    /// when the transaction is [`Store::begin_ending_with`]'s (in two otherwise); the first
    /// column of its first row. A transaction whose last statement writes a row many
    /// transactions share then holds that row only while its commit is flushed, not also
    /// while the statement's answer travels to the app and the `COMMIT` comes back. Should
    /// the statement fail, nothing is committed.
    pub(crate) async fn commit_after<T>(mut self, statement: &str) -> Result<Option<T>>
    where
        (T,): Row,
        T: for<'r> sqlx::Decode<'r, Postgres> + sqlx::Type<Postgres>,
    {
        if let Tx::PostgresEndingWith(tx) = &mut self {
            // On a line of its own: a statement ending in a `--` comment must not swallow it.
            let rows = tx.end(&format!("{statement}\n; COMMIT")).await?;
            return Ok(rows.first().map(|r| sqlx::Row::try_get(r, 0)).transpose()?);
        }
        let first = query(statement).scalar_optional(&mut self).await?;
        self.commit().await?;
        Ok(first)
    }

    pub(crate) async fn rollback(self) -> Result<()> {
        match self {
            Tx::Sqlite(tx) => tx.rollback().await?,
            Tx::SqliteRead(tx) => tx.finish().await?,
            Tx::Postgres(tx) => tx.rollback().await?,
            Tx::PostgresEndingWith(mut tx) => drop(tx.end("ROLLBACK").await?),
        }
        Ok(())
    }

    pub(crate) fn backend(&self) -> Backend {
        match self {
            Tx::Sqlite(_) | Tx::SqliteRead(_) => Backend::Sqlite,
            Tx::Postgres(_) | Tx::PostgresEndingWith(_) => Backend::Postgres,
        }
    }
}

impl<'c> From<&'c mut Tx> for Conn<'c> {
    fn from(tx: &'c mut Tx) -> Self {
        match tx {
            Tx::Sqlite(tx) => Conn::Sqlite(tx),
            Tx::SqliteRead(tx) => Conn::Sqlite(tx.conn()),
            Tx::Postgres(tx) => Conn::Postgres(tx),
            Tx::PostgresEndingWith(tx) => Conn::Postgres(&mut tx.conn),
        }
    }
}

impl Store {
    /// The pool that reads (SQLite's read-only connections), counted as one query.
    pub(crate) fn read(&self) -> Db<'_> {
        self.count_query();
        match &self.pools {
            Pools::Sqlite { read, .. } => Db::SqliteReaders(read),
            Pools::Postgres(pool) => Db::Postgres(pool),
        }
    }

    /// The pool that may write (SQLite's single writer connection), counted as one query.
    pub(crate) fn write(&self) -> Db<'_> {
        self.count_query();
        match &self.pools {
            Pools::Sqlite { write, .. } => Db::Sqlite(write),
            Pools::Postgres(pool) => Db::Postgres(pool),
        }
    }

    /// A transaction on the pool that writes, counted as one query however many statements
    /// it runs.
    pub(crate) async fn begin(&self) -> Result<Tx> {
        self.count_query();
        Ok(match &self.pools {
            Pools::Sqlite { write, .. } => Tx::Sqlite(write.begin().await?),
            Pools::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    /// A transaction on the pool that writes whose commit can go with its last statement
    /// ([`Tx::commit_after`]): on PostgreSQL a [`PgTxEndingWith`]; on SQLite, where nothing
    /// waits for the trip, [`Store::begin`]'s.
    pub(crate) async fn begin_ending_with(&self) -> Result<Tx> {
        let Pools::Postgres(pool) = &self.pools else {
            return self.begin().await;
        };
        self.count_query();
        let mut tx = PgTxEndingWith {
            conn: pool.acquire().await?,
            open: true,
        };
        tx.conn.execute(sqlx::raw_sql("BEGIN")).await?;
        Ok(Tx::PostgresEndingWith(tx))
    }

    /// A transaction on the pool that reads (SQLite's read-only connections), counted as one
    /// query: one snapshot for several reads.
    pub(crate) async fn begin_read(&self) -> Result<Tx> {
        self.count_query();
        Ok(match &self.pools {
            Pools::Sqlite { read, .. } => Tx::SqliteRead(readers::ReadTx::begin(read).await?),
            Pools::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_keep_their_type_when_absent() {
        assert_eq!(Arg::from(None::<i64>), Arg::Int(None));
        assert_eq!(Arg::from(None::<DateTime<Utc>>), Arg::Time(None));
        assert_eq!(Arg::from(&None::<String>), Arg::Text(None));
        assert_eq!(Arg::from("a"), Arg::Text(Some(Cow::Borrowed("a"))));
    }
}

#[cfg(test)]
#[path = "tx_ending_tests.rs"]
mod ending_tests;
