//! Request extractors: they turn raw requests into typed, checked inputs, or into an
//! [`ApiError`](crate::ApiError) in the shared problem shape.

mod authenticated;
mod body;
mod fields;
mod form_body;
mod json_body;
mod path_id;
mod staff;

pub use authenticated::{AccessToken, AuthenticatedUser};
pub use body::{BodyLimit, BodyTimeout};
pub use fields::{Field, FieldCollector};
pub use form_body::FormBody;
pub use json_body::JsonBody;
pub use path_id::PathId;
pub use staff::StaffUser;
