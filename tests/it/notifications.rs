//! Bringing readers back by e-mail, over a real SMTP receiver on both backends: verification
//! links, reply and mention notifications, one-click unsubscribe, notifying held comments on
//! approval, the daily digest, a mail-server outage across a restart, and moderation-queue
//! alerts.

use std::time::Duration;

use crate::common::smtp::{ReceivedMail, SmtpReceiver, link_containing};
use crate::common::{self, Mail, Member, TestApp, article};
use broadsheet::domain::user::Role;

backend_tests!(
    setup = Mail;
    a_verification_link_works_once,
    an_unverified_member_gets_no_notification,
    a_reply_is_mailed_with_its_text_link_and_unsubscribe_headers,
    one_click_unsubscribe_needs_no_session_and_stops_the_mail,
    a_mention_is_mailed_and_a_reply_that_mentions_is_one_mail,
    a_held_comment_notifies_only_once_approved,
    the_daily_digest_collects_replies_and_is_sent_once,
    an_outage_and_a_restart_delay_mail_but_lose_and_double_none,
    the_queue_alert_goes_out_once_per_crossing,
    the_sign_up_box_opts_in_and_everything_else_starts_off,
    sending_the_link_again_is_limited_per_hour,
);

/// Long enough for a loaded machine; every wait ends as soon as its mail is in.
const WAIT: Duration = Duration::from_secs(20);

/// Waits until `address` has at least `n` messages, and returns them.
async fn mail_to(smtp: &SmtpReceiver, address: &str, n: usize) -> Vec<ReceivedMail> {
    smtp.wait_for_to(address, n, WAIT).await
}

/// The mails to `address` whose subject contains `needle`.
async fn with_subject(smtp: &SmtpReceiver, address: &str, needle: &str) -> Vec<ReceivedMail> {
    smtp.messages_to(address)
        .await
        .into_iter()
        .filter(|m| m.header("Subject").is_some_and(|s| s.contains(needle)))
        .collect()
}

/// Checks that the member's address is confirmed: signing up through the mailed link proves it.
async fn verify(app: &TestApp, smtp: &SmtpReceiver, m: &Member) {
    let settings = m.page("/settings").await;
    assert!(
        settings.contains("Your address is confirmed."),
        "{settings}"
    );
    let _ = (app, smtp);
}

/// Saves the member's e-mail settings.
async fn choose(m: &Member, fields: &[(&str, &str)]) {
    let r = m.post("/settings/notifications", fields).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
}

/// A member with a confirmed address who wants replies and mentions one by one.
async fn reader(app: &TestApp, smtp: &SmtpReceiver, name: &str) -> Member {
    let m = app.member(name).await;
    verify(app, smtp, &m).await;
    choose(
        &m,
        &[
            ("replies", "on"),
            ("mentions", "on"),
            ("delivery", "immediate"),
        ],
    )
    .await;
    m
}

async fn a_verification_link_works_once(app: TestApp, smtp: SmtpReceiver) {
    // An account from before sign-up proved addresses is unconfirmed; the member asks for a
    // link from their settings.
    let ann = app.unverified_member("Ann").await;
    let settings = ann.page("/settings").await;
    assert!(settings.contains("not confirmed yet"), "{settings}");
    assert!(settings.contains("Send the link again"));
    assert_eq!(ann.post("/settings/email/verify", &[]).await.status(), 303);

    let mail = mail_to(&smtp, &ann.email, 1).await;
    assert_eq!(
        mail[0].header("Subject").as_deref(),
        Some("Confirm your e-mail address")
    );
    let link = link_containing(&mail[0].text(), "/verify-email/").unwrap();
    // Another browser (no session) can use it: the link is the proof.
    let first = common::client().get(&link).send().await.unwrap();
    assert_eq!(first.status(), 200);
    assert!(first.text().await.unwrap().contains("is confirmed"));
    let again = common::client().get(&link).send().await.unwrap();
    assert_eq!(again.status(), 404, "a link works once");
    assert!(again.text().await.unwrap().contains("already been used"));

    let settings = ann.page("/settings").await;
    assert!(
        settings.contains("Your address is confirmed."),
        "{settings}"
    );
    assert!(!settings.contains("Send the link again"));

    // Housekeeping keeps the link's row until it expires, then removes it.
    let now = app.clock.now();
    assert_eq!(app.store.prune_mail(now, 30).await.unwrap(), 0);
    let later = now + chrono::Duration::hours(49);
    assert_eq!(app.store.prune_mail(later, 30).await.unwrap(), 1);
}

