//! [`Store::begin_ending_with`] and [`Tx::commit_after`] on a real PostgreSQL.

use chrono::Utc;
use sqlx::postgres::PgConnection;

use super::{Store, Tx, query};

/// A hit on `key`, read from a connection of its own: what is committed.
async fn committed_hits(url: &str, key: &str) -> Option<i64> {
    use sqlx::Connection;
    let mut other = PgConnection::connect(url).await.unwrap();
    sqlx::query_scalar("SELECT hits FROM rate_windows WHERE key = $1")
        .bind(key)
        .fetch_optional(&mut other)
        .await
        .unwrap()
}

/// A transaction that ends with its last statement commits in that statement's trip and
/// hands its result back; given up half-way, its connection is not lent out again inside
/// it (the pool has one connection, so the next statement would run in the abandoned
/// transaction, and never be committed). Needs PostgreSQL (`BROADSHEET_TEST_PG_URL`).
#[tokio::test]
async fn a_transaction_ending_with_its_last_statement_commits_or_leaves_nothing_behind() {
    use sqlx::Connection;
    let Ok(admin_url) = std::env::var("BROADSHEET_TEST_PG_URL") else {
        assert!(
            std::env::var("BROADSHEET_TEST_REQUIRE_PG").is_err(),
            "BROADSHEET_TEST_REQUIRE_PG is set without BROADSHEET_TEST_PG_URL"
        );
        return;
    };
    let name = format!("bs_unit_tx_{}", std::process::id());
    let mut admin = PgConnection::connect(&admin_url).await.unwrap();
    for statement in ["DROP DATABASE IF EXISTS", "CREATE DATABASE"] {
        let sql = format!("{statement} \"{name}\"");
        sqlx::raw_sql(&sql).execute(&mut admin).await.unwrap();
    }
    let url = format!("{}/{name}", admin_url.rsplit_once('/').unwrap().0);
    let one = super::super::ConnectOptions {
        max_connections: 1,
        ..Default::default()
    };
    let store = Store::open(&url, &one).await.unwrap();
    let start = Utc::now();
    let hit = "INSERT INTO rate_windows (key, window_start, hits) VALUES ($1, $2, 1) \
         ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_windows.hits + 1";

    let mut tx = store.begin_ending_with().await.unwrap();
    assert!(matches!(tx, Tx::PostgresEndingWith(_)));
    query(hit)
        .bind("ended")
        .bind(start)
        .execute(&mut tx)
        .await
        .unwrap();
    let read = "SELECT hits FROM rate_windows WHERE key = 'ended'";
    assert_eq!(tx.commit_after::<i64>(read).await.unwrap(), Some(1));
    assert_eq!(committed_hits(&url, "ended").await, Some(1));

    let mut tx = store.begin_ending_with().await.unwrap();
    query(hit)
        .bind("abandoned")
        .bind(start)
        .execute(&mut tx)
        .await
        .unwrap();
    drop(tx);
    query(hit)
        .bind("after")
        .bind(start)
        .execute(store.write())
        .await
        .unwrap();
    assert_eq!(committed_hits(&url, "abandoned").await, None);
    assert_eq!(committed_hits(&url, "after").await, Some(1));

    store.close().await;
    let drop_db = format!("DROP DATABASE \"{name}\" WITH (FORCE)");
    sqlx::raw_sql(&drop_db).execute(&mut admin).await.unwrap();
}
