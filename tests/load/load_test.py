#!/usr/bin/env python3
"""Concurrent clients mixing creates, updates, deletes and reads against a running server,
then a check that the stored notes are exactly the acknowledged ones.

    python3 tests/load/load_test.py --base-url http://127.0.0.1:PORT

Started by scripts/load-test.sh, which runs the release binary on a fresh database.
Python's standard library only; loopback addresses only.

Each client owns the notes it creates (several clients share an account), so it knows the
last acknowledged content of each of them: every read of its own note must return exactly
that, and afterwards every live note must be stored with it, every deleted one must be
404, and each account's list must hold its live notes and nothing else.

The run stops by itself after --duration seconds or --max-requests requests, whichever
comes first. Any answer other than the expected status, any mismatch and any socket error
is an error; the exit status is 1 when there was one.
"""

import argparse
import http.client
import json
import random
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field

PASSWORD = "load-test-password-4711"
# Operation weights: a client mostly writes, since writes are what can lock or be lost.
OPERATIONS = [("create", 30), ("update", 25), ("patch", 10), ("delete", 10), ("read", 20), ("list_notes", 5)]
SOCKET_TIMEOUT = 30
KEPT_ERRORS = 20


class Client:
    """One keep-alive HTTP connection, reopened after any socket error."""

    def __init__(self, host, port):
        self.host, self.port = host, port
        self.conn = None

    def request(self, method, path, token=None, body=None):
        headers = {"Content-Type": "application/json"} if body is not None else {}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        payload = json.dumps(body) if body is not None else None
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=SOCKET_TIMEOUT)
            self.conn.request(method, path, body=payload, headers=headers)
            response = self.conn.getresponse()
            data = response.read()
            if response.getheader("Connection", "").lower() == "close":
                self.close()
        except (OSError, http.client.HTTPException) as error:
            self.close()
            return None, f"{type(error).__name__}: {error}"
        return response.status, data

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


@dataclass
class Tally:
    """What all clients did, shared under a lock."""

    requests: int = 0
    errors: int = 0
    by_operation: dict = field(default_factory=dict)
    latencies: list = field(default_factory=list)
    samples: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def claim(self, budget):
        """Counts one request if the budget allows it."""
        with self.lock:
            if self.requests >= budget:
                return False
            self.requests += 1
            return True

    def record(self, operation, latency, error=None):
        with self.lock:
            self.by_operation[operation] = self.by_operation.get(operation, 0) + 1
            self.latencies.append(latency)
            if error is not None:
                self.errors += 1
                if len(self.samples) < KEPT_ERRORS:
                    self.samples.append(f"{operation}: {error}")


class Worker(threading.Thread):
    """A client driving one account's notes until the deadline or the budget."""

    def __init__(self, number, base, account, deadline, budget, tally, seed):
        super().__init__(name=f"client-{number}", daemon=True)
        self.number, self.account = number, account
        self.client = Client(base.hostname, base.port)
        self.deadline, self.budget, self.tally = deadline, budget, tally
        self.random = random.Random(seed)
        self.live = {}  # note id -> (title, body) last acknowledged
        self.deleted = set()
        self.sequence = 0

    def run(self):
        names = [name for name, _ in OPERATIONS]
        weights = [weight for _, weight in OPERATIONS]
        while time.monotonic() < self.deadline and self.tally.claim(self.budget):
            operation = self.random.choices(names, weights)[0]
            if operation in ("update", "patch", "delete", "read") and not self.live:
                operation = "create"
            started = time.monotonic()
            error = getattr(self, operation)()
            self.tally.record(operation, time.monotonic() - started, error)
        self.client.close()

    def content(self):
        self.sequence += 1
        return f"client {self.number} note {self.sequence}", f"body {self.sequence} of client {self.number} {'x' * self.random.randint(0, 200)}"

    def call(self, method, path, expected, body=None):
        status, data = self.client.request(method, path, self.account["access"], body)
        if status != expected:
            return None, f"{method} {path}: expected {expected}, got {status}: {data[:200]!r}"
        return data, None

    def create(self):
        title, text = self.content()
        data, error = self.call("POST", "/api/notes/", 201, {"title": title, "body": text})
        if error:
            return error
        note = json.loads(data)
        self.live[note["id"]] = (title, text)
        return mismatch(note, title, text)

    def update(self):
        note_id = self.random.choice(list(self.live))
        title, text = self.content()
        data, error = self.call("PUT", f"/api/notes/{note_id}/", 200, {"title": title, "body": text})
        if error:
            return error
        self.live[note_id] = (title, text)
        return mismatch(json.loads(data), title, text)

    def patch(self):
        note_id = self.random.choice(list(self.live))
        title, _ = self.live[note_id]
        _, text = self.content()
        data, error = self.call("PATCH", f"/api/notes/{note_id}/", 200, {"body": text})
        if error:
            return error
        self.live[note_id] = (title, text)
        return mismatch(json.loads(data), title, text)

    def delete(self):
        note_id = self.random.choice(list(self.live))
        _, error = self.call("DELETE", f"/api/notes/{note_id}/", 204)
        if error:
            return error
        del self.live[note_id]
        self.deleted.add(note_id)
        return None

    def read(self):
        note_id = self.random.choice(list(self.live))
        data, error = self.call("GET", f"/api/notes/{note_id}/", 200)
        if error:
            return error
        title, text = self.live[note_id]
        return mismatch(json.loads(data), title, text)

    def list_notes(self):
        data, error = self.call("GET", "/api/notes/", 200)
        if error:
            return error
        return None if isinstance(json.loads(data), list) else "GET /api/notes/: not an array"


