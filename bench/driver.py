#!/usr/bin/env python3
"""Seeds a running notes server, drives it with wrk and writes the results as Markdown.

Started by scripts/bench.sh, which builds the binary and starts the server on a fresh
database. Python's standard library only. Every figure is also given as a ratio to the
/healthz/ baseline measured in the same run, because absolute numbers drift on a shared
machine. Nothing here asserts on timing: the exit status is non-zero only when a request
failed (a non-2xx answer, a socket error), the server logged an error, or it died.
"""

import argparse
import concurrent.futures
import datetime
import json
import os
import platform
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field

HERE = os.path.dirname(os.path.abspath(__file__))
PASSWORD = "bench-password-4711"
NOTE_BODY = (
    "Pick up the dry cleaning, call the plumber about the kitchen tap, and book the "
    "train for Thursday before the cheap fares are gone."
)


@dataclass(frozen=True)
class Profile:
    """How big and how long a run is."""

    duration: int  # seconds per scenario
    connections: int  # wrk connections per scenario
    threads: int  # wrk threads
    readers: int  # accounts with exactly 20 notes each, for get-one and list
    writers: int  # accounts that create, update and delete
    filler_notes: int  # notes stored directly in the database, spread over filler users
    filler_users: int
    flood: int  # connections signing in continuously in the isolation scenario
    delete_rate: int  # deletes per second the delete list is sized for
    burst: int  # simultaneous sign-ins of the overload probe


PROFILES = {
    "full": Profile(10, 64, 2, 16, 16, 1_000_000, 1_000, 32, 20_000, 160),
    "smoke": Profile(1, 4, 1, 2, 2, 2_000, 10, 4, 20_000, 8),
}


# ---------------------------------------------------------------------------------------
# HTTP


def call(base, method, path, body=None, token=None):
    """One request; returns (status, headers, parsed JSON body or None)."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            raw = response.read()
            status, headers = response.status, response.headers
    except urllib.error.HTTPError as error:
        raw, status, headers = error.read(), error.code, error.headers
    return status, headers, (json.loads(raw) if raw else None)


def expect(base, method, path, status, body=None, token=None):
    """A request that must answer `status`; returns the JSON body."""
    got, _, answer = call(base, method, path, body, token)
    if got != status:
        raise SystemExit(f"bench: {method} {path} answered {got}, expected {status}: {answer}")
    return answer


# ---------------------------------------------------------------------------------------
# Seeding


@dataclass
class Account:
    username: str
    access: str = ""
    refresh: str = ""
    user_id: int = 0
    note_ids: list = field(default_factory=list)
    spare_refresh: list = field(default_factory=list)


# Sessions per account kept for the refresh scenario: enough that every wrk connection
# always finds a refresh token in its thread's pool.
SPARE_SESSIONS = 3


def register_and_sign_in(base, username):
    user = expect(base, "POST", "/api/register/", 201,
                  {"username": username, "password": PASSWORD})
    pairs = [expect(base, "POST", "/api/token/", 200,
                    {"username": username, "password": PASSWORD})
             for _ in range(1 + SPARE_SESSIONS)]
    account = Account(username, pairs[0]["access"], pairs[0]["refresh"], user["id"])
    account.spare_refresh = [pair["refresh"] for pair in pairs[1:]]
    return account


def seed_accounts(base, prefix, count, notes_each):
    """Accounts made through the API, each with `notes_each` notes also made through it."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        accounts = list(pool.map(lambda i: register_and_sign_in(base, f"{prefix}{i}"),
                                 range(count)))
    for account in accounts:
        for i in range(notes_each):
            note = expect(base, "POST", "/api/notes/", 201,
                          {"title": f"Note {i}", "body": NOTE_BODY}, account.access)
            account.note_ids.append(note["id"])
    return accounts


def timestamp(moment):
    """A timestamp as the server stores it."""
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f+00:00")


def seed_filler(database, users, notes):
    """Stores `notes` notes spread over `users` new accounts straight into the SQLite file
    (through the API this would take hours). The accounts share the password hash of an
    account the server made, so they could sign in like any other."""
    connection = sqlite3.connect(database, timeout=30)
    try:
        (password_hash,) = connection.execute(
            "SELECT password_hash FROM users ORDER BY id LIMIT 1").fetchone()
        now = datetime.datetime.now(datetime.timezone.utc)
        with connection:
            first = connection.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM users").fetchone()[0]
            connection.executemany(
                "INSERT INTO users (id, username, username_key, password_hash, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                ((first + i, f"filler{i}", f"filler{i}", password_hash, timestamp(now))
                 for i in range(users)))
            connection.executemany(
                "INSERT INTO notes (owner_id, title, body, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?)",
                ((first + i % users, f"Filler note {i}", NOTE_BODY,
                  stamp := timestamp(now - datetime.timedelta(seconds=notes - i)), stamp)
                 for i in range(notes)))
    finally:
        connection.close()


