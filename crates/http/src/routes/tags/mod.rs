//! `/api/tags/`: the tags of the requesting user's notes. A tag exists while a note carries
//! it; another user's tag of the same name is unrelated and answers 404 here.

pub(crate) mod delete;
pub(crate) mod list;
mod path_name;
pub(crate) mod rename;

pub(crate) use delete::delete_tag;
use list::TagResponse;
pub(crate) use list::list_tags;
use path_name::TagPath;
pub(crate) use rename::rename_tag;
