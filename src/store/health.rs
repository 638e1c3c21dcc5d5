//! What `broadsheet check` asks of the database: which migrations ran, and whether it takes
//! writes (without keeping any).

use std::path::PathBuf;
use std::str::FromStr;

use super::{Backend, Result, Store, query};

impl Store {
    /// The SQLite file a `sqlite:` URL names; `None` for other URLs (and in-memory databases).
    pub fn sqlite_file(url: &str) -> Option<PathBuf> {
        if !url.starts_with("sqlite:") || url.contains(":memory:") {
            return None;
        }
        sqlx::sqlite::SqliteConnectOptions::from_str(url)
            .ok()
            .map(|o| o.get_filename().to_owned())
    }

    /// The migrations recorded as applied; none when the migrations table is not there yet.
    pub async fn applied_migrations_if_any(&self) -> Result<Vec<i64>> {
        let sql = match self.backend() {
            Backend::Sqlite => {
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'"
            }
            Backend::Postgres => {
                "SELECT COUNT(*) FROM information_schema.tables \
                 WHERE table_name = '_sqlx_migrations' AND table_schema = current_schema()"
            }
        };
        let tables: i64 = query(sql).scalar(self.read()).await?;
        if tables == 0 {
            return Ok(Vec::new());
        }
        self.applied_migrations().await
    }

    /// Writes a row in a transaction and rolls it back: an error says the database does not
    /// take writes (a read-only file or folder, a user without the privilege, a full disk).
    pub async fn probe_write(&self) -> Result<()> {
        let mut tx = self.begin().await?;
        query(
            "INSERT INTO site_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
        )
        .bind("broadsheet-check-probe")
        .bind("")
        .execute(&mut tx)
        .await?;
        tx.rollback().await
    }
}
