//! The article-file importer: any bytes give an article or an error naming a line in the file,
//! never a panic; an accepted article has a valid slug and a title within the limits.
#![no_main]

use broadsheet::domain::Slug;
use broadsheet::domain::frontmatter::{MAX_TITLE_CHARS, parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    match parse(input) {
        Ok(article) => {
            assert!(Slug::parse(article.slug.as_str()).is_ok());
            assert!(!article.title.trim().is_empty());
            assert!(article.title.chars().count() <= MAX_TITLE_CHARS);
        }
        Err(e) => {
            // Lines as an editor counts them: `\n`, `\r\n` or a lone `\r` ends one.
            let lines = input
                .replace("\r\n", "\n")
                .replace('\r', "\n")
                .lines()
                .count()
                .max(1)
                + 1;
            assert!(
                e.line >= 1 && e.line <= lines,
                "line {} of {lines}: {e}",
                e.line
            );
        }
    }
});
