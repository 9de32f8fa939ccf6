#!/usr/bin/env python3
"""Latency of LLW's pages at national scale, as a ratio to the sign-in page (issue 15).

One keep-alive connection, requests one after another (no concurrency, so the figure is what one
user waits): every page is warmed, then requested N times in turns, so a slow moment of the shared
machine falls on all of them alike. Prints median and p99 per page, each divided by the sign-in
page's in the same run, with the target (median <= 3x, p99 <= 10x) and PASS/FAIL.

Usage: pages_latency.py BASE_URL SESSION_TOKEN [--rounds N] LABEL=PATH ...
Exit status 0 whatever the verdicts (the benchmark reports; it does not gate CI)."""

import http.client
import socket
import statistics
import sys
import time
from urllib.parse import urlsplit

SIGN_IN = ("sign-in page", "/dang-nhap")


def main() -> int:
    args = sys.argv[1:]
    if len(args) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    base, token = args[0], args[1]
    rounds = 200
    pages = [SIGN_IN]
    rest = args[2:]
    i = 0
    while i < len(rest):
        if rest[i] == "--rounds":
            rounds = int(rest[i + 1])
            i += 2
            continue
        label, _, path = rest[i].partition("=")
        pages.append((label, path))
        i += 1

    url = urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
    conn.connect()
    # Without it the request waits for the server's delayed ACK (~40 ms), as a browser never does.
    conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    headers = {"Cookie": f"llw_session={token}", "Accept-Encoding": "identity"}

    def fetch(path: str) -> tuple[float, int, int]:
        start = time.perf_counter()
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        body = response.read()
        return time.perf_counter() - start, response.status, len(body)

    sizes = {}
    for label, path in pages:  # warm-up, and every page must answer 200
        _, status, size = fetch(path)
        if status != 200:
            print(f"{label}: {path} answered {status}", file=sys.stderr)
            return 1
        sizes[label] = size
    times = {label: [] for label, _ in pages}
    for _ in range(rounds):
        for label, path in pages:
            elapsed, _, _ = fetch(path)
            times[label].append(elapsed * 1000)

    def p99(values: list[float]) -> float:
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]

    base_median = statistics.median(times[SIGN_IN[0]])
    base_p99 = p99(times[SIGN_IN[0]])
    print(f"{'page':34} {'bytes':>8} {'median ms':>10} {'p99 ms':>9} {'median ×':>9} "
          f"{'p99 ×':>7}  verdict (median ≤ 3×, p99 ≤ 10× the sign-in page)")
    for label, path in pages:
        median = statistics.median(times[label])
        tail = p99(times[label])
        ratio, tail_ratio = median / base_median, tail / base_p99
        verdict = "" if label == SIGN_IN[0] else (
            "PASS" if ratio <= 3 and tail_ratio <= 10 else "FAIL")
        print(f"{label:34} {sizes[label]:8d} {median:10.2f} {tail:9.2f} {ratio:9.2f} "
              f"{tail_ratio:7.2f}  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
