"""The URL forms of MRA on Expressway-E (S18, S17, S19).

* edge requests: ``https://<Expressway-E>:8443/<base64url(domain), no padding>/<request>``;
* requests proxied to inside servers:
  ``https://<Expressway-E>:8443/<base64url("<domain>/<scheme>/<host>/<port>")>/<path>``.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass

from uclab import facts
from uclab.core.errors import InvalidRequest

_B64URL = re.compile(r"[A-Za-z0-9_-]+\Z")  # the decoder would skip other characters
_PORT = re.compile(r"[0-9]{1,5}\Z")  # str.isdigit() also takes digits int() refuses


def b64url(text: str) -> str:
    """Base64url without padding, as in ``dGJ0cC5jb20`` = "tbtp.com" (S18)."""
    return base64.urlsafe_b64encode(text.encode()).rstrip(b"=").decode()


def unb64url(segment: str) -> str:
    if not _B64URL.match(segment):
        raise InvalidRequest(f"{segment[:40]!r} is not base64url text")
    try:
        return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)).decode()
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise InvalidRequest(f"{segment[:40]!r} is not base64url text") from None


#: Expressway-E's MRA port, the default of every edge URL
_EDGE_PORT = int(facts.EDGE_HTTPS_PORT)


def edge_url(edge_host: str, domain: str, request: str, port: int = _EDGE_PORT) -> str:
    return f"https://{edge_host}:{port}/{b64url(domain)}/{request.lstrip('/')}"


def proxied_url(edge_host: str, domain: str, scheme: str, host: str, port: int, path: str,
                edge_port: int = _EDGE_PORT) -> str:
    prefix = b64url(f"{domain}/{scheme}/{host}/{port}")
    return f"https://{edge_host}:{edge_port}/{prefix}/{path.lstrip('/')}"


@dataclass(frozen=True)
class EdgeTarget:
    """What the first path segment of an edge request names."""

    domain: str
    scheme: str | None = None
    host: str | None = None
    port: int | None = None
    rest: str = ""

    @property
    def proxied(self) -> bool:
        return self.host is not None


def parse_edge_path(path: str) -> EdgeTarget:
    """Split ``/<b64>/<rest>`` into the domain (and inside server) and the request."""
    first, _, rest = path.lstrip("/").partition("/")
    decoded = unb64url(first)
    parts = decoded.split("/")
    if len(parts) == 1:
        return EdgeTarget(decoded, rest=rest)
    if len(parts) != 4 or not parts[1] or not parts[2] or not _PORT.match(parts[3]) or \
            not 0 < int(parts[3]) < 65536:
        raise InvalidRequest(f"the proxied target {decoded[:80]!r} is not domain/scheme/host/port")
    return EdgeTarget(parts[0], parts[1], parts[2].lower(), int(parts[3]), rest)
