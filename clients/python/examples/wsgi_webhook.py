"""A plain WSGI application (standard library only) that receives Ludus's webhooks.

It verifies every message with the endpoint's ``whsec_`` secret before trusting it (answering 400
when it does not verify), passes each message id on once (Ludus may deliver a message again), and
answers 204 at once: do slow work elsewhere.

    LUDUS_WEBHOOK_SECRET=whsec_... python3 examples/wsgi_webhook.py 8000

then register ``http://<this host>:8000/ludus/webhooks`` (``ludus.webhooks.create(url, [...])``).
The same view works in any WSGI server (gunicorn, uWSGI) and, with ``request.body`` and
``request.headers``, in a Django view.
"""

from __future__ import annotations

import collections
import logging
import os
import sys
import threading
from typing import Any, Callable, Iterable

from ludus import WebhookVerificationError, verify_webhook

Handler = Callable[[dict[str, Any]], None]
PATH = "/ludus/webhooks"
LOG = logging.getLogger("ludus.webhooks.example")


def webhook_app(secret: str, handle: Handler, remember: int = 10_000) -> Callable[..., Iterable[bytes]]:
    """The WSGI application: ``handle(message)`` is called once per verified message id."""
    seen: collections.OrderedDict[str, None] = collections.OrderedDict()
    guard = threading.Lock()

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") != PATH:
            return _answer(start_response, "404 Not Found")
        if environ.get("REQUEST_METHOD") != "POST":
            return _answer(start_response, "405 Method Not Allowed", [("Allow", "POST")])
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        try:
            # the raw bytes as received, and the headers as WSGI gives them (HTTP_WEBHOOK_ID, ...)
            message = verify_webhook(secret, environ, body)
        except WebhookVerificationError as refused:
            LOG.warning("webhook refused: %s", refused)
            return _answer(start_response, "400 Bad Request")
        message_id = environ["HTTP_WEBHOOK_ID"]
        with guard:
            first_time = message_id not in seen
            seen[message_id] = None
            while len(seen) > remember:
                seen.popitem(last=False)
        if first_time:
            handle(message)
        return _answer(start_response, "204 No Content")

    return app


def _answer(start_response: Callable[..., Any], status: str,
            headers: list[tuple[str, str]] | None = None) -> Iterable[bytes]:
    start_response(status, [("Content-Length", "0"), *(headers or [])])
    return [b""]


def print_message(message: dict[str, Any]) -> None:
    data = message.get("data", {})
    print(f"{message['type']}: user {data.get('user_id', '-')} {data}", flush=True)


if __name__ == "__main__":
    from wsgiref.simple_server import make_server

    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8000
    with make_server("", port, webhook_app(os.environ["LUDUS_WEBHOOK_SECRET"], print_message)) as server:
        print(f"receiving Ludus webhooks on http://localhost:{port}{PATH}", flush=True)
        server.serve_forever()
