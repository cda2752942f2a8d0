#!/usr/bin/env python3
"""An SMTP server for Baton's tests: aiosmtpd (from PyPI), a real implementation of the
protocol, never Baton's own code. Every message it accepts is parsed with Python's email
package and written as one JSON file to the folder given as the first argument:
  {"rcpt_to": [...], "mail_from": ..., "headers": {name: value, ...}, "text": ..., "html": ...}

Listens on 127.0.0.1 at the port given as the second argument (or any free one), prints
the port, then serves until killed.
"""

import email
import email.policy
import json
import os
import socket
import sys
import threading
import time

from aiosmtpd.controller import Controller

folder = sys.argv[1]
os.makedirs(folder, exist_ok=True)
count = 0
lock = threading.Lock()


def part(message, kind):
    body = message.get_body(preferencelist=(kind,))
    return body.get_content() if body is not None else None


class Keep:
    async def handle_DATA(self, server, session, envelope):
        global count
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        record = {
            "rcpt_to": list(envelope.rcpt_tos),
            "mail_from": envelope.mail_from,
            "headers": {k: str(v) for k, v in message.items()},
            "text": part(message, "plain"),
            "html": part(message, "html"),
        }
        with lock:
            count += 1
            name = f"{time.time_ns()}-{count}.json"
        tmp = os.path.join(folder, name + ".tmp")
        with open(tmp, "w") as out:
            json.dump(record, out)
        os.rename(tmp, os.path.join(folder, name))
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


port = int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2] != "0" else free_port()
controller = Controller(Keep(), hostname="127.0.0.1", port=port)
controller.start()
print(port, flush=True)
try:
    threading.Event().wait()
except KeyboardInterrupt:
    pass
finally:
    controller.stop()
