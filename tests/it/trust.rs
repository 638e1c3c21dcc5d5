//! Readers' trust end to end: each level's effect on the link rule, the first-comment hold,
//! reports (a trusted member's count twice), automatic demotion after rejections, the level and
//! the reason a comment was held shown on the desk in words; and muting, private to the muter.

use crate::common::{self, Member, TestApp, article, html, texts};
use broadsheet::domain::user::Role;

backend_tests!(
    each_level_decides_what_waits_and_the_desk_says_why,
    trusted_members_reports_count_twice,
    muting_folds_a_members_comments_for_the_muter_alone,
);

async fn staff(app: &TestApp, name: &str, role: Role) -> Member {
    let m = app.member(name).await;
    m.promote(app, role).await;
    m
}

async fn status_of(app: &TestApp, id: i64) -> String {
    let c = app.store.comment(id).await.unwrap().unwrap();
    c.status.as_str().to_owned()
}

async fn decide(m: &Member, action: &str, id: i64) {
    let one = format!("{action}:{id}");
    let reason = format!("reason-{id}");
    let r = m
        .post(
            "/admin/moderation/decide",
            &[("one", one.as_str()), (reason.as_str(), "off_topic")],
        )
        .await;
    assert_eq!(
        r.status(),
        303,
        "{action} {id}: {}",
        r.text().await.unwrap()
    );
}

/// Saves the site-wide settings: the defaults but for `changes`.
async fn save_settings(admin: &Member, changes: &[(&str, &str)]) {
    let mut fields = vec![
        ("mode", "open"),
        ("first", ""),
        ("auto_close_days", "0"),
        ("link_hold_below", "3"),
        ("report_threshold", "3"),
        ("report_requires_verified", "yes"),
        ("report_min_account_days", "1"),
        ("report_min_approved", "1"),
        ("spam_threshold", "0.9"),
        ("hold_first_comment", "no"),
        ("trusted_min_account_days", "30"),
        ("trusted_min_approved", "20"),
        ("demote_after", "2"),
        ("demote_window_days", "90"),
        ("banned", ""),
        ("suspect", "idiot"),
    ];
    for (k, v) in changes {
        let i = fields.iter().position(|(f, _)| f == k).expect("a field");
        fields[i].1 = v;
    }
    let r = admin.post("/admin/moderation/settings", &fields).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
}

/// The one item the desk lists in `queue`: (why it was held, the author's trust level).
async fn desk_item(moderator: &Member, queue: &str) -> (Vec<String>, Vec<String>) {
    let desk = moderator
        .page(&format!("/admin/moderation?queue={queue}"))
        .await;
    let doc = html(&desk);
    (texts(&doc, ".held-why"), texts(&doc, ".trust-level"))
}

