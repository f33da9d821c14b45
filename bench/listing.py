#!/usr/bin/env python3
"""The listing benchmark: one user with 100,000 notes (and others beside), and the time of
the listing requests that must stay fast at that size, each against a single-note read
measured in the same run.

Started by scripts/bench-listing.sh, which builds the binary and starts the server on a
fresh database. Python's standard library only. The notes are stored straight into the
SQLite file (the triggers of the schema fill the search index as they would for the
server's own writes); the requests are then sent one at a time over one keep-alive
connection, in rounds that visit every scenario once, so that drift on a shared machine
spreads over all of them alike. Nothing here asserts on timing: the exit status is
non-zero only when a request fails or answers something unexpected.
"""

import argparse
import datetime
import http.client
import json
import os
import platform
import sqlite3
import statistics
import sys
import time
import urllib.parse

from driver import expect, register_and_sign_in

BIG_NOTES = 100_000
OTHER_USERS = 4
OTHER_NOTES = 10_000
DEEP = 50_000
PAGE = 20
RARE_TERM = "zanzibar"
COMMON_TERM = "meeting"
WORDS = ("kitchen plumber train thursday budget invoice garden dentist parcel "
         "library concert passport laundry recipe birthday").split()


def stored_time(moment):
    """A timestamp exactly as the server writes it (chrono's `%.f`: 0, 3 or 6 digits)."""
    text = moment.strftime("%Y-%m-%d %H:%M:%S")
    micros = moment.microsecond
    if micros % 1000 == 0 and micros:
        text += f".{micros // 1000:03d}"
    elif micros:
        text += f".{micros:06d}"
    return text + "+00:00"


def body_of(owner_index, i):
    """A note body: a third of them mention the common term, a handful the rare one."""
    words = [WORDS[(i * 7 + k) % len(WORDS)] for k in range(12)]
    if i % 3 == 0:
        words.insert(5, COMMON_TERM)
    if i % (BIG_NOTES // 5) == 17:
        words.append(RARE_TERM)
    return f"user {owner_index}: " + " ".join(words)


def seed(database, owners):
    """Stores the notes and their tags; returns the id of one of the big user's notes."""
    connection = sqlite3.connect(database, timeout=30)
    start = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=30)
    try:
        with connection:
            for index, (owner, count) in enumerate(owners):
                rows = ((owner, f"Note {i} of {index}", body_of(index, i),
                         stamp := stored_time(start + datetime.timedelta(milliseconds=i * 10)),
                         stamp) for i in range(count))
                connection.executemany(
                    "INSERT INTO notes (owner_id, title, body, created_at, updated_at)"
                    " VALUES (?, ?, ?, ?, ?)", rows)
                tag_notes(connection, owner)
        (some_note,) = connection.execute(
            "SELECT id FROM notes WHERE owner_id = ? ORDER BY id LIMIT 1 OFFSET 777",
            (owners[0][0],)).fetchone()
        return some_note
    finally:
        connection.close()


