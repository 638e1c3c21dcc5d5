//! The job queue that every server process's workers share (mail, webhook deliveries), through
//! the store on both backends: a claim's lease, a second claim once it has ended, a late
//! worker's outcome ignored, retries when due, one job per dedupe key, and a member's queued
//! mail going with them; and migration 0019 copying the old mail queue and webhook deliveries
//! into jobs.
//!
//! Each test stops the app's server first, so its own workers claim nothing: the test is the
//! only worker.

use std::str::FromStr;

use broadsheet::domain::user::{Email, Role};
use broadsheet::store::jobs::{Claimed, JobKind, JobStatus};
use broadsheet::store::notifications::NewMail;
use broadsheet::store::webhooks::DeliveryStatus;
use broadsheet::store::{ConnectOptions, Store};
use chrono::{DateTime, Duration, Utc};
use serde_json::Value;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions as _, Connection as _};

use crate::common::{Backend, ScratchDatabase, TestApp};

backend_tests!(
    a_job_whose_lease_ended_is_claimed_again_and_the_late_worker_is_ignored,
    a_failed_attempt_is_retried_when_due_and_given_up_after_the_last,
    a_key_is_queued_once_and_a_deleted_member_takes_their_mail_along,
);

const LEASE: i64 = 120;

fn mail(key: &str, user_id: Option<i64>) -> NewMail {
    NewMail {
        dedupe_key: key.to_owned(),
        user_id,
        to: "ann@example.org".to_owned(),
        subject: "Hello".to_owned(),
        body: "Hello, Ann.".to_owned(),
        unsubscribe_url: None,
        message_id: "<test@example.org>".to_owned(),
    }
}

/// Queues one mail under `key` (through the store function that queues a notification's mail;
/// the notification itself need not exist).
async fn queue(app: &TestApp, key: &str, user_id: Option<i64>) {
    app.store
        .queue_notification_mail(0, Some(&mail(key, user_id)), app.clock.now())
        .await
        .unwrap();
}

async fn claim(app: &TestApp, at: DateTime<Utc>) -> Vec<Claimed<Value>> {
    app.store
        .claim_jobs::<Value>(JobKind::Mail, at, Duration::seconds(LEASE), 10)
        .await
        .unwrap()
}

async fn due(app: &TestApp, at: DateTime<Utc>) -> bool {
    app.store.jobs_due(JobKind::Mail, at).await.unwrap()
}

async fn only_job(app: &TestApp) -> broadsheet::store::jobs::Job {
    let mut jobs = app
        .store
        .recent_jobs(JobKind::Mail, None, 10)
        .await
        .unwrap();
    assert_eq!(jobs.len(), 1, "{jobs:?}");
    jobs.remove(0)
}

async fn a_job_whose_lease_ended_is_claimed_again_and_the_late_worker_is_ignored(mut app: TestApp) {
    app.stop_server().await;
    let t0 = app.clock.now();
    queue(&app, "test:lease", None).await;
    assert!(due(&app, t0).await);

    let first = claim(&app, t0).await;
    assert_eq!(first.len(), 1);
    let id = first[0].id;
    assert_eq!(first[0].attempt, 1);
    assert_eq!(first[0].payload["to"], "ann@example.org");
    assert_eq!(first[0].payload["message_id"], "<test@example.org>");
    let job = only_job(&app).await;
    assert_eq!(job.status, JobStatus::Running);
    assert_eq!(job.run_at, t0 + Duration::seconds(LEASE));

    // While the lease runs, the job is neither due nor claimed by another worker.
    let during = t0 + Duration::seconds(LEASE - 1);
    assert!(!due(&app, during).await);
    assert!(claim(&app, during).await.is_empty());

    // The first worker stalls past its lease: the job is due again, and the next claim takes
    // it for a second attempt.
    let after = t0 + Duration::seconds(LEASE + 1);
    assert!(due(&app, after).await);
    let second = claim(&app, after).await;
    assert_eq!(second.len(), 1);
    assert_eq!((second[0].id, second[0].attempt), (id, 2));

    // The first worker's late outcome, success or failure, is ignored.
    assert!(!app.store.complete_job(id, 1, after, None).await.unwrap());
    let retry = Some(after + Duration::seconds(30));
    assert!(
        !app.store
            .fail_job(id, 1, after, "late", None, retry)
            .await
            .unwrap()
    );
    let job = only_job(&app).await;
    assert_eq!(job.status, JobStatus::Running);
    assert_eq!(job.last_error, None);

    // The second worker's stands, and then nothing can change it.
    let done_at = after + Duration::seconds(5);
    assert!(app.store.complete_job(id, 2, done_at, None).await.unwrap());
    assert!(!app.store.complete_job(id, 2, done_at, None).await.unwrap());
    assert!(
        !app.store
            .fail_job(id, 2, done_at, "twice", None, None)
            .await
            .unwrap()
    );
    let job = only_job(&app).await;
    assert_eq!(job.status, JobStatus::Done);
    assert_eq!(job.attempts, 2);
    assert_eq!(job.finished_at, Some(done_at));
    let much_later = t0 + Duration::days(1);
    assert!(!due(&app, much_later).await);
    assert!(claim(&app, much_later).await.is_empty());
}

