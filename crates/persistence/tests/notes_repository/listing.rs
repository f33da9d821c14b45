//! Listing: search, tag filters, time ranges, orderings, offset and keyset pages.

use chrono::TimeDelta;
use notes_domain::{
    Note, NoteId, NoteOrdering, NoteQuery, NotesRepository, PageLimit, SearchTerms, Seek,
    SortField, TimeRange, UserId,
};

use super::support::{fixture, new_note, tag, tagged_note};
use crate::backends::{TestDatabase, contract_tests};

fn search(raw: &str) -> NoteQuery {
    NoteQuery {
        search: SearchTerms::parse(raw).expect("a valid search"),
        ..NoteQuery::default()
    }
}

fn titles(notes: &[Note]) -> Vec<&str> {
    notes.iter().map(|n| n.title.as_str()).collect()
}

fn listed(notes: &dyn NotesRepository, owner: UserId, query: &NoteQuery) -> Vec<Note> {
    notes.list(owner, query).expect("list")
}

fn search_needs_every_term_in_the_title_or_body_in_any_case_and_script(database: TestDatabase) {
    let f = fixture(database);
    let notes = f.database.notes();
    for (title, body) in [
        ("Groceries", "MILK and bread"),
        ("Milk", "oat, not cow"),
        ("Ärger im Büro", "STRASSE"),
        ("bread", "only bread"),
    ] {
        notes
            .create(f.alice, &new_note(title, body))
            .expect("create");
    }

    let milk_bread = listed(notes.as_ref(), f.alice, &search("milk BREAD"));
    let umlaut = listed(notes.as_ref(), f.alice, &search("ärGER büro"));

    assert_eq!(titles(&milk_bread), ["Groceries"]);
    assert_eq!(titles(&umlaut), ["Ärger im Büro"]);
    assert_eq!(listed(notes.as_ref(), f.alice, &search("milk")).len(), 2);
}

fn percent_underscore_and_quotes_in_a_search_are_literal(database: TestDatabase) {
    let f = fixture(database);
    let notes = f.database.notes();
    for body in [
        "100% done",
        "1000 done",
        "snake_case",
        "snakeXcase",
        "say \"hi\" now",
    ] {
        notes.create(f.alice, &new_note("n", body)).expect("create");
    }

    let bodies = |raw: &str| -> Vec<String> {
        listed(notes.as_ref(), f.alice, &search(raw))
            .iter()
            .map(|n| n.body.as_str().to_owned())
            .collect()
    };

    assert_eq!(bodies("00%"), ["100% done"]);
    assert_eq!(bodies("0% done"), ["100% done"]);
    assert_eq!(bodies("e_c"), ["snake_case"]);
    assert_eq!(bodies("\"hi\""), ["say \"hi\" now"]);
    assert!(bodies("%%%").is_empty());
}

fn terms_shorter_than_three_characters_narrow_what_a_longer_term_found(database: TestDatabase) {
    let f = fixture(database);
    let notes = f.database.notes();
    for body in ["tea at 5", "tea at 6", "coffee at 5"] {
        notes.create(f.alice, &new_note("n", body)).expect("create");
    }

    let found = listed(notes.as_ref(), f.alice, &search("TEA 5"));

    assert_eq!(found.len(), 1);
    assert_eq!(found[0].body.as_str(), "tea at 5");
}

fn search_and_tag_filters_never_reach_another_users_notes(database: TestDatabase) {
    let f = fixture(database);
    let notes = f.database.notes();
    notes
        .create(f.bob, &tagged_note("bob's milk", "milk", &["work"]))
        .expect("create");
    let own = notes
        .create(f.alice, &tagged_note("alice's milk", "milk", &["work"]))
        .expect("create");
    let by_tag = NoteQuery {
        tags: vec![tag("work")],
        ..NoteQuery::default()
    };

    assert_eq!(
        listed(notes.as_ref(), f.alice, &search("milk")),
        vec![own.clone()]
    );
    assert_eq!(listed(notes.as_ref(), f.alice, &by_tag), vec![own]);
    let bobs_view = listed(notes.as_ref(), f.bob, &search("alice"));
    assert!(bobs_view.is_empty(), "{bobs_view:?}");
}

fn a_tag_filter_keeps_the_notes_that_carry_every_tag(database: TestDatabase) {
    let f = fixture(database);
    let notes = f.database.notes();
    for (title, tags) in [("both", &["a", "b"][..]), ("a only", &["a"]), ("none", &[])] {
        notes
            .create(f.alice, &tagged_note(title, "x", tags))
            .expect("create");
    }
    let query = |names: &[&str]| NoteQuery {
        tags: names.iter().map(|n| tag(n)).collect(),
        ..NoteQuery::default()
    };

    assert_eq!(
        titles(&listed(notes.as_ref(), f.alice, &query(&["a", "b"]))),
        ["both"]
    );
    assert_eq!(listed(notes.as_ref(), f.alice, &query(&["a"])).len(), 2);
    assert!(listed(notes.as_ref(), f.alice, &query(&["a", "missing"])).is_empty());
}

