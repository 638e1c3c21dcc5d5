//! The job queue every server process's workers share: outgoing mail and webhook deliveries
//! (kinds and retry rules in [`crate::domain::jobs`]).
//!
//! A job is queued inside the transaction of the change it follows from, so both are committed
//! or neither. A worker claims due jobs for one attempt each with a lease: the claim marks them
//! running until `now + lease`, and a job whose lease has ended (its worker died) is due again.
//! An attempt's outcome is recorded only while the job is still running under that attempt, so
//! a worker that outlived its lease cannot overwrite what a later attempt did.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{Backend, Error, Result, Store, Tx, query};
pub use crate::domain::jobs::{JobKind, JobStatus};

/// A job claimed by a worker for one attempt, with its payload read.
#[derive(Clone, Debug)]
pub struct Claimed<T> {
    pub id: i64,
    /// Whom or what the job is for (mail: the member; webhook: the endpoint).
    pub subject_id: Option<i64>,
    /// This attempt's number, from 1: completing or failing it names it.
    pub attempt: i64,
    pub payload: T,
}

/// A job as the logs show it.
#[derive(Clone, Debug)]
pub struct Job {
    pub id: i64,
    pub subject_id: Option<i64>,
    /// JSON, its shape per kind.
    pub payload: String,
    pub status: JobStatus,
    /// Attempts claimed so far.
    pub attempts: i64,
    /// The next attempt (pending), or the end of the lease (running).
    pub run_at: DateTime<Utc>,
    pub last_error: Option<String>,
    /// The receiver's answer to the last attempt (an HTTP status, for webhooks).
    pub last_code: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

type JobRow = (
    i64,
    Option<i64>,
    String,
    String,
    i64,
    DateTime<Utc>,
    Option<String>,
    Option<i64>,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
);

/// The statuses from which a job may be claimed: waiting, or running under a lease that ended.
const CLAIMABLE: &str = "status IN ('pending', 'running')";

fn status_of(text: &str) -> Result<JobStatus> {
    JobStatus::parse(text).ok_or_else(|| {
        Error::Database(sqlx::Error::Decode(
            format!("unknown job status `{text}`").into(),
        ))
    })
}

/// Queues a job of `kind` with `payload` (as JSON), to run from `now`, inside the caller's
/// transaction. With a `dedupe_key` that is queued already (whatever became of that job),
/// nothing is queued and the answer is false.
pub(crate) async fn enqueue(
    tx: &mut Tx,
    kind: JobKind,
    dedupe_key: Option<&str>,
    subject_id: Option<i64>,
    payload: &impl Serialize,
    now: DateTime<Utc>,
) -> Result<bool> {
    let payload = serde_json::to_string(payload)
        .map_err(|e| Error::Database(sqlx::Error::Encode(Box::new(e))))?;
    let inserted = query(
        "INSERT INTO jobs (kind, dedupe_key, subject_id, payload, status, attempts, run_at, \
             created_at) \
         VALUES ($1, $2, $3, $4, 'pending', 0, $5, $5) \
         ON CONFLICT (dedupe_key) DO NOTHING",
    )
    .bind(kind.as_str())
    .bind(dedupe_key)
    .bind(subject_id)
    .bind(payload)
    .bind(now)
    .execute(tx)
    .await?;
    Ok(inserted == 1)
}

/// Deletes every job of `kind` for `subject_id`, inside the transaction that deletes the
/// subject (a member, an endpoint): there is no foreign key to do it.
pub(crate) async fn delete_for_subject(tx: &mut Tx, kind: JobKind, subject_id: i64) -> Result<u64> {
    query("DELETE FROM jobs WHERE kind = $1 AND subject_id = $2")
        .bind(kind.as_str())
        .bind(subject_id)
        .execute(tx)
        .await
}

impl Store {
    /// Whether any job of `kind` is due (a read, so an idle worker costs no write).
    pub async fn jobs_due(&self, kind: JobKind, now: DateTime<Utc>) -> Result<bool> {
        let sql =
            format!("SELECT id FROM jobs WHERE kind = $1 AND {CLAIMABLE} AND run_at <= $2 LIMIT 1");
        let row: Option<i64> = query(&sql)
            .bind(kind.as_str())
            .bind(now)
            .scalar_optional(self.read())
            .await?;
        Ok(row.is_some())
    }

