"""IM and Presence Service (IM&P): XCP authentication over XMPP SASL, the node's AuthZ key
copies, EPAS one-time tokens, and the centralized deployment (S2, S3, S15, S26-S28, seed).

Keys, the way the sources describe them:

* IM&P nodes of a CUCM cluster receive the AuthZ keys automatically (S2, S3): the node's
  *database copy* follows every ``set key regen authz ...`` on the publisher (a listener on
  ``home.key_listeners``);
* the Cisco XCP Authentication Service validates OAUTHBEARER tokens with an *in-memory copy*
  it loads when it starts; after a regeneration, "restart Cisco XCP Authentication Service on
  all IM&P nodes" (S3, S15). uclab's model of that instruction [U]: until the restart the
  service keeps the old keys and OAuth XMPP logins fail with the validator's signing-key check;
* an IM&P *central cluster* gets the keys of each remote telephony cluster only through
  System > Centralized Deployment > Save and Synchronize (S15), and keeps them until an admin
  repeats it; as for local keys, the running service reads them at its next restart [U].

SASL (fact sheet 3.4): PLAIN and CISCO-VTG-TOKEN are always offered (S27); OAUTHBEARER
(RFC 7628) when refresh logins are on (S26, seed article; the exact condition is [U], see
:data:`OAUTHBEARER_CONDITION`).

XMPP over the lab network: ``Request.make("XMPP", "xmpp://<imp>:5222/", body=<stanza>)``. One
request carries one client stanza: the stream header (answered with the server's header and
``<stream:features>``), ``<auth>``, ``<response>`` or ``<abort>`` (RFC 6120 §4, §6.4). The lab
header :data:`STREAM_HEADER` stands for the TCP connection; without it every request uses the
node's one implicit stream. The lab does not simulate TLS: an ``xmpp://`` stream stands for one
on which STARTTLS has completed (RFC 6120 §5; RFC 7628 §3 makes TLS a MUST). An authenticated
stream stays up after its access token expires: RFC 7628 §5 lets a server disconnect, IM&P's
behaviour is not documented, and uclab's policy [U] is to keep it (a new login needs a valid
token).
"""

from __future__ import annotations

import hashlib
import html
import re
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from xml.sax import saxutils

from uclab import facts
from uclab.core import defaults
from uclab.core.entropy import Entropy
from uclab.core.errors import ConfigError
from uclab.core.wire import Request, Response
from uclab.facts import SEED, Fact
from uclab.facts.releases import Version
from uclab.protocols.keys import AuthzKeys
from uclab.protocols.sasl import (
    MECH_OAUTHBEARER,
    MECH_PLAIN,
    MECH_VTG,
    OAuthBearerServer,
    SaslError,
    SaslStep,
    TokenVerdict,
    from_base64,
    parse_plain,
    parse_vtg_token,
    to_base64,
)
from uclab.protocols.validation import Validation, validate_access_token
from uclab.sim.cucm.node import CucmCluster, CucmNode
from uclab.sim.cucm.users import Directory
from uclab.trace.logline import LogLine

if TYPE_CHECKING:
    from uclab.sim.context import NodeContext

# --- services (Cisco Unified IM and Presence Serviceability) ------------------------------------
SVC_XCP_AUTH = Fact("Cisco XCP Authentication Service", "S3, S15, S35",
                    note="restart it on all IM&P nodes after an AuthZ key regeneration (S3, S15)")
SVC_XCP_CM = Fact("Cisco XCP Connection Manager", "S35, S23")
SVC_XCP_ROUTER = Fact("Cisco XCP Router", "S35")
SVC_TOMCAT = Fact("Cisco Tomcat", "S1, S35")
SVC_SIP_PROXY = Fact("Cisco SIP Proxy", "S23")
SVC_PRESENCE_ENGINE = Fact("Cisco Presence Engine", "S23", confirmed=False,
                           note='S23 writes "Presence Engine"; the "Cisco " prefix follows the '
                           "other service names")
SVC_CLIENT_PROFILE_AGENT = Fact("Cisco Client Profile Agent", "S35", confirmed=False,
                                note='S35 writes "Client Profile Agent"; the "Cisco " prefix '
                                "follows the other service names")
SERVICES = (SVC_XCP_AUTH, SVC_XCP_CM, SVC_XCP_ROUTER, SVC_TOMCAT, SVC_SIP_PROXY,
            SVC_PRESENCE_ENGINE, SVC_CLIENT_PROFILE_AGENT)

# --- SASL offer ----------------------------------------------------------------------------------
OAUTHBEARER_CONDITION = Fact(
    "OAUTHBEARER is offered while OAuth with Refresh Login Flow is Enabled", "S26, S9, seed",
    confirmed=False,
    note="S26 saw an IM&P offer PLAIN, CISCO-VTG-TOKEN and OAUTHBEARER; S27 saw PLAIN and "
    "CISCO-VTG-TOKEN without OAuth; that the offer follows the refresh-login parameter (of the "
    "home cluster, or of a synchronized telephony cluster for a central cluster) is inferred")

# --- System > Centralized Deployment (S15) -------------------------------------------------------
MENU_CENTRALIZED = Fact("System > Centralized Deployment", "S15")
BUTTON_ADD_NEW = Fact("Add New", "S15")
FIELD_PEER_ADDRESS = Fact("Peer Address", "S15")
FIELD_AXL_USERNAME = Fact("AXL Username", "S15")
FIELD_AXL_PASSWORD = Fact("AXL Password", "S15")
BUTTON_SAVE_SYNC = Fact("Save and Synchronize", "S15")
STATUS_SYNCHRONIZED = Fact("Synchronized", "S15",
                           note="shown when the telephony cluster supports OAuth refresh logins")
STATUS_UNSYNCHRONIZED = Fact(
    "Unsynchronized", "S15",
    note="S15: a CUCM at 11.5(1)SU3 or earlier shows Unsynchronized but still works with SSO/LDAP "
    "login; 11.5(1)SU3 is also the release that introduced refresh logins (S1, S2), so the "
    "sources are in tension; uclab follows S15")
UNSYNC_UP_TO = Fact("11.5(1)SU3", "S15", note="last release that shows Unsynchronized")
AXL_AUTH_FAILED = Fact(
    "Unable to synchronize with {peer}: the AXL credentials were rejected ({detail})",
    "lab wording", confirmed=False, note="the IM&P page's real error text is not documented")

