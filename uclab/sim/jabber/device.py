"""One Jabber install of one user, outside the network (MRA): its user, the OAuth client it is
registered as on CUCM, its HTTP session, device id, state, and its PRT log (csf-unified.log).

Jabber talks HTTP through a :class:`~uclab.sim.transport.LabClient` (the request ``requests``
would send, without a Session's per-request preparation), so every hop is a real
request the network records.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from uclab.core.errors import ConfigError
from uclab.facts import JABBER_PLATFORM, JABBER_USER_AGENT, JABBER_VERSION
from uclab.sim.jabber.token_store import TokenStore
from uclab.sim.transport import LabClient
from uclab.trace.deferred import deferred
from uclab.trace.dialects import jabber_prt as prt

if TYPE_CHECKING:
    from uclab.sim.context import NodeContext


class JabberDevice:
    """The state of one Jabber client; :class:`~uclab.sim.jabber.client.Jabber` adds what it
    does."""

    def __init__(self, ctx: NodeContext, user: str, password: str, *, client_id: str,
                 client_secret: str, ip: str = "198.51.100.23",
                 platform: str = JABBER_PLATFORM) -> None:
        if not isinstance(user, str) or not user:
            raise ConfigError("Jabber needs a user id")
        self.ctx = ctx
        self.user = user
        self.password = password
        #: the OAuth client Jabber is registered as on CUCM, with its built-in secret
        self.client_id = client_id
        self.client_secret = client_secret
        self.domain = ctx.domain
        self.name = f"jabber-{user}"
        self.host = f"{self.name}.pc"
        ctx.network.addresses[self.name] = ip
        self.session = LabClient(ctx.network, self.name, {
            "Accept": "*/*",
            "User-Agent": JABBER_USER_AGENT.format(version=JABBER_VERSION, platform=platform)})
        rng = ctx.entropy.child(f"jabber/{user}")
        self.device_id = rng.uuid4()
        self.thread = f"0x{rng.below(0xFFFF):08x}"
        self.tokens = TokenStore()
        self.edge: str | None = None
        self.state = "signed-out"
        self.mode = "oauth"
        self._xmpp = True
        #: whether this build refreshes its token before its modules reconnect after a wake;
        #: an affected build lets each module reconnect with the expired token first (S8, S11)
        self.refreshes_before_reconnect = True
        self.uds_host = ctx.peers.require("cucm").publisher.host
        self.lock = threading.RLock()

    def __repr__(self) -> str:
        return f"Jabber({self.user!r}, state={self.state!r}, {self.tokens!r})"

    # -- logging ----------------------------------------------------------------------------------
    def _log(self, msg: prt.PrtMessage, secrets: tuple = (), **values: object) -> None:
        self.ctx.log(deferred(prt.prt_line, self.ctx.clock.tick(1), self.host, self.thread, msg,
                              secrets, **values))

    def prt(self, reveal: bool = False) -> str:
        """This client's csf-unified.log lines, tokens concealed unless ``reveal``."""
        return self.ctx.logbook.render(host=self.host, reveal=reveal)