fn time_ranges_include_their_start_and_exclude_their_end(database: TestDatabase) {
    let f = fixture(database);
    let notes = f.database.notes();
    let created: Vec<Note> = (0..3)
        .map(|i| {
            notes
                .create(f.alice, &new_note(&format!("n{i}"), "x"))
                .expect("create")
        })
        .collect();
    let query = NoteQuery {
        created: TimeRange {
            from: Some(created[1].created_at),
            until: Some(created[2].created_at),
        },
        ..NoteQuery::default()
    };
    let later = NoteQuery {
        updated: TimeRange {
            from: Some(created[2].updated_at + TimeDelta::microseconds(1)),
            until: None,
        },
        ..NoteQuery::default()
    };

    assert_eq!(titles(&listed(notes.as_ref(), f.alice, &query)), ["n1"]);
    assert!(listed(notes.as_ref(), f.alice, &later).is_empty());
}

fn offset_pages_count_every_match_and_skip_in_order(database: TestDatabase) {
    let f = fixture(database);
    let notes = f.database.notes();
    for i in 0..7 {
        notes
            .create(f.alice, &new_note(&format!("n{i}"), "x"))
            .expect("create");
    }
    notes
        .create(f.bob, &new_note("bob's", "x"))
        .expect("create");
    let limit = PageLimit::new(3).expect("valid");

    let page = notes
        .list_offset(f.alice, &NoteQuery::default(), 3, limit)
        .expect("page");
    let beyond = notes
        .list_offset(f.alice, &NoteQuery::default(), 10, limit)
        .expect("page");

    assert_eq!(page.count, 7);
    assert_eq!(titles(&page.notes), ["n3", "n2", "n1"]);
    assert_eq!((beyond.count, beyond.notes.len()), (7, 0));
}

/// Walks a listing with keyset pages of `size`, forwards then backwards, returning the ids
/// in the order read.
fn walk(
    notes: &dyn NotesRepository,
    owner: UserId,
    query: &NoteQuery,
    size: u64,
) -> (Vec<NoteId>, Vec<NoteId>) {
    let limit = PageLimit::new(size).expect("valid");
    let (mut forwards, mut seek) = (Vec::new(), Seek::default());
    loop {
        let page = notes.list_keyset(owner, query, &seek, limit).expect("page");
        forwards.extend(page.notes.iter().map(|n| n.id));
        let Some(last) = page.notes.last() else { break };
        seek = Seek {
            from: Some(query.ordering.position_of(last)),
            backwards: false,
        };
        if !page.more {
            break;
        }
    }

    seek.backwards = true;
    let mut backwards: Vec<NoteId> = Vec::new();
    loop {
        let page = notes.list_keyset(owner, query, &seek, limit).expect("page");
        for note in page.notes.iter().rev() {
            backwards.push(note.id);
        }
        let Some(first) = page.notes.first() else {
            break;
        };
        seek = Seek {
            from: Some(query.ordering.position_of(first)),
            backwards: true,
        };
        if !page.more {
            break;
        }
    }
    (forwards, backwards)
}

fn keyset_pages_read_every_note_once_in_each_ordering_and_direction(database: TestDatabase) {
    let f = fixture(database);
    let notes = f.database.notes();
    // Repeated titles make the id decide the order among equals.
    for i in 0..23 {
        let title = ["beta", "alpha", "gamma"][i % 3];
        notes
            .create(f.alice, &new_note(title, "x"))
            .expect("create");
    }
    notes
        .create(f.bob, &new_note("alpha", "x"))
        .expect("create");

    for field in [SortField::CreatedAt, SortField::UpdatedAt, SortField::Title] {
        for descending in [true, false] {
            let query = NoteQuery {
                ordering: NoteOrdering { field, descending },
                ..NoteQuery::default()
            };
            let expected: Vec<NoteId> = listed(notes.as_ref(), f.alice, &query)
                .iter()
                .map(|n| n.id)
                .collect();

            let (forwards, backwards) = walk(notes.as_ref(), f.alice, &query, 4);

            assert_eq!(forwards, expected, "{field:?} descending={descending}");
            // Walking back from the last note reads all the others, nearest first.
            let mut reversed = expected.clone();
            reversed.reverse();
            assert_eq!(
                backwards,
                reversed[1..],
                "{field:?} descending={descending}"
            );
        }
    }
}

fn a_title_ordering_compares_code_points(database: TestDatabase) {
    let f = fixture(database);
    let notes = f.database.notes();
    for title in ["b", "Z", "a", "é"] {
        notes
            .create(f.alice, &new_note(title, "x"))
            .expect("create");
    }
    let query = NoteQuery {
        ordering: NoteOrdering {
            field: SortField::Title,
            descending: false,
        },
        ..NoteQuery::default()
    };

    assert_eq!(
        titles(&listed(notes.as_ref(), f.alice, &query)),
        ["Z", "a", "b", "é"]
    );
}

contract_tests!(
    search_needs_every_term_in_the_title_or_body_in_any_case_and_script,
    percent_underscore_and_quotes_in_a_search_are_literal,
    terms_shorter_than_three_characters_narrow_what_a_longer_term_found,
    search_and_tag_filters_never_reach_another_users_notes,
    a_tag_filter_keeps_the_notes_that_carry_every_tag,
    time_ranges_include_their_start_and_exclude_their_end,
    offset_pages_count_every_match_and_skip_in_order,
    keyset_pages_read_every_note_once_in_each_ordering_and_direction,
    a_title_ordering_compares_code_points,
);
