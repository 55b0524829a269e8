"""Expressway-C: MRA Access Control, Unified CM servers and their keys, the OAuth relay,
token validation with its own key copy, and the SASL mechanisms it advertises.

:class:`ExpresswayC` is assembled here from one module per concern, and routes each edge
request to it:

* :mod:`.ucm_servers` — Unified CM servers and "Refresh servers" (Expressway-C's key copy, S6,
  S7, S2), IM&P and Unity Connection nodes, the home-cluster lookup;
* :mod:`.token_check` — tokens checked with Expressway-C's own keys (S6), Basic credentials;
* :mod:`.login_relay` — get_edge_sso, authorize, localauthentication, /OAuthcb, access_token
  (the seed article's login sequence, field observation);
* :mod:`.edge_sso` — SSO over MRA: Expressway as the SAML SP (AuthnRequest, the fedlet
  consumer, the assertion check), then CUCM's code (MRA guide; the inner hop modelled);
* :mod:`.mra_services` — get_edge_config and proxied requests with ``Authorization: Bearer``;
* :mod:`.xmpp_relay` — the XMPP relay and the SASL mechanisms it advertises (S8).

Every name these modules define for the rest of uclab is importable from here too.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from uclab.core.errors import InvalidRequest
from uclab.core.wire import Request, Response
from uclab.facts import (
    EDGE_ACS,
    EDGE_AUTHORIZE,
    EDGE_LOCAL_AUTH,
    EXPC_HTTPS_PORT,
    EXPC_XMPP_PORT,
    GET_EDGE_CONFIG,
    GET_EDGE_SSO,
)
from uclab.protocols.edge_urls import EdgeTarget, parse_edge_path
from uclab.sim.expressway.deferred_log import LazySecrets
from uclab.sim.expressway.edge_sso import EdgeSso
from uclab.sim.expressway.login_relay import (
    EDGE_TOKEN_REQUEST,
    OAUTH_CALLBACK,
    SSO_RESULT,
    LoginRelay,
)
from uclab.sim.expressway.mra_services import EDGE_CONFIG_RESPONSE, MraServices
from uclab.sim.expressway.settings import MraAccessControl, XConfiguration
from uclab.sim.expressway.token_check import AUTH_FAILED, EDGE_REALM, OAUTH_VALIDATOR
from uclab.sim.expressway.ucm_servers import AUTH_METHODS, REFRESH_SERVERS, UCM_PAGE, UcmServer
from uclab.sim.expressway.xmpp_relay import STALE_REALM, XmppRelay
from uclab.trace.logline import CONCEALED

if TYPE_CHECKING:
    from uclab.sim.context import NodeContext
    from uclab.sim.cucm.cluster import CucmCluster

__all__ = ["AUTH_FAILED", "AUTH_METHODS", "EDGE_CONFIG_RESPONSE", "EDGE_REALM",
           "EDGE_TOKEN_REQUEST", "OAUTH_CALLBACK", "OAUTH_VALIDATOR", "REFRESH_SERVERS",
           "SSO_RESULT", "STALE_REALM", "UCM_PAGE", "ExpresswayC", "UcmServer"]


class ExpresswayC(EdgeSso, LoginRelay, MraServices, XmppRelay):
    """The inside Expressway of MRA."""

    role = "expressway-c"
    ports = (EXPC_HTTPS_PORT, EXPC_XMPP_PORT)
    schemes = ("https", "xmpp")

    def __init__(self, ctx: NodeContext, host: str, name: str = "expc") -> None:
        super().__init__(ctx, host, name)
        self.access = MraAccessControl()
        #: the running xConfiguration the XCP (XMPP) side uses, loaded from the saved page at
        #: start and re-applied with each save (see :meth:`set_access_control`)
        self.xconfig = XConfiguration.from_page(self.access)
        self.ucm_servers: list[UcmServer] = []
        self.imp_servers: dict[str, bool] = {}  # host -> realm data fresh
        self.unity_servers: list[str] = []
        self.domains: set[str] = {ctx.domain}
        #: the Expressway-E of this pair when the deployment has several pairs (None: the
        #: deployment's one edge, its "expe" peer)
        self.edge_host: str | None = None
        self._codes: dict[bytes, CucmCluster] = {}
        self._stream_mechs: dict[str, list[str]] = {}

    # -- admin actions: MRA Access Control and the running configuration -----------------------
    def set_access_control(self, **values: object) -> MraAccessControl:
        """Change MRA Access Control fields (Python names of the GUI fields) and save.

        The save is applied to the running xConfiguration only while that still matches the
        saved page. Once they differ — the seed article's box showed OAuth On on the page and
        ``OAuthLocal: Off`` running, and only a restart brought them in line (field observation;
        why the apply failed is not known) — later saves do not reach it either, until
        :meth:`restart` [U lab model].
        """
        in_step = not self.running_config_differs
        self.access = self.access.changed(**values)
        if in_step:
            self.xconfig = XConfiguration.from_page(self.access)
        return self.access

    @property
    def running_config_differs(self) -> bool:
        """Whether the running xConfiguration differs from the saved MRA Access Control page
        (what ``xConfiguration CollaborationEdge`` shows against the page)."""
        return self.xconfig != XConfiguration.from_page(self.access)

    def restart(self) -> None:
        """Restart (reboot) Expressway-C: the running configuration is reloaded from the page."""
        self.xconfig = XConfiguration.from_page(self.access)

    # -- HTTP -------------------------------------------------------------------------------------
    def handle(self, req: Request) -> Response:
        if req.scheme == "xmpp":
            return self.relay_xmpp(req)
        if req.scheme == "sip":  # SIP OAuth over MRA (uclab.sim.expressway.sip_relay)
            from uclab.sim.expressway.sip_relay import relay_to_cucm

            return relay_to_cucm(self, req)
        txn = self.next_txn()
        secrets = LazySecrets(req)  # worked out when a line is read
        self.log.receive(txn, req, secrets, last_via=req.remote)
        try:
            target = parse_edge_path(req.path)
            if target.domain not in self.domains:
                resp = Response.make(403, f"<error>domain {html.escape(target.domain)} is not "
                                          "configured on Expressway-C</error>")
            else:
                resp = self._route(req, target)
        except InvalidRequest as exc:
            resp = Response.make(400, exc.as_dict())
        loc = resp.headers.get("location") or ""
        extra = [(loc.split("#code=", 1)[1], CONCEALED)] if "#code=" in loc else []
        self.log.respond(txn, req, resp, secrets + extra)
        return resp

    def _route(self, req: Request, target: EdgeTarget) -> Response:
        if target.proxied:
            return self._proxy(req, target)
        request = target.rest.split("?")[0].strip("/")
        if request == GET_EDGE_SSO:
            return self._get_edge_sso(req)
        if request == EDGE_AUTHORIZE:
            if self.edge_sso_active:
                return self._edge_saml_redirect(req)
            return self._login_form(req)
        if request == EDGE_ACS and req.method == "POST" and self.saml_sp is not None:
            return self._edge_saml_consume(req)
        if request == EDGE_LOCAL_AUTH and req.method == "POST":
            return self._local_authentication(req)
        if request == str(EDGE_TOKEN_REQUEST) and req.method == "POST":
            return self._access_token(req)
        if request == GET_EDGE_CONFIG:
            return self._get_edge_config(req)
        return Response.make(404, f"<error>unknown edge request {html.escape(request[:60])}"
                                  "</error>")
