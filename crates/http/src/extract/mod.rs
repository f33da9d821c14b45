//! Request extractors: they turn raw requests into typed, checked inputs, or into an
//! [`ApiError`](crate::ApiError) in the shared problem shape.

mod authenticated;
mod fields;
mod json_body;
mod path_id;

pub use authenticated::AuthenticatedUser;
pub use fields::{Field, FieldCollector};
pub use json_body::{BodyLimit, JsonBody};
pub use path_id::PathId;
