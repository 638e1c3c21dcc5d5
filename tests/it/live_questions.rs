//! "Ask the newsroom" over real HTTP, on SQLite and PostgreSQL: a reader asks on a live
//! article, the question waits in the moderation desk's own queue (screened by the word lists),
//! a moderator approves it (logged), a journalist answers it from the live desk, and the
//! question with its answer reaches the stream, the page, its structured data and feed, and the
//! asker's mailbox. The screening and the refusals are in `live_questions_screening.rs`.

use std::time::Duration;

use crate::common::smtp::SmtpReceiver;
use crate::common::{Mail, Member, TestApp, article, attrs, html, texts};
use crate::conversation::next_event;
use broadsheet::domain::live_question::{QuestionId, QuestionStatus};
use broadsheet::domain::user::Role;

backend_tests!(
    setup = Mail;
    a_question_is_held_approved_answered_and_mailed,
    a_contributors_answer_waits_for_an_editor_and_then_mails,
);

/// A published article with live coverage open, its id, and an editor.
pub(crate) async fn live_story(app: &TestApp) -> (i64, Member) {
    app.publish(&[article("story", "Science", 30)]).await;
    let id = app
        .store
        .published_article("story", app.clock.now())
        .await
        .unwrap()
        .unwrap()
        .card
        .id;
    let editor = app.member("Eddie").await;
    editor.promote(app, Role::Editor).await;
    let r = editor
        .post(&format!("/admin/articles/{id}/live"), &[("action", "open")])
        .await;
    assert_eq!(r.status(), 303);
    (id, editor)
}

pub(crate) async fn staff(app: &TestApp, name: &str, role: Role) -> Member {
    let m = app.member(name).await;
    m.promote(app, role).await;
    m
}

/// Asks `text` as `reader` (with the mail box ticked when `notify`); the new question's id.
pub(crate) async fn ask(app: &TestApp, reader: &Member, text: &str, notify: bool) -> i64 {
    let mut form = vec![("body", text)];
    if notify {
        form.push(("notify", "on"));
    }
    let r = reader.post("/articles/story/ask", &form).await;
    assert_eq!(r.status(), 303, "asking {text}");
    assert_eq!(r.headers()["location"], "/articles/story/ask?sent=1");
    let held = app
        .store
        .questions_in(QuestionStatus::Held, 100)
        .await
        .unwrap();
    held.iter().find(|q| q.body == text).expect("held").id
}

pub(crate) async fn status(app: &TestApp, id: i64) -> QuestionStatus {
    app.store
        .question(QuestionId(id))
        .await
        .unwrap()
        .unwrap()
        .status
}

pub(crate) async fn decide(moderator: &Member, action: &str, id: i64) {
    let r = moderator
        .post(
            "/admin/moderation/questions/decide",
            &[("one", &format!("{action}:{id}")), ("status", "held")],
        )
        .await;
    assert_eq!(r.status(), 303);
}