def tag_notes(connection, owner):
    """Tag `common` on every tenth of the owner's notes, `rare` on ten of them."""
    ids = [row[0] for row in connection.execute(
        "SELECT id FROM notes WHERE owner_id = ? ORDER BY id", (owner,))]
    for name, chosen in (("common", ids[::10]), ("rare", ids[5::len(ids) // 10][:10])):
        tag_id = connection.execute(
            "INSERT INTO tags (owner_id, name) VALUES (?, ?) RETURNING id",
            (owner, name)).fetchone()[0]
        connection.executemany("INSERT INTO note_tags (note_id, tag_id) VALUES (?, ?)",
                               ((note, tag_id) for note in chosen))


class Client:
    """One keep-alive connection to the server."""

    def __init__(self, base, token):
        parsed = urllib.parse.urlsplit(base)
        self.base = base
        self.connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=60)
        self.headers = {"Authorization": f"Bearer {token}"}

    def get(self, path):
        """Sends a GET; returns (seconds taken, parsed JSON body)."""
        began = time.perf_counter()
        self.connection.request("GET", path, headers=self.headers)
        response = self.connection.getresponse()
        raw = response.read()
        took = time.perf_counter() - began
        if response.status != 200:
            raise SystemExit(f"bench: GET {path} answered {response.status}: {raw[:300]!r}")
        return took, json.loads(raw)

    def path_of(self, link):
        """The path and query of one of the server's absolute links."""
        if not link.startswith(self.base):
            raise SystemExit(f"bench: {link} is not a link of {self.base}")
        return link[len(self.base):]


def deep_cursor(client):
    """A cursor link {DEEP} notes into the big user's newest-first listing, found by walking
    pages of 100 (the walk is set-up, not measured)."""
    path, seen = "/api/notes/?cursor=&limit=100", 0
    while seen < DEEP:
        _, page = client.get(path)
        seen += len(page["results"])
        path = client.path_of(page["next"])
    return path.replace("limit=100", f"limit={PAGE}")


def measure(client, scenarios, rounds):
    """Runs every scenario once per round; returns the seconds of each request by name."""
    timings = {name: [] for name, _, _ in scenarios}
    for _ in range(rounds):
        for name, path, check in scenarios:
            took, body = client.get(path)
            check(body)
            timings[name].append(took)
    return timings


def results_of(page_size, count=None, minimum=1):
    """A check that a page holds results (and, for offset pages, the expected count)."""
    def check(body):
        results = body["results"] if "results" in body else [body]
        if len(results) < minimum or len(results) > page_size:
            raise SystemExit(f"bench: unexpected page of {len(results)}: {str(body)[:300]}")
        if count is not None and body.get("count") != count:
            raise SystemExit(f"bench: count {body.get('count')}, expected {count}")
    return check


def write_report(out, command, commit, rows, rounds, seed_seconds, total_notes):
    baseline = statistics.median(rows[0][2])
    lines = [
        "# Listing benchmark results",
        "",
        f"Command: `{command}` at commit {commit}  ",
        f"Run: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC on "
        f"{os.cpu_count()} CPUs ({platform.machine()}), {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}; the client runs on the "
        "same machine  ",
        f"Data: one user with {BIG_NOTES:,} notes and {OTHER_USERS} others with "
        f"{OTHER_NOTES:,} each ({total_notes:,} in all); stored in {seed_seconds:.0f} s.  ",
        f"Method: {rounds} rounds, each request once per round, one at a time on one "
        "keep-alive connection; pages of 20. Times are wall-clock at the client.",
        "",
        "| request | median ms | p90 ms | × single-note read |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, path, timings in rows:
        median = statistics.median(timings)
        p90 = statistics.quantiles(timings, n=10)[-1]
        lines.append(f"| {name} (`{path[:70]}`) | {median * 1000:.2f} | {p90 * 1000:.2f} | "
                     f"{median / baseline:.1f} |")
    text = "\n".join(lines) + "\n"
    with open(out, "w", encoding="utf-8") as handle:
        handle.write(text)
    sys.stdout.write(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--command", required=True)
    parser.add_argument("--commit", required=True)
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()
    base = args.base_url.rstrip("/")

    big = register_and_sign_in(base, "big")
    others = [register_and_sign_in(base, f"other{i}") for i in range(OTHER_USERS)]
    began = time.perf_counter()
    owners = [(big.user_id, BIG_NOTES)] + [(o.user_id, OTHER_NOTES) for o in others]
    one_note = seed(args.database, owners)
    seed_seconds = time.perf_counter() - began
    expect(base, "GET", f"/api/notes/{one_note}/", 200, token=big.access)

    client = Client(base, big.access)
    deep = deep_cursor(client)
    scenarios = [
        ("single-note read", f"/api/notes/{one_note}/", results_of(1)),
        ("first page, cursor", f"/api/notes/?cursor=&limit={PAGE}", results_of(PAGE)),
        ("first page, offset (with count)", f"/api/notes/?limit={PAGE}",
         results_of(PAGE, BIG_NOTES)),
        (f"page {DEEP:,} deep, offset", f"/api/notes/?limit={PAGE}&offset={DEEP}",
         results_of(PAGE, BIG_NOTES)),
        (f"page {DEEP:,} deep, cursor", deep, results_of(PAGE)),
        ("search, rare term", f"/api/notes/?search={RARE_TERM}&limit={PAGE}",
         results_of(PAGE, 5)),
        ("search, common term", f"/api/notes/?search={COMMON_TERM}&limit={PAGE}",
         results_of(PAGE, (BIG_NOTES + 2) // 3)),
        ("search, common term, cursor", f"/api/notes/?search={COMMON_TERM}&cursor=&limit={PAGE}",
         results_of(PAGE)),
        ("tag filter, rare tag", f"/api/notes/?tag=rare&limit={PAGE}", results_of(PAGE, 10)),
        ("tag filter, common tag", f"/api/notes/?tag=common&limit={PAGE}",
         results_of(PAGE, BIG_NOTES // 10)),
    ]
    measure(client, scenarios, 3)
    timings = measure(client, scenarios, args.rounds)

    rows = [(name, path, timings[name]) for name, path, _ in scenarios]
    total = BIG_NOTES + OTHER_USERS * OTHER_NOTES
    write_report(args.out, args.command, args.commit, rows, args.rounds, seed_seconds, total)


if __name__ == "__main__":
    main()
