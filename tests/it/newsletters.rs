//! Newsletters over a real SMTP receiver on both backends: a signed-out reader subscribes,
//! confirms from the mail, receives an edition (HTML and text, one-click unsubscribe headers)
//! and leaves in one click; members subscribe and leave; a fan-out cut off half-way resumes
//! with no mail twice and none missing; an automatic newsletter goes out at its hour (test
//! clock), once across two processes, and is skipped when nothing is new.

use std::time::Duration;

use crate::common::smtp::{ReceivedMail, SmtpReceiver};
use crate::common::{self, Mail, Member, TestApp, article, t0};
use broadsheet::domain::newsletter::{EditionId, NewsletterId};
use broadsheet::domain::user::{Email, Role};
use broadsheet::store::newsletters::editions::FanOut;

backend_tests!(
    setup = Mail;
    a_signed_out_reader_subscribes_confirms_receives_and_leaves_in_one_click,
    members_subscribe_and_leave_and_unverified_ones_confirm_first,
    a_fan_out_cut_off_half_way_resumes_with_no_duplicate_and_no_gap,
    an_automatic_newsletter_goes_out_at_its_hour_once_and_skips_when_nothing_is_new,
);

const WAIT: Duration = Duration::from_secs(20);

async fn mail_to(smtp: &SmtpReceiver, address: &str, n: usize) -> Vec<ReceivedMail> {
    smtp.wait_for_to(address, n, WAIT).await
}

