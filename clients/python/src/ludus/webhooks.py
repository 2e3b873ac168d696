"""Verifies webhooks signed as Standard Webhooks asks (https://www.standardwebhooks.com/):
``webhook-signature`` holds one or more space-separated ``v1,<base64>`` signatures, each an
HMAC-SHA256 of ``webhook-id + "." + webhook-timestamp + "." + body`` with the base64 key of a
``whsec_`` secret. Pass the raw body bytes as received, before any JSON parsing."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import time
from typing import Any, Callable, Mapping

from .errors import WebhookVerificationError

__all__ = ["verify_webhook", "DEFAULT_TOLERANCE_SECONDS"]

#: How far ``webhook-timestamp`` may be from now, either way, by default.
DEFAULT_TOLERANCE_SECONDS = 300
_PREFIX = "whsec_"


def verify_webhook(secret: str, headers: Mapping[str, str], body: bytes | str, *,
                   tolerance_seconds: float = DEFAULT_TOLERANCE_SECONDS,
                   clock: Callable[[], float] = time.time) -> Any:
    """Answers the parsed payload when one ``v1`` signature matches and ``webhook-timestamp`` is within
    ``tolerance_seconds`` of ``clock()``; raises :class:`WebhookVerificationError` otherwise.

    ``headers`` may be any mapping: header names are matched without regard to case, and a WSGI
    ``environ`` works as is (``HTTP_WEBHOOK_ID``). During a secret rotation Ludus sends two
    signatures; either secret verifies. Signatures are compared in constant time.
    """
    key = _key(secret)
    raw = body.encode("utf-8") if isinstance(body, str) else bytes(body)
    message_id = _header(headers, "webhook-id")
    timestamp = _header(headers, "webhook-timestamp")
    signatures = _header(headers, "webhook-signature")
    try:
        sent = int(timestamp)
    except ValueError:
        raise WebhookVerificationError("webhook-timestamp is not whole seconds since the epoch") from None
    now = clock()
    if sent < now - tolerance_seconds:
        raise WebhookVerificationError("webhook-timestamp is too old")
    if sent > now + tolerance_seconds:
        raise WebhookVerificationError("webhook-timestamp is too far in the future")
    expected = hmac.new(key, f"{message_id}.{timestamp}.".encode("utf-8") + raw, hashlib.sha256).digest()
    for candidate in signatures.split():
        version, comma, encoded = candidate.partition(",")
        if not comma or version != "v1":
            continue  # another version: not ours to check
        try:
            given = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            continue
        if hmac.compare_digest(expected, given):
            try:
                return json.loads(raw)
            except ValueError:
                raise WebhookVerificationError("the signed body is not JSON") from None
    raise WebhookVerificationError("no v1 signature of webhook-signature matches")


def _key(secret: str) -> bytes:
    if not isinstance(secret, str) or not secret.strip():
        raise ValueError("secret must be a whsec_ webhook secret")
    encoded = secret[len(_PREFIX):] if secret.startswith(_PREFIX) else secret
    try:
        key = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("secret must be whsec_ and base64") from None
    if not key:
        raise ValueError("secret must be whsec_ and base64")
    return key


def _header(headers: Mapping[str, str], name: str) -> str:
    for key, value in headers.items():
        if not isinstance(key, str) or not isinstance(value, str):
            continue
        normal = key.lower().replace("_", "-")
        if normal.startswith("http-"):
            normal = normal[len("http-"):]
        if normal == name and value.strip():
            return value.strip()
    raise WebhookVerificationError(f"missing header {name}")