async fn an_unverified_member_gets_no_notification(app: TestApp, smtp: SmtpReceiver) {
    app.publish(&[article("story", "Science", 5)]).await;
    // Ann (whose account predates sign-up proving addresses) asks for notifications but never
    // confirms her address.
    let ann = app.unverified_member("Ann").await;
    choose(&ann, &[("replies", "on"), ("mentions", "on")]).await;
    let bob = reader(&app, &smtp, "Bob").await;
    let cat = app.member("Cat").await;

    let a1 = ann
        .comment("story", None, "Unconfirmed but talkative.")
        .await;
    let b1 = bob.comment("story", None, "Confirmed.").await;
    cat.comment("story", Some(a1), "A reply to Ann, @Ann.")
        .await;
    // Bob's reply comes after Ann's: once his mail is in, Ann's would have been too.
    cat.comment("story", Some(b1), "A reply to Bob.").await;
    mail_to(&smtp, &bob.email, 2).await;
    let to_ann = smtp.messages_to(&ann.email).await;
    assert!(to_ann.is_empty(), "no mail at all: {to_ann:#?}");
}

async fn a_reply_is_mailed_with_its_text_link_and_unsubscribe_headers(
    app: TestApp,
    smtp: SmtpReceiver,
) {
    app.publish(&[article("story", "Science", 5)]).await;
    let bob = reader(&app, &smtp, "Bob").await;
    let cat = app.member("Cat").await;
    let b1 = bob.comment("story", None, "Trams are the answer.").await;
    let reply = cat
        .comment("story", Some(b1), "Only if the fares stay low.")
        .await;

    let mail = with_mail(&smtp, &bob.email, "replied").await;
    assert_eq!(
        mail.header("Subject").as_deref(),
        Some("Cat replied to your comment on “Headline of story”")
    );
    let text = mail.text();
    assert!(text.contains("> Only if the fares stay low."), "{text}");
    let link = link_containing(&text, "/articles/story").expect("a link to the comment");
    assert_eq!(link, app.url(&format!("/articles/story#comment-{reply}")));
    let unsubscribe = mail.header("List-Unsubscribe").expect("List-Unsubscribe");
    assert!(
        unsubscribe.starts_with(&format!("<{}", app.url("/unsubscribe/")))
            && unsubscribe.ends_with('>'),
        "{unsubscribe}"
    );
    assert_eq!(
        mail.header("List-Unsubscribe-Post").as_deref(),
        Some("List-Unsubscribe=One-Click")
    );
    assert!(mail.header("Message-ID").is_some_and(|id| id.contains('@')));
}

