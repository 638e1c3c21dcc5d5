//! Webhooks over real HTTP against a receiver the test starts, on SQLite and PostgreSQL: admins
//! register endpoints; deliveries are signed (HMAC-SHA256 over time and body), logged, retried
//! with backoff when the receiver fails, and never slow the request that caused them. The
//! receiver listens on 127.0.0.1, so these run with `--webhooks-allow-private`; without it, a
//! delivery inside the network is refused.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::common::{Configured, Member, TestApp, article, html, texts};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use broadsheet::domain::user::Role;
use broadsheet::domain::webhook::signature;
use serde_json::{Value, json};
use tokio::sync::Semaphore;

backend_tests!(
    mod private_receivers_allowed = Configured(allow_private_receivers);
    only_admins_manage_webhooks,
    a_new_comment_is_delivered_signed_and_logged,
    a_failing_receiver_is_retried_with_backoff,
    a_slow_receiver_does_not_slow_the_request,
    publishing_through_the_api_announces_the_article,
    a_scheduled_article_is_announced_once_when_its_time_comes,
    a_held_comment_is_announced_when_a_moderator_approves_it,
    live_updates_are_announced_when_readers_first_see_them,
);

backend_tests!(deliveries_to_addresses_inside_the_network_are_refused_and_logged);

/// `--webhooks-allow-private`: the test receivers are on this machine.
fn allow_private_receivers(c: &mut broadsheet::config::Config) {
    c.webhooks_allow_private = true;
}

#[derive(Clone, Debug)]
struct Received {
    headers: HeaderMap,
    body: String,
}

/// A receiver: records every request; answers with the statuses queued in `answers` (then 200);
/// when `gate` is set, each request waits for a permit before answering.
#[derive(Clone, Default)]
struct Receiver {
    got: Arc<Mutex<Vec<Received>>>,
    answers: Arc<Mutex<Vec<u16>>>,
    gate: Option<Arc<Semaphore>>,
}

impl Receiver {
    async fn start(self) -> (String, Receiver) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/hook", listener.local_addr().unwrap());
        let app = axum::Router::new()
            .route("/hook", post(receive))
            .with_state(self.clone());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        (url, self)
    }

    fn received(&self) -> Vec<Received> {
        self.got.lock().unwrap().clone()
    }

    /// Waits (up to 15 s) until `n` requests have arrived.
    async fn wait_for(&self, n: usize) -> Vec<Received> {
        for _ in 0..300 {
            let got = self.received();
            if got.len() >= n {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("expected {n} deliveries, got {}", self.received().len());
    }
}

async fn receive(State(r): State<Receiver>, headers: HeaderMap, body: String) -> StatusCode {
    r.got.lock().unwrap().push(Received { headers, body });
    if let Some(gate) = &r.gate {
        gate.acquire().await.unwrap().forget();
    }
    let status = {
        let mut answers = r.answers.lock().unwrap();
        if answers.is_empty() {
            200
        } else {
            answers.remove(0)
        }
    };
    StatusCode::from_u16(status).unwrap()
}

async fn admin(app: &TestApp) -> Member {
    let admin = app.member("Ada Admin").await;
    admin.promote(app, Role::Admin).await;
    admin
}

/// Registers `url` for `events` through the admin form; returns the endpoint's signing secret.
async fn register(app: &TestApp, admin: &Member, url: &str, events: &[&str]) -> String {
    let fields: Vec<(String, &str)> = events.iter().map(|e| (e.replace('.', "_"), "on")).collect();
    let mut form: Vec<(&str, &str)> = vec![("url", url)];
    form.extend(fields.iter().map(|(k, v)| (k.as_str(), *v)));
    let r = admin.post("/admin/webhooks", &form).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let hooks = app.store.webhooks().await.unwrap();
    let hook = hooks.iter().find(|h| h.url == url).expect("registered");
    let page = admin.page("/admin/webhooks").await;
    assert!(page.contains(&hook.secret), "the admin sees the secret");
    hook.secret.clone()
}

fn header<'a>(r: &'a Received, name: &str) -> &'a str {
    r.headers
        .get(name)
        .unwrap_or_else(|| panic!("no {name} header"))
        .to_str()
        .unwrap()
}

/// Checks the signature as a receiver would: recompute the HMAC over `t.body`.
fn assert_signed(r: &Received, secret: &str) {
    let sig = header(r, "broadsheet-signature");
    let t: i64 = sig
        .strip_prefix("t=")
        .and_then(|s| s.split(',').next())
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(sig, signature(secret, t, &r.body));
    assert_ne!(sig, signature("wrong secret", t, &r.body));
}

