//! Counting article page views without cookies, scripts or addresses: a count per article and
//! hour, nothing about the reader.
//!
//! Counted in memory and added to the database every few seconds ([`FLUSH_EVERY`]) rather
//! than written per view: a signed-out reader's page is answered from the page cache at the
//! front door with no database work at all, and a write per view (on SQLite's one writer) would
//! cost more than the answer. A view costs one short lock and a map update. The flush is an
//! upsert that adds (`views = views + excluded.views`), so processes side by side on
//! PostgreSQL add up. Counts not yet flushed when a process dies are lost: a few seconds of
//! views, which a counter of readership can afford. The dashboard flushes this process's
//! counts before it reads, so its numbers include what this process has just counted.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::domain::dashboard::hour_of;
use crate::store::Store;
use crate::store::views::HourViews;

/// How often a process adds its counts to the database.
pub const FLUSH_EVERY: Duration = Duration::from_secs(5);

/// One process's views not yet in the database.
pub struct ViewCounter {
    enabled: bool,
    pending: Mutex<HashMap<(i64, DateTime<Utc>), i64>>,
}

impl ViewCounter {
    /// A counter; when not `enabled` (the `--no-view-counting` setting) it counts nothing.
    pub fn new(enabled: bool) -> ViewCounter {
        ViewCounter {
            enabled,
            pending: Mutex::default(),
        }
    }

    pub fn enabled(&self) -> bool {
        self.enabled
    }

    /// Counts one view of `article_id` at `now`.
    pub fn count(&self, article_id: i64, now: DateTime<Utc>) {
        if !self.enabled {
            return;
        }
        let mut pending = self.pending.lock().expect("view counter lock");
        *pending.entry((article_id, hour_of(now))).or_insert(0) += 1;
    }

    /// Adds the counts so far to the database. On failure they are kept for the next flush.
    pub async fn flush(&self, store: &Store) -> crate::store::Result<()> {
        let taken = std::mem::take(&mut *self.pending.lock().expect("view counter lock"));
        if taken.is_empty() {
            return Ok(());
        }
        let rows: Vec<HourViews> = taken
            .iter()
            .map(|(&(article_id, hour), &views)| HourViews {
                article_id,
                hour,
                views,
            })
            .collect();
        if let Err(e) = store.add_article_views(&rows).await {
            let mut pending = self.pending.lock().expect("view counter lock");
            for (key, views) in taken {
                *pending.entry(key).or_insert(0) += views;
            }
            return Err(e);
        }
        Ok(())
    }

    /// Flushes every [`FLUSH_EVERY`] until `stop` turns true, then once more.
    pub async fn run(
        self: std::sync::Arc<Self>,
        store: Store,
        mut stop: tokio::sync::watch::Receiver<bool>,
    ) {
        if !self.enabled {
            return;
        }
        let mut tick = tokio::time::interval(FLUSH_EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = tick.tick() => {}
                _ = stop.wait_for(|s| *s) => break,
            }
            if let Err(e) = self.flush(&store).await {
                tracing::warn!(error = %e, "page views: could not add this process's counts; trying again");
            }
        }
        if let Err(e) = self.flush(&store).await {
            tracing::warn!(error = %e, "page views: the last counts were lost at shutdown");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn views_are_counted_per_article_and_hour_and_not_when_off() {
        let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        let on = ViewCounter::new(true);
        on.count(1, t("2026-06-01T12:05:00Z"));
        on.count(1, t("2026-06-01T12:55:00Z"));
        on.count(1, t("2026-06-01T13:00:00Z"));
        on.count(2, t("2026-06-01T12:00:00Z"));
        let pending = on.pending.lock().unwrap();
        assert_eq!(pending[&(1, t("2026-06-01T12:00:00Z"))], 2);
        assert_eq!(pending[&(1, t("2026-06-01T13:00:00Z"))], 1);
        assert_eq!(pending[&(2, t("2026-06-01T12:00:00Z"))], 1);
        let off = ViewCounter::new(false);
        off.count(1, t("2026-06-01T12:05:00Z"));
        assert!(off.pending.lock().unwrap().is_empty());
    }
}
