"""The tutorial flow through the Python SDK that openapi-python-client generated.

    python python_sdk_flow.py SDK_DIR BASE_URL

SDK_DIR holds the generated `notes_client` package. Every call goes through the generated
functions and models, never through hand-written HTTP, so a document the generator
misreads fails here.
"""

import sys
import uuid
from datetime import datetime
from urllib.parse import parse_qs, urlsplit


def main(sdk_dir, base_url):
    sys.path.insert(0, sdk_dir)
    from notes_client import AuthenticatedClient, Client
    from notes_client.api.accounts import obtain_token, refresh_token, register_user
    from notes_client.api.notes import (
        create_note,
        delete_note,
        get_note,
        list_notes,
        replace_note,
        update_note,
    )
    from notes_client.models import (
        NotePage,
        NotePatchRequest,
        NoteRequest,
        NoteResponse,
        Problem,
        RegisterRequest,
        RegisterResponse,
        TokenObtainRequest,
        TokenPairResponse,
        TokenRefreshRequest,
    )

    public = Client(base_url=base_url, raise_on_unexpected_status=True)
    password = "correct horse battery staple"

    def sign_up_and_in(name):
        created = register_user.sync(
            client=public,
            body=RegisterRequest(username=name, password=password, email=f"{name}@example.com"),
        )
        assert isinstance(created, RegisterResponse), created
        assert created.username == name
        pair = obtain_token.sync(
            client=public, body=TokenObtainRequest(username=name, password=password)
        )
        assert isinstance(pair, TokenPairResponse), pair
        assert isinstance(pair.access_expires_at, datetime)
        return pair

    suffix = uuid.uuid4().hex[:10]
    alice_pair = sign_up_and_in(f"alice_{suffix}")
    bob_pair = sign_up_and_in(f"bob_{suffix}")
    alice = AuthenticatedClient(
        base_url=base_url, token=alice_pair.access, raise_on_unexpected_status=True
    )
    bob = AuthenticatedClient(
        base_url=base_url, token=bob_pair.access, raise_on_unexpected_status=True
    )

    first = create_note.sync(client=alice, body=NoteRequest(title="Groceries", body="eggs"))
    second = create_note.sync(client=alice, body=NoteRequest(title="Ideas", body="more tests"))
    assert isinstance(first, NoteResponse) and isinstance(second, NoteResponse)
    assert first.owner == f"alice_{suffix}"
    assert isinstance(first.created_at, datetime)

    # Without paging parameters the answer is the plain array; with them, a page object.
    listed = list_notes.sync(client=alice)
    assert isinstance(listed, list), listed
    assert [note.id for note in listed] == [second.id, first.id], listed
    paged = list_notes.sync(client=alice, limit=1)
    assert isinstance(paged, NotePage) and paged.count == 2, paged
    # The generator renames `next` (a Python builtin) to `next_`; a missing page is None.
    assert [note.id for note in paged.results] == [second.id], paged
    assert isinstance(paged.next_, str) and paged.previous is None, paged
    following = parse_qs(urlsplit(paged.next_).query)
    last = list_notes.sync(
        client=alice, limit=int(following["limit"][0]), offset=int(following["offset"][0])
    )
    assert isinstance(last, NotePage) and [note.id for note in last.results] == [first.id], last
    assert last.next_ is None and isinstance(last.previous, str), last

    fetched = get_note.sync(id=first.id, client=alice)
    assert isinstance(fetched, NoteResponse) and fetched.body == "eggs"

    replaced = replace_note.sync(
        id=first.id, client=alice, body=NoteRequest(title="Groceries", body="eggs, milk")
    )
    assert replaced.body == "eggs, milk", replaced
    patched = update_note.sync(id=first.id, client=alice, body=NotePatchRequest(title="Shopping"))
    assert patched.title == "Shopping" and patched.body == "eggs, milk", patched

    other = get_note.sync_detailed(id=first.id, client=bob)
    assert other.status_code == 404, other
    assert isinstance(other.parsed, Problem) and other.parsed.status == 404, other.parsed

    deleted = delete_note.sync_detailed(id=second.id, client=alice)
    assert deleted.status_code == 204, deleted
    gone = get_note.sync_detailed(id=second.id, client=alice)
    assert gone.status_code == 404 and isinstance(gone.parsed, Problem), gone

    renewed = refresh_token.sync(client=public, body=TokenRefreshRequest(refresh=alice_pair.refresh))
    assert renewed.access, renewed
    alice = AuthenticatedClient(base_url=base_url, token=renewed.access)
    assert [note.id for note in list_notes.sync(client=alice)] == [first.id]

    unauthenticated = list_notes.sync_detailed(client=public)
    assert unauthenticated.status_code == 401 and isinstance(unauthenticated.parsed, Problem)

    print("python SDK: tutorial flow passed")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
