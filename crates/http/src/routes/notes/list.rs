//! `GET /api/notes/`

use actix_web::{HttpRequest, HttpResponse, web};
use notes_domain::{KeysetPage, Note, NoteOrdering, OffsetPage, PageLimit, Seek, Username};

use super::NoteResponse;
use super::cursor;
use super::list_params::{ListRequest, Paging};
use super::pages::{NoteCursorPage, NoteListing, NotePage, PageLinks};
use crate::extract::AccessToken;
use crate::openapi::{BadRequest, BearerErrors};
use crate::{ApiError, AppState};

/// List your notes, newest first unless `ordering` says otherwise.
///
/// Without paging parameters the answer is a plain array of every selected note. With
/// `limit` and/or `offset` it is a page `{count, next, previous, results}`; with `cursor`
/// (empty for the first page) it is `{next, previous, results}`, whose pages cost the same
/// however deep. `next` and `previous` are absolute URLs, null where there is no such page.
#[utoipa::path(
    get,
    path = "/api/notes/",
    operation_id = "list_notes",
    tag = "notes",
    security(("bearer_token" = []), ("password_sign_in" = [])),
    params(
        ("limit" = Option<u32>, Query, minimum = 1, maximum = 100, description = "Page size, 1 to 100 (20 when only offset or cursor is given)."),
        ("offset" = Option<u64>, Query, minimum = 0, description = "Notes to skip; answers a page with the total count."),
        ("cursor" = Option<String>, Query, description = "Opaque position from a `next` or `previous` link; empty for the first page."),
        ("search" = Option<String>, Query, description = "Notes whose title or body contains every white-space-separated term, case-insensitively. Needs one term of 3 or more characters; shorter terms only narrow."),
        ("ordering" = Option<String>, Query, description = "`created_at`, `updated_at` or `title`; `-` for descending. Default `-created_at`.", example = "-updated_at"),
        ("tag" = Option<Vec<String>>, Query, explode = true, description = "Notes carrying this tag; repeat for notes carrying all of them."),
        ("created_after" = Option<String>, Query, format = DateTime, description = "Notes created at or after this RFC 3339 instant."),
        ("created_before" = Option<String>, Query, format = DateTime, description = "Notes created before this RFC 3339 instant."),
        ("updated_after" = Option<String>, Query, format = DateTime, description = "Notes last changed at or after this RFC 3339 instant."),
        ("updated_before" = Option<String>, Query, format = DateTime, description = "Notes last changed before this RFC 3339 instant."),
    ),
    responses(
        (status = 200, description = "Your selected notes: a plain array without paging parameters, else a page.", body = NoteListing),
        (status = 400, response = BadRequest),
        BearerErrors,
    ),
)]
pub(crate) async fn list_notes(
    req: HttpRequest,
    state: web::Data<AppState>,
    access: AccessToken,
) -> Result<HttpResponse, ApiError> {
    let ListRequest {
        query,
        paging,
        params,
    } = ListRequest::parse(req.query_string())?;
    let notes = state.notes.clone();
    let links = PageLinks::new(&req, &params, &state.limits.trusted_proxies);
    let ordering = query.ordering;

    let listing = match paging {
        Paging::All => {
            let (user, listed) = access.run(move |user| notes.list(user.id, &query)).await?;
            NoteListing::All(responses(listed, &user.user.username))
        }
        Paging::Offset { offset, limit } => {
            let (user, page) = access
                .run(move |user| notes.list_offset(user.id, &query, offset, limit))
                .await?;
            let owner = &user.user.username;
            NoteListing::Page(offset_page(page, offset, limit, &links, owner))
        }
        Paging::Cursor { seek, limit } => {
            let (user, (page, seek)) = access
                .run(move |user| {
                    notes
                        .list_keyset(user.id, &query, &seek, limit)
                        .map(|page| (page, seek))
                })
                .await?;
            let owner = &user.user.username;
            NoteListing::CursorPage(cursor_page(page, ordering, &seek, limit, &links, owner))
        }
    };
    Ok(HttpResponse::Ok().json(listing))
}

fn responses(notes: Vec<Note>, owner: &Username) -> Vec<NoteResponse> {
    notes
        .into_iter()
        .map(|note| NoteResponse::new(note, owner))
        .collect()
}

/// The page with its links; `previous` drops `offset` when it leads to the start, as Django
/// REST Framework's does.
fn offset_page(
    page: OffsetPage,
    offset: u64,
    limit: PageLimit,
    links: &PageLinks<'_>,
    owner: &Username,
) -> NotePage {
    let size = u64::from(limit.get());
    let limit_text = limit.get().to_string();
    let next = offset
        .checked_add(size)
        .filter(|next| *next < page.count)
        .map(|next| links.with(&[("limit", &limit_text), ("offset", &next.to_string())]));
    let previous = (offset > 0).then(|| match offset.saturating_sub(size) {
        0 => links.with(&[("limit", &limit_text)]),
        back => links.with(&[("limit", &limit_text), ("offset", &back.to_string())]),
    });

    NotePage {
        count: page.count,
        next,
        previous,
        results: responses(page.notes, owner),
    }
}

/// The page with cursors to its neighbours. Reading forwards, the previous page is before
/// the first note shown (or before the position read from, if the page is empty); reading
/// backwards, the next page is after the last note shown.
fn cursor_page(
    page: KeysetPage,
    ordering: NoteOrdering,
    seek: &Seek,
    limit: PageLimit,
    links: &PageLinks<'_>,
    owner: &Username,
) -> NoteCursorPage {
    let first = page.notes.first().map(|note| ordering.position_of(note));
    let last = page.notes.last().map(|note| ordering.position_of(note));
    let limit_text = limit.get().to_string();
    let link = |from: Option<_>, backwards: bool| {
        let seek = Seek { from, backwards };
        links.with(&[
            ("limit", limit_text.as_str()),
            ("cursor", cursor::encode(ordering, &seek).as_str()),
        ])
    };

    let (more_after, more_before) = if seek.backwards {
        (true, page.more)
    } else {
        (page.more, seek.from.is_some())
    };
    let next = more_after
        .then(|| last.clone().or_else(|| seek.from.clone()))
        .flatten()
        .map(|from| link(Some(from), false));
    let previous = more_before
        .then(|| first.or_else(|| seek.from.clone()))
        .flatten()
        .map(|from| link(Some(from), true));

    NoteCursorPage {
        next,
        previous,
        results: responses(page.notes, owner),
    }
}