/// Waits for the one mail to `address` whose subject contains `needle`.
async fn mail_about(smtp: &SmtpReceiver, address: &str, needle: &str) -> String {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    loop {
        let got = smtp.messages_to(address).await;
        if let Some(m) = got
            .iter()
            .find(|m| m.header("Subject").is_some_and(|s| s.contains(needle)))
        {
            return m.text();
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "no mail about “{needle}” to {address}: {got:#?}"
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

async fn a_question_is_held_approved_answered_and_mailed(app: TestApp, smtp: SmtpReceiver) {
    let (id, editor) = live_story(&app).await;
    // The page offers asking while live; signed out, the ask page says to sign in first.
    let page = app.page("/articles/story", 200).await;
    assert_eq!(
        attrs(&html(&page), ".ask-newsroom a", "href"),
        ["/articles/story/ask"]
    );
    let signed_out = app.page("/articles/story/ask", 200).await;
    assert!(signed_out.contains("/signin?return_to=/articles/story/ask"));
    assert!(!signed_out.contains("id=\"ask-form\""));

    let ann = app.member("Ann Reader").await;
    let q = ask(&app, &ann, "Is the east bridge still closed?", true).await;
    let thanks = ann.page("/articles/story/ask?sent=1").await;
    assert!(thanks.contains("your question is with the newsroom"));
    // Held: not on the page, nor on the live desk until a moderator approves it.
    assert!(
        !app.page("/articles/story", 200)
            .await
            .contains("east bridge")
    );
    let desk = editor.page(&format!("/admin/articles/{id}/live")).await;
    assert!(!desk.contains("east bridge"));

    let mo = staff(&app, "Mo", Role::Moderator).await;
    let queue = mo.page("/admin/moderation/questions").await;
    let doc = html(&queue);
    assert_eq!(
        texts(&doc, ".queue-item .question-text"),
        ["Is the east bridge still closed?"]
    );
    assert!(texts(&doc, ".queue-item header label")[0].contains("Ann Reader"));
    assert!(
        mo.page("/admin/moderation")
            .await
            .contains("/admin/moderation/questions")
    );
    decide(&mo, "approve", q).await;
    assert_eq!(status(&app, q).await, QuestionStatus::Approved);
    let admin = staff(&app, "Ada Admin", Role::Admin).await;
    let log = admin.page("/admin/moderation/log").await;
    assert!(log.contains("question approved"), "{log}");

    // A reader's open page hears of the answer the moment it is published.
    let mut stream = crate::common::client()
        .get(app.url("/articles/story/live"))
        .send()
        .await
        .unwrap();
    let first = tokio::time::timeout(Duration::from_secs(5), stream.chunk())
        .await
        .expect("a first chunk at once")
        .unwrap()
        .unwrap();
    assert_eq!(&first[..], b": live\n\n");

    let desk = editor.page(&format!("/admin/articles/{id}/live")).await;
    assert!(desk.contains("Is the east bridge still closed?"));
    let r = editor
        .post(
            &format!("/admin/live-questions/{q}/answer"),
            &[
                ("body", "Yes: engineers expect to reopen it **tonight**."),
                ("action", "publish"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert!(
        r.headers()["location"]
            .to_str()
            .unwrap()
            .ends_with("done=answered")
    );
    assert_eq!(status(&app, q).await, QuestionStatus::Answered);
    let update = app
        .store
        .published_updates(id, None, false, 1)
        .await
        .unwrap()[0]
        .id;
    assert_eq!(
        next_event(&mut stream, "update", Duration::from_secs(5)).await,
        Some(format!("{update} published"))
    );
    let fragment = app
        .page(&format!("/live-updates/{update}/fragment"), 200)
        .await;
    let doc = html(&fragment);
    assert_eq!(
        texts(&doc, ".live-question blockquote"),
        ["Is the east bridge still closed?"]
    );
    assert_eq!(texts(&doc, ".live-question-asker"), ["Ann Reader"]);
    assert!(fragment.contains("<strong>tonight</strong>"));

    // The signed-out page was dropped and shows it; so do the structured data and the feed.
    let page = app.page("/articles/story", 200).await;
    let doc = html(&page);
    assert_eq!(
        texts(&doc, "#live-updates .live-question-asker"),
        ["Ann Reader"]
    );
    let raw = texts(&doc, "script[type='application/ld+json']");
    let data: serde_json::Value = serde_json::from_str(&raw[0]).unwrap();
    let body = data["liveBlogUpdate"][0]["articleBody"].as_str().unwrap();
    assert!(
        body.starts_with("Ann Reader asked: Is the east bridge still closed?"),
        "{body}"
    );
    let feed = app.page("/articles/story/updates.atom", 200).await;
    assert!(
        feed.contains("east bridge") && feed.contains("Ann Reader"),
        "{feed}"
    );
    // The API's update carries the question it answers.
    let api: serde_json::Value =
        serde_json::from_str(&app.page("/api/v1/articles/story/updates", 200).await).unwrap();
    assert_eq!(
        api["items"][0]["question"],
        serde_json::json!({ "text": "Is the east bridge still closed?", "asker": "Ann Reader" })
    );

    // Answered once: the desk no longer offers it, and a second answer is refused.
    let desk = editor.page(&format!("/admin/articles/{id}/live")).await;
    assert!(!desk.contains(&format!("/admin/live-questions/{q}/answer")));
    let again = editor
        .post(
            &format!("/admin/live-questions/{q}/answer"),
            &[("body", "Again."), ("action", "publish")],
        )
        .await;
    assert_eq!(again.status(), 422);

    // The asker asked to be told: one mail, with the question and a link to the answer.
    let mail = mail_about(&smtp, &ann.email, "answered your question").await;
    assert!(
        mail.contains("> Is the east bridge still closed?"),
        "{mail}"
    );
    assert!(
        mail.contains(&format!("/articles/story#update-{update}")),
        "{mail}"
    );
    // The member's own data lists the question.
    let data = ann.page("/settings/data.json").await;
    let data: serde_json::Value = serde_json::from_str(&data).unwrap();
    assert_eq!(data["questions"][0]["status"], "answered");
}

async fn a_contributors_answer_waits_for_an_editor_and_then_mails(
    app: TestApp,
    smtp: SmtpReceiver,
) {
    let (id, editor) = live_story(&app).await;
    let ann = app.member("Ann Reader").await;
    let bob = app.member("Bob Reader").await;
    let q1 = ask(&app, &ann, "When do the trains run again?", true).await;
    let q2 = ask(&app, &bob, "Who decided this?", false).await;
    let mo = staff(&app, "Mo", Role::Moderator).await;
    for q in [q1, q2] {
        decide(&mo, "approve", q).await;
    }
    let cora = staff(&app, "Cora", Role::Contributor).await;
    // A contributor may not publish, only draft.
    let r = cora
        .post(
            &format!("/admin/live-questions/{q1}/answer"),
            &[("body", "From six."), ("action", "publish")],
        )
        .await;
    assert_eq!(r.status(), 403);
    let r = cora
        .post(
            &format!("/admin/live-questions/{q1}/answer"),
            &[("body", "From six tomorrow."), ("action", "draft")],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(status(&app, q1).await, QuestionStatus::Answered);
    let draft = app.store.desk_updates(id, 1).await.unwrap()[0].clone();
    assert_eq!(draft.question_id, Some(q1));
    assert!(
        app.store
            .published_updates(id, None, false, 5)
            .await
            .unwrap()
            .is_empty()
    );
    // Nothing to mail while the answer is a draft.
    assert!(app.store.answers_to_mail(10).await.unwrap().is_empty());
    let desk = editor.page(&format!("/admin/articles/{id}/live")).await;
    assert!(
        desk.contains("When do the trains run again?"),
        "quoted on the draft"
    );

    let r = editor
        .post(
            &format!("/admin/live-updates/{}", draft.id),
            &[("action", "publish")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let mail = mail_about(&smtp, &ann.email, "answered your question").await;
    assert!(mail.contains(&format!("#update-{}", draft.id)), "{mail}");

    // Bob did not tick the box: his answered question is never mailed.
    let r = editor
        .post(
            &format!("/admin/live-questions/{q2}/answer"),
            &[("body", "The council."), ("action", "publish")],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert!(app.store.answers_to_mail(10).await.unwrap().is_empty());
    let page = app.page("/articles/story", 200).await;
    assert_eq!(
        texts(&html(&page), "#live-updates .live-question-asker"),
        ["Bob Reader", "Ann Reader"]
    );
    // Deleting Bob's account keeps the answered question, quoted from "A reader".
    let r = bob
        .post("/settings/delete", &[("password", crate::common::PASSWORD)])
        .await;
    assert_eq!(r.status(), 303);
    let page = app.page("/articles/story", 200).await;
    assert_eq!(
        texts(&html(&page), "#live-updates .live-question-asker"),
        ["A reader", "Ann Reader"]
    );
}
