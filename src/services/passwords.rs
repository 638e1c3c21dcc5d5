//! Password hashing off the request threads, on a fixed pool of worker threads.
//!
//! argon2id is deliberately expensive: 19 MiB and tens of milliseconds per hash. Run on tokio's
//! blocking pool, concurrent sign-ins would each take a thread and its own 19 MiB (30 at once
//! measured 500 MB resident, kept afterwards by the allocator's per-thread arenas): a cheap way
//! to exhaust the server's memory. A fixed number of workers bounds both memory and CPU; excess
//! requests wait their turn in the queue.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use tokio::sync::oneshot;

use crate::domain::user::{hash_password, verify_password};

enum Job {
    Hash(String, oneshot::Sender<String>),
    Verify(String, String, oneshot::Sender<bool>),
}

pub struct PasswordWorkers {
    jobs: Mutex<mpsc::Sender<Job>>,
    /// argon2 runs asked for so far (hashes and verifications): what a form costs in CPU.
    runs: AtomicU64,
}

impl PasswordWorkers {
    /// Starts `n` worker threads (at least one).
    pub fn start(n: usize) -> PasswordWorkers {
        let (tx, rx) = mpsc::channel::<Job>();
        let rx = Arc::new(Mutex::new(rx));
        for i in 0..n.max(1) {
            let rx = rx.clone();
            std::thread::Builder::new()
                .name(format!("argon2-{i}"))
                .spawn(move || {
                    loop {
                        let job = match rx.lock() {
                            Ok(rx) => rx.recv(),
                            Err(_) => return,
                        };
                        match job {
                            Ok(Job::Hash(p, reply)) => {
                                let _ = reply.send(hash_password(&p));
                            }
                            Ok(Job::Verify(p, phc, reply)) => {
                                let _ = reply.send(verify_password(&p, &phc));
                            }
                            Err(_) => return, // every sender is gone: shut down
                        }
                    }
                })
                .expect("spawn a password worker");
        }
        PasswordWorkers {
            jobs: Mutex::new(tx),
            runs: AtomicU64::new(0),
        }
    }

    /// How many hashes and verifications have been asked for since the start.
    pub fn runs(&self) -> u64 {
        self.runs.load(Ordering::Relaxed)
    }

    fn submit(&self, job: Job) {
        self.runs.fetch_add(1, Ordering::Relaxed);
        if let Ok(tx) = self.jobs.lock() {
            let _ = tx.send(job);
        }
    }

    /// An argon2id PHC string for `password`; `None` only if the workers are gone.
    pub async fn hash(&self, password: String) -> Option<String> {
        let (reply, answer) = oneshot::channel();
        self.submit(Job::Hash(password, reply));
        answer.await.ok()
    }

    pub async fn verify(&self, password: String, phc: String) -> bool {
        let (reply, answer) = oneshot::channel();
        self.submit(Job::Verify(password, phc, reply));
        answer.await.unwrap_or(false)
    }
}
