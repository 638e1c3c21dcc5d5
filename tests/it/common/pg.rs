//! PostgreSQL for the tests: the admin URL, each test's own database cloned from a template
//! migrated once (named by a hash of the migrations, built under an advisory lock).

use super::*;

pub fn pg_admin_url() -> String {
    std::env::var("BROADSHEET_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned())
}

pub(super) fn pg_required() -> bool {
    std::env::var("BROADSHEET_TEST_REQUIRE_PG").is_ok_and(|v| v == "1" || v == "true")
}

pub(super) fn pg_url_for(admin_url: &str, db: &str) -> String {
    let (base, _) = admin_url
        .rsplit_once('/')
        .expect("database URL with a path");
    format!("{base}/{db}")
}

/// Creates a database for one test from the migrated template, creating the template first
/// when this set of migrations has none yet.
pub(super) async fn create_pg_database(admin_url: &str) -> Result<String, sqlx::Error> {
    let mut admin = tokio::time::timeout(
        Duration::from_secs(5),
        sqlx::PgConnection::connect(admin_url),
    )
    .await
    .map_err(|_| sqlx::Error::PoolTimedOut)??;
    let template = format!("bs_tpl_{}", migrations_hash());
    sqlx::query("SELECT pg_advisory_lock(727274)")
        .execute(&mut admin)
        .await?;
    let result = async {
        let exists: Option<(i32,)> = sqlx::query_as("SELECT 1 FROM pg_database WHERE datname = $1")
            .bind(&template)
            .fetch_optional(&mut admin)
            .await?;
        if exists.is_none() {
            let building = format!("{template}_building");
            sqlx::query(&format!(
                "DROP DATABASE IF EXISTS \"{building}\" WITH (FORCE)"
            ))
            .execute(&mut admin)
            .await?;
            sqlx::query(&format!("CREATE DATABASE \"{building}\""))
                .execute(&mut admin)
                .await?;
            let store = Store::open(
                &pg_url_for(admin_url, &building),
                &ConnectOptions::default(),
            )
            .await
            .map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
            store.close().await;
            // A database with sessions cannot be renamed (PostgreSQL waits 5 s for them, then
            // refuses), and the closed pool can leave one behind: its connection to the
            // migrator's unlock stayed open for minutes in a run. Nothing else uses this
            // database (we hold the lock), so its sessions are ended; the retry covers the
            // moment they take to go.
            sqlx::query(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                 WHERE datname = $1 AND pid <> pg_backend_pid()",
            )
            .bind(&building)
            .execute(&mut admin)
            .await?;
            let rename = format!("ALTER DATABASE \"{building}\" RENAME TO \"{template}\"");
            let mut attempts = 0;
            while let Err(e) = sqlx::query(&rename).execute(&mut admin).await {
                attempts += 1;
                if attempts == 50 {
                    return Err(e);
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
        let name = format!(
            "bs_test_{}_{}_{:08x}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed),
            rand_u32()
        );
        sqlx::query(&format!(
            "CREATE DATABASE \"{name}\" TEMPLATE \"{template}\""
        ))
        .execute(&mut admin)
        .await?;
        Ok(name)
    }
    .await;
    let _ = sqlx::query("SELECT pg_advisory_unlock(727274)")
        .execute(&mut admin)
        .await;
    result
}

pub(super) fn rand_u32() -> u32 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    nanos ^ (std::process::id() << 16)
}

pub(super) fn migrations_hash() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/postgres");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut h = Sha256::new();
    for f in files {
        h.update(f.file_name().unwrap().to_string_lossy().as_bytes());
        h.update(std::fs::read(&f).unwrap());
    }
    hex::encode(&h.finalize()[..6])
}

/// A new database with nothing in it, not even migrations (for a test that migrates it step by
/// step), removed when dropped.
pub struct ScratchDatabase {
    pub url: String,
    _sqlite_dir: Option<tempfile::TempDir>,
    postgres: Option<(String, String)>,
}

impl ScratchDatabase {
    /// `None` when PostgreSQL is not reachable and not required.
    pub async fn create(backend: Backend) -> Option<ScratchDatabase> {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().unwrap();
                Some(ScratchDatabase {
                    url: format!("sqlite://{}", dir.path().join("scratch.db").display()),
                    _sqlite_dir: Some(dir),
                    postgres: None,
                })
            }
            Backend::Postgres => {
                let admin_url = pg_admin_url();
                let connected = tokio::time::timeout(
                    Duration::from_secs(5),
                    sqlx::PgConnection::connect(&admin_url),
                )
                .await;
                let mut admin = match connected {
                    Ok(Ok(c)) => c,
                    _ if !pg_required() => return None,
                    _ => panic!("PostgreSQL is required but unreachable at {admin_url}"),
                };
                let name = format!(
                    "bs_scratch_{}_{}_{:08x}",
                    std::process::id(),
                    COUNTER.fetch_add(1, Ordering::Relaxed),
                    rand_u32()
                );
                sqlx::query(&format!("CREATE DATABASE \"{name}\""))
                    .execute(&mut admin)
                    .await
                    .unwrap();
                Some(ScratchDatabase {
                    url: pg_url_for(&admin_url, &name),
                    _sqlite_dir: None,
                    postgres: Some((admin_url, name)),
                })
            }
        }
    }
}

impl Drop for ScratchDatabase {
    fn drop(&mut self) {
        let Some((admin_url, name)) = self.postgres.take() else {
            return;
        };
        // Drop runs outside async; a short-lived runtime on its own thread drops the database.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async {
                if let Ok(mut c) = sqlx::PgConnection::connect(&admin_url).await {
                    let drop = format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                    let _ = sqlx::query(&drop).execute(&mut c).await;
                }
            });
        })
        .join();
    }
}
