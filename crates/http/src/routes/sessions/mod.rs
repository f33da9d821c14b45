//! `/api/sessions/`: the signed-in user's sessions, each one a sign-in on some device.

pub(crate) mod end;
pub(crate) mod list;

pub(crate) use end::{end_all_sessions, end_session};
pub(crate) use list::list_sessions;
