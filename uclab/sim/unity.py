"""Cisco Unity Connection (CUC) as an OAuth resource server: Authz Servers, key sync, voicemail.

Unity Connection is not part of the CUCM cluster, so it fetches the AuthZ signing and
encryption keys itself: an admin adds the CUCM publisher under **System Settings > Authz
Servers** with an account that has AXL access, and enables **OAuth with Refresh Login Flow**
under System Settings > Enterprise Parameters > SSO and OAuth Configuration (S13, S6, S9; seed
article, "Enabling Unity Connection"). When the CUCM keys change, CUC raises the
**EvtAuthzKeyRotation** alert in CiscoSyslog and keeps its old copy; Jabber voicemail login
fails until an admin clicks **Sync Keys** (S12; *Troubleshooting Guide for Cisco Unity
Connection 14*, "Troubleshooting Authorization Code Grant Flow").

Lab model, and the choices it makes where the sources are silent (each labelled [U]):

* **Save on the New Authz Server page fetches the keys.** S12 lists the error messages "on the
  New Authz Server page, Edit Authz Server page or Search Authz Server page", so uclab contacts
  CUCM when the server is added; on an error nothing is saved and
  :class:`AuthzServerError` carries the page's message [U].
* **Order of the checks** (as a TLS client meets them): name and port, Tomcat certificate,
  an Authz key service behind the port (CUCM 11.5(1)SU3 or later), credentials, AXL access.
* **tomcat-trust starts empty**: CUC does not trust the CUCM Tomcat certificate until an admin
  uploads it (:meth:`UnityConnection.upload_tomcat_trust`) or ticks "Ignore Certificate
  Errors" (S12, S13). An upload is valid for 5 years from the upload unless told otherwise.
* **Cisco Tomcat stopped on CUCM** (S12) is modelled as the node gone from the network
  (``lab.network.detach(host)``): the connectivity error.
* **Detection of a key change** is immediate (a listener on the cluster); how real CUC notices
  is not documented [U].
* **Sync Keys with no selection** syncs every Authz server [U].
"""

from __future__ import annotations

import base64
import binascii
import html
import itertools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from uclab import facts
from uclab.core import defaults
from uclab.core.clock import epoch_to_iso
from uclab.core.errors import ConfigError, OAuthError, UclabError, safe_description
from uclab.core.wire import Request, Response
from uclab.facts import Fact
from uclab.facts.releases import REFRESH_FROM, Version, supports_refresh
from uclab.protocols.keys import AuthzKeys
from uclab.protocols.validation import Validation, validate_access_token
from uclab.sim.cucm.node import CucmCluster, CucmNode
from uclab.sim.cucm.params import EnterpriseParameters, ParamSpec
from uclab.sim.cucm.users import Directory
from uclab.trace.logline import CONCEALED, LogLine

if TYPE_CHECKING:
    from uclab.sim.context import NodeContext

# --- Connection Administration pages (S13, S12) -------------------------------------------------
PAGE_ENTERPRISE_PARAMETERS = Fact("System Settings > Enterprise Parameters", "S13")
PAGE_AUTHZ_SERVERS = Fact("System Settings > Authz Servers", "S13, S12")
PAGE_SEARCH = Fact("Search Authz Servers", "S12",
                   note='S12 also writes "Search Authz Server page" once')
PAGE_NEW = Fact("New Authz Server", "S12")
PAGE_EDIT = Fact("Edit Authz Server", "S12")
ACTION_ADD_NEW = Fact("Add New", "S13, S12")
ACTION_DELETE_SELECTED = Fact("Delete Selected", "S13, S12")
ACTION_SYNC_KEYS = Fact("Sync Keys", "S13, S12")
LABEL_IGNORE_CERTIFICATE_ERRORS = Fact(
    "Ignore Certificate Errors", "S13, S12",
    note="the only GUI label of the page the sources give; the others are not known [U]",
)
TOMCAT_TRUST = Fact("tomcat-trust", "S12, S13")

