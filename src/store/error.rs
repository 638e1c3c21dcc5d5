//! The storage layer's one error type, and how a driver's error becomes it.

/// Errors of the storage layer. A unique-constraint violation is [`Error::Duplicate`], naming
/// the key the same way on both backends, so callers answer 409/422 by which key it was, with
/// no check-then-insert race and no driver wording reaching a reader.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A write would repeat a unique key that a row already holds.
    #[error("a row of {0} with the same key already exists")]
    Duplicate(UniqueKey),
    /// A write the store refused by its own rule, with a sentence ready to show.
    #[error("{0}")]
    Conflict(String),
    /// A newsroom write the store refused by its own rule, as a value the web layer words.
    #[error("{0}")]
    Clash(crate::domain::newsroom::Clash),
    #[error("not found")]
    NotFound,
    /// A long operation stopped because its caller asked it to (Ctrl-C); what it had not
    /// committed was rolled back.
    #[error("interrupted")]
    Interrupted,
    /// An export or import refused with a message ready to show (which file, which line).
    #[error("{0}")]
    Rejected(String),
    #[error("the database URL `{0}` is not supported: use sqlite://… or postgres://…")]
    UnsupportedUrl(String),
    #[error("database error: {0}")]
    Database(#[source] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("could not prepare the data directory {path}: {source}")]
    DataDir {
        path: String,
        source: std::io::Error,
    },
}

/// A unique key of the schema: its table and its columns in the order the schema declares
/// them. Read from SQLite's message ("UNIQUE constraint failed: t.a, t.b") and PostgreSQL's
/// detail ("Key (a, b)=(…) already exists."), both of which have had these shapes for decades.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UniqueKey {
    pub table: String,
    pub columns: Vec<String>,
}

impl UniqueKey {
    /// True when this is `table`'s key over exactly `columns`.
    pub fn is(&self, table: &str, columns: &[&str]) -> bool {
        self.table == table
            && self
                .columns
                .iter()
                .map(String::as_str)
                .eq(columns.iter().copied())
    }

    fn from_sqlite(message: &str) -> Option<UniqueKey> {
        let list = message.strip_prefix("UNIQUE constraint failed: ")?;
        let mut table = None;
        let mut columns = Vec::new();
        for qualified in list.split(", ") {
            let (t, c) = qualified.split_once('.')?;
            if *table.get_or_insert(t) != t {
                return None;
            }
            columns.push(c.to_owned());
        }
        Some(UniqueKey {
            table: table?.to_owned(),
            columns,
        })
    }

    fn from_postgres(table: Option<&str>, detail: Option<&str>) -> Option<UniqueKey> {
        let list = detail?.strip_prefix("Key (")?.split_once(")=")?.0;
        Some(UniqueKey {
            table: table?.to_owned(),
            columns: list.split(", ").map(str::to_owned).collect(),
        })
    }

    fn of(db: &dyn sqlx::error::DatabaseError) -> UniqueKey {
        let pg = db.try_downcast_ref::<sqlx::postgres::PgDatabaseError>();
        let parsed = match pg {
            Some(pg) => UniqueKey::from_postgres(pg.table(), pg.detail()),
            None => UniqueKey::from_sqlite(db.message()),
        };
        // A shape neither backend writes: keep the constraint's name, never the message.
        parsed.unwrap_or_else(|| UniqueKey {
            table: db.constraint().unwrap_or("an unnamed key").to_owned(),
            columns: Vec::new(),
        })
    }
}

impl std::fmt::Display for UniqueKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}({})", self.table, self.columns.join(", "))
    }
}

impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Self {
        match e {
            sqlx::Error::RowNotFound => Error::NotFound,
            sqlx::Error::Database(ref db) if db.is_unique_violation() => {
                Error::Duplicate(UniqueKey::of(db.as_ref()))
            }
            e => Error::Database(e),
        }
    }
}

impl Error {
    /// True when the database could not be reached, or the connection to it broke (as opposed
    /// to a query failing): the site answers 503 and recovers when the database is back.
    pub fn is_unavailable(&self) -> bool {
        match self {
            Error::Database(e) => is_connection_error(e),
            _ => false,
        }
    }

    /// True when this is a duplicate of `table`'s key over exactly `columns`.
    pub fn is_duplicate(&self, table: &str, columns: &[&str]) -> bool {
        matches!(self, Error::Duplicate(key) if key.is(table, columns))
    }
}

/// Errors that mean "no usable connection" rather than "this query is wrong": timeouts waiting
/// for one, broken sockets and TLS, a closed pool or a crashed SQLite worker, and PostgreSQL's
/// connection-exception and shutdown codes (class 08, 57P01–57P03, too many connections).
pub fn is_connection_error(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(db) => db.code().is_some_and(|code| {
            code.starts_with("08") || matches!(&*code, "57P01" | "57P02" | "57P03" | "53300")
        }),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_connections_are_unavailable_and_query_errors_are_not() {
        let io = std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "closed");
        for e in [
            sqlx::Error::PoolTimedOut,
            sqlx::Error::PoolClosed,
            sqlx::Error::WorkerCrashed,
            sqlx::Error::Io(io),
        ] {
            assert!(Error::from(e).is_unavailable());
        }
        assert!(!Error::from(sqlx::Error::RowNotFound).is_unavailable());
        assert!(!Error::from(sqlx::Error::ColumnNotFound("x".into())).is_unavailable());
        assert!(!Error::Conflict("taken".into()).is_unavailable());
    }

    #[test]
    fn keys_are_read_alike_from_both_backends() {
        let sqlite = UniqueKey::from_sqlite(
            "UNIQUE constraint failed: comment_reports.comment_id, comment_reports.reporter_id",
        )
        .unwrap();
        let pg = UniqueKey::from_postgres(
            Some("comment_reports"),
            Some("Key (comment_id, reporter_id)=(4, 7) already exists."),
        )
        .unwrap();
        assert_eq!(sqlite, pg);
        assert!(pg.is("comment_reports", &["comment_id", "reporter_id"]));
        assert!(!pg.is("comment_reports", &["comment_id"]));
        assert_eq!(pg.to_string(), "comment_reports(comment_id, reporter_id)");
        assert_eq!(
            UniqueKey::from_sqlite("UNIQUE constraint failed: users.email"),
            UniqueKey::from_postgres(Some("users"), Some("Key (email)=(a@b.org) already exists."))
        );
        assert_eq!(
            UniqueKey::from_sqlite("UNIQUE constraint failed: a.x, b.y"),
            None
        );
        assert_eq!(UniqueKey::from_postgres(Some("users"), None), None);
    }
}
