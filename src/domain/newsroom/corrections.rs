//! Correction notes at the foot of an article.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The longest correction note.
pub const MAX_CORRECTION_CHARS: usize = 1000;

/// A correction note at the foot of an article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    pub at: DateTime<Utc>,
    pub text: String,
}

/// Reads the stored corrections; an unreadable value shows none rather than failing the page.
pub fn parse_corrections(json: &str) -> Vec<Correction> {
    serde_json::from_str(json).unwrap_or_default()
}

/// Why a correction note was refused (the web layer words it, `newsroom-correction-…`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CorrectionProblem {
    Empty,
    /// Longer than this many characters.
    TooLong(usize),
}

/// A correction note as typed, checked.
pub fn correction_text(typed: &str) -> Result<String, CorrectionProblem> {
    let text = typed.trim();
    if text.is_empty() {
        return Err(CorrectionProblem::Empty);
    }
    if text.chars().count() > MAX_CORRECTION_CHARS {
        return Err(CorrectionProblem::TooLong(MAX_CORRECTION_CHARS));
    }
    Ok(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corrections_are_checked_and_read_back() {
        assert!(correction_text("  ").is_err());
        assert_eq!(
            correction_text(" Fixed the date. ").unwrap(),
            "Fixed the date."
        );
        let c = vec![Correction {
            at: Utc::now(),
            text: "x".into(),
        }];
        assert_eq!(parse_corrections(&serde_json::to_string(&c).unwrap()), c);
        assert!(parse_corrections("not json").is_empty());
        assert!(correction_text(&"x".repeat(MAX_CORRECTION_CHARS + 1)).is_err());
    }
}