def psql(url, sql):
    """Runs SQL on a PostgreSQL database with the psql client; returns its rows as lists of
    strings."""
    done = subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-q", "-At", "-F", "\t",
                           "-c", sql], capture_output=True, text=True, check=True)
    return [line.split("\t") for line in done.stdout.splitlines() if line]


def is_postgres(database):
    return database.startswith(("postgres://", "postgresql://"))


def seed_filler_postgres(url, users, notes):
    """The same filler as `seed_filler`, made by the server itself with generate_series."""
    psql(url, f"""
        INSERT INTO users (username, username_key, password_hash, created_at)
        SELECT 'filler' || i, 'filler' || i,
               (SELECT password_hash FROM users ORDER BY id LIMIT 1), now()
        FROM generate_series(0, {users - 1}) AS i;
        INSERT INTO notes (owner_id, title, body, created_at, updated_at)
        SELECT owner.id, 'Filler note ' || i, {sql_text(NOTE_BODY)},
               now() - ({notes} - i) * interval '1 second',
               now() - ({notes} - i) * interval '1 second'
        FROM generate_series(0, {notes - 1}) AS i
        JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k
              FROM users WHERE username LIKE 'filler%') AS owner
          ON owner.k = i % {users};
        ANALYZE;""")


def seed_deletable_postgres(url, writers, count):
    """The same notes as `seed_deletable`, on PostgreSQL."""
    ids = ",".join(str(account.user_id) for account in writers)
    rows = psql(url, f"""
        INSERT INTO notes (owner_id, title, body, created_at, updated_at)
        SELECT (ARRAY[{ids}])[1 + i % {len(writers)}], 'To be deleted', {sql_text(NOTE_BODY)},
               now(), now()
        FROM generate_series(0, {count - 1}) AS i
        RETURNING owner_id, id""")
    owners = {account.user_id: index for index, account in enumerate(writers)}
    pairs = sorted((int(note), int(owner)) for owner, note in rows)
    return [(owners[owner], note) for note, owner in pairs]


def sql_text(value):
    return "'" + value.replace("'", "''") + "'"


def seed_deletable(database, writers, count):
    """`count` notes for the delete scenario, owned round-robin by the writers; returns
    (owner index, note id) pairs in id order."""
    connection = sqlite3.connect(database, timeout=30)
    try:
        now = timestamp(datetime.datetime.now(datetime.timezone.utc))
        with connection:
            cursor = connection.execute("SELECT COALESCE(MAX(id), 0) FROM notes")
            after = cursor.fetchone()[0]
            connection.executemany(
                "INSERT INTO notes (owner_id, title, body, created_at, updated_at)"
                " VALUES (?, 'To be deleted', ?, ?, ?)",
                ((writers[i % len(writers)].user_id, NOTE_BODY, now, now)
                 for i in range(count)))
        owners = {account.user_id: index for index, account in enumerate(writers)}
        rows = connection.execute(
            "SELECT owner_id, id FROM notes WHERE id > ? ORDER BY id", (after,)).fetchall()
        return [(owners[owner], note) for owner, note in rows]
    finally:
        connection.close()


# ---------------------------------------------------------------------------------------
# Request lists for wrk


def write_requests(directory, name, tokens, requests, refresh_pool=()):
    """Writes a request list in the format bench/requests.lua reads; returns its path.
    `refresh_pool` holds refresh tokens for the rotating refresh scenario."""
    path = os.path.join(directory, f"{name}.requests")
    with open(path, "w", encoding="utf-8") as out:
        for token in tokens:
            out.write(f"T\t{token}\n")
        for token in refresh_pool:
            out.write(f"F\t{token}\n")
        for method, url, token, body in requests:
            payload = "" if body is None else json.dumps(body)
            out.write(f"R\t{method}\t{url}\t{token}\t{payload}\n")
    return path


