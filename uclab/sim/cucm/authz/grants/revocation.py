"""CUCM's revoke API, ``/ssosp/token/revoke`` (S2, S4): a user's refresh tokens, or one
client's, are revoked; access tokens already issued stay valid until they expire
(self-contained, S2)."""

from __future__ import annotations

from uclab.core.errors import ConfigError
from uclab.sim.cucm.authz.grants.base import GrantBase


class Revocation(GrantBase):
    """Token revocation (part of :class:`~uclab.sim.cucm.authz.grants.AuthzService`)."""

    def revoke(self, user_id: str, client_id: str | None) -> int:
        """``/ssosp/token/revoke``: revoke a user's refresh tokens, or one client's (S2, S4).

        Access tokens already issued stay valid until they expire (self-contained, S2)."""
        if self.cluster.users.get(user_id) is None:
            raise ConfigError(f"there is no user {user_id!r}")
        return self.store.revoke(user_id, client_id)
