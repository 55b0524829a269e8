"""Cisco XCP Authentication Service: an IM&P node's AuthZ key copies and its token check
(S2, S3, S5, S15).

Two copies per CUCM cluster the node serves:

* the *database copy*: for the home cluster it follows every ``set key regen authz ...`` on the
  publisher automatically (S2, S3: a listener on ``home.key_listeners``); for a telephony
  cluster of a central IM&P cluster it is what the last Save and Synchronize wrote (S15);
* the *in-memory copy* the running service validates OAUTHBEARER tokens with, loaded when the
  service starts. After a regeneration, "restart Cisco XCP Authentication Service on all IM&P
  nodes" (S3, S15); uclab's model of that instruction [U]: until the restart the service keeps
  the old keys, and OAuth XMPP logins fail with the validator's signing-key check.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from uclab import facts
from uclab.core.clock import Clock
from uclab.core.errors import ConfigError
from uclab.protocols.keys import AuthzKeys
from uclab.protocols.validation import Validation, validate_access_token
from uclab.sim.cucm.cluster import CucmCluster
from uclab.sim.cucm.node import KEY_KINDS, REGEN_KEY_COMMAND, SHOW_KEY_COMMAND
from uclab.sim.cucm.users import Directory
from uclab.sim.imp.services import SVC_XCP_AUTH


@dataclass(frozen=True)
class KeyCopy:
    """AuthZ keys an IM&P node holds for one CUCM cluster."""

    cluster: CucmCluster
    keys: AuthzKeys
    refresh_enabled: bool = False  # peers: the remote's parameter at the last sync


class KeyCopies:
    """The database and running (XCP Authentication Service) key copies of one IM&P node, by
    CUCM publisher host, and the clusters whose users the node serves."""

    def __init__(self, host: str, home: CucmCluster, clock: Clock,
                 lock: threading.RLock) -> None:
        self.host = host
        self.home = home
        self.clock = clock
        self.lock = lock
        self.clusters: dict[str, CucmCluster] = {home.publisher.host: home}
        self.database: dict[str, KeyCopy] = {home.publisher.host: KeyCopy(home, home.fetch_keys())}
        self.running: dict[str, KeyCopy] = dict(self.database)

    # -- how copies change ------------------------------------------------------------------------
    def on_key_regen(self, kind: str, new_keys: AuthzKeys) -> None:
        """CUCM copies regenerated keys to its IM&P nodes' databases automatically (S2, S3)."""
        with self.lock:
            self.database[self.home.publisher.host] = KeyCopy(self.home, new_keys)

    def set_peer_keys(self, cluster: CucmCluster, keys: AuthzKeys | None,
                      refresh_enabled: bool) -> None:
        """Centralized deployment: what Save and Synchronize wrote to the database (S15)."""
        with self.lock:
            self.clusters[cluster.publisher.host] = cluster
            if keys is None:
                self.database.pop(cluster.publisher.host, None)
            else:
                self.database[cluster.publisher.host] = KeyCopy(cluster, keys, refresh_enabled)

    def reload(self) -> None:
        """The service (re)starts: it loads the database copies (S3, S15)."""
        self.running = dict(self.database)

    # -- what an admin sees -----------------------------------------------------------------------
    def peer_copies(self) -> list[KeyCopy]:
        """The database copies of remote telephony clusters (a central cluster's, S15)."""
        home = self.home.publisher.host
        return [c for h, c in self.database.items() if h != home]

    def show_key(self, kind: str) -> str:
        """``show key authz signing|encryption`` on IM&P (S5): the checksum of the *database*
        copy of the home cluster's keys, which is what the platform CLI reads [U]."""
        if kind not in KEY_KINDS:
            raise ConfigError(f"show key authz takes 'signing' or 'encryption' (got {kind!r})")
        keys = self.database[self.home.publisher.host].keys
        value = keys.signing_checksum if kind == "signing" else keys.encryption_checksum
        return facts.CLI_CHECKSUM_FORMAT.format(name=f"authz {kind}", checksum=value)

    def cli(self, command: str) -> str:
        """The AuthZ key commands on IM&P: ``show key authz ...`` works, regen is CUCM's (S5)."""
        words = " ".join(str(command).split())
        for kind in KEY_KINDS:
            if words == SHOW_KEY_COMMAND[kind]:
                return self.show_key(kind)
            if words == REGEN_KEY_COMMAND[kind]:
                raise ConfigError(f"'{words}' runs on the CUCM publisher "
                                  f"({self.home.publisher.host}); IM&P receives the new keys")
        raise ConfigError(f"unknown command {words[:60]!r}; known: "
                          f"{SHOW_KEY_COMMAND[KEY_KINDS[0]]}|{KEY_KINDS[1]}")

    def key_report(self) -> str:
        """Database vs XCP Authentication Service copies, one line per cluster (lab view)."""
        lines = []
        for host, copy in self.database.items():
            running = self.running.get(host)
            live = running.keys.signing_checksum[:12] if running else "none"
            stale = "" if running and running.keys is copy.keys else f"  <- restart {SVC_XCP_AUTH}"
            lines.append(f"{host}: database signing {copy.keys.signing_checksum[:12]}…, "
                         f"{SVC_XCP_AUTH} signing {live}…{stale}")
        return "\n".join(lines)

    # -- the token check --------------------------------------------------------------------------
    def validate_token(self, token: str) -> Validation:
        """Validate an access token as the XCP Authentication Service does: the shared
        validator with the service's in-memory key copies and the issuing cluster's directory
        for the user-active check (S2)."""
        copies = list(self.running.values())
        now = self.clock.now()
        if len(copies) > 1:
            probe = validate_access_token(token, [c.keys for c in copies], now=now, node=self.host)
            if not probe.ok:
                return probe
            iss = (probe.claims or {}).get("iss")
            copies = [c for c in copies if c.keys.cluster_id == iss] or copies[:1]
        copy = copies[0] if copies else None
        return validate_access_token(
            token, copy.keys if copy else None, now=now, node=self.host,
            user_active=copy.cluster.users.is_active if copy else None)

    def directory(self, user_id: str) -> Directory | None:
        """The directory of the first served cluster that knows ``user_id``."""
        for cluster in self.clusters.values():
            if cluster.users.get(user_id) is not None:
                return cluster.users
        return None