def build_request_lists(directory, readers, writers, deletable):
    """Every scenario's request list. Token numbers count from 1; 0 means none."""
    reader_tokens = [a.access for a in readers]
    writer_tokens = [a.access for a in writers]
    everyone = readers + writers
    # Interleave users so that consecutive requests come from different accounts.
    gets = [("GET", f"/api/notes/{a.note_ids[i]}/", n + 1, None)
            for i in range(20) for n, a in enumerate(readers)]
    lists = [("GET", "/api/notes/", n + 1, None) for n in range(len(readers))]
    creates = [("POST", "/api/notes/", n + 1, {"title": "Benchmark", "body": NOTE_BODY})
               for n in range(len(writers))]
    updates = [("PUT", f"/api/notes/{a.note_ids[i]}/", n + 1,
                {"title": f"Updated {i}", "body": NOTE_BODY})
               for i in range(20) for n, a in enumerate(writers)]
    deletes = [("DELETE", f"/api/notes/{note}/", owner + 1, None) for owner, note in deletable]
    sign_ins = [("POST", "/api/token/", 0, {"username": a.username, "password": PASSWORD})
                for a in everyone]
    # Refresh tokens work once (rotation): wrk takes each from a pool and puts back the one
    # each answer carries, so every session keeps refreshing without ever replaying a token.
    refresh_pool = [token for a in everyone for token in a.spare_refresh]
    refreshes = [("POST", "/api/token/refresh/", 0, None)]
    # The mixed load: mostly reads, some writes, in a fixed proportion.
    mixed = []
    for i in range(len(updates)):
        mixed += [gets[i % len(gets)], gets[(i + 7) % len(gets)], gets[(i + 13) % len(gets)],
                  gets[(i + 17) % len(gets)], lists[i % len(lists)], lists[(i + 3) % len(lists)],
                  (*creates[i % len(creates)][:2], len(readers) + creates[i % len(creates)][2],
                   creates[i % len(creates)][3]),
                  (*updates[i][:2], len(readers) + updates[i][2], updates[i][3])]
    return {
        "baseline": write_requests(directory, "baseline", [],
                                   [("GET", "/healthz/", 0, None)]),
        "get": write_requests(directory, "get", reader_tokens, gets),
        "list": write_requests(directory, "list", reader_tokens, lists),
        "create": write_requests(directory, "create", writer_tokens, creates),
        "update": write_requests(directory, "update", writer_tokens, updates),
        "delete": write_requests(directory, "delete", writer_tokens, deletes),
        "sign-in": write_requests(directory, "sign-in", [], sign_ins),
        "refresh": write_requests(directory, "refresh", [], refreshes, refresh_pool),
        "mixed": write_requests(directory, "mixed", reader_tokens + writer_tokens, mixed),
    }


# ---------------------------------------------------------------------------------------
# Measuring


@dataclass
class Result:
    name: str
    what: str
    connections: int
    requests: int = 0
    seconds: float = 0.0
    errors: int = 0
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    peak_rss_mib: float = 0.0

    @property
    def throughput(self):
        return self.requests / self.seconds if self.seconds else 0.0


def reset_peak_rss(pid):
    """Resets the server's VmHWM so the next reading is this scenario's peak."""
    with open(f"/proc/{pid}/clear_refs", "w", encoding="ascii") as out:
        out.write("5")


def peak_rss_mib(pid):
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise SystemExit("bench: no VmHWM in /proc status")


def start_wrk(base, profile, requests, connections, duration):
    threads = min(profile.threads, connections)
    command = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{duration}s",
               "--timeout", "30s", "-s", os.path.join(HERE, "requests.lua"), base,
               "--", requests, str(threads)]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)


def finish_wrk(process, result):
    output, _ = process.communicate()
    match = re.search(r"^BENCH-RESULT (.*)$", output, re.MULTILINE)
    if process.returncode != 0 or not match:
        raise SystemExit(f"bench: wrk failed for {result.name}:\n{output}")
    figures = json.loads(match.group(1))
    result.requests = figures["requests"]
    result.seconds = figures["duration_us"] / 1e6
    result.errors = sum(figures[k] for k in ("connect_errors", "read_errors", "write_errors",
                                             "status_errors", "timeouts"))
    result.p50_ms = figures["p50_us"] / 1000
    result.p99_ms = figures["p99_us"] / 1000
    return result


def run(base, pid, profile, name, what, requests, connections=None, alongside=None):
    """One scenario: wrk with `requests`, and optionally a second wrk (`alongside`, a
    (requests, connections) pair) loading the server at the same time. Returns the
    measured scenario's result and the other one's, if any."""
    connections = connections or profile.connections
    reset_peak_rss(pid)
    other = None
    if alongside:
        other = start_wrk(base, profile, alongside[0], alongside[1], profile.duration + 2)
        time.sleep(1)
    result = finish_wrk(start_wrk(base, profile, requests, connections, profile.duration),
                        Result(name, what, connections))
    other_result = None
    if other:
        other_result = finish_wrk(other, Result(f"{name} (flood)", "", alongside[1]))
    result.peak_rss_mib = peak_rss_mib(pid)
    print(f"bench: {name:<22} {result.throughput:>9.0f} req/s  p50 {result.p50_ms:7.2f} ms"
          f"  p99 {result.p99_ms:7.2f} ms  errors {result.errors}"
          f"  peak RSS {result.peak_rss_mib:.1f} MiB", flush=True)
    return result, other_result