async fn only_admins_manage_webhooks(app: TestApp) {
    let r = app.get("/admin/webhooks").await;
    assert_eq!(r.status(), 303);
    let member = app.member("Max").await;
    for role in [None, Some(Role::Moderator), Some(Role::Editor)] {
        if let Some(role) = role {
            member.promote(&app, role).await;
        }
        assert_eq!(member.get("/admin/webhooks").await.status(), 403);
        let r = member
            .post(
                "/admin/webhooks",
                &[("url", "http://127.0.0.1:9/x"), ("comment_created", "on")],
            )
            .await;
        assert_eq!(r.status(), 403);
    }
    assert!(app.store.webhooks().await.unwrap().is_empty());

    let admin = admin(&app).await;
    let settings = admin.page("/settings").await;
    assert!(settings.contains("href=\"/admin/webhooks\""));
    // Bad input comes back with what was typed and a message that says what to change.
    let r = admin
        .post(
            "/admin/webhooks",
            &[("url", "ftp://files.example/in"), ("comment_created", "on")],
        )
        .await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.contains("must start with https://"));
    assert!(body.contains("value=\"ftp://files.example/in\""));
    let r = admin
        .post("/admin/webhooks", &[("url", "https://hooks.example/in")])
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("at least one event"));

    register(
        &app,
        &admin,
        "https://hooks.example/in",
        &["comment.created"],
    )
    .await;
    let id = app.store.webhooks().await.unwrap()[0].id;
    let r = admin
        .post(&format!("/admin/webhooks/{id}/delete"), &[])
        .await;
    assert_eq!(r.status(), 303);
    assert!(app.store.webhooks().await.unwrap().is_empty());
}

