"""What a node is handed when it is built: the node context (DESIGN.md, layer "sim").

A node never sees the deployment (:class:`uclab.Lab`). It gets the lab's clock, its entropy, the
log book its lines go to, the network it answers on (with the network's lock), the deployment's
domain, the lab's OAuth profile (``Lab(profile=...)``), and its peers by role — the other nodes
a real server of its kind is configured to reach.
The lab fills the peers in as it assembles the deployment (:mod:`uclab.lab`).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

import requests

from uclab.core.clock import Clock
from uclab.core.entropy import Entropy
from uclab.core.errors import ConfigError
from uclab.facts import PROFILE_CISCO
from uclab.sim.network import Network
from uclab.sim.transport import lab_session
from uclab.trace.logline import LogLine, render_all

#: the roles a node can be reached by (one node each, except "cluster": every CUCM cluster)
ROLES = ("cucm", "cluster", "expc", "expe", "imp", "unity", "dns", "public-dns")


class LogBook:
    """Every line the products of one deployment wrote, in order (thread-safe)."""

    def __init__(self, lock: threading.RLock) -> None:
        self.lines: list[LogLine] = []
        self._lock = lock

    def write(self, line: LogLine) -> LogLine:
        with self._lock:
            self.lines.append(line)
        return line

    def select(self, host: str | None = None, dialect: str | None = None) -> list[LogLine]:
        return [ln for ln in self.lines if (host is None or ln.host == host)
                and (dialect is None or ln.dialect == dialect)]

    def render(self, host: str | None = None, dialect: str | None = None,
               reveal: bool = False) -> str:
        """The lines of one host and/or dialect as the product writes them, secrets concealed
        unless ``reveal=True``."""
        return render_all(self.select(host, dialect), reveal)


class Peers:
    """A node's peers by role (see :data:`ROLES`), filled in by the lab while it assembles."""

    def __init__(self) -> None:
        self._one: dict[str, Any] = {}
        self._clusters: list[Any] = []

    def set(self, role: str, node: Any) -> None:
        if role not in ROLES or role == "cluster":
            raise ConfigError(f"unknown peer role {role!r}; one of {', '.join(ROLES)}")
        self._one[role] = node

    def add_cluster(self, cluster: Any) -> None:
        self._clusters.append(cluster)

    def get(self, role: str) -> Any | None:
        """The node of ``role``, or ``None`` when the deployment has none."""
        return self._one.get(role)

    def require(self, role: str) -> Any:
        node = self._one.get(role)
        if node is None:
            raise ConfigError(f"this deployment has no {role} node")
        return node

    @property
    def clusters(self) -> list[Any]:
        """Every CUCM cluster of the deployment, the home cluster first."""
        return list(self._clusters)


@dataclass(frozen=True, eq=False)
class NodeContext:
    """The clock, entropy, log book, network (and its lock), domain, peers and OAuth profile of a
    node."""

    clock: Clock
    entropy: Entropy
    network: Network
    logbook: LogBook
    domain: str
    peers: Peers = field(default_factory=Peers)
    #: the lab's OAuth profile for CUCM's AuthZ (``uclab.sim.cucm.authz.profiles``)
    oauth_profile: str = str(PROFILE_CISCO)

    @property
    def lock(self) -> threading.RLock:
        """The deployment's lock: widget callbacks may run on another thread."""
        return self.network.lock

    def log(self, line: LogLine) -> LogLine:
        """Record a line a product wrote."""
        return self.logbook.write(line)

    def session(self, src: str) -> requests.Session:
        """A ``requests.Session`` that sends as ``src`` into this network, in-process."""
        return lab_session(self.network, src)

    def advance(self, *, days: float = 0, hours: float = 0, minutes: float = 0,
                seconds: float = 0) -> str:
        """Move time forward (under the lock) and return the new time."""
        with self.lock:
            self.clock.advance(days=days, hours=hours, minutes=minutes, seconds=seconds)
        return self.clock.iso()
