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
from uclab.facts import (
    CLIENT_KINDS,
    JABBER_PLATFORM,
    JABBER_USER_AGENT,
    JABBER_VERSION,
    RENEWAL_FEATURE,
    WEBEX_USER_AGENT,
    WEBEX_VERSION,
)
from uclab.sim.jabber.token_store import TokenStore
from uclab.sim.transport import LabClient
from uclab.trace.deferred import deferred
from uclab.trace.dialects import jabber_prt as prt

if TYPE_CHECKING:
    from uclab.sim.context import NodeContext


def check_client_kind(kind: object, refresh_token_renewal: object) -> None:
    """A client kind the lab knows, and a renewal setting only the Webex app has (S3)."""
    if not isinstance(kind, str) or kind not in CLIENT_KINDS:
        raise ConfigError(f"unknown client kind {kind!r}: use one of {', '.join(CLIENT_KINDS)}")
    if not isinstance(refresh_token_renewal, bool):
        raise ConfigError(f"refresh_token_renewal is True or False (got {refresh_token_renewal!r})")
    if refresh_token_renewal and kind != "webex":
        raise ConfigError(f"only the Webex app has a {RENEWAL_FEATURE} setting (CUCM 15, for "
                          f"Webex clients only, S3); a {kind} client has none")


class JabberDevice:
    """The state of one Jabber client; :class:`~uclab.sim.jabber.client.Jabber` adds what it
    does."""

    def __init__(self, ctx: NodeContext, user: str, password: str, *, client_id: str,
                 client_secret: str, ip: str = "198.51.100.23",
                 platform: str = JABBER_PLATFORM, kind: str = "jabber",
                 refresh_token_renewal: bool = False) -> None:
        if not isinstance(user, str) or not user:
            raise ConfigError("Jabber needs a user id")
        check_client_kind(kind, refresh_token_renewal)
        #: ``jabber`` or ``webex`` (the Webex app in on-premises mode: the same OAuth flow)
        self.kind = kind
        #: the client's side of CUCM 15's refresh token renewal (S3; Webex app only)
        self.refresh_token_renewal = refresh_token_renewal
        self.ctx = ctx
        self.user = user
        self.password = password
        #: the OAuth client Jabber is registered as on CUCM, with its built-in secret
        self.client_id = client_id
        self.client_secret = client_secret
        self.domain = ctx.domain
        self.name = f"{kind}-{user}"
        self.host = f"{self.name}.pc"
        ctx.network.addresses[self.name] = ip
        agent = (JABBER_USER_AGENT.format(version=JABBER_VERSION, platform=platform)
                 if kind == "jabber" else
                 WEBEX_USER_AGENT.format(version=WEBEX_VERSION, platform=platform))
        self.session = LabClient(ctx.network, self.name, {"Accept": "*/*", "User-Agent": agent})
        rng = ctx.entropy.child(f"jabber/{user}" if kind == "jabber" else f"{kind}/{user}")
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
        name = "Jabber" if self.kind == "jabber" else "WebexApp"
        return f"{name}({self.user!r}, state={self.state!r}, {self.tokens!r})"

    # -- logging ----------------------------------------------------------------------------------
    def _log(self, msg: prt.PrtMessage, secrets: tuple = (), **values: object) -> None:
        self.ctx.log(deferred(prt.prt_line, self.ctx.clock.tick(1), self.host, self.thread, msg,
                              secrets, **values))

    def prt(self, reveal: bool = False) -> str:
        """This client's csf-unified.log lines, tokens concealed unless ``reveal``."""
        return self.ctx.logbook.render(host=self.host, reveal=reveal)
