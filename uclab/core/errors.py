"""Errors: one class per RFC or Cisco error, each carrying its wire form.

:class:`OAuthError` subclasses follow RFC 6749 §4.1.2.1 and §5.2 (authorization and token
endpoints) and RFC 6750 §3.1 (resource servers). Their ``description`` names the actual values
involved, because reading it is the learner's job. :class:`UclabError` subclasses that are not
OAuth errors report bad input to the lab's own Python API (a parameter out of range, an unknown
host), always with a message naming what is wrong.
"""

from __future__ import annotations

import json
import re
from typing import ClassVar

# RFC 6749 §4.1.2.1 / §5.2: error_description may only hold %x20-21 / %x23-5B / %x5D-7E.
_UNSAFE = re.compile(r'[^\x20\x21\x23-\x5b\x5d-\x7e]')


def safe_description(text: str) -> str:
    """Make ``text`` legal for ``error_description`` (no quotes, backslashes or non-ASCII)."""
    text = text.replace("\\", "/").replace('"', "'").replace("\u2026", "...")
    return _UNSAFE.sub("'", text)[:400]


class UclabError(Exception):
    """Base of everything uclab raises at its public API."""


class ConfigError(UclabError, ValueError):
    """An admin action or lab call with a value the product would refuse."""


class UnknownHostError(UclabError, ConnectionError):
    """No lab node answers for this host name (the lab's equivalent of a DNS failure)."""


class ConnectionRefused(UclabError, ConnectionError):
    """A node refuses the connection (intrusion protection, service down): a transport error."""


class TlsAlert(ConnectionRefused):
    """A TLS handshake ended with an alert (RFC 8446 §6.2, e.g. ``unknown_ca``): a transport
    error, no response."""


class OAuthError(UclabError):
    """An OAuth 2.0 error with its ``error`` code, HTTP status and description."""

    error: ClassVar[str] = "server_error"
    status: ClassVar[int] = 400

    def __init__(self, description: str) -> None:
        super().__init__(description)
        self.description = safe_description(description)

    def as_dict(self) -> dict[str, str]:
        return {"error": self.error, "error_description": self.description}

    def body(self) -> bytes:
        return json.dumps(self.as_dict()).encode()

    def __str__(self) -> str:
        return f"{self.error}: {self.description}"


class InvalidRequest(OAuthError):
    error = "invalid_request"


class InvalidClient(OAuthError):
    error = "invalid_client"
    status = 401


class InvalidGrant(OAuthError):
    error = "invalid_grant"


class UnauthorizedClient(OAuthError):
    error = "unauthorized_client"


class UnsupportedGrantType(OAuthError):
    error = "unsupported_grant_type"


class UnsupportedResponseType(OAuthError):
    error = "unsupported_response_type"


class InvalidScope(OAuthError):
    error = "invalid_scope"


class AccessDenied(OAuthError):
    error = "access_denied"
    status = 403


class InvalidToken(OAuthError):
    """RFC 6750 §3.1: the access token is expired, revoked, malformed or invalid."""

    error = "invalid_token"
    status = 401


class WeakKeyError(ConfigError):
    """A key below the strength RFC 7518 §3.2/§3.3 and RFC 8725 §3.5 require."""
