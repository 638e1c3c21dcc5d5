//! Moderation over real HTTP, on SQLite and PostgreSQL: policies (closed, pre-moderated,
//! closing after N days), word lists, links from new members, reports hiding a comment, the
//! spam filter learning from decisions, the desk's actions (single and bulk), bans, undo and
//! the audit log.

use crate::common::{self, Member, TestApp, article, html, texts};
use broadsheet::domain::user::Role;

backend_tests!(
    pre_moderated_comments_wait_and_their_author_sees_why,
    a_rejection_reaches_the_author_and_nobody_else,
    closed_and_expired_articles_refuse_comments,
    banned_words_are_refused_and_suspect_words_held,
    links_from_new_members_wait_until_they_have_a_record,
    reports_hide_a_comment_at_the_threshold,
    banned_members_can_read_but_not_take_part,
    bulk_decisions_and_editors_picks,
    the_spam_filter_learns_from_moderators,
    roles_are_granted_at_admin_users_and_logged,
    edits_are_screened_like_posts,
    reports_from_new_members_are_shown_but_do_not_hide,
);

async fn staff(app: &TestApp, name: &str, role: Role) -> Member {
    let m = app.member(name).await;
    m.promote(app, role).await;
    m
}

/// Presses one item's button on the desk (`approve`, `reject`, `pin`, `unpin`, `ban`).
async fn decide(m: &Member, action: &str, id: i64, extra: &[(&str, &str)]) -> String {
    let one = format!("{action}:{id}");
    let mut fields = vec![("one", one.as_str())];
    fields.extend_from_slice(extra);
    let r = m.post("/admin/moderation/decide", &fields).await;
    assert_eq!(
        r.status(),
        303,
        "{action} {id}: {}",
        r.text().await.unwrap()
    );
    r.headers()["location"].to_str().unwrap().to_owned()
}

async fn status_of(app: &TestApp, id: i64) -> String {
    app.store
        .comment(id)
        .await
        .unwrap()
        .unwrap()
        .status
        .as_str()
        .to_owned()
}

fn heading(body: &str) -> Vec<String> {
    texts(&html(body), "#comments-heading")
}

/// Undoes the log rows named in a desk redirect's `done=` list.
async fn undo_from(m: &Member, location: &str) -> reqwest::Response {
    let done = location
        .split("done=")
        .nth(1)
        .expect("the redirect offers undo")
        .split('&')
        .next()
        .unwrap()
        .to_owned();
    let mut fields: Vec<(&str, &str)> = done.split(',').map(|id| ("log", id)).collect();
    fields.push(("return_to", "/admin/moderation"));
    m.post("/admin/moderation/undo", &fields).await
}

async fn pre_moderated_comments_wait_and_their_author_sees_why(app: TestApp) {
    app.publish(&[
        article("story", "Science", 5),
        article("other", "Science", 6),
    ])
    .await;
    let editor = staff(&app, "Edna", Role::Editor).await;
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

    let ada = app.member("Ada").await;
    let page = ada.page("/articles/story").await;
    assert!(
        page.contains("read by a moderator before they appear"),
        "{page}"
    );
    let id = ada.comment("story", None, "Waiting politely.").await;
    assert_eq!(status_of(&app, id).await, "pending");

    // The author sees it in its place, marked; readers see nothing yet.
    let doc = html(&ada.page("/articles/story").await);
    let sel = format!("article#comment-{id} .held-status");
    assert_eq!(texts(&doc, &sel).len(), 1, "the author sees it is held");
    let public = app.page("/articles/story", 200).await;
    assert_eq!(heading(&public), vec!["Comments (0)"]);
    assert!(!public.contains("Waiting politely."));
    // Another article keeps the site's open policy.
    let other = ada.comment("other", None, "Straight up.").await;
    assert_eq!(status_of(&app, other).await, "visible");

    // It is in the moderators' pending queue, with its context.
    let moderator = staff(&app, "Mo", Role::Moderator).await;
    let desk = moderator.page("/admin/moderation").await;
    assert!(
        desk.contains("Waiting politely.") && desk.contains("Pre-moderated"),
        "{desk}"
    );
    assert!(desk.contains("Headline of story"));

    let location = decide(&moderator, "approve", id, &[]).await;
    assert_eq!(status_of(&app, id).await, "visible");
    let public = app.page("/articles/story", 200).await;
    assert_eq!(heading(&public), vec!["Comments (1)"]);
    assert!(public.contains("Waiting politely."));
    let desk = moderator.page(&location).await;
    assert!(desk.contains("Done: 1 item approved."), "{desk}");

    // Undo puts it back in the queue and out of readers' sight.
    let r = undo_from(&moderator, &location).await;
    assert_eq!(r.status(), 303);
    assert_eq!(status_of(&app, id).await, "pending");
    let public = app.page("/articles/story", 200).await;
    assert_eq!(heading(&public), vec!["Comments (0)"]);
    // Undoing twice is refused with a reason.
    let r = undo_from(&moderator, &location).await;
    let back = r.headers()["location"].to_str().unwrap().to_owned();
    assert!(back.contains("already"), "{back}");

    // The audit log has it all, and admins can filter it.
    let admin = staff(&app, "Ann", Role::Admin).await;
    let log = admin
        .page(&format!("/admin/moderation/log?comment={id}"))
        .await;
    let doc = html(&log);
    let actions: Vec<String> = common::attrs(&doc, "tr[data-action]", "data-action");
    assert_eq!(actions, vec!["undo", "approve"], "{log}");
    let log = admin.page("/admin/moderation/log?action=policy").await;
    assert!(
        log.contains("Edna") && log.contains("pre-moderated"),
        "{log}"
    );
    // Moderators do not read the audit log.
    assert_eq!(moderator.get("/admin/moderation/log").await.status(), 403);
}

