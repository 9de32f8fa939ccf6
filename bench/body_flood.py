#!/usr/bin/env python3
"""Memory before sign-in (issue 14, point 2): slow unauthenticated uploads against `llw serve`.

Starts `llw serve` on a fresh SQLite database, opens N connections (60 by default) that each send
the headers of an unauthenticated POST with a large Content-Length and then the body slowly,
and prints the server's resident memory (VmRSS, and the peak VmHWM) before, during and after:

  1. "over the limit": Content-Length 16 MB (the transport limit before issue 14),
  2. "at the limit":   Content-Length = the transport limit (1 MiB + 64 KiB), sent in full,
     the worst a client can make the server hold per connection,

and the bound the configuration promises: max connections × transport limit.

Usage: bench/body_flood.py PATH/TO/llw [--connections 60] [--seconds 20] [--max-connections N]
"""
import argparse
import os
import re
import socket
import subprocess
import tempfile
import time

TRANSPORT_LIMIT = 1024 * 1024 + 64 * 1024


def memory(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                fields[name] = int(value.split()[0]) // 1024
    return fields


def flood(port, connections, length, seconds, send_all):
    """Opens the connections, sends headers and (slowly) the body; returns sockets still open."""
    sockets = []
    head = (f"POST /api/v1/units HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n"
            f"Content-Length: {length}\r\n\r\n").encode()
    for _ in range(connections):
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(head)
        sockets.append(s)
    chunk = b"a" * 65536
    to_send = min(length, TRANSPORT_LIMIT) if send_all else min(length, 16 * 1024 * 1024)
    sent = [0] * len(sockets)
    deadline = time.time() + seconds
    while time.time() < deadline and any(n < to_send for n in sent):
        for i, s in enumerate(sockets):
            if s is None or sent[i] >= to_send:
                continue
            try:
                s.sendall(chunk[: min(len(chunk), to_send - sent[i])])
                sent[i] += min(len(chunk), to_send - sent[i])
            except OSError:
                sockets[i] = None  # the server closed it
                sent[i] = to_send
        time.sleep(seconds / 200)
    return [s for s in sockets if s is not None]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("llw")
    parser.add_argument("--connections", type=int, default=60)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--max-connections", type=int, default=0)
    args = parser.parse_args()
    source_dir = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    with tempfile.TemporaryDirectory() as tmp:
        command = [args.llw, "serve", "--db", os.path.join(tmp, "flood.db"), "--port", "0",
                   "--forms", os.path.join(source_dir, "forms")]
        if args.max_connections:
            command += ["--max-connections", str(args.max_connections)]
        server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                  text=True)
        try:
            port = int(re.search(r":(\d+)/", server.stdout.readline()).group(1))
            time.sleep(0.5)
            start = memory(server.pid)
            print(f"llw serve at start: VmRSS {start['VmRSS']} MB")
            for name, length, send_all in (("over the limit (Content-Length 16 MB)", 16_000_000,
                                            False),
                                           (f"at the limit (Content-Length {TRANSPORT_LIMIT})",
                                            TRANSPORT_LIMIT, True)):
                still_open = flood(port, args.connections, length, args.seconds, send_all)
                during = memory(server.pid)
                print(f"{args.connections} slow unauthenticated uploads, {name}: "
                      f"{len(still_open)} connections still open, VmRSS {during['VmRSS']} MB, "
                      f"peak VmHWM {during['VmHWM']} MB")
                for s in still_open:
                    s.close()
                time.sleep(1)
            end = memory(server.pid)
            print(f"after the uploads: VmRSS {end['VmRSS']} MB, peak VmHWM {end['VmHWM']} MB "
                  f"(growth over start: {end['VmHWM'] - start['VmRSS']} MB)")
            cap = args.max_connections or 256
            print(f"configured bound: {cap} connections x {TRANSPORT_LIMIT // 1024} KiB = "
                  f"{cap * TRANSPORT_LIMIT // (1024 * 1024)} MB of request bodies at most")
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
