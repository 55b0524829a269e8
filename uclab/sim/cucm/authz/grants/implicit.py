"""The implicit grant (``response_type=token``) of CUCM's AuthZ service.

Weaker than RFC 9700 §2.1.2 (SHOULD NOT use the implicit grant): CUCM keeps it for older Jabber
and RTMT, enabled by default (S1, S2), and offers it only with SAML SSO (S1). The token is
opaque and held in the issuing node's memory (S1, proxy mode).
"""

from __future__ import annotations

from uclab.core.errors import UnauthorizedClient, UnsupportedResponseType
from uclab.facts import RELEASE_IMPLICIT
from uclab.facts.releases import supports_implicit
from uclab.sim.cucm.authz.grants.base import GrantBase
from uclab.sim.cucm.authz.store import Client, PendingLogin


class ImplicitGrant(GrantBase):
    """The implicit grant (part of :class:`~uclab.sim.cucm.authz.grants.AuthzService`)."""

    def _check_implicit(self, client: Client) -> None:
        """CUCM's release and SAML SSO must offer the grant, and the client may use it."""
        version = self.cluster.version
        if not supports_implicit(version):
            raise UnsupportedResponseType(f"CUCM {version} has no OAuth (from {RELEASE_IMPLICIT})")
        if self.cluster.idp is None:
            raise UnsupportedResponseType("the implicit grant is only offered with SAML SSO, "
                                          "and SSO is not enabled on this cluster")
        if "implicit" not in client.grant_types:
            raise UnauthorizedClient(f"client {client.name!r} may not use the implicit grant")

    def _third_party_uris(self, client: Client) -> list[str]:
        """"Redirect URIs for Third Party SSO Client" extends implicit-grant clients (S23)."""
        if "implicit" not in client.grant_types:
            return []
        return self.cluster.params.third_party_redirect_uris

    def _implicit_token(self, pending: PendingLogin, user_id: str) -> dict[str, str]:
        """The fragment parameters of an implicit-grant redirect (RFC 6749 §4.2.2)."""
        node = self.cluster.publisher
        token, lifetime = node.issue_implicit_token(user_id, pending.client_id, pending.scope)
        return {"access_token": token, "token_type": "Bearer", "expires_in": str(lifetime),
                "scope": pending.scope}
