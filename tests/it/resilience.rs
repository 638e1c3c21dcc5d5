//! Hostile and unlucky conditions: clients that send headers a byte at a time, sit idle or send
//! huge heads; more requests at once than the limit; live streams that must outlive all of
//! that; and PostgreSQL going away and coming back (through a TCP proxy the test controls).
//! The limits are the server's, not the database's, so they run on SQLite.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use crate::common::{self, Backend, ServerProcess, TestApp, article};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Reads until the peer closes (or `limit` passes); returns what came and whether it closed.
async fn read_until_closed(conn: &mut TcpStream, limit: Duration) -> (String, bool) {
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    let deadline = Instant::now() + limit;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, conn.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return (String::from_utf8_lossy(&got).into_owned(), true),
            Ok(Ok(n)) => got.extend_from_slice(&buf[..n]),
            Err(_) => return (String::from_utf8_lossy(&got).into_owned(), false),
        }
    }
}

async fn start_with_limits(tweak: impl FnOnce(&mut broadsheet::config::Config)) -> TestApp {
    TestApp::start_with(Backend::Sqlite, tweak).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slowloris_is_disconnected_while_others_are_served() {
    let app = start_with_limits(|c| c.header_timeout = Duration::from_secs(2)).await;
    app.publish(&[article("story", "Science", 5)]).await;
    let addr = app.addr;
    // Headers, one byte every 200 ms: the whole head would take far longer than 2 s.
    let slow = tokio::spawn(async move {
        let mut conn = TcpStream::connect(addr).await.unwrap();
        let head = format!(
            "GET /articles/story HTTP/1.1\r\nHost: x\r\nX-Padding: {}\r\n\r\n",
            "a".repeat(100)
        );
        let started = Instant::now();
        for b in head.as_bytes() {
            if conn.write_all(&[*b]).await.is_err() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
            if started.elapsed() > Duration::from_secs(15) {
                break;
            }
        }
        let (answer, closed) = read_until_closed(&mut conn, Duration::from_secs(5)).await;
        (started.elapsed(), answer, closed)
    });
    // Meanwhile, ordinary clients are served.
    for _ in 0..10 {
        app.page("/articles/story", 200).await;
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let (elapsed, answer, closed) = slow.await.unwrap();
    assert!(closed, "the slow client was not disconnected");
    assert!(
        !answer.contains("200 OK"),
        "the slow client was served: {answer}"
    );
    assert!(
        elapsed < Duration::from_secs(15),
        "the slow client was disconnected only after {elapsed:?}"
    );
    app.page("/articles/story", 200).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_kept_alive_connections_are_closed() {
    let app = start_with_limits(|c| c.header_timeout = Duration::from_secs(1)).await;
    let mut conn = TcpStream::connect(app.addr).await.unwrap();
    conn.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    let mut buf = [0u8; 4096];
    let n = conn.read(&mut buf).await.unwrap();
    assert!(String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 200"));
    // Kept alive, then silent: the server hangs up by itself.
    let (_, closed) = read_until_closed(&mut conn, Duration::from_secs(10)).await;
    assert!(closed, "an idle connection was kept open");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_headers_get_431() {
    let app = start_with_limits(|c| c.max_header_bytes = 8 * 1024).await;
    for size in [20 * 1024, 600 * 1024] {
        let mut conn = TcpStream::connect(app.addr).await.unwrap();
        let head = format!(
            "GET / HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n",
            "b".repeat(size)
        );
        // The server may stop reading (and answer) before all of it is sent.
        let _ =
            tokio::time::timeout(Duration::from_secs(10), conn.write_all(head.as_bytes())).await;
        let (answer, closed) = read_until_closed(&mut conn, Duration::from_secs(10)).await;
        assert!(closed, "a {size}-byte header: the connection stayed open");
        if size < 64 * 1024 {
            assert!(
                answer.starts_with("HTTP/1.1 431"),
                "a {size}-byte header got: {answer:.200}"
            );
        } else {
            // Far over the limit the server stops reading; its 431 may be lost in the reset
            // of a socket with unread data. Either way, a refusal.
            assert!(
                answer.is_empty() || answer.starts_with("HTTP/1.1 431"),
                "a {size}-byte header got: {answer:.200}"
            );
        }
    }
    // A head within the limit is served.
    let r = app
        .client
        .get(app.url("/healthz"))
        .header("x-fine", "f".repeat(4 * 1024))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}

/// Starts a request that stays in flight: a POST whose promised body never arrives.
async fn request_in_flight(addr: SocketAddr) -> TcpStream {
    let mut conn = TcpStream::connect(addr).await.unwrap();
    conn.write_all(
        b"POST /signin HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nemail=",
    )
    .await
    .unwrap();
    conn
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_the_concurrency_limit_answers_503_at_once_and_live_streams_are_not_counted() {
    let app = start_with_limits(|c| {
        c.max_concurrent_requests = 2;
        c.header_timeout = Duration::from_secs(1);
    })
    .await;
    app.publish(&[article("story", "Science", 5)]).await;
    let member = app.member("Ada").await;
    // Three live streams first: they are long-lived and do not take slots.
    let mut streams = Vec::new();
    for _ in 0..3 {
        let s = common::client()
            .get(app.url("/articles/story/live"))
            .send()
            .await
            .unwrap();
        assert_eq!(s.status(), 200);
        streams.push(s);
    }
    app.page("/articles/story", 200).await;

    // Two requests in flight fill the slots; the next one is refused at once.
    let held = vec![
        request_in_flight(app.addr).await,
        request_in_flight(app.addr).await,
    ];
    tokio::time::sleep(Duration::from_millis(300)).await;
    let started = Instant::now();
    // A member's page is work (rendered for them): refused.
    let r = member
        .client
        .get(app.url("/articles/story"))
        .send()
        .await
        .unwrap();
    let waited = started.elapsed();
    assert_eq!(r.status(), 503);
    assert!(r.headers().contains_key("retry-after"));
    assert!(
        r.text().await.unwrap().contains("Too busy just now"),
        "an error page"
    );
    // Liveness, not speed: the refusal does not wait for a slot (those requests never end).
    assert!(
        waited < Duration::from_secs(5),
        "the refusal took {waited:?}"
    );
    // A signed-out reader's stored page is no work and takes no slot: readers still get the
    // story while the server is too busy for anything else.
    let r = app.get("/articles/story").await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["x-cache"], "hit");

    // The slots free up when those requests end.
    drop(held);
    let mut ok = false;
    for _ in 0..50 {
        if member.get("/articles/story").await.status() == 200 {
            ok = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(ok, "the slots were not released");

    // The streams outlived the 1-second header timeout and still deliver.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let id = member.comment("story", None, "still live?").await;
    for s in &mut streams {
        let data = next_comment_event(s, Duration::from_secs(5)).await;
        assert_eq!(data, Some(id.to_string()));
    }
}

/// Opens a live-update stream to the story as a client at `address` (behind the trusted proxy
/// on 127.0.0.1, which says so in `X-Forwarded-For`).
async fn open_stream(app: &TestApp, address: &str) -> reqwest::Response {
    common::client()
        .get(app.url("/articles/story/live"))
        .header("x-forwarded-for", address)
        .send()
        .await
        .unwrap()
}

/// Opens a stream as `address` until one is accepted (the server notices a closed stream when
/// its connection ends); `None` if none is within 10 seconds.
async fn stream_once_accepted(app: &TestApp, address: &str) -> Option<reqwest::Response> {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        let s = open_stream(app, address).await;
        if s.status() == 200 {
            return Some(s);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    None
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn live_streams_are_bounded_per_address_and_in_all_and_given_back_when_closed() {
    let app = start_with_limits(|c| {
        c.trusted_proxies =
            broadsheet::domain::network::TrustedProxies::parse(["127.0.0.1/32"]).unwrap();
        c.max_live_streams_per_address = 2;
        c.max_live_streams = 3;
    })
    .await;
    app.publish(&[article("story", "Science", 5)]).await;
    let (ana, ben) = ("198.51.100.1", "198.51.100.2");
    let mut anas = Vec::new();
    for _ in 0..2 {
        let s = open_stream(&app, ana).await;
        assert_eq!(s.status(), 200);
        assert_eq!(s.headers()["content-type"], "text/event-stream");
        anas.push(s);
    }
    // A third from the same address: 429, plainly, however the client dresses it up.
    let refused = open_stream(&app, &format!("203.0.113.9, {ana}")).await;
    assert_eq!(refused.status(), 429);
    assert_eq!(refused.headers()["retry-after"], "60");
    assert!(
        refused.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain"),
        "a plain answer, not a page"
    );
    assert!(
        refused
            .text()
            .await
            .unwrap()
            .contains("Too many live-update streams are open from your address")
    );
    // Another address gets the process's last place; then the process is full for everyone.
    let bens = open_stream(&app, ben).await;
    assert_eq!(bens.status(), 200);
    let refused = open_stream(&app, "198.51.100.3").await;
    assert_eq!(refused.status(), 503);
    assert_eq!(refused.headers()["retry-after"], "60");
    assert!(
        refused
            .text()
            .await
            .unwrap()
            .contains("as many live-update streams")
    );
    // The page itself is served all the while.
    app.page("/articles/story", 200).await;

    // Ana closes her streams: their places come back, to her and to others.
    drop(anas);
    let again = stream_once_accepted(&app, "198.51.100.3").await;
    assert!(
        again.is_some(),
        "a closed stream's place was not given back"
    );
    let anas_again = stream_once_accepted(&app, ana).await;
    assert!(anas_again.is_some(), "Ana's own places were not given back");
    // Full again (Ben, 198.51.100.3, Ana): the bound still holds after places came back.
    assert_eq!(open_stream(&app, "198.51.100.4").await.status(), 503);
    // The streams still deliver.
    let member = app.member("Ada").await;
    let id = member.comment("story", None, "Anyone live?").await;
    let mut bens = bens;
    assert_eq!(
        next_comment_event(&mut bens, Duration::from_secs(5)).await,
        Some(id.to_string())
    );
}

/// The data of the next `comment` event on an SSE stream.
async fn next_comment_event(stream: &mut reqwest::Response, limit: Duration) -> Option<String> {
    let deadline = Instant::now() + limit;
    let mut text = String::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let chunk = tokio::time::timeout(left, stream.chunk())
            .await
            .ok()?
            .ok()??;
        text.push_str(&String::from_utf8_lossy(&chunk));
        if let Some(i) = text.find("event: comment\ndata: ") {
            let rest = &text[i + "event: comment\ndata: ".len()..];
            if let Some(end) = rest.find('\n') {
                return Some(rest[..end].to_owned());
            }
        }
    }
}

/// A TCP proxy in front of PostgreSQL that can stage an outage: every connection dropped and
/// the port closed (connections refused), then open again on the same port.
struct Proxy {
    addr: SocketAddr,
    control: tokio::sync::watch::Sender<bool>,
}

impl Proxy {
    async fn start(upstream: String) -> Proxy {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (control, up) = tokio::sync::watch::channel(true);
        tokio::spawn(async move {
            let mut listener = Some(listener);
            let mut up = up;
            loop {
                match listener.take() {
                    Some(l) => {
                        tokio::select! {
                            accepted = l.accept() => {
                                listener = Some(l);
                                let Ok((mut client, _)) = accepted else { continue };
                                let upstream = upstream.clone();
                                let mut down = up.clone();
                                tokio::spawn(async move {
                                    let Ok(mut server) = TcpStream::connect(&upstream).await else { return };
                                    let outage = async move {
                                        let _ = down.wait_for(|up| !*up).await;
                                    };
                                    tokio::select! {
                                        _ = tokio::io::copy_bidirectional(&mut client, &mut server) => {}
                                        _ = outage => {}
                                    }
                                });
                            }
                            _ = wait_until(&mut up, false) => {
                                // The outage: the port closes (refusing connections) and the
                                // connection tasks drop theirs.
                                drop(l);
                            }
                        }
                    }
                    None => {
                        wait_until(&mut up, true).await;
                        let mut attempts = 0;
                        listener = loop {
                            match tokio::net::TcpListener::bind(addr).await {
                                Ok(l) => break Some(l),
                                Err(_) if attempts < 100 => {
                                    attempts += 1;
                                    tokio::time::sleep(Duration::from_millis(50)).await;
                                }
                                Err(e) => panic!("the proxy cannot listen again on {addr}: {e}"),
                            }
                        };
                    }
                }
            }
        });
        Proxy { addr, control }
    }

    fn outage(&self) {
        self.control.send_replace(false);
    }

    fn recover(&self) {
        self.control.send_replace(true);
    }
}

async fn wait_until(rx: &mut tokio::sync::watch::Receiver<bool>, value: bool) {
    if rx.wait_for(|v| *v == value).await.is_err() {
        std::future::pending::<()>().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_outage_answers_503_fast_and_recovers_by_itself() {
    let Some(app) = TestApp::start(Backend::Postgres).await else {
        return;
    };
    app.publish(&[article("story", "Science", 5)]).await;
    // postgres://user@HOST:PORT/db → the same through the proxy.
    let (scheme_user, rest) = app.database_url.split_once('@').unwrap();
    let (host_port, db) = rest.split_once('/').unwrap();
    let proxy = Proxy::start(host_port.to_owned()).await;
    let url = format!("{scheme_user}@{}/{db}", proxy.addr);
    let mut server = ServerProcess::start(&url, &["--no-demo", "--db-acquire-timeout-secs", "2"]);
    let client = common::client();
    let base = format!("http://{}", server.addr);
    let status = |path: &'static str| {
        let (client, url) = (client.clone(), format!("{base}{path}"));
        async move {
            let started = Instant::now();
            let r = client.get(url).send().await.unwrap();
            let status = r.status().as_u16();
            (status, r.text().await.unwrap(), started.elapsed())
        }
    };
    assert_eq!(status("/articles/story").await.0, 200);
    assert_eq!(status("/healthz").await.0, 200);

    // Readers busy when the database goes: every answer is a page or a 503, never a 500 (a
    // connection broken in the middle of a query is "unavailable" too).
    let busy = tokio::sync::watch::channel(true);
    let readers: Vec<_> = (0..4)
        .map(|_| {
            let (client, url, mut going) = (
                client.clone(),
                format!("{base}/articles/stor%79"),
                busy.1.clone(),
            );
            tokio::spawn(async move {
                let mut seen = Vec::new();
                while *going.borrow_and_update() {
                    let r = client.get(&url).send().await.unwrap();
                    seen.push(r.status().as_u16());
                }
                seen
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(300)).await;
    proxy.outage();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    busy.0.send_replace(false);
    let mut seen = Vec::new();
    for r in readers {
        seen.extend(r.await.unwrap());
    }
    assert!(seen.contains(&200) && seen.contains(&503), "{seen:?}");
    assert!(seen.iter().all(|s| *s == 200 || *s == 503), "{seen:?}");
    eprintln!(
        "outage: {} answers while it began: {} pages, {} 503s",
        seen.len(),
        seen.iter().filter(|s| **s == 200).count(),
        seen.iter().filter(|s| **s == 503).count()
    );
    // Pages answer 503 with the error page; no hang: bounded by the 2-second acquire timeout
    // set above plus a margin.
    for _ in 0..3 {
        // (An escaped slug is rendered each time, never answered from the page cache.)
        let (code, body, took) = status("/articles/stor%79").await;
        assert_eq!(code, 503, "{body}");
        assert!(body.contains("Temporarily unavailable"), "{body}");
        assert!(took < Duration::from_secs(8), "the 503 took {took:?}");
        eprintln!("outage: 503 after {took:?}");
    }
    let (code, body, _) = status("/healthz").await;
    assert_eq!(code, 503);
    assert!(body.contains("unavailable"), "{body}");
    assert!(
        server.child.try_wait().unwrap().is_none(),
        "the server died"
    );

    proxy.recover();
    // Back without a restart: the pool drops its dead connections and opens new ones.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (code, _, _) = status("/articles/stor%79").await;
        if code == 200 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the site did not recover after PostgreSQL came back"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(status("/healthz").await.0, 200);
    for _ in 0..5 {
        assert_eq!(status("/articles/story").await.0, 200);
    }
    assert!(server.wait(Duration::from_millis(10)).is_none());
}
