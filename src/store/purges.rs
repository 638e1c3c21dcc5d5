//! Announcing a change of cached pages: to the other server processes (PostgreSQL's `NOTIFY`)
//! and, as a job of kind `purge`, to the shared caches in front of the site.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::{Backend, Result, Store, Tx, jobs, query};
use crate::domain::jobs::JobKind;

/// A purge job's payload: the surrogate keys to purge at every purge URL.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PurgePayload {
    pub keys: Vec<String>,
    /// Whether the purge is sent once more a moment after its first delivery (see
    /// [`Store::repeat_purge`]).
    #[serde(default)]
    pub repeat: bool,
}

/// A change of cached pages to announce, in the transaction that makes it: `payload` on
/// [`super::CHANGES_CHANNEL`] for the other processes (PostgreSQL), and the surrogate keys the
/// shared caches purge (none when there is no shared cache).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Announcement {
    pub payload: String,
    pub purge: Vec<String>,
}

/// Sends `announcement` from inside `tx`, with the other notifications in `with` (one
/// statement for all: each is a trip to the server while the transaction holds its locks): the
/// notifications go out at its commit, which is also the commit that makes the purge job
/// claimable.
pub(super) async fn announce_in(
    tx: &mut Tx,
    announcement: &Announcement,
    with: &[(&str, &str)],
    now: DateTime<Utc>,
) -> Result<()> {
    let mut notices = vec![(super::CHANGES_CHANNEL, announcement.payload.as_str())];
    notices.extend_from_slice(with);
    notify_in(tx, &notices).await?;
    queue_purge_in(tx, announcement, now).await
}

/// Queues the purge of `announcement`'s keys in `tx`, if it names any: [`announce_in`] for a
/// writer that sent its notifications another way.
pub(super) async fn queue_purge_in(
    tx: &mut Tx,
    announcement: &Announcement,
    now: DateTime<Utc>,
) -> Result<()> {
    if !announcement.purge.is_empty() {
        let job = PurgePayload {
            keys: announcement.purge.clone(),
            repeat: true,
        };
        jobs::enqueue(tx, JobKind::Purge, None, None, &job, now).await?;
    }
    Ok(())
}

/// Sends each `(channel, payload)` of `notices` at the commit of `tx`, in one statement, on
/// PostgreSQL; nothing on SQLite, where one process serves the site.
pub(crate) async fn notify_in(tx: &mut Tx, notices: &[(&str, &str)]) -> Result<()> {
    if tx.backend() != Backend::Postgres || notices.is_empty() {
        return Ok(());
    }
    let calls: Vec<String> = (0..notices.len())
        .map(|i| format!("pg_notify(${}, ${})", 2 * i + 1, 2 * i + 2))
        .collect();
    let sql = format!("SELECT {}", calls.join(", "));
    let mut q = query(&sql);
    for (channel, payload) in notices {
        q = q.bind(*channel).bind(*payload);
    }
    q.execute(tx).await?;
    Ok(())
}

impl Store {
    /// Tells the other processes (PostgreSQL) that cached pages changed (`payload` on
    /// [`super::CHANGES_CHANNEL`]) and, when `purge` names keys, queues their purge, in one
    /// transaction: the notification is sent at the commit that makes the job claimable, so a
    /// shared cache purged by the job is not refilled from a process that kept the old page
    /// any longer than that process takes to hear of it.
    pub async fn announce_change(
        &self,
        payload: &str,
        purge: &[String],
        now: DateTime<Utc>,
    ) -> Result<()> {
        if purge.is_empty() {
            return self.notify(super::CHANGES_CHANNEL, payload).await;
        }
        let announcement = Announcement {
            payload: payload.to_owned(),
            purge: purge.to_vec(),
        };
        let mut tx = self.begin().await?;
        announce_in(&mut tx, &announcement, &[], now).await?;
        tx.commit().await
    }

    /// After the first delivery of purge `id` (attempt `attempt`), queues it to be sent once
    /// more at `run_at`, as a fresh job that is not repeated. Another process hears of a change
    /// a moment after it is committed: a shared cache that refilled a page from it in that
    /// moment kept the old page, and the second purge drops it. False when the attempt is no
    /// longer the job's (see [`Store::complete_job`]).
    pub async fn repeat_purge(
        &self,
        id: i64,
        attempt: i64,
        keys: &[String],
        run_at: DateTime<Utc>,
    ) -> Result<bool> {
        let payload = serde_json::to_string(&PurgePayload {
            keys: keys.to_vec(),
            repeat: false,
        })
        .map_err(|e| super::Error::Database(sqlx::Error::Encode(Box::new(e))))?;
        let n = query(
            "UPDATE jobs SET status = 'pending', attempts = 0, run_at = $3, payload = $4, \
                 last_error = NULL \
             WHERE id = $1 AND attempts = $2 AND status = 'running' AND kind = 'purge'",
        )
        .bind(id)
        .bind(attempt)
        .bind(run_at)
        .bind(payload)
        .execute(self.write())
        .await?;
        Ok(n == 1)
    }

    /// Removes purges done or given up more than `keep` ago; how many.
    pub async fn prune_purges(&self, now: DateTime<Utc>, keep: Duration) -> Result<u64> {
        self.prune_jobs(JobKind::Purge, now - keep).await
    }
}
