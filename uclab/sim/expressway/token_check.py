"""Who may use an MRA service: Expressway-C checks a bearer token itself with its own copy of
the CUCM keys (self-describing tokens, S6), or, with "Authorize by user credentials" On, asks
the home cluster's UDS about Basic credentials (S17, S18).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from uclab.core.errors import InvalidRequest
from uclab.core.wire import Request, Response
from uclab.facts import (
    AUTH_FAILED,
    CONCEALED_LOWER,
    CUCM_HTTPS_PORT,
    EDGE_REALM,
    EVENT_OAUTH,
    MOD_ECP,
    MOD_SSO_SERVER,
    OAUTH_VALIDATOR,
    UDS_USER_DEVICES,
)
from uclab.protocols.validation import Validation, validate_access_token
from uclab.sim.expressway.ucm_servers import UcmServers
from uclab.trace.logline import CONCEALED

if TYPE_CHECKING:
    from uclab.sim.cucm.cluster import CucmCluster



class TokenCheck(UcmServers):
    """Token validation and the authorization of MRA requests (part of
    :class:`~uclab.sim.expressway.core.ExpresswayC`)."""

    def check_token(self, token: str) -> Validation:
        """OAuthvalidator: validate an access token with Expressway-C's own key copies."""
        probe = Request.make("POST", f"https://{self.host}{OAUTH_VALIDATOR}",
                             {"Content-Type": "application/json"}, json.dumps({"token": token}))
        self.log.http_send(MOD_SSO_SERVER, probe, [(token, CONCEALED_LOWER)], url=probe.url)
        result = validate_access_token(token, self.keys, now=self.now, node=self.host)
        user = str((result.claims or {}).get("sub", ""))
        self.log.token_check(user, result.ok, result.reason, "")
        return result

    def _authorize(self, req: Request) -> tuple[CucmCluster | None, Response | None]:
        """Who may use an MRA service: a valid bearer token (self-describing, checked with our
        keys, S6) or, when "Authorize by user credentials" is On, a user whose Basic
        credentials the home cluster's UDS accepts (S17, S18). Returns the home cluster."""
        auth = req.headers.get("authorization") or ""
        scheme, _, credential = auth.partition(" ")
        if scheme.lower() == "bearer" and credential.strip():
            result = self.check_token(credential.strip())
            if not result.ok:
                # S8 reports 403 for every MRA service when Expressway's clock is wrong; the
                # status for other token failures is not documented: uclab answers 403 [U].
                return None, Response.make(403, {"error": "invalid_token",
                                                 "error_description": result.reason},
                                           {"WWW-Authenticate": 'Bearer error="invalid_token"'})
            return self._cluster_by_id(str((result.claims or {}).get("iss"))), None
        if scheme.lower() == "basic" and self.access.authorize_by_user_credentials:
            try:
                creds = req.basic_auth()
            except InvalidRequest:
                creds = None
            server = self._home_server(creds[0]) if creds else None
            if server is not None and server.cluster is not None and creds is not None:
                url = (f"https://{server.cluster.publisher.host}:{CUCM_HTTPS_PORT}"
                       + UDS_USER_DEVICES.format(user=creds[0]))
                check = Request.make("GET", url, {"Authorization": auth})
                self.log.http_send(MOD_ECP, check, [(auth, CONCEALED)])
                ex = self.ctx.network.send(self.name, check)
                if ex.response is not None and ex.response.status == 200:
                    return server.cluster, None
            self.log.event(EVENT_OAUTH, str(AUTH_FAILED), creds[0] if creds else "-", "-",
                           level="ERROR", peer=req, local_ip=self.address)
        return None, Response.make(401, b"", {"WWW-Authenticate": f'Basic realm="{EDGE_REALM}"'}
                                   if self.access.authorize_by_user_credentials else
                                   {"WWW-Authenticate": f'Bearer realm="{EDGE_REALM}"'})
