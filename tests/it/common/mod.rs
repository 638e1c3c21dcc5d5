//! The integration-test harness: [`TestApp`] starts the real application on an ephemeral port
//! with a fresh database and talks to it over HTTP.
//!
//! PostgreSQL: each test gets its own database, cloned from a template that is migrated once
//! (named by a hash of the migrations, created under an advisory lock so parallel test binaries
//! agree). The server is `BROADSHEET_TEST_PG_URL` (default: postgres://postgres@127.0.0.1:5432/test).
//! When it cannot be reached the PostgreSQL variants are skipped with a message, unless
//! `BROADSHEET_TEST_REQUIRE_PG=1` (as in CI), which turns that into a failure.
#![allow(dead_code)]

pub mod oidc;
mod setup;
pub mod smtp;

pub use setup::{Configured, Mail, Oidc, OidcWith, Plain, Setup};

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use broadsheet::config::Config;
use broadsheet::domain::{Clock, NewArticle, Slug};
use broadsheet::store::{ConnectOptions, Store};
use broadsheet::web::{self, AppState};
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use sqlx::Connection;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs each named test function once on SQLite and once on PostgreSQL, as `sqlite::name` and
/// `postgres::name`, after a [`Setup`] started what it needs:
///
/// - `backend_tests!(a, b)`: the app as [`TestApp::start`] makes it (`async fn a(app: TestApp)`);
/// - `backend_tests!(setup = Mail; a, b)`: what that setup starts; here `async fn a(app:
///   TestApp, smtp: SmtpReceiver)`;
/// - `backend_tests!(mod group = Configured(tweak); a)`: the same inside `mod group`
///   (`group::sqlite::a`), so a file can have several setups; `mod g1 = S1, mod g2 = S2; a, b`
///   runs the same tests under each.
///
/// The setup is an expression in the calling module's names.
#[macro_export]
macro_rules! backend_tests {
    ($(mod $group:ident = $setup:expr),+ ; $($name:ident),* $(,)?) => {
        // The names go on as one token tree: a list cannot be repeated inside another.
        $crate::backend_tests!(@groups [$($name),*]; $(mod $group = $setup),+);
    };
    (@groups $names:tt; $(mod $group:ident = $setup:expr),+) => {
        $(
            mod $group {
                #[allow(unused_imports)]
                use super::*;
                $crate::backend_tests!(@names $setup; $names);
            }
        )+
    };
    (@names $setup:expr; [$($name:ident),*]) => {
        $crate::backend_tests!(setup = $setup; $($name),*);
    };
    (setup = $setup:expr; $($name:ident),* $(,)?) => {
        $crate::backend_tests!(@backend sqlite, Sqlite, $setup; $($name),*);
        $crate::backend_tests!(@backend postgres, Postgres, $setup; $($name),*);
    };
    (@backend $module:ident, $backend:ident, $setup:expr; $($name:ident),*) => {
        mod $module {
            #[allow(unused_imports)]
            use super::*;
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let backend = $crate::common::Backend::$backend;
                    $crate::common::Setup::run($setup, backend, super::$name).await;
                }
            )*
        }
    };
    ($($name:ident),* $(,)?) => {
        $crate::backend_tests!(setup = $crate::common::Plain; $($name),*);
    };
}

pub const T0: &str = "2026-06-01T12:00:00Z";

/// The `/metrics` token of every test app (see [`TestApp::metrics`]).
pub const METRICS_TOKEN: &str = "test-metrics-token-0123456789";

pub fn t0() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(T0)
        .unwrap()
        .with_timezone(&Utc)
}

pub struct TestApp {
    pub addr: SocketAddr,
    pub store: Store,
    pub clock: Clock,
    pub client: reqwest::Client,
    pub database_url: String,
    pub backend: Backend,
    /// The app's data directory (its mail outbox is `outbox/` inside).
    pub data_dir: tempfile::TempDir,
    /// The SMTP receiver the app sends to, when started with one (else mail is in the outbox).
    pub smtp: Option<smtp::SmtpReceiver>,
    /// The state of the running server (for what only the process can tell, such as how many
    /// password hashes it has run).
    pub state: Option<AppState>,
    db: TestDb,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<()>>,
}

