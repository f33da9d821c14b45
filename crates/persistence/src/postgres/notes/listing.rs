//! The listing queries on PostgreSQL: the same filters, orderings and page cuts as on
//! SQLite.
//!
//! Every query starts from the owner. Search terms are `ILIKE '%term%'` on the title or the
//! body, which the trigram indexes answer for terms of three or more characters; shorter
//! terms only narrow what the longer ones found. Titles compare with `COLLATE "C"`, by code
//! point, as SQLite compares them.

use diesel::dsl::sql;
use diesel::expression::SqlLiteral;
use diesel::pg::{Pg, PgConnection};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Text, Timestamptz};
use notes_domain::{NoteOrdering, NoteQuery, Position, Seek, SortField, SortValue, UserId};

use super::rows::NoteRow;
use crate::postgres::schema::notes;

type Filtered = notes::BoxedQuery<'static, Pg>;

/// The title as it is ordered and compared: by code point.
const TITLE: &str = "notes.title COLLATE \"C\"";

/// The owner's notes that `query` selects, unordered.
pub(super) fn filtered(owner: UserId, query: &NoteQuery) -> Filtered {
    let mut selected = notes::table
        .filter(notes::owner_id.eq(owner.0))
        .into_boxed();

    if let Some(search) = &query.search {
        for term in search.indexed().chain(search.short()) {
            let pattern = format!("%{}%", escape_like(term));
            selected = selected.filter(
                notes::title
                    .ilike(pattern.clone())
                    .or(notes::body.ilike(pattern)),
            );
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

/// `term` as a LIKE pattern that matches it literally: `\`, `%` and `_` are escaped with
/// the default escape character.
fn escape_like(term: &str) -> String {
    let mut escaped = String::with_capacity(term.len());
    for c in term.chars() {
        if matches!(c, '\\' | '%' | '_') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

/// `selected` in `ordering`, or in its reverse.
pub(super) fn ordered(selected: Filtered, ordering: NoteOrdering, reverse: bool) -> Filtered {
    let descending = ordering.descending != reverse;
    let title = || sql::<Text>(TITLE);
    match (ordering.field, descending) {
        (SortField::CreatedAt, true) => {
            selected.order((notes::created_at.desc(), notes::id.desc()))
        }
        (SortField::CreatedAt, false) => selected.order((notes::created_at.asc(), notes::id.asc())),
        (SortField::UpdatedAt, true) => {
            selected.order((notes::updated_at.desc(), notes::id.desc()))
        }
        (SortField::UpdatedAt, false) => selected.order((notes::updated_at.asc(), notes::id.asc())),
        (SortField::Title, true) => selected.order((title().desc(), notes::id.desc())),
        (SortField::Title, false) => selected.order((title().asc(), notes::id.asc())),
    }
}

/// Keeps the notes on the far side of `seek.from` in its reading direction: a row-value
/// comparison, which PostgreSQL answers by seeking in the ordering's index.
pub(super) fn beyond(selected: Filtered, ordering: NoteOrdering, seek: &Seek) -> Filtered {
    let Some(Position { value, id }) = &seek.from else {
        return selected;
    };
    let after = ordering.descending == seek.backwards;
    let comparison = if after { ") > (" } else { ") < (" };
    let column = match ordering.field {
        SortField::CreatedAt => "(notes.created_at, notes.id".to_owned(),
        SortField::UpdatedAt => "(notes.updated_at, notes.id".to_owned(),
        SortField::Title => format!("({TITLE}, notes.id"),
    };
    let head: SqlLiteral<Bool> = sql(&format!("{column}{comparison}"));

    match value {
        SortValue::Time(time) => selected.filter(
            head.bind::<Timestamptz, _>(*time)
                .sql(", ")
                .bind::<BigInt, _>(id.0)
                .sql(")"),
        ),
        SortValue::Text(text) => selected.filter(
            head.bind::<Text, _>(text.clone())
                .sql(" COLLATE \"C\", ")
                .bind::<BigInt, _>(id.0)
                .sql(")"),
        ),
    }
}

/// Loads the rows of a finished query.
pub(super) fn load(conn: &mut PgConnection, query: Filtered) -> QueryResult<Vec<NoteRow>> {
    query.select(NoteRow::as_select()).load(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_wildcards_in_a_term_match_only_themselves() {
        assert_eq!(escape_like(r"50%_a\b"), r"50\%\_a\\b");
    }
}
