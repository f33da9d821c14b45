//! The listing, tag, version and idempotency contract, on SQLite and on PostgreSQL: the
//! same notes, in the same order, found by the same searches, on both backends.

#![expect(
    clippy::expect_used,
    reason = "fixtures fail the test loudly when set-up breaks"
)]

use notes_domain::{
    CreateOnce, Email, IdempotencyKey, NewNote, NewUser, Note, NoteBody, NoteChanges, NoteError,
    NoteId, NoteOrdering, NoteQuery, NoteTags, NoteTitle, NoteVersion, PageLimit, PasswordHash,
    Precondition, SearchTerms, Seek, SortField, TagError, TagName, UserId, Username,
};

mod backends;

use backends::{TestDatabase, contract_tests};

fn user(database: &TestDatabase, name: &str) -> UserId {
    let user = NewUser {
        username: Username::parse(name.into()).expect("valid username"),
        email: Email::default(),
        password_hash: PasswordHash::new("$argon2id$placeholder".into()),
        is_staff: false,
        is_superuser: false,
    };
    database.users().create(&user).expect("create user").id
}

fn tags(names: &[&str]) -> NoteTags {
    let names = names
        .iter()
        .map(|name| TagName::parse((*name).to_owned()).expect("valid tag"))
        .collect();
    NoteTags::new(names).expect("few tags")
}

fn note(title: &str, body: &str, tag_names: &[&str]) -> NewNote {
    NewNote {
        title: NoteTitle::parse(title.into()).expect("valid title"),
        body: NoteBody::parse(body.into()).expect("valid body"),
        tags: tags(tag_names),
    }
}

fn create(database: &TestDatabase, owner: UserId, new: &NewNote) -> Note {
    database.notes().create(owner, new).expect("create")
}

fn search(text: &str) -> NoteQuery {
    NoteQuery {
        search: SearchTerms::parse(text).expect("valid search"),
        ..NoteQuery::default()
    }
}

fn titles(notes: &[Note]) -> Vec<&str> {
    notes.iter().map(|n| n.title.as_str()).collect()
}

fn listed_titles(database: &TestDatabase, owner: UserId, query: &NoteQuery) -> Vec<String> {
    let notes = database.notes().list(owner, query).expect("list");
    titles(&notes).into_iter().map(str::to_owned).collect()
}

fn search_needs_every_term_ignores_case_across_scripts_and_takes_wildcards_literally(
    database: TestDatabase,
) {
    let alice = user(&database, "alice");
    let bob = user(&database, "bob");
    create(&database, alice, &note("Äpfel kaufen", "beim Markt", &[]));
    create(&database, alice, &note("Birnen", "100% reif, a_b", &[]));
    create(&database, alice, &note("Plums", "ripe apples", &[]));
    create(&database, bob, &note("Bob's Äpfel", "markt", &[]));

    assert_eq!(
        listed_titles(&database, alice, &search("äPFEL MARKT")),
        ["Äpfel kaufen"]
    );
    assert_eq!(
        listed_titles(&database, alice, &search("0% a_b")),
        ["Birnen"]
    );
    assert!(listed_titles(&database, alice, &search("100_")).is_empty());
    assert!(listed_titles(&database, alice, &search("ripe xyz")).is_empty());
    assert_eq!(listed_titles(&database, alice, &search("RIPE")), ["Plums"]);
}

fn titles_sort_by_code_point_with_ties_broken_by_id(database: TestDatabase) {
    let alice = user(&database, "alice");
    for title in ["b", "Ä", "a", "B", "a"] {
        create(&database, alice, &note(title, "x", &[]));
    }
    let query = NoteQuery {
        ordering: NoteOrdering {
            field: SortField::Title,
            descending: false,
        },
        ..NoteQuery::default()
    };

    let listed = database.notes().list(alice, &query).expect("list");

    assert_eq!(titles(&listed), ["B", "a", "a", "b", "Ä"]);
    assert!(listed[1].id < listed[2].id, "ties are not in id order");
}

