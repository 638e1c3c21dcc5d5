//! Readers' reports: whose reports count toward hiding a comment.

use chrono::Duration;

use crate::domain::user::Role;

/// The bar a member's report must clear to count toward hiding a comment: reports from anyone
/// are recorded and shown to moderators, but only established members' reports hide a
/// comment on their own, so a handful of fresh accounts cannot silence someone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReporterBar {
    /// The reporter has confirmed their email address.
    pub verified: bool,
    /// The reporter's account is at least this many days old.
    pub min_account_days: i64,
    /// The reporter has at least this many comments shown to readers.
    pub min_approved: i64,
}

impl Default for ReporterBar {
    fn default() -> ReporterBar {
        ReporterBar {
            verified: true,
            min_account_days: 1,
            min_approved: 1,
        }
    }
}

impl ReporterBar {
    /// How the bar reads on the settings page and in the audit log.
    pub fn describe(&self) -> String {
        format!(
            "reports count from members {}with accounts at least {} days old and at least {} approved comments",
            if self.verified {
                "with a confirmed address, "
            } else {
                ""
            },
            self.min_account_days,
            self.min_approved
        )
    }
}

/// What is known about a member who reports a comment.
#[derive(Clone, Copy, Debug)]
pub struct Reporter {
    pub role: Role,
    pub verified: bool,
    pub account_age: Duration,
    /// Their comments shown to readers, counted up to what the bar needs.
    pub approved: i64,
}

/// Whether a report by `reporter` counts toward hiding a comment. Staff always count (they
/// could hide it themselves).
pub fn report_counts(bar: &ReporterBar, reporter: &Reporter) -> bool {
    reporter.role >= Role::Moderator
        || ((reporter.verified || !bar.verified)
            && reporter.account_age >= Duration::days(bar.min_account_days)
            && reporter.approved >= bar.min_approved)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_established_members_reports_count_toward_hiding() {
        let bar = ReporterBar::default();
        let established = Reporter {
            role: Role::Member,
            verified: true,
            account_age: Duration::days(1),
            approved: 1,
        };
        assert!(report_counts(&bar, &established));
        for (newcomer, why) in [
            (
                Reporter {
                    verified: false,
                    ..established
                },
                "unconfirmed address",
            ),
            (
                Reporter {
                    account_age: Duration::days(1) - Duration::seconds(1),
                    ..established
                },
                "account under a day old",
            ),
            (
                Reporter {
                    approved: 0,
                    ..established
                },
                "no approved comment",
            ),
        ] {
            assert!(!report_counts(&bar, &newcomer), "{why}");
            assert!(
                report_counts(
                    &bar,
                    &Reporter {
                        role: Role::Moderator,
                        ..newcomer
                    }
                ),
                "staff count: {why}"
            );
        }
        let open = ReporterBar {
            verified: false,
            min_account_days: 0,
            min_approved: 0,
        };
        let brand_new = Reporter {
            role: Role::Member,
            verified: false,
            account_age: Duration::zero(),
            approved: 0,
        };
        assert!(
            report_counts(&open, &brand_new),
            "a bar of zero lets everyone count"
        );
        let strict = ReporterBar {
            min_account_days: 30,
            min_approved: 5,
            ..bar
        };
        assert!(!report_counts(&strict, &established));
    }
}
