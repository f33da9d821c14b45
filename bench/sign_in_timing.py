"""Sign-in timing for an unknown username against a wrong password: the two must not be
told apart. Sends them alternately, one at a time, and prints a Markdown section.

Usage: python3 bench/sign_in_timing.py BASE_URL [PAIRS]
"""

import json
import statistics
import sys
import time
import urllib.error
import urllib.request


def sign_in(base, username, password):
    body = json.dumps({"username": username, "password": password}).encode()
    request = urllib.request.Request(base + "/api/token/", body, method="POST")
    request.add_header("Content-Type", "application/json")
    started = time.perf_counter()
    try:
        urllib.request.urlopen(request, timeout=30)
        status, answer = 200, b""
    except urllib.error.HTTPError as error:
        status, answer = error.code, error.read()
    return (time.perf_counter() - started) * 1000, status, answer


def main(base, pairs):
    register = urllib.request.Request(
        base + "/api/register/",
        json.dumps({"username": "timing_probe", "password": "right-pass-123"}).encode(),
        method="POST")
    register.add_header("Content-Type", "application/json")
    urllib.request.urlopen(register, timeout=30)

    unknown, wrong, answers = [], [], set()
    for i in range(pairs):
        for bucket, username in ((unknown, f"nobody_{i}"), (wrong, "timing_probe")):
            elapsed, status, answer = sign_in(base, username, f"wrong-pass-{i}")
            assert status == 401, status
            bucket.append(elapsed)
            answers.add(answer)

    def row(name, values):
        q = statistics.quantiles(values, n=10)
        return f"| {name} | {statistics.median(values):.1f} | {q[0]:.1f} | {q[-1]:.1f} |"

    print(f"""
## Sign-in timing: unknown user against wrong password

{pairs} of each, alternating, one request at a time (`bench/sign_in_timing.py`). Every
answer was 401 and {"the bodies were byte-identical" if len(answers) == 1 else f"there were {len(answers)} different bodies"}.

| case | median ms | p10 ms | p90 ms |
|---|---:|---:|---:|
{row("unknown username", unknown)}
{row("wrong password", wrong)}

Median ratio (unknown ÷ wrong): **{statistics.median(unknown) / statistics.median(wrong):.3f}**.
""")


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/"), int(sys.argv[2]) if len(sys.argv) > 2 else 40)
