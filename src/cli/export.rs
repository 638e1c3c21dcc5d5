//! `broadsheet export DEST` and `broadsheet import EXPORT_DIR`: the whole site as a directory of
//! JSON Lines files and a manifest (docs/export.md), and back into an empty site.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::progress::{Interrupt, Progress, Unit, count, count_of, nothing_imported};
use crate::config::Config;
use crate::domain::Clock;
use crate::store::export::{
    Cell, FORMAT_VERSION, RecordSource, TABLES, Table, format_time, parse_record, record_line,
};
use crate::store::{Silent, Store};

pub const MANIFEST: &str = "manifest.json";
/// What `manifest.json` says in `format`, so a stray directory is not mistaken for an export.
const FORMAT_NAME: &str = "broadsheet-export";
/// At most this many problems are listed when an export is refused.
const MAX_PROBLEMS: usize = 20;

#[derive(Debug, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub format_version: u32,
    pub exported_at: String,
    pub site: SiteInfo,
    /// Each record kind's file and how many records it holds, by table name.
    pub files: BTreeMap<String, FileInfo>,
    /// Columns deliberately left out, as `table.column`, with why.
    pub omitted: BTreeMap<String, String>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct SiteInfo {
    pub name: String,
    pub base_url: String,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct FileInfo {
    pub file: String,
    pub records: u64,
}

fn file_name(table: &Table) -> String {
    format!("{}.jsonl", table.name)
}

/// True when `path` looks like an export (a directory with a manifest), for `broadsheet import`.
pub fn is_export_dir(path: &Path) -> bool {
    path.is_dir() && path.join(MANIFEST).is_file()
}

pub async fn run_export(config: Config, dest: &Path) -> anyhow::Result<()> {
    let store = super::open_store(&config).await?;
    let now = Clock::system().now();
    let interrupt = Interrupt::listen();
    let progress = Progress::start("export", Unit::Items("records"), None, &interrupt);
    let (site_name, base_url) = (&config.site_name, &config.base_url);
    let result = export_site_with(&store, dest, site_name, base_url, now, &progress).await;
    progress.finish();
    store.close().await;
    let manifest = match result {
        Err(_) if progress.interrupted() => anyhow::bail!(
            "interrupted: nothing was exported; the files written so far were removed from {}",
            dest.display()
        ),
        other => other?,
    };
    let total: u64 = manifest.files.values().map(|f| f.records).sum();
    println!(
        "exported {} to {} ({} and {MANIFEST}); passwords, sessions, API tokens and webhook \
         secrets are not part of an export",
        count(total, "record", "records"),
        dest.display(),
        count_of(manifest.files.len(), "file", "files")
    );
    Ok(())
}

/// Writes the site into the new (or empty) directory `dest`: one file per table, then the
/// manifest, which is written last so a directory without one is an unfinished export.
pub async fn export_site(
    store: &Store,
    dest: &Path,
    site_name: &str,
    base_url: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Manifest> {
    export_site_with(store, dest, site_name, base_url, now, &Silent).await
}

/// [`export_site`], telling `progress` of each record; when it asks to stop, the export stops
/// and what it wrote is removed.
pub async fn export_site_with(
    store: &Store,
    dest: &Path,
    site_name: &str,
    base_url: &str,
    now: DateTime<Utc>,
    progress: &dyn crate::store::Progress,
) -> anyhow::Result<Manifest> {
    let created = prepare_dest(dest)?;
    let result = write_export(store, dest, site_name, base_url, now, progress).await;
    if result.is_err() {
        // The directory was new or empty, so these files are this run's: leave no half export.
        for name in TABLES.iter().map(file_name).chain([MANIFEST.to_owned()]) {
            let _ = std::fs::remove_file(dest.join(name));
        }
        if created {
            let _ = std::fs::remove_dir(dest);
        }
    }
    result
}

async fn write_export(
    store: &Store,
    dest: &Path,
    site_name: &str,
    base_url: &str,
    now: DateTime<Utc>,
    progress: &dyn crate::store::Progress,
) -> anyhow::Result<Manifest> {
    let mut writers = Vec::with_capacity(TABLES.len());
    for table in TABLES {
        let path = dest.join(file_name(table));
        let file = File::create_new(&path)
            .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", path.display()))?;
        writers.push((table.name, BufWriter::new(file)));
    }
    let mut sink = |table: &'static Table, cells: Vec<Cell>| -> std::io::Result<()> {
        let (_, w) = writers
            .iter_mut()
            .find(|(name, _)| *name == table.name)
            .expect("a writer per table");
        w.write_all(record_line(table, &cells).as_bytes())?;
        w.write_all(b"\n")
    };
    let counts = store.export_site(&mut sink, progress).await?;
    for (name, w) in writers {
        w.into_inner()
            .map_err(|e| anyhow::anyhow!("cannot write {name}.jsonl: {e}"))?
            .sync_all()?;
    }
    let manifest = Manifest {
        format: FORMAT_NAME.to_owned(),
        format_version: FORMAT_VERSION,
        exported_at: format_time(now),
        site: SiteInfo {
            name: site_name.to_owned(),
            base_url: base_url.to_owned(),
        },
        files: counts
            .into_iter()
            .map(|(name, records)| {
                (
                    name.to_owned(),
                    FileInfo {
                        file: format!("{name}.jsonl"),
                        records,
                    },
                )
            })
            .collect(),
        omitted: TABLES
            .iter()
            .flat_map(|t| {
                t.omitted
                    .iter()
                    .map(move |o| (format!("{}.{}", t.name, o.column), o.why.to_owned()))
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&manifest)?;
    text.push('\n');
    std::fs::write(dest.join(MANIFEST), text)?;
    Ok(manifest)
}

/// Refuses a `dest` that exists and is not an empty directory; creates it when missing (and
/// then says so).
fn prepare_dest(dest: &Path) -> anyhow::Result<bool> {
    match std::fs::read_dir(dest) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                anyhow::bail!(
                    "{} is not empty; an export is written only into a new or empty directory: \
                     choose another name or move its contents away",
                    dest.display()
                );
            }
            Ok(false)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => std::fs::create_dir_all(dest)
            .map(|()| true)
            .map_err(|e| anyhow::anyhow!("cannot create the directory {}: {e}", dest.display())),
        Err(_) if dest.exists() => anyhow::bail!(
            "{} exists and is not a directory; an export is written into a new or empty directory",
            dest.display()
        ),
        Err(e) => anyhow::bail!("cannot read {}: {e}", dest.display()),
    }
}

pub async fn run_import(config: Config, dir: &Path) -> anyhow::Result<()> {
    let store = super::open_store(&config).await?;
    let interrupt = Interrupt::listen();
    let progress = Progress::start("import", Unit::Items("records"), None, &interrupt);
    let result = import_site_with(&store, dir, &progress).await;
    progress.finish();
    if result.is_ok() {
        // Serving processes on PostgreSQL drop their cached pages; on SQLite they expire.
        let _ = store
            .notify(
                crate::web::cache::CHANNEL,
                crate::web::cache::Change::EVERYTHING,
            )
            .await;
    }
    store.close().await;
    let counts = result?;
    let of = |name: &str| counts.iter().find(|(n, _)| *n == name).map_or(0, |c| c.1);
    let total: u64 = counts.iter().map(|c| c.1).sum();
    println!(
        "imported {} from {}: {}, {}, {}",
        count(total, "record", "records"),
        dir.display(),
        count(of("articles"), "article", "articles"),
        count(of("comments"), "comment", "comments"),
        count(of("users"), "account", "accounts")
    );
    println!(
        "accounts have no password yet: each member (and each editor and admin) sets one with \
         \"Forgot your password?\" at /reset"
    );
    if of("webhooks") > 0 {
        println!(
            "webhook endpoints have new signing secrets: give each receiver its new secret, \
             shown at /admin/webhooks"
        );
    }
    Ok(())
}

/// Reads the export in `dir` into the empty site: every file is checked first (a malformed line
/// is reported as `file:line: message`), then written in one transaction.
pub async fn import_site(store: &Store, dir: &Path) -> anyhow::Result<Vec<(&'static str, u64)>> {
    import_site_with(store, dir, &Silent).await
}

/// [`import_site`], telling `progress` of each record written; when it asks to stop, nothing
/// is imported.
pub async fn import_site_with(
    store: &Store,
    dir: &Path,
    progress: &dyn crate::store::Progress,
) -> anyhow::Result<Vec<(&'static str, u64)>> {
    let manifest = read_manifest(dir)?;
    let mut problems = Vec::new();
    for table in TABLES {
        let Some(mut reader) = open_table(dir, &manifest, table, &mut problems) else {
            continue;
        };
        let mut records = 0u64;
        loop {
            match reader.next_record(table) {
                Ok(Some(_)) => records += 1,
                Ok(None) => break,
                Err(message) => problems.push(message),
            }
            if problems.len() >= MAX_PROBLEMS {
                break;
            }
        }
        if let Some(info) = manifest.files.get(table.name)
            && info.records != records
            && problems.len() < MAX_PROBLEMS
        {
            problems.push(format!(
                "{}: the manifest counts {} records, the file holds {records}; is it complete?",
                reader.path.display(),
                info.records
            ));
        }
    }
    if let Some(unknown) = manifest
        .files
        .keys()
        .find(|k| !TABLES.iter().any(|t| t.name == k.as_str()))
    {
        problems.push(format!(
            "{}: lists `{unknown}`, which this version of Broadsheet does not know; import with \
             the version that made the export, or a newer one",
            dir.join(MANIFEST).display()
        ));
    }
    if !problems.is_empty() {
        problems.truncate(MAX_PROBLEMS);
        anyhow::bail!(
            "nothing was imported; fix these and run the import again:\n  {}",
            problems.join("\n  ")
        );
    }
    progress.set_total(manifest.files.values().map(|f| f.records).sum());
    let mut source = DirSource {
        dir: dir.to_owned(),
        manifest,
        current: None,
    };
    store
        .import_site(&mut source, progress)
        .await
        .map_err(nothing_imported)
}

fn read_manifest(dir: &Path) -> anyhow::Result<Manifest> {
    let path = dir.join(MANIFEST);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        anyhow::anyhow!(
            "{}: cannot read it ({e}); is {} an export made by `broadsheet export`?",
            path.display(),
            dir.display()
        )
    })?;
    let manifest: Manifest = serde_json::from_str(&text)
        .map_err(|e| anyhow::anyhow!("{}:{}: {e}", path.display(), e.line()))?;
    if manifest.format != FORMAT_NAME {
        anyhow::bail!(
            "{}: `format` is `{}`, not `{FORMAT_NAME}`: this is not a Broadsheet export",
            path.display(),
            manifest.format
        );
    }
    if manifest.format_version != FORMAT_VERSION {
        anyhow::bail!(
            "{}: format version {} cannot be read by this version of Broadsheet, which reads \
             version {FORMAT_VERSION}",
            path.display(),
            manifest.format_version
        );
    }
    Ok(manifest)
}

