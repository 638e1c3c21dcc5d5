//! What an operator relies on, on SQLite and PostgreSQL: the command line (import, user create,
//! migrate, serve with demo content), health and metrics, headers, limits, graceful shutdown,
//! and several server processes on one database.

use std::io::Write;
use std::time::Duration;

use crate::common::{
    self, Configured, Member, ServerProcess, TestApp, article, attrs, bin, html, texts,
};

backend_tests!(
    healthz_reports_the_database,
    metrics_count_responses_and_queries,
    metrics_are_read_only_with_the_token,
    stylesheet_is_served_by_content_hash_for_long_caching,
    every_response_carries_security_headers_and_a_request_id,
    oversized_bodies_get_413_with_a_page,
    migrations_are_recorded_and_idempotent,
    import_command_imports_all_files_or_none,
    import_reports_file_and_line_of_bad_front_matter,
    import_refuses_images_without_alt_text_or_with_unsafe_addresses,
    user_create_hashes_with_argon2id_and_refuses_duplicates,
    serve_on_an_empty_database_loads_the_demo_site,
    sigterm_finishes_the_request_in_flight_then_exits,
    every_request_is_logged_with_its_id_status_and_latency,
    generate_adds_comments_with_their_threads_and_counts,
);

backend_tests!(
    mod no_metrics_token = Configured(without_a_metrics_token);
    metrics_are_not_served_without_a_token,
);

fn without_a_metrics_token(c: &mut broadsheet::config::Config) {
    c.metrics_token = None;
}

backend_tests!(
    mod behind_nginx = Configured(behind_a_proxy_on_this_machine);
    the_per_address_limit_counts_the_address_the_proxy_saw_not_the_one_the_client_wrote,
);

/// nginx on this machine in front of the site; two comments a minute per member and address.
fn behind_a_proxy_on_this_machine(c: &mut broadsheet::config::Config) {
    c.trusted_proxies =
        broadsheet::domain::network::TrustedProxies::parse(["127.0.0.1/32"]).unwrap();
    c.comments_per_minute = 2;
}