def overload_probe(base, accounts, burst):
    """Sends `burst` sign-ins at once; every answer must be 200, or 503 with Retry-After."""
    def sign_in(i):
        account = accounts[i % len(accounts)]
        status, headers, _ = call(base, "POST", "/api/token/",
                                  {"username": account.username, "password": PASSWORD})
        return status, headers.get("Retry-After")

    with concurrent.futures.ThreadPoolExecutor(max_workers=burst) as pool:
        answers = list(pool.map(sign_in, range(burst)))
    counts = {}
    for status, retry_after in answers:
        counts[status] = counts.get(status, 0) + 1
        if status == 503 and not retry_after:
            raise SystemExit("bench: a 503 without Retry-After")
    return counts


# ---------------------------------------------------------------------------------------
# Reporting


def machine():
    model = "unknown"
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout
        model = re.search(r"Model name:\s*(.*)", lscpu).group(1).strip()
    except (OSError, subprocess.CalledProcessError, AttributeError):
        pass
    with open("/proc/meminfo", encoding="ascii") as meminfo:
        memory_kib = int(meminfo.readline().split()[1])
    return (f"{os.cpu_count()} CPUs ({model}), {memory_kib / 1024 / 1024:.1f} GiB memory, "
            f"Linux {platform.release()}")


def git_commit():
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, check=True, cwd=HERE).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def load_average():
    """The 1, 5 and 15 minute load averages, as `uptime` shows them."""
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def report(args, profile, results, isolation, overload, seeded_notes, load_at_start):
    base = results[0]
    lines = [
        "# Benchmark results",
        "",
        "Generated by `scripts/bench.sh`; see docs/benchmarks.md for what each row means.",
        "",
        f"- Date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"- Machine: {machine()}; the load generator runs on the same machine",
        f"- Command: `{args.command}` (commit {git_commit()})",
        f"- Database: {'PostgreSQL' if is_postgres(args.database) else 'SQLite'}",
        f"- Load average when the run started: {load_at_start} (other work on the machine"
        " competes with the server and wrk)",
        f"- Load: wrk, {profile.threads} threads, {profile.duration} s per scenario, "
        f"{profile.connections} connections unless stated; {seeded_notes:,} notes stored",
        "",
        "| scenario | connections | req/s | p50 ms | p99 ms | errors | peak RSS MiB "
        "| req/s ÷ base | p50 ÷ base | p99 ÷ base | RSS ÷ base |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r.what} | {r.connections} | {r.throughput:,.0f} | {r.p50_ms:.2f} | "
            f"{r.p99_ms:.2f} | {r.errors} | {r.peak_rss_mib:.1f} | "
            f"{r.throughput / base.throughput:.3f} | {r.p50_ms / base.p50_ms:.2f} | "
            f"{r.p99_ms / base.p99_ms:.2f} | {r.peak_rss_mib / base.peak_rss_mib:.2f} |")

    by_name = {r.name: r for r in results}
    quiet, flooded = isolation
    ratio = lambda name: by_name[name].throughput / base.throughput  # noqa: E731
    checks = [
        ("get-one ≥ 0.30 × baseline req/s", ratio("get") >= 0.30, f"{ratio('get'):.3f}"),
        ("list of 20 ≥ 0.20 × baseline req/s", ratio("list") >= 0.20, f"{ratio('list'):.3f}"),
        ("create ≥ 0.08 × baseline req/s", ratio("create") >= 0.08,
         f"{ratio('create'):.3f}"),
        (f"create: no errors at {by_name['create'].connections} connections",
         by_name["create"].errors == 0, f"{by_name['create'].errors} errors"),
        ("reads under sign-in flood keep ≥ 0.5 × req/s",
         flooded.throughput >= 0.5 * quiet.throughput,
         f"{flooded.throughput / quiet.throughput:.2f}"),
        ("reads under sign-in flood: p99 < 10 × quiet p99",
         flooded.p99_ms < 10 * quiet.p99_ms, f"{flooded.p99_ms / quiet.p99_ms:.2f}"),
        ("mixed load peak RSS < 100 MiB", by_name["mixed"].peak_rss_mib < 100,
         f"{by_name['mixed'].peak_rss_mib:.1f} MiB"),
    ]
    lines += ["", "| target | measured | met |", "|---|---:|---|"]
    lines += [f"| {what} | {value} | {'yes' if ok else 'no'} |" for what, ok, value in checks]
    answers = ", ".join(f"{n} × {status}" for status, n in sorted(overload.items()))
    lines += ["", f"Overload probe: {profile.burst} simultaneous sign-ins answered {answers}"
              " (every 503 carried Retry-After).", ""]
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------


