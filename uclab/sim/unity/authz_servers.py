"""Unity Connection's Authz Servers: the pages (S13), the CUPI "Authorization Server" object
(S14), the pages' error messages (S12) and the input the New Authz Server page accepts."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from uclab.core.entropy import Entropy
from uclab.core.errors import ConfigError, UclabError
from uclab.facts import Fact
from uclab.protocols.keys import AuthzKeys
from uclab.sim.cucm.node import CucmCluster

# --- Connection Administration pages (S13, S12) -------------------------------------------------
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

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_HOST = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9.\-:]{0,253}[A-Za-z0-9])?\Z")
_NAME_MAX = 128


class AuthzServerError(UclabError):
    """An Authz Server page error: ``message`` is the exact text the page shows (S12)."""

    def __init__(self, message: Fact, display_name: str, detail: str = "") -> None:
        super().__init__(str(message))
        self.message = message
        self.display_name = display_name
        self.detail = detail


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


def require_text(value: Any, what: str, limit: int = _NAME_MAX) -> str:
    """``value`` stripped, or :class:`ConfigError` unless it is 1-``limit`` printable chars."""
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{what} is required (got {value!r})")
    text = value.strip()
    if len(text) > limit or any(ord(c) < 32 for c in text):
        raise ConfigError(f"{what} must be 1-{limit} printable characters (got {value[:40]!r})")
    return text


def new_authz_server(entropy: Entropy, display_name: Any, address: Any, username: Any,
                     password: Any, port: Any, ignore: Any) -> AuthzServer:
    """The row the New Authz Server page would save, its input checked; the ObjectId is drawn
    from ``entropy`` only once the input is good."""
    name = require_text(display_name, "Display Name")
    host = require_text(address, "Server Node Address", 253)
    if not _HOST.match(host):
        raise ConfigError(f"{host!r} is not a host name or IP address")
    user = require_text(username, "Username")
    if not isinstance(password, str) or not password:
        raise ConfigError("Password is required")
    if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
        raise ConfigError(f"Port must be a whole number 1-65535 (got {port!r})")
    if not isinstance(ignore, bool):
        raise ConfigError(f"{LABEL_IGNORE_CERTIFICATE_ERRORS} is True or False "
                          f"(got {ignore!r})")
    return AuthzServer(entropy.uuid4(), name, host, port, user, ignore, password)
