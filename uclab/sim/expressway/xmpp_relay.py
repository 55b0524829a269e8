"""Expressway-C's XMPP relay: each client stanza from Expressway-E goes on to the user's IM&P
node, and the stream features pass back with only the SASL mechanisms MRA allows.

Without refreshed IM&P realm data the relay fails with S8's "Failed to query auth component for
SASL mechanisms". Which mechanisms pass follows the running xConfiguration (OAuthLocal,
LegacyCred); the seed article shows OAuthLocal Off leaving only CISCO-VTG-TOKEN.
"""

from __future__ import annotations

import re

from uclab.core.wire import Request, Response
from uclab.facts import (
    AUTH_COMPONENT,
    CM_COMPONENT,
    CONNECT_AUTH_COMPONENT,
    MECH_OAUTHBEARER,
    MECH_VTG,
    NS_SASL,
    NS_STREAM_ERRORS,
    STALE_REALM,
    XDB_AUTH_ID,
    XMPP_PORT,
)
from uclab.protocols.xmpp import STREAM_HEADER, features_xml, parse_reply
from uclab.sim.expressway.gateway import bad_gateway
from uclab.sim.expressway.settings import XConfiguration
from uclab.sim.expressway.ucm_servers import UcmServers
from uclab.trace.dialects.expressway import sasl_routed_packet
from uclab.trace.dialects.imp_xcp import (
    component_name,
    deliver_detail,
    sasl_result_packet,
    xcp_jabberd_line,
)


class XmppRelay(UcmServers):
    """The XMPP side of Expressway-C (part of :class:`~uclab.sim.expressway.core.ExpresswayC`)."""

    xconfig: XConfiguration
    _stream_mechs: dict[str, list[str]]
    xcp_pid: int
    xcp_threads: tuple[int, ...]
    _jtx: int

    def advertised_mechanisms(self, offered: list[str] | tuple[str, ...]) -> list[str]:
        """What Expressway-C passes on of IM&P's SASL mechanisms, from its running
        xConfiguration: OAUTHBEARER with OAuthLocal On, CISCO-VTG-TOKEN with LegacyCred On,
        never PLAIN over MRA. The seed article shows OAuthLocal Off leaving only
        CISCO-VTG-TOKEN; the rest of the rule is uclab's reading [U]."""
        allowed = set()
        if self.xconfig.oauth_local:
            allowed.add(MECH_OAUTHBEARER)
        if self.xconfig.legacy_cred:
            allowed.add(MECH_VTG)
        return [m for m in offered if m in allowed]

    # -- the XCP router's DELIVER lines for the SASL exchange (seed article) ---------------------
    def _components(self, imp_host: str) -> tuple[str, str, str]:
        edge_host = self.own_edge_host() or self.host
        return (component_name(AUTH_COMPONENT, imp_host),
                component_name(CONNECT_AUTH_COMPONENT, self.host),
                component_name(CM_COMPONENT, edge_host))

    def _xcp(self, detail: str, secrets: tuple[str, ...] = ()) -> None:
        self.ctx.log(xcp_jabberd_line(self.ctx.clock.tick(1), self.host, self.xcp_pid,
                                      self.xcp_threads[self._jtx % len(self.xcp_threads)],
                                      detail, secrets=secrets))

    def _route_sasl(self, imp_host: str, element: str, attrs: str, payload: str) -> str:
        """The client's SASL element routed to IM&P's auth component: the seed's Expressway-C
        ``DELIVER: type:8`` line (payload shown as XXXXXXX). Returns the xdb id."""
        self._jtx += 1
        xdb_id = XDB_AUTH_ID.format(m=self._jtx)
        m = re.search(r"\bmechanism=['\"]([^'\"]*)", attrs)
        auth, connect, cm = self._components(imp_host)
        packet = sasl_routed_packet(auth, connect, cm, xdb_id, element, m[1] if m else "",
                                    payload)
        self._xcp(deliver_detail(8, auth, packet), (payload,))
        return xdb_id

    def _route_reply(self, imp_host: str, xdb_id: str, reply: str) -> None:
        """The auth component's answer on its way back to Expressway-E's connection manager
        (``type:1``, as the seed's mechanism-query result; modelled for the SASL reply [U])."""
        auth, _, cm = self._components(imp_host)
        self._xcp(deliver_detail(1, cm, sasl_result_packet(auth, cm, xdb_id, reply.strip())))

    def relay_xmpp(self, req: Request) -> Response:
        """One client stanza relayed from Expressway-E to the user's IM&P node."""
        fresh = [h for h, ok in self.imp_servers.items() if ok]
        stanza = req.body.decode("utf-8", "replace")
        if not fresh:
            detail = (f"{STALE_REALM}: no IM and Presence Service node has been refreshed"
                      if self.imp_servers else "no IM and Presence Service node is configured")
            self.ctx.log(xcp_jabberd_line(self.ctx.clock.tick(1), self.host, self.xcp_pid,
                                          self.xcp_threads[0], detail,
                                          level="ERROR", code_location=None))
            return Response.make(200, "<stream:error><internal-server-error xmlns="
                                      f"'{NS_STREAM_ERRORS}'/></stream:error>")
        imp_host = fresh[0]
        headers = [(k, v) for k, v in req.headers if k == STREAM_HEADER]
        inner = Request.make("XMPP", f"xmpp://{imp_host}:{XMPP_PORT}/", headers, req.body)
        opening = stanza.lstrip().startswith("<stream:stream")
        sid = req.headers.get(STREAM_HEADER) or ""
        if not opening:
            m = re.match(r"\s*<auth\b[^>]*\bmechanism=['\"]([^'\"]+)", stanza)
            if m and m[1] not in self._stream_mechs.get(sid, []):
                return Response.make(200, f"<failure xmlns='{NS_SASL}'>"
                                          "<invalid-mechanism/></failure>",
                                     {STREAM_HEADER: sid})
        else:
            node = self.ctx.network.nodes.get(imp_host)
            if node is not None and hasattr(node, "query_auth_component"):
                node.query_auth_component(self.host, pid=self.xcp_pid,
                                          threads=self.xcp_threads)
        sasl = None if opening else re.match(
            r"\s*<(auth|response)\b([^>]*)>([^<]*)</\1>", stanza)
        if sasl is not None:
            xdb_id = self._route_sasl(imp_host, sasl[1], sasl[2], sasl[3].strip())
        ex = self.ctx.network.send(self.name, inner)
        if ex.response is None:
            return bad_gateway("the IM and Presence server")
        resp = ex.response
        if sasl is not None:
            self._route_reply(imp_host, xdb_id, resp.text)
        if not opening:
            return resp
        reply = parse_reply(resp.text)
        sid = resp.headers.get(STREAM_HEADER) or reply.stream_id
        advertised = self.advertised_mechanisms(reply.mechanisms)
        self._stream_mechs[sid] = advertised
        head = resp.text.split("<stream:features", 1)[0]
        return Response.make(200, head + features_xml(advertised),
                             {"Content-Type": "application/xml", STREAM_HEADER: sid})
