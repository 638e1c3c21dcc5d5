//! `import-wordpress --uploads DIR`: the pictures of the posts read from a copy of
//! `wp-content/uploads` into the media store, processed as uploads are (upright, re-encoded at
//! each width, no EXIF), before the database transaction. A picture that cannot be had (not
//! in the folder, outside it, not an image) is reported by name and left out; the rest go on.

use std::collections::{BTreeSet, HashMap};
use std::io::Read;
use std::path::{Path, PathBuf};

use bytes::Bytes;

use super::progress::Progress;
use crate::config::Config;
use crate::domain::imports::{WpSite, uploads_candidates};
use crate::domain::media::content_hash;
use crate::services::media::Library;
use crate::store::Progress as _;
use crate::store::Store;
use crate::store::media::{ImportedImage, ImportedMedia};

/// What was read from the uploads folder.
pub struct Uploads {
    pub library: Library,
    /// The pictures the media store now holds, by their old address.
    pub media: ImportedMedia,
    /// Files this run wrote for pictures the library did not hold: removed again if the
    /// database transaction fails, so that nothing is left that no row names.
    pub written: Vec<String>,
    /// One line per picture left out: its old address and why.
    pub left_out: Vec<String>,
}

/// The distinct old addresses of the pictures of the site's posts.
pub fn image_urls(site: &WpSite) -> BTreeSet<&str> {
    site.posts
        .iter()
        .flat_map(|p| p.images())
        .map(|i| i.url.as_str())
        .collect()
}

/// Why a file of the uploads was not taken.
enum Refused {
    Missing,
    Outside,
    Unreadable(String),
}

/// `rel` under `root` (already canonical), as long as the real file (symbolic links followed)
/// is a file inside `root`.
fn inside(root: &Path, rel: &str) -> Result<PathBuf, Refused> {
    let joined = root.join(rel);
    let real = match joined.canonicalize() {
        Ok(p) => p,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Refused::Missing),
        Err(e) => return Err(Refused::Unreadable(e.to_string())),
    };
    if !real.starts_with(root) {
        return Err(Refused::Outside);
    }
    if !real.is_file() {
        return Err(Refused::Missing);
    }
    Ok(real)
}

/// The file's bytes, refused when larger than an upload may be.
fn read_limited(path: &Path, max: usize) -> Result<Vec<u8>, String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut bytes = Vec::new();
    file.take(max as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() > max {
        return Err(format!("larger than the {max} bytes an upload may be"));
    }
    Ok(bytes)
}

/// Reads, processes and stores every picture of the site found in `dir`.
pub async fn read(
    config: &Config,
    store: &Store,
    dir: &Path,
    site: &WpSite,
    progress: &Progress,
) -> anyhow::Result<Uploads> {
    let root = dir
        .canonicalize()
        .map_err(|e| anyhow::anyhow!("{}: cannot read the uploads folder: {e}", dir.display()))?;
    if !root.is_dir() {
        anyhow::bail!("{}: the uploads folder is not a folder", dir.display());
    }
    let library = Library::open(config)?;
    let urls = image_urls(site);
    progress.set_total(urls.len() as u64);
    let mut out = Uploads {
        library,
        media: HashMap::new(),
        written: Vec::new(),
        left_out: Vec::new(),
    };
    let mut by_hash: HashMap<String, ImportedImage> = HashMap::new();
    for url in urls {
        if progress.interrupted() {
            out.library.remove_all(&out.written).await;
            anyhow::bail!("interrupted: nothing was imported");
        }
        progress.advance(1);
        let Some(candidates) = uploads_candidates(url) else {
            let why = if url.contains("/wp-content/uploads/") {
                "outside the uploads folder; refused"
            } else {
                "not a file of wp-content/uploads"
            };
            out.left_out.push(format!("{url}: {why}"));
            continue;
        };
        let mut found = None;
        let mut why = "not in the uploads folder".to_owned();
        for rel in &candidates {
            match inside(&root, rel) {
                Ok(path) => {
                    found = Some((rel, path));
                    break;
                }
                Err(Refused::Missing) => {}
                Err(Refused::Outside) => {
                    why = "leads outside the uploads folder; refused".to_owned();
                    break;
                }
                Err(Refused::Unreadable(e)) => why = format!("{rel}: {e}"),
            }
        }
        let Some((rel, path)) = found else {
            out.left_out.push(format!("{}: {why}", candidates[0]));
            continue;
        };
        let bytes = match read_limited(&path, config.max_upload_bytes) {
            Ok(b) => b,
            Err(e) => {
                out.left_out.push(format!("{rel}: {e}"));
                continue;
            }
        };
        let hash = content_hash(&bytes);
        if let Some(known) = by_hash.get(&hash) {
            out.media.insert(url.to_owned(), known.clone());
            continue;
        }
        let image = match store.media_by_hash(&hash).await? {
            Some(row) => ImportedImage::of_row(&row),
            None => None,
        };
        let image = match image {
            Some(i) => i,
            None => {
                let byte_size = bytes.len() as u64;
                let processed = match out.library.process(Bytes::from(bytes)).await {
                    Ok(p) => p,
                    Err(m) => {
                        out.left_out.push(format!("{rel}: {m}"));
                        continue;
                    }
                };
                match out
                    .library
                    .write_all(&hash, processed.kind, &processed.variants)
                    .await
                {
                    Ok(keys) => out.written.extend(keys),
                    Err(e) => {
                        out.library.remove_all(&out.written).await;
                        anyhow::bail!("nothing was imported: {e}");
                    }
                }
                ImportedImage {
                    hash: hash.clone(),
                    kind: processed.kind,
                    width: processed.width,
                    height: processed.height,
                    widths: processed.variants.iter().map(|v| v.width).collect(),
                    byte_size,
                }
            }
        };
        by_hash.insert(hash, image.clone());
        out.media.insert(url.to_owned(), image);
    }
    Ok(out)
}
