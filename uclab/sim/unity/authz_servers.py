"""Unity Connection's Authz Servers: a row of the pages (S13) as the CUPI "Authorization Server"
object (S14), its LastSyncStatus, the page errors (messages: S12) and the input the New Authz
Server page accepts. The page, field and message names are :mod:`uclab.facts.unity`'s."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from uclab.core.entropy import Entropy
from uclab.core.errors import ConfigError, UclabError
from uclab.facts import (
    FIELD_ADDRESS,
    FIELD_DISPLAY_NAME,
    FIELD_IGNORE_CERT,
    FIELD_LAST_SYNC,
    FIELD_OBJECT_ID,
    FIELD_PASSWORD,
    FIELD_PORT,
    FIELD_USERNAME,
    LABEL_DISPLAY_NAME,
    LABEL_IGNORE_CERTIFICATE_ERRORS,
    LABEL_PASSWORD,
    LABEL_PORT,
    LABEL_SERVER_NODE_ADDRESS,
    LABEL_USERNAME,
    SYNC_DATE_FORMAT,
    XML_ITEM,
    Fact,
)
from uclab.protocols.keys import AuthzKeys
from uclab.sim.cucm.cluster import CucmCluster

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
    name = require_text(display_name, LABEL_DISPLAY_NAME)
    host = require_text(address, LABEL_SERVER_NODE_ADDRESS, 253)
    if not _HOST.match(host):
        raise ConfigError(f"{host!r} is not a host name or IP address")
    user = require_text(username, LABEL_USERNAME)
    if not isinstance(password, str) or not password:
        raise ConfigError(f"{LABEL_PASSWORD} is required")
    if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
        raise ConfigError(f"{LABEL_PORT} must be a whole number 1-65535 (got {port!r})")
    if not isinstance(ignore, bool):
        raise ConfigError(f"{LABEL_IGNORE_CERTIFICATE_ERRORS} is True or False "
                          f"(got {ignore!r})")
    return AuthzServer(entropy.uuid4(), name, host, port, user, ignore, password)
