//! The staff's dashboard (`/admin`) and the header's staff links: each role sees its parts,
//! and the numbers shown are those of the articles, views and comments the test made.

use crate::common::{self, Configured, Member, TestApp, article, html, texts};
use broadsheet::config::Config;
use broadsheet::domain::user::Role;

backend_tests!(
    the_numbers_match_what_happened,
    each_role_sees_its_parts_and_its_links,
    counts_from_processes_side_by_side_add_up,
);

backend_tests!(
    mod counting_off = Configured(without_view_counting);
    views_are_not_counted_when_counting_is_off
);

fn without_view_counting(c: &mut Config) {
    c.count_views = false;
}

/// A member with `role`.
async fn staff(app: &TestApp, name: &str, role: Role) -> Member {
    let m = app.member(name).await;
    m.promote(app, role).await;
    m
}

/// The rows of a figure's table: each row's label and cells.
fn rows(doc: &scraper::Html, figure: &str) -> Vec<String> {
    texts(doc, &format!("#{figure} table tbody tr"))
}

async fn the_numbers_match_what_happened(app: TestApp) {
    app.publish(&[
        article("alpha", "Science", 30),
        article("beta", "Science", 20),
        // An hour from now: scheduled.
        article("gamma", "Science", -60),
    ])
    .await;
    let admin = staff(&app, "Ada Admin", Role::Admin).await;
    let reader = app.member("Rita Reader").await;
    let anon = common::client();
    // Four signed-out views of alpha (the first rendered and stored, the next three answered
    // from the cache at the front door) and one of beta, whose page a HEAD stored (the HEAD
    // counts for nothing); and a member's view of beta.
    for _ in 0..3 {
        let r = anon.get(app.url("/articles/alpha")).send().await.unwrap();
        assert_eq!(r.status(), 200);
    }
    let second = anon.get(app.url("/articles/alpha")).send().await.unwrap();
    assert_eq!(
        second.headers().get("x-cache").map(|v| v.to_str().unwrap()),
        Some("hit")
    );
    anon.head(app.url("/articles/beta")).send().await.unwrap();
    assert_eq!(
        anon.get(app.url("/articles/beta"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    reader.page("/articles/beta").await;
    // Comments: two on beta, one on alpha.
    let c1 = reader.comment("beta", None, "First on beta.").await;
    reader.comment("beta", Some(c1), "A reply on beta.").await;
    reader.comment("alpha", None, "One on alpha.").await;

    let page = admin.page("/admin").await;
    let doc = html(&page);
    assert_eq!(
        texts(&doc, "h2"),
        vec!["Newsroom", "Moderation", "Site"],
        "an admin sees all three parts"
    );
    // alpha: 4 views (three above and the one after the x-cache check); beta: 2.
    assert_eq!(
        rows(&doc, "dash-read-day"),
        vec!["Headline of alpha 4", "Headline of beta 2"]
    );
    assert_eq!(rows(&doc, "dash-read-week"), rows(&doc, "dash-read-day"));
    assert_eq!(
        rows(&doc, "dash-discussed-day"),
        vec!["Headline of beta 2", "Headline of alpha 1"]
    );
    let status = rows(&doc, "dash-status");
    assert!(status.contains(&"Published 2".to_owned()), "{status:?}");
    assert!(status.contains(&"Scheduled 1".to_owned()), "{status:?}");
    assert!(status.contains(&"Draft 0".to_owned()), "{status:?}");
    let scheduled = rows(&doc, "dash-scheduled");
    assert_eq!(scheduled.len(), 1);
    assert!(
        scheduled[0].starts_with("Headline of gamma 1 June 2026, 13:00"),
        "{scheduled:?}"
    );
    // Each chart is an image with a name, and draws its numbers.
    let svg = texts(&doc, "#dash-read-day svg[role=img] title");
    assert_eq!(svg, vec!["Most read, last 24 hours"]);

    // Moderation: empty queues; three comments posted in the test clock's hour, none held.
    assert_eq!(
        rows(&doc, "dash-queues"),
        vec!["Pending 0", "Reported 0", "Auto-flagged 0"]
    );
    let hourly = rows(&doc, "dash-hourly");
    assert_eq!(hourly.len(), 48);
    assert_eq!(hourly.last().unwrap(), "1 Jun 12:00 3 0 0");
    assert_eq!(hourly[46], "1 Jun 11:00 0 0 0");
    let threads = rows(&doc, "dash-threads");
    assert_eq!(threads.len(), 2, "{threads:?}");
    assert!(threads[0].starts_with("Headline of beta") && threads[0].ends_with(" 2"));

    // The site: three comments and two sign-ups today; no mail or webhooks queued.
    let daily = rows(&doc, "dash-daily");
    assert_eq!(daily.len(), 30);
    assert_eq!(daily.last().unwrap(), "1 Jun 3 2");
    let cache = rows(&doc, "dash-cache");
    // Hits: alpha three times, beta once (stored by the HEAD before it); stored: one each.
    assert_eq!(
        cache,
        vec![
            "Hit rate (signed-out pages answered from the cache) 66.7%",
            "Answered from the cache 4",
            "Rendered and stored 2"
        ]
    );

    // The views are in the database, per hour.
    let alpha = app
        .store
        .newsroom_list(&Default::default(), app.clock.now())
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.slug == "alpha")
        .unwrap()
        .id;
    let since = common::t0() - chrono::Duration::hours(1);
    assert_eq!(
        app.store.article_views_since(alpha, since).await.unwrap(),
        4
    );
}

async fn each_role_sees_its_parts_and_its_links(app: TestApp) {
    app.publish(&[article("story", "Science", 5)]).await;
    let member = app.member("Mem").await;
    let contributor = staff(&app, "Con", Role::Contributor).await;
    let moderator = staff(&app, "Mod", Role::Moderator).await;
    let admin = staff(&app, "Adm", Role::Admin).await;

    let header_links = |page: &str| texts(&html(page), "header .account a");
    assert_eq!(header_links(&member.page("/").await), vec!["Settings"]);
    // On a member's cached article page too (the account block is filled per member).
    for _ in 0..2 {
        assert_eq!(
            header_links(&contributor.page("/articles/story").await),
            vec!["Newsroom", "Settings"]
        );
    }
    assert_eq!(
        header_links(&moderator.page("/articles/story").await),
        vec!["Newsroom", "Moderation", "Settings"]
    );
    assert_eq!(
        header_links(&admin.page("/").await),
        vec!["Newsroom", "Moderation", "Admin", "Settings"]
    );
    let signed_out = app.page("/articles/story", 200).await;
    assert!(header_links(&signed_out).iter().all(|l| l != "Newsroom"));

    assert_eq!(member.get("/admin").await.status(), 403);
    let r = common::client()
        .get(app.url("/admin"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert!(
        r.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/signin")
    );
    let parts = |page: &str| texts(&html(page), "h2");
    assert_eq!(parts(&contributor.page("/admin").await), vec!["Newsroom"]);
    assert_eq!(
        parts(&moderator.page("/admin").await),
        vec!["Newsroom", "Moderation"]
    );
    assert_eq!(
        parts(&admin.page("/admin").await),
        vec!["Newsroom", "Moderation", "Site"]
    );
    // A contributor counts only the articles they started (none): the imported one is not theirs.
    let doc = html(&contributor.page("/admin").await);
    assert!(rows(&doc, "dash-status").contains(&"Published 0".to_owned()));
    let doc = html(&admin.page("/admin").await);
    assert!(rows(&doc, "dash-status").contains(&"Published 1".to_owned()));
}

async fn views_are_not_counted_when_counting_is_off(app: TestApp) {
    app.publish(&[article("story", "Science", 5)]).await;
    let c = common::client();
    for _ in 0..2 {
        let r = c.get(app.url("/articles/story")).send().await.unwrap();
        assert_eq!(r.status(), 200);
    }
    let admin = staff(&app, "Adm", Role::Admin).await;
    admin.page("/articles/story").await;
    let doc = html(&admin.page("/admin").await);
    assert!(rows(&doc, "dash-read-day").is_empty());
    assert!(
        texts(&doc, ".dashboard > p")
            .iter()
            .any(|p| p.contains("not counted")),
        "the dashboard says why"
    );
    let id = app
        .store
        .newsroom_list(&Default::default(), app.clock.now())
        .await
        .unwrap()[0]
        .id;
    let since = common::t0() - chrono::Duration::days(1);
    assert_eq!(app.store.article_views_since(id, since).await.unwrap(), 0);
}

/// Every process adds its own counts with the same upsert: the stored number is their sum,
/// whichever comes first, and views of an article deleted meanwhile are dropped.
async fn counts_from_processes_side_by_side_add_up(app: TestApp) {
    use broadsheet::store::views::HourViews;
    app.publish(&[article("story", "Science", 5)]).await;
    let id = app
        .store
        .newsroom_list(&Default::default(), app.clock.now())
        .await
        .unwrap()[0]
        .id;
    let hour = broadsheet::domain::dashboard::hour_of(app.clock.now());
    let earlier = hour - chrono::Duration::hours(1);
    let one = [
        HourViews {
            article_id: id,
            hour,
            views: 3,
        },
        HourViews {
            article_id: id,
            hour: earlier,
            views: 1,
        },
    ];
    let other = [
        HourViews {
            article_id: id,
            hour,
            views: 4,
        },
        HourViews {
            article_id: id + 1000,
            hour,
            views: 9,
        },
    ];
    let (a, b) = tokio::join!(
        app.store.add_article_views(&one),
        app.store.add_article_views(&other)
    );
    a.unwrap();
    b.unwrap();
    assert_eq!(app.store.article_views_since(id, hour).await.unwrap(), 7);
    assert_eq!(app.store.article_views_since(id, earlier).await.unwrap(), 8);
    assert_eq!(
        app.store
            .article_views_since(id + 1000, earlier)
            .await
            .unwrap(),
        0
    );
}
