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
from uclab.sim.expressway.intrusion import CATEGORY, IntrusionProtection
from uclab.sim.expressway.login_relay import OAUTH_CALLBACK
from uclab.sim.expressway.node import Expressway
from uclab.trace.dialects import expressway as xlog
from uclab.trace.dialects.imp_xcp import xcp_jabberd_line
from uclab.trace.logline import CONCEALED

if TYPE_CHECKING:
    from uclab.sim.context import NodeContext
    from uclab.sim.expressway.core import ExpresswayC

#: Headers a client must not be able to set on requests the edge relays (checklist F8).
STRIPPED = ("x-forwarded-for", "x-authenticated-user", "x-credentials", "x-real-ip")
AUTH_COMPLETE = ("<html><head><Title>Authorization Complete</Title></head><body>"
                 "<script language=\"javascript\">\ndocument.write(\"Authorization Complete\");"
                 "\n</script></body></html>")


class ExpresswayE(Expressway):
    """The edge: Jabber's first hop from the Internet."""

    role = "expressway-e"
    ports = (8443, 5222)
    schemes = ("https", "xmpp")

    def __init__(self, ctx: NodeContext, host: str, core: ExpresswayC, name: str = "expe") -> None:
        super().__init__(ctx, host, name)
        self.core = core
        self.intrusion = IntrusionProtection()

    def handle(self, req: Request) -> Response:
        if self.intrusion.blocked(req.remote, self.now):
            raise ConnectionRefused(f"{req.remote} is blocked by intrusion protection "
                                    f"({CATEGORY})")
        if req.scheme == "xmpp":
            return self._relay(req)
        txn = self.next_txn()
        secrets = xlog.request_secrets(req)
        self.log.receive(txn, req, secrets)
        if req.path == str(OAUTH_CALLBACK):
            resp = Response.make(200, AUTH_COMPLETE)
        else:
            resp = self._relay(req)
            if resp.status in (401, 403) and req.headers.get("authorization"):
                if self.intrusion.record_failure(req.remote, self.now):
                    self.log.event(xlog.EVENT_OAUTH, f"Blocked {req.remote}: {CATEGORY}", "-",
                                   req.remote, level="WARN")
        loc = resp.headers.get("location") or ""
        extra = [(loc.split("#code=", 1)[1], CONCEALED)] if "#code=" in loc else []
        self.log.respond(txn, req, resp, secrets + extra)
        return resp

    def _relay(self, req: Request) -> Response:
        """Send the request on to Expressway-C over the traversal zone."""
        port = 5222 if req.scheme == "xmpp" else 8443
        url = f"{req.scheme}://{self.core.host}:{port}{req.target}"
        headers = [(k, v) for k, v in req.headers if k.lower() not in STRIPPED]
        inner = Request.make(req.method, url, headers, req.body)
        ex = self.ctx.network.send(self.name, inner)
        if ex.response is None:
            return Response.make(502, f"<error>Expressway-C unreachable: {ex.error}</error>")
        if req.scheme == "xmpp":

            text = ex.response.text
            self.ctx.log(xcp_jabberd_line(
                self.ctx.clock.tick(1), self.host, self.pid, 1,
                f"Got Buffer ({len(text)}) {text}", level="DEBUG",
                code_location="MIOByteSource.cpp:93"))
        return ex.response
