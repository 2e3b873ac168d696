"""HTTP for the client: one keep-alive connection per thread, JSON both ways, Ludus's errors, retries
of 429 and 503 (and of lost answers for writes sent with an idempotency key), and one more try after
a 401 when the authentication dropped a stale token; answers read whole, or handed over unread to be
read a line at a time (:meth:`Transport.stream`). Nothing here is specific to one endpoint."""

from __future__ import annotations

import email.utils
import http.client
import json
import random
import re
import threading
import time
import urllib.parse
import weakref
from collections import deque
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any, Callable, Iterator, Mapping, Protocol

from .errors import LudusError

__all__ = ["Authentication", "Body", "OutgoingRequest", "Transport", "segment", "dumps", "loads"]

USER_AGENT = "ludus-python/0.1.0"
FIRST_BACKOFF_SECONDS = 0.2
_STALE_CONNECTION = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError, ConnectionAbortedError)
_IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE"})
#: Idle keep-alive connections kept per client; more are closed when handed back.
MAX_IDLE_CONNECTIONS = 8
#: What ``accept_language`` may hold: a header value of printable ASCII (no line breaks).
_HEADER_VALUE = re.compile(r"^[\x20-\x7e]+$")


@dataclass
class OutgoingRequest:
    """What an authentication method sees of a request before it is sent, and may add headers to."""

    method: str
    path_with_query: str
    """The path with its query string, as sent (``/v1/users/u%201?limit=5``)."""
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


class Authentication(Protocol):
    """One way to authenticate: sets a request's credentials; may ask for one more try after a 401."""

    def apply(self, request: OutgoingRequest) -> str | None:
        """Adds the credentials; answers the credential used (a token), handed back to :meth:`rejected`."""
        ...

    def rejected(self, error: LudusError, credential: str | None) -> bool:
        """True when ``error`` (a 401) means the credential went stale and the call should be sent once more."""
        ...


class HeaderAuthentication:
    """A fixed ``Authorization`` value (HTTP Basic for ``POST /v1/auth_token``)."""

    def __init__(self, value: str) -> None:
        self._value = value

    def apply(self, request: OutgoingRequest) -> str | None:
        request.headers["Authorization"] = self._value
        return None

    def rejected(self, error: LudusError, credential: str | None) -> bool:
        return False

    def __repr__(self) -> str:
        return "HeaderAuthentication(<hidden>)"


def segment(value: str, name: str) -> str:
    """One path segment, percent-encoded (``/`` too); ``.`` and ``..`` are refused, as URLs resolve them."""
    if not isinstance(value, str) or value == "":
        raise ValueError(f"{name} must be a non-empty string")
    if value in (".", ".."):
        raise ValueError(f"{name} {value!r} cannot be sent as a path segment: URLs resolve it as a relative path")
    return urllib.parse.quote(value, safe="")


def dumps(value: Any) -> bytes:
    """JSON of a request body: ``Decimal`` as its exact digits, ``datetime`` as ISO 8601 UTC, ``date`` as ISO."""
    return _encode(value).encode("utf-8")


def _encode(value: Any) -> str:
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{value} is not a JSON number")
        return format(value, "f")
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError(f"datetime {value} has no time zone: give one (e.g. timezone.utc)")
        return json.dumps(value.astimezone(timezone.utc).isoformat().replace("+00:00", "Z"))
    if isinstance(value, date):
        return json.dumps(value.isoformat())
    if isinstance(value, Mapping):
        return "{" + ",".join(json.dumps(str(k)) + ":" + _encode(v) for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_encode(v) for v in value) + "]"
    if isinstance(value, float) and value != value:
        raise ValueError("NaN is not a JSON number")
    return json.dumps(value, allow_nan=False)


def loads(raw: bytes) -> Any:
    """Parsed JSON of an answer: numbers with a fraction as ``Decimal``."""
    return json.loads(raw.decode("utf-8"), parse_float=Decimal)