/// A member's comment sent through the proxy, with `X-Forwarded-For: xff`.
async fn comment_via_proxy(member: &Member, app: &TestApp, xff: &str, body: &str) -> u16 {
    member
        .client
        .post(app.url("/articles/story/comments"))
        .header("x-forwarded-for", xff)
        .form(&[("csrf", member.csrf.as_str()), ("body", body)])
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

async fn the_per_address_limit_counts_the_address_the_proxy_saw_not_the_one_the_client_wrote(
    app: TestApp,
) {
    app.publish(&[article("story", "Science", 5)]).await;
    let mut members = Vec::new();
    for name in ["Ana", "Ben", "Cai", "Dee", "Eve"] {
        members.push(app.member(name).await);
    }
    // nginx appends the address it saw (198.51.100.7) after whatever the client wrote; the
    // client makes up a new leftmost entry for every comment.
    for (i, member) in members[..2].iter().enumerate() {
        let xff = format!("10.9.8.{i}, 198.51.100.7");
        assert_eq!(
            comment_via_proxy(member, &app, &xff, "Through the proxy.").await,
            303
        );
    }
    // A third member from the same address: that address's limit, whatever comes first.
    let r = members[2]
        .client
        .post(app.url("/articles/story/comments"))
        .header("x-forwarded-for", "203.0.113.250, 198.51.100.7")
        .form(&[
            ("csrf", members[2].csrf.as_str()),
            ("body", "One too many."),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 429);
    assert!(r.headers().contains_key("retry-after"));
    // Naming the throttled address first does not make it the client's: the hop nginx saw is.
    let xff = "198.51.100.7, 198.51.100.8";
    assert_eq!(
        comment_via_proxy(&members[3], &app, xff, "Another reader.").await,
        303
    );
    // Only the configured header counts: `Forwarded` from the client is not believed (the
    // comment is counted under the proxy's own address, which has room).
    let r = members[4]
        .client
        .post(app.url("/articles/story/comments"))
        .header("forwarded", "for=198.51.100.7")
        .form(&[("csrf", members[4].csrf.as_str()), ("body", "Forwarded?")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
}

async fn every_request_is_logged_with_its_id_status_and_latency(app: TestApp) {
    let server = ServerProcess::start(&app.database_url, &["--no-demo"]);
    let r = common::client()
        .get(server.url("/no-such-page"))
        .header("x-request-id", "trace-me-42")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let mut line = None;
    for _ in 0..50 {
        line = server
            .log
            .lock()
            .unwrap()
            .lines()
            .find(|l| l.contains("trace-me-42") && l.contains("finished processing request"))
            .map(str::to_owned);
        if line.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let line = line.expect("a log line for the request");
    let v: serde_json::Value = serde_json::from_str(&line).expect("structured (JSON) log lines");
    assert_eq!(v["level"], "INFO");
    assert_eq!(v["status"], 404);
    assert!(v["latency"].as_str().unwrap().ends_with("μs"), "{line}");
    assert_eq!(v["span"]["request_id"], "trace-me-42");
    assert_eq!(v["span"]["uri"], "/no-such-page");
}

async fn healthz_reports_the_database(app: TestApp) {
    let r = app.get("/healthz").await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["cache-control"], "no-store");
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["status"], "ok");
    assert_eq!(v["database"], "ok");
    let expected = match app.backend {
        common::Backend::Sqlite => "sqlite",
        common::Backend::Postgres => "postgres",
    };
    assert_eq!(v["backend"], expected);
    // With the database gone, health says so with a 503.
    app.store.close().await;
    let r = app.get("/healthz").await;
    assert_eq!(r.status(), 503);
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["database"], "unreachable");
}

async fn metrics_count_responses_and_queries(app: TestApp) {
    app.page("/", 200).await;
    app.page("/nope", 404).await;
    let r = app
        .client
        .get(app.url("/metrics"))
        .bearer_auth(common::METRICS_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain; version=0.0.4")
    );
    let text = r.text().await.unwrap();
    let value = |name: &str| -> f64 {
        text.lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.rsplit(' ').next())
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("{name} missing from:\n{text}"))
    };
    assert!(value("broadsheet_http_responses_total{class=\"2xx\"}") >= 1.0);
    assert!(value("broadsheet_http_responses_total{class=\"4xx\"}") >= 1.0);
    assert!(value("broadsheet_db_queries_total") >= 2.0);
    assert_eq!(value("broadsheet_live_streams"), 0.0);
    assert!(text.contains("# TYPE broadsheet_http_responses_total counter"));
}

async fn metrics_are_read_only_with_the_token(app: TestApp) {
    let metrics = |auth: Option<&str>| {
        let mut r = app.client.get(app.url("/metrics"));
        if let Some(auth) = auth {
            r = r.header("authorization", auth);
        }
        async move { r.send().await.unwrap() }
    };
    let token = common::METRICS_TOKEN;
    let wrong_same_length = "x".repeat(token.len());
    let prefix = &token[..token.len() - 1];
    for auth in [
        None,
        Some(format!("Bearer {wrong_same_length}")),
        Some(format!("Bearer {prefix}")),
        Some(format!("Bearer {token}x")),
        Some(format!("Basic {token}")),
        Some(token.to_owned()),
        Some("Bearer ".to_owned()),
    ] {
        let r = metrics(auth.as_deref()).await;
        assert_eq!(r.status(), 401, "{auth:?}");
        assert!(
            r.headers()["www-authenticate"]
                .to_str()
                .unwrap()
                .starts_with("Bearer"),
            "{auth:?}"
        );
        let body = r.text().await.unwrap();
        assert!(
            !body.contains("broadsheet_http_responses_total"),
            "{auth:?}"
        );
        assert!(body.contains("metrics token"), "{auth:?}: {body}");
    }
    // A signed-in admin is no scraper.
    let admin = app.member("Ada").await;
    admin
        .promote(&app, broadsheet::domain::user::Role::Admin)
        .await;
    assert_eq!(admin.get("/metrics").await.status(), 401);
    for auth in [format!("Bearer {token}"), format!("bearer {token}")] {
        let r = metrics(Some(&auth)).await;
        assert_eq!(r.status(), 200, "{auth}");
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("broadsheet_http_responses_total")
        );
    }
}

