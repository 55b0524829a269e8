"""How Unity Connection validates a Jabber access token: with its own key copies, one per synced
Authz server, through the shared validator (S2 order; S12: stale copies until Sync Keys)."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterable
from typing import Any

from uclab.core import defaults
from uclab.protocols.keys import AuthzKeys
from uclab.protocols.validation import Validation, validate_access_token
from uclab.sim.unity.authz_servers import AuthzServer


def held_keys(servers: Iterable[AuthzServer]) -> list[AuthzKeys]:
    """CUC's own key copies, one per synced Authz server."""
    return [s.keys for s in servers if s.keys is not None]


def token_kid(token: Any) -> str | None:
    """The ``kid`` of a compact JWS header, or None for anything that is not one."""
    if not isinstance(token, str) or len(token) > defaults.MAX_TOKEN_LENGTH:
        return None
    head = token.split(".", 1)[0]
    try:
        header = json.loads(base64.urlsafe_b64decode(head + "=" * (-len(head) % 4)))
    except (ValueError, UnicodeDecodeError, RecursionError, binascii.Error):
        return None
    kid = header.get("kid") if isinstance(header, dict) else None
    return kid if isinstance(kid, str) else None


def server_for(token: Any, servers: Iterable[AuthzServer]) -> AuthzServer | None:
    """The Authz server whose signing key copy has the token's ``kid``, if any."""
    kid = token_kid(token)
    for server in servers:
        if kid is not None and server.keys is not None and server.keys.signing_kid == kid:
            return server
    return None


def validate_with_copies(token: Any, servers: list[AuthzServer], now: int,
                         host: str) -> Validation:
    """Validate ``token`` with the key copies of ``servers`` at ``now``, as node ``host``.

    The user-active check asks the CUCM cluster whose keys signed the token (S2 order).
    """
    server = server_for(token, servers)
    if server is not None and server.cluster is not None:
        return validate_access_token(token, server.keys, now=now,
                                     user_active=server.cluster.users.is_active, node=host)
    return validate_access_token(token, held_keys(servers), now=now, node=host)
