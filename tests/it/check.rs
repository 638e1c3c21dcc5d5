//! `broadsheet check`, run as the real binary against real sites, relays and folders; and mail
//! over TLS (smtps:// and STARTTLS) to a relay with a certificate made in the test.

use std::path::Path;
use std::process::Output;
use std::time::Duration;

use crate::common::smtp::{SmtpReceiver, TlsMode};
use crate::common::*;

/// Runs `broadsheet check` on `database_url` with `data_dir` and `extra` settings; the process
/// may not take more than a minute.
fn run_check(database_url: &str, data_dir: &Path, extra: &[&str]) -> Output {
    let data_dir = data_dir.display().to_string();
    let mut args = vec!["--database-url", database_url, "--data-dir", &data_dir];
    args.extend_from_slice(extra);
    args.push("check");
    let mut child = bin()
        .args(&args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start broadsheet check");
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        assert!(
            std::time::Instant::now() < deadline,
            "check took over a minute"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

/// Runs the check off the test's runtime threads (it blocks while the binary runs, and the
/// test's own SMTP receiver must keep answering).
async fn check(database_url: &str, data_dir: &Path, extra: &[&str]) -> (bool, String) {
    let (url, dir) = (database_url.to_owned(), data_dir.to_owned());
    let extra: Vec<String> = extra.iter().map(|s| s.to_string()).collect();
    let out = tokio::task::spawn_blocking(move || {
        let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
        run_check(&url, &dir, &extra)
    })
    .await
    .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    // Exit status 1 on a problem, 0 otherwise; never anything else (a crash, a usage error).
    let code = out.status.code();
    assert!(
        matches!(code, Some(0 | 1)),
        "status {code:?}\n{stdout}\n{stderr}"
    );
    if code == Some(1) {
        assert!(stderr.contains("problem"), "{stderr}");
    }
    (code == Some(0), stdout)
}

/// The line of the check called `name`.
fn line<'a>(stdout: &'a str, name: &str) -> &'a str {
    stdout
        .lines()
        .find(|l| {
            l.split_once(": ")
                .is_some_and(|(head, _)| head.ends_with(name))
        })
        .unwrap_or_else(|| panic!("no `{name}` line in:\n{stdout}"))
}

/// Files under `dir`, recursively, as relative paths, sorted.
fn files_under(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p.clone());
            }
            found.push(p.strip_prefix(dir).unwrap().display().to_string());
        }
    }
    found.sort();
    found
}

/// A port on loopback that nothing listens on.
fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

backend_tests!(
    a_good_site_passes_every_check_and_is_left_unchanged,
    an_unmigrated_database_is_a_problem,
    an_unreachable_relay_is_a_problem,
    a_media_folder_that_cannot_be_written_is_a_problem,
    a_relay_certificate_not_trusted_is_refused_with_what_to_do,
    plain_text_to_another_machine_is_a_configuration_problem,
    the_single_sign_on_provider_must_describe_itself,
);

async fn a_good_site_passes_every_check_and_is_left_unchanged(app: TestApp) {
    let dir = app.data_dir.path();
    assert!(dir.join("media").is_dir(), "the app made its media folder");
    let before = files_under(dir);
    let smtp = SmtpReceiver::start().await;
    let url = smtp.url();
    let (passed, out) = check(&app.database_url, dir, &["--smtp-url", &url]).await;
    assert!(passed, "{out}");
    let names = [
        "configuration",
        "database",
        "mail",
        "media",
        "single sign-on",
        "disk",
    ];
    assert_eq!(out.lines().count(), names.len(), "{out}");
    for name in names {
        assert!(line(&out, name).starts_with("ok "), "{out}");
    }
    let database = line(&out, "database");
    assert!(
        database.contains("none missing") && database.contains("takes writes"),
        "{out}"
    );
    assert!(
        line(&out, "mail").contains(&format!("127.0.0.1:{}", smtp.port)),
        "{out}"
    );
    assert!(smtp.messages().await.is_empty(), "the check sends no mail");
    // The probes left nothing behind: no file in the data folder, no row in the database.
    assert_eq!(files_under(dir), before);
    let probes: i64 = sqlx_count(
        &app,
        "SELECT COUNT(*) FROM site_secrets WHERE name LIKE '%probe%'",
    )
    .await;
    assert_eq!(probes, 0);
    // Without a relay, mail goes to the outbox, which is checked as a folder (not created).
    let (passed, out) = check(&app.database_url, dir, &[]).await;
    assert!(passed, "{out}");
    assert!(line(&out, "mail").contains("outbox"), "{out}");
    assert_eq!(files_under(dir), before);
}

