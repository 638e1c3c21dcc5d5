//! Durability, on SQLite and PostgreSQL, with the real binary: a comment the site acknowledged
//! survives the server being killed (SIGKILL, several times), and `broadsheet backup` takes a
//! consistent copy while the site serves, from which a server starts with everything in it.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::common::{self, ServerProcess, TestApp, article, bin};

backend_tests!(
    acknowledged_comments_survive_sigkill,
    backup_while_serving_restores_articles_and_comments,
);

/// Rate limits out of the way: these tests post as fast as they can.
const FAST: &[&str] = &[
    "--no-demo",
    "--comments-per-minute",
    "1000000",
    "--signups-per-hour",
    "1000",
];

/// A signed-in member: a cookie jar and the CSRF token.
struct Writer {
    client: reqwest::Client,
    csrf: String,
}

/// The server flags of [`FAST`], with the test's own data directory (where the sign-up mail
/// goes: there is no SMTP relay).
fn fast(data_dir: &tempfile::TempDir) -> Vec<&str> {
    let mut flags = FAST.to_vec();
    flags.extend(["--data-dir", data_dir.path().to_str().unwrap()]);
    flags
}

/// Signs `name` up through the server at `base`, whose data directory is `data_dir`.
async fn sign_up(base: &str, data_dir: &tempfile::TempDir, name: &str) -> Writer {
    let m = common::member_at(base, data_dir.path(), name).await;
    Writer {
        client: m.client,
        csrf: m.csrf,
    }
}

/// Posts a comment; `Some(id)` only when the server acknowledged it (303 to `#comment-ID`, or
/// 201 with the id for a JSON request). Connection errors (the server being killed) are `None`.
async fn post_comment(w: &Writer, base: &str, body: &str, json: bool) -> Option<i64> {
    let mut req = w
        .client
        .post(format!("{base}/articles/story/comments"))
        .form(&[("csrf", w.csrf.as_str()), ("body", body)]);
    if json {
        req = req.header("accept", "application/json");
    }
    let r = req.send().await.ok()?;
    match r.status().as_u16() {
        303 => {
            let location = r.headers().get("location")?.to_str().ok()?.to_owned();
            location.rsplit_once("#comment-")?.1.parse().ok()
        }
        201 => {
            let v: serde_json::Value = r.json().await.ok()?;
            v["id"].as_i64()
        }
        other => panic!(
            "posting a comment answered {other}: {}",
            r.text().await.unwrap_or_default()
        ),
    }
}

/// Writers post as fast as they can until `stop`; returns what was acknowledged.
fn start_writers(
    writers: Arc<Vec<Writer>>,
    base: String,
    label: String,
    stop: Arc<AtomicBool>,
) -> Vec<tokio::task::JoinHandle<Vec<(i64, String)>>> {
    (0..writers.len())
        .map(|i| {
            let (writers, base, label, stop) =
                (writers.clone(), base.clone(), label.clone(), stop.clone());
            tokio::spawn(async move {
                let mut acked = Vec::new();
                let mut n = 0;
                while !stop.load(Ordering::Relaxed) {
                    n += 1;
                    let body = format!("{label} writer {i} comment {n}: the harbour at dawn");
                    match post_comment(&writers[i], &base, &body, n % 2 == 0).await {
                        Some(id) => acked.push((id, body)),
                        // The server is gone: nothing more will be acknowledged.
                        None => break,
                    }
                }
                acked
            })
        })
        .collect()
}

async fn assert_all_present(app: &TestApp, acked: &[(i64, String)]) {
    for (id, body) in acked {
        let row = app
            .store
            .comment(*id)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("acknowledged comment {id} ({body:?}) is missing"));
        assert_eq!(&row.body_source, body, "comment {id} changed");
        assert_eq!(row.status.as_str(), "visible");
    }
}

