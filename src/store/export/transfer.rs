//! Reading the site into records and writing records into an empty site, each in one
//! transaction.

use chrono::{DateTime, Utc};

use super::{Cell, Kind, RecordSource, TABLES, Table};
use crate::store::progress::check;
use crate::store::search::reindex_all;
use crate::store::tx::{Arg, RowRef};
use crate::store::{Backend, Error, Progress, Result, Store, Tx, query};

fn select_sql(table: &Table, backend: Backend) -> String {
    let columns: Vec<String> = table
        .columns
        .iter()
        .map(|(name, kind)| match kind {
            // PostgreSQL INTEGER columns read as BIGINT, so one Rust type serves every Int.
            Kind::Int => format!("CAST({name} AS BIGINT) AS {name}"),
            _ => (*name).to_owned(),
        })
        .collect();
    // Text keys in byte order on both backends (SQLite's BINARY, PostgreSQL's "C"), so the
    // same site is written in the same order wherever it lives.
    let order: Vec<String> = table
        .order_by
        .split(',')
        .map(str::trim)
        .map(|key| {
            let text = table
                .columns
                .iter()
                .any(|(c, k)| *c == key && *k == Kind::Text);
            if text && backend == Backend::Postgres {
                format!("{key} COLLATE \"C\"")
            } else {
                key.to_owned()
            }
        })
        .collect();
    format!(
        "SELECT {} FROM {} ORDER BY {}",
        columns.join(", "),
        table.name,
        order.join(", ")
    )
}

fn insert_sql(table: &Table, backend: Backend) -> String {
    let names: Vec<&str> = table
        .columns
        .iter()
        .map(|(n, _)| *n)
        .chain(table.omitted.iter().map(|o| o.column))
        .collect();
    let params: Vec<String> = (1..=names.len()).map(|i| format!("${i}")).collect();
    let overriding = if table.identity && backend == Backend::Postgres {
        " OVERRIDING SYSTEM VALUE"
    } else {
        ""
    };
    format!(
        "INSERT INTO {} ({}){overriding} VALUES ({})",
        table.name,
        names.join(", "),
        params.join(", ")
    )
}

/// `cell` as the value of a column of `kind` (a NULL keeps the column's type, which PostgreSQL
/// needs to accept it).
fn cell_arg(kind: Kind, cell: &Cell) -> Arg<'static> {
    match (kind, cell) {
        (_, Cell::Int(v)) => Arg::from(*v),
        (_, Cell::Real(v)) => Arg::from(*v),
        (_, Cell::Text(v)) => Arg::from(v.clone()),
        (_, Cell::Time(v)) => Arg::from(*v),
        (_, Cell::Bool(v)) => Arg::from(*v),
        (Kind::Int, Cell::Null) => Arg::from(None::<i64>),
        (Kind::Real, Cell::Null) => Arg::from(None::<f64>),
        (Kind::Text, Cell::Null) => Arg::from(None::<String>),
        (Kind::Time, Cell::Null) => Arg::from(None::<DateTime<Utc>>),
        (Kind::Bool, Cell::Null) => Arg::from(None::<bool>),
    }
}

/// The cells of one exported row, read by the column kinds of `table`.
fn row_cells(table: &Table, row: &RowRef<'_>) -> Result<Vec<Cell>> {
    let mut cells = Vec::with_capacity(table.columns.len());
    for (i, (_, kind)) in table.columns.iter().enumerate() {
        cells.push(match kind {
            Kind::Int => row.get::<Option<i64>>(i)?.map_or(Cell::Null, Cell::Int),
            Kind::Real => row.get::<Option<f64>>(i)?.map_or(Cell::Null, Cell::Real),
            Kind::Text => row.get::<Option<String>>(i)?.map_or(Cell::Null, Cell::Text),
            Kind::Time => row
                .get::<Option<DateTime<Utc>>>(i)?
                .map_or(Cell::Null, Cell::Time),
            Kind::Bool => row.get::<Option<bool>>(i)?.map_or(Cell::Null, Cell::Bool),
        });
    }
    Ok(cells)
}

/// Where [`Store::export_site`] hands each record.
type Sink<'a> = dyn FnMut(&'static Table, Vec<Cell>) -> std::io::Result<()> + Send + 'a;

/// Reads every exported table inside the caller's (snapshot) transaction.
async fn export_tables(
    tx: &mut Tx,
    sink: &mut Sink<'_>,
    progress: &dyn Progress,
) -> Result<Vec<(&'static str, u64)>> {
    let backend = tx.backend();
    // Counted in the same snapshot, so the total is exactly what is written.
    let mut total = 0u64;
    for table in TABLES {
        let n: i64 = query(&format!("SELECT COUNT(*) FROM {}", table.name))
            .scalar(&mut *tx)
            .await?;
        total += n as u64;
    }
    progress.set_total(total);
    let mut counts = Vec::with_capacity(TABLES.len());
    for table in TABLES {
        let sql = select_sql(table, backend);
        let mut n = 0u64;
        query(&sql)
            .for_each_row(&mut *tx, |row| {
                check(progress)?;
                progress.advance(1);
                let cells = row_cells(table, &row)?;
                sink(table, cells).map_err(|e| {
                    Error::Rejected(format!("could not write {}.jsonl: {e}", table.name))
                })?;
                n += 1;
                Ok(())
            })
            .await?;
        counts.push((table.name, n));
    }
    Ok(counts)
}

