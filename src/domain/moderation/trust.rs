//! Readers' trust: *new*, *member* or *trusted*, worked out from a member's record each time a
//! rule needs it (nothing is stored, so a change of thresholds or a rejection applies at once).
//!
//! - **new**: fails the member bar. Their links wait for a moderator and, if the site asks for
//!   it, so does their first comment; their reports are recorded but do not hide anything.
//! - **member**: a confirmed address (unless the site waives it), an account at least
//!   `member_min_account_days` old and at least `member_min_approved` comments readers see.
//!   Their reports count once.
//! - **trusted**: a member whose account is at least `trusted_min_account_days` old, with at
//!   least `trusted_min_approved` comments readers see and no recent rejection. Never held by
//!   the link rule; their reports count twice.
//!
//! Demotion is automatic: each comment of theirs a moderator rejected within the last
//! `demote_window_days` (upholding a report is rejecting the comment) is a strike. One strike
//! keeps a member from being trusted; `demote_after` strikes make them new again until the
//! strikes age out of the window.

use chrono::Duration;

use super::ReporterBar;
use crate::domain::user::Role;

/// A member's trust level, lowest first (so levels compare).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum TrustLevel {
    New,
    Member,
    Trusted,
}

impl TrustLevel {
    /// The word moderators read beside a comment.
    pub fn label(self) -> &'static str {
        match self {
            TrustLevel::New => "new",
            TrustLevel::Member => "member",
            TrustLevel::Trusted => "trusted",
        }
    }

    /// How much a report by a member at this level weighs toward hiding a comment: new
    /// members' reports are recorded but weigh nothing.
    pub fn report_weight(self) -> i64 {
        match self {
            TrustLevel::New => 0,
            TrustLevel::Member => 1,
            TrustLevel::Trusted => 2,
        }
    }
}

/// The site's thresholds (stored with the other moderation settings, set at
/// `/admin/moderation/settings`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TrustThresholds {
    /// A member needs a confirmed address to stop being new.
    pub member_requires_verified: bool,
    pub member_min_account_days: i64,
    pub member_min_approved: i64,
    pub trusted_min_account_days: i64,
    pub trusted_min_approved: i64,
    /// How far back rejections count as strikes.
    pub demote_window_days: i64,
    /// Strikes within the window that make a member new again (0: never).
    pub demote_after: i64,
}

impl Default for TrustThresholds {
    fn default() -> TrustThresholds {
        TrustThresholds {
            member_requires_verified: true,
            member_min_account_days: 1,
            member_min_approved: 1,
            trusted_min_account_days: 30,
            trusted_min_approved: 20,
            demote_window_days: 90,
            demote_after: 2,
        }
    }
}

impl TrustThresholds {
    /// The member bar as the reports rule has always read it.
    pub fn member_bar(&self) -> ReporterBar {
        ReporterBar {
            verified: self.member_requires_verified,
            min_account_days: self.member_min_account_days,
            min_approved: self.member_min_approved,
        }
    }

    /// How many approved comments a rule needs counted to tell the levels apart.
    pub fn approved_cap(&self) -> i64 {
        self.member_min_approved
            .max(self.trusted_min_approved)
            .max(0)
    }

    /// Checks the trusted and demotion fields of the settings form (the member bar is checked
    /// with the reports' fields). Each must be a whole number in range.
    pub fn check(&self) -> Result<(), TrustField> {
        let in_range = |v: i64, max: i64| (0..=max).contains(&v);
        for (value, field) in [
            (self.trusted_min_account_days, TrustField::TrustedDays),
            (self.trusted_min_approved, TrustField::TrustedApproved),
            (self.demote_window_days, TrustField::DemoteWindow),
            (self.demote_after, TrustField::DemoteAfter),
        ] {
            if !in_range(value, field.max()) {
                return Err(field);
            }
        }
        Ok(())
    }

    /// How the thresholds read in the audit log.
    pub fn describe(&self) -> String {
        format!(
            "trusted after {} days and {} approved comments; {} rejections in {} days make a member new again",
            self.trusted_min_account_days,
            self.trusted_min_approved,
            self.demote_after,
            self.demote_window_days
        )
    }
}

/// A trust threshold of the settings form, named when its value is out of range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrustField {
    TrustedDays,
    TrustedApproved,
    DemoteWindow,
    DemoteAfter,
}

impl TrustField {
    /// The largest value taken (the smallest is 0).
    pub fn max(self) -> i64 {
        match self {
            TrustField::TrustedDays | TrustField::DemoteWindow => 3650,
            TrustField::TrustedApproved => 100_000,
            TrustField::DemoteAfter => 1000,
        }
    }
}

/// What is known about a member when their level is worked out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TrustRecord {
    pub role: Role,
    pub verified: bool,
    pub account_age: Duration,
    /// Their comments readers see, counted up to [`TrustThresholds::approved_cap`].
    pub approved: i64,
    /// Their comments rejected by a moderator within the window (not undone).
    pub recent_rejections: i64,
}