# --- EPAS SOAP (legacy one-time tokens for CISCO-VTG-TOKEN) --------------------------------------
EPAS_PATH = Fact("/EPASSoap/service/v80", "S28", note="https://<imp>:8443, third-party code")
EPAS_OP_LOGIN = Fact("login", "S28")
EPAS_OP_OTP = Fact("get-onetime-password", "S28")
EPAS_NS = Fact("urn:cisco:epas:soap", "S28 (third-party script)", confirmed=False)
EPAS_SOAPACTION_LOGIN = Fact("urn:cisco:epas:soap/EpasSoapServiceInterface/login",
                             "S28 (third-party script)", confirmed=False)
EPAS_SHAPE = Fact(
    "<login-resp><success><session-key>..</session-key></success></login-resp>; "
    "<get-onetime-password-resp><success><password>..</password></success>"
    "</get-onetime-password-resp>", "S28 (third-party script), lab model", confirmed=False,
    note="the element paths follow what a third-party script reads; the exact SOAP bodies are a "
    "lab model")
EPAS_INVALID = Fact("Invalid request", "S28 (third-party script)", confirmed=False,
                    note="the script looks for this text in failed EPAS answers")
EPAS_BAD_LOGIN = Fact("Invalid username or password", "lab wording", confirmed=False)
#: Lifetime of an EPAS one-time token, seconds: not documented [U], lab choice.
OTP_TTL_SECONDS = 300

# --- XCP_JABBERD log lines (seed article, field observation) -------------------------------------
XCP_PROCESS = Fact("XCP_JABBERD", f"{SEED}; S17")
XCP_MODULE = Fact("Jabber", f"{SEED}; S17")
XCP_LEVEL_VBOSE = Fact("VBOSE", SEED, confirmed=False)
XCP_LEVEL_INFO = Fact("INFO", "lab choice", confirmed=False,
                      note="level of the auth-outcome lines; IM&P's real XCP texts are unknown")
DELIVER_LOCATION = Fact("deliver.c:1171", SEED, confirmed=False)
DELIVER_DETAIL = Fact("DELIVER: type:{type}, host:{host}, packet:{packet}", SEED, confirmed=False)
AUTH_COMPONENT = Fact("auth-1", SEED, confirmed=False,
                      note="component names are <name>.<host with dots as dashes>, as the seed's "
                      "'auth-1.lab2-imp-lab-com' suggests (inferred)")
CONNECT_AUTH_COMPONENT = Fact("connect-auth-1", SEED, confirmed=False)
SDNS_COMPONENT = Fact("sdns_plugin-1", SEED, confirmed=False)
CM_COMPONENT = Fact("cm-1_jsmcp-1", SEED, confirmed=False,
                    note="seen for the Expressway-E connection manager; used for IM&P's own by "
                    "analogy")
XDB_QUERY_ID = Fact("conauth{n}-jtx_{m}", SEED, confirmed=False)
XDB_AUTH_ID = Fact("jtx_{m}", SEED, confirmed=False)
SECRET_MASK = Fact("XXXXXXX", SEED, confirmed=False,
                   note="how the seed's XCP_JABBERD lines show the SASL payload")
AUTH_OK_DETAIL = Fact("SASL {mechanism} authentication succeeded for {who}", "lab wording",
                      confirmed=False, note="no source shows IM&P's XCP authentication log texts")
AUTH_FAIL_DETAIL = Fact("SASL {mechanism} authentication failed for {who}: {reason}",
                        "lab wording", confirmed=False,
                        note="no source shows IM&P's XCP authentication log texts")

# --- XMPP (RFC 6120) and the IM&P stream header (S27) --------------------------------------------
XMPP_PORT = 5222  # XCP Connection Manager, fact sheet 3.1 [C]
HTTPS_PORT = facts.CUCM_HTTPS_PORT  # Cisco Tomcat, EPAS (S28)
NS_SASL = Fact("urn:ietf:params:xml:ns:xmpp-sasl", "RFC 6120 §6.4; S27")
NS_STREAMS = Fact("http://etherx.jabber.org/streams", "RFC 6120 §4.8.1; S27")
NS_STREAM_ERRORS = Fact("urn:ietf:params:xml:ns:xmpp-streams", "RFC 6120 §4.9.2")
NS_DOMAIN_BASED_NAME = Fact("urn:xmpp:domain-based-name:0", SEED, confirmed=False,
                            note="also in third-party Cisco client test code")
NS_SOAP12 = "http://www.w3.org/2003/05/soap-envelope"  # SOAP 1.2 (W3C), used by EPAS (S28)
STREAM_HEADER_XML = Fact(
    "<stream:stream xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:client' "
    "xml:lang='en-US.UTF-8' id='{id}' from='{domain}' version='1.0'>", "S27 (Pidgin log)",
    confirmed=False, note="the shape of an IM&P stream header in a Pidgin debug log; the id "
    "there is 12 upper-case hex digits")
FAILURE_TEXT = Fact("<text>", "RFC 6120 §6.4.5", confirmed=False,
                    note="IM&P's observed failures carry no <text> (S27); the lab adds one "
                    "naming the reason")
#: Most XMPP streams a node keeps (the oldest is dropped beyond it; checklist K1).
MAX_STREAMS = 1000
#: Lab transport header standing for the TCP connection of an XMPP stream (not product-facing).
STREAM_HEADER = "X-Uclab-Stream"

_STREAM_OPEN = re.compile(r"<stream:stream\b([^<>]*?)/?>\s*(?:</stream:stream>\s*)?\Z", re.S)
_FORBIDDEN_XML = re.compile(r"<!--|<!DOCTYPE|<!ENTITY|<\?", re.I)
_XML_DECL = re.compile(r"\A\s*<\?xml\b[^>]*\?>", re.S)
_UNSYNC_UP_TO = Version.parse(UNSYNC_UP_TO)


# ==== client-side helpers (Jabber and Expressway models build stanzas with these) ================
def stream_open(domain: str) -> str:
    """A client's stream header (RFC 6120 §4.7; the form Pidgin sends to IM&P, S27)."""
    return (f"<stream:stream to='{_attr(domain)}' xmlns='jabber:client' "
            f"xmlns:stream='{NS_STREAMS}' version='1.0'>")


def auth_stanza(mechanism: str, message: bytes | None) -> str:
    """``<auth>`` with the base64 initial response (RFC 6120 §6.4.2); None sends none."""
    mech = _attr(mechanism)
    if message is None:
        return f"<auth xmlns='{NS_SASL}' mechanism='{mech}'/>"
    return f"<auth xmlns='{NS_SASL}' mechanism='{mech}'>{to_base64(message)}</auth>"


def response_stanza(message: bytes) -> str:
    """``<response>`` to a server challenge (RFC 6120 §6.4.3)."""
    return f"<response xmlns='{NS_SASL}'>{to_base64(message)}</response>"