async fn each_level_decides_what_waits_and_the_desk_says_why(app: TestApp) {
    app.publish(&[article("story", "Science", 5)]).await;
    let admin = staff(&app, "Ann", Role::Admin).await;
    let moderator = staff(&app, "Mo", Role::Moderator).await;
    save_settings(
        &admin,
        &[
            ("hold_first_comment", "yes"),
            ("trusted_min_account_days", "3"),
            ("trusted_min_approved", "4"),
            ("demote_window_days", "10"),
        ],
    )
    .await;
    let settings = html(&admin.page("/admin/moderation/settings").await);
    assert_eq!(
        common::attrs(&settings, "#trusted-days", "value"),
        vec!["3"]
    );
    assert_eq!(
        common::attrs(&settings, "#hold-first option[selected]", "value"),
        vec!["yes"]
    );
    // Out of range comes back with a specific message and what was typed.
    let r = admin
        .post(
            "/admin/moderation/settings",
            &[
                ("mode", "open"),
                ("link_hold_below", "3"),
                ("report_threshold", "3"),
                ("spam_threshold", "0.9"),
                ("demote_after", "-4"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.contains("make a member new again"), "{body}");
    assert_eq!(
        common::attrs(&html(&body), "#demote-after", "value"),
        vec!["-4"]
    );

    // New: her first comment waits, and the desk says why and that she is new.
    let ada = app.member("Ada").await;
    let first = ada.comment("story", None, "Hello, first time here.").await;
    assert_eq!(status_of(&app, first).await, "pending");
    assert_eq!(
        desk_item(&moderator, "pending").await,
        (
            vec!["first comment from a new member".to_owned()],
            vec!["new".to_owned()]
        )
    );
    decide(&moderator, "approve", first).await;
    // Still new (a day-old account is the bar): her link waits.
    let link = ada
        .comment("story", None, "Source: https://example.org/a")
        .await;
    assert_eq!(status_of(&app, link).await, "pending");
    assert_eq!(
        desk_item(&moderator, "pending").await,
        (
            vec!["first link from a new member".to_owned()],
            vec!["new".to_owned()]
        )
    );
    decide(&moderator, "approve", link).await;

    // Member: a day on, with two approved comments, under the site's link bar of three.
    app.clock.advance(chrono::Duration::days(1));
    let plain = ada.comment("story", None, "A plain thought.").await;
    assert_eq!(status_of(&app, plain).await, "visible", "no first hold now");
    let link = ada
        .comment("story", None, "More: https://example.org/b")
        .await;
    assert_eq!(status_of(&app, link).await, "visible", "three approved");
    // Raising the link bar holds a member's links again…
    save_settings(
        &admin,
        &[
            ("hold_first_comment", "yes"),
            ("trusted_min_account_days", "3"),
            ("trusted_min_approved", "4"),
            ("demote_window_days", "10"),
            ("link_hold_below", "50"),
        ],
    )
    .await;
    let held = ada
        .comment("story", None, "Also: https://example.org/c")
        .await;
    assert_eq!(status_of(&app, held).await, "pending");
    assert_eq!(
        desk_item(&moderator, "pending").await,
        (
            vec!["link from a member with few approved comments".to_owned()],
            vec!["member".to_owned()]
        )
    );
    decide(&moderator, "approve", held).await;

    // … but never a trusted member's: three days old with five approved comments.
    app.clock.advance(chrono::Duration::days(2));
    let trusted = ada
        .comment("story", None, "Trusted now: https://example.org/d")
        .await;
    assert_eq!(status_of(&app, trusted).await, "visible");
    // Other rules still apply, and the desk shows her level beside the words.
    let suspect = ada.comment("story", None, "What an idiot plan.").await;
    assert_eq!(status_of(&app, suspect).await, "pending");
    assert_eq!(
        desk_item(&moderator, "flagged").await,
        (
            vec!["suspect word: idiot".to_owned()],
            vec!["trusted".to_owned()]
        )
    );

    // Demotion: one rejection ends trust, a second makes her new again.
    decide(&moderator, "reject", suspect).await;
    let after_one = ada
        .comment("story", None, "Link again: https://example.org/e")
        .await;
    assert_eq!(status_of(&app, after_one).await, "pending");
    assert_eq!(desk_item(&moderator, "pending").await.1, vec!["member"]);
    decide(&moderator, "reject", after_one).await;
    let after_two = ada.comment("story", None, "Just words.").await;
    assert_eq!(status_of(&app, after_two).await, "visible");
    let link = ada
        .comment("story", None, "Once more: https://example.org/f")
        .await;
    assert_eq!(status_of(&app, link).await, "pending");
    assert_eq!(
        desk_item(&moderator, "pending").await,
        (
            vec!["first link from a new member".to_owned()],
            vec!["new".to_owned()]
        )
    );
    // The strikes age out of the window, and her record earns trust back.
    decide(&moderator, "approve", link).await;
    app.clock.advance(chrono::Duration::days(11));
    let back = ada
        .comment("story", None, "Back: https://example.org/g")
        .await;
    assert_eq!(status_of(&app, back).await, "visible");
}

async fn trusted_members_reports_count_twice(app: TestApp) {
    app.publish(&[article("story", "Science", 5)]).await;
    let admin = staff(&app, "Ann", Role::Admin).await;
    let moderator = staff(&app, "Mo", Role::Moderator).await;
    save_settings(
        &admin,
        &[
            ("report_threshold", "2"),
            ("trusted_min_account_days", "2"),
            ("trusted_min_approved", "2"),
        ],
    )
    .await;
    let tess = app.member("Tess").await;
    let mel = app.member("Mel").await;
    for m in [&tess, &mel] {
        m.comment("story", None, &format!("{} has a say.", m.name))
            .await;
    }
    tess.comment("story", None, "And another.").await;
    app.clock.advance(chrono::Duration::days(2));
    let ada = app.member("Ada").await;
    // A member's report (Mel: one approved comment) counts once: not enough alone.
    let once = ada.comment("story", None, "A contested claim.").await;
    let r = mel
        .post(&format!("/comments/{once}/report"), &[("reason", "spam")])
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(status_of(&app, once).await, "visible");
    // A trusted member's (Tess: two days, two approved) counts twice: it hides the comment.
    let twice = ada.comment("story", None, "Another contested claim.").await;
    let r = tess
        .post(&format!("/comments/{twice}/report"), &[("reason", "spam")])
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(status_of(&app, twice).await, "pending");
    let desk = moderator.page("/admin/moderation?queue=reported").await;
    let doc = html(&desk);
    assert_eq!(
        texts(&doc, ".report-double").len(),
        1,
        "the trusted report is marked: {desk}"
    );
    assert_eq!(
        texts(&doc, ".held-why"),
        vec!["hidden after reports weighing 2"]
    );
}

/// The article page as the members' shared copy gives it to `m`, once earlier changes have
/// reached the cache (on PostgreSQL their notifications may still be arriving and drop it).
async fn settled_page(m: &Member) -> String {
    for _ in 0..100 {
        let (page, how) = page_of(m).await;
        if how == "hit" {
            return page;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!("the page never came from the members' copy");
}

/// Ada's article page and how the members' page cache answered it.
async fn page_of(m: &Member) -> (String, String) {
    let r = m.get("/articles/story").await;
    assert_eq!(r.status(), 200);
    let how = r.headers()["x-member-cache"].to_str().unwrap().to_owned();
    (r.text().await.unwrap(), how)
}

async fn muting_folds_a_members_comments_for_the_muter_alone(app: TestApp) {
    app.publish(&[article("story", "Science", 5)]).await;
    let ada = app.member("Ada").await;
    let bob = app.member("Bob").await;
    let cy = app.member("Cy").await;
    let bobs = bob.comment("story", None, "Loud opinion from Bob.").await;
    let own = ada.comment("story", None, "Calm reply from Ada.").await;
    let bob_id = app
        .store
        .comment(bobs)
        .await
        .unwrap()
        .unwrap()
        .author_id
        .unwrap();

    // Before muting, Ada's page comes from the shared copy, Bob's comment open with Mute.
    let before = settled_page(&ada).await;
    assert!(texts(&html(&before), "details.muted-comment summary").is_empty());
    assert!(before.contains(&format!("name=\"mute\" value=\"{bobs}\"")));
    assert!(
        !before.contains(&format!("name=\"mute\" value=\"{own}\"")),
        "nobody mutes themself"
    );
    let r = ada
        .post("/comments/actions", &[("mute", &own.to_string())])
        .await;
    assert_eq!(r.status(), 409, "muting oneself is refused");

    // Muting goes back to the comment, and her kept copy gives way to her own page.
    let r = ada
        .post("/comments/actions", &[("mute", &bobs.to_string())])
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        r.headers()["location"],
        format!("/articles/story#muted-{bobs}").as_str(),
        "back to the fold, closed"
    );
    let (folded, how) = page_of(&ada).await;
    assert_eq!(how, "own", "the mute reached the cached marks");
    let doc = html(&folded);
    assert_eq!(
        texts(&doc, "details.muted-comment summary"),
        vec!["Comment from a member you muted — show"]
    );
    assert_eq!(
        texts(&doc, "details.muted-comment article .comment-body"),
        vec!["Loud opinion from Bob."],
        "folded, still there to open"
    );
    assert!(folded.contains(&format!("name=\"unmute\" value=\"{bobs}\"")));
    // Nobody else sees a trace of it: not Bob, not Cy, not a signed-out reader.
    for other in [
        page_of(&bob).await.0,
        page_of(&cy).await.0,
        app.page("/articles/story", 200).await,
    ] {
        assert!(
            !other.contains("muted-comment") && !other.contains("Unmute"),
            "mutes are private"
        );
    }
    assert!(!bob.page("/settings/mutes").await.contains("Ada"));

    // Her settings list Bob; her data export carries the mute.
    let settings = ada.page("/settings/mutes").await;
    assert_eq!(
        texts(&html(&settings), ".muted-members .muted-name"),
        vec!["Bob"]
    );
    let data: serde_json::Value = ada.get("/settings/data.json").await.json().await.unwrap();
    assert_eq!(data["muted_members"][0]["display_name"], "Bob");

    // Unmuting from the settings unfolds the comments again, kept copy and all.
    let r = ada
        .post("/settings/mutes", &[("member", &bob_id.to_string())])
        .await;
    assert_eq!(r.status(), 303);
    let open = settled_page(&ada).await;
    assert!(!open.contains("muted-comment"));
    let r = ada
        .post("/settings/mutes", &[("member", &bob_id.to_string())])
        .await;
    assert_eq!(r.status(), 404, "nothing left to unmute");

    // A mute goes with either account.
    let r = ada
        .post("/comments/actions", &[("mute", &bobs.to_string())])
        .await;
    assert_eq!(r.status(), 303);
    let ada_id = app
        .store
        .comment(own)
        .await
        .unwrap()
        .unwrap()
        .author_id
        .unwrap();
    assert_eq!(app.store.muted_ids(ada_id).await.unwrap(), vec![bob_id]);
    app.store.delete_user(bob_id).await.unwrap();
    assert!(app.store.muted_ids(ada_id).await.unwrap().is_empty());
}
