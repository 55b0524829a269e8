"""Push notifications to a suspended iOS client (a lab model of IMPPUSH14, S9, S6).

What the guides say (IMPPUSH14, :mod:`uclab.facts.apns`): a Jabber or Webex client on iOS is in
"suspended mode" when it runs in the background, the device is locked or its screen is off;
then "the standard communication channel is unavailable", so IM&P cannot send it an instant
message directly, and push "provides another channel to reach the clients through the partner
clouds" (Cisco's cloud and Apple's). Over MRA the client then comes back through Expressway.

What the lab models (every step is a recorded exchange, so the ladder shows it):

* IM&P posts the notification to a stand-in for Cisco's cloud push service, which posts it to a
  stand-in for APNs (:data:`~uclab.facts.PUSH_CLOUD_HOST`, :data:`~uclab.facts.APNS_HOST`,
  lab model: the real hosts, API and payload are not published);
* the woken client refreshes its access token first if it has expired (the refresh token goes to
  CUCM through Expressway), then opens XMPP again with OAUTHBEARER; Expressway-C and IM&P check
  the new token with their own copy of CUCM's keys, without asking CUCM (self-describing tokens,
  S6, S2), which is why S6 says they "optimize Expressway support for APNs";
* without push the message waits: the lab does not deliver it until the user opens the app
  (what IM&P does with it meanwhile is not in the sources [U]).

No APNs message about token expiry is modelled: none is documented (fact sheet §6 item 10).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from uclab.core.errors import ConfigError
from uclab.core.wire import Request, Response
from uclab.facts import APNS_HOST, HTTPS_DEFAULT_PORT, PUSH_CLOUD_HOST, PUSH_PATH
from uclab.sim.jabber.xmpp import jabber_xmpp_login

if TYPE_CHECKING:
    from uclab.sim.context import NodeContext
    from uclab.sim.jabber.client import Jabber

#: the lab's names of the two clouds on the ladder
PUSH_CLOUD_NAME, APNS_NAME = "cisco-push", "apns"


class _Cloud:
    """A push cloud stand-in: accepts a JSON notification on :data:`PUSH_PATH` and, if it has a
    next hop, forwards it there (lab model)."""

    ports = (int(HTTPS_DEFAULT_PORT),)

    def __init__(self, ctx: NodeContext, host: str, name: str, forward_to: str | None) -> None:
        self.ctx, self.host, self.name, self.forward_to = ctx, host, name, forward_to
        #: what reached this cloud, in order (user, kind)
        self.received: list[dict[str, str]] = []

    def handle(self, req: Request) -> Response:
        if req.method != "POST" or req.path != str(PUSH_PATH):
            return Response.make(404, {"error": "not_found"})
        try:
            note = json.loads(req.body or b"{}")
        except ValueError:
            return Response.make(400, {"error": "invalid_request",
                                       "error_description": "the body is not JSON"})
        if not isinstance(note, dict) or not note.get("user"):
            return Response.make(400, {"error": "invalid_request",
                                       "error_description": "a notification names its user"})
        self.received.append({k: str(v) for k, v in note.items()})
        if self.forward_to:
            ex = self.ctx.network.send(self.name, _post(self.forward_to, note))
            if ex.response is None or ex.response.status != 200:
                return Response.make(502, {"error": "temporarily_unavailable"})
        return Response.make(200, {"accepted": True})


def _post(host: str, note: dict[str, str]) -> Request:
    return Request.make("POST", f"https://{host}{PUSH_PATH}",
                        [("Content-Type", "application/json")], json.dumps(note))


@dataclass
class Delivery:
    """What happened to one instant message for a (maybe suspended) client."""

    delivered: bool
    path: str
    refreshed: bool = False
    #: indexes into the network's exchanges, from the IM on
    exchanges: list[int] = field(default_factory=list)

    def __bool__(self) -> bool:
        return self.delivered


class PushNotifications:
    """IM&P's push channel for suspended clients (IMPPUSH14), with the two clouds on the
    network. ``enabled`` is the admin having configured push (and, for MRA, refreshed and
    restarted Expressway-C, S9)."""

    def __init__(self, ctx: NodeContext, imp_name: str, *, enabled: bool = True) -> None:
        if not isinstance(enabled, bool):
            raise ConfigError(f"push is enabled (True) or not (False), not {enabled!r}")
        self.ctx = ctx
        self.imp_name = imp_name
        self.enabled = enabled
        self.apns = _Cloud(ctx, str(APNS_HOST), APNS_NAME, None)
        self.cloud = _Cloud(ctx, str(PUSH_CLOUD_HOST), PUSH_CLOUD_NAME, str(APNS_HOST))
        for node in (self.apns, self.cloud):
            ctx.network.attach(node, node.name)

    def deliver_im(self, client: Jabber, *, sender: str, suspended: bool) -> Delivery:
        """An IM from ``sender`` for ``client``'s user reaches IM&P; deliver it as the product
        would: on the open stream, by push and a wake-up, or not until the app is opened."""
        if not isinstance(suspended, bool):
            raise ConfigError(f"suspended is True or False, not {suspended!r}")
        if not isinstance(sender, str) or not sender:
            raise ConfigError("an instant message needs a sender")
        if client.state != "signed-in":
            raise ConfigError(f"{client.user}'s client is not signed in ({client.state})")
        start = len(self.ctx.network.exchanges)
        with client.lock:
            result = self._deliver(client, sender, suspended)
        result.exchanges = list(range(start, len(self.ctx.network.exchanges)))
        return result

    def _deliver(self, client: Jabber, sender: str, suspended: bool) -> Delivery:
        if not suspended:
            return Delivery(True, "on the open XMPP stream (no push needed)")
        if not self.enabled:
            return Delivery(False, "not delivered: the client is suspended and push is not "
                                   "configured, so IM&P cannot reach it until the app is opened")
        ex = self.ctx.network.send(self.imp_name, _post(self.cloud.host, {
            "user": client.user, "kind": "im", "from": sender}))
        if ex.response is None or ex.response.status != 200:
            return Delivery(False, f"the push failed ({ex.error or ex.response.status})")
        refreshed = False
        if self.ctx.clock.now() >= client.tokens.access_expires_at:
            got = client.refresh()
            if not got:
                return Delivery(False, f"woken by push, but the refresh failed: {got.detail}")
            refreshed = True
        xmpp = jabber_xmpp_login(client)
        if not xmpp:
            return Delivery(False, f"woken by push, but XMPP failed: {xmpp.detail}", refreshed)
        return Delivery(True, "by push: the client woke up and reconnected over MRA",
                        refreshed)
