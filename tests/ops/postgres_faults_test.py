#!/usr/bin/env python3
"""PostgreSQL restarts under load with two LLW servers (issue 14, point 8).

A PostgreSQL server of its own (scripts/pg_test_server.sh, fsync on), the commune demo in it, two
`llw serve` processes on that database, and reporters saving drafts of their own reports as fast
as the servers answer, half of them on each server. Then:
  1. PostgreSQL is stopped (fast shutdown) for three seconds: both servers answer 503 with
     Retry-After (API and pages) while the health check still answers; then it starts again and
     every reporter saves again on the same servers (they reconnect by themselves);
  2. PostgreSQL crashes (immediate stop, recovery at the next start), the same;
  3. one LLW server is killed (kill -9): its reporters go on with the other one.
Every save that was answered 200 must be in the database at the end: each report's version at
least the last acknowledged one, and at that version its value. A save answered 503 or cut off
may or may not be there; it was never acknowledged.

Usage: postgres_faults_test.py PATH/TO/llw SOURCE_DIR
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
pg_script = os.path.join(source_dir, "scripts", "pg_test_server.sh")
failures = []
lock = threading.Lock()


def fail(message):
    with lock:
        failures.append(message)


def pg(command, pg_dir, *extra):
    done = subprocess.run([pg_script, command, pg_dir, *extra], capture_output=True, text=True,
                          env=dict(os.environ, LLW_PG_FSYNC="on"))
    if done.returncode != 0:
        sys.exit(f"FAIL: pg_test_server.sh {command} failed: {done.stderr}")
    return done.stdout.strip()


def start_llw(url):
    server = subprocess.Popen([llw, "serve", "--db", url, "--port", "0", "--forms", forms,
                               "--threads", "4"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    match = re.search(r":(\d+)/", server.stdout.readline())
    if not match:
        sys.exit("FAIL: llw serve did not start")
    return server, int(match.group(1))


def call(port, method, path, token=None, body=None, cookie=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    if cookie:
        headers["Cookie"] = cookie
    connection.request(method, path, json.dumps(body) if body is not None else None, headers)
    reply = connection.getresponse()
    data = reply.read()
    connection.close()
    parsed = None
    if data and reply.getheader("Content-Type", "").startswith("application/json"):
        parsed = json.loads(data)
    return reply.status, parsed, reply, data


class Reporter(threading.Thread):
    """Saves drafts of one unit's report, numbered 1, 2, …, on its server (the other one when
    its server is gone)."""

    def __init__(self, unit, token, ports, first):
        super().__init__()
        self.unit, self.token, self.ports, self.at = unit, token, list(ports), first
        self.path = f"/api/v1/campaigns/1/reports/{unit}"
        self.stop = threading.Event()
        self.acked = None  # (version, n) of the last save answered 200
        self.acked_count = 0
        self.unavailable = 0  # 503 answers seen
        self.attempted = 0

    def request(self, method, body=None):
        """One request, on the other server when this one is gone; retried after a 503."""
        while not self.stop.is_set():
            try:
                status, answer, reply, _ = call(self.ports[self.at], method, self.path, self.token,
                                                body)
            except OSError:
                self.at = 1 - self.at  # killed: the other server
                time.sleep(0.05)
                continue
            if status == 503:
                self.unavailable += 1
                if reply.getheader("Retry-After") is None:
                    fail(f"{self.unit}: a 503 without Retry-After")
                if (answer or {}).get("error", {}).get("code") != "unavailable":
                    fail(f"{self.unit}: a 503 that is not 'unavailable': {answer}")
                time.sleep(0.1)
                continue
            return status, answer
        return None, None

    def run(self):
        status, report = self.request("GET")
        if status != 200:
            fail(f"{self.unit}: GET answered {status}")
            return
        version, n = report["version"], 0
        while not self.stop.is_set():
            n += 1
            self.attempted = n
            status, answer = self.request("PUT", {"version": version,
                                                  "values": {"media_articles": n}})
            if status is None:
                return
            if status == 200:
                version = answer["version"]
                self.acked = (version, n)
                self.acked_count += 1
            elif status == 409:
                # The previous try was committed but its answer was lost (a 503 after the
                # COMMIT went out): the report holds that value, at a newer version.
                status, report = self.request("GET")
                if status != 200:
                    fail(f"{self.unit}: GET after a conflict answered {status}")
                    return
                stored = report["values"].get("media_articles")
                last = self.acked[1] if self.acked else None
                if stored not in (n, last):
                    fail(f"{self.unit}: after a conflict the report holds {stored}, "
                         f"neither the try {n} nor the acknowledged {last}")
                version = report["version"]
            else:
                fail(f"{self.unit}: a save answered {status}: {answer}")
                return


def wait_for_progress(reporters, since_counts, what, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if all(r.acked_count > since_counts[r.unit] for r in reporters):
            return True
        time.sleep(0.1)
    stuck = [r.unit for r in reporters if r.acked_count <= since_counts[r.unit]]
    fail(f"{what}: no save acknowledged within {seconds} s for {stuck}")
    return False


def outage(pg_dir, mode, servers, token, cookie, reporters):
    counts = {r.unit: r.unavailable for r in reporters}
    pg("stop", pg_dir, mode)
    # The servers notice at their next use of a connection: wait until both answer 503.
    for name, port in servers:
        deadline = time.monotonic() + 30
        while call(port, "GET", "/api/v1/me", token)[0] != 503 and time.monotonic() < deadline:
            time.sleep(0.05)
    for name, port in servers:
        status, answer, reply, _ = call(port, "GET", "/api/v1/me", token)
        if status != 503 or reply.getheader("Retry-After") is None:
            fail(f"{mode} stop: GET /api/v1/me on server {name} answered {status}, "
                 f"Retry-After {reply.getheader('Retry-After')}")
        status, _, reply, body = call(port, "GET", "/", cookie=cookie)
        if status != 503 or "Hệ thống tạm thời" not in body.decode() or \
                reply.getheader("Retry-After") is None:
            fail(f"{mode} stop: the home page on server {name} answered {status}")
        status, _, _, _ = call(port, "GET", "/api/v1/health")
        if status != 200:
            fail(f"{mode} stop: the health check on server {name} answered {status}")
    # The reporters go on saving while PostgreSQL is down: wait until they have seen a 503.
    deadline = time.monotonic() + 30
    while sum(r.unavailable - counts[r.unit] for r in reporters) == 0 and \
            time.monotonic() < deadline:
        time.sleep(0.05)
    seen = sum(r.unavailable - counts[r.unit] for r in reporters)
    if seen == 0:
        fail(f"{mode} stop: no save was answered 503 while PostgreSQL was down")
    before = {r.unit: r.acked_count for r in reporters}
    pg("start", pg_dir)
    restarted = time.time()
    wait_for_progress(reporters, before, f"after the {mode} restart of PostgreSQL")
    print(f"PostgreSQL {mode} stop: {seen} saves answered 503 with Retry-After in 3 s; every "
          f"reporter saved again {time.time() - restarted:.1f} s after the start")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        os.chmod(tmp, 0o755)  # the PostgreSQL server runs as its own user when we are root
        pg_dir = os.path.join(tmp, "pg")
        url = pg("start", pg_dir)
        servers = []
        try:
            demo = subprocess.run([llw, "demo", "--db", url, "--forms", forms],
                                  capture_output=True, text=True, check=True).stdout
            accounts = re.findall(r"^\s+(\S+)\s+(\S+)\s+reporter\s+(\S+)", demo, re.M)
            admin = re.search(r"^\s+(\S+)\s+(\S+)\s+admin\b", demo, re.M)
            a, port_a = start_llw(url)
            b, port_b = start_llw(url)
            servers = [a, b]
            ports = [port_a, port_b]
            _, session, _, _ = call(port_a, "POST", "/api/v1/auth/token", None,
                                    {"username": admin.group(1), "password": admin.group(2)})
            admin_token = session["token"]
            cookie = "llw_session=" + admin_token
            reporters = []
            for username, password, unit in accounts:
                _, answer, _, _ = call(port_a, "POST", "/api/v1/auth/token", None,
                                       {"username": username, "password": password})
                _, report, _, _ = call(port_a, "GET", f"/api/v1/campaigns/1/reports/{unit}",
                                       answer["token"])
                if report["status"] in ("not_started", "draft", "returned"):
                    reporters.append(Reporter(unit, answer["token"], ports, len(reporters) % 2))
                if len(reporters) == 6:
                    break
            if len(reporters) < 2:
                sys.exit("FAIL: the demo has fewer than two editable reports")
            for r in reporters:
                r.start()
            wait_for_progress(reporters, {r.unit: 0 for r in reporters}, "before any fault")

            outage(pg_dir, "fast", [("A", port_a), ("B", port_b)], admin_token, cookie,
                   reporters)
            outage(pg_dir, "immediate", [("A", port_a), ("B", port_b)], admin_token, cookie,
                   reporters)

            before = {r.unit: r.acked_count for r in reporters}
            os.kill(a.pid, signal.SIGKILL)
            a.wait()
            wait_for_progress(reporters, before, "after server A was killed")
            # And they go on: another acknowledged save each on server B.
            wait_for_progress(reporters, {r.unit: r.acked_count for r in reporters},
                              "on server B")
            for r in reporters:
                r.stop.set()
            for r in reporters:
                r.join()
            print(f"server A killed: server B went on with all {len(reporters)} reporters")

            # Every acknowledged save is in the database (read through the surviving server).
            total = 0
            for r in reporters:
                if r.acked is None:
                    fail(f"{r.unit}: nothing acknowledged")
                    continue
                version, n = r.acked
                total += r.acked_count
                status, report, _, _ = call(port_b, "GET", r.path, r.token)
                if status != 200:
                    fail(f"{r.unit}: GET at the end answered {status}")
                elif report["version"] < version:
                    fail(f"{r.unit}: lost acknowledged saves: version {report['version']} < "
                         f"{version}")
                elif report["version"] == version and \
                        report["values"].get("media_articles") != n:
                    fail(f"{r.unit}: at version {version} holds "
                         f"{report['values'].get('media_articles')}, acknowledged {n}")
            print(f"{total} saves acknowledged by two servers through two PostgreSQL restarts "
                  f"and a kill -9; every one of them is in the database")
        finally:
            for server in servers:
                if server.poll() is None:
                    server.terminate()
                    server.wait(timeout=30)
            pg("stop", pg_dir)


main()
if failures:
    print("FAIL: " + "\nFAIL: ".join(failures[:20]))
    sys.exit(1)
