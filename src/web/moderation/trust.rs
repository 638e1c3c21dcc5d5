//! The trust fields of the site-wide moderation settings (`admin_trust_settings.html`): the
//! trusted bar, demotion and whether a new member's first comment waits. The member bar is
//! the reports' fields, in `settings.rs`.

use serde::Deserialize;

use crate::domain::l10n::Tr;
use crate::domain::moderation::{ReporterBar, TrustField, TrustThresholds};
use crate::store::moderation::ModerationSettings;

/// The fields as typed. Absent (a form from before them): kept as they are.
#[derive(Deserialize, Default, Clone)]
pub(super) struct TrustForm {
    pub(super) hold_first_comment: Option<String>,
    pub(super) trusted_min_account_days: Option<String>,
    pub(super) trusted_min_approved: Option<String>,
    pub(super) demote_after: Option<String>,
    pub(super) demote_window_days: Option<String>,
}

/// The fields as the form shows them.
pub struct TrustFields {
    pub hold_first_comment: bool,
    pub trusted_days: String,
    pub trusted_approved: String,
    pub demote_after: String,
    pub demote_window: String,
}

impl TrustFields {
    pub(super) fn of(s: &ModerationSettings) -> TrustFields {
        TrustFields {
            hold_first_comment: s.hold_first_comment,
            trusted_days: s.trusted_min_account_days.to_string(),
            trusted_approved: s.trusted_min_approved.to_string(),
            demote_after: s.demote_after.to_string(),
            demote_window: s.demote_window_days.to_string(),
        }
    }

    /// A refused form comes back as it was typed.
    pub(super) fn typed(&mut self, t: &TrustForm) {
        if let Some(v) = &t.hold_first_comment {
            self.hold_first_comment = v == "yes";
        }
        for (field, value) in [
            (&mut self.trusted_days, &t.trusted_min_account_days),
            (&mut self.trusted_approved, &t.trusted_min_approved),
            (&mut self.demote_after, &t.demote_after),
            (&mut self.demote_window, &t.demote_window_days),
        ] {
            if let Some(v) = value {
                v.clone_into(field);
            }
        }
    }
}

impl TrustForm {
    /// The thresholds (over the member bar already parsed) and the first-comment hold, or what
    /// is wrong, in words.
    pub(super) fn parse(
        &self,
        tr: Tr,
        bar: ReporterBar,
        old: &ModerationSettings,
    ) -> Result<(TrustThresholds, bool), String> {
        let current = old.trust_thresholds();
        // `what`: the field's name, a message id.
        let number = |typed: &Option<String>, kept: i64, what: &str| match typed {
            None => Ok(kept),
            Some(v) => v
                .trim()
                .parse::<i64>()
                .map_err(|_| tr.t1("desk-settings-whole", "what", tr.t(what))),
        };
        let t = TrustThresholds {
            member_requires_verified: bar.verified,
            member_min_account_days: bar.min_account_days,
            member_min_approved: bar.min_approved,
            trusted_min_account_days: number(
                &self.trusted_min_account_days,
                current.trusted_min_account_days,
                "desk-field-trusted-days",
            )?,
            trusted_min_approved: number(
                &self.trusted_min_approved,
                current.trusted_min_approved,
                "desk-field-trusted-approved",
            )?,
            demote_window_days: number(
                &self.demote_window_days,
                current.demote_window_days,
                "desk-field-demote-window",
            )?,
            demote_after: number(
                &self.demote_after,
                current.demote_after,
                "desk-field-demote-after",
            )?,
        };
        t.check().map_err(|field| {
            let max = field.max();
            match field {
                TrustField::TrustedDays => tr.t1("desk-trust-days-range", "max", max),
                TrustField::TrustedApproved => tr.t1("desk-trust-approved-range", "max", max),
                TrustField::DemoteWindow => tr.t1("desk-trust-window-range", "max", max),
                TrustField::DemoteAfter => tr.t1("desk-trust-after-range", "max", max),
            }
        })?;
        let hold_first = match self.hold_first_comment.as_deref().map(str::trim) {
            None => old.hold_first_comment,
            Some("yes") => true,
            Some("no") => false,
            Some(_) => return Err(tr.t("desk-trust-hold-choice")),
        };
        Ok((t, hold_first))
    }
}