def server_errors(log_path):
    """ERROR lines in the server's JSON log."""
    with open(log_path, encoding="utf-8", errors="replace") as log:
        return [line for line in log if '"level":"ERROR"' in line]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mode", choices=sorted(PROFILES), default="full")
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--database", required=True,
                        help="the server's SQLite file or PostgreSQL URL, for seeding")
    parser.add_argument("--log", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--command", default="scripts/bench.sh")
    parser.add_argument("--duration", type=int, help="seconds per scenario")
    args = parser.parse_args()
    profile = PROFILES[args.mode]
    if args.duration:
        profile = Profile(**{**profile.__dict__, "duration": args.duration})
    base = args.base_url.rstrip("/")

    load_at_start = load_average()
    started = time.monotonic()
    readers = seed_accounts(base, "reader", profile.readers, 20)
    writers = seed_accounts(base, "writer", profile.writers, 20)
    deletes = profile.delete_rate * profile.duration
    if is_postgres(args.database):
        seed_filler_postgres(args.database, profile.filler_users, profile.filler_notes)
        deletable = seed_deletable_postgres(args.database, writers, deletes)
    else:
        seed_filler(args.database, profile.filler_users, profile.filler_notes)
        deletable = seed_deletable(args.database, writers, deletes)
    print(f"bench: seeded in {time.monotonic() - started:.0f} s", flush=True)

    with tempfile.TemporaryDirectory() as directory:
        lists = build_request_lists(directory, readers, writers, deletable)
        # Warm up (connections, caches) before anything is measured.
        warm = Profile(**{**profile.__dict__, "duration": max(1, profile.duration // 5)})
        run(base, args.pid, warm, "warm-up", "", lists["get"])

        results = []
        for name, what in [("baseline", "baseline: GET /healthz/"),
                           ("get", "get one note"),
                           ("list", "list of 20 notes"),
                           ("create", "create a note"),
                           ("update", "update (PUT) a note"),
                           ("delete", "delete a note"),
                           ("sign-in", "sign in (POST /api/token/)"),
                           ("refresh", "refresh (POST /api/token/refresh/)")]:
            results.append(run(base, args.pid, profile, name, what, lists[name])[0])

        quiet, _ = run(base, args.pid, profile, "reads", "get one note, no sign-ins",
                       lists["get"])
        flooded, flood = run(base, args.pid, profile, "reads+flood",
                             f"get one note, {profile.flood} clients signing in",
                             lists["get"], alongside=(lists["sign-in"], profile.flood))
        flood.what = f"… the {profile.flood} sign-in clients meanwhile"
        mixed, mixed_flood = run(base, args.pid, profile, "mixed",
                                 "mixed: 50% get, 25% list, 12.5% create, 12.5% update, "
                                 f"+{profile.flood} signing in", lists["mixed"],
                                 alongside=(lists["sign-in"], profile.flood))
        mixed_flood.what = f"… the {profile.flood} sign-in clients meanwhile"
        mixed_flood.peak_rss_mib = mixed.peak_rss_mib
        flood.peak_rss_mib = flooded.peak_rss_mib
        results += [quiet, flooded, flood, mixed, mixed_flood]

    overload = overload_probe(base, readers + writers, profile.burst)
    seeded = profile.filler_notes + 40 * (profile.readers + profile.writers) + len(deletable)
    text = report(args, profile, results, (quiet, flooded), overload, seeded, load_at_start)
    with open(args.out, "w", encoding="utf-8") as out:
        out.write(text)
    print(text)

    failures = [f"{r.what}: {r.errors} failed requests" for r in results if r.errors]
    failures += [f"overload probe: status {s}" for s in overload if s not in (200, 503)]
    failures += [f"server logged: {line.strip()}" for line in server_errors(args.log)[:5]]
    try:
        os.kill(args.pid, 0)
    except OSError:
        failures.append("the server is no longer running")
    if failures:
        print("bench: FAILED\n  " + "\n  ".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
