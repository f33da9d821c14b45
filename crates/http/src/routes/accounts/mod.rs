//! Registration and tokens: the endpoints that need no authentication.

pub(crate) mod obtain;
pub(crate) mod obtain_form;
pub(crate) mod refresh;
pub(crate) mod register;

pub(crate) use obtain::obtain_token;
pub(crate) use obtain_form::obtain_token_form;
pub(crate) use refresh::refresh_token;
pub(crate) use register::register;
