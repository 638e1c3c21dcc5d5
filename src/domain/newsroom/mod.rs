//! The newsroom: an article's working copy, its workflow, who may do what to it, corrections
//! and the line diff between two revisions. No SQL, no HTTP.
//!
//! Workflow (draft → in review → approved) is kept apart from publication (none, scheduled,
//! published), which is only `published_at` compared with now: a published article can go back
//! to draft for a rewrite while readers keep seeing its live version.

pub mod autosave;
mod clash;
mod corrections;
mod diff;
mod draft;
mod labels;
mod revision_note;
mod workflow;

pub use clash::Clash;
pub use corrections::{
    Correction, CorrectionProblem, MAX_CORRECTION_CHARS, correction_text, parse_corrections,
};
pub use diff::{DiffKind, DiffLine, line_diff};
pub use draft::{
    Draft, DraftField, DraftFields, DraftProblem, MAX_BODY_BYTES, TextField, section_exists,
};
pub use labels::{
    Label, LabelField, LabelFields, LabelProblem, MAX_DESCRIPTION_CHARS, taxonomy_access,
};
pub use revision_note::RevisionNote;
pub use workflow::{
    ArticleAccess, ArticleFacts, Publication, ScheduleProblem, Workflow, article_access,
    local_to_utc, schedule_time, utc_to_local_field,
};
