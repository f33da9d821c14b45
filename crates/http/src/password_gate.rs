//! Password hashing with bounded concurrency, on threads of its own.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::thread;

use notes_auth::PasswordHasher;
use tokio::sync::oneshot;

use crate::ApiError;

/// A hash to compute, with the means to answer its caller.
type Job = Box<dyn FnOnce(&PasswordHasher) + Send>;

/// Runs argon2 on `parallel` threads of its own, with at most `queue` more requests
/// waiting. Each hash holds tens of MiB for tens of milliseconds, so a flood of sign-ins
/// would otherwise exhaust memory and starve every other request; beyond the queue the
/// caller is told to retry (503 with `Retry-After`).
///
/// A request keeps its place until its hash is done or skipped, even when its caller gives
/// up: a client that disconnects cannot make room for another hash while its own still
/// runs. Dedicated threads also keep the memory argon2 uses in a few threads instead of
/// in every thread of the blocking pool.
pub struct PasswordGate {
    jobs: Sender<Job>,
    admitted: Arc<AtomicUsize>,
    capacity: usize,
}

/// One admitted request's place; given back when dropped.
struct Place(Arc<AtomicUsize>);

impl Drop for Place {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

impl PasswordGate {
    /// Starts `parallel` hashing threads around `hasher` and admits `queue` more waiting
    /// requests. The threads end when the gate is dropped.
    pub fn new(hasher: PasswordHasher, parallel: usize, queue: usize) -> std::io::Result<Self> {
        let parallel = parallel.max(1);
        let (jobs, waiting) = channel::<Job>();
        let waiting = Arc::new(Mutex::new(waiting));
        for number in 0..parallel {
            let waiting = Arc::clone(&waiting);
            let hasher = hasher.clone();
            thread::Builder::new()
                .name(format!("password-hasher-{number}"))
                .spawn(move || hash_until_closed(&waiting, &hasher))?;
        }
        Ok(Self {
            jobs,
            admitted: Arc::new(AtomicUsize::new(0)),
            capacity: parallel + queue,
        })
    }

    /// Runs `work` with the hasher once a thread is free, or answers 503 at once when the
    /// queue is full.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce(&PasswordHasher) -> T + Send + 'static,
    ) -> Result<T, ApiError> {
        let place = Place(Arc::clone(&self.admitted));
        if self.admitted.fetch_add(1, Ordering::AcqRel) >= self.capacity {
            return Err(ApiError::Overloaded {
                retry_after_secs: 1,
            });
        }

        let (reply, answer) = oneshot::channel();
        let job: Job = Box::new(move |hasher| {
            let _place = place;
            // A caller that has gone away needs no answer: spare the work.
            if !reply.is_closed() {
                let _ = reply.send(work(hasher));
            }
        });
        self.jobs
            .send(job)
            .map_err(|_| ApiError::internal("the password hashing threads stopped"))?;
        answer.await.map_err(ApiError::internal)
    }
}

fn hash_until_closed(waiting: &Mutex<Receiver<Job>>, hasher: &PasswordHasher) {
    loop {
        // The lock is held only while taking a job, never while hashing.
        let job = match waiting.lock() {
            Ok(receiver) => receiver.recv(),
            Err(_) => return,
        };
        match job {
            Ok(job) => job(hasher),
            Err(_) => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gate(parallel: usize, queue: usize) -> Arc<PasswordGate> {
        let hasher = PasswordHasher::with_params(256, 1, 1).expect("valid parameters");
        Arc::new(PasswordGate::new(hasher, parallel, queue).expect("threads"))
    }

    /// Starts a job that runs until `release` is sent to, and waits until it runs.
    async fn occupy(gate: &Arc<PasswordGate>) -> (actix_web::rt::task::JoinHandle<()>, Sender<()>) {
        let (started, has_started) = channel();
        let (release, released) = channel::<()>();
        let gate = Arc::clone(gate);
        let task = actix_web::rt::spawn(async move {
            let _ = gate
                .run(move |_| {
                    let _ = started.send(());
                    let _ = released.recv();
                })
                .await;
        });
        while has_started.try_recv().is_err() {
            actix_web::rt::task::yield_now().await;
        }
        (task, release)
    }

    #[actix_web::test]
    async fn beyond_the_queue_callers_are_told_to_retry() {
        let gate = gate(1, 0);
        let (_task, release) = occupy(&gate).await;

        let refused = gate.run(|_| ()).await;

        assert!(
            matches!(refused, Err(ApiError::Overloaded { .. })),
            "{refused:?}"
        );
        release.send(()).expect("the job waits");
    }

    #[actix_web::test]
    async fn a_hash_whose_caller_gave_up_still_holds_its_slot() {
        let gate = gate(1, 0);
        let (task, release) = occupy(&gate).await;

        // The client disconnects: its request's future is dropped while the hash runs.
        task.abort();
        let _ = task.await;
        let refused = gate.run(|_| ()).await;

        assert!(
            matches!(refused, Err(ApiError::Overloaded { .. })),
            "{refused:?}"
        );
        release.send(()).expect("the job waits");
    }

    #[actix_web::test]
    async fn admitted_work_runs_and_answers() {
        let gate = gate(2, 4);

        let answer = gate.run(|_| 6 * 7).await;

        assert_eq!(answer.ok(), Some(42));
    }
}
