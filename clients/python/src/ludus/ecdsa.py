"""Legacy ECDSA request signing (deprecated by the server; docs/migrating-from-ecdsa.md).

Needs the ``ecdsa`` extra: the ``ecdsa`` package (secp256k1) and ``pycryptodome`` (Keccak-256); on
Debian ``apt-get install python3-ecdsa python3-pycryptodome``. Importing this module without them
raises ``ImportError`` naming the extra; the rest of the SDK never imports it unless a client is
built with ``ecdsa=``.

Every request is signed with secp256k1 over Keccak-256 of
``METHOD\\nPATH_WITH_QUERY\\nTIMESTAMP\\nNONCE\\nhex(SHA-256(body))``, with a deterministic ``k``
(RFC 6979) and a low ``s``, and sent as ``authsignature`` (hex ``r||s||v``, ``v`` 27 or 28) with
``X-Ludus-App``, ``X-Ludus-Timestamp`` and a fresh random ``X-Ludus-Nonce``.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import threading
from typing import Callable

try:
    try:
        from Cryptodome.Hash import keccak  # Debian's python3-pycryptodome, and pycryptodomex
    except ImportError:
        from Crypto.Hash import keccak  # type: ignore[no-redef]  # pycryptodome from PyPI
    from ecdsa import SECP256k1, SigningKey
    from ecdsa.ellipticcurve import Point
    from ecdsa.util import sigencode_strings_canonize
except ImportError as missing:  # pragma: no cover - exercised by the test that hides the packages
    raise ImportError("ECDSA signing needs the ecdsa extra: pip install 'ludus-client[ecdsa]' "
                      "(the ecdsa and pycryptodome packages; on Debian python3-ecdsa and python3-pycryptodome)"
                      ) from missing

from ._transport import OutgoingRequest
from .errors import LudusError

__all__ = ["EcdsaAuthentication", "ecdsa_address", "ecdsa_signature", "LOGGER_NAME"]

#: Where the deprecation warning goes (once per client).
LOGGER_NAME = "ludus"
_ORDER = SECP256k1.order
_CURVE = SECP256k1.curve
_G = SECP256k1.generator


def _keccak256(data: bytes) -> bytes:
    return keccak.new(digest_bits=256, data=data).digest()


def _private_key(private_key: int | str | bytes) -> int:
    if isinstance(private_key, bool):
        raise ValueError("private_key must be a secp256k1 private key")
    if isinstance(private_key, str):
        digits = private_key[2:] if private_key.startswith("0x") else private_key
        if not 1 <= len(digits) <= 64 or any(c not in "0123456789abcdefABCDEF" for c in digits):
            raise ValueError("private_key must be a secp256k1 private key: up to 64 hex digits")
        private_key = int(digits, 16)
    elif isinstance(private_key, (bytes, bytearray)):
        if len(private_key) != 32:
            raise ValueError("private_key must be 32 bytes")
        private_key = int.from_bytes(private_key, "big")
    if not isinstance(private_key, int) or not 0 < private_key < _ORDER:
        raise ValueError("private_key must be a secp256k1 private key (1 to n - 1)")
    return private_key


def ecdsa_address(private_key: int | str | bytes) -> str:
    """The key's address as Ludus registers it: ``0x`` and the last 20 bytes of Keccak-256 of the public key."""
    point = SigningKey.from_secret_exponent(_private_key(private_key), curve=SECP256k1).get_verifying_key().pubkey.point
    public = point.x().to_bytes(32, "big") + point.y().to_bytes(32, "big")
    return "0x" + _keccak256(public)[12:].hex()


def _recover(digest: bytes, r: int, s: int, recovery_id: int) -> tuple[int, int] | None:
    """Q = r^-1 (sR - eG), where R is the curve point with x = r and the parity of the recovery id."""
    p = _CURVE.p()
    alpha = (pow(r, 3, p) + 7) % p
    beta = pow(alpha, (p + 1) // 4, p)
    if beta * beta % p != alpha:
        return None
    y = beta if beta % 2 == recovery_id else p - beta
    big_r = Point(_CURVE, r, y, _ORDER)
    e = int.from_bytes(digest, "big")
    r_inverse = pow(r, -1, _ORDER)
    q = big_r * (s * r_inverse % _ORDER) + _G * ((-e) * r_inverse % _ORDER)
    return q.x(), q.y()


def ecdsa_signature(private_key: int | str | bytes, method: str, path_with_query: str, timestamp: str, nonce: str,
                    body: bytes) -> str:
    """The ``authsignature`` of one request: ``r||s||v`` in hex, 130 characters."""
    key = SigningKey.from_secret_exponent(_private_key(private_key), curve=SECP256k1)
    message = f"{method}\n{path_with_query}\n{timestamp}\n{nonce}\n{hashlib.sha256(body).hexdigest()}"
    digest = _keccak256(message.encode("utf-8"))
    r_bytes, s_bytes = key.sign_digest_deterministic(digest, hashfunc=hashlib.sha256,
                                                     sigencode=sigencode_strings_canonize)
    r, s = int.from_bytes(r_bytes, "big"), int.from_bytes(s_bytes, "big")
    public = key.get_verifying_key().pubkey.point
    for recovery_id in (0, 1):
        if _recover(digest, r, s, recovery_id) == (public.x(), public.y()):
            return str(r_bytes.hex() + s_bytes.hex()) + format(27 + recovery_id, "02x")
    raise AssertionError("no recovery id recovers the signing key")


class EcdsaAuthentication:
    """Signs every request with a legacy secp256k1 key; logs one deprecation warning per client. Thread-safe."""

    def __init__(self, application_id: str, private_key: int | str | bytes, *, clock: Callable[[], float]) -> None:
        if not isinstance(application_id, str) or not application_id.strip():
            raise ValueError("application_id must not be blank")
        self._application_id = application_id
        self._private_key = _private_key(private_key)
        self._clock = clock
        self._warned = threading.Event()

    def address(self) -> str:
        """The address to register for this key (``client.application.add_ecdsa_key``)."""
        return ecdsa_address(self._private_key)

    def apply(self, request: OutgoingRequest) -> str | None:
        if not self._warned.is_set():
            self._warned.set()
            logging.getLogger(LOGGER_NAME).warning(
                "Ludus application %s signs its requests with ECDSA, which is deprecated: move to "
                "client_credentials (docs/migrating-from-ecdsa.md)", self._application_id)
        timestamp = str(int(self._clock()))
        nonce = secrets.token_hex(16)
        request.headers["authsignature"] = ecdsa_signature(self._private_key, request.method,
                                                           request.path_with_query, timestamp, nonce, request.body)
        request.headers["X-Ludus-App"] = self._application_id
        request.headers["X-Ludus-Timestamp"] = timestamp
        request.headers["X-Ludus-Nonce"] = nonce
        return None

    def rejected(self, error: LudusError, credential: str | None) -> bool:
        return False

    def __repr__(self) -> str:
        return f"EcdsaAuthentication({self._application_id}, <hidden key>)"
