//! Liveness, readiness and metrics: what operators and their probes ask.

use actix_web::{HttpResponse, web};
use serde::Serialize;
use utoipa::ToSchema;

use crate::metrics::METRICS_CONTENT_TYPE;
use crate::openapi::NotReady;
use crate::{ApiError, AppState};

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

/// The server's readiness to serve.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ReadinessResponse {
    /// Always `ready` when answered with 200.
    #[schema(example = "ready")]
    status: &'static str,
}

/// Check that the server can serve requests.
///
/// Answers 200 when the database can be reached, answers a query and every migration built
/// into the server has been applied; 503 otherwise, so that a load balancer stops sending
/// traffic here until it is back.
#[utoipa::path(
    get,
    path = "/readyz/",
    operation_id = "check_readiness",
    tag = "health",
    responses(
        (status = 200, description = "The server is ready.", body = ReadinessResponse),
        (status = 503, response = NotReady),
    ),
)]
pub(crate) async fn readyz(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let storage = state.storage.clone();

    let ready = web::block(move || storage.is_ready())
        .await
        .map_err(|e| ApiError::NotReady(e.to_string()))?;

    match ready {
        Ok(true) => Ok(HttpResponse::Ok().json(ReadinessResponse { status: "ready" })),
        Ok(false) => {
            tracing::warn!("not ready: the database schema is not current");
            Err(ApiError::NotReady("pending migrations".into()))
        }
        Err(error) => {
            tracing::warn!(error.cause = %error, "not ready: the database does not answer");
            Err(ApiError::NotReady(error.to_string()))
        }
    }
}

/// Read the server's metrics.
///
/// Prometheus text exposition (version 0.0.4): request counts and latency histograms by
/// matched route pattern, method and status, and the database pool's connections.
#[utoipa::path(
    get,
    path = "/metrics/",
    operation_id = "get_metrics",
    tag = "health",
    responses((
        status = 200,
        description = "The metrics, in the Prometheus text format.",
        body = String,
        content_type = "text/plain; version=0.0.4",
    )),
)]
pub(crate) async fn metrics(state: web::Data<AppState>) -> HttpResponse {
    let pool = state.storage.pool_usage();

    HttpResponse::Ok()
        .content_type(METRICS_CONTENT_TYPE)
        .body(state.metrics.render(pool))
}
