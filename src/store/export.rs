//! The whole site as records, and back: what `broadsheet export` writes and `broadsheet import`
//! of an export directory reads (docs/export.md describes the format).
//!
//! Every table of the schema is either in [`TABLES`] (exported, column by column, with the
//! kind of each column so both backends read and write it with their native types) or in
//! [`NOT_EXPORTED`] with the reason; `tests/export.rs` lists the schema's tables and columns and
//! fails on one that is in neither, so a table added later cannot be left out silently. To
//! export a new table: add a [`Table`] in an order where what it references comes first.

use base64::Engine as _;
use chrono::{DateTime, SubsecRound, Utc};

use super::search::{IndexedText, index_article};
use super::tx::{Arg, RowRef};
use super::{Backend, Error, Result, Store, Tx, query};

/// Written in `manifest.json`; an import refuses any other.
pub const FORMAT_VERSION: u32 = 1;

/// How a column is read, written and shown in JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A JSON integer.
    Int,
    /// A JSON number.
    Real,
    /// A JSON string.
    Text,
    /// An RFC 3339 UTC time string, to the microsecond (PostgreSQL's precision).
    Time,
    /// `true` or `false`.
    Bool,
}

impl Kind {
    pub fn describe(self) -> &'static str {
        match self {
            Kind::Int => "an integer",
            Kind::Real => "a number",
            Kind::Text => "a string",
            Kind::Time => "an RFC 3339 time",
            Kind::Bool => "true or false",
        }
    }
}

/// A column of the schema that the export leaves out, and what an import puts in its place.
pub struct Omitted {
    pub column: &'static str,
    pub why: &'static str,
    pub fill: fn() -> Cell,
}

/// One exported table: one `{name}.jsonl` file, one JSON object per row, keys in this order.
pub struct Table {
    pub name: &'static str,
    pub columns: &'static [(&'static str, Kind)],
    pub omitted: &'static [Omitted],
    /// The order rows are written in (and so read back in: parents before their replies).
    pub order_by: &'static str,
    /// PostgreSQL `GENERATED ALWAYS AS IDENTITY` id: inserted with OVERRIDING SYSTEM VALUE,
    /// and its sequence moved past the largest id afterwards.
    pub identity: bool,
    /// Columns that may point at later rows of the same table: written after every row is in.
    pub later: &'static [&'static str],
    /// Rows a new, empty site already has (from a migration or a first start): an import
    /// replaces them instead of counting them as content.
    pub replace: bool,
}

use Kind::{Bool, Int, Real, Text, Time};

