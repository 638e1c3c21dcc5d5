//! Long commands show their progress: away from a terminal (here, stderr is a pipe) as plain
//! log lines with counts and rate, never a bar's control codes; and an import interrupted
//! with Ctrl-C (SIGINT) stops, says nothing was imported, and leaves the site as it was.

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::common::{Backend, TestApp, bin};

backend_tests!(
    long_commands_log_plain_progress_lines_away_from_a_terminal,
    an_import_interrupted_with_ctrl_c_changes_nothing,
    an_export_interrupted_with_ctrl_c_leaves_no_files,
);

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/imports")
        .join(name)
}

/// Runs `broadsheet ARGS…` on the test's database; (success, stdout, stderr).
fn run(app: &TestApp, args: &[&std::ffi::OsStr]) -> (bool, String, String) {
    let out = bin()
        .args(["--database-url", &app.database_url])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// No escape sequence, carriage return or backspace: what a bar redrawing in place would write.
fn assert_plain(stderr: &str) {
    assert!(
        !stderr.contains(['\x1b', '\r', '\x08']),
        "terminal control codes in {stderr:?}"
    );
}

async fn long_commands_log_plain_progress_lines_away_from_a_terminal(app: TestApp) {
    let (ok, out, err) = run(
        &app,
        &[
            "import-wordpress".as_ref(),
            fixture("wordpress.xml").as_os_str(),
        ],
    );
    assert!(ok, "{err}");
    assert!(out.contains("4 articles (0 already there)"), "{out}");
    // Three posts and their five approved comments; the last line says it is all done.
    assert!(
        err.contains("import-wordpress: 9 of 9 posts and comments (100%), "),
        "{err}"
    );
    assert!(err.contains(" a second, done"), "{err}");
    assert!(
        err.contains("import-wordpress: 1 of 9"),
        "a line each tenth: {err}"
    );
    assert_plain(&err);

    let (ok, _, err) = run(
        &app,
        &["import-disqus".as_ref(), fixture("disqus.xml").as_os_str()],
    );
    assert!(ok, "{err}");
    // Seven comments in threads: six under matched articles, one left out.
    assert!(
        err.contains("import-disqus: 7 of 7 comments (100%)"),
        "{err}"
    );
    assert_plain(&err);

    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("export");
    let (ok, out, err) = run(&app, &["export".as_ref(), dest.as_os_str()]);
    assert!(ok, "{err}");
    let records: u64 = out
        .strip_prefix("exported ")
        .and_then(|r| r.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a count of records: {out}"));
    assert!(
        err.contains(&format!("export: {records} of {records} records (100%), ")),
        "{err}"
    );
    assert_plain(&err);

    if app.backend == Backend::Sqlite {
        let copy = dir.path().join("copy.db");
        let (ok, out, err) = run(&app, &["backup".as_ref(), copy.as_os_str()]);
        assert!(ok, "{err}");
        assert!(out.contains("backed up"), "{out}");
        assert!(err.contains("backup: ") && err.contains("B of "), "{err}");
        assert_plain(&err);
    }
}

/// A WordPress export of `posts` posts with `comments` approved comments each.
fn big_wordpress_export(posts: usize, comments: usize) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n\
         <rss version=\"2.0\" xmlns:excerpt=\"http://wordpress.org/export/1.2/excerpt/\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:wp=\"http://wordpress.org/export/1.2/\">\n<channel>\n\
         <title>Big</title><link>https://big.example</link>\n\
         <wp:wxr_version>1.2</wp:wxr_version>\n\
         <wp:base_site_url>https://big.example</wp:base_site_url>\n\
         <wp:author><wp:author_id>2</wp:author_id><wp:author_login><![CDATA[ed]]></wp:author_login>\
         <wp:author_display_name><![CDATA[Ed Itor]]></wp:author_display_name></wp:author>\n",
    );
    let mut id = 1000;
    for p in 1..=posts {
        xml.push_str(&format!(
            "<item><title><![CDATA[Bulk post {p}]]></title>\
             <link>https://big.example/2024/01/02/bulk-post-{p}/</link>\
             <dc:creator><![CDATA[ed]]></dc:creator>\
             <content:encoded><![CDATA[<p>Body of post {p}.</p>]]></content:encoded>\
             <excerpt:encoded><![CDATA[]]></excerpt:encoded>\
             <wp:post_id>{p}</wp:post_id>\
             <wp:post_date><![CDATA[2024-01-02 10:00:00]]></wp:post_date>\
             <wp:post_date_gmt><![CDATA[2024-01-02 09:00:00]]></wp:post_date_gmt>\
             <wp:post_name><![CDATA[bulk-post-{p}]]></wp:post_name>\
             <wp:status><![CDATA[publish]]></wp:status>\
             <wp:post_type><![CDATA[post]]></wp:post_type>\
             <wp:post_password><![CDATA[]]></wp:post_password>\
             <category domain=\"category\" nicename=\"bulk\"><![CDATA[Bulk]]></category>\n"
        ));
        for c in 0..comments {
            id += 1;
            xml.push_str(&format!(
                "<wp:comment><wp:comment_id>{id}</wp:comment_id>\
                 <wp:comment_author><![CDATA[Reader {c}]]></wp:comment_author>\
                 <wp:comment_author_email><![CDATA[reader-{c}@example.org]]></wp:comment_author_email>\
                 <wp:comment_date_gmt><![CDATA[2024-01-02 11:00:00]]></wp:comment_date_gmt>\
                 <wp:comment_content><![CDATA[Comment {id} on post {p}.]]></wp:comment_content>\
                 <wp:comment_approved><![CDATA[1]]></wp:comment_approved>\
                 <wp:comment_type><![CDATA[comment]]></wp:comment_type>\
                 <wp:comment_parent>0</wp:comment_parent></wp:comment>\n"
            ));
        }
        xml.push_str("</item>\n");
    }
    xml.push_str("</channel>\n</rss>\n");
    xml
}

