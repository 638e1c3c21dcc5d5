//! `broadsheet generate`: a large synthetic site for benchmarks. The text is plainly synthetic,
//! never mistaken for news, but its words follow a Zipf-like distribution over a vocabulary of
//! a few thousand (real words placed at ranks from common to rare, invented ones between them),
//! so searches behave as on real text: a common word matches many articles, a rare one few.

use chrono::{DateTime, Duration, Utc};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};

use super::progress::{Interrupt, Progress, Unit, count};
use crate::config::Config;
use crate::domain::{Clock, NewArticle, Slug};
use crate::store::Progress as _;
use crate::store::Store;
use crate::store::bulk::BulkComment;

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

/// What `broadsheet generate` makes.
#[derive(Clone, Debug)]
pub struct Plan {
    /// Synthetic articles to add.
    pub articles: u32,
    /// Comments spread over all published articles (skewed: newer articles get more).
    pub comments: u64,
    /// Comments for chosen articles, on top of `comments` (which then skip those articles).
    pub thread_comments: Vec<u32>,
    /// The slugs of those articles, by position; the newest published articles not named
    /// otherwise for the rest.
    pub thread_article: Vec<String>,
    /// Members who author the comments (created when missing).
    pub members: u32,
    /// The share of comments that answer an earlier comment (0 makes every comment a thread).
    pub reply_share: f64,
}

/// The password of every generated member (`member-N@synthetic.example`), so benchmarks can
/// sign in as one.
pub const MEMBER_PASSWORD: &str = "synthetic-member-password";

pub async fn run(config: Config, plan: Plan) -> anyhow::Result<()> {
    let store = super::open_store(&config).await?;
    let interrupt = Interrupt::listen();
    let result = generate(&store, &plan, &interrupt).await;
    store.close().await;
    result
}

async fn generate(store: &Store, plan: &Plan, interrupt: &Interrupt) -> anyhow::Result<()> {
    if plan.articles > 0 {
        articles(store, plan.articles, interrupt).await?;
    }
    if plan.comments > 0 || !plan.thread_comments.is_empty() {
        comments(store, plan, interrupt).await?;
    }
    Ok(())
}

/// Says what an interrupted `generate` made: each batch is its own transaction, so the
/// batches written stay.
fn stopped(made: u64, of: u64, what: (&str, &str)) -> anyhow::Error {
    anyhow::anyhow!(
        "interrupted: {made} of {} were generated and stay (each batch is committed on its \
         own); the rest were not made",
        count(of, what.0, what.1)
    )
}

async fn articles(store: &Store, count: u32, interrupt: &Interrupt) -> anyhow::Result<()> {
    let progress = Progress::start(
        "generate",
        Unit::Items("articles"),
        Some(count.into()),
        interrupt,
    );
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
            if progress.interrupted() {
                progress.finish();
                return Err(stopped(n as u64 + 1 - BATCH as u64, count.into(), ARTICLE));
            }
            store.import_articles(&batch, now).await?;
            progress.advance(batch.len() as u64);
            batch.clear();
        }
    }
    if !batch.is_empty() {
        store.import_articles(&batch, now).await?;
        progress.advance(batch.len() as u64);
    }
    progress.finish();
    println!(
        "generated {}",
        super::progress::count(count, "article", "articles")
    );
    Ok(())
}

const ARTICLE: (&str, &str) = ("article", "articles");
const COMMENT: (&str, &str) = ("comment", "comments");

/// Comments per transaction.
const COMMENT_BATCH: usize = 5000;
/// The default share of comments that answer an earlier comment of the same article.
pub const DEFAULT_REPLY_SHARE: f64 = 0.3;
/// A reply answers one of this many comments just before it, so threads stay local in time as
/// in a real conversation (and an article's first page holds about as many comments whatever
/// the article's total).
const REPLY_WINDOW: usize = 20;