class Transport:
    """Sends calls to one server. Thread-safe: each call takes a keep-alive connection from a small pool
    of idle ones (or opens one) and hands it back when the answer is read. ``_idle`` is guarded by
    ``_pool_lock``; a connection is used by one thread at a time."""

    def __init__(self, base_url: str, *, timeout: float = 30.0, max_retries: int = 2, max_retry_delay: float = 30.0,
                 clock: Callable[[], float] = time.time, accept_language: str | None = None) -> None:
        parsed = urllib.parse.urlsplit(base_url) if isinstance(base_url, str) else None
        if parsed is None or parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise ValueError("base_url must be an http:// or https:// URL")
        if not (isinstance(timeout, (int, float)) and timeout > 0):
            raise ValueError("timeout must be a number of seconds above 0")
        if not (isinstance(max_retries, int) and 0 <= max_retries <= 10):
            raise ValueError("max_retries must be a whole number from 0 to 10")
        if not (isinstance(max_retry_delay, (int, float)) and max_retry_delay >= 0):
            raise ValueError("max_retry_delay must be a number of seconds, 0 or more")
        if accept_language is not None and not (isinstance(accept_language, str) and accept_language.strip()
                                                and _HEADER_VALUE.match(accept_language)):
            raise ValueError('accept_language must be an Accept-Language value in printable ASCII, such as '
                             '"fr, en;q=0.5", or None')
        self._https = parsed.scheme == "https"
        self._host = parsed.hostname
        self._port = parsed.port
        self._prefix = parsed.path.rstrip("/")
        self.timeout = float(timeout)
        self.max_retries = max_retries
        self.max_retry_delay = float(max_retry_delay)
        self.clock = clock
        self.accept_language = accept_language.strip() if accept_language is not None else None
        """Sent as ``Accept-Language`` on every request: the languages answers name rules in for a user
        without a ``locale`` of their own."""
        self._pool_lock = threading.Lock()
        self._idle: deque[http.client.HTTPConnection] = deque()
        weakref.finalize(self, _close_all, self._idle, self._pool_lock)

    def call(self, auth: Authentication, method: str, path: str, *, query: Mapping[str, Any] | None = None,
             body: Any = None, idempotency_key: str | None = None, resendable: bool = False) -> Any:
        """Sends the call and answers the parsed JSON (numbers with a fraction as ``Decimal``), or None (204)."""
        _, raw, _ = self._exchange(auth, method, path, query, body, idempotency_key, resendable, "application/json",
                                   False)
        return loads(raw) if raw else None

    def stream(self, auth: Authentication, path: str, *, query: Mapping[str, Any] | None = None,
               accept: str) -> Body:
        """``GET path`` with ``Accept: accept``, retried and re-authenticated as :meth:`call` is, answering the
        body of a 2xx answer unread: read it a line (or a chunk) at a time as it arrives, never whole, and
        close it (it is a context manager). ``timeout`` bounds each read, not the whole body."""
        _, _, opened = self._exchange(auth, "GET", path, query, None, None, False, accept, True)
        assert opened is not None
        return opened

    def _exchange(self, auth: Authentication, method: str, path: str, query: Mapping[str, Any] | None, body: Any,
                  idempotency_key: str | None, resendable: bool, accept: str,
                  keep_open: bool) -> tuple[int, bytes, Body | None]:
        """Sends the request until it is answered below 300 (retries, one more try after a stale credential),
        or raises; ``keep_open``: the body of that answer is left unread, in the :class:`Body`."""
        path_with_query = self._prefix + path + _query_string(query)
        payload = b"" if body is None else dumps(body)
        reauthenticated = False
        retries = 0
        while True:
            headers = {"Accept": accept, "User-Agent": USER_AGENT}
            if self.accept_language is not None:
                headers["Accept-Language"] = self.accept_language
            if payload:
                headers["Content-Type"] = "application/json"
            if idempotency_key is not None:
                headers["Idempotency-Key"] = idempotency_key
            request = OutgoingRequest(method, path_with_query, payload, headers)
            credential = auth.apply(request)
            try:
                status, answer_headers, raw, opened = self._send(request, resendable or method in _IDEMPOTENT_METHODS,
                                                                 keep_open)
            except LudusError as unanswered:
                # A write sent with its key may or may not have been applied: sent again, it is applied once.
                if resendable and retries < self.max_retries:
                    time.sleep(self._backoff(None, retries) or 0.0)
                    retries += 1
                    continue
                raise unanswered
            if status < 300:
                return status, raw, opened
            failure = self._failure(status, answer_headers, raw)
            if status in (429, 503) and retries < self.max_retries:
                wait = self._backoff(failure.retry_after, retries)
                if wait is not None:
                    time.sleep(wait)
                    retries += 1
                    continue
            if status == 401 and not reauthenticated and auth.rejected(failure, credential):
                reauthenticated = True
                continue
            raise failure

    def _take(self) -> tuple[http.client.HTTPConnection, bool]:
        """An idle connection (reused: True), or a new one."""
        with self._pool_lock:
            if self._idle:
                return self._idle.pop(), True
        if self._https:
            return http.client.HTTPSConnection(self._host, self._port, timeout=self.timeout), False
        return http.client.HTTPConnection(self._host, self._port, timeout=self.timeout), False

    def _give_back(self, connection: http.client.HTTPConnection) -> None:
        with self._pool_lock:
            if connection.sock is not None and len(self._idle) < MAX_IDLE_CONNECTIONS:
                self._idle.append(connection)
                return
        connection.close()

    def _send(self, request: OutgoingRequest, safe_to_resend: bool,
              keep_open: bool = False) -> tuple[int, http.client.HTTPMessage, bytes, Body | None]:
        what = f"{request.method} {request.path_with_query.split('?')[0]}"
        for attempt in (1, 2):
            connection, reused = self._take()
            try:
                connection.request(request.method, request.path_with_query, body=request.body or None,
                                   headers=request.headers)
                response = connection.getresponse()
                if keep_open and response.status < 300:
                    return response.status, response.headers, b"", Body(self, connection, response, what)
                raw = response.read()
                if response.will_close:
                    connection.close()
                self._give_back(connection)
                return response.status, response.headers, raw, None
            except _STALE_CONNECTION as broken:
                connection.close()
                # The server closed an idle keep-alive connection before reading the request: a new
                # connection is tried once, for calls that may be sent twice.
                if reused and attempt == 1 and safe_to_resend:
                    continue
                raise LudusError(0, "network_error", f"{what} failed: {broken}") from broken
            except TimeoutError as late:
                connection.close()
                raise LudusError(0, "timeout", f"{what} got no answer in {self.timeout:g} s") from late
            except (OSError, http.client.HTTPException) as broken:
                connection.close()
                raise LudusError(0, "network_error", f"{what} failed: {broken}") from broken
        raise AssertionError("unreachable")

    def close(self) -> None:
        """Closes the idle connections (a call made later opens a new one)."""
        _close_all(self._idle, self._pool_lock)

    def _backoff(self, retry_after: float | None, retries: int) -> float | None:
        """The wait before retry ``retries + 1``, or None when the server asks for longer than allowed."""
        if retry_after is not None:
            return None if retry_after > self.max_retry_delay else retry_after
        exponential: float = FIRST_BACKOFF_SECONDS * 2 ** min(retries, 16)
        return min(exponential / 2 + random.random() * exponential / 2, self.max_retry_delay)

    def _failure(self, status: int, headers: http.client.HTTPMessage, raw: bytes) -> LudusError:
        text = raw.decode("utf-8", errors="replace")
        code = f"http_{status}"
        detail: str | None = text[:500] or None
        field = title = None
        problem: dict[str, Any] | None = None
        try:
            parsed = json.loads(text)
        except ValueError:
            parsed = None
        if isinstance(parsed, dict):
            problem = parsed
            code = _text(parsed.get("error")) or code
            detail = _text(parsed.get("detail")) or _text(parsed.get("error_description"))
            field = _text(parsed.get("field"))
            title = _text(parsed.get("title"))
        return LudusError(status, code, detail, field=field, title=title, problem=problem,
                          request_id=headers.get("X-Request-Id"),
                          retry_after=retry_after_seconds(headers.get("Retry-After"), self.clock()))