/// Waits (at most [`WAIT`]) until `done` answers true: what the test waits for is in the
/// database, written by the server's workers.
async fn until(what: &str, mut done: impl AsyncFnMut() -> bool) {
    let deadline = tokio::time::Instant::now() + WAIT;
    while !done().await {
        assert!(
            tokio::time::Instant::now() < deadline,
            "waited in vain for {what}"
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

async fn editor(app: &TestApp) -> Member {
    let m = app.member("Edna Editor").await;
    m.promote(app, Role::Editor).await;
    m
}

/// Makes a newsletter through the admin form; its id.
async fn newsletter(app: &TestApp, editor: &Member, fields: &[(&str, &str)]) -> NewsletterId {
    let r = editor.post("/admin/newsletters", fields).await;
    let status = r.status();
    let location = r
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned());
    assert_eq!(status, 303, "{}", r.text().await.unwrap());
    let id = location
        .unwrap()
        .trim_start_matches("/admin/newsletters/")
        .parse()
        .unwrap();
    assert!(
        app.store
            .newsletter(NewsletterId(id))
            .await
            .unwrap()
            .is_some()
    );
    NewsletterId(id)
}

async fn picked(app: &TestApp, editor: &Member, name: &str) -> NewsletterId {
    let fields = [
        ("name", name),
        ("description", "What matters this morning."),
        ("sender_name", "The Morning Desk"),
        ("source", "picked"),
        ("hour", "7"),
    ];
    newsletter(app, editor, &fields).await
}

/// Makes a draft edition through the newsletter's page; its id.
async fn draft(editor: &Member, id: NewsletterId, subject: &str, articles: &str) -> EditionId {
    let fields = [
        ("subject", subject),
        ("intro", "Good morning. <b>Not bold</b> & plain."),
        ("articles", articles),
    ];
    let r = editor
        .post(&format!("/admin/newsletters/{}/editions", id.0), &fields)
        .await;
    assert_eq!(r.status(), 303);
    let location = r.headers()["location"].to_str().unwrap().to_owned();
    EditionId(
        location
            .trim_start_matches("/admin/newsletters/editions/")
            .parse()
            .unwrap(),
    )
}

async fn user_id(app: &TestApp, email: &str) -> i64 {
    let email = Email::parse(email).unwrap();
    app.store.user_by_email(&email).await.unwrap().unwrap().id
}

async fn a_signed_out_reader_subscribes_confirms_receives_and_leaves_in_one_click(
    app: TestApp,
    smtp: SmtpReceiver,
) {
    app.publish(&[article("harbour-story", "science", 10)])
        .await;
    let ed = editor(&app).await;
    let id = picked(&app, &ed, "The Morning Briefing").await;

    // Signed out: only an address.
    let reader = common::client();
    let newsletter = id.0.to_string();
    let list = reader.get(app.url("/newsletters")).send().await.unwrap();
    let csrf = common::csrf_of(&list.text().await.unwrap());
    let fields = [
        ("csrf", csrf.as_str()),
        ("newsletter", newsletter.as_str()),
        ("email", "reader@example.org"),
    ];
    let r = reader
        .post(app.url("/newsletters/subscribe"))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("Check your e-mail"));
    // Nothing exists before the link is used.
    assert!(
        app.store
            .user_by_email(&Email::parse("reader@example.org").unwrap())
            .await
            .unwrap()
            .is_none()
    );
    let link = app
        .mailed_link("reader@example.org", "/newsletters/confirm/")
        .await;
    let page = reader
        .get(app.url(&link))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Confirm subscription"), "{page}");
    let csrf = common::csrf_of(&page);
    let r = reader
        .post(app.url(&link))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("You are subscribed to The Morning Briefing")
    );
    // A light account: address proven, no password.
    let email = Email::parse("reader@example.org").unwrap();
    let user = app.store.user_by_email(&email).await.unwrap().unwrap();
    assert!(user.password_hash.is_empty());
    assert!(
        app.store
            .email_verified_at(user.id)
            .await
            .unwrap()
            .is_some()
    );
    // The link works once.
    let again = reader
        .post(app.url(&link))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 410);

    // An edition: previews, then sent.
    let edition = draft(&ed, id, "Rain & sun today", "harbour-story").await;
    let preview = ed
        .page(&format!(
            "/admin/newsletters/editions/{}/preview",
            edition.0
        ))
        .await;
    assert!(
        preview.contains("&lt;b&gt;Not bold&lt;/b&gt; &amp; plain."),
        "{preview}"
    );
    let text = ed
        .page(&format!(
            "/admin/newsletters/editions/{}/preview.txt",
            edition.0
        ))
        .await;
    assert!(text.contains("* Headline of harbour-story"), "{text}");
    // Not public before it is sent.
    app.page(&format!("/newsletters/editions/{}", edition.0), 404)
        .await;
    let r = ed
        .post(
            &format!("/admin/newsletters/editions/{}/send", edition.0),
            &[],
        )
        .await;
    assert_eq!(r.status(), 303);

    let mails = mail_to(&smtp, "reader@example.org", 2).await;
    let mail = mails
        .iter()
        .find(|m| m.header("Subject").as_deref() == Some("Rain & sun today"))
        .expect("the edition");
    assert!(
        mail.header("From").unwrap().contains("The Morning Desk"),
        "{mail:?}"
    );
    let html = mail.html().expect("an HTML part");
    assert!(html.contains("&lt;b&gt;Not bold&lt;/b&gt;"), "{html}");
    assert!(html.contains("/articles/harbour-story"), "{html}");
    assert!(mail.text().contains("/articles/harbour-story"));
    let web = format!("/newsletters/editions/{}", edition.0);
    assert!(mail.text().contains(&web));
    assert_eq!(
        mail.header("List-Unsubscribe-Post").as_deref(),
        Some("List-Unsubscribe=One-Click")
    );
    let unsubscribe = mail.header("List-Unsubscribe").unwrap();
    let unsubscribe = unsubscribe
        .trim_matches(|c| c == '<' || c == '>')
        .to_owned();
    assert!(
        unsubscribe.contains("/newsletters/unsubscribe/"),
        "{unsubscribe}"
    );
    // The web version, for anyone.
    let page = common::html(&app.page(&web, 200).await);
    assert!(common::texts(&page, "h1").contains(&"Rain & sun today".to_owned()));
    // Progress on the edition's page, once the mail is recorded as sent.
    until("the mail recorded as sent", async || {
        app.store.edition_progress(edition).await.unwrap().sent == 1
    })
    .await;
    let p = app.store.edition_progress(edition).await.unwrap();
    assert_eq!((p.queued, p.failed), (0, 0));
    let page = ed
        .page(&format!("/admin/newsletters/editions/{}", edition.0))
        .await;
    assert!(page.contains("<dd data-figure=\"sent\">1</dd>"), "{page}");
    let progress: serde_json::Value = ed
        .get(&format!(
            "/admin/newsletters/editions/{}/progress",
            edition.0
        ))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(progress["sent"], 1);
    assert_eq!(progress["status"], "sent");

    // One click, as a mail client does it: a POST with no cookie and no CSRF token.
    let r = reqwest::Client::new()
        .post(&unsubscribe)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(
        app.store
            .subscriptions_of(user.id)
            .await
            .unwrap()
            .is_empty()
    );
    // A forged token does nothing.
    let forged = unsubscribe.replace(&format!("/{}.", user.id), &format!("/{}.", user.id + 1));
    let r = reqwest::Client::new().post(&forged).send().await.unwrap();
    assert_eq!(r.status(), 404);
}

