//! Running synchronous work (database queries) off the async worker threads.

use actix_web::web;

use crate::ApiError;

/// Runs `work` on the blocking thread pool so that a slow query never stalls the workers
/// that accept and answer other requests.
pub(crate) async fn run_blocking<T, E>(
    work: impl FnOnce() -> Result<T, E> + Send + 'static,
) -> Result<T, ApiError>
where
    T: Send + 'static,
    E: Send + 'static,
    ApiError: From<E>,
{
    web::block(work)
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::from)
}
