"""The authentication methods of the standard library: HS256 application tokens (spec 000), auth tokens
from client credentials (spec 003) and a token given by the caller. ECDSA lives in :mod:`ludus.ecdsa`."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
import uuid
from dataclasses import dataclass
from typing import Callable, Sequence

from ._transport import HeaderAuthentication, OutgoingRequest, Transport
from .errors import LudusError

__all__ = ["ApplicationTokenAuthentication", "ClientCredentialsAuthentication", "GivenTokenAuthentication",
           "mint_application_token", "RENEW_BEFORE_SECONDS"]

#: The refusals that mean a token went stale: drop it, get another, send the call once more.
STALE_TOKEN_ERRORS = frozenset({"token_revoked", "token_expired", "invalid_token"})
#: Ask for a new auth token when this much or less is left (spec 003): 30 minutes.
RENEW_BEFORE_SECONDS = 30 * 60
#: When the server hands back the same token (its clock is behind ours), look again after this.
SAME_TOKEN_RECHECK_SECONDS = 60
MAX_LIFETIME_SECONDS = 24 * 60 * 60
_HEADER = base64.urlsafe_b64encode(b'{"alg":"HS256","typ":"JWT"}').rstrip(b"=")


def _require_text(value: object, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name} must not be blank")
    return value


def _b64url(data: bytes) -> bytes:
    return base64.urlsafe_b64encode(data).rstrip(b"=")


class ApplicationTokenAuthentication:
    """Spec 000's application tokens: a new HS256 token for every request, claims ``sub iss aud iat exp
    jti scope``, signed with the UTF-8 bytes of the whole API secret. Immutable; minting takes
    microseconds, so nothing is cached."""

    def __init__(self, tenant_id: str, application_id: str, api_secret: str, *, subject: str = "server",
                 scopes: Sequence[str] = ("users:read", "users:write"), lifetime_seconds: int = 300,
                 clock: Callable[[], float]) -> None:
        self._tenant_id = _require_text(tenant_id, "tenant_id")
        self._application_id = _require_text(application_id, "application_id")
        self._key = _require_text(api_secret, "api_secret").encode("utf-8")
        self._subject = _require_text(subject, "subject")
        if isinstance(scopes, str) or not all(isinstance(scope, str) for scope in scopes):
            raise ValueError("scopes must be a list of strings, e.g. ['admin']")
        self._scopes = list(scopes)
        if not (isinstance(lifetime_seconds, int) and 0 < lifetime_seconds <= MAX_LIFETIME_SECONDS):
            raise ValueError(f"lifetime_seconds must be above 0 and at most {MAX_LIFETIME_SECONDS}")
        self._lifetime = lifetime_seconds
        self._clock = clock

    def for_user(self, user_id: str) -> ApplicationTokenAuthentication:
        """The same application and secret, acting for ``user_id`` with scopes ``read`` and ``write``."""
        return ApplicationTokenAuthentication(self._tenant_id, self._application_id, self._key.decode("utf-8"),
                                              subject=_require_text(user_id, "user_id"), scopes=("read", "write"),
                                              lifetime_seconds=self._lifetime, clock=self._clock)

    def mint(self) -> str:
        """A new token: ``iat`` now by the client's clock, ``exp`` one lifetime later, a random ``jti``."""
        now = int(self._clock())
        claims = {"sub": self._subject, "iss": self._tenant_id, "aud": self._application_id, "iat": now,
                  "exp": now + self._lifetime, "jti": str(uuid.uuid4()), "scope": self._scopes}
        signing_input = _HEADER + b"." + _b64url(json.dumps(claims, separators=(",", ":")).encode("utf-8"))
        signature = hmac.new(self._key, signing_input, hashlib.sha256).digest()
        return (signing_input + b"." + _b64url(signature)).decode("ascii")

    def apply(self, request: OutgoingRequest) -> str | None:
        token = self.mint()
        request.headers["Authorization"] = "Bearer " + token
        return token

    def rejected(self, error: LudusError, credential: str | None) -> bool:
        return False  # a fresh token is minted for every request: another try would be refused the same way

    def __repr__(self) -> str:
        return f"ApplicationTokenAuthentication({self._application_id}, subject={self._subject!r})"