/// Exported tables, in an order where every reference points at an earlier table.
pub static TABLES: &[Table] = &[
    Table {
        name: "users",
        columns: &[
            ("id", Int),
            ("email", Text),
            ("display_name", Text),
            ("role", Text),
            ("created_at", Time),
            ("banned_until", Time),
            ("ban_reason", Text),
            ("email_verified_at", Time),
        ],
        omitted: &[Omitted {
            column: "password_hash",
            why: "a password hash is a secret; imported accounts set a new password with the reset",
            fill: no_password,
        }],
        order_by: "id",
        identity: true,
        later: &[],
        replace: false,
    },
    // A member's account at the newsroom's OpenID provider: later single sign-ons follow it.
    Table {
        name: "user_identities",
        columns: &[
            ("issuer", Text),
            ("subject", Text),
            ("user_id", Int),
            ("created_at", Time),
        ],
        omitted: &[],
        order_by: "issuer, subject",
        identity: false,
        later: &[],
        replace: false,
    },
    // Commenters imported from another system, until a member claims them.
    Table {
        name: "guest_identities",
        columns: &[
            ("id", Int),
            ("name", Text),
            ("email", Text),
            ("claimed_by", Int),
            ("claimed_at", Time),
            ("created_at", Time),
        ],
        omitted: &[],
        order_by: "id",
        identity: true,
        later: &[],
        replace: false,
    },
    Table {
        name: "sections",
        columns: &[
            ("id", Int),
            ("slug", Text),
            ("name", Text),
            ("description", Text),
            ("position", Int),
            ("created_at", Time),
        ],
        omitted: &[],
        order_by: "id",
        identity: true,
        later: &[],
        replace: false,
    },
    Table {
        name: "authors",
        columns: &[
            ("id", Int),
            ("slug", Text),
            ("name", Text),
            ("bio", Text),
            ("photo_url", Text),
            ("created_at", Time),
        ],
        omitted: &[],
        order_by: "id",
        identity: true,
        later: &[],
        replace: false,
    },
    Table {
        name: "tags",
        columns: &[("id", Int), ("slug", Text), ("name", Text)],
        omitted: &[],
        order_by: "id",
        identity: true,
        later: &[],
        replace: false,
    },
    Table {
        name: "media",
        columns: &[
            ("id", Int),
            ("hash", Text),
            ("kind", Text),
            ("width", Int),
            ("height", Int),
            ("widths", Text),
            ("byte_size", Int),
            ("alt", Text),
            ("caption", Text),
            ("uploaded_by", Int),
            ("created_at", Time),
        ],
        omitted: &[],
        order_by: "id",
        identity: true,
        later: &[],
        replace: false,
    },
    Table {
        name: "articles",
        columns: &[
            ("id", Int),
            ("slug", Text),
            ("title", Text),
            ("summary", Text),
            ("body_source", Text),
            ("body_html", Text),
            ("section_id", Int),
            ("workflow", Text),
            ("published_at", Time),
            ("updated_at", Time),
            ("created_at", Time),
            ("modified_at", Time),
            ("comment_count", Int),
            ("image_url", Text),
            ("image_alt", Text),
            ("image_caption", Text),
            ("created_by", Int),
            ("revision", Int),
            ("live_revision", Int),
            ("corrections", Text),
        ],
        omitted: &[],
        order_by: "id",
        identity: true,
        later: &[],
        replace: false,
    },
    Table {
        name: "article_authors",
        columns: &[("article_id", Int), ("author_id", Int), ("position", Int)],
        omitted: &[],
        order_by: "article_id, position, author_id",
        identity: false,
        later: &[],
        replace: false,
    },
    Table {
        name: "article_tags",
        columns: &[("article_id", Int), ("tag_id", Int)],
        omitted: &[],
        order_by: "article_id, tag_id",
        identity: false,
        later: &[],
        replace: false,
    },
    Table {
        name: "article_revisions",
        columns: &[
            ("article_id", Int),
            ("number", Int),
            ("saved_by", Int),
            ("note", Text),
            ("content", Text),
            ("created_at", Time),
        ],
        omitted: &[],
        order_by: "article_id, number",
        identity: false,
        later: &[],
        replace: false,
    },
    Table {
        name: "article_redirects",
        columns: &[("old_slug", Text), ("article_id", Int)],
        omitted: &[],
        order_by: "article_id, old_slug",
        identity: false,
        later: &[],
        replace: false,
    },
    Table {
        name: "article_related",
        columns: &[("article_id", Int), ("related_id", Int), ("score", Int)],
        omitted: &[],
        order_by: "article_id, related_id",
        identity: false,
        later: &[],
        replace: false,
    },
    Table {
        name: "comments",
        columns: &[
            ("id", Int),
            ("article_id", Int),
            ("parent_id", Int),
            ("thread_id", Int),
            ("depth", Int),
            ("author_id", Int),
            ("body_source", Text),
            ("body_html", Text),
            ("status", Text),
            ("created_at", Time),
            ("edited_at", Time),
            ("like_count", Int),
            ("reply_count", Int),
            ("held_reason", Text),
            ("moderation_note", Text),
            ("spam_score", Real),
            ("trained_as", Text),
            ("pinned_at", Time),
            ("open_reports", Int),
            ("guest_id", Int),
        ],
        omitted: &[],
        // A reply is always younger than what it answers, so id order writes parents first.
        order_by: "id",
        identity: true,
        later: &[],
        replace: false,
    },
    Table {
        name: "comment_likes",
        columns: &[("comment_id", Int), ("user_id", Int), ("created_at", Time)],
        omitted: &[],
        order_by: "comment_id, user_id",
        identity: false,
        later: &[],
        replace: false,
    },
    Table {
        name: "comment_reports",
        columns: &[
            ("id", Int),
            ("comment_id", Int),
            ("reporter_id", Int),
            ("reason", Text),
            ("note", Text),
            ("created_at", Time),
            ("resolved_at", Time),
            ("counts_toward_hiding", Bool),
        ],
        omitted: &[],
        order_by: "id",
        identity: true,
        later: &[],
        replace: false,
    },
    Table {
        name: "comment_policies",
        columns: &[
            ("scope", Text),
            ("scope_id", Int),
            ("mode", Text),
            ("premoderate_first", Int),
            ("auto_close_days", Int),
            ("updated_at", Time),
        ],
        omitted: &[],
        order_by: "scope, scope_id",
        identity: false,
        later: &[],
        replace: true,
    },
    Table {
        name: "moderation_settings",
        columns: &[
            ("id", Int),
            ("link_hold_below", Int),
            ("report_threshold", Int),
            ("report_requires_verified", Bool),
            ("report_min_account_days", Int),
            ("report_min_approved", Int),
            ("spam_threshold", Real),
            ("banned_words", Text),
            ("suspect_words", Text),
            ("words_version", Int),
            ("spam_docs", Int),
            ("ham_docs", Int),
        ],
        omitted: &[],
        order_by: "id",
        identity: false,
        later: &[],
        replace: true,
    },
    Table {
        name: "spam_tokens",
        columns: &[("token", Text), ("spam", Int), ("ham", Int)],
        omitted: &[],
        order_by: "token",
        identity: false,
        later: &[],
        replace: false,
    },
    Table {
        name: "moderation_log",
        columns: &[
            ("id", Int),
            ("at", Time),
            ("actor_id", Int),
            ("actor_name", Text),
            ("action", Text),
            ("comment_id", Int),
            ("user_id", Int),
            ("reason", Text),
            ("before", Text),
            ("after", Text),
            ("undone_by", Int),
        ],
        omitted: &[],
        order_by: "id",
        identity: true,
        // An undone row points at the (later) row of its undo.
        later: &["undone_by"],
        replace: false,
    },
    Table {
        name: "webhooks",
        columns: &[
            ("id", Int),
            ("url", Text),
            ("events", Text),
            ("active", Bool),
            ("created_by", Int),
            ("created_at", Time),
        ],
        omitted: &[Omitted {
            column: "secret",
            why: "a signing secret lets whoever holds it forge the site's deliveries; an import \
                  gives each endpoint a new one, to be handed to its receiver",
            fill: new_webhook_secret,
        }],
        order_by: "id",
        identity: true,
        later: &[],
        replace: false,
    },
    Table {
        name: "mail_preferences",
        columns: &[
            ("user_id", Int),
            ("replies", Bool),
            ("mentions", Bool),
            ("daily_digest", Bool),
            ("digest_sent_until", Time),
            ("queue_alert_at", Int),
            ("queue_alerted", Bool),
        ],
        omitted: &[],
        order_by: "user_id",
        identity: false,
        later: &[],
        replace: false,
    },
    // Carried so a digest that has not gone out yet goes out from the new site.
    Table {
        name: "notifications",
        columns: &[
            ("id", Int),
            ("comment_id", Int),
            ("recipient_id", Int),
            ("kind", Text),
            ("daily", Bool),
            ("created_at", Time),
            ("queued_at", Time),
        ],
        omitted: &[],
        order_by: "id",
        identity: true,
        later: &[],
        replace: false,
    },
    // What earlier imports brought in (so running one again changes nothing) and the old
    // WordPress addresses that answer with a redirect.
    Table {
        name: "import_sources",
        columns: &[
            ("source", Text),
            ("kind", Text),
            ("external_id", Text),
            ("local_id", Int),
        ],
        omitted: &[],
        order_by: "source, kind, external_id",
        identity: false,
        later: &[],
        replace: false,
    },
];

