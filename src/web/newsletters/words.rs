//! The newsroom's newsletter pages' refusals in the viewer's words (`nlm-…` in
//! `media-newsletters.ftl`).

use crate::domain::l10n::Tr;
use crate::domain::newsletter::{NewsletterField, NewsletterProblem};

/// Why a newsletter's or an edition's fields were refused.
pub(super) fn problem(tr: Tr, p: NewsletterProblem) -> String {
    use NewsletterField as F;
    match p {
        NewsletterProblem::Required(field) => tr.t(match field {
            F::Name => "nlm-name-required",
            F::SenderName => "nlm-sender-required",
            F::Subject => "nlm-subject-required",
            // (Never required; worded all the same.)
            F::Description => "nlm-description-required",
            F::Intro => "nlm-intro-required",
        }),
        NewsletterProblem::TooLong(field, max) => match field {
            F::Name => tr.t1("nlm-name-too-long", "max", max),
            F::Description => tr.t1("nlm-description-too-long", "max", max),
            F::SenderName => tr.t1("nlm-sender-too-long", "max", max),
            F::Subject => tr.t1("nlm-subject-too-long", "max", max),
            F::Intro => tr.t1("nlm-intro-too-long", "max", max),
        },
        NewsletterProblem::SenderNameChars => tr.t("nlm-sender-chars"),
        NewsletterProblem::HourOutOfRange => tr.t("nlm-hour-range"),
        NewsletterProblem::SubjectNotOneLine => tr.t("nlm-subject-one-line"),
        NewsletterProblem::SlugTooLong(max) => tr.t1("nlm-slug-too-long", "max", max),
        NewsletterProblem::TooManyArticles(max) => tr.t1("nlm-too-many-articles", "max", max),
    }
}