async fn metrics_are_not_served_without_a_token(app: TestApp) {
    for auth in [None, Some("Bearer anything-at-all-0123456789")] {
        let mut r = app.client.get(app.url("/metrics"));
        if let Some(auth) = auth {
            r = r.header("authorization", auth);
        }
        let r = r.send().await.unwrap();
        assert_eq!(r.status(), 404, "{auth:?}");
        assert!(
            !r.text()
                .await
                .unwrap()
                .contains("broadsheet_http_responses_total")
        );
    }
}

async fn stylesheet_is_served_by_content_hash_for_long_caching(app: TestApp) {
    let doc = html(&app.page("/", 200).await);
    let href = attrs(&doc, "link[rel=stylesheet]", "href").remove(0);
    assert!(
        href.starts_with("/static/site.") && href.ends_with(".css"),
        "{href}"
    );
    let r = app.get(&href).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "text/css; charset=utf-8");
    assert_eq!(
        r.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let css = r.text().await.unwrap();
    assert!(css.contains(".story-body"));
    // The hash is of the content: a different name is not served.
    app.page("/static/site.000000000000.css", 404).await;
    let icon = attrs(&doc, "link[rel=icon]", "href").remove(0);
    assert_eq!(
        app.get(&icon).await.headers()["content-type"],
        "image/svg+xml"
    );
}

async fn every_response_carries_security_headers_and_a_request_id(app: TestApp) {
    for path in ["/", "/nope", "/healthz"] {
        let r = app.get(path).await;
        let h = r.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("script-src 'self'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(
            h["referrer-policy"], "strict-origin-when-cross-origin",
            "{path}"
        );
        assert!(!h["x-request-id"].is_empty(), "{path}");
        assert!(
            h.get("strict-transport-security").is_none(),
            "no HSTS over plain http"
        );
    }
    // A request id sent by a proxy is kept.
    let r = app
        .client
        .get(app.url("/"))
        .header("x-request-id", "edge-1234")
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["x-request-id"], "edge-1234");
}

async fn oversized_bodies_get_413_with_a_page(app: TestApp) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    // Declared too large: refused before a byte of the body is read.
    let mut conn = tokio::net::TcpStream::connect(app.addr).await.unwrap();
    conn.write_all(
        b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\nConnection: close\r\n\r\n",
    )
    .await
    .unwrap();
    let mut response = String::new();
    conn.read_to_string(&mut response).await.unwrap();
    assert!(response.starts_with("HTTP/1.1 413"), "{response}");
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    // The middleware's own answers carry the security headers too.
    let head = head.to_ascii_lowercase();
    assert!(
        head.contains("content-security-policy: default-src 'self'"),
        "{head}"
    );
    assert!(head.contains("x-content-type-options: nosniff"), "{head}");
    let doc = html(body);
    assert_eq!(texts(&doc, "h1"), vec!["Too large to accept"]);
    assert!(
        texts(&doc, ".error-page p")
            .join(" ")
            .contains("larger than this site accepts"),
        "{body}"
    );
}

async fn migrations_are_recorded_and_idempotent(app: TestApp) {
    let known = app.store.known_migrations();
    assert!(!known.is_empty());
    assert_eq!(app.store.applied_migrations().await.unwrap(), known);
    app.store.migrate().await.unwrap();
    assert_eq!(app.store.applied_migrations().await.unwrap(), known);
    let out = bin()
        .args(["--database-url", &app.database_url, "migrate"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(&format!("{} applied", known.len())),
        "{stdout}"
    );
}

/// Each source of a setting wins over the one below it: a flag over the environment, the
/// environment over the file, the file over the default. A page size out of range is refused
/// with the value that won, so the message tells which source that was.
#[test]
fn a_flag_beats_the_environment_which_beats_the_file_which_beats_the_default() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_file(dir.path(), "site.toml", "page_size = 201\n");
    let migrate = |in_file: bool, in_env: bool, as_flag: bool| {
        let mut cmd = bin();
        cmd.env_remove("BROADSHEET_CONFIG")
            .env_remove("BROADSHEET_PAGE_SIZE")
            .arg("--data-dir")
            .arg(dir.path());
        if in_file {
            cmd.arg("--config").arg(&file);
        }
        if in_env {
            cmd.env("BROADSHEET_PAGE_SIZE", "202");
        }
        if as_flag {
            cmd.args(["--page-size", "203"]);
        }
        let out = cmd.arg("migrate").output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let refused = |got: u32| {
        (
            Some(2),
            format!("broadsheet: page_size must be between 1 and 100 (got {got})\n"),
        )
    };
    assert_eq!(migrate(true, true, true), refused(203));
    assert_eq!(migrate(false, true, true), refused(203));
    assert_eq!(migrate(true, true, false), refused(202));
    assert_eq!(migrate(true, false, false), refused(201));
    let (code, stderr) = migrate(false, false, false);
    assert_eq!(code, Some(0), "the default page size is valid: {stderr}");
}

fn write_file(dir: &std::path::Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::File::create(&path)
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    path
}

fn article_file(title: &str, section: &str, author: &str, extra: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\nsection: {section}\nauthor: {author}\npublished_at: 2026-05-30T09:00:00Z\n{extra}summary: A test summary.\n---\n\nA body with *Markdown*.\n"
    )
}

