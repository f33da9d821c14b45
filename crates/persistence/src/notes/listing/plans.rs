//! The listing queries' plans: each reaches the owner's notes through an index and never
//! reads the whole notes table, whatever the filters, ordering or page.

use diesel::debug_query;
use diesel::prelude::*;
use diesel::sql_query;
use diesel::sql_types::Text;
use diesel::sqlite::Sqlite;
use notes_domain::{
    NoteId, NoteOrdering, NoteQuery, Position, SearchTerms, Seek, SortField, SortValue, TagName,
    UserId,
};

use super::*;
use crate::migrations;
use crate::pool::build_pool;

#[derive(QueryableByName)]
struct PlanStep {
    #[diesel(sql_type = Text)]
    detail: String,
}

/// The steps of `query`'s plan, with a constant in place of each parameter (the queries
/// hold no literal question marks).
fn plan(conn: &mut SqliteConnection, query: Filtered) -> Vec<String> {
    let shown = debug_query::<Sqlite, _>(&query.select(notes::id)).to_string();
    let sql = shown
        .split(" -- binds:")
        .next()
        .expect("SQL text")
        .replace('?', "1");
    sql_query(format!("EXPLAIN QUERY PLAN {sql}"))
        .load::<PlanStep>(conn)
        .expect("a plan")
        .into_iter()
        .map(|step| step.detail)
        .collect()
}

fn assert_indexed(name: &str, steps: &[String], sorted_by_index: bool) {
    let full_scan = steps
        .iter()
        .any(|s| s.starts_with("SCAN notes") && !s.contains("VIRTUAL"));
    let searched = steps.iter().any(|s| s.starts_with("SEARCH notes USING"));
    assert!(!full_scan && searched, "{name}: {steps:#?}");
    if sorted_by_index {
        assert!(
            !steps.iter().any(|s| s.contains("TEMP B-TREE")),
            "{name} sorts in memory: {steps:#?}"
        );
    }
}

/// A filtered listing reads only the notes its index found (by id), not every note of the
/// owner.
fn assert_driven_by_matches(name: &str, steps: &[String]) {
    assert!(
        steps
            .iter()
            .any(|s| s.starts_with("SEARCH notes USING INTEGER PRIMARY KEY"))
            && !steps.iter().any(|s| s.contains("notes_owner_")),
        "{name} walks the owner's notes: {steps:#?}"
    );
}

fn orderings() -> Vec<NoteOrdering> {
    let fields = [SortField::CreatedAt, SortField::UpdatedAt, SortField::Title];
    fields
        .into_iter()
        .flat_map(|field| [true, false].map(|descending| NoteOrdering { field, descending }))
        .collect()
}

fn position(ordering: NoteOrdering) -> Position {
    let value = match ordering.field {
        SortField::Title => SortValue::Text("m".into()),
        _ => SortValue::Time(chrono::Utc::now()),
    };
    Position {
        value,
        id: NoteId(500),
    }
}

#[test]
fn listing_queries_use_the_owner_indexes_and_never_scan_the_notes_table() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("plans.sqlite3");
    let pool = build_pool(path.to_str().expect("UTF-8"), 1).expect("pool");
    let mut conn = pool.get().expect("connection");
    migrations::run_pending(&mut conn).expect("migrate");
    let owner = UserId(1);

    assert_indexed("get by id", &plan(&mut conn, one(owner, 7)), true);
    for ordering in orderings() {
        let query = NoteQuery {
            ordering,
            ..NoteQuery::default()
        };
        let name = format!("{ordering:?}");
        let seek = Seek {
            from: Some(position(ordering)),
            backwards: false,
        };
        let back = Seek {
            from: Some(position(ordering)),
            backwards: true,
        };

        assert_indexed(
            &format!("list {name}"),
            &plan(&mut conn, everything(owner, &query)),
            true,
        );
        assert_indexed(
            &format!("offset page {name}"),
            &plan(&mut conn, offset_page(owner, &query, 50_000, 20)),
            false,
        );
        for (direction, seek) in [("forward", seek), ("backward", back)] {
            let steps = plan(&mut conn, keyset_page(owner, &query, &seek, 21));
            assert_indexed(&format!("keyset {direction} {name}"), &steps, true);
        }
    }

    let search = NoteQuery {
        search: SearchTerms::parse("milk of").expect("valid"),
        ..NoteQuery::default()
    };
    let search_steps = plan(&mut conn, everything(owner, &search));
    assert_indexed("search", &search_steps, false);
    assert_driven_by_matches("search", &search_steps);
    assert!(
        search_steps
            .iter()
            .any(|s| s.contains("notes_search VIRTUAL TABLE INDEX")),
        "search reads the trigram index: {search_steps:#?}"
    );

    let tagged = NoteQuery {
        tags: vec![
            TagName::parse("work".into()).expect("valid"),
            TagName::parse("urgent".into()).expect("valid"),
        ],
        ..NoteQuery::default()
    };
    let tag_steps = plan(&mut conn, everything(owner, &tagged));
    assert_indexed("tag filter", &tag_steps, false);
    assert_driven_by_matches("tag filter", &tag_steps);
    assert!(
        tag_steps
            .iter()
            .any(|s| s.contains("note_tags USING") || s.contains("note_tags_tag_idx")),
        "the tag filter reads note_tags by tag: {tag_steps:#?}"
    );
}
