//! The wake-up call of a queue worker (mail, webhooks, purges): a worker sleeps between rounds
//! until whoever queued work wakes it, its polling interval passes (work queued by another
//! process, or come due), or the server stops.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Notify, watch};

#[derive(Clone, Default)]
pub struct Wake {
    notify: Arc<Notify>,
}

impl Wake {
    /// Ends the worker's current (or next) wait: there is work now.
    pub fn wake(&self) {
        self.notify.notify_one();
    }

    /// Waits until [`Wake::wake`] is called, `poll` passes or `stop` changes.
    pub async fn wait(&self, poll: Duration, stop: &mut watch::Receiver<bool>) {
        tokio::select! {
            _ = self.notify.notified() => {}
            _ = tokio::time::sleep(poll) => {}
            _ = stop.changed() => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_wake_before_the_wait_is_not_lost() {
        let (_tx, mut stop) = watch::channel(false);
        let wake = Wake::default();
        wake.wake();
        // Woken already: returns at once rather than after an hour's poll.
        tokio::time::timeout(
            Duration::from_secs(5),
            wake.wait(Duration::from_secs(3600), &mut stop),
        )
        .await
        .expect("a wake-up given before the wait ends it");
    }

    #[tokio::test]
    async fn stopping_ends_the_wait() {
        let (tx, mut stop) = watch::channel(false);
        let wake = Wake::default();
        let waiting = tokio::spawn(async move {
            wake.wait(Duration::from_secs(3600), &mut stop).await;
        });
        tx.send(true).unwrap();
        tokio::time::timeout(Duration::from_secs(5), waiting)
            .await
            .expect("stopping ends the wait")
            .unwrap();
    }
}
