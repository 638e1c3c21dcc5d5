//! Moderation rules: who may do what on the desk, comment policies and how they combine,
//! rejection reasons, bans, the screening of a new comment (accept, hold or refuse, and why in
//! words) and readers' trust levels.

mod access;
mod ban;
mod decision;
mod held;
mod policy;
mod queue;
mod reports;
mod screening;
mod trust;

pub use access::{StaffAccess, staff_access};
pub use ban::{BadBanLength, BanLength, BanNotice, ban_notice, forever, may_be_banned};
pub use decision::{
    CommentState, Decision, MAX_NOTE_CHARS, NoteTooLong, RejectReason, StateChange, TrainedAs,
    Undecidable, check_note, decide, parse_rejection, rejection_text,
};
pub use held::HoldDetail;
pub use policy::{CommentMode, CommentPolicy, ModeProblem, PolicyLayer};
pub use queue::{HoldReason, Queue};
pub use reports::ReporterBar;
pub use screening::{Refused, Screening, Verdict, has_link, screen};
pub use trust::{TrustField, TrustLevel, TrustRecord, TrustThresholds, trust_level};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_are_parsed_with_clear_refusals() {
        assert_eq!(
            CommentMode::parse("premoderated", "5"),
            Ok(CommentMode::PreModerated { first: Some(5) })
        );
        assert_eq!(
            CommentMode::parse("premoderated", ""),
            Ok(CommentMode::PreModerated { first: None })
        );
        assert!(CommentMode::parse("premoderated", "-1").is_err());
        assert!(CommentMode::parse("sometimes", "").is_err());
        assert_eq!(BanLength::parse("7"), Ok(BanLength::Days(7)));
        assert_eq!(BanLength::parse("forever"), Ok(BanLength::Forever));
        assert!(BanLength::parse("0").is_err());
        assert!(check_note(&"x".repeat(501)).is_err());
        assert_eq!(
            RejectReason::parse("off_topic"),
            Some(RejectReason::OffTopic)
        );
    }
}