/// Tables of the schema that are not exported, and why. SQLite's FTS5 keeps its own tables
/// beside `article_search`; PostgreSQL has no counterpart of those.
pub static NOT_EXPORTED: &[(&str, &str)] = &[
    (
        "_sqlx_migrations",
        "the schema's own history: an import runs the migrations itself",
    ),
    (
        "site_secrets",
        "secrets (the CSRF signing key): a site makes its own on first start",
    ),
    (
        "sessions",
        "sign-in secrets: members sign in again on the new site",
    ),
    (
        "password_resets",
        "one-time secrets that expire within hours",
    ),
    (
        "api_tokens",
        "credentials: their holders create new tokens on the new site",
    ),
    (
        "signin_failures",
        "throttle counters that expire within minutes",
    ),
    (
        "rate_windows",
        "rate-limit counters that expire within minutes",
    ),
    (
        "webhook_deliveries",
        "the delivery queue: replayed on another site it would send again",
    ),
    (
        "signin_links",
        "one-time secrets that expire within 15 minutes",
    ),
    (
        "oidc_logins",
        "single sign-ons in progress, each for at most ten minutes",
    ),
    (
        "pending_signups",
        "sign-ups waiting for their mailed link (a day at most); the person signs up again",
    ),
    (
        "email_verifications",
        "one-time secrets: a member not yet verified asks for a new link on the new site",
    ),
    (
        "mail_queue",
        "outgoing mail: replayed on another site it would send again (export once it is empty)",
    ),
    (
        "job_cursors",
        "background jobs' progress; a new site starts its own",
    ),
    (
        "article_search",
        "the search index: rebuilt from the articles on import",
    ),
    (
        "article_search_data",
        "FTS5 storage of the search index (SQLite)",
    ),
    (
        "article_search_idx",
        "FTS5 storage of the search index (SQLite)",
    ),
    (
        "article_search_content",
        "FTS5 storage of the search index (SQLite)",
    ),
    (
        "article_search_docsize",
        "FTS5 storage of the search index (SQLite)",
    ),
    (
        "article_search_config",
        "FTS5 storage of the search index (SQLite)",
    ),
];

