//! The `NotesRepository` and `TagsRepository` contracts, on SQLite and on PostgreSQL (each
//! test runs once per backend, see `backends`): every method is scoped to the requesting
//! user. Listing, tags, conditional writes and idempotent creates have their own modules.

#![expect(
    clippy::expect_used,
    reason = "fixtures fail the test loudly when set-up breaks"
)]

use notes_domain::{
    Note, NoteBody, NoteChanges, NoteError, NoteId, NoteQuery, NoteTitle, Precondition, UserId,
};

#[path = "../backends/mod.rs"]
mod backends;
#[path = "../backends/sql.rs"]
mod backends_sql;
mod conditional;
mod idempotency;
mod listing;
mod support;
mod tags;

use backends::{TestDatabase, contract_tests};
use support::{Fixture, fixture, new_note};

fn alices_note(f: &Fixture) -> Note {
    f.database
        .notes()
        .create(f.alice, &new_note("alice's", "private"))
        .expect("create")
}

fn another_user_cannot_get_the_note(database: TestDatabase) {
    let f = fixture(database);
    let note = alices_note(&f);

    let outcome = f.database.notes().get(f.bob, note.id);

    assert!(matches!(outcome, Err(NoteError::NotFound)), "{outcome:?}");
}

fn another_users_list_does_not_contain_the_note(database: TestDatabase) {
    let f = fixture(database);
    let note = alices_note(&f);

    let bobs = f
        .database
        .notes()
        .list(f.bob, &NoteQuery::default())
        .expect("list");

    assert!(bobs.is_empty());
    assert_eq!(
        f.database
            .notes()
            .list(f.alice, &NoteQuery::default())
            .expect("list"),
        vec![note]
    );
}

fn another_user_cannot_update_the_note_and_it_stays_unchanged(database: TestDatabase) {
    let f = fixture(database);
    let note = alices_note(&f);
    let changes = NoteChanges {
        title: Some(NoteTitle::parse("hijacked".into()).expect("valid")),
        ..NoteChanges::default()
    };

    let outcome = f
        .database
        .notes()
        .update(f.bob, note.id, &changes, &Precondition::Always);

    assert!(matches!(outcome, Err(NoteError::NotFound)), "{outcome:?}");
    assert_eq!(f.database.notes().get(f.alice, note.id).expect("get"), note);
}

fn another_user_cannot_delete_the_note(database: TestDatabase) {
    let f = fixture(database);
    let note = alices_note(&f);

    let outcome = f
        .database
        .notes()
        .delete(f.bob, note.id, &Precondition::Always);

    assert!(matches!(outcome, Err(NoteError::NotFound)), "{outcome:?}");
    assert_eq!(f.database.notes().get(f.alice, note.id).expect("get"), note);
}

fn the_list_is_newest_first(database: TestDatabase) {
    let f = fixture(database);
    let notes = f.database.notes();
    let created: Vec<NoteId> = (0..5)
        .map(|i| {
            notes
                .create(f.alice, &new_note(&format!("n{i}"), "b"))
                .expect("create")
                .id
        })
        .collect();

    let listed: Vec<NoteId> = notes
        .list(f.alice, &NoteQuery::default())
        .expect("list")
        .iter()
        .map(|n| n.id)
        .collect();

    assert_eq!(listed, created.into_iter().rev().collect::<Vec<_>>());
}

fn a_partial_update_keeps_the_other_field_and_moves_updated_at(database: TestDatabase) {
    let f = fixture(database);
    let note = alices_note(&f);
    let changes = NoteChanges {
        body: Some(NoteBody::parse("new body".into()).expect("valid")),
        ..NoteChanges::default()
    };

    let updated = f
        .database
        .notes()
        .update(f.alice, note.id, &changes, &Precondition::Always)
        .expect("update");

    assert_eq!(updated.title, note.title);
    assert_eq!(updated.body.as_str(), "new body");
    assert_eq!(updated.created_at, note.created_at);
    assert!(updated.updated_at >= note.updated_at);
    assert_eq!(
        f.database.notes().get(f.alice, note.id).expect("get"),
        updated
    );
}

fn a_deleted_notes_id_is_never_reused(database: TestDatabase) {
    let f = fixture(database);
    let notes = f.database.notes();
    let first = alices_note(&f);
    notes
        .delete(f.alice, first.id, &Precondition::Always)
        .expect("delete");

    let second = notes
        .create(f.alice, &new_note("again", "b"))
        .expect("create");

    assert!(
        second.id > first.id,
        "{:?} reused {:?}",
        second.id,
        first.id
    );
}

fn creating_a_note_for_a_missing_user_reports_the_owner_gone(database: TestDatabase) {
    let f = fixture(database);

    let outcome = f
        .database
        .notes()
        .create(UserId(9_999), &new_note("t", "b"));

    assert!(matches!(outcome, Err(NoteError::OwnerGone)), "{outcome:?}");
}

fn deleting_a_user_deletes_their_notes_and_only_theirs(database: TestDatabase) {
    let f = fixture(database);
    let note = alices_note(&f);
    let bobs = f
        .database
        .notes()
        .create(f.bob, &new_note("bob's", "b"))
        .expect("create");

    assert!(f.database.users().delete(f.alice).expect("delete"));

    assert!(matches!(
        f.database.notes().get(f.alice, note.id),
        Err(NoteError::NotFound)
    ));
    assert!(
        f.database
            .notes()
            .list(f.alice, &NoteQuery::default())
            .expect("list")
            .is_empty()
    );
    assert_eq!(
        f.database
            .notes()
            .list(f.bob, &NoteQuery::default())
            .expect("list"),
        vec![bobs]
    );
}

fn concurrent_writes_all_commit_and_a_failing_one_spoils_no_other(database: TestDatabase) {
    let f = fixture(database);
    let notes = f.database.notes();

    // Writes from many threads at once are committed together in batches; a write that
    // fails (an owner that does not exist) is undone alone.
    let outcomes: Vec<Result<Note, NoteError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..32)
            .map(|i| {
                let notes = &notes;
                let owner = if i == 7 { UserId(999_999) } else { f.alice };
                scope.spawn(move || notes.create(owner, &new_note(&format!("n{i}"), "text")))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("no panic"))
            .collect()
    });

    assert!(
        matches!(outcomes[7], Err(NoteError::OwnerGone)),
        "{:?}",
        outcomes[7]
    );
    let created = outcomes.iter().filter(|outcome| outcome.is_ok()).count();
    assert_eq!(created, 31);
    assert_eq!(
        notes
            .list(f.alice, &NoteQuery::default())
            .expect("list")
            .len(),
        31
    );
}

contract_tests!(
    another_user_cannot_get_the_note,
    another_users_list_does_not_contain_the_note,
    another_user_cannot_update_the_note_and_it_stays_unchanged,
    another_user_cannot_delete_the_note,
    the_list_is_newest_first,
    a_partial_update_keeps_the_other_field_and_moves_updated_at,
    a_deleted_notes_id_is_never_reused,
    creating_a_note_for_a_missing_user_reports_the_owner_gone,
    deleting_a_user_deletes_their_notes_and_only_theirs,
    concurrent_writes_all_commit_and_a_failing_one_spoils_no_other,
);
