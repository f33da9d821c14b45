//! `/api/users/me/`: the signed-in user's own account.

pub(crate) mod delete;
pub(crate) mod password;
pub(crate) mod profile;

pub(crate) use delete::delete_account;
pub(crate) use password::change_password;
pub(crate) use profile::{get_profile, update_profile};