fn keyset_pages_read_every_note_once_forwards_and_backwards(database: TestDatabase) {
    let alice = user(&database, "alice");
    let created: Vec<NoteId> = (0..7)
        .map(|i| create(&database, alice, &note(&format!("n{i}"), "x", &[])).id)
        .collect();
    let query = NoteQuery::default();
    let limit = PageLimit::new(3).expect("a page size");
    let notes = database.notes();

    let mut forwards = Vec::new();
    let mut seek = Seek::default();
    loop {
        let page = notes
            .list_keyset(alice, &query, &seek, limit)
            .expect("page");
        forwards.extend(page.notes.iter().map(|n| n.id));
        let Some(last) = page.notes.last() else { break };
        if !page.more {
            break;
        }
        seek = Seek {
            from: Some(query.ordering.position_of(last)),
            backwards: false,
        };
    }
    let first = notes.get(alice, created[0]).expect("the oldest");
    let before_oldest = Seek {
        from: Some(query.ordering.position_of(&first)),
        backwards: true,
    };
    let back = notes
        .list_keyset(alice, &query, &before_oldest, limit)
        .expect("page");

    assert_eq!(forwards, created.iter().rev().copied().collect::<Vec<_>>());
    assert_eq!(
        back.notes.iter().map(|n| n.id).collect::<Vec<_>>(),
        [created[3], created[2], created[1]]
    );
    assert!(back.more);
}

fn an_offset_page_counts_every_selected_note(database: TestDatabase) {
    let alice = user(&database, "alice");
    for i in 0..5 {
        let tag: &[&str] = if i % 2 == 0 { &["even"] } else { &[] };
        create(&database, alice, &note(&format!("n{i}"), "x", tag));
    }
    let query = NoteQuery {
        tags: vec![TagName::parse("even".into()).expect("valid")],
        ..NoteQuery::default()
    };

    let page = database
        .notes()
        .list_offset(alice, &query, 1, PageLimit::new(1).expect("size"))
        .expect("page");

    assert_eq!(page.count, 3);
    assert_eq!(titles(&page.notes), ["n2"]);
}

fn created_ranges_are_half_open(database: TestDatabase) {
    let alice = user(&database, "alice");
    let first = create(&database, alice, &note("first", "x", &[]));
    let second = create(&database, alice, &note("second", "x", &[]));
    let mut query = NoteQuery::default();
    query.created.from = Some(first.created_at);
    query.created.until = Some(second.created_at);

    let listed = listed_titles(&database, alice, &query);

    if first.created_at == second.created_at {
        assert!(listed.is_empty());
    } else {
        assert_eq!(listed, ["first"]);
    }
}

fn renaming_a_tag_onto_another_merges_them_and_versions_the_notes(database: TestDatabase) {
    let alice = user(&database, "alice");
    let bob = user(&database, "bob");
    let both = create(&database, alice, &note("both", "x", &["work", "job"]));
    let one = create(&database, alice, &note("one", "x", &["job"]));
    create(&database, bob, &note("bob's", "x", &["job"]));
    let (from, to) = (
        TagName::parse("job".into()).expect("valid"),
        TagName::parse("work".into()).expect("valid"),
    );

    let merged = database.tags().rename(alice, &from, &to).expect("rename");

    assert_eq!((merged.name.as_str(), merged.notes), ("work", 2));
    let listed = database.tags().list(alice).expect("list");
    assert_eq!(listed, vec![merged]);
    let again = database.notes().get(alice, both.id).expect("get");
    assert_eq!(again.tags, tags(&["work"]));
    assert_eq!(again.version, NoteVersion(both.version.0 + 1));
    assert_eq!(
        database.notes().get(alice, one.id).expect("get").tags,
        tags(&["work"])
    );
    assert_eq!(database.tags().list(bob).expect("list")[0].name, from);
}

