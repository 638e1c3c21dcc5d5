//! "Ask the newsroom": what is refused or held on the way, on SQLite and PostgreSQL: the word
//! lists and the spam filter screen questions as they screen comments, questions wait on the
//! desk's own queue with why they were flagged, the form's refusals keep the text and say why,
//! and only approved questions are answered, by contributors and up.

use crate::common::{Member, TestApp, article, html, texts};
use crate::live_questions::{ask, decide, live_story, staff, status};
use broadsheet::domain::live_question::QuestionStatus;
use broadsheet::domain::user::Role;

backend_tests!(
    questions_are_screened_by_the_word_lists,
    the_spam_filter_flags_a_spammy_question,
    refusals_keep_the_text_and_say_why,
    answering_needs_an_approved_question_and_the_right_role,
);

/// Saves the site's moderation settings with these comment mode and word lists.
async fn settings(admin: &Member, mode: &str, banned: &str, suspect: &str) {
    let r = admin
        .post(
            "/admin/moderation/settings",
            &[
                ("mode", mode),
                ("first", ""),
                ("auto_close_days", "0"),
                ("link_hold_below", "0"),
                ("report_threshold", "3"),
                ("spam_threshold", "0.9"),
                ("banned", banned),
                ("suspect", suspect),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
}

async fn the_spam_filter_flags_a_spammy_question(app: TestApp) {
    live_story(&app).await;
    let admin = staff(&app, "Ada Admin", Role::Admin).await;
    // The filter learns from moderators' decisions on comments: every comment waits, spam is
    // rejected as spam, the rest approved.
    settings(&admin, "premoderated", "", "").await;
    let writer = app.member("Wes Writer").await;
    let mo = staff(&app, "Mo", Role::Moderator).await;
    let spam = [
        "Cheap pills online, buy tablets now, discount pharmacy",
        "Earn money fast from home, crypto bonus, click now",
        "Buy cheap pills and crypto, limited bonus offer now",
        "Discount pharmacy offer: cheap tablets and pills, buy now",
        "Fast money crypto investment bonus, click to earn now",
        "Limited offer: buy cheap pills from our pharmacy now",
    ];
    let ham = [
        "The council should publish the flood report before the vote.",
        "I live near the river and the new defences held last winter.",
        "Good reporting on the school budget, thank you.",
        "The bus timetable change hurts people who work late shifts.",
        "Interesting piece about the research on soil and rainfall.",
        "Our street flooded twice; the report matches what we saw.",
    ];
    for (texts, action) in [(spam, "reject"), (ham, "approve")] {
        for text in texts {
            let id = writer.comment("story", None, text).await;
            let one = format!("{action}:{id}");
            let reason = format!("reason-{id}");
            let r = mo
                .post(
                    "/admin/moderation/decide",
                    &[("one", one.as_str()), (reason.as_str(), "spam")],
                )
                .await;
            assert_eq!(r.status(), 303);
        }
    }
    settings(&admin, "open", "", "").await;
    let ann = app.member("Ann Reader").await;
    let spammy = ask(
        &app,
        &ann,
        "Buy cheap pills now, crypto bonus offer?",
        false,
    )
    .await;
    let fair = ask(
        &app,
        &ann,
        "Will the flood report come before the vote?",
        false,
    )
    .await;
    let queue = mo.page("/admin/moderation/questions").await;
    let doc = html(&queue);
    let facts = texts(&doc, &format!("#question-{spammy} .item-facts dd"));
    assert!(facts[0].contains("Spam filter"), "{facts:?}");
    let score: f64 = facts[1].parse().unwrap();
    assert!(score >= 0.9, "{facts:?}");
    let facts = texts(&doc, &format!("#question-{fair} .item-facts dd"));
    assert!(!facts[0].contains("Spam filter"), "{facts:?}");
    assert!(facts[1].parse::<f64>().unwrap() < 0.9, "{facts:?}");
}

async fn questions_are_screened_by_the_word_lists(app: TestApp) {
    live_story(&app).await;
    let admin = staff(&app, "Ada Admin", Role::Admin).await;
    settings(&admin, "open", "grotbag", "idiot").await;
    let ann = app.member("Ann Reader").await;
    let r = ann
        .post(
            "/articles/story/ask",
            &[("body", "Why is the mayor a GROTBAG?")],
        )
        .await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.contains("which is not allowed here"), "{body}");
    assert_eq!(
        texts(&html(&body), "#question-body"),
        ["Why is the mayor a GROTBAG?"],
        "the text is kept"
    );
    let flagged = ask(&app, &ann, "Which idiot closed the road?", false).await;
    let plain = ask(&app, &ann, "Which roads are open?", false).await;
    let mo = staff(&app, "Mo", Role::Moderator).await;
    let queue = mo.page("/admin/moderation/questions").await;
    let doc = html(&queue);
    let facts = texts(&doc, &format!("#question-{flagged} .item-facts dd"));
    assert!(facts[0].contains("Suspect word"), "{facts:?}");
    let facts = texts(&doc, &format!("#question-{plain} .item-facts dd"));
    assert!(!facts[0].contains("Suspect word"), "{facts:?}");
    // Bulk rejection; a rejected question can be approved after all, then not again.
    let r = mo
        .post(
            "/admin/moderation/questions/decide",
            &[
                ("action", "reject"),
                ("ids", &flagged.to_string()),
                ("ids", &plain.to_string()),
                ("status", "held"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let back = r.headers()["location"].to_str().unwrap().to_owned();
    assert!(back.contains("2+questions+rejected"), "{back}");
    assert_eq!(status(&app, plain).await, QuestionStatus::Rejected);
    decide(&mo, "approve", plain).await;
    let r = mo
        .post(
            "/admin/moderation/questions/decide",
            &[("one", &format!("approve:{plain}")), ("status", "held")],
        )
        .await;
    let back = r.headers()["location"].to_str().unwrap().to_owned();
    assert!(back.contains("Not+changed"), "{back}");
    let rejected = mo.page("/admin/moderation/questions?status=rejected").await;
    assert!(rejected.contains("Which idiot closed the road?"));
    // Members may not moderate.
    let r = ann
        .post(
            "/admin/moderation/questions/decide",
            &[("one", &format!("approve:{flagged}"))],
        )
        .await;
    assert_eq!(r.status(), 403);
}

async fn refusals_keep_the_text_and_say_why(app: TestApp) {
    // Not live: no ask page at all.
    app.publish(&[article("plain", "Science", 40)]).await;
    assert_eq!(app.get("/articles/plain/ask").await.status(), 404);
    let (id, editor) = live_story(&app).await;
    let ann = app.member("Ann Reader").await;
    let r = ann.post("/articles/story/ask", &[("body", "   ")]).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("Write your question"));
    let long = "why ".repeat(130);
    let r = ann.post("/articles/story/ask", &[("body", &long)]).await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.contains("at most 500 characters"), "{body}");
    assert!(body.contains("aria-invalid=\"true\""));
    // Three a minute; the fourth waits, told for how long.
    for n in 0..3 {
        ask(&app, &ann, &format!("Question number {n}?"), false).await;
    }
    let r = ann
        .post("/articles/story/ask", &[("body", "One more?")])
        .await;
    assert_eq!(r.status(), 429);
    assert!(r.headers().contains_key("retry-after"));
    assert!(r.text().await.unwrap().contains("One more?"));
    app.clock.advance(chrono::Duration::minutes(1));
    ask(&app, &ann, "One more?", false).await;
    // Once coverage ends, no more questions.
    let r = editor
        .post(&format!("/admin/articles/{id}/live"), &[("action", "end")])
        .await;
    assert_eq!(r.status(), 303);
    let r = ann
        .post("/articles/story/ask", &[("body", "Too late?")])
        .await;
    assert_eq!(r.status(), 403);
    assert!(ann.page("/articles/story/ask").await.contains("has ended"));
    assert!(
        !app.page("/articles/story", 200)
            .await
            .contains("ask-newsroom")
    );
    // Deleting the account takes its unanswered questions with it.
    let r = ann
        .post("/settings/delete", &[("password", crate::common::PASSWORD)])
        .await;
    assert_eq!(r.status(), 303);
    assert!(
        app.store
            .questions_in(QuestionStatus::Held, 100)
            .await
            .unwrap()
            .is_empty()
    );
}

async fn answering_needs_an_approved_question_and_the_right_role(app: TestApp) {
    let (id, editor) = live_story(&app).await;
    let ann = app.member("Ann Reader").await;
    let q = ask(&app, &ann, "Is the school open?", false).await;
    // Held: not yet answerable.
    let r = editor
        .post(
            &format!("/admin/live-questions/{q}/answer"),
            &[("body", "It is."), ("action", "publish")],
        )
        .await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(
        body.contains("Only questions a moderator approved"),
        "{body}"
    );
    let mo = staff(&app, "Mo", Role::Moderator).await;
    decide(&mo, "approve", q).await;
    // Members may not answer; an empty answer comes back to the desk.
    let r = ann
        .post(
            &format!("/admin/live-questions/{q}/answer"),
            &[("body", "It is."), ("action", "draft")],
        )
        .await;
    assert_eq!(r.status(), 403);
    let r = editor
        .post(
            &format!("/admin/live-questions/{q}/answer"),
            &[("body", " "), ("action", "publish")],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert_eq!(status(&app, q).await, QuestionStatus::Approved);
    assert!(
        app.store
            .published_updates(id, None, false, 5)
            .await
            .unwrap()
            .is_empty()
    );
}