async fn sqlx_count(app: &TestApp, sql: &str) -> i64 {
    use sqlx::Connection;
    match app.backend {
        Backend::Sqlite => {
            let mut c = sqlx::SqliteConnection::connect(&app.database_url)
                .await
                .unwrap();
            sqlx::query_scalar(sql).fetch_one(&mut c).await.unwrap()
        }
        Backend::Postgres => {
            let mut c = sqlx::PgConnection::connect(&app.database_url)
                .await
                .unwrap();
            sqlx::query_scalar(sql).fetch_one(&mut c).await.unwrap()
        }
    }
}

async fn an_unmigrated_database_is_a_problem(app: TestApp) {
    let Some(scratch) = ScratchDatabase::create(app.backend).await else {
        return;
    };
    if app.backend == Backend::Sqlite {
        // The file exists but holds nothing yet (a missing file is its own message, below).
        let path = scratch.url.trim_start_matches("sqlite://");
        std::fs::File::create(path).unwrap();
    }
    let (passed, out) = check(&scratch.url, app.data_dir.path(), &[]).await;
    assert!(!passed, "{out}");
    let database = line(&out, "database");
    assert!(database.starts_with("problem "), "{out}");
    assert!(
        database.contains("the database is not migrated")
            && database.contains("`broadsheet migrate`"),
        "{out}"
    );
    // The other checks still ran.
    assert!(line(&out, "media").starts_with("ok "), "{out}");
    if app.backend == Backend::Sqlite {
        let missing = app.data_dir.path().join("nothing-here.db");
        let url = format!("sqlite://{}", missing.display());
        let (passed, out) = check(&url, app.data_dir.path(), &[]).await;
        assert!(!passed, "{out}");
        assert!(
            line(&out, "database").contains("does not exist. Run `broadsheet migrate`"),
            "{out}"
        );
        assert!(!missing.exists(), "the check created the database file");
    }
}

async fn an_unreachable_relay_is_a_problem(app: TestApp) {
    let url = format!("smtp://127.0.0.1:{}", closed_port());
    let (passed, out) = check(
        &app.database_url,
        app.data_dir.path(),
        &["--smtp-url", &url],
    )
    .await;
    assert!(!passed, "{out}");
    let mail = line(&out, "mail");
    assert!(mail.starts_with("problem "), "{out}");
    assert!(mail.contains("could not be reached"), "{out}");
    assert!(mail.contains("Check that the relay is running"), "{out}");
    assert!(line(&out, "database").starts_with("ok "), "{out}");
}

async fn a_media_folder_that_cannot_be_written_is_a_problem(app: TestApp) {
    // A file where the folder should be: not writable as a folder, whoever runs the test.
    let media = app.data_dir.path().join("media");
    // The app made the folder when it started.
    std::fs::remove_dir(&media).unwrap();
    std::fs::write(&media, b"not a folder").unwrap();
    let (passed, out) = check(&app.database_url, app.data_dir.path(), &[]).await;
    assert!(!passed, "{out}");
    let line = line(&out, "media");
    assert!(line.starts_with("problem "), "{out}");
    assert!(
        line.contains(&format!("{} is not a folder", media.display()))
            && line.contains("--data-dir"),
        "{out}"
    );
    assert_eq!(std::fs::read(&media).unwrap(), b"not a folder");
}

/// The app sending its mail to a TLS receiver started for it, whose certificate it trusts
/// through the `--smtp-ca-file` setting: `async fn name(app: TestApp, smtp: SmtpReceiver)`.
struct TlsMail(TlsMode);

