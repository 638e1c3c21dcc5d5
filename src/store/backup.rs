//! Online backups of a SQLite database.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::ConnectOptions as _;
use sqlx::sqlite::SqliteConnectOptions;

/// Writes a consistent copy of the SQLite database at `url` to the new file `dest` with
/// `VACUUM INTO`, while other connections keep reading and writing: the copy is one read
/// transaction's snapshot, compacted, and includes what the WAL holds. `dest` must not exist.
pub async fn sqlite_backup(url: &str, dest: &Path) -> anyhow::Result<u64> {
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
    // The path is a bound parameter, never spliced into the SQL. SQLite refuses to write into
    // a file that exists and is not empty, so a race with another writer cannot clobber one.
    sqlx::query("VACUUM INTO $1")
        .bind(dest_str)
        .execute(&mut conn)
        .await
        .map_err(|e| anyhow::anyhow!("the backup to {} failed: {e}", dest.display()))?;
    drop(conn);
    // VACUUM INTO does not sync its output; make the copy durable before saying it is done.
    let file = std::fs::File::open(dest)?;
    file.sync_all()?;
    Ok(file.metadata()?.len())
}
