//! Banned and suspect words: lists edited by admins, checked against a comment in one pass.
//!
//! List entries and comments go through the same normalisation ([`normalised_words`]), so an
//! entry matches whatever spelling of it normalises to the same words:
//!
//! 1. Unicode compatibility decomposition (NFKD) with combining marks dropped, then lower case:
//!    "Café" and "ＣＡＦＥ" both become "cafe".
//! 2. Apostrophes inside a word are dropped ("don't" → "dont").
//! 3. In a word that has at least one letter, look-alike characters become the letter they
//!    imitate: 0→o 1→i 3→e 4→a 5→s 7→t @→a $→s |→i, and ! inside the word →i ("sh1t", "@ss",
//!    "sp@m"). A ! at either end of a word is punctuation.
//! 4. Three or more single characters in a row, each separated from the next by one or two
//!    non-word characters, are joined into one word when at least two of them are letters:
//!    "s.p.a.m", "s-p-a-m", "s p a m", "s. p. 4. m." all become "spam". Runs of two ("U.S.")
//!    are left alone.
//! 5. A run of three or more identical characters collapses to one ("spaaaam" → "spam"), so a
//!    doubled letter stays ("kill" is still "kill").
//!
//! Matching is by whole words: the comment's words and each entry's words are joined with single
//! spaces and searched with a space on either side, so banning "ass" flags "a.s.s" but not
//! "class" or "assessment". Entries may be phrases of several words. Scripts written without
//! spaces between words (Chinese, Japanese, Thai) therefore only match where the text happens to
//! separate the entry from its neighbours.

use std::collections::HashSet;

