//! A naive Bayes spam classifier that learns from moderators' decisions.
//!
//! The model is a table of documents counted per token and per class, plus the number of
//! documents trained as each class. The database keeps that table; to score a comment the caller
//! computes its [`tokens`], fetches their counts and calls [`score`]. [`Model`] is the same
//! arithmetic over an in-memory table, for evaluation and tests.
//!
//! Each token's evidence is Robinson's smoothed probability that a comment containing it is spam:
//! its document frequency in spam against that in ham (each divided by its class's total, so an
//! uneven training set does not tilt it), pulled towards 0.5 with the weight of one document. A
//! token never seen counts 0.5 and weighs nothing; a token seen once moves the score a little,
//! one seen in dozens of spams a lot. The tokens' evidence is combined as naive Bayes does, by
//! summing log-odds, with even prior odds (the threshold is where the site's spam rate enters).

use std::collections::{HashMap, HashSet};

use super::wordfilter::normalised_words;

/// Below this many documents trained as spam, or as ham, [`score`] gives no score.
pub const MIN_DOCS_PER_CLASS: i64 = 5;
/// The most tokens [`tokens`] returns for one text, features first.
pub const MAX_TOKENS: usize = 300;
/// The score at or above which the moderation code holds a comment for review.
pub const DEFAULT_HOLD_THRESHOLD: f64 = 0.9;

const MIN_WORD_CHARS: usize = 2;
const MAX_WORD_CHARS: usize = 40;
/// Hosts are cut to this many characters, to bound a stored token's length.
const MAX_HOST_CHARS: usize = 100;
/// How many documents' worth of weight the neutral 0.5 carries against a token's own counts.
const PRIOR_WEIGHT: f64 = 1.0;
/// No token is ever certain evidence: at most 99 to 1 either way, so other tokens can outweigh
/// it. (One token can still reach the hold threshold alone: a token seen in four spams and no
/// ham scores 0.9 when nothing else in the comment is known.)
const MAX_TOKEN_PROBABILITY: f64 = 0.99;

/// Document counts: for a token, how many documents of each class contained it; as totals, how
/// many documents were trained as each class.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub spam: i64,
    pub ham: i64,
}

/// Distinct features of a comment's text, at most [`MAX_TOKENS`], in a deterministic order.
///
/// Two kinds, which cannot collide because words have no colon:
/// - features of the whole text, first so that a long text cannot crowd them out:
///   `links:1`, `links:2` or `links:3+` (how many links), `url:` + each linked host without
///   `www.` (`url:example.com`), `tld:` + its last label (`tld:com`), and `shape:caps` (shouting),
///   `shape:bang` (!!), `shape:money` ($5, 50€), `shape:phone` (nine digits or more),
///   `shape:email`, `shape:leet` (a digit or symbol between letters, "v1agra") and
///   `shape:spaced` (four or more single characters in a row, "f r e e");
/// - then the words, in order of first appearance: the word filter's normalised words (lower
///   case, accents folded, look-alikes and spelled-out words undone) of 2 to 40 characters.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Tokens::default();
    let links = links(text);
    match links.hosts.len() {
        0 => {}
        1 => out.add("links:1".to_owned()),
        2 => out.add("links:2".to_owned()),
        _ => out.add("links:3+".to_owned()),
    }
    for host in &links.hosts {
        out.add(format!("url:{host}"));
        if let Some(tld) = host.rsplit('.').next() {
            out.add(format!("tld:{tld}"));
        }
    }
    if links.email {
        out.add("shape:email".to_owned());
    }
    for (present, feature) in [
        (is_shouting(text), "shape:caps"),
        (
            text.contains("!!") || text.matches('!').count() >= 3,
            "shape:bang",
        ),
        (has_money(text), "shape:money"),
        (has_phone_number(text), "shape:phone"),
        (has_leet(text), "shape:leet"),
        (has_spaced_letters(text), "shape:spaced"),
    ] {
        if present {
            out.add(feature.to_owned());
        }
    }
    for word in normalised_words(text) {
        let chars = word.chars().count();
        if (MIN_WORD_CHARS..=MAX_WORD_CHARS).contains(&chars) {
            out.add(word);
        }
    }
    out.list
}

