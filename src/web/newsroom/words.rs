//! The newsroom's words for what the domain says in values: workflow steps, publication,
//! a draft's problems and a refused publication time, in the viewer's language
//! (`locales/*/newsroom.ftl`).

use crate::domain::dashboard::ArticleStatus;
use crate::domain::l10n::Tr;
use crate::domain::live::{LiveProblem, MAX_UPDATE_ALT_CHARS, MAX_UPDATE_BYTES};
use crate::domain::locale::Dates;
use crate::domain::newsroom::{
    Clash, DraftField, DraftProblem, Publication, ScheduleProblem, TextField, Workflow,
};

pub fn workflow_label(tr: Tr, w: Workflow) -> String {
    tr.t(match w {
        Workflow::Draft => "newsroom-status-draft",
        Workflow::InReview => "newsroom-status-in-review",
        Workflow::Approved => "newsroom-status-approved",
    })
}

/// One field's line of a working copy as the revision diff shows it (`Headline: …`).
pub fn draft_line(tr: Tr, field: TextField, value: &str) -> String {
    let id = match field {
        TextField::Headline => "live-diff-headline",
        TextField::Slug => "live-diff-slug",
        TextField::Summary => "live-diff-summary",
        TextField::Section => "live-diff-section",
        TextField::Authors => "live-diff-authors",
        TextField::Tags => "live-diff-tags",
        TextField::Image => "live-diff-image",
        TextField::AltText => "live-diff-alt-text",
        TextField::Caption => "live-diff-caption",
    };
    tr.t1(id, "value", value)
}

/// An article's status as the dashboard counts it.
pub fn status_label(tr: Tr, s: ArticleStatus) -> String {
    tr.t(match s {
        ArticleStatus::Draft => "newsroom-status-draft",
        ArticleStatus::InReview => "newsroom-status-in-review",
        ArticleStatus::Approved => "newsroom-status-approved-unpublished",
        ArticleStatus::Scheduled => "newsroom-status-scheduled",
        ArticleStatus::Published => "newsroom-status-published",
    })
}

pub fn publication_label(tr: Tr, p: Publication, dates: &Dates) -> String {
    match p {
        Publication::Unpublished => tr.t("newsroom-not-published"),
        Publication::Scheduled(t) => tr.t1("newsroom-scheduled-for", "time", dates.long(t)),
        Publication::Published(t) => tr.t1("newsroom-published-at", "time", dates.long(t)),
    }
}

/// A problem with a typed draft, as a sentence saying what to fix.
pub fn draft_problem(tr: Tr, p: &DraftProblem) -> String {
    match p {
        DraftProblem::NoHeadline => tr.t("newsroom-problem-no-headline"),
        DraftProblem::BadSlug => tr.t("newsroom-problem-bad-slug"),
        DraftProblem::NoSection => tr.t("newsroom-problem-no-section"),
        DraftProblem::NoAuthor => tr.t("newsroom-problem-no-author"),
        DraftProblem::TooManyAuthors(n) => tr.t1("newsroom-problem-too-many-authors", "max", *n),
        DraftProblem::TooManyTags(n) => tr.t1("newsroom-problem-too-many-tags", "max", *n),
        DraftProblem::NameWithoutLetters(name) => {
            tr.t1("newsroom-problem-name-without-letters", "name", name)
        }
        DraftProblem::BodyTooLong { mib } => tr.t1("newsroom-problem-body-too-long", "mib", *mib),
        DraftProblem::ImageTextWithoutImage => tr.t("newsroom-problem-image-text-alone"),
        DraftProblem::BadImageAddress => tr.t("newsroom-problem-bad-image-address"),
        DraftProblem::NoAltText => tr.t("newsroom-problem-no-alt-text"),
        DraftProblem::NoCaption => tr.t("newsroom-problem-no-caption"),
        DraftProblem::TooLong { field, max } => {
            let field = match field {
                DraftField::Headline => tr.t("newsroom-field-headline"),
                DraftField::Summary => tr.t("newsroom-field-summary"),
                DraftField::Section => tr.t("newsroom-field-section"),
                DraftField::Name(name) => tr.t1("newsroom-field-name", "name", name),
                DraftField::ImageAddress => tr.t("newsroom-field-image-address"),
                DraftField::AltText => tr.t("newsroom-field-alt-text"),
                DraftField::Caption => tr.t("newsroom-field-caption"),
            };
            tr.t2("newsroom-problem-too-long", "field", field, "max", *max)
        }
    }
}

