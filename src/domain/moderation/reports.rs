//! Readers' reports: the bar a reporter must clear (the member level of [`super::TrustLevel`])
//! for their reports to count toward hiding a comment.

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