struct TableReader {
    path: PathBuf,
    lines: std::io::Lines<BufReader<File>>,
    line: usize,
}

impl TableReader {
    fn next_record(
        &mut self,
        table: &'static Table,
    ) -> Result<Option<(String, Vec<Cell>)>, String> {
        loop {
            let Some(line) = self.lines.next() else {
                return Ok(None);
            };
            self.line += 1;
            let place = format!("{}:{}", self.path.display(), self.line);
            let line = line.map_err(|e| format!("{place}: cannot read the line: {e}"))?;
            // A blank line (the end of a file edited by hand) holds no record.
            if line.trim().is_empty() {
                continue;
            }
            return parse_record(table, &line)
                .map(|cells| Some((place.clone(), cells)))
                .map_err(|m| format!("{place}: {m}"));
        }
    }
}

/// Opens `table`'s file. A file the manifest does not list is absent from older exports and
/// reads as empty; a listed file must be there.
fn open_table(
    dir: &Path,
    manifest: &Manifest,
    table: &Table,
    problems: &mut Vec<String>,
) -> Option<TableReader> {
    let path = dir.join(file_name(table));
    let listed = manifest.files.contains_key(table.name);
    match File::open(&path) {
        Ok(f) => Some(TableReader {
            path,
            lines: BufReader::new(f).lines(),
            line: 0,
        }),
        Err(e) if !listed && e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            problems.push(format!("{}: cannot open it: {e}", path.display()));
            None
        }
    }
}

/// Reads the export's files in table order, for the store's import.
struct DirSource {
    dir: PathBuf,
    manifest: Manifest,
    current: Option<(&'static str, TableReader)>,
}

impl RecordSource for DirSource {
    fn next_record(
        &mut self,
        table: &'static Table,
    ) -> Result<Option<(String, Vec<Cell>)>, String> {
        if self.current.as_ref().is_none_or(|(n, _)| *n != table.name) {
            let mut problems = Vec::new();
            match open_table(&self.dir, &self.manifest, table, &mut problems) {
                Some(r) => self.current = Some((table.name, r)),
                None => match problems.pop() {
                    Some(p) => return Err(p),
                    None => return Ok(None),
                },
            }
        }
        let (_, reader) = self.current.as_mut().expect("opened above");
        reader.next_record(table)
    }
}
