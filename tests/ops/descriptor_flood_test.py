#!/usr/bin/env python3
"""A connection flood past the open-file limit must not leave the server deaf.

Runs the real `llw serve` in a child process whose open-file limit is 128 (`ulimit -n 128`, soft
and hard, so the server cannot raise it), opens 200 idle connections, closes them, and then asks
for /api/v1/health: the server must answer, and go on answering. Before the connection cap,
RESTinio's accept failed with EMFILE, never accepted again, and the process stayed alive.

Usage: descriptor_flood_test.py PATH/TO/llw SOURCE_DIR
"""
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time

llw, source_dir = sys.argv[1], sys.argv[2]


def health(port, timeout=10.0):
    """The status line of GET /api/v1/health, or the reason there is none."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
            s.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            data = b""
            while b"\r\n" not in data:
                chunk = s.recv(256)
                if not chunk:
                    break
                data += chunk
            return data.split(b"\r\n", 1)[0].decode(errors="replace") or "closed without answer"
    except OSError as e:
        return f"no answer ({e})"


with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, "flood.db")
    command = (f"ulimit -n 128 && exec '{llw}' serve --db '{db}' --port 0 "
               f"--forms '{source_dir}/forms' --threads 2")
    server = subprocess.Popen(["bash", "-c", command], stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    failures = []
    try:
        line = server.stdout.readline()
        match = re.search(r":(\d+)/", line)
        if not match:
            sys.exit(f"FAIL: the server did not start: {line}{server.stdout.read()}")
        port = int(match.group(1))
        first = health(port)
        if not first.startswith("HTTP/1.1 200"):
            failures.append(f"before the flood: {first}")

        sockets = []
        for _ in range(200):
            s = socket.socket()
            s.setblocking(False)
            s.connect_ex(("127.0.0.1", port))
            sockets.append(s)
        time.sleep(2)  # let the server accept what it will
        for s in sockets:
            s.close()
        time.sleep(1)

        for attempt in range(3):
            answer = health(port)
            if not answer.startswith("HTTP/1.1 200"):
                failures.append(f"after the flood, request {attempt + 1}: {answer}")
        if server.poll() is not None:
            failures.append(f"the server exited with {server.returncode}")
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            output, _ = server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            output, _ = server.communicate()
    if failures:
        print("FAIL: " + "\nFAIL: ".join(failures))
        print("server output:\n" + output)
        sys.exit(1)
    print("ok: 200 connections past a limit of 128 descriptors; the server still answers")