/// A member's level. Staff are trusted (they could approve their own comments anyway).
pub fn trust_level(t: &TrustThresholds, r: &TrustRecord) -> TrustLevel {
    if r.role >= Role::Moderator {
        return TrustLevel::Trusted;
    }
    if t.demote_after > 0 && r.recent_rejections >= t.demote_after {
        return TrustLevel::New;
    }
    let member = (r.verified || !t.member_requires_verified)
        && r.account_age >= Duration::days(t.member_min_account_days)
        && r.approved >= t.member_min_approved;
    if !member {
        return TrustLevel::New;
    }
    let trusted = r.verified
        && r.recent_rejections == 0
        && r.account_age >= Duration::days(t.trusted_min_account_days)
        && r.approved >= t.trusted_min_approved;
    if trusted {
        TrustLevel::Trusted
    } else {
        TrustLevel::Member
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: TrustThresholds = TrustThresholds {
        member_requires_verified: true,
        member_min_account_days: 1,
        member_min_approved: 1,
        trusted_min_account_days: 30,
        trusted_min_approved: 20,
        demote_window_days: 90,
        demote_after: 2,
    };

    fn record(days: i64, approved: i64, rejections: i64) -> TrustRecord {
        TrustRecord {
            role: Role::Member,
            verified: true,
            account_age: Duration::days(days),
            approved,
            recent_rejections: rejections,
        }
    }

    #[test]
    fn a_member_starts_new_and_earns_each_level() {
        assert_eq!(trust_level(&T, &record(0, 0, 0)), TrustLevel::New);
        assert_eq!(
            trust_level(&T, &record(0, 5, 0)),
            TrustLevel::New,
            "too young"
        );
        assert_eq!(
            trust_level(&T, &record(1, 0, 0)),
            TrustLevel::New,
            "no approved comment"
        );
        let unverified = TrustRecord {
            verified: false,
            ..record(40, 50, 0)
        };
        assert_eq!(trust_level(&T, &unverified), TrustLevel::New);
        assert_eq!(trust_level(&T, &record(1, 1, 0)), TrustLevel::Member);
        assert_eq!(trust_level(&T, &record(29, 50, 0)), TrustLevel::Member);
        assert_eq!(trust_level(&T, &record(30, 19, 0)), TrustLevel::Member);
        assert_eq!(trust_level(&T, &record(30, 20, 0)), TrustLevel::Trusted);
    }

    #[test]
    fn rejections_demote_automatically() {
        assert_eq!(
            trust_level(&T, &record(400, 500, 1)),
            TrustLevel::Member,
            "one strike: no longer trusted"
        );
        assert_eq!(
            trust_level(&T, &record(400, 500, 2)),
            TrustLevel::New,
            "two strikes: new again"
        );
        assert_eq!(trust_level(&T, &record(5, 3, 1)), TrustLevel::Member);
        let lenient = TrustThresholds {
            demote_after: 0,
            ..T
        };
        assert_eq!(
            trust_level(&lenient, &record(400, 500, 9)),
            TrustLevel::Member,
            "0 turns demotion to new off; strikes still stop trust"
        );
    }

    #[test]
    fn waivers_and_staff() {
        let open = TrustThresholds {
            member_requires_verified: false,
            member_min_account_days: 0,
            member_min_approved: 0,
            ..T
        };
        let brand_new = TrustRecord {
            verified: false,
            ..record(0, 0, 0)
        };
        assert_eq!(trust_level(&open, &brand_new), TrustLevel::Member);
        let trusted_unverified = TrustRecord {
            verified: false,
            ..record(40, 50, 0)
        };
        assert_eq!(
            trust_level(&open, &trusted_unverified),
            TrustLevel::Member,
            "trust always needs a confirmed address"
        );
        let moderator = TrustRecord {
            role: Role::Moderator,
            ..brand_new
        };
        assert_eq!(trust_level(&T, &moderator), TrustLevel::Trusted);
    }

    #[test]
    fn levels_weigh_reports_and_read_as_words() {
        assert_eq!(TrustLevel::New.report_weight(), 0);
        assert_eq!(TrustLevel::Member.report_weight(), 1);
        assert_eq!(TrustLevel::Trusted.report_weight(), 2);
        assert!(TrustLevel::New < TrustLevel::Member && TrustLevel::Member < TrustLevel::Trusted);
        assert_eq!(TrustLevel::Trusted.label(), "trusted");
        assert_eq!(T.approved_cap(), 20);
        assert!(T.check().is_ok());
        assert_eq!(
            TrustThresholds {
                demote_after: -1,
                ..T
            }
            .check(),
            Err(TrustField::DemoteAfter)
        );
    }
}
