//! Versions and conditional writes: of two writers expecting one version, exactly one wins.

use notes_domain::{NoteChanges, NoteError, NoteTitle, NoteVersion, Precondition};

use super::support::{fixture, new_note};
use crate::backends::{TestDatabase, contract_tests};

fn retitle(title: &str) -> NoteChanges {
    NoteChanges {
        title: Some(NoteTitle::parse(title.into()).expect("valid")),
        ..NoteChanges::default()
    }
}

fn a_note_starts_at_version_1_and_each_write_adds_one(database: TestDatabase) {
    let f = fixture(database);
    let notes = f.database.notes();
    let note = notes.create(f.alice, &new_note("t", "b")).expect("create");

    let once = notes
        .update(f.alice, note.id, &retitle("u"), &Precondition::Always)
        .expect("update");
    let twice = notes
        .update(
            f.alice,
            note.id,
            &NoteChanges::default(),
            &Precondition::Always,
        )
        .expect("update");

    assert_eq!(note.version, NoteVersion::FIRST);
    assert_eq!(
        (once.version, twice.version),
        (NoteVersion(2), NoteVersion(3))
    );
    assert_eq!(
        notes.get(f.alice, note.id).expect("get").version,
        NoteVersion(3)
    );
}

fn a_write_expecting_an_old_version_fails_and_changes_nothing(database: TestDatabase) {
    let f = fixture(database);
    let notes = f.database.notes();
    let note = notes.create(f.alice, &new_note("t", "b")).expect("create");
    let stale = Precondition::VersionIn(vec![note.version]);
    let current = notes
        .update(f.alice, note.id, &retitle("first"), &stale)
        .expect("the first write expects the current version");

    let update = notes.update(f.alice, note.id, &retitle("second"), &stale);
    let delete = notes.delete(f.alice, note.id, &stale);

    assert!(
        matches!(update, Err(NoteError::PreconditionFailed)),
        "{update:?}"
    );
    assert!(
        matches!(delete, Err(NoteError::PreconditionFailed)),
        "{delete:?}"
    );
    assert_eq!(notes.get(f.alice, note.id).expect("still there"), current);
}

fn a_precondition_on_another_users_note_answers_not_found(database: TestDatabase) {
    let f = fixture(database);
    let notes = f.database.notes();
    let note = notes.create(f.alice, &new_note("t", "b")).expect("create");
    let wrong = Precondition::VersionIn(vec![NoteVersion(99)]);

    let update = notes.update(f.bob, note.id, &retitle("x"), &wrong);
    let delete = notes.delete(f.bob, note.id, &wrong);

    assert!(matches!(update, Err(NoteError::NotFound)), "{update:?}");
    assert!(matches!(delete, Err(NoteError::NotFound)), "{delete:?}");
}

fn of_many_writers_expecting_the_same_version_exactly_one_wins(database: TestDatabase) {
    let f = fixture(database);
    let notes = f.database.notes();
    let note = notes.create(f.alice, &new_note("t", "b")).expect("create");
    let expected = Precondition::VersionIn(vec![note.version]);

    let outcomes: Vec<_> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..8)
            .map(|i| {
                let (notes, expected) = (&notes, &expected);
                scope.spawn(move || {
                    notes.update(f.alice, note.id, &retitle(&format!("w{i}")), expected)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("no panic"))
            .collect()
    });

    let winners: Vec<_> = outcomes.iter().filter_map(|o| o.as_ref().ok()).collect();
    assert_eq!(winners.len(), 1, "{outcomes:?}");
    assert!(
        outcomes
            .iter()
            .filter(|o| o.is_err())
            .all(|o| matches!(o, Err(NoteError::PreconditionFailed)))
    );
    assert_eq!(&notes.get(f.alice, note.id).expect("get"), winners[0]);
}

contract_tests!(
    a_note_starts_at_version_1_and_each_write_adds_one,
    a_write_expecting_an_old_version_fails_and_changes_nothing,
    a_precondition_on_another_users_note_answers_not_found,
    of_many_writers_expecting_the_same_version_exactly_one_wins,
);