enum TestDb {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres { admin_url: String, name: String },
}

pub fn pg_admin_url() -> String {
    std::env::var("BROADSHEET_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned())
}

fn pg_required() -> bool {
    std::env::var("BROADSHEET_TEST_REQUIRE_PG").is_ok_and(|v| v == "1" || v == "true")
}

fn pg_url_for(admin_url: &str, db: &str) -> String {
    let (base, _) = admin_url
        .rsplit_once('/')
        .expect("database URL with a path");
    format!("{base}/{db}")
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

impl TestApp {
    /// A fresh database on `backend` and the app serving it; `None` when PostgreSQL is not
    /// reachable and not required (the skip is printed).
    pub async fn start(backend: Backend) -> Option<TestApp> {
        Self::start_with(backend, |_| {}).await
    }

    pub async fn start_with(backend: Backend, tweak: impl FnOnce(&mut Config)) -> Option<TestApp> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        Self::start_on(backend, listener, tweak).await
    }

    /// Like [`TestApp::start_with`], serving on `listener` (so its address can be known first).
    pub async fn start_on(
        backend: Backend,
        listener: tokio::net::TcpListener,
        tweak: impl FnOnce(&mut Config),
    ) -> Option<TestApp> {
        let (database_url, db) = match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().unwrap();
                let url = format!("sqlite://{}", dir.path().join("test.db").display());
                (url, TestDb::Sqlite(dir))
            }
            Backend::Postgres => {
                let admin_url = pg_admin_url();
                let name = match create_pg_database(&admin_url).await {
                    Ok(name) => name,
                    Err(e) if !pg_required() => {
                        static ONCE: std::sync::Once = std::sync::Once::new();
                        ONCE.call_once(|| {
                            // Written to the handle, not with eprintln!, so the test harness
                            // does not swallow it: a skipped backend must be seen.
                            use std::io::Write;
                            let _ = writeln!(
                                std::io::stderr(),
                                "\n*** PostgreSQL at {admin_url} is unreachable ({e}): the PostgreSQL variants of these tests were SKIPPED ***\n"
                            );
                        });
                        return None;
                    }
                    Err(e) => panic!("PostgreSQL is required but unreachable at {admin_url}: {e}"),
                };
                (
                    pg_url_for(&admin_url, &name),
                    TestDb::Postgres { admin_url, name },
                )
            }
        };
        let data_dir = tempfile::tempdir().unwrap();
        let mut config = Config::for_tests(&database_url);
        config.data_dir = data_dir.path().to_owned();
        config.comments_per_minute = 1000;
        config.signups_per_hour = 1000;
        config.metrics_token = Some(broadsheet::config::Secret::new(METRICS_TOKEN));
        tweak(&mut config);
        let store = Store::open(
            &database_url,
            &ConnectOptions {
                max_connections: 4,
                ..Default::default()
            },
        )
        .await
        .expect("open the test database");
        let clock = Clock::manual(t0());
        let mut app = TestApp {
            addr: "127.0.0.1:0".parse().unwrap(),
            store,
            clock,
            client: client(),
            database_url,
            backend,
            data_dir,
            smtp: None,
            state: None,
            db,
            shutdown: None,
            server: None,
        };
        app.serve(listener, config).await;
        Some(app)
    }

    /// The app sending its mail over SMTP to a receiver started for it.
    pub async fn start_with_mail(backend: Backend) -> Option<(TestApp, smtp::SmtpReceiver)> {
        let receiver = smtp::SmtpReceiver::start().await;
        let url = receiver.url();
        let mut app = Self::start_with(backend, |c| {
            c.smtp_url = Some(broadsheet::config::DatabaseUrl::new(url));
        })
        .await?;
        app.smtp = Some(receiver.clone());
        Some((app, receiver))
    }

    /// The app with single sign-on through a test provider started for it.
    pub async fn start_with_oidc(backend: Backend) -> Option<(TestApp, oidc::TestProvider)> {
        let idp = oidc::TestProvider::start().await;
        let settings = idp.settings("Newsroom");
        let app = Self::start_with(backend, |c| c.oidc = Some(settings)).await?;
        Some((app, idp))
    }

    /// The app with single sign-on through node-oidc-provider, started for it (its one client's
    /// redirect URI is the app's); `None` when that provider is not installed and not required,
    /// or PostgreSQL is not reachable and not required.
    pub async fn start_with_certified_oidc(
        backend: Backend,
    ) -> Option<(TestApp, oidc::CertifiedProvider)> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let idp =
            oidc::CertifiedProvider::start(&format!("http://{addr}/signin/oidc/callback")).await?;
        let settings = idp.settings("Newsroom");
        let app = Self::start_on(backend, listener, |c| c.oidc = Some(settings)).await?;
        Some((app, idp))
    }

    /// Starts (another) server on this app's store, with `config`.
    async fn serve(&mut self, listener: tokio::net::TcpListener, mut config: Config) {
        let addr = listener.local_addr().unwrap();
        if config.base_url == "http://127.0.0.1" {
            config.base_url = format!("http://{addr}");
        }
        let state = AppState::build(self.store.clone(), config, self.clock.clone())
            .await
            .expect("app state");
        self.state = Some(state.clone());
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(async move {
            web::serve(
                listener,
                state,
                async {
                    let _ = rx.await;
                },
                Duration::from_secs(2),
            )
            .await
            .unwrap();
        });
        self.addr = addr;
        self.shutdown = Some(tx);
        self.server = Some(server);
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// Stops this app's server (as a process stopping would) and waits until it has; the
    /// database stays, for [`TestApp::another_server`].
    pub async fn stop_server(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(server) = self.server.take() {
            let _ = server.await;
        }
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    /// `/metrics`, as a scraper with the token reads it.
    pub async fn metrics(&self) -> String {
        let r = self
            .client
            .get(self.url("/metrics"))
            .bearer_auth(METRICS_TOKEN)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "GET /metrics with the token");
        r.text().await.unwrap()
    }

    /// GETs `path`, asserts the status, returns the body.
    pub async fn page(&self, path: &str, status: u16) -> String {
        let r = self.get(path).await;
        let got = r.status().as_u16();
        let body = r.text().await.unwrap();
        assert_eq!(got, status, "GET {path} answered {got}:\n{body}");
        body
    }

    /// Imports articles through the store, as `broadsheet import` does.
    pub async fn publish(&self, articles: &[NewArticle]) {
        self.store
            .import_articles(articles, self.clock.now())
            .await
            .expect("import fixtures");
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(server) = self.server.take() {
            server.abort();
        }
        if let TestDb::Postgres { admin_url, name } = &self.db {
            let (admin_url, name) = (admin_url.clone(), name.clone());
            // Drop runs outside async; a short-lived runtime on its own thread drops the database.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                rt.block_on(async {
                    if let Ok(mut c) = sqlx::PgConnection::connect(&admin_url).await {
                        let _ = sqlx::query(&format!(
                            "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                        ))
                        .execute(&mut c)
                        .await;
                    }
                });
            })
            .join();
        }
    }
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap()
}

