"""The IM&P node: its ports, its parts, the service restarts an admin makes (S3, S15, S35).

An :class:`ImpNode` answers XMPP on 5222 (XCP Connection Manager, :mod:`.streams`) and EPAS
SOAP on 8443 (Cisco Tomcat, :mod:`.epas`); its XCP Authentication Service checks SASL
(:mod:`.sasl_service`) with its AuthZ key copies (:mod:`.xcp_auth`) and writes XCP_JABBERD lines
(:mod:`.xcp_log`). This module wires those parts together and keeps the node's public API.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from uclab.core.errors import ConfigError
from uclab.core.wire import Request, Response
from uclab.facts import (
    EPAS_PATH,
    IMP_HTTPS_PORT,
    IMP_RESTARTED,
    IMP_RESTARTED_EPAS,
    IMP_RESTARTED_KEYS,
    IMP_RESTARTED_STREAMS,
    XMPP_PORT,
)
from uclab.protocols.validation import Validation
from uclab.protocols.xmpp import STREAM_HEADER, escape_text
from uclab.sim.cucm.cluster import CucmCluster
from uclab.sim.imp.epas import EpasService
from uclab.sim.imp.sasl_service import SaslMechanisms
from uclab.sim.imp.services import (
    SVC_TOMCAT,
    SVC_XCP_AUTH,
    SVC_XCP_CM,
    SVC_XCP_ROUTER,
    service_named,
)
from uclab.sim.imp.streams import XmppStream, XmppStreams
from uclab.sim.imp.xcp_auth import KeyCopies, KeyCopy
from uclab.sim.imp.xcp_log import XcpLog

if TYPE_CHECKING:
    from uclab.sim.context import NodeContext


class ImpNode:
    """An IM&P node (publisher by default) homed on a CUCM cluster.

    Ports 5222 (XCP Connection Manager, XMPP) and 8443 (Cisco Tomcat: EPAS SOAP). The presence
    domain is the lab's domain. The constructor attaches the node to the lab network and
    registers its key listener with ``home``.
    """

    ports = (XMPP_PORT, IMP_HTTPS_PORT)
    schemes = ("https", "xmpp")

    def __init__(self, ctx: NodeContext, host: str, home: CucmCluster, *,
                 name: str | None = None) -> None:
        if not isinstance(host, str) or not host or "/" in host:
            raise ConfigError(f"an IM&P node needs a host name (got {host!r})")
        self.ctx = ctx
        self.host = host.lower()
        self.home = home
        self.presence_domain = ctx.domain
        self.name = name or self.host.split(".")[0]
        self.entropy = ctx.entropy.child(f"imp/{self.host}")
        self.lock: threading.RLock = ctx.lock
        self.key_copies = KeyCopies(self.host, home, ctx.clock, self.lock)
        self.epas = EpasService(self.entropy, ctx.clock, self.lock, self.key_copies.directory)
        hosts = {self.host, self.presence_domain.lower()}
        self.sasl = SaslMechanisms(self.presence_domain, self.key_copies, self.epas, hosts,
                                   (XMPP_PORT,))
        self.xcp_log = XcpLog(ctx, self.host, self.entropy)
        self.xmpp_streams = XmppStreams(self.presence_domain, self.entropy, self.lock, self.sasl,
                                        self.xcp_log)
        home.key_listeners.append(self.key_copies.on_key_regen)
        ctx.network.attach(self, self.name)

    def __repr__(self) -> str:
        return f"ImpNode({self.host!r}, home={self.home.publisher.host!r})"

    @property
    def xmpp_url(self) -> str:
        return f"xmpp://{self.host}:{XMPP_PORT}/"

    @property
    def streams(self) -> dict[str, XmppStream]:
        """The open XMPP streams by id."""
        return self.xmpp_streams.streams

    @property
    def sasl_hosts(self) -> set[str]:
        """Host names a client's OAUTHBEARER ``host`` kvpair may carry (RFC 7628 §3.2); an edge
        model may add the Expressway-E name it relays for [U]."""
        return self.sasl.hosts

    @property
    def last_validation(self) -> Validation | None:
        """The decision log of the last OAUTHBEARER token checked."""
        return self.sasl.last_validation

    # -- keys -------------------------------------------------------------------------------------
    def database_keys(self) -> list[KeyCopy]:
        """The key copies in the IM&P database (home cluster, synchronized peers)."""
        return list(self.key_copies.database.values())

    def xcp_auth_keys(self) -> list[KeyCopy]:
        """The copies the running Cisco XCP Authentication Service validates with (lab view)."""
        return list(self.key_copies.running.values())

    def show_key(self, kind: str) -> str:
        """``show key authz signing|encryption`` on IM&P (S5): the checksum of the node's
        *database* copy of its home cluster's keys, which is what the platform CLI reads [U].

        That copy follows a regeneration automatically, so the CLI can agree with CUCM while the
        running XCP Authentication Service still holds the old keys; :meth:`key_report` shows
        both (the restart S3/S15 prescribe is what closes the gap).
        """
        return self.key_copies.show_key(kind)

    def cli(self, command: str) -> str:
        """The AuthZ key commands on IM&P: ``show key authz ...`` works, regen is CUCM's (S5)."""
        return self.key_copies.cli(command)

    def key_report(self) -> str:
        """Database vs XCP Authentication Service copies, one line per cluster (lab view)."""
        return self.key_copies.key_report()

    def validate_token(self, token: str) -> Validation:
        """Validate an access token as the XCP Authentication Service does (S2)."""
        return self.key_copies.validate_token(token)

    # -- services ---------------------------------------------------------------------------------
    def restart_service(self, name: str) -> str:
        """Restart an IM&P service given by its exact name (:data:`~.services.SERVICES`).

        Cisco XCP Authentication Service reloads the AuthZ keys from the database (S3, S15);
        Cisco XCP Connection Manager and Cisco XCP Router drop the XMPP streams; Cisco Tomcat
        drops EPAS sessions. The others are listed for completeness and change nothing here.
        """
        svc = service_named(name)
        with self.lock:
            if svc == SVC_XCP_AUTH:
                self.key_copies.reload()
                return IMP_RESTARTED_KEYS.format(service=svc, host=self.host)
            if svc in (SVC_XCP_CM, SVC_XCP_ROUTER):
                dropped = len(self.streams)
                self.streams.clear()
                return IMP_RESTARTED_STREAMS.format(service=svc, host=self.host, dropped=dropped)
            if svc == SVC_TOMCAT:
                self.epas.drop_sessions()
                return IMP_RESTARTED_EPAS.format(service=svc, host=self.host)
            return IMP_RESTARTED.format(service=svc, host=self.host)

    # -- SASL offer -------------------------------------------------------------------------------
    def refresh_logins_enabled(self) -> bool:
        """Whether OAuth refresh logins are on for this node (see
        :data:`~.sasl_service.OAUTHBEARER_CONDITION`)."""
        return self.sasl.refresh_logins_enabled()

    def sasl_mechanisms(self) -> list[str]:
        """PLAIN and CISCO-VTG-TOKEN always (S27); OAUTHBEARER with refresh logins (S26) [U]."""
        return self.sasl.offered()

    def query_auth_component(self, requester: str, *, jid: str = "",
                             pid: int | None = None,
                             threads: tuple[int, ...] = ()) -> list[str]:
        """Expressway-C asks this node's auth component for SASL mechanisms (seed article).

        Writes the seed's two XCP_JABBERD DELIVER lines on ``requester`` (the Expressway-C
        host): the xdb ``get`` routed to ``auth-1.<imp>`` and the ``result`` carrying the
        mechanisms (field observation; the seed shows ``jid`` blank, as it is by default).
        Returns the mechanisms.
        """
        if not isinstance(requester, str) or not requester:
            raise ConfigError(f"query_auth_component needs the requester's host "
                              f"(got {requester!r})")
        with self.lock:
            mechs = self.sasl_mechanisms()
            self.xcp_log.mechanisms_query(requester, jid, mechs, pid, threads)
            return mechs

    # -- HTTP / XMPP entry point ------------------------------------------------------------------
    def handle(self, req: Request) -> Response:
        if req.scheme == "xmpp":
            if req.method != "XMPP" or req.port != XMPP_PORT:
                return Response.make(400, f"XMPP is method XMPP on port {XMPP_PORT} "
                                          f"(got {req.method} on {req.port})")
            self.xcp_log.relayed = self._relayed_by_expressway(req.remote)
            try:
                reply, sid = self.xmpp(req.body, req.headers.get(STREAM_HEADER) or "")
            finally:
                self.xcp_log.relayed = False
            return Response.make(200, reply, {"Content-Type": "application/xml",
                                              STREAM_HEADER: sid})
        if req.port == IMP_HTTPS_PORT and req.path == EPAS_PATH:
            return self.epas.handle(req)
        return Response.make(404, f"no resource at {escape_text(req.path[:80])} on {self.host}")

    def _relayed_by_expressway(self, address: str) -> bool:
        """Whether ``address`` is an Expressway-C's: over MRA its XCP router routes the client's
        SASL elements to this node's auth component and logs them (seed article)."""
        net = self.ctx.network
        names = [n for n, ip in net.addresses.items() if ip == address]
        return any(getattr(node, "role", "") == "expressway-c" for node in net.nodes.values()
                   if getattr(node, "name", None) in names)

    def xmpp(self, stanza: bytes | str, stream_id: str = "") -> tuple[str, str]:
        """Process one client stanza on a stream; returns the reply and the stream id.
        Bad input gets an RFC 6120 stream error or SASL failure, never an exception."""
        return self.xmpp_streams.receive(stanza, stream_id)