async fn members_subscribe_and_leave_and_unverified_ones_confirm_first(
    app: TestApp,
    smtp: SmtpReceiver,
) {
    let ed = editor(&app).await;
    let id = picked(&app, &ed, "Science weekly").await;
    let newsletter = id.0.to_string();
    let form = [("newsletter", newsletter.as_str())];

    // A verified member: at once.
    let m = app.member("Vera").await;
    let r = m.post("/newsletters/subscribe", &form).await;
    assert_eq!(r.status(), 303);
    let vera = user_id(&app, &m.email).await;
    assert_eq!(app.store.subscriptions_of(vera).await.unwrap().len(), 1);
    assert!(
        m.page("/newsletters")
            .await
            .contains("You receive this newsletter.")
    );
    let r = m.post("/newsletters/leave", &form).await;
    assert_eq!(r.status(), 303);
    assert!(app.store.subscriptions_of(vera).await.unwrap().is_empty());

    // An unverified one: a confirmation mail first (double opt-in).
    let u = app.unverified_member("Ulla").await;
    let r = u.post("/newsletters/subscribe", &form).await;
    assert_eq!(r.status(), 200);
    let ulla = user_id(&app, &u.email).await;
    assert!(app.store.subscriptions_of(ulla).await.unwrap().is_empty());
    let link = app.mailed_link(&u.email, "/newsletters/confirm/").await;
    assert!(u.page(&link).await.contains("Confirm subscription"));
    let r = u.post(&link, &[]).await;
    assert_eq!(r.status(), 200);
    assert_eq!(app.store.subscriptions_of(ulla).await.unwrap().len(), 1);
    assert!(app.store.email_verified_at(ulla).await.unwrap().is_some());
    assert!(!smtp.messages_to(&u.email).await.is_empty());

    // Deleting the account takes the subscription with it.
    app.store.delete_user(ulla).await.unwrap();
    let letter = app.store.newsletter(id).await.unwrap().unwrap();
    assert_eq!(letter.subscribers, 0);
}

/// Subscribers made through the store (faster than sign-ups), in order of id.
async fn subscribers(app: &TestApp, id: NewsletterId, n: usize) -> Vec<String> {
    let mut addresses = Vec::new();
    for i in 0..n {
        let address = format!("sub{i}@example.org");
        let email = Email::parse(&address).unwrap();
        let user = app
            .store
            .create_user(&email, "Sub", "", Role::Member, app.clock.now())
            .await
            .unwrap();
        assert!(
            app.store
                .subscribe(id, user, app.clock.now())
                .await
                .unwrap()
        );
        addresses.push(address);
    }
    addresses
}