/// Creates a database for one test from the migrated template, creating the template first
/// when this set of migrations has none yet.
async fn create_pg_database(admin_url: &str) -> Result<String, sqlx::Error> {
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

fn rand_u32() -> u32 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    nanos ^ (std::process::id() << 16)
}

fn migrations_hash() -> String {
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

/// A test article; `minutes_ago` is relative to the test clock's start.
pub fn article(slug: &str, section: &str, minutes_ago: i64) -> NewArticle {
    NewArticle {
        slug: Slug::parse(slug).unwrap(),
        title: format!("Headline of {slug}"),
        summary: format!("Summary of {slug}."),
        body_source: format!("First paragraph of {slug}.\n\nSecond paragraph with *emphasis*."),
        section: section.to_owned(),
        authors: vec!["Test Writer".to_owned()],
        tags: vec!["testing".to_owned()],
        published_at: Some(t0() - chrono::Duration::minutes(minutes_ago)),
        updated_at: None,
        image: None,
    }
}

/// Parses HTML for assertions by CSS selector.
pub fn html(body: &str) -> scraper::Html {
    scraper::Html::parse_document(body)
}

/// The text of every element matching `selector`, whitespace collapsed.
pub fn texts(doc: &scraper::Html, selector: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(selector).unwrap();
    doc.select(&sel)
        .map(|e| {
            e.text()
                .collect::<Vec<_>>()
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// The value of `attr` on every element matching `selector`.
pub fn attrs(doc: &scraper::Html, selector: &str, attr: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(selector).unwrap();
    doc.select(&sel)
        .filter_map(|e| e.value().attr(attr).map(str::to_owned))
        .collect()
}

/// The `broadsheet` binary as a separate process, for command-line and signal tests.
pub struct ServerProcess {
    pub child: std::process::Child,
    pub addr: SocketAddr,
    pub log: std::sync::Arc<std::sync::Mutex<String>>,
}

pub fn bin() -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_broadsheet"));
    cmd.env("NO_COLOR", "1")
        .env_remove("BROADSHEET_DATABASE_URL");
    cmd
}

impl ServerProcess {
    /// Starts `broadsheet serve` on an ephemeral port and waits until it says where it listens.
    pub fn start(database_url: &str, extra: &[&str]) -> ServerProcess {
        use std::io::BufRead;
        let mut child = bin()
            .args([
                "--log-format",
                "json",
                "--addr",
                "127.0.0.1:0",
                "--database-url",
                database_url,
            ])
            .args(extra)
            .arg("serve")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("start broadsheet serve");
        let stderr = child.stderr.take().unwrap();
        let log = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let log2 = log.clone();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if let Some(i) = line.find("serving on http://") {
                    let rest = &line[i + "serving on http://".len()..];
                    let addr: String = rest
                        .chars()
                        .take_while(|c| *c != '"' && !c.is_whitespace())
                        .collect();
                    let _ = tx.send(addr);
                }
                log2.lock().unwrap().push_str(&line);
                log2.lock().unwrap().push('\n');
            }
        });
        let addr = rx
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|_| panic!("the server did not start:\n{}", log.lock().unwrap()));
        ServerProcess {
            child,
            addr: addr.parse().unwrap(),
            log,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub fn signal(&self, sig: &str) {
        let status = std::process::Command::new("kill")
            .args([&format!("-{sig}"), &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Waits for the process to exit, at most `limit`.
    pub fn wait(&mut self, limit: Duration) -> Option<std::process::ExitStatus> {
        let deadline = std::time::Instant::now() + limit;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            if std::time::Instant::now() > deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub const PASSWORD: &str = "correct horse battery";

/// A signed-in member with their own cookie jar.
pub struct Member {
    pub client: reqwest::Client,
    pub csrf: String,
    pub name: String,
    pub email: String,
    base: String,
}

/// The value of the first `<input name=csrf>` on a page.
pub fn csrf_of(body: &str) -> String {
    attrs(&html(body), "input[name=csrf]", "value")
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no csrf field in:\n{body}"))
}

/// How long a test waits for a mail; every wait ends as soon as the mail is in.
pub const MAIL_WAIT: Duration = Duration::from_secs(20);

/// The mails a server with data directory `data_dir` wrote to its outbox (no SMTP relay),
/// oldest first.
pub fn outbox(data_dir: &std::path::Path) -> Vec<smtp::ReceivedMail> {
    let mut files: Vec<(std::time::SystemTime, std::path::PathBuf)> =
        std::fs::read_dir(data_dir.join("outbox"))
            .into_iter()
            .flatten()
            .filter_map(|e| {
                let e = e.ok()?;
                let path = e.path();
                if path.extension()? != "eml" {
                    return None;
                }
                Some((e.metadata().ok()?.modified().ok()?, path))
            })
            .collect();
    files.sort();
    files
        .into_iter()
        .filter_map(|(_, path)| std::fs::read_to_string(path).ok())
        .map(smtp::ReceivedMail::from_file)
        .collect()
}

/// Signs `name` up (as name@example.org) through the server at `base` whose data directory is
/// `data_dir` (a `broadsheet serve` process): the form, then the link in its outbox.
pub async fn member_at(base: &str, data_dir: &std::path::Path, name: &str) -> Member {
    let client = client();
    let get = |path: String| {
        let client = client.clone();
        async move { client.get(path).send().await.unwrap().text().await.unwrap() }
    };
    let email = format!("{}@example.org", name.to_lowercase().replace(' ', "."));
    let page = get(format!("{base}/signup")).await;
    let r = client
        .post(format!("{base}/signup"))
        .form(&[
            ("csrf", csrf_of(&page).as_str()),
            ("display_name", name),
            ("email", &email),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "sign-up of {name}");
    let deadline = tokio::time::Instant::now() + MAIL_WAIT;
    let token = loop {
        let found = outbox(data_dir)
            .iter()
            .filter(|m| m.to.iter().any(|t| t == &email))
            .find_map(|m| smtp::link_containing(&m.text(), "/signup/"));
        if let Some(link) = found {
            // The process's base URL may not name its port: only the token is taken.
            break link.rsplit("/signup/").next().unwrap().to_owned();
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "no sign-up link for {email} in {}",
            data_dir.display()
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    };
    let link = format!("{base}/signup/{token}");
    let page = get(link.clone()).await;
    let r = client
        .post(&link)
        .form(&[("csrf", csrf_of(&page).as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "confirming the sign-up of {name}");
    let settings = get(format!("{base}/settings")).await;
    Member {
        csrf: csrf_of(&settings),
        client,
        name: name.to_owned(),
        email,
        base: base.to_owned(),
    }
}

impl TestApp {
    /// Every mail the app has sent so far, oldest first: from its SMTP receiver when it has one,
    /// else the `.eml` files in its outbox.
    pub async fn mails(&self) -> Vec<smtp::ReceivedMail> {
        if let Some(receiver) = &self.smtp {
            return receiver.messages().await;
        }
        outbox(self.data_dir.path())
    }

    /// The mails to `address` so far, oldest first.
    pub async fn mails_to(&self, address: &str) -> Vec<smtp::ReceivedMail> {
        self.mails()
            .await
            .into_iter()
            .filter(|m| m.to.iter().any(|t| t.eq_ignore_ascii_case(address)))
            .collect()
    }

    /// Waits until `address` has been mailed at least `n` links whose path contains `needle`,
    /// and returns them all, oldest first (as full URLs).
    pub async fn wait_for_links(&self, address: &str, needle: &str, n: usize) -> Vec<String> {
        let deadline = tokio::time::Instant::now() + MAIL_WAIT;
        loop {
            let links: Vec<String> = self
                .mails_to(address)
                .await
                .iter()
                .filter_map(|m| smtp::link_containing(&m.text(), needle))
                .collect();
            if links.len() >= n {
                return links;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "{address} got {} of {n} links with {needle}: {:#?}",
                links.len(),
                self.mails_to(address).await
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// The newest link with `needle` mailed to `address`, once there is one, as a path on
    /// this site.
    pub async fn mailed_link(&self, address: &str, needle: &str) -> String {
        let link = self.wait_for_links(address, needle, 1).await.pop().unwrap();
        let base = self.url("");
        link.strip_prefix(&base)
            .unwrap_or_else(|| panic!("{link} is on the site {base}"))
            .to_owned()
    }

    /// Sends the sign-up form with `client` (and `return_to`, when given) and asserts the
    /// "check your e-mail" answer.
    pub async fn send_signup(
        &self,
        client: &reqwest::Client,
        name: &str,
        email: &str,
        extra: &[(&str, &str)],
    ) {
        let mut form = vec![
            ("display_name", name),
            ("email", email),
            ("password", PASSWORD),
        ];
        form.extend_from_slice(extra);
        let r = self.submit_form(client, "/signup", &form).await;
        let status = r.status();
        let body = r.text().await.unwrap();
        assert_eq!(status, 200, "sign-up of {name}:\n{body}");
        assert!(
            body.contains("Check your e-mail"),
            "sign-up of {name}:\n{body}"
        );
    }

    /// Follows the newest sign-up link mailed to `email` with `client`, presses "Create
    /// account", and returns the answer (a redirect when the account was made).
    pub async fn confirm_signup(&self, client: &reqwest::Client, email: &str) -> reqwest::Response {
        let link = self.mailed_link(email, "/signup/").await;
        let page = client
            .get(self.url(&link))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        // A link that no longer works shows no form: the token of another page is as good.
        let csrf = match attrs(&html(&page), "input[name=csrf]", "value").pop() {
            Some(csrf) => csrf,
            None => csrf_of(&self.page_with(client, "/signup").await),
        };
        client
            .post(self.url(&link))
            .form(&[("csrf", csrf.as_str())])
            .send()
            .await
            .unwrap()
    }

    /// Sends the form on the page at `path` as a person would with `client`: reads the page's
    /// CSRF token, then POSTs it with `fields` to the same path.
    pub async fn submit_form(
        &self,
        client: &reqwest::Client,
        path: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let csrf = csrf_of(&self.page_with(client, path).await);
        let mut form = vec![("csrf", csrf.as_str())];
        form.extend_from_slice(fields);
        client
            .post(self.url(path))
            .form(&form)
            .send()
            .await
            .unwrap()
    }

    async fn page_with(&self, client: &reqwest::Client, path: &str) -> String {
        client
            .get(self.url(path))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    }

    /// Signs up `name` (as name@example.org, lower-cased) through the real form, following the
    /// link mailed to the address, as a person would.
    pub async fn member(&self, name: &str) -> Member {
        self.member_with(name, &[]).await
    }

    /// Like [`TestApp::member`], with more fields sent with the sign-up form (`notify`…).
    pub async fn member_with(&self, name: &str, extra: &[(&str, &str)]) -> Member {
        let client = client();
        let email = format!("{}@example.org", name.to_lowercase().replace(' ', "."));
        self.send_signup(&client, name, &email, extra).await;
        let r = self.confirm_signup(&client, &email).await;
        assert_eq!(
            r.status(),
            303,
            "confirming the sign-up of {name}: {}",
            r.text().await.unwrap()
        );
        let settings = client
            .get(self.url("/settings"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        Member {
            csrf: csrf_of(&settings),
            client,
            name: name.to_owned(),
            email,
            base: format!("http://{}", self.addr),
        }
    }

    /// A member whose address is not confirmed, as accounts made before sign-up proved
    /// addresses are: made through the store, then signed in with the password.
    pub async fn unverified_member(&self, name: &str) -> Member {
        let email = format!("{}@example.org", name.to_lowercase().replace(' ', "."));
        let parsed = broadsheet::domain::user::Email::parse(&email).unwrap();
        self.store
            .create_user(
                &parsed,
                name,
                &broadsheet::domain::user::hash_password(PASSWORD),
                broadsheet::domain::user::Role::Member,
                self.clock.now(),
            )
            .await
            .unwrap();
        let m = Member::sign_in(self, &email, PASSWORD).await;
        Member {
            name: name.to_owned(),
            ..m
        }
    }

    /// Argon2 hashes and verifications the server has run so far.
    pub fn password_runs(&self) -> u64 {
        self.state
            .as_ref()
            .expect("a running server")
            .passwords
            .runs()
    }
}

impl Member {
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap()
    }

    pub async fn page(&self, path: &str) -> String {
        let r = self.get(path).await;
        assert_eq!(r.status(), 200, "GET {path}");
        r.text().await.unwrap()
    }

    /// The same member after their session was renewed (the CSRF token follows the session).
    pub async fn refreshed(self) -> Member {
        let settings = self.page("/settings").await;
        Member {
            csrf: csrf_of(&settings),
            ..self
        }
    }

    /// POSTs a form with this member's CSRF token added.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let mut form: Vec<(&str, &str)> = vec![("csrf", &self.csrf)];
        form.extend_from_slice(fields);
        self.client
            .post(format!("{}{path}", self.base))
            .form(&form)
            .send()
            .await
            .unwrap()
    }

    /// Posts a comment (a reply when `parent` is set) and returns its id.
    pub async fn comment(&self, slug: &str, parent: Option<i64>, body: &str) -> i64 {
        let parent = parent.map(|p| p.to_string()).unwrap_or_default();
        let r = self
            .post(
                &format!("/articles/{slug}/comments"),
                &[("body", body), ("parent_id", &parent)],
            )
            .await;
        let status = r.status();
        let location = r
            .headers()
            .get("location")
            .map(|v| v.to_str().unwrap().to_owned());
        assert_eq!(
            status,
            303,
            "posting a comment: {}",
            r.text().await.unwrap()
        );
        let location = location.unwrap();
        location
            .rsplit("#comment-")
            .next()
            .unwrap()
            .parse()
            .unwrap()
    }
}

impl Member {
    /// Signs an existing account in from a fresh cookie jar (another device).
    pub async fn sign_in(app: &TestApp, email: &str, password: &str) -> Member {
        let client = client();
        let r = app
            .submit_form(
                &client,
                "/signin",
                &[("email", email), ("password", password)],
            )
            .await;
        assert_eq!(r.status(), 303, "sign-in of {email}");
        let settings = client
            .get(app.url("/settings"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        Member {
            csrf: csrf_of(&settings),
            client,
            name: String::new(),
            email: email.to_owned(),
            base: format!("http://{}", app.addr),
        }
    }
}

impl Member {
    /// Gives this member `role` (as `broadsheet user role` does).
    pub async fn promote(&self, app: &TestApp, role: broadsheet::domain::user::Role) {
        let email = broadsheet::domain::user::Email::parse(&self.email).unwrap();
        let user = app.store.user_by_email(&email).await.unwrap().unwrap();
        let actor = broadsheet::store::moderation::Actor::command_line();
        assert!(
            app.store
                .grant_role(user.id, role, &actor, app.clock.now())
                .await
                .unwrap()
        );
    }

    /// Creates an API token through the settings form and returns its secret.
    pub async fn create_token(&self, name: &str, scopes: &[&str]) -> String {
        let fields: Vec<(String, String)> = scopes
            .iter()
            .map(|s| (format!("scope_{s}"), "on".to_owned()))
            .collect();
        // The password is asked for when the token can publish (and ignored otherwise).
        let mut form: Vec<(&str, &str)> = vec![("name", name), ("password", PASSWORD)];
        form.extend(fields.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let r = self.post("/settings/tokens", &form).await;
        let status = r.status();
        let body = r.text().await.unwrap();
        assert_eq!(status, 201, "creating a token:\n{body}");
        attrs(&html(&body), "#new-token", "value")
            .into_iter()
            .next()
            .expect("the new token is shown")
    }
}

/// A second server on a test app's database, with its own in-memory state (page cache, live
/// hub, listeners): what another `broadsheet serve` process would have. Stops when dropped.
pub struct OtherServer {
    pub addr: SocketAddr,
    _stop: tokio::sync::oneshot::Sender<()>,
}

impl OtherServer {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }
}

impl TestApp {
    pub async fn another_server(&self) -> OtherServer {
        self.another_server_with(|_| {}).await
    }

    /// Like [`TestApp::another_server`], with `tweak` applied to its configuration (e.g. to
    /// send mail to a test SMTP receiver).
    pub async fn another_server_with(&self, tweak: impl FnOnce(&mut Config)) -> OtherServer {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let mut config = Config::for_tests(&self.database_url);
        config.data_dir = self.data_dir.path().to_owned();
        config.base_url = format!("http://{addr}");
        config.comments_per_minute = 1000;
        tweak(&mut config);
        let store = Store::connect(
            &self.database_url,
            &ConnectOptions {
                max_connections: 4,
                ..Default::default()
            },
        )
        .await
        .expect("a second connection pool");
        let state = AppState::build(store, config, self.clock.clone())
            .await
            .expect("app state");
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(async move {
            let _ = web::serve(
                listener,
                state,
                async {
                    let _ = rx.await;
                },
                Duration::from_secs(1),
            )
            .await;
        });
        OtherServer { addr, _stop: tx }
    }
}