def mint_application_token(tenant_id: str, application_id: str, api_secret: str, *, subject: str,
                           scopes: Sequence[str] = ("read",), lifetime_seconds: int = 300,
                           clock: Callable[[], float] | None = None) -> str:
    """One HS256 application token, e.g. for a browser that asks its back end for a token of its user."""
    return ApplicationTokenAuthentication(tenant_id, application_id, api_secret, subject=subject, scopes=scopes,
                                          lifetime_seconds=lifetime_seconds, clock=clock or time.time).mint()


@dataclass(frozen=True)
class _Cached:
    token: str
    expires_at: float
    renew_at: float


class ClientCredentialsAuthentication:
    """Spec 003's auth tokens: ``POST /v1/auth_token`` with HTTP Basic, the token cached and sent as
    Bearer until it has 30 minutes or less left by the client's clock; then one request for a new one
    however many threads need it.

    Guarding: ``_cached`` is an immutable snapshot read without the lock on the fast path; it is only
    replaced while ``_refresh`` is held, so at most one ``POST /v1/auth_token`` is in flight per client
    and the threads that waited for it use its answer.
    """

    def __init__(self, transport: Transport, client_id: str, client_secret: str) -> None:
        if not isinstance(client_id, str) or not client_id.strip() or ":" in client_id:
            raise ValueError("client_id must be a non-blank client id without ':'")
        _require_text(client_secret, "client_secret")
        self._transport = transport
        basic = base64.b64encode(f"{client_id}:{client_secret}".encode("utf-8")).decode("ascii")
        self._basic = HeaderAuthentication("Basic " + basic)
        self._refresh = threading.Lock()
        self._cached: _Cached | None = None

    def apply(self, request: OutgoingRequest) -> str | None:
        token = self.token()
        request.headers["Authorization"] = "Bearer " + token
        return token

    def rejected(self, error: LudusError, credential: str | None) -> bool:
        if credential is None or error.code not in STALE_TOKEN_ERRORS:
            return False
        self._forget(credential)
        return True

    def token(self) -> str:
        """The cached token, or a new one when it has 30 minutes or less left."""
        current = self._cached
        if current is not None and self._transport.clock() < current.renew_at:
            return current.token
        with self._refresh:
            current = self._cached
            if current is not None and self._transport.clock() < current.renew_at:
                return current.token
            answer = self._transport.call(self._basic, "POST", "/v1/auth_token", resendable=True)
            now = self._transport.clock()
            expires_at = float(answer["expiration"])
            renew_at = expires_at - RENEW_BEFORE_SECONDS
            if now >= renew_at:
                # The server still finds more than 30 minutes left (its clock is behind ours): use this
                # token and ask again in a minute rather than on every call.
                renew_at = now + SAME_TOKEN_RECHECK_SECONDS
            self._cached = _Cached(answer["token"], expires_at, renew_at)
            return self._cached.token

    def invalidate(self) -> None:
        """Ends the cached token at the server (``DELETE /v1/auth_token``) and forgets it."""
        current = self._cached
        if current is None:
            return
        try:
            self._transport.call(HeaderAuthentication("Bearer " + current.token), "DELETE", "/v1/auth_token")
        except LudusError as refused:
            if refused.status != 401:  # already invalid: forgetting it is all that is left to do
                raise
        finally:
            self._forget(current.token)

    def _forget(self, token: str) -> None:
        """Drops the cached token if it is still ``token`` (another thread may have replaced it)."""
        with self._refresh:
            if self._cached is not None and self._cached.token == token:
                self._cached = None

    def __repr__(self) -> str:
        return "ClientCredentialsAuthentication(<hidden>)"


class GivenTokenAuthentication:
    """A token given by the caller: a string, or a function asked before every call (and once more after
    a 401 ``token_revoked``, ``token_expired`` or ``invalid_token``)."""

    def __init__(self, token: str | Callable[[], str]) -> None:
        if not (callable(token) or (isinstance(token, str) and token.strip())):
            raise ValueError("token must be a non-blank string or a function answering one")
        self._token = token

    def apply(self, request: OutgoingRequest) -> str | None:
        token = self._token() if callable(self._token) else self._token
        request.headers["Authorization"] = "Bearer " + token
        return token

    def rejected(self, error: LudusError, credential: str | None) -> bool:
        # A function may answer a fresh token when asked again; a fixed string cannot.
        return callable(self._token) and error.code in STALE_TOKEN_ERRORS

    def __repr__(self) -> str:
        return "GivenTokenAuthentication(<hidden>)"