async fn a_fan_out_cut_off_half_way_resumes_with_no_duplicate_and_no_gap(
    mut app: TestApp,
    smtp: SmtpReceiver,
) {
    app.publish(&[article("harbour-story", "science", 10)])
        .await;
    let ed = editor(&app).await;
    let id = picked(&app, &ed, "The Morning Briefing").await;
    let addresses = subscribers(&app, id, 25).await;
    let edition = draft(&ed, id, "Cut off", "harbour-story").await;
    // The server stops; what follows is a worker that queues one batch and dies.
    app.stop_server().await;
    assert!(
        app.store
            .start_sending(edition, app.clock.now())
            .await
            .unwrap()
    );
    let claimed = app
        .store
        .claim_jobs::<serde_json::Value>(
            broadsheet::domain::jobs::JobKind::Newsletter,
            app.clock.now(),
            chrono::Duration::seconds(60),
            1,
        )
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1);
    assert_eq!(
        app.store
            .fan_out_batch(edition, 10, app.clock.now())
            .await
            .unwrap(),
        FanOut::Queued(10)
    );
    // Its lease ends; another process takes the fan-out over and finishes it.
    app.clock.advance(chrono::Duration::seconds(61));
    let url = smtp.url();
    let _other = app
        .another_server_with(|c| {
            c.smtp_url = Some(broadsheet::config::DatabaseUrl::new(url));
        })
        .await;
    until("a mail to every subscriber", async || {
        let mut got = 0;
        for address in &addresses {
            got += smtp.messages_to(address).await.len();
        }
        got >= addresses.len()
    })
    .await;
    until("every mail recorded as sent", async || {
        let e = app.store.edition(edition).await.unwrap().unwrap();
        let p = app.store.edition_progress(edition).await.unwrap();
        p.sent == 25 && e.status.as_str() == "sent"
    })
    .await;
    let e = app.store.edition(edition).await.unwrap().unwrap();
    assert_eq!(e.recipients, 25);
    // Every mail recorded as sent, each subscriber's exactly once.
    for address in &addresses {
        assert_eq!(smtp.messages_to(address).await.len(), 1, "{address}");
    }
}

async fn an_automatic_newsletter_goes_out_at_its_hour_once_and_skips_when_nothing_is_new(
    app: TestApp,
    smtp: SmtpReceiver,
) {
    // A second process runs the schedule too: still one edition per moment.
    let url = smtp.url();
    let _other = app
        .another_server_with(|c| {
            c.smtp_url = Some(broadsheet::config::DatabaseUrl::new(url));
        })
        .await;
    app.publish(&[article("old-story", "science", 10)]).await;
    let ed = editor(&app).await;
    let sections = app.store.sections().await.unwrap();
    let science = sections
        .iter()
        .find(|s| s.slug == "science")
        .unwrap()
        .id
        .to_string();
    let fields = [
        ("name", "Science daily"),
        ("sender_name", "The Science Desk"),
        ("source", "section"),
        ("section", science.as_str()),
        ("hour", "7"),
    ];
    let id = newsletter(&app, &ed, &fields).await;
    let m = app.member("Reader").await;
    let letter = id.0.to_string();
    let r = m
        .post("/newsletters/subscribe", &[("newsletter", letter.as_str())])
        .await;
    assert_eq!(r.status(), 303);
    // Published after the newsletter was made, before its first hour.
    let mut fresh = article("fresh-story", "science", 0);
    fresh.published_at = Some(t0() + chrono::Duration::hours(3));
    app.publish(&[fresh]).await;

    let at = |s: &str| {
        chrono::DateTime::parse_from_rfc3339(s)
            .unwrap()
            .with_timezone(&chrono::Utc)
    };
    app.clock.set(at("2026-06-02T07:00:00Z"));
    // The sign-up link, then the edition.
    let mails = mail_to(&smtp, &m.email, 2).await;
    let edition = mails
        .iter()
        .find(|m| m.header("Subject").as_deref() == Some("Science daily: 2 June 2026"))
        .unwrap_or_else(|| panic!("{mails:#?}"));
    assert!(edition.text().contains("/articles/fresh-story"));
    assert!(!edition.text().contains("/articles/old-story"));
    let editions = app.store.editions_of(id, 10).await.unwrap();
    assert_eq!(editions.len(), 1);

    // The next day, nothing new: the moment is handled, no edition is made.
    app.clock.set(at("2026-06-03T07:00:00Z"));
    until("the next moment handled", async || {
        let n = app.store.newsletter(id).await.unwrap().unwrap();
        n.scheduled_through == at("2026-06-03T07:00:00Z")
    })
    .await;
    assert_eq!(app.store.editions_of(id, 10).await.unwrap().len(), 1);
    until("the edition recorded as sent", async || {
        app.store
            .edition_progress(editions[0].id)
            .await
            .unwrap()
            .sent
            == 1
    })
    .await;
    // Both processes ran the schedule and sent: still the one mail.
    assert_eq!(smtp.messages_to(&m.email).await.len(), 2);
}