async fn import_command_imports_all_files_or_none(app: TestApp) {
    let dir = tempfile::tempdir().unwrap();
    let a = write_file(
        dir.path(),
        "a.md",
        &article_file(
            "Bridge opens",
            "City Desk",
            "Lena Park",
            "tags: [bridges, city]\n",
        ),
    );
    let b = write_file(
        dir.path(),
        "b.md",
        &article_file(
            "Rates hold",
            "Markets",
            "Omar Haddad",
            "slug: rates-hold-steady\n",
        ),
    );
    let out = bin()
        .args(["--database-url", &app.database_url, "import"])
        .args([&a, &b])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("imported 2 articles"));
    // New sections and authors were created and the pages answer.
    let doc = html(&app.page("/articles/bridge-opens", 200).await);
    assert_eq!(texts(&doc, ".story .kicker a"), vec!["City Desk"]);
    app.page("/articles/rates-hold-steady", 200).await;
    app.page("/sections/markets", 200).await;
    app.page("/authors/omar-haddad", 200).await;
    app.page("/tags/bridges", 200).await;

    // A batch with a slug that is already taken changes nothing, not even its good files.
    let c = write_file(
        dir.path(),
        "c.md",
        &article_file("Ferry returns", "Transport", "Lena Park", ""),
    );
    let out = bin()
        .args(["--database-url", &app.database_url, "import"])
        .args([&c, &a])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("nothing was imported") && err.contains("bridge-opens"),
        "{err}"
    );
    app.page("/articles/ferry-returns", 404).await;
    app.page("/sections/transport", 404).await;
}

async fn import_reports_file_and_line_of_bad_front_matter(app: TestApp) {
    let dir = tempfile::tempdir().unwrap();
    let good = write_file(
        dir.path(),
        "good.md",
        &article_file("Good one", "Science", "Ana Ruiz", ""),
    );
    let bad = write_file(
        dir.path(),
        "bad.md",
        "---\ntitle: Bad one\nsection: Science\nauthor: Ana Ruiz\npublished_at: next Tuesday\n---\n\nBody.\n",
    );
    let out = bin()
        .args(["--database-url", &app.database_url, "import"])
        .args([&good, &bad])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.md: line 5: `published_at` must be an RFC 3339 date-time"),
        "{err}"
    );
    assert!(!err.contains("good.md"), "{err}");
    app.page("/articles/good-one", 404).await;
    let missing = bin()
        .args([
            "--database-url",
            &app.database_url,
            "import",
            "/nonexistent/x.md",
        ])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&missing.stderr)
            .contains("/nonexistent/x.md: cannot read the file")
    );
}

