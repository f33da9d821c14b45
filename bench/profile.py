#!/usr/bin/env python3
"""Profiles a running notes server: where its CPU time goes on the hot paths and where its
memory sits. Started by `scripts/bench.sh --profile DIR`, which builds the binary and starts the server.

Seeds like bench/driver.py, then:
  1. a memory snapshot after seeding (smaps_rollup, the largest mappings, threads);
  2. for each profiled scenario, wrk for `--duration` seconds while `perf record` samples
     the server's CPU time (cpu-clock: this machine has no hardware counters), summarised
     by shared object and by symbol;
  3. the mixed load with the sign-in flood, and a memory snapshot after it.
Writes one text file per step into `--out-dir`.
"""

import argparse
import collections
import os
import subprocess
import sys
import tempfile
import time

import driver


def snapshot(pid, title):
    """Resident memory by kind, the largest mappings, and the threads by name."""
    lines = [f"## {title}", ""]
    with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
        lines += [line.rstrip() for line in rollup if line.split(":")[0] in
                  ("Rss", "Pss", "Anonymous", "Private_Dirty", "Shared_Clean",
                   "Private_Clean", "Swap")]
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        lines += [line.rstrip() for line in status if line.startswith(("VmHWM", "VmRSS",
                                                                        "Threads"))]
    mappings = []
    with open(f"/proc/{pid}/smaps", encoding="ascii", errors="replace") as smaps:
        current = None
        for line in smaps:
            head = line.split()
            if "-" in head[0] and not head[0].endswith(":"):
                current = {"range": head[0], "name": head[5] if len(head) > 5 else "[anon]"}
                mappings.append(current)
            elif head[0] == "Rss:":
                current["rss"] = int(head[1])
    by_name = collections.Counter()
    anon_sizes = collections.Counter()
    for mapping in mappings:
        by_name[mapping["name"]] += mapping.get("rss", 0)
        if mapping["name"] == "[anon]":
            start, end = (int(x, 16) for x in mapping["range"].split("-"))
            anon_sizes[f"{(end - start) // 1024} KiB mapping"] += mapping.get("rss", 0)
    lines += ["", "Resident KiB by mapping name:"]
    lines += [f"  {kib:>8}  {name}" for name, kib in by_name.most_common(8)]
    lines += ["", "Resident KiB of anonymous mappings, by mapping size (glibc keeps each"
              " thread arena in heaps of up to 64 MiB):"]
    lines += [f"  {kib:>8}  {size}" for size, kib in anon_sizes.most_common(10)]
    names = collections.Counter()
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/comm", encoding="ascii") as comm:
            names[comm.read().strip()] += 1
    lines += ["", "Threads by name:"]
    lines += [f"  {count:>4}  {name}" for name, count in names.most_common()]
    return "\n".join(lines) + "\n"


def perf_profile(base, pid, profile, name, requests, directory):
    """CPU samples of the server while wrk runs `requests`; returns the two summaries."""
    data = os.path.join(directory, f"{name}.perf.data")
    recorder = subprocess.Popen(["perf", "record", "-q", "-e", "cpu-clock", "-F", "1999",
                                 "-p", str(pid), "-o", data],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    result, _ = driver.run(base, pid, profile, name, name, requests)
    recorder.send_signal(2)
    recorder.wait()
    summaries = [f"# {name}: {result.throughput:.0f} req/s over {result.seconds:.1f} s,"
                 f" {result.requests} requests\n"]
    for sort in ("dso", "dso,sym"):
        report = subprocess.run(["perf", "report", "-i", data, "--stdio", "--no-children",
                                 "--sort", sort, "--percent-limit", "0.7"],
                                capture_output=True, text=True, check=True).stdout
        kept = [line for line in report.splitlines() if line and not line.startswith("#")]
        summaries.append(f"## by {sort}\n\n" + "\n".join(kept[:45]) + "\n")
    return "\n".join(summaries), result


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--out-dir", required=True)
    parser.add_argument("--duration", type=int, default=8)
    parser.add_argument("--filler-notes", type=int, default=1_000_000)
    parser.add_argument("--label", default="", help="written at the top of every file")
    args = parser.parse_args()
    full = driver.PROFILES["full"]
    profile = driver.Profile(**{**full.__dict__, "duration": args.duration,
                                "filler_notes": args.filler_notes})
    base = args.base_url.rstrip("/")
    os.makedirs(args.out_dir, exist_ok=True)
    header = f"{args.label}\n\n" if args.label else ""

    def write(name, text):
        with open(os.path.join(args.out_dir, name), "w", encoding="utf-8") as out:
            out.write(header + text)

    readers = driver.seed_accounts(base, "reader", profile.readers, 20)
    writers = driver.seed_accounts(base, "writer", profile.writers, 20)
    driver.seed_filler(args.database, profile.filler_users, profile.filler_notes)
    deletable = driver.seed_deletable(args.database, writers, 1000)
    memory = [snapshot(args.pid, "after seeding (no scenario run yet)")]

    with tempfile.TemporaryDirectory() as directory:
        lists = driver.build_request_lists(directory, readers, writers, deletable)
        driver.run(base, args.pid, profile, "warm-up", "", lists["get"])
        memory.append(snapshot(args.pid, "after a warm-up of get-one"))
        texts = []
        for name in ("baseline", "get", "list"):
            text, _ = perf_profile(base, args.pid, profile, name, lists[name], directory)
            texts.append(text)
        write("cpu.txt", "\n\n".join(texts))
        driver.run(base, args.pid, profile, "mixed", "", lists["mixed"],
                   alongside=(lists["sign-in"], profile.flood))
        memory.append(snapshot(args.pid, "after the mixed load with 32 clients signing in"))
    write("memory.txt", "\n\n".join(memory))
    return 0


if __name__ == "__main__":
    sys.exit(main())
