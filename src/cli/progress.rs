//! How a long command (`import…`, `export`, `generate`, `backup`) shows how far it has got, and
//! how Ctrl-C stops it.
//!
//! At a terminal a bar redraws in place on standard error, with counts, rate and time left. Anywhere
//! else (CI, systemd, a pipe) there is no bar and no control code: a plain log line every
//! tenth of the way and at least every [`PLAIN_EVERY`], with counts and rate.
//!
//! The first Ctrl-C asks the job to stop at its next safe point (it then says what was and was
//! not done); a second one stops the process at once.

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// The longest a plain log line waits while a job makes progress.
pub const PLAIN_EVERY: Duration = Duration::from_secs(5);

/// `n` and the noun phrase that fits it: `count(1, "comment", "comments")` is "1 comment",
/// `count(2, …)` and `count(0, …)` are "2 comments" and "0 comments".
pub fn count(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `count` for the `usize` counts of reports.
pub fn count_of(n: usize, one: &str, many: &str) -> String {
    count(n as u64, one, many)
}

/// The error of an import that failed or was stopped: either way, in one transaction, nothing
/// was written.
pub fn nothing_imported(e: crate::store::Error) -> anyhow::Error {
    match e {
        crate::store::Error::Interrupted => anyhow::anyhow!(
            "interrupted: nothing was imported (the import is one transaction, and it was rolled \
             back); run it again to import everything"
        ),
        e => anyhow::anyhow!("nothing was imported: {e}"),
    }
}

/// Whether Ctrl-C has asked the running job to stop.
#[derive(Clone, Default)]
pub struct Interrupt(Arc<AtomicBool>);

impl Interrupt {
    /// Listens for Ctrl-C (SIGINT) from now on, in place of the default, which ends the
    /// process at once. The handler is in place when this returns. Needs the tokio runtime.
    pub fn listen() -> Interrupt {
        use tokio::signal::unix::{SignalKind, signal};
        let interrupt = Interrupt::default();
        let flag = interrupt.0.clone();
        let mut sigint = match signal(SignalKind::interrupt()) {
            Ok(s) => s,
            Err(e) => {
                tracing::warn!("Ctrl-C will stop this command at once, not cleanly: {e}");
                return interrupt;
            }
        };
        tokio::spawn(async move {
            if sigint.recv().await.is_none() {
                return;
            }
            flag.store(true, Ordering::SeqCst);
            eprintln!("broadsheet: stopping at the next safe point (Ctrl-C again to stop at once)");
            if sigint.recv().await.is_some() {
                eprintln!("broadsheet: stopped at once; what was not committed is rolled back");
                std::process::exit(130);
            }
        });
        interrupt
    }

    pub fn requested(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// What a job counts.
#[derive(Clone, Copy, Debug)]
pub enum Unit {
    /// Things, named in the plural ("comments", "records").
    Items(&'static str),
    /// Bytes, shown in KiB, MiB, GiB.
    Bytes,
}

/// One job's progress: a bar at a terminal, plain log lines otherwise.
pub struct Progress {
    job: &'static str,
    unit: Unit,
    interrupt: Interrupt,
    show: Show,
}

enum Show {
    Bar(ProgressBar),
    Plain(Mutex<Plain>),
}

struct Plain {
    started: Instant,
    total: Option<u64>,
    done: u64,
    /// When the last line was written, and how many tenths of the way it said.
    last_at: Instant,
    last_tenth: u64,
    last_done: Option<u64>,
}

impl Progress {
    /// Starts showing `job`'s progress (the command's name, e.g. `import-wordpress`), counted
    /// in `unit`, with `total` when known already.
    pub fn start(job: &'static str, unit: Unit, total: Option<u64>, interrupt: &Interrupt) -> Self {
        let show = if std::io::stderr().is_terminal() {
            // Hidden until the total is known: a bar of length 0 would show as full.
            let bar = match total {
                Some(total) => ProgressBar::new(total),
                None => ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden()),
            };
            bar.set_style(bar_style(unit));
            bar.set_prefix(job);
            bar.enable_steady_tick(Duration::from_millis(200));
            Show::Bar(bar)
        } else {
            let now = Instant::now();
            Show::Plain(Mutex::new(Plain {
                started: now,
                total,
                done: 0,
                last_at: now,
                last_tenth: 0,
                last_done: None,
            }))
        };
        Progress {
            job,
            unit,
            interrupt: interrupt.clone(),
            show,
        }
    }

    /// The count is now `done` (for jobs that measure rather than count, such as a backup).
    pub fn set_position(&self, done: u64) {
        match &self.show {
            Show::Bar(bar) => bar.set_position(done),
            Show::Plain(plain) => {
                let mut p = plain.lock().unwrap_or_else(|e| e.into_inner());
                p.done = done;
                self.maybe_line(&mut p);
            }
        }
    }

    /// Whether Ctrl-C asked to stop.
    pub fn interrupted(&self) -> bool {
        self.interrupt.requested()
    }

    /// The job is over (done or not): the bar goes, a plain log gets its last line.
    pub fn finish(&self) {
        match &self.show {
            Show::Bar(bar) => bar.finish_and_clear(),
            Show::Plain(plain) => {
                let p = plain.lock().unwrap_or_else(|e| e.into_inner());
                if p.last_done != Some(p.done) {
                    self.line(&p);
                }
            }
        }
    }

    fn maybe_line(&self, p: &mut Plain) {
        let now = Instant::now();
        let tenth = match p.total {
            Some(total) if total > 0 => p.done.min(total) * 10 / total,
            _ => 0,
        };
        if tenth > p.last_tenth || now.duration_since(p.last_at) >= PLAIN_EVERY {
            p.last_tenth = tenth;
            p.last_at = now;
            p.last_done = Some(p.done);
            self.line(p);
        }
    }

    fn line(&self, p: &Plain) {
        let line = plain_line(self.job, self.unit, p.done, p.total, p.started.elapsed());
        tracing::info!(target: "broadsheet::progress", "{line}");
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Show::Bar(bar) = &self.show
            && !bar.is_finished()
        {
            bar.abandon();
        }
    }
}

impl crate::store::Progress for Progress {
    fn set_total(&self, total: u64) {
        match &self.show {
            Show::Bar(bar) => {
                bar.set_length(total);
                if bar.is_hidden() {
                    bar.set_draw_target(ProgressDrawTarget::stderr());
                }
            }
            Show::Plain(plain) => {
                plain.lock().unwrap_or_else(|e| e.into_inner()).total = Some(total);
            }
        }
    }

    fn advance(&self, done: u64) {
        match &self.show {
            Show::Bar(bar) => bar.inc(done),
            Show::Plain(plain) => {
                let mut p = plain.lock().unwrap_or_else(|e| e.into_inner());
                p.done += done;
                self.maybe_line(&mut p);
            }
        }
    }

    fn stop_requested(&self) -> bool {
        self.interrupt.requested()
    }
}

fn bar_style(unit: Unit) -> ProgressStyle {
    let template = match unit {
        Unit::Items(name) => format!(
            "{{prefix}} [{{bar:30}}] {{human_pos}}/{{human_len}} {name} ({{rate}}, {{eta}} left)"
        ),
        Unit::Bytes => {
            "{prefix} [{bar:30}] {bytes}/{total_bytes} ({bytes_per_sec}, {eta} left)".to_owned()
        }
    };
    ProgressStyle::with_template(&template)
        .expect("a valid progress template")
        // Whole items a second (indicatif's own {per_sec} shows four decimals).
        .with_key(
            "rate",
            |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.0}/s", state.per_sec());
            },
        )
        .progress_chars("=> ")
}

/// One plain progress line: `import-disqus: 1200 of 5000 comments (24%), 310 a second, about
/// 12 s left`, or without a total `export: 1200 records, 310 a second`.
pub fn plain_line(
    job: &str,
    unit: Unit,
    done: u64,
    total: Option<u64>,
    elapsed: Duration,
) -> String {
    let rate = done as f64 / elapsed.as_secs_f64().max(0.001);
    let amount = |n: u64| match unit {
        Unit::Items(_) => n.to_string(),
        Unit::Bytes => bytes(n),
    };
    let name = match unit {
        Unit::Items(name) => format!(" {name}"),
        Unit::Bytes => String::new(),
    };
    let speed = match unit {
        Unit::Items(_) => format!("{} a second", rate.round() as u64),
        Unit::Bytes => format!("{} a second", bytes(rate as u64)),
    };
    match total {
        Some(total) => {
            let percent = (done.min(total) * 100).checked_div(total).unwrap_or(100);
            let left = if done >= total {
                "done".to_owned()
            } else if done == 0 {
                "time left not known yet".to_owned()
            } else {
                let secs = (total - done) as f64 / rate;
                if secs < 1.0 {
                    "less than a second left".to_owned()
                } else {
                    let secs = Duration::from_secs(secs.round() as u64);
                    format!("about {} left", duration(secs))
                }
            };
            format!(
                "{job}: {} of {}{name} ({percent}%), {speed}, {left}",
                amount(done),
                amount(total)
            )
        }
        None => format!("{job}: {}{name}, {speed}", amount(done)),
    }
}

/// `2 h 05 min`, `3 min 07 s`, `12 s`.
fn duration(d: Duration) -> String {
    let s = d.as_secs();
    match s {
        0..60 => format!("{s} s"),
        60..3600 => format!("{} min {:02} s", s / 60, s % 60),
        _ => format!("{} h {:02} min", s / 3600, s % 3600 / 60),
    }
}

/// `512 B`, `1.5 KiB`, `40.0 MiB`.
fn bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if n < 1024 {
        return format!("{n} B");
    }
    let mut v = n as f64 / 1024.0;
    let mut unit = 0;
    while v >= 1024.0 && unit < UNITS.len() - 1 {
        v /= 1024.0;
        unit += 1;
    }
    format!("{v:.1} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_in_the_singular_for_one_and_the_plural_otherwise() {
        assert_eq!(count(1u64, "comment", "comments"), "1 comment");
        assert_eq!(count(2u64, "comment", "comments"), "2 comments");
        assert_eq!(count(0u64, "comment", "comments"), "0 comments");
        assert_eq!(
            count_of(
                1,
                "draft or unpublished post",
                "drafts or unpublished posts"
            ),
            "1 draft or unpublished post"
        );
        assert_eq!(count_of(11, "entry", "entries"), "11 entries");
    }

    #[test]
    fn a_plain_line_has_counts_share_rate_and_time_left() {
        let line = plain_line(
            "import-disqus",
            Unit::Items("comments"),
            1200,
            Some(5000),
            Duration::from_secs(4),
        );
        assert_eq!(
            line,
            "import-disqus: 1200 of 5000 comments (24%), 300 a second, about 13 s left"
        );
        let done = plain_line(
            "export",
            Unit::Items("records"),
            70,
            Some(70),
            Duration::from_secs(2),
        );
        assert_eq!(done, "export: 70 of 70 records (100%), 35 a second, done");
        let open = plain_line(
            "generate",
            Unit::Items("comments"),
            10,
            None,
            Duration::from_secs(1),
        );
        assert_eq!(open, "generate: 10 comments, 10 a second");
        let nearly = plain_line(
            "export",
            Unit::Items("records"),
            99,
            Some(100),
            Duration::from_secs(1),
        );
        assert_eq!(
            nearly,
            "export: 99 of 100 records (99%), 99 a second, less than a second left"
        );
        let starting = plain_line(
            "import",
            Unit::Items("articles"),
            0,
            Some(3),
            Duration::ZERO,
        );
        assert_eq!(
            starting,
            "import: 0 of 3 articles (0%), 0 a second, time left not known yet"
        );
        assert!(!line.contains('\x1b') && !line.contains('\r'));
    }

    #[test]
    fn bytes_and_long_waits_are_shown_in_readable_units() {
        let line = plain_line(
            "backup",
            Unit::Bytes,
            3 * 1024 * 1024,
            Some(12 * 1024 * 1024),
            Duration::from_secs(100),
        );
        assert_eq!(
            line,
            "backup: 3.0 MiB of 12.0 MiB (25%), 30.7 KiB a second, about 5 min 00 s left"
        );
        assert_eq!(duration(Duration::from_secs(7500)), "2 h 05 min");
        assert_eq!(bytes(512), "512 B");
    }
}