    /// Claims up to `limit` due jobs of `kind` for one attempt each, oldest due first: pending
    /// jobs whose time has come, and running ones whose lease has ended. Each is marked running
    /// until `now + lease`, with its attempts counted up. The statuses are checked again in the
    /// update itself, and on PostgreSQL `SKIP LOCKED` lets processes claim side by side
    /// (SQLite's single writer makes claims serial anyway). A job whose payload cannot be read
    /// is given up at once rather than claimed.
    pub async fn claim_jobs<T: DeserializeOwned>(
        &self,
        kind: JobKind,
        now: DateTime<Utc>,
        lease: Duration,
        limit: i64,
    ) -> Result<Vec<Claimed<T>>> {
        // On PostgreSQL the chosen ids are an array made once (an InitPlan): as `IN (…)`, a plan
        // made while the queue was small may run the sorted, locking subquery again for every
        // due row: with 100,000 newsletter mails queued, one claim ran for minutes.
        let (open, close, lock) = match self.backend() {
            Backend::Postgres => ("= ANY(ARRAY(", "))", " FOR UPDATE SKIP LOCKED"),
            Backend::Sqlite => ("IN (", ")", ""),
        };
        let sql = format!(
            "UPDATE jobs SET status = 'running', attempts = attempts + 1, run_at = $1 \
             WHERE id {open}SELECT id FROM jobs \
                          WHERE kind = $2 AND {CLAIMABLE} AND run_at <= $3 \
                          ORDER BY run_at, id LIMIT $4{lock}{close} \
               AND kind = $2 AND {CLAIMABLE} AND run_at <= $3 \
             RETURNING id, subject_id, payload, attempts"
        );
        let mut rows: Vec<(i64, Option<i64>, String, i64)> = query(&sql)
            .bind(now + lease)
            .bind(kind.as_str())
            .bind(now)
            .bind(limit)
            .fetch_all(self.write())
            .await?;
        rows.sort_by_key(|r| r.0);
        let mut claimed = Vec::with_capacity(rows.len());
        for (id, subject_id, payload, attempt) in rows {
            match serde_json::from_str(&payload) {
                Ok(payload) => claimed.push(Claimed {
                    id,
                    subject_id,
                    attempt,
                    payload,
                }),
                Err(e) => {
                    tracing::error!(job = id, kind = kind.as_str(), error = %e, "unreadable job payload; given up");
                    let error = format!("unreadable payload: {e}");
                    self.fail_job(id, attempt, now, &error, None, None).await?;
                }
            }
        }
        Ok(claimed)
    }

    /// Records that attempt `attempt` of job `id` succeeded (`code`: the receiver's answer).
    /// False when the job is no longer running under that attempt: its lease ended and another
    /// worker took it (or an admin sent it again), whose outcome stands.
    pub async fn complete_job(
        &self,
        id: i64,
        attempt: i64,
        now: DateTime<Utc>,
        code: Option<i64>,
    ) -> Result<bool> {
        let n = query(
            "UPDATE jobs SET status = 'done', finished_at = $3, last_code = $4, last_error = NULL \
             WHERE id = $1 AND attempts = $2 AND status = 'running'",
        )
        .bind(id)
        .bind(attempt)
        .bind(now)
        .bind(code)
        .execute(self.write())
        .await?;
        Ok(n == 1)
    }

    /// Records that attempt `attempt` of job `id` failed with `error` (and `code`, the
    /// receiver's answer, if any): it is tried again at `retry_at`, or given up when `None`.
    /// False, as for [`Store::complete_job`], when the attempt is no longer the job's.
    pub async fn fail_job(
        &self,
        id: i64,
        attempt: i64,
        now: DateTime<Utc>,
        error: &str,
        code: Option<i64>,
        retry_at: Option<DateTime<Utc>>,
    ) -> Result<bool> {
        let status = match retry_at {
            Some(_) => JobStatus::Pending,
            None => JobStatus::Failed,
        };
        let n = query(
            "UPDATE jobs SET status = $3, run_at = COALESCE($4, run_at), finished_at = $5, \
                 last_error = $6, last_code = $7 \
             WHERE id = $1 AND attempts = $2 AND status = 'running'",
        )
        .bind(id)
        .bind(attempt)
        .bind(status.as_str())
        .bind(retry_at)
        .bind(retry_at.is_none().then_some(now))
        .bind(error)
        .bind(code)
        .execute(self.write())
        .await?;
        Ok(n == 1)
    }

    /// Runs job `id` of `kind` again at `now` with a fresh count of attempts, whatever became
    /// of it; false when there is no such job.
    pub(crate) async fn run_job_again(
        &self,
        kind: JobKind,
        id: i64,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let n = query(
            "UPDATE jobs SET status = 'pending', run_at = $1, attempts = 0, finished_at = NULL \
             WHERE id = $2 AND kind = $3",
        )
        .bind(now)
        .bind(id)
        .bind(kind.as_str())
        .execute(self.write())
        .await?;
        Ok(n == 1)
    }

    /// The latest jobs of `kind`, newest first, optionally only those for `subject_id`.
    pub async fn recent_jobs(
        &self,
        kind: JobKind,
        subject_id: Option<i64>,
        limit: i64,
    ) -> Result<Vec<Job>> {
        let rows: Vec<JobRow> = query(
            "SELECT id, subject_id, payload, status, attempts, run_at, last_error, last_code, \
                    created_at, finished_at \
             FROM jobs WHERE kind = $1 AND ($2 IS NULL OR subject_id = $2) \
             ORDER BY id DESC LIMIT $3",
        )
        .bind(kind.as_str())
        .bind(subject_id)
        .bind(limit)
        .fetch_all(self.read())
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(Job {
                    id: r.0,
                    subject_id: r.1,
                    payload: r.2,
                    status: status_of(&r.3)?,
                    attempts: r.4,
                    run_at: r.5,
                    last_error: r.6,
                    last_code: r.7,
                    created_at: r.8,
                    finished_at: r.9,
                })
            })
            .collect()
    }

    /// Removes jobs of `kind` that are done or given up and were queued before `older_than`;
    /// how many. Idempotent, so every server process may run it.
    pub async fn prune_jobs(&self, kind: JobKind, older_than: DateTime<Utc>) -> Result<u64> {
        query(
            "DELETE FROM jobs WHERE kind = $1 AND status IN ('done', 'failed') \
             AND created_at < $2",
        )
        .bind(kind.as_str())
        .bind(older_than)
        .execute(self.write())
        .await
    }
}