async fn import_refuses_images_without_alt_text_or_with_unsafe_addresses(app: TestApp) {
    let dir = tempfile::tempdir().unwrap();
    let import = |file: &std::path::Path| {
        bin()
            .args(["--database-url", &app.database_url, "import"])
            .arg(file)
            .output()
            .unwrap()
    };
    // `image` is on line 6 of these files (after title, section, author, published_at).
    let no_alt = write_file(
        dir.path(),
        "no-alt.md",
        &article_file(
            "Cranes",
            "Science",
            "Ana Ruiz",
            "image: /media/cranes.jpg\n",
        ),
    );
    let out = import(&no_alt);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no-alt.md: line 6: `image` needs `image_alt`"),
        "{err}"
    );
    let script = write_file(
        dir.path(),
        "script.md",
        &article_file(
            "Cranes",
            "Science",
            "Ana Ruiz",
            "image: javascript:alert(1)\nimage_alt: Cranes at dawn\n",
        ),
    );
    let out = import(&script);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("script.md: line 6: `image` must be an https:// or http:// URL"),
        "{err}"
    );
    let data = write_file(
        dir.path(),
        "data.md",
        &article_file(
            "Cranes",
            "Science",
            "Ana Ruiz",
            "image: \"data:image/svg+xml,<svg onload=alert(1)>\"\nimage_alt: x\n",
        ),
    );
    assert_eq!(import(&data).status.code(), Some(1));
    app.page("/articles/cranes", 404).await;
    // With alt text and a safe address it goes in, and the page shows it.
    let good = write_file(
        dir.path(),
        "good.md",
        &article_file(
            "Cranes",
            "Science",
            "Ana Ruiz",
            "image: https://cdn.example.org/cranes.webp\nimage_alt: Cranes at dawn\n",
        ),
    );
    let out = import(&good);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = html(&app.page("/articles/cranes", 200).await);
    assert_eq!(
        attrs(&doc, "figure img", "alt"),
        vec!["Cranes at dawn".to_owned()]
    );
}

