//! The application's notion of "now". Production reads the system clock; tests set and advance
//! a manual clock instead of sleeping, or (a debug binary under a browser test) run a clock
//! shifted to another instant.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, DurationRound, Utc};

#[derive(Clone, Default)]
pub struct Clock {
    manual: Option<Arc<Mutex<DateTime<Utc>>>>,
    /// Added to the system time by a clock that is not manual (zero for the real one).
    offset: Duration,
}

impl Clock {
    pub fn system() -> Clock {
        Clock::default()
    }

    /// A clock that reads `at` now and then runs forward in real time, for a whole process
    /// under test whose time cannot be set from outside once it runs.
    pub fn starting_at(at: DateTime<Utc>) -> Clock {
        Clock {
            manual: None,
            offset: at - Utc::now(),
        }
    }

    /// A clock that stands still at `at` until moved with [`Clock::set`] or [`Clock::advance`].
    pub fn manual(at: DateTime<Utc>) -> Clock {
        Clock {
            manual: Some(Arc::new(Mutex::new(truncate(at)))),
            offset: Duration::zero(),
        }
    }

    /// Now, to the microsecond (what PostgreSQL stores), so a time read back equals the time
    /// written on both backends.
    pub fn now(&self) -> DateTime<Utc> {
        match &self.manual {
            Some(t) => *t.lock().expect("clock lock"),
            None => truncate(Utc::now() + self.offset),
        }
    }

    pub fn set(&self, at: DateTime<Utc>) {
        if let Some(t) = &self.manual {
            *t.lock().expect("clock lock") = truncate(at);
        }
    }

    pub fn advance(&self, by: Duration) {
        if let Some(t) = &self.manual {
            let mut t = t.lock().expect("clock lock");
            *t = truncate(*t + by);
        }
    }
}

pub fn truncate(t: DateTime<Utc>) -> DateTime<Utc> {
    t.duration_trunc(Duration::microseconds(1)).unwrap_or(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn manual_clock_moves_only_when_told() {
        let start = at("2026-01-02T03:04:05.123456789Z");
        let clock = Clock::manual(start);
        assert_eq!(clock.now().timestamp_subsec_nanos(), 123_456_000);
        let before = clock.now();
        clock.advance(Duration::minutes(15));
        assert_eq!(clock.now() - before, Duration::minutes(15));
    }

    #[test]
    fn a_clock_started_elsewhere_runs_on_in_real_time() {
        let start = at("2026-03-02T06:59:45Z");
        let clock = Clock::starting_at(start);
        let first = clock.now();
        assert!(
            first >= start && first - start < Duration::seconds(5),
            "{first}"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
        let second = clock.now();
        assert!(
            second - first >= Duration::milliseconds(20),
            "{first} {second}"
        );
        // Setting and advancing are for manual clocks only.
        clock.advance(Duration::hours(1));
        assert!(clock.now() - start < Duration::minutes(1));
    }
}
