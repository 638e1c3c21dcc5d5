//! The desk's words for the domain's enums and facts (queues, statuses, hold reasons, trust
//! levels, logged actions, roles…), from the catalogue in the viewer's language: the domain
//! names things, the pages say them.

use crate::domain::comment::CommentStatus;
use crate::domain::l10n::Tr;
use crate::domain::moderation::{CommentMode, HoldDetail, HoldReason, Queue, RejectReason};
use crate::domain::moderation::{MAX_NOTE_CHARS, NoteTooLong, TrustLevel};

pub(crate) fn queue(q: Queue) -> &'static str {
    match q {
        Queue::Pending => "desk-queue-pending",
        Queue::Reported => "desk-queue-reported",
        Queue::Flagged => "desk-queue-flagged",
    }
}

pub(crate) fn status(s: CommentStatus) -> &'static str {
    match s {
        CommentStatus::Visible => "desk-status-visible",
        CommentStatus::Pending => "desk-status-held",
        CommentStatus::Rejected => "desk-status-rejected",
        CommentStatus::Deleted => "desk-status-deleted",
    }
}

pub(crate) fn hold_reason(h: HoldReason) -> &'static str {
    match h {
        HoldReason::PreModeration => "desk-held-premoderation",
        HoldReason::FirstComment => "desk-held-first-comment",
        HoldReason::Link => "desk-held-link",
        HoldReason::SuspectWord => "desk-held-suspect-word",
        HoldReason::Spam => "desk-held-spam",
        HoldReason::Reports => "desk-held-reports",
    }
}

pub(crate) fn reject_reason(r: RejectReason) -> &'static str {
    match r {
        RejectReason::Spam => "desk-reject-spam",
        RejectReason::Abuse => "desk-reject-abuse",
        RejectReason::OffTopic => "desk-reject-off-topic",
        RejectReason::Personal => "desk-reject-personal",
        RejectReason::Other => "desk-reject-other",
    }
}

/// A rejected comment's stored note in words: its reason from the catalogue, then the
/// moderator's own words; a note stored some other way, as it is.
pub(crate) fn rejection(tr: Tr, stored: &str) -> String {
    match crate::domain::moderation::parse_rejection(stored) {
        Some((reason, "")) => tr.t(reject_reason(reason)),
        Some((reason, note)) => tr.t2(
            "desk-rejection-with-note",
            "reason",
            tr.t(reject_reason(reason)),
            "note",
            note,
        ),
        None => stored.to_owned(),
    }
}

pub(crate) fn trust_level(t: TrustLevel) -> &'static str {
    match t {
        TrustLevel::New => "desk-trust-new",
        TrustLevel::Member => "desk-trust-member",
        TrustLevel::Trusted => "desk-trust-trusted",
    }
}

/// A reader's report reason (the keys of the report form), in words; an unknown one as stored.
pub(crate) fn report_reason(tr: Tr, key: &str) -> String {
    crate::web::conversation::report::reason_label_id(key)
        .map_or_else(|| key.to_owned(), |id| tr.t(id))
}

/// A role's name (`Role::as_str`); an unknown one as stored.
pub(crate) fn role(tr: Tr, role: &str) -> String {
    let id = match role {
        "member" => "desk-role-member",
        "contributor" => "desk-role-contributor",
        "moderator" => "desk-role-moderator",
        "editor" => "desk-role-editor",
        "admin" => "desk-role-admin",
        _ => return role.to_owned(),
    };
    tr.t(id)
}

/// A logged action, as the desk and the log describe it.
pub(crate) fn action(tr: Tr, action: &str) -> String {
    tr.t(match action {
        "approve" => "desk-did-approve",
        "reject" => "desk-did-reject",
        "pin" => "desk-did-pin",
        "unpin" => "desk-did-unpin",
        "auto_hide" => "desk-did-auto-hide",
        "ban" => "desk-did-ban",
        "unban" => "desk-did-unban",
        "role" => "desk-did-role",
        "question_approve" => "desk-did-question-approve",
        "question_reject" => "desk-did-question-reject",
        "undo" => "desk-did-undo",
        "policy" => "desk-did-policy",
        "words" => "desk-did-words",
        "settings" => "desk-did-settings",
        _ => "desk-did-other",
    })
}

