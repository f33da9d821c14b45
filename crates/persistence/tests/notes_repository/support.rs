//! A fresh database with two users.

use notes_domain::{
    Email, NewNote, NewUser, NoteBody, NoteTags, NoteTitle, PasswordHash, TagName, UserId,
    Username, UsersRepository,
};

use crate::backends::TestDatabase;

/// A migrated database with users alice and bob.
pub(crate) struct Fixture {
    pub(crate) database: TestDatabase,
    pub(crate) alice: UserId,
    pub(crate) bob: UserId,
}

pub(crate) fn fixture(database: TestDatabase) -> Fixture {
    let users = database.users();
    let alice = register(users.as_ref(), "alice");
    let bob = register(users.as_ref(), "bob");
    Fixture {
        database,
        alice,
        bob,
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
