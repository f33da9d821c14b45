//! Registration, tokens and sessions: signing in, staying signed in, signing out.

pub(crate) mod blacklist;
pub(crate) mod obtain;
pub(crate) mod obtain_form;
pub(crate) mod refresh;
pub(crate) mod register;
pub(crate) mod session_tokens;
pub(crate) mod verify;

pub(crate) use blacklist::blacklist_token;
pub(crate) use obtain::obtain_token;
pub(crate) use obtain_form::obtain_token_form;
pub(crate) use refresh::refresh_token;
pub(crate) use register::register;
pub(crate) use session_tokens::start_session;
pub(crate) use verify::verify_token;
