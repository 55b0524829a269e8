"""What Expressway-E and Expressway-C share: identity, clock, transaction ids, log writer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from uclab.sim.expressway.deferred_log import DeferredExpresswayLog
from uclab.trace.dialects.imp_xcp import thread_ids

if TYPE_CHECKING:
    from uclab.sim.context import NodeContext


class Expressway:
    """One Expressway server of the lab (a cluster of one)."""

    role = "expressway"

    def __init__(self, ctx: NodeContext, host: str, name: str) -> None:
        self.ctx = ctx
        self.host = host
        self.name = name
        rng = ctx.entropy.child(f"expressway/{host}")
        self.pid = 10000 + rng.below(20000)
        self._txn = 1000 + rng.below(5000)
        #: the XCP_JABBERD process and its threads: a process of its own, as in the seed's
        #: lines (XCP_JABBERD[28071] beside traffic_server[14358]), with pthread-sized ids
        self.xcp_pid = 10000 + rng.child("xcp-pid").below(30000)
        self.xcp_threads = thread_ids(rng.child("xcp-threads"))
        self._jtx = 10000 + rng.child("xcp-jtx").below(5000)
        #: how far this server's clock is from true time (an NTP fault sets it), ms
        self.clock_offset_ms = 0
        self.log = DeferredExpresswayLog(
            host, self.pid, lambda: ctx.clock.tick(1) + self.clock_offset_ms, ctx.log)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.host!r})"

    @property
    def address(self) -> str:
        """This server's IP address on the lab network (what its log lines call Local-ip)."""
        return self.ctx.network.addresses.get(self.name, "")

    def next_txn(self) -> int:
        self._txn += 1
        return self._txn

    @property
    def now(self) -> int:
        """This server's idea of the time, epoch seconds (lab time plus its clock offset)."""
        return (self.ctx.clock.ms + self.clock_offset_ms) // 1000

    def set_clock_offset(self, seconds: int) -> None:
        """Make this server's clock wrong by ``seconds`` (as when NTP is unreachable). S8 gives
        only the symptom (403 for every MRA service); that the skew makes tokens look expired
        (or not yet valid) to Expressway-C is the lab's model [U]."""
        self.clock_offset_ms = int(seconds) * 1000

    def sync_ntp(self) -> None:
        """Fix the clock: synchronise with NTP again."""
        self.clock_offset_ms = 0
