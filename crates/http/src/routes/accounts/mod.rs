//! Registration and tokens: the endpoints that need no authentication.

mod obtain;
mod refresh;
mod register;

pub(crate) use obtain::obtain_token;
pub(crate) use refresh::refresh_token;
pub(crate) use register::register;
