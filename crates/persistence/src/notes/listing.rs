//! The listing queries: filters, orderings and the two ways of cutting pages.
//!
//! Every query starts from the owner, so each is served by one of the `(owner_id, field,
//! id)` indexes. Search reads the trigram index (`notes_search`) and tags read
//! `note_tags_tag_idx`; both only hand ids to the owner's query, so another user's notes can
//! match there and still never be listed.

use diesel::dsl::sql;
use diesel::expression::SqlLiteral;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Text, TimestamptzSqlite};
use diesel::sqlite::{Sqlite, SqliteConnection};
use notes_domain::{
    NoteOrdering, NoteQuery, Position, SearchTerms, Seek, SortField, SortValue, UserId,
};

#[cfg(test)]
mod plans;

use super::rows::NoteRow;
use crate::schema::notes;

type Filtered = notes::BoxedQuery<'static, Sqlite>;

diesel::define_sql_function! {
    /// True when `title` or `body` contains `term`, compared after Unicode lower-casing,
    /// as the trigram index compares. Checks the search terms too short for the index.
    fn note_contains(title: Text, body: Text, term: Text) -> Bool;
}

/// Makes [`note_contains`] available on a connection.
pub(crate) fn register_functions(conn: &mut SqliteConnection) -> QueryResult<()> {
    note_contains_utils::register_impl(conn, |title: String, body: String, term: String| {
        let term = term.to_lowercase();
        title.to_lowercase().contains(&term) || body.to_lowercase().contains(&term)
    })
}

/// The owner's notes that `query` selects, unordered.
pub(super) fn filtered(owner: UserId, query: &NoteQuery) -> Filtered {
    let mut selected = notes::table.into_boxed();
    if query.search.is_some() || !query.tags.is_empty() {
        // Start from the notes the search or tag index found, not from all of the owner's
        // notes: the unary `+` keeps SQLite from walking the owner index instead. The owner
        // check stays, so another user's matches are dropped.
        selected = selected.filter(sql::<Bool>("+notes.owner_id = ").bind::<BigInt, _>(owner.0));
    } else {
        selected = selected.filter(notes::owner_id.eq(owner.0));
    }

    if let Some(search) = &query.search {
        selected = selected.filter(
            sql::<Bool>("notes.id IN (SELECT rowid FROM notes_search WHERE notes_search MATCH ")
                .bind::<Text, _>(match_expression(search))
                .sql(")"),
        );
        for term in search.short() {
            selected = selected.filter(note_contains(notes::title, notes::body, term.to_owned()));
        }
    }

    for tag in &query.tags {
        selected = selected.filter(
            sql::<Bool>(
                "notes.id IN (SELECT note_tags.note_id FROM note_tags \
                 JOIN tags ON tags.id = note_tags.tag_id WHERE tags.owner_id = ",
            )
            .bind::<BigInt, _>(owner.0)
            .sql(" AND tags.name = ")
            .bind::<Text, _>(tag.as_str().to_owned())
            .sql(")"),
        );
    }

    if let Some(from) = query.created.from {
        selected = selected.filter(notes::created_at.ge(from));
    }
    if let Some(until) = query.created.until {
        selected = selected.filter(notes::created_at.lt(until));
    }
    if let Some(from) = query.updated.from {
        selected = selected.filter(notes::updated_at.ge(from));
    }
    if let Some(until) = query.updated.until {
        selected = selected.filter(notes::updated_at.lt(until));
    }
    selected
}

/// An FTS5 query requiring every indexed term as a phrase. Quoting makes every character
/// literal; a `"` inside a term is doubled.
fn match_expression(search: &SearchTerms) -> String {
    search
        .indexed()
        .map(|term| format!("\"{}\"", term.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// `selected` in `ordering`, or in its reverse.
fn ordered(selected: Filtered, ordering: NoteOrdering, reverse: bool) -> Filtered {
    let descending = ordering.descending != reverse;
    match (ordering.field, descending) {
        (SortField::CreatedAt, true) => {
            selected.order((notes::created_at.desc(), notes::id.desc()))
        }
        (SortField::CreatedAt, false) => selected.order((notes::created_at.asc(), notes::id.asc())),
        (SortField::UpdatedAt, true) => {
            selected.order((notes::updated_at.desc(), notes::id.desc()))
        }
        (SortField::UpdatedAt, false) => selected.order((notes::updated_at.asc(), notes::id.asc())),
        (SortField::Title, true) => selected.order((notes::title.desc(), notes::id.desc())),
        (SortField::Title, false) => selected.order((notes::title.asc(), notes::id.asc())),
    }
}

/// Keeps the notes on the far side of `seek.from` in its reading direction: a row-value
/// comparison, which SQLite answers by seeking in the ordering's index.
fn beyond(selected: Filtered, ordering: NoteOrdering, seek: &Seek) -> Filtered {
    let Some(Position { value, id }) = &seek.from else {
        return selected;
    };
    let after = ordering.descending == seek.backwards;
    let comparison = if after { ") > (" } else { ") < (" };
    let column = match ordering.field {
        SortField::CreatedAt => "(notes.created_at, notes.id",
        SortField::UpdatedAt => "(notes.updated_at, notes.id",
        SortField::Title => "(notes.title, notes.id",
    };
    let head: SqlLiteral<Bool> = sql(&format!("{column}{comparison}"));

    match value {
        SortValue::Time(time) => selected.filter(
            head.bind::<TimestamptzSqlite, _>(*time)
                .sql(", ")
                .bind::<BigInt, _>(id.0)
                .sql(")"),
        ),
        SortValue::Text(text) => selected.filter(
            head.bind::<Text, _>(text.clone())
                .sql(", ")
                .bind::<BigInt, _>(id.0)
                .sql(")"),
        ),
    }
}

/// Every note `query` selects, in its order.
pub(super) fn everything(owner: UserId, query: &NoteQuery) -> Filtered {
    ordered(filtered(owner, query), query.ordering, false)
}

/// The page `offset` notes in. The skipped notes are walked in the index alone (ids only);
/// only the page's own rows are read from the table.
pub(super) fn offset_page(owner: UserId, query: &NoteQuery, offset: i64, limit: i64) -> Filtered {
    let page_ids = everything(owner, query)
        .select(notes::id)
        .limit(limit)
        .offset(offset);
    ordered(
        notes::table.filter(notes::id.eq_any(page_ids)).into_boxed(),
        query.ordering,
        false,
    )
}

/// Up to `limit` notes beyond `seek`, in the reading direction.
pub(super) fn keyset_page(owner: UserId, query: &NoteQuery, seek: &Seek, limit: i64) -> Filtered {
    let selected = beyond(filtered(owner, query), query.ordering, seek);
    ordered(selected, query.ordering, seek.backwards).limit(limit)
}

/// One of the owner's notes.
pub(super) fn one(owner: UserId, id: i64) -> Filtered {
    notes::table
        .filter(notes::owner_id.eq(owner.0))
        .filter(notes::id.eq(id))
        .into_boxed()
}

/// Loads the rows of a finished query.
pub(super) fn load(conn: &mut SqliteConnection, query: Filtered) -> QueryResult<Vec<NoteRow>> {
    query.select(NoteRow::as_select()).load(conn)
}