def abort_stanza() -> str:
    return f"<abort xmlns='{NS_SASL}'/>"


def features_xml(mechanisms: Iterable[str]) -> str:
    """``<stream:features>`` advertising SASL mechanisms (RFC 6120 §6.4.1; S27 shape)."""
    mechs = "".join(f"<mechanism>{_esc(m)}</mechanism>" for m in mechanisms)
    return f"<stream:features><mechanisms xmlns='{NS_SASL}'>{mechs}</mechanisms></stream:features>"


@dataclass(frozen=True)
class XmppReply:
    """A server reply as a client reads it: ``features``, ``success``, ``challenge``,
    ``failure``, ``stream-error`` or ``unknown``."""

    kind: str
    mechanisms: tuple[str, ...] = ()
    condition: str = ""
    text: str = ""
    data: bytes = b""
    stream_id: str = ""


def _reply_text(elem: ET.Element) -> str:
    for child in elem:
        if child.tag.rsplit("}", 1)[-1] == "text":
            return child.text or ""
    return ""


def _reply_condition(elem: ET.Element) -> str:
    names = [c.tag.rsplit("}", 1)[-1] for c in elem]
    return next((n for n in names if n != "text"), "")


def parse_reply(text: str) -> XmppReply:
    """Read an IM&P (or relayed) XMPP reply; never raises."""
    if not isinstance(text, str):
        return XmppReply("unknown")
    if "<stream:error>" in text:
        cond = re.search(r"<stream:error><([A-Za-z-]+)", text)
        said = re.search(r"<text[^>]*>([^<]*)</text>", text)
        return XmppReply("stream-error", condition=cond.group(1) if cond else "",
                         text=html.unescape(said.group(1)) if said else "")
    if "<stream:features" in text:
        sid = re.search(r"<stream:stream\b[^>]*\bid='([^']*)'", text)
        mechs = tuple(html.unescape(m) for m in re.findall(r"<mechanism>([^<]*)</mechanism>", text))
        return XmppReply("features", mechanisms=mechs, stream_id=sid.group(1) if sid else "")
    try:
        elem = ET.fromstring(text)
    except ET.ParseError:
        return XmppReply("unknown", text=text[:200])
    kind = elem.tag.rsplit("}", 1)[-1]
    if kind == "challenge":
        try:
            data = from_base64((elem.text or "").strip() or "=")
        except SaslError:
            data = b""
        return XmppReply("challenge", data=data)
    if kind in ("success", "failure"):
        return XmppReply(kind, condition=_reply_condition(elem), text=_reply_text(elem))
    return XmppReply("unknown", text=text[:200])


def epas_login_body(user: str, password: str) -> str:
    """The EPAS ``login`` SOAP 1.2 request (S28; body shape a lab model [U])."""
    return (f'<?xml version="1.0" encoding="UTF-8"?><env:Envelope xmlns:env="{NS_SOAP12}">'
            f'<env:Body><login xmlns="{EPAS_NS}" client-type="CUPC" force="true">'
            f"<username>{_esc(user)}</username><password>{_esc(password)}"
            "</password></login></env:Body></env:Envelope>")


def epas_otp_body(session_key: str) -> str:
    """The EPAS ``get-onetime-password`` request, session key in the SOAP header (S28 [U])."""
    return (f'<?xml version="1.0" encoding="UTF-8"?><env:Envelope xmlns:env="{NS_SOAP12}" '
            f'xmlns="{EPAS_NS}"><env:Header><session-key>{_esc(session_key)}'
            "</session-key></env:Header><env:Body><get-onetime-password/></env:Body>"
            "</env:Envelope>")


def epas_result(text: str) -> str | None:
    """The value inside ``<success>`` of an EPAS answer (session key or password), or None."""
    try:
        root = ET.fromstring(text)
    except (ET.ParseError, TypeError):
        return None
    for elem in root.iter():
        if elem.tag.rsplit("}", 1)[-1] == "success":
            first = next(iter(elem), None)
            return first.text if first is not None else None
    return None


# ==== XCP_JABBERD log lines ======================================================================
def component_name(component: str, fqdn: str) -> str:
    """An XCP component address as the seed's lines show it: ``auth-1.lab2-imp-lab-com`` [U]."""
    return f"{component}.{fqdn.lower().replace('.', '-')}"


def xcp_jabberd_line(ms: int, host: str, pid: int, thread_id: int, detail: str, *,
                     level: str = XCP_LEVEL_VBOSE, code_location: str | None = DELIVER_LOCATION,
                     secrets: Iterable[str] = ()) -> LogLine:
    """One XCP_JABBERD line in the seed's field order; each secret renders as ``XXXXXXX``."""
    fields: list[tuple[str, object]] = [("UTCTime", None), ("ThreadID", str(thread_id)),
                                        ("Module", str(XCP_MODULE)), ("Level", str(level))]
    if code_location is not None:
        fields.append(("CodeLocation", str(code_location)))
    fields.append(("Detail", detail.replace('"', "'")))
    return LogLine(ms, host, str(XCP_PROCESS), f"{XCP_PROCESS}[{pid}]:", tuple(fields),
                   secrets=tuple((s, str(SECRET_MASK)) for s in secrets if len(s) >= 8))


def deliver_detail(type_: int, host: str, packet: str) -> str:
    return DELIVER_DETAIL.format(type=type_, host=host, packet=packet)


# ==== the node ===================================================================================
@dataclass(frozen=True)
class KeyCopy:
    """AuthZ keys an IM&P node holds for one CUCM cluster."""

    cluster: CucmCluster
    keys: AuthzKeys
    refresh_enabled: bool = False  # peers: the remote's parameter at the last sync


@dataclass
class XmppStream:
    """One client connection's state (RFC 6120 §4); ``jid`` once SASL succeeded."""

    id: str
    mechanism: str | None = None
    server: OAuthBearerServer | None = None
    jid: str | None = None
    token_exp: int | None = None


@dataclass
class _Otp:
    user: str
    expires: int


class _StreamError(Exception):
    def __init__(self, condition: str, text: str) -> None:
        super().__init__(text)
        self.condition = condition
        self.text = text

    def xml(self) -> str:
        return (f"<stream:error><{self.condition} xmlns='{NS_STREAM_ERRORS}'/>"
                f"<text xmlns='{NS_STREAM_ERRORS}'>{_esc(self.text)}</text>"
                "</stream:error></stream:stream>")


def _esc(text: str) -> str:
    """XML character data: only &, < and > need escaping."""
    return saxutils.escape(text)


