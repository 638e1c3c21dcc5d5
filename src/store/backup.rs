//! Online backups of a SQLite database.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::ConnectOptions as _;
use sqlx::sqlite::SqliteConnectOptions;

use super::{Error, Progress};

/// Writes a consistent copy of the SQLite database at `url` to the new file `dest` with
/// `VACUUM INTO`, while other connections keep reading and writing: the copy is one read
/// transaction's snapshot, compacted, and includes what the WAL holds. `dest` must not exist.
///
/// `progress` is told the size of the database's pages in use, then the copy's size as it
/// grows (the copy is compacted, so it may end smaller). When it asks to stop, the copy is
/// interrupted and removed, and the backup ends with [`Error::Interrupted`].
pub async fn sqlite_backup(url: &str, dest: &Path, progress: &dyn Progress) -> anyhow::Result<u64> {
    if dest.exists() {
        anyhow::bail!(
            "{} already exists; backups never overwrite a file: choose a new name or move it away first",
            dest.display()
        );
    }
    let Some(dest_str) = dest.to_str() else {
        anyhow::bail!("the backup path {} is not valid UTF-8", dest.display());
    };
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(false)
        .busy_timeout(Duration::from_secs(30));
    let source = options.get_filename().to_owned();
    let mut conn = options
        .connect()
        .await
        .map_err(|e| anyhow::anyhow!("cannot open the database {}: {e}", source.display()))?;
    let in_use: i64 = sqlx::query_scalar(
        "SELECT (p.page_count - f.freelist_count) * s.page_size \
         FROM pragma_page_count() p, pragma_freelist_count() f, pragma_page_size() s",
    )
    .fetch_one(&mut conn)
    .await?;
    progress.set_total(in_use.max(0) as u64);
    // The raw handle, kept as a number so the future stays Send; only for sqlite3_interrupt.
    let handle = conn.lock_handle().await?.as_raw_handle().as_ptr() as usize;
    // The path is a bound parameter, never spliced into the SQL. SQLite refuses to write into
    // a file that exists and is not empty, so a race with another writer cannot clobber one.
    let (result, copied, interrupted) = {
        let vacuum = sqlx::query("VACUUM INTO $1")
            .bind(dest_str)
            .execute(&mut conn);
        tokio::pin!(vacuum);
        let mut tick = tokio::time::interval(Duration::from_millis(200));
        let (mut copied, mut interrupted) = (0u64, false);
        let result = loop {
            tokio::select! {
                result = &mut vacuum => break result,
                _ = tick.tick() => {
                    let size = std::fs::metadata(dest).map_or(0, |m| m.len());
                    progress.advance(size.saturating_sub(copied));
                    copied = copied.max(size);
                    if progress.stop_requested() {
                        interrupted = true;
                        // SAFETY: the connection is open (the VACUUM above holds it), and SQLite
                        // documents sqlite3_interrupt as safe to call from another thread while
                        // a statement runs; with none running it does nothing (and is tried
                        // again at the next tick).
                        unsafe {
                            libsqlite3_sys::sqlite3_interrupt(handle as *mut libsqlite3_sys::sqlite3)
                        };
                    }
                }
            }
        };
        (result, copied, interrupted)
    };
    if let Err(e) = result {
        if interrupted {
            // This run created the file (it did not exist above): leave no partial copy.
            let _ = std::fs::remove_file(dest);
            return Err(Error::Interrupted.into());
        }
        anyhow::bail!("the backup to {} failed: {e}", dest.display());
    }
    drop(conn);
    // VACUUM INTO does not sync its output; make the copy durable before saying it is done.
    let file = std::fs::File::open(dest)?;
    file.sync_all()?;
    let size = file.metadata()?.len();
    // The compacted copy's size was only estimated by the pages in use: now it is known.
    progress.set_total(size);
    progress.advance(size.saturating_sub(copied));
    Ok(size)
}
