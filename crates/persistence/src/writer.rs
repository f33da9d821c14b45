//! All writes go through one connection on one thread, which commits every write waiting
//! at that moment in a single transaction: one fsync for many writes (group commit).
//!
//! SQLite allows one writer at a time anyway. Writers on separate connections wait for each
//! other in SQLite's busy handler, which sleeps for milliseconds at a time, and each commit
//! pays its own fsync under `synchronous = FULL`. Queueing the writes here instead keeps
//! the durability (a write is acknowledged only after the commit that contains it) while
//! the cost of the fsync is shared by everything that arrived while the previous one ran.

use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::{self, JoinHandle};

use diesel::Connection;
use diesel::result::Error as DieselError;
use diesel::sqlite::SqliteConnection;
use notes_domain::StorageError;

use crate::errors::storage;

/// The most writes committed together; bounds the time any one of them waits.
const MAX_BATCH: usize = 256;
/// Writes that may wait for the writer before callers block on sending.
const QUEUE: usize = 1024;

/// Runs on the writer thread inside the batch's transaction; returns what delivers the
/// outcome once the batch has committed (or failed to).
type Job = Box<dyn FnOnce(&mut SqliteConnection) -> Delivery + Send>;
/// Hands the outcome of one write to its caller, given whether its batch committed.
type Delivery = Box<dyn FnOnce(Result<(), &str>) + Send>;

/// The handle through which repositories submit writes.
pub(crate) struct Writer {
    jobs: Option<SyncSender<Job>>,
    thread: Option<JoinHandle<()>>,
}

impl Writer {
    /// Starts the writer thread, which owns `conn` until the handle is dropped.
    pub(crate) fn start(conn: SqliteConnection) -> std::io::Result<Self> {
        let (jobs, queue) = sync_channel(QUEUE);
        let thread = thread::Builder::new()
            .name("sqlite-writer".into())
            .spawn(move || serve(conn, &queue))?;
        Ok(Self {
            jobs: Some(jobs),
            thread: Some(thread),
        })
    }

    /// Runs `work` on the writer connection and returns its outcome once it is committed.
    /// `work` runs in a savepoint: when it fails, its own changes are undone and the other
    /// writes of the batch are unaffected. Blocks the calling thread: call it from the
    /// blocking pool.
    pub(crate) fn write<T, F>(&self, work: F) -> Result<Result<T, DieselError>, StorageError>
    where
        T: Send + 'static,
        F: FnOnce(&mut SqliteConnection) -> Result<T, DieselError> + Send + 'static,
    {
        let (reply, outcome) = sync_channel(1);
        let job: Job = Box::new(move |conn| {
            let result = conn.transaction(work);
            Box::new(move |committed: Result<(), &str>| {
                let delivered = match committed {
                    Ok(()) => Ok(result),
                    Err(cause) => Err(format!("the write was not committed: {cause}")),
                };
                // The caller may be gone; nobody is left to tell.
                let _ = reply.send(delivered);
            })
        });

        self.jobs
            .as_ref()
            .ok_or_else(|| storage("the database writer has stopped"))?
            .send(job)
            .map_err(|_| storage("the database writer has stopped"))?;
        outcome
            .recv()
            .map_err(|_| storage("the write was not committed"))?
            .map_err(storage)
    }
}

impl Drop for Writer {
    /// Closes the queue and waits for the thread to commit what is still in it and close its
    /// connection, so that a stopping process leaves no write half done and the database
    /// checkpointed.
    fn drop(&mut self) {
        drop(self.jobs.take());
        if let Some(thread) = self.thread.take()
            && thread.join().is_err()
        {
            tracing::error!("the database writer thread panicked");
        }
    }
}

/// The writer thread: takes whatever is waiting, up to [`MAX_BATCH`], and commits it as one
/// transaction, until every [`Writer`] is dropped.
fn serve(mut conn: SqliteConnection, queue: &Receiver<Job>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    let mut deliveries = Vec::with_capacity(MAX_BATCH);
    while let Ok(first) = queue.recv() {
        batch.push(first);
        while batch.len() < MAX_BATCH {
            match queue.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }

        let committed = conn.immediate_transaction(|conn| {
            deliveries.extend(batch.drain(..).map(|job| job(conn)));
            Ok::<_, DieselError>(())
        });
        let cause = committed.err().map(|e| e.to_string());
        if let Some(cause) = &cause {
            tracing::error!(error.cause = %cause, "a batch of writes failed to commit");
        }
        // When BEGIN failed the jobs never ran; dropping them tells their callers.
        batch.clear();
        for deliver in deliveries.drain(..) {
            deliver(cause.as_deref().map_or(Ok(()), Err));
        }
    }
}
