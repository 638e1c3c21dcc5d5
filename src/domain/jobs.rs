//! Background jobs: their kinds, their states, and each kind's lease and retry schedule. The
//! rows live in `store::jobs`; the workers that run them are in `services` (`notify.rs` for
//! mail, `webhooks.rs` for deliveries, `purge.rs` for shared caches).

use chrono::{DateTime, Duration, Utc};

/// What a job does; each kind has one worker per server process and its own [`JobPolicy`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum JobKind {
    /// A mail to a member (notifications, digests, queue alerts).
    Mail,
    /// One event's delivery to one webhook endpoint.
    Webhook,
    /// A purge of surrogate keys at every shared cache in front of the site (`--purge-url`).
    Purge,
    /// An edition's fan-out: queues one `NewsletterMail` per subscriber, a batch at a time
    /// (resumable: the batches are keyed by edition and member).
    Newsletter,
    /// One newsletter edition to one subscriber (the address and content read when sent).
    NewsletterMail,
}

impl JobKind {
    pub const ALL: [JobKind; 5] = [
        JobKind::Mail,
        JobKind::Webhook,
        JobKind::Purge,
        JobKind::Newsletter,
        JobKind::NewsletterMail,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            JobKind::Mail => "mail",
            JobKind::Webhook => "webhook",
            JobKind::Purge => "purge",
            JobKind::Newsletter => "newsletter",
            JobKind::NewsletterMail => "newsletter_mail",
        }
    }

    pub fn parse(s: &str) -> Option<JobKind> {
        JobKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// How jobs of this kind are leased and retried.
    pub fn policy(self) -> JobPolicy {
        match self {
            // More than the SMTP transport's own timeout, so a slow send is not doubled; about
            // two days of retries.
            JobKind::Mail | JobKind::NewsletterMail => JobPolicy {
                lease: Duration::seconds(120),
                first_retry: Duration::seconds(30),
                longest_wait: Duration::hours(6),
                max_attempts: 16,
            },
            // More than a receiver's ten seconds to answer.
            JobKind::Webhook => JobPolicy {
                lease: Duration::seconds(60),
                first_retry: Duration::seconds(30),
                longest_wait: Duration::hours(6),
                max_attempts: 8,
            },
            // A cache that is down for a restart is back within seconds: try again soon, and
            // keep trying for a day (a page a purge misses stays wrong until it expires).
            JobKind::Purge => JobPolicy {
                lease: Duration::seconds(30),
                first_retry: Duration::seconds(2),
                longest_wait: Duration::minutes(5),
                max_attempts: 300,
            },
            // A fan-out renews nothing: its lease covers a few batches, and a worker that takes
            // it over after a lease ended goes on from the last batch committed.
            JobKind::Newsletter => JobPolicy {
                lease: Duration::seconds(60),
                first_retry: Duration::seconds(5),
                longest_wait: Duration::minutes(5),
                max_attempts: 100,
            },
        }
    }
}

/// Where a job is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum JobStatus {
    /// Waiting for its next attempt.
    Pending,
    /// Claimed by a worker until its lease ends (then any worker may take it again).
    Running,
    Done,
    /// Given up after its last attempt failed.
    Failed,
}

impl JobStatus {
    pub const ALL: [JobStatus; 4] = [
        JobStatus::Pending,
        JobStatus::Running,
        JobStatus::Done,
        JobStatus::Failed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            JobStatus::Pending => "pending",
            JobStatus::Running => "running",
            JobStatus::Done => "done",
            JobStatus::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<JobStatus> {
        JobStatus::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Done or given up: nothing more will happen to it.
    pub fn is_finished(self) -> bool {
        matches!(self, JobStatus::Done | JobStatus::Failed)
    }
}

/// How a kind of job is leased and retried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JobPolicy {
    /// How long a claimed job is left to its worker before another worker may take it (a
    /// worker that died mid-attempt leaves its jobs to be tried again then).
    pub lease: Duration,
    /// The wait after the first failed attempt; each further one waits twice as long.
    pub first_retry: Duration,
    /// The longest wait between two attempts.
    pub longest_wait: Duration,
    /// Attempts before a job is given up.
    pub max_attempts: i64,
}

impl JobPolicy {
    /// How long to wait after the `attempts`-th failed attempt: `first_retry`, doubling each
    /// time, at most `longest_wait`.
    pub fn delay(&self, attempts: i64) -> Duration {
        let doublings = (attempts - 1).clamp(0, 20) as u32;
        let delay = self.first_retry * 2i32.saturating_pow(doublings);
        delay.min(self.longest_wait)
    }

    /// When to try again after the `attempts`-th attempt failed at `now`; `None` gives up.
    pub fn retry_at(&self, attempts: i64, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        (attempts < self.max_attempts).then(|| now + self.delay(attempts))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t0() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-06-01T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn retries_back_off_and_are_capped() {
        let policy = JobKind::Webhook.policy();
        assert_eq!(policy.delay(1), Duration::seconds(30));
        assert_eq!(policy.delay(2), Duration::seconds(60));
        assert_eq!(policy.delay(4), Duration::seconds(240));
        assert_eq!(policy.delay(40), Duration::hours(6));
        // A first attempt claimed twice (a lease that ran out) counts from the first delay.
        assert_eq!(policy.delay(0), Duration::seconds(30));
    }

    #[test]
    fn each_kind_gives_up_after_its_own_number_of_attempts() {
        let now = t0();
        let webhook = JobKind::Webhook.policy();
        assert_eq!(webhook.retry_at(1, now), Some(now + Duration::seconds(30)));
        assert_eq!(
            webhook.retry_at(7, now),
            Some(now + Duration::seconds(1920))
        );
        assert_eq!(webhook.retry_at(8, now), None);
        let mail = JobKind::Mail.policy();
        assert_eq!(mail.retry_at(8, now), Some(now + Duration::seconds(3840)));
        assert_eq!(mail.retry_at(15, now), Some(now + Duration::hours(6)));
        assert_eq!(mail.retry_at(16, now), None);
        // Mail takes longer to send than a receiver has to answer: a longer lease.
        assert!(mail.lease > webhook.lease);
        // A cache back from a restart hears of what changed while it was down within seconds,
        // and a long outage is retried every five minutes for a day.
        let purge = JobKind::Purge.policy();
        assert_eq!(purge.retry_at(1, now), Some(now + Duration::seconds(2)));
        assert_eq!(purge.delay(20), Duration::minutes(5));
        let outage: Duration = (1..purge.max_attempts).map(|n| purge.delay(n)).sum();
        assert!(outage > Duration::hours(24), "{outage}");
    }

    #[test]
    fn kinds_and_statuses_round_trip() {
        for k in JobKind::ALL {
            assert_eq!(JobKind::parse(k.as_str()), Some(k));
        }
        for s in JobStatus::ALL {
            assert_eq!(JobStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(JobKind::parse("sms"), None);
        assert_eq!(JobStatus::parse("sent"), None);
        assert!(JobStatus::Failed.is_finished() && !JobStatus::Running.is_finished());
    }
}
