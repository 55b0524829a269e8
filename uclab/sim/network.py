"""The lab's network: host names routed to sans-I/O node handlers, every exchange recorded.

A node is anything with ``handle(Request) -> Response`` and a ``ports`` tuple. Nothing opens a
socket. A request to an unknown host or a closed port becomes an :class:`~uclab.core.wire.Exchange`
whose ``error`` says so (a transport failure), which is different from an HTTP error response.
A node that raises is answered with a plain 500 and no traceback; the exception text stays in the
exchange's metadata for the lab's owner, as does whatever a node notes in ``Response.meta``
(CUCM's AuthZ decision log, :mod:`uclab.sim.cucm.authz.decisions`).

Every error response (4xx, 5xx) leaves the network with ``Cache-Control: no-store``: an error
must never be cached (checklist C5; RFC 6749 §5.2 shows it on token errors, RFC 9111 §5.2.2.5).
Where a product's own error headers are not documented this field is the lab's [U]; a node that
sets its own ``Cache-Control`` keeps it.
"""

from __future__ import annotations

import threading
import zlib
from collections.abc import Callable
from typing import Protocol

from uclab.core import defaults
from uclab.core.clock import Clock
from uclab.core.errors import ConnectionRefused, TlsAlert
from uclab.core.wire import Exchange, Request, Response

#: what every error response carries (module docstring)
NO_STORE_FIELD = ("Cache-Control", "no-store")
NO_STORE = dict([NO_STORE_FIELD])


class Node(Protocol):
    host: str
    ports: tuple[int, ...]
    #: URL schemes the node speaks (``https`` unless it says otherwise, e.g. ``xmpp``)

    def handle(self, req: Request) -> Response: ...


class Network:
    """Routes requests by host name and records each one as an :class:`Exchange`."""

    def __init__(self, clock: Clock, hop_ms: int = 2) -> None:
        self.clock = clock
        self.hop_ms = hop_ms
        self.nodes: dict[str, Node] = {}
        self.names: dict[str, str] = {}
        self.exchanges: list[Exchange] = []
        #: IP address of each sender name (documentation ranges, RFC 5737)
        self.addresses: dict[str, str] = {}
        self.lock = threading.RLock()
        self.observers: list[Callable[[Exchange], None]] = []
        self._ports: dict[str, int] = {}

    def attach(self, node: Node, name: str | None = None) -> None:
        """Put a node on the network under its host name (``name`` labels it in traces)."""
        self.nodes[node.host.lower()] = node
        self.names[node.host.lower()] = name or node.host

    def detach(self, host: str) -> None:
        self.nodes.pop(host.lower(), None)

    def name_of(self, host: str) -> str:
        return self.names.get(host.lower(), host)

    def serves(self, host: str, port: int, scheme: str = "https") -> bool:
        """Whether a node answers ``scheme`` on ``host``:``port`` (what a proxy may ask before
        it forwards a client's choice of target)."""
        node = self.nodes.get(host.lower())
        return node is not None and port in node.ports and scheme in getattr(
            node, "schemes", ("https",))

    def _source_port(self, src: str) -> int:
        """A stable ephemeral port per sender (RFC 6335 dynamic range), for log lines."""
        port = self._ports.get(src)
        if port is None:
            port = self._ports[src] = 49152 + zlib.crc32(src.encode()) % 16000
        return port

    def send(self, src: str, request: Request) -> Exchange:
        """Deliver ``request`` from ``src``; always returns the recorded exchange."""
        with self.lock:
            request.remote = self.addresses.get(src, "192.0.2.1")
            request.remote_port = self._source_port(src)
            ex = Exchange(len(self.exchanges) + 1, src, self.name_of(request.host), request,
                          started_ms=self.clock.tick(self.hop_ms))
            self.exchanges.append(ex)
            node = self.nodes.get(request.host)
            if node is None:
                ex.error = f"could not resolve host {request.host!r}: no such node in this lab"
            elif request.port not in node.ports:
                ex.error = (f"connection refused: {request.host} does not listen on port "
                            f"{request.port} (it listens on {', '.join(map(str, node.ports))})")
            elif request.scheme not in getattr(node, "schemes", ("https",)):
                ex.error = (f"connection refused: {request.host} does not speak "
                            f"{request.scheme} on port {request.port}")
            elif len(request.body) > defaults.MAX_BODY_BYTES:
                ex.response = Response.make(413, {"error": "invalid_request",
                                                  "error_description": "request body too large"},
                                            NO_STORE)
            else:
                try:
                    ex.response = node.handle(request)
                except TlsAlert as exc:
                    ex.error = (f"TLS handshake with {request.host}:{request.port} failed: "
                                f"{exc}")
                except ConnectionRefused as exc:
                    ex.error = f"connection refused by {request.host}: {exc}"
                except Exception as exc:  # noqa: BLE001 - a node bug must never reach the client
                    ex.metadata["exception"] = f"{type(exc).__name__}: {exc}"
                    ex.response = Response.make(500, {"error": "server_error",
                                                      "error_description": "internal error"},
                                                NO_STORE)
            resp = ex.response
            if resp is not None and resp.meta:
                ex.metadata.update(resp.meta)
            if (resp is not None and resp.status >= 400 and request.scheme != "sip"
                    and "cache-control" not in resp.headers):  # SIP has no HTTP caching
                resp.headers.set(*NO_STORE_FIELD)
            ex.ended_ms = self.clock.tick(self.hop_ms)
            if self.observers:
                for observer in list(self.observers):
                    observer(ex)
            return ex
