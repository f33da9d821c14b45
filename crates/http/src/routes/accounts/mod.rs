//! Registration, tokens and sessions: signing in, staying signed in, signing out.

mod blacklist;
mod obtain;
mod refresh;
mod register;
mod session_tokens;
mod verify;

pub(crate) use blacklist::blacklist_token;
pub(crate) use obtain::obtain_token;
pub(crate) use refresh::refresh_token;
pub(crate) use register::register;
pub(crate) use session_tokens::start_session;
pub(crate) use verify::verify_token;
