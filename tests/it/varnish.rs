//! Shared caches in front of the site: the surrogate keys signed-out pages carry, the purge a
//! change queues (one job, sent to every purge URL, tried again while a cache cannot be
//! reached), and Debian's Varnish with the shipped VCL in front of two `broadsheet serve`
//! processes on one PostgreSQL.
//!
//! The first tests run on both backends against a purge receiver written here; the last needs
//! `varnishd` and the xkey module (Debian's `varnish` and `varnish-modules`): without them it is
//! SKIPPED with a message, unless `BROADSHEET_TEST_REQUIRE_VARNISH=1` (as in CI).

use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::{HeaderMap, Method, StatusCode};
use broadsheet::config::PurgeUrl;
use broadsheet::store::jobs::{Job, JobKind, JobStatus};

use crate::common::{Backend, ServerProcess, Setup, TestApp, article, member_at};

backend_tests!(setup = Purging;
    cacheable_pages_name_what_they_show_and_members_pages_stay_private,
    a_change_queues_one_purge_of_exactly_its_keys,
    a_purge_waits_in_the_queue_while_the_cache_is_down,
);

/// A shared cache's purge endpoint, reached in both shapes (Varnish's `PURGE` with
/// `xkey-purge`, a CDN API's `POST` of JSON): records each request's method and keys, answers
/// the status it is set to (503: "down").
#[derive(Clone)]
struct PurgeReceiver {
    got: Arc<Mutex<Vec<(Method, String)>>>,
    status: Arc<AtomicU16>,
}

