//! The OpenAPI document and Swagger UI. Swagger UI's files are built into the binary
//! (`utoipa-swagger-ui` with its `vendored` feature), so nothing is downloaded at build or
//! run time.
//!
//! Paths arrive here with the trailing slash `NormalizePath` adds, also to file names:
//! `/api/openapi.json` is routed as `/api/openapi.json/`, `/api/docs/index.css` as
//! `/api/docs/index.css/`.

use std::sync::Arc;

use actix_web::http::header;
use actix_web::{HttpResponse, Route, guard, web};
use utoipa_swagger_ui::Config;

use crate::ApiError;
use crate::openapi::openapi_json;

/// Where the document is served.
pub(crate) const DOCUMENT_PATH: &str = "/api/openapi.json";

/// Where Swagger UI is served.
pub(crate) const UI_PATH: &str = "/api/docs/";

/// The document, serialised once.
struct Document(String);

/// Registers the document and Swagger UI.
pub(crate) fn configure(cfg: &mut web::ServiceConfig) {
    let document = web::Data::new(Document(openapi_json().unwrap_or_default()));
    let config = web::Data::new(Arc::new(
        Config::new([DOCUMENT_PATH])
            .persist_authorization(true)
            .display_operation_id(true)
            .validator_url("none"),
    ));

    cfg.service(
        web::resource(format!("{DOCUMENT_PATH}/"))
            .app_data(document)
            .route(get_or_head().to(serve_document)),
    )
    .service(
        web::resource(format!("{UI_PATH}{{file:.*}}"))
            .app_data(config)
            .route(get_or_head().to(serve_ui_file)),
    );
}

async fn serve_document(document: web::Data<Document>) -> Result<HttpResponse, ApiError> {
    if document.0.is_empty() {
        return Err(ApiError::internal(
            "the OpenAPI document could not be serialised",
        ));
    }

    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .body(document.0.clone()))
}

async fn serve_ui_file(
    file: web::Path<String>,
    config: web::Data<Arc<Config<'static>>>,
) -> Result<HttpResponse, ApiError> {
    let name = file.trim_end_matches('/');

    let found = utoipa_swagger_ui::serve(name, config.get_ref().clone())
        .map_err(|error| ApiError::internal(error.to_string()))?
        .ok_or(ApiError::NotFound)?;

    let mut response = HttpResponse::Ok();
    response.content_type(found.content_type);
    if found.gzpipped {
        response.insert_header((header::CONTENT_ENCODING, "gzip"));
    }
    if name.is_empty() || name == "index.html" {
        return Ok(response.body(with_base(&found.bytes)));
    }
    Ok(response.body(found.bytes.into_owned()))
}

/// The index page with a `<base>` element, so that its relative links resolve under
/// `/api/docs/` also when the page was requested as `/api/docs`.
fn with_base(index: &[u8]) -> String {
    String::from_utf8_lossy(index).replacen(
        "<head>",
        &format!("<head>\n    <base href=\"{UI_PATH}\">"),
        1,
    )
}

fn get_or_head() -> Route {
    web::route().guard(guard::Any(guard::Get()).or(guard::Head()))
}
