"""Ludus's Python client: the application API, its three authentication methods and a Standard
Webhooks verifier, on the standard library alone (ECDSA signing needs the ``ecdsa`` extra).

See docs/sdk-python.md."""

from ._api import MAX_BATCH, new_idempotency_key
from ._auth import mint_application_token
from .client import ApplicationToken, ClientCredentials, EcdsaSigning, Ludus
from .errors import LudusError, WebhookVerificationError
from .models import *  # noqa: F401,F403 - the answer dataclasses
from .models import __all__ as _models
from .webhooks import verify_webhook

__version__ = "0.1.0"

__all__ = ["Ludus", "ClientCredentials", "ApplicationToken", "EcdsaSigning", "LudusError",
           "WebhookVerificationError", "verify_webhook", "mint_application_token", "new_idempotency_key",
           "MAX_BATCH", *_models]
