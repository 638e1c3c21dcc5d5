//! `broadsheet import-wordpress FILE.xml` and `broadsheet import-disqus FILE.xml`: the whole
//! file is read and checked first, then written in one transaction; running again changes
//! nothing.

use std::fmt::Write as _;
use std::path::Path;

use super::import_uploads;
use super::progress::{Interrupt, Progress, Unit, count_of, nothing_imported};
use crate::config::Config;
use crate::domain::Clock;
use crate::domain::imports::{self, MAX_FILE_BYTES};
use crate::store::imports::{CommentTally, DisqusReport, WordpressReport};
use crate::store::media::ImportedMedia;

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

pub async fn wordpress(config: Config, path: &Path, uploads: Option<&Path>) -> anyhow::Result<()> {
    let bytes = read_file(path)?;
    let site = imports::parse_wordpress(&bytes)
        .map_err(|e| anyhow::anyhow!("{}:{e}\nnothing was imported", path.display()))?;
    let store = super::open_store(&config).await?;
    let interrupt = Interrupt::listen();
    let files = match uploads {
        Some(dir) => {
            let progress =
                Progress::start("import-wordpress", Unit::Items("images"), None, &interrupt);
            let read = import_uploads::read(&config, &store, dir, &site, &progress).await;
            progress.finish();
            match read {
                Ok(files) => Some(files),
                Err(e) => {
                    store.close().await;
                    return Err(e);
                }
            }
        }
        None => None,
    };
    let no_media = ImportedMedia::new();
    let progress = Progress::start(
        "import-wordpress",
        Unit::Items("posts and comments"),
        None,
        &interrupt,
    );
    let media = files.as_ref().map_or(&no_media, |f| &f.media);
    let result = store
        .import_wordpress(&site, media, Clock::system().now(), &progress)
        .await;
    progress.finish();
    match (&result, &files) {
        (Ok(_), _) => drop_caches(&store).await,
        // The rows that would have named them are rolled back: the files go too.
        (Err(_), Some(f)) if !f.written.is_empty() => {
            f.library.remove_all(&f.written).await;
            eprintln!(
                "removed the {} this import had written",
                count_of(f.written.len(), "picture file", "picture files")
            );
        }
        (Err(_), _) => {}
    }
    store.close().await;
    let report = result.map_err(nothing_imported)?;
    print!("{}", wordpress_summary(&report, &site.skipped));
    match &files {
        Some(f) => {
            for line in &f.left_out {
                println!("image left out: {line}");
            }
        }
        None => {
            let left = import_uploads::image_urls(&site).len();
            if left > 0 {
                println!(
                    "{} left out: give --uploads with a copy of wp-content/uploads to bring \
                     them into the media library (each is a link to its old address for now)",
                    count_of(left, "image", "images")
                );
            }
        }
    }
    Ok(())
}

pub async fn disqus(config: Config, path: &Path) -> anyhow::Result<()> {
    let bytes = read_file(path)?;
    let export = imports::parse_disqus(&bytes)
        .map_err(|e| anyhow::anyhow!("{}:{e}\nnothing was imported", path.display()))?;
    let store = super::open_store(&config).await?;
    let interrupt = Interrupt::listen();
    let progress = Progress::start("import-disqus", Unit::Items("comments"), None, &interrupt);
    let result = store
        .import_disqus(&export, Clock::system().now(), &progress)
        .await;
    progress.finish();
    if result.is_ok() {
        drop_caches(&store).await;
    }
    store.close().await;
    let report = result.map_err(nothing_imported)?;
    print!("{}", disqus_summary(&report, &export));
    Ok(())
}

fn comments_line(c: &CommentTally) -> String {
    format!(
        "{} ({} already there), {}",
        count_of(c.new + c.existing, "comment", "comments"),
        c.existing,
        count_of(
            c.guests_new,
            "commenter new as a guest",
            "commenters new as guests"
        )
    )
}

fn wordpress_summary(r: &WordpressReport, s: &imports::WpSkipped) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({} already there), {}, {}, {}",
        count_of(r.articles_new + r.articles_existing, "article", "articles"),
        r.articles_existing,
        count_of(r.sections_created, "section created", "sections created"),
        count_of(r.authors_created, "author created", "authors created"),
        count_of(r.tags_created, "tag created", "tags created"),
    );
    let _ = writeln!(out, "{}", comments_line(&r.comments));
    if r.images > 0 {
        let _ = writeln!(
            out,
            "{} in the media library ({} new)",
            count_of(r.images, "image", "images"),
            r.images_new
        );
    }
    let skipped = [
        count_of(
            s.drafts,
            "draft or unpublished post",
            "drafts or unpublished posts",
        ),
        count_of(s.attachments, "attachment", "attachments"),
        count_of(s.other_types, "other item", "other items"),
        format!("{} protected by a password", s.protected),
        count_of(s.pingbacks, "pingback", "pingbacks"),
        count_of(s.spam, "comment as spam", "comments as spam"),
        count_of(s.unapproved, "unapproved comment", "unapproved comments"),
    ];
    let _ = writeln!(out, "skipped: {}", skipped.join(", "));
    out
}

fn disqus_summary(r: &DisqusReport, e: &imports::DisqusExport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}, {} not matched",
        count_of(
            r.threads_matched,
            "thread matched to an article",
            "threads matched to articles"
        ),
        r.unmatched.len()
    );
    if r.threads_embedded > 0 {
        let _ = writeln!(
            out,
            "{} on registered sites' pages",
            count_of(
                r.threads_embedded,
                "thread imported as an embedded conversation",
                "threads imported as embedded conversations"
            )
        );
    }
    let _ = writeln!(out, "{}", comments_line(&r.comments));
    let _ = writeln!(
        out,
        "skipped: {} deleted, {} as spam",
        e.skipped_deleted, e.skipped_spam
    );
    for (link, left) in &r.unmatched {
        let _ = writeln!(
            out,
            "not matched: {link} ({} left out)",
            count_of(*left, "comment", "comments")
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_read_in_the_singular_for_one() {
        let one = CommentTally {
            new: 1,
            existing: 0,
            guests_new: 1,
        };
        assert_eq!(
            comments_line(&one),
            "1 comment (0 already there), 1 commenter new as a guest"
        );
        let report = WordpressReport {
            articles_new: 1,
            articles_existing: 0,
            sections_created: 1,
            authors_created: 2,
            tags_created: 0,
            images: 0,
            images_new: 0,
            comments: one,
        };
        let skipped = imports::WpSkipped {
            drafts: 1,
            spam: 1,
            ..Default::default()
        };
        let text = wordpress_summary(&report, &skipped);
        assert!(
            text.starts_with(
                "1 article (0 already there), 1 section created, 2 authors created, \
                 0 tags created\n"
            ),
            "{text}"
        );
        assert!(
            text.contains(
                "skipped: 1 draft or unpublished post, 0 attachments, 0 other items, \
                 0 protected by a password, 0 pingbacks, 1 comment as spam, \
                 0 unapproved comments"
            ),
            "{text}"
        );
    }
}
