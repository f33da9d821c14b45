//! The API's routes. Each path is served with and without its trailing slash (the
//! `NormalizePath` middleware adds it), and a method a path does not support answers 405
//! with `Allow`.
//!
//! [`api_resources`] is the one table of what the server answers: [`configure`] registers
//! exactly its entries, and the OpenAPI tests compare the same table with the document.

pub(crate) mod accounts;
pub(crate) mod admin;
mod docs;
pub(crate) mod health;
pub(crate) mod jwks;
pub(crate) mod me;
pub(crate) mod notes;
pub(crate) mod sessions;
pub(crate) mod tags;
mod timestamps;

use actix_web::dev::Handler;
use actix_web::http::Method;
use actix_web::{FromRequest, HttpResponse, Responder, Route, guard, web};

use crate::ApiError;

/// A path of the API and the operations the server answers on it.
pub(crate) struct ApiResource {
    /// The path pattern, with its trailing slash, as in the OpenAPI document.
    pub(crate) path: &'static str,
    /// The `Allow` header of a 405 on this path.
    allow: &'static str,
    /// The method of each operation and the route that serves it.
    routes: Vec<(Method, Route)>,
}

impl ApiResource {
    fn new(path: &'static str, allow: &'static str) -> Self {
        Self {
            path,
            allow,
            routes: Vec::new(),
        }
    }

    /// Serves GET, and HEAD with the same handler, as RFC 9110 expects of every GET resource.
    fn get<F, Args>(self, handler: F) -> Self
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        let route = web::route().guard(guard::Any(guard::Get()).or(guard::Head()));
        self.with(Method::GET, route.to(handler))
    }

    fn post<F, Args>(self, handler: F) -> Self
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.with(Method::POST, web::post().to(handler))
    }

    fn put<F, Args>(self, handler: F) -> Self
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.with(Method::PUT, web::put().to(handler))
    }

    fn patch<F, Args>(self, handler: F) -> Self
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.with(Method::PATCH, web::patch().to(handler))
    }

    fn delete<F, Args>(self, handler: F) -> Self
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.with(Method::DELETE, web::delete().to(handler))
    }

    fn with(mut self, method: Method, route: Route) -> Self {
        self.routes.push((method, route));
        self
    }

    /// The methods of the operations on this path (HEAD is implied by GET).
    #[cfg(test)]
    pub(crate) fn methods(&self) -> impl Iterator<Item = &Method> {
        self.routes.iter().map(|(method, _)| method)
    }
}

/// Every API operation the server answers, grouped by path.
pub(crate) fn api_resources() -> Vec<ApiResource> {
    vec![
        ApiResource::new("/api/register/", "POST").post(accounts::register),
        ApiResource::new("/api/token/", "POST").post(accounts::obtain_token),
        ApiResource::new("/api/token/form/", "POST").post(accounts::obtain_token_form),
        ApiResource::new("/api/token/refresh/", "POST").post(accounts::refresh_token),
        ApiResource::new("/api/token/verify/", "POST").post(accounts::verify_token),
        ApiResource::new("/api/token/blacklist/", "POST").post(accounts::blacklist_token),
        ApiResource::new("/api/sessions/", "GET, HEAD, DELETE")
            .get(sessions::list_sessions)
            .delete(sessions::end_all_sessions),
        ApiResource::new("/api/sessions/{id}/", "DELETE").delete(sessions::end_session),
        ApiResource::new("/api/users/me/", "GET, HEAD, PATCH, DELETE")
            .get(me::get_profile)
            .patch(me::update_profile)
            .delete(me::delete_account),
        ApiResource::new("/api/users/me/password/", "POST").post(me::change_password),
        ApiResource::new("/api/notes/", "GET, HEAD, POST")
            .get(notes::list_notes)
            .post(notes::create_note),
        ApiResource::new("/api/notes/{id}/", "GET, HEAD, PUT, PATCH, DELETE")
            .get(notes::get_note)
            .put(notes::replace_note)
            .patch(notes::update_note)
            .delete(notes::delete_note),
        ApiResource::new("/api/tags/", "GET, HEAD").get(tags::list_tags),
        ApiResource::new("/api/tags/{name}/", "PATCH, DELETE")
            .patch(tags::rename_tag)
            .delete(tags::delete_tag),
        ApiResource::new("/api/admin/users/", "GET, HEAD").get(admin::list_users),
        ApiResource::new("/api/admin/users/{id}/", "GET, HEAD, PATCH, DELETE")
            .get(admin::get_user)
            .patch(admin::update_user)
            .delete(admin::delete_user),
        ApiResource::new("/api/admin/users/{id}/sessions/end/", "POST")
            .post(admin::end_user_sessions),
        ApiResource::new("/.well-known/jwks.json/", "GET, HEAD").get(jwks::jwks),
        ApiResource::new("/healthz/", "GET, HEAD").get(health::healthz),
        ApiResource::new("/readyz/", "GET, HEAD").get(health::readyz),
        ApiResource::new("/metrics/", "GET, HEAD").get(health::metrics),
    ]
}

/// Registers every API route, then the OpenAPI document and Swagger UI.
pub(crate) fn configure(cfg: &mut web::ServiceConfig) {
    for resource in api_resources() {
        let mut service = web::resource(resource.path);
        for (_, route) in resource.routes {
            service = service.route(route);
        }
        cfg.service(service.default_service(method_not_allowed(resource.allow)));
    }

    docs::configure(cfg);
}

/// Answers any path no route matches.
pub(crate) async fn not_found() -> Result<HttpResponse, ApiError> {
    Err(ApiError::NotFound)
}

fn method_not_allowed(allow: &'static str) -> Route {
    web::route()
        .to(move || async move { Err::<HttpResponse, _>(ApiError::MethodNotAllowed { allow }) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_allow_header_lists_exactly_the_methods_routed_on_its_path() {
        for resource in api_resources() {
            let mut expected: Vec<String> = Vec::new();
            for method in resource.methods() {
                expected.push(method.to_string());
                if method == Method::GET {
                    expected.push("HEAD".into());
                }
            }

            let allowed: Vec<String> = resource.allow.split(", ").map(str::to_owned).collect();

            assert_eq!(allowed, expected, "{}", resource.path);
        }
    }
}