# --- CUPI "Authorization Server" object (S14) -----------------------------------------------------
REST_AUTHZ_SERVER = Fact("/vmrest/authz/server/", "S14")
XML_LIST = Fact("AuthzServers", "S14", note='list element with a total="n" attribute')
XML_ITEM = Fact("AuthzServer", "S14")
FIELD_OBJECT_ID = Fact("ObjectId", "S14")
FIELD_DISPLAY_NAME = Fact("DisplayName", "S14")
FIELD_IGNORE_CERT = Fact("IgnoreCertificateError", "S14")
FIELD_USERNAME = Fact("ServerUsername", "S14")
FIELD_PASSWORD = Fact("ServerPassword", "S14", note="returned empty (<ServerPassword />)")
FIELD_ADDRESS = Fact("ServerNodeAddress", "S14")
FIELD_PORT = Fact("Port", "S14")
FIELD_LAST_SYNC = Fact("LastSyncStatus", "S14")
DEFAULT_PORT = 8443  # S14 sample [C]
SYNC_PASSED = Fact("Passed", "S14", note='sample "Passed - May 12,2017 07:00:53 AM GMT"')
SYNC_FAILED = Fact("Failed", "lab choice", confirmed=False,
                   note="only the Passed form is published (S14); the failed form is the lab's")
SYNC_DATE_FORMAT = Fact(
    "{month} {day:02d},{year} {hour12:02d}:{minute:02d}:{second:02d} {ampm} GMT", "S14",
    confirmed=False,
    note="shape read from one sample (May 12,2017 07:00:53 AM GMT); zero-padding of a "
    "one-digit day and the zone shown for a non-GMT server are guesses",
)

# --- Error messages of the Authz Server pages (S12) ---------------------------------------------
ERR_CONNECT_NETWORK = Fact(
    "Failed to connect to Authz Server. Check network connectivity with Authz Server. "
    "For more details, check error log", "S12",
    note="uclab shows it when the name does not resolve or the port does not answer",
)
ERR_CONNECT = Fact(
    "Failed to connect to Authz Server", "S12",
    note="S12 does not say which cause shows the short form; uclab shows it when the host "
    "answers but offers no Authz key service (not CUCM, or CUCM before 11.5(1)SU3) [U]",
)
ERR_NOT_AUTHORIZED = Fact("Not authorized - Invalid Username or Password", "S12")
ERR_CERT_UNTRUSTED = Fact(
    "Failed to validate certificates. Make sure proper tomcat certificates are uploaded for "
    "the Authz Server", "S12")
ERR_CERT_NOT_YET_VALID = Fact(
    "Failed to validate certificates. Tomcat certificates uploaded for the Authz Server are "
    "not yet valid", "S12", note="the fact sheet elides the prefix; full text from S12")
ERR_CERT_EXPIRED = Fact(
    "Failed to validate certificates. Tomcat certificates uploaded for the Authz Server have "
    "expired", "S12", note="the fact sheet elides the prefix; full text from S12")

# --- CiscoSyslog alert (S12) ----------------------------------------------------------------------
CISCO_SYSLOG_PATH = Fact("/var/log/active/syslog/CiscoSyslog", "S12")
ALARM_KEY_ROTATION = Fact("EvtAuthzKeyRotation", "S12")
CISCOLOG_FORMAT = Fact(
    "<Mon dd HH:MM:SS> <host> <facility> <sev> : <seq>: <fqdn>: <Mon DD YYYY HH:MM:SS.mmm> UTC :  "
    "%<APP>-<sev>-<NAME>: %[tag=value]...: <text>",
    "CUCM Managed Services Guide, 'CiscoLog Message Format' (outside the fact sheet)",
    confirmed=False,
    note="the CiscoLog part is documented; the syslog prefix, the facility and the spacing "
    "are the lab's reading of field files (rendered by uclab.trace.logline, dialect ciscosyslog)",
)
CISCOLOG_FACILITY = Fact("local7", "lab choice", confirmed=False,
                         note="facility seen in UC CiscoSyslog files; not documented here")
CISCOLOG_APP = Fact("UC_CUC", "lab choice", confirmed=False,
                    note="the APPNAME under which CUC writes the alert is not published")
ALARM_KEY_ROTATION_SEVERITY = 4  # [U] lab choice (4 = warning); the catalogue is not in hand
ALARM_KEY_ROTATION_TEXT = Fact(
    "Authorization keys have changed on Cisco Unified CM; Unity Connection cannot validate "
    f"Jabber tokens until the keys are synchronized ({PAGE_AUTHZ_SERVERS} > {ACTION_SYNC_KEYS})",
    "S12 (paraphrased by the lab)", confirmed=False,
    note="the alert's own description text is not published; this paraphrases S12",
)

