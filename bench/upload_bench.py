#!/usr/bin/env python3
"""Evidence uploads under load (issue 19): N concurrent uploads of SIZE MB each through a real
`llw serve`, the throughput and the server's peak memory while they run.

    bench/upload_bench.py --llw build/src/cli/llw [--db FILE|postgresql://…] [--port 18600]
                          [--uploads 20] [--size-mb 10] [--kind photo|pdf|both]

It builds the commune's demo data in --db (a new SQLite file in a temporary folder by default; a
PostgreSQL URL names an empty database), starts `llw serve` on it, signs in as the commune's
coordinator and sends every upload at once (one thread each, released together), spread over the
reports that still take evidence. Every file is distinct (random content: nothing is stored once
for several uploads): a photo is a PNG of random pixels (about SIZE MB, decoded and re-encoded by
the server with libvips), a PDF is a PDF whose one stream holds SIZE MB of random bytes. The
server's VmRSS is sampled every 10 ms; printed are the wall time, MB/s, each upload's latency
(median, max), every status, the resident memory before, at its peak and the growth, and VmHWM.
Only Python's standard library.
"""
import argparse
import http.client
import json
import os
import random
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zlib

from server_memory import RssSampler, rss_kib


def png_of_random_pixels(size_bytes, rng):
    """A valid RGB PNG whose compressed size is about size_bytes (random pixels do not shrink)."""
    width = 2048
    height = max(1, (size_bytes - 65536) // (width * 3 + 1))
    rows = bytearray()
    for _ in range(height):
        rows.append(0)  # filter: none
        rows += rng.randbytes(width * 3)

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data +
                struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) +
            chunk(b"IDAT", zlib.compress(bytes(rows), 1)) + chunk(b"IEND", b""))


def pdf_of_random_stream(size_bytes, rng):
    """A one-page PDF whose one stream holds size_bytes of random bytes, with a valid xref."""
    stream = rng.randbytes(size_bytes - 1024)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1,
                                                                                xref)
    return bytes(out)


def request(port, method, path, body=None, headers=None, timeout=300):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        reply = connection.getresponse()
        return reply.status, reply.read()
    finally:
        connection.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--llw", required=True)
    parser.add_argument("--db", default="")
    parser.add_argument("--port", type=int, default=18600)
    parser.add_argument("--uploads", type=int, default=20)
    parser.add_argument("--size-mb", type=float, default=10)
    parser.add_argument("--kind", choices=["photo", "pdf", "both"], default="both")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="llw-upload-bench-")
    db = args.db or os.path.join(work, "demo.sqlite")
    subprocess.run([args.llw, "demo", "--db", db, "--scale", "commune"], check=True,
                   stdout=subprocess.DEVNULL)
    log = open(os.path.join(work, "serve.log"), "w")
    server = subprocess.Popen([args.llw, "serve", "--db", db, "--port", str(args.port)],
                              stdout=log, stderr=subprocess.STDOUT)
    try:
        for _ in range(100):
            try:
                if request(args.port, "GET", "/api/v1/health")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.1)
        status, body = request(args.port, "POST", "/api/v1/auth/token",
                               json.dumps({"username": "xa.anhung", "password": "hoctap2025"}),
                               {"Content-Type": "application/json"})
        assert status == 200, body
        auth = {"Authorization": "Bearer " + json.loads(body)["token"]}
        # The reports of the commune's units that still take evidence (not submitted, accepted,
        # or locked), each taking at most 20 files.
        status, body = request(args.port, "GET", "/api/v1/units?parent=HP-ANHUNG", None, auth)
        assert status == 200, body
        open_reports = []
        for unit in json.loads(body)["units"]:
            status, body = request(args.port, "GET",
                                   f"/api/v1/campaigns/1/reports/{unit['code']}", None, auth)
            if status == 200 and json.loads(body).get("status") in ("not_started", "draft",
                                                                      "returned"):
                open_reports.append(unit["code"])
        assert open_reports, "no report of the demo takes evidence"

        rng = random.Random(19)
        size = int(args.size_mb * 1024 * 1024)
        kinds = {"photo": ["photo"], "pdf": ["pdf"], "both": ["photo", "pdf"]}[args.kind]
        files = []
        for i in range(args.uploads):
            kind = kinds[i % len(kinds)]
            content = png_of_random_pixels(size, rng) if kind == "photo" else \
                pdf_of_random_stream(size, rng)
            files.append((kind, open_reports[i % len(open_reports)], content))
        total_bytes = sum(len(content) for _, _, content in files)

        results = [None] * len(files)
        barrier = threading.Barrier(len(files) + 1)

        def upload(index):
            kind, unit, content = files[index]
            name = f"minh-chung-{index}." + ("png" if kind == "photo" else "pdf")
            barrier.wait()
            started = time.monotonic()
            try:
                status, body = request(args.port, "POST",
                                       f"/api/v1/campaigns/1/reports/{unit}/evidence", content,
                                       dict(auth, **{"X-File-Name": name,
                                                     "Content-Type": "application/octet-stream"}))
            except OSError as error:
                status, body = 0, str(error).encode()
            results[index] = (kind, status, time.monotonic() - started, body[:200])

        threads = [threading.Thread(target=upload, args=(i,)) for i in range(len(files))]
        for thread in threads:
            thread.start()
        time.sleep(0.5)
        before = rss_kib(server.pid)
        sampler = RssSampler(server.pid)
        sampler.start()
        barrier.wait()
        started = time.monotonic()
        for thread in threads:
            thread.join()
        wall = time.monotonic() - started
        sampler.running = False
        sampler.join()

        statuses = {}
        for kind, status, _, body in results:
            statuses.setdefault((kind, status), 0)
            statuses[(kind, status)] += 1
            if status != 201:
                print(f"  {kind} → {status}: {body.decode(errors='replace')}", file=sys.stderr)
        print(f"uploads: {len(files)} at once, {args.kind}, {total_bytes / 1e6:.1f} MB in all, "
              f"spread over {min(len(open_reports), len(files))} reports")
        print(f"wall time: {wall:.2f} s, throughput {total_bytes / 1e6 / wall:.1f} MB/s")
        for kind in kinds:
            times = [t for k, _, t, _ in results if k == kind]
            print(f"  {kind}: median {statistics.median(times):.2f} s, max {max(times):.2f} s")
        print("statuses: " + ", ".join(f"{k} {s}: {n}" for (k, s), n in sorted(statuses.items())))
        print(f"server memory: VmRSS before {before / 1024:.0f} MiB, peak {sampler.peak / 1024:.0f} "
              f"MiB (growth {(sampler.peak - before) / 1024:.0f} MiB), "
              f"VmHWM {rss_kib(server.pid, 'VmHWM') / 1024:.0f} MiB")
        return 0 if all(s == 201 for _, s, _, _ in results) else 1
    finally:
        server.terminate()
        server.wait()
        log.close()
        if not args.db:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
