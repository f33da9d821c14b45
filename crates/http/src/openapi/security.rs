//! The security schemes: a bearer access token, and the same token obtained through the
//! OAuth2 password flow so that Swagger UI's "Authorize" dialog can sign in by itself.

use utoipa::Modify;
use utoipa::openapi::OpenApi;
use utoipa::openapi::security::{
    Flow, HttpAuthScheme, HttpBuilder, OAuth2, Password, Scopes, SecurityScheme,
};

/// The scheme of a pasted access token.
pub const BEARER_SCHEME: &str = "bearer_token";

/// The scheme of a token obtained with a username and password.
pub const PASSWORD_SCHEME: &str = "password_sign_in";

/// Where the OAuth2 password flow posts its form.
const TOKEN_FORM_PATH: &str = "/api/token/form/";

/// Adds both schemes to the document's components. Operations opt in with
/// `security(("bearer_token" = []), ("password_sign_in" = []))`: either one will do.
pub(crate) struct SecuritySchemes;

impl Modify for SecuritySchemes {
    fn modify(&self, openapi: &mut OpenApi) {
        let bearer = HttpBuilder::new()
            .scheme(HttpAuthScheme::Bearer)
            .bearer_format("JWT")
            .description(Some(
                "An access token from `POST /api/token/`, sent as `Authorization: Bearer <token>`.",
            ))
            .build();
        let password_flow = Flow::Password(Password::with_refresh_url(
            TOKEN_FORM_PATH,
            Scopes::new(),
            TOKEN_FORM_PATH,
        ));
        let password = OAuth2::with_description(
            [password_flow],
            "Sign in with a username and password; the access token it returns is then sent \
             as `Authorization: Bearer <token>`.",
        );

        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(BEARER_SCHEME, SecurityScheme::Http(bearer));
        components.add_security_scheme(PASSWORD_SCHEME, SecurityScheme::OAuth2(password));
    }
}
