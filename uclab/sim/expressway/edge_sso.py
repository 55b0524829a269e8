"""Expressway as the SAML SP of SSO over MRA (MRA guide, "Single Sign-On (SSO) over the
Collaboration Edge", source MRASSO): "the Expressway-E redirects Jabber to the IdP with a
signed request"; the IdP "redirects Jabber's service request back to the Expressway-E with a
signed assertion"; Expressway-C holds the IdP metadata (Identity providers (IdP)) and its
exported SAML data names the Expressway-E peers, which are the IdP's relying parties.

The assertion consumer is ``/<b64 domain>/fedlet`` on Expressway-E (S25, third-party [U]).
After the check, how Expressway-C obtains the code from CUCM for a user the IdP authenticated
is not published: the lab relays the ``uid`` to CUCM's authorize_proxy in
``X-Asserted-User`` with Expressway-C's own account (modelled, [U]). CUCM issues the code and
the tokens; the IdP issues none.
"""

from __future__ import annotations

import hashlib
import html
from typing import TYPE_CHECKING

from uclab import facts
from uclab.core.errors import OAuthError
from uclab.core.wire import Request, Response
from uclab.protocols.edge_urls import edge_url
from uclab.sim.saml_sp import IdpMetadata, ServiceProvider
from uclab.trace.logline import CONCEALED

if TYPE_CHECKING:
    from uclab.sim.cucm.cluster import CucmCluster

#: Expressway-C's log text per failure of the check: published for uid (SIG-24, S8), the
#: lab's wording for the others (their real text is not published)
FAILURE_TEXT = {"uid": f"{facts.EXPC_INVALID_SAML}: {facts.EXPC_NO_UID}",
                "signature-cert": str(facts.EXPC_SIG_INVALID),
                "signature": str(facts.EXPC_SIG_INVALID),
                "time": str(facts.EXPC_TIME_INVALID)}


class EdgeSso:
    """SSO over MRA (part of :class:`~uclab.sim.expressway.core.ExpresswayC`)."""

    saml_sp: ServiceProvider | None = None
    _codes: dict[bytes, CucmCluster]

    def enable_edge_sso(self, metadata: IdpMetadata, edge_host: str) -> ServiceProvider:
        """Import the IdP metadata; the SP is the Expressway-E peer (its entity id, its ACS)."""
        acs = edge_url(edge_host, self.ctx.domain, str(facts.EDGE_ACS))
        self.saml_sp = ServiceProvider(edge_host, acs, self.ctx.clock)
        self.saml_sp.import_idp_metadata(metadata)
        self._saml_pending: dict[str, tuple[str, str]] = {}
        self._sso_rng = self.ctx.entropy.child("expc/edge-sso")
        return self.saml_sp

    @property
    def edge_sso_active(self) -> bool:
        return self.saml_sp is not None and self.access.saml_path

    def _edge_saml_redirect(self, req: Request) -> Response:
        """The edge authorize request under SAML: 302 to the IdP with an AuthnRequest."""
        q = req.query
        request_id = "s2" + self._sso_rng.hex(20)
        self._saml_pending[request_id] = (q.require("client_id"), q.get("device_id") or "")
        url, _ = self.saml_sp.authn_request(request_id, request_id)
        return Response.make(302, b"", {"Location": url, "Cache-Control": "no-store"})

    def _edge_saml_consume(self, req: Request) -> Response:
        """The assertion posted to Expressway-E's fedlet: check, then get CUCM's code."""
        try:
            form = req.form()
            relay = form.require("RelayState")
            verdict = self.saml_sp.check(form.require("SAMLResponse"), relay,
                                         set(self._saml_pending))
        except OAuthError as exc:  # a SamlError, or a field missing (InvalidRequest)
            return Response.make(400, exc.as_dict())
        if not verdict.ok:
            text = FAILURE_TEXT.get(verdict.failure, str(facts.EXPC_INVALID_SAML))
            self.log.event(facts.EVENT_SSO, text, "-", "-", level="ERROR", peer=req,
                           local_ip=self.address)
            return Response.make(403, f"<html><body><p>{html.escape(text)}</p></body></html>",
                                 {"Cache-Control": "no-store"})
        client_id, _ = self._saml_pending.pop(verdict.request_id)
        server = self._home_server(verdict.user)
        if server is None or server.cluster is None:
            self.log.event(facts.EVENT_OAUTH, str(facts.AUTH_FAILED), verdict.user, "-",
                           level="ERROR", peer=req, local_ip=self.address)
            return Response.make(401, "<html><body>Authentication failed</body></html>")
        cluster = server.cluster
        url = (f"https://{cluster.publisher.host}:{facts.CUCM_HTTPS_PORT}"
               f"{facts.SSOSP_AUTHORIZE_PROXY}")
        relay_auth = _basic(server.username, server.password)
        proxy = Request.make("POST", url, {str(facts.HEADER_ASSERTED_USER): verdict.user,
                                           "Content-Type": "application/x-www-form-urlencoded",
                                           "Authorization": relay_auth,
                                           "User-Agent": str(facts.EXPRESSWAY_USER_AGENT)},
                             f"response_type=code&client_id={client_id}".encode())
        self.log.http_send(facts.MOD_SSO_SERVER, proxy, [(relay_auth, CONCEALED)])
        ex = self.ctx.network.send(self.name, proxy)
        resp = ex.response
        code = resp.json().get("code") if resp is not None and resp.status == 200 else None
        if resp is not None:
            self.log.http_received(facts.MOD_SSO_SERVER, "", resp,
                                   [(code, CONCEALED)] if code else [])
        if not code:
            self.log.event(facts.EVENT_OAUTH, str(facts.AUTH_FAILED), verdict.user,
                           cluster.publisher.host, level="ERROR", peer=req,
                           local_ip=self.address)
            return Response.make(502 if resp is None else 403,
                                 "<html><body>Authentication failed</body></html>")
        self._codes[hashlib.sha256(code.encode()).digest()] = cluster
        host = cluster.publisher.host
        self.log.event(facts.EVENT_OAUTH, str(facts.DETAIL_AUTHORIZED), verdict.user, host,
                       peer=req, local_ip=self.address)
        self.log.event(facts.EVENT_SSO, str(facts.DETAIL_REDIRECTED), verdict.user, host,
                       redirect=f"{facts.OAUTH_CALLBACK}#code={facts.CODE_HIDDEN}", peer=req,
                       local_ip=self.address)
        return Response.make(302, b"", {"Location": f"{facts.OAUTH_CALLBACK}#code={code}"})


def _basic(user: str, password: str) -> str:
    import base64

    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
