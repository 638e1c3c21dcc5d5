//! Trains the spam classifier on a labelled set of comments and reports how it does on the
//! comments it did not see.
//!
//! Usage: `cargo run --release --example spam_eval -- bench/spam/labelled.jsonl`
//!
//! The file holds one `{"text": "...", "spam": true|false}` object per line. Every fourth line
//! (the 4th, 8th, …) is held out for evaluation and the rest are trained, in file order, so the
//! figures are the same on every run.

use std::process::ExitCode;

use broadsheet::domain::spam::{DEFAULT_HOLD_THRESHOLD, Model};
use serde::Deserialize;

#[derive(Deserialize)]
struct Labelled {
    text: String,
    spam: bool,
}

/// A held-out comment's label and the score a model trained without it gave it.
struct Scored {
    /// Index in the file, from 0.
    line: usize,
    spam: bool,
    score: Option<f64>,
}

impl Scored {
    /// A comment is called spam when its score is at or above the threshold.
    fn called_spam(&self, threshold: f64) -> bool {
        self.score.is_some_and(|s| s >= threshold)
    }
}

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: spam_eval LABELLED.jsonl");
        return ExitCode::FAILURE;
    };
    let rows = match read(&path) {
        Ok(rows) => rows,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let split = evaluate(&rows, 3);
    println!(
        "{} comments: trained on {} ({} spam), evaluated on the {} held out ({} spam): every 4th line",
        rows.len(),
        rows.len() - split.len(),
        rows.iter().filter(|r| r.spam).count() - count_spam(&split),
        split.len(),
        count_spam(&split),
    );
    report(&split);
    print_misjudged(&rows, &split);

    // The same with each quarter held out in turn, so that every comment is judged once by a
    // model that did not see it: four times the evidence of the one split above.
    let all: Vec<Scored> = (0..4).flat_map(|fold| evaluate(&rows, fold)).collect();
    println!(
        "4-fold (each quarter held out in turn), {} comments ({} spam):",
        all.len(),
        count_spam(&all)
    );
    report(&all);
    print_misjudged(&rows, &all);
    ExitCode::SUCCESS
}

/// Trains on every line whose index is not `fold` modulo 4 and scores the others.
fn evaluate(rows: &[Labelled], fold: usize) -> Vec<Scored> {
    let mut model = Model::default();
    for (_, row) in rows.iter().enumerate().filter(|(i, _)| i % 4 != fold) {
        model.train(&row.text, row.spam);
    }
    rows.iter()
        .enumerate()
        .filter(|(i, _)| i % 4 == fold)
        .map(|(line, row)| Scored {
            line,
            spam: row.spam,
            score: model.score(&row.text),
        })
        .collect()
}

fn count_spam(scored: &[Scored]) -> usize {
    scored.iter().filter(|s| s.spam).count()
}

/// Prints the confusion counts, precision and recall at the hold threshold and at 0.5.
fn report(scored: &[Scored]) {
    let unscored = scored.iter().filter(|s| s.score.is_none()).count();
    println!("  without a score: {unscored}");
    for threshold in [DEFAULT_HOLD_THRESHOLD, 0.5] {
        let count = |spam: bool, called: bool| {
            scored
                .iter()
                .filter(|s| s.spam == spam && s.called_spam(threshold) == called)
                .count()
        };
        let (tp, fp, tn, fn_) = (
            count(true, true),
            count(false, true),
            count(false, false),
            count(true, false),
        );
        println!(
            "  threshold {threshold}: TP {tp} FP {fp} TN {tn} FN {fn_}; precision {:.3}, recall {:.3}",
            ratio(tp, tp + fp),
            ratio(tp, tp + fn_),
        );
    }
}

fn print_misjudged(rows: &[Labelled], scored: &[Scored]) {
    println!("  misjudged at {DEFAULT_HOLD_THRESHOLD} (line, label, score, text):");
    for s in scored {
        if s.called_spam(DEFAULT_HOLD_THRESHOLD) != s.spam {
            let label = if s.spam { "spam" } else { "ham" };
            let score = s.score.map_or("none".to_owned(), |v| format!("{v:.3}"));
            let text: String = rows[s.line].text.chars().take(80).collect();
            println!("    {:>3} {label:<4} {score:>5} {text}", s.line + 1);
        }
    }
}

fn read(path: &str) -> Result<Vec<Labelled>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| serde_json::from_str(line).map_err(|e| format!("line {}: {e}", i + 1)))
        .collect()
}

/// `part / whole`, or NaN when nothing was counted (printed as "NaN" rather than a made-up 0 or 1).
fn ratio(part: usize, whole: usize) -> f64 {
    part as f64 / whole as f64
}
