//! The signed-in user, when the account is staff.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};

use crate::ApiError;
use crate::extract::AuthenticatedUser;

/// A staff member's request. Taking it as a handler argument makes an endpoint staff-only:
/// without a token the client gets 401, and with a valid token of a non-staff account 403.
#[derive(Debug, Clone)]
pub struct StaffUser(pub AuthenticatedUser);

impl FromRequest for StaffUser {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let authenticated = AuthenticatedUser::from_request(req, payload);
        Box::pin(async move {
            let auth = authenticated.await?;
            if !auth.user.is_staff {
                return Err(ApiError::Forbidden);
            }
            Ok(StaffUser(auth))
        })
    }
}
