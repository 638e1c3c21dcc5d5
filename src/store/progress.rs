//! How a long store operation (an import, an export) tells its caller how far it has got, and
//! learns that it should stop. The store only counts and asks; showing the count (a bar at a
//! terminal, log lines elsewhere) and deciding to stop (Ctrl-C) are the command line's.

/// Told as a long operation goes. An operation that learns it should stop returns
/// [`super::Error::Interrupted`] at its next safe point, having rolled back what it had not
/// committed.
pub trait Progress: Sync {
    /// The operation has `total` items to do (called once it knows).
    fn set_total(&self, total: u64);
    /// `done` more items are done.
    fn advance(&self, done: u64);
    /// Whether the operation should stop at its next safe point.
    fn stop_requested(&self) -> bool;
}

/// For callers that want neither the count nor a way to stop (the server, tests).
pub struct Silent;

impl Progress for Silent {
    fn set_total(&self, _: u64) {}
    fn advance(&self, _: u64) {}
    fn stop_requested(&self) -> bool {
        false
    }
}

/// [`super::Error::Interrupted`] when `progress` asks to stop.
pub(crate) fn check(progress: &dyn Progress) -> super::Result<()> {
    if progress.stop_requested() {
        Err(super::Error::Interrupted)
    } else {
        Ok(())
    }
}
