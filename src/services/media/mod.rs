//! Uploaded images: where their files are kept ([`MediaStore`]: a local folder or an
//! S3-compatible bucket), how an upload becomes those files ([`process`]), and the
//! all-or-nothing writing of them ([`Library`]).
//!
//! Keys are file names `{hash}-{width}.{ext}` ([`VariantName`]); the same key always holds the
//! same bytes, which is what lets them be cached for a year.

mod local;
pub mod process;
mod s3;

use std::sync::Arc;

use async_trait::async_trait;
use bytes::Bytes;

pub use local::LocalDisk;
pub use process::{Processed, Variant, process};
pub use s3::S3Store;

use crate::config::{Config, MediaStorage};
use crate::domain::media::{ImageKind, ImageProblem, VariantName};

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// Keys are checked by every store, so no other name (`../x`) reaches a disk or bucket.
    #[error("`{0}` is not a media file name")]
    InvalidKey(String),
    #[error("media storage: {0}")]
    Io(#[from] std::io::Error),
    #[error("media storage: {0}")]
    ObjectStore(#[from] object_store::Error),
}

/// Where image files live. Writes are atomic: a reader finds a whole file or none.
#[async_trait]
pub trait MediaStore: Send + Sync {
    async fn put(&self, key: &str, bytes: Bytes) -> Result<(), StorageError>;
    /// The file's bytes; `None` when there is no such file.
    async fn get(&self, key: &str) -> Result<Option<Bytes>, StorageError>;
    async fn exists(&self, key: &str) -> Result<bool, StorageError>;
    /// Removes the file; removing a missing file is not an error.
    async fn delete(&self, key: &str) -> Result<(), StorageError>;
    /// For the log: where files go.
    fn describe(&self) -> String;
}

fn check_key(key: &str) -> Result<(), StorageError> {
    match VariantName::parse(key) {
        Some(v) if v.key() == key => Ok(()),
        _ => Err(StorageError::InvalidKey(key.to_owned())),
    }
}

/// The media store and the work of turning uploads into its files.
pub struct Library {
    store: Arc<dyn MediaStore>,
    /// Decoding and resizing is CPU and memory heavy (up to ~250 MB for the largest image
    /// accepted): at most this many at once per process, the rest wait their turn.
    jobs: tokio::sync::Semaphore,
}

impl Library {
    pub fn new(store: Arc<dyn MediaStore>) -> Library {
        let parallel = std::thread::available_parallelism().map_or(1, |n| n.get().min(2));
        Library {
            store,
            jobs: tokio::sync::Semaphore::new(parallel),
        }
    }

    /// The store the configuration names: DATA_DIR/media, or the S3 bucket.
    pub fn open(config: &Config) -> Result<Library, StorageError> {
        let store: Arc<dyn MediaStore> = match &config.media_storage {
            MediaStorage::Local => Arc::new(LocalDisk::open(config.data_dir.join("media"))?),
            MediaStorage::S3(s3) => Arc::new(S3Store::new(s3)?),
        };
        tracing::info!(storage = %store.describe(), "media storage");
        Ok(Library::new(store))
    }

    pub fn store(&self) -> &dyn MediaStore {
        self.store.as_ref()
    }

    /// Decodes and re-encodes an upload on a blocking thread, waiting for a free slot first.
    pub async fn process(&self, bytes: Bytes) -> Result<Processed, ImageProblem> {
        let _permit = self
            .jobs
            .acquire()
            .await
            .map_err(|_| ImageProblem::ShuttingDown)?;
        tokio::task::spawn_blocking(move || process(&bytes))
            .await
            .unwrap_or_else(|e| {
                tracing::error!(error = %e, "image processing panicked");
                Err(ImageProblem::Failed)
            })
    }

    /// Writes every variant of an image, or none: when one write fails, those already made are
    /// removed again. Returns the keys written.
    pub async fn write_all(
        &self,
        hash: &str,
        kind: ImageKind,
        variants: &[Variant],
    ) -> Result<Vec<String>, StorageError> {
        let mut written = Vec::with_capacity(variants.len());
        for v in variants {
            let key = VariantName {
                hash: hash.to_owned(),
                width: v.width,
                kind,
            }
            .key();
            if let Err(e) = self.store.put(&key, Bytes::from(v.bytes.clone())).await {
                // This one too: a write can fail after its file is in place (a failed sync).
                written.push(key);
                self.remove_all(&written).await;
                return Err(e);
            }
            written.push(key);
        }
        Ok(written)
    }

    /// Removes files, logging (not returning) failures: used to undo a write that cannot
    /// complete, where the first error is the one to report.
    pub async fn remove_all(&self, keys: &[String]) {
        for key in keys {
            if let Err(e) = self.store.delete(key).await {
                tracing::error!(%key, error = %e, "could not remove a media file after a failed upload");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    /// A store that fails the `fail_at`-th write, and remembers what it holds.
    struct Flaky {
        files: Mutex<Vec<String>>,
        fail_at: usize,
        puts: Mutex<usize>,
    }

    #[async_trait]
    impl MediaStore for Flaky {
        async fn put(&self, key: &str, _bytes: Bytes) -> Result<(), StorageError> {
            let mut n = self.puts.lock().unwrap();
            *n += 1;
            if *n == self.fail_at {
                return Err(StorageError::Io(std::io::Error::other("disk full")));
            }
            self.files.lock().unwrap().push(key.to_owned());
            Ok(())
        }
        async fn get(&self, _key: &str) -> Result<Option<Bytes>, StorageError> {
            Ok(None)
        }
        async fn exists(&self, key: &str) -> Result<bool, StorageError> {
            Ok(self.files.lock().unwrap().iter().any(|k| k == key))
        }
        async fn delete(&self, key: &str) -> Result<(), StorageError> {
            self.files.lock().unwrap().retain(|k| k != key);
            Ok(())
        }
        fn describe(&self) -> String {
            "flaky".into()
        }
    }

    fn variants() -> Vec<Variant> {
        [480, 960, 1600]
            .into_iter()
            .map(|width| Variant {
                width,
                height: width / 2,
                bytes: vec![1, 2, 3],
            })
            .collect()
    }

    #[tokio::test]
    async fn a_failed_write_leaves_no_file_behind() {
        let store = Arc::new(Flaky {
            files: Mutex::default(),
            fail_at: 3,
            puts: Mutex::default(),
        });
        let library = Library::new(store.clone());
        let hash = "0123456789abcdef0123456789abcdef";
        let e = library
            .write_all(hash, ImageKind::Jpeg, &variants())
            .await
            .unwrap_err();
        assert!(e.to_string().contains("disk full"), "{e}");
        assert!(
            store.files.lock().unwrap().is_empty(),
            "the first two were removed"
        );
    }

    #[tokio::test]
    async fn every_variant_is_written_under_its_name() {
        let store = Arc::new(Flaky {
            files: Mutex::default(),
            fail_at: 0,
            puts: Mutex::default(),
        });
        let library = Library::new(store.clone());
        let hash = "0123456789abcdef0123456789abcdef";
        let keys = library
            .write_all(hash, ImageKind::Png, &variants())
            .await
            .unwrap();
        assert_eq!(keys[2], format!("{hash}-1600.png"));
        assert_eq!(*store.files.lock().unwrap(), keys);
    }

    #[test]
    fn only_media_names_are_keys() {
        assert!(check_key("0123456789abcdef0123456789abcdef-480.jpg").is_ok());
        for bad in [
            "../etc/passwd",
            "x.jpg",
            "",
            "0123456789abcdef0123456789abcdef-480.jpg/..",
        ] {
            assert!(check_key(bad).is_err(), "{bad}");
        }
    }
}