def _attr(text: str) -> str:
    """An XML attribute value between single quotes."""
    return saxutils.escape(text, {"'": "&apos;", '"': "&quot;"})


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class ImpNode:
    """An IM&P node (publisher by default) homed on a CUCM cluster.

    Ports 5222 (XCP Connection Manager, XMPP) and 8443 (Cisco Tomcat: EPAS SOAP). The presence
    domain is the lab's domain. The constructor attaches the node to the lab network and
    registers its key listener with ``home``.
    """

    ports = (XMPP_PORT, HTTPS_PORT)
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
        self.streams: dict[str, XmppStream] = {}
        #: host names a client's OAUTHBEARER ``host`` kvpair may carry (RFC 7628 §3.2); an edge
        #: model may add the Expressway-E name it relays for [U]
        self.sasl_hosts: set[str] = {self.host, self.presence_domain.lower()}
        self.last_validation: Validation | None = None
        self._clusters: dict[str, CucmCluster] = {home.publisher.host: home}
        self._db: dict[str, KeyCopy] = {home.publisher.host: KeyCopy(home, home.fetch_keys())}
        self._xcp_auth: dict[str, KeyCopy] = dict(self._db)
        self._epas_sessions: dict[str, str] = {}
        self._otps: dict[str, _Otp] = {}
        self._pid = 10000 + self.entropy.child("pid").below(30000)
        self._threads = _thread_ids(self.entropy.child("threads"))
        self._jtx = 10000 + self.entropy.child("jtx").below(5000)
        home.key_listeners.append(self._on_key_regen)
        ctx.network.attach(self, self.name)

    def __repr__(self) -> str:
        return f"ImpNode({self.host!r}, home={self.home.publisher.host!r})"

    @property
    def xmpp_url(self) -> str:
        return f"xmpp://{self.host}:{XMPP_PORT}/"

    # -- keys -------------------------------------------------------------------------------------
    def _on_key_regen(self, kind: str, new_keys: AuthzKeys) -> None:
        """CUCM copies regenerated keys to its IM&P nodes' databases automatically (S2, S3)."""
        with self.lock:
            self._db[self.home.publisher.host] = KeyCopy(self.home, new_keys)

    def _set_peer_keys(self, cluster: CucmCluster, keys: AuthzKeys | None,
                       refresh_enabled: bool) -> None:
        """Centralized deployment: what Save and Synchronize wrote to the database (S15)."""
        with self.lock:
            self._clusters[cluster.publisher.host] = cluster
            if keys is None:
                self._db.pop(cluster.publisher.host, None)
            else:
                self._db[cluster.publisher.host] = KeyCopy(cluster, keys, refresh_enabled)

    def database_keys(self) -> list[KeyCopy]:
        """The key copies in the IM&P database (home cluster, synchronized peers)."""
        return list(self._db.values())

    def xcp_auth_keys(self) -> list[KeyCopy]:
        """The copies the running Cisco XCP Authentication Service validates with (lab view)."""
        return list(self._xcp_auth.values())

    def show_key(self, kind: str) -> str:
        """``show key authz signing|encryption`` on IM&P (S5): the checksum of the node's
        *database* copy of its home cluster's keys, which is what the platform CLI reads [U].

        That copy follows a regeneration automatically, so the CLI can agree with CUCM while the
        running XCP Authentication Service still holds the old keys; :meth:`key_report` shows
        both (the restart S3/S15 prescribe is what closes the gap).
        """
        if kind not in ("signing", "encryption"):
            raise ConfigError(f"show key authz takes 'signing' or 'encryption' (got {kind!r})")
        keys = self._db[self.home.publisher.host].keys
        value = keys.signing_checksum if kind == "signing" else keys.encryption_checksum
        return facts.CLI_CHECKSUM_FORMAT.format(name=f"authz {kind}", checksum=value)

    def cli(self, command: str) -> str:
        """The AuthZ key commands on IM&P: ``show key authz ...`` works, regen is CUCM's (S5)."""
        words = " ".join(str(command).split())
        for kind in ("signing", "encryption"):
            if words == f"show key authz {kind}":
                return self.show_key(kind)
            if words == f"set key regen authz {kind}":
                raise ConfigError(f"'{words}' runs on the CUCM publisher "
                                  f"({self.home.publisher.host}); IM&P receives the new keys")
        raise ConfigError(f"unknown command {words[:60]!r}; known: show key authz signing|"
                          "encryption")

    def key_report(self) -> str:
        """Database vs XCP Authentication Service copies, one line per cluster (lab view)."""
        lines = []
        for host, copy in self._db.items():
            running = self._xcp_auth.get(host)
            live = running.keys.signing_checksum[:12] if running else "none"
            stale = "" if running and running.keys is copy.keys else f"  <- restart {SVC_XCP_AUTH}"
            lines.append(f"{host}: database signing {copy.keys.signing_checksum[:12]}…, "
                         f"{SVC_XCP_AUTH} signing {live}…{stale}")
        return "\n".join(lines)

    # -- services ---------------------------------------------------------------------------------
    def restart_service(self, name: str) -> str:
        """Restart an IM&P service given by its exact name (:data:`SERVICES`).

        Cisco XCP Authentication Service reloads the AuthZ keys from the database (S3, S15);
        Cisco XCP Connection Manager and Cisco XCP Router drop the XMPP streams; Cisco Tomcat
        drops EPAS sessions. The others are listed for completeness and change nothing here.
        """
        svc = _service(name)
        with self.lock:
            if svc == SVC_XCP_AUTH:
                self._xcp_auth = dict(self._db)
                return f"{svc} restarted on {self.host}: AuthZ keys reloaded from the database"
            if svc in (SVC_XCP_CM, SVC_XCP_ROUTER):
                dropped = len(self.streams)
                self.streams.clear()
                return f"{svc} restarted on {self.host}: {dropped} XMPP stream(s) dropped"
            if svc == SVC_TOMCAT:
                self._epas_sessions.clear()
                return f"{svc} restarted on {self.host}: EPAS sessions dropped"
            return f"{svc} restarted on {self.host}"

    # -- SASL offer -------------------------------------------------------------------------------
    def refresh_logins_enabled(self) -> bool:
        """Whether OAuth refresh logins are on for this node (see :data:`OAUTHBEARER_CONDITION`)."""
        if self.home.params.refresh_enabled:
            return True
        home = self.home.publisher.host
        return any(c.refresh_enabled for h, c in self._db.items() if h != home)

    def sasl_mechanisms(self) -> list[str]:
        """PLAIN and CISCO-VTG-TOKEN always (S27); OAUTHBEARER with refresh logins (S26) [U]."""
        mechs = [str(MECH_PLAIN), str(MECH_VTG)]
        if self.refresh_logins_enabled():
            mechs.append(str(MECH_OAUTHBEARER))
        return mechs

    def query_auth_component(self, requester: str, *, jid: str = "",
                             pid: int | None = None) -> list[str]:
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
            ent = self.entropy.child(f"xdb/{self._next_jtx()}")
            xdb_id = XDB_QUERY_ID.format(n=100000 + ent.below(900000), m=self._jtx)
            pid = pid if pid is not None else 10000 + self.ctx.entropy.child(
                f"xcp/{requester.lower()}").below(30000)
            for type_, host, packet in self._query_packets(requester, jid, xdb_id, mechs):
                self.ctx.log(xcp_jabberd_line(self.ctx.clock.tick(9), requester, pid,
                                              self._thread(), deliver_detail(type_, host, packet)))
            return mechs

    def _query_packets(self, requester: str, jid: str, xdb_id: str,
                       mechs: list[str]) -> list[tuple[int, str, str]]:
        auth = component_name(AUTH_COMPONENT, self.host)
        conn = component_name(CONNECT_AUTH_COMPONENT, requester)
        sdns = component_name(SDNS_COMPONENT, requester)
        j = _attr(jid)
        get = (f"<route type='redirect' to='{auth}' from='{sdns}'><xdb from='{conn}' "
               f"id='{xdb_id}' ns='' to='{j}' type='get'><jid>{j}</jid></xdb></route>")
        names = "".join(f"<mechanism>{m}</mechanism>" for m in mechs)
        result = (f"<xdb from='{j}' id='{xdb_id}' ns='' to='{conn}' type='result'><jid>{j}</jid>"
                  f"<mechanisms xmlns='{NS_SASL}'>{names}<hostname xmlns='{NS_DOMAIN_BASED_NAME}'>"
                  f"{self.host}</hostname></mechanisms></xdb>")
        return [(8, auth, get), (1, conn, result)]

    # -- token validation -------------------------------------------------------------------------
    def validate_token(self, token: str) -> Validation:
        """Validate an access token as the XCP Authentication Service does: the shared
        validator with the service's in-memory key copies and the issuing cluster's directory
        for the user-active check (S2)."""
        copies = self.xcp_auth_keys()
        now = self.ctx.clock.now()
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

    def _verify(self, token: str) -> TokenVerdict:
        result = self.validate_token(token)
        self.last_validation = result
        sub = (result.claims or {}).get("sub")
        return TokenVerdict(result.ok, sub if isinstance(sub, str) else None, result.reason)

    def _may_act_as(self, authzid: str, subject: str) -> bool:
        """RFC 4422 authzid policy: a user may act as themself, bare or as a JID."""
        return authzid == subject or authzid.lower() == f"{subject}@{self.presence_domain}".lower()

    def _directory(self, user_id: str) -> Directory | None:
        for cluster in self._clusters.values():
            if cluster.users.get(user_id) is not None:
                return cluster.users
        return None

    # -- HTTP / XMPP entry point ------------------------------------------------------------------
    def handle(self, req: Request) -> Response:
        if req.scheme == "xmpp":
            if req.method != "XMPP" or req.port != XMPP_PORT:
                return Response.make(400, f"XMPP is method XMPP on port {XMPP_PORT} "
                                          f"(got {req.method} on {req.port})")
            reply, sid = self.xmpp(req.body, req.headers.get(STREAM_HEADER) or "")
            return Response.make(200, reply, {"Content-Type": "application/xml",
                                              STREAM_HEADER: sid})
        if req.port == HTTPS_PORT and req.path == EPAS_PATH:
            return self._epas(req)
        return Response.make(404, f"no resource at {_esc(req.path[:80])} on {self.host}")

    def xmpp(self, stanza: bytes | str, stream_id: str = "") -> tuple[str, str]:
        """Process one client stanza on a stream; returns the reply and the stream id.
        Bad input gets an RFC 6120 stream error or SASL failure, never an exception."""
        with self.lock:
            try:
                text = _stanza_text(stanza)
                if _STREAM_OPEN.match(text):
                    return self._open_stream(text)
                elem = _parse_stanza(text)
                stream = self._stream(stream_id)
                return self._dispatch(elem, stream), stream_id
            except _StreamError as err:
                self.streams.pop(stream_id, None)
                return err.xml(), stream_id

    def _stream(self, stream_id: str) -> XmppStream:
        if stream_id not in self.streams and len(self.streams) >= MAX_STREAMS:
            self.streams.pop(next(iter(self.streams)))  # the oldest connection goes
        return self.streams.setdefault(stream_id, XmppStream(stream_id))

    def _open_stream(self, text: str) -> tuple[str, str]:
        """RFC 6120 §4.7: check the header, answer with ours and the stream features (S27)."""
        attrs = _STREAM_OPEN.match(text)
        assert attrs is not None
        try:
            elem = ET.fromstring(f"<stream:stream{attrs.group(1)}/>")
        except ET.ParseError as exc:
            raise _StreamError("not-well-formed", f"stream header: {exc}") from None
        if elem.tag != f"{{{NS_STREAMS}}}stream":
            raise _StreamError("invalid-namespace", f"the stream element must be in {NS_STREAMS}")
        to = elem.get("to") or ""
        if to.lower() != self.presence_domain.lower():
            raise _StreamError("host-unknown", f"this server serves {self.presence_domain}, not "
                                               f"{to[:64]!r}")
        sid = self.entropy.hex(6).upper()
        self._stream(sid)
        header = STREAM_HEADER_XML.format(id=sid, domain=self.presence_domain)
        return header + features_xml(self.sasl_mechanisms()), sid

    def _dispatch(self, elem: ET.Element, stream: XmppStream) -> str:
        name = _local(elem.tag)
        if name in ("auth", "response", "abort") and elem.tag != f"{{{NS_SASL}}}{name}":
            raise _StreamError("invalid-namespace", f"<{name}> must be in {NS_SASL}")
        if name == "auth":
            return self._auth(elem, stream)
        if name == "response":
            return self._response(elem, stream)
        if name == "abort":
            return self._abort(stream)
        raise _StreamError("unsupported-stanza-type",
                           f"<{name[:32]}>: this node handles the stream header and SASL only")

    # -- SASL over XMPP (RFC 6120 §6.4) -----------------------------------------------------------
    def _auth(self, elem: ET.Element, stream: XmppStream) -> str:
        mech = elem.get("mechanism") or ""
        offered = self.sasl_mechanisms()
        stream.mechanism, stream.server = None, None
        if mech not in offered:
            why = f"mechanism {mech[:32]!r} is not offered (offered: {', '.join(offered)})"
            self._log_outcome(mech or "-", "-", why)
            return _failure("invalid-mechanism", why)
        stream.mechanism = mech
        if mech == MECH_OAUTHBEARER:
            stream.server = self._oauthbearer_server()
        if elem.text is None or not elem.text.strip():
            return f"<challenge xmlns='{NS_SASL}'>=</challenge>"  # no initial response (§6.4.2)
        return self._step(stream, elem.text.strip(), "auth")

    def _response(self, elem: ET.Element, stream: XmppStream) -> str:
        if stream.mechanism is None:
            return _failure("malformed-request", "no SASL negotiation in progress on this stream "
                                                 "(send <auth> first)")
        return self._step(stream, (elem.text or "").strip() or "=", "response")

    def _abort(self, stream: XmppStream) -> str:
        mech = stream.mechanism or "-"
        reason = stream.server.abort().reason if stream.server else "the client aborted"
        stream.mechanism, stream.server = None, None
        self._log_outcome(mech, "-", reason)
        return _failure("aborted", reason)

    def _oauthbearer_server(self) -> OAuthBearerServer:
        return OAuthBearerServer(self._verify, hosts=self.sasl_hosts, ports=(XMPP_PORT,),
                                 tls=True, scope=str(facts.SCOPE_UC), authorize=self._may_act_as)

    def _step(self, stream: XmppStream, payload: str, element: str) -> str:
        mech = stream.mechanism or ""
        self._log_in(mech, element, payload)
        try:
            message = from_base64(payload)
        except SaslError as exc:
            stream.mechanism, stream.server = None, None
            self._log_outcome(mech, "-", str(exc))
            return _failure("incorrect-encoding", str(exc))
        if mech == MECH_OAUTHBEARER and stream.server is not None:
            step = stream.server.step(message)
        elif mech == MECH_PLAIN:
            step = self._plain(message)
        else:
            step = self._vtg(message)
        return self._answer(stream, step)

    def _answer(self, stream: XmppStream, step: SaslStep) -> str:
        mech = stream.mechanism or ""
        who = step.identity or step.authzid or "-"
        if step.outcome == "challenge":
            self._log_out(f"<challenge xmlns='{NS_SASL}'>{to_base64(step.data)}</challenge>")
            self._log_outcome(mech, who, f"{step.reason} (error challenge sent, RFC 7628 §3.2.2)")
            return f"<challenge xmlns='{NS_SASL}'>{to_base64(step.data)}</challenge>"
        stream.mechanism, stream.server = None, None
        if step.ok and step.identity:
            stream.jid = f"{step.identity}@{self.presence_domain}"
            claims = self.last_validation.claims if mech == MECH_OAUTHBEARER and \
                self.last_validation else None
            stream.token_exp = (claims or {}).get("exp")
            self._log_out(f"<success xmlns='{NS_SASL}'/>")
            self.ctx.log(self._line(AUTH_OK_DETAIL.format(mechanism=mech, who=stream.jid),
                                    level=XCP_LEVEL_INFO, code_location=None))
            return f"<success xmlns='{NS_SASL}'/>"
        condition = "malformed-request" if step.malformed else "not-authorized"
        self._log_out(f"<failure xmlns='{NS_SASL}'><{condition}/></failure>")
        self._log_outcome(mech, who, step.reason)
        return _failure(condition, step.reason)

    def _plain(self, message: bytes) -> SaslStep:
        """PLAIN (RFC 4616) checked against the CUCM directory of the user."""
        try:
            creds = parse_plain(message)
        except SaslError as exc:
            return SaslStep("failure", reason=str(exc), malformed=True)
        user_id, domain_ok = self._user_part(creds.authcid)
        directory = self._directory(user_id) if domain_ok else None
        if directory is None or directory.authenticate(user_id, creds.password) is None:
            return SaslStep("failure", reason=f"wrong password, unknown or inactive user "
                                              f"{creds.authcid[:64]!r}", authzid=creds.authcid)
        if creds.authzid is not None and not self._may_act_as(creds.authzid, user_id):
            return SaslStep("failure", reason=f"authzid {creds.authzid[:64]!r} is not "
                                              f"{user_id!r} (RFC 4616 §2)", authzid=user_id)
        return SaslStep("success", reason="password accepted", identity=user_id)

    def _user_part(self, name: str) -> tuple[str, bool]:
        """``alice`` or ``alice@<presence domain>`` -> (``alice``, True) [U: accepted forms]."""
        user, at, domain = name.rpartition("@")
        if not at:
            return name, True
        return user, domain.lower() == self.presence_domain.lower()

    def _vtg(self, message: bytes) -> SaslStep:
        """CISCO-VTG-TOKEN (S28): a one-time token this node issued through EPAS, used once."""
        try:
            creds = parse_vtg_token(message)
        except SaslError as exc:
            return SaslStep("failure", reason=str(exc), malformed=True)
        who = f"{creds.user}@{creds.domain}"
        if creds.domain.lower() != self.presence_domain.lower():
            return SaslStep("failure", reason=f"presence domain {creds.domain[:64]!r} is not "
                                              f"{self.presence_domain!r}", authzid=who)
        otp = self._otps.pop(_digest(creds.token), None)  # one use, whatever the outcome
        reason = self._otp_problem(otp, creds.user)
        if reason:
            return SaslStep("failure", reason=reason, authzid=who)
        return SaslStep("success", reason="one-time token accepted", identity=creds.user)

    def _otp_problem(self, otp: _Otp | None, user: str) -> str:
        if otp is None:
            return "unknown or already used one-time token"
        if otp.user != user:
            return f"the one-time token was issued to another user, not {user!r}"
        if self.ctx.clock.now() > otp.expires:
            return f"the one-time token expired (lifetime {OTP_TTL_SECONDS}s, lab choice)"
        directory = self._directory(user)
        if directory is None or directory.is_active(user) is not True:
            return f"user {user!r} is inactive or unknown"
        return ""

    # -- XCP_JABBERD lines ------------------------------------------------------------------------
    def _next_jtx(self) -> int:
        self._jtx += 1
        return self._jtx

    def _thread(self) -> int:
        return self._threads[self._jtx % len(self._threads)]

    def _line(self, detail: str, *, level: str = XCP_LEVEL_VBOSE,
              code_location: str | None = DELIVER_LOCATION,
              secrets: Iterable[str] = ()) -> LogLine:
        return xcp_jabberd_line(self.ctx.clock.ms, self.host, self._pid, self._thread(), detail,
                                level=level, code_location=code_location, secrets=secrets)

    def _log_in(self, mech: str, element: str, payload: str) -> None:
        """The SASL element delivered to the auth component; the payload shows as XXXXXXX."""
        auth = component_name(AUTH_COMPONENT, self.host)
        cm = component_name(CM_COMPONENT, self.host)
        attr = f"mechanism='{_attr(mech)}' " if element == "auth" else ""
        body = _esc(payload)
        packet = (f"<route type='redirect' to='{auth}' from='{cm}'><xdb from='{cm}' "
                  f"id='{XDB_AUTH_ID.format(m=self._next_jtx())}' ns='' to='' type='set'>"
                  f"<{element} {attr}xmlns='{NS_SASL}'>{body}</{element}></xdb></route>")
        self.ctx.log(self._line(deliver_detail(8, auth, packet), secrets=(body,)))

    def _log_out(self, reply: str) -> None:
        auth = component_name(AUTH_COMPONENT, self.host)
        cm = component_name(CM_COMPONENT, self.host)
        packet = (f"<xdb from='{auth}' id='{XDB_AUTH_ID.format(m=self._jtx)}' ns='' to='{cm}' "
                  f"type='result'>{reply}</xdb>")
        self.ctx.log(self._line(deliver_detail(1, cm, packet)))

    def _log_outcome(self, mech: str, who: str, reason: str) -> None:
        self.ctx.log(self._line(AUTH_FAIL_DETAIL.format(mechanism=mech, who=who, reason=reason),
                                level=XCP_LEVEL_INFO, code_location=None))

    # -- EPAS SOAP (S28) --------------------------------------------------------------------------
    def _epas(self, req: Request) -> Response:
        """``POST /EPASSoap/service/v80``: ``login`` then ``get-onetime-password`` (S28 [U])."""
        if req.method != "POST":
            return Response.make(405, "", {"Allow": "POST"})
        root = _soap_envelope(req.body)
        body = root.find(f"{{{NS_SOAP12}}}Body") if root is not None else None
        op = next(iter(body), None) if body is not None else None
        if op is None:
            return _epas_reply("fault", None, str(EPAS_INVALID), 400)
        with self.lock:
            if _local(op.tag) == EPAS_OP_LOGIN:
                return self._epas_login(op)
            if _local(op.tag) == EPAS_OP_OTP:
                return self._epas_otp(root)
        return _epas_reply("fault", None, str(EPAS_INVALID), 400)

    def _epas_login(self, op: ET.Element) -> Response:
        fields = {_local(c.tag): (c.text or "") for c in op}
        user, password = fields.get("username", ""), fields.get("password", "")
        directory = self._directory(user)
        if directory is None or directory.authenticate(user, password) is None:
            return _epas_reply("login-resp", None, str(EPAS_BAD_LOGIN))
        key = self.entropy.hex(16).upper()
        self._epas_sessions[_digest(key)] = user
        return _epas_reply("login-resp", ("session-key", key), "")

    def _epas_otp(self, root: ET.Element) -> Response:
        header = root.find(f"{{{NS_SOAP12}}}Header")
        keys = [c.text or "" for c in (header if header is not None else [])
                if _local(c.tag) == "session-key"]
        user = self._epas_sessions.get(_digest(keys[0])) if len(keys) == 1 else None
        if user is None:
            return _epas_reply("get-onetime-password-resp", None, str(EPAS_INVALID))
        otp = self.entropy.urlsafe(defaults.RANDOM_BYTES)
        self._otps[_digest(otp)] = _Otp(user, self.ctx.clock.now() + OTP_TTL_SECONDS)
        return _epas_reply("get-onetime-password-resp", ("password", otp), "")