fn deleting_a_tag_keeps_the_notes_and_another_users_tag(database: TestDatabase) {
    let alice = user(&database, "alice");
    let bob = user(&database, "bob");
    let tagged = create(&database, alice, &note("tagged", "x", &["old"]));
    create(&database, bob, &note("bob's", "x", &["old"]));
    let old = TagName::parse("old".into()).expect("valid");

    database.tags().delete(alice, &old).expect("delete");

    let again = database
        .notes()
        .get(alice, tagged.id)
        .expect("the note stays");
    assert!(again.tags.is_empty());
    assert!(matches!(
        database.tags().delete(alice, &old),
        Err(TagError::NotFound)
    ));
    assert_eq!(database.tags().list(bob).expect("list").len(), 1);
}

fn of_two_writers_expecting_one_version_exactly_one_succeeds(database: TestDatabase) {
    let alice = user(&database, "alice");
    let original = create(&database, alice, &note("original", "x", &[]));
    let expected = Precondition::VersionIn(vec![original.version]);
    let notes = database.notes();

    let outcomes: Vec<Result<Note, NoteError>> = std::thread::scope(|scope| {
        let writers: Vec<_> = (0..8)
            .map(|i| {
                let (notes, expected) = (&notes, &expected);
                scope.spawn(move || {
                    let changes = NoteChanges {
                        title: Some(NoteTitle::parse(format!("w{i}")).expect("valid")),
                        ..NoteChanges::default()
                    };
                    notes.update(alice, original.id, &changes, expected)
                })
            })
            .collect();
        writers
            .into_iter()
            .map(|w| w.join().expect("no panic"))
            .collect()
    });

    let succeeded = outcomes.iter().filter(|o| o.is_ok()).count();
    let refused = outcomes
        .iter()
        .filter(|o| matches!(o, Err(NoteError::PreconditionFailed)))
        .count();
    assert_eq!((succeeded, refused), (1, 7), "{outcomes:?}");
    let stored = notes.get(alice, original.id).expect("get");
    assert_eq!(stored.version, NoteVersion(original.version.0 + 1));
}

fn concurrent_creates_with_one_idempotency_key_create_one_note(database: TestDatabase) {
    let alice = user(&database, "alice");
    let key = IdempotencyKey::parse("retry-42").expect("valid key");
    let new = note("once", "x", &["t"]);
    let notes = database.notes();

    let outcomes: Vec<CreateOnce> = std::thread::scope(|scope| {
        let creators: Vec<_> = (0..6)
            .map(|_| scope.spawn(|| notes.create_once(alice, &key, &new).expect("create once")))
            .collect();
        creators
            .into_iter()
            .map(|c| c.join().expect("no panic"))
            .collect()
    });

    let created: Vec<&Note> = outcomes
        .iter()
        .filter_map(|o| match o {
            CreateOnce::Created(note) => Some(note),
            CreateOnce::Replayed(_) => None,
        })
        .collect();
    assert_eq!(created.len(), 1, "{outcomes:?}");
    for outcome in &outcomes {
        if let CreateOnce::Replayed(replayed) = outcome {
            assert_eq!(replayed, created[0]);
        }
    }
    assert_eq!(
        notes
            .list(alice, &NoteQuery::default())
            .expect("list")
            .len(),
        1
    );
}

contract_tests!(
    search_needs_every_term_ignores_case_across_scripts_and_takes_wildcards_literally,
    titles_sort_by_code_point_with_ties_broken_by_id,
    keyset_pages_read_every_note_once_forwards_and_backwards,
    an_offset_page_counts_every_selected_note,
    created_ranges_are_half_open,
    renaming_a_tag_onto_another_merges_them_and_versions_the_notes,
    deleting_a_tag_keeps_the_notes_and_another_users_tag,
    of_two_writers_expecting_one_version_exactly_one_succeeds,
    concurrent_creates_with_one_idempotency_key_create_one_note,
);
