#!/usr/bin/python3
"""A real SMTP server for the reminder tests (Debian's python3-aiosmtpd).

Usage: smtp_sink.py FOLDER. Listens on 127.0.0.1 on a port the kernel picks (bound before it is
reported, so no other process can take it in between) and writes every message it receives
to FOLDER/NNNN.json: the envelope, the raw Subject header as sent, and the subject and body as
Python's e-mail package decodes them (so the test checks the MIME encoding by a reader other than
the writer). Writes the port to FOLDER/ready once listening; stops on SIGTERM.
"""
import email
import email.policy
import json
import os
import signal
import socket
import sys
import threading

from aiosmtpd.controller import Controller


class BoundController(Controller):
    """aiosmtpd's controller serving on a socket that is already bound and listening."""

    def __init__(self, handler, sock):
        self.sock = sock
        super().__init__(handler, hostname="127.0.0.1", port=sock.getsockname()[1])

    def _create_server(self):
        return self.loop.create_server(self._factory_invoker, sock=self.sock)


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8")
        decoded = email.message_from_bytes(raw, policy=email.policy.default)
        plain = email.message_from_bytes(raw, policy=email.policy.compat32)
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "raw_subject": str(plain["Subject"]),
            "subject": str(decoded["Subject"]),
            "to": str(decoded["To"]),
            "from": str(decoded["From"]),
            "content_type": decoded.get_content_type(),
            "charset": decoded.get_content_charset(),
            "body": decoded.get_content(),
            "headers_ascii": all(b < 0x80 for b in raw.split(b"\r\n\r\n", 1)[0]),
        }
        with self.lock:
            self.count += 1
            name = os.path.join(self.folder, "%04d.json" % self.count)
        with open(name + ".tmp", "w", encoding="utf-8") as out:
            json.dump(record, out, ensure_ascii=False)
        os.rename(name + ".tmp", name)
        return "250 OK"


def main():
    folder = sys.argv[1]
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    controller = BoundController(Sink(folder), sock)
    controller.start()
    with open(os.path.join(folder, "ready.tmp"), "w") as ready:
        ready.write(str(sock.getsockname()[1]))
    os.rename(os.path.join(folder, "ready.tmp"), os.path.join(folder, "ready"))
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
