"""Jabber's service discovery: SRV lookups in the public DNS find no ``_cisco-uds`` answer
outside the network, so Jabber uses the edge that ``_collab-edge._tls`` names (S17, S33)."""

from __future__ import annotations

from uclab.core.wire import Request
from uclab.facts import (
    DISCOVERY_EDGE_CREDS_NOT_SET,
    DISCOVERY_SUCCESS,
    EDGE_HTTPS_PORT,
    SRV_CISCO_UDS,
    SRV_COLLAB_EDGE,
)
from uclab.protocols.edge_urls import edge_url
from uclab.sim.dns import parse_answers
from uclab.sim.jabber.device import JabberDevice
from uclab.sim.jabber.outcome import Outcome
from uclab.trace.dialects import jabber_prt as prt


class Discovery(JabberDevice):
    """Discovery (part of :class:`~uclab.sim.jabber.client.Jabber`)."""

    def discover(self) -> Outcome:
        """SRV lookups in the public DNS: no _cisco-uds answer, so use the edge (S17, S33)."""
        dns = self.ctx.peers.require("public-dns").host
        for name in (SRV_CISCO_UDS, SRV_COLLAB_EDGE):
            query = f"{name}.{self.domain}"
            ex = self.ctx.network.send(self.name, Request.make("SRV", f"dns://{dns}/{query}"))
            answers = parse_answers(ex.response) if ex.response else []
            if name == SRV_COLLAB_EDGE and answers:
                self.edge = f"{answers[0].target}:{answers[0].port}"
                self._log(prt.DISCOVERY_RESULT, code=DISCOVERY_SUCCESS)
                return Outcome(True, "discovery", f"edge {self.edge}")
        self._log(prt.DISCOVERY_RESULT, code=DISCOVERY_EDGE_CREDS_NOT_SET)
        return Outcome(False, "discovery", "no _collab-edge SRV record answers")

    def _edge(self, request: str) -> str:
        host, _, port = (self.edge or "").partition(":")
        return edge_url(host, self.domain, request, int(port or EDGE_HTTPS_PORT))