impl PurgeReceiver {
    async fn start() -> (String, PurgeReceiver) {
        let receiver = PurgeReceiver {
            got: Arc::default(),
            status: Arc::new(AtomicU16::new(200)),
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/", listener.local_addr().unwrap());
        let app = axum::Router::new()
            .fallback(receive)
            .with_state(receiver.clone());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        (url, receiver)
    }

    fn received(&self) -> Vec<(Method, String)> {
        self.got.lock().unwrap().clone()
    }

    /// Waits (up to 15 s) until `n` rounds of purges have arrived (a request in each shape),
    /// and returns the keys of each round.
    async fn wait_for(&self, n: usize) -> Vec<String> {
        for _ in 0..300 {
            let got = self.received();
            if got.len() >= 2 * n {
                return got
                    .chunks(2)
                    .map(|round| {
                        let mut methods: Vec<&str> = round.iter().map(|r| r.0.as_str()).collect();
                        methods.sort();
                        assert_eq!(methods, ["POST", "PURGE"], "one request in each shape");
                        assert_eq!(round[0].1, round[1].1, "the same keys in each shape");
                        round[0].1.clone()
                    })
                    .collect();
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("{n} purges expected, got {:?}", self.received());
    }
}

async fn receive(
    axum::extract::State(r): axum::extract::State<PurgeReceiver>,
    method: Method,
    headers: HeaderMap,
    body: String,
) -> StatusCode {
    let keys = if method == Method::POST {
        assert_eq!(headers["content-type"], "application/json");
        let json: serde_json::Value = serde_json::from_str(&body).unwrap();
        let keys: Vec<&str> = json["surrogate_keys"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k.as_str().unwrap())
            .collect();
        keys.join(" ")
    } else {
        headers
            .get("xkey-purge")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned()
    };
    r.got.lock().unwrap().push((method, keys));
    StatusCode::from_u16(r.status.load(Ordering::SeqCst)).unwrap()
}

/// The app purging a [`PurgeReceiver`]: `async fn name(app: TestApp, cache: PurgeReceiver)`.
struct Purging;

impl<Test: AsyncFnOnce(TestApp, PurgeReceiver)> Setup<Test> for Purging {
    async fn run(self, backend: Backend, test: Test) {
        let (url, receiver) = PurgeReceiver::start().await;
        let app = TestApp::start_with(backend, |c| {
            c.purge_urls = vec![
                PurgeUrl::parse(&url).unwrap(),
                PurgeUrl::parse(&format!("post+{url}")).unwrap(),
            ];
        })
        .await;
        if let Some(app) = app {
            test(app, receiver).await;
        }
    }
}

fn keys(r: &reqwest::Response) -> (String, String) {
    let h = |name: &str| {
        r.headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default()
    };
    (h("surrogate-key"), h("xkey"))
}

async fn article_id(app: &TestApp, slug: &str) -> i64 {
    app.store
        .published_article_id(slug, app.clock.now())
        .await
        .unwrap()
        .unwrap()
        .0
}

async fn purges(store: &broadsheet::store::Store) -> Vec<Job> {
    store.recent_jobs(JobKind::Purge, None, 100).await.unwrap()
}

async fn cacheable_pages_name_what_they_show_and_members_pages_stay_private(
    app: TestApp,
    _cache: PurgeReceiver,
) {
    app.publish(&[
        article("tide", "Science", 5),
        article("comet", "Science", 10),
        article("vote", "Politics", 15),
    ])
    .await;
    let tide = article_id(&app, "tide").await;
    let comet = article_id(&app, "comet").await;
    let vote = article_id(&app, "vote").await;
    let expected = [
        ("/articles/tide", format!("all article-{tide}")),
        (
            "/sections/science",
            format!("all listings section-science cards-{tide} cards-{comet}"),
        ),
        ("/", "all listings front any-count".to_owned()),
        (
            "/tags/testing",
            format!("all listings tag-testing cards-{tide} cards-{comet} cards-{vote}"),
        ),
    ];
    for (path, want) in &expected {
        // Rendered and stored, then answered from the store at the front door: the same keys.
        for how in ["miss", "hit"] {
            let r = app.get(path).await;
            assert_eq!(r.headers()["x-cache"], how, "{path}");
            assert_eq!(keys(&r), (want.clone(), want.clone()), "{path} ({how})");
            // Broadsheet purges its shared caches, so they may keep the page an hour.
            assert_eq!(
                r.headers()["cache-control"],
                "public, max-age=0, s-maxage=3600, stale-while-revalidate=300",
                "{path}"
            );
        }
    }
    // A member's page is their own: no shared cache may keep it.
    let ann = app.member("Ann").await;
    let r = ann.get("/articles/tide").await;
    assert_eq!(r.status(), 200);
    let cache_control = r.headers()["cache-control"].to_str().unwrap().to_owned();
    assert!(cache_control.starts_with("private"), "{cache_control}");
}

async fn a_change_queues_one_purge_of_exactly_its_keys(app: TestApp, cache: PurgeReceiver) {
    app.publish(&[article("tide", "Science", 5)]).await;
    let tide = article_id(&app, "tide").await;
    // A second process on the same database hears of the change and drops its copies, but
    // queues nothing: the process that made the change queues the one purge.
    let other = app.another_server_with(|_| {}).await;
    assert_eq!(
        reqwest::get(other.url("/articles/tide"))
            .await
            .unwrap()
            .status(),
        200
    );
    let ann = app.member("Ann").await;
    let before = purges(&app.store).await.len();
    let comment = ann.comment("tide", None, "A first word on the tide.").await;
    let got = cache.wait_for(1).await;
    assert_eq!(
        got[0],
        format!("any-count article-{tide} cards-{tide}"),
        "a new comment changes the article, its count on listings and the front page's ranking"
    );
    let queued = purges(&app.store).await;
    assert_eq!(
        queued.len(),
        before + 1,
        "one purge for the change: {queued:?}"
    );
    // Sent once more a moment later (for a cache refilled from a process that had not yet heard
    // of the change), then done.
    // Waiting for its second sending; the worker may be looking at it this very moment.
    assert_ne!(queued[0].status, JobStatus::Done, "{queued:?}");
    app.clock.advance(chrono::Duration::seconds(3));
    let got = cache.wait_for(2).await;
    assert_eq!(got[1], got[0]);
    let done = wait_for_purges(&app.store, before + 1).await;
    assert!(done.iter().all(|j| j.status == JobStatus::Done), "{done:?}");

    // Editing the comment's text changes the article's pages only.
    let r = ann
        .post(
            &format!("/comments/{comment}/edit"),
            &[("body", "A first word on the tides.")],
        )
        .await;
    assert!(r.status().is_redirection(), "edit: {}", r.status());
    let got = cache.wait_for(3).await;
    assert_eq!(got[2], format!("article-{tide}"));
    drop(other);
}

async fn a_purge_waits_in_the_queue_while_the_cache_is_down(app: TestApp, cache: PurgeReceiver) {
    app.publish(&[article("tide", "Science", 5)]).await;
    let tide = article_id(&app, "tide").await;
    let ann = app.member("Ann").await;
    cache.status.store(503, Ordering::SeqCst);
    ann.comment("tide", None, "Said while the cache was down.")
        .await;
    cache.wait_for(1).await;
    let job = loop {
        let jobs = purges(&app.store).await;
        if let Some(j) = jobs.first().filter(|j| j.last_error.is_some()) {
            break j.clone();
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert_eq!(job.status, JobStatus::Pending, "{job:?}");
    assert_eq!(job.attempts, 1);
    assert!(
        job.last_error.as_deref().unwrap().contains("503"),
        "{job:?}"
    );
    // Not tried again before its time (the site's clock stands still here).
    assert!(job.run_at > app.clock.now(), "{job:?}");
    assert_eq!(cache.received().len(), 2, "one attempt, to both");
    // The cache is back and the retry is due: the purge arrives, is repeated, and is done.
    cache.status.store(200, Ordering::SeqCst);
    app.clock.advance(chrono::Duration::seconds(3));
    let got = cache.wait_for(2).await;
    assert_eq!(got[1], format!("any-count article-{tide} cards-{tide}"));
    app.clock.advance(chrono::Duration::seconds(3));
    cache.wait_for(3).await;
    let done = wait_for_purges(&app.store, 1).await;
    assert_eq!(done[0].status, JobStatus::Done, "{done:?}");
}

/// Waits (up to 20 s) until at least `n` purges are queued and every one is done.
async fn wait_for_purges(store: &broadsheet::store::Store, n: usize) -> Vec<Job> {
    for _ in 0..1000 {
        let jobs = purges(store).await;
        if jobs.len() >= n && jobs.iter().all(|j| j.status.is_finished()) {
            return jobs;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("purges not done: {:?}", purges(store).await);
}

// ---------------------------------------------------------------------------------------
// Varnish, for real.

fn varnish_required() -> bool {
    std::env::var("BROADSHEET_TEST_REQUIRE_VARNISH").is_ok_and(|v| v == "1" || v == "true")
}

/// `varnishd` from the shipped VCL, its backends the given addresses, on `port`.
struct Varnish {
    child: std::process::Child,
    port: u16,
    dir: tempfile::TempDir,
    vcl: std::path::PathBuf,
}

impl Varnish {
    /// Whether `varnishd` is installed.
    fn available() -> bool {
        std::process::Command::new("varnishd")
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success())
    }

    fn start(backends: [std::net::SocketAddr; 2], port: u16) -> Varnish {
        let shipped = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/deploy/varnish/default.vcl"
        ))
        .unwrap();
        let mut vcl = shipped.clone();
        for (placeholder, addr) in [("3001", backends[0]), ("3002", backends[1])] {
            let from = format!(".port = \"{placeholder}\";");
            assert!(
                vcl.contains(&from),
                "the shipped VCL names backend port {placeholder}"
            );
            vcl = vcl.replace(&from, &format!(".port = \"{}\";", addr.port()));
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("test.vcl");
        std::fs::write(&path, vcl).unwrap();
        let mut varnish = Varnish {
            child: Self::spawn(dir.path(), &path, port),
            port,
            vcl: path,
            dir,
        };
        varnish.wait_until_listening();
        varnish
    }

    fn spawn(dir: &std::path::Path, vcl: &std::path::Path, port: u16) -> std::process::Child {
        std::process::Command::new("varnishd")
            .args(["-F", "-j", "none", "-T", "none", "-s", "malloc,32m"])
            .arg("-n")
            .arg(dir.join("work"))
            .arg("-a")
            .arg(format!("127.0.0.1:{port}"))
            .arg("-f")
            .arg(vcl)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("start varnishd")
    }

    fn wait_until_listening(&mut self) {
        for _ in 0..500 {
            if let Some(status) = self.child.try_wait().unwrap() {
                let out = self.child.wait_with_output_ref();
                panic!("varnishd exited ({status}): {out}");
            }
            if std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("varnishd did not listen on port {}", self.port);
    }

    fn stop(&mut self) {
        if self.child.try_wait().unwrap().is_some() {
            return;
        }
        let _ = std::process::Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }

    /// Starts it again on the same port, with an empty cache (as after a restart).
    fn restart(&mut self) {
        self.stop();
        self.child = Self::spawn(self.dir.path(), &self.vcl, self.port);
        self.wait_until_listening();
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

trait OutputOf {
    fn wait_with_output_ref(&mut self) -> String;
}

impl OutputOf for std::process::Child {
    fn wait_with_output_ref(&mut self) -> String {
        use std::io::Read;
        let mut out = String::new();
        if let Some(mut e) = self.stderr.take() {
            let _ = e.read_to_string(&mut out);
        }
        if let Some(mut o) = self.stdout.take() {
            let _ = o.read_to_string(&mut out);
        }
        out
    }
}

impl Drop for Varnish {
    fn drop(&mut self) {
        self.stop();
    }
}

/// What Varnish said of an answer (the VCL's `x-shared-cache`: hit, miss or pass), and its body.
async fn through(client: &reqwest::Client, url: &str) -> (String, String) {
    let r = client.get(url).send().await.unwrap();
    assert_eq!(r.status(), 200, "GET {url}");
    let how = r.headers()["x-shared-cache"].to_str().unwrap().to_owned();
    (how, r.text().await.unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn varnish_in_front_of_two_processes_on_one_postgresql() {
    if !Varnish::available() {
        assert!(
            !varnish_required(),
            "varnishd is required (BROADSHEET_TEST_REQUIRE_VARNISH=1) but not installed"
        );
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "\n*** varnishd is not installed: the Varnish test was SKIPPED ***\n"
        );
        return;
    }
    let Some(mut app) = TestApp::start(Backend::Postgres).await else {
        return;
    };
    app.publish(&[article("tide", "Science", 5)]).await;
    app.stop_server().await;
    // The cache's port first (an ephemeral one, free a moment ago), so both processes can be
    // told where to purge.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let purge = format!("http://127.0.0.1:{port}/");
    let data = tempfile::tempdir().unwrap();
    let data_dir = data.path().to_str().unwrap();
    let args = ["--no-demo", "--data-dir", data_dir, "--purge-url", &purge];
    let one = ServerProcess::start(&app.database_url, &args);
    let two = ServerProcess::start(&app.database_url, &args);
    let mut varnish = Varnish::start([one.addr, two.addr], port);
    let reader = crate::common::client();
    let page = varnish.url("/articles/tide");

    // The second read is Varnish's own copy.
    let (first, _) = through(&reader, &page).await;
    assert_eq!(first, "miss");
    let r = reader.get(&page).send().await.unwrap();
    assert_eq!(r.headers()["x-shared-cache"], "hit");
    assert!(r.headers().contains_key("age"));
    assert!(
        !r.headers().contains_key("xkey"),
        "the index stays inside Varnish"
    );

    // A comment posted through either process is on the page at the next read, once its
    // purge is delivered.
    let ann = member_at(&one.url(""), data.path(), "Ann").await;
    let bea = member_at(&two.url(""), data.path(), "Bea").await;
    for (who, text) in [
        (&ann, "Ann's word through one."),
        (&bea, "Bea's word through two."),
    ] {
        let before = purges(&app.store).await.len();
        who.comment("tide", None, text).await;
        wait_for_purges(&app.store, before + 1).await;
        let (how, body) = through(&reader, &page).await;
        assert_eq!(how, "miss", "purged");
        assert!(body.contains(text), "{text} through Varnish");
        let (how, body) = through(&reader, &page).await;
        assert_eq!(how, "hit");
        assert!(body.contains(text));
    }

    // A member is never answered from the shared cache, and their page is never stored in it.
    for _ in 0..2 {
        let (how, body) = through(&ann.client, &page).await;
        assert_eq!(how, "pass");
        assert!(body.contains("Sign out"), "Ann's own page");
    }
    let (how, body) = through(&reader, &page).await;
    assert_eq!(how, "hit");
    assert!(!body.contains("Sign out"), "no member's copy shared");

    // A purge queued while the cache is down waits in the queue, and is delivered once it is
    // back (a restarted Varnish starts empty, so the page is fresh either way: the queue is
    // what shows the purge was not lost).
    varnish.stop();
    let before = purges(&app.store).await.len();
    ann.comment("tide", None, "Said while Varnish was down.")
        .await;
    let failed = loop {
        let jobs = purges(&app.store).await;
        if jobs.len() > before && jobs[0].last_error.is_some() {
            break jobs[0].clone();
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert_eq!(failed.status, JobStatus::Pending, "{failed:?}");
    assert!(
        failed
            .last_error
            .as_deref()
            .unwrap()
            .contains("could not connect"),
        "{failed:?}"
    );
    varnish.restart();
    let done = wait_for_purges(&app.store, before + 1).await;
    assert_eq!(done[0].id, failed.id);
    assert_eq!(done[0].status, JobStatus::Done);
    let (_, body) = through(&reader, &page).await;
    assert!(body.contains("Said while Varnish was down."));
}
