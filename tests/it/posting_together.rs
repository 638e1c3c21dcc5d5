//! Posts that reach the store at the same moment. On SQLite one writer task stores every post
//! waiting in one transaction; on PostgreSQL each has its own. Either way each post is stored
//! once and answered with its own outcome, and one post's refusal or failure costs the others
//! nothing.

use broadsheet::domain::comment::admission::rate_window;
use broadsheet::domain::user::Email;
use broadsheet::store::comments::{NewComment, NotPosted, RateCount, ReplyProblem};
use futures_util::future::join_all;

use sqlx::Connection;

use crate::common::{Backend, TestApp, article, html, texts};

backend_tests!(
    posts_arriving_together_each_get_their_own_outcome,
    a_failing_post_does_not_fail_the_posts_stored_with_it,
);

const LIMIT: i64 = 10;
const ADDRESS: &str = "test:address:posting-together";

/// A comment by `author_id` on `article_id`; with a rate that allows [`LIMIT`] a minute per
/// member and per address, all posts sharing one address.
fn new_comment(
    article_id: i64,
    author_id: i64,
    parent_id: Option<i64>,
    text: &str,
    app: &TestApp,
) -> NewComment {
    NewComment {
        article_id,
        parent_id,
        author_id,
        body_source: text.to_owned(),
        body_html: format!("<p>{text}</p>"),
        hold: None,
        hold_note: String::new(),
        hold_detail: String::new(),
        spam_score: None,
        webhook_payload: None,
        rate: Some(RateCount {
            member_key: format!("test:member:{author_id}"),
            address_key: ADDRESS.to_owned(),
            window_start: rate_window(app.clock.now()),
            limit_per_minute: LIMIT,
        }),
        announce: None,
    }
}

/// The ids of the story "story" and of three members.
async fn story_and_members(app: &TestApp) -> (i64, Vec<i64>) {
    app.publish(&[article("story", "Science", 5)]).await;
    let now = app.clock.now();
    let (story, _rules) = app
        .store
        .comment_target("story", now)
        .await
        .unwrap()
        .unwrap();
    let mut members = Vec::new();
    for name in ["Ada", "Bob", "Cy"] {
        let m = app.member(name).await;
        let email = Email::parse(&m.email).unwrap();
        members.push(app.store.user_by_email(&email).await.unwrap().unwrap().id);
    }
    (story.id, members)
}

async fn heading(app: &TestApp) -> Vec<String> {
    let doc = html(&app.get("/articles/story").await.text().await.unwrap());
    texts(&doc, "#comments-heading")
}

async fn posts_arriving_together_each_get_their_own_outcome(app: TestApp) {
    let (story, members) = story_and_members(&app).await;
    let now = app.clock.now();
    // Fourteen new threads from one address (ten are allowed this minute) and, among them, a
    // reply to a comment that does not exist, all sent before the store answers any.
    let mut posts: Vec<NewComment> = (0..14)
        .map(|i| new_comment(story, members[i % 3], None, &format!("together {i}"), &app))
        .collect();
    posts.insert(
        5,
        new_comment(story, members[0], Some(999_999), "lost reply", &app),
    );
    let outcomes = join_all(posts.into_iter().map(|p| app.store.insert_comment(p, now))).await;
    let outcomes: Vec<_> = outcomes.into_iter().map(Result::unwrap).collect();

    assert_eq!(
        outcomes[5],
        Err(NotPosted::Reply(ReplyProblem::ParentMissing)),
        "the reply is refused for its own reason"
    );
    let posted: Vec<_> = outcomes.iter().filter_map(|o| o.ok()).collect();
    assert_eq!(
        posted.len(),
        10,
        "ten of the fourteen fit in the minute: {outcomes:?}"
    );
    let too_fast = outcomes
        .iter()
        .filter(|o| matches!(o, Err(NotPosted::TooFast { .. })))
        .count();
    assert_eq!(too_fast, 4, "{outcomes:?}");
    let mut ids: Vec<i64> = posted.iter().map(|p| p.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 10, "each stored post has its own comment");
    let mut counts: Vec<i64> = posted.iter().map(|p| p.comment_count).collect();
    counts.sort_unstable();
    assert_eq!(
        counts,
        (1..=10).collect::<Vec<_>>(),
        "each post saw its own count"
    );
    assert_eq!(heading(&app).await, vec!["Comments (10)"]);
    // On SQLite the refused posts' hits were not kept: the address's counter stands at ten, so
    // the next hit makes eleven. On PostgreSQL every attempt counted (fourteen; the lost reply
    // was refused before its hits), so the next makes fifteen.
    let (_, address_hits) = app
        .store
        .hit_rate_windows("test:member:other", ADDRESS, rate_window(now))
        .await
        .unwrap();
    let expected = match app.backend {
        Backend::Sqlite => LIMIT + 1,
        Backend::Postgres => 15,
    };
    assert_eq!(address_hits, expected);
}

