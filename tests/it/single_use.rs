//! Migration 0018 moved four tables of mailed links (password resets, address verifications,
//! sign-in links, pending sign-ups) into one, `single_use_tokens`: links sent before an
//! upgrade still work once after it, on SQLite and PostgreSQL.

use std::str::FromStr;

use crate::common::{Backend, TestApp, pg_admin_url, t0};
use broadsheet::domain::user::Email;
use broadsheet::store::{ConnectOptions, Store};
use chrono::Duration;
use sqlx::Connection;

backend_tests!(links_sent_before_the_upgrade_work_once_after_it);

/// The migrations before 0018 of a backend's folder.
macro_rules! before_single_use_tokens {
    ($dir:literal) => {{
        let mut m = sqlx::migrate!($dir);
        m.migrations = m
            .migrations
            .iter()
            .filter(|m| m.version < 18)
            .cloned()
            .collect::<Vec<_>>()
            .into();
        m
    }};
}

/// Migrates `$pool` to 0017 and writes, in the old tables, one link of each kind for a member
/// (and a used reset); evaluates to the member's id.
macro_rules! seed_old_tables {
    ($pool:expr, $migrator:expr) => {{
        let pool = $pool;
        $migrator.run(pool).await.unwrap();
        let now = t0();
        let (ann,): (i64,) = sqlx::query_as(
            "INSERT INTO users (email, display_name, password_hash, role, created_at) \
             VALUES ('ann@example.org', 'Ann', 'x', 'member', $1) RETURNING id",
        )
        .bind(now)
        .fetch_one(pool)
        .await
        .unwrap();
        for (hash, used) in [("reset", None), ("reset-used", Some(now))] {
            sqlx::query(
                "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at, used_at) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(hash)
            .bind(ann)
            .bind(now)
            .bind(now + Duration::hours(1))
            .bind(used)
            .execute(pool)
            .await
            .unwrap();
        }
        sqlx::query(
            "INSERT INTO email_verifications (token_hash, user_id, created_at, expires_at) \
             VALUES ('verify', $1, $2, $3)",
        )
        .bind(ann)
        .bind(now)
        .bind(now + Duration::hours(48))
        .execute(pool)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO signin_links (token_hash, user_id, return_to, created_at, expires_at) \
             VALUES ('link', $1, '/articles/x?y=\"z\"', $2, $3)",
        )
        .bind(ann)
        .bind(now)
        .bind(now + Duration::minutes(15))
        .execute(pool)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO pending_signups (token_hash, email, display_name, password_hash, notify, \
               return_to, created_at, expires_at) \
             VALUES ('signup', 'bo@example.org', 'Bo', 'bo-hash', $1, '/after', $2, $3)",
        )
        .bind(true)
        .bind(now)
        .bind(now + Duration::hours(24))
        .execute(pool)
        .await
        .unwrap();
        ann
    }};
}

async fn links_sent_before_the_upgrade_work_once_after_it(app: TestApp) {
    let (url, ann, scratch_pg) = match app.backend {
        Backend::Sqlite => {
            let url = format!("sqlite://{}/before.db", app.data_dir.path().display());
            let options = sqlx::sqlite::SqliteConnectOptions::from_str(&url)
                .unwrap()
                .create_if_missing(true)
                .foreign_keys(true);
            let pool = sqlx::SqlitePool::connect_with(options).await.unwrap();
            let ann = seed_old_tables!(&pool, before_single_use_tokens!("migrations/sqlite"));
            pool.close().await;
            (url, ann, None)
        }
        Backend::Postgres => {
            let admin_url = pg_admin_url();
            let name = format!(
                "bs_single_use_{}_{}",
                std::process::id(),
                rand::random::<u32>()
            );
            let mut admin = sqlx::PgConnection::connect(&admin_url).await.unwrap();
            sqlx::query(&format!("CREATE DATABASE \"{name}\""))
                .execute(&mut admin)
                .await
                .unwrap();
            let (base, _) = admin_url.rsplit_once('/').unwrap();
            let url = format!("{base}/{name}");
            let pool = sqlx::PgPool::connect(&url).await.unwrap();
            let ann = seed_old_tables!(&pool, before_single_use_tokens!("migrations/postgres"));
            pool.close().await;
            (url, ann, Some((admin, name)))
        }
    };

    let store = Store::open(&url, &ConnectOptions::default()).await.unwrap();
    let now = t0() + Duration::minutes(1);
    assert_eq!(
        store.password_reset_user("reset", now).await.unwrap(),
        Some(ann)
    );
    assert_eq!(
        store.password_reset_user("reset-used", now).await.unwrap(),
        None
    );
    // A hash opens only its own kind of link.
    assert_eq!(
        store.password_reset_user("verify", now).await.unwrap(),
        None
    );
    assert!(!store.signin_link_is_valid("reset", now).await.unwrap());

    assert_eq!(store.verify_email("verify", now).await.unwrap(), Some(ann));
    assert_eq!(store.verify_email("verify", now).await.unwrap(), None);

    assert!(store.signin_link_is_valid("link", now).await.unwrap());
    assert_eq!(
        store.use_signin_link("link", now).await.unwrap(),
        Some((ann, "/articles/x?y=\"z\"".to_owned()))
    );
    assert_eq!(store.use_signin_link("link", now).await.unwrap(), None);

    assert_eq!(
        store.pending_signup_email("signup", now).await.unwrap(),
        Some("bo@example.org".to_owned())
    );
    let bo = store.complete_signup("signup", now).await.unwrap().unwrap();
    assert_eq!(bo.return_to, "/after");
    assert!(
        store
            .complete_signup("signup", now)
            .await
            .unwrap()
            .is_none()
    );
    let account = store
        .user_by_email(&Email::parse("bo@example.org").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            account.id,
            account.display_name.as_str(),
            account.password_hash.as_str()
        ),
        (bo.user_id, "Bo", "bo-hash")
    );
    let asked = store.mail_preferences(bo.user_id).await.unwrap();
    assert!(
        asked.replies && asked.mentions,
        "the sign-up's box came along"
    );

    // The unused reset still works until it expires, then housekeeping removes it.
    assert!(
        store
            .complete_password_reset("reset", "new-hash", now)
            .await
            .unwrap()
    );
    let later = t0() + Duration::days(3);
    assert_eq!(
        store.prune_expired(later).await.unwrap(),
        4,
        "both resets, the link and the sign-up"
    );
    assert_eq!(
        store.prune_mail(later, 30).await.unwrap(),
        1,
        "the verification"
    );
    store.close().await;

    if let Some((mut admin, name)) = scratch_pg {
        sqlx::query(&format!("DROP DATABASE \"{name}\" WITH (FORCE)"))
            .execute(&mut admin)
            .await
            .unwrap();
    }
}
