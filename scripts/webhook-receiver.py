#!/usr/bin/env python3
"""A webhook receiver for Baton's tests: checks every delivery with the Standard Webhooks
reference library (`standardwebhooks` from PyPI), never with Baton's own code.

Listens on the port given as its argument (or any free one), prints the port, then serves
until killed:
  POST /ok            204 when the signature verifies, 400 when it does not
  POST /gone          410 Gone
  POST /flaky/<n>     500 for the first n attempts of each webhook-id, then as /ok
  POST /chat          a Slack-style incoming webhook: 200 "ok" for JSON with a "text"
                      (400 without one); nothing is verified, chat messages are unsigned
  POST /chat-busy/<n> 429 with Retry-After: 1 for the first n requests, then as /chat
  POST /_secrets      {"secrets": [...]}: the secrets signatures may verify with
  GET  /_received     every request so far, as JSON
"""

import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook, WebhookVerificationError

lock = threading.Lock()
secrets: list[str] = []
received: list[dict] = []
attempts: dict[str, int] = {}


def verified(body: bytes, headers: dict) -> bool:
    for secret in secrets:
        try:
            Webhook(secret).verify(body, headers)
            return True
        except WebhookVerificationError:
            continue
    return False


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status: int, body: bytes = b"") -> None:
        self.send_response(status)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/_received":
            with lock:
                body = json.dumps(received).encode()
            self.answer(200, body)
        else:
            self.answer(404)

    def do_POST(self):
        length = int(self.headers.get("content-length", "0"))
        body = self.rfile.read(length)
        if self.path == "/_secrets":
            with lock:
                secrets[:] = json.loads(body)["secrets"]
            self.answer(204)
            return
        headers = {k.lower(): v for k, v in self.headers.items()}
        if self.path == "/chat" or self.path.startswith("/chat-busy/"):
            self.chat(body)
            return
        message = headers.get("webhook-id", "")
        with lock:
            ok = verified(body, headers)
            attempts[message] = attempts.get(message, 0) + 1
            seen = attempts[message]
            status = 204 if ok else 400
            if self.path == "/gone":
                status = 410
            elif self.path.startswith("/flaky/") and seen <= int(self.path.rsplit("/", 1)[1]):
                status = 500
            received.append({
                "path": self.path,
                "id": message,
                "verified": ok,
                "timestamp": headers.get("webhook-timestamp", ""),
                "signatures": headers.get("webhook-signature", ""),
                "body": body.decode("utf-8", "replace"),
                "status": status,
            })
        self.answer(status)


    def chat(self, body: bytes) -> None:
        global chat_requests
        try:
            text = json.loads(body).get("text")
        except (ValueError, AttributeError):
            text = None
        with lock:
            chat_requests += 1
            busy = self.path.startswith("/chat-busy/") and chat_requests <= int(self.path.rsplit("/", 1)[1])
            status = 429 if busy else (200 if isinstance(text, str) and text else 400)
            received.append({
                "path": self.path,
                "body": body.decode("utf-8", "replace"),
                "status": status,
                "signatures": self.headers.get("webhook-signature", ""),
            })
        if status == 429:
            self.send_response(429)
            self.send_header("retry-after", "1")
            self.send_header("content-length", "0")
            self.end_headers()
        else:
            self.answer(status, b"ok" if status == 200 else b"no_text")


chat_requests = 0


def main() -> None:
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