async fn a_failing_post_does_not_fail_the_posts_stored_with_it(app: TestApp) {
    let (story, members) = story_and_members(&app).await;
    let now = app.clock.now();
    // The third post names an article that does not exist: the database refuses it. On
    // SQLite the first post is stored alone (nothing else was being stored) and the other three
    // wait together; the second one's batch fails on the third, so it is stored again, alone,
    // and must not be stored twice.
    let posts = vec![
        new_comment(story, members[0], None, "first", &app),
        new_comment(story, members[1], None, "second", &app),
        new_comment(999_999, members[2], None, "nowhere", &app),
        new_comment(story, members[0], None, "fourth", &app),
    ];
    let outcomes = join_all(posts.into_iter().map(|p| app.store.insert_comment(p, now))).await;
    assert!(
        outcomes[2].is_err(),
        "the post to no article fails: {:?}",
        outcomes[2]
    );
    for i in [0, 1, 3] {
        let posted = outcomes[i].as_ref().unwrap().as_ref().unwrap();
        assert!(!posted.held);
    }
    assert_eq!(heading(&app).await, vec!["Comments (3)"]);
    let doc = html(&app.get("/articles/story").await.text().await.unwrap());
    let bodies = texts(&doc, "#comments .comment-body");
    for text in ["first", "second", "fourth"] {
        let stored = bodies.iter().filter(|b| b.as_str() == text).count();
        assert_eq!(stored, 1, "{text:?} is stored once: {bodies:?}");
    }
}

/// On PostgreSQL a post refused for its rate leaves the story's row alone: it is answered while
/// another transaction holds that row, so a flood of refused posts does not queue on it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_post_refused_for_its_rate_does_not_wait_for_the_story_on_postgres() {
    let Some(app) = TestApp::start(Backend::Postgres).await else {
        return;
    };
    let (story, members) = story_and_members(&app).await;
    let now = app.clock.now();
    for i in 0..LIMIT {
        let post = new_comment(story, members[0], None, &format!("allowed {i}"), &app);
        let outcome = app.store.insert_comment(post, now).await.unwrap();
        assert!(outcome.is_ok(), "post {i} is within the limit: {outcome:?}");
    }
    // Another transaction holds the story's row as a post being committed does.
    let mut holder = sqlx::PgConnection::connect(&app.database_url)
        .await
        .unwrap();
    let mut held = holder.begin().await.unwrap();
    sqlx::query("UPDATE articles SET comment_count = comment_count WHERE id = $1")
        .bind(story)
        .execute(&mut *held)
        .await
        .unwrap();
    let over = new_comment(story, members[1], None, "one too many", &app);
    let outcome = tokio::time::timeout(
        std::time::Duration::from_secs(30),
        app.store.insert_comment(over, now),
    )
    .await
    .expect("the refused post is answered while the story's row is held")
    .unwrap();
    assert!(
        matches!(outcome, Err(NotPosted::TooFast { .. })),
        "{outcome:?}"
    );
    held.rollback().await.unwrap();
    assert_eq!(heading(&app).await, vec![format!("Comments ({LIMIT})")]);
}
