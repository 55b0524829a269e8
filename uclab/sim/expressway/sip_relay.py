"""The SIP leg of MRA for SIP OAuth (S10, S6): Expressway-E takes Jabber's REGISTER over TLS
on 5061 and sends it over the traversal zone to Expressway-C, which sends it on to CUCM's SIP
Mobile and Remote Access Port over mutual TLS through the ``CEOAuth <Unified CM>`` zone.

"Refresh servers" on Expressway-C (S6, S10) creates the CEOAuth zone of each CUCM node that has
SIP OAuth on, and pushes Expressway-C's certificate CN/SAN to CUCM over AXL (the
``expresswaycconfiguration`` table). Each proxy adds its ``Via`` to a request and takes it off
the response (RFC 3261 §16.6 step 8, §16.7 step 3). When the leg to CUCM fails (a TLS alert),
the lab's Expressway-C answers 503 [U: the real answer is not published]. Expressway's own
SIP log lines (``tvcs`` ``network.sip``) are not written by the lab.
"""

from __future__ import annotations

from typing import Any

from uclab import facts
from uclab.core.wire import Request, Response
from uclab.protocols import sip
from uclab.sim.cucm.sip_oauth import LAB_EXPC_CA

#: Expressway-C and -E (core.py and edge.py import this module, so the types are not imported
#: back: the package has no import circle)
ExpresswayC = Any
ExpresswayE = Any

__all__ = ["LAB_EXPC_CA", "after_refresh", "ceoauth_zones", "open_sip", "relay_from_client",
           "relay_to_cucm"]


def open_sip(node: Any, port: int) -> None:
    """Let ``node`` (an Expressway) take SIP on ``port`` as well."""
    if port not in node.ports:
        node.ports = (*node.ports, port)
    if "sip" not in node.schemes:
        node.schemes = (*node.schemes, "sip")


def ceoauth_zones(expc: ExpresswayC) -> dict[str, str]:
    """The CEOAuth zones Expressway-C has: CUCM node -> zone name (S6, S10)."""
    return getattr(expc, "sip_zones", {})


def after_refresh(expc: ExpresswayC) -> None:
    """What "Refresh servers" adds for SIP OAuth: a CEOAuth zone per CUCM node that runs SIP
    OAuth, and Expressway-C's certificate names pushed to that cluster (AXL; S10)."""
    zones: dict[str, str] = {}
    names = tuple(getattr(expc, "cert_names", (expc.host,)))
    for server in expc.ucm_servers:
        cluster = server.cluster
        if cluster is None or not cluster.sip.running_mode:
            continue
        cluster.sip.push_expc(expc.host, names)
        for node in cluster.nodes:
            zones[node.host] = facts.CEOAUTH_ZONE.format(ucm=node.host)
    if zones or hasattr(expc, "sip_zones"):
        expc.sip_zones = zones


def _via(node: Any, req: Request) -> tuple[str, str]:
    branch = node.ctx.entropy.child(f"sip/via/{node.host}/{len(node.ctx.network.exchanges)}")
    ip = node.ctx.network.addresses.get(node.name, "192.0.2.1")
    return ("Via", f"SIP/2.0/TLS {ip}:{req.port};branch=z9hG4bK{branch.hex(8)}")


def _forward(node: Any, req: Request, url: str, extra: tuple[tuple[str, str], ...] = ()
             ) -> Response:
    fields = [_via(node, req), *sip.sip_fields(req.headers), *extra]
    ex = node.ctx.network.send(node.name, Request.make(req.method, url, fields, req.body))
    if ex.response is None:
        return Response.make(503, b"", sip.response_headers(
            sip.sip_fields(req.headers), "0", (("Warning", facts.SIP_WARNING.format(
                node=node.host, text=(ex.error or "no answer").replace('"', "'")[:160])),)))
    resp = ex.response
    vias = [i for i, (k, _) in enumerate(resp.headers) if k.lower() == "via"]
    items = [kv for i, kv in enumerate(resp.headers) if not vias or i != vias[0]]
    return Response(resp.status, items, resp.body)


def relay_from_client(edge: ExpresswayE, req: Request) -> Response:
    """Expressway-E: a client's SIP request on to Expressway-C over the traversal zone."""
    core = edge.core
    return _forward(edge, req, f"sip://{core.host}:{facts.TRAVERSAL_PORT}")


def relay_to_cucm(expc: ExpresswayC, req: Request) -> Response:
    """Expressway-C: a SIP request from the traversal zone on to the home CUCM's SIP MRA port,
    mutual TLS with Expressway-C's certificate, through its CEOAuth zone."""
    zones = ceoauth_zones(expc)
    fields = sip.sip_fields(req.headers)
    target = next((s.cluster.publisher for s in expc.ucm_servers if s.cluster is not None
                   and s.cluster.publisher.host in zones), None)
    if target is None:
        return Response.make(404, b"", sip.response_headers(fields, "0", (
            ("Warning", facts.SIP_WARNING.format(
                node=expc.host, text="no CEOAuth zone: Refresh servers after enabling SIP "
                "OAuth [lab]")),)))
    _, mra_port = target.cluster.sip.node_ports(target.host)
    cert = sip.tls_client_value(getattr(expc, "cert_issuer", LAB_EXPC_CA),
                                getattr(expc, "cert_names", (expc.host,)))
    return _forward(expc, req, f"sip://{target.host}:{mra_port}",
                    ((sip.TLS_CLIENT_HEADER, cert),))
