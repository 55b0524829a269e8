"""What the AuthZ service remembers: clients, one-use codes, pending logins, refresh tokens.

Refresh tokens are stored so that they can be revoked (S1, S2); the lab's rows have the columns
of CUCM's ``refreshtokendetails`` table as S1's SQL query names them (pkid, refreshtokenindex,
userid, clientid, validity, state).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import threading
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from uclab.core.entropy import Entropy
from uclab.core.errors import ConfigError
from uclab.facts import REFRESH_TABLE_COLUMNS, SCOPE_UC

CODE_GRANTS = frozenset({"authorization_code", "refresh_token"})


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_redirect_uri(uri: str) -> None:
    """RFC 6749 §3.1.2, RFC 8252 §7, RFC 9700 §2.6: absolute, no fragment, https, or http only
    on a loopback IP literal, or a private-use scheme for a native app."""
    if not isinstance(uri, str) or not uri:
        raise ConfigError("a redirect URI must be a non-empty string")
    parts = urlsplit(uri)
    if not parts.scheme:
        raise ConfigError(f"redirect URI {uri!r} is not absolute (RFC 6749 §3.1.2)")
    if parts.fragment or "#" in uri:
        raise ConfigError(f"redirect URI {uri!r} must not contain a fragment (RFC 6749 §3.1.2)")
    if parts.scheme == "http" and not _is_loopback(parts.hostname or ""):
        raise ConfigError(f"redirect URI {uri!r} uses cleartext http; only https, a loopback IP "
                          "literal (http://127.0.0.1:port/...) or an app's private scheme are "
                          "allowed (RFC 9700 §2.6)")
    if parts.scheme in ("https",) and not parts.hostname:
        raise ConfigError(f"redirect URI {uri!r} has no host")
    if parts.scheme in ("javascript", "data", "file", "vbscript"):
        raise ConfigError(f"redirect URI scheme {parts.scheme!r} is not allowed")


def redirect_matches(registered: tuple[str, ...], uri: str) -> bool:
    """Exact string match; only the port of a loopback http URI may vary (RFC 8252 §7.3)."""
    if uri in registered:
        return True
    parts = urlsplit(uri)
    if parts.scheme != "http" or not _is_loopback(parts.hostname or ""):
        return False
    for reg in registered:
        r = urlsplit(reg)
        if r.scheme == "http" and r.hostname == parts.hostname and r.path == parts.path \
                and r.query == parts.query:
            return True
    return False


def _secret_hash(secret: str) -> bytes:
    return hashlib.sha256(secret.encode()).digest()


@dataclass
class Client:
    """A registered OAuth client: Cisco ids are ``C`` + 64 hex (S1, S25)."""

    client_id: str
    name: str
    redirect_uris: tuple[str, ...]
    grant_types: frozenset[str]
    scope: str = str(SCOPE_UC)
    secret_hash: bytes | None = field(default=None, repr=False)
    #: a Webex client: only these may have their refresh token renewed (CUCM 15, S3)
    webex: bool = False

    @property
    def confidential(self) -> bool:
        return self.secret_hash is not None

    def secret_matches(self, secret: str) -> bool:
        """Constant-time comparison of a presented secret (checklist C8)."""
        if self.secret_hash is None or not isinstance(secret, str):
            return False
        return hmac.compare_digest(_secret_hash(secret), self.secret_hash)


@dataclass
class CodeGrant:
    code_hash: bytes
    client_id: str
    redirect_uri: str | None
    user_id: str
    scope: str
    expires_at: int
    used: bool = False
    refresh_tid: str | None = None
    redirect_required: bool = True
    #: the PKCE challenge bound to the code (RFC 7636 §4.4), when the profile checks PKCE
    code_challenge: str | None = None
    code_challenge_method: str | None = None


@dataclass
class PendingLogin:
    """An authorization request waiting for the user to log in (CUCM form or SAML IdP)."""

    request_id: str
    client_id: str
    redirect_uri: str
    response_type: str
    state: str | None
    scope: str
    csrf_token: str
    expires_at: int
    redirect_given: bool = True
    code_challenge: str | None = None
    code_challenge_method: str | None = None


@dataclass
class RefreshTokenRow:
    """One row of the lab's ``refreshtokendetails`` table."""

    pkid: str
    refreshtokenindex: str
    userid: str
    clientid: str
    validity: int
    state: str = "active"
    #: the scope the resource owner granted (RFC 6749 §6); not one of S1's columns
    scope: str = ""
    #: when the token was issued (epoch seconds; not one of S1's columns): the 50 % point of
    #: CUCM 15's refresh-token renewal is measured from here (S3)
    issued_at: int = 0

    def as_row(self) -> dict[str, object]:
        """The row with S1's columns, in S1's order."""
        return {column: getattr(self, column) for column in REFRESH_TABLE_COLUMNS.split(",")}


class Store:
    """All AuthZ state of one cluster, guarded by one lock."""

    def __init__(self, entropy: Entropy) -> None:
        self.rng = entropy
        self.lock = threading.RLock()
        self.clients: dict[str, Client] = {}
        self.codes: dict[bytes, CodeGrant] = {}
        self.pending: dict[str, PendingLogin] = {}
        self.refresh: dict[str, RefreshTokenRow] = {}

    # clients ------------------------------------------------------------------------------
    def new_client_id(self) -> str:
        return "C" + self.rng.hex(32)

    def add_client(self, client: Client) -> Client:
        for uri in client.redirect_uris:
            check_redirect_uri(uri)
        with self.lock:
            if client.client_id in self.clients:
                raise ConfigError(f"client {client.client_id} is already registered")
            self.clients[client.client_id] = client
        return client

    def client(self, client_id: str | None) -> Client | None:
        return self.clients.get(client_id) if isinstance(client_id, str) else None

    @staticmethod
    def secret_hash(secret: str) -> bytes:
        return _secret_hash(secret)

    # codes (stored hashed: a store dump reveals no usable code) -----------------------------
    def put_code(self, code: str, grant: CodeGrant) -> None:
        with self.lock:
            self.codes[grant.code_hash] = grant

    def code(self, code: str) -> CodeGrant | None:
        return self.codes.get(hashlib.sha256(code.encode()).digest())

    # refresh tokens -------------------------------------------------------------------------
    def add_refresh(self, row: RefreshTokenRow) -> None:
        with self.lock:
            self.refresh[row.refreshtokenindex] = row

    def revoke(self, user_id: str, client_id: str | None = None) -> int:
        with self.lock:
            n = 0
            for row in self.refresh.values():
                if row.userid == user_id and row.state == "active" and \
                        (client_id is None or row.clientid == client_id):
                    row.state = "revoked"
                    n += 1
            return n

    def revoke_all(self) -> int:
        with self.lock:
            rows = [r for r in self.refresh.values() if r.state == "active"]
            for row in rows:
                row.state = "revoked"
            return len(rows)

    def purge_expired(self, now: int) -> int:
        """The daily 02:00 purge of expired rows (S1)."""
        with self.lock:
            gone = [k for k, r in self.refresh.items() if r.validity < now]
            for k in gone:
                del self.refresh[k]
            return len(gone)

    def rows(self) -> list[dict[str, object]]:
        """The rows of the refresh-token table, as S1's ``run sql select ...`` shows them."""
        return [r.as_row() for r in self.refresh.values()]