/// A logged action's name in the log's filter menu.
pub(crate) fn action_name(tr: Tr, action: &str) -> String {
    tr.t(match action {
        "approve" => "desk-action-approve",
        "reject" => "desk-action-reject",
        "pin" => "desk-action-pin",
        "unpin" => "desk-action-unpin",
        "auto_hide" => "desk-action-auto-hide",
        "ban" => "desk-action-ban",
        "unban" => "desk-action-unban",
        "undo" => "desk-action-undo",
        "role" => "desk-action-role",
        "policy" => "desk-action-policy",
        "words" => "desk-action-words",
        _ => "desk-action-settings",
    })
}

/// A comment mode, as the settings page's table of policies says it.
pub(crate) fn mode(tr: Tr, mode: CommentMode) -> String {
    match mode {
        CommentMode::Open => tr.t("desk-mode-open"),
        CommentMode::Closed => tr.t("desk-mode-closed"),
        CommentMode::PreModerated { first: None } => tr.t("desk-mode-premoderated"),
        CommentMode::PreModerated { first: Some(n) } => {
            tr.t1("desk-mode-premoderated-first", "count", n)
        }
    }
}

/// Why a comment waits, as the desk says it: the hold's reason with its stored detail.
pub(crate) fn held_why(tr: Tr, detail: &HoldDetail, reason: HoldReason) -> String {
    let why = match reason {
        HoldReason::PreModeration => match detail.first {
            Some(n) => tr.t1("desk-why-premoderated-first", "count", n),
            None => tr.t("desk-why-premoderated"),
        },
        HoldReason::FirstComment => tr.t("desk-why-first-comment"),
        HoldReason::Link => match detail.level.as_deref() {
            Some("new") | None => tr.t("desk-why-first-link"),
            Some(l) => {
                let level = match l {
                    "trusted" => tr.t("desk-trust-trusted"),
                    _ => tr.t("desk-trust-member"),
                };
                tr.t1("desk-why-link", "level", level)
            }
        },
        HoldReason::SuspectWord => match &detail.word {
            Some(w) => tr.t1("desk-why-suspect-word", "word", w),
            None => tr.t("desk-why-suspect"),
        },
        HoldReason::Spam => match detail.score {
            Some(p) => tr.t1("desk-why-spam-score", "score", format!("{p:.2}")),
            None => tr.t("desk-why-spam"),
        },
        HoldReason::Reports => match detail.reports {
            Some(n) => tr.t1("desk-why-reports-weighing", "weight", n),
            None => tr.t("desk-why-reports"),
        },
    };
    if detail.edit {
        tr.t1("desk-why-edited", "why", why)
    } else {
        why
    }
}

/// A moderator's note that is too long, in words.
pub(crate) fn note_too_long(tr: Tr, long: NoteTooLong) -> String {
    tr.t2("desk-note-too-long", "count", long.0, "max", MAX_NOTE_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::locale::Locale;

    #[test]
    fn each_hold_reads_in_words_with_its_detail() {
        let tr = Tr::new(Locale::En);
        let d = HoldDetail::default;
        let word = HoldDetail {
            word: Some("idiot".into()),
            ..d()
        };
        let cases = [
            (word.clone(), HoldReason::SuspectWord, "suspect word: idiot"),
            (
                HoldDetail {
                    score: Some(0.934),
                    ..d()
                },
                HoldReason::Spam,
                "spam score 0.93",
            ),
            (
                HoldDetail {
                    level: Some("member".into()),
                    edit: true,
                    ..d()
                },
                HoldReason::Link,
                "edited after posting; link from a member with few approved comments",
            ),
            (
                HoldDetail {
                    first: Some(2),
                    ..d()
                },
                HoldReason::PreModeration,
                "pre-moderated: one of a member's first 2 comments",
            ),
            (
                HoldDetail::of_reports(4),
                HoldReason::Reports,
                "hidden after reports weighing 4",
            ),
            // Rows held before details were kept.
            (d(), HoldReason::Spam, "spam filter"),
            (d(), HoldReason::Link, "first link from a new member"),
        ];
        for (detail, reason, words) in cases {
            assert_eq!(held_why(tr, &detail, reason), words, "{reason:?}");
        }
        let german = held_why(Tr::new(Locale::De), &word, HoldReason::SuspectWord);
        assert!(german.ends_with(": idiot") && german != "suspect word: idiot");
    }
}
