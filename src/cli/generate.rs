//! `broadsheet generate`: a large synthetic site for benchmarks. The text is generated from a
//! word list, plainly synthetic, never mistaken for news.

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
    let mut batch = Vec::with_capacity(BATCH);
    for n in 0..count as i64 {
        let serial = start + n + 1;
        let words: Vec<&str> = (0..6).map(|_| *WORDS.choose(&mut rng).unwrap()).collect();
        let title = format!("Synthetic {serial}: {}", words.join(" "));
        let body = (0..5)
            .map(|_| {
                (0..60)
                    .map(|_| *WORDS.choose(&mut rng).unwrap())
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