async fn a_failed_attempt_is_retried_when_due_and_given_up_after_the_last(mut app: TestApp) {
    app.stop_server().await;
    let t0 = app.clock.now();
    queue(&app, "test:retry", None).await;
    let id = claim(&app, t0).await[0].id;

    let retry_at = t0 + Duration::seconds(30);
    assert!(
        app.store
            .fail_job(id, 1, t0, "refused", Some(421), Some(retry_at))
            .await
            .unwrap()
    );
    let job = only_job(&app).await;
    assert_eq!(job.status, JobStatus::Pending);
    assert_eq!(job.run_at, retry_at);
    assert_eq!(job.last_error.as_deref(), Some("refused"));
    assert_eq!(job.last_code, Some(421));
    assert_eq!(job.finished_at, None);
    assert!(
        claim(&app, retry_at - Duration::seconds(1))
            .await
            .is_empty()
    );

    // The retry comes due; its failure with no retry time gives the job up.
    let again = claim(&app, retry_at).await;
    assert_eq!((again[0].id, again[0].attempt), (id, 2));
    let gave_up = retry_at + Duration::seconds(1);
    assert!(
        app.store
            .fail_job(id, 2, gave_up, "still refused", None, None)
            .await
            .unwrap()
    );
    let job = only_job(&app).await;
    assert_eq!(job.status, JobStatus::Failed);
    assert_eq!(job.finished_at, Some(gave_up));
    assert_eq!(job.last_code, None);
    assert!(claim(&app, t0 + Duration::days(1)).await.is_empty());

    // Finished jobs are pruned once older than the given moment, not before.
    assert_eq!(app.store.prune_jobs(JobKind::Mail, t0).await.unwrap(), 0);
    let later = t0 + Duration::seconds(1);
    assert_eq!(
        app.store.prune_jobs(JobKind::Webhook, later).await.unwrap(),
        0
    );
    assert_eq!(app.store.prune_jobs(JobKind::Mail, later).await.unwrap(), 1);
}

async fn a_key_is_queued_once_and_a_deleted_member_takes_their_mail_along(mut app: TestApp) {
    app.stop_server().await;
    let now = app.clock.now();
    let ann = app
        .store
        .create_user(
            &Email::parse("ann@example.org").unwrap(),
            "Ann",
            "",
            Role::Member,
            now,
        )
        .await
        .unwrap();
    queue(&app, "test:once", Some(ann)).await;
    queue(&app, "test:once", Some(ann)).await;
    let job = only_job(&app).await;
    assert_eq!(job.subject_id, Some(ann));
    assert_eq!(job.status, JobStatus::Pending);

    app.store.delete_user(ann).await.unwrap();
    assert!(
        app.store
            .recent_jobs(JobKind::Mail, None, 10)
            .await
            .unwrap()
            .is_empty()
    );
}

/// The queues as migration 0018 left them: an endpoint with three deliveries and a member with
/// three mails (sent or delivered, pending a retry, given up). Timestamps are written as sqlx
/// writes them on SQLite, which PostgreSQL reads too.
const OLD_QUEUES: &str = r#"
INSERT INTO users (email, display_name, password_hash, role, created_at)
VALUES ('ann@example.org', 'Ann', '', 'member', '2026-06-01T09:00:00+00:00');
INSERT INTO webhooks (url, events, secret, active, created_by, created_at)
VALUES ('https://hooks.example.org/in', 'comment.created article.published', 'whsec_old', TRUE,
        NULL, '2026-06-01T09:00:00+00:00');