fn no_password() -> Cell {
    // Not a PHC string, so no password verifies against it until the member sets one.
    Cell::Text(String::new())
}

fn new_webhook_secret() -> Cell {
    let bytes = rand::random::<[u8; 32]>();
    Cell::Text(format!(
        "whsec_{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    ))
}

/// One value of a record.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Time(DateTime<Utc>),
    Bool(bool),
}

impl Cell {
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value;
        match self {
            Cell::Null => Value::Null,
            Cell::Int(i) => Value::from(*i),
            Cell::Real(f) => serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number),
            Cell::Text(s) => Value::from(s.as_str()),
            Cell::Time(t) => Value::from(format_time(*t)),
            Cell::Bool(b) => Value::from(*b),
        }
    }

    /// Reads a JSON value as a column of `kind`; the message names what was expected.
    pub fn from_json(kind: Kind, value: &serde_json::Value) -> std::result::Result<Cell, String> {
        use serde_json::Value;
        let wrong = || format!("expected {} or null, found {value}", kind.describe());
        Ok(match (kind, value) {
            (_, Value::Null) => Cell::Null,
            (Kind::Int, Value::Number(n)) => Cell::Int(n.as_i64().ok_or_else(wrong)?),
            (Kind::Real, Value::Number(n)) => Cell::Real(n.as_f64().ok_or_else(wrong)?),
            (Kind::Text, Value::String(s)) => Cell::Text(s.clone()),
            (Kind::Time, Value::String(s)) => Cell::Time(
                DateTime::parse_from_rfc3339(s)
                    .map_err(|e| format!("`{s}` is not an RFC 3339 time: {e}"))?
                    .with_timezone(&Utc)
                    .trunc_subsecs(6),
            ),
            (Kind::Bool, Value::Bool(b)) => Cell::Bool(*b),
            _ => return Err(wrong()),
        })
    }
}

