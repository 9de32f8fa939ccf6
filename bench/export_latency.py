#!/usr/bin/env python3
"""Times the data exports through a running `llw serve` and prints the server's memory while each
one is produced (issue 15: national XLSX <= 5 s, CSV <= 3 s, the server's peak resident memory
growing by less than 100 MB).

    bench/export_latency.py BASE_URL TOKEN SERVER_PID [--rounds 3] [NAME=/path ...]

Without paths it downloads the national campaign's XLSX and CSV
(/api/v1/campaigns/1/summary/VN/data.xlsx and data.csv). The server's VmRSS is read from
/proc/SERVER_PID/status every 10 ms while a download runs; "growth" is the highest value seen
minus the value just before the request. The server's VmHWM (its peak over its whole life) is
printed at the end.
"""
import argparse
import http.client
import statistics
import time
import urllib.parse

from server_memory import RssSampler, rss_kib


def download(base, token, path):
    url = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=600)
    start = time.monotonic()
    connection.request("GET", path, headers={"Authorization": f"Bearer {token}"})
    response = connection.getresponse()
    first_byte = time.monotonic() - start
    size = 0
    while True:
        chunk = response.read(1 << 20)
        if not chunk:
            break
        size += len(chunk)
    elapsed = time.monotonic() - start
    connection.close()
    if response.status != 200:
        raise SystemExit(f"{path}: HTTP {response.status}")
    return elapsed, first_byte, size


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("token")
    parser.add_argument("pid", type=int)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("paths", nargs="*")
    # Options first, then "--": a token may start with "-" (run_bench.sh passes it so).
    args = parser.parse_args()
    paths = args.paths or [
        "xlsx=/api/v1/campaigns/1/summary/VN/data.xlsx",
        "csv=/api/v1/campaigns/1/summary/VN/data.csv",
    ]
    print(f"{'export':<12} {'median s':>9} {'max s':>7} {'1st byte s':>10} {'MB':>7} "
          f"{'RSS before MB':>13} {'peak MB':>8} {'growth MB':>9}")
    for entry in paths:
        name, _, path = entry.partition("=")
        times, firsts, growths = [], [], []
        size = before = peak = 0
        for _ in range(args.rounds):
            before = rss_kib(args.pid)
            sampler = RssSampler(args.pid)
            sampler.start()
            elapsed, first, size = download(args.base, args.token, path)
            sampler.running = False
            sampler.join()
            peak = max(sampler.peak, rss_kib(args.pid))
            times.append(elapsed)
            firsts.append(first)
            growths.append((peak - before) / 1024)
        print(f"{name:<12} {statistics.median(times):>9.3f} {max(times):>7.3f} "
              f"{statistics.median(firsts):>10.3f} {size / 1e6:>7.1f} {before / 1024:>13.0f} "
              f"{peak / 1024:>8.0f} {max(growths):>9.0f}")
    print(f"server VmHWM {rss_kib(args.pid, 'VmHWM') / 1024:.0f} MB, "
          f"VmRSS {rss_kib(args.pid) / 1024:.0f} MB")


if __name__ == "__main__":
    main()
