//! The checks of this machine: free disk space, and folders that files can be made in.

use std::path::{Path, PathBuf};

use super::Outcome;

/// Free space under which the check warns, and under which it fails.
const WARN_BELOW_BYTES: u64 = 1 << 30;
const FAIL_BELOW_BYTES: u64 = 100 << 20;

/// Free space on the data folder's file system.
pub fn disk(data_dir: &Path) -> Outcome {
    const CHECK: &str = "disk";
    let at = nearest_existing(data_dir);
    match free_space(&at) {
        Ok((free, total)) => disk_verdict(&at, free, total),
        Err(e) => Outcome::problem(
            CHECK,
            format!(
                "the free space at {} could not be read: {e}. Check that the data folder \
                 (--data-dir) is on a mounted file system",
                at.display()
            ),
        ),
    }
}

/// Ok, a warning below 1 GiB or 5% free, a problem below 100 MiB.
pub fn disk_verdict(at: &Path, free: u64, total: u64) -> Outcome {
    const CHECK: &str = "disk";
    let share = if total == 0 {
        0.0
    } else {
        free as f64 / total as f64 * 100.0
    };
    let found = format!(
        "{} free of {} ({share:.0}%) at {}",
        human_bytes(free),
        human_bytes(total),
        at.display()
    );
    if free < FAIL_BELOW_BYTES {
        Outcome::problem(
            CHECK,
            format!(
                "only {found}: the database and uploads will soon fail to write. Free some space \
                 or move --data-dir to a larger disk"
            ),
        )
    } else if free < WARN_BELOW_BYTES || share < 5.0 {
        Outcome::warning(CHECK, format!("only {found}: free some space soon"))
    } else {
        Outcome::ok(CHECK, found)
    }
}

fn human_bytes(n: u64) -> String {
    const GIB: u64 = 1 << 30;
    const MIB: u64 = 1 << 20;
    if n >= GIB {
        format!("{:.1} GiB", n as f64 / GIB as f64)
    } else {
        format!("{:.0} MiB", n as f64 / MIB as f64)
    }
}

/// Free bytes (for an unprivileged user) and total bytes of the file system holding `path`.
fn free_space(path: &Path) -> std::io::Result<(u64, u64)> {
    use std::os::unix::ffi::OsStrExt;
    let c_path = std::ffi::CString::new(path.as_os_str().as_bytes())
        .map_err(|_| std::io::Error::other("the path holds a NUL byte"))?;
    let mut stat: libc::statvfs = unsafe { std::mem::zeroed() };
    // SAFETY: a valid C string and a statvfs buffer owned by this frame.
    if unsafe { libc::statvfs(c_path.as_ptr(), &mut stat) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    let block = stat.f_frsize as u64;
    Ok((stat.f_bavail as u64 * block, stat.f_blocks as u64 * block))
}

/// `path`, or its nearest ancestor that exists.
fn nearest_existing(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let mut at = absolute.as_path();
    while !at.exists() {
        match at.parent() {
            Some(p) => at = p,
            None => break,
        }
    }
    at.to_owned()
}

/// Whether files can be made in `dir` (a probe file, removed at once). A missing folder is not
/// created: its nearest existing ancestor is probed instead, where it would be created. Ok
/// says where files go.
pub(super) fn probe_folder(dir: &Path) -> Result<String, String> {
    let at = nearest_existing(dir);
    if !at.is_dir() {
        return Err(format!("{} is not a folder", at.display()));
    }
    let probe = at.join(format!(
        ".broadsheet-check-{}",
        hex::encode(rand::random::<[u8; 8]>())
    ));
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
        .and_then(|mut f| std::io::Write::write_all(&mut f, b"broadsheet check"));
    let removed = std::fs::remove_file(&probe);
    written.map_err(|e| format!("{} cannot be written to: {e}", at.display()))?;
    removed.map_err(|e| format!("a file in {} cannot be removed: {e}", at.display()))?;
    if at == std::path::absolute(dir).unwrap_or_else(|_| dir.to_owned()) {
        Ok(dir.display().to_string())
    } else {
        Ok(format!(
            "{} (to be created; {} can be written to)",
            dir.display(),
            at.display()
        ))
    }
}

/// How to make `dir` usable.
pub(super) fn folder_fix(dir: &Path) -> String {
    // SAFETY: geteuid has no preconditions and cannot fail.
    let uid = unsafe { libc::geteuid() };
    format!(
        "make {} a folder that the user running broadsheet (uid {uid}) can write to, or choose \
         another --data-dir",
        dir.display()
    )
}

pub(super) fn capital(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::Status;
    use super::*;

    #[test]
    fn low_disk_warns_then_fails() {
        let at = Path::new("/srv/broadsheet");
        let gib = 1u64 << 30;
        assert_eq!(disk_verdict(at, 50 * gib, 100 * gib).status, Status::Ok);
        assert_eq!(disk_verdict(at, 4 * gib, 100 * gib).status, Status::Warning);
        assert_eq!(disk_verdict(at, gib / 2, 2 * gib).status, Status::Warning);
        let o = disk_verdict(at, 10 << 20, 100 * gib);
        assert_eq!(o.status, Status::Problem);
        assert!(
            o.message.contains("10 MiB free of 100.0 GiB"),
            "{}",
            o.message
        );
    }

    #[test]
    fn a_folder_probe_leaves_nothing_behind_and_creates_nothing() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            probe_folder(dir.path()).unwrap(),
            dir.path().display().to_string()
        );
        let missing = dir.path().join("a/b");
        assert!(probe_folder(&missing).unwrap().contains("to be created"));
        assert!(!dir.path().join("a").exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        let file = dir.path().join("file");
        std::fs::write(&file, b"x").unwrap();
        assert!(
            probe_folder(&file.join("media"))
                .unwrap_err()
                .contains("is not a folder")
        );
    }
}