INSERT INTO webhook_deliveries (webhook_id, event, payload, status, attempts, next_attempt_at,
                                last_status, last_error, created_at, delivered_at)
VALUES ((SELECT id FROM webhooks), 'comment.created', '{"n":1}', 'delivered', 1,
        '2026-06-01T11:00:00+00:00', 200, NULL, '2026-06-01T11:00:00+00:00',
        '2026-06-01T11:00:01+00:00'),
       ((SELECT id FROM webhooks), 'comment.created', '{"n": 2, "s": "\"quoted\" ő"}', 'pending', 2,
        '2026-06-01T12:00:00+00:00', 500, 'the receiver answered 500',
        '2026-06-01T11:30:00+00:00', NULL),
       ((SELECT id FROM webhooks), 'article.published', '{"n":3}', 'failed', 8,
        '2026-06-01T11:40:00+00:00', NULL, 'no answer within 10 seconds',
        '2026-06-01T10:00:00+00:00', NULL);
INSERT INTO mail_queue (dedupe_key, user_id, to_address, subject, body, unsubscribe_url,
                        message_id, status, attempts, next_attempt_at, last_error, created_at,
                        sent_at)
VALUES ('notification:1', (SELECT id FROM users), 'ann@example.org', 'Bob replied',
        'Hello Ann,

> "Quoted."', 'https://news.example/unsubscribe/a', '<a@news.example>', 'sent', 1,
        '2026-06-01T10:02:00+00:00', NULL, '2026-06-01T10:00:00+00:00',
        '2026-06-01T10:00:05+00:00'),
       ('notification:2', (SELECT id FROM users), 'ann@example.org', 'Cat replied',
        'Hello again', NULL, '<b@news.example>', 'pending', 3, '2026-06-01T12:00:00+00:00',
        'the SMTP relay refused', '2026-06-01T11:00:00+00:00', NULL),
       ('queue-alert:1:ab', (SELECT id FROM users), 'ann@example.org', 'The queue',
        'Twelve items', NULL, '<c@news.example>', 'failed', 16, '2026-06-01T11:00:00+00:00',
        'the address cannot receive mail', '2026-06-01T09:30:00+00:00', NULL);
"#;

/// Migrates a new database up to 0018, fills the old queues, and opens it with every migration.
async fn store_migrated_from_old_queues(db: &ScratchDatabase, backend: Backend) -> Store {
    let dir = match backend {
        Backend::Sqlite => concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/sqlite"),
        Backend::Postgres => concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/postgres"),
    };
    let mut before = sqlx::migrate::Migrator::new(std::path::Path::new(dir))
        .await
        .unwrap();
    let earlier: Vec<_> = before
        .migrations
        .iter()
        .filter(|m| m.version < 19)
        .cloned()
        .collect();
    before.migrations = earlier.into();
    match backend {
        Backend::Sqlite => {
            let mut c = SqliteConnectOptions::from_str(&db.url)
                .unwrap()
                .create_if_missing(true)
                .connect()
                .await
                .unwrap();
            before.run(&mut c).await.unwrap();
            sqlx::raw_sql(OLD_QUEUES).execute(&mut c).await.unwrap();
            c.close().await.unwrap();
        }
        Backend::Postgres => {
            let mut c = sqlx::PgConnection::connect(&db.url).await.unwrap();
            before.run(&mut c).await.unwrap();
            sqlx::raw_sql(OLD_QUEUES).execute(&mut c).await.unwrap();
            c.close().await.unwrap();
        }
    }
    Store::open(&db.url, &ConnectOptions::default())
        .await
        .unwrap()
}

fn at(time: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(time)
        .unwrap()
        .with_timezone(&Utc)
}

mod the_old_queues_are_copied_into_jobs {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        super::the_old_queues_are_copied_into_jobs(Backend::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        super::the_old_queues_are_copied_into_jobs(Backend::Postgres).await;
    }
}