async fn a_rejection_reaches_the_author_and_nobody_else(app: TestApp) {
    app.publish(&[article("story", "Science", 5)]).await;
    let ada = app.member("Ada").await;
    let bob = app.member("Bob").await;
    let id = ada.comment("story", None, "Something rude.").await;
    assert_eq!(
        heading(&app.page("/articles/story", 200).await),
        vec!["Comments (1)"]
    );
    let moderator = staff(&app, "Mo", Role::Moderator).await;
    // A rejection needs a reason.
    let r = moderator
        .post(
            "/admin/moderation/decide",
            &[("one", &format!("reject:{id}"))],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("Choose a reason"));
    decide(
        &moderator,
        "reject",
        id,
        &[
            (&format!("reason-{id}"), "abuse"),
            (&format!("note-{id}"), "Name-calling"),
        ],
    )
    .await;
    assert_eq!(status_of(&app, id).await, "rejected");
    let public = app.page("/articles/story", 200).await;
    assert_eq!(heading(&public), vec!["Comments (0)"]);
    assert!(!public.contains("Something rude."));
    let theirs = ada.page("/articles/story").await;
    assert!(
        theirs.contains("Not published.")
            && theirs.contains("Abusive, hateful or a personal attack: Name-calling"),
        "{theirs}"
    );
    let others = bob.page("/articles/story").await;
    assert!(!others.contains("Something rude.") && !others.contains("Not published."));
    // Nothing was destroyed: approving reverses it.
    decide(&moderator, "approve", id, &[]).await;
    assert!(
        bob.page("/articles/story")
            .await
            .contains("Something rude.")
    );
}

