//! `broadsheet generate`: a large synthetic site for benchmarks. The text is plainly synthetic,
//! never mistaken for news, but its words follow a Zipf-like distribution over a vocabulary of
//! a few thousand (real words placed at ranks from common to rare, invented ones between them),
//! so searches behave as on real text: a common word matches many articles, a rare one few.

use chrono::Duration;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};

use crate::config::Config;
use crate::domain::{Clock, NewArticle, Slug};

const WORDS: &[&str] = &[
    "harbour",
    "council",
    "budget",
    "river",
    "market",
    "station",
    "archive",
    "signal",
    "valley",
    "report",
    "engine",
    "orchard",
    "bridge",
    "ledger",
    "tunnel",
    "forecast",
    "harvest",
    "library",
    "transit",
    "census",
    "summit",
    "reactor",
    "satellite",
    "canal",
    "festival",
    "tariff",
    "vaccine",
    "quarry",
    "pension",
    "railway",
    "glacier",
    "courtroom",
    "election",
    "factory",
];
/// Syllables that combine into the invented words.
const SYLLABLES: &[&str] = &[
    "ka", "lo", "ren", "ti", "mar", "so", "vel", "un", "dra", "pe", "ost", "li", "gar", "an",
    "tor", "mi", "bel", "ru", "sen", "ta", "cor", "di", "nal", "fe",
];

/// The vocabulary in rank order: real words spread from common to rare among invented ones.
fn vocabulary() -> Vec<String> {
    let mut words: Vec<String> = Vec::with_capacity(4096);
    let mut invented = SYLLABLES
        .iter()
        .flat_map(|a| SYLLABLES.iter().map(move |b| format!("{a}{b}")))
        .chain(SYLLABLES.iter().flat_map(|a| {
            SYLLABLES
                .iter()
                .flat_map(move |b| SYLLABLES.iter().map(move |c| format!("{a}{b}{c}")))
        }));
    for (i, real) in WORDS.iter().enumerate() {
        // Real word i lands at rank about 3·i², from a handful of very common ones to rare ones.
        while words.len() < 3 * i * i {
            words.push(
                invented
                    .next()
                    .expect("24² + 24³ invented words outnumber the ranks used"),
            );
        }
        words.push((*real).to_owned());
    }
    words.extend(invented.take(4096usize.saturating_sub(words.len())));
    words
}

/// A word at a Zipf-like rank: small ranks are much more likely than large ones.
fn zipf<'a>(rng: &mut impl Rng, vocab: &'a [String]) -> &'a str {
    let u: f64 = rng.random();
    let rank = ((vocab.len() as f64).powf(u) - 1.0) as usize;
    &vocab[rank.min(vocab.len() - 1)]
}

const SECTIONS: &[&str] = &[
    "International",
    "Business",
    "Technology",
    "Science",
    "Opinion",
];
const BATCH: usize = 500;

pub async fn run(config: Config, count: u32) -> anyhow::Result<()> {
    let store = super::open_store(&config).await?;
    let now = Clock::system().now();
    let mut rng = rand::rngs::StdRng::seed_from_u64(2026);
    let authors: Vec<String> = (1..=40).map(|i| format!("Synthetic Writer {i}")).collect();
    let tags: Vec<String> = (1..=60).map(|i| format!("topic {i}")).collect();
    let start = store.article_count().await?;
    let vocab = vocabulary();
    let mut batch = Vec::with_capacity(BATCH);
    for n in 0..count as i64 {
        let serial = start + n + 1;
        let words: Vec<&str> = (0..6).map(|_| zipf(&mut rng, &vocab)).collect();
        let title = format!("Synthetic {serial}: {}", words.join(" "));
        let body = (0..5)
            .map(|_| {
                (0..60)
                    .map(|_| zipf(&mut rng, &vocab))
                    .collect::<Vec<_>>()
                    .join(" ")
                    + "."
            })
            .collect::<Vec<_>>()
            .join("\n\n");
        batch.push(NewArticle {
            slug: Slug::parse(&format!("synthetic-{serial}"))?,
            title,
            summary: format!("Generated article number {serial} for load tests."),
            body_source: body,
            section: SECTIONS[rng.random_range(0..SECTIONS.len())].to_owned(),
            authors: vec![authors.choose(&mut rng).unwrap().clone()],
            tags: tags.choose_multiple(&mut rng, 3).cloned().collect(),
            published_at: Some(now - Duration::minutes(serial * 7)),
            updated_at: None,
            image: None,
        });
        if batch.len() == BATCH {
            store.import_articles(&batch, now).await?;
            batch.clear();
            if (n + 1) % 10_000 == 0 {
                println!("{} articles written", n + 1);
            }
        }
    }
    if !batch.is_empty() {
        store.import_articles(&batch, now).await?;
    }
    println!("generated {count} articles");
    store.close().await;
    Ok(())
}