impl<Test: AsyncFnOnce(TestApp, SmtpReceiver)> Setup<Test> for TlsMail {
    async fn run(self, backend: Backend, test: Test) {
        let smtp = SmtpReceiver::start_tls(self.0).await;
        let ca = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(ca.path(), smtp.certificate_pem()).unwrap();
        let (url, ca_path) = (smtp.url(), ca.path().to_owned());
        let Some(mut app) = TestApp::start_with(backend, |c| {
            c.smtp_url = Some(broadsheet::config::DatabaseUrl::new(url));
            c.smtp_ca_file = Some(ca_path);
        })
        .await
        else {
            return;
        };
        app.smtp = Some(smtp.clone());
        test(app, smtp).await;
        drop(ca);
    }
}

backend_tests!(
    mod implicit_tls = TlsMail(TlsMode::Implicit),
    mod starttls = TlsMail(TlsMode::StartTls);
    mail_arrives_over_tls
);

async fn mail_arrives_over_tls(app: TestApp, smtp: SmtpReceiver) {
    app.send_signup(&client(), "Tess", "tess@example.org", &[])
        .await;
    let link = app.mailed_link("tess@example.org", "/signup/").await;
    assert!(link.starts_with("/signup/"), "{link}");
    let mails = smtp.messages_to("tess@example.org").await;
    assert_eq!(mails.len(), 1);
    assert!(mails[0].over_tls, "the mail came over TLS");
    // `check` says the relay answered, with the certificate trusted.
    let ca = app.data_dir.path().join("relay-ca.pem");
    std::fs::write(&ca, smtp.certificate_pem()).unwrap();
    let ca_arg = ca.display().to_string();
    let (passed, out) = check(
        &app.database_url,
        app.data_dir.path(),
        &["--smtp-url", &smtp.url(), "--smtp-ca-file", &ca_arg],
    )
    .await;
    assert!(passed, "{out}");
    assert!(line(&out, "mail").starts_with("ok "), "{out}");
    assert_eq!(smtp.messages().await.len(), 1, "the check sends no mail");
}

async fn a_relay_certificate_not_trusted_is_refused_with_what_to_do(app: TestApp) {
    for mode in [TlsMode::Implicit, TlsMode::StartTls] {
        let smtp = SmtpReceiver::start_tls(mode).await;
        let (passed, out) = check(
            &app.database_url,
            app.data_dir.path(),
            &["--smtp-url", &smtp.url()],
        )
        .await;
        assert!(!passed, "{mode:?}: {out}");
        let mail = line(&out, "mail");
        assert!(mail.starts_with("problem "), "{mode:?}: {out}");
        assert!(
            mail.contains("the TLS connection to the SMTP relay failed")
                && mail.contains("UnknownIssuer")
                && mail.contains("--smtp-ca-file"),
            "{mode:?}: {out}"
        );
        assert!(smtp.messages().await.is_empty());
    }
    // A relay that does not offer STARTTLS is not spoken to in plain text instead.
    let plain = SmtpReceiver::start().await;
    let url = format!("smtp://127.0.0.1:{}?tls=starttls", plain.port);
    let (passed, out) = check(
        &app.database_url,
        app.data_dir.path(),
        &["--smtp-url", &url],
    )
    .await;
    assert!(!passed, "{out}");
    let mail = line(&out, "mail");
    assert!(
        mail.starts_with("problem ")
            && mail.contains("the TLS connection to the SMTP relay failed"),
        "{out}"
    );
    // Another authority's certificate is no better.
    let other = SmtpReceiver::start_tls(TlsMode::Implicit).await;
    let smtp = SmtpReceiver::start_tls(TlsMode::Implicit).await;
    let ca = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(ca.path(), other.certificate_pem()).unwrap();
    let ca_arg = ca.path().display().to_string();
    let (passed, out) = check(
        &app.database_url,
        app.data_dir.path(),
        &["--smtp-url", &smtp.url(), "--smtp-ca-file", &ca_arg],
    )
    .await;
    assert!(!passed, "{out}");
    assert!(
        line(&out, "mail").contains("TLS connection to the SMTP relay failed"),
        "{out}"
    );
}

