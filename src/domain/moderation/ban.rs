//! Bans from the conversation: how long, whom, and what the member reads.

use chrono::{DateTime, Duration, TimeZone, Utc};

use crate::domain::user::Role;

/// How long a ban lasts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BanLength {
    Days(i64),
    Forever,
}

/// The stored end of a permanent ban: far enough to compare like any other time.
pub fn forever() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(9999, 12, 31, 0, 0, 0).unwrap()
}

/// A ban length that is neither 1 to 3650 days nor for good.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BadBanLength;

impl BanLength {
    pub fn parse(s: &str) -> Result<BanLength, BadBanLength> {
        match s.trim() {
            "forever" => Ok(BanLength::Forever),
            d => d
                .parse::<i64>()
                .ok()
                .filter(|d| (1..=3650).contains(d))
                .map(BanLength::Days)
                .ok_or(BadBanLength),
        }
    }

    pub fn until(self, now: DateTime<Utc>) -> DateTime<Utc> {
        match self {
            BanLength::Days(d) => now + Duration::days(d),
            BanLength::Forever => forever(),
        }
    }
}

/// Bans are for members and contributors; staff lose their role first, from an administrator.
pub fn may_be_banned(role: Role) -> bool {
    role < Role::Moderator
}

/// A member's ban as they read it: how long, and the moderator's reason (empty when none was
/// given). The web layer words it in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BanNotice {
    /// `None` for a permanent ban.
    pub until: Option<DateTime<Utc>>,
    pub reason: String,
}

pub fn ban_notice(until: DateTime<Utc>, reason: &str) -> BanNotice {
    BanNotice {
        until: (until < forever()).then_some(until),
        reason: reason.trim().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ban_notice_says_until_when_or_that_it_is_for_good() {
        let until = Utc.with_ymd_and_hms(2026, 6, 8, 12, 0, 0).unwrap();
        assert_eq!(
            ban_notice(until, " Repeated abuse "),
            BanNotice {
                until: Some(until),
                reason: "Repeated abuse".to_owned()
            }
        );
        assert_eq!(ban_notice(forever(), "").until, None);
        assert_eq!(ban_notice(BanLength::Forever.until(until), "").until, None);
    }
}
