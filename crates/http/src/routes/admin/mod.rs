//! `/api/admin/`: account administration for staff. Never shows note contents or password
//! hashes.

pub(crate) mod users;

pub(crate) use users::{delete_user, end_user_sessions, get_user, list_users, update_user};