/// Rows of `table`, asked of the database itself.
async fn rows(app: &TestApp, table: &str) -> i64 {
    use sqlx::Connection;
    let sql = format!("SELECT COUNT(*) FROM {table}");
    match app.backend {
        Backend::Sqlite => {
            let mut c = sqlx::SqliteConnection::connect(&app.database_url)
                .await
                .unwrap();
            sqlx::query_scalar(&sql).fetch_one(&mut c).await.unwrap()
        }
        Backend::Postgres => {
            let mut c = sqlx::PgConnection::connect(&app.database_url)
                .await
                .unwrap();
            sqlx::query_scalar(&sql).fetch_one(&mut c).await.unwrap()
        }
    }
}

const COUNTED: [&str; 6] = [
    "articles",
    "comments",
    "sections",
    "guest_identities",
    "import_sources",
    "article_search",
];

async fn counts(app: &TestApp) -> Vec<i64> {
    let mut out = Vec::new();
    for table in COUNTED {
        out.push(rows(app, table).await);
    }
    out
}

async fn an_import_interrupted_with_ctrl_c_changes_nothing(app: TestApp) {
    let before = counts(&app).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.xml");
    // 20,200 posts and comments: the first tenth is logged long before the last is written
    // (tens of thousands of statements), so the interrupt always lands in the middle.
    std::fs::write(&file, big_wordpress_export(100, 201)).unwrap();

    let (status, seen, out) = interrupt_once_progressing(
        &app,
        &["import-wordpress".as_ref(), file.as_os_str()],
        " of 20200 posts and comments",
    )
    .await;
    assert!(!status.success(), "{seen}");
    assert!(seen.contains("interrupted: nothing was imported"), "{seen}");
    assert!(
        !seen.contains("of 20200 posts and comments (100%)"),
        "{seen}"
    );
    assert!(
        out.is_empty(),
        "no summary of an import that did not happen: {out}"
    );
    assert_plain(&seen);
    assert_eq!(counts(&app).await, before, "{COUNTED:?} are as they were");
    app.page("/articles/bulk-post-1", 404).await;
}

/// Runs `broadsheet ARGS…`, sends it SIGINT (as Ctrl-C does) once it has logged a progress
/// line containing `marker`, and waits for it to end: (status, stderr, stdout).
async fn interrupt_once_progressing(
    app: &TestApp,
    args: &[&std::ffi::OsStr],
    marker: &str,
) -> (std::process::ExitStatus, String, String) {
    let mut child = bin()
        .args(["--database-url", &app.database_url])
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut seen = String::new();
    loop {
        let mut line = String::new();
        let n = stderr.read_line(&mut line).unwrap();
        assert!(n > 0, "the command ended before any progress:\n{seen}");
        seen.push_str(&line);
        if line.contains("broadsheet::progress") && line.contains(marker) {
            break;
        }
    }
    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let rest = tokio::task::spawn_blocking(move || {
        let mut rest = String::new();
        std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
        rest
    });
    let rest = tokio::time::timeout(Duration::from_secs(60), rest)
        .await
        .expect("the interrupted command ends")
        .unwrap();
    seen.push_str(&rest);
    let status = child.wait().unwrap();
    let mut out = String::new();
    std::io::Read::read_to_string(&mut child.stdout.take().unwrap(), &mut out).unwrap();
    (status, seen, out)
}

async fn an_export_interrupted_with_ctrl_c_leaves_no_files(app: TestApp) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.xml");
    std::fs::write(&file, big_wordpress_export(100, 201)).unwrap();
    let (ok, _, err) = run(&app, &["import-wordpress".as_ref(), file.as_os_str()]);
    assert!(ok, "{err}");

    // Tens of thousands of records (each comment, guest row, search row…): the first tenth
    // is logged long before the last record is written.
    let dest = dir.path().join("export");
    let (status, seen, out) =
        interrupt_once_progressing(&app, &["export".as_ref(), dest.as_os_str()], "export: ").await;
    assert!(!status.success(), "{seen}");
    assert!(
        seen.contains("interrupted: nothing was exported; the files written so far were removed"),
        "{seen}"
    );
    assert!(out.is_empty(), "{out}");
    assert_plain(&seen);
    assert!(!dest.exists(), "the export directory it made is gone");
}