async fn closed_and_expired_articles_refuse_comments(app: TestApp) {
    app.publish(&[article("story", "Science", 5), article("news", "World", 5)])
        .await;
    let ada = app.member("Ada").await;
    let editor = staff(&app, "Edna", Role::Editor).await;
    let r = editor
        .post(
            "/admin/moderation/policies",
            &[
                ("scope", "section"),
                ("target", "science"),
                ("mode", "closed"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    for page in [
        ada.page("/articles/story").await,
        app.page("/articles/story", 200).await,
    ] {
        let doc = html(&page);
        assert_eq!(
            texts(&doc, ".comments-closed"),
            vec!["Comments are closed on this article."]
        );
        assert!(texts(&doc, "#comment-form").is_empty());
    }
    let r = ada
        .post("/articles/story/comments", &[("body", "Too late?")])
        .await;
    assert_eq!(r.status(), 403);
    let body = r.text().await.unwrap();
    assert!(body.contains("Comments are closed"), "{body}");
    // A bad policy form comes back with a message.
    let r = editor
        .post(
            "/admin/moderation/policies",
            &[
                ("scope", "section"),
                ("target", "no-such"),
                ("mode", "closed"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.contains("no section with the address"));
    let doc = html(&body);
    assert_eq!(
        common::attrs(&doc, "#policy-target", "value"),
        vec!["no-such"],
        "the form comes back as typed"
    );
    assert_eq!(
        common::attrs(&doc, "#policy-mode option[selected]", "value"),
        vec!["closed"]
    );

    // Site-wide closing after a day: the World article is open now, closed two days on.
    let admin = staff(&app, "Ann", Role::Admin).await;
    let r = admin
        .post(
            "/admin/moderation/settings",
            &[
                ("mode", "open"),
                ("first", ""),
                ("auto_close_days", "1"),
                ("link_hold_below", "3"),
                ("report_threshold", "3"),
                ("spam_threshold", "0.9"),
                ("banned", ""),
                ("suspect", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    ada.comment("news", None, "Still open.").await;
    app.clock.advance(chrono::Duration::days(2));
    let r = ada
        .post("/articles/news/comments", &[("body", "Now closed.")])
        .await;
    assert_eq!(r.status(), 403);
    // Editors cannot change site-wide settings; members cannot set policies.
    let r = editor
        .post("/admin/moderation/settings", &[("mode", "closed")])
        .await;
    assert_eq!(r.status(), 403);
    let r = ada
        .post(
            "/admin/moderation/policies",
            &[("scope", "section"), ("target", "world"), ("mode", "open")],
        )
        .await;
    assert_eq!(r.status(), 403);
}

async fn save_words(admin: &Member, banned: &str, suspect: &str) {
    let r = admin
        .post(
            "/admin/moderation/settings",
            &[
                ("mode", "open"),
                ("first", ""),
                ("auto_close_days", "0"),
                ("link_hold_below", "3"),
                ("report_threshold", "3"),
                ("spam_threshold", "0.9"),
                ("banned", banned),
                ("suspect", suspect),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
}

async fn banned_words_are_refused_and_suspect_words_held(app: TestApp) {
    app.publish(&[article("story", "Science", 5)]).await;
    let admin = staff(&app, "Ann", Role::Admin).await;
    save_words(&admin, "grotbag\nfilthy liar", "idiot").await;
    let ada = app.member("Ada").await;

    for text in [
        "You GROTBAG.",
        "you g.r.o.t.b.a.g",
        "what a gr0tbaaag",
        "He is a filthy   liar!",
    ] {
        let r = ada
            .post("/articles/story/comments", &[("body", text)])
            .await;
        assert_eq!(r.status(), 422, "{text}");
        let body = r.text().await.unwrap();
        assert!(body.contains("which is not allowed here"), "{text}: {body}");
        let doc = html(&body);
        let kept = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(texts(&doc, "#comment-body"), vec![kept], "text kept");
    }
    // Whole words only.
    let fine = ada
        .comment("story", None, "The grotbagsworth report is out.")
        .await;
    assert_eq!(status_of(&app, fine).await, "visible");

    let held = ada.comment("story", None, "What an IDIOT idea.").await;
    assert_eq!(status_of(&app, held).await, "pending");
    let moderator = staff(&app, "Mo", Role::Moderator).await;
    let flagged = moderator.page("/admin/moderation?queue=flagged").await;
    assert!(
        flagged.contains("What an IDIOT idea.") && flagged.contains("Suspect word"),
        "{flagged}"
    );
    let pending = moderator.page("/admin/moderation?queue=pending").await;
    assert!(!pending.contains("What an IDIOT idea."));

    // A list change reaches posting at once, and is logged.
    save_words(&admin, "", "").await;
    let ok = ada.comment("story", None, "grotbag, said nobody.").await;
    assert_eq!(status_of(&app, ok).await, "visible");
    let log = admin.page("/admin/moderation/log?action=words").await;
    assert_eq!(
        common::attrs(&html(&log), "tr[data-action]", "data-action").len(),
        2
    );
    // The thresholds were saved unchanged each time: nothing logged for them.
    let log = admin.page("/admin/moderation/log?action=settings").await;
    assert!(common::attrs(&html(&log), "tr[data-action]", "data-action").is_empty());
    // A refused settings form comes back as typed.
    let r = admin
        .post(
            "/admin/moderation/settings",
            &[
                ("mode", "open"),
                ("first", ""),
                ("auto_close_days", "0"),
                ("link_hold_below", "7"),
                ("report_threshold", "4"),
                ("spam_threshold", "often"),
                ("banned", "grotbag"),
                ("suspect", "hmm"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(
        body.contains("spam score that holds a comment must be a number"),
        "{body}"
    );
    let doc = html(&body);
    assert_eq!(common::attrs(&doc, "#link-hold", "value"), vec!["7"]);
    assert_eq!(
        common::attrs(&doc, "#spam-threshold", "value"),
        vec!["often"]
    );
    assert_eq!(texts(&doc, "#suspect-words"), vec!["hmm"]);
    // An edit cannot bring a banned word in either.
    save_words(&admin, "grotbag", "").await;
    let r = ada
        .post(&format!("/comments/{fine}/edit"), &[("body", "grotbag")])
        .await;
    assert_eq!(r.status(), 422);
}

async fn links_from_new_members_wait_until_they_have_a_record(app: TestApp) {
    app.publish(&[article("story", "Science", 5)]).await;
    let ada = app.member("Ada").await;
    let first = ada
        .comment("story", None, "Source: https://example.org/report")
        .await;
    assert_eq!(status_of(&app, first).await, "pending");
    let moderator = staff(&app, "Mo", Role::Moderator).await;
    let desk = moderator.page("/admin/moderation").await;
    assert!(desk.contains("Link from a new member"), "{desk}");
    for i in 0..3 {
        let id = ada
            .comment("story", None, &format!("Plain words {i}."))
            .await;
        assert_eq!(status_of(&app, id).await, "visible");
    }
    // Still new on her first day (the member bar asks for a day-old account): links wait.
    let same_day = ada
        .comment("story", None, "One more source: https://example.org/y")
        .await;
    assert_eq!(status_of(&app, same_day).await, "pending");
    app.clock.advance(chrono::Duration::days(1));
    let later = ada
        .comment(
            "story",
            None,
            "Another source: [here](https://example.org/x)",
        )
        .await;
    assert_eq!(status_of(&app, later).await, "visible");
    // Staff are never held.
    let own = moderator
        .comment("story", None, "See https://example.org/guidelines")
        .await;
    assert_eq!(status_of(&app, own).await, "visible");
}

/// Members who clear the default bar for reports to hide a comment: a confirmed address, one
/// comment readers see, and (once the clock has moved on a day) an account older than a day.
async fn members_with_a_record(app: &TestApp, names: &[&str]) -> Vec<Member> {
    app.publish(&[article("their-say", "Science", 30)]).await;
    let mut members = Vec::new();
    for name in names {
        let m = app.member(name).await;
        let email = broadsheet::domain::user::Email::parse(&m.email).unwrap();
        let user = app.store.user_by_email(&email).await.unwrap().unwrap();
        app.store
            .mark_email_verified(user.id, app.clock.now())
            .await
            .unwrap();
        let id = m
            .comment("their-say", None, &format!("{name} has a say."))
            .await;
        assert_eq!(status_of(app, id).await, "visible");
        members.push(m);
    }
    members
}

async fn reports_hide_a_comment_at_the_threshold(app: TestApp) {
    app.publish(&[article("story", "Science", 5)]).await;
    let reporters = members_with_a_record(&app, &["Bob", "Cy", "Di"]).await;
    app.clock.advance(chrono::Duration::days(1));
    let ada = app.member("Ada").await;
    let id = ada.comment("story", None, "A contested claim.").await;
    let path = format!("/comments/{id}/report");
    for (i, m) in reporters.iter().enumerate() {
        let r = m.post(&path, &[("reason", "misinformation")]).await;
        assert_eq!(r.status(), 200);
        let expected = if i < 2 { "visible" } else { "pending" };
        assert_eq!(
            status_of(&app, id).await,
            expected,
            "after {} reports",
            i + 1
        );
    }
    let public = app.page("/articles/story", 200).await;
    assert_eq!(heading(&public), vec!["Comments (0)"]);
    assert!(!public.contains("A contested claim."));

    let moderator = staff(&app, "Mo", Role::Moderator).await;
    let desk = moderator.page("/admin/moderation?queue=reported").await;
    assert!(
        desk.contains("A contested claim.") && desk.contains("False or misleading"),
        "{desk}"
    );
    assert!(desk.contains("Hidden after reports"));
    let location = decide(
        &moderator,
        "reject",
        id,
        &[(&format!("reason-{id}"), "other")],
    )
    .await;
    assert_eq!(status_of(&app, id).await, "rejected");
    let desk = moderator.page("/admin/moderation?queue=reported").await;
    assert!(
        !desk.contains("A contested claim."),
        "reports closed by the decision"
    );
    // Undo: hidden again, its reports open again.
    undo_from(&moderator, &location).await;
    assert_eq!(status_of(&app, id).await, "pending");
    let desk = moderator.page("/admin/moderation?queue=reported").await;
    assert!(desk.contains("A contested claim."));
    // Approving shows it and dismisses the reports.
    decide(&moderator, "approve", id, &[]).await;
    assert_eq!(
        heading(&app.page("/articles/story", 200).await),
        vec!["Comments (1)"]
    );
    let desk = moderator.page("/admin/moderation?queue=reported").await;
    assert!(!desk.contains("A contested claim."));
}

async fn banned_members_can_read_but_not_take_part(app: TestApp) {
    app.publish(&[article("story", "Science", 5)]).await;
    let ada = app.member("Ada").await;
    let bob = app.member("Bob").await;
    let bobs = bob.comment("story", None, "Bob's view.").await;
    let mine = ada.comment("story", None, "Ada's view.").await;
    let moderator = staff(&app, "Mo", Role::Moderator).await;
    let ada_id = app
        .store
        .comment(mine)
        .await
        .unwrap()
        .unwrap()
        .author_id
        .unwrap();
    let r = moderator
        .post(
            &format!("/admin/users/{ada_id}/ban"),
            &[("length", "7"), ("reason", "Repeated abuse")],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());

    let page = ada.page("/articles/story").await;
    let doc = html(&page);
    let notice = texts(&doc, ".comments-closed").join(" ");
    assert!(
        notice.contains("suspended")
            && notice.contains("until")
            && notice.contains("Repeated abuse"),
        "{notice}"
    );
    assert!(texts(&doc, "#comment-form").is_empty());
    assert!(page.contains("Bob's view."), "they still read");
    let r = ada
        .post("/articles/story/comments", &[("body", "Let me in.")])
        .await;
    assert_eq!(r.status(), 403);
    assert!(r.text().await.unwrap().contains("suspended"));
    let r = ada
        .post(&format!("/comments/{bobs}/like"), &[("like", "1")])
        .await;
    assert_eq!(r.status(), 403);
    assert!(r.text().await.unwrap().contains("suspended"));
    let r = ada
        .post(&format!("/comments/{bobs}/report"), &[("reason", "spam")])
        .await;
    assert_eq!(r.status(), 422);
    let r = ada
        .post(&format!("/comments/{mine}/edit"), &[("body", "Changed.")])
        .await;
    assert_eq!(r.status(), 403);
    // Staff cannot be banned.
    let editor = staff(&app, "Edna", Role::Editor).await;
    let editor_id = app
        .store
        .user_by_email(&broadsheet::domain::user::Email::parse(&editor.email).unwrap())
        .await
        .unwrap()
        .unwrap()
        .id;
    let r = moderator
        .post(
            &format!("/admin/users/{editor_id}/ban"),
            &[("length", "forever")],
        )
        .await;
    assert_eq!(r.status(), 403);
    // The ban is logged; undoing it lets them post again.
    let admin = staff(&app, "Ann", Role::Admin).await;
    let log = admin.page("/admin/moderation/log?action=ban").await;
    let doc = html(&log);
    let first_id: String = texts(&doc, "tr[data-action=ban] td")[0].clone();
    let r = moderator
        .post(
            "/admin/moderation/undo",
            &[("log", &first_id), ("return_to", "/admin/users")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let ok = ada.comment("story", None, "Back again.").await;
    assert_eq!(status_of(&app, ok).await, "visible");
}

async fn bulk_decisions_and_editors_picks(app: TestApp) {
    app.publish(&[article("story", "Science", 5)]).await;
    let admin = staff(&app, "Ann", Role::Admin).await;
    save_words(&admin, "", "hmm").await;
    let ada = app.member("Ada").await;
    let mut ids = Vec::new();
    for i in 0..3 {
        ids.push(ada.comment("story", None, &format!("hmm number {i}")).await);
    }
    let moderator = staff(&app, "Mo", Role::Moderator).await;
    // Nothing selected: a clear message.
    let r = moderator
        .post(
            "/admin/moderation/decide",
            &[("action", "approve"), ("queue", "flagged")],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Select at least one comment")
    );
    let (a, b) = (ids[0].to_string(), ids[1].to_string());
    let r = moderator
        .post(
            "/admin/moderation/decide",
            &[
                ("action", "approve"),
                ("ids", &a),
                ("ids", &b),
                ("queue", "flagged"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(status_of(&app, ids[0]).await, "visible");
    assert_eq!(status_of(&app, ids[1]).await, "visible");
    assert_eq!(status_of(&app, ids[2]).await, "pending");
    let location = r.headers()["location"].to_str().unwrap().to_owned();
    assert!(moderator.page(&location).await.contains("2 items approved"));

    decide(&moderator, "pin", ids[0], &[]).await;
    let doc = html(&app.page("/articles/story", 200).await);
    let sel = format!("article#comment-{} .pick-badge", ids[0]);
    assert_eq!(texts(&doc, &sel), vec!["Editor's pick"]);
    // A held comment cannot be a pick.
    let r = moderator
        .post(
            "/admin/moderation/decide",
            &[("one", &format!("pin:{}", ids[2]))],
        )
        .await;
    let back = r.headers()["location"].to_str().unwrap().to_owned();
    assert!(back.contains("message="), "{back}");
    assert!(
        app.store
            .comment(ids[2])
            .await
            .unwrap()
            .unwrap()
            .pinned_at
            .is_none()
    );
}

async fn the_spam_filter_learns_from_moderators(app: TestApp) {
    app.publish(&[article("story", "Science", 5)]).await;
    let admin = staff(&app, "Ann", Role::Admin).await;
    // Every comment waits, so each is a decision the filter can learn from.
    let r = admin
        .post(
            "/admin/moderation/settings",
            &[
                ("mode", "premoderated"),
                ("first", ""),
                ("auto_close_days", "0"),
                ("link_hold_below", "0"),
                ("report_threshold", "3"),
                ("spam_threshold", "0.9"),
                ("banned", ""),
                ("suspect", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let ada = app.member("Ada").await;
    let moderator = staff(&app, "Mo", Role::Moderator).await;
    let spam = [
        "Cheap pills online, buy viagra now, discount pharmacy",
        "Earn money fast from home, crypto bonus, click now",
        "Buy cheap pills and crypto, limited bonus offer now",
        "Discount pharmacy offer: cheap viagra pills, buy now",
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
    for text in spam {
        let id = ada.comment("story", None, text).await;
        decide(
            &moderator,
            "reject",
            id,
            &[(&format!("reason-{id}"), "spam")],
        )
        .await;
    }
    for text in ham {
        let id = ada.comment("story", None, text).await;
        decide(&moderator, "approve", id, &[]).await;
    }
    let settings = admin.page("/admin/moderation/settings").await;
    assert!(
        settings.contains("6 comments learnt as spam, 6 as not spam"),
        "{settings}"
    );

    // Back to open comments: new spam is now caught by the filter alone, ham goes up.
    let r = admin
        .post(
            "/admin/moderation/settings",
            &[
                ("mode", "open"),
                ("first", ""),
                ("auto_close_days", "0"),
                ("link_hold_below", "0"),
                ("report_threshold", "3"),
                ("spam_threshold", "0.9"),
                ("banned", ""),
                ("suspect", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let caught = ada
        .comment(
            "story",
            None,
            "Buy cheap viagra pills now, crypto bonus offer",
        )
        .await;
    assert_eq!(status_of(&app, caught).await, "pending");
    let desk = moderator.page("/admin/moderation?queue=flagged").await;
    assert!(desk.contains("Spam filter"), "{desk}");
    let doc = html(&desk);
    let score: f64 = texts(&doc, ".spam-score")[0].parse().unwrap();
    assert!(score >= 0.9, "{score}");
    let fine = ada
        .comment(
            "story",
            None,
            "The flood report and the council vote matter to our street.",
        )
        .await;
    assert_eq!(status_of(&app, fine).await, "visible");
}

async fn roles_are_granted_at_admin_users_and_logged(app: TestApp) {
    let admin = staff(&app, "Ann", Role::Admin).await;
    let ada = app.member("Ada").await;
    let ada_id = app
        .store
        .user_by_email(&broadsheet::domain::user::Email::parse(&ada.email).unwrap())
        .await
        .unwrap()
        .unwrap()
        .id;
    let page = admin.page("/admin/users?q=ada").await;
    assert!(
        page.contains("ada@example.org") && !page.contains("ann@example.org"),
        "{page}"
    );
    assert_eq!(ada.get("/admin/moderation").await.status(), 403);
    let r = admin
        .post(
            &format!("/admin/users/{ada_id}/role"),
            &[("role", "moderator")],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(ada.get("/admin/moderation").await.status(), 200);
    let r = admin
        .post(
            &format!("/admin/users/{ada_id}/role"),
            &[("role", "emperor")],
        )
        .await;
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("Unknown role"));
    // Admins cannot demote themselves (someone must remain to undo mistakes).
    let ann_id = app
        .store
        .user_by_email(&broadsheet::domain::user::Email::parse(&admin.email).unwrap())
        .await
        .unwrap()
        .unwrap()
        .id;
    let r = admin
        .post(
            &format!("/admin/users/{ann_id}/role"),
            &[("role", "member")],
        )
        .await;
    assert_eq!(r.status(), 403);
    // Logged and undoable.
    let log = admin.page("/admin/moderation/log?action=role").await;
    assert!(
        log.contains("member → moderator") && log.contains("Ann"),
        "{log}"
    );
    let doc = html(&log);
    let id = texts(&doc, "tr[data-action=role] td")[0].clone();
    admin
        .post(
            "/admin/moderation/undo",
            &[("log", &id), ("return_to", "/admin/moderation/log")],
        )
        .await;
    assert_eq!(ada.get("/admin/moderation").await.status(), 403);
}

/// Posts `text` as `m` and then edits it to `edited`, expecting the edit to be saved.
async fn post_then_edit(m: &Member, slug: &str, text: &str, edited: &str) -> i64 {
    let id = m.comment(slug, None, text).await;
    let r = m
        .post(&format!("/comments/{id}/edit"), &[("body", edited)])
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    id
}

async fn edits_are_screened_like_posts(app: TestApp) {
    app.publish(&[
        article("story", "Science", 5),
        article("waiting", "Science", 6),
    ])
    .await;
    let admin = staff(&app, "Ann", Role::Admin).await;
    // Links wait until a member has one approved comment; "idiot" is suspect, "grotbag" banned.
    let r = admin
        .post(
            "/admin/moderation/settings",
            &[
                ("mode", "open"),
                ("first", ""),
                ("auto_close_days", "0"),
                ("link_hold_below", "1"),
                ("report_threshold", "3"),
                ("spam_threshold", "0.9"),
                ("banned", "grotbag"),
                ("suspect", "idiot"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let r = admin
        .post(
            "/admin/moderation/policies",
            &[
                ("scope", "article"),
                ("target", "waiting"),
                ("mode", "premoderated"),
                ("first", ""),
                ("auto_close_days", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    // The spam filter learns from another member's comments, judged by a moderator.
    let moderator = staff(&app, "Mo", Role::Moderator).await;
    let sam = app.member("Sam").await;
    for text in [
        "Cheap pills online, buy viagra now, discount pharmacy",
        "Earn money fast from home, crypto bonus, click now",
        "Buy cheap pills and crypto, limited bonus offer now",
        "Discount pharmacy offer: cheap viagra pills, buy now",
        "Fast money crypto investment bonus, click to earn now",
        "Limited offer: buy cheap pills from our pharmacy now",
    ] {
        let id = sam.comment("story", None, text).await;
        decide(
            &moderator,
            "reject",
            id,
            &[(&format!("reason-{id}"), "spam")],
        )
        .await;
    }
    for text in [
        "The council should publish the flood report before the vote.",
        "I live near the river and the new defences held last winter.",
        "Good reporting on the school budget, thank you.",
        "The bus timetable change hurts people who work late shifts.",
        "Interesting piece about the research on soil and rainfall.",
        "Our street flooded twice; the report matches what we saw.",
    ] {
        let id = sam.comment("story", None, text).await;
        decide(&moderator, "approve", id, &[]).await;
    }

    let ada = app.member("Ada").await;
    let bob = app.member("Bob").await;
    // Her first comment, plain, goes up; adding a link to it is what posting it with the link
    // would have done: it waits (the comment itself does not count as her record).
    let link = post_then_edit(
        &ada,
        "story",
        "My source is below.",
        "My source: https://example.org/report",
    )
    .await;
    let suspect = post_then_edit(&ada, "story", "What an idea.", "What an IDIOT idea.").await;
    let spam = post_then_edit(
        &ada,
        "story",
        "A fair point about the ferry.",
        "Buy cheap viagra pills now, crypto bonus offer",
    )
    .await;
    let innocent = post_then_edit(&ada, "story", "Nice piece.", "Nice piece, thanks.").await;
    // On the pre-moderated article: approved, then edited, it waits again.
    let premoderated = ada.comment("waiting", None, "A careful thought.").await;
    assert_eq!(status_of(&app, premoderated).await, "pending");
    decide(&moderator, "approve", premoderated, &[]).await;
    assert_eq!(status_of(&app, premoderated).await, "visible");
    let r = ada
        .post(
            &format!("/comments/{premoderated}/edit"),
            &[("body", "A careful thought, corrected.")],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());

    for id in [link, suspect, spam, premoderated] {
        assert_eq!(status_of(&app, id).await, "pending", "comment {id}");
    }
    assert_eq!(status_of(&app, innocent).await, "visible");

    // Readers and other members see neither the new text nor the old; the author sees hers
    // held, and the counts leave the held ones out.
    for page in [
        app.page("/articles/story", 200).await,
        bob.page("/articles/story").await,
    ] {
        assert_eq!(
            heading(&page),
            vec!["Comments (7)"],
            "6 of Sam's and 1 of Ada's"
        );
        assert!(page.contains("Nice piece, thanks."));
        for text in [
            "example.org/report",
            "My source",
            "IDIOT",
            "What an idea.",
            "viagra pills now",
            "fair point",
        ] {
            assert!(!page.contains(text), "{text} is hidden");
        }
    }
    let waiting = app.page("/articles/waiting", 200).await;
    assert_eq!(heading(&waiting), vec!["Comments (0)"]);
    assert!(!waiting.contains("A careful thought"));
    let doc = html(&ada.page("/articles/story").await);
    for id in [link, suspect, spam] {
        let sel = format!("article#comment-{id} .held-status");
        assert_eq!(texts(&doc, &sel).len(), 1, "Ada sees {id} held");
    }

    // On the desk, each in its queue, marked as an edit.
    let pending = moderator.page("/admin/moderation?queue=pending").await;
    assert!(
        pending.contains("example.org/report") && pending.contains("Link from a new member"),
        "{pending}"
    );
    assert!(pending.contains("A careful thought, corrected.") && pending.contains("Pre-moderated"));
    let flagged = moderator.page("/admin/moderation?queue=flagged").await;
    assert!(
        flagged.contains("What an IDIOT idea.")
            && flagged.contains("edited after posting; contains “idiot”"),
        "{flagged}"
    );
    assert!(flagged.contains("viagra pills now") && flagged.contains("Spam filter"));
    // Approving an edit shows it again.
    decide(&moderator, "approve", suspect, &[]).await;
    assert_eq!(status_of(&app, suspect).await, "visible");

    // A banned word is refused on an edit as on a post, and the comment stays as it was.
    let r = ada
        .post(
            &format!("/comments/{innocent}/edit"),
            &[("body", "Nice piece, grotbag.")],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("which is not allowed here")
    );
    assert_eq!(status_of(&app, innocent).await, "visible");

    // The API edits through the same screening.
    let token = ada.create_token("script", &["comment"]).await;
    let http = common::client();
    let api = app.url(&format!("/api/v1/comments/{innocent}"));
    let r = http
        .patch(&api)
        .header("authorization", format!("Bearer {token}"))
        .json(&serde_json::json!({ "body": "Nice piece, you idiot." }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let edited: serde_json::Value = r.json().await.unwrap();
    assert_eq!(edited["status"], "pending");
    assert_eq!(status_of(&app, innocent).await, "pending");
    let r = http
        .patch(&api)
        .header("authorization", format!("Bearer {token}"))
        .json(&serde_json::json!({ "body": "Changed again." }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404, "a held comment is not the API's to change");
}

async fn reports_from_new_members_are_shown_but_do_not_hide(app: TestApp) {
    app.publish(&[article("story", "Science", 5)]).await;
    let established = members_with_a_record(&app, &["Eve", "Fay", "Gus"]).await;
    let ada = app.member("Ada").await;
    let claim = ada.comment("story", None, "A contested claim.").await;
    let path = format!("/comments/{claim}/report");
    // Three members who joined today, one with a confirmed address and a comment readers
    // see: their reports reach the desk but hide nothing.
    let mut newcomers = Vec::new();
    for name in ["Bob", "Cy", "Di"] {
        newcomers.push(app.member(name).await);
    }
    let bob_email = broadsheet::domain::user::Email::parse(&newcomers[0].email).unwrap();
    let bob = app.store.user_by_email(&bob_email).await.unwrap().unwrap();
    app.store
        .mark_email_verified(bob.id, app.clock.now())
        .await
        .unwrap();
    newcomers[0].comment("story", None, "Bob was here.").await;
    for m in &newcomers {
        let r = m.post(&path, &[("reason", "misinformation")]).await;
        assert_eq!(r.status(), 200, "the report is taken");
    }
    assert_eq!(status_of(&app, claim).await, "visible");
    assert!(
        app.page("/articles/story", 200)
            .await
            .contains("A contested claim.")
    );
    let moderator = staff(&app, "Mo", Role::Moderator).await;
    let desk = moderator.page("/admin/moderation?queue=reported").await;
    let doc = html(&desk);
    assert!(desk.contains("A contested claim."), "{desk}");
    assert_eq!(
        texts(&doc, ".report-reasons li .report-uncounted").len(),
        3,
        "each report is listed, marked as not counting: {desk}"
    );

    // A day on, the established members' reports, as many, hide it.
    app.clock.advance(chrono::Duration::days(1));
    let later = ada.comment("story", None, "Another contested claim.").await;
    let path = format!("/comments/{later}/report");
    for (i, m) in established.iter().enumerate() {
        let r = m.post(&path, &[("reason", "misinformation")]).await;
        assert_eq!(r.status(), 200);
        let expected = if i < 2 { "visible" } else { "pending" };
        assert_eq!(
            status_of(&app, later).await,
            expected,
            "after {} reports",
            i + 1
        );
    }
    // The newcomers' reports on the first comment still do not count, a day on or not.
    assert_eq!(status_of(&app, claim).await, "visible");

    // The bar is the site's to set: with none, members who joined today hide a comment too.
    let admin = staff(&app, "Ann", Role::Admin).await;
    let settings = html(&admin.page("/admin/moderation/settings").await);
    assert_eq!(
        common::attrs(&settings, "#report-verified option[selected]", "value"),
        vec!["yes"]
    );
    assert_eq!(common::attrs(&settings, "#report-days", "value"), vec!["1"]);
    assert_eq!(
        common::attrs(&settings, "#report-approved", "value"),
        vec!["1"]
    );
    let mut fields = vec![
        ("mode", "open"),
        ("first", ""),
        ("auto_close_days", "0"),
        ("link_hold_below", "3"),
        ("report_threshold", "3"),
        ("report_requires_verified", "no"),
        ("report_min_account_days", "-1"),
        ("report_min_approved", "0"),
        ("spam_threshold", "0.9"),
        ("banned", ""),
        ("suspect", ""),
    ];
    let r = admin.post("/admin/moderation/settings", &fields).await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.contains("account age for reports to count"), "{body}");
    assert_eq!(
        common::attrs(&html(&body), "#report-days", "value"),
        vec!["-1"],
        "the form comes back as typed"
    );
    fields[6] = ("report_min_account_days", "0");
    let r = admin.post("/admin/moderation/settings", &fields).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let saved = app.store.moderation_settings().await.unwrap();
    assert_eq!(
        (
            saved.report_requires_verified,
            saved.report_min_account_days,
            saved.report_min_approved
        ),
        (false, 0, 0)
    );
    let log = admin.page("/admin/moderation/log?action=settings").await;
    assert_eq!(
        common::attrs(&html(&log), "tr[data-action]", "data-action").len(),
        1,
        "the change is logged"
    );
    let third = ada.comment("story", None, "A third contested claim.").await;
    for name in ["Hal", "Ivy", "Jo"] {
        let m = app.member(name).await;
        let r = m
            .post(&format!("/comments/{third}/report"), &[("reason", "spam")])
            .await;
        assert_eq!(r.status(), 200);
    }
    assert_eq!(status_of(&app, third).await, "pending");
}
