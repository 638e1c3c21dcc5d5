//! `broadsheet import FILE.md…`: all files or none.

use std::collections::HashMap;
use std::path::PathBuf;

use super::progress::{Interrupt, Progress, Unit, count_of, nothing_imported};
use crate::config::Config;
use crate::domain::{Clock, frontmatter};

pub async fn run(config: Config, files: &[PathBuf]) -> anyhow::Result<()> {
    let mut articles = Vec::with_capacity(files.len());
    let mut problems = Vec::new();
    let mut slugs: HashMap<String, &PathBuf> = HashMap::new();
    for path in files {
        if path.is_dir() {
            problems.push(format!(
                "{}: a directory without a manifest.json; give Markdown files, or one directory \
                 written by `broadsheet export`",
                path.display()
            ));
            continue;
        }
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                problems.push(format!("{}: cannot read the file: {e}", path.display()));
                continue;
            }
        };
        match frontmatter::parse(&text) {
            Ok(a) => {
                if let Some(other) = slugs.insert(a.slug.to_string(), path) {
                    problems.push(format!(
                        "{}: the slug `{}` is also used by {}",
                        path.display(),
                        a.slug,
                        other.display()
                    ));
                }
                articles.push(a);
            }
            Err(e) => problems.push(format!("{}: {e}", path.display())),
        }
    }
    if !problems.is_empty() {
        anyhow::bail!(
            "nothing was imported; fix these and run the import again:\n  {}",
            problems.join("\n  ")
        );
    }
    let store = super::open_store(&config).await?;
    let now = Clock::system().now();
    let interrupt = Interrupt::listen();
    let progress = Progress::start(
        "import",
        Unit::Items("articles"),
        Some(articles.len() as u64),
        &interrupt,
    );
    let result = store.import_articles_with(&articles, now, &progress).await;
    progress.finish();
    if result.is_ok() {
        // Serving processes on PostgreSQL drop their cached pages; on SQLite they expire.
        let _ = store
            .notify(
                crate::web::cache::CHANNEL,
                crate::web::cache::Change::EVERYTHING,
            )
            .await;
    }
    store.close().await;
    result.map_err(nothing_imported)?;
    println!(
        "imported {}",
        count_of(articles.len(), "article", "articles")
    );
    Ok(())
}
