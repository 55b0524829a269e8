"""What an IM&P node writes to XCP_JABBERD: the SASL elements its auth component receives and
answers, the outcome of each login, and the mechanism query an Expressway-C makes.

The grammar is :mod:`uclab.trace.dialects.imp_xcp`; this module keeps one node's process id,
thread ids and xdb transaction counter (drawn from the node's entropy, so the same seed gives the
same lines) and the node's component names.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from uclab.core.entropy import Entropy
from uclab.facts import (
    AUTH_COMPONENT,
    AUTH_FAIL_DETAIL,
    AUTH_OK_DETAIL,
    CM_COMPONENT,
    DELIVER_LOCATION,
    XCP_LEVEL_INFO,
    XCP_LEVEL_VBOSE,
    XDB_AUTH_ID,
    XDB_QUERY_ID,
)
from uclab.protocols.xmpp import escape_text
from uclab.trace.deferred import deferred
from uclab.trace.dialects.imp_xcp import (
    component_name,
    deliver_detail,
    mechanisms_query_packets,
    sasl_result_packet,
    sasl_route_packet,
    thread_ids,
    xcp_jabberd_line,
)
from uclab.trace.logline import LogLine

if TYPE_CHECKING:
    from uclab.sim.context import NodeContext


class XcpLog:
    """The XCP_JABBERD writer of one IM&P node (``host``), drawing from the node's ``entropy``."""

    def __init__(self, ctx: NodeContext, host: str, entropy: Entropy) -> None:
        self.ctx = ctx
        self.host = host
        self.entropy = entropy
        self.pid = 10000 + entropy.child("pid").below(30000)
        self.threads = thread_ids(entropy.child("threads"))
        self.jtx = 10000 + entropy.child("jtx").below(5000)
        #: set while a stream relayed by an Expressway-C is handled: its XCP router routes the
        #: SASL elements and writes their DELIVER lines in Expressway-C's log (seed article),
        #: so this node writes none for them
        self.relayed = False

    def next_jtx(self) -> int:
        self.jtx += 1
        return self.jtx

    def thread(self) -> int:
        return self.threads[self.jtx % len(self.threads)]

    def line(self, detail: str, *, level: str = XCP_LEVEL_VBOSE,
             code_location: str | None = DELIVER_LOCATION,
             secrets: Iterable[str] = ()) -> LogLine:
        """One XCP_JABBERD line of this node, at the lab's current time."""
        return xcp_jabberd_line(self.ctx.clock.ms, self.host, self.pid, self.thread(), detail,
                                level=level, code_location=code_location, secrets=secrets)

    def sasl_in(self, mech: str, element: str, payload: str) -> None:
        """The SASL element delivered to the auth component; the payload shows as XXXXXXX."""
        if self.relayed:
            return
        xdb_id = XDB_AUTH_ID.format(m=self.next_jtx())
        self.ctx.log(deferred(_sasl_in_line, self.ctx.clock.ms, self.host, self.pid,
                              self.thread(), xdb_id, element, mech, payload))

    def sasl_out(self, reply: str) -> None:
        """The auth component's SASL reply going back to the connection manager."""
        if self.relayed:
            return
        self.ctx.log(deferred(_sasl_out_line, self.ctx.clock.ms, self.host, self.pid,
                              self.thread(), XDB_AUTH_ID.format(m=self.jtx), reply))

    def succeeded(self, mech: str, who: str) -> None:
        self.ctx.log(self.line(AUTH_OK_DETAIL.format(mechanism=mech, who=who),
                               level=XCP_LEVEL_INFO, code_location=None))

    def failed(self, mech: str, who: str, reason: str) -> None:
        self.ctx.log(self.line(AUTH_FAIL_DETAIL.format(mechanism=mech, who=who, reason=reason),
                               level=XCP_LEVEL_INFO, code_location=None))

    def mechanisms_query(self, requester: str, jid: str, mechs: list[str],
                         pid: int | None, threads: tuple[int, ...] = ()) -> None:
        """The seed's two DELIVER lines on ``requester`` (an Expressway-C host) when it asks
        this node's auth component for the SASL mechanisms; ``pid`` is the requester's XCP
        process (drawn from the deployment's entropy when not given), ``threads`` its thread
        ids (this node's when not given)."""
        ent = self.entropy.child(f"xdb/{self.next_jtx()}")
        xdb_id = XDB_QUERY_ID.format(n=100000 + ent.below(900000), m=self.jtx)
        pid = pid if pid is not None else 10000 + self.ctx.entropy.child(
            f"xcp/{requester.lower()}").below(30000)
        for type_, host, packet in mechanisms_query_packets(self.host, requester, jid, xdb_id,
                                                            mechs):
            thread = threads[self.jtx % len(threads)] if threads else self.thread()
            self.ctx.log(xcp_jabberd_line(self.ctx.clock.tick(9), requester, pid,
                                          thread, deliver_detail(type_, host, packet)))


# -- the two SASL lines, built when first read (uclab.trace.deferred) ---------------------------
def _sasl_in_line(ms: int, host: str, pid: int, thread: int, xdb_id: str, element: str,
                  mech: str, payload: str) -> LogLine:
    auth, body = component_name(AUTH_COMPONENT, host), escape_text(payload)
    packet = sasl_route_packet(auth, component_name(CM_COMPONENT, host), xdb_id, element, mech,
                               body)
    return xcp_jabberd_line(ms, host, pid, thread, deliver_detail(8, auth, packet),
                            level=XCP_LEVEL_VBOSE, code_location=DELIVER_LOCATION,
                            secrets=(body,))


def _sasl_out_line(ms: int, host: str, pid: int, thread: int, xdb_id: str,
                   reply: str) -> LogLine:
    cm = component_name(CM_COMPONENT, host)
    packet = sasl_result_packet(component_name(AUTH_COMPONENT, host), cm, xdb_id, reply)
    return xcp_jabberd_line(ms, host, pid, thread, deliver_detail(1, cm, packet),
                            level=XCP_LEVEL_VBOSE, code_location=DELIVER_LOCATION)