/// Times as UTC, to the microsecond, with as few fraction digits as needed: one spelling for
/// both backends, so exports of the same site are byte for byte the same.
pub fn format_time(t: DateTime<Utc>) -> String {
    t.trunc_subsecs(6)
        .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}

/// One record as a line of JSON (without the newline), keys in the table's column order.
pub fn record_line(table: &Table, cells: &[Cell]) -> String {
    let mut line = String::from("{");
    for (i, ((name, _), cell)) in table.columns.iter().zip(cells).enumerate() {
        if i > 0 {
            line.push(',');
        }
        line.push_str(&serde_json::Value::from(*name).to_string());
        line.push(':');
        line.push_str(&cell.to_json().to_string());
    }
    line.push('}');
    line
}

/// Parses one line of `table`'s file: an object with exactly the table's keys.
pub fn parse_record(table: &Table, line: &str) -> std::result::Result<Vec<Cell>, String> {
    let value: serde_json::Value =
        serde_json::from_str(line).map_err(|e| format!("not valid JSON: {e}"))?;
    let serde_json::Value::Object(map) = value else {
        return Err("expected a JSON object (one record per line)".to_owned());
    };
    if let Some(unknown) = map
        .keys()
        .find(|k| !table.columns.iter().any(|(c, _)| c == k))
    {
        return Err(format!(
            "unknown field `{unknown}` for a record of {}",
            table.name
        ));
    }
    table
        .columns
        .iter()
        .map(|(name, kind)| {
            let value = map
                .get(*name)
                .ok_or_else(|| format!("the field `{name}` is missing"))?;
            Cell::from_json(*kind, value).map_err(|e| format!("field `{name}`: {e}"))
        })
        .collect()
}

