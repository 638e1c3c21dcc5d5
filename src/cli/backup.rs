//! `broadsheet backup DEST`: a consistent copy of a SQLite database while the site serves.
//! PostgreSQL has its own tools for this; the command says how to use them.

use std::path::Path;

use super::progress::{Interrupt, Progress, Unit};
use crate::config::Config;

pub async fn run(config: Config, dest: &Path) -> anyhow::Result<()> {
    if config.database_url.is_postgres() {
        // Printed with the password redacted; pg_dump reads it from PGPASSWORD or ~/.pgpass.
        let url = &config.database_url;
        anyhow::bail!(
            "`broadsheet backup` copies SQLite databases only. Back up PostgreSQL with its own \
             tools, which take a consistent snapshot while the site serves:\n\n  \
             pg_dump --format=custom --file={dest} '{url}'\n\n\
             and restore into a new, empty database with:\n\n  \
             createdb NEWDB && pg_restore --no-owner --dbname=NEWDB {dest}\n\n\
             then point BROADSHEET_DATABASE_URL at NEWDB and restart the servers. \
             (The password is shown as ***; give it with PGPASSWORD or ~/.pgpass.)",
            dest = dest.display()
        );
    }
    let interrupt = Interrupt::listen();
    let progress = Progress::start("backup", Unit::Bytes, None, &interrupt);
    let result =
        crate::store::backup::sqlite_backup(config.database_url.expose(), dest, &progress).await;
    progress.finish();
    let bytes = match result {
        Err(e) if matches!(e.downcast_ref(), Some(crate::store::Error::Interrupted)) => {
            anyhow::bail!(
                "interrupted: no backup was made; the partial copy {} was removed",
                dest.display()
            )
        }
        other => other?,
    };
    println!(
        "backed up {} to {} ({} KiB)",
        config.database_url,
        dest.display(),
        bytes.div_ceil(1024)
    );
    Ok(())
}
