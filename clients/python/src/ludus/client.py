"""The client: one per application, built with exactly one authentication method, shared by threads."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from . import _api
from ._auth import ApplicationTokenAuthentication, ClientCredentialsAuthentication, GivenTokenAuthentication
from ._transport import Authentication, Transport

__all__ = ["Ludus", "ClientCredentials", "ApplicationToken", "EcdsaSigning"]


@dataclass(frozen=True)
class ClientCredentials:
    """Auth tokens from ``POST /v1/auth_token`` (spec 003), cached: the recommended method on a server."""

    client_id: str
    client_secret: str = field(repr=False)


@dataclass(frozen=True)
class ApplicationToken:
    """A short-lived HS256 token minted with the API secret for every request (spec 000).

    ``subject`` is the tokens' ``sub`` and ``scopes`` their ``scope``: ``["admin"]`` for rules,
    webhooks and revocations; :meth:`Ludus.as_user` acts for one user."""

    tenant_id: str
    application_id: str
    api_secret: str = field(repr=False)
    subject: str = "server"
    scopes: Sequence[str] = ("users:read", "users:write")
    lifetime_seconds: int = 300


@dataclass(frozen=True)
class EcdsaSigning:
    """Legacy ECDSA request signing (deprecated): ``private_key`` as up to 64 hex digits (with or
    without ``0x``), 32 bytes or an int. Needs the ``ecdsa`` extra."""

    application_id: str
    private_key: int | str | bytes = field(repr=False)


class Ludus:
    """A client of one Ludus application. Thread-safe: build one and share it (it holds the cached auth
    token and a small pool of keep-alive connections).

    >>> ludus = Ludus("http://localhost:8080", client_credentials=ClientCredentials(client_id, client_secret))
    >>> answer = ludus.events.send(Event("steps", user_id="alice", value=1200))

    Every call raises :class:`ludus.LudusError` when it fails. ``timeout`` is per attempt (seconds);
    429 and 503 are retried up to ``max_retries`` times, after ``Retry-After`` or an exponential backoff
    from 0.2 s (an answer asking to wait longer than ``max_retry_delay`` is raised at once); writes sent
    with an idempotency key are also retried after a timeout or a broken connection. ``clock`` answers
    seconds since the epoch (default ``time.time``): it dates tokens and decides when to renew them.
    ``accept_language`` (an ``Accept-Language`` value such as ``"fr, en;q=0.5"``) is sent with every
    request: answers about a user without a ``locale`` of their own name rules in the first of these
    languages a name has (else in the application's ``default_language``).
    """

    def __init__(self, base_url: str, *, client_credentials: ClientCredentials | None = None,
                 application_token: ApplicationToken | None = None, ecdsa: EcdsaSigning | None = None,
                 token: str | Callable[[], str] | None = None, timeout: float = 30.0, max_retries: int = 2,
                 max_retry_delay: float = 30.0, clock: Callable[[], float] = time.time,
                 accept_language: str | None = None) -> None:
        chosen = {name: value for name, value in {"client_credentials": client_credentials,
                                                  "application_token": application_token, "ecdsa": ecdsa,
                                                  "token": token}.items() if value is not None}
        if len(chosen) != 1:
            raise ValueError("choose exactly one authentication method: client_credentials, application_token, "
                             "ecdsa or token" + (f" (given: {', '.join(chosen)})" if chosen else ""))
        transport = Transport(base_url, timeout=timeout, max_retries=max_retries, max_retry_delay=max_retry_delay,
                              clock=clock, accept_language=accept_language)
        self._init(transport, _authentication(transport, client_credentials, application_token, ecdsa, token))

    def _init(self, transport: Transport, authentication: Authentication) -> None:
        self._transport = transport
        self._authentication = authentication
        self.auth = _api.AuthApi(transport, authentication)
        """``GET /v1/auth/verify`` and token revocation."""
        self.application = _api.ApplicationApi(transport, authentication)
        """The calling application's settings, secrets and ECDSA keys (scope ``admin``)."""
        self.metrics = _api.metrics(transport, authentication)
        self.points_systems = _api.points_systems(transport, authentication)
        """``/v1/points``: points systems (put, get, list, archive) and their seasons; a user's seasons are
        ``users.points_seasons``."""
        self.achievements = _api.achievements(transport, authentication)
        self.streaks = _api.streaks(transport, authentication)
        self.leaderboards = _api.LeaderboardsApi(transport, authentication)
        self.rewards = _api.RewardsApi(transport, authentication)
        """``/v1/rewards`` and ``/v1/redemptions``: the rewards catalog and its redemptions."""
        self.quests = _api.quests(transport, authentication)
        """``/v1/quests``: quests (put, get, list, archive); joining one and a user's quests are in ``users``,
        a team's standing in the team quests in ``teams``."""
        self.teams = _api.TeamsApi(transport, authentication)
        """``/v1/teams``: teams of users and their members."""
        self.team_leaderboards = _api.TeamLeaderboardsApi(transport, authentication)
        """``/v1/team_leaderboards``: boards ranking teams; a period's ranking and a team's place."""
        self.events = _api.EventsApi(transport, authentication)
        self.users = _api.UsersApi(transport, authentication)
        self.webhooks = _api.WebhooksApi(transport, authentication)
        self.audit = _api.AuditApi(transport, authentication)
        self.stats = _api.StatsApi(transport, authentication)
        """``GET /v1/stats``: the usage figures by hour, day or week (scope ``admin``)."""
        self.exports = _api.ExportsApi(transport, authentication)
        """``/v1/export``: every event and every user, streamed a line at a time (scope ``admin``); one user's
        whole record is ``users.export``."""

    def as_user(self, user_id: str) -> Ludus:
        """A view acting for one user (tokens with ``sub`` = ``user_id``, scopes ``read`` and ``write``),
        sharing this client's settings. Only for a client with ``application_token``."""
        if not isinstance(self._authentication, ApplicationTokenAuthentication):
            raise TypeError("as_user needs a client with application_token: only the API secret can mint "
                            "tokens for a user")
        view = Ludus.__new__(Ludus)
        view._init(self._transport, self._authentication.for_user(user_id))
        return view

    def invalidate_token(self) -> None:
        """Ends the cached auth token at the server (``DELETE /v1/auth_token``) and forgets it; the next
        call gets a new one. Only for a client with ``client_credentials``."""
        if not isinstance(self._authentication, ClientCredentialsAuthentication):
            raise TypeError("invalidate_token needs a client with client_credentials")
        self._authentication.invalidate()

    def close(self) -> None:
        """Closes the idle connections; the client stays usable (a later call opens a new one)."""
        self._transport.close()

    def __enter__(self) -> Ludus:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Ludus({self._authentication!r})"


def _authentication(transport: Transport, client_credentials: ClientCredentials | None,
                    application_token: ApplicationToken | None, ecdsa: EcdsaSigning | None,
                    token: str | Callable[[], str] | None) -> Authentication:
    if client_credentials is not None:
        return ClientCredentialsAuthentication(transport, client_credentials.client_id,
                                               client_credentials.client_secret)
    if application_token is not None:
        return ApplicationTokenAuthentication(
            application_token.tenant_id, application_token.application_id, application_token.api_secret,
            subject=application_token.subject, scopes=application_token.scopes,
            lifetime_seconds=application_token.lifetime_seconds, clock=transport.clock)
    if ecdsa is not None:
        from .ecdsa import EcdsaAuthentication  # the optional extra: imported only when chosen
        return EcdsaAuthentication(ecdsa.application_id, ecdsa.private_key, clock=transport.clock)
    assert token is not None
    return GivenTokenAuthentication(token)
