//! Creating a note once per idempotency key.

use notes_domain::{CreateOnce, IdempotencyKey, NoteQuery, Precondition};

use super::support::{fixture, new_note, tagged_note};
use crate::backends::{TestDatabase, contract_tests};

fn key(text: &str) -> IdempotencyKey {
    IdempotencyKey::parse(text).expect("valid key")
}

fn a_repeated_key_creates_nothing_and_returns_the_note_as_first_created(database: TestDatabase) {
    let f = fixture(database);
    let notes = f.database.notes();
    let request = tagged_note("t", "b", &["x"]);

    let first = notes
        .create_once(f.alice, &key("k1"), &request)
        .expect("create");
    let CreateOnce::Created(created) = first else {
        panic!("the first use creates: {first:?}");
    };
    notes
        .delete(f.alice, created.id, &Precondition::Always)
        .expect("delete");
    let again = notes
        .create_once(f.alice, &key("k1"), &request)
        .expect("replay");

    assert_eq!(again, CreateOnce::Replayed(created));
    assert!(
        notes
            .list(f.alice, &NoteQuery::default())
            .expect("list")
            .is_empty()
    );
}

fn keys_are_per_user(database: TestDatabase) {
    let f = fixture(database);
    let notes = f.database.notes();

    let alices = notes.create_once(f.alice, &key("same"), &new_note("a", "b"));
    let bobs = notes.create_once(f.bob, &key("same"), &new_note("a", "b"));

    assert!(matches!(alices, Ok(CreateOnce::Created(_))), "{alices:?}");
    assert!(matches!(bobs, Ok(CreateOnce::Created(_))), "{bobs:?}");
}

fn concurrent_requests_with_one_key_create_one_note(database: TestDatabase) {
    let f = fixture(database);
    let notes = f.database.notes();

    let outcomes: Vec<_> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..8)
            .map(|_| {
                let notes = &notes;
                scope.spawn(move || notes.create_once(f.alice, &key("race"), &new_note("t", "b")))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("no panic").expect("stored"))
            .collect()
    });

    let created = outcomes
        .iter()
        .filter(|o| matches!(o, CreateOnce::Created(_)))
        .count();
    assert_eq!(created, 1, "{outcomes:?}");
    assert_eq!(
        notes
            .list(f.alice, &NoteQuery::default())
            .expect("list")
            .len(),
        1
    );
}

fn an_expired_key_creates_a_new_note(database: TestDatabase) {
    let f = fixture(database);
    let notes = f.database.notes();
    notes
        .create_once(f.alice, &key("old"), &new_note("t", "b"))
        .expect("create");
    f.database
        .execute_sql("UPDATE idempotency_keys SET expires_at = '2000-01-01 00:00:00+00:00'");

    let again = notes.create_once(f.alice, &key("old"), &new_note("t", "b"));

    assert!(matches!(again, Ok(CreateOnce::Created(_))), "{again:?}");
    assert_eq!(
        notes
            .list(f.alice, &NoteQuery::default())
            .expect("list")
            .len(),
        2
    );
}

contract_tests!(
    a_repeated_key_creates_nothing_and_returns_the_note_as_first_created,
    keys_are_per_user,
    concurrent_requests_with_one_key_create_one_note,
    an_expired_key_creates_a_new_note,
);