/// P(spam) in [0, 1] for a comment whose tokens have these counts, or `None` while the model has
/// fewer than [`MIN_DOCS_PER_CLASS`] documents of either class.
///
/// `token_counts` holds one entry per token of the comment; tokens the database has never seen
/// may be passed as zeros or left out, as they weigh nothing either way. Counts outside
/// `0..=total` (a race between training and scoring) are clamped.
pub fn score(totals: Counts, token_counts: &[Counts]) -> Option<f64> {
    if totals.spam < MIN_DOCS_PER_CLASS || totals.ham < MIN_DOCS_PER_CLASS {
        return None;
    }
    let log_odds: f64 = token_counts
        .iter()
        .map(|&counts| {
            let p = token_spam_probability(totals, counts);
            (p / (1.0 - p)).ln()
        })
        .sum();
    Some(1.0 / (1.0 + (-log_odds).exp()))
}

/// Robinson's smoothed probability that a document containing the token is spam.
fn token_spam_probability(totals: Counts, counts: Counts) -> f64 {
    let spam = counts.spam.clamp(0, totals.spam) as f64;
    let ham = counts.ham.clamp(0, totals.ham) as f64;
    let seen = spam + ham;
    if seen == 0.0 {
        return 0.5;
    }
    let spam_rate = spam / totals.spam as f64;
    let ham_rate = ham / totals.ham as f64;
    let raw = spam_rate / (spam_rate + ham_rate);
    let smoothed = (PRIOR_WEIGHT * 0.5 + seen * raw) / (PRIOR_WEIGHT + seen);
    smoothed.clamp(1.0 - MAX_TOKEN_PROBABILITY, MAX_TOKEN_PROBABILITY)
}

/// An in-memory model with the same arithmetic as [`score`], for evaluation and tests.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Model {
    totals: Counts,
    /// Tokens with a count of zero in both classes are removed, so that untraining everything
    /// leaves a model equal to a new one.
    counts: HashMap<String, Counts>,
}

impl Model {
    pub fn train(&mut self, text: &str, spam: bool) {
        bump(&mut self.totals, spam, 1);
        for token in tokens(text) {
            bump(self.counts.entry(token).or_default(), spam, 1);
        }
    }

    /// Reverses a [`Model::train`] of the same text and class, as when a moderator's decision
    /// is undone. Counts never go below zero, so untraining what was never trained cannot
    /// corrupt the model's totals (its tokens' counts may still be reduced).
    pub fn untrain(&mut self, text: &str, spam: bool) {
        bump(&mut self.totals, spam, -1);
        for token in tokens(text) {
            if let Some(counts) = self.counts.get_mut(&token) {
                bump(counts, spam, -1);
                if *counts == Counts::default() {
                    self.counts.remove(&token);
                }
            }
        }
    }

    pub fn score(&self, text: &str) -> Option<f64> {
        let counts: Vec<Counts> = tokens(text)
            .iter()
            .map(|t| self.counts.get(t).copied().unwrap_or_default())
            .collect();
        score(self.totals, &counts)
    }

    /// Documents trained as each class.
    pub fn totals(&self) -> Counts {
        self.totals
    }
}

fn bump(counts: &mut Counts, spam: bool, by: i64) {
    let count = if spam {
        &mut counts.spam
    } else {
        &mut counts.ham
    };
    *count = (*count + by).max(0);
}

/// Tokens in first-added order without repeats, stopping at [`MAX_TOKENS`].
#[derive(Default)]
struct Tokens {
    list: Vec<String>,
    seen: HashSet<String>,
}

impl Tokens {
    fn add(&mut self, token: String) {
        if self.list.len() < MAX_TOKENS && !self.seen.contains(&token) {
            self.seen.insert(token.clone());
            self.list.push(token);
        }
    }
}

struct Links {
    /// One entry per link, in order, repeats included (they count towards `links:N`).
    hosts: Vec<String>,
    email: bool,
}

/// Top-level domains that make a bare "name.tld" a link. Kept to those seldom produced by a
/// missing space after a full stop ("end.Then").
const BARE_LINK_TLDS: &[&str] = &[
    "com", "net", "org", "info", "biz", "io", "co", "uk", "us", "ru", "xyz", "top", "online",
    "site", "shop", "store", "club", "app", "me", "vip", "win", "bet", "live", "ly", "tv", "pro",
    "fr", "de", "es", "nl", "eu", "ae", "cn",
];

