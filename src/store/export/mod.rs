//! The whole site as records, and back: what `broadsheet export` writes and `broadsheet import`
//! of an export directory reads (docs/export.md describes the format).
//!
//! Every table of the schema is either in [`TABLES`] (exported, column by column, with the
//! kind of each column so both backends read and write it with their native types) or in
//! [`NOT_EXPORTED`] with the reason; `tests/it/export.rs` lists the schema's tables and columns and
//! fails on one that is in neither, so a table added later cannot be left out silently. To
//! export a new table: add a [`Table`] in an order where what it references comes first.

mod omitted;
mod tables;
mod transfer;

use chrono::{DateTime, SubsecRound, Utc};

pub use omitted::NOT_EXPORTED;
pub use tables::TABLES;

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

/// Columns added since format 1 that may be null: an export made before one existed lacks it,
/// and it reads as null (no language chosen, no time zone, a member of staff as the actor).
const ADDED_LATER: &[(&str, &str)] = &[
    ("users", "time_zone"),
    ("users", "locale"),
    ("articles", "lang"),
    ("moderation_log", "actor_kind"),
];

/// Parses one line of `table`'s file: an object with the table's keys (those `ADDED_LATER`
/// may be missing) and no others.
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
        .map(|(name, kind)| match map.get(*name) {
            Some(value) => {
                Cell::from_json(*kind, value).map_err(|e| format!("field `{name}`: {e}"))
            }
            None if ADDED_LATER.contains(&(table.name, *name)) => Ok(Cell::Null),
            None => Err(format!("the field `{name}` is missing")),
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

#[cfg(test)]
mod tests {
    use super::omitted::{new_webhook_secret, no_password};
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
    fn a_column_added_later_may_be_missing_from_an_older_export() {
        let log = TABLES.iter().find(|t| t.name == "moderation_log").unwrap();
        let mut cells: Vec<Cell> = log.columns.iter().map(|_| Cell::Null).collect();
        let kind = log
            .columns
            .iter()
            .position(|(c, _)| *c == "actor_kind")
            .unwrap();
        cells[kind] = Cell::Text("site".into());
        let line = record_line(log, &cells);
        let older = line.replace("\"actor_kind\":\"site\",", "");
        assert_ne!(older, line, "{line}");
        assert_eq!(parse_record(log, &older).unwrap()[kind], Cell::Null);
        // Any other column is still required.
        let without_action = line.replace("\"action\":null,", "");
        assert_ne!(without_action, line, "{line}");
        assert!(
            parse_record(log, &without_action)
                .unwrap_err()
                .contains("`action` is missing")
        );
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