async fn user_create_hashes_with_argon2id_and_refuses_duplicates(app: TestApp) {
    let create = |email: &str, password: &str, role: &str| {
        let mut child = bin()
            .args([
                "--database-url",
                &app.database_url,
                "user",
                "create",
                "--email",
                email,
                "--role",
                role,
            ])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(format!("{password}\n").as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let out = create("Editor@Example.org", "a long enough password", "editor");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let email = broadsheet::domain::user::Email::parse("editor@example.org").unwrap();
    let user = app
        .store
        .user_by_email(&email)
        .await
        .unwrap()
        .expect("created");
    assert_eq!(user.role, "editor");
    assert_eq!(user.display_name, "editor");
    assert!(user.password_hash.starts_with("$argon2id$"));
    assert!(broadsheet::domain::user::verify_password(
        "a long enough password",
        &user.password_hash
    ));

    let out = create("EDITOR@example.org", "another long password", "member");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
    let out = create("new@example.org", "short", "member");
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least 10 characters"));
    let out = create("new@example.org", "long enough password", "owner");
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown role `owner`"));
    // The password may come from the environment instead of standard input.
    let out = bin()
        .args([
            "--database-url",
            &app.database_url,
            "user",
            "create",
            "--email",
            "env@example.org",
        ])
        .env("BROADSHEET_PASSWORD", "from the environment")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

async fn serve_on_an_empty_database_loads_the_demo_site(app: TestApp) {
    let server = ServerProcess::start(&app.database_url, &[]);
    let client = common::client();
    let front = client
        .get(server.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let doc = html(&front);
    let nav = texts(&doc, "nav[aria-label=Sections] a");
    assert_eq!(
        nav,
        vec![
            "International",
            "Business",
            "Technology",
            "Science",
            "Opinion"
        ]
    );
    assert_eq!(texts(&doc, ".lead .card-title").len(), 1);
    assert!(app.store.article_count().await.unwrap() >= 15);
    // Every story on the front page opens.
    for href in attrs(&doc, ".card-title a", "href") {
        let r = client.get(server.url(&href)).send().await.unwrap();
        assert_eq!(r.status(), 200, "{href}");
    }
    drop(server);
    // A second start does not load the demo again.
    let before = app.store.article_count().await.unwrap();
    let server = ServerProcess::start(&app.database_url, &[]);
    assert_eq!(
        client
            .get(server.url("/healthz"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(app.store.article_count().await.unwrap(), before);
}

async fn sigterm_finishes_the_request_in_flight_then_exits(app: TestApp) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    app.publish(&[article("in-flight", "Science", 5)]).await;
    let mut server = ServerProcess::start(&app.database_url, &["--no-demo"]);
    // A request whose headers are still arriving when the signal comes.
    let mut conn = tokio::net::TcpStream::connect(server.addr).await.unwrap();
    conn.write_all(b"GET /articles/in-flight HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    server.signal("TERM");
    tokio::time::sleep(Duration::from_millis(200)).await;
    conn.write_all(b"Connection: close\r\n\r\n").await.unwrap();
    let mut response = String::new();
    conn.read_to_string(&mut response).await.unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains("Headline of in-flight"));
    let status = server
        .wait(Duration::from_secs(10))
        .expect("exits after SIGTERM");
    assert!(status.success(), "{status:?}");
    let log = server.log.lock().unwrap().clone();
    assert!(log.contains("shutting down"), "{log}");
    // New connections are refused once it has stopped.
    assert!(tokio::net::TcpStream::connect(server.addr).await.is_err());
}

/// Two `serve` processes on one PostgreSQL database serve the same site: what one process
/// imports, the other shows, with no state held in either.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_on_one_postgres_serve_the_same_site() {
    let Some(app) = TestApp::start(common::Backend::Postgres).await else {
        return;
    };
    let one = ServerProcess::start(&app.database_url, &["--no-demo"]);
    let two = ServerProcess::start(&app.database_url, &["--no-demo"]);
    let client = common::client();
    for s in [&one, &two] {
        assert_eq!(
            client
                .get(s.url("/articles/shared-story"))
                .send()
                .await
                .unwrap()
                .status(),
            404
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let f = write_file(
        dir.path(),
        "s.md",
        &article_file("Shared story", "Science", "Ana Ruiz", ""),
    );
    let out = bin()
        .args(["--database-url", &app.database_url, "import"])
        .arg(&f)
        .output()
        .unwrap();
    assert!(out.status.success());
    for s in [&one, &two] {
        let r = client
            .get(s.url("/articles/shared-story"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        assert!(r.text().await.unwrap().contains("Shared story"));
        let listing = client
            .get(s.url("/sections/science"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(listing.contains("Shared story"));
    }
}

async fn generate_adds_comments_with_their_threads_and_counts(app: TestApp) {
    app.publish(&[
        article("quiet-story", "Science", 60),
        article("busy-story", "Science", 30),
    ])
    .await;
    let out = bin()
        .args([
            "--database-url",
            &app.database_url,
            "generate",
            "--articles",
            "0",
            "--comments",
            "40",
            "--thread-article",
            "busy-story",
            "--thread-comments",
            "25",
            "--members",
            "4",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let now = chrono::Utc::now();
    // The thread article has exactly its 25; the 40 spread over the others (here, one).
    for (slug, n) in [("busy-story", 25usize), ("quiet-story", 40)] {
        let page = app.page(&format!("/articles/{slug}"), 200).await;
        assert!(page.contains(&format!("Comments ({n})")), "{slug}");
        let doc = html(&page);
        assert_eq!(attrs(&doc, "[data-comment-id]", "data-comment-id").len(), n);
        let (id, _) = app
            .store
            .published_article_id(slug, now)
            .await
            .unwrap()
            .unwrap();
        let roots = app
            .store
            .threads(id, Default::default(), None, 1000, None)
            .await
            .unwrap();
        let ids: Vec<i64> = roots.iter().map(|r| r.id).collect();
        let replies = app.store.replies(&ids, None).await.unwrap();
        assert_eq!(roots.len() + replies.len(), n, "{slug}");
        let all: std::collections::HashMap<i64, _> =
            roots.iter().chain(&replies).map(|c| (c.id, c)).collect();
        for c in all.values() {
            assert_eq!(c.article_id, id);
            let answers = all.values().filter(|r| r.parent_id == Some(c.id)).count();
            assert_eq!(c.reply_count, answers as i64, "reply_count of {}", c.id);
            match c.parent_id {
                None => assert_eq!((c.thread_id, c.depth), (Some(c.id), 0)),
                Some(p) => {
                    assert_eq!(c.thread_id, all[&p].thread_id);
                    assert_eq!(c.depth, all[&p].depth + 1);
                }
            }
        }
    }
    // A generated member signs in with the documented password and posts: ids continue
    // after the generated ones (on PostgreSQL, the identity sequence was moved on).
    let member = Member::sign_in(
        &app,
        "member-1@synthetic.example",
        "synthetic-member-password",
    )
    .await;
    member.comment("busy-story", None, "A real comment.").await;
    let page = app.page("/articles/busy-story", 200).await;
    assert!(page.contains("Comments (26)"));
}