/// Links written with a scheme ("https://host/…"), with "www." or as a bare "name.tld"; and
/// whether an e-mail address appears.
fn links(text: &str) -> Links {
    let mut hosts = Vec::new();
    let mut email = false;
    let lower = text.to_lowercase();
    let chunks = lower.split(|c: char| c.is_whitespace() || "()[]<>\"'".contains(c));
    for chunk in chunks {
        let chunk = chunk.trim_matches(|c: char| !c.is_alphanumeric());
        let (rest, explicit) = if let Some(i) = chunk.find("://") {
            (&chunk[i + 3..], true)
        } else {
            (chunk, chunk.starts_with("www."))
        };
        if !explicit && rest.contains('@') {
            let domain = rest.rsplit('@').next().unwrap_or("");
            email |= domain.contains('.');
            continue;
        }
        let host: String = rest
            .chars()
            .take_while(|&c| c.is_alphanumeric() || c == '.' || c == '-')
            .collect();
        let host = host.trim_matches('.');
        let host = host.strip_prefix("www.").unwrap_or(host);
        let labels: Vec<&str> = host.split('.').collect();
        let is_link = if explicit {
            !host.is_empty()
        } else {
            labels.len() >= 2
                && labels.iter().all(|l| !l.is_empty())
                && BARE_LINK_TLDS.contains(labels.last().unwrap_or(&""))
        };
        if is_link {
            hosts.push(host.chars().take(MAX_HOST_CHARS).collect());
        }
    }
    Links { hosts, email }
}

/// At least three all-capital words of two letters or more, making a quarter of the words.
fn is_shouting(text: &str) -> bool {
    let mut words = 0;
    let mut capitals = 0;
    for word in text.split(|c: char| !c.is_alphabetic()) {
        if word.is_empty() {
            continue;
        }
        words += 1;
        if word.chars().count() >= 2 && !word.chars().any(char::is_lowercase) {
            capitals += 1;
        }
    }
    capitals >= 3 && capitals * 4 >= words
}

/// A currency sign next to a digit: "$5", "£ 20", "50€".
fn has_money(text: &str) -> bool {
    let chars: Vec<char> = text.chars().filter(|&c| c != ' ').collect();
    chars.windows(2).any(|w| {
        (is_currency(w[0]) && w[1].is_ascii_digit()) || (w[0].is_ascii_digit() && is_currency(w[1]))
    })
}

fn is_currency(c: char) -> bool {
    matches!(c, '$' | '£' | '€' | '¥' | '₹' | '₿')
}

/// Nine digits or more with at most one separator between digits: "+44 7700 900 431".
fn has_phone_number(text: &str) -> bool {
    let mut digits = 0;
    let mut separators_in_a_row = 0;
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits += 1;
            separators_in_a_row = 0;
            if digits >= 9 {
                return true;
            }
        } else if matches!(c, ' ' | '-' | '.' | '(' | ')') && digits > 0 {
            separators_in_a_row += 1;
            if separators_in_a_row > 1 && c != ')' && c != '(' {
                digits = 0;
                separators_in_a_row = 0;
            }
        } else {
            digits = 0;
            separators_in_a_row = 0;
        }
    }
    false
}

/// A look-alike digit or symbol between two letters: "v1agra", "sp@m", "fr3e".
fn has_leet(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars
        .windows(3)
        .any(|w| w[0].is_alphabetic() && "013457@$|".contains(w[1]) && w[2].is_alphabetic())
}

