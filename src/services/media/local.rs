//! Image files in a local folder (DATA_DIR/media by default).

use std::io::Write;
use std::path::PathBuf;

use async_trait::async_trait;
use bytes::Bytes;

use super::{MediaStore, StorageError, check_key};

/// Temporary files start with this; a crash can leave one, and opening the store removes them.
const TEMP_PREFIX: &str = ".upload-";

pub struct LocalDisk {
    dir: PathBuf,
}

impl LocalDisk {
    /// Uses (and creates) `dir`, removing temporary files an interrupted write left there.
    pub fn open(dir: PathBuf) -> Result<LocalDisk, StorageError> {
        std::fs::create_dir_all(&dir)?;
        for entry in std::fs::read_dir(&dir)? {
            let entry = entry?;
            if entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
        Ok(LocalDisk { dir })
    }
}

impl LocalDisk {
    /// The folder as it is, neither created nor cleaned: for `broadsheet check`, which must
    /// change nothing.
    pub fn existing(dir: PathBuf) -> LocalDisk {
        LocalDisk { dir }
    }
}

#[async_trait]
impl MediaStore for LocalDisk {
    /// Written to a temporary file in the same folder, flushed to disk, then renamed over the
    /// name: a reader (or a crash) never sees half a file.
    async fn put(&self, key: &str, bytes: Bytes) -> Result<(), StorageError> {
        check_key(key)?;
        let dir = self.dir.clone();
        let key = key.to_owned();
        tokio::task::spawn_blocking(move || -> std::io::Result<()> {
            let temp = dir.join(format!(
                "{TEMP_PREFIX}{}",
                hex::encode(rand::random::<[u8; 8]>())
            ));
            let written = (|| {
                let mut f = std::fs::File::create(&temp)?;
                f.write_all(&bytes)?;
                f.sync_all()?;
                std::fs::rename(&temp, dir.join(&key))?;
                // The rename itself is made durable too (on Linux, by syncing the folder).
                std::fs::File::open(&dir)?.sync_all()
            })();
            if written.is_err() {
                let _ = std::fs::remove_file(&temp);
            }
            written
        })
        .await
        .map_err(|e| StorageError::Io(std::io::Error::other(e)))??;
        Ok(())
    }

    async fn get(&self, key: &str) -> Result<Option<Bytes>, StorageError> {
        check_key(key)?;
        match tokio::fs::read(self.dir.join(key)).await {
            Ok(b) => Ok(Some(Bytes::from(b))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    async fn exists(&self, key: &str) -> Result<bool, StorageError> {
        check_key(key)?;
        Ok(tokio::fs::try_exists(self.dir.join(key)).await?)
    }

    async fn delete(&self, key: &str) -> Result<(), StorageError> {
        check_key(key)?;
        match tokio::fs::remove_file(self.dir.join(key)).await {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
            _ => Ok(()),
        }
    }

    fn describe(&self) -> String {
        format!("folder {}", self.dir.display())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "0123456789abcdef0123456789abcdef-480.png";

    #[tokio::test]
    async fn files_round_trip_and_leave_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let disk = LocalDisk::open(dir.path().join("media")).unwrap();
        assert!(!disk.exists(KEY).await.unwrap());
        assert_eq!(disk.get(KEY).await.unwrap(), None);
        disk.put(KEY, Bytes::from_static(b"pixels")).await.unwrap();
        assert!(disk.exists(KEY).await.unwrap());
        assert_eq!(disk.get(KEY).await.unwrap().unwrap(), &b"pixels"[..]);
        let names: Vec<String> = std::fs::read_dir(dir.path().join("media"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec![KEY.to_owned()]);
        disk.delete(KEY).await.unwrap();
        disk.delete(KEY).await.unwrap();
        assert!(!disk.exists(KEY).await.unwrap());
    }

    #[tokio::test]
    async fn names_outside_the_scheme_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let disk = LocalDisk::open(dir.path().to_owned()).unwrap();
        let e = disk
            .put("../escape.png", Bytes::from_static(b"x"))
            .await
            .unwrap_err();
        assert!(matches!(e, StorageError::InvalidKey(_)), "{e}");
        assert!(!dir.path().parent().unwrap().join("escape.png").exists());
    }

    #[test]
    fn leftover_temporary_files_are_removed_on_open() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".upload-deadbeef"), b"half").unwrap();
        std::fs::write(dir.path().join(KEY), b"whole").unwrap();
        LocalDisk::open(dir.path().to_owned()).unwrap();
        assert!(!dir.path().join(".upload-deadbeef").exists());
        assert!(dir.path().join(KEY).exists());
    }
}