def _thread_ids(ent: Entropy) -> tuple[int, ...]:
    """pthread ids in the range the seed's ThreadID values have (0x7fc6xxxxxxxx)."""
    return tuple(0x7FC600000000 + ent.below(1 << 32) // 4096 * 4096 for _ in range(4))


def _service(name: str) -> Fact:
    for svc in SERVICES:
        if name == svc:
            return svc
    close = [s for s in SERVICES if isinstance(name, str) and s.lower() == name.strip().lower()]
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    raise ConfigError(f"no IM&P service is called {name!r}{hint}; known: "
                      + "; ".join(SERVICES))


def _failure(condition: str, text: str) -> str:
    """An RFC 6120 §6.5 SASL failure, with a lab ``<text>`` naming the reason."""
    return (f"<failure xmlns='{NS_SASL}'><{condition}/><text>{_esc(text[:400])}</text>"
            "</failure>")


def _stanza_text(stanza: bytes | str) -> str:
    """The stanza as text, refusing what RFC 6120 §11 forbids on a stream."""
    if isinstance(stanza, bytes | bytearray):
        if len(stanza) > defaults.MAX_BODY_BYTES:
            raise _StreamError("policy-violation", f"stanza of {len(stanza)} bytes is too large")
        try:
            stanza = bytes(stanza).decode("utf-8")
        except UnicodeDecodeError:
            raise _StreamError("unsupported-encoding", "XMPP streams are UTF-8 "
                                                       "(RFC 6120 §11.6)") from None
    if not isinstance(stanza, str):
        raise _StreamError("bad-format", f"a stanza is text, not {type(stanza).__name__}")
    text = _XML_DECL.sub("", stanza, count=1).strip()
    if not text:
        raise _StreamError("bad-format", "empty stanza")
    if _FORBIDDEN_XML.search(text):
        raise _StreamError("restricted-xml", "comments, processing instructions, DTDs and "
                                             "entity declarations are not allowed (RFC 6120 §11.1)")
    return text


def _parse_stanza(text: str) -> ET.Element:
    try:
        return ET.fromstring(text)
    except ET.ParseError as exc:
        raise _StreamError("not-well-formed", f"not well-formed XML: {exc}") from None


def _soap_envelope(body: bytes) -> ET.Element | None:
    try:
        text = body.decode("utf-8")
        if _FORBIDDEN_XML.search(_XML_DECL.sub("", text, count=1)):
            return None
        root = ET.fromstring(text)
    except (UnicodeDecodeError, ET.ParseError):
        return None
    return root if root.tag == f"{{{NS_SOAP12}}}Envelope" else None


def _epas_reply(op: str, value: tuple[str, str] | None, error: str, status: int = 200) -> Response:
    """A SOAP 1.2 envelope with ``<op><success><name>value</name></success></op>`` or an error
    (body shapes: lab model after S28 [U])."""
    if op == "fault":
        inner = (f"<env:Fault><env:Code><env:Value>env:Sender</env:Value></env:Code>"
                 f"<env:Reason><env:Text xml:lang='en'>{_esc(error)}</env:Text>"
                 "</env:Reason></env:Fault>")
    elif value is None:
        inner = f'<{op} xmlns="{EPAS_NS}"><error>{_esc(error)}</error></{op}>'
    else:
        name, text = value
        inner = (f'<{op} xmlns="{EPAS_NS}"><success><{name}>{_esc(text)}</{name}>'
                 f"</success></{op}>")
    body = (f'<?xml version="1.0" encoding="UTF-8"?><env:Envelope xmlns:env="{NS_SOAP12}">'
            f"<env:Body>{inner}</env:Body></env:Envelope>")
    return Response.make(status, body, {"Content-Type": "application/soap+xml; charset=utf-8"})


# ==== centralized deployment (S15) ===============================================================
@dataclass
class PeerEntry:
    """One row of System > Centralized Deployment on the central IM&P publisher (S15)."""

    peer_address: str
    axl_username: str
    axl_password: str = field(repr=False)
    cluster: CucmCluster = field(repr=False)
    status: str = ""
    synced_at: int | None = None
    signing_checksum: str | None = None


class CentralImpCluster:
    """An IM&P central cluster (S15): a local, non-telephony CUCM and an IM&P publisher whose
    System > Centralized Deployment page lists the remote telephony CUCM publishers.

    "Save and Synchronize" copies a telephony cluster's AuthZ keys into the central cluster's
    database (Synchronized), or shows Unsynchronized for a CUCM at 11.5(1)SU3 or earlier (S15).
    After a key regeneration on a telephony cluster the central cluster keeps the old keys until
    Save and Synchronize is repeated (S15); what happens meanwhile is not documented — uclab's
    [U] model: XMPP OAuth logins of that cluster's users fail. As everywhere in uclab, the
    running Cisco XCP Authentication Service picks up new keys when it is restarted (S3, S15).
    """

    def __init__(self, ctx: NodeContext, imp_host: str, local_cucm: CucmCluster, *,
                 name: str | None = None) -> None:
        self.ctx = ctx
        self.local_cucm = local_cucm
        self.publisher = ImpNode(ctx, imp_host, local_cucm, name=name)
        self.entries: dict[str, PeerEntry] = {}

    def __repr__(self) -> str:
        return f"CentralImpCluster({self.publisher.host!r}, {len(self.entries)} peer(s))"

    def add_new(self, peer_address: str, axl_username: str, axl_password: str) -> PeerEntry:
        """Add New, fill Peer Address / AXL Username / AXL Password, Save and Synchronize."""
        with self.ctx.lock:
            address = _clean_address(peer_address)
            if address in self.entries:
                raise ConfigError(f"{FIELD_PEER_ADDRESS} {address!r} is already listed under "
                                  f"{MENU_CENTRALIZED}; use {BUTTON_SAVE_SYNC} on it")
            cluster = self._resolve(address)
            self._check_axl(address, cluster, axl_username, axl_password)
            entry = PeerEntry(address, axl_username, axl_password, cluster)
            self.entries[address] = entry
            return self._sync(entry)

    def save_and_synchronize(self, peer_address: str, *, axl_username: str | None = None,
                             axl_password: str | None = None) -> PeerEntry:
        """Save and Synchronize on an existing entry, optionally with new AXL credentials; then
        restart Cisco XCP Authentication Service for the running service to use the keys."""
        with self.ctx.lock:
            entry = self.entry(peer_address)
            user = entry.axl_username if axl_username is None else axl_username
            password = entry.axl_password if axl_password is None else axl_password
            self._check_axl(entry.peer_address, entry.cluster, user, password)
            entry.axl_username, entry.axl_password = user, password
            return self._sync(entry)

    def entry(self, peer_address: str) -> PeerEntry:
        address = _clean_address(peer_address)
        if address not in self.entries:
            raise ConfigError(f"no {MENU_CENTRALIZED} entry for {address!r} (entries: "
                              f"{', '.join(self.entries) or 'none'})")
        return self.entries[address]

    def status(self, peer_address: str) -> str:
        return self.entry(peer_address).status

    def table(self) -> str:
        """The Centralized Deployment list: Peer Address, AXL Username, status."""
        rows = [str(MENU_CENTRALIZED),
                f"  {FIELD_PEER_ADDRESS:<32} {FIELD_AXL_USERNAME:<16} Status"]
        rows += [f"  {e.peer_address:<32} {e.axl_username:<16} {e.status}"
                 for e in self.entries.values()]
        return "\n".join(rows)

    # -- steps ------------------------------------------------------------------------------------
    def _resolve(self, address: str) -> CucmCluster:
        """The Peer Address must be a telephony cluster's CUCM publisher on the lab network."""
        node = self.ctx.network.nodes.get(address)
        if node is None:
            raise ConfigError(f"{FIELD_PEER_ADDRESS} {address!r} does not resolve: no such node "
                              "in this lab")
        if not isinstance(node, CucmNode):
            raise ConfigError(f"{FIELD_PEER_ADDRESS} {address!r} is a {type(node).__name__}, not a "
                              "Unified CM publisher")
        if not node.is_publisher:
            raise ConfigError(f"{FIELD_PEER_ADDRESS} {address!r} is a subscriber; enter its "
                              f"publisher {node.cluster.publisher.host!r} (S15)")
        if node.cluster is self.local_cucm:
            raise ConfigError(f"{address!r} is the central cluster's own CUCM, not a remote "
                              "telephony cluster")
        return node.cluster

    def _check_axl(self, address: str, cluster: CucmCluster, user: str, password: str) -> None:
        account = cluster.users.authenticate(user, password) if isinstance(user, str) else None
        if account is None:
            raise ConfigError(AXL_AUTH_FAILED.format(
                peer=address, detail=f"{FIELD_AXL_USERNAME} {user!r} or {FIELD_AXL_PASSWORD} is "
                "wrong"))
        if str(facts.ROLE_AXL) not in account.roles:
            raise ConfigError(AXL_AUTH_FAILED.format(
                peer=address, detail=f"{user!r} lacks the role {facts.ROLE_AXL!r}"))

    def _sync(self, entry: PeerEntry) -> PeerEntry:
        cluster = entry.cluster
        entry.synced_at = self.ctx.clock.now()
        if cluster.version <= _UNSYNC_UP_TO:
            entry.status, entry.signing_checksum = str(STATUS_UNSYNCHRONIZED), None
            self.publisher._set_peer_keys(cluster, None, False)
            return entry
        keys = cluster.fetch_keys()
        self.publisher._set_peer_keys(cluster, keys, cluster.params.refresh_enabled)
        entry.status, entry.signing_checksum = str(STATUS_SYNCHRONIZED), keys.signing_checksum
        return entry


def _clean_address(address: str) -> str:
    if not isinstance(address, str) or not address.strip() or " " in address.strip():
        raise ConfigError(f"{FIELD_PEER_ADDRESS} must be a host name (got {address!r})")
    return address.strip().lower()
