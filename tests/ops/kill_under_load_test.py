#!/usr/bin/env python3
"""No acknowledged save is lost when the server is killed (kill -9) under load (issue 14, point 7).

For each durability mode of SQLite (full, normal): a commune demo database, `llw serve`, up to
eight reporters whose reports are still editable (four in the commune demo) saving drafts of their
own reports as fast as the server answers, `kill -9` after four seconds, `llw serve` again on the
same file. Every save the server answered 200 to must be there:
each report's version at least the last acknowledged one, and at that version its value. A save in
flight when the process died may or may not be there (it was never acknowledged). Bounded: about
ten seconds per mode.

Usage: kill_under_load_test.py PATH/TO/llw SOURCE_DIR
"""
import http.client
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time

llw, source_dir = sys.argv[1], sys.argv[2]
forms = os.path.join(source_dir, "forms")


def start(db, durability):
    server = subprocess.Popen([llw, "serve", "--db", db, "--port", "0", "--forms", forms,
                               "--durability", durability],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    match = re.search(r":(\d+)/", server.stdout.readline())
    if not match:
        sys.exit("FAIL: the server did not start")
    return server, int(match.group(1))


def call(port, method, path, token=None, body=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    connection.request(method, path, json.dumps(body) if body is not None else None, headers)
    reply = connection.getresponse()
    data = reply.read()
    connection.close()
    return reply.status, (json.loads(data) if data else None)


def saver(port, token, unit, acked, stop):
    path = f"/api/v1/campaigns/1/reports/{unit}"
    try:
        status, report = call(port, "GET", path, token)
        version, n = report["version"], 0
        while not stop.is_set():
            n += 1
            status, answer = call(port, "PUT", path, token,
                                  {"version": version, "values": {"media_articles": n}})
            if status == 200:
                version = answer["version"]
                acked[unit] = (version, n)
            else:
                acked[unit + " error"] = (status, answer)
                return
    except OSError:
        return  # the server is gone (killed)


def run(mode, tmp):
    db = os.path.join(tmp, f"{mode}.db")
    demo = subprocess.run([llw, "demo", "--db", db, "--forms", forms], capture_output=True,
                          text=True, check=True).stdout
    accounts = re.findall(r"^\s+(\S+)\s+(\S+)\s+reporter\s+(\S+)", demo, re.M)
    server, port = start(db, mode)
    failures = []
    try:
        # Eight reporters whose report is still theirs to edit (not submitted or accepted).
        tokens = {}
        for username, password, unit in accounts:
            status, answer = call(port, "POST", "/api/v1/auth/token", None,
                                  {"username": username, "password": password})
            status, report = call(port, "GET", f"/api/v1/campaigns/1/reports/{unit}",
                                  answer["token"])
            if report["status"] in ("not_started", "draft", "returned"):
                tokens[unit] = answer["token"]
            if len(tokens) == 8:
                break
        reporters = list(tokens)
        acked, stop = {}, threading.Event()
        threads = [threading.Thread(target=saver, args=(port, token, unit, acked, stop))
                   for unit, token in tokens.items()]
        for thread in threads:
            thread.start()
        # The kill lands in the middle of the load: once every reporter has had a few saves
        # acknowledged (or one failed, which the checks below report).
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not any(k.endswith(" error") for k in list(acked)) and \
                not all(acked.get(unit, (0, 0))[1] >= 20 for unit in tokens):
            stop.wait(0.05)
        os.kill(server.pid, signal.SIGKILL)
        server.wait()
        stop.set()
        for thread in threads:
            thread.join()
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    errors = {k: v for k, v in acked.items() if k.endswith(" error")}
    if errors:
        failures.append(f"{mode}: saves refused under load: {errors}")
    saved = {k: v for k, v in acked.items() if not k.endswith(" error")}
    if len(saved) < len(reporters):
        failures.append(f"{mode}: only {len(saved)} of {len(reporters)} units saved anything")
    server, port = start(db, mode)
    try:
        for unit, (version, n) in saved.items():
            status, report = call(port, "GET", f"/api/v1/campaigns/1/reports/{unit}", tokens[unit])
            if status != 200:
                failures.append(f"{mode}: {unit} answers {status} after the restart")
            elif report["version"] < version:
                failures.append(f"{mode}: {unit} lost acknowledged saves: version "
                                f"{report['version']} < {version}")
            elif report["version"] == version and report["values"].get("media_articles") != n:
                failures.append(f"{mode}: {unit} at version {version} holds "
                                f"{report['values'].get('media_articles')}, acknowledged {n}")
    finally:
        server.terminate()
        server.wait(timeout=30)
    total = sum(version for version, _ in saved.values())
    print(f"{mode}: {len(saved)} units, last acknowledged versions summing to {total}; "
          f"killed with kill -9; after the restart every acknowledged save is there"
          if not failures else f"{mode}: FAILED")
    return failures


with tempfile.TemporaryDirectory() as tmp:
    failures = run("full", tmp) + run("normal", tmp)
if failures:
    print("FAIL: " + "\nFAIL: ".join(failures))
    sys.exit(1)
