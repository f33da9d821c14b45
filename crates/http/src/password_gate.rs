//! Password hashing with bounded concurrency.

use notes_auth::PasswordHasher;
use tokio::sync::Semaphore;

use crate::ApiError;

/// Runs argon2 on the blocking pool, at most `parallel` at a time, with at most `queue` more
/// waiting. Each hash holds tens of MiB for tens of milliseconds, so a flood of sign-ins
/// would otherwise exhaust memory and starve every other request; beyond the queue the
/// caller is told to retry (503 with `Retry-After`).
pub struct PasswordGate {
    hasher: PasswordHasher,
    running: Semaphore,
    admitted: Semaphore,
}

impl PasswordGate {
    /// A gate around `hasher` allowing `parallel` hashes at once and `queue` more waiting.
    pub fn new(hasher: PasswordHasher, parallel: usize, queue: usize) -> Self {
        Self {
            hasher,
            running: Semaphore::new(parallel.max(1)),
            admitted: Semaphore::new(parallel.max(1) + queue),
        }
    }

    /// Runs `work` with the hasher once a slot is free.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce(&PasswordHasher) -> T + Send + 'static,
    ) -> Result<T, ApiError> {
        let _admitted = self
            .admitted
            .try_acquire()
            .map_err(|_| ApiError::Overloaded {
                retry_after_secs: 1,
            })?;
        let _running = self.running.acquire().await.map_err(ApiError::internal)?;

        let hasher = self.hasher.clone();
        actix_web::web::block(move || work(&hasher))
            .await
            .map_err(ApiError::internal)
    }
}
