//! The integration-test harness: [`TestApp`] starts the real application on an ephemeral port
//! with a fresh database and talks to it over HTTP.
//!
//! PostgreSQL: each test gets its own database, cloned from a template that is migrated once
//! (named by a hash of the migrations, created under an advisory lock so parallel test binaries
//! agree). The server is `BROADSHEET_TEST_PG_URL` (default: postgres://postgres@127.0.0.1:5432/test).
//! When it cannot be reached the PostgreSQL variants are skipped with a message, unless
//! `BROADSHEET_TEST_REQUIRE_PG=1` (as in CI), which turns that into a failure.
#![allow(dead_code)]

mod html;
mod member;
pub mod oidc;
mod pg;
mod process;
mod setup;
pub mod smtp;

pub use html::*;
pub use member::*;
pub use pg::*;
pub use process::*;

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

/// Serves `app` on a loopback port (a stand-in for a remote service); its base address.
pub async fn serve_loopback(app: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}")
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap()
}