/// Four or more single characters in a row, one or two non-word characters apart: "f r e e",
/// "c.a.s.h".
fn has_spaced_letters(text: &str) -> bool {
    let mut run = 0;
    let mut word_len = 0;
    let mut gap = 0;
    for c in text.chars().chain([' ']) {
        if c.is_alphanumeric() {
            if word_len == 0 && gap > 2 {
                run = 0;
            }
            word_len += 1;
            gap = 0;
        } else {
            if word_len == 1 {
                run += 1;
                if run >= 4 {
                    return true;
                }
            } else if word_len > 1 {
                run = 0;
            }
            word_len = 0;
            gap += 1;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPAM: &[&str] = &[
        "Buy cheap pills online, no prescription needed! https://pills-cheap.example.biz",
        "Earn $500 a day from home with our crypto trading bot, join now http://bot.example.xyz",
        "Cheap pills, fast delivery, order now at www.pharmacy.example.biz",
        "Crypto profits guaranteed!!! Join our trading group today http://profit.example.xyz",
        "Work from home and earn $300 a day, no experience needed, click http://jobs.example.top",
        "Free gift card for the first 100 visitors, claim now http://gift.example.top",
    ];
    const HAM: &[&str] = &[
        "The council should publish the full budget before cutting library hours.",
        "The flood defences on the river were promised years ago and never built.",
        "Great match on Saturday, the second half was the best football all season.",
        "The study had only eighty people, so the headline overstates the result.",
        "Turnout in our ward was low again; the election deserved more attention.",
        "The bus was late every morning this week and the school run was chaos.",
    ];

    fn trained() -> Model {
        let mut model = Model::default();
        for text in SPAM {
            model.train(text, true);
        }
        for text in HAM {
            model.train(text, false);
        }
        model
    }

    #[test]
    fn no_score_until_both_classes_have_enough_documents() {
        let mut model = Model::default();
        assert_eq!(model.score("anything"), None);
        for text in &SPAM[..5] {
            model.train(text, true);
        }
        for text in &HAM[..4] {
            model.train(text, false);
        }
        assert_eq!(model.score("cheap pills"), None);
        model.train(HAM[4], false);
        assert!(model.score("cheap pills").is_some());
        assert_eq!(score(Counts { spam: 4, ham: 100 }, &[]), None);
        assert_eq!(score(Counts { spam: 100, ham: 4 }, &[]), None);
    }

    #[test]
    fn trained_model_scores_obvious_spam_high_and_ham_low() {
        let model = trained();
        let spam = model
            .score("Cheap pills and crypto profits, order now!!! http://deals.example.biz")
            .unwrap();
        let ham = model
            .score("The council budget and the flood defences deserve a proper debate.")
            .unwrap();
        assert!(spam > DEFAULT_HOLD_THRESHOLD, "spam scored {spam}");
        assert!(ham < 0.1, "ham scored {ham}");
    }

    #[test]
    fn unknown_tokens_weigh_nothing() {
        let model = trained();
        let never_seen = model.score("zyxwv qrstu plonk").unwrap();
        assert_eq!(never_seen, 0.5);
        // Unknown words added to a spam text leave its score unchanged, however many there are.
        let base = model.score("cheap pills order now").unwrap();
        let padded = model
            .score("cheap pills order now zyxwv qrstu plonk wibble frobnicate")
            .unwrap();
        assert!((base - padded).abs() < 1e-12, "{base} vs {padded}");
        assert_eq!(
            score(
                Counts {
                    spam: 10,
                    ham: 1000
                },
                &[Counts::default(); 50]
            ),
            Some(0.5)
        );
    }

    #[test]
    fn uneven_training_does_not_tilt_a_token_seen_at_the_same_rate() {
        // Seen in half of each class's documents: no evidence, whatever the class sizes.
        let even = score(
            Counts {
                spam: 10,
                ham: 1000,
            },
            &[Counts { spam: 5, ham: 500 }],
        );
        assert_eq!(even, Some(0.5));
        let spammy = score(
            Counts {
                spam: 10,
                ham: 1000,
            },
            &[Counts { spam: 5, ham: 5 }],
        )
        .unwrap();
        assert!(spammy > 0.9, "{spammy}");
    }

    #[test]
    fn one_token_is_never_certain_and_more_evidence_moves_the_score_further() {
        let totals = Counts {
            spam: 100,
            ham: 100,
        };
        let once = score(totals, &[Counts { spam: 1, ham: 0 }]).unwrap();
        let often = score(totals, &[Counts { spam: 60, ham: 0 }]).unwrap();
        assert!(once > 0.5 && once < 0.8, "{once}");
        assert!(
            often > once && often <= MAX_TOKEN_PROBABILITY + 1e-12,
            "{often}"
        );
        // Four spams and no ham: 0.9 by itself, the hold threshold (see MAX_TOKEN_PROBABILITY).
        let four = score(totals, &[Counts { spam: 4, ham: 0 }]).unwrap();
        assert!((four - 0.9).abs() < 1e-9, "{four}");
        let hammy = score(totals, &[Counts { spam: 0, ham: 60 }]).unwrap();
        assert!(hammy < 0.02, "{hammy}");
    }

    #[test]
    fn out_of_range_counts_are_clamped() {
        let totals = Counts { spam: 10, ham: 10 };
        let clamped = score(totals, &[Counts { spam: 10, ham: 0 }]);
        assert_eq!(score(totals, &[Counts { spam: 500, ham: -3 }]), clamped);
        let all = score(totals, &[Counts { spam: 10, ham: 10 }]);
        assert_eq!(all, Some(0.5));
    }

    #[test]
    fn untrain_reverses_train_exactly() {
        let before = trained();
        let mut model = before.clone();
        let text =
            "A brand new comment about pills, https://x.example.com and the COUNCIL BUDGET NOW!!";
        model.train(text, true);
        assert_ne!(model, before);
        model.untrain(text, true);
        assert_eq!(model, before);

        let mut model = trained();
        for text in SPAM {
            model.untrain(text, true);
        }
        for text in HAM {
            model.untrain(text, false);
        }
        assert_eq!(model, Model::default());
    }

    #[test]
    fn untraining_what_was_never_trained_keeps_counts_at_zero() {
        let mut model = Model::default();
        model.untrain("never trained", false);
        assert_eq!(model, Model::default());
        model.train("one text", true);
        model.untrain("one text", false);
        assert_eq!(model.totals(), Counts { spam: 1, ham: 0 });
    }

    #[test]
    fn tokens_are_lower_cased_distinct_words_in_order() {
        assert_eq!(
            tokens("The cat saw the CAT, then a dog; the end."),
            ["the", "cat", "saw", "then", "dog", "end"]
        );
        let long = "ab".repeat(20) + "c";
        assert_eq!(tokens(&format!("ok {long} fine")), ["ok", "fine"]);
    }

    #[test]
    fn tokens_are_capped_with_features_kept_first() {
        let words: Vec<String> = (0..1_000).map(|n| format!("w{n}x")).collect();
        let text = format!("http://example.com {}", words.join(" "));
        let tokens = tokens(&text);
        assert_eq!(tokens.len(), MAX_TOKENS);
        assert_eq!(&tokens[..3], ["links:1", "url:example.com", "tld:com"]);
        let distinct: HashSet<&String> = tokens.iter().collect();
        assert_eq!(distinct.len(), MAX_TOKENS);
    }

    #[test]
    fn non_ascii_text_is_tokenised() {
        assert_eq!(
            tokens("Très bien, l'équipe a gagné à Zürich"),
            ["tres", "bien", "lequipe", "gagne", "zurich"]
        );
        assert_eq!(tokens("Привет, мир"), ["привет", "мир"]);
        // Look-alikes and spelled-out words are undone, and flagged.
        let t = tokens("V1AGRA c.h.e.a.p");
        assert!(t.contains(&"viagra".to_owned()), "{t:?}");
        assert!(t.contains(&"cheap".to_owned()), "{t:?}");
        assert!(t.contains(&"shape:leet".to_owned()), "{t:?}");
        assert!(t.contains(&"shape:spaced".to_owned()), "{t:?}");
    }

    #[test]
    fn link_features() {
        let t = tokens("See https://WWW.Example.co.uk/a?b=1 and www.other.net, or shop.biz.");
        assert_eq!(
            &t[..7],
            [
                "links:3+",
                "url:example.co.uk",
                "tld:uk",
                "url:other.net",
                "tld:net",
                "url:shop.biz",
                "tld:biz"
            ]
        );
        let not_links = tokens("It ended.Then we left, e.g. at 3.30");
        assert!(
            not_links
                .iter()
                .all(|t| !t.starts_with("url:") && !t.starts_with("links:"))
        );
        let t = tokens("write to someone@example.com");
        assert!(t.contains(&"shape:email".to_owned()) && !t.iter().any(|t| t.starts_with("url:")));
    }

    #[test]
    fn shape_features() {
        let has = |text: &str, feature: &str| tokens(text).contains(&feature.to_owned());
        assert!(has("WHY IS THIS ROAD STILL CLOSED", "shape:caps"));
        assert!(!has("The NHS and the BBC agree", "shape:caps"));
        assert!(has("Amazing!!", "shape:bang"));
        assert!(!has("Amazing! Really!", "shape:bang"));
        assert!(has("Only $5 today", "shape:money"));
        assert!(has("cost 20 €", "shape:money"));
        assert!(!has("it cost five dollars in 2019", "shape:money"));
        assert!(has("WhatsApp +44 7700 900 431", "shape:phone"));
        assert!(!has("from 2019 to 2024, 12 people", "shape:phone"));
        assert!(!has("covid19 and h2o", "shape:leet"));
        assert!(!has("the U.S. and U.K. agree", "shape:spaced"));
    }
}
