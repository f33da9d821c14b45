//! A fresh database file with two users.

use notes_domain::{
    Email, NewNote, NewUser, NoteBody, NoteTags, NoteTitle, PasswordHash, TagName, UserId,
    Username, UsersRepository,
};
use notes_persistence::Database;
use tempfile::TempDir;

/// A migrated database in its own directory, with users alice and bob.
pub(crate) struct Fixture {
    pub(crate) dir: TempDir,
    pub(crate) database: Database,
    pub(crate) alice: UserId,
    pub(crate) bob: UserId,
}

pub(crate) fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("notes.sqlite3");
    let database = Database::open(path.to_str().expect("a UTF-8 path"), 4).expect("open");
    database.migrate().expect("migrate");
    let users = database.users();
    let alice = register(users.as_ref(), "alice");
    let bob = register(users.as_ref(), "bob");
    Fixture {
        dir,
        database,
        alice,
        bob,
    }
}

impl Fixture {
    /// The database file, for tests that look at stored rows directly.
    pub(crate) fn path(&self) -> String {
        self.dir
            .path()
            .join("notes.sqlite3")
            .to_string_lossy()
            .into_owned()
    }
}

pub(crate) fn register(users: &dyn UsersRepository, name: &str) -> UserId {
    let user = NewUser {
        username: Username::parse(name.into()).expect("valid username"),
        email: Email::default(),
        password_hash: PasswordHash::new("$argon2id$placeholder".into()),
        is_staff: false,
        is_superuser: false,
    };
    users.create(&user).expect("create user").id
}

pub(crate) fn new_note(title: &str, body: &str) -> NewNote {
    tagged_note(title, body, &[])
}

pub(crate) fn tagged_note(title: &str, body: &str, tags: &[&str]) -> NewNote {
    NewNote {
        title: NoteTitle::parse(title.into()).expect("valid title"),
        body: NoteBody::parse(body.into()).expect("valid body"),
        tags: note_tags(tags),
    }
}

pub(crate) fn tag(name: &str) -> TagName {
    TagName::parse(name.into()).expect("valid tag")
}

pub(crate) fn note_tags(names: &[&str]) -> NoteTags {
    NoteTags::new(names.iter().map(|n| tag(n)).collect()).expect("few tags")
}