/// Why live coverage or an update was refused.
pub fn live_problem(tr: Tr, p: LiveProblem) -> String {
    match p {
        LiveProblem::AlreadyLive => tr.t("newsroom-live-already-live"),
        LiveProblem::NotLive => tr.t("newsroom-live-not-live"),
        LiveProblem::UpdateDeleted => tr.t("newsroom-live-update-deleted"),
        LiveProblem::NotOpen => tr.t("newsroom-live-not-open"),
        LiveProblem::EmptyUpdate => tr.t("newsroom-live-empty-update"),
        LiveProblem::UpdateTooLong(len) => tr.t2(
            "newsroom-live-update-too-long",
            "max",
            MAX_UPDATE_BYTES,
            "length",
            len,
        ),
        LiveProblem::AltWithoutImage => tr.t("newsroom-live-alt-without-image"),
        LiveProblem::BadImageAddress => tr.t("newsroom-problem-bad-image-address"),
        LiveProblem::NoAlt => tr.t1("newsroom-live-no-alt", "max", MAX_UPDATE_ALT_CHARS),
    }
}

/// What the store refused of a newsroom write, in the viewer's words.
pub fn clash(tr: Tr, c: &Clash) -> String {
    match c {
        Clash::ArticleSlugTaken(slug) => tr.t1("newsroom-clash-article-slug", "slug", slug),
        Clash::LabelSlugTaken(slug) => tr.t1("newsroom-clash-label-slug", "slug", slug),
        Clash::UnknownSection(shown) => tr.t1("newsroom-problem-unknown-section", "section", shown),
        Clash::NoArticleAt(slug) => tr.t1("newsroom-clash-no-article", "slug", slug),
        Clash::TranslationOfItself => tr.t("newsroom-clash-translation-of-itself"),
        Clash::NewsletterNameTaken(name) => tr.t1("nlm-name-taken", "name", name),
        Clash::NoPublishedArticle(slug) => tr.t1("nlm-no-published-article", "slug", slug),
        Clash::EditionSent => tr.t("nlm-edition-sent"),
    }
}

/// A store error with a [`Clash`] turned into a sentence ready to show, so a handler answers
/// every refusal of the store in one `Conflict` arm.
pub fn worded(tr: Tr, e: crate::store::Error) -> crate::store::Error {
    match e {
        crate::store::Error::Clash(c) => crate::store::Error::Conflict(clash(tr, &c)),
        other => other,
    }
}

/// Why a publication time was refused; `zone` is the one the field was read in.
pub fn schedule_problem(tr: Tr, p: ScheduleProblem, zone: &str) -> String {
    match p {
        ScheduleProblem::Unreadable => tr.t1("newsroom-schedule-unreadable", "zone", zone),
        ScheduleProblem::Skipped => tr.t1("newsroom-schedule-skipped", "zone", zone),
        ScheduleProblem::Passed => tr.t("newsroom-schedule-passed"),
    }
}

/// Stands in for the variable of a message whose value is shown as code (see [`with_code`]).
pub const CODE: &str = "\u{E001}";

/// `text` (a message given [`CODE`] for its one variable) as HTML for `|safe`: escaped, with
/// `code` in a `<code>` element where the marker is.
pub fn with_code(text: &str, code: &str) -> String {
    fn escape(s: &str) -> String {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    }
    escape(text).replace(CODE, &format!("<code>{}</code>", escape(code)))
}