async fn plain_text_to_another_machine_is_a_configuration_problem(app: TestApp) {
    let (passed, out) = check(
        &app.database_url,
        app.data_dir.path(),
        &["--smtp-url", "smtp://mail.example.org:25"],
    )
    .await;
    assert!(!passed, "{out}");
    // The configuration is the only line: the rest needs a valid one.
    assert_eq!(out.lines().count(), 1, "{out}");
    let config = line(&out, "configuration");
    assert!(config.starts_with("problem "), "{out}");
    assert!(
        config.contains("unencrypted") && config.contains("smtps://mail.example.org:465"),
        "{out}"
    );
}

async fn the_single_sign_on_provider_must_describe_itself(app: TestApp) {
    let idp = crate::common::oidc::TestProvider::start().await;
    let settings = idp.settings("Newsroom");
    let secret = settings.client_secret.expose().to_owned();
    let oidc = |issuer: &str| {
        vec![
            "--oidc-issuer".to_owned(),
            issuer.to_owned(),
            "--oidc-client-id".to_owned(),
            settings.client_id.clone(),
            "--oidc-client-secret".to_owned(),
            secret.clone(),
        ]
    };
    let up = oidc(&idp.issuer);
    let up: Vec<&str> = up.iter().map(String::as_str).collect();
    let (passed, out) = check(&app.database_url, app.data_dir.path(), &up).await;
    assert!(passed, "{out}");
    let line_up = line(&out, "single sign-on");
    assert!(
        line_up.starts_with("ok ") && line_up.contains(&idp.issuer),
        "{out}"
    );
    let gone = oidc(&format!("http://127.0.0.1:{}", closed_port()));
    let gone: Vec<&str> = gone.iter().map(String::as_str).collect();
    let (passed, out) = check(&app.database_url, app.data_dir.path(), &gone).await;
    assert!(!passed, "{out}");
    let line_gone = line(&out, "single sign-on");
    assert!(
        line_gone.starts_with("problem ")
            && line_gone.contains("could not be reached")
            && line_gone.contains("/.well-known/openid-configuration must answer"),
        "{out}"
    );
    assert!(!out.contains(&secret), "the client secret is never printed");
}

/// The S3 media store: a probe object is put and deleted (the bucket is left empty), and a
/// bucket that does not exist is a problem. Against the S3 test server (`BROADSHEET_TEST_S3_URL`).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_s3_bucket_is_probed_and_left_as_it_was() {
    let Some(url) = crate::media::s3_url() else {
        return;
    };
    let settings = crate::media::s3_bucket(&url).await;
    let Some(app) = TestApp::start(Backend::Sqlite).await else {
        return;
    };
    let s3 = |bucket: &str| {
        vec![
            "--media-storage".to_owned(),
            "s3".to_owned(),
            "--media-s3-endpoint".to_owned(),
            url.clone(),
            "--media-s3-bucket".to_owned(),
            bucket.to_owned(),
            "--media-s3-access-key-id".to_owned(),
            "testing".to_owned(),
            "--media-s3-secret-access-key".to_owned(),
            "testing-secret".to_owned(),
        ]
    };
    let args = s3(&settings.bucket);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (passed, out) = check(&app.database_url, app.data_dir.path(), &args).await;
    assert!(passed, "{out}");
    let media = line(&out, "media");
    assert!(
        media.starts_with("ok ") && media.contains(&format!("S3 bucket {}", settings.bucket)),
        "{out}"
    );
    let listing = reqwest::get(format!("{url}/{}", settings.bucket))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !listing.contains("<Key>"),
        "the probe was left in the bucket: {listing}"
    );
    let args = s3("no-such-bucket-for-broadsheet");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (passed, out) = check(&app.database_url, app.data_dir.path(), &args).await;
    assert!(!passed, "{out}");
    let media = line(&out, "media");
    assert!(
        media.starts_with("problem ") && media.contains("may put and delete objects"),
        "{out}"
    );
}