# --- Lab traces and the voicemail API -------------------------------------------------------------
TRACE_AUTHZ = Fact("cuc-authz:", "lab choice", confirmed=False,
                   note="S12 names diagnostic traces for the Authz server but not their "
                   "component name or line format; this process name is the lab's")
TRACE_VMREST = Fact("cuc-vmrest:", "lab choice", confirmed=False,
                    note="lab trace of the voicemail REST API's token decisions")
VM_INBOX_PATH = Fact(
    "/vmrest/mailbox/folders/inbox/messages", "lab choice", confirmed=False,
    note="a CUMI inbox path; the exact request Jabber's voicemail makes is not in the fact "
    "sheet",
)
VM_MESSAGES_XML = Fact(
    '<Messages total="{total}">{items}</Messages>', "lab choice", confirmed=False,
    note="modelled on CUMI's <Messages total=...> list; the fields inside are the lab's",
)
OAUTH_OFF_TEXT = Fact(
    f"{facts.PARAM_REFRESH_FLOW} is {facts.DISABLED} on this Unity Connection server "
    f"({PAGE_ENTERPRISE_PARAMETERS} > {facts.PARAM_SECTION}), so it accepts no OAuth access "
    "token", "lab choice", confirmed=False,
    note="the real server's answer to a Bearer token with the feature off is not documented",
)
ROLE_SYSTEM_ADMIN = Fact("System Administrator", "CUC role name", confirmed=False,
                         note="CUC administrator role; not in the fact sheet")
#: The lab's Unity Connection administrator (a lab value, like LAB_PASSWORD).
CUC_ADMIN = "cucadmin"
#: How long an uploaded Tomcat certificate stays valid unless told otherwise [U lab value].
TRUST_DEFAULT_SECONDS = 5 * 365 * 86400

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_HOST = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9.\-:]{0,253}[A-Za-z0-9])?\Z")
_NAME_MAX = 128
_XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'

PARAM_SPECS: tuple[ParamSpec, ...] = (
    ParamSpec(facts.PARAM_REFRESH_FLOW, str(facts.DISABLED),
              choices=(str(facts.ENABLED), str(facts.DISABLED)), available=supports_refresh),
    ParamSpec(facts.PARAM_IOS_SSO, str(facts.IOS_EMBEDDED),
              choices=(str(facts.IOS_EMBEDDED), str(facts.IOS_NATIVE))),
)
"""CUC's "SSO and OAuth Configuration" section: "OAuth with Refresh Login Flow", Disabled by
default (S13, S6, S9), and "SSO Login Behavior for iOS", the same setting as CUCM's (S11, S23);
its CUC default is taken to be CUCM's, "Use Embedded Browser" [U]."""


class AuthzServerError(UclabError):
    """An Authz Server page error: ``message`` is the exact text the page shows (S12)."""

    def __init__(self, message: Fact, display_name: str, detail: str = "") -> None:
        super().__init__(str(message))
        self.message = message
        self.display_name = display_name
        self.detail = detail


@dataclass(frozen=True)
class TrustedCertificate:
    """A CUCM Tomcat certificate in CUC's tomcat-trust, with its validity (epoch seconds)."""

    host: str
    valid_from: int
    valid_until: int


@dataclass(eq=False)
class AuthzServer:
    """One row of Search Authz Servers; the fields of the CUPI object (S14).

    The password is kept (CUC needs it to log in to CUCM at every sync) but never shown: not
    in ``repr``, not in the REST answer (``<ServerPassword />``), not in any log line.
    """

    object_id: str
    display_name: str
    server_node_address: str
    port: int
    server_username: str
    ignore_certificate_errors: bool
    password: str = field(repr=False, compare=False)
    last_sync_status: str = ""
    keys: AuthzKeys | None = field(default=None, repr=False)
    cluster: CucmCluster | None = field(default=None, repr=False)

    def rest_fields(self) -> list[tuple[str, str]]:
        """The object's fields in S14's order, as strings; ServerPassword is always empty."""
        return [(FIELD_OBJECT_ID, self.object_id), (FIELD_DISPLAY_NAME, self.display_name),
                (FIELD_IGNORE_CERT, "true" if self.ignore_certificate_errors else "false"),
                (FIELD_USERNAME, self.server_username), (FIELD_PASSWORD, ""),
                (FIELD_ADDRESS, self.server_node_address), (FIELD_PORT, str(self.port)),
                (FIELD_LAST_SYNC, self.last_sync_status)]

    def to_xml(self) -> str:
        """``<AuthzServer>...</AuthzServer>`` as in S14's listing."""
        inner = "".join(f"<{k} />" if v == "" else f"<{k}>{html.escape(v, quote=False)}</{k}>"
                        for k, v in self.rest_fields())
        return f"<{XML_ITEM}>{inner}</{XML_ITEM}>"