async fn the_old_queues_are_copied_into_jobs(backend: Backend) {
    let Some(db) = ScratchDatabase::create(backend).await else {
        return;
    };
    let store = store_migrated_from_old_queues(&db, backend).await;
    let now = at("2026-06-01T12:00:00Z");

    // Deliveries keep their ids (a receiver knows a retry by it), states and answers.
    let hook = store.webhooks().await.unwrap()[0].id;
    let log = store.recent_deliveries(Some(hook), 10).await.unwrap();
    let ids: Vec<i64> = log.iter().map(|d| d.id).collect();
    assert_eq!(ids, [3, 2, 1], "{log:?}");
    let (failed, pending, delivered) = (&log[0], &log[1], &log[2]);
    assert_eq!(delivered.status, DeliveryStatus::Delivered);
    assert_eq!(delivered.event, "comment.created");
    assert_eq!(delivered.last_status, Some(200));
    assert_eq!(delivered.delivered_at, Some(at("2026-06-01T11:00:01Z")));
    assert_eq!(pending.status, DeliveryStatus::Pending);
    assert_eq!(pending.attempts, 2);
    assert_eq!(pending.next_attempt_at, now);
    assert_eq!(pending.last_status, Some(500));
    assert_eq!(
        pending.last_error.as_deref(),
        Some("the receiver answered 500")
    );
    assert_eq!(pending.created_at, at("2026-06-01T11:30:00Z"));
    assert_eq!(failed.status, DeliveryStatus::Failed);
    assert_eq!(failed.event, "article.published");
    assert_eq!(failed.attempts, 8);

    // The pending one is sent next, with its body exactly as queued (it is signed as it is).
    let lease = Duration::seconds(60);
    let claimed = store.claim_deliveries(now, now + lease, 10).await.unwrap();
    assert_eq!(claimed.len(), 1);
    assert_eq!((claimed[0].id, claimed[0].attempts), (2, 3));
    assert_eq!(claimed[0].payload, r#"{"n": 2, "s": "\"quoted\" ő"}"#);
    assert_eq!(claimed[0].event, "comment.created");
    assert_eq!(claimed[0].url, "https://hooks.example.org/in");
    assert_eq!(claimed[0].secret, "whsec_old");

    // Mail keeps its keys, member, states, and what it says.
    let ann = store
        .user_by_email(&Email::parse("ann@example.org").unwrap())
        .await
        .unwrap()
        .unwrap()
        .id;
    let queued = store.recent_jobs(JobKind::Mail, None, 10).await.unwrap();
    let states: Vec<JobStatus> = queued.iter().map(|j| j.status).collect();
    assert_eq!(
        states,
        [JobStatus::Failed, JobStatus::Pending, JobStatus::Done]
    );
    assert!(queued.iter().all(|j| j.subject_id == Some(ann) && j.id > 3));
    assert_eq!(queued[2].finished_at, Some(at("2026-06-01T10:00:05Z")));
    assert_eq!(
        queued[0].last_error.as_deref(),
        Some("the address cannot receive mail")
    );
    let sent: Value = serde_json::from_str(&queued[2].payload).unwrap();
    assert_eq!(sent["to"], "ann@example.org");
    assert_eq!(sent["body"], "Hello Ann,\n\n> \"Quoted.\"");
    assert_eq!(
        sent["unsubscribe_url"],
        "https://news.example/unsubscribe/a"
    );
    assert_eq!(sent["message_id"], "<a@news.example>");
    let due = store
        .claim_mail(now, now + Duration::seconds(LEASE), 10)
        .await
        .unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].subject, "Cat replied");
    assert_eq!(due[0].body, "Hello again");
    assert_eq!(due[0].unsubscribe_url, None);
    assert_eq!(due[0].message_id, "<b@news.example>");
    assert_eq!(due[0].attempts, 4);

    // A key queued before the migration is not queued again; a new job takes a new id.
    let old = mail("notification:1", Some(ann));
    store
        .queue_notification_mail(0, Some(&old), now)
        .await
        .unwrap();
    store
        .queue_notification_mail(0, Some(&mail("notification:3", Some(ann))), now)
        .await
        .unwrap();
    let queued = store.recent_jobs(JobKind::Mail, None, 10).await.unwrap();
    assert_eq!(queued.len(), 4);
    // After the copied ones (PostgreSQL's sequence was moved past them).
    assert!(queued[0].id > 6, "{queued:?}");

    // Deleting the endpoint and the member takes their jobs along.
    assert!(store.delete_webhook(hook).await.unwrap());
    assert!(
        store
            .recent_jobs(JobKind::Webhook, None, 10)
            .await
            .unwrap()
            .is_empty()
    );
    store.delete_user(ann).await.unwrap();
    assert!(
        store
            .recent_jobs(JobKind::Mail, None, 10)
            .await
            .unwrap()
            .is_empty()
    );
    store.close().await;
}
