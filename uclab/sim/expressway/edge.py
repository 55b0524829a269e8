"""Expressway-E: the Internet-facing half of MRA.

It accepts Jabber's edge requests on 8443, answers ``/OAuthcb`` itself ("Authorization
Complete", seed article), relays everything else to Expressway-C over the traversal zone, strips
headers a client could use to impersonate the edge (RFC 9700 §4.13), and counts "HTTP proxy
authorization failure" events for intrusion protection (S8).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from uclab.core.errors import ConnectionRefused
from uclab.core.wire import Request, Response
from uclab.facts import (
    EDGE_HTTPS_PORT,
    EDGE_XMPP_PORT,
    EVENT_OAUTH,
    EXPC_HTTPS_PORT,
    EXPC_XMPP_PORT,
    HEADER_X_CREDENTIALS,
    INTRUSION_CATEGORY,
    OAUTH_CALLBACK,
    OAUTH_CALLBACK_PAGE,
    XCP_BUFFER_LOCATION,
    XCP_GOT_BUFFER,
)
from uclab.sim.expressway.deferred_log import LazySecrets
from uclab.sim.expressway.gateway import bad_gateway
from uclab.sim.expressway.intrusion import IntrusionProtection
from uclab.sim.expressway.node import Expressway
from uclab.trace.deferred import deferred
from uclab.trace.dialects.imp_xcp import xcp_jabberd_line
from uclab.trace.logline import CONCEALED, LogLine

if TYPE_CHECKING:
    from uclab.sim.context import NodeContext
    from uclab.sim.expressway.core import ExpresswayC

#: Headers a client must not be able to set on requests the edge relays (checklist F8).
STRIPPED = ("x-forwarded-for", "x-authenticated-user", HEADER_X_CREDENTIALS.lower(), "x-real-ip")
#: The page ``/OAuthcb`` answers (tests read ``edge.AUTH_COMPLETE``).
AUTH_COMPLETE = OAUTH_CALLBACK_PAGE


class ExpresswayE(Expressway):
    """The edge: Jabber's first hop from the Internet."""

    role = "expressway-e"
    ports = (EDGE_HTTPS_PORT, EDGE_XMPP_PORT)
    schemes = ("https", "xmpp")

    def __init__(self, ctx: NodeContext, host: str, core: ExpresswayC, name: str = "expe") -> None:
        super().__init__(ctx, host, name)
        self.core = core
        self.intrusion = IntrusionProtection()

    def handle(self, req: Request) -> Response:
        if self.intrusion.blocked(req.remote, self.now):
            raise ConnectionRefused(f"{req.remote} is blocked by intrusion protection "
                                    f"({INTRUSION_CATEGORY})")
        if req.scheme == "xmpp":
            return self._relay(req)
        if req.scheme == "sip":  # SIP OAuth over MRA (uclab.sim.expressway.sip_relay)
            from uclab.sim.expressway.sip_relay import relay_from_client

            return relay_from_client(self, req)
        txn = self.next_txn()
        secrets = LazySecrets(req)  # worked out when a line is read
        self.log.receive(txn, req, secrets)
        if req.path == str(OAUTH_CALLBACK):
            resp = Response.make(200, AUTH_COMPLETE)
        else:
            resp = self._relay(req)
            if resp.status in (401, 403) and req.headers.get("authorization"):
                if self.intrusion.record_failure(req.remote, self.now):
                    self.log.event(EVENT_OAUTH, f"Blocked {req.remote}: {INTRUSION_CATEGORY}", "-",
                                   req.remote, level="WARN")
        loc = resp.headers.get("location") or ""
        extra = [(loc.split("#code=", 1)[1], CONCEALED)] if "#code=" in loc else []
        self.log.respond(txn, req, resp, secrets + extra)
        return resp

    def _relay(self, req: Request) -> Response:
        """Send the request on to Expressway-C over the traversal zone."""
        port = EXPC_XMPP_PORT if req.scheme == "xmpp" else EXPC_HTTPS_PORT
        url = f"{req.scheme}://{self.core.host}:{port}{req.target}"
        headers = [(k, v) for k, v in req.headers if k.lower() not in STRIPPED]
        inner = Request.make(req.method, url, headers, req.body)
        ex = self.ctx.network.send(self.name, inner)
        if ex.response is None:
            return bad_gateway("Expressway-C")
        if req.scheme == "xmpp":

            self.ctx.log(deferred(_got_buffer, self.ctx.clock.tick(1), self.host, self.xcp_pid,
                                  self.xcp_threads[0], ex.response.body))
        return ex.response


def _got_buffer(ms: int, host: str, pid: int, thread: int, body: bytes) -> LogLine:
    """The edge's XCP line for a stanza Expressway-C relayed back (built when first read)."""
    text = body.decode("utf-8", "replace")
    return xcp_jabberd_line(ms, host, pid, thread,
                            XCP_GOT_BUFFER.format(length=len(text), packet=text), level="DEBUG",
                            code_location=XCP_BUFFER_LOCATION)
