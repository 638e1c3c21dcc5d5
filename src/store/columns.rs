//! The domain's closed sets of values (a comment's status, an article's workflow, why a
//! comment is held, how the spam filter learnt from it) as TEXT columns: rows decode straight
//! into the enum, statements bind the enum, and a value the code does not know is an error
//! naming it rather than a string compared by hand.

use std::borrow::Cow;

use sqlx::error::BoxDynError;
use sqlx::{Database, Decode, Postgres, Sqlite, Type};

use super::tx::{Arg, Plain};
use crate::domain::comment::CommentStatus;
use crate::domain::live::{UpdateAction, UpdateStatus};
use crate::domain::live_question::QuestionStatus;
use crate::domain::moderation::{HoldReason, TrainedAs};
use crate::domain::newsroom::Workflow;

/// An enum kept in a TEXT column under the names its `as_str` gives.
trait TextColumn: Copy + Sized + 'static {
    const WHAT: &'static str;
    fn name(self) -> &'static str;
    fn from_name(name: &str) -> Option<Self>;

    fn decode_text(text: &str) -> Result<Self, BoxDynError> {
        Self::from_name(text).ok_or_else(|| format!("unknown {} `{text}`", Self::WHAT).into())
    }
}

// sqlx's derive would put database attributes on the domain's types; these few impls keep
// the domain free of them. One macro, because the same four trait impls repeat per enum.
macro_rules! text_column {
    ($($ty:ty => $what:literal),* $(,)?) => {$(
        impl TextColumn for $ty {
            const WHAT: &'static str = $what;
            fn name(self) -> &'static str {
                self.as_str()
            }
            fn from_name(name: &str) -> Option<Self> {
                <$ty>::parse(name)
            }
        }
        impl Plain for $ty {
            fn arg(value: Option<Self>) -> Arg<'static> {
                Arg::Text(value.map(|v| Cow::Borrowed(v.name())))
            }
        }
        impl Type<Sqlite> for $ty {
            fn type_info() -> <Sqlite as Database>::TypeInfo {
                <str as Type<Sqlite>>::type_info()
            }
            fn compatible(ty: &<Sqlite as Database>::TypeInfo) -> bool {
                <str as Type<Sqlite>>::compatible(ty)
            }
        }
        impl<'r> Decode<'r, Sqlite> for $ty {
            fn decode(value: <Sqlite as Database>::ValueRef<'r>) -> Result<Self, BoxDynError> {
                Self::decode_text(<&str as Decode<'r, Sqlite>>::decode(value)?)
            }
        }
        impl Type<Postgres> for $ty {
            fn type_info() -> <Postgres as Database>::TypeInfo {
                <str as Type<Postgres>>::type_info()
            }
            fn compatible(ty: &<Postgres as Database>::TypeInfo) -> bool {
                <str as Type<Postgres>>::compatible(ty)
            }
        }
        impl<'r> Decode<'r, Postgres> for $ty {
            fn decode(value: <Postgres as Database>::ValueRef<'r>) -> Result<Self, BoxDynError> {
                Self::decode_text(<&str as Decode<'r, Postgres>>::decode(value)?)
            }
        }
    )*};
}

text_column! {
    CommentStatus => "comment status",
    Workflow => "workflow state",
    HoldReason => "held reason",
    TrainedAs => "spam training",
    UpdateStatus => "live update status",
    UpdateAction => "live update action",
    QuestionStatus => "question status",
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_unknown_ones_are_named() {
        for s in [
            CommentStatus::Visible,
            CommentStatus::Pending,
            CommentStatus::Rejected,
            CommentStatus::Deleted,
        ] {
            assert_eq!(CommentStatus::decode_text(s.name()).unwrap(), s);
        }
        assert_eq!(
            Workflow::decode_text("in_review").unwrap(),
            Workflow::InReview
        );
        let e = CommentStatus::decode_text("hidden").unwrap_err();
        assert_eq!(e.to_string(), "unknown comment status `hidden`");
        // The audit log keeps states as JSON under the same names.
        for r in [
            HoldReason::PreModeration,
            HoldReason::SuspectWord,
            HoldReason::Reports,
        ] {
            assert_eq!(
                serde_json::to_string(&r).unwrap(),
                format!("\"{}\"", r.name())
            );
        }
        assert_eq!(serde_json::to_string(&TrainedAs::Ham).unwrap(), "\"ham\"");
        assert_eq!(
            serde_json::to_string(&CommentStatus::Visible).unwrap(),
            "\"visible\""
        );
        assert_eq!(
            <HoldReason as Plain>::arg(Some(HoldReason::SuspectWord)),
            Arg::Text(Some(Cow::Borrowed("suspect_word")))
        );
    }
}