async fn comments(store: &Store, plan: &Plan, interrupt: &Interrupt) -> anyhow::Result<()> {
    anyhow::ensure!(
        (0.0..=1.0).contains(&plan.reply_share),
        "--reply-share must be between 0 and 1"
    );
    let now = Clock::system().now();
    let mut rng = rand::rngs::StdRng::seed_from_u64(2027);
    let vocab = vocabulary();

    let wanted = plan.members.max(1);
    let hash =
        tokio::task::spawn_blocking(|| crate::domain::user::hash_password(MEMBER_PASSWORD)).await?;
    let people: Vec<(String, String)> = (1..=wanted)
        .map(|i| {
            (
                format!("member-{i}@synthetic.example"),
                format!("Synthetic Member {i}"),
            )
        })
        .collect();
    let members = store.ensure_members(&people, &hash, now).await?;
    anyhow::ensure!(!members.is_empty(), "no members to author the comments");

    let published = store.published_article_ids(now).await?;
    anyhow::ensure!(
        !published.is_empty(),
        "there are no published articles to comment on"
    );
    anyhow::ensure!(
        plan.thread_article.len() <= plan.thread_comments.len(),
        "each --thread-article needs a --thread-comments count"
    );
    let mut threads: Vec<(i64, DateTime<Utc>, u32)> = Vec::new();
    for (i, k) in plan.thread_comments.iter().enumerate() {
        if let Some(slug) = plan.thread_article.get(i) {
            let (id, at) = store
                .published_article_id(slug, now)
                .await?
                .ok_or_else(|| anyhow::anyhow!("no published article with the slug {slug}"))?;
            threads.push((id, at, *k));
        }
    }
    for (i, k) in plan.thread_comments.iter().enumerate() {
        if i >= plan.thread_article.len() {
            let (id, at) = *published
                .iter()
                .find(|(id, _)| !threads.iter().any(|t| t.0 == *id))
                .ok_or_else(|| anyhow::anyhow!("more thread articles than published articles"))?;
            threads.push((id, at, *k));
        }
    }
    let is_thread = |id: i64| threads.iter().any(|t| t.0 == id);
    anyhow::ensure!(
        threads
            .iter()
            .enumerate()
            .all(|(i, t)| threads[..i].iter().all(|u| u.0 != t.0)),
        "an article is named twice with --thread-article"
    );

    // How many comments each article gets: index i (newest first) is drawn as n·u², so newer
    // articles get many more (with 100,000 articles and 1,000,000 comments the newest gets
    // about 3,000, the median about 7, the oldest about 5).
    let mut counts = vec![0u32; published.len()];
    if plan.comments > 0 {
        anyhow::ensure!(
            published.iter().any(|(id, _)| !is_thread(*id)),
            "every published article is a thread article: nowhere to spread --comments"
        );
        for _ in 0..plan.comments {
            let u: f64 = rng.random();
            let mut i = ((u * u) * published.len() as f64) as usize;
            i = i.min(published.len() - 1);
            while is_thread(published[i].0) {
                i = (i + 1) % published.len();
            }
            counts[i] += 1;
        }
    }

    let mut next_id = store.max_comment_id().await? + 1;
    let mut batch: Vec<BulkComment> = Vec::with_capacity(COMMENT_BATCH + 1000);
    let mut added: Vec<(i64, i64)> = Vec::new();
    let mut written: u64 = 0;
    let total: u64 = threads.iter().map(|t| u64::from(t.2)).sum::<u64>()
        + counts.iter().map(|n| u64::from(*n)).sum::<u64>();
    let progress = Progress::start("generate", Unit::Items("comments"), Some(total), interrupt);
    let mut todo: Vec<(i64, DateTime<Utc>, u32)> = threads.clone();
    todo.extend(
        published
            .iter()
            .zip(&counts)
            .filter(|(_, n)| **n > 0)
            .map(|((id, at), n)| (*id, *at, *n)),
    );
    for (article_id, published_at, k) in todo {
        article_comments(
            &mut rng,
            &vocab,
            &members,
            (article_id, published_at, now),
            (k as usize, plan.reply_share),
            &mut next_id,
            &mut batch,
        );
        added.push((article_id, k as i64));
        if batch.len() >= COMMENT_BATCH {
            if progress.interrupted() {
                progress.finish();
                return Err(stopped(written, total, COMMENT));
            }
            store.insert_comments_bulk(&batch, &added).await?;
            written += batch.len() as u64;
            progress.advance(batch.len() as u64);
            batch.clear();
            added.clear();
        }
    }
    if !batch.is_empty() {
        store.insert_comments_bulk(&batch, &added).await?;
        written += batch.len() as u64;
        progress.advance(batch.len() as u64);
    }
    progress.finish();
    for (id, _, k) in &threads {
        let slug = store
            .article_slug(*id, now)
            .await?
            .map(|(slug, _)| slug)
            .unwrap_or_default();
        println!("the article {slug} has {k} generated comments");
    }
    println!(
        "generated {} by {} (password: {MEMBER_PASSWORD})",
        count(written, "comment", "comments"),
        count(members.len() as u64, "member", "members")
    );
    Ok(())
}