async fn acknowledged_comments_survive_sigkill(app: TestApp) {
    app.publish(&[article("story", "Science", 5)]).await;
    let data_dir = tempfile::tempdir().unwrap();
    let mut server = ServerProcess::start(&app.database_url, &fast(&data_dir));
    let mut base = format!("http://{}", server.addr);
    let mut writers = Vec::new();
    for i in 0..4 {
        writers.push(sign_up(&base, &data_dir, &format!("Writer {i}")).await);
    }
    let writers = Arc::new(writers);
    let mut all_acked: Vec<(i64, String)> = Vec::new();
    for round in 1..=3 {
        let stop = Arc::new(AtomicBool::new(false));
        let tasks = start_writers(
            writers.clone(),
            base.clone(),
            format!("round {round}"),
            stop.clone(),
        );
        // Let comments flow, then kill the server in the middle of them.
        tokio::time::sleep(Duration::from_millis(1500)).await;
        server.signal("KILL");
        assert!(
            server.wait(Duration::from_secs(10)).is_some(),
            "the server did not die"
        );
        stop.store(true, Ordering::Relaxed);
        let mut acked = Vec::new();
        for t in tasks {
            acked.extend(t.await.unwrap());
        }
        assert!(
            acked.len() >= 4,
            "round {round}: only {} comments were acknowledged before the kill",
            acked.len()
        );
        // Restart on the same database: everything acknowledged, in every round, is there.
        // The sessions live in the database, so the same writers post to the new process.
        server = ServerProcess::start(&app.database_url, &fast(&data_dir));
        base = format!("http://{}", server.addr);
        assert_eq!(
            common::client()
                .get(server.url("/healthz"))
                .send()
                .await
                .unwrap()
                .status(),
            200
        );
        all_acked.extend(acked);
        assert_all_present(&app, &all_acked).await;
        // And the restarted server shows them through its own pages (the newest one).
        let (id, body) = all_acked.iter().max_by_key(|(id, _)| *id).unwrap();
        let fragment = common::client()
            .get(server.url(&format!("/comments/{id}/fragment")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(fragment.contains(body.as_str()), "{fragment}");
        eprintln!(
            "round {round}: {} comments acknowledged so far, all present after SIGKILL and restart",
            all_acked.len()
        );
    }
}

async fn backup_while_serving_restores_articles_and_comments(app: TestApp) {
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("copy.db");
    if app.backend == common::Backend::Postgres {
        // No shelling out to pg_dump: the command says how, without the password, and fails.
        let url =
            app.database_url
                .replacen("postgres://postgres@", "postgres://postgres:s3cret@", 1);
        let out = bin()
            .args(["--database-url", &url, "backup"])
            .arg(&dest)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{stderr}");
        assert!(stderr.contains("pg_dump --format=custom"), "{stderr}");
        assert!(stderr.contains("pg_restore"), "{stderr}");
        assert!(stderr.contains("postgres:***@"), "{stderr}");
        assert!(!stderr.contains("s3cret"), "{stderr}");
        assert!(!dest.exists());
        return;
    }
    app.publish(&[article("story", "Science", 5)]).await;
    let data_dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(&app.database_url, &fast(&data_dir));
    let base = format!("http://{}", server.addr);
    let writers = Arc::new(vec![
        sign_up(&base, &data_dir, "Ada").await,
        sign_up(&base, &data_dir, "Grace").await,
    ]);
    // Some comments before the backup, and writers still posting while it runs.
    let mut before = Vec::new();
    for n in 0..5 {
        let body = format!("before the backup {n}");
        before.push((
            post_comment(&writers[n % 2], &base, &body, false)
                .await
                .unwrap(),
            body,
        ));
    }
    let stop = Arc::new(AtomicBool::new(false));
    let tasks = start_writers(writers.clone(), base.clone(), "during".into(), stop.clone());
    tokio::time::sleep(Duration::from_millis(300)).await;
    let out = bin()
        .args(["--database-url", &app.database_url, "backup"])
        .arg(&dest)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "backup failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("backed up"));
    tokio::time::sleep(Duration::from_millis(300)).await;
    stop.store(true, Ordering::Relaxed);
    let mut during = Vec::new();
    for t in tasks {
        during.extend(t.await.unwrap());
    }
    assert!(!during.is_empty(), "the site kept accepting comments");

    // An existing file is never overwritten.
    let size = std::fs::metadata(&dest).unwrap().len();
    let again = bin()
        .args(["--database-url", &app.database_url, "backup"])
        .arg(&dest)
        .output()
        .unwrap();
    assert!(!again.status.success());
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("already exists"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert_eq!(std::fs::metadata(&dest).unwrap().len(), size);

    // Restore as the README says: a server started on the copy (put in place of a database).
    let restored = dir.path().join("restored.db");
    std::fs::copy(&dest, &restored).unwrap();
    let url = format!("sqlite://{}", restored.display());
    let copy = ServerProcess::start(&url, &["--no-demo"]);
    let client = common::client();
    let page = client
        .get(copy.url("/articles/story"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let page = page.text().await.unwrap();
    assert!(page.contains("Headline of story"));
    for (id, body) in &before {
        let r = client
            .get(copy.url(&format!("/comments/{id}/fragment")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "comment {id} is not in the copy");
        assert!(r.text().await.unwrap().contains(body.as_str()));
    }
    // Comments posted while the backup ran are in it or not, whole: each one the copy has is
    // intact, and the copy holds a prefix of them (a snapshot, not a torn file).
    let mut present = Vec::new();
    for (id, body) in &during {
        let r = client
            .get(copy.url(&format!("/comments/{id}/fragment")))
            .send()
            .await
            .unwrap();
        match r.status().as_u16() {
            200 => {
                assert!(r.text().await.unwrap().contains(body.as_str()));
                present.push(*id);
            }
            404 => {}
            other => panic!("comment {id} in the copy answered {other}"),
        }
    }
    if let Some(newest) = present.iter().max() {
        for (id, _) in &during {
            assert!(
                *id > *newest || present.contains(id),
                "the copy has comment {newest} but not the earlier {id}"
            );
        }
    }
    eprintln!(
        "backup: {} comments before, {} posted during it, {} of those in the copy",
        before.len(),
        during.len(),
        present.len()
    );
    drop(server);
}
