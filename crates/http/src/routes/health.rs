//! Liveness.

use actix_web::HttpResponse;
use serde::Serialize;
use utoipa::ToSchema;

/// The server's state.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct HealthResponse {
    /// Always `ok` while the server answers.
    #[schema(example = "ok")]
    status: &'static str,
}

/// Check that the server is up.
///
/// Answers 200 while the process is able to serve requests. Touches nothing else, so it is
/// also the cheapest request there is: the benchmarks' baseline.
#[utoipa::path(
    get,
    path = "/healthz/",
    operation_id = "check_health",
    tag = "health",
    responses((status = 200, description = "The server is up.", body = HealthResponse)),
)]
pub(crate) async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(HealthResponse { status: "ok" })
}
