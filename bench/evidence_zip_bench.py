#!/usr/bin/env python3
"""A subtree's evidence as one ZIP (issue 19): the time to download it and the server's memory
while it is built and sent, through a real `llw serve`.

    bench/evidence_zip_bench.py --llw build/src/cli/llw [--db FILE|postgresql://…] [--port 18610]
                                [--files 200] [--size-mb 1] [--rounds 3]

It builds the commune's demo data in --db (a new SQLite file in a temporary folder by default; a
PostgreSQL URL names an empty database), starts `llw serve` on it and signs in as the commune's
coordinator. Reports that no longer take evidence are returned (submitted) or reopened (accepted)
until there is room for --files files (20 a report); then --files distinct PDFs of --size-mb MB
(random bytes, stored as uploaded) are attached. Each round downloads
GET /api/v1/campaigns/1/summary/HP-ANHUNG/evidence.zip, reading it in 1 MB pieces, while the
server's VmRSS is sampled every 10 ms; printed are the archive's size and entries (checked with
zipfile, every CRC), the time to the first byte and to the last, and the resident memory before,
at its peak and the growth. Only Python's standard library.
"""
import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
import http.client

from server_memory import RssSampler, rss_kib
from upload_bench import pdf_of_random_stream, request

NODE = "HP-ANHUNG"


def open_reports(port, auth, needed):
    """The commune's reports that take evidence, returning or reopening others until `needed`."""
    status, body = request(port, "GET", f"/api/v1/units?parent={NODE}", None, auth)
    assert status == 200, body
    reports = []
    for unit in json.loads(body)["units"]:
        if len(reports) * 20 >= needed:
            break
        path = f"/api/v1/campaigns/1/reports/{unit['code']}"
        status, body = request(port, "GET", path, None, auth)
        if status != 200:
            continue
        state = json.loads(body).get("status")
        action = {"submitted": ("return", "comment"), "accepted": ("reopen", "reason")}.get(state)
        if action:
            status, body = request(port, "POST", f"{path}/{action[0]}",
                                   json.dumps({action[1]: "Bổ sung minh chứng"}),
                                   dict(auth, **{"Content-Type": "application/json"}))
            state = json.loads(body).get("status") if status == 200 else state
        if state in ("not_started", "draft", "returned", "reopened"):
            reports.append(unit["code"])
    assert len(reports) * 20 >= needed, f"room for {len(reports) * 20} files only"
    return reports


def download(port, auth, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    started = time.monotonic()
    connection.request("GET", path, headers=auth)
    reply = connection.getresponse()
    first_byte = time.monotonic() - started
    spool = tempfile.TemporaryFile()
    while True:
        piece = reply.read(1 << 20)
        if not piece:
            break
        spool.write(piece)
    elapsed = time.monotonic() - started
    connection.close()
    assert reply.status == 200, reply.status
    return spool, first_byte, elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--llw", required=True)
    parser.add_argument("--db", default="")
    parser.add_argument("--port", type=int, default=18610)
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--size-mb", type=float, default=1)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="llw-zip-bench-")
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
        reports = open_reports(args.port, auth, args.files)

        rng = random.Random(19)
        size = int(args.size_mb * 1024 * 1024)
        stored = 0
        for i in range(args.files):
            unit = reports[i // 20]
            status, body = request(args.port, "POST",
                                   f"/api/v1/campaigns/1/reports/{unit}/evidence",
                                   pdf_of_random_stream(size, rng),
                                   dict(auth, **{"X-File-Name": f"minh-chung-{i}.pdf",
                                                 "Content-Type": "application/octet-stream"}))
            assert status == 201, body
            stored += size

        path = f"/api/v1/campaigns/1/summary/{NODE}/evidence.zip"
        firsts, totals, growths = [], [], []
        archive_size = entries = before = peak = 0
        for _ in range(args.rounds):
            time.sleep(0.5)
            before = rss_kib(server.pid)
            sampler = RssSampler(server.pid)
            sampler.start()
            spool, first_byte, elapsed = download(args.port, auth, path)
            sampler.running = False
            sampler.join()
            peak = sampler.peak
            firsts.append(first_byte)
            totals.append(elapsed)
            growths.append(peak - before)
            with zipfile.ZipFile(spool) as archive:
                assert archive.testzip() is None
                entries = len(archive.infolist())
            archive_size = spool.seek(0, os.SEEK_END)
            spool.close()
        print(f"evidence: {args.files} PDFs of {args.size_mb:g} MB in {len(reports)} reports "
              f"({stored / 1e6:.1f} MB)")
        print(f"ZIP: {archive_size / 1e6:.1f} MB, {entries} files; {args.rounds} rounds: "
              f"first byte median {statistics.median(firsts):.2f} s, whole median "
              f"{statistics.median(totals):.2f} s (max {max(totals):.2f} s)")
        print(f"server memory: VmRSS before {before / 1024:.0f} MiB, peak {peak / 1024:.0f} MiB; "
              f"growth median {statistics.median(growths) / 1024:.1f} MiB, max "
              f"{max(growths) / 1024:.1f} MiB; VmHWM {rss_kib(server.pid, 'VmHWM') / 1024:.0f} MiB")
        return 0
    finally:
        server.terminate()
        server.wait()
        log.close()
        if not args.db:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
