//! The note a revision carries: what the product says about how it was made, kept as a kind
//! and its arguments and worded only when shown (the history page).

/// How a revision was made, as its note records it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RevisionNote {
    /// An ordinary save: no note.
    None,
    /// The article's first revision.
    Created,
    /// The article was replaced through the API.
    ReplacedThroughApi,
    /// Revision `n`'s content saved again as the newest.
    Restored(i64),
    /// A note nobody here wrote (kept and shown as it is).
    Other(String),
}

/// The stored form of [`RevisionNote::Restored`]: `restored:N`.
const RESTORED: &str = "restored:";
/// How restores were stored before the notes were kept as kinds.
const LEGACY_RESTORED: &str = "Restored revision ";

impl RevisionNote {
    /// The note as the `article_revisions.note` column keeps it. `Created` and `Replaced
    /// through the API` are fixed codes the store writes itself (older rows have them too).
    pub fn stored(&self) -> String {
        match self {
            RevisionNote::None => String::new(),
            RevisionNote::Created => "Created".to_owned(),
            RevisionNote::ReplacedThroughApi => "Replaced through the API".to_owned(),
            RevisionNote::Restored(n) => format!("{RESTORED}{n}"),
            RevisionNote::Other(text) => text.clone(),
        }
    }

    /// A stored note read back, old rows' `Restored revision N` included.
    pub fn read(stored: &str) -> RevisionNote {
        match stored {
            "" => RevisionNote::None,
            "Created" => RevisionNote::Created,
            "Replaced through the API" => RevisionNote::ReplacedThroughApi,
            _ => match stored
                .strip_prefix(RESTORED)
                .or_else(|| stored.strip_prefix(LEGACY_RESTORED))
                .and_then(|n| n.parse::<i64>().ok())
            {
                Some(n) => RevisionNote::Restored(n),
                None => RevisionNote::Other(stored.to_owned()),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_read_back_as_stored_and_old_restores_still_read() {
        for note in [
            RevisionNote::None,
            RevisionNote::Created,
            RevisionNote::ReplacedThroughApi,
            RevisionNote::Restored(7),
            RevisionNote::Other("Merged by hand".into()),
        ] {
            assert_eq!(RevisionNote::read(&note.stored()), note);
        }
        assert_eq!(RevisionNote::Restored(7).stored(), "restored:7");
        assert_eq!(
            RevisionNote::read("Restored revision 12"),
            RevisionNote::Restored(12)
        );
        assert_eq!(
            RevisionNote::read("restored:x"),
            RevisionNote::Other("restored:x".into())
        );
    }
}
