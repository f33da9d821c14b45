//! The `TagsRepository` contract: a user's tags, with counts, renaming and deletion.

use notes_domain::{
    MAX_TAGS_PER_USER, NoteChanges, NoteError, NoteQuery, NoteVersion, Precondition, TagCount,
    TagError,
};

use super::support::{fixture, note_tags, tag, tagged_note};
use crate::backends::{TestDatabase, contract_tests};

fn counts(list: &[TagCount]) -> Vec<(&str, u64)> {
    list.iter().map(|t| (t.name.as_str(), t.notes)).collect()
}

fn each_user_sees_only_their_own_tags_with_their_own_counts(database: TestDatabase) {
    let f = fixture(database);
    let (notes, tags) = (f.database.notes(), f.database.tags());
    notes
        .create(f.alice, &tagged_note("a1", "x", &["work", "home"]))
        .expect("create");
    notes
        .create(f.alice, &tagged_note("a2", "x", &["work"]))
        .expect("create");
    notes
        .create(f.bob, &tagged_note("b1", "x", &["work"]))
        .expect("create");

    assert_eq!(
        counts(&tags.list(f.alice).expect("list")),
        [("home", 1), ("work", 2)]
    );
    assert_eq!(counts(&tags.list(f.bob).expect("list")), [("work", 1)]);
}

fn a_tag_no_note_carries_any_more_is_gone(database: TestDatabase) {
    let f = fixture(database);
    let (notes, tags) = (f.database.notes(), f.database.tags());
    let note = notes
        .create(f.alice, &tagged_note("a", "x", &["old"]))
        .expect("create");
    let retag = NoteChanges {
        tags: Some(note_tags(&["new"])),
        ..NoteChanges::default()
    };

    notes
        .update(f.alice, note.id, &retag, &Precondition::Always)
        .expect("update");

    assert_eq!(counts(&tags.list(f.alice).expect("list")), [("new", 1)]);
    notes
        .delete(f.alice, note.id, &Precondition::Always)
        .expect("delete");
    assert!(tags.list(f.alice).expect("list").is_empty());
}

fn renaming_onto_an_existing_tag_merges_them_and_gives_the_notes_new_versions(
    database: TestDatabase,
) {
    let f = fixture(database);
    let (notes, tags) = (f.database.notes(), f.database.tags());
    let both = notes
        .create(f.alice, &tagged_note("both", "x", &["a", "b"]))
        .expect("create");
    let only_a = notes
        .create(f.alice, &tagged_note("a", "x", &["a"]))
        .expect("create");
    let bobs = notes
        .create(f.bob, &tagged_note("bob", "x", &["a"]))
        .expect("create");

    let merged = tags.rename(f.alice, &tag("a"), &tag("b")).expect("rename");

    assert_eq!((merged.name.as_str(), merged.notes), ("b", 2));
    assert_eq!(counts(&tags.list(f.alice).expect("list")), [("b", 2)]);
    let both_now = notes.get(f.alice, both.id).expect("get");
    assert_eq!(both_now.tags, note_tags(&["b"]));
    assert_eq!(both_now.version, NoteVersion(2));
    assert_eq!(
        notes.get(f.alice, only_a.id).expect("get").version,
        NoteVersion(2)
    );
    assert_eq!(
        notes.get(f.bob, bobs.id).expect("get"),
        bobs,
        "bob's tag is untouched"
    );
}

fn renaming_or_deleting_another_users_tag_is_not_found(database: TestDatabase) {
    let f = fixture(database);
    let (notes, tags) = (f.database.notes(), f.database.tags());
    let bobs = notes
        .create(f.bob, &tagged_note("b", "x", &["work"]))
        .expect("create");

    let renamed = tags.rename(f.alice, &tag("work"), &tag("play"));
    let deleted = tags.delete(f.alice, &tag("work"));

    assert!(matches!(renamed, Err(TagError::NotFound)), "{renamed:?}");
    assert!(matches!(deleted, Err(TagError::NotFound)), "{deleted:?}");
    assert_eq!(notes.get(f.bob, bobs.id).expect("get"), bobs);
}

fn deleting_a_tag_keeps_its_notes_without_it(database: TestDatabase) {
    let f = fixture(database);
    let (notes, tags) = (f.database.notes(), f.database.tags());
    let note = notes
        .create(f.alice, &tagged_note("n", "x", &["a", "b"]))
        .expect("create");

    tags.delete(f.alice, &tag("a")).expect("delete");

    let now = notes.get(f.alice, note.id).expect("the note stays");
    assert_eq!(now.tags, note_tags(&["b"]));
    assert_eq!(now.version, NoteVersion(2));
}

fn a_write_beyond_the_users_tag_quota_fails_and_changes_nothing(database: TestDatabase) {
    let f = fixture(database);
    let notes = f.database.notes();
    for chunk in 0..MAX_TAGS_PER_USER / 20 {
        let names: Vec<String> = (0..20).map(|i| format!("t{chunk}-{i}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        notes
            .create(f.alice, &tagged_note("full", "x", &names))
            .expect("within the quota");
    }

    let over = notes.create(f.alice, &tagged_note("over", "x", &["one-more"]));
    let reused = notes.create(f.alice, &tagged_note("reuse", "x", &["t0-0"]));

    assert!(matches!(over, Err(NoteError::TagQuotaExceeded)), "{over:?}");
    assert!(reused.is_ok(), "{reused:?}");
    let stored = notes.list(f.alice, &NoteQuery::default()).expect("list");
    assert!(stored.iter().all(|n| n.title.as_str() != "over"));
}

contract_tests!(
    each_user_sees_only_their_own_tags_with_their_own_counts,
    a_tag_no_note_carries_any_more_is_gone,
    renaming_onto_an_existing_tag_merges_them_and_gives_the_notes_new_versions,
    renaming_or_deleting_another_users_tag_is_not_found,
    deleting_a_tag_keeps_its_notes_without_it,
    a_write_beyond_the_users_tag_quota_fails_and_changes_nothing,
);