/// Waits for the one mail to `address` whose subject contains `needle`.
pub(crate) async fn with_mail(smtp: &SmtpReceiver, address: &str, needle: &str) -> ReceivedMail {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let got = with_subject(smtp, address, needle).await;
        if let Some(m) = got.into_iter().next() {
            return m;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "no mail about “{needle}” to {address}: {:#?}",
            smtp.messages_to(address).await
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

async fn one_click_unsubscribe_needs_no_session_and_stops_the_mail(
    app: TestApp,
    smtp: SmtpReceiver,
) {
    app.publish(&[article("story", "Science", 5)]).await;
    let bob = reader(&app, &smtp, "Bob").await;
    let dan = reader(&app, &smtp, "Dan").await;
    let cat = app.member("Cat").await;
    let b1 = bob.comment("story", None, "First.").await;
    let d1 = dan.comment("story", None, "Second.").await;
    cat.comment("story", Some(b1), "Reply one.").await;
    let mail = with_mail(&smtp, &bob.email, "replied").await;
    let header = mail.header("List-Unsubscribe").unwrap();
    let url = header
        .trim_start_matches('<')
        .trim_end_matches('>')
        .to_owned();

    // Opening the link (as a link scanner would) only shows a button.
    let stranger = reqwest::Client::new();
    let page = stranger.get(&url).send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("Unsubscribe"));
    assert!(
        bob.page("/settings")
            .await
            .contains(r#"name="replies" value="on" checked"#)
    );

    // The one-click POST: no cookie, no CSRF token.
    let r = stranger
        .post(&url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("no longer get"));
    let settings = bob.page("/settings").await;
    assert!(
        !settings.contains(r#"name="replies" value="on" checked"#),
        "{settings}"
    );
    assert!(
        settings.contains(r#"name="mentions" value="on" checked"#),
        "only that kind stops"
    );

    // A forged token does nothing.
    let forged = format!("{}x", url.trim_end_matches(|c: char| c != '.'));
    assert_eq!(stranger.post(&forged).send().await.unwrap().status(), 404);

    // No more reply mail for Bob: Dan's, queued after it, arrives; Bob's does not.
    cat.comment("story", Some(b1), "Reply two.").await;
    cat.comment("story", Some(d1), "Reply to Dan.").await;
    with_mail(&smtp, &dan.email, "replied").await;
    assert_eq!(with_subject(&smtp, &bob.email, "replied").await.len(), 1);
}

async fn a_mention_is_mailed_and_a_reply_that_mentions_is_one_mail(
    app: TestApp,
    smtp: SmtpReceiver,
) {
    app.publish(&[article("story", "Science", 5)]).await;
    let bob = reader(&app, &smtp, "Bob").await;
    let dan = reader(&app, &smtp, "Dan").await;
    let cat = app.member("Cat").await;
    let b1 = bob.comment("story", None, "Bridges, not tunnels.").await;
    dan.comment("story", None, "Tunnels!").await;

    // Cat names Bob (lower-case) in a comment of her own.
    cat.comment("story", None, "I side with @bob here.").await;
    let mail = with_mail(&smtp, &bob.email, "mentioned").await;
    assert_eq!(
        mail.header("Subject").as_deref(),
        Some("Cat mentioned you on “Headline of story”")
    );
    assert!(mail.text().contains("> I side with @bob here."));

    // A reply to Bob that also names him is one mail, not two.
    cat.comment("story", Some(b1), "Quite right, @Bob.").await;
    // Then Dan is named: once his mail is in, any second mail to Bob would be too.
    cat.comment("story", None, "@Dan, what about cost?").await;
    with_mail(&smtp, &dan.email, "mentioned").await;
    assert_eq!(with_subject(&smtp, &bob.email, "replied").await.len(), 1);
    assert_eq!(with_subject(&smtp, &bob.email, "mentioned").await.len(), 1);
    // One's own name mentions no one.
    assert!(
        with_subject(&smtp, &cat.email, "mentioned")
            .await
            .is_empty()
    );
}

async fn a_held_comment_notifies_only_once_approved(app: TestApp, smtp: SmtpReceiver) {
    app.publish(&[article("story", "Science", 5)]).await;
    let bob = reader(&app, &smtp, "Bob").await;
    let b1 = bob
        .comment("story", None, "Before the rules changed.")
        .await;
    let editor = app.member("Edna").await;
    editor.promote(&app, Role::Editor).await;
    let r = editor
        .post(
            "/admin/moderation/policies",
            &[
                ("scope", "article"),
                ("target", "story"),
                ("mode", "premoderated"),
                ("first", ""),
                ("auto_close_days", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let cat = app.member("Cat").await;
    let held = cat.comment("story", Some(b1), "Held reply.").await;
    assert_eq!(
        app.store
            .comment(held)
            .await
            .unwrap()
            .unwrap()
            .status
            .as_str(),
        "pending"
    );
    let rejected = cat.comment("story", Some(b1), "Rejected reply.").await;

    let r = editor
        .post(
            "/admin/moderation/decide",
            &[
                ("one", &format!("reject:{rejected}")),
                (&format!("reason-{rejected}"), "abuse"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let r = editor
        .post(
            "/admin/moderation/decide",
            &[("one", &format!("approve:{held}"))],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());

    let mail = with_mail(&smtp, &bob.email, "replied").await;
    assert!(mail.text().contains("> Held reply."), "{}", mail.text());
    // The approved reply's mail is the only one: the rejected reply never made one.
    let all = with_subject(&smtp, &bob.email, "replied").await;
    assert_eq!(all.len(), 1, "{all:#?}");
    assert!(!all[0].text().contains("Rejected reply."));
}

async fn the_daily_digest_collects_replies_and_is_sent_once(app: TestApp, smtp: SmtpReceiver) {
    app.publish(&[article("story", "Science", 5)]).await;
    let bob = app.member("Bob").await;
    verify(&app, &smtp, &bob).await;
    choose(
        &bob,
        &[("replies", "on"), ("mentions", "on"), ("delivery", "daily")],
    )
    .await;
    let dan = reader(&app, &smtp, "Dan").await;
    let cat = app.member("Cat").await;
    let b1 = bob.comment("story", None, "Digest me.").await;
    cat.comment("story", Some(b1), "First reply.").await;
    cat.comment("story", Some(b1), "Second reply.").await;
    dan.comment("story", None, "And @Bob should read this.")
        .await;

    // A second process races the first for the digest.
    let _other = app
        .another_server_with(|c| {
            c.smtp_url = Some(broadsheet::config::DatabaseUrl::new(smtp.url()));
        })
        .await;
    // The clock (12:00) is past today's digest hour, which came before these: nothing yet.
    // The next morning the digest goes out, with all three in it.
    app.clock.advance(chrono::Duration::hours(20));
    let digest = with_mail(&smtp, &bob.email, "daily digest").await;
    let text = digest.text();
    for body in [
        "> First reply.",
        "> Second reply.",
        "> And @Bob should read this.",
    ] {
        assert!(text.contains(body), "{body} in {text}");
    }
    assert_eq!(
        digest.header("Subject").as_deref(),
        Some("Your daily digest: 3 replies and mentions")
    );
    assert!(digest.header("List-Unsubscribe").is_some());
    assert!(
        with_subject(&smtp, &bob.email, "replied").await.is_empty(),
        "no single mails"
    );

    // Later that day a new reply waits for tomorrow's digest: still one digest today. Dan's
    // reply mail, queued after, shows the workers have been round.
    app.clock.advance(chrono::Duration::hours(2));
    cat.comment("story", Some(b1), "Late reply.").await;
    let d1 = dan.comment("story", None, "Dan again.").await;
    cat.comment("story", Some(d1), "Reply to Dan.").await;
    with_mail(&smtp, &dan.email, "replied").await;
    assert_eq!(
        with_subject(&smtp, &bob.email, "daily digest").await.len(),
        1
    );
}

async fn an_outage_and_a_restart_delay_mail_but_lose_and_double_none(
    mut app: TestApp,
    smtp: SmtpReceiver,
) {
    app.publish(&[article("story", "Science", 5)]).await;
    let bob = reader(&app, &smtp, "Bob").await;
    let dan = reader(&app, &smtp, "Dan").await;
    let cat = app.member("Cat").await;
    let b1 = bob.comment("story", None, "Bob's.").await;
    let d1 = dan.comment("story", None, "Dan's.").await;

    smtp.set_failing(true);
    cat.comment("story", Some(b1), "To Bob in the outage.")
        .await;
    cat.comment("story", Some(d1), "To Dan in the outage.")
        .await;
    // Wait until the worker has tried and been refused.
    let deadline = tokio::time::Instant::now() + WAIT;
    while smtp.refused() < 2 {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the worker never tried"
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }

    // The process stops; another starts on the same database; the mail server comes back.
    app.stop_server().await;
    let other = app
        .another_server_with(|c| {
            c.smtp_url = Some(broadsheet::config::DatabaseUrl::new(smtp.url()));
        })
        .await;
    smtp.set_failing(false);
    // The retry is due after its back-off (the test clock only moves when told).
    app.clock.advance(chrono::Duration::minutes(10));
    let to_bob = with_mail(&smtp, &bob.email, "replied").await;
    assert!(to_bob.text().contains("To Bob in the outage."));
    with_mail(&smtp, &dan.email, "replied").await;

    // Later still, after any lease has run out: a fresh reply to Bob arrives, and each
    // outage mail is there once.
    app.clock.advance(chrono::Duration::hours(1));
    let form = [
        ("csrf", cat.csrf.as_str()),
        ("body", "After the outage."),
        ("parent_id", &b1.to_string()),
    ];
    let r = cat
        .client
        .post(other.url("/articles/story/comments"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    mail_to(&smtp, &bob.email, 3).await;
    let replies = with_subject(&smtp, &bob.email, "replied").await;
    assert_eq!(replies.len(), 2, "{replies:#?}");
    assert_eq!(with_subject(&smtp, &dan.email, "replied").await.len(), 1);
}

async fn the_queue_alert_goes_out_once_per_crossing(app: TestApp, smtp: SmtpReceiver) {
    app.publish(&[article("story", "Science", 5)]).await;
    let mo = app.member("Mo").await;
    mo.promote(&app, Role::Editor).await;
    verify(&app, &smtp, &mo).await;
    // A member cannot ask for alerts; a bad threshold comes back with a message.
    let ann = app.member("Ann").await;
    let r = ann
        .post("/settings/notifications", &[("queue_alert", "2")])
        .await;
    assert_eq!(r.status(), 422);
    let r = mo
        .post("/settings/notifications", &[("queue_alert", "lots")])
        .await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.unwrap();
    assert!(page.contains("whole number from 1 to"), "{page}");
    assert!(
        page.contains(r#"value="lots""#),
        "the form keeps what was typed"
    );
    choose(&mo, &[("queue_alert", "2")]).await;

    let r = mo
        .post(
            "/admin/moderation/policies",
            &[
                ("scope", "article"),
                ("target", "story"),
                ("mode", "premoderated"),
                ("first", ""),
                ("auto_close_days", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let cat = app.member("Cat").await;
    let watcher = || async {
        app.store
            .queue_watchers()
            .await
            .unwrap()
            .into_iter()
            .next()
            .unwrap()
    };
    let first = cat.comment("story", None, "Held one.").await;
    let second = cat.comment("story", None, "Held two.").await;
    let alert = with_mail(&smtp, &mo.email, "moderation queue").await;
    assert_eq!(
        alert.header("Subject").as_deref(),
        Some("The moderation queue holds 2 items")
    );
    assert!(alert.header("List-Unsubscribe").is_some());
    // Growing further is the same crossing.
    let third = cat.comment("story", None, "Held three.").await;

    // Cleared, then crossed again: a second alert.
    for id in [first, second, third] {
        let r = mo
            .post(
                "/admin/moderation/decide",
                &[("one", &format!("approve:{id}"))],
            )
            .await;
        assert_eq!(r.status(), 303);
    }
    let deadline = tokio::time::Instant::now() + WAIT;
    while watcher().await.queue_alerted {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the alert was never lowered"
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    cat.comment("story", None, "Held four.").await;
    cat.comment("story", None, "Held five.").await;
    mail_to(&smtp, &mo.email, 3).await;
    let alerts = with_subject(&smtp, &mo.email, "moderation queue").await;
    assert_eq!(alerts.len(), 2, "{alerts:#?}");
}

async fn the_sign_up_box_opts_in_and_everything_else_starts_off(app: TestApp, _smtp: SmtpReceiver) {
    let page = app.page("/signup", 200).await;
    assert!(page.contains("E-mail me when someone replies to me or mentions me"));
    // The choice waits with the sign-up and is kept when the mailed link makes the account.
    let opal = app.member_with("Opal", &[("notify", "on")]).await;
    let settings = opal.page("/settings").await;
    assert!(
        settings.contains(r#"name="replies" value="on" checked"#),
        "{settings}"
    );
    assert!(settings.contains(r#"name="mentions" value="on" checked"#));
    assert!(settings.contains(r#"name="delivery" value="immediate" checked"#));

    // Without the box, nothing is on; a member sees no queue-alert field.
    let pat = app.member("Pat").await;
    let settings = pat.page("/settings").await;
    assert!(!settings.contains(r#"name="replies" value="on" checked"#));
    assert!(!settings.contains(r#"name="mentions" value="on" checked"#));
    assert!(!settings.contains("queue_alert"));
}

async fn sending_the_link_again_is_limited_per_hour(app: TestApp, smtp: SmtpReceiver) {
    let ann = app.unverified_member("Ann").await;
    for _ in 0..3 {
        let r = ann.post("/settings/email/verify", &[]).await;
        assert_eq!(r.status(), 303);
    }
    let r = ann.post("/settings/email/verify", &[]).await;
    assert_eq!(r.status(), 429);
    assert!(r.text().await.unwrap().contains("ask again in"));
    // Three links; each works, the newest too.
    let mails = mail_to(&smtp, &ann.email, 3).await;
    assert_eq!(mails.len(), 3);
    let newest = link_containing(&mails[2].text(), "/verify-email/").unwrap();
    assert_eq!(ann.client.get(&newest).send().await.unwrap().status(), 200);
    // Once confirmed, asking again sends nothing.
    let r = ann.post("/settings/email/verify", &[]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        r.headers()["location"].to_str().unwrap(),
        "/settings?saved=verified"
    );
}
