"""SIP OAuth mode on a CUCM cluster (fact sheet 1.7; S10 = TAC 215572, S6).

* **Enabling** (S10): ``utils sipOAuth-mode enable`` on the publisher writes
  ``ClusterSIPOAuthMode`` = 1; CallManager runs with it after a restart of Cisco CallManager,
  and only then listens on the two OAuth ports of each node (System > Cisco Unified CM: "SIP
  Phone OAuth Port" 5090, TLS; "SIP Mobile and Remote Access Port" 5091, mutual TLS from
  Expressway-C; range 1024-49151). A phone security profile needs "Enable OAuth
  Authentication".
* **Device config file** (S10): ``<device>.cnf.xml`` on TFTP port 6970 carries
  ``sipOAuthMode``, ``sipOAuthPort`` and ``sipMRAOAuthPort``.
* **Registration** (S10): the first REGISTER is answered ``407`` with ``Proxy-Authenticate:
  Bearer realm="ccmsipline"``; the REGISTER with ``Proxy-Authorization: Bearer token="…"`` is
  answered 200 OK once the token validates with the cluster's AuthZ keys. OAuth not enabled in
  the profile, or plain TLS on the MRA port, gives ``403`` with ``Warning: 399 <node> "SIP OAuth
  Registration port Mismatch"``. On 5091 CallManager presents its Tomcat certificate and checks
  Expressway-C's against tomcat-trust (an untrusted signer: TLS alert unknown CA) and against the
  certificate names Expressway-C pushed (AXL) at Refresh servers.

What CUCM answers a REGISTER with a token that does not validate is not published: the lab
challenges again (407) [U]. CUCM's SDI lines for all this are modelled texts in the real SDI
line grammar (FORMATS.md §1.5 [U]).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from uclab import facts
from uclab.core.errors import ConfigError
from uclab.core.wire import Request, Response
from uclab.sim.cucm.sip_register import SipRegistrar

#: the cluster and node types (uclab.sim.cucm.cluster / .node import this module, so the
#: types are not imported back: the package has no import circle, TYPE_CHECKING included)
CucmCluster = Any
CucmNode = Any

#: the issuer of the lab's Expressway-C certificate (a lab CA name)
LAB_EXPC_CA = "uclab Expressway CA"


@dataclass
class SecurityProfile:
    """System > Security > Phone Security Profile (the fields S10 shows)."""

    name: str
    security_mode: str = str(facts.SECURITY_MODE_ENCRYPTED)
    transport: str = str(facts.TRANSPORT_TLS)
    enable_oauth: bool = False


@dataclass
class SipDevice:
    """A Jabber desktop (CSF) device: its user, line and security profile."""

    name: str
    user: str
    dn: str
    profile: str


def _port(name: str, value: object) -> int:
    low, high = int(facts.SIP_OAUTH_PORT_MIN), int(facts.SIP_OAUTH_PORT_MAX)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConfigError(f"{name!r} takes a whole number {low}-{high} (got {value!r})")
    if not low <= value <= high:
        raise ConfigError(f"{name!r} must be in the range {low}-{high} (got {value})")
    return value


class SipOAuth(SipRegistrar):
    """The SIP OAuth state of one cluster: mode, ports, profiles, devices, trust."""

    def __init__(self, cluster: CucmCluster) -> None:
        self.cluster = cluster
        #: ClusterSIPOAuthMode in the database, and what CallManager runs with
        self.db_mode = int(facts.SIP_OAUTH_OFF)
        self.running_mode = int(facts.SIP_OAUTH_OFF)
        self.ports: dict[str, list[int]] = {}
        self.profiles: dict[str, SecurityProfile] = {}
        self.devices: dict[str, SipDevice] = {}
        #: expresswaycconfiguration: certificate names per Expressway-C (pushed over AXL)
        self.expc_entries: dict[str, tuple[str, ...]] = {}
        #: the signers in tomcat-trust (CallManager checks Expressway-C against them on 5091)
        self.tomcat_trust: set[str] = set()
        self.tftp = False
        self.registered: dict[str, str] = {}
        self._base: dict[str, tuple[tuple[int, ...], tuple[str, ...]]] = {}
        self._seq = 0
        self._tag = 0

    # -- configuration (S10) ----------------------------------------------------------------------
    def node_ports(self, host: str) -> tuple[int, int]:
        """The node's SIP Phone OAuth Port and SIP Mobile and Remote Access Port."""
        self.cluster.node(host)
        oauth, mra = self.ports.get(host, (int(facts.SIP_PHONE_OAUTH_PORT_DEFAULT),
                                           int(facts.SIP_MRA_PORT_DEFAULT)))
        return oauth, mra

    def set_ports(self, host: str, *, oauth: object = None, mra: object = None) -> None:
        """System > Cisco Unified CM > the node: change either port (1024-49151); CallManager
        listens on the new one after its restart."""
        current = list(self.node_ports(host))
        if oauth is not None:
            current[0] = _port(str(facts.SIP_PHONE_OAUTH_PORT), oauth)
        if mra is not None:
            current[1] = _port(str(facts.SIP_MRA_PORT), mra)
        if current[0] == current[1]:
            raise ConfigError(f"{facts.SIP_PHONE_OAUTH_PORT} and {facts.SIP_MRA_PORT} must "
                              f"differ (both {current[0]})")
        self.ports[host] = current

    def cli_enable(self, node: CucmNode) -> str:
        """``utils sipOAuth-mode enable``: on the publisher only (S10)."""
        if not node.is_publisher:
            raise ConfigError(f"'{facts.CLI_SIP_OAUTH_ENABLE}' runs on the publisher "
                              f"({self.cluster.publisher.host}), not on {node.host}")
        self.db_mode = int(facts.SIP_OAUTH_ON)
        return facts.CLI_SIP_OAUTH_DONE.format(param=facts.SIP_OAUTH_DB_PARAM,
                                               mode=self.db_mode,
                                               service=facts.SVC_CALLMANAGER)

    def sql_mode(self) -> str:
        """``run sql select paramvalue FROM processconfig WHERE paramname =
        'ClusterSIPOAuthMode'`` (S10): a header, a row of ``=``, the value."""
        return f"paramvalue\n==========\n{self.db_mode}"

    def restart_callmanager(self) -> None:
        """Restart Cisco CallManager on every node: it runs with ClusterSIPOAuthMode and
        listens on each node's OAuth ports when the mode is on (S10)."""
        self.running_mode = self.db_mode
        self._open_ports()

    def enable_tftp(self) -> None:
        """The lab serves the device config files (TFTP's HTTP port 6970) from here on."""
        self.tftp = True
        self._open_ports()

    def _open_ports(self) -> None:
        for node in self.cluster.nodes:
            ports, schemes = self._base.setdefault(node.host, (tuple(node.ports),
                                                               tuple(getattr(node, "schemes",
                                                                             ("https",)))))
            extra_ports: list[int] = []
            extra_schemes: list[str] = []
            if self.tftp:
                extra_ports.append(int(facts.TFTP_PORT))
                extra_schemes.append("http")
            if self.running_mode == int(facts.SIP_OAUTH_ON):
                extra_ports += self.node_ports(node.host)
                extra_schemes.append("sip")
            node.ports = (*ports, *extra_ports)
            node.schemes = (*schemes, *extra_schemes)

    def open_ports(self, host: str, port: int) -> str:
        """``show open ports regexp <port>`` (S10): one line per listening socket [U]."""
        node = self.cluster.node(host)
        if port in node.ports and self.running_mode and port in self.node_ports(host):
            return facts.OPEN_PORT_LINE.format(port=port)
        return ""

    def add_profile(self, name: str, *, enable_oauth: bool = False) -> SecurityProfile:
        if not isinstance(name, str) or not name.strip():
            raise ConfigError("a phone security profile needs a name")
        profile = SecurityProfile(name, enable_oauth=bool(enable_oauth))
        self.profiles[name] = profile
        return profile

    def set_profile_oauth(self, name: str, enabled: bool) -> None:
        """Tick (or untick) "Enable OAuth Authentication" on a profile."""
        if name not in self.profiles:
            raise ConfigError(f"no phone security profile {name!r}; profiles: "
                              f"{', '.join(self.profiles) or 'none'}")
        self.profiles[name].enable_oauth = bool(enabled)

    def add_device(self, user: str, profile: str) -> SipDevice:
        """A CSF device for ``user`` on ``profile``, with the next lab DN."""
        if self.cluster.users.get(user) is None:
            raise ConfigError(f"no end user {user!r} on this cluster")
        if profile not in self.profiles:
            raise ConfigError(f"no phone security profile {profile!r}")
        name = facts.LAB_CSF_DEVICE.format(user=user.upper())
        if name in self.devices:  # the same device again: it keeps its line
            self.devices[name].profile = profile
            return self.devices[name]
        device = SipDevice(name, user, str(1001 + len(self.devices)), profile)
        self.devices[name] = device
        return device

    def push_expc(self, expc_host: str, names: tuple[str, ...]) -> None:
        """Expressway-C's certificate CN/SAN, pushed over AXL at Refresh servers (S10)."""
        self.expc_entries[expc_host] = tuple(names)

    def expc_rows(self) -> list[dict[str, str]]:
        """``run sql select * from expresswaycconfiguration`` (S10), as rows (the column names
        are the lab's, :data:`uclab.facts.EXPC_CONFIG_COLUMNS`)."""
        name, names_col = facts.EXPC_CONFIG_COLUMNS.split()
        return [{name: host, names_col: " ".join(names)}
                for host, names in self.expc_entries.items()]

    def device_config(self, name: str, host: str) -> str:
        """``<device>.cnf.xml`` with the SIP OAuth fields S10 shows (other elements left out)."""
        if name not in self.devices:
            raise ConfigError(f"no device {name!r}")
        oauth, mra = self.node_ports(host)
        mode = self.running_mode
        return (f'<?xml version="1.0" encoding="UTF-8"?><device><fullConfig>true</fullConfig>'
                f"<deviceProtocol>SIP</deviceProtocol><callManagerGroup><members><member>"
                f"<callManager><processNodeName>{html.escape(host)}</processNodeName>"
                f"</callManager></member></members></callManagerGroup>"
                f"<{facts.CNF_SIP_OAUTH_MODE}>{mode}</{facts.CNF_SIP_OAUTH_MODE}>"
                f"<{facts.CNF_SIP_OAUTH_PORT}>{oauth}</{facts.CNF_SIP_OAUTH_PORT}>"
                f"<{facts.CNF_SIP_MRA_PORT}>{mra}</{facts.CNF_SIP_MRA_PORT}>"
                f"<line><name>{self.devices[name].dn}</name></line></device>")

    # -- the node's handlers ----------------------------------------------------------------------
    def handle(self, node: CucmNode, req: Request) -> Response | None:
        """TFTP (http on 6970) and SIP for ``node``; None for anything else."""
        if req.scheme == "http" and req.port == int(facts.TFTP_PORT) and self.tftp:
            name = req.path.lstrip("/").removesuffix(".cnf.xml")
            if req.path.endswith(".cnf.xml") and name in self.devices:
                return Response.make(200, self.device_config(name, node.host),
                                     {"Content-Type": "text/xml"})
            return Response.make(404, b"", {"Content-Type": "text/xml"})
        if req.scheme == "sip":
            return self._sip(node, req)
        return None
