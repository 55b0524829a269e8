"""What MRA serves an authorized client: get_edge_config (the home cluster's UDS nodes, the
IM&P nodes and the edge), and requests proxied to the inside servers Expressway-C knows (S6).
"""

from __future__ import annotations

import html

from uclab.core.wire import Request, Response
from uclab.facts import (
    CUCM_HTTPS_PORT,
    EDGE_CONFIG_RESPONSE,
    EDGE_HTTPS_PORT,
    EDGE_SERVICE_CUPLOGIN,
    EDGE_SERVICE_UDS,
    EDGE_XMPP_PORT,
    IMP_HTTPS_PORT,
)
from uclab.protocols.edge_urls import EdgeTarget
from uclab.sim.expressway.gateway import bad_gateway
from uclab.sim.expressway.token_check import TokenCheck


class MraServices(TokenCheck):
    """get_edge_config and the inside proxy (part of
    :class:`~uclab.sim.expressway.core.ExpresswayC`)."""

    def _get_edge_config(self, req: Request) -> Response:
        home, refused = self._authorize(req)
        if refused is not None:
            return refused
        uds = "".join(_server_xml(n.host, CUCM_HTTPS_PORT) for n in (home.nodes if home else []))
        cup = "".join(_server_xml(h, IMP_HTTPS_PORT) for h in self.imp_servers)
        edge = self.own_edge_host()
        body = (f'<{EDGE_CONFIG_RESPONSE} version="1.0"><serviceConfig>'
                f"<service><name>{EDGE_SERVICE_UDS}</name>{uds}</service>"
                f"<service><name>{EDGE_SERVICE_CUPLOGIN}</name>{cup}</service></serviceConfig>"
                f"<edgeConfig><xmppEdgeServer><server><address>{edge}</address>"
                f"<tlsPort>{EDGE_XMPP_PORT}</tlsPort></server></xmppEdgeServer><httpEdgeServer>"
                f"<server><address>{edge}</address><tlsPort>{EDGE_HTTPS_PORT}</tlsPort></server>"
                f"</httpEdgeServer></edgeConfig>"
                f"</{EDGE_CONFIG_RESPONSE}>")
        return Response.make(200, body, {"Content-Type": "application/xml"})

    def _proxy(self, req: Request, target: EdgeTarget) -> Response:
        if not self.allowed_inside(target.host or ""):
            return Response.make(403, f"<error>{html.escape(target.host or '')} is not a server "
                                      "Expressway-C proxies to</error>")
        _, refused = self._authorize(req)
        if refused is not None:
            return refused
        if not self.ctx.network.serves(target.host or "", target.port or 0, target.scheme or ""):
            # the client chose a scheme or port no inside server offers: refused like a server
            # off the allow list, never relayed into an internal connection error [U]
            where = f"{target.scheme}://{target.host}:{target.port}"
            return Response.make(403, f"<error>{html.escape(where)} is not a server "
                                      "Expressway-C proxies to</error>")
        query = f"?{req.query_string}" if req.query_string else ""
        url = f"{target.scheme}://{target.host}:{target.port}/{target.rest.split('?')[0]}{query}"
        inner = Request.make(req.method, url, [(k, v) for k, v in req.headers
                                               if k.lower() in ("authorization", "accept",
                                                                "content-type")], req.body)
        ex = self.ctx.network.send(self.name, inner)
        if ex.response is None:
            return bad_gateway("the internal server")
        return ex.response


def _server_xml(host: str, port: int) -> str:
    return (f"<server><priority>1</priority><weight>1</weight><port>{port}</port>"
            f"<address>{host}</address></server>")
