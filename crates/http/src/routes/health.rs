//! Liveness.

use actix_web::HttpResponse;
use serde_json::json;

/// Answers 200 while the process is able to serve requests. Touches nothing else, so it is
/// also the cheapest request there is: the benchmarks' baseline.
pub(crate) async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(json!({"status": "ok"}))
}