use aho_corasick::{AhoCorasick, MatchKind};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The longest line [`parse_list`] accepts, in characters.
pub const MAX_ENTRY_CHARS: usize = 100;
/// The most entries [`parse_list`] accepts in one list.
pub const MAX_ENTRIES: usize = 10_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WordKind {
    /// The comment is refused.
    Banned,
    /// The comment is held for a moderator.
    Suspect,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WordMatch {
    pub kind: WordKind,
    /// The listed entry as the admin wrote it (trimmed), not its normalised form.
    pub word: String,
}

/// Both lists compiled into one automaton.
pub struct WordFilter {
    /// `None` when both lists are empty (after dropping entries that normalise to nothing).
    automaton: Option<AhoCorasick>,
    /// What each pattern of the automaton stands for, by pattern index.
    entries: Vec<WordMatch>,
}

impl WordFilter {
    /// Compiles both lists. Entries that are empty, or have no letter or digit once normalised
    /// (such as "!!!"), are ignored; so is an entry whose normalised form is already listed,
    /// banned entries being taken first.
    pub fn new(banned: &[String], suspect: &[String]) -> WordFilter {
        let mut patterns: Vec<String> = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        let mut entries = Vec::new();
        let listed = banned
            .iter()
            .map(|w| (WordKind::Banned, w))
            .chain(suspect.iter().map(|w| (WordKind::Suspect, w)));
        for (kind, word) in listed {
            let words = normalised_words(word);
            if words.is_empty() {
                continue;
            }
            let pattern = padded(&words);
            if !seen.insert(pattern.clone()) {
                continue;
            }
            patterns.push(pattern);
            entries.push(WordMatch {
                kind,
                word: word.trim().to_owned(),
            });
        }
        let automaton = (!patterns.is_empty()).then(|| {
            // Overlapping search needs the standard match semantics: " a b " and " b c " can
            // share the space between them, and a banned entry must be found even when a
            // suspect one overlaps it.
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(&patterns)
                // Building fails only past the automaton's size limits, far beyond
                // MAX_ENTRIES entries of MAX_ENTRY_CHARS characters.
                .expect("word list too large for the matcher")
        });
        WordFilter { automaton, entries }
    }

    /// The first banned entry in the text if there is one, else the first suspect one.
    pub fn check(&self, text: &str) -> Option<WordMatch> {
        let automaton = self.automaton.as_ref()?;
        let haystack = padded(&normalised_words(text));
        let mut suspect = None;
        for found in automaton.find_overlapping_iter(&haystack) {
            let entry = &self.entries[found.pattern().as_usize()];
            match entry.kind {
                WordKind::Banned => return Some(entry.clone()),
                WordKind::Suspect => {
                    suspect.get_or_insert(entry);
                }
            }
        }
        suspect.cloned()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// What is wrong with an admin's list: a line past [`MAX_ENTRY_CHARS`] (its number from 1 and
/// its length), or more than [`MAX_ENTRIES`] entries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListProblem {
    LongLine { line: usize, chars: usize },
    TooMany,
}

/// Parses an admin's list: one word or phrase per line, trimmed; blank lines and repeated lines
/// dropped, first occurrence kept.
pub fn parse_list(text: &str) -> Result<Vec<String>, ListProblem> {
    let mut entries: Vec<String> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for (index, line) in text.lines().enumerate() {
        let entry = line.trim();
        if entry.is_empty() {
            continue;
        }
        let chars = entry.chars().count();
        if chars > MAX_ENTRY_CHARS {
            return Err(ListProblem::LongLine {
                line: index + 1,
                chars,
            });
        }
        if !seen.insert(entry) {
            continue;
        }
        if entries.len() == MAX_ENTRIES {
            return Err(ListProblem::TooMany);
        }
        entries.push(entry.to_owned());
    }
    Ok(entries)
}

/// The words of a normalised text joined by single spaces, with a space at each end, so that a
/// pattern made the same way can only match whole words.
fn padded(words: &[String]) -> String {
    let mut out = String::with_capacity(words.iter().map(|w| w.len() + 1).sum::<usize>() + 1);
    out.push(' ');
    for word in words {
        out.push_str(word);
        out.push(' ');
    }
    out
}

/// The character a look-alike stands for inside a word.
fn look_alike(c: char) -> Option<char> {
    Some(match c {
        '0' => 'o',
        '1' | '|' | '!' => 'i',
        '3' => 'e',
        '4' | '@' => 'a',
        '5' | '$' => 's',
        '7' => 't',
        _ => return None,
    })
}

/// Symbols that can stand for a letter, so they are kept inside a word rather than splitting it.
fn is_look_alike_symbol(c: char) -> bool {
    matches!(c, '@' | '$' | '|' | '!')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// A run of word characters from the folded text, before single characters are joined.
struct Piece {
    word: String,
    /// The letter this piece stands for when it is one character long and part of a spelled-out
    /// word ("s", or "4" standing for "a").
    single: Option<char>,
    /// Whether that one character is a real letter rather than a look-alike.
    single_is_letter: bool,
    /// Non-word characters between the previous piece and this one.
    gap_before: usize,
}

/// The normalised words of a text, as described in the module documentation. The spam
/// classifier's word tokens are these words too.
pub(crate) fn normalised_words(text: &str) -> Vec<String> {
    // Search's folding, made stronger against disguises: compatibility forms first ("ＣＡＦＥ"),
    // and the marks of every script dropped, not only those over Latin letters.
    let folded: Vec<char> = text
        .nfkd()
        .map(super::search::fold_char)
        .filter(|&c| !is_combining_mark(c))
        .collect();
    let pieces = pieces(&folded);
    join_spelled_out(pieces)
        .into_iter()
        .map(|w| collapse_runs(&w))
        .collect()
}

fn pieces(folded: &[char]) -> Vec<Piece> {
    let is_word_char = |c: char| c.is_alphanumeric() || is_look_alike_symbol(c) || is_apostrophe(c);
    let mut pieces = Vec::new();
    let mut gap = 0;
    let mut i = 0;
    while i < folded.len() {
        if !is_word_char(folded[i]) {
            gap += 1;
            i += 1;
            continue;
        }
        let start = i;
        while i < folded.len() && is_word_char(folded[i]) {
            i += 1;
        }
        let raw = &folded[start..i];
        match piece(raw, gap) {
            Some(p) => {
                pieces.push(p);
                gap = 0;
            }
            // Nothing usable ("!!!", "'"): it separates like punctuation.
            None => gap += raw.len(),
        }
    }
    pieces
}

fn piece(raw: &[char], gap_before: usize) -> Option<Piece> {
    // Quotes and exclamation marks around a word are punctuation, not part of it.
    let trimmed = trim_slice(raw, |c| c == '!' || is_apostrophe(c));
    let chars: Vec<char> = trimmed
        .iter()
        .copied()
        .filter(|&c| !is_apostrophe(c))
        .collect();
    let (single, single_is_letter) = match chars.as_slice() {
        [c] if c.is_alphabetic() => (Some(*c), true),
        [c] => (look_alike(*c), false),
        _ => (None, false),
    };
    let word: String = if chars.iter().any(|c| c.is_alphabetic()) {
        chars.iter().map(|&c| look_alike(c).unwrap_or(c)).collect()
    } else {
        // No letter to imitate, so digits stay digits and the symbols are dropped ("$5" → "5").
        chars.iter().filter(|c| c.is_alphanumeric()).collect()
    };
    if word.is_empty() && single.is_none() {
        return None;
    }
    Some(Piece {
        word,
        single,
        single_is_letter,
        gap_before,
    })
}

fn trim_slice(chars: &[char], strip: impl Fn(char) -> bool) -> &[char] {
    let start = chars.iter().position(|&c| !strip(c)).unwrap_or(chars.len());
    let end = chars
        .iter()
        .rposition(|&c| !strip(c))
        .map_or(start, |i| i + 1);
    &chars[start..end]
}

/// Joins runs of spelled-out single characters ("s p a m") into words.
fn join_spelled_out(pieces: Vec<Piece>) -> Vec<String> {
    const MIN_RUN: usize = 3;
    const MAX_GAP: usize = 2;
    let mut words = Vec::with_capacity(pieces.len());
    let mut i = 0;
    while i < pieces.len() {
        let mut end = i;
        while end < pieces.len()
            && pieces[end].single.is_some()
            && (end == i || pieces[end].gap_before <= MAX_GAP)
        {
            end += 1;
        }
        let run = &pieces[i..end];
        let letters = run.iter().filter(|p| p.single_is_letter).count();
        if run.len() >= MIN_RUN && letters >= 2 {
            words.push(run.iter().filter_map(|p| p.single).collect());
            i = end;
        } else {
            let p = &pieces[i];
            if !p.word.is_empty() {
                words.push(p.word.clone());
            }
            i += 1;
        }
    }
    words
}

/// Collapses each run of three or more identical characters to one.
fn collapse_runs(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::with_capacity(word.len());
    let mut i = 0;
    while i < chars.len() {
        let mut end = i + 1;
        while end < chars.len() && chars[end] == chars[i] {
            end += 1;
        }
        let keep = if end - i >= 3 { 1 } else { end - i };
        out.extend(std::iter::repeat_n(chars[i], keep));
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| (*w).to_owned()).collect()
    }

    fn banned(words: &[&str]) -> WordFilter {
        WordFilter::new(&list(words), &[])
    }

    fn matched(filter: &WordFilter, text: &str) -> Option<String> {
        filter.check(text).map(|m| m.word)
    }

    #[test]
    fn normalises_case_accents_and_compatibility_forms() {
        assert_eq!(normalised_words("Café CRÈME"), ["cafe", "creme"]);
        assert_eq!(normalised_words("ＦＵＬＬ ｗｉｄｔｈ"), ["full", "width"]);
        assert_eq!(normalised_words("ﬁnance"), ["finance"]);
        assert_eq!(normalised_words("Zürich, Łódź"), ["zurich", "łodz"]);
        assert_eq!(normalised_words("Ελληνικά"), ["ελληνικα"]);
    }

    #[test]
    fn undoes_look_alikes_only_inside_words_with_letters() {
        assert_eq!(
            normalised_words("sh1t 5hit @ss a$$ h|t"),
            ["shit", "shit", "ass", "ass", "hit"]
        );
        assert_eq!(normalised_words("sh!t"), ["shit"]);
        // Numbers, prices and trailing exclamation marks are not words in disguise.
        assert_eq!(
            normalised_words("1975 $5 stop!! !!!"),
            ["1975", "5", "stop"]
        );
        assert_eq!(normalised_words("don't 'quoted'"), ["dont", "quoted"]);
    }

    #[test]
    fn joins_spelled_out_letters_but_not_pairs() {
        assert_eq!(normalised_words("s.p.a.m"), ["spam"]);
        assert_eq!(normalised_words("buy s-p-a-m now"), ["buy", "spam", "now"]);
        assert_eq!(normalised_words("s p a m"), ["spam"]);
        assert_eq!(normalised_words("s. p. 4. m."), ["spam"]);
        assert_eq!(normalised_words("the U.S. team"), ["the", "u", "s", "team"]);
        // Digits on their own are not letters: a list of numbers stays a list of numbers.
        assert_eq!(normalised_words("1 3 5 7"), ["1", "3", "5", "7"]);
        // A wide gap ends the run.
        assert_eq!(normalised_words("a b c   d"), ["abc", "d"]);
    }

    #[test]
    fn collapses_runs_of_three_or_more_only() {
        assert_eq!(
            normalised_words("spaaaam kill Sooooo"),
            ["spam", "kill", "so"]
        );
        assert_eq!(normalised_words("s.p.a.a.a.m"), ["spam"]);
    }

    #[test]
    fn matches_regardless_of_case_accents_and_disguise() {
        let filter = banned(&["spam", "cafe"]);
        for text in [
            "SPAM",
            "Spam!",
            "this is sp4m",
            "sp@m again",
            "s.p.a.m",
            "s-p-a-m",
            "s p a m",
            "spaaaaam",
            "ＳＰＡＭ",
        ] {
            assert_eq!(matched(&filter, text).as_deref(), Some("spam"), "{text}");
        }
        assert_eq!(
            matched(&filter, "Meet at the Café").as_deref(),
            Some("cafe")
        );
        // The accent folding works the other way round too.
        let accented = banned(&["Café"]);
        assert_eq!(
            matched(&accented, "the cafe on the corner").as_deref(),
            Some("Café")
        );
    }

    #[test]
    fn matches_whole_words_only() {
        let filter = banned(&["ass"]);
        for text in [
            "class",
            "assessment",
            "passing the bass",
            "Assam tea",
            "c l a s s",
        ] {
            assert_eq!(filter.check(text), None, "{text}");
        }
        for text in ["you ass", "ASS!", "a.s.s", "what an @ss.", "a$$"] {
            assert_eq!(matched(&filter, text).as_deref(), Some("ass"), "{text}");
        }
        // A doubled letter is kept, so "kill" is still found as itself, and only as a word.
        let kill = banned(&["kill"]);
        assert_eq!(matched(&kill, "I will KILL it").as_deref(), Some("kill"));
        assert_eq!(kill.check("a new skill, skillfully done"), None);
    }

    #[test]
    fn matches_phrases_as_consecutive_words() {
        let filter = banned(&["buy now", "Free   Money"]);
        assert_eq!(matched(&filter, "Buy, now!").as_deref(), Some("buy now"));
        assert_eq!(
            matched(&filter, "FREE MONEY here").as_deref(),
            Some("Free   Money")
        );
        assert_eq!(filter.check("buy it now"), None);
        assert_eq!(filter.check("nowhere to buy"), None);
    }

    #[test]
    fn banned_wins_over_suspect_wherever_it_is() {
        let filter = WordFilter::new(&list(&["scam"]), &list(&["crypto", "crypto scam"]));
        let found = filter.check("crypto crypto and then a scam").unwrap();
        assert_eq!(
            found,
            WordMatch {
                kind: WordKind::Banned,
                word: "scam".into()
            }
        );
        // An overlapping suspect phrase does not hide the banned word inside it.
        assert_eq!(
            filter.check("a crypto scam").unwrap().kind,
            WordKind::Banned
        );
        let suspect = filter.check("Crypto is volatile").unwrap();
        assert_eq!(
            suspect,
            WordMatch {
                kind: WordKind::Suspect,
                word: "crypto".into()
            }
        );
        assert_eq!(filter.check("nothing to see"), None);
    }

    #[test]
    fn overlapping_phrases_sharing_a_word_are_both_found() {
        let filter = WordFilter::new(&list(&["bad deal"]), &list(&["very bad"]));
        assert_eq!(
            filter.check("a very bad deal").unwrap().kind,
            WordKind::Banned
        );
    }

    #[test]
    fn ignores_empty_entries_and_reports_the_admins_spelling() {
        let filter = WordFilter::new(&list(&["", "   ", "!!!"]), &list(&["\t"]));
        assert!(filter.is_empty());
        assert_eq!(filter.check("anything at all"), None);
        let filter = WordFilter::new(&list(&["  Sp4m  "]), &[]);
        assert!(!filter.is_empty());
        assert_eq!(matched(&filter, "spam").as_deref(), Some("Sp4m"));
    }

    #[test]
    fn an_entry_in_both_lists_counts_as_banned() {
        let filter = WordFilter::new(&list(&["Scam"]), &list(&["scam"]));
        assert_eq!(filter.check("SCAM").unwrap().kind, WordKind::Banned);
    }

    /// A distinct word for each number: its decimal digits as consonant-vowel syllables, so the
    /// words have no look-alikes and no run of three letters for normalisation to collapse.
    fn synthetic_word(n: usize) -> String {
        const SYLLABLES: [&str; 10] = ["ba", "be", "bi", "bo", "bu", "da", "de", "di", "do", "du"];
        let digits = n.to_string();
        let mut word = String::from("zq");
        for d in digits.bytes() {
            word.push_str(SYLLABLES[usize::from(d - b'0')]);
        }
        word
    }

    #[test]
    fn handles_five_thousand_words() {
        let banned: Vec<String> = (0..5_000).map(synthetic_word).collect();
        let suspect: Vec<String> = (5_000..10_000).map(synthetic_word).collect();
        let filter = WordFilter::new(&banned, &suspect);
        let text = "An ordinary comment about the council budget, the floods and the match.";
        assert_eq!(filter.check(text), None);
        for (i, word) in banned.iter().enumerate().step_by(499) {
            let found = filter.check(&format!("start {} end", word.to_uppercase()));
            assert_eq!(
                found,
                Some(WordMatch {
                    kind: WordKind::Banned,
                    word: word.clone()
                }),
                "{i}"
            );
        }
        let last = suspect.last().unwrap();
        let found = filter.check(&format!("ends with {last}")).unwrap();
        assert_eq!(found.kind, WordKind::Suspect);
        assert_eq!(&found.word, last);
        // Whole words still: a listed word inside a longer one is not a match.
        assert_eq!(filter.check(&format!("{}x", banned[7])), None);
    }

    #[test]
    fn parse_list_trims_and_drops_blanks_and_duplicates() {
        let parsed = parse_list("  spam \n\n\teggs\nspam\r\nbuy now  \n   \n").unwrap();
        assert_eq!(parsed, ["spam", "eggs", "buy now"]);
        assert_eq!(parse_list("").unwrap(), Vec::<String>::new());
    }

    #[test]
    fn parse_list_refuses_long_lines_and_long_lists() {
        let long = format!("ok\n{}\n", "é".repeat(MAX_ENTRY_CHARS + 1));
        assert_eq!(
            parse_list(&long),
            Err(ListProblem::LongLine {
                line: 2,
                chars: 101
            })
        );
        // Exactly the limit, counted in characters rather than bytes, is fine.
        assert!(parse_list(&"é".repeat(MAX_ENTRY_CHARS)).is_ok());

        let full: String = (0..MAX_ENTRIES).map(|n| synthetic_word(n) + "\n").collect();
        assert_eq!(parse_list(&full).unwrap().len(), MAX_ENTRIES);
        // Duplicates do not count towards the limit; one more distinct entry does.
        assert!(parse_list(&format!("{full}{}\n", synthetic_word(0))).is_ok());
        assert_eq!(
            parse_list(&format!("{full}one more\n")),
            Err(ListProblem::TooMany)
        );
    }
}
