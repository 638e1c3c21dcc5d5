//! `broadsheet import-wordpress FILE.xml` and `broadsheet import-disqus FILE.xml`: the whole
//! file is read and checked first, then written in one transaction; running again changes
//! nothing.

use std::fmt::Write as _;
use std::path::Path;

use crate::config::Config;
use crate::domain::Clock;
use crate::domain::imports::{self, MAX_FILE_BYTES};
use crate::store::imports::{CommentTally, DisqusReport, WordpressReport};

fn read_file(path: &Path) -> anyhow::Result<Vec<u8>> {
    let size = std::fs::metadata(path)
        .map_err(|e| anyhow::anyhow!("{}: cannot read the file: {e}", path.display()))?
        .len();
    if size > MAX_FILE_BYTES as u64 {
        anyhow::bail!(
            "{}: nothing was imported: the file is {size} bytes; at most {MAX_FILE_BYTES} bytes \
             are taken (split the export)",
            path.display()
        );
    }
    std::fs::read(path)
        .map_err(|e| anyhow::anyhow!("{}: cannot read the file: {e}", path.display()))
}

/// Tells serving processes to drop their cached pages (on PostgreSQL at once; on SQLite cached
/// pages expire within minutes, as after `broadsheet import`).
async fn drop_caches(store: &crate::store::Store) {
    let _ = store
        .notify(
            crate::web::cache::CHANNEL,
            crate::web::cache::Change::EVERYTHING,
        )
        .await;
}

pub async fn wordpress(config: Config, path: &Path) -> anyhow::Result<()> {
    let bytes = read_file(path)?;
    let site = imports::parse_wordpress(&bytes)
        .map_err(|e| anyhow::anyhow!("{}:{e}\nnothing was imported", path.display()))?;
    let store = super::open_store(&config).await?;
    let result = store.import_wordpress(&site, Clock::system().now()).await;
    if result.is_ok() {
        drop_caches(&store).await;
    }
    store.close().await;
    let report = result.map_err(|e| anyhow::anyhow!("nothing was imported: {e}"))?;
    print!("{}", wordpress_summary(&report, &site.skipped));
    Ok(())
}

pub async fn disqus(config: Config, path: &Path) -> anyhow::Result<()> {
    let bytes = read_file(path)?;
    let export = imports::parse_disqus(&bytes)
        .map_err(|e| anyhow::anyhow!("{}:{e}\nnothing was imported", path.display()))?;
    let store = super::open_store(&config).await?;
    let result = store.import_disqus(&export, Clock::system().now()).await;
    if result.is_ok() {
        drop_caches(&store).await;
    }
    store.close().await;
    let report = result.map_err(|e| anyhow::anyhow!("nothing was imported: {e}"))?;
    print!("{}", disqus_summary(&report, &export));
    Ok(())
}

fn comments_line(c: &CommentTally) -> String {
    format!(
        "{} comments ({} already there), {} commenters new as guests",
        c.new + c.existing,
        c.existing,
        c.guests_new
    )
}

fn wordpress_summary(r: &WordpressReport, s: &imports::WpSkipped) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} articles ({} already there), {} sections created, {} authors created, {} tags created",
        r.articles_new + r.articles_existing,
        r.articles_existing,
        r.sections_created,
        r.authors_created,
        r.tags_created
    );
    let _ = writeln!(out, "{}", comments_line(&r.comments));
    let _ = writeln!(
        out,
        "skipped: {} drafts or unpublished posts, {} pages, {} attachments, {} other items, \
         {} protected by a password, {} pingbacks, {} comments as spam, {} unapproved comments",
        s.drafts,
        s.pages,
        s.attachments,
        s.other_types,
        s.protected,
        s.pingbacks,
        s.spam,
        s.unapproved
    );
    out
}

fn disqus_summary(r: &DisqusReport, e: &imports::DisqusExport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} threads matched to articles, {} not matched",
        r.threads_matched,
        r.unmatched.len()
    );
    let _ = writeln!(out, "{}", comments_line(&r.comments));
    let _ = writeln!(
        out,
        "skipped: {} deleted, {} as spam",
        e.skipped_deleted, e.skipped_spam
    );
    for (link, n) in &r.unmatched {
        let _ = writeln!(out, "not matched: {link} ({n} comments left out)");
    }
    out
}