/// Appends `k` comments on one article to `out`: ids from `next_id` up, times spread evenly
/// between the article's publication and `now` (oldest first), a share of them replies to one
/// of the comments just before, with thread, depth and reply counts worked out here.
fn article_comments(
    rng: &mut impl Rng,
    vocab: &[String],
    members: &[i64],
    (article_id, published_at, now): (i64, DateTime<Utc>, DateTime<Utc>),
    (k, reply_share): (usize, f64),
    next_id: &mut i64,
    out: &mut Vec<BulkComment>,
) {
    let first = out.len();
    let span = (now - published_at).num_microseconds().unwrap_or(0).max(1);
    for j in 0..k {
        let id = *next_id;
        *next_id += 1;
        let at = published_at
            + Duration::microseconds(((span as i128 * (j as i128 + 1)) / (k as i128 + 1)) as i64);
        let parent = if j > 0 && rng.random_bool(reply_share) {
            Some(first + rng.random_range(j.saturating_sub(REPLY_WINDOW)..j))
        } else {
            None
        };
        let (parent_id, thread_id, depth) = match parent {
            Some(p) => {
                out[p].reply_count += 1;
                (Some(out[p].id), out[p].thread_id, out[p].depth + 1)
            }
            None => (None, id, 0),
        };
        let words = rng.random_range(8..40);
        let mut text = String::with_capacity(words * 8);
        for w in 0..words {
            if w > 0 {
                text.push(' ');
            }
            text.push_str(zipf(rng, vocab));
        }
        text.push('.');
        let u: f64 = rng.random();
        let author = ((members.len() as f64).powf(u) - 1.0) as usize;
        out.push(BulkComment {
            id,
            article_id,
            parent_id,
            thread_id,
            depth,
            author_id: members[author.min(members.len() - 1)],
            body_html: format!("<p>{text}</p>\n"),
            body_source: text,
            created_at: at,
            reply_count: 0,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_comment_html_is_what_the_site_would_render() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(1);
        let vocab = vocabulary();
        let mut out = Vec::new();
        let mut next = 1;
        let now = Clock::system().now();
        article_comments(
            &mut rng,
            &vocab,
            &[7, 8, 9],
            (1, now - Duration::hours(1), now),
            (200, DEFAULT_REPLY_SHARE),
            &mut next,
            &mut out,
        );
        assert_eq!(out.len(), 200);
        assert_eq!(next, 201);
        for c in &out {
            assert_eq!(
                c.body_html,
                crate::domain::comment::render_comment(&c.body_source)
            );
        }
    }

    #[test]
    fn threads_depths_and_reply_counts_agree() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(2);
        let vocab = vocabulary();
        let mut out = Vec::new();
        let mut next = 100;
        let now = Clock::system().now();
        article_comments(
            &mut rng,
            &vocab,
            &[1],
            (5, now - Duration::days(2), now),
            (1000, DEFAULT_REPLY_SHARE),
            &mut next,
            &mut out,
        );
        let by_id: std::collections::HashMap<i64, &BulkComment> =
            out.iter().map(|c| (c.id, c)).collect();
        let mut replies = std::collections::HashMap::<i64, i64>::new();
        for (i, c) in out.iter().enumerate() {
            assert!(i == 0 || c.created_at > out[i - 1].created_at);
            assert!(c.created_at < now);
            match c.parent_id {
                None => {
                    assert_eq!(c.thread_id, c.id);
                    assert_eq!(c.depth, 0);
                }
                Some(p) => {
                    let parent = by_id[&p];
                    assert!(p < c.id);
                    assert_eq!(c.thread_id, parent.thread_id);
                    assert_eq!(c.depth, parent.depth + 1);
                    *replies.entry(p).or_default() += 1;
                }
            }
        }
        assert!(!replies.is_empty());
        for c in &out {
            assert_eq!(c.reply_count, replies.get(&c.id).copied().unwrap_or(0));
        }
    }
}