/// Writes every table from `source` inside the caller's transaction; returns the counts.
async fn import_tables(
    tx: &mut Tx,
    source: &mut dyn RecordSource,
    progress: &dyn Progress,
) -> Result<Vec<(&'static str, u64)>> {
    let backend = tx.backend();
    let mut content = Vec::new();
    for table in TABLES.iter().filter(|t| !t.replace) {
        let sql = format!(
            "SELECT COUNT(*) FROM (SELECT 1 FROM {} LIMIT 1) x",
            table.name
        );
        let n: i64 = query(&sql).scalar(&mut *tx).await?;
        if n > 0 {
            content.push(table.name);
        }
    }
    if !content.is_empty() {
        return Err(Error::Rejected(format!(
            "the site already has content ({}); an export is imported only into an empty \
             site: create a new database, point --database-url (BROADSHEET_DATABASE_URL) at \
             it and run the import again (`broadsheet serve` fills a new database with demo \
             content unless given --no-demo: import before serving)",
            content.join(", ")
        )));
    }
    for table in TABLES.iter().filter(|t| t.replace) {
        query(&format!("DELETE FROM {}", table.name))
            .execute(&mut *tx)
            .await?;
    }
    let mut counts = Vec::with_capacity(TABLES.len());
    for table in TABLES {
        let sql = insert_sql(table, backend);
        let mut later: Vec<(Cell, Vec<Cell>)> = Vec::new();
        let mut n = 0u64;
        while let Some((place, cells)) = source.next_record(table).map_err(Error::Rejected)? {
            check(progress)?;
            progress.advance(1);
            let mut q = query(&sql);
            let mut deferred = Vec::new();
            for ((name, kind), cell) in table.columns.iter().zip(&cells) {
                if table.later.contains(name) {
                    deferred.push(cell.clone());
                    q = q.bind(cell_arg(*kind, &Cell::Null));
                } else {
                    q = q.bind(cell_arg(*kind, cell));
                }
            }
            for omitted in table.omitted {
                q = q.bind(cell_arg(Kind::Text, &(omitted.fill)()));
            }
            q.execute(&mut *tx).await.map_err(|e| {
                Error::Rejected(format!("{place}: the database refused it: {}", refusal(&e)))
            })?;
            if deferred.iter().any(|c| *c != Cell::Null) {
                later.push((cells[0].clone(), deferred));
            }
            n += 1;
        }
        for (id, values) in later {
            for (name, value) in table.later.iter().zip(&values) {
                let sql = format!("UPDATE {} SET {name} = $1 WHERE id = $2", table.name);
                query(&sql)
                    .bind(cell_arg(Kind::Int, value))
                    .bind(cell_arg(Kind::Int, &id))
                    .execute(&mut *tx)
                    .await
                    .map_err(|e| {
                        Error::Rejected(format!(
                            "{}.jsonl: the record with id {}: its {name}: {}",
                            table.name,
                            id.to_json(),
                            refusal(&e)
                        ))
                    })?;
            }
        }
        if table.identity && backend == Backend::Postgres {
            // The next id the site hands out follows the largest imported one.
            let sql = format!(
                "SELECT setval(pg_get_serial_sequence('{t}', 'id'), \
                 COALESCE(MAX(id), 0) + 1, false) FROM {t}",
                t = table.name
            );
            query(&sql).execute(&mut *tx).await?;
        }
        counts.push((table.name, n));
    }
    reindex_all(tx).await?;
    Ok(counts)
}

/// The database's own words for why it refused a record (as sqlx's error reads).
fn refusal(e: &Error) -> String {
    match e {
        Error::Database(e) => e.to_string(),
        other => other.to_string(),
    }
}

impl Store {
    /// Reads the whole site in one snapshot (a read transaction; REPEATABLE READ on
    /// PostgreSQL), handing each record to `sink` in file order; returns each table's count.
    /// `progress` is told the number of records first, then of each one written; when it asks
    /// to stop, the export stops with [`Error::Interrupted`].
    pub async fn export_site(
        &self,
        sink: &mut (dyn FnMut(&'static Table, Vec<Cell>) -> std::io::Result<()> + Send),
        progress: &dyn Progress,
    ) -> Result<Vec<(&'static str, u64)>> {
        let mut tx = self.begin_read().await?;
        if tx.backend() == Backend::Postgres {
            query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .execute(&mut tx)
                .await?;
        }
        let counts = export_tables(&mut tx, sink, progress).await?;
        tx.commit().await?;
        Ok(counts)
    }

    /// Writes an export into this site, which must be empty, in one transaction: on any
    /// error nothing changes. Ids are kept, so every reference holds; the search index is
    /// rebuilt. Returns each table's count. `progress` is told of each record read (the
    /// caller knows the total from the manifest); when it asks to stop, nothing is imported
    /// and the import ends with [`Error::Interrupted`].
    pub async fn import_site(
        &self,
        source: &mut dyn RecordSource,
        progress: &dyn Progress,
    ) -> Result<Vec<(&'static str, u64)>> {
        let mut tx = self.begin().await?;
        let counts = import_tables(&mut tx, source, progress).await?;
        tx.commit().await?;
        Ok(counts)
    }
}
