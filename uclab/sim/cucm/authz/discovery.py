"""The lab's discovery endpoints on CUCM's AuthZ service: RFC 8414 metadata and a JWKS of the
public signing key (lab extensions: Cisco CUCM publishes neither, ``facts.LAB_METADATA``,
``facts.LAB_JWKS``). Mixed into :class:`uclab.sim.cucm.authz.endpoints.AuthzEndpoints`."""

from __future__ import annotations

from typing import Any

from uclab.core.wire import Request, Response
from uclab.facts import (
    LAB_JWKS,
    PKCE_S256,
    SCOPE_UC,
    SSOSP_AUTHORIZE,
    SSOSP_BASE,
    SSOSP_REVOKE,
    SSOSP_TOKEN,
)


class LabDiscovery:
    """Uses the endpoints' ``node`` (its cluster's grant flows and profile, its keys) and
    ``base`` URL."""

    # -- lab extensions -------------------------------------------------------------------------
    def metadata(self, req: Request) -> Response:
        """RFC 8414 §2 metadata (a uclab extension: CUCM publishes none)."""
        base = self.base
        return Response.make(200, {
            "issuer": base + str(SSOSP_BASE),
            "authorization_endpoint": base + str(SSOSP_AUTHORIZE),
            "token_endpoint": base + str(SSOSP_TOKEN),
            "jwks_uri": base + str(LAB_JWKS),
            "response_types_supported": self._response_types(),
            "grant_types_supported": self._grant_types(),
            "token_endpoint_auth_methods_supported": ["client_secret_basic",
                                                      "client_secret_post"],
            "scopes_supported": [str(SCOPE_UC)],
            "revocation_endpoint": base + str(SSOSP_REVOKE),
            "uclab_note": "lab extension: Cisco CUCM publishes no RFC 8414 metadata",
            **self._pkce_metadata(),
        }, {"Cache-Control": "max-age=60"})

    def _pkce_metadata(self) -> dict[str, Any]:
        """RFC 8414 §2 ``code_challenge_methods_supported``, only where the profile checks
        PKCE (no Cisco source documents PKCE, so the cisco profile claims none)."""
        profile = self.node.cluster.profile
        if not profile.pkce_enforced:
            return {}
        return {"code_challenge_methods_supported": [str(PKCE_S256)],
                "uclab_profile": profile.label}

    def _grant_types(self) -> list[str]:
        return [g for g in self.node.cluster.grant_flows() if g != "implicit"] or ["none"]

    def _response_types(self) -> list[str]:
        flows = self.node.cluster.grant_flows()
        implicit = "implicit" in flows and self.node.cluster.profile.implicit_allowed
        return (["code"] if "authorization_code" in flows else []) + \
            (["token"] if implicit else [])

    def jwks(self, req: Request) -> Response:
        """The public signing key only: no private members, no symmetric key (I1, I2)."""
        keys = self.node.keys
        body = keys.public_jwks() if keys else {"keys": []}
        return Response.make(200, body, {"Cache-Control": "max-age=60"})