@dataclass(frozen=True)
class SyncResult:
    """The outcome of one key sync: ``message`` is None on success, else the S12 text."""

    display_name: str
    ok: bool
    last_sync_status: str
    message: Fact | None = None
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.display_name}: {self.last_sync_status}" + (
            f" — {self.message}" if self.message else "")


def format_sync_status(result: str, ms: int) -> str:
    """``LastSyncStatus`` text, e.g. ``Passed - May 12,2017 07:00:53 AM GMT`` (S14)."""
    dt = datetime.fromtimestamp(ms / 1000, tz=UTC)
    date = SYNC_DATE_FORMAT.format(month=_MONTHS[dt.month - 1], day=dt.day, year=dt.year,
                                   hour12=(dt.hour % 12) or 12, minute=dt.minute,
                                   second=dt.second, ampm="AM" if dt.hour < 12 else "PM")
    return f"{result} - {date}"


def _token_kid(token: Any) -> str | None:
    """The ``kid`` of a compact JWS header, or None for anything that is not one."""
    if not isinstance(token, str) or len(token) > defaults.MAX_TOKEN_LENGTH:
        return None
    head = token.split(".", 1)[0]
    try:
        header = json.loads(base64.urlsafe_b64decode(head + "=" * (-len(head) % 4)))
    except (ValueError, UnicodeDecodeError, RecursionError, binascii.Error):
        return None
    kid = header.get("kid") if isinstance(header, dict) else None
    return kid if isinstance(kid, str) else None


def _require_text(value: Any, what: str, limit: int = _NAME_MAX) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{what} is required (got {value!r})")
    text = value.strip()
    if len(text) > limit or any(ord(c) < 32 for c in text):
        raise ConfigError(f"{what} must be 1-{limit} printable characters (got {value[:40]!r})")
    return text


def unity_parameters(version: Version) -> EnterpriseParameters:
    """Unity Connection's own enterprise parameters (SSO and OAuth Configuration section)."""
    return EnterpriseParameters(version, PARAM_SPECS, product="Unity Connection",
                                page=str(PAGE_ENTERPRISE_PARAMETERS))