def mismatch(note, title, text):
    """Why `note` is not the acknowledged content, or None."""
    if note.get("title") == title and note.get("body") == text:
        return None
    return f"note {note.get('id')}: expected {title!r}, got {note.get('title')!r} / body differs"


def set_up_accounts(base, count, run_id):
    client = Client(base.hostname, base.port)
    accounts = []
    for number in range(count):
        credentials = {"username": f"load_{run_id}_{number}", "password": PASSWORD}
        for path, expected in (("/api/register/", 201), ("/api/token/", 200)):
            status, data = client.request("POST", path, body=credentials)
            if status != expected:
                sys.exit(f"set-up: {path} answered {status}: {data!r}")
        accounts.append({"username": credentials["username"], "access": json.loads(data)["access"]})
    client.close()
    return accounts


def verify(base, workers, accounts):
    """Checks the stored notes against what was acknowledged; returns the failures."""
    client = Client(base.hostname, base.port)
    failures, checked = [], 0
    for worker in workers:
        token = worker.account["access"]
        for note_id, (title, text) in worker.live.items():
            status, data = client.request("GET", f"/api/notes/{note_id}/", token)
            checked += 1
            if status != 200:
                failures.append(f"acknowledged note {note_id} answered {status}")
            elif (problem := mismatch(json.loads(data), title, text)) is not None:
                failures.append(f"not the last acknowledged content: {problem}")
        for note_id in worker.deleted:
            status, _ = client.request("GET", f"/api/notes/{note_id}/", token)
            checked += 1
            if status != 404:
                failures.append(f"deleted note {note_id} answered {status}")
    for account in accounts:
        expected = {i for w in workers if w.account is account for i in w.live}
        status, data = client.request("GET", "/api/notes/", account["access"])
        checked += 1
        listed = {note["id"] for note in json.loads(data)} if status == 200 else None
        if listed != expected:
            failures.append(
                f"{account['username']}'s list differs: {len(expected - (listed or set()))} missing, "
                f"{len((listed or set()) - expected)} unexpected (status {status})"
            )
    client.close()
    return failures, checked


def percentile(sorted_values, fraction):
    if not sorted_values:
        return 0.0
    return sorted_values[min(len(sorted_values) - 1, int(fraction * len(sorted_values)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--accounts", type=int, default=8)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of load")
    parser.add_argument("--max-requests", type=int, default=1_000_000, help="a safety bound")
    parser.add_argument("--seed", type=int, default=20261204)
    args = parser.parse_args()

    base = urllib.parse.urlsplit(args.base_url)
    if base.hostname not in ("127.0.0.1", "::1", "localhost"):
        sys.exit(f"refusing to load {base.hostname}: loopback addresses only")

    accounts = set_up_accounts(base, args.accounts, args.seed ^ int(time.time()))
    tally = Tally()
    started = time.monotonic()
    deadline = started + args.duration
    workers = [
        Worker(n, base, accounts[n % len(accounts)], deadline, args.max_requests, tally, args.seed + n)
        for n in range(args.clients)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(args.duration + 2 * SOCKET_TIMEOUT)
    elapsed = time.monotonic() - started
    stuck = [worker.name for worker in workers if worker.is_alive()]

    failures, checked = verify(base, workers, accounts)
    latencies = sorted(tally.latencies)
    live = sum(len(w.live) for w in workers)
    deleted = sum(len(w.deleted) for w in workers)
    print(f"clients {args.clients}, accounts {args.accounts}, duration {elapsed:.1f} s")
    print(f"requests {tally.requests} ({tally.requests / elapsed:.0f}/s), errors {tally.errors}")
    print("by operation: " + ", ".join(f"{k} {v}" for k, v in sorted(tally.by_operation.items())))
    print(
        f"latency ms: p50 {1000 * percentile(latencies, 0.5):.1f}, "
        f"p99 {1000 * percentile(latencies, 0.99):.1f}, max {1000 * (latencies[-1] if latencies else 0):.1f}"
    )
    print(f"verified {checked} reads: {live} live notes, {deleted} deleted, {len(failures)} failures")
    for sample in tally.samples + failures[:KEPT_ERRORS]:
        print(f"  {sample}")
    if stuck:
        print(f"clients still running after the deadline: {', '.join(stuck)}")
    if tally.errors or failures or stuck:
        sys.exit(1)
    if elapsed < args.duration and tally.requests < args.max_requests:
        sys.exit(f"the run ended after {elapsed:.1f} s, before its {args.duration} s")


if __name__ == "__main__":
    main()
