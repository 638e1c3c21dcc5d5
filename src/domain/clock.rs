//! The application's notion of "now". Production reads the system clock; tests set and advance
//! a manual clock instead of sleeping.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, DurationRound, Utc};

#[derive(Clone, Default)]
pub struct Clock {
    manual: Option<Arc<Mutex<DateTime<Utc>>>>,
}

impl Clock {
    pub fn system() -> Clock {
        Clock { manual: None }
    }

    /// A clock that stands still at `at` until moved with [`Clock::set`] or [`Clock::advance`].
    pub fn manual(at: DateTime<Utc>) -> Clock {
        Clock {
            manual: Some(Arc::new(Mutex::new(truncate(at)))),
        }
    }

    /// Now, to the microsecond (what PostgreSQL stores), so a time read back equals the time
    /// written on both backends.
    pub fn now(&self) -> DateTime<Utc> {
        match &self.manual {
            Some(t) => *t.lock().expect("clock lock"),
            None => truncate(Utc::now()),
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

    #[test]
    fn manual_clock_moves_only_when_told() {
        let start = DateTime::parse_from_rfc3339("2026-01-02T03:04:05.123456789Z")
            .unwrap()
            .with_timezone(&Utc);
        let clock = Clock::manual(start);
        assert_eq!(clock.now().timestamp_subsec_nanos(), 123_456_000);
        let before = clock.now();
        clock.advance(Duration::minutes(15));
        assert_eq!(clock.now() - before, Duration::minutes(15));
    }
}
