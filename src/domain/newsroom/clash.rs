//! What the store refuses of a newsroom write by a rule of its own (a key already held, a name
//! that matches nothing), as values: the web layer words them in the viewer's language, and
//! `english` is the API's and the log's wording.

use crate::domain::frontmatter::MAX_NAME_CHARS;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Clash {
    /// Another article has this slug.
    ArticleSlugTaken(String),
    /// Another section, author or tag has this slug.
    LabelSlugTaken(String),
    /// A draft names a section the site does not have (as typed, cut to a name's length).
    UnknownSection(String),
    /// A translation link names an address no article has.
    NoArticleAt(String),
    /// A translation link names the article itself.
    TranslationOfItself,
    /// Another newsletter has this name.
    NewsletterNameTaken(String),
    /// An edition lists a slug no published article has.
    NoPublishedArticle(String),
    /// The edition is no longer a draft.
    EditionSent,
}

impl Clash {
    pub fn unknown_section(typed: &str) -> Clash {
        Clash::UnknownSection(typed.chars().take(MAX_NAME_CHARS).collect())
    }

    pub fn english(&self) -> String {
        match self {
            Clash::ArticleSlugTaken(slug) => {
                format!("The slug “{slug}” is used by another article: choose another.")
            }
            Clash::LabelSlugTaken(slug) => format!("The slug “{slug}” is taken: choose another."),
            Clash::UnknownSection(shown) => format!(
                "There is no section “{shown}”: choose one of the site's sections. Only editors \
                 add sections, under Sections in the admin."
            ),
            Clash::NoArticleAt(slug) => format!("No article has the address /articles/{slug}."),
            Clash::TranslationOfItself => "An article cannot be a translation of itself.".into(),
            Clash::NewsletterNameTaken(name) => {
                format!("A newsletter named “{name}” exists already.")
            }
            Clash::NoPublishedArticle(slug) => {
                format!("No published article has the slug “{slug}”.")
            }
            Clash::EditionSent => "This edition has been sent: it can no longer be changed.".into(),
        }
    }
}

impl std::fmt::Display for Clash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.english())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_section_is_cut_to_a_names_length() {
        let long = "x".repeat(MAX_NAME_CHARS + 10);
        let Clash::UnknownSection(shown) = Clash::unknown_section(&long) else {
            unreachable!()
        };
        assert_eq!(shown.chars().count(), MAX_NAME_CHARS);
        assert!(
            Clash::unknown_section("Travel")
                .english()
                .contains("no section “Travel”")
        );
    }
}