class Body:
    """The body of an answer, unread, on the connection it arrives on (:meth:`Transport.stream`): read it a
    line at a time (:meth:`lines`) or a chunk at a time (:meth:`chunks`), then :meth:`close` it (or use it
    as a context manager). Read to its end, the connection goes back to the pool; closed early, it is
    closed. A body that breaks off raises :class:`LudusError` ``network_error`` (``timeout`` when a read
    waited longer than the client's ``timeout``)."""

    def __init__(self, transport: Transport, connection: http.client.HTTPConnection,
                 response: http.client.HTTPResponse, what: str) -> None:
        self._transport = transport
        self._connection: http.client.HTTPConnection | None = connection
        self._response = response
        self._what = what
        self.headers = response.headers

    def lines(self) -> Iterator[bytes]:
        """The body's lines as they arrive, each with its line feed (the last one may lack it)."""
        while True:
            line = self._read(self._response.readline)
            if not line:
                return
            yield line

    def chunks(self, size: int = 64 * 1024) -> Iterator[bytes]:
        """The body as it arrives, in chunks of at most ``size`` bytes."""
        while True:
            chunk = self._read(lambda: self._response.read1(size))
            if not chunk:
                return
            yield chunk

    def _read(self, read: Callable[[], bytes]) -> bytes:
        try:
            return read()
        except TimeoutError as late:
            self.close()
            raise LudusError(0, "timeout", f"{self._what} broke off: no data in {self._transport.timeout:g} s; "
                                           "resume after the id of the last record received") from late
        except (OSError, http.client.HTTPException) as broken:
            self.close()
            raise LudusError(0, "network_error", f"{self._what} broke off: {broken!r}; resume after the id of "
                                                 "the last record received") from broken

    def close(self) -> None:
        """Hands the connection back when the body was read to its end, else closes it."""
        connection, self._connection = self._connection, None
        if connection is None:
            return
        if self._response.isclosed() and not self._response.will_close:
            self._transport._give_back(connection)
        else:
            self._response.close()
            connection.close()

    def __enter__(self) -> Body:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def _close_all(idle: deque[http.client.HTTPConnection], lock: threading.Lock) -> None:
    with lock:
        connections = list(idle)
        idle.clear()
    for connection in connections:
        connection.close()


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _query_string(query: Mapping[str, Any] | None) -> str:
    if not query:
        return ""
    pairs = []
    for name, value in query.items():
        if value is None:
            continue
        if isinstance(value, bool):
            value = "true" if value else "false"
        elif isinstance(value, datetime):
            value = value.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")
        elif isinstance(value, date):
            value = value.isoformat()
        pairs.append((name, str(value)))
    encoded = urllib.parse.urlencode(pairs, quote_via=urllib.parse.quote)
    return "?" + encoded if encoded else ""


_SECONDS = re.compile(r"^\d+$")


def retry_after_seconds(value: str | None, now: float) -> float | None:
    """``Retry-After`` as seconds or an HTTP date, in seconds from ``now``; None when absent or unreadable."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if _SECONDS.match(value):
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now)