/// Where an import's records come from (the export directory's files, read line by line).
pub trait RecordSource: Send {
    /// The next record of `table` and where it is (`file:line`, for messages), or `None` after
    /// the last. An error is a message ready to show, with its place.
    fn next_record(
        &mut self,
        table: &'static Table,
    ) -> std::result::Result<Option<(String, Vec<Cell>)>, String>;
}

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
async fn export_tables(tx: &mut Tx, sink: &mut Sink<'_>) -> Result<Vec<(&'static str, u64)>> {
    let backend = tx.backend();
    let mut counts = Vec::with_capacity(TABLES.len());
    for table in TABLES {
        let sql = select_sql(table, backend);
        let mut n = 0u64;
        query(&sql)
            .for_each_row(&mut *tx, |row| {
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
    reindex(tx).await?;
    Ok(counts)
}

/// The database's own words for why it refused a record (as sqlx's error reads).
fn refusal(e: &Error) -> String {
    match e {
        Error::Database(e) => e.to_string(),
        other => other.to_string(),
    }
}

/// Rebuilds every article's row of the search index from the article, its tags and bylines,
/// as writing the article does, a batch of articles at a time.
async fn reindex(tx: &mut Tx) -> Result<()> {
    let mut after = 0i64;
    loop {
        let batch: Vec<(i64, String, String, String)> = query(
            "SELECT id, title, summary, body_source FROM articles WHERE id > $1 \
             ORDER BY id LIMIT 500",
        )
        .bind(after)
        .fetch_all(&mut *tx)
        .await?;
        let Some(last) = batch.last() else { break };
        let last = last.0;
        let names: Vec<(i64, String, i64)> = query(
            "SELECT x.article_id, t.name, 0 FROM article_tags x JOIN tags t ON t.id = x.tag_id \
             WHERE x.article_id > $1 AND x.article_id <= $2 \
             UNION ALL \
             SELECT x.article_id, au.name, 1 + CAST(x.position AS BIGINT) FROM article_authors x \
             JOIN authors au ON au.id = x.author_id \
             WHERE x.article_id > $1 AND x.article_id <= $2 \
             ORDER BY 1, 3, 2",
        )
        .bind(after)
        .bind(last)
        .fetch_all(&mut *tx)
        .await?;
        for (id, title, summary, body_source) in batch {
            let of = |bylines: bool| {
                names
                    .iter()
                    .filter(|(a, _, k)| *a == id && (*k > 0) == bylines)
                    .map(|(_, n, _)| n.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let (tags, authors) = (of(false), of(true));
            let body = crate::domain::search::markdown_text(&body_source);
            let text = IndexedText {
                title: &title,
                summary: &summary,
                body: &body,
                tags: &tags,
                authors: &authors,
            };
            index_article(&mut *tx, id, &text).await?;
        }
        after = last;
    }
    Ok(())
}

impl Store {
    /// Reads the whole site in one snapshot (a read transaction; REPEATABLE READ on
    /// PostgreSQL), handing each record to `sink` in file order; returns each table's count.
    pub async fn export_site(
        &self,
        sink: &mut (dyn FnMut(&'static Table, Vec<Cell>) -> std::io::Result<()> + Send),
    ) -> Result<Vec<(&'static str, u64)>> {
        let mut tx = self.begin_read().await?;
        if tx.backend() == Backend::Postgres {
            query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .execute(&mut tx)
                .await?;
        }
        let counts = export_tables(&mut tx, sink).await?;
        tx.commit().await?;
        Ok(counts)
    }

    /// Writes an export into this site, which must be empty, in one transaction: on any
    /// error nothing changes. Ids are kept, so every reference holds; the search index is
    /// rebuilt. Returns each table's count.
    pub async fn import_site(
        &self,
        source: &mut dyn RecordSource,
    ) -> Result<Vec<(&'static str, u64)>> {
        let mut tx = self.begin().await?;
        let counts = import_tables(&mut tx, source).await?;
        tx.commit().await?;
        Ok(counts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_omitted_column_is_filled_and_tables_are_unique() {
        let mut names: Vec<&str> = TABLES.iter().map(|t| t.name).collect();
        names.extend(NOT_EXPORTED.iter().map(|(n, _)| *n));
        let count = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), count, "a table is listed twice");
        for t in TABLES {
            assert!(
                t.later
                    .iter()
                    .all(|l| t.columns.iter().any(|(c, _)| c == l))
            );
            assert!(t.later.is_empty() || t.columns[0].0 == "id");
        }
        assert_eq!(no_password(), Cell::Text(String::new()));
        assert_ne!(new_webhook_secret(), new_webhook_secret());
    }

    #[test]
    fn a_record_reads_back_as_written() {
        let table = TABLES.iter().find(|t| t.name == "webhooks").unwrap();
        let t = DateTime::parse_from_rfc3339("2026-06-01T12:00:00.123456789Z")
            .unwrap()
            .with_timezone(&Utc);
        let cells = vec![
            Cell::Int(7),
            Cell::Text("https://example.org/hook \"quoted\"".into()),
            Cell::Text("comment.created".into()),
            Cell::Bool(true),
            Cell::Null,
            Cell::Time(t),
        ];
        let line = record_line(table, &cells);
        assert!(line.starts_with("{\"id\":7,\"url\":"), "{line}");
        assert!(
            line.contains("\"created_at\":\"2026-06-01T12:00:00.123456Z\""),
            "{line}"
        );
        let back = parse_record(table, &line).unwrap();
        assert_eq!(back[..5], cells[..5]);
        assert_eq!(back[5], Cell::Time(t.trunc_subsecs(6)));
    }

    #[test]
    fn bad_records_say_what_is_wrong() {
        let table = TABLES.iter().find(|t| t.name == "tags").unwrap();
        let err = |line: &str| parse_record(table, line).unwrap_err();
        assert!(err("{\"id\":1,\"slug\":\"a\"").contains("not valid JSON"));
        assert!(err("[1]").contains("JSON object"));
        assert!(err("{\"id\":1,\"slug\":\"a\"}").contains("`name` is missing"));
        assert!(
            err("{\"id\":\"1\",\"slug\":\"a\",\"name\":\"A\"}")
                .contains("field `id`: expected an integer")
        );
        assert!(
            err("{\"id\":1,\"slug\":\"a\",\"name\":\"A\",\"x\":1}").contains("unknown field `x`")
        );
    }
}