async fn a_new_comment_is_delivered_signed_and_logged(app: TestApp) {
    app.publish(&[article("harbour", "Science", 5)]).await;
    let admin = admin(&app).await;
    let (url, receiver) = Receiver::default().start().await;
    let secret = register(&app, &admin, &url, &["comment.created"]).await;
    // An endpoint for another event gets nothing.
    let (other_url, other) = Receiver::default().start().await;
    register(&app, &admin, &other_url, &["article.published"]).await;

    let bea = app.member("Bea").await;
    let id = bea
        .comment("harbour", None, "The quay needs *repairs*.")
        .await;
    let got = receiver.wait_for(1).await;
    let d = &got[0];
    assert_signed(d, &secret);
    assert_eq!(header(d, "broadsheet-event"), "comment.created");
    assert_eq!(header(d, "content-type"), "application/json");
    let payload: Value = serde_json::from_str(&d.body).unwrap();
    assert_eq!(payload["event"], "comment.created");
    assert_eq!(payload["comment"]["id"], id);
    assert_eq!(payload["comment"]["author"]["name"], "Bea");
    assert!(
        payload["comment"]["body_html"]
            .as_str()
            .unwrap()
            .contains("<em>repairs</em>")
    );
    assert_eq!(payload["article"]["slug"], "harbour");
    assert!(
        payload["comment"]["url"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/articles/harbour#comment-{id}"))
    );

    // The log shows it delivered, with the receiver's answer.
    let delivery: i64 = header(d, "broadsheet-delivery").parse().unwrap();
    let mut delivered = false;
    for _ in 0..100 {
        let log = app.store.recent_deliveries(None, 10).await.unwrap();
        if log
            .iter()
            .any(|l| l.id == delivery && l.status == "delivered")
        {
            delivered = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(delivered);
    let page = admin.page("/admin/webhooks").await;
    let rows = texts(&html(&page), "table.deliveries tbody tr.delivery-delivered");
    assert_eq!(rows.len(), 1, "{page}");
    assert!(rows[0].contains("comment.created") && rows[0].contains("200"));

    // "Send again" delivers the same delivery id a second time.
    let r = admin
        .post(
            &format!("/admin/webhooks/deliveries/{delivery}/redeliver"),
            &[],
        )
        .await;
    assert_eq!(r.status(), 303);
    let got = receiver.wait_for(2).await;
    assert_eq!(header(&got[1], "broadsheet-delivery"), delivery.to_string());
    assert_signed(&got[1], &secret);
    assert!(other.received().is_empty());
}

async fn a_failing_receiver_is_retried_with_backoff(app: TestApp) {
    app.publish(&[article("harbour", "Science", 5)]).await;
    let admin = admin(&app).await;
    let failing = Receiver {
        answers: Arc::new(Mutex::new(vec![500, 503])),
        ..Default::default()
    };
    let (url, receiver) = failing.start().await;
    let secret = register(&app, &admin, &url, &["comment.created"]).await;
    let bea = app.member("Bea").await;
    bea.comment("harbour", None, "First!").await;

    receiver.wait_for(1).await;
    let pending = wait_for_status(&app, "pending", 1, 500).await;
    assert_eq!(pending.last_status, Some(500));
    // The next attempt waits 30 seconds, then twice as long; nothing is sent before then.
    assert_eq!(
        pending.next_attempt_at,
        app.clock.now() + chrono::Duration::seconds(30)
    );
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(receiver.received().len(), 1);

    app.clock.advance(chrono::Duration::seconds(31));
    receiver.wait_for(2).await;
    let pending = wait_for_status(&app, "pending", 2, 503).await;
    assert_eq!(pending.last_status, Some(503));
    assert_eq!(
        pending.next_attempt_at,
        app.clock.now() + chrono::Duration::seconds(60)
    );

    app.clock.advance(chrono::Duration::seconds(61));
    let got = receiver.wait_for(3).await;
    let done = wait_for_status(&app, "delivered", 3, 200).await;
    assert_eq!(done.last_status, Some(200));
    // Every attempt carries the same delivery id and a valid signature.
    let ids: Vec<&str> = got
        .iter()
        .map(|r| header(r, "broadsheet-delivery"))
        .collect();
    assert!(ids.iter().all(|i| *i == ids[0]));
    for r in &got {
        assert_signed(r, &secret);
    }
}

/// Waits until the only delivery has `status` after `attempts` recorded attempts, the last
/// answered with `last`.
async fn wait_for_status(
    app: &TestApp,
    status: &str,
    attempts: i64,
    last: i64,
) -> broadsheet::store::webhooks::DeliveryRow {
    for _ in 0..300 {
        let log = app.store.recent_deliveries(None, 10).await.unwrap();
        if let Some(d) = log
            .into_iter()
            // A claimed attempt shows as pending, with the previous answer, until its own
            // answer is recorded.
            .find(|d| d.status == status && d.attempts == attempts && d.last_status == Some(last))
        {
            return d;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("no delivery reached {status} after {attempts} attempts");
}

async fn a_slow_receiver_does_not_slow_the_request(app: TestApp) {
    app.publish(&[article("harbour", "Science", 5)]).await;
    let admin = admin(&app).await;
    let gate = Arc::new(Semaphore::new(0));
    let slow = Receiver {
        gate: Some(gate.clone()),
        ..Default::default()
    };
    let (url, receiver) = slow.start().await;
    register(&app, &admin, &url, &["comment.created"]).await;
    let bea = app.member("Bea").await;
    bea.comment("harbour", None, "One").await;
    // The receiver now holds the first delivery and will not answer until the test says so.
    receiver.wait_for(1).await;
    // Meanwhile readers and writers are served as usual: the next comment posts and shows.
    let second = tokio::time::timeout(Duration::from_secs(5), bea.comment("harbour", None, "Two"))
        .await
        .expect("posting is not held up by the receiver");
    let page = app.page("/articles/harbour", 200).await;
    assert!(page.contains(&format!("id=\"comment-{second}\"")));
    assert_eq!(
        gate.available_permits(),
        0,
        "the first delivery is still held"
    );
    gate.add_permits(10);
    receiver.wait_for(2).await;
}

async fn publishing_through_the_api_announces_the_article(app: TestApp) {
    let admin = admin(&app).await;
    let (url, receiver) = Receiver::default().start().await;
    let secret = register(
        &app,
        &admin,
        &url,
        &["article.published", "article.updated"],
    )
    .await;
    let token = admin.create_token("cms", &["publish"]).await;
    let source = "---\ntitle: Lighthouse keepers return\nsection: Science\nauthor: Ada Admin\npublished_at: 2026-06-01T09:00:00Z\n---\nBody.\n";
    let r = reqwest::Client::new()
        .post(app.url("/api/v1/articles"))
        .bearer_auth(&token)
        .json(&json!({ "source": source }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let got = receiver.wait_for(1).await;
    assert_signed(&got[0], &secret);
    assert_eq!(header(&got[0], "broadsheet-event"), "article.published");
    let payload: Value = serde_json::from_str(&got[0].body).unwrap();
    assert_eq!(payload["article"]["slug"], "lighthouse-keepers-return");
    assert_eq!(payload["article"]["headline"], "Lighthouse keepers return");

    // A new version of the article announces article.updated.
    let r = reqwest::Client::new()
        .put(app.url("/api/v1/articles/lighthouse-keepers-return"))
        .bearer_auth(&token)
        .json(&json!({ "source": source.replace("Body.", "A longer body.") }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let got = receiver.wait_for(2).await;
    assert_signed(&got[1], &secret);
    assert_eq!(header(&got[1], "broadsheet-event"), "article.updated");
    let payload: Value = serde_json::from_str(&got[1].body).unwrap();
    assert_eq!(payload["event"], "article.updated");
    assert_eq!(payload["article"]["slug"], "lighthouse-keepers-return");
}

async fn a_scheduled_article_is_announced_once_when_its_time_comes(app: TestApp) {
    let admin = admin(&app).await;
    let (url, receiver) = Receiver::default().start().await;
    register(&app, &admin, &url, &["article.published"]).await;
    // An archive imported with past dates is not news: nothing is announced for it.
    app.publish(&[article("old-story", "Science", 60 * 24)])
        .await;
    let token = admin.create_token("cms", &["publish"]).await;
    let source = "---\ntitle: Eclipse tomorrow\nsection: Science\nauthor: Ada Admin\npublished_at: 2026-06-02T06:00:00Z\n---\nLook up.\n";
    let r = reqwest::Client::new()
        .post(app.url("/api/v1/articles"))
        .bearer_auth(&token)
        .json(&json!({ "source": source }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(receiver.received().is_empty(), "not before its time");

    app.clock.set(
        chrono::DateTime::parse_from_rfc3339("2026-06-02T06:00:01Z")
            .unwrap()
            .into(),
    );
    let got = receiver.wait_for(1).await;
    let payload: Value = serde_json::from_str(&got[0].body).unwrap();
    assert_eq!(payload["event"], "article.published");
    assert_eq!(payload["article"]["slug"], "eclipse-tomorrow");
    assert_eq!(payload["article"]["published_at"], "2026-06-02T06:00:00Z");
    // Once only: a later run (this process's or another's) finds nothing new.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let again = app
        .store
        .announce_scheduled(app.clock.now(), |_, _, _, _| String::new())
        .await
        .unwrap();
    assert_eq!(again, 0);
    assert_eq!(receiver.received().len(), 1);
    assert_eq!(
        app.store.recent_deliveries(None, 10).await.unwrap().len(),
        1
    );
}

async fn a_held_comment_is_announced_when_a_moderator_approves_it(app: TestApp) {
    app.publish(&[article("harbour", "Science", 5)]).await;
    let admin = admin(&app).await;
    let (url, receiver) = Receiver::default().start().await;
    register(&app, &admin, &url, &["comment.created"]).await;
    let bea = app.member("Bea").await;
    // A link from a new member waits for review: nothing is announced yet.
    let id = bea
        .comment("harbour", None, "See https://example.org/quay")
        .await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(
        receiver.got.lock().unwrap().is_empty(),
        "held: not announced"
    );
    let r = admin
        .post(
            "/admin/moderation/decide",
            &[("one", &format!("approve:{id}"))],
        )
        .await;
    assert_eq!(r.status(), 303);
    let got = receiver.wait_for(1).await;
    let payload: Value = serde_json::from_str(&got[0].body).unwrap();
    assert_eq!(payload["event"], "comment.created");
    assert_eq!(payload["comment"]["id"], id);
    assert_eq!(payload["comment"]["author"]["name"], "Bea");
    assert_eq!(payload["article"]["slug"], "harbour");
}

async fn deliveries_to_addresses_inside_the_network_are_refused_and_logged(app: TestApp) {
    app.publish(&[article("harbour", "Science", 5)]).await;
    let admin = admin(&app).await;
    let (url, receiver) = Receiver::default().start().await;
    let port = url
        .strip_prefix("http://127.0.0.1:")
        .and_then(|rest| rest.strip_suffix("/hook"))
        .unwrap();
    // The receiver's address, a name that resolves to it, and the same address as IPv6.
    let by_address = url.clone();
    let by_name = format!("http://localhost:{port}/hook");
    let mapped = format!("http://[::ffff:127.0.0.1]:{port}/hook");
    for u in [&by_address, &by_name, &mapped] {
        register(&app, &admin, u, &["comment.created"]).await;
    }
    app.member("Bea")
        .await
        .comment("harbour", None, "Is anyone listening?")
        .await;

    // Each delivery's first attempt fails with the reason, and is left for a later retry.
    let mut log = Vec::new();
    for _ in 0..300 {
        log = app.store.recent_deliveries(None, 10).await.unwrap();
        if log.len() == 3
            && log
                .iter()
                .all(|d| d.attempts == 1 && d.last_error.is_some())
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let error_of = |u: &str| {
        let d = log
            .iter()
            .find(|d| d.url == u)
            .unwrap_or_else(|| panic!("no delivery to {u}: {log:?}"));
        assert_eq!(d.status, "pending", "{d:?}");
        assert_eq!(d.last_status, None, "{d:?}");
        d.last_error.clone().unwrap_or_default()
    };
    let e = error_of(&by_address);
    assert!(
        e.starts_with("refused: 127.0.0.1 is a loopback address inside the network"),
        "{e}"
    );
    assert!(e.contains("--webhooks-allow-private"), "{e}");
    let e = error_of(&by_name);
    assert!(e.starts_with("refused: localhost resolves to "), "{e}");
    assert!(e.contains("a loopback address inside the network"), "{e}");
    let e = error_of(&mapped);
    assert!(
        e.starts_with("refused: [::ffff:7f00:1] (127.0.0.1) is a loopback address"),
        "{e}"
    );
    // Nothing reached the receiver (an attempt is logged only after its request is answered).
    assert!(receiver.received().is_empty());
    // The admin reads why in the delivery log.
    let page = admin.page("/admin/webhooks").await;
    assert!(
        page.contains("refused: localhost resolves to"),
        "the delivery log shows the reason"
    );
}

async fn live_updates_are_announced_when_readers_first_see_them(app: TestApp) {
    app.publish(&[article("harbour", "Science", 5)]).await;
    let admin = admin(&app).await;
    let (url, receiver) = Receiver::default().start().await;
    let secret = register(&app, &admin, &url, &["live.update.published"]).await;
    let id = app
        .store
        .published_article("harbour", app.clock.now())
        .await
        .unwrap()
        .unwrap()
        .card
        .id;
    let live = format!("/admin/articles/{id}/live");
    assert_eq!(admin.post(&live, &[("action", "open")]).await.status(), 303);
    // A draft says nothing; its publication and an update published at once do, once each.
    let updates = format!("{live}/updates");
    let draft = [("body", "Tide *rising*."), ("action", "draft")];
    assert_eq!(admin.post(&updates, &draft).await.status(), 303);
    let draft_id = app.store.desk_updates(id, 1).await.unwrap()[0].id;
    let at_once = [
        ("body", "Quay closed."),
        ("action", "publish"),
        ("key_event", "on"),
    ];
    assert_eq!(admin.post(&updates, &at_once).await.status(), 303);
    let publish = [("action", "publish")];
    let r = admin
        .post(&format!("/admin/live-updates/{draft_id}"), &publish)
        .await;
    assert_eq!(r.status(), 303);
    let got = receiver.wait_for(2).await;
    let mut payloads: Vec<Value> = got
        .iter()
        .map(|d| {
            assert_signed(d, &secret);
            assert_eq!(header(d, "broadsheet-event"), "live.update.published");
            serde_json::from_str(&d.body).unwrap()
        })
        .collect();
    payloads.sort_by_key(|p| p["update"]["id"].as_i64());
    assert_eq!(payloads[0]["update"]["id"], draft_id);
    assert!(
        payloads[0]["update"]["body_html"]
            .as_str()
            .unwrap()
            .contains("<em>rising</em>")
    );
    assert_eq!(payloads[0]["update"]["author"]["name"], "Ada Admin");
    assert_eq!(payloads[1]["update"]["key_event"], true);
    assert_eq!(payloads[1]["article"]["slug"], "harbour");
    assert!(
        payloads[1]["update"]["url"]
            .as_str()
            .unwrap()
            .ends_with(&format!(
                "/articles/harbour#update-{}",
                payloads[1]["update"]["id"]
            ))
    );
    // An edit is not a new publication.
    let edit = [
        ("action", "edit"),
        ("revision", "2"),
        ("body", "Tide rising fast."),
    ];
    let r = admin
        .post(&format!("/admin/live-updates/{draft_id}"), &edit)
        .await;
    assert_eq!(r.status(), 303);
    let queued = app.store.recent_deliveries(None, 10).await.unwrap();
    assert_eq!(queued.len(), 2, "no delivery for the edit");
}