class UnityConnection:
    """A Unity Connection publisher: Authz Servers, its key copies and a voicemail REST API.

    Cisco docs: Unity Connection System Administration Guide, "Authz Server" (S13); CUPI API,
    "Authorization Server" (S14); Troubleshooting Guide for Cisco Unity Connection 14,
    "Troubleshooting Authorization Code Grant Flow" (S12).
    """

    def __init__(self, ctx: NodeContext, host: str = "cuc-pub.example.com",
                 version: str = "14.0(1)", *, admin_password: str) -> None:
        self.ctx = ctx
        self.host = _require_text(host, "host", 253).lower()
        self.version = Version.parse(version)
        self.ports: tuple[int, ...] = (443, 8443)
        self.entropy = ctx.entropy.child(f"cuc/{self.host}")
        self.params = unity_parameters(self.version)
        self.admins = Directory(self.entropy.child("users"))
        self.admins.add_application_user(CUC_ADMIN, admin_password, (str(ROLE_SYSTEM_ADMIN),))
        self._servers: dict[str, AuthzServer] = {}
        self._trust: dict[str, TrustedCertificate] = {}
        self._listeners: dict[int, Callable[[str, AuthzKeys], None]] = {}
        self._seq = itertools.count()
        ctx.network.attach(self, self.host.split(".")[0])

    def __repr__(self) -> str:
        return (f"UnityConnection({self.host!r}, {self.version}, "
                f"authz_servers={[s.display_name for s in self._servers.values()]}, "
                f"oauth={'on' if self.refresh_enabled else 'off'})")

    # -- enterprise parameters --------------------------------------------------------------------
    def set_parameter(self, name: str, value: str) -> None:
        """System Settings > Enterprise Parameters > SSO and OAuth Configuration (S13)."""
        self.params.set(name, value)

    def enable_refresh_logins(self, enabled: bool = True) -> None:
        """Set "OAuth with Refresh Login Flow" to Enabled (or Disabled) on CUC (S13, S6, S9)."""
        self.params.set(str(facts.PARAM_REFRESH_FLOW),
                        str(facts.ENABLED if enabled else facts.DISABLED))

    @property
    def refresh_enabled(self) -> bool:
        return self.params.refresh_enabled

    # -- tomcat-trust -----------------------------------------------------------------------------
    def upload_tomcat_trust(self, host: str, *, valid_from: int | None = None,
                            valid_until: int | None = None) -> TrustedCertificate:
        """Upload a CUCM node's Tomcat certificate to CUC's tomcat-trust (S12: Cisco Unified
        OS Administration > Security > Certificate Management > Upload Certificate).

        ``valid_from``/``valid_until`` are epoch seconds; by default the certificate is valid
        from now for 5 years [U lab value].
        """
        name = _require_text(host, "host", 253).lower()
        now = self.ctx.clock.now()
        start = now if valid_from is None else valid_from
        end = start + TRUST_DEFAULT_SECONDS if valid_until is None else valid_until
        if any(isinstance(v, bool) or not isinstance(v, int) for v in (start, end)):
            raise ConfigError("valid_from and valid_until are epoch seconds (int)")
        if end <= start:
            raise ConfigError(f"valid_until ({end}) must be after valid_from ({start})")
        cert = TrustedCertificate(name, start, end)
        with self.ctx.lock:
            self._trust[name] = cert
        return cert

    @property
    def tomcat_trust(self) -> dict[str, TrustedCertificate]:
        """CUC's tomcat-trust: CUCM host -> uploaded certificate (starts empty)."""
        return dict(self._trust)

    # -- Authz Servers ----------------------------------------------------------------------------
    @property
    def authz_servers(self) -> list[AuthzServer]:
        """The rows of Search Authz Servers."""
        return list(self._servers.values())

    def authz_server(self, display_name: str) -> AuthzServer:
        server = self._servers.get(display_name.lower()) if isinstance(display_name, str) \
            else None
        if server is None:
            known = ", ".join(repr(s.display_name) for s in self._servers.values()) or "none"
            raise ConfigError(f"no Authz server is called {display_name!r} (configured: {known})")
        return server

    def add_authz_server(self, display_name: str, server_node_address: str, username: str,
                         password: str, port: int = DEFAULT_PORT,
                         ignore_certificate_errors: bool = False) -> AuthzServer:
        """Add New on System Settings > Authz Servers, then Save (S13).

        Saving fetches the keys from CUCM; on failure nothing is saved and
        :class:`AuthzServerError` carries the S12 message [U lab choice, see module doc].
        """
        self._require_feature()
        server = self._new_server(display_name, server_node_address, username, password, port,
                                  ignore_certificate_errors)
        with self.ctx.lock:
            if server.display_name.lower() in self._servers:
                raise ConfigError(f"an Authz server called {server.display_name!r} already "
                                  "exists")
            result = self._sync(server)
            if not result.ok:
                assert result.message is not None
                raise AuthzServerError(result.message, server.display_name, result.detail)
            self._servers[server.display_name.lower()] = server
            self._watch(server.cluster)
        return server

    def delete_authz_servers(self, *display_names: str) -> list[str]:
        """Delete Selected (S13): removes the servers and CUC's copies of their keys."""
        if not display_names:
            raise ConfigError("select at least one Authz server to delete")
        chosen = [self.authz_server(name) for name in display_names]
        with self.ctx.lock:
            for server in chosen:
                self._servers.pop(server.display_name.lower(), None)
                self._unwatch(server.cluster)
                self._trace(TRACE_AUTHZ, ("Action", "Delete"),
                            ("AuthzServer", server.display_name))
        return [s.display_name for s in chosen]

    def sync_keys(self, display_name: str | None = None) -> list[SyncResult]:
        """Sync Keys on Search Authz Servers (S12, S13): fetch the keys again.

        ``display_name=None`` syncs every server [U]. A failed sync keeps the old keys and
        sets LastSyncStatus to ``Failed - <date>`` [U].
        """
        if display_name is None:
            chosen = self.authz_servers
            if not chosen:
                raise ConfigError("no Authz server is configured; use Add New first")
        else:
            chosen = [self.authz_server(display_name)]
        with self.ctx.lock:
            return [self._sync(server) for server in chosen]

    def held_keys(self) -> list[AuthzKeys]:
        """CUC's own key copies, one per synced Authz server."""
        return [s.keys for s in self._servers.values() if s.keys is not None]

    # -- Authz Server internals -------------------------------------------------------------------
    def _require_feature(self) -> None:
        if not supports_refresh(self.version):
            raise ConfigError(f"{PAGE_AUTHZ_SERVERS} exists from Unity Connection "
                              f"{REFRESH_FROM} (this server runs {self.version})")

    def _new_server(self, display_name: Any, address: Any, username: Any, password: Any,
                    port: Any, ignore: Any) -> AuthzServer:
        name = _require_text(display_name, "Display Name")
        host = _require_text(address, "Server Node Address", 253)
        if not _HOST.match(host):
            raise ConfigError(f"{host!r} is not a host name or IP address")
        user = _require_text(username, "Username")
        if not isinstance(password, str) or not password:
            raise ConfigError("Password is required")
        if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
            raise ConfigError(f"Port must be a whole number 1-65535 (got {port!r})")
        if not isinstance(ignore, bool):
            raise ConfigError(f"{LABEL_IGNORE_CERTIFICATE_ERRORS} is True or False "
                              f"(got {ignore!r})")
        return AuthzServer(self.entropy.uuid4(), name, host, port, user, ignore, password)

    def _sync(self, server: AuthzServer) -> SyncResult:
        cluster, message, detail = self._contact(server)
        ms = self.ctx.clock.ms
        if message is None:
            assert cluster is not None
            server.keys = cluster.fetch_keys()
            server.cluster = cluster
            server.last_sync_status = format_sync_status(SYNC_PASSED, ms)
            detail = (f"signing key checksum {server.keys.signing_checksum}, encryption key "
                      f"checksum {server.keys.encryption_checksum}")
        else:
            server.last_sync_status = format_sync_status(SYNC_FAILED, ms)
        result = SyncResult(server.display_name, message is None, server.last_sync_status,
                            message, detail)
        self._trace(TRACE_AUTHZ, ("Action", "SyncKeys"), ("AuthzServer", server.display_name),
                    ("ServerNodeAddress", server.server_node_address),
                    ("Port", server.port), ("ServerUsername", server.server_username),
                    ("Result", SYNC_PASSED if result.ok else SYNC_FAILED),
                    *((("Message", message),) if message else ()), ("Detail", detail),
                    secret=server.password)
        return result

    def _contact(self, server: AuthzServer) -> tuple[CucmCluster | None, Fact | None, str]:
        """What CUC meets when it fetches the keys: (cluster, S12 message or None, detail)."""
        host = server.server_node_address.lower()
        node = self.ctx.network.nodes.get(host)
        if node is None:
            return None, ERR_CONNECT_NETWORK, f"could not resolve {host} (no such node)"
        if server.port not in node.ports:
            return None, ERR_CONNECT_NETWORK, f"{host} does not listen on port {server.port}"
        cert_error, cert_detail = self._check_certificate(host, server.ignore_certificate_errors)
        if cert_error is not None:
            return None, cert_error, cert_detail
        if not isinstance(node, CucmNode) or not supports_refresh(node.cluster.version):
            what = f"CUCM {node.cluster.version}" if isinstance(node, CucmNode) else "not CUCM"
            return None, ERR_CONNECT, (f"{host} offers no Authz key service ({what}; needs "
                                       f"CUCM {REFRESH_FROM} or later)")
        return node.cluster, *self._check_account(node.cluster, server)

    def _check_certificate(self, host: str, ignore: bool) -> tuple[Fact | None, str]:
        """CUC checks the CUCM Tomcat certificate against its tomcat-trust (S12, S13)."""
        if ignore:
            return None, f"{LABEL_IGNORE_CERTIFICATE_ERRORS} is ticked: certificate not checked"
        cert = self._trust.get(host)
        now = self.ctx.clock.now()
        if cert is None:
            return ERR_CERT_UNTRUSTED, f"no certificate for {host} in {TOMCAT_TRUST}"
        window = f"valid {epoch_to_iso(cert.valid_from)} to {epoch_to_iso(cert.valid_until)}"
        if now < cert.valid_from:
            return ERR_CERT_NOT_YET_VALID, f"{host}: {window}, now {epoch_to_iso(now)}"
        if now > cert.valid_until:
            return ERR_CERT_EXPIRED, f"{host}: {window}, now {epoch_to_iso(now)}"
        return None, f"{host}: {window}"

    @staticmethod
    def _check_account(cluster: CucmCluster, server: AuthzServer) -> tuple[Fact | None, str]:
        """The account must log in to CUCM and hold AXL access (S1; S13: an admin account)."""
        user = cluster.users.authenticate(server.server_username, server.password)
        if user is None:
            return ERR_NOT_AUTHORIZED, f"CUCM rejected the credentials of " \
                                       f"{server.server_username!r}"
        if str(facts.ROLE_AXL) not in user.roles:
            return ERR_NOT_AUTHORIZED, (f"{server.server_username!r} has no "
                                        f"'{facts.ROLE_AXL}' role on CUCM")
        return None, "account accepted"

    # -- key change on CUCM -> EvtAuthzKeyRotation (S12) -----------------------------------------
    def _watch(self, cluster: CucmCluster | None) -> None:
        if cluster is None or id(cluster) in self._listeners:
            return

        def listener(kind: str, new_keys: AuthzKeys) -> None:
            self._on_key_change(cluster, kind, new_keys)

        self._listeners[id(cluster)] = listener
        cluster.key_listeners.append(listener)

    def _unwatch(self, cluster: CucmCluster | None) -> None:
        if cluster is None or any(s.cluster is cluster for s in self._servers.values()):
            return
        listener = self._listeners.pop(id(cluster), None)
        if listener is not None and listener in cluster.key_listeners:
            cluster.key_listeners.remove(listener)

    def _on_key_change(self, cluster: CucmCluster, kind: str, new_keys: AuthzKeys) -> None:
        """CUCM keys changed: raise EvtAuthzKeyRotation, keep the stale copy (S12)."""
        with self.ctx.lock:
            for server in self._servers.values():
                if server.cluster is cluster and server.keys is not new_keys:
                    self._alarm_key_rotation(server, kind)

    def _alarm_key_rotation(self, server: AuthzServer, kind: str) -> LogLine:
        """The EvtAuthzKeyRotation alert, written to CiscoSyslog (S12; line format [U])."""
        fields = (("seq", next(self._seq)), ("app", CISCOLOG_APP),
                  ("severity", ALARM_KEY_ROTATION_SEVERITY), ("name", ALARM_KEY_ROTATION),
                  ("AuthzServer", server.display_name),
                  ("ServerNodeAddress", server.server_node_address), ("KeyType", kind),
                  ("NodeID", self.host.split(".")[0]), ("text", ALARM_KEY_ROTATION_TEXT))
        return self.ctx.log(LogLine(self.ctx.clock.ms, self.host, "ciscosyslog",
                                    str(CISCOLOG_FACILITY), fields))

    def _trace(self, process: Fact, *fields: tuple[str, Any], secret: str = "") -> LogLine:
        """One line of the lab's own trace (dialect ``syslog``; format [U])."""
        secrets = ((secret, CONCEALED),) if secret else ()
        return self.ctx.log(LogLine(self.ctx.clock.ms, self.host, "syslog", str(process),
                                    tuple(fields), secrets=secrets))

    # -- token validation -------------------------------------------------------------------------
    def validate(self, token: Any) -> Validation:
        """Validate a Jabber access token with CUC's own key copies (the shared validator).

        The user-active check asks the CUCM cluster whose keys signed the token (S2 order).
        """
        server = self._server_for(token)
        if server is not None and server.cluster is not None:
            return validate_access_token(token, server.keys, now=self.ctx.clock.now(),
                                         user_active=server.cluster.users.is_active,
                                         node=self.host)
        return validate_access_token(token, self.held_keys(), now=self.ctx.clock.now(),
                                     node=self.host)

    def _server_for(self, token: Any) -> AuthzServer | None:
        kid = _token_kid(token)
        for server in self._servers.values():
            if kid is not None and server.keys is not None and server.keys.signing_kid == kid:
                return server
        return None

    # -- HTTP -------------------------------------------------------------------------------------
    def handle(self, req: Request) -> Response:
        """Route ``/vmrest/authz/server[/<id>]`` (S14) and the voicemail inbox (lab path)."""
        path = req.path.rstrip("/")
        base = str(REST_AUTHZ_SERVER).rstrip("/")
        if path == base or path.startswith(base + "/"):
            return self._only_get(req) or self._rest_authz(req, path[len(base) + 1:])
        if path == str(VM_INBOX_PATH):
            return self._only_get(req) or self._inbox(req)
        return Response.make(404, {"error": "not_found",
                                   "error_description": f"no resource at {req.path[:80]}"})

    @staticmethod
    def _only_get(req: Request) -> Response | None:
        if req.method == "GET":
            return None
        return Response.make(405, {"error": "method_not_allowed",
                                   "error_description": f"{req.method} is not allowed here"},
                             {"Allow": "GET"})

    def _basic_user(self, req: Request, directory: Directory) -> Any:
        try:
            creds = req.basic_auth()
        except OAuthError:
            return None
        return directory.authenticate(*creds) if creds else None

    def _basic_challenge(self) -> dict[str, str]:
        return {"WWW-Authenticate": f'Basic realm="{self.host}"'}

    def _rest_authz(self, req: Request, object_id: str) -> Response:
        """CUPI ``GET /vmrest/authz/server/[<ObjectId>]`` with admin Basic auth, XML (S14)."""
        admin = self._basic_user(req, self.admins)
        if admin is None or str(ROLE_SYSTEM_ADMIN) not in admin.roles:
            return Response.make(401, b"", self._basic_challenge())
        xml = {"Content-Type": "application/xml"}
        if object_id:
            for server in self._servers.values():
                if server.object_id == object_id:
                    return Response.make(200, _XML_HEAD + server.to_xml(), xml)
            return Response.make(404, {"error": "not_found", "error_description":
                                       f"no Authz server has ObjectId {object_id[:40]!r}"})
        return Response.make(200, self.authz_servers_xml(), xml)

    def authz_servers_xml(self) -> str:
        """The S14 listing: ``<AuthzServers total="n"><AuthzServer>...``."""
        items = "".join(s.to_xml() for s in self._servers.values())
        return f'{_XML_HEAD}<{XML_LIST} total="{len(self._servers)}">{items}</{XML_LIST}>'

    def _inbox(self, req: Request) -> Response:
        auth = req.headers.get("authorization") or ""
        scheme, _, credential = auth.partition(" ")
        if scheme.lower() == "bearer":
            return self._inbox_bearer(credential.strip())
        if scheme.lower() == "basic":
            user = self._basic_user(req, self.ctx.peers.require("cucm").users)
            if user is None or user.application_user:
                return Response.make(401, b"", self._basic_challenge())
            return self._mailbox(user.user_id)
        challenges = [f'Basic realm="{self.host}"']
        if self.refresh_enabled:
            challenges.insert(0, f'Bearer realm="{self.host}"')
        return Response.make(401, b"", {"WWW-Authenticate": ", ".join(challenges)})  # RFC 7235

    def _inbox_bearer(self, token: str) -> Response:
        if not self.refresh_enabled:
            return self._reject(token, "oauth disabled", str(OAUTH_OFF_TEXT))
        result = self.validate(token)
        if not result.ok:
            failed = result.failed
            return self._reject(token, failed.check if failed else "token", result.reason)
        return self._mailbox(str((result.claims or {}).get("sub", "")))

    def _reject(self, token: str, check: str, reason: str) -> Response:
        """401 per RFC 6750 §3.1, and a trace line with the token concealed."""
        description = safe_description(reason.replace("\u2026", "..."))
        self._trace(TRACE_VMREST, ("Detail", "Bearer token rejected"), ("Check", check),
                    ("Reason", reason), ("Token", token), secret=token)
        challenge = (f'Bearer realm="{self.host}", error="invalid_token", '
                     f'error_description="{description}"')
        return Response.make(401, {"error": "invalid_token", "error_description": description},
                             {"WWW-Authenticate": challenge, "Cache-Control": "no-store"})

    def _mailbox(self, user_id: str) -> Response:
        """A small inbox for ``user_id`` (lab shape, see VM_MESSAGES_XML)."""
        name = html.escape(user_id, quote=False)
        items = (f"<Message><Subject>Lab voice message for {name}</Subject>"
                 "<Read>false</Read></Message>")
        body = _XML_HEAD + VM_MESSAGES_XML.format(total=1, items=items)
        return Response.make(200, body, {"Content-Type": "application/xml"})
